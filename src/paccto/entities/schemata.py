"""What each kind of entity may say about itself: its properties, their kinds and how they
are checked and normalised. Properties are multi-valued, as in FollowTheMoney (a person may
have several nationalities, phones or document numbers)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from babel import Locale
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MAX_VALUES = 20
MAX_LENGTH = 500
COUNTRY_CODES = frozenset(
    code
    for code in Locale.parse("en").territories
    if isinstance(code, str) and len(code) == 2 and code.isalpha()
)


class PropertyError(ValueError):
    """A value that does not fit its property, with a translated reason."""


# A NUL (no database keeps one) or half of a broken character (a lone surrogate, which
# JSON's escapes can write: no UTF-8 text holds one).
_NOT_TEXT = re.compile("[\x00\ud800-\udfff]")
NOT_TEXT_MESSAGE = _("A value holds a character that is not text (a NUL or a broken character).")


def not_text(value: str) -> bool:
    """Whether a text holds a character that no stored text may (``_NOT_TEXT``)."""
    return _NOT_TEXT.search(value) is not None


def _text(value: str) -> str:
    return " ".join(value.split())


def _date(value: str) -> str:
    """ISO dates, full or partial (1984, 1984-07, 1984-07-21): what sources really know."""
    value = value.strip()
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise PropertyError(_("Enter a date as YYYY, YYYY-MM or YYYY-MM-DD."))
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as exc:
        raise PropertyError(_("This date does not exist.")) from exc
    if parts[0] < 1800 or value > date.today().isoformat():
        raise PropertyError(_("This date is out of range."))
    return value


def _country(value: str) -> str:
    code = value.strip().upper()
    if code not in COUNTRY_CODES:
        raise PropertyError(_("Enter a two-letter ISO country code."))
    return code


def _identifier(value: str) -> str:
    cleaned = re.sub(r"[\s.\-/]", "", value).upper()
    if not cleaned:
        raise PropertyError(_("Enter an identifier."))
    return cleaned


def _email(value: str) -> str:
    value = value.strip().lower()
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        raise PropertyError(_("Enter a valid e-mail address."))
    return value


def _phone(value: str) -> str:
    digits = re.sub(r"[\s().\-]", "", value)
    if not re.fullmatch(r"\+?\d{5,17}", digits):
        raise PropertyError(_("Enter a phone number (digits, optionally starting with +)."))
    return digits


def _gender(value: str) -> str:
    value = value.strip().lower()
    if value not in {"female", "male", "other"}:
        raise PropertyError(_("Choose female, male or other."))
    return value


NORMALISERS = {
    "text": _text,
    "name": _text,
    "date": _date,
    "country": _country,
    "identifier": _identifier,
    "email": _email,
    "phone": _phone,
    "gender": _gender,
}


@dataclass(frozen=True)
class Prop:
    name: str
    kind: str
    label: Promise


@dataclass(frozen=True)
class Schema:
    name: str
    label: Promise
    props: tuple[Prop, ...]
    caption: tuple[str, ...]  # properties joined, in order, to name the entity
    required: tuple[str, ...] = field(default=())

    @property
    def prop_names(self) -> frozenset[str]:
        return frozenset(p.name for p in self.props)

    def prop(self, name: str) -> Prop:
        return next(p for p in self.props if p.name == name)


def P(name: str, kind: str, label: Promise) -> Prop:
    return Prop(name, kind, label)


SCHEMATA: dict[str, Schema] = {
    s.name: s
    for s in (
        Schema(
            "Person",
            _("Person"),
            (
                P("firstName", "name", _("Given names")),
                P("lastName", "name", _("Surname")),
                P("secondLastName", "name", _("Second surname")),
                P("name", "name", _("Full name")),
                P("alias", "name", _("Alias")),
                P("birthDate", "date", _("Date of birth")),
                P("birthPlace", "text", _("Place of birth")),
                P("nationality", "country", _("Nationality")),
                P("gender", "gender", _("Sex")),
                P("idNumber", "identifier", _("Document number")),
                P("phone", "phone", _("Phone")),
                P("email", "email", _("E-mail")),
                P("address", "text", _("Address")),
                P("notes", "text", _("Notes")),
            ),
            caption=("firstName", "lastName", "secondLastName"),
        ),
        Schema(
            "Organisation",
            _("Organisation"),
            (
                P("name", "name", _("Name")),
                P("alias", "name", _("Alias")),
                P("country", "country", _("Country")),
                P("registrationNumber", "identifier", _("Registration number")),
                P("address", "text", _("Address")),
                P("notes", "text", _("Notes")),
            ),
            caption=("name",),
            required=("name",),
        ),
        Schema(
            "Vehicle",
            _("Vehicle"),
            (
                P("registrationNumber", "identifier", _("Registration number")),
                P("make", "text", _("Make")),
                P("model", "text", _("Model")),
                P("colour", "text", _("Colour")),
                P("vin", "identifier", _("Vehicle identification number")),
                P("country", "country", _("Country of registration")),
            ),
            caption=("registrationNumber", "make", "model"),
        ),
        Schema(
            "Vessel",
            _("Vessel"),
            (
                P("name", "name", _("Name")),
                P("imoNumber", "identifier", _("IMO number")),
                P("mmsi", "identifier", _("MMSI")),
                P("flag", "country", _("Flag")),
                P("type", "text", _("Type")),
            ),
            caption=("name", "imoNumber"),
        ),
        Schema(
            "Aircraft",
            _("Aircraft"),
            (
                P("registrationNumber", "identifier", _("Registration number")),
                P("type", "text", _("Type")),
                P("serialNumber", "identifier", _("Serial number")),
                P("country", "country", _("Country of registration")),
            ),
            caption=("registrationNumber", "type"),
            required=("registrationNumber",),
        ),
        Schema(
            "Phone",
            _("Phone"),
            (P("number", "phone", _("Number")), P("country", "country", _("Country"))),
            caption=("number",),
            required=("number",),
        ),
        Schema(
            "Email",
            _("E-mail address"),
            (P("address", "email", _("Address")),),
            caption=("address",),
            required=("address",),
        ),
        Schema(
            "Firearm",
            _("Firearm"),
            (
                P("make", "text", _("Make")),
                P("model", "text", _("Model")),
                P("calibre", "text", _("Calibre")),
                P("serialNumber", "identifier", _("Serial number")),
                P("country", "country", _("Country of manufacture")),
            ),
            caption=("make", "model", "serialNumber"),
        ),
        Schema(
            "CulturalObject",
            _("Cultural object"),
            (
                P("title", "text", _("Title")),
                P("type", "text", _("Type")),
                P("period", "text", _("Period")),
                P("description", "text", _("Description")),
                P("country", "country", _("Country of origin")),
            ),
            caption=("title", "type"),
        ),
        Schema(
            "CryptoWallet",
            _("Crypto wallet"),
            (
                P("currency", "text", _("Currency")),
                P("publicKey", "text", _("Address")),
            ),
            caption=("currency", "publicKey"),
            required=("publicKey",),
        ),
        Schema(
            "BankAccount",
            _("Bank account"),
            (
                P("iban", "identifier", _("IBAN")),
                P("accountNumber", "identifier", _("Account number")),
                P("bankName", "text", _("Bank")),
                P("country", "country", _("Country")),
            ),
            caption=("bankName", "iban", "accountNumber"),
        ),
        Schema(
            "IdentityDocument",
            _("Identity document"),
            (
                P("type", "text", _("Type")),
                P("number", "identifier", _("Number")),
                P("country", "country", _("Issuing country")),
                P("expiryDate", "date", _("Expiry date")),
            ),
            caption=("type", "number", "country"),
            required=("number",),
        ),
        Schema(
            "Address",
            _("Address or location"),
            (
                P("full", "text", _("Address")),
                P("city", "text", _("City")),
                P("postcode", "identifier", _("Postcode")),
                P("country", "country", _("Country")),
            ),
            caption=("full", "city", "country"),
        ),
    )
}


def properties_clean(schema_name: str, raw: Mapping[str, object]) -> dict[str, list[str]]:
    """Check and normalise properties; raise ``PropertyError`` naming the first bad one.

    Returns ``{name: [values]}`` without empty values; errors carry the property name in
    ``args[1]``.
    """
    schema = SCHEMATA.get(schema_name)
    if schema is None:
        raise PropertyError(_("Unknown kind of entity."), "schema")
    if not isinstance(raw, dict):
        raise PropertyError(_("Properties must be an object."), "properties")
    clean: dict[str, list[str]] = {}
    for name, values in raw.items():
        if name not in schema.prop_names:
            raise PropertyError(_("Unknown property."), name)
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list) or len(values) > MAX_VALUES:
            raise PropertyError(_("Give a list of at most 20 values."), name)
        normalise = NORMALISERS[schema.prop(name).kind]
        out: list[str] = []
        for value in values:
            if not isinstance(value, str) or len(value) > MAX_LENGTH:
                raise PropertyError(_("Each value must be a text of at most 500 characters."), name)
            if not_text(value):
                raise PropertyError(NOT_TEXT_MESSAGE, name)
            if not value.strip():
                continue
            try:
                normalised = normalise(value)
            except PropertyError as exc:
                raise PropertyError(exc.args[0], name) from exc
            if normalised not in out:
                out.append(normalised)
        if out:
            clean[name] = out
    for name in schema.required:
        if name not in clean:
            raise PropertyError(_("This field is required."), name)
    if not clean:
        raise PropertyError(_("Give at least one property."), "properties")
    return clean


def caption_for(schema_name: str, properties: dict[str, list[str]]) -> str:
    """A short human name for an entity, from its first values."""
    schema = SCHEMATA[schema_name]
    parts = [properties[name][0] for name in schema.caption if properties.get(name)]
    if not parts and schema_name == "Person" and properties.get("name"):
        parts = [properties["name"][0]]
    if not parts:
        first = next(iter(properties.values()), [""])
        parts = [first[0]]
    return " ".join(parts)[:300]
