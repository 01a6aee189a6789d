"""The allocation: shares per overlap, counts split and summed per target,
rates rebuilt, missing cells traced, estimate shares."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import fields as fn
from ..errors import CanceledError, UserError
from ..indicators import numeric
from .model import (
    AREA_MEAN_NOTE_DE,
    KIND_COUNT,
    KIND_RATE_COUNTS,
    KIND_RATE_MEAN,
    KIND_RATE_WEIGHTED,
    METHODS,
    SIGN_PRIORITY,
    SPLIT_TOLERANCE,
    STRADDLE_SHARE,
    TRUE_ZERO_SIGN,
    ArealError,
    FieldPlan,
    Overlaps,
    est_of,
    note_of,
)


@dataclass
class FieldResult:
    plan: FieldPlan
    value: np.ndarray
    sign: np.ndarray | None
    est: np.ndarray
    before: float  # Σ over the sources with a value
    covered: float  # Σ value × covered share over the sources with a value
    after: float  # Σ over the targets with a value
    missing_sources: int
    missing_targets: int
    supp: np.ndarray | None = None  # <field>_supp of missing values: the strongest mark of their sources


@dataclass
class Allocation:
    method: str
    share: np.ndarray  # per overlap row
    fields: list[FieldResult]
    area_coverage: np.ndarray  # per target
    weight_coverage: np.ndarray | None
    source_coverage: np.ndarray  # per source: Σ shares
    no_weight_sources: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def columns(self, index, est: bool = True) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
        """The output columns (values, ``<field>_est``, ``<field>_sign``,
        ``<field>_note``) indexed by ``index`` (the target features), with
        their kinds ("number" / "text")."""
        data, kinds = {}, []
        for fr in self.fields:
            data[fr.plan.name] = fr.value
            kinds.append((fr.plan.name, "number"))
        for fr in self.fields:
            if est:
                data[est_of(fr.plan.name)] = fr.est
                kinds.append((est_of(fr.plan.name), "number"))
            if fr.sign is not None:
                data[fn.sign_of(fr.plan.name)] = fr.sign
                kinds.append((fn.sign_of(fr.plan.name), "text"))
            if fr.supp is not None:
                data[fn.supp_of(fr.plan.name)] = fr.supp
                kinds.append((fn.supp_of(fr.plan.name), "text"))
            if fr.plan.kind == KIND_RATE_MEAN:
                note = np.where(np.isnan(fr.value), None, AREA_MEAN_NOTE_DE).astype(object)
                data[note_of(fr.plan.name)] = note
                kinds.append((note_of(fr.plan.name), "text"))
        return pd.DataFrame(data, index=index), kinds


def shares(ov: Overlaps, method: str) -> tuple[np.ndarray, list[int]]:
    """Share of each overlap row's source in its target, and the sources
    that fall back to area shares (population method, no weight inside)."""
    if method not in METHODS:
        raise ArealError(f"unknown method {method!r} (known: {', '.join(METHODS)})")
    if method == "aggregate":
        return np.ones(len(ov.source)), []
    with np.errstate(divide="ignore", invalid="ignore"):
        by_area = np.where(ov.source_area[ov.source] > 0, ov.area / ov.source_area[ov.source], 0.0)
    if method == "area":
        return by_area, []
    if ov.weight is None or ov.source_weight is None:
        raise ArealError("the population method needs weights (WEIGHTS and WEIGHT_FIELD)")
    sw = ov.source_weight[ov.source]
    with np.errstate(divide="ignore", invalid="ignore"):
        by_weight = np.where(sw > 0, ov.weight / sw, np.nan)
    fallback = ~(sw > 0)
    out = np.where(fallback, by_area, by_weight)
    none = sorted(set(ov.source[fallback].tolist()))
    return out, none


def allocate(
    data: pd.DataFrame,
    plans: list[FieldPlan],
    ov: Overlaps,
    method: str,
    keys=None,
    canceled=None,
    split_tolerance: float = SPLIT_TOLERANCE,
) -> Allocation:
    """Move the planned fields of ``data`` (one row per source, in the
    positions of ``ov``) onto the targets."""
    n_t = ov.n_targets
    share, none = shares(ov, method)
    src, tgt = ov.source, ov.target
    keys = list(keys) if keys is not None else list(data.index)
    split = share < 1.0 - split_tolerance
    positive = share > 0
    moved: dict[str, FieldResult] = {}
    source_cov = np.bincount(src, weights=share, minlength=ov.n_sources)
    for p in plans:
        if canceled is not None and canceled():
            raise CanceledError()
        if p.kind == KIND_COUNT:
            moved[p.name] = _move_count(p, data, share, split, positive, src, tgt, n_t, source_cov, keys)
    out = []
    for p in plans:
        if p.kind == KIND_COUNT:
            out.append(moved[p.name])
        elif p.kind == KIND_RATE_COUNTS:
            out.append(_rate_of_counts(p, moved[p.numerator], moved[p.denominator]))
        elif p.kind == KIND_RATE_WEIGHTED:
            out.append(_weighted_rate(p, data, moved[p.weight], share, split, positive, src, tgt, n_t, keys))
        else:
            out.append(_area_mean(p, data, ov, src, tgt, n_t, keys, split))
    area_cov = _ratio(np.bincount(tgt, weights=ov.area, minlength=n_t), ov.target_area)
    weight_cov = None
    if ov.weight is not None and ov.target_weight is not None:
        weight_cov = _ratio(np.bincount(tgt, weights=ov.weight, minlength=n_t), ov.target_weight)
    return Allocation(method, share, out, area_cov, weight_cov, source_cov, none)


def _ratio(a, b):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(b > 0, a / b, np.nan)


def _source_values(data, name, keys, rate: bool = False):
    """Values and signs of a source column; '-' is a true zero for counts."""
    try:
        v, s = numeric(data, name)
    except UserError as e:
        raise ArealError(str(e)) from None
    v = v.copy()
    if s is not None:
        zero = np.isnan(v) & (pd.Series(s, dtype=object).to_numpy() == TRUE_ZERO_SIGN)
        if zero.any() and not rate:
            v[zero] = 0.0
    with np.errstate(invalid="ignore"):
        neg = v < 0
    if neg.any() and not rate:
        p = np.flatnonzero(neg)
        shown = ", ".join(str(keys[i]) for i in p[:5]) + (f" (+{len(p) - 5})" if len(p) > 5 else "")
        raise ArealError(
            f"field {name!r}: negative count(s) in source unit(s) {shown} (first {v[p[0]]:g}); counts to move "
            f"must be >= 0 (a sentinel such as -9999 must be marked as missing when the table is joined)"
        )
    return v, s


def _marks(data, name) -> np.ndarray | None:
    """``<field>_supp`` of a source column ("primary" / "secondary"), if the layer has it."""
    col = fn.supp_of(name)
    if col not in data.columns:
        return None
    return data[col].to_numpy(dtype=object)


def _pick_sign(candidates: list) -> str | None:
    signs = [c for c in candidates if isinstance(c, str) and c]
    if not signs:
        return None
    for s in SIGN_PRIORITY:
        if s in signs:
            return s
    return sorted(signs)[0]


def _missing_targets(unknown_rows, src, tgt, n_t, signs) -> tuple[np.ndarray, np.ndarray | None]:
    """Targets that depend on a missing source cell, and their signs."""
    miss = np.bincount(tgt[unknown_rows], minlength=n_t) > 0
    if not miss.any():
        return miss, None
    out = np.full(n_t, None, dtype=object)
    if signs is not None:
        by_target: dict[int, list] = {}
        for r in np.flatnonzero(unknown_rows).tolist():
            by_target.setdefault(int(tgt[r]), []).append(signs[src[r]])
        for t, cands in by_target.items():
            out[t] = _pick_sign(cands)
    return miss, (out if any(x is not None for x in out) else None)


def _move_count(p, data, share, split, positive, src, tgt, n_t, source_cov, keys) -> FieldResult:
    v, s = _source_values(data, p.name, keys)
    known = ~np.isnan(v)
    contrib = np.where(known[src], v[src] * share, 0.0)
    value = np.bincount(tgt, weights=contrib, minlength=n_t)
    est_part = np.bincount(tgt, weights=np.where(split, contrib, 0.0), minlength=n_t)
    reached = np.bincount(tgt, minlength=n_t) > 0
    unknown_rows = ~known[src] & positive
    miss, signs = _missing_targets(unknown_rows, src, tgt, n_t, s)
    _, supp = _missing_targets(unknown_rows, src, tgt, n_t, _marks(data, p.name))
    value = np.where(miss | ~reached, np.nan, value)
    with np.errstate(divide="ignore", invalid="ignore"):
        est = np.where(value > 0, est_part / value, 0.0)
    est = np.where(np.isnan(value), np.nan, np.clip(est, 0.0, 1.0))
    vk = np.where(known, v, 0.0)
    return FieldResult(
        plan=p,
        value=value,
        sign=signs,
        est=est,
        before=float(vk.sum()),
        covered=float((vk * source_cov).sum()),
        after=float(np.nansum(value)),
        missing_sources=int((~known).sum()),
        missing_targets=int(miss.sum()),
        supp=supp,
    )


def _combine_signs(n, *parts):
    out = None
    for sign, _value in parts:
        if sign is None:
            continue
        out = np.full(n, None, dtype=object) if out is None else out
        take = np.array([x is not None for x in sign]) & np.array([x is None for x in out])
        out[take] = sign[take]
    return out


def _combine_marks(n, *marks):
    """The stronger mark per target ("primary" before "secondary")."""
    given = [m for m in marks if m is not None]
    if not given:
        return None
    out = np.full(n, None, dtype=object)
    for t in range(n):
        out[t] = _pick_sign([m[t] for m in given])
    return out


def _rate_of_counts(p, num: FieldResult, den: FieldResult) -> FieldResult:
    n = len(num.value)
    with np.errstate(divide="ignore", invalid="ignore"):
        val = np.where(den.value > 0, num.value / den.value * p.multiplier, np.nan)
    sign = _combine_signs(n, (num.sign, num.value), (den.sign, den.value))
    zero = den.value == 0
    if zero.any():
        sign = sign if sign is not None else np.full(n, None, dtype=object)
        sign[zero & (sign == None)] = "x"  # noqa: E711  (0/0: not meaningful)
    est = np.where(np.isnan(val), np.nan, np.fmax(num.est, den.est))
    supp = _combine_marks(n, num.supp, den.supp)
    return FieldResult(p, val, sign, est, np.nan, np.nan, np.nan, 0, int(np.isnan(val).sum()), supp)


def _weighted_rate(p, data, weight: FieldResult, share, split, positive, src, tgt, n_t, keys) -> FieldResult:
    r, rs = _source_values(data, p.numerator, keys, rate=True)
    w, _ = _source_values(data, p.weight, keys)
    known = ~np.isnan(r) & ~np.isnan(w)
    implied = np.where(known[src], r[src] * w[src] * share, 0.0)
    num = np.bincount(tgt, weights=implied, minlength=n_t)
    den = np.bincount(tgt, weights=np.where(known[src], w[src] * share, 0.0), minlength=n_t)
    est_part = np.bincount(tgt, weights=np.where(split, implied, 0.0), minlength=n_t)
    unknown_rows = ~known[src] & positive
    miss, signs = _missing_targets(unknown_rows, src, tgt, n_t, rs)
    with np.errstate(divide="ignore", invalid="ignore"):
        val = np.where(~miss & (den > 0), num / den, np.nan)
        est = np.where(num > 0, np.clip(est_part / num, 0, 1), 0.0)
    est = np.where(np.isnan(val), np.nan, np.fmax(est, np.nan_to_num(weight.est)))
    return FieldResult(p, val, signs, est, np.nan, np.nan, np.nan, int((~known).sum()), int(miss.sum()))


def _area_mean(p, data, ov, src, tgt, n_t, keys, split) -> FieldResult:
    r, rs = _source_values(data, p.numerator, keys, rate=True)
    known = ~np.isnan(r)
    a = ov.area
    num = np.bincount(tgt, weights=np.where(known[src], r[src] * a, 0.0), minlength=n_t)
    den = np.bincount(tgt, weights=np.where(known[src], a, 0.0), minlength=n_t)
    est_den = np.bincount(tgt, weights=np.where(split, a, 0.0), minlength=n_t)
    unknown_rows = ~known[src] & (a > 0)
    miss, signs = _missing_targets(unknown_rows, src, tgt, n_t, rs)
    with np.errstate(divide="ignore", invalid="ignore"):
        val = np.where(~miss & (den > 0), num / den, np.nan)
        est = np.where(np.isnan(val), np.nan, np.clip(est_den / den, 0, 1))
    return FieldResult(p, val, signs, est, np.nan, np.nan, np.nan, int((~known).sum()), int(miss.sum()))


def straddling(inside_area: np.ndarray, unit_area: np.ndarray, limit: float = STRADDLE_SHARE) -> np.ndarray:
    """Positions of fine units with more than ``limit`` of their area outside the assigned target."""
    with np.errstate(divide="ignore", invalid="ignore"):
        outside = np.where(unit_area > 0, 1.0 - inside_area / unit_area, 0.0)
    return np.flatnonzero(outside > limit)
