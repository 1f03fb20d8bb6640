"""Synthetic officials, persons and requests for the judicial tests (Faker es_ES, es_CO,
pt_PT; nobody real)."""

from __future__ import annotations

from datetime import date
from typing import Any

from faker import Faker

from paccto.core.choices import Role
from paccto.core.permissions import actor_for
from paccto.entities.services import entity_create
from paccto.judicial import services
from paccto.judicial.models import JudicialRequest, LegalBasis
from tests.factories import UserFactory, institution

FAKE = Faker(["es_ES", "es_CO", "pt_PT"])
FAKE.seed_instance(909)
PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"
NO_RISK = "Offence punished with imprisonment only; no such risk under the requesting state's law."


def official(key: str, roles: tuple[str, ...], username: str, **kwargs: Any):
    kwargs.setdefault("language", "en")
    kwargs.setdefault("email", f"{username}@example.org")
    return UserFactory(institution=institution(key), roles=list(roles), username=username, **kwargs)


class JudicialActors:
    """Prosecutors, judges, analysts, central authorities and police of Spain, Colombia,
    Portugal, France and Italy."""

    def __init__(self) -> None:
        pro, judge, analyst = (Role.PROSECUTOR,), (Role.JUDGE,), (Role.ANALYST,)
        self.es_prosecutor = official("es-fiscalia-general", pro, "es.fiscal")
        self.es_analyst = official("es-fiscalia-general", analyst, "es.fiscalia.analyst")
        self.es_judge = official("es-tribunal-supremo", judge, "es.judge")
        self.es_central = official("es-sgcji", pro, "es.central")
        self.es_police = official("es-policia-nacional", (Role.INVESTIGATOR,), "es.police")
        self.co_prosecutor = official("co-fiscalia", pro, "co.fiscal", language="es")
        self.co_analyst = official("co-fiscalia", analyst, "co.fiscalia.analyst")
        self.co_central = official("co-fgn-dai", pro, "co.central")
        self.co_police = official("co-policia-nacional", (Role.INVESTIGATOR,), "co.police")
        self.co_judge = official("co-corte-suprema", judge, "co.judge")
        self.pt_prosecutor = official("pt-pgr", pro, "pt.procurador", language="pt")
        self.pt_police = official("pt-pj", (Role.INVESTIGATOR,), "pt.police")
        self.fr_prosecutor = official("fr-pnf", pro, "fr.procureur", language="fr")
        self.it_prosecutor = official("it-dna", pro, "it.pm", language="it")
        self.co_admin = official("co-policia-nacional", (Role.NATIONAL_ADMIN,), "co.admin.j")


def basis(key: str) -> LegalBasis:
    return LegalBasis.objects.get(key=key)


def person(user, **properties: str):
    """A synthetic person of the entity store, owned by the user's institution."""
    props = {
        "firstName": FAKE.first_name_male(),
        "lastName": FAKE.last_name(),
        "birthDate": "1984-05-17",
        "nationality": "co",
        **properties,
    }
    return entity_create(actor=actor_for(user), schema="Person", properties=props)


def values(
    executing_key: str,
    request_type: str = "mla_evidence",
    legal_basis: str | LegalBasis | None = "untoc",
    **changes,
) -> services.RequestValues:
    data: dict[str, Any] = {
        "request_type": request_type,
        "executing_institution": institution(executing_key),
        "legal_basis": basis(legal_basis) if isinstance(legal_basis, str) else legal_basis,
        "title": "Cocaine in banana containers",
        "offence": "Drug trafficking (Article 376 Código Penal)",
        "facts": "Containers of bananas carried cocaine between Turbo and Algeciras in 2025. "
        + FAKE.sentence(),
        "measures": "Bank records of the importing company; hearing of two witnesses.",
        "language": "es",
        "facts_from": date(2025, 1, 10),
        "facts_to": date(2025, 11, 30),
        "criminal_markets": ["drugs"],
    }
    data.update(changes)
    return services.RequestValues(**data)


def draft(
    user,
    executing_key: str,
    request_type: str = "mla_evidence",
    legal_basis: str = "untoc",
    **changes,
) -> JudicialRequest:
    return services.judicial_request_create(
        actor=actor_for(user), values=values(executing_key, request_type, legal_basis, **changes)
    )


def answer_all(user, request: JudicialRequest, death_penalty: bool = False) -> None:
    answers = [
        {"question": q, "answer": False, "explanation": NO_RISK}
        for q in ("death_penalty", "torture", "political_offence", "fair_trial")
    ]
    if death_penalty:
        answers[0] = {
            "question": "death_penalty",
            "answer": True,
            "explanation": "The offence may carry the death penalty.",
            "assurance": "The Attorney General undertakes that it will be neither sought nor "
            "carried out.",
        }
    services.safeguards_answer(actor=actor_for(user), request=request, answers=answers)


def sent(
    user,
    executing_key: str,
    request_type: str = "mla_evidence",
    legal_basis: str = "untoc",
    **changes,
) -> JudicialRequest:
    """A request drafted, completed (answers, the person) and sent."""
    request = draft(user, executing_key, request_type, legal_basis, **changes)
    if services.safeguards_required_for(request):
        answer_all(user, request)
    if request_type in ("extradition", "provisional_arrest", "transfer_sentenced"):
        services.request_entity_add(
            actor=actor_for(user), request=request, entity=person(user), role="sought"
        )
    step(user, request, "send")
    return request


def step(user, request: JudicialRequest, action: str, **kwargs: Any):
    return services.judicial_request_transition(
        actor=actor_for(user), request=request, action=action, **kwargs
    )
