"""Permission-matrix rows of the policy cycle (pages and API), and the records they need.

No profile of the matrix is a policy coordinator: the operational ones (``owner``,
``other_institution``, ``other_country``) and the platform administrator read the
dashboards of aggregates; only the platform administrator manages cycles (and moves their
status), priorities, plans and (as the manager of every plan) actions; entering figures and
answering threat assessments is for coordinators, tested in tests/test_policy*.py.
Everyone, signed in or not, reads the public statistics.
"""

from __future__ import annotations

POLICY_RECORD_KEYS = ("cycle", "priority", "plan", "policy_action", "entry")
READERS = dict(owner=200, other_institution=200, other_country=200, platform_admin=200)
CYCLE_BODY = {"name": "2028-2031", "start_date": "2028-01-01", "end_date": "2031-12-31"}
ACTION_BODY = {
    "code": "9.9",
    "title": "Matrix",
    "leader_country": "PT",
    "start_date": "2025-01-01",
    "end_date": "2025-06-30",
}
ENTRY_BODY = {
    "indicator": "firearms_seized",
    "unit": "count",
    "value": 3,
    "period_start": "2025-01-01",
    "period_end": "2025-03-31",
}


def _cycle(r) -> str:
    return f"/policy/cycles/{r['cycle'].pk}"


def policy_routes(Route, expect) -> list:
    return [
        Route("policy:cycle_list", "/policy/", expect(302, 403, **READERS)),
        Route("policy:cycle_create", "/policy/cycles/new/", expect(302, 403, platform_admin=200)),
        Route(
            "policy:cycle_create",
            "/policy/cycles/new/",
            expect(302, 403, platform_admin=200),
            "post",
            {},
        ),
        Route(
            "policy:cycle_dashboard",
            lambda a, r: f"{_cycle(r)}/?market=drugs",
            expect(302, 404, **READERS),
        ),
        Route(
            "policy:cycle_export",
            lambda a, r: f"{_cycle(r)}/export.csv",
            expect(302, 404, **READERS),
        ),
        Route(
            "policy:cycle_report",
            lambda a, r: f"{_cycle(r)}/report.pdf",
            expect(302, 404, **READERS),
        ),
        Route(
            "policy:assessment",
            lambda a, r: f"{_cycle(r)}/assessments/drugs/",
            expect(302, 404),
        ),
        Route(
            "policy:indicator_import",
            lambda a, r: f"{_cycle(r)}/indicators/import/",
            expect(302, 404),
        ),
        Route(
            "policy:cycle_status",
            lambda a, r: f"{_cycle(r)}/status/",
            expect(302, 404, platform_admin=302),
            "post",
            {"status": "closed", "confirm": "on"},
        ),
        Route(
            "policy:priority_create",
            lambda a, r: f"{_cycle(r)}/priorities/new/",
            expect(302, 404, platform_admin=200),
        ),
        Route(
            "policy:priority_create",
            lambda a, r: f"{_cycle(r)}/priorities/new/",
            expect(302, 404, platform_admin=302),
            "post",
            {"criminal_market": "thb", "title": "THB", "rank": 2},
        ),
        Route(
            "policy:goal_create",
            lambda a, r: f"/policy/priorities/{r['priority'].pk}/goals/new/",
            expect(302, 404, platform_admin=200),
        ),
        Route(
            "policy:goal_create",
            lambda a, r: f"/policy/priorities/{r['priority'].pk}/goals/new/",
            expect(302, 404, platform_admin=302),
            "post",
            {"code": "SG9", "title": "Goal"},
        ),
        Route(
            "policy:plan_create",
            lambda a, r: f"/policy/priorities/{r['priority'].pk}/plans/new/",
            expect(302, 404, platform_admin=200),
        ),
        Route(
            "policy:plan_create",
            lambda a, r: f"/policy/priorities/{r['priority'].pk}/plans/new/",
            expect(302, 404, platform_admin=302),
            "post",
            {"code": "OAP-9", "title": "x", "driver": "PE", "co_drivers": ["CO"]},
        ),
        Route(
            "policy:plan_detail",
            lambda a, r: f"/policy/plans/{r['plan'].pk}/",
            expect(302, 404, **READERS),
        ),
        Route(
            "policy:action_create",
            lambda a, r: f"/policy/plans/{r['plan'].pk}/actions/new/",
            expect(302, 404, platform_admin=200),
            "post",
            {},
        ),
        Route(
            "policy:action_detail",
            lambda a, r: f"/policy/actions/{r['policy_action'].pk}/",
            expect(302, 404, **READERS),
        ),
        Route(
            "policy:action_edit",
            lambda a, r: f"/policy/actions/{r['policy_action'].pk}/edit/",
            expect(302, 404, platform_admin=200),
            "post",
            {},
        ),
        Route(
            "policy:indicator_create",
            lambda a, r: f"/policy/actions/{r['policy_action'].pk}/indicators/new/",
            expect(302, 404),
            "post",
            {},
        ),
        Route(
            "policy:indicator_delete",
            lambda a, r: f"/policy/indicators/{r['entry'].pk}/delete/",
            expect(302, 404),
            "post",
            {},
        ),
        Route("policy:public_statistics", "/public/statistics/", expect(200, 200)),
        Route("api:policy_cycle_list", "/api/v1/policy/cycles", expect(401, 200)),
        Route(
            "api:policy_cycle_create",
            "/api/v1/policy/cycles",
            expect(401, 403, platform_admin=201),
            "post",
            CYCLE_BODY,
            json=True,
        ),
        Route(
            "api:policy_cycle_dashboard",
            lambda a, r: f"/api/v1{_cycle(r)}/dashboard?country=CO",
            expect(401, 404, **READERS),
        ),
        Route(
            "api:policy_cycle_status_set",
            lambda a, r: f"/api/v1{_cycle(r)}/status",
            expect(401, 404, platform_admin=200),
            "post",
            {"status": "closed"},
            json=True,
        ),
        Route(
            "api:policy_priority_create",
            lambda a, r: f"/api/v1{_cycle(r)}/priorities",
            expect(401, 404, platform_admin=201),
            "post",
            {"criminal_market": "thb", "title": "THB"},
            json=True,
        ),
        Route(
            "api:policy_goal_create",
            lambda a, r: f"/api/v1/policy/priorities/{r['priority'].pk}/goals",
            expect(401, 404, platform_admin=201),
            "post",
            {"code": "SG9", "title": "Goal"},
            json=True,
        ),
        Route(
            "api:policy_plan_create",
            lambda a, r: f"/api/v1/policy/priorities/{r['priority'].pk}/plans",
            expect(401, 404, platform_admin=201),
            "post",
            {"code": "OAP-9", "title": "x", "driver": "PE"},
            json=True,
        ),
        Route(
            "api:policy_plan_detail",
            lambda a, r: f"/api/v1/policy/plans/{r['plan'].pk}",
            expect(401, 404, **READERS),
        ),
        Route(
            "api:policy_action_create",
            lambda a, r: f"/api/v1/policy/plans/{r['plan'].pk}/actions",
            expect(401, 404, platform_admin=201),
            "post",
            ACTION_BODY,
            json=True,
        ),
        Route(
            "api:policy_action_update",
            lambda a, r: f"/api/v1/policy/actions/{r['policy_action'].pk}",
            expect(401, 404, platform_admin=200),
            "patch",
            {"status": "ongoing"},
            json=True,
        ),
        Route(
            "api:policy_indicator_list",
            lambda a, r: f"/api/v1/policy/actions/{r['policy_action'].pk}/indicators",
            expect(401, 404, **READERS),
        ),
        Route(
            "api:policy_indicator_create",
            lambda a, r: f"/api/v1/policy/actions/{r['policy_action'].pk}/indicators",
            expect(401, 404),
            "post",
            ENTRY_BODY,
            json=True,
        ),
        Route(
            "api:policy_assessment_save",
            lambda a, r: f"/api/v1{_cycle(r)}/assessments/drugs",
            expect(401, 404),
            "put",
            {"answers": {"scale": 1}},
            json=True,
        ),
        Route("api:policy_public_statistics", "/api/v1/policy/public-statistics", expect(200, 200)),
    ]


def policy_records_for(actors) -> dict:
    from tests.policy_data import policy_records

    return policy_records(admin_user=actors.platform_admin)
