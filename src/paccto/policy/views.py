"""Pages of the policy cycle: cycles and their dashboards (charts, CSV, PDF), the threat
questionnaire, priorities with their strategic goals and action plans, plans and actions,
indicator entry and CSV import, and the public statistics page (no sign-in). Records one may
not see answer 404."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.choices import CriminalMarket
from paccto.core.models import Country, Grouping
from paccto.core.permissions import can
from paccto.core.views import PlatformView, form_add_service_errors, select_options
from paccto.policy import selectors, services
from paccto.policy.choices import CycleStatus
from paccto.policy.forms import (
    ActionEditForm,
    ActionForm,
    AssessmentForm,
    CycleForm,
    CycleStatusForm,
    GoalForm,
    IndicatorEntryForm,
    IndicatorImportForm,
    PlanForm,
    PriorityForm,
)
from paccto.policy.models import PolicyCycle, Priority
from paccto.policy.permissions import can_contribute, can_manage_cycles, can_read_policy
from paccto.policy.report import dashboard_pdf
from paccto.policy.services.indicators import CSV_COLUMNS, EntryData

CSV_EXPORT_COLUMNS = (
    "source",
    "indicator",
    "criminal_market",
    "country",
    "year",
    "drug_type",
    "sex",
    "age_group",
    "unit",
    "value",
)


class PolicyView(PlatformView):
    def flash_errors(self, exc: ValidationError) -> None:
        for message in exc.messages:
            messages.error(self.request, message)

    def flash_form_errors(self, form: Any) -> None:
        for errors in form.errors.values():
            for error in errors:
                messages.error(self.request, error)


class CycleListView(PolicyView):
    template = "policy/cycle_list_page.html"
    permission = staticmethod(can_read_policy)

    def get(self, request: HttpRequest) -> HttpResponse:
        cycles = selectors.cycle_list(actor=self.actor)
        return self.render(
            self.template, {"cycles": cycles, "can_manage": can_manage_cycles(self.actor)}
        )


class CycleCreateView(PolicyView):
    template = "policy/cycle_form_page.html"
    permission = staticmethod(can_manage_cycles)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(self.template, {"form": CycleForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CycleForm(request.POST)
        if form.is_valid():
            try:
                cycle = services.cycle_create(actor=self.actor, **form.cleaned_data)
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(request, _("The cycle was opened."))
                return redirect("policy:cycle_dashboard", pk=cycle.pk)
        return self.render(self.template, {"form": form})


def _scope_label(scope: selectors.DashboardFilter) -> str:
    parts = []
    if scope.market:
        parts.append(str(CriminalMarket(scope.market).label))
    if scope.country:
        parts.append(Country(code=scope.country).name)
    if scope.region:
        parts.append(_("Europe") if scope.region == "eu" else _("Latin America and the Caribbean"))
    if scope.grouping:
        grouping = Grouping.objects.filter(code=scope.grouping).first()
        parts.append(grouping.label if grouping else scope.grouping)
    return " · ".join(parts) or _("All criminal markets and countries")


class DashboardView(PolicyView):
    """A cycle's dashboard (404 for those who may not read it)."""

    template = "policy/dashboard_page.html"

    def board(self, pk: int) -> tuple[PolicyCycle, selectors.Dashboard]:
        cycle = selectors.cycle_get(actor=self.actor, pk=pk)
        scope = selectors.DashboardFilter.parse(self.request.GET)
        board = selectors.dashboard(actor=self.actor, cycle=cycle, scope=scope)
        return cycle, board

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        cycle, board = self.board(pk)
        scope = board.scope
        actor = self.actor
        query = request.GET.urlencode()
        manage = can(actor, "manage", cycle)
        context: dict[str, Any] = {
            "cycle": cycle,
            "board": board,
            "scope_label": _scope_label(scope),
            "charts": [c.as_json() for c in board.charts],
            "chart_tables": [(c, c.rows()) for c in board.charts],
            "query": query,
            "market_options": select_options(
                [(str(v), str(label)) for v, label in CriminalMarket.choices], scope.market
            ),
            "country_options": select_options(
                [(c.code, c.name) for c in Country.objects.all()], scope.country
            ),
            "region_options": select_options(
                [("eu", _("Europe")), ("lac", _("Latin America and the Caribbean"))],
                scope.region,
            ),
            "grouping_options": select_options(
                [(g.code, g.label) for g in Grouping.objects.all()], scope.grouping
            ),
            "can_contribute": can_contribute(actor),
            "can_manage": manage,
            # A closed cycle takes nothing new: no link to add to it.
            "cycle_open": cycle.status != CycleStatus.CLOSED,
            "status_forms": [
                CycleStatusForm(initial={"status": status}, auto_id=f"id_{status}_%s")
                for status in services.cycle_next_statuses(cycle)
            ]
            if manage
            else [],
            "priorities": selectors.priority_list(actor=actor, cycle=cycle, market=scope.market),
            "managed_priorities": selectors.priority_ids_managed(actor=actor, cycle=cycle),
            "markets": CriminalMarket.choices,
            "assessments": selectors.assessment_list(actor=actor, cycle=cycle),
        }
        return self.render(self.template, context)


class CycleStatusView(PolicyView):
    """Move a cycle to its next status from its page (404 for those who may not manage it);
    the answer, done or refused, is a message on the cycle page."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        cycle = selectors.cycle_get(actor=self.actor, pk=pk, action="manage")
        form = CycleStatusForm(request.POST)
        if not form.is_valid():
            self.flash_form_errors(form)
        else:
            data = form.cleaned_data
            try:
                services.cycle_status_set(
                    actor=self.actor,
                    cycle=cycle,
                    status=data["status"],
                    justification=data["justification"],
                )
            except ValidationError as exc:
                self.flash_errors(exc)
            else:
                closed = cycle.status == CycleStatus.CLOSED
                messages.success(
                    request, _("The cycle was closed.") if closed else _("The cycle is active now.")
                )
        return redirect("policy:cycle_dashboard", pk=cycle.pk)


def _priority_anchor(priority: Priority) -> str:
    url = reverse("policy:cycle_dashboard", kwargs={"pk": priority.cycle_id})
    return f"{url}#priority-{priority.pk}"


class PriorityCreateView(PolicyView):
    """Make a criminal market a priority of a cycle (404 for those who may not manage it)."""

    template = "policy/priority_form_page.html"

    def load(self, pk: int) -> PolicyCycle:
        return selectors.cycle_get(actor=self.actor, pk=pk, action="manage")

    def page(self, cycle: PolicyCycle, form: PriorityForm) -> HttpResponse:
        return self.render(self.template, {"cycle": cycle, "form": form})

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        cycle = self.load(pk)
        return self.page(cycle, PriorityForm(initial={"rank": cycle.priorities.count() + 1}))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        cycle = self.load(pk)
        form = PriorityForm(request.POST)
        if form.is_valid():
            try:
                priority = services.priority_create(
                    actor=self.actor, cycle=cycle, **form.cleaned_data
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(request, _("The priority was added."))
                return redirect(_priority_anchor(priority))
        return self.page(cycle, form)


class PriorityFormView(PolicyView):
    """A form about one priority of a cycle, for those who may manage it (404 for others)."""

    template: str

    def load(self, pk: int) -> Priority:
        return selectors.priority_get(actor=self.actor, pk=pk, action="manage")

    def page(self, priority: Priority, form: Any) -> HttpResponse:
        return self.render(self.template, {"priority": priority, "form": form})


class GoalCreateView(PriorityFormView):
    """Add a strategic goal to a priority."""

    template = "policy/goal_form_page.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.page(self.load(pk), GoalForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        priority = self.load(pk)
        form = GoalForm(request.POST)
        if form.is_valid():
            try:
                services.goal_create(actor=self.actor, priority=priority, **form.cleaned_data)
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(request, _("The strategic goal was added."))
                return redirect(_priority_anchor(priority))
        return self.page(priority, form)


class PlanCreateView(PriorityFormView):
    """Adopt an operational action plan for a priority: driver, co-drivers, participants
    and the priority's goals it serves."""

    template = "policy/plan_form_page.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        priority = self.load(pk)
        return self.page(priority, PlanForm(priority=priority))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        priority = self.load(pk)
        form = PlanForm(request.POST, priority=priority)
        if form.is_valid():
            try:
                plan = services.plan_create(actor=self.actor, priority=priority, **form.plan_data())
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(request, _("The action plan was adopted."))
                return redirect("policy:plan_detail", pk=plan.pk)
        return self.page(priority, form)


class ExportView(DashboardView):
    """The dashboard's aggregates as CSV."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        cycle, board = self.board(pk)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=CSV_EXPORT_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in board.rows:
            writer.writerow(row)
        audit_record(
            actor=self.actor,
            action=AuditAction.DISCLOSE,
            obj=cycle,
            details={"export": "csv", "rows": len(board.rows)},
        )
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="policy-cycle-{cycle.pk}.csv"'
        return response


class ReportView(DashboardView):
    """The dashboard as a printable PDF with its charts."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        cycle, board = self.board(pk)
        pdf = dashboard_pdf(board, _scope_label(board.scope))
        audit_record(
            actor=self.actor, action=AuditAction.DISCLOSE, obj=cycle, details={"export": "pdf"}
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="policy-cycle-{cycle.pk}.pdf"'
        return response


class AssessmentView(PolicyView):
    """The actor's country's threat questionnaire for one criminal market."""

    template = "policy/assessment_page.html"

    def load(self, pk: int, market: str) -> tuple[PolicyCycle, Any]:
        cycle = selectors.cycle_get(actor=self.actor, pk=pk)
        if not can_contribute(self.actor) or market not in CriminalMarket.values:
            raise Http404
        own = selectors.assessment_own(actor=self.actor, cycle=cycle, criminal_market=market)
        return cycle, own

    def page(self, cycle: PolicyCycle, market: str, own: Any, form: AssessmentForm) -> Any:
        return self.render(
            self.template,
            {
                "cycle": cycle,
                "market": CriminalMarket(market).label,
                "assessment": own,
                "form": form,
                "country": Country(code=self.actor.country_id or "").name,
            },
        )

    def get(self, request: HttpRequest, pk: int, market: str) -> HttpResponse:
        cycle, own = self.load(pk, market)
        initial = {**own.answers, "comment": own.comment} if own else {}
        return self.page(cycle, market, own, AssessmentForm(initial=initial))

    def post(self, request: HttpRequest, pk: int, market: str) -> HttpResponse:
        cycle, own = self.load(pk, market)
        form = AssessmentForm(request.POST)
        if form.is_valid():
            try:
                saved = services.assessment_save(
                    actor=self.actor,
                    cycle=cycle,
                    criminal_market=market,
                    answers=form.answers(),
                    comment=form.cleaned_data["comment"],
                    submit=form.cleaned_data["submit_final"],
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Saved: score %(score)s (%(level)s).")
                    % {"score": saved.score, "level": saved.get_level_display()},
                )
                return redirect("policy:assessment", pk=cycle.pk, market=market)
        return self.page(cycle, market, own, form)


class PlanView(PolicyView):
    template = "policy/plan_page.html"

    def page(self, plan: Any, form: ActionForm | None = None) -> HttpResponse:
        actor = self.actor
        progress = selectors.plan_progress([plan])[0]
        manage = can(actor, "manage_actions", plan)
        return self.render(
            self.template,
            {
                "plan": plan,
                "progress": progress,
                "actions": plan.actions.select_related("leader_country", "leader").order_by("code"),
                "can_manage": manage,
                "form": form or (ActionForm() if manage else None),
            },
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.page(selectors.plan_get(actor=self.actor, pk=pk))


class ActionCreateView(PlanView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = selectors.plan_get(actor=self.actor, pk=pk, action="manage_actions")
        form = ActionForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["leader_country"] = data["leader_country"].code
            try:
                action = services.action_create(actor=self.actor, plan=plan, **data)
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(request, _("The action was added."))
                return redirect("policy:action_detail", pk=action.pk)
        return self.page(plan, form)


class ActionView(PolicyView):
    template = "policy/action_page.html"

    def page(
        self,
        action: Any,
        edit: ActionEditForm | None = None,
        entry: IndicatorEntryForm | None = None,
    ) -> HttpResponse:
        actor = self.actor
        can_change = can(actor, "change", action)
        can_report = can(actor, "report", action)
        if can_change and edit is None:
            edit = ActionEditForm(
                initial={
                    "title": action.title,
                    "description": action.description,
                    "leader_country": action.leader_country_id,
                    "leader": action.leader.username if action.leader else "",
                    "start_date": action.start_date,
                    "end_date": action.end_date,
                    "status": action.status,
                }
            )
        if can_report and entry is None:
            cycle = action.plan.priority.cycle
            entry = IndicatorEntryForm(
                initial={"period_start": cycle.start_date, "period_end": cycle.end_date}
            )
        entries = list(selectors.entry_list(actor=actor, action=action))
        own_country = actor.country_id if can_contribute(actor) else None
        return self.render(
            self.template,
            {
                "action": action,
                "entries": entries,
                "own_country": own_country,
                "edit_form": edit if can_change else None,
                "entry_form": entry if can_report else None,
            },
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.page(selectors.action_get(actor=self.actor, pk=pk))


class ActionEditView(ActionView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        action = selectors.action_get(actor=self.actor, pk=pk, action="change")
        form = ActionEditForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["leader_country"] = data["leader_country"].code
            try:
                services.action_update(actor=self.actor, action=action, **data)
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(request, _("The action was saved."))
                return redirect("policy:action_detail", pk=action.pk)
        action.refresh_from_db()
        return self.page(action, edit=form)


class EntryCreateView(ActionView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        action = selectors.action_get(actor=self.actor, pk=pk, action="report")
        form = IndicatorEntryForm(request.POST)
        if form.is_valid():
            try:
                services.indicator_entry_create(
                    actor=self.actor, action=action, data=EntryData(**form.cleaned_data)
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            except PermissionDenied as exc:
                raise Http404 from exc
            else:
                messages.success(request, _("The figure was recorded."))
                return redirect("policy:action_detail", pk=action.pk)
        return self.page(action, entry=form)


class EntryDeleteView(PolicyView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        entry = selectors.entry_get(actor=self.actor, pk=pk, action="change")
        action_pk = entry.action_id
        services.indicator_entry_delete(actor=self.actor, entry=entry)
        messages.success(request, _("The figure was withdrawn."))
        return redirect("policy:action_detail", pk=action_pk)


class ImportView(PolicyView):
    """A CSV file of the actor's country's figures for a cycle: every row checked, then all
    or nothing, or the valid rows only."""

    template = "policy/import_page.html"

    def load(self, pk: int) -> PolicyCycle:
        cycle = selectors.cycle_get(actor=self.actor, pk=pk)
        if not can_contribute(self.actor):
            raise Http404
        return cycle

    def page(self, cycle: PolicyCycle, form: IndicatorImportForm, report: Any = None) -> Any:
        return self.render(
            self.template,
            {"cycle": cycle, "form": form, "report": report, "columns": CSV_COLUMNS},
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.page(self.load(pk), IndicatorImportForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        cycle = self.load(pk)
        form = IndicatorImportForm(request.POST, request.FILES)
        report = None
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > settings.PACCTO_POLICY_IMPORT_MAX_BYTES:
                form.add_error("file", _("The file is too large."))
            else:
                try:
                    report = services.indicator_import(
                        actor=self.actor,
                        cycle=cycle,
                        content=upload.read(),
                        mode=form.cleaned_data["mode"],
                    )
                except ValidationError as exc:
                    form_add_service_errors(form, exc)
        if report is not None and report.imported:
            messages.success(
                request,
                _("%(n)s figures imported.") % {"n": report.imported},
            )
        return self.page(cycle, form, report)


class PublicStatisticsView(View):
    """Aggregated, anonymised figures for everyone, without signing in."""

    def get(self, request: HttpRequest) -> HttpResponse:
        threshold = settings.PACCTO_PUBLIC_MIN_COUNT
        tables = selectors.public_statistics(threshold=threshold)
        return render(
            request,
            "policy/public_statistics_page.html",
            {"tables": tables, "threshold": threshold},
        )
