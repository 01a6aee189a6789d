"""Reading the layer frame as it may be published: the fields a profile reads,
published values and signs column by column (``suppression.published()``:
a withheld cell is missing even if a later step filled it again), the
city-wide value, the years of an indicator and the units below the rule's
MIN_POPULATION."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .. import fields as fn
from .. import monitoring as cm
from .. import suppression as cs
from ..catalogue import Catalogue, Indicator, resolve
from ..errors import UserError
from .model import CitySeries

WATCH_FLAG = "watch_flag"
WATCH_FLAGS = "watch_flags"
WATCH_SINCE = "watch_since"
WATCH_REASON = "watch_reason"
WATCH_FIELDS = (WATCH_FLAG, WATCH_FLAGS, WATCH_SINCE, WATCH_REASON)


#: the fields of the burden rule, the indices and the suppression rule a profile reads
_CLASS_AND_RULE_FIELDS = (
    fn.BURDEN_CLASS,
    fn.BURDEN_CODE,
    fn.BURDEN_FLAGS,
    fn.BURDEN_RULE,
    fn.STATUS_INDEX,
    fn.STATUS_CLASS,
    fn.STATUS_LABEL,
    fn.DYNAMICS_INDEX,
    fn.DYNAMICS_CLASS,
    fn.DYNAMICS_LABEL,
    fn.SUPPRESSION_RULE,
)


def _base_fields(
    columns, catalogue: Catalogue, key_field: str, name_field: str | None, population_field: str | None = None
) -> list[str]:
    """The layer fields a profile reads (values, signs, marks, classes, the rule
    and the population field of its MIN_POPULATION)."""
    cols = list(columns)
    have = set(cols)
    want = [key_field, name_field, population_field]
    for ind in catalogue:
        for m in ("val", "ref", "diff", "ratio"):
            want.append(fn.measure(ind.id, m))
        want += [fn.flag(ind.id), fn.change(ind.id), fn.ref_change(ind.id)]
        want += [fn.measure(ind.id, "val", y) for y in years_of(ind, cols)]
    want += _CLASS_AND_RULE_FIELDS
    base = [c for c in dict.fromkeys(w for w in want if w) if c in have]
    extra = [c for w in base for c in (fn.sign_of(w), fn.supp_of(w)) if c in have]
    return list(dict.fromkeys(base + extra))


EST_SUFFIX = "_est"
#: a count whose share of estimate is above this is marked as estimated in print (1 %: slivers stay exact)
ESTIMATE_SHARE = 0.01


# --------------------------------------------------------------------------
# sozialplanung:facilitysupply: per category c the fields <c>_<suffix>, and the supply gap

SUPPLY_SUFFIXES = (
    "n",
    "cap",
    "cap_sign",
    "per1000",
    "per1000_sign",
    "ref",
    "ratio",
    "access",
    "access_ratio",
    "dist_m",
    "reach_pct",
    "note",
    "label",
)
SUPPLY_GAP = "supply_gap"
SUPPLY_GAP_REASON = "supply_gap_reason"


def supply_categories(cols) -> list[str]:
    """The categories c of the layer: ``<c>_n``, ``<c>_per1000`` and ``<c>_note`` all present, in field order."""
    have = set(cols)
    out = []
    for c in cols:
        m = re.match(r"^(.+)_per1000$", c)
        if m and f"{m.group(1)}_n" in have and f"{m.group(1)}_note" in have:
            out.append(m.group(1))
    return out


def supply_label(f, category: str) -> str:
    """The printed name of a category: the first non-empty ``<c>_label`` of the layer, else the id."""
    name = f"{category}_label"
    if f.has(name):
        for v in f.values(name):
            if v is not None and str(v).strip() and str(v).strip() != "nan":
                return str(v).strip()
    return category


def supply_columns(cols) -> list[str]:
    """Every supply field of the layer (categories' fields, supply_gap, supply_gap_reason)."""
    have = set(cols)
    out = [f"{c}_{s}" for c in supply_categories(cols) for s in SUPPLY_SUFFIXES]
    out += [SUPPLY_GAP, SUPPLY_GAP_REASON]
    return [c for c in out if c in have]


def supply_fields(cols) -> list[str]:
    """The fields of sozialplanung:facilitysupply the profile page prints."""
    return supply_columns(cols)


def needed_fields(
    columns, catalogue: Catalogue, key_field: str, name_field: str | None, population_field: str | None = None
) -> list[str]:
    """The layer fields a profile reads (:func:`_base_fields`), and
    for the monitoring parts the comparison levels' values, the yearly inputs
    of the city's series and the early warning."""
    cols = list(columns)
    have = set(cols)
    base = _base_fields(cols, catalogue, key_field, name_field, population_field)
    extra = [
        fn.measure(i.id, f"{m}_{lv}")
        for lv in level_fields(cols, catalogue)
        for i in catalogue
        for m in ("ref", "rank")
    ]
    extra += yearly_input_fields(cols, catalogue) + list(WATCH_FIELDS)
    extra += [fn.ACTION_FIELDS, fn.ACTION_FIELDS_N]
    # interpolateunits' share of estimate beside a count (<field>_est), for the marks of estimated values
    extra += [c for c in cols if c.endswith(EST_SUFFIX) and c[: -len(EST_SUFFIX)] in have]
    extra += supply_fields(cols)
    extra = [c for c in extra if c in have]
    extra += [s for c in extra for s in (fn.sign_of(c), fn.supp_of(c)) if s in have]
    return list(dict.fromkeys(base + extra))


class PublishedFields:
    """Published values and signs of a frame, column by column, cached."""

    def __init__(self, frame: pd.DataFrame, rule: cs.SuppressionRule | None):
        self.frame = frame
        self.rule = rule
        self._values: dict[str, np.ndarray] = {}
        self._signs: dict[str, np.ndarray] = {}
        self._hidden: dict[str, np.ndarray] = {}

    def has(self, name: str) -> bool:
        return name in self.frame.columns

    def values(self, name: str) -> np.ndarray:
        if name not in self._values:
            if not self.has(name):
                self._values[name] = np.full(len(self.frame), np.nan)
            else:
                s = cs.published(self.frame, name)
                self._values[name] = s.to_numpy(dtype=object if s.dtype == object else "float64")
        return self._values[name]

    def floats(self, name: str) -> np.ndarray | None:
        """The published values as float64, None when the field is not in the frame."""
        return self.values(name).astype("float64") if self.has(name) else None

    def hidden(self, name: str) -> np.ndarray:
        """Withheld by a mark (``_supp``)."""
        if name not in self._hidden:
            self._hidden[name] = (
                cs.is_suppressed(self.frame, name).to_numpy() if self.has(name) else np.zeros(len(self.frame), bool)
            )
        return self._hidden[name]

    def signs(self, name: str) -> np.ndarray:
        if name not in self._signs:
            sc = fn.sign_of(name)
            if sc in self.frame.columns:
                arr = self.frame[sc].to_numpy(dtype=object).copy()
            else:
                arr = np.empty(len(self.frame), dtype=object)
            hid = self.hidden(name)
            if hid.any():
                arr[hid] = self.rule.sign if self.rule is not None else "."
            self._signs[name] = arr
        return self._signs[name]


def constant(values: np.ndarray) -> float | None:
    """The one value of a column when all present values are equal (the city-wide value)."""
    v = values[~np.isnan(values)]
    if len(v) and np.allclose(v, v[0], rtol=0, atol=1e-9):
        return float(v[0])
    return None


def years_of(ind: Indicator, columns) -> list[int]:
    """The years of the indicator's value fields (``<id>_val_<year>``), ascending."""
    pat = re.compile(re.escape(fn.measure(ind.id, "val")) + r"_((?:19|20)\d\d)$")
    return sorted(int(m.group(1)) for c in columns if (m := pat.match(c)))


def base_year(f: PublishedFields, ind: Indicator, years: list[int]) -> int | None:
    """The base year of ``<id>_chg``: the year whose value difference it is."""
    if len(years) < 2 or not f.has(fn.change(ind.id)):
        return None
    last = years[-1]
    chg = f.frame[fn.change(ind.id)].to_numpy(dtype="float64")
    now = f.frame[fn.measure(ind.id, "val", last)].to_numpy(dtype="float64")
    for y in reversed(years[:-1]):
        then = f.frame[fn.measure(ind.id, "val", y)].to_numpy(dtype="float64")
        d = now - then
        ok = ~np.isnan(d) & ~np.isnan(chg)
        if ok.any() and np.allclose(d[ok], chg[ok], rtol=0, atol=1e-6):
            return y
    return years[-2]


def below_population(frame: pd.DataFrame, rule: cs.SuppressionRule | None) -> np.ndarray:
    """Units that publish no rates under the rule's MIN_POPULATION (or have no population)."""
    n = len(frame)
    if rule is None or not rule.min_population or not rule.population_field:
        return np.zeros(n, dtype=bool)
    if rule.population_field not in frame.columns:
        return np.zeros(n, dtype=bool)
    pop = pd.to_numeric(frame[rule.population_field], errors="coerce").to_numpy(dtype="float64")
    return np.isnan(pop) | (pop < rule.min_population)


# --------------------------------------------------------------------------
# monitoring: comparison levels, yearly series, the early warning


def level_fields(columns, catalogue: Catalogue) -> list[str]:
    """The comparison fields F of COMPARE_FIELDS, in the order of the layer."""
    cols = list(columns)
    have = set(cols)
    out: list[str] = []
    for ind in catalogue:
        prefix = fn.measure(ind.id, "ref_")
        for c in cols:
            if c.startswith(prefix):
                level = c[len(prefix) :]
                if level and fn.measure(ind.id, f"rank_{level}") in have and level not in out:
                    out.append(level)
    return out


def level_label_map(text: str | None) -> dict[str, str]:
    """'BEZ=Bezirk;GEM=Gemeinde' -> {field: heading}; '*=Kreis' renames the whole layer's column."""
    out: dict[str, str] = {}
    for part in (text or "").split(";"):
        if "=" in part:
            k, v = part.split("=", 1)
            if k.strip() and v.strip():
                out[k.strip()] = v.strip()
    return out


def yearly_input_fields(columns, catalogue: Catalogue) -> list[str]:
    """The yearly fields ``<column>_<year>`` the city's series is computed from."""
    cols = list(columns)
    out: list[str] = []
    for ind in catalogue:
        try:
            found = resolve(ind, cols)
        except UserError:
            continue
        if len(found) >= 2 and found[0].year is not None:
            out += [c for x in found for c in x.inputs]
    return list(dict.fromkeys(out))


def series_of(frame: pd.DataFrame, catalogue: Catalogue, inds: list[Indicator]) -> dict[str, tuple]:
    """Per indicator with two years or more: (CitySeries, unit values n × T or
    None when the layer has the published ``<id>_val_<year>`` fields)."""
    cols = list(frame.columns)
    usable = []
    for ind in inds:
        try:
            found = resolve(ind, cols)
        except UserError:
            continue
        if len(found) >= 2 and found[0].year is not None:
            usable.append(ind)
    computed: dict[str, cm.Series] = {}
    if usable:
        try:
            keys = np.asarray(frame.index, dtype=object)
            for s in cm.gather(frame, Catalogue(catalogue.path, usable), keys, None, []):
                computed[s.indicator.id] = s
        except UserError:
            computed = {}
    out: dict[str, tuple] = {}
    for ind in inds:
        own = years_of(ind, cols)
        s = computed.get(ind.id)
        years = own if len(own) >= 2 else (list(s.years) if s is not None else [])
        if len(years) < 2:
            continue
        ref = [float(s.reference[s.years.index(y)]) if s is not None and y in s.years else np.nan for y in years]
        values = None if len(own) >= 2 else s.values
        out[ind.id] = (CitySeries(years, ref), values)
    return out


def unit_series(f: PublishedFields, ind: Indicator, years: list[int], computed: np.ndarray | None) -> np.ndarray:
    """The published values of every unit per year (n × T)."""
    if computed is not None:
        return np.asarray(computed, dtype="float64")
    return np.column_stack([f.values(fn.measure(ind.id, "val", y)).astype("float64") for y in years])


def has_watch(f: PublishedFields) -> bool:
    return f.has(WATCH_FLAG)


def watch_flags(f: PublishedFields) -> np.ndarray | None:
    return f.floats(WATCH_FLAGS)


def estimated_years(frame: pd.DataFrame, ind: Indicator) -> dict:
    """Per year of the indicator's inputs (None for a layer without years):
    True per unit where a count it rests on is an estimate of
    sozialplanung:interpolateunits (``<count>_est`` > ESTIMATE_SHARE). Empty
    without any ``_est`` field."""
    cols = list(frame.columns)
    if not any(c.endswith(EST_SUFFIX) for c in cols):
        return {}
    try:
        found = resolve(ind, cols)
    except UserError:
        return {}
    out = {}
    for c in found:
        est = [f"{x}{EST_SUFFIX}" for x in (c.numerator, c.denominator) if x and f"{x}{EST_SUFFIX}" in frame.columns]
        if est:
            share = frame[est].apply(pd.to_numeric, errors="coerce").to_numpy(dtype="float64")
            out[c.year] = np.nan_to_num(share, nan=0.0).max(axis=1) > ESTIMATE_SHARE
        else:  # every year is in the answer: the latest decides the printed value
            out[c.year] = np.zeros(len(frame), dtype=bool)
    return out if any(v.any() for v in out.values()) else {}
