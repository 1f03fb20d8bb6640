"""Reading and checking an import file before anything is written.

A CSV file is decoded (UTF-8, or Latin-1 when it is not valid UTF-8), its columns are mapped
to the properties of one kind of entity, and every row is checked with the same rules as the
entity pages. The result is the rows that can be imported and, for the others, a report:
row number, column and reason. Nothing here touches the database.
"""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from paccto.entities.schemata import SCHEMATA, PropertyError, properties_clean

# Targets a column may be mapped to besides the schema's properties.
SOURCE_ID = "source_id"  # the source system's identifier: must be unique in the file
FLAG_TARGETS = ("is_victim", "is_witness", "is_minor", "is_informant")
IMPORT_TARGET_LABELS = {
    SOURCE_ID: gettext_lazy("Identifier in the source (unique)"),
    "is_victim": gettext_lazy("Victim (yes/no)"),
    "is_witness": gettext_lazy("Witness (yes/no)"),
    "is_minor": gettext_lazy("Minor (yes/no)"),
    "is_informant": gettext_lazy("Informant (yes/no)"),
}
TRUE_WORDS = frozenset({"1", "true", "yes", "y", "x", "si", "sí", "sì", "sim", "oui", "ja", "vero"})
FALSE_WORDS = frozenset({"", "0", "false", "no", "n", "nao", "não", "non", "nee", "falso"})
VALUE_SEPARATOR = ";"
MAX_COLUMNS = 200
MAX_REPORTED = 1000  # errors kept in the report; the counts stay exact
MAX_CELL = 5000  # characters in one cell: beyond, the row is refused (huge fields)

csv.field_size_limit(1_000_000)


class ImportFileError(ValueError):
    """A file that cannot be read at all, with a translated reason."""


@dataclass(frozen=True)
class RowError:
    row: int  # line of the file (the header is line 1)
    column: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "reason": self.reason}


@dataclass
class ParsedFile:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number, cells); the header is row 1
    encoding: str


@dataclass
class ValidRow:
    row: int
    properties: dict[str, list[str]]
    flags: dict[str, bool]
    source_id: str = ""
    schema: str = ""  # when the file mixes kinds of entities (FollowTheMoney)


@dataclass
class Validation:
    valid: list[ValidRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    invalid_rows: int = 0

    @property
    def total(self) -> int:
        return len(self.valid) + self.invalid_rows

    def report(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "valid": len(self.valid),
            "invalid": self.invalid_rows,
            "errors": [e.as_dict() for e in self.errors[:MAX_REPORTED]],
            "errors_truncated": len(self.errors) > MAX_REPORTED,
        }


def decode(raw: bytes) -> tuple[str, str]:
    """The text of a file and the encoding it was read with: UTF-16 where it starts with
    its byte order mark (Excel's "Unicode text"), else UTF-8, else Latin-1."""
    if raw[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ImportFileError(_("This is not a text file.")) from exc
        if "\x00" not in text:
            return text, "utf-16"
    if b"\x00" in raw:
        raise ImportFileError(_("This is not a text file."))
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1"


def parse_csv(raw: bytes) -> ParsedFile:
    """Headers and rows of a CSV file (comma, semicolon or tab separated)."""
    text, encoding = decode(raw)
    if not text.strip():
        raise ImportFileError(_("The file is empty."))
    sample = text[:20000]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect, strict=True)
    try:
        headers = [h.strip() for h in next(reader)]
        rows = list(reader)
    except csv.Error as exc:
        raise ImportFileError(_("The file is not valid CSV: %(reason)s") % {"reason": exc}) from exc
    except StopIteration as exc:
        raise ImportFileError(_("The file is empty.")) from exc
    if not any(headers):
        raise ImportFileError(_("The first line must name the columns."))
    if len(headers) > MAX_COLUMNS:
        raise ImportFileError(_("The file has too many columns."))
    if len(set(headers)) != len(headers):
        raise ImportFileError(_("Two columns have the same name."))
    numbered = [(n + 2, r) for n, r in enumerate(rows) if any(cell.strip() for cell in r)]
    if not numbered:
        raise ImportFileError(_("The file has no rows after its header."))
    return ParsedFile(headers, numbered, encoding)


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "".join(ch for ch in folded if ch.isalnum())


# Column names that usually mean a property, in the platform's languages.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "firstName": ("givenname", "firstname", "nombre", "nombres", "prenom", "nome", "voornaam"),
    "lastName": (
        "surname",
        "lastname",
        "apellido",
        "primerapellido",
        "nom",
        "sobrenome",
        "cognome",
        "achternaam",
        "familyname",
    ),
    "secondLastName": ("secondsurname", "segundoapellido", "apellidomaterno"),
    "name": ("fullname", "name", "nombrecompleto", "nomcomplet", "nomecompleto"),
    "birthDate": (
        "dateofbirth",
        "birthdate",
        "dob",
        "fechanacimiento",
        "fechadenacimiento",
        "datenaissance",
        "datadenascimento",
        "datanascita",
        "geboortedatum",
    ),
    "nationality": (
        "nationality",
        "nacionalidad",
        "nationalite",
        "nacionalidade",
        "nazionalita",
        "nationaliteit",
    ),
    "gender": ("gender", "sex", "sexo", "sexe", "sesso", "geslacht"),
    "idNumber": (
        "documentnumber",
        "idnumber",
        "document",
        "documento",
        "passport",
        "pasaporte",
        "dni",
        "cedula",
    ),
    "phone": ("phone", "telephone", "telefono", "telefone", "telefoon", "mobile", "celular"),
    "email": ("email", "mail", "correo", "courriel"),
    "address": ("address", "direccion", "adresse", "endereco", "indirizzo", "adres"),
    SOURCE_ID: ("id", "sourceid", "reference", "ref", "referencia"),
    "is_victim": ("victim", "victima", "vitima", "victime", "vittima", "slachtoffer"),
    "is_witness": ("witness", "testigo", "testemunha", "temoin", "testimone", "getuige"),
    "is_minor": ("minor", "menor", "mineur", "minore", "minderjarig", "minderjarige"),
    "is_informant": ("informant", "informante", "informateur", "informatore"),
}


def suggest_mapping(headers: list[str], schema: str) -> dict[str, str]:
    """A first guess of which property each column holds (the user confirms it)."""
    props = {p.name for p in SCHEMATA[schema].props}
    by_key: dict[str, str] = {}
    for prop in props:
        by_key.setdefault(_key(prop), prop)
    for target, words in SYNONYMS.items():
        if (
            target in props
            or target == SOURCE_ID
            or (schema == "Person" and target in FLAG_TARGETS)
        ):
            for word in words:
                by_key.setdefault(word, target)
    if schema == "Person":
        for flag in FLAG_TARGETS:
            by_key.setdefault(_key(flag), flag)
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for header in headers:
        target = by_key.get(_key(header), "")
        if target and target not in used:
            mapping[header] = target
            used.add(target)
    return mapping


def mapping_targets(schema: str) -> list[str]:
    """Everything a column may be mapped to for this kind of entity."""
    targets = [p.name for p in SCHEMATA[schema].props] + [SOURCE_ID]
    if schema == "Person":
        targets += list(FLAG_TARGETS)
    return targets


def check_mapping(schema: str, headers: list[str], mapping: dict[str, str]) -> dict[str, str]:
    """The mapping without ignored columns; an unknown column or target is refused."""
    allowed = set(mapping_targets(schema))
    clean = {}
    for column, target in mapping.items():
        if not target:
            continue
        if column not in headers:
            raise ImportFileError(_("Unknown column: %(column)s") % {"column": column})
        if target not in allowed:
            raise ImportFileError(_("Unknown property: %(name)s") % {"name": target})
        if target in (SOURCE_ID, *FLAG_TARGETS) and target in clean.values():
            # one value each: the last column would win without a word
            raise ImportFileError(
                _("Two columns are mapped to %(name)s: map only one.") % {"name": target}
            )
        clean[column] = target
    if not any(t not in (SOURCE_ID, *FLAG_TARGETS) for t in clean.values()):
        raise ImportFileError(_("Map at least one column to a property."))
    return clean


def _flag(value: str) -> bool | None:
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def validate(parsed: ParsedFile, schema: str, mapping: dict[str, str]) -> Validation:
    """Every row checked with the rules of the entity pages."""
    mapping = check_mapping(schema, parsed.headers, mapping)
    columns = [(parsed.headers.index(col), col, target) for col, target in mapping.items()]
    result = Validation()
    seen_ids: dict[str, int] = {}
    for number, cells in parsed.rows:
        errors: list[RowError] = []
        values: dict[str, list[str]] = {}
        flags: dict[str, bool] = {}
        source_id = ""
        if len(cells) > len(parsed.headers):
            errors.append(RowError(number, "", _("The row has more cells than the header.")))
        for index, column, target in columns:
            cell = cells[index] if index < len(cells) else ""
            if len(cell) > MAX_CELL:
                errors.append(RowError(number, column, _("The value is too long.")))
                continue
            if target == SOURCE_ID:
                source_id = cell.strip()
                if source_id and source_id in seen_ids:
                    errors.append(
                        RowError(
                            number,
                            column,
                            _("Duplicate identifier (also on row %(row)s).")
                            % {"row": seen_ids[source_id]},
                        )
                    )
                elif source_id:
                    seen_ids[source_id] = number
            elif target in FLAG_TARGETS:
                flag = _flag(cell)
                if flag is None:
                    errors.append(RowError(number, column, _("Enter yes or no.")))
                else:
                    flags[target] = flag
            else:
                parts = [v.strip() for v in cell.split(VALUE_SEPARATOR)]
                values.setdefault(target, []).extend(v for v in parts if v)
        if not errors:
            try:
                clean = properties_clean(schema, values)
            except PropertyError as exc:
                name = exc.args[1] if len(exc.args) > 1 else ""
                column = next((c for _i, c, t in columns if t == name), "")
                errors.append(RowError(number, column, str(exc.args[0])))
        if errors:
            result.errors.extend(errors)
            result.invalid_rows += 1
        else:
            result.valid.append(ValidRow(number, clean, flags, source_id))
    return result
