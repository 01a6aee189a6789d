"""Indicators per unit, compared with the whole reference area.

For every catalogue indicator and unit (``fields.py`` has the field names):

* value ``val``: a rate from counts, ``numerator / denominator * multiplier``,
  or the given rate (the multiplier does not apply to a ready rate);
* reference ``ref`` (gesamtstädtischer Wert) of the unit's reference area
  (the whole layer, or the units sharing a value of the reference field):
  counts: ``sum(numerator) / sum(denominator) * multiplier`` over the units
  that have both; a ready rate: the catalogue's published ``reference``, else
  the value of the total row of a TOTALS table, else the weighted mean
  ``sum(rate * weight) / sum(weight)``, else (no weight column) the plain
  mean of the unit rates, with a warning;
* ``diff = val - ref`` (percentage points for rates in %);
  ``ratio = 100 * val / ref`` (reference = 100; missing when ref = 0);
* ``z = (val - mean) / sd``: mean and sample standard deviation (n - 1) of the
  unit values of the reference area (missing when n < 2 or sd = 0);
* ``pct = 100 * (rank - 1) / (n - 1)``: percentile rank 0..100 of the value
  among the n units of the reference area with a value, ``rank`` counted
  from the lowest value, ties taking the lowest rank (missing when n < 2).

A missing value stays missing (never 0) and keeps its reason in
``<id>_val_sign``: the sign of the numerator, else of the denominator, else of
the rate; "x" for 0/0. All measures of a missing value are missing; the
reference value belongs to the area and is written on every unit of it.

Several years (columns ``sgb2_2019``, ``sgb2_2020`` ...): the measures are for
the reporting year (the latest, or the one asked for), ``<id>_val_<Y>`` holds
the value of every year, ``<id>_chg`` the change from the base year (the
previous available year, or the one asked for) and ``<id>_ref_chg`` the same
change of the reference value (the area's, written for every unit of the area).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import fields as fn
from . import signs as sg
from .catalogue import Catalogue, CatalogueError, Columns, Indicator, resolve
from .errors import (
    CanceledError,  # noqa: F401 (re-exported)
    UserError,
)

LISTED = 10


class IndicatorError(UserError):
    """A data error found while computing: names indicator, unit, field and value."""


@dataclass
class IndicatorInfo:
    indicator: Indicator
    columns: list[Columns]
    year: int | None  # reporting year (None: one year without suffix)
    base_year: int | None
    reference_method: str  # counts | catalogue | total row | weighted mean | mean
    city_reference: float | None = None  # reference of the whole layer (no groups), reporting year

    @property
    def years(self) -> list[int | None]:
        return [c.year for c in self.columns]

    @property
    def multi_year(self) -> bool:
        return self.columns[0].year is not None


@dataclass
class IndicatorResult:
    frame: pd.DataFrame  # the new columns, same index as the input
    kinds: list[tuple[str, str]]  # (field, "number" | "text" | "integer") in output order
    infos: list[IndicatorInfo]
    warnings: list[str] = field(default_factory=list)

    def info(self, ind_id: str) -> IndicatorInfo:
        for i in self.infos:
            if i.indicator.id == ind_id:
                return i
        raise KeyError(ind_id)


def nones(n: int) -> np.ndarray:
    """An object array of n None (numpy fills empty object arrays with None; faster than np.full)."""
    return np.empty(n, dtype=object)


def keys_text(keys, positions) -> str:
    """'0107', '0108' and 3 more: unit keys at ``positions`` for messages."""
    positions = list(positions)
    shown = ", ".join(repr(str(keys[p])) for p in positions[:LISTED])
    if len(positions) > LISTED:
        shown += f" and {len(positions) - LISTED} more"
    return shown


class Groups:
    """Reference areas: one group (the whole layer) or the values of a field."""

    def __init__(self, labels: pd.Series | None, n: int):
        self.n = n
        if labels is None:
            self.codes = np.zeros(n, dtype=np.int64)
            self.labels: list = [None]
        else:
            codes, uniques = pd.factorize(pd.Series(labels).reset_index(drop=True), sort=True)
            self.codes = codes.astype(np.int64)
            self.labels = list(uniques)
        self.size = len(self.labels)
        self.member = self.codes >= 0
        self.single = labels is None

    def sums(self, x: np.ndarray, mask: np.ndarray) -> np.ndarray:
        if self.single:
            return np.array([np.sum(x, where=mask)], dtype="float64")
        m = mask & self.member
        return np.bincount(self.codes[m], weights=x[m], minlength=self.size)

    def counts(self, mask: np.ndarray) -> np.ndarray:
        if self.single:
            return np.array([np.count_nonzero(mask)], dtype="float64")
        m = mask & self.member
        return np.bincount(self.codes[m], minlength=self.size).astype("float64")

    def spread(self, per_group: np.ndarray) -> np.ndarray:
        if self.single:
            return np.full(self.n, per_group[0], dtype="float64")
        out = np.full(self.n, np.nan)
        out[self.member] = per_group[self.codes[self.member]]
        return out

    def ratio_of_sums(self, num, den, mask) -> np.ndarray:
        s_num = self.sums(num, mask)
        s_den = self.sums(den, mask)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(s_den != 0, s_num / np.where(s_den != 0, s_den, 1.0), np.nan)

    def mean(self, x, mask) -> np.ndarray:
        n = self.counts(mask)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(n > 0, self.sums(x, mask) / np.where(n > 0, n, 1.0), np.nan)


def zscores(x: np.ndarray, groups: Groups) -> np.ndarray:
    """(x - mean) / sd per group, sample standard deviation (n - 1)."""
    ok = ~np.isnan(x) & groups.member
    n = groups.counts(ok)
    mean = groups.mean(x, ok)
    dev = x - groups.spread(mean)
    ss = groups.sums(np.where(ok, dev * dev, 0.0), ok)
    with np.errstate(divide="ignore", invalid="ignore"):
        sd = np.where(n > 1, np.sqrt(ss / np.where(n > 1, n - 1, 1.0)), np.nan)
    sd = np.where(sd > 0, sd, np.nan)
    with np.errstate(invalid="ignore"):
        return np.where(ok, dev / groups.spread(sd), np.nan)


def min_rank(x: np.ndarray, groups: Groups | None = None) -> np.ndarray:
    """Rank from the lowest value (1 = lowest), ties taking the lowest rank; NaN stays NaN."""
    if groups is None or groups.single:
        ok = ~np.isnan(x)
        v = x[ok]
        out = np.full(len(x), np.nan)
        # rank = 1 + number of values strictly below (ties share the lowest rank)
        order = np.argsort(v)
        sv = v[order]
        r = np.empty(len(v))
        r[order] = np.searchsorted(sv, sv, side="left") + 1.0
        out[ok] = r
        return out
    s = pd.Series(np.where(groups.member, x, np.nan))
    return s.groupby(groups.codes).rank(method="min").to_numpy()


def percentile_ranks(x: np.ndarray, groups: Groups) -> np.ndarray:
    """100 * (rank - 1) / (n - 1) per group (see the module docstring)."""
    ok = ~np.isnan(x) & groups.member
    r = min_rank(np.where(ok, x, np.nan), groups)
    n = groups.spread(groups.counts(ok))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(ok & (n > 1), 100.0 * (r - 1.0) / (n - 1.0), np.nan)


def numeric(data: pd.DataFrame, column: str) -> tuple[np.ndarray, np.ndarray | None]:
    """A column as float64 and its signs (from ``<column>_sign`` or, for a text
    field, from the cells themselves, read with the German conventions)."""
    s = data[column]
    signs = None
    if s.dtype == object:
        parsed = sg.parse_column(s.reset_index(drop=True))
        if parsed.kind == "text" or parsed.bad:
            bad = parsed.bad[0][1] if parsed.bad else next((v for v in s if v not in (None, "")), "")
            raise IndicatorError(f"field {column!r} holds text such as {bad!r}, not numbers")
        values = parsed.values.to_numpy(dtype="float64")
        if parsed.signs is not None:
            signs = parsed.signs.to_numpy(dtype=object)
    else:
        values = s.to_numpy(dtype="float64")  # never written to: the values are computed into new arrays
    sc = fn.sign_of(column)
    if sc in data.columns:
        given = data[sc].to_numpy(dtype=object)
        signs = given if signs is None else np.where(pd.isna(signs), given, signs)
    return values, signs


def _pick_signs(n: int, missing: np.ndarray, *sources) -> np.ndarray | None:
    """Sign per unit where the value is missing; earlier sources win."""
    if not missing.any():
        return None
    out = None
    for mask, signs in reversed(sources):
        if signs is None:
            continue
        take = mask & missing
        if take.any():
            vals = signs[take]
            has = ~pd.isna(vals)
            if has.any():
                out = nones(n) if out is None else out
                out[np.flatnonzero(take)[has]] = vals[has]
    return out


@dataclass
class _YearValue:
    columns: Columns
    val: np.ndarray
    sign: np.ndarray | None
    num: np.ndarray | None = None
    den: np.ndarray | None = None
    weight: np.ndarray | None = None
    withheld: np.ndarray | None = None  # rates not published (minimum population)


def _withhold(yv: _YearValue, mask, sign: str) -> None:
    """Withhold the rates of the units in ``mask`` (the counts stay as they are)."""
    if mask is None:
        return
    mask = np.asarray(mask, dtype=bool) & ~np.isnan(yv.val)
    if not mask.any():
        return
    yv.val = np.where(mask, np.nan, yv.val)
    signs = yv.sign.copy() if yv.sign is not None else nones(len(yv.val))
    signs[mask] = sign
    yv.sign = signs
    yv.withheld = mask


def _value(ind: Indicator, cols: Columns, data: pd.DataFrame, keys, zeros: dict) -> _YearValue:
    """The values of one indicator in one year; 0/0 cases are collected in
    ``zeros`` ({(denominator field, unit positions): [indicator ids]}) for one warning each."""
    n = len(data)
    when = f" ({cols.year})" if cols.year is not None else ""
    if ind.from_counts:
        num, num_s = numeric(data, cols.numerator)
        den, den_s = numeric(data, cols.denominator)
        with np.errstate(invalid="ignore"):
            neg = den < 0
        if neg.any():
            p = np.flatnonzero(neg)
            raise IndicatorError(
                f"indicator {ind.id!r}{when}: denominator field {cols.denominator!r} is negative for unit(s) "
                f"{keys_text(keys, p)} (value {den[p[0]]:g}); a reference population cannot be negative"
            )
        zero = den == 0
        num_missing = np.isnan(num)
        bad = zero & ~num_missing & (num != 0)
        if bad.any():
            p = np.flatnonzero(bad)
            raise IndicatorError(
                f"indicator {ind.id!r}{when}: denominator field {cols.denominator!r} is 0 while the numerator "
                f"field {cols.numerator!r} is not (unit(s) {keys_text(keys, p)}, numerator {num[p[0]]:g}); "
                f"a count cannot exceed an empty reference population"
            )
        with np.errstate(divide="ignore", invalid="ignore"):
            val = num / den * ind.multiplier
        if zero.any():
            val[zero] = np.nan
            zeros.setdefault((cols.denominator, tuple(np.flatnonzero(zero).tolist())), []).append(ind.id)
        missing = np.isnan(val)
        sign = _pick_signs(n, missing, (num_missing, num_s), (np.isnan(den), den_s))
        if zero.any():
            sign = sign if sign is not None else nones(n)
            sign[zero] = "x"
        out = _YearValue(cols, val, sign, num=num, den=den)
    else:
        val, rate_s = numeric(data, cols.rate)
        sign = _pick_signs(n, np.isnan(val), (np.isnan(val), rate_s))
        out = _YearValue(cols, val, sign)
    if cols.weight:
        w, _ = numeric(data, cols.weight)
        with np.errstate(invalid="ignore"):
            negw = w < 0
        if negw.any():
            p = np.flatnonzero(negw)
            raise IndicatorError(
                f"indicator {ind.id!r}{when}: weight field {cols.weight!r} is negative for "
                f"unit(s) {keys_text(keys, p)} (value {w[p[0]]:g})"
            )
        out.weight = w
    return out


def reference_values(
    ind: Indicator, yv: _YearValue, groups: Groups, published: float | None, keys, notes: list[str] | None
) -> tuple[np.ndarray, str]:
    """Reference value per group and the method used."""
    if ind.from_counts:
        ok = ~np.isnan(yv.num) & ~np.isnan(yv.den)
        left = ~ok & groups.member
        if notes is not None and left.any():
            notes.append(
                f"indicator {ind.id!r}: {int(left.sum())} unit(s) without numerator or denominator "
                f"left out of both sums of the reference value: {keys_text(keys, np.flatnonzero(left))}"
            )
        return groups.ratio_of_sums(yv.num, yv.den, ok) * ind.multiplier, "counts"
    if published is not None and groups.single:
        return np.array([published], dtype="float64"), "published"
    if yv.weight is not None:
        ok = ~np.isnan(yv.val) & ~np.isnan(yv.weight)
        left = ~np.isnan(yv.val) & np.isnan(yv.weight) & groups.member
        if notes is not None and left.any():
            notes.append(
                f"indicator {ind.id!r}: {int(left.sum())} unit(s) with a value but no weight "
                f"({yv.columns.weight!r}) left out of the weighted mean: "
                f"{keys_text(keys, np.flatnonzero(left))}"
            )
        return groups.ratio_of_sums(
            yv.val * np.where(ok, yv.weight, 0.0), np.where(ok, yv.weight, 0.0), ok
        ), "weighted mean"
    ok = ~np.isnan(yv.val)
    if notes is not None:
        notes.append(
            f"indicator {ind.id!r}: a ready rate without weight column, published reference or total "
            f"row: the reference is the unweighted mean of the unit rates, which is not the "
            f"gesamtstädtischer Wert when units differ in size (give weight_column or reference)"
        )
    return groups.mean(yv.val, ok), "mean"


def published_totals(totals: pd.DataFrame | None) -> dict[str, float]:
    """Numeric values of the (first) total row of a table: column -> value."""
    out: dict[str, float] = {}
    if totals is None or not len(totals):
        return out
    row = totals.iloc[0]
    for c, v in row.items():
        if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool) and not np.isnan(v):
            out[str(c)] = float(v)
    return out


def plan(
    catalogue: Catalogue,
    columns: list[str],
    year: int | None = None,
    base_year: int | None = None,
    only: list[str] | None = None,
) -> list[IndicatorInfo]:
    """Resolve every indicator's columns and its reporting and base year."""
    known = set(catalogue.ids)
    if only:
        unknown = [i for i in only if i not in known]
        if unknown:
            raise CatalogueError(
                f"{catalogue.path}: indicator(s) {', '.join(map(repr, unknown))} not in the "
                f"catalogue (ids: {', '.join(catalogue.ids)})"
            )
    infos = []
    for ind in catalogue:
        if only and ind.id not in only:
            continue
        cols = resolve(ind, columns)
        years = [c.year for c in cols]
        if years[0] is None:
            y = b = None
        else:
            if year is not None:
                if year not in years:
                    raise IndicatorError(
                        f"indicator {ind.id!r}: no data for the reporting year {year} "
                        f"(years in the layer: {', '.join(map(str, years))})"
                    )
                y = year
            else:
                y = years[-1]
            if base_year is not None:
                if base_year not in years:
                    raise IndicatorError(
                        f"indicator {ind.id!r}: no data for the base year {base_year} "
                        f"(years in the layer: {', '.join(map(str, years))})"
                    )
                if base_year >= y:
                    raise IndicatorError(
                        f"indicator {ind.id!r}: the base year {base_year} must be before the reporting year {y}"
                    )
                b = base_year
            else:
                earlier = [v for v in years if v < y]
                b = earlier[-1] if earlier else None
        infos.append(IndicatorInfo(ind, cols, y, b, ""))
    return infos


class Output:
    """The computed fields in the order they are written, with their kinds
    (shared by the indicator, burden and index computations)."""

    def __init__(self):
        self.columns: dict[str, np.ndarray] = {}
        self.kinds: list[tuple[str, str]] = []

    def put(self, name: str, arr, kind: str = "number") -> None:
        self.columns[name] = arr
        self.kinds.append((name, kind))


def group_warnings(grp: Groups, totals, keys) -> list[str]:
    out = []
    if not grp.single and (~grp.member).any():
        out.append(
            f"{int((~grp.member).sum())} unit(s) have no reference area (empty reference field): "
            f"their references, z-scores and percentiles are missing: "
            f"{keys_text(keys, np.flatnonzero(~grp.member))}"
        )
    if not grp.single and totals:
        out.append(
            "with a reference field the references are computed per group; the total row of the "
            "TOTALS table is not used"
        )
    return out


def published_for(ind: Indicator, cols: Columns, reporting: bool, totals: dict) -> tuple[float | None, str]:
    """A published reference value of a ready rate and where it comes from:
    the catalogue's (reporting year only) or the table's total row."""
    if ind.from_counts:
        return None, ""
    if reporting and ind.reference is not None:
        return ind.reference, "catalogue"
    if cols.rate in totals:
        return totals[cols.rate], "total row"
    if reporting and ind.rate in totals:
        return totals[ind.rate], "total row"
    return None, ""


@dataclass
class GroupRule:
    """The data-protection rule's minimum population applied to the reference value of a group
    (a REFERENCE_FIELD or COMPARE_FIELDS group): a group of fewer inhabitants in all gets no
    reference value, just as a unit of fewer gets no rate (a group of one small unit would
    show its withheld rate). ``populations``: year (None: any) -> each unit's population."""

    populations: dict
    minimum: float

    def withhold(self, ref: np.ndarray, grp: Groups, year) -> np.ndarray:
        """``ref`` (per unit) without the values of groups of fewer than ``minimum`` inhabitants
        in ``year`` (a missing population counts as none)."""
        pop = self.populations.get(year, self.populations.get(None))
        if pop is None or self.minimum <= 0 or grp.single:
            return ref
        total = grp.spread(grp.sums(np.nan_to_num(pop, nan=0.0), grp.member))
        with np.errstate(invalid="ignore"):
            small = grp.member & (total < self.minimum)
        return np.where(small, np.nan, ref)


def group_reference(ref_g: np.ndarray, grp: Groups, year, rule: GroupRule | None) -> np.ndarray:
    """The groups' reference values per unit; none for a group below the rule's minimum population."""
    ref = grp.spread(ref_g)
    return ref if rule is None else rule.withhold(ref, grp, year)


def year_values(info: IndicatorInfo, data, keys, zeros, withheld, withheld_sign) -> dict:
    """The indicator's value per year (withheld units removed)."""
    by_year: dict[int | None, _YearValue] = {}
    for cols in info.columns:
        by_year[cols.year] = _value(info.indicator, cols, data, keys, zeros)
        if withheld:
            _withhold(by_year[cols.year], withheld.get(cols.year, withheld.get(None)), withheld_sign)
    return by_year


def compare(
    info: IndicatorInfo, cur: _YearValue, grp: Groups, totals, keys, warnings, out: Output, rule: GroupRule | None
) -> np.ndarray:
    """Value, reference, difference, ratio, z-score and percentile of the
    reporting year; returns the reference per unit."""
    ind, n = info.indicator, len(cur.val)
    pub, how = published_for(ind, cur.columns, True, totals)
    ref_g, method = reference_values(ind, cur, grp, pub, keys, warnings)
    if method == "published":
        method = how
    if ind.reference is not None and not grp.single:
        warnings.append(
            f"indicator {ind.id!r}: the catalogue's published reference is for the whole area; "
            f"with a reference field the reference is computed per group"
        )
    info.reference_method = method
    info.city_reference = float(ref_g[0]) if grp.single and len(ref_g) else None
    val = cur.val
    ref = group_reference(ref_g, grp, info.year, rule)  # the area's reference value, per unit
    missing = np.isnan(val)
    diff = val - ref
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(ref != 0, 100.0 * val / np.where(ref != 0, ref, 1.0), np.nan)
    ratio[missing] = np.nan
    out.put(fn.measure(ind.id, "val"), val)
    out.put(fn.sign_of(fn.measure(ind.id, "val")), cur.sign if cur.sign is not None else nones(n), "text")
    if cur.withheld is not None and cur.withheld.any():
        out.put(fn.supp_of(fn.measure(ind.id, "val")), np.where(cur.withheld, fn.SUPP_PRIMARY, None), "text")
    out.put(fn.measure(ind.id, "ref"), ref)  # the area's published value: on every unit, with or without a value
    out.put(fn.measure(ind.id, "diff"), diff)
    out.put(fn.measure(ind.id, "ratio"), ratio)
    out.put(fn.measure(ind.id, "z"), zscores(val, grp))
    out.put(fn.measure(ind.id, "pct"), percentile_ranks(val, grp))
    return ref


def adverse_rank(val: np.ndarray, polarity: int, groups: Groups) -> np.ndarray:
    """Rank 1 = the most adverse value (by polarity; neutral: the highest)
    among the units of the same group with a value; ties share the lowest rank."""
    p = polarity or 1
    return min_rank(np.where(np.isnan(val), np.nan, -p * val), groups)


def compare_with(
    info: IndicatorInfo, cur: _YearValue, field: str, labels, keys, warnings, out: Output, rule: GroupRule | None
) -> None:
    """The unit against the units of its group in ``field`` (e.g. its
    municipality): ``<id>_ref_<F>`` (Σ numerators / Σ denominators of the
    group for counts), ``_diff_<F>``, ``_ratio_<F>``, ``_z_<F>``, ``_pct_<F>``
    and ``_rank_<F>``."""
    ind = info.indicator
    grp = Groups(labels, len(cur.val))
    if (~grp.member).any():
        warnings.append(
            f"{int((~grp.member).sum())} unit(s) have no value in the comparison field {field!r}: their "
            f"{field} comparisons are missing: {keys_text(keys, np.flatnonzero(~grp.member))}"
        )
    ref_g, _ = reference_values(ind, cur, grp, None, keys, None)
    val = cur.val
    ref = group_reference(ref_g, grp, info.year, rule)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(ref != 0, 100.0 * val / np.where(ref != 0, ref, 1.0), np.nan)
    ratio[np.isnan(val)] = np.nan
    out.put(fn.measure(ind.id, f"ref_{field}"), ref)
    out.put(fn.measure(ind.id, f"diff_{field}"), val - ref)
    out.put(fn.measure(ind.id, f"ratio_{field}"), ratio)
    out.put(fn.measure(ind.id, f"z_{field}"), zscores(val, grp))
    out.put(fn.measure(ind.id, f"pct_{field}"), percentile_ranks(val, grp))
    out.put(fn.measure(ind.id, f"rank_{field}"), adverse_rank(val, ind.polarity, grp), "integer")


def series(info: IndicatorInfo, by_year: dict, ref: np.ndarray, grp, totals, keys, warnings, out: Output, rule) -> None:
    """The value of every year and the change from the base year (the unit's and the reference's)."""
    ind = info.indicator
    n = len(ref)
    for y, yv in by_year.items():
        name = fn.measure(ind.id, "val", y)
        out.put(name, yv.val)
        if yv.sign is not None:
            out.put(fn.sign_of(name), yv.sign, "text")
    if info.base_year is None:
        warnings.append(f"indicator {ind.id!r}: no year before {info.year}: the change fields are empty")
        out.put(fn.change(ind.id), np.full(n, np.nan))
        out.put(fn.ref_change(ind.id), np.full(n, np.nan))
        return
    base = by_year[info.base_year]
    out.put(fn.change(ind.id), by_year[info.year].val - base.val)
    pub_b, _ = published_for(ind, base.columns, False, totals)
    ref_b, _ = reference_values(ind, base, grp, pub_b, keys, None)
    out.put(fn.ref_change(ind.id), ref - group_reference(ref_b, grp, info.base_year, rule))


def zero_warnings(zeros: dict, keys) -> list[str]:
    out = []
    for (den, units), ids in zeros.items():
        which = ", ".join(repr(i) for i in dict.fromkeys(ids))
        out.append(
            f"denominator {den!r} is 0 for unit(s) {keys_text(keys, units)}: the value of {which} "
            f"is missing there (sign 'x')"
        )
    return out


def compute(
    data: pd.DataFrame,
    catalogue: Catalogue,
    *,
    keys=None,
    groups: pd.Series | None = None,
    year: int | None = None,
    base_year: int | None = None,
    totals: dict[str, float] | None = None,
    only: list[str] | None = None,
    progress=None,
    withheld: dict | None = None,
    withheld_sign: str = ".",
    compare_fields: dict | None = None,
    group_rule: GroupRule | None = None,
) -> IndicatorResult:
    """All indicators of the catalogue for the units in ``data`` (see module docstring).

    ``compare_fields``: {field name: the units' values of it}: each unit is
    also compared with the units of its group in every such field (e.g. its
    municipality in a county), and ranked (``<id>_rank`` over the reference
    area, ``<id>_rank_<F>`` in the group).

    ``keys``: unit keys for messages (default: the index); ``groups``: the
    reference area of each unit (None: the whole layer); ``totals``: published
    values of the total row by column name (ready rates only, whole layer);
    ``progress(fraction)`` may raise ``CanceledError``; ``withheld``: year (None:
    any year) -> boolean array of units whose rates must not be published
    (the data-protection rule's minimum population, see
    ``suppression.rate_withheld``): their values are missing with
    ``withheld_sign`` and marked "primary" in ``<id>_val_supp``, they take no
    part in z-scores and percentiles, and their counts still count in the
    reference value (the city's total includes everyone). ``group_rule``: the
    same minimum population for the reference value of each group of
    ``groups`` and ``compare_fields`` (see GroupRule).
    """
    n = len(data)
    keys = np.asarray(data.index if keys is None else keys, dtype=object)
    infos = plan(catalogue, list(data.columns), year, base_year, only)
    grp = Groups(groups, n)
    warnings = group_warnings(grp, totals, keys)
    totals = totals or {}
    zeros: dict[tuple[str, tuple], list[str]] = {}
    out = Output()
    for k, info in enumerate(infos):
        by_year = year_values(info, data, keys, zeros, withheld, withheld_sign)
        ref = compare(info, by_year[info.year], grp, totals, keys, warnings, out, group_rule)
        if compare_fields:
            out.put(
                fn.measure(info.indicator.id, "rank"),
                adverse_rank(by_year[info.year].val, info.indicator.polarity, grp),
                "integer",
            )
            for field, labels in compare_fields.items():
                compare_with(info, by_year[info.year], field, labels, keys, warnings, out, group_rule)
        if info.multi_year:
            series(info, by_year, ref, grp, totals, keys, warnings, out, group_rule)
        if progress is not None:
            progress((k + 1) / len(infos))
    warnings += zero_warnings(zeros, keys)
    frame = pd.DataFrame(out.columns, index=data.index, copy=False)
    return IndicatorResult(frame, out.kinds, infos, warnings)
