"""What a printed measures report says, as data (the print draws it and
computes nothing), built from the results of ``measures.compute_goals`` and
``effects.compute_effects``:

* a cover table (:class:`CoverRow`): every measure with its goals, each goal
  with its status in the latest year, and the count of goals per status;
* one :class:`MeasurePage` per measure: title, field of action, period,
  budget, responsible, its units (keys and names: the units to highlight on
  the page's map), one :class:`GoalChart` per goal (the years; the series of
  the area, the city and the comparison units; the path from the base year;
  the goal as a marker; the status; the y range to draw), and the sentences
  of the goal status and of the comparison with similar areas;
* the method texts (goal status; comparison with the draws and the seed) and
  the footnote that the register is an example when its titles say so.

Numbers are published as text with ``numbers.number`` (German by default);
the chart values stay numbers (NaN: no value, the chart leaves a gap).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

import numpy as np

from . import effects as ef
from . import i18n
from . import measures as me
from .numbers import diff_unit, number, with_unit

#: the series of a chart, in drawing order, with their legend labels
SERIES = ("city", "comparison", "area")
SERIES_LABELS = {"area": "Measure area", "city": "City", "comparison": "Comparable areas", "path": "Path to the goal"}


@dataclass
class GoalChart:
    """One goal indicator of one measure, as the small chart draws it."""

    indicator: str
    label: str
    unit: str
    decimals: int
    polarity: int
    years: list[int]
    area: list[float]
    city: list[float]
    comparison: list[float]  # empty without a comparison
    path_years: list[int]  # from the base year to the goal year (or the latest year)
    path: list[float]
    goal_value: float
    goal_year: int
    status: str  # of the latest year
    y_min: float
    y_max: float
    goal_text: str  # 'Ziel 9,00 % bis 2019'
    status_text: str  # the sentence of the goal status
    comparison_text: str  # the sentence of the comparison ('' without)
    note: str = ""


@dataclass
class MeasurePage:
    id: str
    title: str
    topic: str
    period: str  # '2014–2020', '2015–'
    budget: str  # '1.250.000' or ''
    responsible: str
    unit_keys: list[str]  # the units to highlight on the map
    unit_names: list[str]
    charts: list[GoalChart] = field(default_factory=list)
    comparisons: list[str] = field(default_factory=list)  # every indicator's comparison sentence
    notes: list[str] = field(default_factory=list)


@dataclass
class CoverRow:
    id: str
    title: str
    topic: str
    goals: list[tuple[str, str, str]]  # (indicator label, goal text, status)


@dataclass
class MeasuresBook:
    title: str
    created: str
    years: list[int]
    cover: list[CoverRow]
    counts: dict[str, int]
    pages: list[MeasurePage]
    goal_method: str
    comparison_method: str
    example_note: str
    warnings: list[str] = field(default_factory=list)
    lang: str = "de"


def _num(x, dec: int, lang: str, signed: bool = False) -> str:
    if x is None or x != x:
        return "–"
    return number(float(x), dec, signed, lang=lang, zero_unsigned=signed)


def comparison_series(s: me.IndicatorSeries, positions) -> list[float]:
    """The indicator over the comparison units in every year (sums, as the area)."""
    if positions is None or not len(positions):
        return []
    return [me.pooled(s.indicator, s.by_year[y], positions) for y in s.years]


def comparison_sentence(r: dict, s: me.IndicatorSeries, lang: str) -> str:
    """'Arbeitslosigkeit 2013–2019: Maßnahmengebiet −7,18 Pp., vergleichbare Gebiete −4,40 Pp.
    (Differenz −2,79 Pp.; Zufallsbereich −3,27 … +2,84 Pp.). <assessment>'"""
    ind = s.indicator
    if r.get("did") is None or r["did"] != r["did"]:
        return f"{ind.name}: {r.get('assessment') or ef.NO_DATA}"
    du = diff_unit(ind.unit)
    dec = ind.decimals

    def d(x):
        return with_unit(_num(x, dec, lang, True), du)

    interval = ""
    if r.get("interval_low") == r.get("interval_low") and r.get("interval_low") is not None:
        interval = (
            f"; {i18n.tr('chance interval', lang)} {_num(r['interval_low'], dec, lang, True)} … {d(r['interval_high'])}"
        )
    return (
        f"{ind.name} {int(r['base_year'])}–{int(r['latest_year'])}: {i18n.tr('measure area', lang)} "
        f"{d(r['area_change'])}, {i18n.tr('comparable areas', lang)} {d(r['comparison_change'])} "
        f"({i18n.tr('difference', lang)} {d(r['did'])}{interval}). {r['assessment']}."
    )


def _range(*series) -> tuple[float, float]:
    vals = np.array([v for s in series for v in s if v is not None and v == v], dtype="float64")
    if not len(vals):
        return 0.0, 1.0
    lo, hi = float(vals.min()), float(vals.max())
    pad = 0.08 * (hi - lo) if hi > lo else max(1.0, abs(hi) * 0.1)
    return max(0.0, lo - pad) if lo >= 0 else lo - pad, hi + pad


def goal_chart(m: me.Measure, g: me.Goal, goals: me.GoalResult, effects, lang: str) -> GoalChart:
    s = goals.series[g.indicator]
    ind = s.indicator
    frame = goals.frame
    rows = frame[(frame["measure_id"] == m.id) & (frame["goal_no"] == g.number)].to_dict("records")
    latest = rows[-1]
    area = me.area_series(s, me.positions_of(m, goals.keys))
    comp: list[float] = []
    comp_text = ""
    if effects is not None:
        comp = comparison_series(s, effects.comparison.get((m.id, g.indicator)))
        er = effects.frame[(effects.frame["measure_id"] == m.id) & (effects.frame["indicator"] == g.indicator)]
        if len(er):
            comp_text = comparison_sentence(er.iloc[0].to_dict(), s, lang)
    path_rows = [r for r in rows if r.get("path_value") == r.get("path_value") and r.get("path_value") is not None]
    path_years = [int(r["year"]) for r in path_rows]
    path = [float(r["path_value"]) for r in path_rows]
    if path_years and g.year > path_years[-1]:
        path_years.append(g.year)  # the path runs on to the goal
        path.append(g.value)
    lo, hi = _range(area, list(s.city), comp, path, [g.value])
    dec = ind.decimals
    return GoalChart(
        indicator=ind.id,
        label=ind.name,
        unit=ind.unit,
        decimals=dec,
        polarity=ind.polarity,
        years=list(s.years),
        area=area,
        city=[float(x) for x in s.city],
        comparison=comp,
        path_years=path_years,
        path=path,
        goal_value=g.value,
        goal_year=g.year,
        status=latest["status"] or me.NO_DATA,
        y_min=lo,
        y_max=hi,
        goal_text=f"{i18n.tr('Goal', lang)} {with_unit(_num(g.value, dec, lang), ind.unit)} "
        f"{i18n.tr('by', lang)} {g.year}",
        status_text=me.goal_sentence(latest, ind, lang) + f": {latest['status'] or me.NO_DATA}",
        comparison_text=comp_text,
        note=latest.get("note") or "",
    )


def build(
    goals: me.GoalResult,
    effects: ef.EffectsResult | None = None,
    names: dict | None = None,
    title: str = "",
    lang: str = "de",
) -> MeasuresBook:
    """The content of the measures report (see the module docstring)."""
    names = names or {}
    counts = {s: 0 for s in me.STATUSES}
    cover, pages = [], []
    for m in goals.register:
        charts = [goal_chart(m, g, goals, effects, lang) for g in m.goals]
        for c in charts:
            counts[c.status] += 1
        cover.append(CoverRow(m.id, m.title, m.topic, [(c.label, c.goal_text, c.status) for c in charts]))
        comparisons = []
        if effects is not None:
            for r in effects.frame[effects.frame["measure_id"] == m.id].to_dict("records"):
                comparisons.append(comparison_sentence(r, effects.series[r["indicator"]], lang))
        notes = list(dict.fromkeys(c.note for c in charts if c.note))
        pages.append(
            MeasurePage(
                id=m.id,
                title=m.title,
                topic=m.topic,
                period=f"{m.start_year}–{m.end_year or ''}",
                budget="" if m.budget is None else number(m.budget, 0, lang=lang),
                responsible=m.responsible,
                unit_keys=list(m.units),
                unit_names=[names.get(k, "") for k in m.units],
                charts=charts,
                comparisons=comparisons,
                notes=notes,
            )
        )
    example = any("BEISPIEL" in m.title.upper() or "EXAMPLE" in m.title.upper() for m in goals.register)
    comparison_method = ""
    if effects is not None:
        comparison_method = i18n.tr(ef.METHOD_TEXT, lang).format(draws=effects.draws, seed=effects.seed)
    return MeasuresBook(
        title=title or i18n.tr("Measures and goals", lang),
        created=_dt.date.today().isoformat(),
        years=sorted({y for s in goals.series.values() for y in s.years}),
        cover=cover,
        counts=counts,
        pages=pages,
        goal_method=i18n.tr(me.METHOD_TEXT, lang),
        comparison_method=comparison_method,
        example_note=i18n.tr(EXAMPLE_NOTE, lang) if example else "",
        warnings=list(goals.warnings) + (list(effects.warnings) if effects is not None else []),
        lang=lang,
    )


EXAMPLE_NOTE = "Example register: the measures are invented to show the method; they are not real measures."

i18n.register(
    {
        "Measure area": "Maßnahmengebiet",
        "Comparable areas": "Vergleichbare Gebiete",
        "Path to the goal": "Pfad zum Ziel",
        "measure area": "Maßnahmengebiet",
        "comparable areas": "vergleichbare Gebiete",
        "difference": "Differenz",
        "chance interval": "Zufallsbereich",
        EXAMPLE_NOTE: (
            "Beispielregister: Die Maßnahmen sind erfunden, um die Methode zu zeigen; es sind keine echten Maßnahmen."
        ),
    }
)
