"""Pages of judicial requests: lists for each side, drafting, the request page with its
steps, deadlines, human-rights answers, persons and assets, files."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _

from paccto.cases.api import file_response
from paccto.cases.selectors import case_list
from paccto.core.permissions import can
from paccto.core.views import form_add_service_errors
from paccto.entities.selectors import entity_get
from paccto.judicial import machine, selectors, services
from paccto.judicial.choices import RequestAction, RequestStatus, SafeguardQuestion, Side
from paccto.judicial.forms import (
    AttachmentForm,
    EntityForm,
    ExtendForm,
    RequestEditForm,
    RequestForm,
    RequestSearchForm,
    SafeguardForm,
    StepForm,
)
from paccto.judicial.models import JudicialRequest, RefusalGround
from paccto.judicial.permissions import (
    can_create_judicial_request,
    can_use_judicial,
    request_sides,
)
from paccto.judicial.services.attachments import RESULTS_OPEN
from paccto.judicial.services.requests import REQUESTER_OPEN
from paccto.judicial.views.base import JudicialView

STEP_STYLE = {
    RequestAction.REFUSE: "danger",
    RequestAction.WITHDRAW: "danger",
}


class RequestListView(JudicialView):
    template = "judicial/request_list_page.html"
    partial_template_name = "judicial/partials/request_table.html"
    permission = staticmethod(can_use_judicial)

    def get(self, request: HttpRequest) -> HttpResponse:
        form = RequestSearchForm(request.GET or None)
        query = form.cleaned_data if form.is_bound and form.is_valid() else {}
        page = self.paginate(
            selectors.judicial_request_list(
                actor=self.actor,
                box=query.get("box", ""),
                status=query.get("status", ""),
                request_type=query.get("request_type", ""),
                overdue=bool(query.get("overdue")),
                q=query.get("q", ""),
            )
        )
        params = request.GET.copy()
        params.pop("page", None)
        return self.render(
            self.template,
            {
                "form": form,
                "page": page,
                "box": query.get("box", ""),
                "querystring": params.urlencode(),
                "counts": selectors.judicial_counts(actor=self.actor),
                "can_create": can_create_judicial_request(self.actor),
            },
        )


def _form_kwargs(view: JudicialView) -> dict[str, Any]:
    actor = view.actor
    return {
        "executing": selectors.executing_institution_choices(actor_country=actor.country_id or ""),
        "centrals": selectors.central_authority_choices(),
        "cases": case_list(actor=actor),
    }


def _values(data: dict[str, Any], request_type: str) -> services.RequestValues:
    return services.RequestValues(
        request_type=request_type,
        executing_institution=data["executing_institution"],
        legal_basis=data["legal_basis"],
        title=data["title"],
        offence=data["offence"],
        facts=data["facts"],
        measures=data["measures"],
        language=data["language"],
        urgency=data["urgency"],
        urgency_reasons=data["urgency_reasons"],
        legal_basis_detail=data["legal_basis_detail"],
        requesting_central_authority=data["requesting_central_authority"],
        executing_central_authority=data["executing_central_authority"],
        case=data["case"],
        facts_from=data["facts_from"],
        facts_to=data["facts_to"],
        criminal_markets=data["criminal_markets"],
    )


class RequestCreateView(JudicialView):
    template = "judicial/request_form_page.html"
    permission = staticmethod(can_create_judicial_request)

    def get(self, request: HttpRequest) -> HttpResponse:
        initial: dict[str, Any] = {"language": translation.get_language()[:2]}
        case_id = request.GET.get("case", "")
        if case_id.isdigit():
            initial["case"] = int(case_id)
        form = RequestForm(initial=initial, **_form_kwargs(self))
        return self.render(self.template, {"form": form})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = RequestForm(request.POST, **_form_kwargs(self))
        if not form.is_valid():
            self.refused_form("create", form)
        else:
            data = form.cleaned_data
            try:
                created = services.judicial_request_create(
                    actor=self.actor, values=_values(data, data["request_type"])
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Request %(number)s was drafted: add what it needs, then send it.")
                    % {"number": created.number},
                )
                return redirect("judicial:request_detail", pk=created.pk)
        response = self.render(self.template, {"form": form})
        response.status_code = 400
        return response


class RequestEditView(JudicialView):
    template = "judicial/request_form_page.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        req = self.request_or_404(pk, "edit")
        values = services.request_values(req)
        initial = {name: getattr(values, name) for name in values.__dataclass_fields__}
        form = RequestEditForm(initial=initial, **_form_kwargs(self))
        return self.render(self.template, {"form": form, "req": req})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        req = self.request_or_404(pk, "edit")
        form = RequestEditForm(request.POST, **_form_kwargs(self))
        if not form.is_valid():
            self.refused_form("update", form, req)
        else:
            values = _values(form.cleaned_data, req.request_type)
            changes = {name: getattr(values, name) for name in values.__dataclass_fields__}
            try:
                services.judicial_request_update(actor=self.actor, request=req, changes=changes)
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(request, _("The draft was saved."))
                return redirect("judicial:request_detail", pk=req.pk)
        response = self.render(self.template, {"form": form, "req": req})
        response.status_code = 400
        return response


def step_forms(req: JudicialRequest, sides: frozenset[str]) -> list[dict[str, Any]]:
    """One form per step the actor's sides may take now."""
    grounds = selectors.refusal_ground_list(request_type=req.request_type)
    forms = []
    for action in machine.allowed_steps(req.status, sides):
        form = StepForm(
            initial={"action": action},
            grounds=RefusalGround.objects.filter(pk__in=[g.pk for g in grounds]),
        )
        if action != RequestAction.REFUSE:
            del form.fields["ground"]
        forms.append(
            {
                "action": action,
                "label": RequestAction(action).label,
                "form": form,
                "style": STEP_STYLE.get(action, ""),
                "needs_reason": action in machine.REASON_REQUIRED,
            }
        )
    return forms


class RequestDetailView(JudicialView):
    template = "judicial/request_page.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        actor = self.actor
        req = self.request_or_404(pk)
        services.judicial_request_consult(actor=actor, request=req)
        sides = request_sides(actor, req)
        requesting = Side.REQUESTING in sides
        executing = Side.EXECUTING in sides
        deadlines = list(selectors.request_deadlines(request=req))
        answers = {a.question: a for a in selectors.request_safeguards(request=req)}
        adds_files = (requesting and req.status in REQUESTER_OPEN) or (
            executing and req.status in RESULTS_OPEN
        )
        return self.render(
            self.template,
            {
                "req": req,
                "sides": sides,
                "is_requesting": requesting,
                "is_executing": executing,
                "events": selectors.request_events(request=req),
                "deadlines": deadlines,
                "safeguards": [
                    (code, label, answers.get(code)) for code, label in SafeguardQuestion.choices
                ],
                "safeguards_required": services.safeguards_required_for(req),
                "safeguards_missing": [
                    SafeguardQuestion(q).label for q in services.safeguards_missing(req)
                ],
                "entities": selectors.request_entities(request=req),
                "attachments": selectors.request_attachments(request=req),
                "steps": step_forms(req, sides),
                "can_edit": can(actor, "edit", req),
                "can_answer": requesting and req.status in REQUESTER_OPEN,
                "entity_form": EntityForm()
                if requesting and req.status in REQUESTER_OPEN
                else None,
                "attachment_form": AttachmentForm(initial={"request": req.pk})
                if adds_files
                else None,
                "extend_form": ExtendForm()
                if executing and any(d.can_extend for d in deadlines)
                else None,
                "is_draft": req.status == RequestStatus.DRAFT,
            },
        )


class SafeguardView(JudicialView):
    template = "judicial/safeguards_page.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        req = self.request_or_404(pk, "request")
        initial = {}
        for answer in selectors.request_safeguards(request=req):
            initial[f"{answer.question}_answer"] = "yes" if answer.answer else "no"
            initial[f"{answer.question}_explanation"] = answer.explanation
            initial[f"{answer.question}_assurance"] = answer.assurance
        return self.render(self.template, {"req": req, "form": SafeguardForm(initial=initial)})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        req = self.request_or_404(pk, "request")
        form = SafeguardForm(request.POST)
        if not form.is_valid():
            self.refused_form("safeguards", form, req)
        else:
            try:
                services.safeguards_answer(actor=self.actor, request=req, answers=form.answers())
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(request, _("The answers were saved."))
                return redirect("judicial:request_detail", pk=req.pk)
        response = self.render(self.template, {"req": req, "form": form})
        response.status_code = 400
        return response


class RequestEntityAddView(JudicialView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        req = self.request_or_404(pk)
        form = EntityForm(request.POST)
        if not form.is_valid():
            self.refused_form("entity_add", form, req)
            self.flash_form_errors(form)
            return redirect("judicial:request_detail", pk=req.pk)
        try:
            entity = entity_get(actor=self.actor, pk=form.cleaned_data["entity"])
        except Http404:
            entity = None
        try:
            services.request_entity_add(
                actor=self.actor,
                request=req,
                entity=entity,
                role=form.cleaned_data["role"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            self.flash_errors(exc)
        else:
            messages.success(request, _("The record is named on the request."))
        return redirect("judicial:request_detail", pk=req.pk)


class RequestStepView(JudicialView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        req = self.request_or_404(pk)
        form = StepForm(request.POST)
        if not form.is_valid():
            self.refused_form("step", form, req)
            self.flash_form_errors(form)
            return redirect("judicial:request_detail", pk=req.pk)
        data = form.cleaned_data
        try:
            services.judicial_request_transition(
                actor=self.actor,
                request=req,
                action=data["action"],
                reason=data["reason"],
                ground=data.get("ground"),
            )
        except ValidationError as exc:
            self.flash_errors(exc)
        else:
            messages.success(
                request,
                _("Request %(number)s is now “%(status)s”.")
                % {"number": req.number, "status": req.status_label},
            )
        return redirect("judicial:request_detail", pk=req.pk)


class RequestExtendView(JudicialView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        req = self.request_or_404(pk)
        form = ExtendForm(request.POST)
        try:
            services.request_deadline_extend(
                actor=self.actor,
                request=req,
                notice=form.cleaned_data["notice"] if form.is_valid() else "",
            )
        except ValidationError as exc:
            self.flash_errors(exc)
        else:
            messages.success(request, _("The deadline was extended; the requesting side is told."))
        return redirect("judicial:request_detail", pk=req.pk)


class AttachmentUploadView(JudicialView):
    """Files of a request, on one route (its upload limit is ``PACCTO_UPLOAD_ROUTES``')."""

    def post(self, request: HttpRequest) -> HttpResponse:
        form = AttachmentForm(request.POST)
        if not form.is_valid():
            raise Http404
        req = self.request_or_404(form.cleaned_data["request"])
        uploads = request.FILES.getlist("files")
        try:
            added = services.request_attachments_add(actor=self.actor, request=req, uploads=uploads)
        except ValidationError as exc:
            self.flash_errors(exc)
        else:
            messages.success(request, _("%(n)s file(s) attached.") % {"n": len(added)})
        return redirect("judicial:request_detail", pk=req.pk)


class AttachmentDownloadView(JudicialView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            attachment = selectors.request_attachment_get(actor=self.actor, pk=pk)
        except Http404:
            services.judicial_access_refused(
                actor=self.actor, object_type="judicial.requestattachment", object_id=pk
            )
            raise
        try:
            content = services.request_attachment_open(actor=self.actor, attachment=attachment)
        except services.RequestFileIntegrityError as exc:
            messages.error(request, str(exc))
            return redirect("judicial:request_detail", pk=attachment.request_id)
        return file_response(content, attachment.media_type, attachment.file_name)
