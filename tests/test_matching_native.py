"""The compiled matching engine (mypyc, scripts/build_native.py) is used only when built from
the present sources, and never when plain Python is asked for."""

import gc
import os
import sys

import paccto.matching
from paccto.matching import _native, compare


def test_the_engine_runs_compiled_or_plain_as_the_environment_says():
    compiled = compare.__file__.endswith(".so")
    assert compiled is paccto.matching.NATIVE
    if os.environ.get("PACCTO_PURE_PYTHON"):  # make test's PostgreSQL run
        assert not compiled
    elif os.environ.get("PACCTO_EXPECT_NATIVE"):  # make test's SQLite run: built by setup
        assert compiled, "the compiled engine is missing or stale: run make setup"
    else:
        assert compiled is _native.build_directory().is_dir()


def test_only_a_build_of_the_present_sources_is_used(tmp_path, monkeypatch):
    monkeypatch.setattr(_native, "BUILDS", tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.delenv("PACCTO_PURE_PYTHON", raising=False)
    path: list[str] = []
    assert _native.use(path) is False and path == []  # nothing built
    modules = _native.build_directory() / "paccto" / "matching"
    modules.mkdir(parents=True)
    assert _native.use(path) is True
    assert path == [str(modules)] and sys.path[-1] == str(modules.parent.parent)
    # A source edited since the build: its digest differs, the build is left alone.
    edited = tmp_path / "compare.py"
    edited.write_text("# a module edited after the build\n")
    monkeypatch.setattr(_native, "SOURCES", (*_native.SOURCES[:-1], edited))
    assert _native.build_directory() != modules.parent.parent
    path = []
    assert _native.use(path) is False and path == []


def test_plain_python_when_asked(tmp_path, monkeypatch):
    monkeypatch.setattr(_native, "BUILDS", tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))
    (_native.build_directory() / "paccto" / "matching").mkdir(parents=True)
    monkeypatch.setenv("PACCTO_PURE_PYTHON", "1")
    path: list[str] = []
    assert _native.use(path) is False and path == []


def test_a_record_reads_its_names_once_compiled_too():
    """mypyc compiles functools.cached_property as a plain property (python/mypy#21611): a
    record's names read again at each access made the compiled comparison slower than plain
    Python's. They are kept in the record."""
    record = compare.PersonRecord(full_name="María José García López")
    assert record.names is record.names
    assert [n.surnames for n in record.names][-1] == ("garcia", "lopez")
    twin = compare.record_of(compare.PersonRecord(full_name="Ana Silva").__dict__.values())
    assert twin.names is twin.names and twin.names[-1].given == ("ana",)


def test_no_compiled_module_relies_on_cached_property():
    for source in _native.SOURCES:
        assert "@cached_property" not in source.read_text(encoding="utf-8"), source.name


def _python_calls(work) -> list[str]:  # type: ignore[no-untyped-def]
    """The Python functions (code run by the interpreter, not compiled) that ``work`` calls."""
    calls: list[str] = []

    def seen(frame, event, arg):  # type: ignore[no-untyped-def]
        if event == "call":
            calls.append(f"{frame.f_code.co_filename}:{frame.f_code.co_name}")

    collecting = gc.isenabled()
    gc.disable()  # (no garbage collector's callbacks: Hypothesis registers one)
    sys.setprofile(seen)
    try:
        work()
    finally:
        sys.setprofile(None)
        if collecting:
            gc.enable()
    return [c for c in calls if not c.endswith(":work")]


def test_a_compiled_comparison_runs_no_python_code():
    """A comparison once ran a dozen Python functions from compiled code: the named tuple's
    ``__new__`` of each feature, the frozen dataclasses' ``__init__`` of each name reading
    and of the comparison, the Enum's hash, name and value of the date's level, the
    regular expression module's template of ``phonetic``'s double letters, a Counter's
    methods (a third of a warm comparison's time). Records first seen here, so that
    nothing is cached."""
    if not paccto.matching.NATIVE:
        return  # plain Python runs Python code throughout (make test's PostgreSQL run)
    from datetime import date

    from faker import Faker

    fake = Faker(["es_MX", "pt_BR", "it_IT"])
    Faker.seed(11)
    born = [fake.date_between_dates(date(1940, 1, 1), date(2005, 12, 31)) for _ in range(60)]
    pairs = []
    for k in range(60):
        given, surname = fake.first_name(), fake.last_name()
        a = compare.PersonRecord(
            given_name=given,
            surname=surname,
            second_surname=fake.last_name(),
            date_of_birth=born[k].isoformat(),
            gender="F" if k % 2 else "M",
            nationality="MX",
            document_number=fake.numerify("########"),
            address=fake.street_address(),
            city=fake.city(),
            postcode=fake.postcode(),
            phone=fake.numerify("55########"),
            email=fake.email(),
        )
        b = compare.PersonRecord(
            full_name=f"{given.upper()} {surname.upper()} {fake.last_name()}",
            date_of_birth=born[(k + k % 3) % 60].isoformat(),
            gender="F",
            nationality="BR" if k % 3 else "MX",
            document_number=a.document_number if k % 4 == 0 else "",
            address=fake.street_address(),
            postcode=fake.postcode(),
            phone=a.phone if k % 5 == 0 else fake.numerify("55########"),
            email=a.email if k % 6 == 0 else "",
        )
        pairs.append((a, b))
    # The same CURP, its date of birth read from it on one side (``_date_beyond_number``,
    # as xref and the hit index write it in: ``with_document_date``).
    curp = "GOPA580710MDFRRN02"
    read = compare.with_document_date(
        compare.PersonRecord(full_name="María Pérez", document_number=curp)
    )
    assert read.date_of_birth == "1958-07-10"
    written = compare.PersonRecord(
        full_name="María Pérez", date_of_birth="1958-07-10", document_number=curp
    )
    assert compare.compare_persons(read, written).features[2].level == "from_document"
    pairs.append((read, written))

    def work() -> None:
        for a, b in pairs:
            compare.compare_persons(a, b)
            compare.compare_persons(b, a, False)

    assert _python_calls(work) == []
