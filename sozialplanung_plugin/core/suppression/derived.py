"""Derived values: everything computed from a withheld count of a unit is
withheld. The indicator's value, difference, ratio, z-score, percentile,
flag, the value of that year, the change when its year or base year is
withheld, the burden fields when a core indicator is withheld, the status
(dynamics) index fields when an indicator of that index is withheld. The
reference value (``<id>_ref``) stays: it is the published total. With
MIN_POPULATION, units below it (or without population) publish no rates and
nothing computed from rates ("primary"). A derived cell takes the strongest
mark of its sources (primary wins)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .. import fields as fn
from ..catalogue import Catalogue
from .plan import (
    BURDEN_FIELDS,
    DYNAMICS_FIELDS,
    STATUS_FIELDS,
    THEME_PARTS,
    IndicatorCells,
    Plan,
    derived_field_names,
)
from .rule import PRIMARY, SuppressionError, SuppressionRule, population_columns


def _worst(states, n: int | None = None) -> np.ndarray:
    """Per unit the strongest mark of several states (primary over secondary)."""
    out = None
    for s in states:
        out = s if out is None else np.maximum(out, s)
    return out if out is not None else np.zeros(n or 0, dtype=np.int8)


def mark_derived(mark, frame: pd.DataFrame, plan: Plan, rule: SuppressionRule, state, catalogue, warnings) -> int:
    """Withhold the fields computed from withheld counts (``state``: per count
    field of the plan, per unit) with ``mark(name, state)``; returns the cells withheld."""
    existing = set(frame.columns)
    col_of = {c: j for j, c in enumerate(plan.counts)}
    pop_state = population_state(frame, rule)
    done = 0
    val_state: dict[str, np.ndarray] = {}
    chg_state: dict[str, np.ndarray] = {}
    for ic in plan.indicators:
        year_state = {y: _year_state(ic, y, state, col_of, pop_state, len(frame)) for y in ic.years}
        val_state[ic.id], chg_state[ic.id] = indicator_states(frame, ic.id, year_state, existing)
        done += _mark_indicator(mark, frame, ic, year_state, val_state[ic.id], chg_state[ic.id])
    if catalogue is not None:
        done += _mark_unit_fields(frame, catalogue, val_state, chg_state, mark, existing)
    elif any(c in existing for c in (fn.BURDEN_CLASS, fn.STATUS_INDEX, fn.DYNAMICS_INDEX)):
        warnings.append(
            "the layer has burden or index fields but no catalogue was given: they cannot be traced "
            "to their indicators and are NOT protected; give CATALOGUE"
        )
    return done


def population_state(frame: pd.DataFrame, rule: SuppressionRule) -> dict:
    """Year (None: without year) -> per unit PRIMARY where the population is
    below MIN_POPULATION or missing, else 0. Empty without MIN_POPULATION."""
    pop_cols = population_columns(rule.population_field, frame.columns) if rule.min_population > 0 else {}
    pop_state: dict = {}
    for y, col in pop_cols.items():
        p = frame[col]
        if p.dtype == object:
            raise SuppressionError(f"population field {col!r} is not numeric")
        x = p.to_numpy(dtype="float64")
        with np.errstate(invalid="ignore"):
            pop_state[y] = np.where(np.isnan(x) | (x < rule.min_population), PRIMARY, 0).astype(np.int8)
    return pop_state


def _year_state(ic: IndicatorCells, y, state, col_of: dict, pop_state: dict, n: int) -> np.ndarray:
    """The state of an indicator's value of year ``y``: the worst of its counts and its population."""
    if not pop_state:
        s = np.zeros(n, dtype=np.int8)
    else:
        s = pop_state.get(y, pop_state[None]).copy()
    for c in ic.counts.get(y, []):
        s = np.maximum(s, state[col_of[c]])
    return s


def indicator_states(frame: pd.DataFrame, ind_id: str, year_state: dict, existing) -> tuple[np.ndarray, np.ndarray]:
    """(state of the indicator's value, state of its change), from the states per year.

    The value is that of the reporting year: the year whose value field equals
    ``<id>_val`` (computeindicators may have been run with an earlier YEAR);
    if that cannot be told, every year. The change also depends on the base
    year (the year whose value equals val - chg), else on every year."""
    years = list(year_state)
    val_fields = {y: fn.measure(ind_id, "val", y) for y in years if y is not None}
    val_fields = {y: c for y, c in val_fields.items() if c in existing}
    val_name = fn.measure(ind_id, "val")
    if val_fields and val_name in existing:
        rep_years = _matching_years(frame, frame[val_name], val_fields) or list(val_fields)
    else:
        rep_years = [years[-1]]
    cur = _worst(year_state[y] for y in rep_years)
    chg_name = fn.change(ind_id)
    chg = cur
    if chg_name in existing and len(years) > 1:
        base = []
        if val_name in existing and len(rep_years) == 1:
            target = frame[val_name].astype("float64") - frame[chg_name].astype("float64")
            base = _matching_years(frame, target, {y: c for y, c in val_fields.items() if y != rep_years[0]})
        chg = _worst([cur] + [year_state[y] for y in (base or years)])
    return cur, chg


def _matching_years(frame: pd.DataFrame, target: pd.Series | None, candidates: dict) -> list:
    """The years whose field equals ``target`` wherever the target has a value."""
    if target is None or not candidates:
        return []
    t = target.to_numpy(dtype="float64")
    ok = ~np.isnan(t)
    if not ok.any():
        return []
    hits = []
    for y, col in candidates.items():
        x = frame[col].to_numpy(dtype="float64")[ok]
        if np.isclose(t[ok], x, rtol=1e-9, atol=1e-9).all():
            hits.append(y)
    return hits


def _mark_indicator(mark, frame: pd.DataFrame, ic: IndicatorCells, year_state: dict, cur, chg) -> int:
    """The fields of one indicator: ``<id>_val_<year>`` by its year, the change
    (and its z-score) by ``chg``, the rest by ``cur``; ready rate columns by year."""
    val_name = fn.measure(ic.id, "val")
    chg_name = fn.change(ic.id)
    done = 0
    for name in derived_field_names(ic.id, list(frame.columns)):
        m = re.fullmatch(re.escape(val_name) + r"_((?:19|20)\d\d)", name)
        if m:
            st_arr = year_state.get(int(m.group(1)), cur)
        elif name in (chg_name, fn.index_z(chg_name)):
            st_arr = chg
        else:
            st_arr = cur
        done += mark(name, st_arr)
    for y, rc in ic.rates.items():  # a ready rate column: MIN_POPULATION only
        done += mark(rc, year_state[y])
    return done


def _mark_unit_fields(frame, catalogue: Catalogue, val_state, chg_state, mark, existing) -> int:
    """Burden and index fields of a unit: withheld when one of their indicators is."""
    n = len(frame)

    def worst(states):
        return _worst(list(states), n)

    done = 0
    core = [i.id for i in catalogue.core_indicators() if i.id in val_state]
    burden = worst(val_state[i] for i in core)
    for f_ in BURDEN_FIELDS:
        if f_ in existing:
            done += mark(f_, burden)
    # as in composite.py: indicators with index status (dynamics) and a polarity enter the index
    status_inds = [i for i in catalogue.for_index("status") if i.polarity != 0]
    dyn_inds = [i for i in catalogue.for_index("dynamics") if i.polarity != 0]
    status = worst(val_state[i.id] for i in status_inds if i.id in val_state)
    if dyn_inds:
        dyn = worst(val_state[i.id] for i in dyn_inds if i.id in val_state)
    else:
        dyn = worst(chg_state[i.id] for i in status_inds if i.id in chg_state)
    for f_ in STATUS_FIELDS:
        if f_ in existing:
            done += mark(f_, status)
    topics = list(dict.fromkeys(i.topic for i in status_inds))
    for j, t in enumerate(topics, start=1):
        st = worst(val_state[i.id] for i in status_inds if i.topic == t and i.id in val_state)
        for what in THEME_PARTS:
            if fn.theme(j, what) in existing:
                done += mark(fn.theme(j, what), st)
    for f_ in DYNAMICS_FIELDS:
        if f_ in existing:
            done += mark(f_, dyn)
    if fn.SDI_CLASS in existing:
        done += mark(fn.SDI_CLASS, np.maximum(status, dyn))
    return done
