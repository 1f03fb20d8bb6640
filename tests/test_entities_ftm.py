"""FollowTheMoney JSON lines: reading FtM files into the entity store, and the FtM export."""

import json

import pytest

from paccto.audit.models import AuditEntry
from paccto.core.permissions import actor_for
from paccto.entities import ftm, services
from paccto.entities.imports import ImportFileError
from paccto.entities.models import Entity, ImportBatch

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English (the platform's default language is Spanish)."""
    from django.utils import translation

    with translation.override("en"):
        yield


EXPORT_URL = "/api/v1/entities/export.ftm.jsonl"


def jsonl(*entities) -> bytes:
    return "\n".join(
        e if isinstance(e, str) else json.dumps(e, ensure_ascii=False) for e in entities
    ).encode()


def ftm_entity(schema, properties, id_="e1", **extra):
    return {"id": id_, "schema": schema, "properties": properties, **extra}


@pytest.fixture
def api(client):
    from tests.factories import verify_session

    def as_user(user):
        client.logout()
        verify_session(client, user)
        return client

    return as_user


# Reading -----------------------------------------------------------------------------------

# (FtM schema, FtM properties, extra top-level keys, platform schema, platform properties)
MAPPING_CASES = [
    (
        "Person",
        {
            "firstName": ["Ana"],
            "middleName": ["María"],
            "lastName": ["Rojas"],
            "motherName": ["Díaz"],
            "name": ["Ana María Rojas Díaz"],
            "weakAlias": ["La Flaca"],
            "birthDate": ["1984-07"],
            "birthPlace": ["Cali"],
            "nationality": ["co"],
            "citizenship": ["es"],
            "gender": ["female"],
            "passportNumber": ["AB 123.456"],
            "phone": ["+57 300 123 4567"],
            "email": ["Ana@Example.org"],
            "address": ["Calle 1, Cali"],
            "notes": ["Seen in Cali"],
            "topics": ["crime"],
        },
        {},
        "Person",
        {
            "firstName": ["Ana María"],
            "lastName": ["Rojas"],
            "secondLastName": ["Díaz"],
            "name": ["Ana María Rojas Díaz"],
            "alias": ["La Flaca"],
            "birthDate": ["1984-07"],
            "birthPlace": ["Cali"],
            "nationality": ["CO", "ES"],
            "gender": ["female"],
            "idNumber": ["AB123456"],
            "phone": ["+573001234567"],
            "email": ["ana@example.org"],
            "address": ["Calle 1, Cali"],
            "notes": ["Seen in Cali"],
        },
    ),
    (
        "Company",
        {"name": ["Acme SA"], "jurisdiction": ["pt"], "registrationNumber": ["503 004 642"]},
        {},
        "Organisation",
        {"name": ["Acme SA"], "country": ["PT"], "registrationNumber": ["503004642"]},
    ),
    ("LegalEntity", {"name": ["X Ltd"]}, {}, "Organisation", {"name": ["X Ltd"]}),
    ("Organization", {"name": ["Cartel"]}, {}, "Organisation", {"name": ["Cartel"]}),
    (
        "Vehicle",
        {
            "registrationNumber": ["abc-123"],
            "model": ["Focus"],
            "country": ["co"],
            "notes": ["paccto.make: Ford", "paccto.colour: red"],
        },
        {},
        "Vehicle",
        {
            "registrationNumber": ["ABC123"],
            "model": ["Focus"],
            "country": ["CO"],
            "make": ["Ford"],
            "colour": ["red"],
        },
    ),
    (
        "Vessel",
        {"name": ["Sea Star"], "imoNumber": ["IMO 9074729"], "flag": ["pa"], "type": ["Tanker"]},
        {},
        "Vessel",
        {"name": ["Sea Star"], "imoNumber": ["IMO9074729"], "flag": ["PA"], "type": ["Tanker"]},
    ),
    (
        "Airplane",
        {"registrationNumber": ["HK-1234"], "model": ["Cessna 172"], "serialNumber": ["17280001"]},
        {},
        "Aircraft",
        {"registrationNumber": ["HK1234"], "type": ["Cessna 172"], "serialNumber": ["17280001"]},
    ),
    (
        "CryptoWallet",
        {"currency": ["BTC"], "publicKey": ["bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh"]},
        {},
        "CryptoWallet",
        {"currency": ["BTC"], "publicKey": ["bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh"]},
    ),
    (
        "BankAccount",
        {"iban": ["ES91 2100 0418 4502 0005 1332"], "bankName": ["Banco X"], "country": ["es"]},
        {},
        "BankAccount",
        {"iban": ["ES9121000418450200051332"], "bankName": ["Banco X"], "country": ["ES"]},
    ),
    (
        "Passport",
        {"passportNumber": ["PA123"], "country": ["br"], "endDate": ["2020-05-01T00:00:00"]},
        {},
        "IdentityDocument",
        {"number": ["PA123"], "country": ["BR"], "expiryDate": ["2020-05-01"]},
    ),
    (
        "Identification",
        {"type": ["national id"], "number": ["1.234.567"], "country": ["ar"]},
        {},
        "IdentityDocument",
        {"type": ["national id"], "number": ["1234567"], "country": ["AR"]},
    ),
    (
        "Address",
        {"full": ["Rua A 1, Lisboa"], "city": ["Lisboa"], "postalCode": ["1000-001"]},
        {},
        "Address",
        {"full": ["Rua A 1, Lisboa"], "city": ["Lisboa"], "postcode": ["1000001"]},
    ),
    (
        "UserAccount",
        {"username": ["+573001234567"], "phone": ["+573001234567"], "country": ["co"]},
        {},
        "Phone",
        {"number": ["+573001234567"], "country": ["CO"]},
    ),
    (
        "UserAccount",
        {"username": ["x@example.org"], "email": ["x@example.org"]},
        {},
        "Email",
        {"address": ["x@example.org"]},
    ),
    (
        "Asset",
        {"name": ["Glock 17"], "notes": ["paccto.make: Glock", "paccto.calibre: 9 mm"]},
        {"paccto_schema": "Firearm"},
        "Firearm",
        {"make": ["Glock"], "calibre": ["9 mm"]},
    ),
    (
        "Asset",
        {"name": ["Huaco"], "description": ["Moche vessel"], "notes": ["paccto.period: 100"]},
        {"paccto_schema": "CulturalObject"},
        "CulturalObject",
        {"title": ["Huaco"], "description": ["Moche vessel"], "period": ["100"]},
    ),
]


@pytest.mark.parametrize(
    ("ftm_schema", "props", "extra", "schema", "expected"),
    MAPPING_CASES,
    ids=[f"{c[0]}->{c[3]}" for c in MAPPING_CASES],
)
def test_each_supported_schema_is_mapped(ftm_schema, props, extra, schema, expected):
    content = jsonl(ftm_entity(ftm_schema, props, "src-1", **extra))
    assert ftm.inspect(content) == schema
    result = ftm.validate(content)
    assert result.errors == [] and len(result.valid) == 1
    row = result.valid[0]
    assert (row.row, row.schema, row.source_id, row.flags) == (1, schema, "src-1", {})
    assert row.properties == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1984", "1984"),
        ("1984-07", "1984-07"),
        ("1984-07-21", "1984-07-21"),
        ("1984-07-21T10:30:00", "1984-07-21"),
    ],
)
def test_partial_dates_are_kept(value, expected):
    result = ftm.validate(jsonl(ftm_entity("Person", {"birthDate": [value]})))
    assert result.valid[0].properties == {"birthDate": [expected]}


def test_lower_case_country_codes_become_iso():
    person = ftm_entity("Person", {"name": ["A"], "nationality": ["co", "pt"]})
    assert ftm.validate(jsonl(person)).valid[0].properties["nationality"] == ["CO", "PT"]
    bad = ftm_entity("Person", {"name": ["A"], "nationality": ["suhh"]})
    assert [e.column for e in ftm.validate(jsonl(bad)).errors] == ["nationality"]


def test_bad_lines_are_row_errors_with_their_line_numbers():
    person = ftm_entity("Person", {"firstName": ["Ana"]}, "p1")
    lines = [
        person,  # 1: valid
        "",  # 2: blank, skipped
        '{"id": "p2", "schema": "Person", "properties": {',  # 3: malformed
        ftm_entity("Ownership", {"owner": ["p1"], "asset": ["c1"]}, "o1"),  # 4
        ftm_entity("Family", {"person": ["p1"], "relative": ["p3"]}, "f1"),  # 5
        ftm_entity("Person", {"firstName": ["Eva"]}, "p1"),  # 6: duplicate id
        ftm_entity("Person", {"notes": ["x" * 1_000_001]}, "big"),  # 7: huge
        ftm_entity("Spaceship", {"name": ["X"]}, "s1"),  # 8: unknown schema
        ftm_entity("Person", {"birthDate": ["1984-13"]}, "p4"),  # 9: bad date
        ftm_entity("Sanction", {"entity": ["p1"], "program": ["X"]}, "s2"),  # 10
        "[1, 2]",  # 11: JSON but not an entity
        ftm_entity("Asset", {"name": ["Thing"]}, "a1"),  # 12: no hint
        {"schema": "Person", "properties": {"name": ["No id"]}},  # 13: no id
        ftm_entity("Person", {"name": "A single text"}, "p5"),  # 14: valid (one value)
        ftm_entity("Person", {"name": [1984]}, "p6"),  # 15: not a text
        ftm_entity("Person", {"firstName": ["Ana"], "shoeSize": ["42"]}, "p7"),  # 16: ignored
        ftm_entity("Membership", {"member": ["p1"], "organization": ["o"]}, "m1"),  # 17
        ftm_entity("Organization", {"country": ["co"]}, "o2"),  # 18: no name
    ]
    result = ftm.validate(jsonl(*lines))
    assert [r.row for r in result.valid] == [1, 14, 16]
    assert result.valid[1].properties == {"name": ["A single text"]}
    assert result.valid[2].properties == {"firstName": ["Ana"]}
    errors = {e.row: e for e in result.errors}
    assert sorted(errors) == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 17, 18]
    assert result.invalid_rows == 14 and result.total == 17
    for row in (4, 5, 10, 12, 17):
        assert errors[row].reason.startswith("Not imported: a relationship"), row
        assert errors[row].column == "schema"
    assert "not valid JSON" in errors[3].reason
    assert "also on line 1" in errors[6].reason and errors[6].column == "id"
    assert "1 MB" in errors[7].reason
    assert "Spaceship" in errors[8].reason
    assert errors[9].column == "birthDate"
    assert errors[13].column == "id"
    assert errors[15].column == "name"
    assert errors[18].column == "name"
    report = result.report()
    assert report["invalid"] == 14 and report["errors"][0]["row"] == 3


def test_a_nul_or_a_broken_character_in_a_line_is_a_row_error():
    """Escaped in JSON (\\u0000, a lone \\ud800), they passed the check: the report's page
    then failed (500) on a schema named with one, and the import failed at the save."""
    lines = [
        ftm_entity("Person", {"firstName": ["Ana"]}, "p1"),
        '{"id": "bad", "schema": "\\ud800Foo", "properties": {}}',
        '{"id": "p2", "schema": "Person", "properties": {"firstName": ["\\ud800x"]}}',
        '{"id": "p3", "schema": "Person", "properties": {"firstName": ["A\\u0000B"]}}',
        '{"id": "p4\\udfff", "schema": "Person", "properties": {"firstName": ["Eva"]}}',
        "[" * 900 + "]" * 900,  # as deep as the JSON reader goes: not an entity
    ]
    result = ftm.validate(jsonl(*lines))
    assert [r.row for r in result.valid] == [1]
    assert sorted(e.row for e in result.errors) == [2, 3, 4, 5, 6]
    assert all("not text" in e.reason for e in result.errors if e.row < 6)
    json.dumps(result.report(), ensure_ascii=False).encode()  # the page can show it


def test_latin1_and_other_unreadable_files_are_refused_with_a_clear_message():
    latin1 = jsonl(ftm_entity("Person", {"firstName": ["José"]})).decode().encode("latin-1")
    for check in (ftm.inspect, ftm.validate):
        with pytest.raises(ImportFileError, match="not UTF-8"):
            check(latin1)
    with pytest.raises(ImportFileError, match="empty"):
        ftm.inspect(b" \n\n")
    with pytest.raises(ImportFileError, match="not a text file"):
        ftm.inspect(b'{"id": "x"}\x00')
    with pytest.raises(ImportFileError, match="not FollowTheMoney JSON lines"):
        ftm.inspect(b"firstName,lastName\nAna,Rojas\n")
    pretty = json.dumps(ftm_entity("Person", {"name": ["A"]}), indent=2).encode()
    with pytest.raises(ImportFileError, match="not FollowTheMoney JSON lines"):
        ftm.inspect(pretty)
    with pytest.raises(ImportFileError, match="no entity of a kind"):
        ftm.inspect(jsonl(ftm_entity("Ownership", {"owner": ["a"], "asset": ["b"]})))


def test_inspect_names_the_kind_only_when_there_is_one():
    person = ftm_entity("Person", {"name": ["A"]}, "p1")
    family = ftm_entity("Family", {"person": ["p1"], "relative": ["p2"]}, "f1")
    company = ftm_entity("Company", {"name": ["C"]}, "c1")
    bom = b"\xef\xbb\xbf" + jsonl(person, family)
    assert ftm.inspect(bom) == "Person"
    assert ftm.validate(bom).valid[0].properties == {"name": ["A"]}
    assert ftm.inspect(jsonl(person, company)) == ""


# Writing -----------------------------------------------------------------------------------

PLATFORM_ENTITIES = {
    "Person": {
        "firstName": "Ana María",
        "lastName": "Rojas",
        "secondLastName": "Díaz",
        "name": "Ana María Rojas Díaz",
        "alias": ["La Flaca", "Anita"],
        "birthDate": "1984-07",
        "birthPlace": "Cali",
        "nationality": ["co", "es"],
        "gender": "female",
        "idNumber": "12.345.678",
        "phone": ["+57 300 123 4567", "3001234567"],
        "email": "ana@example.org",
        "address": "Calle 1, Cali",
        "notes": "Seen in Cali: paccto",
    },
    "Organisation": {
        "name": "Acme SA",
        "alias": "Acme",
        "country": "PT",
        "registrationNumber": "503004642",
        "address": "Rua A 1",
        "notes": "Shell company",
    },
    "Vehicle": {
        "registrationNumber": "ABC123",
        "make": "Ford",
        "model": "Focus",
        "colour": "red",
        "vin": "1FAFP34N55W122943",
        "country": "CO",
    },
    "Vessel": {
        "name": "Sea Star",
        "imoNumber": "IMO9074729",
        "mmsi": "370123456",
        "flag": "PA",
        "type": "Tanker",
    },
    "Aircraft": {
        "registrationNumber": "HK1234",
        "type": "Cessna 172",
        "serialNumber": "17280001",
        "country": "CO",
    },
    "Phone": {"number": "+573001234567", "country": "CO"},
    "Email": {"address": "x@example.org"},
    "Firearm": {
        "make": "Glock",
        "model": "17",
        "calibre": "9 mm",
        "serialNumber": "ABC123",
        "country": "AT",
    },
    "CulturalObject": {
        "title": "Huaco",
        "type": "Ceramic",
        "period": "Moche",
        "description": "Stirrup-spout vessel",
        "country": "PE",
    },
    "CryptoWallet": {"currency": "BTC", "publicKey": "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh"},
    "BankAccount": {
        "iban": "ES9121000418450200051332",
        "accountNumber": "0418450200051332",
        "bankName": "Banco X",
        "country": "ES",
    },
    "IdentityDocument": {
        "type": "passport",
        "number": "PA123",
        "country": "BR",
        "expiryDate": "2020-05-01",
    },
    "Address": {
        "full": "Rua A 1, Lisboa",
        "city": "Lisboa",
        "postcode": "1000001",
        "country": "PT",
    },
}


def make_entities(actor, **provenance):
    return {
        schema: services.entity_create(
            actor=actor, schema=schema, properties=props, provenance=provenance
        )
        for schema, props in PLATFORM_ENTITIES.items()
    }


def test_every_schema_survives_a_round_trip(actors):
    from paccto.entities.schemata import SCHEMATA

    assert set(PLATFORM_ENTITIES) == set(SCHEMATA)
    entities = make_entities(actor_for(actors.owner))
    content = "".join(ftm.export_lines(entities.values(), [])).encode()
    lines = [json.loads(line) for line in content.decode().splitlines()]
    assert len(lines) == len(entities)
    for line in lines:  # every line is a valid FtM entity
        from followthemoney import model

        proxy = model.get_proxy(line, cleaned=False)
        assert proxy.id and proxy.schema.name == line["schema"]
    assert ftm.inspect(content) == ""
    result = ftm.validate(content)
    assert result.errors == []
    by_ref = {row.source_id: row for row in result.valid}
    for schema, entity in entities.items():
        row = by_ref[entity.reference]
        assert (row.schema, row.properties) == (schema, entity.properties), schema
    person = next(line for line in lines if line["schema"] == "Person")
    assert person["properties"]["nationality"] == ["co", "es"]
    assert person["properties"]["motherName"] == ["Díaz"]
    # FtM refuses a phone number without its country code: it travels in the notes.
    assert "paccto.phone: 3001234567" in person["properties"]["notes"]
    assert {line["schema"] for line in lines} >= {"Organization", "Airplane", "Identification"}


def test_special_categories_are_withheld_and_their_links_left_out(actors):
    owner = actor_for(actors.owner)
    victim = services.entity_create(
        actor=owner,
        schema="Person",
        properties={"firstName": "Hidden", "lastName": "Victim", "idNumber": "999"},
        flags={"is_victim": True},
    )
    suspect = services.entity_create(actor=owner, schema="Person", properties={"firstName": "S"})
    link = services.link_create(actor=owner, source=suspect, target=victim, link_type="family")
    lines = list(ftm.export_lines([victim, suspect], [link]))
    assert len(lines) == 2
    assert "Hidden" not in "".join(lines) and "999" not in "".join(lines)
    withheld = json.loads(lines[0])
    assert withheld == {
        "id": victim.reference,
        "schema": "Person",
        "properties": {"notes": ["[withheld: special category]"]},
    }
    result = ftm.validate("".join(lines).encode())
    assert [r.source_id for r in result.valid] == [suspect.reference]
    assert result.errors[0].row == 1 and "withheld" in result.errors[0].reason


def test_links_become_ftm_relationships(actors):
    owner = actor_for(actors.owner)
    entities = make_entities(owner)
    a = entities["Person"]
    b = services.entity_create(actor=owner, schema="Person", properties={"firstName": "B"})
    org, car = entities["Organisation"], entities["Vehicle"]
    cases = [
        (a, b, "family", "Family", "person", "relative"),
        (a, b, "associate", "Associate", "person", "associate"),
        (a, org, "member_of", "Membership", "member", "organization"),
        (a, car, "owns", "Ownership", "owner", "asset"),
        (a, org, "employed_by", "Employment", "employee", "employer"),
        (a, org, "leads", "Directorship", "director", "organization"),
        (a, entities["Phone"], "called", "UnknownLink", "subject", "object"),
        (org, b, "family", "UnknownLink", "subject", "object"),  # out of FtM's range
        (a, entities["CryptoWallet"], "owns", "UnknownLink", "subject", "object"),
    ]
    links = [
        services.link_create(actor=owner, source=s, target=t, link_type=kind, note="seen together")
        for s, t, kind, *_rest in cases
    ]
    lines = [json.loads(x) for x in ftm.export_lines([*entities.values(), b], links)]
    edges = lines[len(entities) + 1 :]
    assert len(edges) == len(cases)
    for edge, (s, t, kind, schema, source_prop, target_prop) in zip(edges, cases, strict=True):
        assert edge["schema"] == schema, kind
        assert edge["properties"][source_prop] == [s.reference]
        assert edge["properties"][target_prop] == [t.reference]
        assert edge["properties"]["description"] == ["seen together"]
        assert edge["id"].startswith("CO-LNK-")
    assert edges[6]["properties"]["role"] == ["called"]
    # Relationships read back are reported, not imported.
    content = "".join(json.dumps(x) + "\n" for x in lines).encode()
    result = ftm.validate(content)
    assert len(result.valid) == len(entities) + 1 and result.invalid_rows == len(cases)


def test_an_ftm_file_goes_through_the_import_batches(actors):
    owner = actor_for(actors.owner)
    content = jsonl(
        ftm_entity("Person", {"firstName": ["Ana"], "nationality": ["co"]}, "p1"),
        ftm_entity("Company", {"name": ["Acme"]}, "c1"),
        ftm_entity("Ownership", {"owner": ["p1"], "asset": ["c1"]}, "o1"),
    )
    batch = services.import_batch_create(
        actor=owner, file_name="x.ftm.json", content=content, schema="", file_format="ftm"
    )
    assert batch.schema == "" and batch.file_format == "ftm"
    batch = services.import_batch_map(
        actor=owner, batch=batch, mapping={}, provenance={}, in_background=False
    )
    batch = services.import_batch_validate(batch=batch)
    assert (batch.status, batch.valid_rows, batch.invalid_rows) == ("validated", 2, 1)
    batch = services.import_batch_confirm(actor=owner, batch=batch, in_background=False)
    batch = services.import_batch_run(batch=batch)
    assert batch.status == ImportBatch.Status.DONE and batch.imported == 2
    imported = Entity.objects.filter(import_batch=batch).order_by("schema")
    assert [(e.schema, e.properties) for e in imported] == [
        ("Organisation", {"name": ["Acme"]}),
        ("Person", {"firstName": ["Ana"], "nationality": ["CO"]}),
    ]


# The export endpoint -------------------------------------------------------------------------


def export(client, **params):
    return client.get(EXPORT_URL, params)


def test_the_export_needs_a_justification_and_is_audited_as_a_disclosure(api, actors):
    owner = actor_for(actors.owner)
    a = services.entity_create(actor=owner, schema="Person", properties={"firstName": "Ana"})
    b = services.entity_create(actor=owner, schema="Organisation", properties={"name": "Acme"})
    services.link_create(actor=owner, source=a, target=b, link_type="member_of")
    client = api(actors.owner)
    before = AuditEntry.objects.filter(action="disclose").count()
    refused = export(client)
    assert refused.status_code == 422
    assert refused["Content-Type"].startswith("application/json")
    assert AuditEntry.objects.filter(action="disclose").count() == before
    response = export(client, justification="Report to court")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-ndjson")
    assert "paccto-entities.ftm.jsonl" in response["Content-Disposition"]
    lines = [json.loads(x) for x in response.content.decode().splitlines()]
    assert [x["schema"] for x in lines] == ["Organization", "Person", "Membership"]
    entry = AuditEntry.objects.filter(action="disclose").latest("seq")
    assert entry.justification == "Report to court" and entry.details["count"] == 2
    assert entry.details["export"] == "ftm"
    assert entry.details["ids"] == [b.pk, a.pk]
    filtered = export(client, justification="x", schema="Person", q="an")
    assert [json.loads(x)["schema"] for x in filtered.content.decode().splitlines()] == ["Person"]
    entry = AuditEntry.objects.filter(action="disclose").latest("seq")
    assert entry.details["search"] == {"q": "an", "schema": "Person"}


def test_the_export_holds_only_what_the_actor_may_take_away(api, actors):
    owner = actor_for(actors.owner)
    platform = {"share_scope": "platform"}
    shared = services.entity_create(
        actor=owner, schema="Person", properties={"firstName": "Shared"}, provenance=platform
    )
    org = services.entity_create(
        actor=owner, schema="Organisation", properties={"name": "Cartel"}, provenance=platform
    )
    services.entity_create(
        actor=owner,
        schema="Phone",
        properties={"number": "+5712345678"},
        provenance={**platform, "handling_code": "H2"},
    )
    victim = services.entity_create(
        actor=owner,
        schema="Person",
        properties={"firstName": "Victim"},
        flags={"is_victim": True},
        provenance=platform,
    )
    private = services.entity_create(actor=owner, schema="Person", properties={"firstName": "P"})
    services.link_create(
        actor=owner, source=shared, target=org, link_type="member_of", provenance=platform
    )
    services.link_create(actor=owner, source=shared, target=org, link_type="leads")  # private
    services.link_create(
        actor=owner, source=shared, target=private, link_type="associate", provenance=platform
    )
    other = api(actors.other_country)
    body = export(other, justification="x").content.decode()
    lines = [json.loads(x) for x in body.splitlines()]
    assert [x["schema"] for x in lines] == ["Organization", "Person", "Membership"]
    assert "Victim" not in body and victim.reference not in body and private.reference not in body
    assert "+5712345678" not in body
    # The owner takes its own H2 phone and sees its victim, withheld.
    body = export(api(actors.owner), justification="x").content.decode()
    assert "+5712345678" in body and victim.reference in body and "Victim" not in body
    # Nobody's data for a user without a role; nothing to see is an empty file, not an error.
    empty = export(api(actors.colleague_no_role), justification="x")
    assert empty.status_code == 200 and empty.content == b""


@pytest.mark.parametrize(
    "params",
    [
        {"justification": "x", "schema": "Spaceship"},
        {"justification": "x", "schema": "P" * 5000},
        {"justification": "x" * 10_000, "q": "%" * 5000},
        {"justification": "x", "q": "\x00"},
        {"justification": "x", "q": "'; DROP TABLE entities_entity; --"},
        {"justification": "x", "schema": ["Person", "Vehicle"], "page": "-1"},
        {"justification": "   "},
    ],
)
def test_bad_query_parameters_never_give_a_server_error(api, actors, params):
    services.entity_create(
        actor=actor_for(actors.owner), schema="Person", properties={"firstName": "Ana"}
    )
    response = export(api(actors.owner), **params)
    assert response.status_code in (200, 400, 422), response.content


def test_the_export_needs_credentials(client):
    response = client.get(EXPORT_URL, {"justification": "x"})
    assert response.status_code == 401
