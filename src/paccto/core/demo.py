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
    DemoAccount("co.prison", "co", "penitentiary", (Role.PRISON_OFFICER,), "es"),
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


DEMO_NETWORK_SOURCE = "DEMO-NETWORK-2026"


def demo_network_seed() -> int:
    """A small synthetic criminal network around the demo case, for the link chart: two
    cells of the organisation, their phones, vehicles, a company and accounts used to
    launder the money, a broker tying them to a Brazilian crew, links with dates, markets and
    grades. Recorded by the Colombian investigator (shared with Colombia) and the Brazilian
    one (shared with the platform); the first persons are linked to the demo case. Nothing
    is done when it is there already; returns the number of entities recorded."""
    import itertools
    from datetime import date

    from django.db import transaction

    from paccto.accounts.models import User
    from paccto.cases import services as case_services
    from paccto.cases.models import Case
    from paccto.core.permissions import actor_for
    from paccto.entities.models import Entity
    from paccto.entities.services import entity_create, link_create

    users = {
        u.username: u
        for u in User.objects.filter(username__in=["co.investigator", "br.investigator"])
    }
    case = Case.objects.filter(reference=DEMO_CASE_REFERENCE).first()
    if (
        len(users) < 2
        or case is None
        or Entity.objects.filter(source_ref=DEMO_NETWORK_SOURCE).exists()
    ):
        return 0
    co, br = actor_for(users["co.investigator"]), actor_for(users["br.investigator"])
    fake_co, fake_br = Faker("es_CO"), Faker("pt_BR")
    fake_co.seed_instance(606)
    fake_br.seed_instance(607)
    country = {"share_scope": "country", "source_reliability": "B", "information_reliability": "2"}
    platform = {
        "share_scope": "platform",
        "source_reliability": "A",
        "information_reliability": "2",
    }

    def person(actor, fake, provenance, markets):
        return entity_create(
            actor=actor,
            schema="Person",
            properties={"firstName": fake.first_name_male(), "lastName": fake.last_name()},
            provenance={**provenance, "criminal_markets": markets},
            source_kind="case",
            source_ref=DEMO_NETWORK_SOURCE,
        )

    def thing(actor, schema, properties, provenance):
        return entity_create(
            actor=actor,
            schema=schema,
            properties=properties,
            provenance=provenance,
            source_kind="case",
            source_ref=DEMO_NETWORK_SOURCE,
        )

    def link(actor, a, b, kind, provenance, markets=(), start=None, end=None):
        link_create(
            actor=actor,
            source=a,
            target=b,
            link_type=kind,
            start_date=start,
            end_date=end,
            provenance={**provenance, "criminal_markets": list(markets)},
        )

    with transaction.atomic():
        boss = person(co, fake_co, country, ["drugs"])
        port_cell = [person(co, fake_co, country, ["drugs"]) for _ in range(4)]
        money_cell = [person(co, fake_co, country, ["money_laundering"]) for _ in range(3)]
        broker = person(br, fake_br, platform, ["drugs", "money_laundering"])
        crew = [person(br, fake_br, platform, ["drugs"]) for _ in range(3)]
        company = thing(co, "Organisation", {"name": "Bananera Demo Urabá S.A.S."}, country)
        exchange = thing(co, "Organisation", {"name": "Casa de Cambio Demo"}, country)
        phones = [
            thing(co, "Phone", {"number": f"+57 300 555 01{i:02d}"}, country) for i in range(3)
        ]
        truck = thing(co, "Vehicle", {"registrationNumber": "DEM-000", "make": "Demo"}, country)
        account = thing(br, "BankAccount", {"bankName": "Banco Demo", "country": "br"}, platform)
        for member in port_cell:
            link(co, boss, member, "leads", country, ["drugs"], date(2025, 3, 1))
        for a, b in itertools.pairwise(port_cell):
            link(co, a, b, "associate", country, ["drugs"])
        for member in money_cell:
            link(co, member, exchange, "employed_by", country, ["money_laundering"])
        link(co, money_cell[0], boss, "family", country)
        link(co, boss, company, "owns", country, ["drugs"], date(2024, 6, 1))
        link(
            co, port_cell[0], truck, "uses", country, ["drugs"], date(2025, 9, 1), date(2026, 2, 1)
        )
        for phone, holder in zip(phones, (boss, port_cell[1], money_cell[1]), strict=True):
            link(co, holder, phone, "uses", country)
        link(
            co,
            phones[0],
            phones[1],
            "called",
            country,
            ["drugs"],
            date(2026, 1, 10),
            date(2026, 1, 10),
        )
        link(co, phones[1], phones[2], "called", country, [], date(2026, 1, 12), date(2026, 1, 12))
        link(br, broker, port_cell[2], "associate", platform, ["drugs"], date(2025, 11, 1))
        link(br, broker, money_cell[2], "paid", platform, ["money_laundering"], date(2026, 2, 3))
        link(br, broker, account, "owns", platform, ["money_laundering"])
        for member in crew:
            link(br, broker, member, "associate", platform, ["drugs"])
        link(br, crew[0], crew[1], "travelled_with", platform, ["drugs"], date(2026, 3, 2))
        for entity in (boss, port_cell[0], company):
            case_services.case_link_entity(
                actor=co, case=case, entity=entity, justification=DEMO_CASE_REFERENCE
            )
    return 1 + len(port_cell) + len(money_cell) + 1 + len(crew) + 2 + len(phones) + 2


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
    a 3-day request under Directive 2023/977 with an attachment, an H2 request answered
    (both linked to the demo case, where only the Colombian participants read them),
    information to AMERIPOL's contact points, an H3 message and a notification. Does
    nothing once demo messages exist. Returns how many were sent."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from paccto.accounts.models import User
    from paccto.cases.models import Case
    from paccto.cases.services import case_link_message
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
    case = Case.objects.filter(reference=DEMO_CASE_REFERENCE).first()
    if case is not None:
        case_link_message(actor=actor_for(users["co.investigator"]), case=case, message=request)
    send(
        "co.investigator",
        ("br.investigator",),
        case=case,
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


DEMO_EVIDENCE_TITLE = "DEMO: bank records of the banana importer"
DEMO_EXTRADITION_TITLE = "DEMO: extradition of the shipment's organiser"


def demo_judicial_seed() -> int:
    """Two synthetic judicial requests and a court outcome: an investigation order of
    Spain's judiciary to Colombia's prosecution service (Medellín Treaty), recognised and in
    execution, and an extradition requested by Colombia's prosecution service from Spain in
    the demo case (human-rights answers given, a person sought), its receipt confirmed; and
    an appealable conviction of a co-defendant in the case. Does nothing when the demo
    requests exist, or without the demo case or the judicial reference data. Returns how
    many requests were created."""
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from paccto.accounts.models import User
    from paccto.cases.models import Case
    from paccto.core.models import Institution
    from paccto.core.permissions import actor_for
    from paccto.entities.models import Entity
    from paccto.entities.services import entity_create
    from paccto.judicial import services
    from paccto.judicial.models import JudicialRequest, LegalBasis

    users = {u.username: u for u in User.objects.filter(username__in=["es.judge", "co.prosecutor"])}
    case = Case.objects.filter(reference=DEMO_CASE_REFERENCE).first()
    bases = {b.key: b for b in LegalBasis.objects.filter(key__in=["medellin-2019", "untoc"])}
    if (
        len(users) < 2
        or case is None
        or len(bases) < 2
        or JudicialRequest.objects.filter(
            title__in=[DEMO_EVIDENCE_TITLE, DEMO_EXTRADITION_TITLE]
        ).exists()
    ):
        return 0
    judge, prosecutor = actor_for(users["es.judge"]), actor_for(users["co.prosecutor"])
    es_court = Institution.objects.get(pk=users["es.judge"].institution_id)
    co_prosecution = Institution.objects.get(pk=users["co.prosecutor"].institution_id)
    fake = Faker("es_CO")
    fake.seed_instance(909)
    today = timezone.localdate()

    def step(actor, request, *actions: str) -> None:
        for action in actions:
            services.judicial_request_transition(actor=actor, request=request, action=action)

    def person() -> Entity:
        return entity_create(
            actor=prosecutor,
            schema="Person",
            properties={
                "firstName": fake.first_name_male(),
                "lastName": f"{fake.last_name()} {fake.last_name()}",
                "birthDate": fake.date_of_birth(minimum_age=30, maximum_age=60).isoformat(),
                "nationality": "co",
            },
            provenance={"criminal_markets": ["drugs"]},
            source_kind="case",
            source_ref=DEMO_CASE_REFERENCE,
        )

    with transaction.atomic():
        evidence = services.judicial_request_create(
            actor=judge,
            values=services.RequestValues(
                request_type="evidence_order",
                executing_institution=co_prosecution,
                legal_basis=bases["medellin-2019"],
                title=DEMO_EVIDENCE_TITLE,
                offence="Tráfico de drogas y blanqueo de capitales (arts. 368 y 301 CP)",
                facts="Synthetic demonstration facts: cocaine hidden in containers of bananas "
                "shipped from Turbo to Algeciras in 2025; payments through exchange houses in "
                "Medellín.",
                measures="Bank records of the exporting company for 2025; the hearing of its "
                "legal representative as a witness.",
                language="es",
                facts_from=today - timedelta(days=400),
                facts_to=today - timedelta(days=60),
                criminal_markets=["drugs", "money_laundering"],
            ),
        )
        step(judge, evidence, "send")
        step(prosecutor, evidence, "confirm_receipt", "recognise", "start_execution")

        extradition = services.judicial_request_create(
            actor=prosecutor,
            values=services.RequestValues(
                request_type="extradition",
                executing_institution=es_court,
                legal_basis=bases["untoc"],
                title=DEMO_EXTRADITION_TITLE,
                offence="Tráfico de estupefacientes agravado (art. 376 Código Penal)",
                facts="Synthetic demonstration facts: the person sought organised the "
                "shipments of the demo case from Urabá and lives in Madrid.",
                measures="Arrest and surrender for prosecution in Colombia.",
                language="es",
                urgency="urgent",
                urgency_reasons="The person sought is expected to leave Spain soon.",
                case=case,
                facts_from=today - timedelta(days=400),
                facts_to=today - timedelta(days=60),
                criminal_markets=["drugs"],
            ),
        )
        no_risk = "Offence punished with imprisonment only under Colombian law."
        services.safeguards_answer(
            actor=prosecutor,
            request=extradition,
            answers=[
                {"question": q, "answer": False, "explanation": no_risk}
                for q in ("death_penalty", "torture", "political_offence", "fair_trial")
            ],
        )
        services.request_entity_add(
            actor=prosecutor, request=extradition, entity=person(), role="sought"
        )
        step(prosecutor, extradition, "send")
        step(judge, extradition, "confirm_receipt")

        court = Institution.objects.filter(key__startswith="co-", sector="judiciary").first()
        if court is not None:
            services.judgment_record(
                actor=prosecutor,
                case=case,
                values=services.JudgmentValues(
                    court=court,
                    judgment_date=today - timedelta(days=5),
                    judgment_type="plea",
                    offences="Drug trafficking (Article 376 Código Penal)",
                    court_reference="DEMO 11001-60-00-2026-0042",
                    defendant=person(),
                    sentence_type="imprisonment",
                    sentence_months=96,
                    confiscation_ordered=True,
                    confiscation_details="A lorry and COP 250,000,000 held in a bank account.",
                ),
            )
    return 2


def demo_prisons_seed() -> int:
    """Synthetic inmates of the Colombian and Brazilian prison services: one with an
    organised-crime affiliation watched by the Colombian police (its expected release
    within the watch's notice), an intelligence report about him sent to the police, a
    Spaniard's transfer dossier to Spain in progress, and a Colombian prison officer
    enrolled in a session of the prison academies' catalogue. Nothing is done when the
    inmates are there already; returns how many inmates were admitted."""
    from datetime import date, timedelta

    from django.db import transaction

    from paccto.accounts.models import User
    from paccto.core.models import Country
    from paccto.core.permissions import actor_for
    from paccto.prisons import services
    from paccto.prisons.models import CourseSession, Inmate

    users = {
        u.username: u
        for u in User.objects.filter(username__in=["co.prison", "br.prison", "co.investigator"])
    }
    if len(users) < 3 or Inmate.objects.filter(register_number__startswith="DEMO-").exists():
        return 0
    co, br = actor_for(users["co.prison"]), actor_for(users["br.prison"])
    today = date.today()

    def identity(locale: str, seed: int, nationality: str) -> dict[str, str]:
        fake = Faker(locale)
        fake.seed_instance(seed)
        return {
            "given_name": fake.first_name_male(),
            "surname": fake.last_name(),
            "birth_date": fake.date_of_birth(minimum_age=25, maximum_age=55).isoformat(),
            "nationality": nationality,
            "gender": "male",
        }

    sentenced = {
        "legal_status": "sentenced",
        "sentence_type": "imprisonment",
        "sentence_court": "Juzgado 2 Penal del Circuito Especializado de Bogotá",
        "provenance": {"share_scope": "country", "criminal_markets": ["drugs"]},
    }
    with transaction.atomic():
        leader = services.inmate_admit(
            actor=co,
            person_identity=identity("es_CO", 41, "CO"),
            register_number="DEMO-CO-0001",
            establishment="Establecimiento Penitenciario La Picota, Bogotá",
            admission_date=today - timedelta(days=6 * 365),
            expected_release_date=today + timedelta(days=45),
            sentence_months=78,
            sentence_date=today - timedelta(days=6 * 365 + 30),
            risk_level="very_high",
            **sentenced,
        )
        services.affiliation_add(
            actor=co,
            inmate=leader,
            group_name="Clan del Golfo",
            role="lieutenant",
            source="seized_material",
            since=today - timedelta(days=400),
            provenance={
                "share_scope": "country",
                "source_reliability": "B",
                "information_reliability": "2",
                "handling_code": "H2",
            },
        )
        services.watch_create(
            actor=actor_for(users["co.investigator"]),
            inmate=leader,
            reason="Operación Marea Blanca: former lieutenant of the Urabá cell",
            days_before=60,
        )
        services.prison_report_send(
            actor=co,
            category="seized_phone",
            inmates=[leader],
            occurred_on=today - timedelta(days=3),
            subject="Teléfono incautado en el patio 4",
            body="Synthetic demonstration report: a phone found hidden in a cell, with "
            "messages to Urabá about the next shipment.",
            recipient_ids=[users["co.investigator"].institution_id],
            handling_code="H2",
            phone_numbers=["+573001234567"],
        )
        services.inmate_admit(
            actor=co,
            person_identity=identity("es_CO", 42, "CO"),
            register_number="DEMO-CO-0002",
            establishment="Complejo Carcelario y Penitenciario de Jamundí",
            admission_date=today - timedelta(days=120),
            legal_status="remand",
            risk_level="medium",
            provenance={"share_scope": "country"},
        )
        spaniard = services.inmate_admit(
            actor=co,
            person_identity=identity("es_ES", 43, "ES"),
            register_number="DEMO-CO-0003",
            establishment="Establecimiento Penitenciario La Picota, Bogotá",
            admission_date=today - timedelta(days=3 * 365),
            expected_release_date=today + timedelta(days=4 * 365),
            sentence_months=84,
            sentence_date=today - timedelta(days=3 * 365 + 60),
            risk_level="low",
            **sentenced,
        )
        dossier = services.transfer_open(
            actor=co,
            inmate=spaniard,
            instrument="bilateral",
            administering_country=Country.objects.get(pk="ES"),
        )
        services.transfer_step(
            actor=co,
            dossier=dossier,
            step="consent",
            data={"consent_given": True, "consent_date": today - timedelta(days=10)},
        )
        services.inmate_admit(
            actor=br,
            person_identity=identity("pt_BR", 44, "BR"),
            register_number="DEMO-BR-0001",
            establishment="Penitenciária Federal de Catanduvas",
            admission_date=today - timedelta(days=2 * 365),
            expected_release_date=today + timedelta(days=8 * 365),
            legal_status="sentenced",
            sentence_type="imprisonment",
            sentence_months=120,
            sentence_court="2ª Vara Federal Criminal de Santos",
            sentence_date=today - timedelta(days=2 * 365 + 20),
            risk_level="high",
            provenance={"share_scope": "country"},
        )
        session = (
            CourseSession.objects.filter(starts_on__gt=today, course__active=True)
            .order_by("starts_on", "pk")
            .first()
        )
        if session is not None:
            services.enrolment_create(actor=co, session=session)
    return Inmate.objects.filter(register_number__startswith="DEMO-").count()
