"""Synthetic demonstration accounts. Names come from Faker; no real person is described."""

from __future__ import annotations

from dataclasses import dataclass

from faker import Faker

from paccto.core.choices import Role

DEMO_PASSWORD = "paccto-demo-2026"

FAKER_LOCALES = {
    "CO": "es_CO",
    "PT": "pt_PT",
    "FR": "fr_FR",
    "BR": "pt_BR",
    "ES": "es_ES",
    "MX": "es_MX",
    "NL": "nl_NL",
    "IT": "it_IT",
    "AR": "es_AR",
    "UY": "es_AR",  # Faker has no es_UY; Rioplatense names suit Uruguay
    "CL": "es_CL",
    "PE": "es_ES",
    "SR": "nl_NL",
    "JM": "en_GB",
}


@dataclass(frozen=True)
class DemoAccount:
    username: str
    institution_key_prefix: str
    sector: str
    roles: tuple[str, ...]
    language: str


DEMO_ACCOUNTS = (
    DemoAccount("admin", "es", "ministry", (Role.PLATFORM_ADMIN,), "en"),
    DemoAccount("co.analyst", "co", "police", (Role.ANALYST,), "es"),
    DemoAccount("co.investigator", "co", "police", (Role.INVESTIGATOR,), "es"),
    DemoAccount("co.prosecutor", "co", "prosecution", (Role.PROSECUTOR,), "es"),
    DemoAccount("co.admin", "co", "police", (Role.NATIONAL_ADMIN,), "es"),
    DemoAccount("co.dpo", "co", "police", (Role.DPO,), "es"),
    DemoAccount("pt.analyst", "pt", "police", (Role.ANALYST,), "pt"),
    DemoAccount("pt.prosecutor", "pt", "prosecution", (Role.PROSECUTOR,), "pt"),
    DemoAccount("br.investigator", "br", "police", (Role.INVESTIGATOR,), "pt"),
    DemoAccount("br.prison", "br", "penitentiary", (Role.PRISON_OFFICER,), "pt"),
    DemoAccount("fr.analyst", "fr", "police", (Role.ANALYST,), "fr"),
    DemoAccount("fr.dpo", "fr", "police", (Role.DPO,), "fr"),
    DemoAccount("es.judge", "es", "judiciary", (Role.JUDGE,), "es"),
    DemoAccount("es.protection", "es", "police", (Role.PROTECTION_OFFICER,), "es"),
    DemoAccount("ar.protection", "ar", "judiciary", (Role.PROTECTION_OFFICER,), "es"),
    DemoAccount("uy.protection", "uy", "judiciary", (Role.PROTECTION_OFFICER,), "es"),
    DemoAccount("uy.police", "uy", "police", (Role.INVESTIGATOR,), "es"),
    DemoAccount("nl.analyst", "nl", "police", (Role.ANALYST,), "nl"),
    DemoAccount("it.prosecutor", "it", "prosecution", (Role.PROSECUTOR,), "it"),
    DemoAccount("mx.policy", "mx", "ministry", (Role.POLICY_COORDINATOR,), "es"),
    DemoAccount("sr.investigator", "sr", "police", (Role.INVESTIGATOR,), "nl"),
    DemoAccount("jm.admin", "jm", "police", (Role.NATIONAL_ADMIN,), "en"),
)


def demo_person(country: str, seed: int) -> tuple[str, str, str]:
    """A synthetic given name, surname and e-mail for a demo account."""
    fake = Faker(FAKER_LOCALES.get(country.upper(), "es_ES"))
    fake.seed_instance(seed)
    first, last = fake.first_name(), fake.last_name()
    return first, last, f"{fake.user_name()}@example.org"


DEMO_MEASURE_REFERENCE = "DEMO Expte. 4512/2026"


def demo_protection_order(issuer: object, executor: object) -> object | None:
    """One synthetic protection order issued in Argentina, recognised and in force in
    Uruguay (once: None when it exists already)."""
    from datetime import date, timedelta

    from django.utils import timezone

    from paccto.core.models import Institution
    from paccto.core.permissions import actor_for
    from paccto.protection import services
    from paccto.protection.models import ProtectionOrder

    if ProtectionOrder.objects.filter(national_measure_reference=DEMO_MEASURE_REFERENCE).exists():
        return None
    fake = Faker("es_AR")
    fake.seed_instance(4512)
    today = timezone.localdate()
    surname = fake.last_name()
    order = services.protection_order_issue(
        actor=actor_for(issuer),
        national_measure_reference=DEMO_MEASURE_REFERENCE,
        national_measure_date=today - timedelta(days=10),
        national_measure_authority="Juzgado Nacional en lo Civil n.º 92 (demo)",
        valid_from=today - timedelta(days=10),
        valid_to=today + timedelta(days=355),
        victim={
            "given_names": fake.first_name_female(),
            "surnames": f"{fake.last_name()} {fake.last_name()}",
            "date_of_birth": date(1992, 3, 8),
            "phone": "+598 99 000 111",
            "email": "protegida.demo@example.org",
            "address": f"{fake.street_name()} {fake.building_number()}, Montevideo",
        },
        children=[
            {
                "given_names": fake.first_name(),
                "surnames": surname,
                "date_of_birth": date(2017, 5, 4),
            }
        ],
        measures=[
            {"kind": "distance", "distance_metres": 500},
            {"kind": "no_contact", "contact_means": ["any"]},
            {"kind": "no_entry", "places": "Barrio Pocitos, Montevideo"},
            {"kind": "monitoring", "monitoring": "proximity"},
        ],
        respondent_identity={
            "given_name": fake.first_name_male(),
            "surname": surname,
            "date_of_birth": "1986-09-21",
            "nationality": "AR",
            "gender": "male",
        },
    )
    sent = services.protection_order_transmit(
        actor=actor_for(issuer),
        order=order,
        executing_institution=Institution.objects.get(pk=executor.institution_id),  # type: ignore[attr-defined]
    )
    for decision in ("recognise", "enforce"):
        services.transmission_decide(
            actor=actor_for(executor), transmission=sent, decision=decision
        )
    return order
