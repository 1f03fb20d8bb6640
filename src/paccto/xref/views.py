"""Pages of cross-referencing: runs with their progress, and the review queue."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from paccto.core.views import PlatformView, form_add_service_errors
from paccto.xref import selectors, services
from paccto.xref.forms import XrefRunForm
from paccto.xref.models import Decision
from paccto.xref.permissions import can_cross_reference


class XrefRunListView(PlatformView):
    template = "xref/run_list_page.html"
    permission = staticmethod(can_cross_reference)

    def _render(self, form: XrefRunForm, status: int = 200) -> HttpResponse:
        response = self.render(
            self.template,
            {"form": form, "runs": selectors.xref_run_list(actor=self.actor)[:50]},
        )
        response.status_code = status
        return response

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(XrefRunForm(datasets=selectors.dataset_choices(actor=self.actor)))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = XrefRunForm(request.POST, datasets=selectors.dataset_choices(actor=self.actor))
        if form.is_valid():
            try:
                run = services.xref_run_create(actor=self.actor, **form.cleaned_data)
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                return redirect("xref:run_detail", pk=run.pk)
        return self._render(form, status=400)


class XrefRunDetailView(PlatformView):
    template = "xref/run_page.html"
    partial_template_name = "xref/partials/run_status.html"
    permission = staticmethod(can_cross_reference)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        run = selectors.xref_run_get(actor=self.actor, pk=pk)
        decision = request.GET.get("decision", Decision.PENDING)
        if decision not in Decision.values:
            decision = ""
        params = request.GET.copy()
        params.pop("page", None)
        queue = selectors.candidate_list(actor=self.actor, run=run, decision=decision)
        return self.render(
            self.template,
            {
                "run": run,
                "page": self.paginate(queue),
                "decision": decision,
                "decisions": Decision.choices,
                "querystring": params.urlencode(),
            },
        )


class CandidateReviewView(PlatformView):
    permission = staticmethod(can_cross_reference)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        candidate = selectors.candidate_get(actor=self.actor, pk=pk)
        try:
            services.candidate_review(
                actor=self.actor, candidate=candidate, decision=request.POST.get("decision", "")
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Decision recorded."))
        return redirect("xref:run_detail", pk=candidate.run_id)
