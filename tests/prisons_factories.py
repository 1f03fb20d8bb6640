"""Builders for prison records in tests (synthetic people only: Faker, Latin American and
European locales)."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count

from django.utils import timezone
from faker import Faker

from paccto.core.choices import Role
from paccto.core.permissions import actor_for
from paccto.core.uploads import Upload
from paccto.prisons import services
from tests.factories import make_user

fake = Faker(["es_CO", "pt_BR", "es_AR", "fr_FR", "it_IT", "nl_NL"])
Faker.seed(909)
_numbers = count(1)
PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"


def prison_officer(country: str = "CO", username: str | None = None, **kwargs):
    """A prison officer of the country's prison service."""
    username = username or f"{country.lower()}.prison.{next(_numbers)}"
    return make_user(country, "penitentiary", (Role.PRISON_OFFICER,), username=username, **kwargs)


def identity(nationality: str = "CO") -> dict[str, str]:
    return {
        "given_name": fake.first_name_male(),
        "surname": fake.last_name(),
        "birth_date": fake.date_of_birth(minimum_age=22, maximum_age=60).isoformat(),
        "nationality": nationality,
        "gender": "male",
    }


def admit(officer, **kwargs):
    """A sentenced inmate admitted a year ago, shared with the prison service's country."""
    today = timezone.localdate()
    values = {
        "register_number": f"RN-{next(_numbers):05d}",
        "establishment": "Establecimiento La Picota, Bogotá",
        "admission_date": today - timedelta(days=365),
        "legal_status": "sentenced",
        "sentence_type": "imprisonment",
        "sentence_months": 96,
        "sentence_court": "Juzgado 3 Penal del Circuito Especializado",
        "sentence_date": today - timedelta(days=400),
        "expected_release_date": today + timedelta(days=365 * 7),
        "risk_level": "high",
        "provenance": {"share_scope": "country"},
    }
    values.update(kwargs)
    if "person" not in values and "person_identity" not in values:
        values["person_identity"] = identity(values.pop("nationality", "CO"))
    return services.inmate_admit(actor=actor_for(officer), **values)


def open_transfer(officer, inmate, instrument: str = "bilateral", to: str = "ES"):
    from paccto.core.models import Country

    return services.transfer_open(
        actor=actor_for(officer),
        inmate=inmate,
        instrument=instrument,
        administering_country=Country.objects.get(pk=to),
    )


def attach_documents(officer, dossier) -> None:
    for kind in ("certificate", "judgment"):
        services.transfer_document_add(
            actor=actor_for(officer),
            dossier=dossier,
            kind=kind,
            upload=Upload(f"{kind}.pdf", PDF),
        )


def run_transfer(sentencing, administering, dossier, until: str = "transfer") -> None:
    """Take a dossier through its steps, up to ``until`` included."""
    today = date.today()
    steps = [
        (sentencing, "consent", {"consent_given": True, "consent_date": today}),
        (sentencing, "sentencing_decision", {"decision": "approve", "decided_on": today}),
        (sentencing, "forward", {}),
        (administering, "administering_decision", {"decision": "accept", "decided_on": today}),
        (administering, "adapt", {"adapted": False, "decided_on": today}),
        (sentencing, "transfer", {"transfer_date": today}),
    ]
    for user, step, data in steps:
        if step == "forward":
            attach_documents(sentencing, dossier)
        services.transfer_step(actor=actor_for(user), dossier=dossier, step=step, data=data)
        if step == until:
            return


def dated(data: dict) -> dict:
    """``data`` with its ``timedelta`` values as dates that many days from today (parameter
    lists are built at import; the test runs later, maybe on the next day)."""
    today = timezone.localdate()
    return {k: today + v if isinstance(v, timedelta) else v for k, v in data.items()}
