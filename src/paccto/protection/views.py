"""Pages of protection orders: issue, follow, transmit and decide, report breaches, verify
at the frontline, statistics. Reading an order or the protected person's data needs a stated
reason; every refused attempt is audited and answers 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from paccto.core.models import Institution
from paccto.core.permissions import can
from paccto.core.views import PlatformView, form_add_service_errors
from paccto.crypto.envelope import FieldKeyError
from paccto.entities import selectors as entity_selectors
from paccto.entities.forms import JustificationForm
from paccto.hits.services import RateLimited
from paccto.protection import selectors, services
from paccto.protection.choices import ENDED, OrderStatus
from paccto.protection.forms import (
    BreachForm,
    CloseForm,
    DecisionForm,
    OrderIssueForm,
    TransmitForm,
    VerifyForm,
    VictimInformedForm,
)
from paccto.protection.models import ProtectionOrder
from paccto.protection.permissions import (
    can_issue_protection_orders,
    can_see_protection_statistics,
    can_use_protection,
    can_verify_protection_orders,
)

ORDER = "protection.protectionorder"


def detail_url(pk: int, justification: str) -> str:
    """The order page, consulted for a stated reason."""
    query = urlencode({"justification": justification})
    return f"{reverse('protection:order_detail', args=[pk])}?{query}"


class ProtectionView(PlatformView):
    """Reads of one record: a record one may not see answers 404, and the attempt is
    audited."""

    def order_or_404(
        self, pk: int, action: str = "view", justification: str = ""
    ) -> ProtectionOrder:
        try:
            return selectors.protection_order_get(actor=self.actor, pk=pk, action=action)
        except Http404:
            services.protection_access_refused(
                actor=self.actor, object_type=ORDER, object_id=pk, justification=justification
            )
            raise

    def flash_errors(self, exc: ValidationError) -> None:
        for message in exc.messages:
            messages.error(self.request, message)


class OrderListView(ProtectionView):
    template = "protection/order_list_page.html"
    partial_template_name = "protection/partials/order_table.html"
    permission = staticmethod(can_use_protection)

    def get(self, request: HttpRequest) -> HttpResponse:
        q = request.GET.get("q", "")[:100]
        status = request.GET.get("status", "")
        status = status if status in OrderStatus.values else ""
        page = self.paginate(selectors.protection_order_list(actor=self.actor, q=q, status=status))
        services.protection_order_search_record(
            actor=self.actor, q=q, status=status, orders=[o.number for o in page.object_list]
        )
        params = request.GET.copy()
        params.pop("page", None)
        return self.render(
            self.template,
            {
                "page": page,
                "q": q,
                "status": status,
                "statuses": OrderStatus.choices,
                "querystring": params.urlencode(),
                "notifications": selectors.protection_notification_list(actor=self.actor)[:10],
                "can_issue": can_issue_protection_orders(self.actor),
                "can_verify": can_verify_protection_orders(self.actor),
                "can_see_statistics": can_see_protection_statistics(self.actor),
            },
        )


class OrderCreateView(ProtectionView):
    template = "protection/order_form_page.html"
    permission = staticmethod(can_issue_protection_orders)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(self.template, {"form": OrderIssueForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = OrderIssueForm(request.POST)
        if form.is_valid():
            try:
                order = services.protection_order_issue(actor=self.actor, **self._arguments(form))
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("Order %(number)s was issued as a draft.") % {"number": order.number}
                )
                return redirect(detail_url(order.pk, _("Issued by me")))
        response = self.render(self.template, {"form": form})
        response.status_code = 400
        return response

    def _arguments(self, form: OrderIssueForm) -> dict[str, Any]:
        respondent = None
        number = form.respondent_number()
        if number is not None:
            try:
                respondent = entity_selectors.entity_get(actor=self.actor, pk=number)
            except Http404:
                raise ValidationError(
                    {"respondent": [_("Choose a person of the entity store you may see.")]}
                ) from None
        data = form.cleaned_data
        return {
            "national_measure_reference": data["national_measure_reference"],
            "national_measure_date": data["national_measure_date"],
            "national_measure_authority": data["national_measure_authority"],
            "valid_from": data["valid_from"],
            "valid_to": data["valid_to"],
            "victim": form.victim(),
            "children": form.children(),
            "measures": form.measures(),
            "respondent": respondent,
            "respondent_identity": None if respondent else form.respondent_identity(),
        }


class OrderDetailView(ProtectionView):
    template = "protection/order_page.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        reason = JustificationForm(request.GET or None)
        justification = reason.data.get("justification", "") if reason.is_bound else ""
        order = self.order_or_404(pk, justification=str(justification))
        if not reason.is_bound or not reason.is_valid():
            return self.render(
                "protection/justification_page.html",
                {"form": reason, "title": _("Protection order"), "action": ""},
            )
        justification = reason.cleaned_data["justification"]
        services.protection_order_consult(
            actor=self.actor, order=order, justification=justification
        )
        actor = self.actor
        transmissions = list(selectors.protection_order_transmissions(actor=actor, order=order))
        executing = [t for t in transmissions if can(actor, "execute", t)]
        issuer = can(actor, "issue", order)
        notifications = list(selectors.protection_notification_list(actor=actor, order=order))
        services.protection_notifications_seen(actor=actor, order=order)
        return self.render(
            self.template,
            {
                "order": order,
                "justification": justification,
                "measures": selectors.protection_order_measures(order=order),
                "children": selectors.protected_persons_count(order=order),
                "transmissions": transmissions,
                "executing_ids": {t.pk for t in executing},
                "events": selectors.protection_order_events(actor=actor, order=order),
                "breaches": selectors.protection_order_breaches(actor=actor, order=order),
                "notifications": notifications,
                "is_issuer": issuer,
                "is_ended": order.status in ENDED,
                "can_see_victim": selectors.protected_persons_visible(actor=actor, order=order),
                "transmit_form": TransmitForm(
                    institutions=selectors.executing_institution_choices(order=order)
                )
                if issuer and order.status not in ENDED
                else None,
                "close_form": CloseForm() if issuer and order.status not in ENDED else None,
                "decision_form": DecisionForm(),
                "informed_form": VictimInformedForm() if issuer else None,
            },
        )


class VictimView(ProtectionView):
    """The protected person's and children's data: protection officers of the issuing and
    executing authorities, for a stated reason; 404 (audited) for anyone else."""

    template = "protection/victim_page.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        reason = JustificationForm(request.GET or None)
        justification = str(reason.data.get("justification", "")) if reason.is_bound else ""
        order = self.order_or_404(pk, justification=justification)
        if not selectors.protected_persons_visible(actor=self.actor, order=order):
            services.protection_access_refused(
                actor=self.actor,
                object_type=services.access.PROTECTED_PERSON,
                object_id=order.pk,
                justification=justification,
            )
            raise Http404
        if not reason.is_bound or not reason.is_valid():
            return self.render(
                "protection/justification_page.html",
                {"form": reason, "title": _("Protected person"), "sensitive": True},
            )
        try:
            persons = selectors.protected_persons_get(actor=self.actor, order=order)
        except FieldKeyError:
            response = self.render(self.template, {"order": order, "key_error": True})
            response.status_code = 503
            return response
        services.protected_persons_consult(
            actor=self.actor, order=order, justification=reason.cleaned_data["justification"]
        )
        return self.render(
            self.template,
            {
                "order": order,
                "persons": persons,
                "justification": reason.cleaned_data["justification"],
            },
        )


class OrderTransmitView(ProtectionView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = self.order_or_404(pk, action="issue")
        form = TransmitForm(request.POST)
        chosen = form.cleaned_data.get("executing_institution") if form.is_valid() else None
        institution = (
            Institution.objects.select_related("country").filter(pk=chosen).first()
            if chosen
            else None
        )
        try:
            sent = services.protection_order_transmit(
                actor=self.actor, order=order, executing_institution=institution
            )
        except ValidationError as exc:
            self.flash_errors(exc)
        else:
            messages.success(
                request,
                _("The order was transmitted to %(institution)s.")
                % {"institution": sent.executing_institution.name},
            )
        return redirect(detail_url(order.pk, _("Transmitted by me")))


class OrderCloseView(ProtectionView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = self.order_or_404(pk, action="issue")
        form = CloseForm(request.POST)
        data = form.cleaned_data if form.is_valid() else {}
        try:
            services.protection_order_close(
                actor=self.actor,
                order=order,
                closing=data.get("closing", str(request.POST.get("closing", ""))[:20]),
                reason=data.get("reason", ""),
            )
        except ValidationError as exc:
            self.flash_errors(exc)
        else:
            messages.success(
                request,
                _("The order is now “%(status)s”.") % {"status": order.get_status_display()},
            )
        return redirect(detail_url(order.pk, _("Closed by me")))


class TransmissionDecideView(ProtectionView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            transmission = selectors.transmission_get(actor=self.actor, pk=pk, action="execute")
        except Http404:
            services.protection_access_refused(
                actor=self.actor, object_type="protection.transmission", object_id=pk
            )
            raise
        form = DecisionForm(request.POST)
        data = form.cleaned_data if form.is_valid() else {}
        try:
            services.transmission_decide(
                actor=self.actor,
                transmission=transmission,
                decision=data.get("decision", ""),
                ground=data.get("ground", ""),
                reason=data.get("reason", ""),
            )
        except ValidationError as exc:
            self.flash_errors(exc)
        else:
            messages.success(
                request,
                _("The order is now “%(status)s” in your state.")
                % {"status": transmission.get_status_display()},
            )
        return redirect(detail_url(transmission.order_id, _("Decided by me")))


class BreachCreateView(ProtectionView):
    template = "protection/breach_form_page.html"

    def _transmission(self, pk: int):
        try:
            return selectors.transmission_get(actor=self.actor, pk=pk, action="execute")
        except Http404:
            services.protection_access_refused(
                actor=self.actor, object_type="protection.transmission", object_id=pk
            )
            raise

    def _render(self, transmission, form: BreachForm, status: int = 200) -> HttpResponse:
        response = self.render(self.template, {"form": form, "transmission": transmission})
        response.status_code = status
        return response

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        transmission = self._transmission(pk)
        return self._render(transmission, BreachForm(measures=transmission.order.measures.all()))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        transmission = self._transmission(pk)
        form = BreachForm(request.POST, measures=transmission.order.measures.all())
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.breach_report(
                    actor=self.actor,
                    transmission=transmission,
                    measure_id=data["measure"],
                    occurred_at=data["occurred_at"],
                    place=data["place"],
                    description=data["description"],
                    action_taken=data["action_taken"],
                    victim_informed=data["victim_informed"],
                    victim_informed_at=data["victim_informed_at"],
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(request, _("The breach was reported to the issuing authority."))
                return redirect(detail_url(transmission.order_id, _("Breach reported by me")))
        return self._render(transmission, form, status=400)


class BreachVictimInformedView(ProtectionView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            breach = selectors.breach_get(actor=self.actor, pk=pk, action="change")
        except Http404:
            services.protection_access_refused(
                actor=self.actor, object_type="protection.breachreport", object_id=pk
            )
            raise
        form = VictimInformedForm(request.POST)
        try:
            services.breach_victim_informed(
                actor=self.actor,
                breach=breach,
                informed_at=form.cleaned_data["informed_at"] if form.is_valid() else None,
            )
        except ValidationError as exc:
            self.flash_errors(exc)
        else:
            messages.success(request, _("Recorded: she was informed of the breach."))
        return redirect(detail_url(breach.order_id, _("Breach followed up by me")))


class VerifyView(ProtectionView):
    """The query goes in a POST body: names never end up in URLs or access logs."""

    template = "protection/verify_page.html"
    permission = staticmethod(can_verify_protection_orders)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(self.template, {"form": VerifyForm(), "results": None})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = VerifyForm(request.POST)
        results = None
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                results = services.protection_verify(
                    actor=self.actor,
                    justification=data.pop("justification"),
                    number=data.pop("number"),
                    identity=data,
                )
                status = 200
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            except RateLimited as exc:
                form.add_error(None, str(exc))
                status = 429
        response = self.render(self.template, {"form": form, "results": results})
        response.status_code = status
        return response


class StatisticsView(ProtectionView):
    template = "protection/statistics_page.html"
    permission = staticmethod(can_see_protection_statistics)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(self.template, {"stats": selectors.protection_statistics()})
