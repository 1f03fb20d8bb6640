"""Permission-matrix rows of the analysis app (pages and API). Analysts, investigators
and prosecutors chart what they may see; other roles get 403; a record they may not see
answers 404 like a missing one."""

from __future__ import annotations

ANALYSTS = dict(owner=200, other_institution=200, other_country=200)


def _body(records, **extra):
    return {"justification": "matrix", **extra}


def analysis_routes(Route, expect) -> list:
    def entity(records):
        return records["entity"].pk

    return [
        Route("analysis:chart", "/analysis/", expect(302, 403, **ANALYSTS)),
        Route(
            "analysis:timeline",
            lambda a, r: f"/analysis/timeline/?justification=matrix&entity={entity(r)}",
            expect(302, 403, **ANALYSTS),
        ),
        Route(
            "api:chart_start",
            "/api/v1/analysis/start",
            # The record is shared with Colombia: Portugal gets "not found".
            expect(401, 403, owner=200, other_institution=200, other_country=404),
            "post",
            lambda a, r: _body(r, kind="entity", id=entity(r)),
            json=True,
        ),
        Route(
            "api:chart_expand",
            "/api/v1/analysis/expand",
            expect(401, 403, **ANALYSTS),
            "post",
            lambda a, r: _body(r, entity_ids=[entity(r)]),
            json=True,
        ),
        Route(
            "api:chart_metrics",
            "/api/v1/analysis/metrics",
            expect(401, 403, **ANALYSTS),
            "post",
            lambda a, r: _body(r, entity_ids=[entity(r), r["organisation"].pk]),
            json=True,
        ),
        Route(
            "api:chart_paths",
            "/api/v1/analysis/paths",
            expect(401, 403, owner=200, other_institution=200, other_country=404),
            "post",
            lambda a, r: _body(r, source=entity(r), target=r["organisation"].pk),
            json=True,
        ),
        Route(
            "api:chart_connect",
            "/api/v1/analysis/connect",
            # Fewer than two entities visible to Portugal: a clear error, nothing revealed.
            expect(401, 403, owner=200, other_institution=200, other_country=422),
            "post",
            lambda a, r: _body(r, entity_ids=[entity(r), r["organisation"].pk]),
            json=True,
        ),
        Route(
            "api:chart_timeline",
            "/api/v1/analysis/timeline",
            expect(401, 403, **ANALYSTS),
            "post",
            lambda a, r: _body(r, entity_ids=[entity(r)]),
            json=True,
        ),
    ]
