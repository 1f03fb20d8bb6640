"""Permission-matrix rows of the protection app (pages and API), and the records they need.

Protection orders: an order of Colombia's prosecution service (where ``other_institution``
is a prosecutor), in force in Peru. No profile here is a protection officer: only the
prosecutor sees the order, nobody its protected person's data; police analysts (``owner``,
``other_country``) may verify and learn there is no valid order in their state.
"""

from __future__ import annotations

from paccto.core.permissions import actor_for
from tests.factories import first_institution

PROTECTION_RECORD_KEYS = ("order", "transmission", "breach")
ORDER_BODY = {
    "national_measure_reference": "M-1",
    "national_measure_date": "2026-01-02",
    "national_measure_authority": "Juzgado",
    "valid_from": "2026-01-02",
    "valid_to": "2099-01-01",
    "respondent": {"given_name": "A", "surname": "B"},
    "victim": {"given_names": "C", "surnames": "D", "date_of_birth": "1990-01-01"},
    "measures": [{"kind": "distance", "distance_metres": 100}],
}
VERIFIERS = dict(owner=200, other_country=200)


def protection_routes(Route, expect) -> list:
    return [
        Route("protection:order_list", "/protection/", expect(302, 403, other_institution=200)),
        Route("protection:order_create", "/protection/new/", expect(302, 403)),
        Route("protection:order_create", "/protection/new/", expect(302, 403), "post", {}),
        Route("protection:verify", "/protection/verify/", expect(302, 403, **VERIFIERS)),
        Route(
            "protection:verify",
            "/protection/verify/",
            expect(302, 403, **VERIFIERS),
            "post",
            lambda a, r: {"number": r["order"].number, "justification": "matrix"},
        ),
        Route("protection:statistics", "/protection/statistics/", expect(302, 403)),
        Route(
            "protection:order_detail",
            lambda a, r: f"/protection/{r['order'].pk}/?justification=matrix",
            expect(302, 404, other_institution=200),
        ),
        Route(
            "protection:order_victim",
            lambda a, r: f"/protection/{r['order'].pk}/protected-persons/?justification=matrix",
            expect(302, 404),
        ),
        Route(
            "protection:order_transmit",
            lambda a, r: f"/protection/{r['order'].pk}/transmit/",
            expect(302, 404),
            "post",
            {"executing_institution": "1"},
        ),
        Route(
            "protection:order_close",
            lambda a, r: f"/protection/{r['order'].pk}/close/",
            expect(302, 404),
            "post",
            {"closing": "revoke", "reason": "matrix"},
        ),
        Route(
            "protection:transmission_decide",
            lambda a, r: f"/protection/transmissions/{r['transmission'].pk}/decide/",
            expect(302, 404),
            "post",
            {"decision": "enforce"},
        ),
        Route(
            "protection:breach_create",
            lambda a, r: f"/protection/transmissions/{r['transmission'].pk}/breaches/new/",
            expect(302, 404),
        ),
        Route(
            "protection:breach_victim_informed",
            lambda a, r: f"/protection/breaches/{r['breach'].pk}/victim-informed/",
            expect(302, 404),
            "post",
            {"informed_at": "2026-01-03T10:00"},
        ),
        Route("api:protection_order_list", "/api/v1/protection/orders", expect(401, 200)),
        Route(
            "api:protection_order_create",
            "/api/v1/protection/orders",
            expect(401, 403),
            "post",
            ORDER_BODY,
            json=True,
        ),
        Route(
            "api:protection_order_detail",
            lambda a, r: f"/api/v1/protection/orders/{r['order'].pk}?justification=matrix",
            expect(401, 404, other_institution=200),
        ),
        Route(
            "api:protection_order_victim",
            lambda a, r: (
                f"/api/v1/protection/orders/{r['order'].pk}/protected-persons?justification=matrix"
            ),
            expect(401, 404),
        ),
        Route(
            "api:protection_order_transmit",
            lambda a, r: f"/api/v1/protection/orders/{r['order'].pk}/transmissions",
            expect(401, 404),
            "post",
            {"executing_institution_id": 1},
            json=True,
        ),
        Route(
            "api:protection_order_close",
            lambda a, r: f"/api/v1/protection/orders/{r['order'].pk}/close",
            expect(401, 404),
            "post",
            {"closing": "revoke", "reason": "matrix"},
            json=True,
        ),
        Route(
            "api:protection_transmission_decide",
            lambda a, r: f"/api/v1/protection/transmissions/{r['transmission'].pk}/decision",
            expect(401, 404),
            "post",
            {"decision": "enforce"},
            json=True,
        ),
        Route(
            "api:protection_breach_create",
            lambda a, r: f"/api/v1/protection/transmissions/{r['transmission'].pk}/breaches",
            expect(401, 404),
            "post",
            lambda a, r: {
                "measure_id": r["breach"].measure_id,
                "occurred_at": "2026-01-03T10:00:00Z",
                "place": "x",
                "description": "x",
                "action_taken": "x",
            },
            json=True,
        ),
        Route(
            "api:protection_breach_victim_informed",
            lambda a, r: f"/api/v1/protection/breaches/{r['breach'].pk}/victim-informed",
            expect(401, 404),
            "post",
            {"informed_at": "2026-01-03T10:00:00Z"},
            json=True,
        ),
        Route(
            "api:protection_verify",
            "/api/v1/protection/verify",
            expect(401, 403, owner=404, other_country=404),
            "post",
            lambda a, r: {"number": r["order"].number, "justification": "matrix"},
            json=True,
        ),
        Route(
            "api:protection_notification_list", "/api/v1/protection/notifications", expect(401, 200)
        ),
        Route("api:protection_statistics", "/api/v1/protection/statistics", expect(401, 403)),
        Route(
            "api:protection_refusal_ground_list",
            "/api/v1/protection/refusal-grounds",
            expect(401, 200),
        ),
    ]


def protection_records() -> dict:
    """An order of Colombia's prosecution service, in force in Peru, with a breach."""
    from datetime import timedelta

    from django.utils import timezone

    from paccto.core.choices import Role
    from paccto.protection import services as protection
    from tests.factories import make_user

    co = actor_for(make_user("CO", "prosecution", (Role.PROTECTION_OFFICER,), username="co.po"))
    pe = actor_for(make_user("PE", "judiciary", (Role.PROTECTION_OFFICER,), username="pe.po"))
    today = timezone.localdate()
    order = protection.protection_order_issue(
        actor=co,
        national_measure_reference="M-1",
        national_measure_date=today,
        national_measure_authority="Juzgado",
        valid_from=today - timedelta(days=1),
        valid_to=today.replace(year=today.year + 1),
        victim={"given_names": "C", "surnames": "D", "date_of_birth": "1990-01-01"},
        measures=[{"kind": "distance", "distance_metres": 100}],
        respondent_identity={"given_name": "A", "surname": "B"},
    )
    sent = protection.protection_order_transmit(
        actor=co, order=order, executing_institution=first_institution("PE", "judiciary")
    )
    for decision in ("recognise", "enforce"):
        protection.transmission_decide(actor=pe, transmission=sent, decision=decision)
    breach = protection.breach_report(
        actor=pe,
        transmission=sent,
        measure_id=order.measures.get().pk,
        occurred_at=timezone.now(),
        place="Lima",
        description="x",
        action_taken="x",
    )
    return {"order": order, "transmission": sent, "breach": breach}
