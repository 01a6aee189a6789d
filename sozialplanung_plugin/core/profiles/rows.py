"""The printed row of one indicator for one unit.

When a unit's value is missing, *everything* of that indicator on its page
shows the value's sign (difference, ratio bar, flag, change): the city-wide
value plus a difference would give the value back. Units below the rule's
MIN_POPULATION publish no rates, whatever a later step computed.
"""

from __future__ import annotations

import numpy as np

from .. import fields as fn
from ..catalogue import Indicator
from .model import ADVERSE, FAVOURABLE, NEUTRAL, IndicatorRow
from .published import PublishedFields, base_year, constant, estimated_years, unit_series, years_of
from .texts import (
    ESTIMATE_MARK,
    FLAGGED,
    NO_INFO,
    NOT_FLAGGED,
    difference_text,
    display_sign,
    text_or_none,
    trend_arrow,
    value_text,
)


def bar_direction(ratio: float, polarity: int) -> str:
    """ADVERSE, FAVOURABLE or NEUTRAL: how the unit deviates from the city (ratio 100)."""
    dev = (ratio - 100.0) * polarity
    return NEUTRAL if polarity == 0 or dev == 0 else (ADVERSE if dev > 0 else FAVOURABLE)


class _Signs:
    """The signs printed in one row, collected in the order of the columns."""

    def __init__(self):
        self.used: list[str] = []

    def first(self, *candidates) -> str:
        """The first sign given (as printed), or 'k.A.'."""
        for c in candidates:
            if text_or_none(c):
                self.used.append(text_or_none(c))
                return display_sign(c)
        self.used.append(NO_INFO)
        return NO_INFO


class IndicatorColumns:
    """The published columns of one indicator and the printed row of a unit."""

    def __init__(self, f: PublishedFields, ind: Indicator, columns, levels=(), series=None):
        """``levels``: the comparison fields F (``<id>_ref_<F>``); ``series``:
        (CitySeries, computed unit values or None) when the indicator has one."""
        self.f, self.ind = f, ind
        self.rule = f.rule
        vf = fn.measure(ind.id, "val")
        self.val = f.values(vf).astype("float64")
        self.val_sign = f.signs(vf)
        self.val_hidden = f.hidden(vf)
        rf = fn.measure(ind.id, "ref")
        self.ref = f.values(rf).astype("float64") if f.has(rf) else np.full(len(self.val), np.nan)
        self.city = constant(self.ref)
        self.diff = f.values(fn.measure(ind.id, "diff")).astype("float64")
        self.diff_sign = f.signs(fn.measure(ind.id, "diff"))
        self.ratio = f.values(fn.measure(ind.id, "ratio")).astype("float64")
        # a ratio means something only for values that cannot be negative (not for changes)
        vals = self.val[~np.isnan(self.val)]
        refs = self.ref[~np.isnan(self.ref)]
        self.bars = bool(len(refs)) and bool((refs > 0).all()) and bool((vals >= 0).all())
        self.flag = f.values(fn.flag(ind.id)).astype("float64") if ind.core and f.has(fn.flag(ind.id)) else None
        self.flag_sign = f.signs(fn.flag(ind.id)) if self.flag is not None else None
        self.years = years_of(ind, columns)
        self.chg = None
        self.base = None
        if len(self.years) > 1 and f.has(fn.change(ind.id)):
            self.chg = f.values(fn.change(ind.id)).astype("float64")
            self.base = base_year(f, ind, self.years)
            self.chg_sign = f.signs(fn.change(ind.id))
            self.base_sign = f.signs(fn.measure(ind.id, "val", self.base))
        self.levels = {lv: f.values(fn.measure(ind.id, f"ref_{lv}")).astype("float64") for lv in levels}
        self.series = None
        self.series_years: list[int] = []
        if series is not None:
            city, computed = series
            self.series = unit_series(f, ind, city.years, computed)
            self.series_years = list(city.years)
        # interpolateunits' estimates: per year of the inputs, True where a count is estimated
        self.est = estimated_years(f.frame, ind)
        last = max((y for y in self.est if y is not None), default=None)
        self.est_value = self.est.get(None, self.est.get(last))
        self.est_base = self.est.get(self.base) if self.base is not None else None

    def level_texts(self, i: int) -> dict[str, str]:
        """The value of the unit's group in every comparison field ('' without a group)."""
        return {lv: value_text(v[i], self.ind) if not np.isnan(v[i]) else "" for lv, v in self.levels.items()}

    def series_of(self, i: int) -> list[float | None]:
        """The unit's published values per year of the series ([] without one)."""
        if self.series is None:
            return []
        return [None if np.isnan(x) else float(x) for x in self.series[i]]

    def estimated(self, i: int) -> bool:
        """The printed value of unit ``i`` rests on an estimated count."""
        return self.est_value is not None and bool(self.est_value[i])

    def series_estimated(self, i: int) -> list[bool]:
        """Per year of the series: the unit's value there rests on an estimated count."""
        if self.series is None:
            return []
        return [bool(self.est[y][i]) if y in self.est else False for y in self.series_years]

    def row(self, i: int, small: bool) -> tuple[IndicatorRow, bool]:
        """The printed row of unit ``i``; True when MIN_POPULATION withheld its value."""
        v = self.val[i]
        by_rule = small and not np.isnan(v) and self.rule is not None
        if np.isnan(v) or by_rule:
            return self.missing_row(i, by_rule), by_rule
        return self.value_row(i), False

    def reference_text(self, i: int) -> str:
        """The city-wide value: the unit's reference, else the constant of the column."""
        r = self.ref[i]
        if not np.isnan(r):
            return value_text(r, self.ind)
        return value_text(self.city, self.ind) if self.city is not None else ""

    def missing_row(self, i: int, by_rule: bool) -> IndicatorRow:
        """The row of a unit without a (published) value: its sign in every column."""
        sign = self.rule.sign if by_rule or (self.val_hidden[i] and self.rule is not None) else self.val_sign[i]
        shown = display_sign(sign)
        return IndicatorRow(
            self.ind,
            value=shown,
            reference=self.reference_text(i),
            difference=shown,
            flag=shown if self.flag is not None else "",
            change=shown if self.chg is not None else "",
            trend="",
            ratio=None,
            direction="",
            missing=shown,
            signs=[text_or_none(sign) or NO_INFO],
            levels=self.level_texts(i),
        )

    def value_row(self, i: int) -> IndicatorRow:
        """The row of a unit with a published value."""
        ind = self.ind
        signs = _Signs()
        d = self.diff[i]
        d_text = difference_text(d, ind) if not np.isnan(d) else signs.first(self.diff_sign[i])
        fl_text = self.flag_text(i, signs)
        c_text, t_text = self.change_texts(i, signs)
        bar, direction = self.bar(i)
        est = self.estimated(i)
        if c_text and not np.isnan(self.chg[i]) and (est or (self.est_base is not None and self.est_base[i])):
            c_text += ESTIMATE_MARK
        return IndicatorRow(
            ind,
            value=value_text(self.val[i], ind) + (ESTIMATE_MARK if est else ""),
            reference=self.reference_text(i),
            difference=d_text,
            flag=fl_text,
            change=c_text,
            trend=t_text,
            ratio=bar,
            direction=direction,
            signs=signs.used,
            levels=self.level_texts(i),
            series=self.series_of(i),
            estimated=est,
            series_estimated=self.series_estimated(i),
        )

    def flag_text(self, i: int, signs: _Signs) -> str:
        """● / ○ for a core indicator, its sign when the flag is missing, '' otherwise."""
        if self.flag is None:
            return ""
        fl = self.flag[i]
        return (FLAGGED if fl >= 1 else NOT_FLAGGED) if not np.isnan(fl) else signs.first(self.flag_sign[i])

    def change_texts(self, i: int, signs: _Signs) -> tuple[str, str]:
        """The change and its trend arrow ('', '' with one year only)."""
        if self.chg is None:
            return "", ""
        c = self.chg[i]
        if np.isnan(c):
            return signs.first(self.chg_sign[i], self.base_sign[i]), ""
        return difference_text(c, self.ind), trend_arrow(c, self.ind.decimals)

    def bar(self, i: int) -> tuple[float | None, str]:
        """(ratio, direction) of the unit's bar, (None, '') without one."""
        q = self.ratio[i]
        if not self.bars or np.isnan(q):
            return None, ""
        return float(q), bar_direction(q, self.ind.polarity)
