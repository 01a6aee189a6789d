"""The facility list checked: which rows can be used, and every row that cannot
or that looks doubtful, listed (never dropped silently).

Input: a DataFrame with one row per facility and the columns

=================  ============================================================
``id``             the facility's id (text; empty: its row is named instead)
``category``       category as given (text), e.g. ``kita``
``x``, ``y``       coordinates in the units' CRS (float, NaN if unusable)
``capacity``       places, staff hours ... (float, NaN if missing)
``capacity_sign``  why the capacity is missing (sign of the table cell), optional
``year``           opening year (float, NaN if unknown), optional
``unit``           position of the unit that holds the point, -1 outside every unit
``where``          where the row is ("line 17", "feature 12"), for the lists
``xy_note``        why the coordinates are unusable (set by the adapter), optional
=================  ============================================================
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .distance import pairs_within

#: facilities of one category closer than this (metres) are listed as possible duplicates
DUPLICATE_METRES = 5.0


@dataclass
class FacilityCheck:
    """The facilities that enter the computation and what was found."""

    usable: pd.DataFrame  # rows with category and coordinates (inside or outside the units)
    bad_rows: list = field(default_factory=list)  # {id, category, where, reason}: not used
    duplicates: list = field(default_factory=list)  # {id, other, category, distance, where}: kept, listed
    outside: list = field(default_factory=list)  # {id, category, where, x, y}: not counted in a unit
    missing_capacity: list = field(default_factory=list)  # {id, category, unit, where, reason}
    not_yet_open: list = field(default_factory=list)  # {id, category, year, where}


def _text(v) -> str:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return ""
    return str(v).strip()


def check(
    fac: pd.DataFrame,
    categories: list[str] | None = None,
    capacity: bool = True,
    as_of: int | None = None,
    tolerance: float = DUPLICATE_METRES,
) -> FacilityCheck:
    """Sort the facility rows into usable ones and the lists of the report.

    Unusable (listed in ``bad_rows``, not used): no category, a category not asked
    for in DEMAND, coordinates missing or not finite (a point far off, e.g. at
    (0, 0), is listed as outside). Opened after ``as_of``: listed, not used.
    Listed but used: possible duplicates (same category within ``tolerance`` m),
    points outside every unit (they supply the catchment, but count in no unit),
    missing capacity (counted; the unit's capacity is then missing)."""
    f = fac.copy()
    for c, default in (("capacity", np.nan), ("year", np.nan), ("unit", -1), ("capacity_sign", None)):
        if c not in f.columns:
            f[c] = default
    if "xy_note" not in f.columns:
        f["xy_note"] = None
    if "where" not in f.columns:
        f["where"] = [f"row {i + 1}" for i in range(len(f))]
    f["id"] = f["id"].map(_text)
    f["category"] = f["category"].map(_text)
    x = pd.to_numeric(f["x"], errors="coerce").to_numpy(dtype="float64")
    y = pd.to_numeric(f["y"], errors="coerce").to_numpy(dtype="float64")
    f["x"], f["y"] = x, y
    out = FacilityCheck(usable=f.iloc[:0])
    reasons = [""] * len(f)
    notes = [""] * len(f)
    no_cat = (f["category"] == "").to_numpy()
    finite = np.isfinite(x) & np.isfinite(y)
    for k in np.flatnonzero(no_cat):
        reasons[k] = "no category"
    for k in np.flatnonzero(~finite):
        reasons[k] = "; ".join(r for r in (reasons[k], "no usable coordinates") if r)
        notes[k] = _text(f["xy_note"].iat[k])
    bad = no_cat | ~finite
    if categories is not None:
        other = ~bad & ~f["category"].isin(categories).to_numpy()
        for k in np.flatnonzero(other):
            reasons[k] = "category not in DEMAND"
        bad |= other
    for k in np.flatnonzero(bad):
        out.bad_rows.append(_row(f, k, reason=reasons[k], note=notes[k]))
    ok = ~bad
    if as_of is not None:
        yr = pd.to_numeric(f["year"], errors="coerce").to_numpy(dtype="float64")
        later = ok & (yr > as_of)
        for k in np.flatnonzero(later):
            out.not_yet_open.append(_row(f, k, year=int(yr[k])))
        ok &= ~later
    use = f[ok].copy()
    use["capacity"] = pd.to_numeric(use["capacity"], errors="coerce").astype("float64")
    if capacity:
        neg = use["capacity"] < 0
        if neg.any():
            use.loc[neg, "capacity_sign"] = use.loc[neg, "capacity_sign"].where(
                use.loc[neg, "capacity_sign"].notna(), "negative"
            )
            use.loc[neg, "capacity"] = np.nan
        for k in np.flatnonzero(use["capacity"].isna().to_numpy()):
            sign = _text(use["capacity_sign"].iat[k])
            unit = int(use["unit"].iat[k])
            out.missing_capacity.append(_row(use, k, reason="capacity missing", note=sign, unit=unit))
    else:
        use["capacity"] = 1.0  # every facility counts once
    use["unit"] = pd.to_numeric(use["unit"], errors="coerce").fillna(-1).astype(np.int64)
    for k in np.flatnonzero((use["unit"] < 0).to_numpy()):
        out.outside.append(_row(use, k, x=float(use["x"].iat[k]), y=float(use["y"].iat[k])))
    out.duplicates = duplicates(use, tolerance)
    out.usable = use
    return out


def _row(f: pd.DataFrame, k: int, **extra) -> dict:
    return {"id": f["id"].iat[k], "category": f["category"].iat[k], "where": _text(f["where"].iat[k]), **extra}


def duplicates(use: pd.DataFrame, tolerance: float = DUPLICATE_METRES) -> list[dict]:
    """Pairs of facilities of the same category within ``tolerance`` metres (each pair once)."""
    out = []
    for cat, grp in use.groupby("category", sort=True):
        if len(grp) < 2:
            continue
        x, y = grp["x"].to_numpy(), grp["y"].to_numpy()
        for i, j, d in pairs_within(x, y, x, y, tolerance):
            keep = i < j
            for a, b, dist in zip(i[keep].tolist(), j[keep].tolist(), d[keep].tolist()):
                out.append(
                    {
                        "id": grp["id"].iat[a],
                        "where": _text(grp["where"].iat[a]),
                        "other": grp["id"].iat[b],
                        "other_where": _text(grp["where"].iat[b]),
                        "category": cat,
                        "distance": round(dist, 1),
                        "same_id": bool(grp["id"].iat[a] and grp["id"].iat[a] == grp["id"].iat[b]),
                    }
                )
    out.sort(key=lambda r: (r["category"], r["id"], r["other"]))
    return out
