"""Measures and their goals (Maßnahmen und Entwicklungsziele): the register
that planners keep, and whether each goal is met, on course or not.

THE REGISTER: one row per measure (a CSV/XLSX/ODS table read as the
catalogue is, ``tables.read_raw``: encodings, separators and header rows as
for every table, numbers with the German conventions; or the attribute table
of a layer).
Column names are English or German (aliases in ``COLUMNS``; case and spaces
do not matter):

* ``id`` (Kennung): unique;  ``title`` (Titel);  ``topic`` (Handlungsfeld);
* ``units`` (Raumeinheiten): the keys of the units the measure works in,
  separated by ``;`` (a ``,`` or a line break works too);
* ``start_year`` (Beginn), ``end_year`` (Ende, optional), ``budget``
  (Budget, optional, German numbers such as ``1.250.000`` or ``12,5``),
  ``responsible`` (Verantwortlich, optional);
* goals in NUMBERED COLUMNS, as many as needed: ``goal1_indicator``,
  ``goal1_value``, ``goal1_year``, ``goal2_indicator`` ... (German
  ``ziel1_indikator``, ``ziel1_wert``, ``ziel1_jahr``); ``goal_indicator``
  without a number is goal 1. The indicator is an id of the catalogue, the
  value is in the indicator's unit (e.g. 8,5 for 8.5 %), the year is when it
  is to be reached. One measure is one row, never several rows.

GOAL STATUS per measure, goal and year ``t`` of the layer's series
(``<column>_<year>`` fields, read as ``monitoring.gather`` reads them):

* the area value ``a(t)``: the indicator rebuilt over the measure's units
  with a value in ``t``: Σ numerators / Σ denominators × multiplier (never
  the mean of the unit rates); a ready rate: Σ (rate × weight) / Σ weight
  with the catalogue's weight column (as ``computeindicators``), without
  one the plain mean (with a warning); units without a value are left out
  and named (``units_missing``, with their sign);
* the city's value ``c(t)`` (the reference of the whole layer);
* the base year ``B``: the latest year ≤ start_year in which the area has a
  value; when the measure started before the first year with data, the
  first year with a value (and the note says so);
* the path ``P(t) = a(B) + (G − a(B)) × (t − B) / (Y − B)`` from the base
  value to the goal ``G`` in the goal year ``Y`` (``P = G`` from ``Y`` on);
* with the direction ``d`` = the polarity (+1 higher is worse, −1 higher is
  better; a neutral indicator: +1 when the goal is below the base value,
  else −1), for every year after ``B``: ``erreicht`` when d·(a − G) ≤ 0,
  else ``auf Kurs`` when d·(a − P) ≤ 0 (the path is met or beaten), else
  ``nicht auf Kurs``; ``keine Daten`` when a(t) or a(B) is missing. The
  base year's row has no status.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import i18n
from . import indicators as ci
from . import monitoring as cm
from . import signs as sg
from .catalogue import Catalogue, Indicator
from .errors import UserError
from .numbers import diff_unit, number, with_unit
from .tables import TableError, read_raw

REACHED = "erreicht"
ON_COURSE = "auf Kurs"
OFF_COURSE = "nicht auf Kurs"
NO_DATA = "keine Daten"
STATUSES = (REACHED, ON_COURSE, OFF_COURSE, NO_DATA)

#: canonical column -> accepted names (lower case)
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "kennung", "nr", "nummer", "maßnahme_id", "massnahme_id", "code"),
    "title": ("title", "titel", "bezeichnung", "name", "maßnahme", "massnahme"),
    "topic": ("topic", "handlungsfeld", "thema", "themenfeld"),
    "units": ("units", "raumeinheiten", "einheiten", "gebiete", "sozialräume", "sozialraeume", "räume", "raeume"),
    "start_year": ("start_year", "beginn", "startjahr", "start"),
    "end_year": ("end_year", "ende", "endjahr", "end"),
    "budget": ("budget", "mittel", "kosten"),
    "responsible": ("responsible", "verantwortlich", "zuständig", "zustaendig", "federführung", "federfuehrung"),
}
COLUMNS_ALIAS: dict[str, str] = {a: canon for canon, names in COLUMNS.items() for a in names}
_GOAL = re.compile(r"^(?:goal|ziel)(\d*)_(indicator|indikator|value|wert|year|jahr)$")
_GOAL_PART = {"indicator": "indicator", "indikator": "indicator", "value": "value", "wert": "value"}
_GOAL_PART.update({"year": "year", "jahr": "year"})
_GOALISH = re.compile(r"^(goal|ziel)", re.IGNORECASE)
_SPLIT = re.compile(r"[;,\n]")
LISTED = 20


class MeasuresError(UserError):
    """A defect of the measures register: names file, row, column and key."""


@dataclass
class Goal:
    number: int
    indicator: str
    value: float
    year: int


@dataclass
class Measure:
    id: str
    title: str
    topic: str
    units: list[str]
    start_year: int
    end_year: int | None = None
    budget: float | None = None
    responsible: str = ""
    goals: list[Goal] = field(default_factory=list)
    where: str = ""


@dataclass
class Register:
    source: str
    measures: list[Measure]
    warnings: list[str] = field(default_factory=list)

    def __iter__(self):
        return iter(self.measures)

    def __len__(self):
        return len(self.measures)


# --------------------------------------------------------------------------
# reading and validating the register


def column_map(source: str, names: list[str], layer: bool = False) -> tuple[dict[str, str], dict, list[str]]:
    """(canonical -> column, {(goal number, part): column}, ignored columns)."""
    alias = {a: canon for canon, names_ in COLUMNS.items() for a in names_}
    plain: dict[str, str] = {}
    goals: dict[tuple[int, str], str] = {}
    ignored: list[str] = []
    for name in names:
        key = str(name).strip().lower().replace(" ", "_")
        m = _GOAL.match(key)
        if m:
            slot = (int(m.group(1) or 1), _GOAL_PART[m.group(2)])
            if slot in goals:
                raise MeasuresError(f"{source}: columns {goals[slot]!r} and {name!r} are both goal {slot[0]} {slot[1]}")
            goals[slot] = name
        elif key in alias:
            canon = alias[key]
            if canon in plain:
                raise MeasuresError(f"{source}: columns {plain[canon]!r} and {name!r} both mean {canon!r}")
            plain[canon] = name
        elif _GOALISH.match(key) and not layer:
            raise MeasuresError(
                f"{source}: column {name!r} looks like a goal column but is not goal<n>_indicator, goal<n>_value "
                f"or goal<n>_year (German ziel<n>_indikator, ziel<n>_wert, ziel<n>_jahr)"
            )
        else:
            ignored.append(str(name))
    missing = [c for c in ("id", "units", "start_year") if c not in plain]
    if missing:
        raise MeasuresError(
            f"{source}: the register needs the column(s) {', '.join(map(repr, missing))} (German: Kennung, "
            f"Raumeinheiten, Beginn); columns found: {', '.join(map(str, names))}"
        )
    for n in sorted({n for n, _ in goals}):
        absent = [p for p in ("indicator", "value", "year") if (n, p) not in goals]
        if absent:
            raise MeasuresError(
                f"{source}: goal {n} has no column(s) {', '.join(f'goal{n}_{p}' for p in absent)}; every goal "
                f"needs goal{n}_indicator, goal{n}_value and goal{n}_year"
            )
    return plain, goals, ignored


def _text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        if np.isnan(v):
            return ""
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    return str(v).strip()


def _number(v, decimal: str = ",") -> tuple[float | None, str | None]:
    """(value or None when empty or a sign, the cell text when it is not a number).
    An ambiguous text ("1.250") takes the source's convention (German: 1250;
    a spreadsheet's numeric cell arrives as "8.125" and means 8.125)."""
    if v is None:
        return None, None
    if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool):
        f = float(v)
        return (None, None) if np.isnan(f) else (f, None)
    t = str(v).strip()
    if not t or sg.canonical_sign(t):
        return None, None
    parsed = sg.parse_column(pd.Series([t], dtype=object), decimal)
    if parsed.kind == "text" or parsed.bad or np.isnan(parsed.values.iloc[0]):
        return None, t
    return float(parsed.values.iloc[0]), None


class _Problems:
    def __init__(self, source: str):
        self.source = source
        self.items: list[str] = []

    def add(self, text: str) -> None:
        self.items.append(text)

    def raise_any(self) -> None:
        if not self.items:
            return
        shown = self.items[:LISTED]
        more = f"\n... and {len(self.items) - LISTED} more" if len(self.items) > LISTED else ""
        head = f"{self.source}: the measures register has {len(self.items)} error(s):\n"
        raise MeasuresError(head + "\n".join(shown) + more)


def _year(cell, where: str, column: str, problems: _Problems, required: bool) -> int | None:
    v, bad = _number(cell, ".")
    if bad is not None or (v is not None and (not float(v).is_integer() or not 1900 <= v <= 2100)):
        problems.add(f"{where}, column {column!r}: {bad or _text(cell)!r} is not a year (e.g. 2015)")
        return None
    if v is None:
        if required:
            problems.add(f"{where}, column {column!r}: the year is missing")
        return None
    return int(v)


def _units(cell, where: str, column: str, known: dict[str, str] | None, problems: _Problems, warnings) -> list[str]:
    text = _text(cell)
    keys = [k.strip() for k in _SPLIT.split(text) if k.strip()]
    if not keys:
        problems.add(f"{where}, column {column!r}: no unit keys (give the keys separated by ';')")
        return []
    out = list(dict.fromkeys(keys))
    if len(out) < len(keys):
        warnings.append(f"{where}: unit keys given twice are counted once")
    if known is not None:
        for k in out:
            if k not in known:
                hint = ""
                alt = [x for x in known if x.lstrip("0") == k.lstrip("0")]
                if alt:
                    hint = f" (the layer has {alt[0]!r}: leading zeros?)"
                problems.add(f"{where}, column {column!r}: unit key {k!r} is not in the layer{hint}")
    return out


def _goals(row, goal_cols, where, catalogue, start, problems, decimal: str = ",") -> list[Goal]:
    out = []
    ids = catalogue.ids if catalogue is not None else None
    for n in sorted({n for n, _ in goal_cols}):
        ci_, cv, cy = (goal_cols[(n, p)] for p in ("indicator", "value", "year"))
        ind, (val, bad), year_cell = _text(row[ci_]), _number(row[cv], decimal), row[cy]
        empty = not ind and val is None and bad is None and not _text(year_cell)
        if empty:
            continue
        gw = f"{where}, goal {n}"
        if not ind:
            problems.add(f"{gw}, column {ci_!r}: the indicator is missing")
        elif ids is not None and ind not in ids:
            problems.add(f"{gw}, column {ci_!r}: indicator {ind!r} is not in the catalogue (ids: {', '.join(ids)})")
        if bad is not None:
            problems.add(f"{gw}, column {cv!r}: {bad!r} is not a number (German format: 12,5 or 1.250)")
        elif val is None:
            problems.add(f"{gw}, column {cv!r}: the goal value is missing")
        year = _year(year_cell, gw, cy, problems, True)
        if year is not None and start is not None and year < start:
            problems.add(f"{gw}, column {cy!r}: the goal year {year} is before the start year {start}")
        if ind and val is not None and year is not None:
            out.append(Goal(n, ind, val, year))
    return out


def register_from_frame(
    frame: pd.DataFrame,
    source: str,
    where=None,
    unit_keys=None,
    catalogue: Catalogue | None = None,
    layer: bool = False,
    decimal: str = ",",
) -> Register:
    """The register of a frame of cells (numbers, texts, None), validated.

    ``where(index)`` names a row in messages ('line 4', 'feature 7');
    ``unit_keys``: the layer's keys (unknown keys are errors); ``catalogue``:
    goal indicators must be its ids. Every problem is collected and raised
    together as one :class:`MeasuresError`."""
    plain, goal_cols, ignored = column_map(source, list(frame.columns), layer)
    warnings: list[str] = []
    if ignored and not layer:
        warnings.append(f"{source}: column(s) not used: {', '.join(ignored)}")
    where = where or (lambda ix: f"row {ix}")
    known = None if unit_keys is None else {str(k): str(k) for k in unit_keys if k is not None}
    problems = _Problems(source)
    seen: dict[str, str] = {}
    measures: list[Measure] = []
    for ix, row in frame.iterrows():
        if all(_text(v) == "" for v in row.tolist()):
            continue
        w = f"{source}, {where(ix)}"
        mid = _text(row[plain["id"]])
        if not mid:
            problems.add(f"{w}, column {plain['id']!r}: the measure has no id")
            continue
        if mid in seen:
            problems.add(f"{w}, column {plain['id']!r}: duplicate id {mid!r} (first at {seen[mid]})")
            continue
        seen[mid] = where(ix)
        w = f"{w} (measure {mid!r})"
        start = _year(row[plain["start_year"]], w, plain["start_year"], problems, True)
        end = _year(row[plain["end_year"]], w, plain["end_year"], problems, False) if "end_year" in plain else None
        if start is not None and end is not None and end < start:
            problems.add(f"{w}, column {plain['end_year']!r}: the end year {end} is before the start year {start}")
        budget = None
        if "budget" in plain:
            budget, bad = _number(row[plain["budget"]], decimal)
            if bad is not None:
                problems.add(f"{w}, column {plain['budget']!r}: {bad!r} is not a number (German format: 1.250.000)")
        units = _units(row[plain["units"]], w, plain["units"], known, problems, warnings)
        goals = _goals(row, goal_cols, w, catalogue, start, problems, decimal)
        measures.append(
            Measure(
                id=mid,
                title=(_text(row[plain["title"]]) if "title" in plain else "") or mid,
                topic=_text(row[plain["topic"]]) if "topic" in plain else "",
                units=units,
                start_year=start or 0,
                end_year=end,
                budget=budget,
                responsible=_text(row[plain["responsible"]]) if "responsible" in plain else "",
                goals=goals,
                where=w,
            )
        )
    problems.raise_any()
    if not measures:
        raise MeasuresError(f"{source}: the measures register has no measures")
    return Register(source, measures, warnings)


def read_register(path: str, sheet: str | None = None, unit_keys=None, catalogue: Catalogue | None = None) -> Register:
    """The measures register of a CSV, XLSX or ODS file (see the module docstring).

    Read as cell texts (``tables.read_raw``: encodings, separators, header
    rows as for every table), so that short titles such as "x" stay text;
    numbers are parsed cell by cell with the German conventions."""
    try:
        names, rows, lines = read_raw(path, sheet)
    except TableError as e:
        raise MeasuresError(str(e)) from e
    width = len(names)
    grid = [(list(r[:width]) + [""] * (width - len(r))) for r in rows]
    frame = pd.DataFrame(grid, columns=names, index=pd.Index(lines), dtype=object)
    sheet_file = os.path.splitext(path)[1].lower() in (".xlsx", ".xlsm", ".ods")
    word = "row" if sheet_file else "line"
    return register_from_frame(
        frame, path, lambda ix: f"{word} {ix}", unit_keys, catalogue, decimal="." if sheet_file else ","
    )


# --------------------------------------------------------------------------
# the series and the area values


@dataclass
class IndicatorSeries:
    """One indicator over the years with what rebuilding an area needs."""

    indicator: Indicator
    years: list[int]
    values: np.ndarray  # units × years
    signs: list  # per year: sign per unit or None
    city: np.ndarray  # per year
    by_year: dict  # year -> indicators._YearValue (numerators, denominators, weights)

    def index(self, year: int) -> int:
        return self.years.index(year)


def series(
    data: pd.DataFrame, catalogue: Catalogue, keys, warnings: list[str], only=None
) -> dict[str, IndicatorSeries]:
    """Every indicator with at least two years in the layer (``monitoring.gather``),
    with its numerators, denominators and weights per year."""
    found = cm.gather(data, catalogue, keys, None, warnings)
    out = {}
    zeros: dict = {}
    for s in found:
        if only is not None and s.indicator.id not in only:
            continue
        info = ci.plan(catalogue, list(data.columns), only=[s.indicator.id])[0]
        info.columns = [c for c in info.columns if c.year in s.years]
        by_year = ci.year_values(info, data, keys, zeros, None, ".")
        out[s.indicator.id] = IndicatorSeries(s.indicator, list(s.years), s.values, s.signs, s.reference, by_year)
    return out


def has_value(ind: Indicator, yv) -> np.ndarray:
    """Units that count in a rebuilt value of that year."""
    if ind.from_counts:
        return ~np.isnan(yv.num) & ~np.isnan(yv.den)
    ok = ~np.isnan(yv.val)
    if yv.weight is not None:
        ok &= ~np.isnan(yv.weight)
    return ok


def pooled(ind: Indicator, yv, members: np.ndarray) -> float:
    """The indicator over the units ``members`` (boolean or positions):
    Σ num / Σ den × multiplier; a ready rate weighted by its weight column
    (the plain mean without one). NaN when no member has a value."""
    m = np.zeros(len(yv.val), dtype=bool)
    m[members] = True
    ok = m & has_value(ind, yv)
    if not ok.any():
        return float("nan")
    if ind.from_counts:
        den = yv.den[ok].sum()
        return float(yv.num[ok].sum() / den * ind.multiplier) if den != 0 else float("nan")
    if yv.weight is not None:
        w = yv.weight[ok].sum()
        return float((yv.val[ok] * yv.weight[ok]).sum() / w) if w != 0 else float("nan")
    return float(yv.val[ok].mean())


def direction(ind: Indicator, goal: float, base: float) -> int:
    """+1: lower is the goal's side; -1: higher is (see the module docstring)."""
    if ind.polarity:
        return ind.polarity
    return 1 if goal <= base else -1


def path_value(base_year: int, base: float, goal: Goal, year: int) -> float:
    if year >= goal.year or goal.year <= base_year:
        return goal.value
    return base + (goal.value - base) * (year - base_year) / (goal.year - base_year)


_EPS = 1e-9


def status(d: int, value: float, goal: float, path: float, base: float) -> str:
    if value != value or base != base:
        return NO_DATA
    tol = _EPS * max(1.0, abs(goal))
    if d * (value - goal) <= tol:
        return REACHED
    if d * (value - path) <= tol:
        return ON_COURSE
    return OFF_COURSE


def base_year(years: list[int], area: list[float], start: int) -> tuple[int | None, str]:
    """The base year and a note when it is not the start year."""
    with_value = [y for y, v in zip(years, area) if v == v]
    if not with_value:
        return None, "kein Wert für die Raumeinheiten der Maßnahme in irgendeinem Jahr"
    before = [y for y in with_value if y <= start]
    if before:
        b = before[-1]
        return b, "" if b == start else f"kein Wert für {start}: Ausgangsjahr {b}"
    b = with_value[0]
    if start < years[0]:
        return b, f"Maßnahme begann {start}, vor dem ersten Jahr mit Daten ({years[0]}): Ausgangsjahr {b}"
    return b, f"kein Wert für {start} oder früher: Ausgangsjahr {b}"


def missing_units(s: IndicatorSeries, k: int, positions, keys) -> list[str]:
    """'0107 (.)' for the measure's units without a value in year index k."""
    yv = s.by_year[s.years[k]]
    ok = has_value(s.indicator, yv)
    out = []
    signs = s.signs[k]
    for p in positions:
        if not ok[p]:
            sign = signs[p] if signs is not None and signs[p] is not None else None
            out.append(f"{keys[p]} ({sign})" if sign else str(keys[p]))
    return out


GOAL_COLUMNS = [
    ("measure_id", "text"),
    ("title", "text"),
    ("topic", "text"),
    ("goal_no", "integer"),
    ("indicator", "text"),
    ("indicator_label", "text"),
    ("polarity", "integer"),
    ("year", "integer"),
    ("base_year", "integer"),
    ("base_value", "number"),
    ("area_value", "number"),
    ("city_value", "number"),
    ("area_city_diff", "number"),
    ("goal_value", "number"),
    ("goal_year", "integer"),
    ("path_value", "number"),
    ("status", "text"),
    ("latest", "integer"),
    ("units_n", "integer"),
    ("units_used", "integer"),
    ("units_missing", "text"),
    ("note", "text"),
]


@dataclass
class GoalResult:
    frame: pd.DataFrame  # one row per measure, goal and year (GOAL_COLUMNS)
    kinds: list[tuple[str, str]]
    register: Register
    series: dict[str, IndicatorSeries]
    warnings: list[str] = field(default_factory=list)
    keys: np.ndarray | None = None  # the units' keys, in the order of the layer


def positions_of(measure: Measure, keys) -> np.ndarray:
    index = {str(k): i for i, k in enumerate(keys)}
    return np.array([index[k] for k in measure.units if k in index], dtype=np.int64)


def area_series(s: IndicatorSeries, pos: np.ndarray) -> list[float]:
    return [pooled(s.indicator, s.by_year[y], pos) for y in s.years]


def goal_rows(measure: Measure, goal: Goal, s: IndicatorSeries, keys) -> list[dict]:
    """The rows of one goal (see the module docstring)."""
    pos = positions_of(measure, keys)
    area = area_series(s, pos)
    b, note = base_year(s.years, area, measure.start_year)
    common = {
        "measure_id": measure.id,
        "title": measure.title,
        "topic": measure.topic,
        "goal_no": goal.number,
        "indicator": s.indicator.id,
        "indicator_label": s.indicator.name,
        "polarity": s.indicator.polarity,
        "goal_value": goal.value,
        "goal_year": goal.year,
        "units_n": len(pos),
    }
    if b is None:
        return [{**common, "year": s.years[-1], "status": NO_DATA, "latest": 1, "units_used": 0, "note": note}]
    kb = s.index(b)
    base = area[kb]
    d = direction(s.indicator, goal.value, base)
    rows = []
    for k in range(kb, len(s.years)):
        y = s.years[k]
        v = area[k]
        used = int(has_value(s.indicator, s.by_year[y])[pos].sum())
        p = path_value(b, base, goal, y)
        row = {
            **common,
            "year": y,
            "base_year": b,
            "base_value": base,
            "area_value": v,
            "city_value": s.city[k],
            "area_city_diff": v - s.city[k],
            "path_value": p,
            "status": None if y == b else status(d, v, goal.value, p, base),
            "latest": 0,
            "units_used": used,
            "units_missing": ", ".join(missing_units(s, k, pos, keys)) or None,
            "note": note or None,
        }
        rows.append(row)
    rows[-1]["latest"] = 1
    if len(rows) == 1:
        rows[0]["status"] = NO_DATA
        rows[0]["note"] = "; ".join(x for x in (note, f"kein Jahr mit Daten nach dem Ausgangsjahr {b}") if x)
    return rows


def check_goals(register: Register, found: dict[str, IndicatorSeries], catalogue: Catalogue) -> None:
    problems = _Problems(register.source)
    for m in register:
        for g in m.goals:
            if g.indicator not in found:
                problems.add(
                    f"{m.where}, goal {g.number}: indicator {g.indicator!r} has no yearly series in the layer "
                    f"(fields <column>_<year> for two or more years; indicators with a series: "
                    f"{', '.join(found) or 'none'})"
                )
    problems.raise_any()


def compute_goals(data: pd.DataFrame, catalogue: Catalogue, register: Register, keys=None) -> GoalResult:
    """The goal status of every measure, goal and year (see the module docstring)."""
    keys = np.asarray(data.index if keys is None else keys, dtype=object)
    warnings = list(register.warnings)
    found = series(data, catalogue, keys, warnings)
    check_goals(register, found, catalogue)
    rows = []
    for m in register:
        if not m.goals:
            warnings.append(f"measure {m.id!r}: no goals")
        for g in m.goals:
            rows += goal_rows(m, g, found[g.indicator], keys)
    frame = pd.DataFrame(rows, columns=[c for c, _ in GOAL_COLUMNS])
    for c, kind in GOAL_COLUMNS:
        if kind != "text":
            frame[c] = pd.to_numeric(frame[c], errors="coerce").astype("float64")
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    for s in found.values():
        if not s.indicator.from_counts and s.by_year[s.years[0]].weight is None:
            warnings.append(
                f"indicator {s.indicator.id!r}: a ready rate without weight column: the area value is the "
                f"plain mean of its units' rates"
            )
    return GoalResult(frame, list(GOAL_COLUMNS), register, found, warnings, keys)


# --------------------------------------------------------------------------
# the report


def goal_sentence(row: dict, ind: Indicator, lang: str = "de") -> str:
    """'Arbeitslosigkeit 2019: 6,12 % (Ziel 5,50 % bis 2022, Pfad 6,40 %): auf Kurs'."""
    dec = ind.decimals
    unit = ind.unit

    def v(x):
        return with_unit(number(x, dec, lang=lang), unit) if x == x and x is not None else "–"

    year, goal_year = int(row["year"]), int(row["goal_year"])
    if row.get("area_value") is None or row["area_value"] != row["area_value"]:
        return f"{ind.name} {year}: {i18n.tr('no value', lang)}"
    return (
        f"{ind.name} {year}: {v(row['area_value'])} ({i18n.tr('goal', lang)} {v(row['goal_value'])} "
        f"{i18n.tr('by', lang)} {goal_year}, {i18n.tr('path', lang)} {v(row['path_value'])}; "
        f"{i18n.tr('city', lang)} {v(row['city_value'])})"
    )


def report(result: GoalResult, names=None, lang: str = "de") -> dict:
    """The content of the goal report: per measure its goals with the series."""
    import datetime as _dt

    frame = result.frame
    measures = []
    counts = {s: 0 for s in STATUSES}
    for m in result.register:
        goals = []
        for g in m.goals:
            s = result.series[g.indicator]
            ind = s.indicator
            rows = frame[(frame["measure_id"] == m.id) & (frame["goal_no"] == g.number)].to_dict("records")
            latest = rows[-1]
            st = latest["status"] or NO_DATA
            counts[st] += 1
            dec = ind.decimals

            def fmt(x, signed=False, _dec=dec):
                return "" if x is None or x != x else number(x, _dec, signed, lang=lang)

            goals.append(
                {
                    "number": g.number,
                    "indicator": ind.id,
                    "label": ind.name,
                    "unit": ind.unit,
                    "diff_unit": diff_unit(ind.unit),
                    "polarity": ind.polarity,
                    "goal": fmt(g.value),
                    "goal_year": g.year,
                    "status": st,
                    "base_year": None
                    if latest.get("base_year") != latest.get("base_year")
                    else int(latest["base_year"]),
                    "note": latest.get("note") or "",
                    "sentence": goal_sentence(latest, ind, lang),
                    "years": [
                        {
                            "year": int(r["year"]),
                            "area": fmt(r["area_value"]),
                            "city": fmt(r["city_value"]),
                            "path": fmt(r["path_value"]),
                            "status": r["status"] or "",
                            "units": f"{int(r['units_used'])}/{int(r['units_n'])}"
                            if r["units_used"] == r["units_used"]
                            else "",
                            "missing": r.get("units_missing") or "",
                        }
                        for r in rows
                    ],
                }
            )
        measures.append(
            {
                "id": m.id,
                "title": m.title,
                "topic": m.topic,
                "units": m.units,
                "unit_names": [names.get(k, "") for k in m.units] if names else [],
                "start_year": m.start_year,
                "end_year": m.end_year or "",
                "budget": "" if m.budget is None else number(m.budget, 0, lang=lang),
                "responsible": m.responsible,
                "goals": goals,
            }
        )
    return {
        "created": _dt.datetime.now().isoformat(timespec="seconds"),
        "source": result.register.source,
        "years": sorted({y for s in result.series.values() for y in s.years}),
        "measures": measures,
        "counts": counts,
        "method": i18n.tr(METHOD_TEXT, lang),
        "warnings": result.warnings,
    }


METHOD_TEXT = (
    "The area value is the indicator rebuilt over the measure's units (sum of numerators / sum of "
    "denominators; ready rates weighted by their population), never a mean of rates. The path runs "
    "straight from the value in the base year (the start year, or the first year with data) to the goal "
    "in the goal year. Status: 'erreicht' when the goal is met, 'auf Kurs' when the path is met or "
    "beaten, 'nicht auf Kurs' otherwise, 'keine Daten' without a value. The status says whether the "
    "indicator moved as planned, not why."
)

i18n.register(
    {
        "Measures and goals": "Maßnahmen und Ziele",
        "Measure": "Maßnahme",
        "Measures": "Maßnahmen",
        "Goal": "Ziel",
        "Goals": "Ziele",
        "goal": "Ziel",
        "by": "bis",
        "path": "Pfad",
        "city": "Stadt",
        "no value": "kein Wert",
        "Topic": "Handlungsfeld",
        "Units": "Raumeinheiten",
        "Period": "Laufzeit",
        "Budget": "Budget",
        "Responsible": "Verantwortlich",
        "Year": "Jahr",
        "Area": "Maßnahmengebiet",
        "City": "Stadt",
        "Path": "Pfad",
        "Status": "Status",
        "Units with a value": "Einheiten mit Wert",
        "Without a value": "Ohne Wert",
        "Method": "Methode",
        "Register": "Register",
        "Goal status (latest year)": "Zielstatus (letztes Jahr)",
        "Base year": "Ausgangsjahr",
        "Note": "Hinweis",
        "Indicator": "Indikator",
        "Years": "Jahre",
        METHOD_TEXT: (
            "Der Gebietswert ist der Indikator, über die Raumeinheiten der Maßnahme neu gebildet (Summe der "
            "Zähler / Summe der Nenner; fertige Quoten mit ihrer Bevölkerung gewichtet), nie ein Mittel von "
            "Quoten. Der Pfad führt geradlinig vom Wert im Ausgangsjahr (dem Beginn, oder dem ersten Jahr mit "
            "Daten) zum Ziel im Zieljahr. Status: 'erreicht', wenn das Ziel erreicht ist, 'auf Kurs', wenn der "
            "Pfad erreicht oder übertroffen ist, sonst 'nicht auf Kurs', 'keine Daten' ohne Wert. Der Status "
            "sagt, ob sich der Indikator wie geplant bewegt hat, nicht warum."
        ),
    }
)
