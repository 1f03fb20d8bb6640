"""The printable PDF report of a dashboard: the same figures and charts as the page, drawn
with reportlab's own graphics so that no browser is needed."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from paccto.policy.selectors import Chart, Dashboard

# The same palette as the page's charts (static/paccto/policy-charts.js).
PALETTE = ["#1f4e79", "#c0504d", "#9bbb59", "#8064a2", "#4bacc6", "#f79646", "#7f7f7f"]
WIDTH = 170 * mm


def _short(label: str, size: int = 18) -> str:
    return label if len(label) <= size else label[: size - 1] + "…"


def chart_drawing(chart: Chart) -> Drawing:
    """One chart as a reportlab drawing: bars, horizontal bars or lines, with a legend."""
    n_labels = max(1, len(chart.labels))
    height = 70 * mm if chart.kind != "hbar" else max(50 * mm, n_labels * 7 * mm + 25 * mm)
    drawing = Drawing(WIDTH, height + 12 * mm)
    drawing.add(String(0, height + 6 * mm, chart.title, fontName="Helvetica-Bold", fontSize=9))
    data = [tuple(float(v or 0) for v in d["data"]) for d in chart.datasets] or [(0.0,)]
    if chart.kind == "line":
        plot: Any = HorizontalLineChart()
    elif chart.kind == "hbar":
        plot = HorizontalBarChart()
    else:
        plot = VerticalBarChart()
    plot.x, plot.y = 35 * mm if chart.kind == "hbar" else 12 * mm, 22 * mm
    plot.width = WIDTH - plot.x - 5 * mm
    plot.height = height - 30 * mm
    plot.data = data
    plot.categoryAxis.categoryNames = [_short(label) for label in chart.labels] or [""]
    plot.categoryAxis.labels.fontSize = 6
    plot.valueAxis.labels.fontSize = 6
    plot.valueAxis.valueMin = 0
    top = max((max(row) for row in data if row), default=0.0)
    if top <= 0:
        plot.valueAxis.valueMax = 1
    if chart.kind == "bar":
        plot.categoryAxis.labels.angle = 30
        plot.categoryAxis.labels.boxAnchor = "ne"
    if chart.stacked and chart.kind != "line":
        plot.categoryAxis.style = "stacked"
    for i in range(len(data)):
        colour = colors.HexColor(PALETTE[i % len(PALETTE)])
        if chart.kind == "line":
            plot.lines[i].strokeColor = colour
            plot.lines[i].strokeWidth = 1.5
        else:
            plot.bars[i].fillColor = colour
            plot.bars[i].strokeColor = None
    drawing.add(plot)
    legend = Legend()
    legend.x, legend.y = 0, 4 * mm
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.fontSize = 6
    legend.dx = legend.dy = 6
    legend.deltax = 38 * mm
    legend.colorNamePairs = [
        (colors.HexColor(PALETTE[i % len(PALETTE)]), _short(str(d["label"]), 30))
        for i, d in enumerate(chart.datasets)
    ]
    drawing.add(legend)
    return drawing


def _table(rows: list[list[str]], widths: list[float] | None = None) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), "Helvetica", 8),
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f4f7")]),
            ]
        )
    )
    return table


def dashboard_pdf(board: Dashboard, scope_label: str) -> bytes:
    """The report as PDF bytes."""
    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"PAcCTO · {board.cycle.name}",
        author="PAcCTO",
    )
    story: list[Any] = [
        Paragraph(escape(_("Policy cycle %(name)s") % {"name": board.cycle.name}), styles["Title"]),
        Paragraph(escape(scope_label), styles["Normal"]),
        Paragraph(
            escape(_("Report of %(date)s") % {"date": date_format(timezone.localdate())}),
            styles["Normal"],
        ),
        Spacer(1, 6 * mm),
        Paragraph(escape(_("Indicators")), styles["Heading2"]),
        _table(
            [[_("Indicator"), _("Total")]]
            + [[t["label"], f"{t['value']:,}"] for t in board.totals],
            [110 * mm, 50 * mm],
        ),
        Spacer(1, 6 * mm),
        Paragraph(escape(_("Progress of the action plans")), styles["Heading2"]),
    ]
    plans = [[_("Plan"), _("Driver"), _("Actions"), _("Completed"), _("Progress")]]
    for p in board.plans:
        plans.append(
            [
                _short(str(p.plan), 50),
                p.plan.driver.name,
                str(p.actions),
                str(p.completed),
                f"{p.percent} %",
            ]
        )
    story.append(_table(plans, [70 * mm, 30 * mm, 20 * mm, 20 * mm, 20 * mm]))
    story.append(Spacer(1, 6 * mm))
    story.append(Paragraph(escape(_("Charts")), styles["Heading2"]))
    for chart in board.charts:
        story.append(KeepTogether([chart_drawing(chart), Spacer(1, 4 * mm)]))
    doc.build(story)
    return buffer.getvalue()
