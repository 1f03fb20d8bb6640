"""The policy cycle: threat scoring and small-count suppression (tables of cases), indicator
checks (negative values, wrong units, periods outside the cycle, duplicates, breakdowns), CSV
import all-or-nothing and valid rows only, who may do what (permissions), the indicator
sources registered by other apps, dashboards and public statistics."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import translation

from paccto.core.choices import CriminalMarket, Role
from paccto.core.permissions import actor_for, can, visible_to
from paccto.policy import scoring, selectors, services, suppression
from paccto.policy.models import IndicatorEntry, ThreatAssessment
from paccto.policy.services import EntryData
from paccto.policy.sources import indicator_sources
from tests.factories import make_user
from tests.policy_data import policy_records

# --- threat scoring: a table of cases ---------------------------------------------------------

ALL = dict.fromkeys(scoring.CRITERIA, 0)


@pytest.mark.parametrize(
    ("answers", "score", "level", "why"),
    [
        (ALL, 0.0, "low", "nothing anywhere"),
        (dict.fromkeys(scoring.CRITERIA, 4), 100.0, "very_high", "every criterion at its top"),
        (dict.fromkeys(scoring.CRITERIA, 2), 50.0, "high", "the middle is the start of high"),
        ({**ALL, "harm": 4}, 25.0, "moderate", "harm alone weighs a quarter"),
        ({**ALL, "trend": 4}, 10.0, "low", "a growing but small threat stays low"),
        ({**ALL, "scale": 4, "harm": 4, "trend": 4}, 55.0, "high", "scale, harm and growth"),
        ({**ALL, "harm": 3, "scale": 3, "trend": 4}, 43.8, "moderate", "175/4 = 43.75 rounds up"),
        (
            {"scale": 3, "harm": 4, "transnational": 4, "capability": 2, "proceeds": 3, "trend": 1},
            76.3,
            "very_high",
            "(20*3+25*4+15*4+15*2+15*3+10*1)/4 = 305/4 = 76.25, rounded half up",
        ),
        ({**ALL, "scale": "3", "harm": "1"}, 21.3, "low", "answers from a form arrive as text"),
    ],
)
def test_threat_score(answers, score, level, why):
    result = scoring.threat_score(answers)
    assert (result.value, result.level) == (score, level), why


def test_weights_add_up_to_one():
    assert sum(scoring.CRITERIA.values()) == 100


@pytest.mark.parametrize(
    ("answers", "criterion", "reason"),
    [
        ({k: v for k, v in ALL.items() if k != "harm"}, "harm", "missing"),
        ({**ALL, "harm": 5}, "harm", "range"),
        ({**ALL, "harm": -1}, "harm", "range"),
        ({**ALL, "harm": "a lot"}, "harm", "range"),
        ({**ALL, "harm": True}, "harm", "range"),
        ({**ALL, "luck": 2}, "luck", "unknown"),
    ],
)
def test_threat_score_refuses_bad_answers(answers, criterion, reason):
    with pytest.raises(scoring.AnswerError) as caught:
        scoring.threat_score(answers)
    assert (caught.value.criterion, caught.value.reason) == (criterion, reason)


# --- suppression: tables of cases ---------------------------------------------------------------


def _table(counts, rows="ab", columns="xy"):
    return suppression.table_from_counts(
        {(r, c): v for (r, c), v in counts.items()}, list(rows), list(columns)
    )


def _recomputable(t: suppression.Table) -> list[str]:
    """Withheld values a reader can work out from one line of the published table."""
    found = []
    lines = [([(r, c) for c in t.columns], t.row_totals[r]) for r in t.rows]
    lines += [([(r, c) for r in t.rows], t.column_totals[c]) for c in t.columns]
    for keys, total in lines:
        hidden = [k for k in keys if t.cells[k] is None] + ([] if total is not None else ["T"])
        if len(hidden) == 1:
            found.append(str(hidden[0]))
    for margins in (t.row_totals, t.column_totals):
        hidden = [k for k, v in margins.items() if v is None] + (
            [] if t.total is not None else ["T"]
        )
        if len(hidden) == 1:
            found.append(str(hidden[0]))
    return found


def test_small_counts_are_withheld_with_a_second_cell_per_line():
    t = suppression.suppress(
        _table({("a", "x"): 3, ("a", "y"): 10, ("b", "x"): 7, ("b", "y"): 12}), 5
    )
    assert t.cell("a", "x") is None  # primary: 3 < 5
    assert t.cell("a", "y") is None  # secondary: row a's total 13 would give 3 back
    assert t.cell("b", "x") is None  # secondary: column x's total 10 would give 3 back
    assert t.cell("b", "y") is None  # and then column y's total would give 10 back
    assert (t.row_totals, t.column_totals, t.total) == ({"a": 13, "b": 19}, {"x": 10, "y": 22}, 32)
    assert not _recomputable(t)


def test_zero_is_published_and_a_lone_cell_beside_zeros_takes_its_total():
    t = suppression.suppress(_table({("a", "x"): 2, ("b", "y"): 40}), 5)
    assert t.cell("a", "y") == 0 and t.cell("b", "x") == 0
    assert t.cell("a", "x") is None
    assert t.row_totals["a"] is None  # 2 + 0: row total is itself small
    assert t.column_totals["x"] is None
    assert not _recomputable(t)


def test_counts_at_the_threshold_are_published():
    t = suppression.suppress(
        _table({("a", "x"): 5, ("a", "y"): 6, ("b", "x"): 9, ("b", "y"): 7}), 5
    )
    assert t.withheld == 0


def test_threshold_one_publishes_everything():
    t = suppression.suppress(_table({("a", "x"): 1, ("a", "y"): 2}), 1)
    assert t.withheld == 0


@pytest.mark.parametrize("seed", range(25))
def test_no_withheld_value_can_be_recomputed_from_one_line(seed):
    import random

    rng = random.Random(seed)
    rows, columns = "abcd", "wxyz"
    counts = {(r, c): rng.choice([0, 0, 1, 2, 3, 4, 6, 9, 15, 40]) for r in rows for c in columns}
    t = suppression.suppress(_table(counts, rows, columns), 5)
    assert not _recomputable(t), (counts, t)
    for key, value in t.cells.items():
        assert value is None or value == counts[key]
        if 0 < counts[key] < 5:
            assert value is None


# --- records, permissions ----------------------------------------------------------------------


@pytest.fixture
def rec(db):
    return policy_records()


def _entry(**kw) -> EntryData:
    base = dict(
        kind="firearms_seized",
        unit="count",
        value="4",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 3, 31),
    )
    return EntryData(**{**base, **kw})


@pytest.mark.django_db
def test_readers_see_the_cycle_and_others_get_404(rec):
    analyst = actor_for(make_user("PE", "police", (Role.ANALYST,)))
    dpo = actor_for(make_user("PE", "police", (Role.DPO,)))
    assert selectors.cycle_get(actor=analyst, pk=rec["cycle"].pk) == rec["cycle"]
    with pytest.raises(Http404):
        selectors.cycle_get(actor=dpo, pk=rec["cycle"].pk)
    with pytest.raises(Http404):
        selectors.action_get(actor=dpo, pk=rec["policy_action"].pk)
    assert not visible_to(dpo, IndicatorEntry).exists()


@pytest.mark.django_db
def test_who_manages_the_actions_of_a_plan(rec):
    action, plan = rec["policy_action"], rec["plan"]
    co, es, br, fr = (actor_for(rec[k]) for k in ("co_pc", "es_pc", "br_pc", "fr_pc"))
    analyst = actor_for(make_user("CO", "police", (Role.ANALYST,)))
    assert can(co, "manage_actions", plan) and can(es, "manage_actions", plan)
    assert not can(br, "manage_actions", plan)  # leads one action, not the plan
    assert can(br, "change", action)  # the action's leader country
    assert not can(fr, "change", action) and not can(analyst, "change", action)
    assert can(rec["policy_admin"], "change", action)
    with pytest.raises(PermissionDenied):
        services.action_create(
            actor=br,
            plan=plan,
            code="1.9",
            title="x",
            leader_country="BR",
            start_date=date(2025, 1, 1),
            end_date=date(2025, 2, 1),
        )
    services.action_update(actor=br, action=action, status="ongoing")
    action.refresh_from_db()
    assert action.status == "ongoing"
    with pytest.raises(PermissionDenied):
        services.action_update(actor=fr, action=action, status="completed")


@pytest.mark.django_db
def test_action_dates_must_fall_inside_the_cycle(rec):
    with pytest.raises(ValidationError) as caught:
        services.action_update(
            actor=actor_for(rec["co_pc"]), action=rec["policy_action"], end_date=date(2029, 1, 1)
        )
    assert "end_date" in caught.value.message_dict


@pytest.mark.django_db
def test_only_platform_admins_open_cycles(rec):
    with pytest.raises(PermissionDenied):
        services.cycle_create(
            actor=actor_for(rec["co_pc"]),
            name="x",
            start_date=date(2028, 1, 1),
            end_date=date(2031, 12, 31),
        )
    with pytest.raises(ValidationError):
        services.cycle_create(
            actor=rec["policy_admin"],
            name="backwards",
            start_date=date(2028, 1, 1),
            end_date=date(2027, 12, 31),
        )


# --- indicator checks ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"value": "-3"}, "value"),
        ({"value": "2.5"}, "value"),  # firearms are whole
        ({"value": "many"}, "value"),
        ({"value": "NaN"}, "value"),
        ({"value": "1e20"}, "value"),
        ({"unit": "kg"}, "unit"),  # firearms are counted, not weighed
        ({"unit": "tonnes"}, "unit"),
        ({"kind": "smiles"}, "kind"),
        ({"period_start": date(2023, 12, 1)}, "period_start"),
        ({"period_end": date(2028, 1, 31)}, "period_end"),
        ({"period_start": date(2025, 4, 1)}, "period_end"),  # ends before it starts
        ({"period_start": "2025-02-30"}, "period_start"),
        ({"drug_type": "cocaine"}, "drug_type"),
        ({"sex": "female"}, "sex"),
        ({"kind": "drugs_seized", "unit": "kg"}, "drug_type"),
        ({"kind": "victims_identified"}, "sex"),
        ({"kind": "victims_identified", "sex": "female"}, "age_group"),
        ({"kind": "cash_seized", "unit": "eur", "value": "10.123"}, "value"),
    ],
)
def test_bad_figures_are_refused_with_the_field_and_nothing_is_written(rec, changes, field):
    before = IndicatorEntry.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.indicator_entry_create(
            actor=actor_for(rec["es_pc"]), action=rec["policy_action"], data=_entry(**changes)
        )
    assert field in caught.value.message_dict, caught.value.message_dict
    assert IndicatorEntry.objects.count() == before


@pytest.mark.django_db
def test_the_same_figure_twice_is_a_duplicate(rec):
    es = actor_for(rec["es_pc"])
    services.indicator_entry_create(actor=es, action=rec["policy_action"], data=_entry())
    with pytest.raises(ValidationError) as caught, translation.override("en"):
        services.indicator_entry_create(actor=es, action=rec["policy_action"], data=_entry())
    assert "entered already" in caught.value.message_dict["kind"][0]
    # Another period, or another country, is not a duplicate.
    services.indicator_entry_create(
        actor=es, action=rec["policy_action"], data=_entry(period_start=date(2025, 2, 1))
    )
    services.indicator_entry_create(
        actor=actor_for(rec["co_pc"]), action=rec["policy_action"], data=_entry()
    )


@pytest.mark.django_db
def test_amounts_keep_their_decimals_and_victims_their_breakdown(rec):
    es = actor_for(rec["es_pc"])
    cash = services.indicator_entry_create(
        actor=es,
        action=rec["policy_action"],
        data=_entry(kind="cash_seized", unit="eur", value="1250.5"),
    )
    victims = services.indicator_entry_create(
        actor=es,
        action=rec["policy_action"],
        data=_entry(kind="victims_identified", value=3, sex="female", age_group="minor"),
    )
    assert cash.value == Decimal("1250.50")
    assert (victims.sex, victims.age_group) == ("female", "minor")


@pytest.mark.django_db
def test_only_coordinators_of_taking_part_countries_enter_figures(rec):
    fr = actor_for(rec["fr_pc"])
    analyst = actor_for(make_user("CO", "police", (Role.ANALYST,)))
    for actor in (fr, analyst):
        with pytest.raises(PermissionDenied):
            services.indicator_entry_create(actor=actor, action=rec["policy_action"], data=_entry())
    pt = actor_for(make_user("PT", "ministry", (Role.POLICY_COORDINATOR,)))
    entry = services.indicator_entry_create(actor=pt, action=rec["policy_action"], data=_entry())
    assert entry.country_id == "PT"  # always the coordinator's own country
    with pytest.raises(PermissionDenied):
        services.indicator_entry_delete(actor=actor_for(rec["es_pc"]), entry=entry)
    services.indicator_entry_delete(actor=pt, entry=entry)
    assert not IndicatorEntry.objects.filter(pk=entry.pk).exists()


# --- CSV import ------------------------------------------------------------------------------

HEADER = "plan,action,indicator,unit,value,period_start,period_end,drug_type,sex,age_group,note\n"
GOOD = "OAP-1,1.1,firearms_seized,count,4,2025-01-01,2025-03-31,,,,\n"
GOOD2 = "OAP-1,1.1,drugs_seized,kg,120.5,2025-01-01,2025-03-31,cocaine,,,\n"
BAD = [
    "OAP-1,1.1,arrests,count,-2,2025-01-01,2025-03-31,,male,adult,\n",
    "OAP-1,1.1,cash_seized,kg,100,2025-01-01,2025-03-31,,,,\n",
    "OAP-1,1.1,firearms_seized,count,1,2030-01-01,2030-03-31,,,,\n",
    "OAP-1,9.9,firearms_seized,count,1,2025-01-01,2025-03-31,,,,\n",
    GOOD,  # the same figure twice in one file
]


@pytest.mark.django_db
def test_import_checks_every_row_and_all_or_nothing_writes_nothing(rec):
    es = actor_for(rec["es_pc"])
    content = (HEADER + GOOD + GOOD2 + "".join(BAD)).encode()
    before = IndicatorEntry.objects.count()
    report = services.indicator_import(actor=es, cycle=rec["cycle"], content=content, mode="all")
    assert report.imported == 0 and IndicatorEntry.objects.count() == before
    errors = {(e.row, e.field) for e in report.errors}
    assert errors == {
        (4, "value"),
        (5, "unit"),
        (6, "period_start"),
        (6, "period_end"),
        (7, "action"),
        (8, "indicator"),
    }
    assert report.rows == 7 and report.invalid_rows == 5


@pytest.mark.django_db
def test_import_of_the_valid_rows_only(rec):
    es = actor_for(rec["es_pc"])
    content = (HEADER + GOOD + GOOD2 + "".join(BAD)).encode()
    report = services.indicator_import(actor=es, cycle=rec["cycle"], content=content, mode="valid")
    assert report.imported == 2
    assert IndicatorEntry.objects.filter(country_id="ES").count() == 2
    # Imported again, the same rows are duplicates now.
    again = services.indicator_import(actor=es, cycle=rec["cycle"], content=content, mode="valid")
    assert again.imported == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content",
    [b"", b"plan,action\nOAP-1,1.1\n", b"\xff\xfe\x00bad", HEADER.encode()],
)
def test_import_refuses_unreadable_files(rec, content):
    with pytest.raises(ValidationError) as caught:
        services.indicator_import_check(
            actor=actor_for(rec["es_pc"]), cycle=rec["cycle"], content=content
        )
    assert "file" in caught.value.message_dict


@pytest.mark.django_db
def test_import_reports_the_file_s_line_and_refuses_a_nul(rec):
    """Rows were counted by record: a blank line or a note over two lines moved the line
    of every error after it. A NUL was stored (PostgreSQL refuses it: a 500 there)."""
    es = actor_for(rec["es_pc"])
    note = GOOD.replace(",,,\n", ',,,"two\nlines"\n')
    content = (HEADER + "\n" + note + "\n" + BAD[0]).encode()
    report = services.indicator_import_check(actor=es, cycle=rec["cycle"], content=content)
    assert [e.row for e in report.errors] == [6]  # header 1, blank 2, note 3-4, blank 5
    with pytest.raises(ValidationError) as caught:
        services.indicator_import_check(
            actor=es,
            cycle=rec["cycle"],
            content=(HEADER + GOOD.replace(",,,\n", ",,,a\x00b\n")).encode(),
        )
    assert "file" in caught.value.message_dict


@pytest.mark.django_db
def test_import_refuses_a_quote_left_open(rec):
    """A quoted note never closed would swallow every row after it into one cell: refused,
    rather than checked as fewer rows than the file has."""
    es = actor_for(rec["es_pc"])
    content = (HEADER + GOOD.replace(",,,\n", ',,,"an open note\n') + GOOD2).encode()
    with pytest.raises(ValidationError) as caught:
        services.indicator_import_check(actor=es, cycle=rec["cycle"], content=content)
    assert "unexpected end of data" in caught.value.message_dict["file"][0]


@pytest.mark.django_db
def test_import_reads_old_line_ends_and_refuses_a_huge_field_clearly(rec):
    es = actor_for(rec["es_pc"])
    content = (HEADER + GOOD + GOOD2).replace("\n", "\r").encode()
    report = services.indicator_import_check(actor=es, cycle=rec["cycle"], content=content)
    assert report.rows == 2 and not report.errors
    limit = csv.field_size_limit(1000)  # (whatever another module made it)
    try:
        huge = (HEADER + GOOD.replace(",,,\n", ',,,"' + "x" * 1001 + '"\n')).encode()
        with pytest.raises(ValidationError) as caught:
            services.indicator_import_check(actor=es, cycle=rec["cycle"], content=huge)
    finally:
        csv.field_size_limit(limit)
    assert "field larger than field limit" in caught.value.message_dict["file"][0]


# --- threat assessments ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_coordinator_answers_scores_and_submits_the_assessment_of_her_country(rec):
    co = actor_for(rec["co_pc"])
    answers = dict.fromkeys(scoring.CRITERIA, 3)
    draft = services.assessment_save(
        actor=co, cycle=rec["cycle"], criminal_market="drugs", answers=answers
    )
    assert (draft.country_id, draft.score, draft.level, draft.status) == (
        "CO",
        Decimal("75.0"),
        "very_high",
        "draft",
    )
    final = services.assessment_save(
        actor=co, cycle=rec["cycle"], criminal_market="drugs", answers=ALL, submit=True
    )
    assert final.pk == draft.pk and final.score == 0 and final.status == "submitted"
    with pytest.raises(ValidationError):
        services.assessment_save(actor=co, cycle=rec["cycle"], criminal_market="drugs", answers=ALL)
    with pytest.raises(ValidationError) as caught:
        services.assessment_save(
            actor=co, cycle=rec["cycle"], criminal_market="thb", answers={**ALL, "harm": 9}
        )
    assert "harm" in caught.value.message_dict
    analyst = actor_for(make_user("CO", "police", (Role.ANALYST,)))
    with pytest.raises(PermissionDenied):
        services.assessment_save(
            actor=analyst, cycle=rec["cycle"], criminal_market="thb", answers=ALL
        )
    # Coordinators read every country's assessment; only their own country's may change.
    es = actor_for(rec["es_pc"])
    assert visible_to(es, ThreatAssessment).filter(pk=final.pk).exists()
    assert not visible_to(es, ThreatAssessment, "change").filter(pk=final.pk).exists()
    assert not visible_to(analyst, ThreatAssessment).exists()


# --- indicator sources, dashboards, public statistics ------------------------------------------


def test_cases_and_protection_register_their_sources():
    codes = {s.code for s in indicator_sources()}
    assert {"cases_opened", "jits_set_up", "protection_orders"} <= codes


@pytest.mark.django_db
def test_cases_opened_are_counted_by_country_market_and_year(rec):
    from paccto.cases import services as cases

    investigator = actor_for(make_user("CO", "police", (Role.INVESTIGATOR,)))
    for i, markets in enumerate((["drugs"], ["drugs", "money_laundering"], [])):
        cases.case_create(
            actor=investigator, reference=f"R-{i}", title="t", criminal_markets=markets
        )
    source = next(s for s in indicator_sources() if s.code == "cases_opened")
    from django.utils import timezone

    year = timezone.localdate().year
    counts = list(source.count(date(year, 1, 1), date(year, 12, 31)))
    assert sum(c.value for c in counts) == 3
    assert sum(c.value for c in counts if "drugs" in c.criminal_markets) == 2
    assert {c.country for c in counts} == {"CO"}
    assert not list(source.count(date(2000, 1, 1), date(2000, 12, 31)))


@pytest.mark.django_db
def test_dashboard_aggregates_by_market_country_and_sex_and_age(rec):
    es = actor_for(rec["es_pc"])
    services.indicator_entry_create(
        actor=es,
        action=rec["policy_action"],
        data=_entry(kind="arrests", value=5, sex="female", age_group="minor"),
    )
    reader = actor_for(make_user("PE", "police", (Role.ANALYST,)))
    board = selectors.dashboard(actor=reader, cycle=rec["cycle"], scope=selectors.DashboardFilter())
    totals = {t["code"]: t["value"] for t in board.totals}
    assert totals["arrests"] == 17  # 12 (Colombia, 2024) + 5 (Spain, 2025)
    charts = {c.key: c for c in board.charts}
    by_market = charts["by_market"]
    arrests = next(d for d in by_market.datasets if d["code"] == "arrests")
    assert arrests["data"][list(CriminalMarket.values).index("drugs")] == 17
    people = charts["arrests"]
    female = next(d for d in people.datasets if d["code"] == "female")
    assert female["data"][0] == 5  # minors first
    trend = next(d for d in charts["trend"].datasets if d["code"] == "arrests")
    assert trend["data"] == [12, 5, 0, 0]
    eu = selectors.dashboard(
        actor=reader, cycle=rec["cycle"], scope=selectors.DashboardFilter(region="eu")
    )
    assert {t["code"]: t["value"] for t in eu.totals}["arrests"] == 5
    assert [p.plan.code for p in board.plans] == ["OAP-1"]


@pytest.mark.django_db
def test_plan_progress_weighs_actions_by_status(rec):
    co = actor_for(rec["co_pc"])
    plan = rec["plan"]
    for code, status in (("1.2", "completed"), ("1.3", "cancelled"), ("1.4", "ongoing")):
        services.action_create(
            actor=co,
            plan=plan,
            code=code,
            title=code,
            leader_country="CO",
            start_date=date(2025, 1, 1),
            end_date=date(2025, 2, 1),
            status=status,
        )
    # planned 0 + completed 1 + ongoing 0.5 over three actions (the cancelled one left out)
    assert selectors.plan_progress([plan])[0].percent == 50


@pytest.mark.django_db
def test_public_statistics_withhold_small_counts_and_show_no_person(rec, settings):
    es = actor_for(rec["es_pc"])
    services.indicator_entry_create(
        actor=es,
        action=rec["policy_action"],
        data=_entry(kind="victims_identified", value=2, sex="female", age_group="minor"),
    )
    services.indicator_entry_create(
        actor=es,
        action=rec["policy_action"],
        data=_entry(kind="victims_identified", value=30, sex="female", age_group="youth"),
    )
    tables = {t.key: t for t in selectors.public_statistics(threshold=5)}
    victims = tables["victims_identified_by_sex_age"].table
    assert victims.cell("female", "minor") is None
    assert victims.cell("female", "youth") is None  # else 32 - 30 gives the 2 back
    assert victims.row_totals["female"] == 32
    arrests = tables["arrests_by_market"].table
    assert arrests.cell("drugs", "2024") == 12
    published = selectors.public_statistics(threshold=1)
    assert {t.key: t for t in published}["victims_identified_by_sex_age"].table.withheld == 0
