"""Pages of joint investigation teams. Every page of a team first reads the team through
the permission engine: anyone but a current member gets 404, like for a missing team."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from paccto.cases import selectors, services
from paccto.cases.api import file_response, integrity_message
from paccto.cases.custody import custody_verify
from paccto.cases.forms import (
    CustodyForm,
    EvaluationForm,
    EvidenceForm,
    JitForm,
    MeetingForm,
    MemberForm,
    TaskForm,
    TaskStatusForm,
)
from paccto.cases.models import Jit
from paccto.cases.permissions import can_close_jit, can_create_jit, can_manage_jit
from paccto.cases.views.cases import flash_errors, flash_form_errors
from paccto.core.views import PlatformView, form_add_service_errors


class JitView(PlatformView):
    """A page of one team: the team is read (404 for non-members) before anything."""

    def jit(self, pk: int) -> Jit:
        return selectors.jit_get(actor=self.actor, pk=pk)

    def member_names(self, jit: Jit) -> list[str]:
        return [m.user.username for m in selectors.jit_members(jit=jit)]

    def back(self, jit: Jit) -> HttpResponse:
        return redirect("cases:jit_detail", pk=jit.pk)


class JitListView(PlatformView):
    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(
            "cases/jit_list_page.html",
            {
                "jits": selectors.jit_list(actor=self.actor)[:200],
                "can_create": can_create_jit(self.actor),
            },
        )


class JitCreateView(PlatformView):
    template = "cases/jit_form_page.html"
    permission = staticmethod(can_create_jit)

    def _form(self, data: Any = None) -> JitForm:
        initial = {"case": self.request.GET.get("case", "")}
        return JitForm(
            data,
            cases=selectors.case_list(actor=self.actor)[:500],
            initial=initial,
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(self.template, {"form": self._form()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self._form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            case = selectors.case_get(actor=self.actor, pk=data["case"]) if data["case"] else None
            try:
                jit = services.jit_create(
                    actor=self.actor,
                    name=data["name"],
                    case=case,
                    legal_basis=data["legal_basis"],
                    legal_basis_text=data["legal_basis_text"],
                    purpose=data["purpose"],
                    start_date=data["start_date"],
                    end_date=data["end_date"],
                    party_ids=[p.pk for p in data["parties"]],
                    members=form.member_list(),
                    leader=data["leader"],
                    administrator=data["administrator"],
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(request, _("The joint investigation team was set up."))
                return redirect("cases:jit_detail", pk=jit.pk)
        response = self.render(self.template, {"form": form})
        response.status_code = 400
        return response


class JitDetailView(JitView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        jit = self.jit(pk)
        names = self.member_names(jit)
        is_open = not jit.is_closed
        return self.render(
            "cases/jit_page.html",
            {
                "jit": jit,
                "parties": selectors.jit_parties(jit=jit),
                "members": selectors.jit_members(jit=jit),
                "evidence": selectors.evidence_list(actor=self.actor, jit=jit),
                "tasks": selectors.jit_tasks(actor=self.actor, jit=jit),
                "meetings": selectors.jit_meetings(actor=self.actor, jit=jit),
                "evaluation": selectors.jit_evaluation(jit=jit),
                "member_form": MemberForm()
                if is_open and can_manage_jit(self.actor, jit)
                else None,
                "task_form": TaskForm(members=names) if is_open else None,
                "task_status_form": TaskStatusForm() if is_open else None,
                "meeting_form": MeetingForm(members=names) if is_open else None,
                "can_close": is_open and can_close_jit(self.actor, jit),
            },
        )


class JitMemberAddView(JitView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        jit = self.jit(pk)
        form = MemberForm(request.POST)
        if not form.is_valid():
            flash_form_errors(request, form)
            return self.back(jit)
        try:
            services.jit_add_member(actor=self.actor, jit=jit, **form.cleaned_data)
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("The member was added."))
        return self.back(jit)


class JitMemberRemoveView(JitView):
    def post(self, request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
        jit = self.jit(pk)
        member = selectors.jit_member_get(actor=self.actor, jit=jit, pk=member_pk)
        try:
            services.jit_remove_member(actor=self.actor, jit=jit, member=member)
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("The member was removed."))
        return self.back(jit)


class EvidenceCreateView(JitView):
    template = "cases/evidence_form_page.html"

    def _render(self, jit: Jit, form: EvidenceForm, status: int = 200) -> HttpResponse:
        response = self.render(
            self.template,
            {
                "jit": jit,
                "form": form,
                "max_mb": settings.PACCTO_EVIDENCE_MAX_BYTES // (1024 * 1024),
            },
        )
        response.status_code = status
        return response

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        jit = self.jit(pk)
        if jit.is_closed:
            messages.error(
                request, _("This joint investigation team is closed: its space is read-only.")
            )
            return self.back(jit)
        return self._render(jit, EvidenceForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        jit = self.jit(pk)
        form = EvidenceForm(request.POST)
        if form.is_valid():
            try:
                evidence = services.evidence_register(
                    actor=self.actor,
                    jit=jit,
                    files=request.FILES.getlist("files"),
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("%(reference)s was registered.") % {"reference": evidence.reference},
                )
                return redirect("cases:evidence_detail", pk=jit.pk, evidence_pk=evidence.pk)
        return self._render(jit, form, status=400)


class EvidenceDetailView(JitView):
    def get(self, request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
        jit = self.jit(pk)
        evidence = selectors.evidence_get(actor=self.actor, jit=jit, pk=evidence_pk)
        services.evidence_consult(actor=self.actor, evidence=evidence)
        head = getattr(evidence, "custody_head", None)
        return self.render(
            "cases/evidence_page.html",
            {
                "jit": jit,
                "evidence": evidence,
                "holder": head.holder if head else None,
                "files": selectors.evidence_files(evidence=evidence),
                "events": selectors.custody_events(evidence=evidence),
                "custody_form": CustodyForm(members=self.member_names(jit))
                if not jit.is_closed and head is not None and head.holder_id
                else None,
            },
        )


class CustodyRecordView(JitView):
    def post(self, request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
        jit = self.jit(pk)
        evidence = selectors.evidence_get(actor=self.actor, jit=jit, pk=evidence_pk)
        form = CustodyForm(request.POST, members=self.member_names(jit))
        if not form.is_valid():
            flash_form_errors(request, form)
        else:
            data = form.cleaned_data
            to_holder = (
                selectors.jit_member_user(jit=jit, username=data["to_holder"])
                if data["to_holder"]
                else None
            )
            try:
                services.custody_record(
                    actor=self.actor,
                    evidence=evidence,
                    kind=data["kind"],
                    to_holder=to_holder,
                    place=data["place"],
                    note=data["note"],
                )
            except ValidationError as exc:
                flash_errors(request, exc)
            else:
                messages.success(request, _("The custody event was recorded."))
        return redirect("cases:evidence_detail", pk=jit.pk, evidence_pk=evidence.pk)


class FileDownloadView(JitView):
    def get(self, request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
        jit = self.jit(pk)
        file = selectors.evidence_file_get(actor=self.actor, jit=jit, pk=file_pk)
        try:
            content = services.evidence_file_download(actor=self.actor, file=file)
        except services.EvidenceIntegrityError:
            messages.error(request, integrity_message(file.original_name))
            response = redirect("cases:evidence_detail", pk=jit.pk, evidence_pk=file.evidence_id)
            return response
        return file_response(content, file.content_type, file.original_name)


class CustodyVerifyView(JitView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        jit = self.jit(pk)
        items = list(selectors.evidence_list(actor=self.actor, jit=jit))
        report = custody_verify(items, read_file=services.custody_verify_files)
        return self.render(
            "cases/custody_verify_page.html",
            {
                "jit": jit,
                "report": report,
                "rows": [(e, report.problems_of(e.pk)) for e in items],
            },
        )


class TaskCreateView(JitView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        jit = self.jit(pk)
        form = TaskForm(request.POST, members=self.member_names(jit))
        if not form.is_valid():
            flash_form_errors(request, form)
            return self.back(jit)
        data = form.cleaned_data
        try:
            services.jit_task_create(
                actor=self.actor,
                jit=jit,
                title=data["title"],
                description=data["description"],
                assignee=selectors.jit_member_user(jit=jit, username=data["assignee"]),
                due_date=data["due_date"],
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("The task was added."))
        return self.back(jit)


class TaskUpdateView(JitView):
    def post(self, request: HttpRequest, pk: int, task_pk: int) -> HttpResponse:
        jit = self.jit(pk)
        task = selectors.jit_task_get(actor=self.actor, jit=jit, pk=task_pk)
        form = TaskStatusForm(request.POST)
        if not form.is_valid():
            flash_form_errors(request, form)
            return self.back(jit)
        try:
            services.jit_task_update(
                actor=self.actor, task=task, status=form.cleaned_data["status"]
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("The task was updated."))
        return self.back(jit)


class MeetingCreateView(JitView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        jit = self.jit(pk)
        form = MeetingForm(request.POST, members=self.member_names(jit))
        if not form.is_valid():
            flash_form_errors(request, form)
            return self.back(jit)
        data = form.cleaned_data
        attendees = [selectors.jit_member_user(jit=jit, username=u) for u in data["attendees"]]
        try:
            services.jit_meeting_create(
                actor=self.actor,
                jit=jit,
                held_at=data["held_at"],
                title=data["title"],
                attendees=[a for a in attendees if a is not None],
                minutes=data["minutes"],
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("The meeting was recorded."))
        return self.back(jit)


class JitCloseView(JitView):
    template = "cases/jit_close_page.html"

    def jit(self, pk: int) -> Jit:
        jit = super().jit(pk)
        if not can_close_jit(self.actor, jit):
            raise PermissionDenied  # a member knows the team: no record to hide
        return jit

    def _form(self, jit: Jit, data: Any = None) -> EvaluationForm:
        parties = [p.institution for p in selectors.jit_parties(jit=jit)]
        return EvaluationForm(data, parties=parties)

    def _render(self, jit: Jit, form: EvaluationForm, status: int = 200) -> HttpResponse:
        response = self.render(self.template, {"jit": jit, "form": form})
        response.status_code = status
        return response

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        jit = self.jit(pk)
        return self._render(jit, self._form(jit))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        jit = self.jit(pk)
        form = self._form(jit, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.jit_close(
                    actor=self.actor,
                    jit=jit,
                    objectives_met=data["objectives_met"],
                    cooperation_quality=data["cooperation_quality"],
                    lessons_learned=data["lessons_learned"],
                    legal_obstacles=data["legal_obstacles"],
                    statements=form.statements(),
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(request, _("The team was closed: its space is now read-only."))
                return self.back(jit)
        return self._render(jit, form, status=400)
