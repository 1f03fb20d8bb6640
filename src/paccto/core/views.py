"""Base views of the platform and the directory pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core import selectors
from paccto.core.choices import CriminalMarket, Sector
from paccto.core.datefmt import short_datetime
from paccto.core.markup import html_join, pk_url
from paccto.core.permissions import Actor, actor_for

PAGE_SIZE = 25

# Cards other apps add to the dashboard: a function of the actor returning the card's
# context (with ``template``) or None when the actor has nothing to see there.
DashboardCard = Callable[[Actor], "dict[str, Any] | None"]
_dashboard_cards: list[DashboardCard] = []


def register_dashboard_card(card: DashboardCard) -> None:
    """Add a card to the dashboard (once per card)."""
    if card not in _dashboard_cards:
        _dashboard_cards.append(card)


def form_add_service_errors(form: Any, exc: ValidationError, prefix: str = "") -> None:
    """Put a service's validation errors on the form fields they concern (a field named
    ``prefix + name`` when the form has one), the rest on the form itself."""
    if not hasattr(exc, "error_dict"):
        for message in exc.messages:
            form.add_error(None, message)
        return
    for name, errors in exc.error_dict.items():
        field = next((f for f in (prefix + name, name) if f in form.fields), None)
        for error in errors:
            form.add_error(field, error)


class PlatformView(LoginRequiredMixin, View):
    """Base of every signed-in page: resolves the actor once, applies the view's permission
    (``permission``, a predicate of the permissions module) before any handler runs; HTMX
    requests get the partial."""

    partial_template_name: str | None = None
    permission: Callable[[Actor], bool] | None = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        check = type(self).permission
        if request.user.is_authenticated and check is not None and not check(self.actor):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def actor(self) -> Actor:
        return actor_for(self.request.user)

    def render(self, template: str, context: dict[str, Any]) -> HttpResponse:
        headers = self.request.headers
        # A history restore asks for the whole page even though it comes from HTMX.
        if (
            self.partial_template_name
            and headers.get("HX-Request")
            and not headers.get("HX-History-Restore-Request")
        ):
            template = self.partial_template_name
        response = render(self.request, template, context)
        # One URL, two representations: caches must keep them apart.
        patch_vary_headers(response, ["HX-Request"])
        return response

    def paginate(self, items: Any) -> Any:
        return Paginator(items, PAGE_SIZE).get_page(self.request.GET.get("page"))


def bar_rows(rows: list[tuple[str, int]]) -> str:
    """The rows of a bar chart (label, value), built in Python for the dashboard, which
    every user opens first and most: a template loop costs tens of microseconds a value."""
    return html_join(
        '<div class="bar-row"><span class="bar-label">{}</span><span class="bar" '
        'data-value="{}"><span class="bar-fill"></span></span>'
        '<span class="bar-value">{}</span></div>',
        ((label, value, localize(value)) for label, value in rows),
    )


def network_items(memberships: Any) -> str:
    """The institution's networks as list items (contact points marked), for the dashboard."""
    if not memberships:
        return format_html("<li>{}</li>", _("None."))
    contact = format_html(" · {}", _("contact point"))
    return html_join(
        '<li><a href="{}">{}</a>{}</li>',
        (
            (
                reverse("core:network_detail", args=[m["network__key"]]),
                m["network__name"],
                contact if m["is_contact_point"] else "",
            )
            for m in memberships
        ),
    )


def activity_rows(entries: list[Any]) -> str:
    """Audit entries as table rows (time in the user's zone and format, action, object),
    built in Python for the dashboard."""
    return html_join(
        "<tr><td>{}</td><td>{}</td><td>{} {}</td></tr>",
        ((short_datetime(e.at), e.action_label, e.object_type, e.object_id) for e in entries),
    )


def select_options(choices: list[tuple[str, str]], selected: str) -> str:
    """``<option>`` elements for a filter, built in Python: a template loop over every
    country on every search request is the slowest part of the page."""
    return html_join(
        '<option value="{}"{}>{}</option>',
        (
            (value, mark_safe(" selected") if value == selected else "", label)
            for value, label in choices
        ),
    )


class DashboardView(PlatformView):
    def get(self, request: HttpRequest) -> HttpResponse:
        from paccto.audit.selectors import audit_entry_own_recent

        actor = self.actor
        institution = request.user.institution
        networks = (
            selectors.institution_network_summary(institution_id=institution.pk)
            if institution
            else []
        )
        counts = selectors.sector_counts()
        recent = audit_entry_own_recent(actor=actor)
        cards = [card for card in (build(actor) for build in _dashboard_cards) if card]
        audit_record(actor=actor, action=AuditAction.CONSULT, object_type="core.dashboard")
        return self.render(
            "core/dashboard_page.html",
            {
                "institution": institution,
                "networks": network_items(networks),
                "sector_bars": bar_rows(
                    [(Sector(k).label, counts.get(k, 0)) for k in Sector.values]
                ),
                "recent": activity_rows(recent),
                "cards": cards,
            },
        )


class CountryListView(PlatformView):
    partial_template_name = "core/partials/country_table.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        q = request.GET.get("q", "")[:100]
        grouping = request.GET.get("grouping", "")[:32]
        countries = selectors.country_list(q=q, grouping=grouping)
        return self.render(
            "core/country_list_page.html",
            {
                "countries": countries,
                "groupings": selectors.grouping_list(),
                "q": q,
                "grouping": grouping,
            },
        )


class CountryDetailView(PlatformView):
    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        country = selectors.country_get(code=code)
        institutions = selectors.institution_search(country=country.code)
        by_sector: dict[str, list] = {}
        for inst in institutions:
            by_sector.setdefault(inst.sector_label, []).append(inst)
        return self.render("core/country_page.html", {"country": country, "by_sector": by_sector})


class InstitutionListView(PlatformView):
    partial_template_name = "core/partials/institution_table.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        params = {
            "q": request.GET.get("q", "")[:100],
            "sector": request.GET.get("sector", "")
            if request.GET.get("sector") in Sector.values
            else "",
            "country": request.GET.get("country", "")[:2],
            "network": request.GET.get("network", "")[:40],
        }
        page = self.paginate(selectors.institution_search(**params))
        # The rows built in Python: the directory search is the page searched most, and a
        # template loop costs tens of microseconds a value.
        url = pk_url("core:institution_detail")
        rows = html_join(
            '<tr><td><a href="{}">{}</a>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
            (
                (
                    url(i.pk),
                    i.name,
                    html_join(" ({})", [(i.acronym,)]) if i.acronym else "",
                    i.sector_label,
                    i.country.name,
                    i.city,
                )
                for i in page.object_list
            ),
        )
        audit_record(
            actor=self.actor,
            action=AuditAction.CONSULT,
            object_type="core.institution",
            details={"search": {k: v for k, v in params.items() if v}},
        )
        return self.render(
            "core/institution_list_page.html",
            {
                "page": page,
                "rows": rows,
                "sector_options": select_options(Sector.choices, params["sector"]),
                "country_options": select_options(
                    selectors.country_choices(), params["country"].upper()
                ),
                "network_options": select_options(selectors.network_choices(), params["network"]),
                **params,
            },
        )


class InstitutionDetailView(PlatformView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        institution = selectors.institution_get(pk=pk)
        return self.render(
            "core/institution_page.html",
            {
                "institution": institution,
                "memberships": selectors.institution_networks(institution=institution),
            },
        )


class NetworkListView(PlatformView):
    def get(self, request: HttpRequest) -> HttpResponse:
        q = request.GET.get("q", "")[:100]
        return self.render(
            "core/network_list_page.html", {"networks": selectors.network_list(q=q), "q": q}
        )


class NetworkDetailView(PlatformView):
    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        network = selectors.network_get(key=key)
        return self.render(
            "core/network_page.html",
            {"network": network, "memberships": selectors.network_members(network=network)},
        )


class CriminalMarketListView(PlatformView):
    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(
            "core/criminal_market_list_page.html", {"markets": CriminalMarket.choices}
        )


class HealthView(View):
    """Liveness and database readiness for load balancers and supervisors."""

    def get(self, request: HttpRequest) -> HttpResponse:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return HttpResponse("ok", content_type="text/plain")
