"""Pages of hit/no-hit: the check, and the hits on one's own records."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from paccto.core.views import PlatformView, form_add_service_errors
from paccto.hits import selectors, services
from paccto.hits.forms import HitCheckForm
from paccto.hits.permissions import can_check_hits


class HitCheckView(PlatformView):
    """The query goes in a POST body: names and dates never end up in URLs or access logs."""

    template = "hits/check_page.html"
    permission = staticmethod(can_check_hits)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(self.template, {"form": HitCheckForm(), "results": None})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = HitCheckForm(request.POST)
        results = None
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            justification = data.pop("justification")
            try:
                results = services.hit_check(
                    actor=self.actor, query=data, justification=justification
                )
                status = 200
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            except services.RateLimited as exc:
                form.add_error(None, str(exc))
                status = 429
        response = self.render(self.template, {"form": form, "results": results})
        response.status_code = status
        return response


class HitNotificationListView(PlatformView):
    template = "hits/notification_list_page.html"
    permission = staticmethod(can_check_hits)

    def get(self, request: HttpRequest) -> HttpResponse:
        page = self.paginate(selectors.hit_notification_list(actor=self.actor))
        unseen = {n.pk for n in page.object_list if n.seen_at is None}
        services.hit_notifications_seen(actor=self.actor)
        return self.render(self.template, {"page": page, "unseen": unseen})


class HitRecordRequestView(PlatformView):
    permission = staticmethod(can_check_hits)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        notification = selectors.hit_notification_get(actor=self.actor, pk=pk, action="request")
        services.hit_record_request(actor=self.actor, notification=notification)
        messages.success(
            request,
            _("The owner institution was asked for record %(reference)s.")
            % {"reference": notification.entity.reference},
        )
        # The request itself is a message to the owner, prefilled with the reference.
        return redirect(f"{reverse('exchange:message_compose')}?hit={notification.pk}")
