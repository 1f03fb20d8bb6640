"""The hit/no-hit index of this process: every person of the entity store in a
``HitIndex`` (matching engine), built on first use and kept in step with the database.

Each server process holds its own index. It is built from the database the first time it is
needed (or at start with ``index_warm``), then, at most once a second, the persons changed
since the last look are read again (with a few seconds of overlap for transactions committing
late and clocks of other machines). Entities are never deleted from the store (merges and
erasures change them), so reading what changed is enough.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from paccto.matching.compare import PersonRecord
from paccto.matching.hitindex import HitIndex

SYNC_SECONDS = 1.0
# Writes to persons commit within milliseconds of stamping ``updated_at`` (records, merges,
# the last statement of an import); servers of one platform keep their clocks in step (NTP).
OVERLAP = timedelta(seconds=5)
ALIAS_SEPARATOR = "~"
LOAD_CHUNK = 5000
FREEZE_FROM = 100_000

_lock = threading.Lock()
_index: HitIndex | None = None
_aliases: dict[int, int] = {}  # entity pk -> how many alias records it has in the index
_synced_to: datetime | None = None
_checked = 0.0
# Rows read within the overlap, with the time of their change: not indexed twice.
_recent: dict[int, datetime] = {}


def _first(properties: dict[str, list[str]], name: str) -> str:
    values = properties.get(name) or [""]
    return values[0]


def person_records(pk: int, properties: dict[str, Any]) -> list[PersonRecord]:
    """What the index knows of a person entity: its name as recorded, and each alias."""
    given = " ".join(properties.get("firstName") or [])
    common = {
        "date_of_birth": _first(properties, "birthDate"),
        "gender": _first(properties, "gender"),
        "nationality": _first(properties, "nationality"),
        "document_number": _first(properties, "idNumber"),
        "address": _first(properties, "address"),
        "phone": _first(properties, "phone"),
        "email": _first(properties, "email"),
    }
    records = []
    surname = _first(properties, "lastName")
    full = _first(properties, "name")
    if given or surname or full:
        records.append(
            PersonRecord(
                id=str(pk),
                given_name=given,
                surname=surname,
                second_surname=_first(properties, "secondLastName"),
                full_name="" if (given or surname) else full,
                **common,
            )
        )
        if full and (given or surname):
            records.append(PersonRecord(id=f"{pk}{ALIAS_SEPARATOR}0", full_name=full, **common))
    for n, alias in enumerate(properties.get("alias") or [], start=1):
        records.append(PersonRecord(id=f"{pk}{ALIAS_SEPARATOR}{n}", full_name=alias, **common))
    return records


def entity_pk(record_id: str) -> int:
    return int(record_id.split(ALIAS_SEPARATOR, 1)[0])


def _rows(since: datetime | None) -> Iterator[tuple[int, dict[str, Any], bool, datetime]]:
    from paccto.entities.models import Entity

    if since is not None:
        # By time only, in no order: with the model's ordering (by name) or a kind filter,
        # SQLite walks a whole index (every person) instead of the recent end of the time
        # index; other kinds are skipped here.
        qs = Entity.objects.filter(updated_at__gte=since).order_by()
    else:
        qs = Entity.objects.filter(
            schema="Person", pending=False, merged_into__isnull=True
        ).order_by()
    fields = ("pk", "schema", "properties", "pending", "merged_into_id", "updated_at")
    rows = qs.values_list(*fields).iterator(LOAD_CHUNK)
    for pk, schema, properties, pending, merged_into, updated_at in rows:
        if schema == "Person":
            yield pk, properties, not pending and merged_into is None, updated_at


def _remember(pk: int, updated_at: datetime, horizon: datetime) -> None:
    if updated_at >= horizon:
        _recent[pk] = updated_at


def _build() -> HitIndex:
    global _synced_to
    started = timezone.now()
    index = HitIndex(person_of=entity_pk)
    _aliases.clear()

    _recent.clear()
    horizon = started - OVERLAP

    def records() -> Iterable[PersonRecord]:
        for pk, properties, _present, updated_at in _rows(None):
            _remember(pk, updated_at, horizon)
            found = person_records(pk, properties)
            if len(found) > 1:
                _aliases[pk] = len(found)
            yield from found

    index.add_many(records())
    _synced_to = started
    if len(index) >= FREEZE_FROM:
        # Millions of long-lived objects: keep them out of the garbage collector's full
        # passes (otherwise a collection in the middle of a check costs ~400 ms).
        gc.collect()
        gc.freeze()
    return index


def _sync(index: HitIndex) -> None:
    """Read again the persons changed since the last look (and within the overlap), except
    those already read in the state they are in."""
    global _synced_to
    started = timezone.now()
    assert _synced_to is not None
    horizon = started - OVERLAP
    added: list[PersonRecord] = []
    for pk, properties, present, updated_at in _rows(_synced_to - OVERLAP):
        if _recent.get(pk) == updated_at:
            continue
        _remember(pk, updated_at, horizon)
        index.remove(str(pk))
        for n in range(_aliases.pop(pk, 0) + 1):
            index.remove(f"{pk}{ALIAS_SEPARATOR}{n}")
        if present:
            records = person_records(pk, properties)
            added.extend(records)
            if len(records) > 1:
                _aliases[pk] = len(records)
    if added:
        index.add_many(added)
    for pk in [pk for pk, at in _recent.items() if at < horizon]:
        del _recent[pk]
    _synced_to = started


def hit_index() -> HitIndex:
    """The index of this process, up to date within a second."""
    global _index, _checked
    with _lock:
        if _index is None:
            _index = _build()
            _checked = time.monotonic()
        elif time.monotonic() - _checked >= SYNC_SECONDS:
            _sync(_index)
            _checked = time.monotonic()
        return _index


def index_warm() -> int:
    """Build the index now (at server start); the number of records."""
    return len(hit_index())


def index_reset() -> None:
    """Forget the index (tests; after a restore)."""
    global _index, _synced_to
    with _lock:
        _index, _synced_to = None, None
        _aliases.clear()
        _recent.clear()
