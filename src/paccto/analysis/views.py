"""Pages of the link analysis: the chart (drawn in the browser from the analysis API) and
the timeline of entities. Consulting personal data states its justification."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from paccto.analysis import selectors, services
from paccto.analysis.forms import TimelineForm
from paccto.analysis.permissions import can_analyse
from paccto.core.choices import CriminalMarket, InformationReliability, SourceReliability
from paccto.core.views import PlatformView
from paccto.entities.choices import LinkType


class ChartView(PlatformView):
    """The link chart. It may open on an entity, a case or a JIT (``kind`` and ``id``);
    everything it draws comes from the API, for the justification typed here."""

    permission = staticmethod(can_analyse)

    def get(self, request: HttpRequest) -> HttpResponse:
        kind = request.GET.get("kind", "entity")
        start = {
            "kind": kind if kind in ("entity", "case", "jit") else "entity",
            "id": request.GET.get("id", "")[:20],
            "justification": request.GET.get("justification", "")[:500],
        }
        config = {
            "api": reverse("api:api-root"),
            "timeline": reverse("analysis:timeline"),
            "start": start,
            "strings": chart_strings(),
        }
        return self.render(
            "analysis/chart_page.html",
            {
                "config": config,
                "start": start,
                "link_types": LinkType.choices,
                "markets": CriminalMarket.choices,
                "source_grades": SourceReliability.choices,
                "information_grades": InformationReliability.choices,
            },
        )


def chart_strings() -> dict[str, str]:
    """What the chart's script says, in the user's language."""
    return {
        "loading": _("Working…"),
        "error": _("The request failed."),
        "added": _("Entities on the chart"),
        "links": _("links"),
        "selectOne": _("Select at least one entity."),
        "selectTwo": _("Select exactly two entities."),
        "selectMany": _("Select at least two entities."),
        "noPath": _("No path within the visible network."),
        "pathLength": _("Shortest path length"),
        "paths": _("paths"),
        "communities": _("communities"),
        "group": _("Group"),
        "nothingToUndo": _("Nothing to undo."),
        "exported": _("Exported."),
        "needJustification": _("State a justification first."),
        "sampled": _("betweenness and closeness estimated from %(sample)s random sources"),
    }


class TimelineView(PlatformView):
    """Entities on a time axis, one lane each: their records, links, cases and messages."""

    permission = staticmethod(can_analyse)

    def get(self, request: HttpRequest) -> HttpResponse:
        form = TimelineForm(request.GET or None)
        if not form.is_bound or not form.is_valid():
            response = self.render("analysis/timeline_page.html", {"form": form, "lanes": None})
            response.status_code = 400 if form.is_bound else 200
            return response
        lanes, events = selectors.entity_timeline(
            actor=self.actor, entity_ids=form.cleaned_data["entity"]
        )
        services.analysis_record(
            actor=self.actor,
            operation="timeline",
            entity_ids=lanes,
            justification=form.cleaned_data["justification"],
        )
        return self.render(
            "analysis/timeline_page.html",
            {"form": form, "lanes": timeline_lanes(lanes, events), "events": events},
        )


def timeline_lanes(lanes: dict[int, str], events: list) -> list[dict]:
    """Each lane with its events placed on a common axis (percent from the first event)."""
    if events:
        first, last = events[0].event.at, events[-1].event.at
        span = max((last - first).total_seconds(), 1.0)
    out = []
    for pk, caption in lanes.items():
        mine = [
            {
                "event": e.event,
                "left": round(100 * (e.event.at - first).total_seconds() / span, 2),
            }
            for e in events
            if e.entity_id == pk
        ]
        out.append({"entity_id": pk, "caption": caption, "events": mine})
    return out
