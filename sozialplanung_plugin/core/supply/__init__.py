"""Social infrastructure (Angebotsermittlung): supply per unit and target group,
reach, and where burden meets undersupply.

The driver :func:`compute` runs the named steps:

1. ``facilities.check``: usable facility rows; bad rows, possible duplicates,
   points outside every unit and missing capacities listed;
2. ``measures.demand_points``: where each unit's target population lives;
3. ``measures.category_measures`` per category: counts, capacity, per 1,000,
   city reference, 2SFCA access, nearest distance, share within reach
   (``distance``: grid buckets, chunked, no full distance matrix);
4. ``gap.supply_gap``: burdened units below the city's supply, with the reason.

Everything is numpy/pandas; the QGIS side (reading layers and tables,
point-in-polygon, network distances) is in ``adapters/facilities.py``.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import i18n
from ..errors import UserError
from ..numbers import number
from . import facilities as cf
from . import gap as cg
from . import measures as cm
from . import texts  # noqa: F401  (registers the German texts)
from .distance import PAIR_BUDGET, nearest, pairs_within  # noqa: F401  (re-exported)
from .gap import SUPPLY_GAP, SUPPLY_GAP_REASON, Burden, burden_status  # noqa: F401
from .measures import CATCHMENT, COUNT, METHODS, SUFFIXES, Demand, demand_points, field_name  # noqa: F401

LIST_LIMIT = 500


class SupplyError(UserError):
    """Bad input to the supply computation (DEMAND, categories, distance)."""


_CATEGORY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def parse_demand(text: str) -> dict[str, str]:
    """``kita=EW_unter6;schule=EW_6_15`` -> {category: field of the target population}."""
    out: dict[str, str] = {}
    for part in (p.strip() for p in (text or "").replace("\n", ";").split(";")):
        if not part:
            continue
        if "=" not in part:
            raise SupplyError(
                f"DEMAND: {part!r} has no '='; write category=field of the target population, "
                "e.g. kita=EW_unter6;schule=EW_6_15"
            )
        cat, fld = (s.strip() for s in part.split("=", 1))
        if not cat or not fld:
            raise SupplyError(f"DEMAND: {part!r} needs a category and a field, e.g. kita=EW_unter6")
        if not _CATEGORY.match(cat):
            raise SupplyError(
                f"DEMAND: category {cat!r} cannot start a field name; use letters, digits and _ "
                "(the category values of the facilities must be written the same way)"
            )
        if cat.lower() in (c.lower() for c in out):
            raise SupplyError(f"DEMAND: category {cat!r} is given twice")
        out[cat] = fld
    if not out:
        raise SupplyError("DEMAND is empty; give category=field of the target population, e.g. kita=EW_unter6")
    return out


def parse_labels(text: str) -> dict[str, str]:
    """``kita=Kita-Plätze je 1.000 Kinder unter 6`` -> {category: label} (';' separated)."""
    out = {}
    for part in (p.strip() for p in (text or "").split(";")):
        if "=" in part:
            cat, label = part.split("=", 1)
            if cat.strip() and label.strip():
                out[cat.strip()] = label.strip()
    return out


def default_label(category: str, target_field: str, capacity: bool) -> str:
    what = "Kapazität" if capacity else "Einrichtungen"
    return f"{category}: {what} je 1.000 ({target_field})"


@dataclass
class SupplyResult:
    frame: pd.DataFrame  # one row per unit (unit order), the output columns
    kinds: list  # (field, kind)
    report: dict
    warnings: list = field(default_factory=list)
    check: cf.FacilityCheck | None = None
    categories: list = field(default_factory=list)


def match_categories(values: pd.Series, categories: list[str]) -> pd.Series:
    """The facilities' category values written as the DEMAND categories (case and
    surrounding blanks ignored); other values stay as they are."""
    lower = {c.lower(): c for c in categories}
    return values.map(lambda v: lower.get(str(v).strip().lower(), str(v).strip()) if v is not None else None)


def compute(
    units: pd.DataFrame,
    facilities: pd.DataFrame,
    demand_spec: dict[str, str],
    *,
    method: str = COUNT,
    distance: float | None = None,
    capacity: bool = True,
    population: dict | None = None,
    burden: Burden | None = None,
    labels: dict[str, str] | None = None,
    names: dict[str, str] | None = None,
    as_of: int | None = None,
    network=None,
    lang: str = "en",
    budget: int = PAIR_BUDGET,
) -> SupplyResult:
    """Supply per unit and category.

    ``units``: one row per unit in output order with ``key``, ``name`` (optional),
    ``rep_x``/``rep_y`` (representative point) and the target population fields of
    ``demand_spec`` (with their ``<field>_sign`` if any). ``facilities``: see
    ``facilities.check``. ``population``: optional finer demand points
    {"unit", "x", "y", "weight"} (arrays). ``network(category, px, py, fx, fy, within)``
    may give the distances along a network instead of straight lines: it returns the
    nearest distance per demand point and the pairs (i, j, d) with d <= ``within``
    (a list of chunks; None when ``within`` is None), which then make the catchments."""
    if method not in METHODS:
        raise SupplyError(f"METHOD must be one of {', '.join(METHODS)}, not {method!r}")
    if method == CATCHMENT and not (distance and distance > 0):
        raise SupplyError("METHOD catchment needs a DISTANCE in metres greater than 0")
    cats = list(demand_spec)
    for cat, fld in demand_spec.items():
        if fld not in units.columns:
            raise SupplyError(
                f"DEMAND: field {fld!r} of category {cat!r} is not in the units layer "
                f"(fields: {', '.join(str(c) for c in units.columns if c not in ('key', 'name', 'rep_x', 'rep_y'))})"
            )
    fac = facilities.copy()
    given_categories = sorted({str(v).strip() for v in fac.get("category", pd.Series(dtype=object)).dropna()})
    fac["category"] = match_categories(fac["category"], cats)
    chk = cf.check(fac, categories=cats, capacity=capacity, as_of=as_of)
    n_units = len(units)
    pop = population or {}
    demand = demand_points(
        n_units,
        units["rep_x"].to_numpy(dtype="float64"),
        units["rep_y"].to_numpy(dtype="float64"),
        pop.get("unit"),
        pop.get("x"),
        pop.get("y"),
        pop.get("weight"),
    )
    use = chk.usable
    results = []
    measures_for_gap = []
    labels = labels or {}
    for cat in cats:
        f = use[use["category"] == cat]
        fld = demand_spec[cat]
        target = pd.to_numeric(units[fld], errors="coerce").to_numpy(dtype="float64")
        sign_col = fld + "_sign"
        tsign = units[sign_col].to_numpy(dtype=object) if sign_col in units.columns else None
        fx, fy = f["x"].to_numpy(dtype="float64"), f["y"].to_numpy(dtype="float64")
        nd, pairs = None, None
        if network is not None:
            reach = distance if distance is not None and distance > 0 else None
            nd, pairs = network(cat, demand.x, demand.y, fx, fy, reach)
        r = cm.category_measures(
            cat,
            n_units,
            f["unit"].to_numpy(dtype=np.int64),
            fx,
            fy,
            f["capacity"].to_numpy(dtype="float64"),
            target,
            tsign,
            demand,
            method,
            distance,
            capacity,
            budget,
            nearest_distances=nd,
            pairs=pairs,
        )
        r.columns["label"] = np.full(n_units, (names or {}).get(cat) or cat, dtype=object)
        results.append(r)
        label = labels.get(cat) or default_label(cat, fld, capacity)
        if method == CATCHMENT:
            label = f"{label} im Umkreis von {number(distance, 0)} m (2SFCA)"
            values = r.columns["access"]
        else:
            values = r.columns["per1000"]
        measures_for_gap.append(cg.GapMeasure(cat, label, values, r.ref))
    frame, kinds = cm.assemble(results, n_units)
    ranked = []
    if burden is not None:
        gap, reason, ranked = cg.supply_gap(burden, measures_for_gap)
        frame[SUPPLY_GAP] = gap
        frame[SUPPLY_GAP_REASON] = reason
        kinds += [(SUPPLY_GAP, "integer"), (SUPPLY_GAP_REASON, "text")]
    warnings = _warnings(chk, demand, results, cats, given_categories, lang)
    report = _report(
        units, chk, results, ranked, demand, method, distance, capacity, burden, demand_spec, warnings, lang
    )
    return SupplyResult(frame, kinds, report, warnings, chk, cats)


def _warnings(chk, demand, results, cats, given, lang) -> list[str]:
    t = lambda s, **kw: i18n.tr(s, lang).format(**kw)  # noqa: E731
    out = []
    if chk.bad_rows:
        out.append(t("{n} facility row(s) could not be used (see the report).", n=len(chk.bad_rows)))
    if chk.outside:
        out.append(
            t(
                "{n} facility point(s) lie outside every unit: counted in no unit, but they serve the "
                "catchments and distances.",
                n=len(chk.outside),
            )
        )
    if chk.duplicates:
        out.append(
            t(
                "{n} pair(s) of facilities of one category lie within 5 m of each other; all are counted "
                "(see the report).",
                n=len(chk.duplicates),
            )
        )
    if chk.missing_capacity:
        out.append(
            t(
                "{n} facility(ies) have no capacity: counted, but the capacity of their unit is missing.",
                n=len(chk.missing_capacity),
            )
        )
    unknown = [g for g in given if g.lower() not in {c.lower() for c in cats}]
    if unknown:
        out.append(t("Facility categories not in DEMAND (not used): {names}", names=", ".join(unknown[:20])))
    for r in results:
        if r.facilities == 0:
            out.append(t("No facility of category {c}.", c=r.category))
    return out


def _limited(items: list, limit: int = LIST_LIMIT) -> dict:
    return {"count": len(items), "items": items[:limit], "truncated": len(items) > limit}


def _report(units, chk, results, ranked, demand, method, distance, capacity, burden, spec, warnings, lang) -> dict:
    keys = units["key"].tolist()
    names = units["name"].tolist() if "name" in units.columns else [None] * len(units)

    def unit_ref(u):
        return {"key": keys[u], "name": names[u]} if u is not None and u >= 0 else {"key": None, "name": None}

    def tr_reason(text):
        return "; ".join(i18n.tr(p, lang) for p in text.split("; ")) if text else text

    cats = []
    for r in results:
        d = 0 if not np.isfinite(r.ref) or r.ref >= 100 else 1
        cats.append(
            {
                "category": r.category,
                "target_field": spec[r.category],
                "facilities": r.facilities,
                "capacity": number(r.capacity_known, 0, lang=lang) if capacity else None,
                "missing_capacity": r.missing_capacity,
                "target_total": number(r.target_total, 0, lang=lang),
                "units_without_target": r.units_without_target,
                "ref": number(r.ref, d, lang=lang) if np.isfinite(r.ref) else "",
                "access_mean": number(r.access_mean, d, lang=lang) if r.access_mean is not None else "",
                "pairs": r.pairs,
            }
        )
    gaps = []
    for g in ranked:
        worst = number(g["worst_ratio"], 0, lang=lang)
        gaps.append({**unit_ref(g["unit"]), "worst_ratio": worst, "reason": g["reason"]})
    return {
        "created": _dt.datetime.now().isoformat(timespec="seconds"),
        "method": method,
        "distance": number(distance, 0, lang=lang) if distance else None,
        "capacity": capacity,
        "units": len(units),
        "demand_points": int(len(demand.unit)),
        "fallback_units": _limited([unit_ref(u) for u in demand.fallback_units]),
        "categories": cats,
        "burden_rule": burden.rule if burden is not None else None,
        "gaps": _limited(gaps),
        "bad_rows": _limited([{**r, "reason": tr_reason(r["reason"])} for r in chk.bad_rows]),
        "duplicates": _limited(chk.duplicates),
        "outside": _limited(chk.outside),
        "missing_capacity": _limited(
            [{**r, **{"unit_" + k: v for k, v in unit_ref(r.get("unit")).items()}} for r in chk.missing_capacity]
        ),
        "not_yet_open": _limited(chk.not_yet_open),
        "warnings": warnings,
    }
