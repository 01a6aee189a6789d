"""Sozialmonitoring: which units fall behind the city, for how long.

For every indicator ``i`` of the catalogue with data for several years, unit
``u`` and year ``t`` (``t_prev`` the previous year present in the series):

* ``v(t)`` the unit's value (rate from counts, as ``computeindicators``),
  ``r(t)`` the reference value (Σ numerators / Σ denominators of the whole
  layer; for ready rates the weighted mean, as ``computeindicators``);
* ``<id>_chg_<t>`` = v(t) − v(t_prev), ``<id>_ref_chg_<t>`` = r(t) − r(t_prev);
* ``<id>_excess_<t>`` = p · (chg − ref_chg) with the polarity p (+1: higher is
  worse, −1: higher is better): positive when the unit moved in the adverse
  direction faster than the city; not written for neutral indicators;
* ``<id>_slope`` = least-squares slope of v over the years (per year, over
  the years with a value, at least two), ``<id>_ref_slope`` the same for r;
* ``<id>_adverse_run`` = number of consecutive periods up to the latest with
  excess > 0 (a period without a value ends the run: missing is never 0).

Early warning, for the core indicators in the latest period: flagged when
the excess exceeds ``threshold`` (``difference``: in the indicator's own
unit, percentage points for rates in %; ``zscore``: in sample standard
deviations of that period's excess over the units with a value) or when the
adverse run is at least ``consecutive`` periods. ``<id>_watch`` 0/1 per core
indicator, ``watch_flags`` the number flagged, ``watch_flag`` = 1 when
``watch_flags >= min_flags``, ``watch_since`` the first year of the longest
current run among the flagged indicators, and ``watch_reason`` in words.
Missing and withheld values stay missing and are named in the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import fields as fn
from . import indicators as ci
from .catalogue import Catalogue, Indicator
from .errors import UserError
from .numbers import diff_unit, number, with_unit

MEASURES = ("difference", "zscore")


class MonitoringError(UserError):
    pass


@dataclass
class WatchRule:
    """The early-warning rule (recorded with every run)."""

    measure: str = "difference"
    threshold: float = 1.0
    min_flags: int = 1
    consecutive: int = 3

    def check(self) -> None:
        if self.measure not in MEASURES:
            raise MonitoringError(f"MEASURE: {self.measure!r} is not one of {', '.join(MEASURES)}")
        if not self.threshold >= 0:
            raise MonitoringError(f"THRESHOLD must be 0 or more (given {self.threshold})")
        if self.min_flags < 1:
            raise MonitoringError(f"MIN_FLAGS must be at least 1 (given {self.min_flags})")
        if self.consecutive < 1:
            raise MonitoringError(f"CONSECUTIVE must be at least 1 (given {self.consecutive})")


@dataclass
class Series:
    """One indicator over the years: values (units × years), signs, references."""

    indicator: Indicator
    years: list[int]
    values: np.ndarray  # n × T
    signs: list[np.ndarray | None]  # per year: the sign of a missing value, or None
    reference: np.ndarray  # T

    @property
    def polarity(self) -> int:
        return self.indicator.polarity


@dataclass
class MonitoringResult:
    frame: pd.DataFrame
    kinds: list[tuple[str, str]]
    series: list[Series]
    rule: WatchRule
    warnings: list[str] = field(default_factory=list)


def change_field(ind_id: str, year: int) -> str:
    return f"{ind_id}_chg_{year}"


def ref_change_field(ind_id: str, year: int) -> str:
    return f"{ind_id}_ref_chg_{year}"


def excess_field(ind_id: str, year: int) -> str:
    return f"{ind_id}_excess_{year}"


# --------------------------------------------------------------------------
# the series


def gather(
    data: pd.DataFrame,
    catalogue: Catalogue,
    keys,
    years: list[int] | None,
    warnings: list[str],
    withheld: dict | None = None,
    withheld_sign: str = ".",
):
    """Every indicator with at least two of the wanted years in the layer.
    ``withheld`` (as ``indicators.compute`` takes it): the rates of units below
    the data-protection rule's minimum population are missing with
    ``withheld_sign``; their counts still count in the city's value."""
    infos = ci.plan(catalogue, list(data.columns))
    grp = ci.Groups(None, len(data))
    zeros: dict = {}
    out = []
    for info in infos:
        if not info.multi_year:
            continue
        wanted = [c for c in info.columns if years is None or c.year in years]
        if years is not None:
            absent = sorted(set(years) - {c.year for c in info.columns})
            if absent:
                warnings.append(
                    f"indicator {info.indicator.id!r}: no data for {', '.join(map(str, absent))} in the layer"
                )
        if len(wanted) < 2:
            continue
        info.columns = wanted
        by_year = ci.year_values(info, data, keys, zeros, withheld or None, withheld_sign)
        ys = [c.year for c in wanted]
        vals = np.column_stack([by_year[y].val for y in ys])
        refs = []
        for y in ys:
            pub, _ = ci.published_for(info.indicator, by_year[y].columns, False, {})
            ref_g, _ = ci.reference_values(info.indicator, by_year[y], grp, pub, keys, None)
            refs.append(float(ref_g[0]) if len(ref_g) else np.nan)
        out.append(Series(info.indicator, ys, vals, [by_year[y].sign for y in ys], np.array(refs)))
    warnings += ci.zero_warnings(zeros, keys)
    if not out:
        found = sorted({c.year for info in infos if info.multi_year for c in info.columns})
        asked = f" among the years asked for ({', '.join(map(str, years))})" if years else ""
        raise MonitoringError(
            f"{catalogue.path}: no indicator has values for two or more years in the layer{asked}; "
            f"years found: {', '.join(map(str, found)) or 'none'} (fields <column>_<year>, as joinindicators "
            "writes them with FIELD_SUFFIX)"
        )
    return out


def slopes(values: np.ndarray, years: list[int]) -> np.ndarray:
    """Least-squares slope per row over the columns with a value (NaN below two)."""
    x = np.asarray(years, dtype="float64")
    v = np.atleast_2d(values)
    ok = ~np.isnan(v)
    n = ok.sum(axis=1)
    xs = np.where(ok, x, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        xm = xs.sum(axis=1) / n
        vm = np.where(ok, v, 0.0).sum(axis=1) / n
        dx = np.where(ok, x - xm[:, None], 0.0)
        dv = np.where(ok, v - vm[:, None], 0.0)
        sxx = (dx * dx).sum(axis=1)
        out = np.where((n >= 2) & (sxx > 0), (dx * dv).sum(axis=1) / np.where(sxx > 0, sxx, 1.0), np.nan)
    return out


def adverse_run(excess: np.ndarray) -> np.ndarray:
    """Per row, the number of consecutive last columns with excess > 0."""
    run = np.zeros(excess.shape[0])
    going = np.ones(excess.shape[0], dtype=bool)
    for k in range(excess.shape[1] - 1, -1, -1):
        with np.errstate(invalid="ignore"):
            going &= excess[:, k] > 0
        run += going
    return run


@dataclass
class Changes:
    chg: np.ndarray  # n × (T-1)
    ref_chg: np.ndarray  # T-1
    excess: np.ndarray | None  # n × (T-1), None for neutral indicators
    run: np.ndarray | None


def changes(s: Series) -> Changes:
    chg = np.diff(s.values, axis=1)
    ref_chg = np.diff(s.reference)
    if s.polarity == 0:
        return Changes(chg, ref_chg, None, None)
    excess = s.polarity * (chg - ref_chg[None, :])
    return Changes(chg, ref_chg, excess, adverse_run(excess))


def flags(excess_latest: np.ndarray, run: np.ndarray, rule: WatchRule) -> np.ndarray:
    """0/1 (NaN where the latest period has no value and the run cannot reach the rule)."""
    x = excess_latest
    if rule.measure == "zscore":
        ok = ~np.isnan(x)
        sd = np.std(x[ok], ddof=1) if ok.sum() > 1 else np.nan
        x = x / sd if sd > 0 else np.full_like(x, np.nan)
    with np.errstate(invalid="ignore"):
        hit = (x > rule.threshold) | (run >= rule.consecutive)
    return np.where(hit, 1.0, np.where(np.isnan(x), np.nan, 0.0))


# --------------------------------------------------------------------------
# reasons


def _period_word(years: list[int], k: int) -> str:
    yearly = all(b - a == 1 for a, b in zip(years, years[1:]))
    if yearly:
        return f"{k} Jahr in Folge ungünstig" if k == 1 else f"{k} Jahre in Folge ungünstig"
    return f"{k} Zeitraum in Folge ungünstig" if k == 1 else f"{k} Zeiträume in Folge ungünstig"


def reason_part(s: Series, c: Changes, u: int, latest: int | None = None) -> str:
    """'Kinderarmut +3,1 Pp. seit 2021, Stadt +0,4 Pp.; 3 Jahre in Folge ungünstig'.
    An indicator whose series ends before the ``latest`` year of the run
    says so: '... seit 2015 bis 2017, Stadt ...; kein Wert 2019'."""
    ind = s.indicator
    k = int(c.run[u]) if c.run is not None else 0
    start = len(s.years) - 1 - max(k, 1)
    since = s.years[start]
    unit = diff_unit(ind.unit)
    own = s.values[u, -1] - s.values[u, start]
    city = s.reference[-1] - s.reference[start]
    ends_early = latest is not None and s.years[-1] < latest
    until = f" bis {s.years[-1]}" if ends_early else ""
    text = (
        f"{ind.label} {with_unit(number(own, ind.decimals, True, zero_unsigned=True), unit)} seit {since}{until}, "
        f"Stadt {with_unit(number(city, ind.decimals, True, zero_unsigned=True), unit)}"
    )
    if k >= 1:
        text += f"; {_period_word(s.years[start:], k)}"
    if ends_early:
        text += f"; kein Wert {latest}"
    return text


def missing_part(s: Series, u: int) -> str | None:
    """'Kinderarmut: kein Wert 2023 (.)' for a core indicator without a latest value."""
    if not np.isnan(s.values[u, -1]):
        return None
    sign = s.signs[-1][u] if s.signs[-1] is not None else None
    shown = f" ({sign})" if sign else ""
    return f"{s.indicator.label}: kein Wert {s.years[-1]}{shown}"


def since_year(s: Series, c: Changes) -> np.ndarray:
    """Per unit, the first year of the current adverse run (NaN without a run)."""
    if c.run is None:
        return np.full(s.values.shape[0], np.nan)
    t = len(s.years) - 1
    idx = (t - c.run).astype(int)
    first = np.asarray(s.years, dtype="float64")[np.clip(idx, 0, t)]
    return np.where(c.run >= 1, first, np.nan)


# --------------------------------------------------------------------------
# the driver


def _series_fields(s: Series, c: Changes, out: ci.Output) -> None:
    iid = s.indicator.id
    for k, y in enumerate(s.years[1:]):
        out.put(change_field(iid, y), c.chg[:, k])
        out.put(ref_change_field(iid, y), np.full(c.chg.shape[0], c.ref_chg[k]))
        if c.excess is not None:
            out.put(excess_field(iid, y), c.excess[:, k])
    out.put(fn.measure(iid, "slope"), slopes(s.values, s.years))
    out.put(fn.measure(iid, "ref_slope"), np.full(s.values.shape[0], slopes(s.reference, s.years)[0]))
    if c.run is not None:
        out.put(fn.measure(iid, "adverse_run"), c.run, "integer")


def compute(
    data: pd.DataFrame,
    catalogue: Catalogue,
    rule: WatchRule,
    keys=None,
    years: list[int] | None = None,
    withheld: dict | None = None,
    withheld_sign: str = ".",
) -> MonitoringResult:
    """The monitoring fields for every unit of ``data`` (see the module docstring)."""
    rule.check()
    n = len(data)
    keys = np.asarray(data.index if keys is None else keys, dtype=object)
    warnings: list[str] = []
    series = gather(data, catalogue, keys, sorted(years) if years else None, warnings, withheld, withheld_sign)
    out = ci.Output()
    core = []
    for s in series:
        c = changes(s)
        _series_fields(s, c, out)
        if s.indicator.core and c.excess is not None:
            f = flags(c.excess[:, -1], c.run, rule)
            out.put(fn.measure(s.indicator.id, "watch"), f, "integer")
            core.append((s, c, f))
    if not core:
        warnings.append("no core indicator with a polarity has a series: no early warning")
    _watch_fields(core, n, rule, out)
    frame = pd.DataFrame(out.columns, index=data.index, copy=False)
    return MonitoringResult(frame, out.kinds, series, rule, warnings)


def _watch_fields(core: list, n: int, rule: WatchRule, out: ci.Output) -> None:
    latest = max((s.years[-1] for s, _, _ in core), default=None)
    count = np.zeros(n)
    since = np.full(n, np.nan)
    reasons: list[list[str]] = [[] for _ in range(n)]
    for s, c, f in core:
        hit = f == 1
        count += hit
        start = since_year(s, c)
        since = np.where(hit & ~(since <= start), start, since)
        for u in np.flatnonzero(hit):
            reasons[u].append(reason_part(s, c, u, latest))
        for u in np.flatnonzero(np.isnan(s.values[:, -1])):
            part = missing_part(s, u)
            if part:
                reasons[u].append(part)
    watch = (count >= rule.min_flags).astype("float64")
    out.put("watch_flags", count, "integer")
    out.put("watch_flag", watch, "integer")
    out.put("watch_since", np.where(watch == 1, since, np.nan), "integer")
    out.put("watch_reason", np.array([" | ".join(r) if r else None for r in reasons], dtype=object), "text")


# --------------------------------------------------------------------------
# the report


def rule_text(rule: WatchRule, lang: str = "de") -> str:
    """The rule in one sentence, as the report and the layer record it."""
    t = number(rule.threshold, 2, lang=lang).rstrip("0").rstrip(",.")
    if lang == "de":
        unit = "Standardabweichungen" if rule.measure == "zscore" else "in der Einheit des Indikators (Pp. bei Quoten)"
        return (
            f"Ein Kernindikator gilt als auffällig, wenn er sich in der letzten Periode um mehr als {t} {unit} "
            f"ungünstiger entwickelt hat als die Stadt oder {rule.consecutive} Perioden in Folge ungünstiger; "
            f"Beobachtung ab {rule.min_flags} auffälligen Kernindikator(en)."
        )
    unit = "standard deviations" if rule.measure == "zscore" else "in the indicator's unit (pp for rates)"
    return (
        f"A core indicator is flagged when, in the latest period, it moved more than {t} {unit} in the adverse "
        f"direction beyond the city, or adversely for {rule.consecutive} periods in a row; a unit is watched "
        f"from {rule.min_flags} flagged core indicator(s) on."
    )


def report(result: MonitoringResult, keys, names=None, lang: str = "de") -> dict:
    """The report's content: the rule, the city's series and the watch list."""
    import datetime as _dt

    frame = result.frame
    years = sorted({y for s in result.series for y in s.years})
    series = []
    for s in result.series:
        dec = s.indicator.decimals
        series.append(
            {
                "id": s.indicator.id,
                "label": s.indicator.label,
                "core": s.indicator.core,
                "reference": {y: number(r, dec, lang=lang) for y, r in zip(s.years, s.reference) if r == r},
                "slope": number(slopes(s.reference, s.years)[0], dec + 1, True, lang=lang),
            }
        )
    watched = []
    order = np.lexsort((np.asarray(keys, dtype=str), -frame["watch_flags"].to_numpy()))
    for u in order:
        if frame["watch_flag"].iat[u] != 1:
            continue
        since = frame["watch_since"].iat[u]
        watched.append(
            {
                "key": str(keys[u]),
                "name": "" if names is None or names[u] is None else str(names[u]),
                "flags": int(frame["watch_flags"].iat[u]),
                "since": "" if since != since else int(since),
                "reason": frame["watch_reason"].iat[u] or "",
            }
        )
    return {
        "created": _dt.datetime.now().isoformat(timespec="seconds"),
        "rule": {
            "measure": result.rule.measure,
            "threshold": result.rule.threshold,
            "min_flags": result.rule.min_flags,
            "consecutive": result.rule.consecutive,
        },
        "rule_text": rule_text(result.rule, lang),
        "years": years,
        "units": len(frame),
        "series": series,
        "watched": watched,
        "warnings": result.warnings,
    }
