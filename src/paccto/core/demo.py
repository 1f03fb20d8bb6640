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


def demo_messages_seed() -> int:
    """A few synthetic messages between demo institutions, so that inboxes are not empty:
    a 3-day request under Directive 2023/977 with an attachment, an H2 request answered,
    information to AMERIPOL's contact points, an H3 message and a notification. Does
    nothing once demo messages exist. Returns how many were sent."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from paccto.accounts.models import User
    from paccto.core.models import Network
    from paccto.core.permissions import actor_for
    from paccto.exchange.models import ClockRule, Message
    from paccto.exchange.services import message_send

    users = {
        u.username: u for u in User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS])
    }
    if Message.objects.filter(sender_user__in=users.values()).exists():
        return 0
    fake = Faker("es_CO")
    fake.seed_instance(2026)
    person, vessel = fake.name(), f"{fake.last_name().upper()} {fake.random_int(1, 9)}"
    rule = {(r.instrument, r.urgency): r for r in ClockRule.objects.all()}

    def send(sender: str, recipients: tuple[str, ...], **values) -> Message:
        return message_send(
            actor=actor_for(users[sender]),
            recipient_ids=[users[r].institution_id for r in recipients],
            **values,
        )

    manifest = "contenedor;buque;puerto\nMSKU1234565;" + vessel + ";Leixões\n"
    send(
        "pt.analyst",
        ("fr.analyst",),
        message_type="request",
        subject=f"Pedido de informações: navio {vessel}",
        body=f"Solicitamos informações sobre o navio {vessel} e o contentor MSKU1234565.",
        language="pt",
        criminal_markets=["drugs"],
        case_reference="PT-PJ-2026/118",
        handling_code="H1",
        source_reliability="B",
        information_reliability="2",
        clock_rule=rule[("eu-2023-977", "urgent-indirect")],
        uploads=[SimpleUploadedFile("manifesto.csv", manifest.encode())],
    )
    request = send(
        "br.investigator",
        ("co.investigator",),
        message_type="request",
        subject=f"Antecedentes de {person}",
        body=f"Solicitamos antecedentes e vínculos conhecidos de {person}.",
        language="pt",
        criminal_markets=["drugs", "money_laundering"],
        case_reference="BR-PF-2026/77",
        handling_code="H2",
        clock_rule=rule[("bilateral", "no-deadline")],
    )
    send(
        "co.investigator",
        ("br.investigator",),
        message_type="reply",
        in_reply_to=request,
        subject=f"Re: Antecedentes de {person}",
        body=f"{person} figura en dos investigaciones por tráfico de cocaína (2023, 2025).",
        language="es",
        handling_code="H2",
        source_reliability="A",
        information_reliability="2",
    )
    ameripol = Network.objects.filter(key="ameripol").first()
    if ameripol is not None:
        send(
            "co.investigator",
            (),
            network=ameripol,
            message_type="spontaneous",
            subject="Alerta: nueva ruta de envío por el Pacífico",
            body="Se detectó una nueva ruta de semisumergibles hacia Centroamérica.",
            language="es",
            criminal_markets=["drugs"],
            handling_code="H1",
        )
    send(
        "sr.investigator",
        ("nl.analyst",),
        message_type="spontaneous",
        subject="Goudsmokkel via Paramaribo",
        body="Informatie over goudsmokkel via de luchthaven Johan Adolf Pengel.",
        language="nl",
        criminal_markets=["environmental"],
        handling_code="H3",
        handling_note="Alleen voor politiegebruik, niet delen met douane.",
    )
    send(
        "it.prosecutor",
        ("es.judge",),
        message_type="notification",
        subject="Notifica: udienza fissata",
        body="Si comunica che l'udienza del procedimento 2026/311 è fissata.",
        language="it",
        handling_code="H0",
    )
    return Message.objects.filter(sender_user__in=users.values()).count()
