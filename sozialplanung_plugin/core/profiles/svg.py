"""SVG of a page: the bars of one unit's chart (no text: Qt draws SVG text as
outlines) and the static rules and stripes of the table and the list."""

from __future__ import annotations

from dataclasses import dataclass

from ..report import render
from .model import ADVERSE, FAVOURABLE, NEUTRAL, RATIO_MAX, Line, UnitProfile

#: fill, stroke of the bars; adverse solid dark, favourable hollow, neutral light grey
BAR_COLOURS = {
    ADVERSE: ("#b2182b", "#67001f"),
    FAVOURABLE: ("#ffffff", "#2166ac"),
    NEUTRAL: ("#bdbdbd", "#737373"),
}
#: the chart's grid lines (ratios)
GRID = (0.0, 50.0, 150.0, RATIO_MAX)


@dataclass
class Bar:
    x: float
    y: float
    w: float
    h: float
    kind: str
    overflow: bool = False


def bar_geometry(ratio: float, width: float) -> tuple[float, float, bool]:
    """(x, w, overflow) of a bar in a chart ``width`` wide: 100 in the middle,
    0 at the left, RATIO_MAX at the right edge (beyond: cut, overflow)."""
    half = width / 2.0
    q = max(0.0, float(ratio))
    over = q > RATIO_MAX
    q = min(q, RATIO_MAX)
    dx = (q - 100.0) / 100.0 * half
    x0 = half + min(0.0, dx)
    return x0, abs(dx), over


def bars(u: UnitProfile, lines: list[Line], width: float, pitch: float, bar_height: float | None = None) -> list[Bar]:
    """The unit's bars, one per indicator line with a published ratio (mm)."""
    bh = bar_height if bar_height is not None else 0.62 * pitch
    out = []
    for k, ln in enumerate(lines):
        if ln.kind != "indicator":
            continue
        row = u.rows[ln.row]
        if row.ratio is None:
            continue
        x, w, over = bar_geometry(row.ratio, width)
        y = k * pitch + (pitch - bh) / 2.0
        out.append(Bar(x, y, max(w, 0.25), bh, row.direction, over))
    return out


def bars_svg(u: UnitProfile, lines: list[Line], width: float, pitch: float) -> str:
    """The bars of one unit's chart, aligned to the table lines (mm)."""
    height = max(len(lines), 1) * pitch
    return render(
        "profile_bars.svg",
        bars=bars(u, lines, width, pitch),
        width=width,
        height=height,
        colours=BAR_COLOURS,
    )


def stripes_and_rules(lines: list[Line], top: float, pitch: float) -> tuple[list[tuple[float, float]], list[float]]:
    """(stripes (y, height) behind every other indicator row of a topic, with
    its wrapped lines; rules (y) under each topic header), from ``top`` (mm)."""
    stripes, topic_rules = [], []
    n = 0
    for k, ln in enumerate(lines):
        y = top + k * pitch
        if ln.kind == "topic":
            topic_rules.append(y + pitch)
            n = 0
        elif ln.kind == "indicator":
            if n % 2 == 1:
                extra = 1
                while k + extra < len(lines) and lines[k + extra].kind == "more":
                    extra += 1
                stripes.append((y, extra * pitch))
            n += 1
    return stripes, topic_rules


def chart_grid(chart_x: float | None, chart_width: float) -> tuple[list[float], float | None]:
    """(x of the grid lines 0, 50, 150, 200; x of the centre line 100), none without a chart."""
    if chart_x is None or not chart_width > 0:
        return [], None
    half = chart_width / 2.0
    return [chart_x + half + (q - 100.0) / 100.0 * half for q in GRID], chart_x + half


def furniture_svg(
    lines: list[Line],
    *,
    page_width: float,
    page_height: float,
    table_x: float,
    table_y: float,
    table_width: float,
    pitch: float,
    head: float,
    chart_x: float | None = None,
    chart_width: float = 0.0,
    rules: list[tuple[float, float, float, float]] = (),
) -> str:
    """The static graphics of a page in one SVG (mm, page coordinates): the
    table's stripes behind every other indicator row, rules above each topic
    and under the header, the chart's grid (0, 50, 150, 200) and centre line
    (100), and further rules (x1, y1, x2, width) such as header and footer."""
    top = table_y + head
    stripes, topic_rules = stripes_and_rules(lines, top, pitch)
    grid, centre = chart_grid(chart_x, chart_width)
    return render(
        "profile_page.svg",
        width=page_width,
        height=page_height,
        x=table_x,
        w=table_width,
        head_rule=top,
        head_band=(table_y - 0.4, head + 0.4) if head > 0 and lines else None,
        top=top,
        bottom=top + max(len(lines), 1) * pitch,
        stripes=stripes,
        topic_rules=topic_rules,
        grid=grid,
        centre=centre,
        rules=list(rules),
    )


def list_furniture_svg(
    *,
    page_width: float,
    page_height: float,
    x: float,
    y: float,
    width: float,
    pitch: float,
    rows: int,
    head: float,
    rules=(),
) -> str:
    """Stripes and rules of a page of the ranked list (mm, page coordinates)."""
    top = y + head
    stripes = [(top + k * pitch, pitch) for k in range(1, rows, 2)]
    return render(
        "profile_page.svg",
        width=page_width,
        height=page_height,
        x=x,
        w=width,
        head_rule=top - 0.5,
        head_band=None,
        top=top,
        bottom=top + rows * pitch,
        stripes=stripes,
        topic_rules=[],
        grid=[],
        centre=None,
        rules=list(rules),
    )
