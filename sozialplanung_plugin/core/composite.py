"""Composite indices: many indicators collapsed into one index with classes.

Inputs: the catalogue's indicators with ``index = status`` (and polarity + or
-) for the status index; those with ``index = dynamics`` (ready change
indicators) for the dynamics index, or, when there are none and the data has
several years, the changes ``<id>_chg`` of the status indicators. Values are
the ``<id>_val`` fields of sozialplanung:computeindicators when the layer has
them, else they are computed from the catalogue's columns.

*Valid units* enter the standardisation and ranking: units with every index
indicator present and, with a population field, at least MIN_POPULATION
inhabitants. The others get no index, the label "nicht klassifiziert" and the
reason in ``status_note`` / ``dynamics_note``. N is the number of valid units.

Methods (p = polarity, w = weight, higher index = more burdened for all):

``zscore_sum`` (Berlin, Monitoring Soziale Stadtentwicklung)
    ``z_i = (x_i - mean_i) / sd_i`` over the valid units (sample sd, n - 1);
    ``index = sum_i p_i * w_i * z_i``. Classes by the index's own mean m and
    sample sd s: ``index <= m - s`` 1 "hoch", ``index >= m + 1.5 s`` 4 "sehr
    niedrig", ``index >= m + s`` 3 "niedrig", else 2 "mittel". Dynamics: the
    same on the change indicators, ``<= m - s`` 1 "positiv", ``>= m + s``
    5 "negativ", else 3 "stabil" (the MSS coding). sdi_class: status class
    and "+", "+/-", "-" for positiv, stabil, negativ ("2+/-").
``percentile_flags`` (CDC/ATSDR Social Vulnerability Index)
    per indicator the percentile rank ``(r - 1) / (N - 1)`` of ``p * x``
    (r = rank from the lowest, ties the lowest rank); per topic the sum of
    ``w * rank`` ranked again the same way; overall the sum over topics (times
    the topic weight) ranked again: ``status_index`` in 0..1. A flag where an
    indicator's rank is >= 0.90; flag counts per topic and in total. Classes:
    quartiles of the index (<= 0.25: 1, <= 0.50: 2, <= 0.75: 3, else 4).
``exponential_rank`` (English Index of Multiple Deprivation)
    per topic the score ``sum p * w * z`` over its indicators, ranked
    ``R = r / N`` (1/N least, 1 most deprived) and transformed
    ``X = -23 * ln(1 - R * (1 - exp(-100/23)))`` (0..100);
    ``index = sum_topics topic_weight * X``; classes: deciles of the index,
    ``floor(10 * (r - 1) / N) + 1``, the most deprived decile = 10.

CLASSES ``quantiles`` (k classes, ``floor(k * (r - 1) / N) + 1`` with r the
rank from the lowest index, ties the lowest) and ``breaks`` (user breaks
b1 < b2 < ...: class = 1 + number of breaks <= index) replace the method's
own classes of the status index, so classes stay comparable across years.
The dynamics index always uses mean +/- 1 sd.

YEARLY MONITORING (``compute_series``, ``transitions``): the zscore_sum
status and dynamics index of every year of a series (catalogue columns with a
year suffix), fields ``status_index_<Y>``, ``status_class_<Y>``,
``dynamics_index_<Y>``, ``dynamics_class_<Y>``. CLASS BASIS ``each_year``:
every year standardised and classed on its own (the MSS way; the same as
``compute()`` on that year alone); ``base_year``: every year on the scale of
one base year (its indicators' means and sds and its index's breaks), so that
a move between classes is a real change. Without change indicators the
dynamics may come from the series itself (the change of the status
indicators over a period of P years). ``transitions`` counts the units from
class i in one year to class j in another and lists those that moved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import fields as fn
from . import indicators as ci
from .catalogue import Catalogue, Indicator, resolve
from .i18n import register, tr
from .numbers import number

METHODS = ("zscore_sum", "percentile_flags", "exponential_rank")
CLASSINGS = ("method", "quantiles", "breaks")

NOT_CLASSIFIED = "nicht klassifiziert"
STATUS_LABELS = {1: "hoch", 2: "mittel", 3: "niedrig", 4: "sehr niedrig"}
DYNAMICS_LABELS = {1: "positiv", 3: "stabil", 5: "negativ"}
DYNAMICS_SIGN = {1: "+", 3: "+/-", 5: "-"}
FLAG_RANK = 0.90
IMD_C = 23.0


class CompositeError(ci.IndicatorError):
    pass


@dataclass
class Part:
    """The indicators of one index with their values per unit."""

    kind: str  # "status" or "dynamics"
    indicators: list[Indicator]
    values: dict[str, np.ndarray]
    signs: dict[str, np.ndarray | None]
    fields: dict[str, str]  # id -> name of the source field (for zidx field names)
    source: str = "catalogue"  # or "change"


@dataclass
class CompositeResult:
    frame: pd.DataFrame
    kinds: list[tuple[str, str]]
    labels: dict[int, str]  # status class -> label (for styles)
    topics: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    has_dynamics: bool = False


def _index_indicators(catalogue: Catalogue, kind: str) -> list[Indicator]:
    return [i for i in catalogue.for_index(kind) if i.polarity != 0]


def gather(
    data: pd.DataFrame, catalogue: Catalogue, keys=None, year: int | None = None, notes: list[str] | None = None
) -> tuple[Part, Part | None]:
    """The status and (if any) dynamics inputs, from ``<id>_val`` / ``<id>_chg``
    fields when present, else computed from the catalogue's columns."""
    notes = notes if notes is not None else []
    status = _index_indicators(catalogue, "status")
    if not status:
        raise CompositeError(
            f"{catalogue.path}: no indicator enters the status index (column index = status and polarity + or -)"
        )
    dyn = _index_indicators(catalogue, "dynamics")
    want = status + dyn
    missing = [i.id for i in want if fn.measure(i.id, "val") not in data.columns]
    computed = None
    if missing:
        computed = ci.compute(data, catalogue, keys=keys, year=year, only=missing)
        notes.append(f"computed from the catalogue's columns: {', '.join(missing)}")
        notes += computed.warnings

    def take(ind: Indicator, name: str):
        src = data if name in data.columns else (computed.frame if computed is not None else None)
        if src is None or name not in src.columns:
            return None, None
        v = src[name].to_numpy(dtype="float64")
        sc = fn.sign_of(name)
        s = src[sc].to_numpy(dtype=object) if sc in src.columns else None
        return v, s

    def part(kind, inds, suffix_field):
        values, signs, fields = {}, {}, {}
        for ind in inds:
            name = suffix_field(ind)
            v, s = take(ind, name)
            if v is None:
                return None
            values[ind.id], signs[ind.id], fields[ind.id] = v, s, name
        return Part(kind, inds, values, signs, fields)

    s_part = part("status", status, lambda i: fn.measure(i.id, "val"))
    d_part = None
    if dyn:
        d_part = part("dynamics", dyn, lambda i: fn.measure(i.id, "val"))
    else:
        d_part = part("dynamics", status, lambda i: fn.change(i.id))
        if d_part is not None:
            d_part.source = "change"
            notes.append("dynamics index from the changes <id>_chg of the status indicators")
    return s_part, d_part


def _validity(part: Part, n: int, population: np.ndarray | None, pop_name: str, min_population: float):
    """Valid mask and the reason per invalid unit (German, written to the note field)."""
    valid = np.ones(n, dtype=bool)
    reasons: dict[int, list[str]] = {}
    if population is not None:
        pop_missing = np.isnan(population)
        with np.errstate(invalid="ignore"):
            small = ~pop_missing & (population < min_population)
        for p in np.flatnonzero(pop_missing).tolist():
            reasons.setdefault(p, []).append(f"Einwohnerzahl fehlt ({pop_name})")
        for p in np.flatnonzero(small).tolist():
            reasons.setdefault(p, []).append(
                f"weniger als {number(min_population, 0)} Einwohner ({pop_name} = {number(population[p], 0)})"
            )
        valid &= ~pop_missing & ~small
    lacking: dict[int, list[str]] = {}
    for ind in part.indicators:
        v = part.values[ind.id]
        miss = np.isnan(v)
        valid &= ~miss
        s = part.signs.get(ind.id)
        name = ind.id if part.source == "catalogue" else f"{ind.id} (Veränderung)"
        for p in np.flatnonzero(miss).tolist():
            sign = s[p] if s is not None else None
            lacking.setdefault(p, []).append(f"{name} ({sign})" if sign is not None and not pd.isna(sign) else name)
    notes = ci.nones(n)
    for p in np.flatnonzero(~valid).tolist():
        r = reasons.get(p, [])
        if p in lacking:
            r = r + ["kein Wert: " + ", ".join(lacking[p])]
        notes[p] = "; ".join(r)
    return valid, notes


def _z_valid(x: np.ndarray, valid: np.ndarray, warn: list[str], name: str) -> np.ndarray:
    v = x[valid]
    sd = v.std(ddof=1) if len(v) > 1 else np.nan
    if not sd > 0:
        warn.append(f"indicator {name!r} has the same value in every valid unit: its z-scores are 0")
        return np.where(valid, 0.0, np.nan)
    return np.where(valid, (x - v.mean()) / sd, np.nan)


def _rank_valid(x: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """Rank from the lowest among the valid units, ties the lowest rank; NaN elsewhere."""
    return ci.min_rank(np.where(valid, x, np.nan))


def _units_below(x: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """Per valid unit the number of valid units with a lower value (rank - 1,
    ties the lowest): whole numbers, so that weighted sums of them are exact
    and equal sums tie on every platform, whatever the order of addition."""
    return _rank_valid(x, valid) - 1.0


def _percent_rank(x: np.ndarray, valid: np.ndarray) -> np.ndarray:
    n = int(valid.sum())
    return _units_below(x, valid) / (n - 1.0) if n > 1 else np.where(valid, 0.0, np.nan)


def mean_sd(index: np.ndarray, valid: np.ndarray) -> tuple[float, float]:
    """Mean and sample sd of the valid units' index (sd 0 for a single unit)."""
    v = index[valid]
    return float(v.mean()), float(v.std(ddof=1)) if len(v) > 1 else 0.0


def sd_classes(
    index: np.ndarray, valid: np.ndarray, kind: str, breaks_of: tuple[float, float] | None = None
) -> np.ndarray:
    """MSS classes by the index's mean and sample sd (see the module docstring);
    ``breaks_of`` = (mean, sd) of another index (a base year) instead of its own."""
    m, s = mean_sd(index, valid) if breaks_of is None else breaks_of
    out = np.full(len(index), np.nan)
    x = index[valid]
    if kind == "status":
        c = np.full(len(x), 2.0)
        c[x <= m - s] = 1
        c[x >= m + s] = 3
        c[x >= m + 1.5 * s] = 4
    else:
        c = np.full(len(x), 3.0)
        c[x <= m - s] = 1
        c[x >= m + s] = 5
    out[valid] = c
    return out


def quantile_classes(index: np.ndarray, valid: np.ndarray, k: int) -> np.ndarray:
    n = int(valid.sum())
    r = _rank_valid(index, valid)
    return np.where(valid, np.floor(k * (r - 1.0) / n) + 1.0, np.nan)


def break_classes(index: np.ndarray, valid: np.ndarray, breaks: list[float]) -> np.ndarray:
    c = np.searchsorted(np.asarray(breaks, dtype="float64"), index, side="right") + 1.0
    return np.where(valid, c, np.nan)


def _t(x: float) -> str:
    s = number(x, 4)
    return s.rstrip("0").rstrip(",") if "," in s else s


def quantile_labels(k: int) -> dict[int, str]:
    out = {c: f"Klasse {c} von {k}" for c in range(1, k + 1)}
    out[1] += " (geringste Belastung)"
    out[k] += " (höchste Belastung)"
    return out


def break_labels(breaks: list[float]) -> dict[int, str]:
    out = {1: f"unter {_t(breaks[0])}"}
    for j in range(1, len(breaks)):
        out[j + 1] = f"{_t(breaks[j - 1])} bis unter {_t(breaks[j])}"
    out[len(breaks) + 1] = f"ab {_t(breaks[-1])}"
    return out


QUARTILE_LABELS = {
    1: "1. Quartil (0 bis 0,25)",
    2: "2. Quartil (über 0,25 bis 0,50)",
    3: "3. Quartil (über 0,50 bis 0,75)",
    4: "4. Quartil (über 0,75; höchste Belastung)",
}
DECILE_LABELS = {c: f"{c}. Dezil" for c in range(1, 11)}
DECILE_LABELS[1] += " (geringste Benachteiligung)"
DECILE_LABELS[10] += " (höchste Benachteiligung)"


def topic_weights(inds: list[Indicator]) -> dict[str, float]:
    """The topic weight of each topic: the one value its rows give (1 if none)."""
    out: dict[str, float] = {}
    for ind in inds:
        w = ind.topic_weight
        if ind.topic not in out or out[ind.topic] == 1.0:
            out[ind.topic] = w
        elif w != 1.0 and w != out[ind.topic]:
            raise CompositeError(
                f"topic {ind.topic!r}: the catalogue gives different topic weights "
                f"({out[ind.topic]:g} and {w:g} on line {ind.line})"
            )
    return out


def check_options(method: str, classes: str, class_count: int, breaks: list[float] | None) -> None:
    if method not in METHODS:
        raise CompositeError(f"unknown method {method!r} (one of {', '.join(METHODS)})")
    if classes not in CLASSINGS:
        raise CompositeError(f"unknown classes {classes!r} (one of {', '.join(CLASSINGS)})")
    if classes == "quantiles" and not (2 <= class_count <= 20):
        raise CompositeError(f"CLASS_COUNT must be between 2 and 20 (given {class_count})")
    if classes == "breaks":
        if not breaks:
            raise CompositeError("CLASSES=breaks needs BREAKS, e.g. '-1;0;1,5'")
        if any(b2 <= b1 for b1, b2 in zip(breaks, breaks[1:])):
            raise CompositeError(f"BREAKS must increase strictly: {breaks}")


def zscore_sum(status: Part, valid: np.ndarray, out: ci.Output, warns: list[str]):
    """MSS: the sum of p * w * z; classes by mean and sd. (index, classes, labels)"""
    index = np.zeros(len(valid))
    for ind in status.indicators:
        z = _z_valid(status.values[ind.id], valid, warns, ind.id)
        out.put(fn.index_z(ind.id), z)
        index = index + ind.polarity * ind.weight * z
    index = np.where(valid, index, np.nan)
    return index, sd_classes(index, valid, "status"), dict(STATUS_LABELS)


def percentile_flags(status: Part, valid: np.ndarray, out: ci.Output):
    """SVI: percent ranks, flags at the 90th, topic sums ranked; quartiles. (index, classes, labels)"""
    n, nv = len(valid), int(valid.sum())
    inds = status.indicators
    topics = list(dict.fromkeys(i.topic for i in inds))
    tw = topic_weights(inds)
    # sums on the scale of whole ranks (exact), divided by n - 1 once: units
    # whose sums are equal tie exactly, on every platform
    scale = max(nv - 1.0, 1.0)
    topic_below = {t: np.zeros(n) for t in topics}
    topic_flags = {t: np.zeros(n) for t in topics}
    for ind in inds:
        below = _units_below(ind.polarity * status.values[ind.id], valid)
        pr = _percent_rank(ind.polarity * status.values[ind.id], valid)
        flag = np.where(valid, (pr >= FLAG_RANK).astype("float64"), np.nan)
        out.put(fn.percentile_rank(ind.id), pr)
        out.put(fn.percentile_flag(ind.id), flag, "integer")
        topic_below[ind.topic] = topic_below[ind.topic] + ind.weight * below
        topic_flags[ind.topic] = topic_flags[ind.topic] + flag
    total = np.zeros(n)
    total_flags = np.zeros(n)
    for j, t in enumerate(topics, start=1):
        s = np.where(valid, topic_below[t], np.nan)
        out.put(fn.theme(j, "sum"), s / scale)
        out.put(fn.theme(j, "rank"), _percent_rank(s, valid))
        out.put(fn.theme(j, "flags"), np.where(valid, topic_flags[t], np.nan), "integer")
        total = total + tw[t] * s
        total_flags = total_flags + topic_flags[t]
    out.put(fn.STATUS_FLAGS, np.where(valid, total_flags, np.nan), "integer")
    index = _percent_rank(np.where(valid, total, np.nan), valid)
    own = np.where(valid, np.select([index <= 0.25, index <= 0.5, index <= 0.75], [1.0, 2.0, 3.0], 4.0), np.nan)
    return index, own, dict(QUARTILE_LABELS)


def exponential_rank(status: Part, valid: np.ndarray, out: ci.Output, warns: list[str]):
    """IMD: topic scores ranked and exponentially transformed, weighted; deciles. (index, classes, labels)"""
    n, nv = len(valid), int(valid.sum())
    inds = status.indicators
    topics = list(dict.fromkeys(i.topic for i in inds))
    tw = topic_weights(inds)
    score = {t: np.zeros(n) for t in topics}
    for ind in inds:
        z = _z_valid(status.values[ind.id], valid, warns, ind.id)
        out.put(fn.index_z(ind.id), z)
        score[ind.topic] = score[ind.topic] + ind.polarity * ind.weight * z
    index = np.zeros(n)
    for j, t in enumerate(topics, start=1):
        s = np.where(valid, score[t], np.nan)
        r = _rank_valid(s, valid) / nv
        x = -IMD_C * np.log(1.0 - r * (1.0 - np.exp(-100.0 / IMD_C)))
        out.put(fn.theme(j, "score"), s)
        out.put(fn.theme(j, "rank"), r)
        out.put(fn.theme(j, "exp"), x)
        index = index + tw[t] * x
    index = np.where(valid, index, np.nan)
    own = np.where(valid, np.floor(10.0 * (_rank_valid(index, valid) - 1.0) / nv) + 1.0, np.nan)
    return index, own, dict(DECILE_LABELS)


def classify(index, valid, own, labels, classes: str, class_count: int, breaks):
    """The classes asked for: the method's own, quantiles or fixed breaks. (classes, labels)"""
    if classes == "quantiles":
        return quantile_classes(index, valid, class_count), quantile_labels(class_count)
    if classes == "breaks":
        return break_classes(index, valid, breaks), break_labels(breaks)
    return own, labels


def class_labels(cls: np.ndarray, labels: dict) -> np.ndarray:
    lab = np.full(len(cls), NOT_CLASSIFIED, dtype=object)
    for c, text in labels.items():
        lab[cls == c] = text
    return lab


def dynamics_index(dynamics: Part, cls, pop, population_name, min_population, out: ci.Output, warns) -> int:
    """MSS dynamics: sum of p * w * z of the changes, classes by mean and sd,
    and the combined status/dynamics class. Returns the units classified."""
    n = len(cls)
    dvalid, dnotes = _validity(dynamics, n, pop, population_name, min_population)
    dn = int(dvalid.sum())
    if dn < 2:
        warns.append(f"only {dn} unit(s) have every dynamics indicator: no dynamics index")
        dvalid[:] = False
    dindex = np.zeros(n)
    for ind in dynamics.indicators:
        name = ind.id if dynamics.source == "catalogue" else fn.change(ind.id)
        z = _z_valid(dynamics.values[ind.id], dvalid, warns, name) if dn >= 2 else np.full(n, np.nan)
        out.put(fn.index_z(name), z)
        dindex = dindex + ind.polarity * ind.weight * z
    dindex = np.where(dvalid, dindex, np.nan)
    dcls = sd_classes(dindex, dvalid, "dynamics") if dn >= 2 else np.full(n, np.nan)
    both = ~np.isnan(cls) & ~np.isnan(dcls)
    sdi = ci.nones(n)
    if both.any():
        sdi[both] = [f"{int(a)}{DYNAMICS_SIGN[int(b)]}" for a, b in zip(cls[both], dcls[both])]
    out.put(fn.DYNAMICS_INDEX, dindex)
    out.put(fn.DYNAMICS_CLASS, dcls, "integer")
    out.put(fn.DYNAMICS_LABEL, class_labels(dcls, DYNAMICS_LABELS), "text")
    out.put(fn.DYNAMICS_NOTE, dnotes, "text")
    out.put(fn.SDI_CLASS, sdi, "text")
    return dn


def compute(
    data: pd.DataFrame,
    catalogue: Catalogue,
    method: str = "zscore_sum",
    classes: str = "method",
    class_count: int = 5,
    breaks: list[float] | None = None,
    population=None,
    population_name: str = "",
    min_population: float = 0.0,
    keys=None,
    year: int | None = None,
    progress=None,
) -> CompositeResult:
    """The composite index for every unit of ``data`` (see the module docstring)."""
    check_options(method, classes, class_count, breaks)
    n = len(data)
    pop = None if population is None else np.asarray(population, dtype="float64")
    result_notes: list[str] = []
    warns: list[str] = []
    status, dynamics = gather(data, catalogue, keys=keys, year=year, notes=result_notes)
    out = ci.Output()
    valid, notes = _validity(status, n, pop, population_name, min_population)
    nv = int(valid.sum())
    if nv < 2:
        raise CompositeError(
            f"only {nv} unit(s) have every status indicator"
            + (f" and at least {min_population:g} inhabitants" if pop is not None else "")
            + ": an index needs at least 2"
        )
    if method == "zscore_sum":
        index, own, labels = zscore_sum(status, valid, out, warns)
    elif method == "percentile_flags":
        index, own, labels = percentile_flags(status, valid, out)
    else:
        index, own, labels = exponential_rank(status, valid, out, warns)
    cls, labels = classify(index, valid, own, labels, classes, class_count, breaks)
    out.put(fn.STATUS_INDEX, index)
    out.put(fn.STATUS_CLASS, cls, "integer")
    out.put(fn.STATUS_LABEL, class_labels(cls, labels), "text")
    out.put(fn.STATUS_NOTE, notes, "text")
    result_notes.append(f"status index ({method}): {nv} of {n} units classified")
    if progress is not None:
        progress(0.7)
    if dynamics is not None:
        dn = dynamics_index(dynamics, cls, pop, population_name, min_population, out, warns)
        result_notes.append(f"dynamics index: {dn} of {n} units classified")
    if progress is not None:
        progress(1.0)
    frame = pd.DataFrame(out.columns, index=data.index, copy=False)
    topics = list(dict.fromkeys(i.topic for i in status.indicators))
    return CompositeResult(frame, out.kinds, labels, topics, warns, result_notes, dynamics is not None)


# --- Yearly monitoring: the MSS index of every year of a series, class movements ---

CLASS_BASES = ("each_year", "base_year")
_YEARLY = re.compile(r"^(.+)_((?:19|20)\d\d)$")


def yearly(name: str, year: int) -> str:
    """The field of one year of a series: ``yearly('status_class', 2019)`` -> ``status_class_2019``."""
    return f"{name}_{year}"


@dataclass
class Scale:
    """What an index is measured against: the mean and sample sd of every
    indicator and of the index itself over the valid units of one year."""

    year: int
    indicators: dict[str, tuple[float, float]]
    index: tuple[float, float] = (np.nan, np.nan)


@dataclass
class SeriesResult:
    frame: pd.DataFrame
    kinds: list[tuple[str, str]]
    years: list[int]  # years with a status index
    dynamics_years: list[int]  # years with a dynamics index
    class_basis: str
    base_year: int | None  # the year whose scale every year uses (class_basis "base_year")
    scales: dict[tuple[str, int], Scale] = field(default_factory=dict)  # (kind, year) -> the scale it used
    dynamics_source: str = ""  # "catalogue", "change" or "" (no dynamics)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: (kind, year) -> per unit the reason it is not classified (German, None for a valid unit)
    reasons: dict[tuple[str, int], np.ndarray] = field(default_factory=dict)
    dynamics_period: int | None = None  # P when the dynamics come from the series itself


def _years_of(inds: list[Indicator], columns: list[str]) -> list[int]:
    """The years in which every one of the indicators has its columns."""
    common: set[int] | None = None
    for ind in inds:
        ys = [c.year for c in resolve(ind, columns)]
        if ys == [None]:
            raise CompositeError(
                f"indicator {ind.id!r}: its columns have no year suffix; a series needs one column per year "
                f"(e.g. '{ind.rate or ind.numerator}_2019', '{ind.rate or ind.numerator}_2021')"
            )
        common = set(ys) if common is None else common & set(ys)
    return sorted(common or ())


def series_years(catalogue: Catalogue, columns: list[str]) -> tuple[list[int], list[int]]:
    """The years with every status indicator, and those with every (ready) dynamics indicator."""
    status = _index_indicators(catalogue, "status")
    if not status:
        raise CompositeError(
            f"{catalogue.path}: no indicator enters the status index (column index = status and polarity + or -)"
        )
    dyn = _index_indicators(catalogue, "dynamics")
    return _years_of(status, columns), (_years_of(dyn, columns) if dyn else [])


def _population_of(population, year: int, n: int) -> np.ndarray | None:
    if population is None:
        return None
    if isinstance(population, dict):
        if year not in population:
            raise CompositeError(f"no population for {year} (population given for {sorted(population)})")
        population = population[year]
    pop = np.asarray(population, dtype="float64")
    if len(pop) != n:
        raise CompositeError(f"population ({year}): {len(pop)} values for {n} units")
    return pop


def _values_of_year(data, catalogue: Catalogue, inds: list[Indicator], year: int, keys, warns) -> pd.DataFrame:
    """``<id>_val`` (and ``<id>_val_sign``) of the indicators in one year, computed from the catalogue's columns."""
    res = ci.compute(data, catalogue, keys=keys, year=year, only=[i.id for i in inds])
    warns += [f"{year}: {w}" for w in res.warnings if "the change fields are empty" not in w]
    names = [c for i in inds for c in (fn.measure(i.id, "val"), fn.sign_of(fn.measure(i.id, "val")))]
    return res.frame[[c for c in names if c in res.frame.columns]]


def _changes(cur: pd.DataFrame, before: pd.DataFrame, inds: list[Indicator]) -> pd.DataFrame:
    """``<id>_chg`` = value now - value before (and a sign where either is missing with one)."""
    out = {}
    for ind in inds:
        v = fn.measure(ind.id, "val")
        out[fn.change(ind.id)] = cur[v].to_numpy(dtype="float64") - before[v].to_numpy(dtype="float64")
        sc = fn.sign_of(v)
        s_now = cur[sc].to_numpy(dtype=object) if sc in cur.columns else ci.nones(len(cur))
        s_before = before[sc].to_numpy(dtype=object) if sc in before.columns else ci.nones(len(cur))
        out[fn.sign_of(fn.change(ind.id))] = np.where(pd.isna(s_now), s_before, s_now)
    return pd.DataFrame(out, index=cur.index)


def scale_of(part: Part, valid: np.ndarray, year: int) -> Scale:
    """The mean and sample sd of every indicator over the valid units."""
    out = {}
    for ind in part.indicators:
        v = part.values[ind.id][valid]
        out[ind.id] = (v.mean(), v.std(ddof=1) if len(v) > 1 else np.nan)
    return Scale(year, out)


def scaled_index(part: Part, valid: np.ndarray, scale: Scale, warns: list[str], year: int) -> np.ndarray:
    """``sum p * w * (x - mean) / sd`` with the means and sds of ``scale``
    (on its own year's scale the same numbers as zscore_sum and dynamics_index)."""
    index = np.zeros(len(valid))
    for ind in part.indicators:
        m, sd = scale.indicators[ind.id]
        if not sd > 0:
            name = ind.id if part.source == "catalogue" else fn.change(ind.id)
            warns.append(f"{year}: indicator {name!r} has the same value in every valid unit of {scale.year}: z = 0")
            z = np.where(valid, 0.0, np.nan)
        else:
            z = np.where(valid, (part.values[ind.id] - m) / sd, np.nan)
        index = index + ind.polarity * ind.weight * z
    return np.where(valid, index, np.nan)


def _year_parts(year_frames: dict, year: int, catalogue: Catalogue, status, dyn, derived: bool, period, d_years):
    frame = year_frames[year]
    inds = list(status)
    if year in d_years:
        if derived:
            frame = pd.concat([frame, _changes(frame, year_frames[year - period], status)], axis=1)
        else:
            inds += dyn
    return gather(frame, Catalogue(catalogue.path, inds))


def compute_series(
    data: pd.DataFrame,
    catalogue: Catalogue,
    years: list[int] | None = None,
    class_basis: str = "each_year",
    base_year: int | None = None,
    population=None,
    population_name: str = "",
    min_population: float = 0.0,
    keys=None,
    dynamics_period: int | None = None,
) -> SeriesResult:
    """The MSS status and dynamics index (zscore_sum) of every year of a series.

    The layer holds the catalogue's columns per year (``s1_2013``,
    ``s1_2015``, ... as ``catalogue.resolve`` finds them). A year has a status
    index when every status indicator has its columns in that year; a
    dynamics index when every ready change indicator (index = dynamics) has
    them, or, when the catalogue has none and ``dynamics_period`` P is given,
    from the changes of the status indicators over P years (value in Y minus
    value in Y - P, for the years Y whose year Y - P is in the layer).

    ``class_basis``: ``each_year`` standardises and classes every year on its
    own valid units, as the MSS does (each year's classes equal those of
    ``compute()`` on that year alone: a unit's class says where it stands
    among the units of that year); ``base_year`` measures every year on the
    scale of ``base_year`` (default: the first year): the indicators'
    z-scores use the base year's means and sds, the classes the base year's
    breaks (mean - sd, mean + sd, mean + 1.5 sd of its index), so that a move
    between classes is a real change of the values and the share of units in
    a class may change. The base year's own index and classes are the same in
    both. The dynamics of ``base_year`` use the scale of the base year's
    dynamics (or of the first year with dynamics when the base year has none).

    ``population``: one array for every year or a dict year -> array
    (``population_name`` a name or a dict year -> name, for the notes; units
    below ``min_population`` or without population are not classified, as in
    ``compute()``). Fields per year Y: ``status_index_Y``, ``status_class_Y``,
    and where there is a dynamics index ``dynamics_index_Y``,
    ``dynamics_class_Y`` (see ``yearly()``).
    """
    if class_basis not in CLASS_BASES:
        raise CompositeError(f"unknown class basis {class_basis!r} (one of {', '.join(CLASS_BASES)})")
    n = len(data)
    keys = np.asarray(data.index if keys is None else keys, dtype=object)
    status = _index_indicators(catalogue, "status")
    dyn = _index_indicators(catalogue, "dynamics")
    s_years, d_years, derived, base_year = _series_plan(
        catalogue, list(data.columns), years, dyn, dynamics_period, class_basis, base_year
    )
    warns: list[str] = []
    notes: list[str] = []
    if dyn and dynamics_period is not None:
        warns.append(
            f"PERIOD ({dynamics_period}) is not used: the catalogue has change indicators (index = dynamics: "
            f"{', '.join(i.id for i in dyn)}), the dynamics index is computed from them"
        )
    need = sorted(set(s_years) | ({y - dynamics_period for y in d_years} if derived else set()))
    year_frames = {
        y: _values_of_year(data, catalogue, status + (dyn if y in d_years and not derived else []), y, keys, warns)
        for y in need
    }
    parts, valid, reasons = {}, {}, {}
    for y in s_years:
        pop = _population_of(population, y, n)
        pname = population_name.get(y, "") if isinstance(population_name, dict) else population_name
        s_part, d_part = _year_parts(year_frames, y, catalogue, status, dyn, derived, dynamics_period, d_years)
        parts[("status", y)] = s_part
        valid[("status", y)], reasons[("status", y)] = _validity(s_part, n, pop, pname, min_population)
        if d_part is not None and y in d_years:
            parts[("dynamics", y)] = d_part
            valid[("dynamics", y)], reasons[("dynamics", y)] = _validity(d_part, n, pop, pname, min_population)
    scales: dict[tuple[str, int], Scale] = {}
    out = ci.Output()
    for kind, ys in (("status", s_years), ("dynamics", d_years)):
        _series_indices(kind, ys, parts, valid, base_year, n, out, scales, warns, notes)
    frame = pd.DataFrame(out.columns, index=data.index, copy=False)
    source = "" if not d_years else ("change" if derived else "catalogue")
    return SeriesResult(
        frame,
        out.kinds,
        s_years,
        d_years,
        class_basis,
        base_year,
        scales,
        source,
        warns,
        notes,
        reasons,
        dynamics_period if derived else None,
    )


def _series_plan(catalogue, columns, years, dyn, dynamics_period, class_basis, base_year):
    """(years with a status index, years with a dynamics index, whether the
    dynamics come from the series itself, the base year or None); errors name
    the years there are."""
    all_years, d_years = series_years(catalogue, columns)
    if years is not None:
        unknown = sorted(set(years) - set(all_years))
        if unknown:
            lacking = _lacking_fields(catalogue, columns, unknown[0])
            raise CompositeError(
                f"YEARS: no status data for {', '.join(map(str, unknown))}"
                + (f": no field {', '.join(map(repr, lacking))}" if lacking else "")
                + f" (years with every status indicator: {', '.join(map(str, all_years)) or 'none'})"
            )
        s_years = sorted(set(years))
    else:
        s_years = all_years
    if not s_years:
        raise CompositeError("no year has every status indicator")
    if dynamics_period is not None and dynamics_period <= 0:
        raise CompositeError(
            f"PERIOD: the dynamics period must be a positive number of years (given {dynamics_period})"
        )
    derived = not dyn and dynamics_period is not None
    if derived:
        d_years = [y for y in s_years if y - dynamics_period in all_years]
        if not d_years:
            periods = sorted({b - a for a in all_years for b in s_years if b > a})
            raise CompositeError(
                f"PERIOD: a dynamics period of {dynamics_period} years needs a year {dynamics_period} years "
                f"before one of the years {', '.join(map(str, s_years))}, but the layer has status data only for "
                f"{', '.join(map(str, all_years))}"
                + (f" (periods possible: {', '.join(map(str, periods))})" if periods else "")
            )
    else:
        d_years = [y for y in d_years if y in s_years]
    if class_basis == "base_year":
        base_year = s_years[0] if base_year is None else base_year
        if base_year not in s_years:
            raise CompositeError(
                f"BASE_YEAR: the base year {base_year} is not one of the years {', '.join(map(str, s_years))}"
            )
    else:
        base_year = None
    return s_years, d_years, derived, base_year


def _lacking_fields(catalogue: Catalogue, columns: list[str], year: int) -> list[str]:
    """The fields a year lacks for its status index (``s1_2021``, ...)."""
    cols = set(columns)
    out = []
    for ind in _index_indicators(catalogue, "status"):
        for c in (ind.numerator, ind.denominator, ind.rate):
            if c and f"{c}_{year}" not in cols and c not in cols:
                out.append(f"{c}_{year}")
    return out


def population_fields(name: str, columns: list[str], years: list[int]) -> dict[int, str]:
    """The population field of every year of a series: ``<stem>_<year>`` when
    the layer has such fields (``name`` may be the stem, ``inhabitants``, or
    one of them, ``inhabitants_2019``), else the one field ``name`` for every
    year. A year without its field, when others have theirs, is an error."""
    cols = set(columns)
    m = _YEARLY.match(name)
    stem = m.group(1) if m else name
    per_year = {y: f"{stem}_{y}" for y in years if f"{stem}_{y}" in cols}
    if len(per_year) == len(years):
        return per_year
    yearly_fields = {c for c in cols if (k := _YEARLY.match(c)) and k.group(1) == stem}
    if name in cols and (m is None or yearly_fields == {name}):
        return {y: name for y in years}
    if not per_year:
        raise CompositeError(f"POPULATION_FIELD: no field {name!r} and no fields {stem}_<year> in the layer")
    lacking = [y for y in years if y not in per_year]
    raise CompositeError(
        f"POPULATION_FIELD: no field {stem}_{lacking[0]} for the year {lacking[0]} "
        f"(fields found: {', '.join(per_year.values())})"
    )


def _series_indices(kind, ys, parts, valid, base_year, n, out, scales, warns, notes) -> None:
    """The index and classes of one kind (status or dynamics) for every year,
    each on its own scale or on the base year's."""
    ref_year = None
    if base_year is not None and ys:
        ref_year = base_year if base_year in ys else ys[0]
        if ref_year != base_year:
            notes.append(f"{kind}: the base year {base_year} has none; every year on the scale of {ref_year}")
    ref_scale = None
    if ref_year is not None:
        ref_scale = _own_scale(parts[(kind, ref_year)], valid[(kind, ref_year)], ref_year)
    name_index = fn.STATUS_INDEX if kind == "status" else fn.DYNAMICS_INDEX
    name_class = fn.STATUS_CLASS if kind == "status" else fn.DYNAMICS_CLASS
    for y in ys:
        part, ok = parts[(kind, y)], valid[(kind, y)]
        nv = int(ok.sum())
        if nv < 2:
            warns.append(f"{y}: only {nv} unit(s) have every {kind} indicator: no {kind} index")
            index, cls = np.full(n, np.nan), np.full(n, np.nan)
        else:
            scale = ref_scale if ref_scale is not None else _own_scale(part, ok, y)
            index = scaled_index(part, ok, scale, warns, y)
            cls = sd_classes(index, ok, kind, scale.index)
            scales[(kind, y)] = scale
        out.put(yearly(name_index, y), index)
        out.put(yearly(name_class, y), cls, "integer")
        notes.append(f"{y}: {kind} index: {nv} of {n} units classified")


def _own_scale(part: Part, valid: np.ndarray, year: int) -> Scale:
    """The scale of a year on its own valid units, with its index's mean and sd."""
    scale = scale_of(part, valid, year)
    scale.index = mean_sd(scaled_index(part, valid, scale, [], year), valid)
    return scale


@dataclass
class Transitions:
    """Class movements between two years."""

    kind: str
    from_year: int
    to_year: int
    counts: pd.DataFrame  # rows: class in from_year, columns: class in to_year; units classified in both
    changes: pd.DataFrame  # the units that changed class: key, from, to (ordered by key)
    n: int  # units classified in both years

    @property
    def worse(self) -> int:
        """Units that moved to a higher (more burdened) class."""
        return int((self.changes["to"] > self.changes["from"]).sum())

    @property
    def better(self) -> int:
        return int((self.changes["to"] < self.changes["from"]).sum())


def transitions(frame: pd.DataFrame, from_year: int, to_year: int, keys=None, kind: str = "status") -> Transitions:
    """Counts of units from class i in ``from_year`` to class j in ``to_year``
    (the ``<kind>_class_<year>`` fields of ``compute_series``), and the list of
    the units whose class changed. Units not classified in either year are left out."""
    if kind not in ("status", "dynamics"):
        raise CompositeError(f"unknown kind {kind!r} (status or dynamics)")
    name = fn.STATUS_CLASS if kind == "status" else fn.DYNAMICS_CLASS
    a_name, b_name = yearly(name, from_year), yearly(name, to_year)
    for f in (a_name, b_name):
        if f not in frame.columns:
            raise CompositeError(f"no field {f!r} (the classes of the year)")
    keys = np.asarray(frame.index if keys is None else keys, dtype=object)
    a = frame[a_name].to_numpy(dtype="float64")
    b = frame[b_name].to_numpy(dtype="float64")
    both = ~np.isnan(a) & ~np.isnan(b)
    classes = sorted(STATUS_LABELS if kind == "status" else DYNAMICS_LABELS)
    extra = sorted((set(a[both].astype(int).tolist()) | set(b[both].astype(int).tolist())) - set(classes))
    classes += extra
    counts = pd.DataFrame(0, index=pd.Index(classes, name=from_year), columns=pd.Index(classes, name=to_year))
    for i, j in zip(a[both].astype(int).tolist(), b[both].astype(int).tolist()):
        counts.at[i, j] += 1
    moved = both & (a != b)
    changes = pd.DataFrame({"key": keys[moved], "from": a[moved].astype(int), "to": b[moved].astype(int)})
    changes = changes.sort_values("key", kind="stable").reset_index(drop=True)
    return Transitions(kind, from_year, to_year, counts, changes, int(both.sum()))


def latest_fields(result: SeriesResult) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """The fields of one year (``status_index``, ``status_class``,
    ``status_label``, ``status_note`` and, where that year has a dynamics
    index, ``dynamics_*`` and ``sdi_class``) for the latest year of a series,
    on the series' class basis: the layer then carries what every single-year
    run writes, so that styles and the print algorithms find their fields."""
    y = result.years[-1]
    f = result.frame
    n = len(f)
    out = ci.Output()
    cls = f[yearly(fn.STATUS_CLASS, y)].to_numpy(dtype="float64")
    out.put(fn.STATUS_INDEX, f[yearly(fn.STATUS_INDEX, y)].to_numpy(dtype="float64"))
    out.put(fn.STATUS_CLASS, cls, "integer")
    out.put(fn.STATUS_LABEL, class_labels(cls, STATUS_LABELS), "text")
    out.put(fn.STATUS_NOTE, result.reasons.get(("status", y), ci.nones(n)), "text")
    if y in result.dynamics_years:
        dcls = f[yearly(fn.DYNAMICS_CLASS, y)].to_numpy(dtype="float64")
        out.put(fn.DYNAMICS_INDEX, f[yearly(fn.DYNAMICS_INDEX, y)].to_numpy(dtype="float64"))
        out.put(fn.DYNAMICS_CLASS, dcls, "integer")
        out.put(fn.DYNAMICS_LABEL, class_labels(dcls, DYNAMICS_LABELS), "text")
        out.put(fn.DYNAMICS_NOTE, result.reasons.get(("dynamics", y), ci.nones(n)), "text")
        both = ~np.isnan(cls) & ~np.isnan(dcls)
        sdi = ci.nones(n)
        if both.any():
            sdi[both] = [f"{int(a)}{DYNAMICS_SIGN[int(b)]}" for a, b in zip(cls[both], dcls[both])]
        out.put(fn.SDI_CLASS, sdi, "text")
    return pd.DataFrame(out.columns, index=f.index, copy=False), out.kinds


# --- the report of a series: classes per year, transitions, the units that moved ---

#: at most this many units are listed per transition in the report (the counts are always complete)
CHANGES_LIMIT = 5000


def transition_pairs(years: list[int]) -> list[tuple[int, int]]:
    """Consecutive years, then the first and the last year (when there are more than two)."""
    pairs = list(zip(years, years[1:]))
    if len(years) > 2:
        pairs.append((years[0], years[-1]))
    return pairs


def _class_text(c: int, labels: dict[int, str]) -> str:
    return f"{c} {labels[c]}" if c in labels else str(c)


def _scale_rows(result: SeriesResult, kind: str, years: list[int], lang: str) -> list[dict]:
    rows = []
    for y in years:
        sc = result.scales.get((kind, y))
        if sc is None:
            rows.append({"year": y, "scale_year": "", "mean": "", "sd": "", "breaks": ""})
            continue
        m, s = sc.index
        bounds = (m - s, m + s, m + 1.5 * s) if kind == "status" else (m - s, m + s)
        rows.append(
            {
                "year": y,
                "scale_year": sc.year,
                "mean": number(m, 3, lang=lang),
                "sd": number(s, 3, lang=lang),
                "breaks": "; ".join(number(b, 3, lang=lang) for b in bounds),
            }
        )
    return rows


def _class_counts(frame: pd.DataFrame, kind: str, years: list[int]) -> dict:
    labels = STATUS_LABELS if kind == "status" else DYNAMICS_LABELS
    name = fn.STATUS_CLASS if kind == "status" else fn.DYNAMICS_CLASS
    per_year = {y: frame[yearly(name, y)].to_numpy(dtype="float64") for y in years}
    rows = [
        {"class": c, "text": _class_text(c, labels), "counts": [int((per_year[y] == c).sum()) for y in years]}
        for c in sorted(labels)
    ]
    missing = [int(np.isnan(per_year[y]).sum()) for y in years]
    return {"years": years, "rows": rows, "not_classified": missing}


def _transition_dict(t: Transitions, keys_pos: dict, names, lang: str, limit: int) -> dict:
    labels = STATUS_LABELS if t.kind == "status" else DYNAMICS_LABELS
    classes = [int(c) for c in t.counts.index]
    m = t.counts.to_numpy()
    rows = [
        {"class": c, "text": _class_text(c, labels), "counts": [int(v) for v in m[r]], "total": int(m[r].sum())}
        for r, c in enumerate(classes)
    ]
    changes = []
    for k, a, b in t.changes.itertuples(index=False):
        pos = keys_pos.get(k)
        name = "" if names is None or pos is None or names[pos] is None or pd.isna(names[pos]) else str(names[pos])
        changes.append(
            {
                "key": str(k),
                "name": name,
                "from": int(a),
                "from_text": _class_text(int(a), labels),
                "to": int(b),
                "to_text": _class_text(int(b), labels),
                "direction": tr("more burdened", lang) if b > a else tr("less burdened", lang),
            }
        )
    return {
        "kind": t.kind,
        "from_year": t.from_year,
        "to_year": t.to_year,
        "classes": [_class_text(c, labels) for c in classes],
        "rows": rows,
        "column_totals": [int(v) for v in m.sum(axis=0)],
        "n": t.n,
        "stayed": int(np.trace(m)),
        "worse": t.worse,
        "better": t.better,
        "changed": len(changes),
        "changes": changes[:limit],
        "truncated": len(changes) > limit,
    }


def basis_text(result: SeriesResult, lang: str = "en") -> str:
    if result.class_basis == "base_year":
        return tr(
            "base_year: every year on the scale of {year} (its indicators' means and standard deviations and its "
            "index's class breaks), so that a move between classes is a real change of the values.",
            lang,
        ).format(year=result.base_year)
    return tr(
        "each_year: every year standardised and classed on its own units (as the MSS does): a class says where "
        "a unit stands among the units of that year.",
        lang,
    )


def dynamics_text(result: SeriesResult, lang: str = "en") -> str:
    if result.dynamics_source == "change":
        return tr(
            "from the series itself: the change of the status indicators over {period} years "
            "(value in year Y minus value in Y - {period}), standardised and summed as the status index.",
            lang,
        ).format(period=result.dynamics_period)
    if result.dynamics_source == "catalogue":
        return tr("from the change indicators of the catalogue (index = dynamics).", lang)
    return tr("none (no change indicators and no period given).", lang)


def series_report(result: SeriesResult, keys, names=None, lang: str = "en", limit: int = CHANGES_LIMIT) -> dict:
    """The report's content: the method, the classes per year, the transition
    tables between consecutive years and between the first and the last year,
    and every unit that changed class (status and, where there is one, dynamics)."""
    import datetime as _dt

    keys = np.asarray(result.frame.index if keys is None else keys, dtype=object)
    keys_pos = {k: i for i, k in enumerate(keys.tolist())}
    kinds = [("status", result.years)]
    if result.dynamics_years:
        kinds.append(("dynamics", result.dynamics_years))
    parts = []
    for kind, years in kinds:
        trans = [
            _transition_dict(transitions(result.frame, a, b, keys=keys, kind=kind), keys_pos, names, lang, limit)
            for a, b in transition_pairs(years)
        ]
        parts.append(
            {
                "kind": kind,
                "title": tr("Status index" if kind == "status" else "Dynamics index", lang),
                "years": years,
                "scales": _scale_rows(result, kind, years, lang),
                "counts": _class_counts(result.frame, kind, years),
                "transitions": trans,
            }
        )
    return {
        "created": _dt.datetime.now().isoformat(timespec="seconds"),
        "years": result.years,
        "dynamics_years": result.dynamics_years,
        "class_basis": result.class_basis,
        "base_year": result.base_year,
        "basis_text": basis_text(result, lang),
        "dynamics_source": result.dynamics_source,
        "dynamics_period": result.dynamics_period,
        "dynamics_text": dynamics_text(result, lang),
        "units": len(result.frame),
        "parts": parts,
        "limit": limit,
        "notes": result.notes,
        "warnings": result.warnings,
    }


register(
    {
        # composite series report (series_report, templates/composite_report.html)
        "Class movements": "Klassenwechsel",
        "Class basis": "Klassenbasis",
        "Dynamics index": "Dynamikindex",
        "Status index": "Statusindex",
        "Classes per year": "Klassen je Jahr",
        "not classified": "nicht klassifiziert",
        "Scale per year": "Maßstab je Jahr",
        "Year": "Jahr",
        "Scale of": "Maßstab von",
        "Mean of the index": "Mittelwert des Index",
        "Standard deviation": "Standardabweichung",
        "Class breaks": "Klassengrenzen",
        "Transitions": "Übergänge",
        "Units classified in both years": "In beiden Jahren klassifizierte Raumeinheiten",
        "same class": "gleiche Klasse",
        "more burdened": "stärker belastet",
        "less burdened": "weniger belastet",
        "Class in {year}": "Klasse {year}",
        "Sum": "Summe",
        "Units that changed class": "Raumeinheiten mit Klassenwechsel",
        "No unit changed class.": "Keine Raumeinheit hat die Klasse gewechselt.",
        "From": "Von",
        "To": "Nach",
        "Direction": "Richtung",
        "Only the first {n} units are listed.": "Nur die ersten {n} Raumeinheiten sind aufgeführt.",
        "Rows: class in the earlier year; columns: class in the later year; a higher class is more burdened.": (
            "Zeilen: Klasse im früheren Jahr; Spalten: Klasse im späteren Jahr; eine höhere Klasse ist stärker "
            "belastet."
        ),
        "Mean, standard deviation and class breaks (status: m - s, m + s, m + 1.5 s; dynamics: m - s, m + s) "
        "of the index on the scale each year is measured against.": (
            "Mittelwert, Standardabweichung und Klassengrenzen (Status: m - s, m + s, m + 1,5 s; Dynamik: m - s, "
            "m + s) des Index auf dem Maßstab, an dem das Jahr gemessen wird."
        ),
        "base_year: every year on the scale of {year} (its indicators' means and standard deviations and its "
        "index's class breaks), so that a move between classes is a real change of the values.": (
            "base_year: jedes Jahr auf dem Maßstab von {year} (Mittelwerte und Standardabweichungen seiner "
            "Indikatoren und Klassengrenzen seines Index), sodass ein Klassenwechsel eine tatsächliche "
            "Veränderung der Werte ist."
        ),
        "each_year: every year standardised and classed on its own units (as the MSS does): a class says where "
        "a unit stands among the units of that year.": (
            "each_year: jedes Jahr für sich standardisiert und klassiert (wie im MSS): eine Klasse sagt, wo eine "
            "Raumeinheit unter den Raumeinheiten dieses Jahres steht."
        ),
        "from the series itself: the change of the status indicators over {period} years "
        "(value in year Y minus value in Y - {period}), standardised and summed as the status index.": (
            "aus der Reihe selbst: die Veränderung der Statusindikatoren über {period} Jahre (Wert im Jahr Y "
            "minus Wert in Y - {period}), standardisiert und summiert wie der Statusindex."
        ),
        "from the change indicators of the catalogue (index = dynamics).": (
            "aus den Veränderungsindikatoren des Katalogs (Index = dynamics)."
        ),
        "none (no change indicators and no period given).": "keiner (keine Veränderungsindikatoren, kein Zeitraum).",
        "Dynamics": "Dynamik",
    }
)
