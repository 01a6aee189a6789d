"""Where burden meets undersupply: ``supply_gap`` and ``supply_gap_reason``.

Burdened: ``burden_code`` 3 ("besonders belastet", sozialplanung:classifyburden)
or, without burden fields, ``status_class`` in the two least favourable
classes of the layer (the two highest class numbers, sozialplanung:compositeindex).
Below the city: the unit's supply measure (``<c>_per1000`` with METHOD count,
``<c>_access`` with catchment) lower than the city's (``<c>_ref``).

``supply_gap`` = 1 for a burdened unit below the city in at least one category,
0 for a unit that is not burdened or is burdened and at or above the city in
every category, missing when its burden is not known or a burdened unit's
measures are missing. The reason names the burden and each category below the
city, in German: "besonders belastet; Kita-Plätze je 1.000 Kinder unter 6: 412, Stadt 687".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..numbers import count, number

SUPPLY_GAP = "supply_gap"
SUPPLY_GAP_REASON = "supply_gap_reason"
BURDEN_CODE = "burden_code"
BURDEN_CLASS = "burden_class"
STATUS_CLASS = "status_class"
STATUS_LABEL = "status_label"
PARTICULARLY_CODE = 3


@dataclass
class Burden:
    burdened: np.ndarray  # 1.0, 0.0 or NaN (not known)
    label: np.ndarray  # text per unit (German) for the reason
    rule: str  # how "burdened" was read, for the report


def burden_status(frame: pd.DataFrame) -> Burden | None:
    """Which units are burdened, from the fields of classifyburden or compositeindex in ``frame``;
    None when it has neither."""
    n = len(frame)
    if BURDEN_CODE in frame.columns or BURDEN_CLASS in frame.columns:
        if BURDEN_CODE in frame.columns:
            code = pd.to_numeric(frame[BURDEN_CODE], errors="coerce").to_numpy(dtype="float64")
        else:
            codes = {"unauffällig": 1.0, "belastet": 2.0, "besonders belastet": 3.0}
            code = frame[BURDEN_CLASS].map(lambda v: codes.get(str(v).strip(), np.nan) if v else np.nan)
            code = code.to_numpy(dtype="float64")
        burdened = np.where(np.isnan(code), np.nan, (code >= PARTICULARLY_CODE).astype("float64"))
        label = (
            frame[BURDEN_CLASS].to_numpy(dtype=object)
            if BURDEN_CLASS in frame.columns
            else np.array(["besonders belastet"] * n, dtype=object)
        )
        label = np.array([str(v) if v else "besonders belastet" for v in label], dtype=object)
        return Burden(burdened, label, "burden_code 3 (besonders belastet)")
    if STATUS_CLASS in frame.columns:
        cls = pd.to_numeric(frame[STATUS_CLASS], errors="coerce").to_numpy(dtype="float64")
        if not np.isfinite(cls).any():
            return Burden(np.full(n, np.nan), np.full(n, "", dtype=object), "status_class")
        top = float(np.nanmax(cls))
        burdened = np.where(np.isnan(cls), np.nan, (cls >= top - 1).astype("float64"))
        names = frame[STATUS_LABEL].to_numpy(dtype=object) if STATUS_LABEL in frame.columns else [None] * n
        label = np.array(
            [
                f"Statusklasse {count(c)}" + (f" ({t})" if t else "") if np.isfinite(c) else ""
                for c, t in zip(cls, names)
            ],
            dtype=object,
        )
        return Burden(burdened, label, f"status_class >= {count(top - 1)}")
    return None


def decimals_for(ref: float) -> int:
    if not np.isfinite(ref) or ref >= 100:
        return 0
    return 1 if ref >= 1 else 2


@dataclass
class GapMeasure:
    """One category's measure that decides the gap, with its label in words."""

    category: str
    label: str  # e.g. "Kita-Plätze je 1.000 Kinder unter 6"
    values: np.ndarray
    ref: float


def supply_gap(burden: Burden, measures: list[GapMeasure]) -> tuple[np.ndarray, np.ndarray, list[dict]]:
    """(supply_gap, supply_gap_reason, ranked list of the units with a gap)."""
    n = len(burden.burdened)
    gap = np.full(n, np.nan)
    reason = np.full(n, None, dtype=object)
    ranked = []
    for u in range(n):
        b = burden.burdened[u]
        if np.isnan(b):
            continue
        if b == 0:
            gap[u] = 0.0
            continue
        below, unknown, worst = [], False, np.inf
        for m in measures:
            v = m.values[u]
            if not np.isfinite(v) or not np.isfinite(m.ref):
                unknown = True
                continue
            if v < m.ref:
                d = decimals_for(m.ref)
                below.append(
                    {
                        "category": m.category,
                        "text": f"{m.label}: {number(v, d)}, Stadt {number(m.ref, d)}",
                        "value": float(v),
                        "ref": float(m.ref),
                        "ratio": float(100 * v / m.ref) if m.ref else None,
                    }
                )
                if m.ref:
                    worst = min(worst, v / m.ref)
        if below:
            gap[u] = 1.0
            reason[u] = "; ".join([str(burden.label[u])] + [x["text"] for x in below])
            ranked.append({"unit": u, "worst_ratio": float(100 * worst), "below": below, "reason": reason[u]})
        elif not unknown:
            gap[u] = 0.0
    ranked.sort(key=lambda r: (r["worst_ratio"], r["unit"]))
    return gap, reason, ranked
