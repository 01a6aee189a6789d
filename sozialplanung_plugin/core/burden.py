"""The burden rule: which units count as "besonders belastet".

A unit is *flagged* on a core indicator when its deviation in the adverse
direction reaches the threshold (the catalogue's per-indicator threshold
wins over the general one). With polarity p (+1: higher is worse, -1: higher
is better) the adverse deviation is, per measure:

==============  ==========================================  ================
measure         adverse deviation                           threshold unit
==============  ==========================================  ================
``difference``  ``p * (val - ref)``                         the indicator's
                                                            (percentage
                                                            points for %)
``ratio``       ``p * (ratio - 100)``                       index points
                                                            (20: 120 or 80)
``zscore``      ``p * z``                                   standard
                                                            deviations
``percentile``  ``pct`` (p = +1) or ``100 - pct`` (p = -1)  percentile rank
                                                            0..100
==============  ==========================================  ================

flag = 1 when deviation >= threshold, 0 when below, missing when the measure
is missing (no value, or not computable). Classes with ``f`` flags, ``m``
missing core indicators and MIN_FLAGS ``k``:

* "besonders belastet" (code 3): ``f >= k``;
* "belastet" (code 2): ``1 <= f < k`` and ``f + m < k``;
* "unauffällig" (code 1): ``f == 0`` and ``m == 0``;
* "nicht bewertbar" (no code): otherwise, i.e. the missing indicators could
  still change the class. A known result is never hidden by a gap: 2 flags
  of 2 needed make a unit "besonders belastet" whatever is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import fields as fn
from . import indicators as ci
from .catalogue import Catalogue, Indicator
from .indicators import IndicatorError
from .numbers import diff_unit, number, numbers

MEASURES = ("difference", "ratio", "zscore", "percentile")
MEASURE_FIELD = {"difference": "diff", "ratio": "ratio", "zscore": "z", "percentile": "pct"}
#: threshold when neither the parameter nor the catalogue gives one
DEFAULT_THRESHOLD = {"difference": None, "ratio": 20.0, "zscore": 1.0, "percentile": 90.0}

UNREMARKABLE = "unauffällig"
BURDENED = "belastet"
PARTICULARLY = "besonders belastet"
UNDECIDED = "nicht bewertbar"
#: label -> code (higher = more burdened); "nicht bewertbar" has no code
CLASS_CODES = {UNREMARKABLE: 1, BURDENED: 2, PARTICULARLY: 3}
CLASS_LABELS = (UNREMARKABLE, BURDENED, PARTICULARLY, UNDECIDED)


class BurdenError(IndicatorError):
    pass


@dataclass
class BurdenResult:
    frame: pd.DataFrame
    kinds: list[tuple[str, str]]
    rule: str
    thresholds: dict[str, float]
    warnings: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        vc = self.frame[fn.BURDEN_CLASS].value_counts()
        return {label: int(vc.get(label, 0)) for label in CLASS_LABELS}


def _append(texts: list[str], positions: np.ndarray, new: list[str]) -> None:
    for i, t in zip(positions.tolist(), new):
        texts[i] = texts[i] + "; " + t if texts[i] else t


def adverse_deviation(measure: str, polarity: int, values: np.ndarray) -> np.ndarray:
    if measure == "difference":
        return polarity * values
    if measure == "ratio":
        return polarity * (values - 100.0)
    if measure == "zscore":
        return polarity * values
    if measure == "percentile":
        return values if polarity > 0 else 100.0 - values
    raise BurdenError(f"unknown measure {measure!r} (one of {', '.join(MEASURES)})")


def measure_format(measure: str, ind: Indicator) -> tuple[str, int, bool, str]:
    """(prefix, decimals, signed, suffix) of the measure's part of the reason, e.g. '+12,9 Pp.'."""
    if measure == "difference":
        unit = diff_unit(ind.unit)
        return "", ind.decimals, True, (f" {unit}" if unit else "")
    if measure == "ratio":
        return "Index ", 0, False, ""
    if measure == "zscore":
        return "z = ", 2, True, ""
    return "Perzentil ", 0, False, ""


def measure_text(measure: str, ind: Indicator, v) -> list[str]:
    """The measure's part of the reason for the values ``v``."""
    pre, dec, signed, post = measure_format(measure, ind)
    return [pre + t + post for t in numbers(np.asarray(v, dtype="float64"), dec, signed)]


def rule_text(
    measure: str, thresholds: dict[str, float], general: float | None, min_flags: int, core: list[Indicator]
) -> str:
    """The rule in plain German words, written into every unit."""

    def t(x: float) -> str:
        return number(x, 2).rstrip("0").rstrip(",")

    if measure == "difference":
        what = "Differenz zum Referenzwert in ungünstiger Richtung ≥ {t} (Einheit des Indikators, Pp. bei %)"
    elif measure == "ratio":
        what = "Verhältnis zum Referenzwert (Referenz = 100) in ungünstiger Richtung um ≥ {t} Punkte"
    elif measure == "zscore":
        what = "z-Wert in ungünstiger Richtung ≥ {t}"
    else:
        what = "Perzentilrang in ungünstiger Richtung ≥ {t}"
    own = {i.id: thresholds[i.id] for i in core if general is None or thresholds[i.id] != general}
    if general is not None:
        crit = what.format(t=t(general))
        if own:
            crit += " (eigene Schwellen: " + ", ".join(f"{k} {t(v)}" for k, v in own.items()) + ")"
    else:
        crit = what.format(t="Schwelle") + " (Schwellen: " + ", ".join(f"{k} {t(v)}" for k, v in own.items()) + ")"
    ids = ", ".join(i.id for i in core)
    return (
        f"Kernindikator markiert bei {crit}; besonders belastet ab {min_flags} von {len(core)} "
        f"markierten Kernindikatoren ({ids}); belastet ab 1"
    )


def check_rule(catalogue: Catalogue, measure: str, threshold: float | None, min_flags: int) -> dict[str, float]:
    """The core indicators' thresholds; errors name what to give."""
    if measure not in MEASURES:
        raise BurdenError(f"unknown measure {measure!r} (one of {', '.join(MEASURES)})")
    core = catalogue.core_indicators()
    if not core:
        raise BurdenError(f"{catalogue.path}: no core indicator in the catalogue (column core/Kern: ja/x/1)")
    if min_flags < 1 or min_flags > len(core):
        raise BurdenError(
            f"MIN_FLAGS is {min_flags}, but it must lie between 1 and the number of core "
            f"indicators ({len(core)}: {', '.join(i.id for i in core)})"
        )
    general = threshold if threshold is not None else DEFAULT_THRESHOLD[measure]
    thresholds: dict[str, float] = {}
    for ind in core:
        t = ind.threshold if ind.threshold is not None else general
        if t is None:
            raise BurdenError(
                f"core indicator {ind.id!r} (catalogue line {ind.line}): no threshold: give THRESHOLD "
                f"or the catalogue column threshold/Schwelle (a difference has the indicator's unit, "
                f"so there is no general default)"
            )
        thresholds[ind.id] = float(t)
    return thresholds


def check_fields(data: pd.DataFrame, core: list[Indicator], mfield: str) -> None:
    needed = [fn.measure(ind.id, m) for ind in core for m in ("val", "ref", mfield)]
    absent = [c for c in needed if c not in data.columns]
    if absent:
        raise BurdenError(
            f"field(s) {', '.join(map(repr, absent[:6]))} not in the input layer: run "
            f"sozialplanung:computeindicators with the same catalogue first"
        )


def flagged_texts(ind: Indicator, measure: str, p, val, ref, mv, area) -> list[str]:
    """'Kinderarmut 38,2 % vs. Stadt 25,6 % (+12,6 Pp.)' for the flagged units ``p``."""
    u = f" {ind.unit}" if ind.unit else ""
    m_pre, m_dec, m_signed, m_post = measure_format(measure, ind)
    # " % vs. Stadt 10,5 % (": the same for every unit of an area, so formatted once per area
    mids: dict = {}
    mid = []
    for key in zip(area[p].tolist(), ref[p].tolist()):
        t = mids.get(key)
        if t is None:
            t = mids[key] = f"{u} vs. {key[0]} {number(key[1], ind.decimals)}{u} ({m_pre}"
        mid.append(t)
    head = f"{ind.name} "
    tail = m_post + ")"
    return [
        head + a + b + c + tail for a, b, c in zip(numbers(val[p], ind.decimals), mid, numbers(mv[p], m_dec, m_signed))
    ]


def gap_texts(ind: Indicator, data: pd.DataFrame, p, val) -> list[str]:
    """'Kinderarmut: kein Wert (.)' for the units ``p`` without a deviation."""
    sc = fn.sign_of(fn.measure(ind.id, "val"))
    signs = data[sc].to_numpy(dtype=object)[p] if sc in data.columns else np.empty(len(p), dtype=object)
    texts = []
    for v, s in zip(val[p].tolist(), signs.tolist()):
        if np.isnan(v):
            texts.append(f"{ind.name}: kein Wert" + (f" ({s})" if s is not None and not pd.isna(s) else ""))
        else:
            texts.append(f"{ind.name}: Abweichung nicht berechenbar")
    return texts


def classes(flags_total: np.ndarray, missing_total: np.ndarray, min_flags: int) -> np.ndarray:
    """The class: 'nicht bewertbar' only when the missing core indicators could change it."""
    cls = np.full(len(flags_total), UNDECIDED, dtype=object)
    cls[flags_total >= min_flags] = PARTICULARLY
    cls[(flags_total >= 1) & (flags_total < min_flags) & (flags_total + missing_total < min_flags)] = BURDENED
    cls[(flags_total == 0) & (missing_total == 0)] = UNREMARKABLE
    return cls


def full_reasons(reason: list[str], gaps: list[str]) -> np.ndarray:
    reason = np.array(reason, dtype=object)
    gaps = np.array(gaps, dtype=object)
    has_gaps = gaps != ""
    full = reason.copy()
    none = full == ""
    full[none & ~has_gaps] = "kein Kernindikator über der Schwelle"
    sep = np.where(none, "", "; ").astype(object)
    full[has_gaps] = full[has_gaps] + sep[has_gaps] + "fehlend: " + gaps[has_gaps]
    return full


def action_fields(topics: list[str], hit: dict[str, np.ndarray], n: int) -> tuple[np.ndarray, np.ndarray]:
    """The fields of action of every unit: the topics (in the catalogue's
    order) in which it has a flagged core indicator, joined by '; ' (NULL
    without any), and their number."""
    texts: list[list[str]] = [[] for _ in range(n)]
    count = np.zeros(n)
    for topic in topics:
        for u in np.flatnonzero(hit[topic]):
            texts[u].append(topic)
        count += hit[topic]
    return np.array(["; ".join(t) if t else None for t in texts], dtype=object), count


def classify(
    data: pd.DataFrame,
    catalogue: Catalogue,
    measure: str = "difference",
    threshold: float | None = None,
    min_flags: int = 2,
    area_labels: pd.Series | None = None,
) -> BurdenResult:
    """Flags, counts, classes and reasons for every unit of ``data``.

    ``data`` holds the fields of the indicator computation (``<id>_val``,
    ``<id>_ref``, ``<id>_<measure>``, ``<id>_val_sign``). ``area_labels``
    names each unit's reference area in the reason (default "Stadt").
    """
    thresholds = check_rule(catalogue, measure, threshold, min_flags)
    core = catalogue.core_indicators()
    mfield = MEASURE_FIELD[measure]
    check_fields(data, core, mfield)
    n = len(data)
    if area_labels is None:
        area = np.full(n, "Stadt", dtype=object)
    else:
        area = np.array(["Referenzgebiet" if pd.isna(v) else str(v) for v in area_labels], dtype=object)
    flags_total = np.zeros(n, dtype=np.int64)
    missing_total = np.zeros(n, dtype=np.int64)
    reason = [""] * n  # plain lists: appending a few texts per unit is faster than object-array arithmetic
    gaps = [""] * n
    out = ci.Output()
    topics_hit: dict[str, np.ndarray] = {}
    for ind in core:
        val = data[fn.measure(ind.id, "val")].to_numpy(dtype="float64")
        ref = data[fn.measure(ind.id, "ref")].to_numpy(dtype="float64")
        mv = data[fn.measure(ind.id, mfield)].to_numpy(dtype="float64")
        dev = adverse_deviation(measure, ind.polarity, mv)
        known = ~np.isnan(dev)
        with np.errstate(invalid="ignore"):
            hit = known & (dev >= thresholds[ind.id])
        out.put(fn.flag(ind.id), np.where(known, hit.astype("float64"), np.nan), "integer")
        flags_total += hit
        topics_hit[ind.topic] = topics_hit.get(ind.topic, np.zeros(n, dtype=bool)) | hit
        missing_total += ~known
        if hit.any():
            p = np.flatnonzero(hit)
            _append(reason, p, flagged_texts(ind, measure, p, val, ref, mv, area))
        if (~known).any():
            p = np.flatnonzero(~known)
            _append(gaps, p, gap_texts(ind, data, p, val))
    cls = classes(flags_total, missing_total, min_flags)
    rule = rule_text(
        measure, thresholds, threshold if threshold is not None else DEFAULT_THRESHOLD[measure], min_flags, core
    )
    out.put(fn.BURDEN_FLAGS, flags_total.astype("float64"), "integer")
    out.put(fn.BURDEN_CODE, pd.Series(cls).map(CLASS_CODES).to_numpy(dtype="float64"), "integer")
    out.put(fn.BURDEN_CLASS, cls, "text")
    out.put(fn.BURDEN_REASON, full_reasons(reason, gaps), "text")
    out.put(fn.BURDEN_RULE, np.full(n, rule, dtype=object), "text")
    fields, count = action_fields([t for t in catalogue.topics() if t in topics_hit], topics_hit, n)
    out.put(fn.ACTION_FIELDS, fields, "text")
    out.put(fn.ACTION_FIELDS_N, count, "integer")
    warnings = []
    undecided = int((cls == UNDECIDED).sum())
    if undecided:
        warnings.append(
            f"{undecided} unit(s) are 'nicht bewertbar': a core indicator is missing and could "
            f"change the class (see burden_reason)"
        )
    frame = pd.DataFrame(out.columns, index=data.index, copy=False)
    return BurdenResult(frame, out.kinds, rule, thresholds, warnings)
