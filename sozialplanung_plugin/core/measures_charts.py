"""The small line chart of one goal indicator of the measures report, as
geometry and SVG (lines only, no text: Qt draws SVG text as outlines; the
print sets the axis labels as text at the positions computed here).

The chart (``GoalChart`` of ``measures_book``) is drawn in a box ``width`` x
``height`` mm: years from left to right (the data years and the goal year),
values from bottom to top over the chart's y range widened to round ticks;
the city (grey, dashed), the comparable areas (blue), the measure's area
(red, thick, dots at the years), the path to the goal (thin, dotted) and the
goal as a diamond at (goal year, goal value). A missing value leaves a gap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from . import i18n
from .measures_book import SERIES_LABELS, GoalChart

#: colour, stroke width (mm), dash of every series
STYLES = {
    "city": ("#737373", 0.35, "1.2,0.8"),
    "comparison": ("#2166ac", 0.4, ""),
    "area": ("#b2182b", 0.7, ""),
    "path": ("#252525", 0.3, "0.4,0.6"),
}
GOAL_COLOUR = "#252525"
GRID_COLOUR = "#d9d9d9"
AXIS_COLOUR = "#969696"


@dataclass
class ChartDrawing:
    svg: str
    x_ticks: list[tuple[int, float]]  # (year, x in mm)
    y_ticks: list[tuple[float, float]]  # (value, y in mm)
    legend: list[tuple[str, str, float, str]] = field(default_factory=list)  # (series, colour, width, dash)


def nice_step(span: float, n: int = 4) -> float:
    """A round step (1, 2, 2.5, 5 x 10^k) that divides ``span`` into about ``n`` parts."""
    if span <= 0 or span != span:
        return 1.0
    raw = span / n
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        if raw <= m * mag + 1e-12:
            return m * mag
    return 10.0 * mag


def y_ticks(lo: float, hi: float, n: int = 4) -> list[float]:
    """Round values covering [lo, hi] (the first at or below lo, the last at or above hi)."""
    step = nice_step(hi - lo, n)
    start = math.floor(lo / step + 1e-9) * step
    out = [start]
    while out[-1] < hi - 1e-9:
        out.append(out[-1] + step)
    return [round(v, 10) for v in out]


def x_range(c: GoalChart) -> tuple[int, int]:
    years = list(c.years) + ([c.goal_year] if c.goal_year else []) + list(c.path_years)
    return min(years), max(years)


def _present(v) -> bool:
    return v is not None and v == v


def _polylines(xs, ys) -> list[list[tuple[float, float]]]:
    """Runs of points without a gap."""
    runs, cur = [], []
    for x, y in zip(xs, ys):
        if _present(y):
            cur.append((x, y))
        elif cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return runs


def drawing(c: GoalChart, width: float, height: float) -> ChartDrawing:
    """Geometry and SVG of chart ``c`` in a box ``width`` x ``height`` mm."""
    ticks = y_ticks(c.y_min, c.y_max)
    lo, hi = ticks[0], ticks[-1]
    if hi <= lo:
        hi = lo + 1.0
    x0, x1 = x_range(c)
    pad = 2.0  # mm inside the box left and right, so that end dots and the goal marker are whole

    def px(year: float) -> float:
        return pad + (year - x0) / max(x1 - x0, 1) * (width - 2 * pad)

    def py(v: float) -> float:
        return height - (v - lo) / (hi - lo) * height

    parts = []
    for v in ticks:
        y = py(v)
        parts.append(
            f'<line x1="0" y1="{y:.3f}" x2="{width:.3f}" y2="{y:.3f}" stroke="{GRID_COLOUR}" stroke-width="0.15"/>'
        )
    parts.append(
        f'<line x1="0" y1="{height:.3f}" x2="{width:.3f}" y2="{height:.3f}" stroke="{AXIS_COLOUR}"'
        ' stroke-width="0.25"/>'
    )
    if c.goal_year and c.goal_year <= x1:
        gx = px(c.goal_year)
        parts.append(
            f'<line x1="{gx:.3f}" y1="0" x2="{gx:.3f}" y2="{height:.3f}" stroke="{GRID_COLOUR}" stroke-width="0.2"/>'
        )
    series = [("city", c.years, c.city), ("comparison", c.years, c.comparison), ("path", c.path_years, c.path)]
    series.append(("area", c.years, c.area))
    legend = []
    for name, xs, ys in series:
        if not ys or not any(_present(v) for v in ys):
            continue
        colour, sw, dash = STYLES[name]
        legend.append((name, colour, sw, dash))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        for run in _polylines(xs, ys):
            pts = " ".join(f"{px(x):.3f},{py(y):.3f}" for x, y in run)
            if len(run) == 1:
                x, y = run[0]
                parts.append(f'<circle cx="{px(x):.3f}" cy="{py(y):.3f}" r="{sw:.3f}" fill="{colour}"/>')
            else:
                parts.append(
                    f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="{sw:.3f}"'
                    f' stroke-linejoin="round"{dash_attr}/>'
                )
        if name == "area":
            for x, y in zip(xs, ys):
                if _present(y):
                    parts.append(f'<circle cx="{px(x):.3f}" cy="{py(y):.3f}" r="0.6" fill="{colour}"/>')
    if _present(c.goal_value) and c.goal_year:
        gx, gy, r = px(c.goal_year), py(c.goal_value), 1.3
        parts.append(
            f'<polygon points="{gx:.3f},{gy - r:.3f} {gx + r:.3f},{gy:.3f} {gx:.3f},{gy + r:.3f} {gx - r:.3f},{gy:.3f}"'
            f' fill="#ffffff" stroke="{GOAL_COLOUR}" stroke-width="0.35"/>'
        )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.3f}mm" height="{height:.3f}mm" '
        f'viewBox="0 0 {width:.3f} {height:.3f}">' + "".join(parts) + "</svg>"
    )
    years = sorted(set(c.years) | ({c.goal_year} if c.goal_year else set()))
    return ChartDrawing(svg, [(y, px(y)) for y in years], [(v, py(v)) for v in ticks], legend)


def legend_svg(name: str, width: float = 6.0, height: float = 3.0) -> str:
    """The legend sample of a series (a short line; the goal: a diamond)."""
    if name == "goal":
        r, cx, cy = 1.2, width / 2, height / 2
        body = (
            f'<polygon points="{cx:.3f},{cy - r:.3f} {cx + r:.3f},{cy:.3f} {cx:.3f},{cy + r:.3f} {cx - r:.3f},{cy:.3f}"'
            f' fill="#ffffff" stroke="{GOAL_COLOUR}" stroke-width="0.35"/>'
        )
    else:
        colour, sw, dash = STYLES[name]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        y = height / 2
        body = (
            f'<line x1="0.3" y1="{y:.3f}" x2="{width - 0.3:.3f}" y2="{y:.3f}" stroke="{colour}"'
            f' stroke-width="{sw:.3f}"{dash_attr}/>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.3f}mm" height="{height:.3f}mm" '
        f'viewBox="0 0 {width:.3f} {height:.3f}">{body}</svg>'
    )


def legend_labels(lang: str) -> dict[str, str]:
    """The legend's words in ``lang``."""
    out = {k: i18n.tr(v, lang) for k, v in SERIES_LABELS.items()}
    out["goal"] = i18n.tr("Goal", lang)
    return out


#: the German of the print's captions (layouts/measures.py asks translation.tr, which falls back to this table)
i18n.register(
    {
        "MEASURES REPORT": "MASSNAHMENBERICHT",
        "{n} measures, data {years}": "{n} Maßnahmen, Daten {years}",
        "Goals in the latest year": "Ziele im letzten Jahr",
        "Measure": "Maßnahme",
        "Goal indicator": "Zielindikator",
        "Status": "Stand",
        "Budget {amount}": "Budget {amount}",
        "Units ({n})": "Raumeinheiten ({n})",
        "This measure has no goal.": "Diese Maßnahme hat kein Ziel.",
        "Method": "Methode",
    }
)
