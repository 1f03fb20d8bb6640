"""Pages of court outcomes: the judgments of the cases one takes part in, recording one,
and marking it final."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from paccto.cases.models import Case
from paccto.cases.selectors import case_get
from paccto.core.views import form_add_service_errors
from paccto.entities.selectors import entity_get
from paccto.judicial import selectors, services
from paccto.judicial.forms import FinalForm, JudgmentForm
from paccto.judicial.permissions import can_record_judgment_in, can_use_judicial
from paccto.judicial.views.base import JudicialView


class JudgmentListView(JudicialView):
    template = "judicial/judgment_list_page.html"
    permission = staticmethod(can_use_judicial)

    def get(self, request: HttpRequest) -> HttpResponse:
        page = self.paginate(selectors.judgment_list(actor=self.actor))
        return self.render(self.template, {"page": page, "querystring": ""})


def _values(form: JudgmentForm, defendant: Any) -> services.JudgmentValues:
    data = form.cleaned_data
    return services.JudgmentValues(
        court=data["court"],
        judgment_date=data["judgment_date"],
        judgment_type=data["judgment_type"],
        offences=data["offences"],
        court_reference=data["court_reference"],
        defendant=defendant,
        sentence_type=data["sentence_type"],
        sentence_months=data["sentence_months"],
        sentence_days=data["sentence_days"],
        fine_amount=data["fine_amount"],
        fine_currency=data["fine_currency"],
        confiscation_ordered=data["confiscation_ordered"],
        confiscation_details=data["confiscation_details"],
        finality=data["finality"],
        final_on=data["final_on"],
    )


class JudgmentCreateView(JudicialView):
    template = "judicial/judgment_form_page.html"

    def _case(self, case_pk: int) -> Case:
        case = case_get(actor=self.actor, pk=case_pk)
        if not can_record_judgment_in(self.actor, case):
            raise PermissionDenied  # a participant knows the case: nothing to hide
        return case

    def get(self, request: HttpRequest, case_pk: int) -> HttpResponse:
        case = self._case(case_pk)
        form = JudgmentForm(courts=selectors.court_choices())
        return self.render(self.template, {"form": form, "case": case})

    def post(self, request: HttpRequest, case_pk: int) -> HttpResponse:
        case = self._case(case_pk)
        form = JudgmentForm(request.POST, courts=selectors.court_choices())
        if not form.is_valid():
            self.refused_form("judgment_record", form, case)
        else:
            defendant = None
            number = form.cleaned_data["defendant"]
            if number:
                try:
                    defendant = entity_get(actor=self.actor, pk=number)
                except Http404:
                    form.add_error(
                        "defendant", _("Choose a person of the entity store you may see.")
                    )
            if not form.errors:
                try:
                    judgment = services.judgment_record(
                        actor=self.actor, case=case, values=_values(form, defendant)
                    )
                except ValidationError as exc:
                    form_add_service_errors(form, exc)
                else:
                    messages.success(request, _("The judgment was recorded."))
                    return redirect("judicial:judgment_detail", pk=judgment.pk)
            else:
                self.refused_form("judgment_record", form, case)
        response = self.render(self.template, {"form": form, "case": case})
        response.status_code = 400
        return response


class JudgmentDetailView(JudicialView):
    template = "judicial/judgment_page.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        judgment = self.judgment_or_404(pk)
        services.judgment_consult(
            actor=self.actor, judgment=judgment, case_reference=judgment.case.reference
        )
        can_record = can_record_judgment_in(self.actor, judgment.case)
        return self.render(
            self.template,
            {
                "judgment": judgment,
                "final_form": FinalForm() if can_record and judgment.finality != "final" else None,
            },
        )


class JudgmentFinalView(JudicialView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        judgment = self.judgment_or_404(pk)
        form = FinalForm(request.POST)
        try:
            services.judgment_mark_final(
                actor=self.actor,
                judgment=judgment,
                final_on=form.cleaned_data["final_on"] if form.is_valid() else None,
            )
        except ValidationError as exc:
            self.flash_errors(exc)
        else:
            messages.success(request, _("The judgment is recorded as final."))
        return redirect("judicial:judgment_detail", pk=judgment.pk)
