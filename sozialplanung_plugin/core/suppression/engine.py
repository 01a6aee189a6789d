"""Secondary suppression line by line (against differencing).

A line with exactly one withheld cell gives it away (total minus the
published rest), so the smallest other cell with a value > 0 is withheld too.
With the marks' bounds (primary ``[lo, m - 1]``, secondary ``>= m``) a line is
also unprotected when the residual and the bounds leave a withheld cell one
possible value; the complement is then chosen large enough."""

from __future__ import annotations

import numpy as np

from .lines import _Lines, _ranges
from .rule import PRIMARY, SECONDARY, SuppressionRule


class _Engine:
    def __init__(self, lines: _Lines, values: np.ndarray, state: np.ndarray, rule: SuppressionRule):
        self.L = lines
        self.v = values.ravel()  # (ncol * n,)
        self.st = state.ravel()  # view: int8 codes
        self.m = float(rule.min_count)
        self.lo_p, self.hi_p = (float(x) for x in rule.primary_bounds)
        # with hi == lo (m = 2 and zeros published) the mark alone gives a primary cell away:
        # only the plain differencing test is meaningful then
        self.bounds_model = self.hi_p > self.lo_p

    def _bounds(self, st: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """What the marks tell of cells in states ``st``: ``lo <= x <= hi``."""
        lo = np.where(st == PRIMARY, self.lo_p, self.m)
        hi = np.where(st == PRIMARY, self.hi_p, np.inf)
        return lo, hi

    def evaluate(self, lines: np.ndarray):
        """Per line: withheld cells k, and whether a withheld cell is pinned;
        per incidence the arrays needed to choose a complementary cell."""
        L = self.L
        inc, lens = _ranges(L.line_ptr, lines)
        nl = len(lines)
        loc = np.repeat(np.arange(nl), lens)
        cell = L.inc_cell[inc]
        a = L.inc_coef[inc]
        v = self.v[cell]
        st = self.st[cell]
        sup = st > 0
        k = np.bincount(loc, weights=sup, minlength=nl)
        lo, hi = self._bounds(st)
        if self.bounds_model:
            det, resid, slo = _pinned(loc, nl, a, v, sup, lo, hi)
            pinned = np.bincount(loc, weights=det, minlength=nl) > 0
        else:
            resid = np.bincount(loc, weights=np.where(sup, a * v, 0.0), minlength=nl)
            slo = np.bincount(loc, weights=np.where(sup, lo, 0.0), minlength=nl)
            pinned = k == 1
        mixed = np.bincount(loc, weights=sup & (a < 0), minlength=nl) > 0
        return {
            "loc": loc,
            "cell": cell,
            "a": a,
            "v": v,
            "sup": sup,
            "k": k,
            "pinned": pinned,
            "resid": resid,
            "slo": slo,
            "mixed": mixed,
        }

    def fix(self, lines: np.ndarray) -> tuple[np.ndarray, list[int]]:
        """Complementary cells for the pinned lines among ``lines``."""
        e = self.evaluate(lines)
        pinned = e["pinned"]
        if not pinned.any():
            return np.zeros(0, dtype=np.int64), []
        loc, v, a, sup = e["loc"], e["v"], e["a"], e["sup"]
        # the smallest other cell that leaves every withheld cell of the line two or more
        # possible values: above m - slack when every withheld cell adds (+1)
        if self.bounds_model:
            thr = self.m - (e["resid"] - e["slo"])
        else:
            thr = np.zeros(len(lines))
        simple = pinned & ~e["mixed"]
        cand = ~sup & (v > 0) & (a > 0) & simple[loc] & (v > thr[loc])
        chosen = _first_per_line(loc[cand], v[cand], e["cell"][cand])
        done = np.zeros(len(lines), dtype=bool)
        done[chosen[0]] = True
        picks = [chosen[1]]
        gave_up = []
        for j in np.flatnonzero(pinned & ~done):
            c = self._fallback(int(lines[j]), e["mixed"][j])
            if c is None:
                gave_up.append(int(lines[j]))
            else:
                picks.append(np.array([c], dtype=np.int64))
        out = np.unique(np.concatenate(picks)) if picks else np.zeros(0, dtype=np.int64)
        return out, gave_up

    def _fallback(self, line: int, mixed: bool) -> int | None:
        """A pinned line without an obvious complement: try cells in ascending
        order (for a breakdown also its total) until none is pinned; with one
        withheld cell take the smallest cell > 0 anyway (plain differencing)."""
        L = self.L
        inc = np.arange(L.line_ptr[line], L.line_ptr[line + 1])
        cell = L.inc_cell[inc]
        a = L.inc_coef[inc]
        v = self.v[cell]
        st = self.st[cell]
        free = (st == 0) & (v > 0)
        if not free.any():
            return None
        order = np.lexsort((cell, v))
        order = order[free[order]]
        if self.bounds_model:
            i = self._first_unpinning(order, mixed, a, v, st)
            if i is not None:
                return int(cell[i])
        if int((st > 0).sum()) == 1:
            return int(cell[order[0]])
        return None

    def _first_unpinning(self, order, mixed: bool, a, v, st) -> int | None:
        """The first incidence in ``order`` whose withholding leaves no cell of
        the line pinned (at most 25 distinct (value, coefficient) tried)."""
        tried = set()
        for i in order:
            key = (v[i], a[i])
            if key in tried or (not mixed and a[i] > 0):
                continue  # for +1 lines the closed form already excluded every +1 cell
            tried.add(key)
            if len(tried) > 25:
                break
            st2 = st.copy()
            st2[i] = SECONDARY
            sup = st2 > 0
            lo, hi = self._bounds(st2)
            det, _, _ = _pinned(np.zeros(len(a), dtype=np.int64), 1, a, v, sup, lo, hi)
            if not det.any():
                return i
        return None

    def audit(self) -> tuple[list[int], list[int]]:
        """Lines with withheld cells: (one withheld cell, pinned by the bounds)."""
        L = self.L
        withheld = np.flatnonzero(self.st > 0)
        if not len(withheld):
            return [], []
        lines = L.lines_of(withheld)
        e = self.evaluate(lines)
        one = lines[(e["k"] == 1)]
        bounds = lines[e["pinned"] & (e["k"] >= 2)]
        return one.tolist(), bounds.tolist()


def _pinned(loc, nl, a, v, sup, lo, hi):
    """Per incidence: is the withheld cell pinned to one value by its line
    (sum of a_i x_i = residual) and the bounds lo <= x <= hi of every withheld
    cell? Returns (pinned, residual per line, sum of lower bounds per line)."""
    resid = np.bincount(loc, weights=np.where(sup, a * v, 0.0), minlength=nl)
    tlo = np.where(a > 0, lo, -hi)  # bounds of a_i * x_i
    thi = np.where(a > 0, hi, -lo)
    lo_inf = sup & np.isinf(tlo)
    hi_inf = sup & np.isinf(thi)
    s_lo = np.bincount(loc, weights=np.where(sup & ~lo_inf, tlo, 0.0), minlength=nl)
    s_hi = np.bincount(loc, weights=np.where(sup & ~hi_inf, thi, 0.0), minlength=nl)
    n_lo_inf = np.bincount(loc, weights=lo_inf, minlength=nl)
    n_hi_inf = np.bincount(loc, weights=hi_inf, minlength=nl)
    with np.errstate(invalid="ignore"):
        oth_lo = np.where(n_lo_inf[loc] - lo_inf > 0, -np.inf, s_lo[loc] - np.where(lo_inf, 0.0, tlo))
        oth_hi = np.where(n_hi_inf[loc] - hi_inf > 0, np.inf, s_hi[loc] - np.where(hi_inf, 0.0, thi))
        r = resid[loc]
        low = np.where(a > 0, r - oth_hi, oth_lo - r)
        high = np.where(a > 0, r - oth_lo, oth_hi - r)
        low = np.maximum(low, lo)
        high = np.minimum(high, hi)
        det = sup & (np.ceil(low - 1e-9) >= np.floor(high + 1e-9))
    s_lo_plain = np.bincount(loc, weights=np.where(sup, lo, 0.0), minlength=nl)
    return det, resid, s_lo_plain


def _first_per_line(loc, v, cell) -> tuple[np.ndarray, np.ndarray]:
    """(line positions, cell) of the smallest value per line, ties: the first cell."""
    if not len(loc):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = np.lexsort((cell, v, loc))
    ls = loc[order]
    first = np.concatenate(([True], ls[1:] != ls[:-1]))
    return ls[first], cell[order][first]
