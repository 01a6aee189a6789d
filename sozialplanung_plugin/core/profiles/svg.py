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


# --------------------------------------------------------------------------
# sparklines

#: the unit's line (dark) and the city's (grey), stroke widths in mm
SPARK_UNIT = ("#252525", 0.32)
SPARK_CITY = ("#969696", 0.32)
SPARK_PAD = 1.2  # mm left and right of the first and the last year


def spark_x(year: int, years: list[int], width: float) -> float:
    """The x of a year on the scale shared by every row (mm)."""
    lo, hi = years[0], years[-1]
    return SPARK_PAD + (year - lo) / max(hi - lo, 1) * (width - 2 * SPARK_PAD)


def _segments(points: list[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """Runs of points without a gap (a missing year breaks the line)."""
    out: list[list[tuple[float, float]]] = [[]]
    for p in points:
        if p is None:
            if out[-1]:
                out.append([])
        else:
            out[-1].append(p)
    return [s for s in out if s]


def _path(seg: list[tuple[float, float]], colour: str, width: float, dash: str = "") -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    if len(seg) == 1:
        x, y = seg[0]
        return f'<circle cx="{x:.3f}" cy="{y:.3f}" r="{width:.3f}" fill="{colour}"/>'
    pts = " ".join(f"{x:.3f},{y:.3f}" for x, y in seg)
    return (
        f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="{width:.3f}" '
        f'stroke-linejoin="round" stroke-linecap="round"{dash_attr}/>'
    )


def spark_scale(values: list[float | None], reference: list[float]) -> tuple[float, float] | None:
    """(low, high) of one row: the unit's and the city's values on one scale."""
    xs = [v for v in values if v is not None] + [r for r in reference if r == r]
    if not xs:
        return None
    lo, hi = min(xs), max(xs)
    if hi - lo < 1e-9:
        pad = max(abs(hi) * 0.05, 0.5)
        return lo - pad, hi + pad
    return lo, hi


def _spark_point(year, v, years, width, top, h, scale) -> tuple[float, float] | None:
    """A point of a sparkline in its row (None for a missing value)."""
    if v is None or v != v:
        return None
    lo, hi = scale
    return spark_x(year, years, width), top + h - (v - lo) / (hi - lo) * h


def sparks(u: UnitProfile, lines: list[Line], series: dict, width: float, pitch: float) -> list[str]:
    """The SVG elements of the unit's sparklines, one pair per indicator line
    with a series (its city's line, the unit's line and a dot on its latest value)."""
    years = sorted({y for s in series.values() for y in s.years})
    if len(years) < 2:
        return []
    out = []
    for k, ln in enumerate(lines):
        if ln.kind != "indicator":
            continue
        row = u.rows[ln.row]
        city = series.get(row.indicator.id)
        if city is None:
            continue
        scale = spark_scale(row.series, city.reference)
        if scale is None:
            continue
        top, h = k * pitch + 0.18 * pitch, 0.64 * pitch
        ref = [_spark_point(y, r, years, width, top, h, scale) for y, r in zip(city.years, city.reference)]
        own = [_spark_point(y, v, years, width, top, h, scale) for y, v in zip(city.years, row.series)]
        out += [_path(s, SPARK_CITY[0], SPARK_CITY[1], "0.9,0.5") for s in _segments(ref)]
        out += [_path(s, SPARK_UNIT[0], SPARK_UNIT[1]) for s in _segments(own)]
        last = next((p for p in reversed(own) if p is not None), None)
        # estimated years (interpolateunits): a hollow point on the unit's line
        for p, est in zip(own, row.series_estimated or []):
            if p is not None and est and p is not last:
                out.append(
                    f'<circle cx="{p[0]:.3f}" cy="{p[1]:.3f}" r="0.42" fill="#ffffff" '
                    f'stroke="{SPARK_UNIT[0]}" stroke-width="0.2"/>'
                )
        if last is not None:
            est_last = bool(row.series_estimated) and row.series_estimated[own.index(last)]
            fill = "#ffffff" if est_last else SPARK_UNIT[0]
            stroke = f' stroke="{SPARK_UNIT[0]}" stroke-width="0.2"' if est_last else ""
            out.append(f'<circle cx="{last[0]:.3f}" cy="{last[1]:.3f}" r="0.45" fill="{fill}"{stroke}/>')
    return out


def sparks_svg(u: UnitProfile, lines: list[Line], series: dict, width: float, pitch: float) -> str:
    """The sparklines of one unit, aligned to the table lines (mm; no text)."""
    height = max(len(lines), 1) * pitch
    body = "\n".join(sparks(u, lines, series, width, pitch))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.3f}mm" height="{height:.3f}mm" '
        f'viewBox="0 0 {width:.3f} {height:.3f}">\n{body}\n</svg>\n'
    )
