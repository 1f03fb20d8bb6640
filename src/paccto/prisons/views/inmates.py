"""Pages of inmates: the list, admission, the inmate's page (read for a stated reason)
with its custody history, affiliations, separation orders, reports, transfers and
release watches, and the steps of custody; the release watches of one's institution;
statistics."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from paccto.cases.models import Case
from paccto.core.permissions import can
from paccto.core.views import form_add_service_errors
from paccto.entities import selectors as entity_selectors
from paccto.entities.forms import JustificationForm
from paccto.prisons import selectors, services
from paccto.prisons.choices import CustodyStatus, LegalStatus, RiskLevel
from paccto.prisons.forms import (
    AffiliationForm,
    EndForm,
    InmateEditForm,
    InmateForm,
    MoveForm,
    ReasonForm,
    ReleaseForm,
    SeparationForm,
    WatchForm,
    entity_number,
)
from paccto.prisons.models import Inmate
from paccto.prisons.permissions import (
    can_admit_inmates,
    can_use_prisons,
    can_watch_inmates,
    is_transfer_authority,
)
from paccto.prisons.views.base import PrisonsView, inmate_url

INMATE = "prisons.inmate"


class InmateListView(PrisonsView):
    template = "prisons/inmate_list_page.html"
    partial_template_name = "prisons/partials/inmate_table.html"
    permission = staticmethod(can_use_prisons)

    def get(self, request: HttpRequest) -> HttpResponse:
        query = {
            "q": request.GET.get("q", "")[:100],
            "status": request.GET.get("status", "")
            if request.GET.get("status") in CustodyStatus.values
            else "",
            "risk_level": request.GET.get("risk_level", "")
            if request.GET.get("risk_level") in RiskLevel.values
            else "",
        }
        mine = request.GET.get("mine") == "1"
        page = self.paginate(selectors.inmate_list(actor=self.actor, mine=mine, **query))
        services.inmate_search_record(
            actor=self.actor,
            query={**query, "mine": "1" if mine else ""},
            count=page.paginator.count,
        )
        params = request.GET.copy()
        params.pop("page", None)
        actor = self.actor
        return self.render(
            self.template,
            {
                "page": page,
                "mine": mine,
                "statuses": CustodyStatus.choices,
                "risk_levels": RiskLevel.choices,
                "querystring": params.urlencode(),
                "can_admit": can_admit_inmates(actor),
                "can_watch": can_watch_inmates(actor),
                "can_transfer": is_transfer_authority(actor),
                **query,
            },
        )


class InmateCreateView(PrisonsView):
    template = "prisons/inmate_form_page.html"
    permission = staticmethod(can_admit_inmates)

    def form(self, *args: Any, **kwargs: Any) -> InmateForm:
        return InmateForm(*args, cases=selectors.case_choices(actor=self.actor), **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(self.template, {"form": self.form()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self.form(request.POST)
        if form.is_valid():
            try:
                inmate = services.inmate_admit(actor=self.actor, **self._arguments(form))
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("%(name)s was admitted (%(reference)s).")
                    % {"name": inmate.full_name, "reference": inmate.reference},
                )
                return redirect(inmate_url(inmate.pk, _("Admitted by me")))
        response = self.render(self.template, {"form": form})
        response.status_code = 400
        return response

    def _arguments(self, form: InmateForm) -> dict[str, Any]:
        data = form.cleaned_data
        person = None
        number = entity_number(data["person"])
        if number is not None:
            try:
                person = entity_selectors.entity_get(actor=self.actor, pk=number)
            except Http404:
                raise ValidationError(
                    {"person": [_("Choose a person of the entity store you may see.")]}
                ) from None
        case = Case.objects.filter(pk=data["case"]).first() if data["case"] else None
        sentence = form.sentence()
        return {
            "person": person,
            "person_identity": None if person else form.person_identity(),
            "register_number": data["register_number"],
            "establishment": data["establishment"],
            "admission_date": data["admission_date"],
            "legal_status": data["legal_status"],
            "expected_release_date": data["expected_release_date"],
            "risk_level": data["risk_level"],
            "case": case,
            "provenance": form.provenance(),
            "sentence_type": sentence["sentence_type"] or "",
            "sentence_months": sentence["sentence_months"],
            "sentence_court": sentence["sentence_court"] or "",
            "sentence_date": sentence["sentence_date"],
        }


class InmateDetailView(PrisonsView):
    template = "prisons/inmate_page.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        reason = JustificationForm(request.GET or None)
        inmate = self.found(selectors.inmate_get, INMATE, pk)
        if not reason.is_bound or not reason.is_valid():
            return self.render(
                "prisons/justification_page.html", {"form": reason, "title": _("Inmate")}
            )
        justification = reason.cleaned_data["justification"]
        actor = self.actor
        services.inmate_consult(actor=actor, inmate=inmate, justification=justification)
        manages = can(actor, "change", inmate)
        active = inmate.in_custody
        watcher = can_watch_inmates(actor) and can(actor, "watch", inmate)
        return self.render(
            self.template,
            {
                "inmate": inmate,
                "justification": justification,
                "events": selectors.inmate_events(inmate=inmate),
                "affiliations": selectors.inmate_affiliations(actor=actor, inmate=inmate),
                "separations": selectors.inmate_separations(actor=actor, inmate=inmate),
                "reports": selectors.inmate_reports(actor=actor, inmate=inmate)[:20],
                "transfers": selectors.inmate_transfers(actor=actor, inmate=inmate),
                "watches": selectors.inmate_watches(actor=actor, inmate=inmate)
                if can_watch_inmates(actor)
                else [],
                "person_visible": can(actor, "view", inmate.person),
                "manages": manages,
                "move_form": MoveForm() if manages and active else None,
                "release_form": ReleaseForm() if manages and active else None,
                "affiliation_form": AffiliationForm() if manages else None,
                "end_form": EndForm() if manages else None,
                "separation_form": SeparationForm(
                    inmates=[
                        (i.pk, f"{i.full_name} ({i.register_number})")
                        for i in selectors.separation_candidates(actor=actor, inmate=inmate)
                    ]
                )
                if manages and active
                else None,
                "reason_form": ReasonForm() if manages else None,
                "watch_form": WatchForm() if watcher and active else None,
                "can_open_transfer": is_transfer_authority(actor)
                and actor.country_id == inmate.owner_institution.country_id
                and inmate.legal_status == LegalStatus.SENTENCED
                and active,
            },
        )


class InmateEditView(PrisonsView):
    template = "prisons/inmate_edit_page.html"

    def form(self, *args: Any, **kwargs: Any) -> InmateEditForm:
        return InmateEditForm(*args, cases=selectors.case_choices(actor=self.actor), **kwargs)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        inmate = self.found(selectors.inmate_get, INMATE, pk, "change")
        form = self.form(initial=InmateEditForm.initial_for(inmate))
        return self.render(self.template, {"form": form, "inmate": inmate})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        inmate = self.found(selectors.inmate_get, INMATE, pk, "change")
        form = self.form(request.POST)
        if form.is_valid():
            changes = form.changes()
            case_id = form.cleaned_data["case"]
            changes["case"] = Case.objects.filter(pk=case_id).first() if case_id else None
            try:
                services.inmate_update(actor=self.actor, inmate=inmate, changes=changes)
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(request, _("The inmate's record was saved."))
                return redirect(inmate_url(inmate.pk, _("Changed by me")))
        response = self.render(self.template, {"form": form, "inmate": inmate})
        response.status_code = 400
        return response


class InmateStepView(PrisonsView):
    """A step of custody posted from the inmate's page, which it returns to."""

    action = "change"

    def inmate(self, pk: int) -> Inmate:
        return self.found(selectors.inmate_get, INMATE, pk, self.action)

    def back(self, inmate: Inmate, exc: ValidationError | None, done: str) -> HttpResponse:
        if exc is not None:
            self.flash_errors(exc)
        else:
            messages.success(self.request, done)
        return redirect(inmate_url(inmate.pk, self.justification() or _("Custody management")))


class InmateMoveView(InmateStepView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        inmate = self.inmate(pk)
        form = MoveForm(request.POST)
        data = form.cleaned_data if form.is_valid() else {}
        try:
            services.inmate_move(
                actor=self.actor,
                inmate=inmate,
                to_establishment=data.get("to_establishment", ""),
                on=data.get("on"),
                note=data.get("note", ""),
            )
        except ValidationError as exc:
            return self.back(inmate, exc, "")
        return self.back(inmate, None, _("The move was recorded."))


class InmateReleaseView(InmateStepView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        inmate = self.inmate(pk)
        form = ReleaseForm(request.POST)
        data = form.cleaned_data if form.is_valid() else {}
        try:
            services.inmate_release(
                actor=self.actor,
                inmate=inmate,
                released_on=data.get("released_on"),
                note=data.get("note", ""),
            )
        except ValidationError as exc:
            return self.back(inmate, exc, "")
        return self.back(inmate, None, _("The release was recorded."))


class AffiliationCreateView(InmateStepView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        inmate = self.inmate(pk)
        form = AffiliationForm(request.POST)
        if not form.is_valid():
            return self.back(inmate, ValidationError(_("Check the affiliation's fields.")), "")
        data = form.cleaned_data
        try:
            services.affiliation_add(
                actor=self.actor,
                inmate=inmate,
                group_name=data["group_name"],
                role=data["role"],
                source=data["source"],
                source_note=data["source_note"],
                since=data["since"],
                provenance=form.provenance(),
            )
        except ValidationError as exc:
            return self.back(inmate, exc, "")
        return self.back(inmate, None, _("The affiliation was recorded."))


class AffiliationEndView(InmateStepView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        affiliation = self.found(selectors.affiliation_get, "prisons.affiliation", pk, "change")
        form = EndForm(request.POST)
        data = form.cleaned_data if form.is_valid() else {}
        try:
            services.affiliation_end(
                actor=self.actor,
                affiliation=affiliation,
                ended_on=data.get("ended_on"),
                reason=data.get("reason", ""),
            )
        except ValidationError as exc:
            return self.back(affiliation.inmate, exc, "")
        return self.back(affiliation.inmate, None, _("The affiliation was ended."))


class SeparationCreateView(InmateStepView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        inmate = self.inmate(pk)
        try:
            other_id = int(request.POST.get("other", ""))
        except ValueError:
            other_id = 0
        other = self.found(selectors.inmate_get, INMATE, other_id, "change")
        try:
            services.separation_order_add(
                actor=self.actor,
                inmate=inmate,
                other=other,
                reason=str(request.POST.get("reason", ""))[:2000],
            )
        except ValidationError as exc:
            return self.back(inmate, exc, "")
        return self.back(inmate, None, _("The separation order was recorded."))


class SeparationLiftView(InmateStepView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = self.found(selectors.separation_get, "prisons.separationorder", pk, "change")
        try:
            services.separation_order_lift(
                actor=self.actor, order=order, reason=str(request.POST.get("reason", ""))[:2000]
            )
        except ValidationError as exc:
            return self.back(order.inmate, exc, "")
        return self.back(order.inmate, None, _("The separation order was lifted."))


class WatchCreateView(InmateStepView):
    action = "view"
    permission = staticmethod(can_watch_inmates)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        inmate = self.inmate(pk)
        raw = str(request.POST.get("days_before", "")).strip()
        try:
            days = int(raw) if raw else None
        except ValueError:
            days = -1  # refused by the service, with its message
        try:
            services.watch_create(
                actor=self.actor,
                inmate=inmate,
                reason=str(request.POST.get("reason", ""))[:2000],
                days_before=days,
            )
        except ValidationError as exc:
            return self.back(inmate, exc, "")
        return self.back(inmate, None, _("Your institution will be told before the release."))


class WatchListView(PrisonsView):
    template = "prisons/watch_list_page.html"
    permission = staticmethod(can_watch_inmates)

    def get(self, request: HttpRequest) -> HttpResponse:
        everything = request.GET.get("all") == "1"
        page = self.paginate(selectors.watch_list(actor=self.actor, active=not everything))
        return self.render(self.template, {"page": page, "all": everything})


class WatchEndView(PrisonsView):
    permission = staticmethod(can_watch_inmates)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        watch = self.found(selectors.watch_get, "prisons.releasewatch", pk, "change")
        try:
            services.watch_end(actor=self.actor, watch=watch)
        except ValidationError as exc:
            self.flash_errors(exc)
        else:
            messages.success(request, _("The watch was ended."))
        return redirect("prisons:watch_list")


class StatisticsView(PrisonsView):
    template = "prisons/statistics_page.html"
    permission = staticmethod(can_use_prisons)

    def get(self, request: HttpRequest) -> HttpResponse:
        rows = selectors.inmate_statistics()
        labels = dict(RiskLevel.choices)
        for row in rows:
            row["risk_label"] = labels.get(str(row["risk_level"]), row["risk_level"])
        total = sum(int(str(row["count"])) for row in rows)
        affiliated = sum(int(str(row["count"])) for row in rows if row["affiliated"])
        return self.render(self.template, {"rows": rows, "total": total, "affiliated": affiliated})
