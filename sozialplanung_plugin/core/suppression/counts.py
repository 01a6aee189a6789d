"""The count cells of a layer as a table (count field x unit), the groups
whose totals are published, and primary suppression: a count
``0 < x < MIN_COUNT`` is withheld (with ``suppress_zeros`` also ``x = 0``)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import fields as fn
from ..signs import parse_column
from .plan import Breakdown
from .rule import PRIMARY, SuppressionError, SuppressionRule


@dataclass
class CountTable:
    """The count cells (``values[field, unit]``, NaN: missing in the input),
    the unit's group (``codes``, an index into ``group_labels``) and the
    breakdowns between the count fields."""

    values: np.ndarray
    counts: list[str]
    labels: np.ndarray  # unit names for messages
    codes: np.ndarray
    group_labels: list
    breakdowns: list[Breakdown] = field(default_factory=list)

    @property
    def relations(self) -> list[tuple[int, list[int]]]:
        """The breakdowns as (total, parts) rows of ``values``."""
        col_of = {c: j for j, c in enumerate(self.counts)}
        return [(col_of[b.total], [col_of[p] for p in b.parts]) for b in self.breakdowns]


def count_table(frame: pd.DataFrame, counts: list[str], group_field: str | None, labels, warnings: list) -> CountTable:
    """The count fields and groups of ``frame``, checked (errors name the field)."""
    values = _check_counts(frame, counts, labels)
    codes, group_labels = group_codes(frame, group_field, warnings)
    return CountTable(values, counts, labels, codes, group_labels)


def _check_counts(frame: pd.DataFrame, counts: list[str], unit_labels) -> np.ndarray:
    """The count fields as a float array (field, unit): whole numbers >= 0 or NaN.
    A count moved between unit systems by interpolateunits (``<field>_est``
    beside it) may be fractional where it is an estimate."""
    vals = np.empty((len(counts), len(frame)), dtype="float64")
    for j, c in enumerate(counts):
        x = _numbers(frame[c], c)
        est = fn.estimate_of(c)
        if est in frame.columns:
            estimated = frame[est].to_numpy(dtype="float64") > 0
            _check_whole(np.where(estimated, np.round(x), x), c, unit_labels)
        else:
            _check_whole(x, c, unit_labels)
        vals[j] = x
    return vals


def _numbers(s: pd.Series, c: str) -> np.ndarray:
    if s.dtype == object or s.dtype.kind not in "iuf":
        # a text field holding numbers ("1.234", ".", "-"): read with the German conventions
        parsed = parse_column(s.reset_index(drop=True).astype(object))
        if parsed.kind == "text" or parsed.bad:
            bad = parsed.bad[0][1] if parsed.bad else next((x for x in s if x not in (None, "")), None)
            raise SuppressionError(
                f"count field {c!r} is not numeric (a value is {bad!r}); suppression needs the counts as numbers"
            )
        return parsed.values.to_numpy(dtype="float64")
    return s.to_numpy(dtype="float64")


def _check_whole(x: np.ndarray, c: str, unit_labels) -> None:
    with np.errstate(invalid="ignore"):
        neg = x < 0
        frac = ~np.isnan(x) & (np.floor(x) != x)
    if neg.any():
        p = int(np.flatnonzero(neg)[0])
        raise SuppressionError(
            f"count field {c!r} is negative for unit {unit_labels[p]!r} ({x[p]:g}) "
            f"and {int(neg.sum()) - 1} more; a count cannot be negative"
        )
    if frac.any():
        p = int(np.flatnonzero(frac)[0])
        raise SuppressionError(
            f"count field {c!r} holds {x[p]:g} for unit {unit_labels[p]!r}: not a whole "
            f"number. Name counts (numerators, populations), not rates or percentages"
        )
    if np.isinf(x).any():
        raise SuppressionError(f"count field {c!r} holds an infinite value")


def group_codes(frame: pd.DataFrame, group_field: str | None, warnings: list) -> tuple[np.ndarray, list]:
    """Per unit the index of its group, and the group names (sorted; units
    without a value form the group "(leer)"). Without a group field: one group."""
    if not group_field:
        return np.zeros(len(frame), dtype=np.int64), [None]
    if group_field not in frame.columns:
        raise SuppressionError(f"group field {group_field!r} is not in the layer")
    g = frame[group_field]
    keys = g.map(lambda x: None if x is None or (isinstance(x, float) and math.isnan(x)) else str(x))
    codes, uniques = pd.factorize(keys, sort=True)  # no value: -1
    group_labels = list(uniques)
    if (codes < 0).any():  # units without a value form the first group, "(leer)"
        codes = codes + 1
        group_labels = ["(leer)"] + group_labels
    if (keys.isna()).any():
        warnings.append(
            f"{int(keys.isna().sum())} unit(s) have no value in the group field "
            f"{group_field!r}; they form a group of their own"
        )
    return np.asarray(codes, dtype=np.int64), group_labels


def primary_state(values: np.ndarray, rule: SuppressionRule) -> np.ndarray:
    """The state of every cell after primary suppression: PRIMARY where the
    value lies within the primary bounds, else 0 (published). For whole
    counts that is ``lo <= x <= hi``; an estimated (fractional) count is
    primary when it lies below MIN_COUNT and above 0 (or is 0 with zeros
    withheld), so that 2.4 estimated persons are withheld like 2."""
    with np.errstate(invalid="ignore"):
        low_enough = values < float(rule.min_count)
        high_enough = (values >= 0) if rule.suppress_zeros else (values > 0)
        prim = ~np.isnan(values) & low_enough & high_enough
    state = np.zeros(values.shape, dtype=np.int8)
    state[prim] = PRIMARY
    return state


def primary_mark_warning(rule: SuppressionRule, n_primary: int) -> str | None:
    """With MIN_COUNT 2 (or 1) the primary mark alone tells the value."""
    lo_p, hi_p = rule.primary_bounds
    if hi_p > lo_p or not n_primary:
        return None
    return (
        f"with MIN_COUNT {rule.min_count}"
        + (" and 0 withheld" if rule.suppress_zeros else "")
        + f" every cell marked 'primary' has the value {hi_p}: the mark gives it away. "
        f"Use MIN_COUNT 3 or more"
    )
