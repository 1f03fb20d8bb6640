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
