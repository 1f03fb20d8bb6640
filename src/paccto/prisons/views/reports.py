"""Pages of prison intelligence reports: written by prison officers and sent through
secure exchange; read by whoever sees their message (reading one is reading the message,
audited and marked read like any)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from paccto.core.choices import HandlingCode
from paccto.core.views import form_add_service_errors
from paccto.exchange import selectors as exchange_selectors
from paccto.exchange import services as exchange_services
from paccto.exchange.services.attachments import max_mb
from paccto.prisons import selectors, services
from paccto.prisons.choices import ReportCategory
from paccto.prisons.forms import PrisonReportForm
from paccto.prisons.models import Inmate
from paccto.prisons.permissions import can_admit_inmates, can_use_prisons
from paccto.prisons.views.base import PrisonsView


class ReportListView(PrisonsView):
    template = "prisons/report_list_page.html"
    permission = staticmethod(can_use_prisons)

    def get(self, request: HttpRequest) -> HttpResponse:
        category = request.GET.get("category", "")
        category = category if category in ReportCategory.values else ""
        page = self.paginate(selectors.report_list(actor=self.actor, category=category))
        return self.render(
            self.template,
            {
                "page": page,
                "category": category,
                "categories": ReportCategory.choices,
                "can_write": can_admit_inmates(self.actor),
            },
        )


class ReportCreateView(PrisonsView):
    """Takes attachments: a large-body route (``PACCTO_UPLOAD_ROUTES``)."""

    template = "prisons/report_form_page.html"
    permission = staticmethod(can_admit_inmates)

    def form(self, *args: Any, **kwargs: Any) -> PrisonReportForm:
        return PrisonReportForm(
            *args,
            institutions=exchange_selectors.institution_choices(),
            networks=exchange_selectors.network_choices(actor=self.actor),
            inmates=selectors.inmate_choices(actor=self.actor),
            **kwargs,
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        defaults = exchange_services.exchange_defaults_for(self.actor.institution_id)
        initial: dict[str, Any] = {
            "language": (defaults.language if defaults else "") or request.LANGUAGE_CODE,
            "handling_code": defaults.handling_code if defaults else HandlingCode.H0,
            "handling_note": defaults.handling_note if defaults else "",
            "source_reliability": defaults.source_reliability if defaults else "X",
            "information_reliability": defaults.information_reliability if defaults else "4",
            "inmates": [int(pk) for pk in request.GET.getlist("inmate") if pk.isdigit()],
        }
        return self.render(self.template, {"form": self.form(initial=initial), "max_mb": max_mb()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self.form(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            inmates = list(Inmate.objects.filter(pk__in=data["inmates"]).select_related("person"))
            try:
                report = services.prison_report_send(
                    actor=self.actor,
                    category=data["category"],
                    inmates=inmates,
                    occurred_on=data["occurred_on"],
                    subject=data["subject"],
                    body=data["body"],
                    recipient_ids=data["recipients"],
                    network=data["network"],
                    language=data["language"],
                    criminal_markets=data["criminal_markets"],
                    case_reference=data["case_reference"],
                    handling_code=data["handling_code"] or None,
                    handling_note=data["handling_note"],
                    source_reliability=data["source_reliability"],
                    information_reliability=data["information_reliability"],
                    phone_numbers=form.phones(),
                    uploads=data["attachments"],
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Report %(reference)s sent.") % {"reference": report.message.reference},
                )
                return redirect("prisons:report_detail", pk=report.pk)
        response = self.render(self.template, {"form": form, "max_mb": max_mb()})
        response.status_code = 400
        return response


class ReportDetailView(PrisonsView):
    template = "prisons/report_page.html"
    permission = staticmethod(can_use_prisons)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = self.found(
            lambda actor, pk, action: selectors.report_get(actor=actor, pk=pk),
            "prisons.prisonreport",
            pk,
        )
        message = report.message
        exchange_services.message_open(actor=self.actor, message=message)
        return self.render(
            self.template,
            {
                "report": report,
                "message": message,
                "inmates": selectors.report_inmates(actor=self.actor, report=report),
                "attachments": exchange_selectors.message_attachments(message=message),
                "recipients": exchange_selectors.message_recipients(
                    actor=self.actor, message=message
                ),
            },
        )
