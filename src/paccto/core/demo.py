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
    DemoAccount("co.policy", "co", "ministry", (Role.POLICY_COORDINATOR,), "es"),
    DemoAccount("es.policy", "es", "ministry", (Role.POLICY_COORDINATOR,), "es"),
    DemoAccount("br.policy", "br", "ministry", (Role.POLICY_COORDINATOR,), "pt"),
    DemoAccount("sr.investigator", "sr", "police", (Role.INVESTIGATOR,), "nl"),
    DemoAccount("jm.admin", "jm", "police", (Role.NATIONAL_ADMIN,), "en"),
)


def demo_person(country: str, seed: int) -> tuple[str, str, str]:
    """A synthetic given name, surname and e-mail for a demo account."""
    fake = Faker(FAKER_LOCALES.get(country.upper(), "es_ES"))
    fake.seed_instance(seed)
    first, last = fake.first_name(), fake.last_name()
    return first, last, f"{fake.user_name()}@example.org"


DEMO_CASE_REFERENCE = "CO-DEMO-2026-001"


def demo_cases_seed() -> str | None:
    """A synthetic case of the Colombian police, with the prosecution service and a
    Portuguese prosecutor taking part, a linked person, and a joint investigation team of
    Colombia and Brazil (AMERIPOL treaty) holding evidence that was handed over, a task and
    a meeting. Nothing is done when the case is there already; returns its reference."""
    from datetime import UTC, date, datetime, timedelta

    from django.db import transaction

    from paccto.accounts.models import User
    from paccto.cases import services
    from paccto.cases.models import Case
    from paccto.core.permissions import actor_for
    from paccto.entities.services import entity_create

    users = {
        u.username: u for u in User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS])
    }
    needed = ("co.investigator", "co.prosecutor", "pt.prosecutor", "br.investigator")
    if (
        any(name not in users for name in needed)
        or Case.objects.filter(reference=DEMO_CASE_REFERENCE).exists()
    ):
        return None
    investigator, prosecutor = users["co.investigator"], users["co.prosecutor"]
    lead = actor_for(investigator)
    fake = Faker("es_CO")
    fake.seed_instance(2026)
    with transaction.atomic():
        case = services.case_create(
            actor=lead,
            reference=DEMO_CASE_REFERENCE,
            title="Operación Marea Blanca",
            summary="Synthetic demonstration case: cocaine shipped in banana containers "
            "from Urabá to European ports, proceeds laundered through exchange houses.",
            criminal_markets=["drugs", "money_laundering"],
        )
        services.case_change_stage(
            actor=lead,
            case=case,
            to_stage="investigation",
            reason="Intelligence report confirmed by two sources",
        )
        services.case_add_participant(
            actor=lead, case=case, role="lead", institution=prosecutor.institution
        )
        services.case_add_participant(
            actor=lead, case=case, role="member", user=users["pt.prosecutor"]
        )
        person = entity_create(
            actor=lead,
            schema="Person",
            properties={
                "firstName": fake.first_name_male(),
                "lastName": fake.last_name(),
                "birthDate": fake.date_of_birth(minimum_age=30, maximum_age=55).isoformat(),
                "nationality": "co",
            },
            provenance={"criminal_markets": ["drugs"]},
            source_kind="case",
            source_ref=DEMO_CASE_REFERENCE,
        )
        services.case_link_entity(
            actor=lead, case=case, entity=person, justification=DEMO_CASE_REFERENCE
        )
        today = date.today()
        jit = services.jit_create(
            actor=lead,
            name="ECI Marea Blanca (CO-BR)",
            case=case,
            legal_basis="ameripol_2023",
            purpose="Follow the containers and the money between Urabá and Santos.",
            start_date=today - timedelta(days=30),
            end_date=today + timedelta(days=335),
            party_ids=[
                investigator.institution_id,
                prosecutor.institution_id,
                users["br.investigator"].institution_id,
            ],
            members=[("co.investigator", ""), ("co.prosecutor", ""), ("br.investigator", "")],
            leader="co.prosecutor",
        )
        evidence = services.evidence_register(
            actor=lead,
            jit=jit,
            item="Bill of lading MSC-2026-0413",
            evidence_type="document",
            description="Synthetic bill of lading of a container of bananas.",
            seized_at=datetime.now(UTC) - timedelta(days=10),
            seized_place="Puerto de Turbo, Antioquia",
            seized_by=fake.name(),
            files=[
                services.Upload(
                    "bill-of-lading.txt",
                    b"SYNTHETIC DEMO DOCUMENT\nContainer MSCU 000000-0, bananas, Turbo -> Santos\n",
                )
            ],
        )
        services.custody_record(
            actor=lead,
            evidence=evidence,
            kind="handed_over",
            to_holder=users["br.investigator"],
            place="Santos, São Paulo",
            note="For comparison with the Santos port records",
        )
        services.jit_task_create(
            actor=lead,
            jit=jit,
            title="Request the port of Santos records",
            assignee=users["br.investigator"],
            due_date=today + timedelta(days=14),
        )
        services.jit_meeting_create(
            actor=lead,
            jit=jit,
            held_at=datetime.now(UTC) - timedelta(days=7),
            title="Operational meeting 1",
            attendees=[investigator, prosecutor, users["br.investigator"]],
            minutes="Roles agreed. Evidence to be exchanged through the team's space only.",
        )
    return case.reference


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
