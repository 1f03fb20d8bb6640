"""What every prison page shares: records asked for by id answer 404 when one may not
see them (the attempt is audited), and a refused step shows its translated errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.http import urlencode

from paccto.core.views import PlatformView
from paccto.prisons import services

T = TypeVar("T")


def inmate_url(pk: int, justification: str) -> str:
    """The inmate page, consulted for a stated reason."""
    query = urlencode({"justification": justification})
    return f"{reverse('prisons:inmate_detail', args=[pk])}?{query}"


class PrisonsView(PlatformView):
    def found(self, get: Callable[..., T], object_type: str, pk: Any, action: str = "view") -> T:
        """One record through its selector, or 404 with the attempt audited."""
        try:
            return get(actor=self.actor, pk=pk, action=action)
        except Http404:
            services.prisons_access_refused(
                actor=self.actor, object_type=object_type, object_id=pk, attempted=action
            )
            raise

    def flash_errors(self, exc: ValidationError) -> None:
        for message in exc.messages:
            messages.error(self.request, message)

    def justification(self) -> str:
        """The reason of the page the form was posted from (its inmate page)."""
        return str(self.request.POST.get("justification", ""))[:500]
