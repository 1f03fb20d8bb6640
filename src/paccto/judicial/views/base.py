"""The base of the judicial pages: a record one may not see answers 404 and the attempt
is audited; input refused before it reaches a service is audited too."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404

from paccto.core.views import PlatformView
from paccto.judicial import selectors, services
from paccto.judicial.models import Judgment, JudicialRequest
from paccto.judicial.services.access import REQUEST


class JudicialView(PlatformView):
    def request_or_404(self, pk: int, action: str = "view") -> JudicialRequest:
        try:
            return selectors.judicial_request_get(actor=self.actor, pk=pk, action=action)
        except Http404:
            services.judicial_access_refused(actor=self.actor, object_type=REQUEST, object_id=pk)
            raise

    def judgment_or_404(self, pk: int, action: str = "view") -> Judgment:
        try:
            return selectors.judgment_get(actor=self.actor, pk=pk, action=action)
        except Http404:
            services.judicial_access_refused(
                actor=self.actor, object_type="judicial.judgment", object_id=pk
            )
            raise

    def refused_form(self, event: str, form: Any, obj: models.Model | None = None) -> None:
        """Audit a form refused before any service ran (the fields in error)."""
        services.judicial_refusal_record(
            actor=self.actor, event=event, fields=list(form.errors), obj=obj
        )

    def flash_errors(self, exc: ValidationError) -> None:
        for message in exc.messages:
            messages.error(self.request, message)

    def flash_form_errors(self, form: Any) -> None:
        for errors in form.errors.values():
            for error in errors:
                messages.error(self.request, error)
