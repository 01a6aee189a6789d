"""Supply per unit and category: counts, capacity, per 1,000, the two-step
floating catchment area (2SFCA), the distance to the nearest facility and the
share within reach.

Demand points: each unit's target population sits at its demand points in
proportion to their ``share`` (shares of one unit sum to 1; a unit without a
demand point of its own sits at its representative point, the centroid or the
point on surface). For category c with target population P_u of unit u:

* ``<c>_n`` facilities in u, ``<c>_cap`` = Σ capacity (missing when a facility
  of u has none), ``<c>_per1000`` = cap / P_u × 1,000 (count without a capacity
  field), ``<c>_ref`` = Σ cap / Σ P × 1,000 over the units where both are
  known, ``<c>_ratio`` = 100 × per1000 / ref;
* 2SFCA: R_j = cap_j / Σ_{i: d_ij <= D} w_i (w_i = P_u × share_i),
  A_i = 1,000 × Σ_{j: d_ij <= D} R_j, ``<c>_access`` = Σ share_i × A_i over the
  unit's demand points, ``<c>_access_ratio`` = 100 × access / ref;
* ``<c>_dist_m`` = Σ share_i × (distance from i to the nearest facility),
  ``<c>_reach_pct`` = 100 × Σ share_i [nearest distance <= D].

A unit without target population (missing, or 0) has no per1000, ratio,
access, access_ratio and reach_pct (empty, never infinite); the reason is in
``<c>_per1000_sign`` and ``<c>_note`` (German, as every text in data fields).
``<c>_label`` holds the category's printed name (CATEGORY_NAMES; the id without one).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .distance import PAIR_BUDGET, nearest, pairs_within

COUNT = "count"
CATCHMENT = "catchment"
METHODS = (COUNT, CATCHMENT)

#: per category: the fields written, in order, with their kinds
SUFFIXES = (
    ("n", "integer"),
    ("cap", "number"),
    ("cap_sign", "text"),
    ("per1000", "number"),
    ("per1000_sign", "text"),
    ("ref", "number"),
    ("ratio", "number"),
    ("access", "number"),
    ("access_ratio", "number"),
    ("dist_m", "number"),
    ("reach_pct", "number"),
    ("note", "text"),
    ("label", "text"),
)


def field_name(category: str, suffix: str) -> str:
    """``field_name('kita', 'per1000')`` -> ``kita_per1000``."""
    return f"{category}_{suffix}"


@dataclass
class Demand:
    """Demand points: unit position, coordinates, share of the unit's population."""

    unit: np.ndarray
    x: np.ndarray
    y: np.ndarray
    share: np.ndarray
    fallback_units: list = field(default_factory=list)  # units placed at their representative point


def demand_points(
    n_units: int,
    rep_x: np.ndarray,
    rep_y: np.ndarray,
    unit: np.ndarray | None = None,
    x: np.ndarray | None = None,
    y: np.ndarray | None = None,
    weight: np.ndarray | None = None,
) -> Demand:
    """The demand points: the given points (population ``weight``, unit position, -1
    outside every unit) with shares per unit; a unit without points or whose points
    hold no population gets its representative point (rep_x, rep_y) with share 1."""
    rep_x = np.asarray(rep_x, dtype="float64")
    rep_y = np.asarray(rep_y, dtype="float64")
    if unit is None or not len(unit):
        u = np.arange(n_units)
        return Demand(u, rep_x.copy(), rep_y.copy(), np.ones(n_units), [])
    unit = np.asarray(unit, dtype=np.int64)
    w = np.asarray(weight, dtype="float64")
    ok = (unit >= 0) & np.isfinite(w) & (w > 0) & np.isfinite(x) & np.isfinite(y)
    unit, px, py, w = unit[ok], np.asarray(x, "float64")[ok], np.asarray(y, "float64")[ok], w[ok]
    total = np.bincount(unit, weights=w, minlength=n_units)
    share = w / total[unit]
    missing = np.flatnonzero(total <= 0)
    has_rep = np.isfinite(rep_x[missing]) & np.isfinite(rep_y[missing])
    missing = missing[has_rep]
    u = np.concatenate([unit, missing])
    return Demand(
        u,
        np.concatenate([px, rep_x[missing]]),
        np.concatenate([py, rep_y[missing]]),
        np.concatenate([share, np.ones(len(missing))]),
        missing.tolist(),
    )


@dataclass
class CategoryResult:
    category: str
    columns: dict  # suffix -> array (per unit)
    ref: float
    facilities: int
    capacity_known: float
    missing_capacity: int
    target_total: float
    units_without_target: int
    access_mean: float | None = None
    pairs: int = 0


def category_measures(
    category: str,
    n_units: int,
    fac_unit: np.ndarray,
    fac_x: np.ndarray,
    fac_y: np.ndarray,
    fac_cap: np.ndarray,
    target: np.ndarray,
    target_sign: np.ndarray | None,
    demand: Demand,
    method: str,
    distance: float | None,
    capacity: bool,
    budget: int = PAIR_BUDGET,
    nearest_distances: np.ndarray | None = None,
    pairs: list | None = None,
) -> CategoryResult:
    """Every measure of one category for every unit (arrays in unit order).
    ``nearest_distances`` (per demand point) replaces the straight-line nearest
    distance and ``pairs`` (chunks (i, j, d) of every demand point i and facility j
    within ``distance``) the straight-line catchments, e.g. by network distances."""
    fac_unit = np.asarray(fac_unit, dtype=np.int64)
    fac_cap = np.asarray(fac_cap, dtype="float64")
    target = np.asarray(target, dtype="float64")
    inside = (fac_unit >= 0) & (fac_unit < n_units)
    n = np.bincount(fac_unit[inside], minlength=n_units).astype("float64")
    cap_missing = np.bincount(fac_unit[inside], weights=np.isnan(fac_cap[inside]), minlength=n_units).astype(float)
    cap = np.bincount(fac_unit[inside], weights=np.nan_to_num(fac_cap[inside]), minlength=n_units).astype(float)
    cap[cap_missing > 0] = np.nan
    supply = cap if capacity else n
    has_target = np.isfinite(target) & (target > 0)
    notes = [[] for _ in range(n_units)]
    sign = np.full(n_units, None, dtype=object)
    for u in np.flatnonzero(~has_target):
        given = target_sign[u] if target_sign is not None else None
        if given:
            sign[u] = given
            notes[u].append(f"Zielbevölkerung fehlt ({given})")
        elif np.isnan(target[u]):
            sign[u] = "."
            notes[u].append("Zielbevölkerung fehlt")
        else:
            sign[u] = "-"
            notes[u].append("keine Zielbevölkerung")
    cap_sign = np.full(n_units, None, dtype=object)
    if capacity:
        for u in np.flatnonzero(cap_missing > 0):
            cap_sign[u] = "."
            k = int(cap_missing[u])
            notes[u].append(f"{k} von {int(n[u])} Einrichtungen ohne Kapazitätsangabe")
            if sign[u] is None:
                sign[u] = "."
    per1000 = np.full(n_units, np.nan)
    ok = has_target & np.isfinite(supply)
    per1000[ok] = supply[ok] / target[ok] * 1000.0
    both = ok
    ref_den = float(target[both].sum())
    ref = float(supply[both].sum()) / ref_den * 1000.0 if ref_den > 0 else np.nan
    ratio = 100.0 * per1000 / ref if np.isfinite(ref) and ref > 0 else np.full(n_units, np.nan)
    cols = {
        "n": n,
        "cap": cap if capacity else None,
        "cap_sign": cap_sign if capacity else None,
        "per1000": per1000,
        "per1000_sign": sign,
        "ref": np.full(n_units, ref),
        "ratio": ratio,
    }
    du = demand.unit
    share = demand.share
    weight = np.where(has_target, target, 0.0)[du] * share  # w_i
    res = CategoryResult(
        category=category,
        columns=cols,
        ref=ref,
        facilities=int(len(fac_cap)),
        capacity_known=float(np.nansum(fac_cap)) if capacity else float(len(fac_cap)),
        missing_capacity=int(np.isnan(fac_cap).sum()) if capacity else 0,
        target_total=float(target[np.isfinite(target)].sum()),
        units_without_target=int((~has_target).sum()),
    )
    if method == CATCHMENT and distance is not None and distance > 0:
        access_pt, res.pairs = two_step(
            demand.x, demand.y, weight, fac_x, fac_y, fac_cap, distance, budget, pairs=pairs
        )
        access = _unit_mean(du, share, access_pt, n_units)
        far_unknown = np.isnan(access)
        for u in np.flatnonzero(far_unknown & has_target):
            notes[u].append("Einrichtung ohne Kapazitätsangabe im Umkreis")
        access[~has_target] = np.nan
        cols["access"] = access
        cols["access_ratio"] = 100.0 * access / ref if np.isfinite(ref) and ref > 0 else np.full(n_units, np.nan)
        fin = np.isfinite(access_pt) & (weight > 0)
        res.access_mean = float((access_pt[fin] * weight[fin]).sum() / weight[fin].sum()) if fin.any() else None
    else:
        cols["access"] = None
        cols["access_ratio"] = None
    d = nearest_distances if nearest_distances is not None else nearest(demand.x, demand.y, fac_x, fac_y, budget)
    d = np.where(np.isfinite(d), d, np.nan)
    dist = _unit_mean(du, share, d, n_units)
    if not len(fac_x):
        for u in range(n_units):
            notes[u].append("keine Einrichtung dieser Kategorie")
    cols["dist_m"] = dist
    if distance is not None and distance > 0:
        within = np.where(np.isnan(d), 0.0, (d <= distance).astype("float64"))
        reach = 100.0 * _unit_mean(du, share, within, n_units)
        reach[~has_target] = np.nan
        cols["reach_pct"] = reach
    else:
        cols["reach_pct"] = None
    cols["note"] = np.array(["; ".join(x) if x else None for x in notes], dtype=object)
    return res


def _unit_mean(unit: np.ndarray, share: np.ndarray, values: np.ndarray, n_units: int) -> np.ndarray:
    """Σ share × value per unit; NaN where a demand point with a share has no value."""
    use = share > 0
    bad = np.bincount(unit[use], weights=np.isnan(values[use]), minlength=n_units)
    s = np.bincount(unit[use], weights=share[use], minlength=n_units)
    v = np.bincount(unit[use], weights=share[use] * np.nan_to_num(values[use]), minlength=n_units)
    out = np.full(n_units, np.nan)
    ok = (s > 0) & (bad == 0)
    out[ok] = v[ok] / s[ok]
    return out


#: the pairs of the catchments are kept between the two steps up to this many (else made twice)
KEEP_PAIRS = 40_000_000


def two_step(
    px, py, weight, fx, fy, cap, distance: float, budget: int = PAIR_BUDGET, pairs: list | None = None
) -> tuple[np.ndarray, int]:
    """2SFCA access per demand point (× 1,000) and the number of pairs within reach.
    A facility with missing capacity makes every demand point within its reach
    missing; a facility with no demand within reach serves no one. ``pairs``: the
    pairs within reach as chunks (i, j, d), e.g. along a network; by default the
    straight-line pairs within ``distance``."""

    def within():
        return iter(pairs) if pairs is not None else pairs_within(px, py, fx, fy, distance, budget)

    m = len(fx)
    n = len(px)
    if not m:
        return np.zeros(n), 0
    weight = np.asarray(weight, dtype="float64")
    cap = np.asarray(cap, dtype="float64")
    demand = np.zeros(m)
    kept_i, kept_j = [], []
    stored = 0
    keep = True
    for i, j, _d in within():
        demand += np.bincount(j, weights=weight[i], minlength=m)
        stored += len(i)
        if keep and stored <= KEEP_PAIRS:
            kept_i.append(i.astype(np.int32))
            kept_j.append(j.astype(np.int32))
        else:
            keep = False
            kept_i, kept_j = [], []
    ratio = np.zeros(m)
    has = demand > 0
    ratio[has] = cap[has] / demand[has]
    ratio[np.isnan(cap)] = np.nan
    access = np.zeros(n)
    chunks = zip(kept_i, kept_j) if keep else ((i, j) for i, j, _d in within())
    for i, j in chunks:
        access += np.bincount(i, weights=ratio[j], minlength=n)
    return access * 1000.0, stored


def assemble(results: list[CategoryResult], n_units: int) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """The output columns of every category in a frame (unit order) with their kinds."""
    data, kinds = {}, []
    for r in results:
        for suffix, kind in SUFFIXES:
            v = r.columns.get(suffix)
            if v is None:
                continue
            name = field_name(r.category, suffix)
            data[name] = v
            kinds.append((name, kind))
    return pd.DataFrame(data, index=pd.RangeIndex(n_units)), kinds
