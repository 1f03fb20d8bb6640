"""Pages of cases: list, open, edit, stage along the chain, participants, linked records,
linked messages. The case page is made of sections (cards)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from paccto.accounts.models import User
from paccto.cases import selectors, services
from paccto.cases.forms import (
    CaseEditForm,
    CaseForm,
    CaseSearchForm,
    EntityLinkForm,
    ParticipantForm,
    ReasonForm,
    StageForm,
)
from paccto.cases.models import Case
from paccto.cases.permissions import (
    can_change_case,
    can_contribute_to_case,
    can_create_case,
    can_create_jit,
)
from paccto.core.views import PlatformView, form_add_service_errors
from paccto.entities.selectors import entity_get


def flash_errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def flash_form_errors(request: HttpRequest, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


class CaseListView(PlatformView):
    partial_template_name = "cases/partials/case_table.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = CaseSearchForm(request.GET or None)
        query = form.cleaned_data if form.is_bound and form.is_valid() else {}
        page = self.paginate(
            selectors.case_list(
                actor=self.actor, q=query.get("q", ""), stage=query.get("stage", "")
            )
        )
        params = request.GET.copy()
        params.pop("page", None)
        return self.render(
            "cases/case_list_page.html",
            {
                "form": form,
                "page": page,
                "querystring": params.urlencode(),
                "can_create": can_create_case(self.actor),
            },
        )


class CaseCreateView(PlatformView):
    template = "cases/case_form_page.html"
    permission = staticmethod(can_create_case)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(self.template, {"form": CaseForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CaseForm(request.POST)
        if form.is_valid():
            try:
                case = services.case_create(actor=self.actor, **form.cleaned_data)
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(request, _("The case was opened."))
                return redirect("cases:case_detail", pk=case.pk)
        response = self.render(self.template, {"form": form})
        response.status_code = 400
        return response


class CaseDetailView(PlatformView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        case = selectors.case_get(actor=self.actor, pk=pk)
        services.case_consult(actor=self.actor, case=case)
        can_change = can_change_case(self.actor, case)
        can_contribute = can_contribute_to_case(self.actor, case)
        allowed = services.case_allowed_stages(case)
        timeline = list(selectors.case_timeline(case=case))
        return self.render(
            "cases/case_page.html",
            {
                "case": case,
                "participants": selectors.case_participants(case=case),
                "timeline": timeline,
                "stages": selectors.case_stage_steps(case=case, changes=timeline),
                "events": selectors.case_timeline_events(actor=self.actor, case=case),
                "entities": selectors.case_entities(actor=self.actor, case=case),
                "case_messages": selectors.case_messages(actor=self.actor, case=case),
                "can_contribute": can_contribute,
                "jits": selectors.case_jits(actor=self.actor, case=case),
                "can_change": can_change,
                "stage_form": StageForm(allowed=allowed) if can_change else None,
                "participant_form": ParticipantForm() if can_change else None,
                "link_form": EntityLinkForm() if can_contribute else None,
                "unlink_form": ReasonForm(),
                "can_create_jit": can_create_jit(self.actor),
            },
        )


class CaseEditView(PlatformView):
    template = "cases/case_form_page.html"

    def _case(self, pk: int) -> Case:
        case = selectors.case_get(actor=self.actor, pk=pk)
        if not can_change_case(self.actor, case):
            raise PermissionDenied  # a participant knows the case: no record to hide
        return case

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        case = self._case(pk)
        form = CaseEditForm(
            initial={
                "title": case.title,
                "summary": case.summary,
                "criminal_markets": case.criminal_markets,
            }
        )
        return self.render(self.template, {"form": form, "case": case})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        case = self._case(pk)
        form = CaseEditForm(request.POST)
        if form.is_valid():
            try:
                services.case_update(actor=self.actor, case=case, **form.cleaned_data)
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(request, _("The case was updated."))
                return redirect("cases:case_detail", pk=case.pk)
        response = self.render(self.template, {"form": form, "case": case})
        response.status_code = 400
        return response


class CaseStageView(PlatformView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        case = selectors.case_get(actor=self.actor, pk=pk)
        form = StageForm(request.POST, allowed=services.case_allowed_stages(case))
        if not form.is_valid():
            flash_form_errors(request, form)
        else:
            try:
                services.case_change_stage(actor=self.actor, case=case, **form.cleaned_data)
            except ValidationError as exc:
                flash_errors(request, exc)
            else:
                messages.success(request, _("The stage of the case was changed."))
        return redirect("cases:case_detail", pk=case.pk)


class ParticipantAddView(PlatformView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        case = selectors.case_get(actor=self.actor, pk=pk)
        form = ParticipantForm(request.POST)
        if not form.is_valid():
            flash_form_errors(request, form)
            return redirect("cases:case_detail", pk=case.pk)
        user = None
        username = form.cleaned_data["username"].strip()
        if username:
            user = User.objects.filter(username=username, is_active=True).first()
            if user is None:
                messages.error(request, _("No active account has this username."))
                return redirect("cases:case_detail", pk=case.pk)
        try:
            services.case_add_participant(
                actor=self.actor,
                case=case,
                role=form.cleaned_data["role"],
                institution=form.cleaned_data["institution"],
                user=user,
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("The participant was added."))
        return redirect("cases:case_detail", pk=case.pk)


class ParticipantRemoveView(PlatformView):
    def post(self, request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
        case = selectors.case_get(actor=self.actor, pk=pk)
        participant = selectors.case_participant_get(actor=self.actor, case=case, pk=participant_pk)
        try:
            services.case_remove_participant(actor=self.actor, participant=participant)
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("The participant was removed."))
        return redirect("cases:case_detail", pk=case.pk)


class EntityLinkView(PlatformView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        case = selectors.case_get(actor=self.actor, pk=pk)
        form = EntityLinkForm(request.POST)
        if not form.is_valid():
            flash_form_errors(request, form)
            return redirect("cases:case_detail", pk=case.pk)
        entity = entity_get(actor=self.actor, pk=form.cleaned_data["entity"])
        try:
            services.case_link_entity(
                actor=self.actor,
                case=case,
                entity=entity,
                justification=form.cleaned_data["justification"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("The record was linked to the case."))
        return redirect("cases:case_detail", pk=case.pk)


class EntityUnlinkView(PlatformView):
    def post(self, request: HttpRequest, pk: int, link_pk: int) -> HttpResponse:
        case = selectors.case_get(actor=self.actor, pk=pk)
        link = selectors.case_entity_link_get(actor=self.actor, case=case, pk=link_pk)
        form = ReasonForm(request.POST)
        if not form.is_valid():
            flash_form_errors(request, form)
            return redirect("cases:case_detail", pk=case.pk)
        try:
            services.case_unlink_entity(
                actor=self.actor, link=link, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("The record was taken out of the case."))
        return redirect("cases:case_detail", pk=case.pk)


class MessageUnlinkView(PlatformView):
    """Take a linked message out of a case (a lead or member who sees the message)."""

    def post(self, request: HttpRequest, pk: int, link_pk: int) -> HttpResponse:
        case = selectors.case_get(actor=self.actor, pk=pk)
        link = selectors.case_message_link_get(actor=self.actor, case=case, pk=link_pk)
        services.case_unlink_message(actor=self.actor, link=link)
        messages.success(
            request,
            _("Message %(reference)s was taken out of the case.")
            % {"reference": link.message.reference},
        )
        return redirect("cases:case_detail", pk=case.pk)
