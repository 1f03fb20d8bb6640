"""Synthetic people and orders for the protection-order tests (Faker es_AR; Faker has no
es_UY locale, and Rioplatense names suit Uruguay as well)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone
from faker import Faker

from paccto.core.choices import Role
from paccto.core.permissions import actor_for
from paccto.protection import services
from paccto.protection.models import ProtectionOrder, Transmission
from tests.factories import UserFactory, institution, make_user

AR = Faker("es_AR")
UY = Faker("es_AR")
AR.seed_instance(2026)
UY.seed_instance(2027)


def officer(key: str, roles: tuple[str, ...], username: str, **kwargs: Any):
    kwargs.setdefault("language", "en")
    return UserFactory(institution=institution(key), roles=list(roles), username=username, **kwargs)


class ProtectionActors:
    """Protection officers, judges and police of Argentina (issuing), Uruguay (executing),
    Brazil (another Mercosur state) and Spain (EU)."""

    def __init__(self) -> None:
        po = (Role.PROTECTION_OFFICER,)
        self.ar_po = officer("ar-csjn", po, "ar.po", email="ar.po@example.org")
        self.ar_po2 = officer("ar-csjn", po, "ar.po2", email="ar.po2@example.org", language="es")
        self.ar_judge = officer("ar-csjn", (Role.JUDGE,), "ar.judge")
        self.ar_analyst = officer("ar-csjn", (Role.ANALYST,), "ar.analyst")
        self.ar_other_po = officer("ar-mpf", po, "ar.mpf.po")
        self.uy_po = officer("uy-scj", po, "uy.po", email="uy.po@example.org")
        self.uy_prosecutor_elsewhere = officer("uy-fgn", (Role.PROSECUTOR,), "uy.fgn")
        self.uy_judge = officer("uy-scj", (Role.JUDGE,), "uy.judge")
        self.uy_police = officer("uy-policia-nacional", (Role.INVESTIGATOR,), "uy.police")
        self.uy_police_norole = officer("uy-policia-nacional", (), "uy.police.norole")
        self.br_police = officer("br-pf", (Role.INVESTIGATOR,), "br.police")
        self.br_po = officer("br-stj", po, "br.po")
        self.es_po = officer("es-tribunal-supremo", po, "es.po")
        self.co_po = make_user("CO", "judiciary", po, username="co.po", language="en")
        self.mx_po = make_user("MX", "judiciary", po, username="mx.po", language="en")
        self.mx_policy = make_user(
            "MX", "ministry", (Role.POLICY_COORDINATOR,), username="mx.pol", language="en"
        )

    def actor(self, name: str):
        return actor_for(getattr(self, name))


def victim_data(born: date | None = None) -> dict[str, Any]:
    return {
        "given_names": UY.first_name_female(),
        "surnames": f"{UY.last_name()} {UY.last_name()}",
        "date_of_birth": born or date(1991, 4, 17),
        "phone": "+598 99 123 456",
        "email": "proteccion.demo@example.org",
        "address": f"{UY.street_name()} {UY.building_number()}, Montevideo",
    }


def respondent_identity() -> dict[str, str]:
    return {
        "given_name": "Julián Andrés",
        "surname": "Benítez",
        "second_surname": "Carranza",
        "date_of_birth": "1985-11-02",
        "nationality": "AR",
        "document": "28.345.901",
        "gender": "male",
    }


MEASURES = [
    {"kind": "distance", "distance_metres": 500},
    {"kind": "no_contact", "contact_means": ["any"]},
    {"kind": "no_entry", "places": "Ciudad Vieja neighbourhood, Montevideo"},
]


def issue(
    user,
    *,
    victim: dict[str, Any] | None = None,
    children: list[dict[str, Any]] | None = None,
    measures: list[dict[str, Any]] | None = None,
    **overrides: Any,
) -> ProtectionOrder:
    today = timezone.localdate()
    arguments: dict[str, Any] = {
        "national_measure_reference": "Expte. 4512/2026",
        "national_measure_date": today - timedelta(days=3),
        "national_measure_authority": "Juzgado Nacional en lo Civil n.º 92",
        "valid_from": today - timedelta(days=1),
        "valid_to": today + timedelta(days=365),
        "victim": victim or victim_data(),
        "children": children
        if children is not None
        else [
            {
                "given_names": AR.first_name(),
                "surnames": "Benítez",
                "date_of_birth": date(2016, 8, 9),
            }
        ],
        "measures": MEASURES if measures is None else measures,
        "respondent_identity": respondent_identity(),
    }
    arguments.update(overrides)
    return services.protection_order_issue(actor=actor_for(user), **arguments)


def recognised_in_uruguay(
    people: ProtectionActors, **kwargs: Any
) -> tuple[ProtectionOrder, Transmission]:
    """An order issued in Argentina, transmitted to Uruguay and recognised there."""
    order = issue(people.ar_po, **kwargs)
    sent = services.protection_order_transmit(
        actor=people.actor("ar_po"),
        order=order,
        executing_institution=institution("uy-scj"),
    )
    services.transmission_decide(
        actor=people.actor("uy_po"), transmission=sent, decision="recognise"
    )
    order.refresh_from_db()
    sent.refresh_from_db()
    return order, sent
