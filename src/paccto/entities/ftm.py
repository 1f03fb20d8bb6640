"""FollowTheMoney (FtM) JSON lines: import into and export from the entity store.

Each line of an FtM file is one entity: ``{"id": ..., "schema": ..., "properties": {...}}``.
The platform's schemata are FtM-inspired, so most kinds map one to one (Person, Vehicle,
Vessel, BankAccount...); the others use the nearest FtM schema:

- Organisation <-> Organization (Company, LegalEntity and PublicBody are read as Organisation);
- Aircraft <-> Airplane; IdentityDocument <-> Identification (Passport is read too);
- Phone and Email (addresses) <-> UserAccount, told apart by their phone or e-mail;
- Firearm and CulturalObject <-> Asset, told apart by a ``paccto_schema`` key next to the
  schema (FtM keeps unknown top-level keys as the entity's context).

A property without an FtM counterpart (a vehicle's make, a firearm's calibre...) or a value
that FtM refuses (a phone number without its country code) travels in ``notes`` as
``paccto.<property>: <value>`` and is read back from there, so an export imports again
without loss.

Relationships (Family, Ownership, Membership, UnknownLink...) and the kinds the platform does
not keep are reported as row errors on import. On export, links become FtM relationship
entities. Special categories (victims, witnesses, minors, informants) never leave in clear:
their entity carries its reference, its schema and a "withheld" note only, and their links are
left out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any, cast

from django.utils.translation import gettext as _
from followthemoney import model
from followthemoney.exc import FollowTheMoneyException
from followthemoney.proxy import EntityProxy
from followthemoney.schema import ValidationData

from paccto.entities.choices import LinkType
from paccto.entities.exports import WITHHELD
from paccto.entities.imports import ImportFileError, RowError, Validation, ValidRow
from paccto.entities.models import Entity, Link
from paccto.entities.schemata import (
    NOT_TEXT_MESSAGE,
    SCHEMATA,
    PropertyError,
    not_text,
    properties_clean,
)

MAX_LINE = 1_000_000  # bytes in one line: beyond, the line is refused
SCHEMA_HINT = "paccto_schema"  # top-level key naming the platform kind when FtM's is vague
EXTRA_PREFIX = "paccto."
EXTRA_RE = re.compile(r"^paccto\.(\w+): (.*)$", re.DOTALL)
FTM_DATE_RE = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:T.*)?$")

# FtM schema -> platform schema ("" when the shape or the hint decides).
IMPORT_SCHEMATA: dict[str, str] = {
    "Person": "Person",
    "Organization": "Organisation",
    "Company": "Organisation",
    "LegalEntity": "Organisation",
    "PublicBody": "Organisation",
    "Vehicle": "Vehicle",
    "Vessel": "Vessel",
    "Airplane": "Aircraft",
    "CryptoWallet": "CryptoWallet",
    "BankAccount": "BankAccount",
    "Identification": "IdentityDocument",
    "Passport": "IdentityDocument",
    "Address": "Address",
    "UserAccount": "",  # Phone or Email
    "Asset": "",  # Firearm or CulturalObject, with the hint
}
# Platform schema -> FtM schema.
EXPORT_SCHEMATA: dict[str, str] = {
    "Person": "Person",
    "Organisation": "Organization",
    "Vehicle": "Vehicle",
    "Vessel": "Vessel",
    "Aircraft": "Airplane",
    "Phone": "UserAccount",
    "Email": "UserAccount",
    "Firearm": "Asset",
    "CulturalObject": "Asset",
    "CryptoWallet": "CryptoWallet",
    "BankAccount": "BankAccount",
    "IdentityDocument": "Identification",
    "Address": "Address",
}
HINTED = frozenset(s for s, f in EXPORT_SCHEMATA.items() if f in ("UserAccount", "Asset"))

# Per platform schema: (FtM property, platform property). The first pair naming a platform
# property is also the way out; the others are only read.
PROPERTY_MAP: dict[str, tuple[tuple[str, str], ...]] = {
    "Person": (
        ("firstName", "firstName"),
        ("lastName", "lastName"),
        ("motherName", "secondLastName"),
        ("name", "name"),
        ("alias", "alias"),
        ("weakAlias", "alias"),
        ("birthDate", "birthDate"),
        ("birthPlace", "birthPlace"),
        ("nationality", "nationality"),
        ("citizenship", "nationality"),
        ("gender", "gender"),
        ("idNumber", "idNumber"),
        ("passportNumber", "idNumber"),
        ("phone", "phone"),
        ("email", "email"),
        ("address", "address"),
    ),
    "Organisation": (
        ("name", "name"),
        ("alias", "alias"),
        ("weakAlias", "alias"),
        ("country", "country"),
        ("jurisdiction", "country"),
        ("mainCountry", "country"),
        ("registrationNumber", "registrationNumber"),
        ("address", "address"),
    ),
    "Vehicle": (
        ("registrationNumber", "registrationNumber"),
        ("model", "model"),
        ("country", "country"),
    ),
    "Vessel": (
        ("name", "name"),
        ("imoNumber", "imoNumber"),
        ("mmsi", "mmsi"),
        ("flag", "flag"),
        ("type", "type"),
    ),
    "Aircraft": (
        ("registrationNumber", "registrationNumber"),
        ("type", "type"),
        ("model", "type"),
        ("serialNumber", "serialNumber"),
        ("country", "country"),
    ),
    "Phone": (("phone", "number"), ("country", "country")),
    "Email": (("email", "address"),),
    "Firearm": (("country", "country"),),
    "CulturalObject": (
        ("name", "title"),
        ("description", "description"),
        ("country", "country"),
    ),
    "CryptoWallet": (
        ("currency", "currency"),
        ("publicKey", "publicKey"),
        ("cryptoAddress", "publicKey"),
    ),
    "BankAccount": (
        ("iban", "iban"),
        ("accountNumber", "accountNumber"),
        ("bankName", "bankName"),
        ("country", "country"),
    ),
    "IdentityDocument": (
        ("type", "type"),
        ("number", "number"),
        ("passportNumber", "number"),
        ("country", "country"),
        ("endDate", "expiryDate"),
    ),
    "Address": (
        ("full", "full"),
        ("city", "city"),
        ("postalCode", "postcode"),
        ("country", "country"),
    ),
}
# FtM given names that follow the first name (Person).
MORE_GIVEN_NAMES = ("middleName", "secondName", "fatherName")
COUNTRY_KIND = "country"

# Link type -> (FtM schema, property of the link's source, property of its target).
LINK_SCHEMATA: dict[str, tuple[str, str, str]] = {
    LinkType.FAMILY: ("Family", "person", "relative"),
    LinkType.ASSOCIATE: ("Associate", "person", "associate"),
    LinkType.MEMBER_OF: ("Membership", "member", "organization"),
    LinkType.OWNS: ("Ownership", "owner", "asset"),
    LinkType.EMPLOYED_BY: ("Employment", "employee", "employer"),
    LinkType.LEADS: ("Directorship", "director", "organization"),
}
UNKNOWN_LINK = ("UnknownLink", "subject", "object")


# Reading -----------------------------------------------------------------------------------


def _text(content: bytes) -> bytes:
    """The content without its byte order mark, refused when it is not UTF-8 text."""
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    if not content.strip():
        raise ImportFileError(_("The file is empty."))
    if b"\x00" in content:
        raise ImportFileError(_("This is not a text file."))
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _(
                "The file is not UTF-8 text (it may be Latin-1 or another encoding). "
                "FollowTheMoney files are UTF-8: save it again as UTF-8."
            )
        ) from exc
    return content


def _lines(content: bytes) -> Iterator[tuple[int, bytes]]:
    """(line number, line) for every line that is not blank; the first line is 1."""
    for number, line in enumerate(content.split(b"\n"), start=1):
        line = line.rstrip(b"\r")
        if line.strip():
            yield number, line


def _load(line: bytes) -> Any:
    try:
        return json.loads(line)
    except (ValueError, RecursionError):
        return None


def _platform_schema(ftm_schema: str, data: dict[str, Any]) -> str:
    """The platform kind of an FtM entity, or "" when the platform does not keep it."""
    if ftm_schema not in IMPORT_SCHEMATA:
        return ""
    platform = IMPORT_SCHEMATA[ftm_schema]
    if platform:
        return platform
    hint = data.get(SCHEMA_HINT)
    if isinstance(hint, str) and hint in HINTED and EXPORT_SCHEMATA[hint] == ftm_schema:
        return hint
    if ftm_schema == "UserAccount":
        props = data.get("properties")
        props = props if isinstance(props, dict) else {}
        has_phone, has_email = bool(props.get("phone")), bool(props.get("email"))
        if has_phone and not has_email:
            return "Phone"
        if has_email and not has_phone:
            return "Email"
    return ""


def inspect(content: bytes) -> str:
    """Check that the content is FtM JSON lines with at least one entity of a kind the
    platform keeps; the platform schema when all of them are of one kind, else ""."""
    content = _text(content)
    entities = 0
    kinds: set[str] = set()
    for _number, line in _lines(content):
        if len(line) > MAX_LINE:
            continue
        data = _load(line)
        if not isinstance(data, dict) or not isinstance(data.get("schema"), str):
            continue
        entities += 1
        platform = _platform_schema(data["schema"], data)
        if platform:
            kinds.add(platform)
    if not entities:
        raise ImportFileError(
            _(
                "The file is not FollowTheMoney JSON lines: each line must be one entity, "
                'a JSON object with "id", "schema" and "properties".'
            )
        )
    if not kinds:
        raise ImportFileError(
            _("The file has no entity of a kind the platform keeps (persons, organisations...).")
        )
    return kinds.pop() if len(kinds) == 1 else ""


def _raw_properties(value: Any) -> dict[str, list[str]] | str:
    """FtM properties as lists of texts, or the name of the first property that is not."""
    if not isinstance(value, dict):
        return "properties"
    out: dict[str, list[str]] = {}
    for name, values in value.items():
        if isinstance(values, str):
            values = [values]
        if not isinstance(name, str) or not isinstance(values, list):
            return str(name)
        if not all(isinstance(v, str) for v in values):
            return name
        out[name] = values
    return out


def _date_value(value: str) -> str:
    """FtM dates may carry a time; the platform keeps YYYY, YYYY-MM or YYYY-MM-DD."""
    match = FTM_DATE_RE.match(value.strip())
    return match.group(1) if match else value


def _to_platform(proxy: EntityProxy, schema: str) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Platform properties of an FtM entity, and for each one the FtM property it came from."""
    target = SCHEMATA[schema]
    values: dict[str, list[str]] = {}
    origin: dict[str, str] = {}
    for ftm_prop, prop in PROPERTY_MAP[schema]:
        found = proxy.get(ftm_prop, quiet=True)
        if not found:
            continue
        if target.prop(prop).kind == "date":
            found = [_date_value(v) for v in found]
        values.setdefault(prop, []).extend(found)
        origin.setdefault(prop, ftm_prop)
    if schema == "Person":
        more = [v for name in MORE_GIVEN_NAMES for v in proxy.get(name, quiet=True)]
        if more:
            given = values.setdefault("firstName", [])
            origin.setdefault("firstName", "firstName")
            if given:
                given[0] = " ".join([given[0], *more])
            else:
                given.append(" ".join(more))
    # Notes: the properties without an FtM counterpart, then the notes themselves.
    for note in proxy.get("notes", quiet=True):
        match = EXTRA_RE.match(note)
        if match and match.group(1) in target.prop_names:
            values.setdefault(match.group(1), []).append(match.group(2))
            origin.setdefault(match.group(1), "notes")
        elif "notes" in target.prop_names:
            values.setdefault("notes", []).append(note)
            origin.setdefault("notes", "notes")
    return values, origin


def _holds_not_text(data: object) -> bool:
    """Whether a decoded line holds, in a key or a text anywhere, a character no stored text
    may (``schemata.not_text``: JSON escapes write a NUL or a lone surrogate). Without
    recursion: a line may nest as deep as the JSON reader allows."""
    pending = [data]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if not_text(item):
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def _check_line(number: int, line: bytes, seen: dict[str, int]) -> ValidRow | list[RowError]:
    """One line of the file: a row to import, or why it cannot be imported."""
    if len(line) > MAX_LINE:
        return [RowError(number, "", _("The line is longer than 1 MB."))]
    data = _load(line)
    if data is None:
        return [RowError(number, "", _("The line is not valid JSON."))]
    if _holds_not_text(data):  # before any of it is read into a message
        return [RowError(number, "", str(NOT_TEXT_MESSAGE))]
    if not isinstance(data, dict) or not isinstance(data.get("schema"), str):
        return [
            RowError(
                number,
                "",
                _('The line is not a FollowTheMoney entity (an object with "id" and "schema").'),
            )
        ]
    ftm_id = data.get("id")
    if isinstance(ftm_id, int) and not isinstance(ftm_id, bool):
        ftm_id = str(ftm_id)
    if not isinstance(ftm_id, str) or not ftm_id.strip():
        return [RowError(number, "id", _("The entity has no identifier."))]
    ftm_id = ftm_id.strip()
    if ftm_id in seen:
        return [
            RowError(
                number,
                "id",
                _("Duplicate identifier (also on line %(row)s).") % {"row": seen[ftm_id]},
            )
        ]
    seen[ftm_id] = number
    ftm_schema = model.get(data["schema"])
    if ftm_schema is None:
        return [
            RowError(
                number,
                "schema",
                _("Unknown FollowTheMoney schema: %(schema)s") % {"schema": data["schema"][:60]},
            )
        ]
    schema = _platform_schema(ftm_schema.name, data)
    if not schema:
        return [
            RowError(
                number,
                "schema",
                _("Not imported: a relationship or a kind the platform does not keep (%(schema)s).")
                % {"schema": ftm_schema.name},
            )
        ]
    raw = _raw_properties(data.get("properties", {}))
    if isinstance(raw, str):
        return [RowError(number, raw[:60], _("Give the values of a property as a list of texts."))]
    if WITHHELD in raw.get("notes", []):
        return [RowError(number, "notes", _("Not imported: a withheld record (special category)."))]
    try:
        proxy = model.get_proxy(
            {"id": ftm_id, "schema": ftm_schema.name, "properties": raw}, cleaned=True
        )
    except (FollowTheMoneyException, ValueError, TypeError, KeyError) as exc:
        return [RowError(number, "", _("The entity cannot be read: %(reason)s") % {"reason": exc})]
    values, origin = _to_platform(proxy, schema)
    try:
        clean = properties_clean(schema, dict[str, object](values))
    except PropertyError as exc:
        name = str(exc.args[1]) if len(exc.args) > 1 else ""
        return [RowError(number, origin.get(name, name), str(exc.args[0]))]
    return ValidRow(row=number, properties=clean, flags={}, source_id=ftm_id, schema=schema)


def validate(content: bytes) -> Validation:
    """Every line checked: the entities to import (special categories cannot come from FtM:
    no flags) and, for the others, line number, property and reason."""
    content = _text(content)
    result = Validation()
    seen: dict[str, int] = {}
    for number, line in _lines(content):
        checked = _check_line(number, line, seen)
        if isinstance(checked, ValidRow):
            result.valid.append(checked)
        else:
            result.errors.extend(checked)
            result.invalid_rows += 1
    return result


# Writing -----------------------------------------------------------------------------------


def _add(proxy: EntityProxy, ftm_prop: str, prop: str, value: str) -> None:
    """Add a value as FtM cleans it; a value FtM refuses travels in the notes."""
    definition = proxy.schema.properties[ftm_prop]
    cleaned = definition.type.clean(value, format=definition.format, proxy=proxy)
    if cleaned is None:
        proxy.add("notes", f"{EXTRA_PREFIX}{prop}: {value}", cleaned=True)
    else:
        proxy.add(ftm_prop, cleaned, cleaned=True)


def _entity_proxy(entity: Entity) -> EntityProxy:
    proxy = model.make_entity(EXPORT_SCHEMATA[entity.schema])
    proxy.id = entity.reference
    if entity.special_category:
        proxy.add("notes", WITHHELD, cleaned=True)
        return proxy
    if entity.schema in HINTED:
        proxy.context[SCHEMA_HINT] = entity.schema
    way_out: dict[str, str] = {}
    for ftm_name, name in PROPERTY_MAP[entity.schema]:
        way_out.setdefault(name, ftm_name)
    schema = SCHEMATA[entity.schema]
    kinds = {p.name: p.kind for p in schema.props}
    # Countries first: FtM reads phone numbers in the light of the entity's countries.
    names = [n for n in entity.properties if n in kinds]
    names.sort(key=lambda n: kinds[n] != COUNTRY_KIND)
    for prop in names:
        ftm_prop = way_out.get(prop)
        for value in entity.properties[prop]:
            if prop == "notes":
                proxy.add("notes", value, cleaned=True)
            elif ftm_prop is None:
                proxy.add("notes", f"{EXTRA_PREFIX}{prop}: {value}", cleaned=True)
            else:
                _add(proxy, ftm_prop, prop, value.lower() if kinds[prop] == COUNTRY_KIND else value)
    if entity.schema == "Firearm":
        proxy.add("name", entity.caption)
    if entity.schema == "Phone":
        proxy.add("username", entity.properties.get("number", []))
    if entity.schema == "Email":
        proxy.add("username", entity.properties.get("address", []))
    return proxy


def _link_proxy(link: Link, refs: dict[int, tuple[str, str]]) -> EntityProxy:
    source_ref, source_schema = refs[link.source_id]
    target_ref, target_schema = refs[link.target_id]
    schema_name, source_prop, target_prop = LINK_SCHEMATA.get(link.link_type, UNKNOWN_LINK)
    schema = model.get(schema_name)
    assert schema is not None
    fits = all(
        (s := model.get(ftm)) is not None
        and (rng := schema.properties[prop].range) is not None
        and s.is_a(rng)
        for ftm, prop in ((source_schema, source_prop), (target_schema, target_prop))
    )
    if not fits:
        schema_name, source_prop, target_prop = UNKNOWN_LINK
    proxy = model.make_entity(schema_name)
    proxy.id = f"{link.owner_institution.country_id}-LNK-{link.pk:07d}"
    proxy.add(source_prop, source_ref)
    proxy.add(target_prop, target_ref)
    if schema_name == UNKNOWN_LINK[0]:
        proxy.add("role", str(link.link_type))
    if link.start_date:
        proxy.add("startDate", link.start_date.isoformat())
    if link.end_date:
        proxy.add("endDate", link.end_date.isoformat())
    if link.note:
        proxy.add("description", link.note)
    return proxy


def _line(proxy: EntityProxy) -> str:
    data = proxy.to_dict()
    proxy.schema.validate(cast(ValidationData, data))
    return json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n"


def export_lines(entities: Iterable[Entity], links: Iterable[Link]) -> Iterator[str]:
    """One FtM JSON line (ending with a newline) per entity, then one per link whose two ends
    are exported and not of a special category. Special categories are withheld."""
    refs: dict[int, tuple[str, str]] = {}
    special: set[int] = set()
    for entity in entities:
        if entity.schema not in EXPORT_SCHEMATA:
            continue
        proxy = _entity_proxy(entity)
        refs[entity.pk] = (entity.reference, proxy.schema.name)
        if entity.special_category:
            special.add(entity.pk)
        yield _line(proxy)
    for link in links:
        ends = (link.source_id, link.target_id)
        if all(end in refs and end not in special for end in ends):
            yield _line(_link_proxy(link, refs))
