"""Protection against combining several totals (and the marks' bounds).

A withheld cell is safe when a *protecting move* exists: +r on the cells
of one unit and -r on the same cells of another unit of its group, where
r (entries +1/-1 on a few count fields) keeps every relation between a
unit's counts (the breakdowns: categories add up to their total). Column
totals per group and every unit's breakdown totals stay the same, and the
move must keep every withheld cell within what its mark says. Then the
published data fit two values of the cell, whatever a reader combines
(even by linear programming). The vectors r are the small circuits of the
relations: for one breakdown, two categories (+1, -1) or a category and
its total (+1, +1); for a field outside every breakdown, the field alone
(a pair of units). A cell without a move gets the cheapest completion
(fewest persons) withheld as well.
"""

from __future__ import annotations

from itertools import combinations, product

import numpy as np

from .rule import PRIMARY, SuppressionRule


def _relations(breakdowns: list[tuple[int, list[int]]], ncol: int) -> np.ndarray:
    """One row per breakdown over the count columns: parts +1, total -1."""
    rel = np.zeros((len(breakdowns), ncol))
    for i, (t, parts) in enumerate(breakdowns):
        rel[i, parts] += 1.0
        rel[i, t] -= 1.0
    return rel


def _components(ncol: int, breakdowns: list[tuple[int, list[int]]]) -> list[list[int]]:
    """The count columns linked by breakdowns (union-find), in order of first column."""
    parent = list(range(ncol))

    def root(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for t, parts in breakdowns:
        for p in parts:
            parent[root(p)] = root(t)
    comps: dict[int, list[int]] = {}
    for c in range(ncol):
        comps.setdefault(root(c), []).append(c)
    return list(comps.values())


class _Moves:
    """The protecting moves of a table (module docstring): which withheld cells
    have one (``unsafe``), and the cheapest cells to withhold for those that
    have none (``fix``)."""

    MAX_SUPPORT = 6

    def __init__(
        self,
        values: np.ndarray,
        state: np.ndarray,
        codes: np.ndarray,
        ngroups: int,
        breakdowns: list[tuple[int, list[int]]],
        rule: SuppressionRule,
    ):
        self.v, self.st, self.codes, self.ngroups = values, state, codes, max(ngroups, 1)
        self.m = float(rule.min_count)
        self.lo_p, self.hi_p = (float(x) for x in rule.primary_bounds)
        ncol = values.shape[0]
        rel = _relations(breakdowns, ncol)
        # circuits are searched per component of linked columns
        self.moves: list[tuple[np.ndarray, np.ndarray]] = []
        self.capped = False
        for cols in _components(ncol, breakdowns):
            rows = [i for i in range(len(breakdowns)) if rel[i, cols].any()]
            if not rows:
                self.moves += [(np.array([c]), np.array([1.0])) for c in cols]
                continue
            self.moves += self._circuits(rel[np.ix_(rows, cols)], cols)

    def _circuits(self, rel: np.ndarray, cols: list[int]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Vectors r in {-1, 0, 1} with rel @ r = 0 and minimal support (up to MAX_SUPPORT fields)."""
        k = len(cols)
        out: list[tuple[np.ndarray, np.ndarray]] = []
        supports: list[frozenset] = []
        # a circuit has at most rank + 1 fields: the search is complete when that is within the limit
        need = int(np.linalg.matrix_rank(rel)) + 1
        limit = self.MAX_SUPPORT if k <= 24 else 3
        self.capped |= need > limit
        for size in range(1, min(limit, need, k) + 1):
            for sub in combinations(range(k), size):
                if any(s <= frozenset(sub) for s in supports):
                    continue  # not minimal
                block = rel[:, sub]
                for signs in product((1.0, -1.0), repeat=size - 1):
                    r = np.array((1.0,) + signs)
                    if not np.any(block @ r):
                        out.append((np.array([cols[i] for i in sub]), r))
                        supports.append(frozenset(sub))
                        break
        return out

    def _caps(self):
        """(withheld, may go up by 1, may go down by 1) within the marks' bounds."""
        v, st = self.v, self.st
        hidden = st > 0
        lo = np.where(st == PRIMARY, self.lo_p, self.m)
        hi = np.where(st == PRIMARY, self.hi_p, np.inf)
        return hidden, hidden & (v + 1 <= hi), hidden & (v - 1 >= lo)

    def _group_counts(self, mask: np.ndarray) -> np.ndarray:
        return np.bincount(self.codes[mask], minlength=self.ngroups)

    @staticmethod
    def _able(cols, r, sign, up, down) -> np.ndarray:
        """Units where +sign*r is possible on the cells ``cols``."""
        ok = None
        for c, rc in zip(cols.tolist(), r.tolist()):
            x = up[c] if rc * sign > 0 else down[c]
            ok = x if ok is None else ok & x
        return ok

    def unsafe(self) -> np.ndarray:
        """(column, unit) mask of withheld cells without a protecting move."""
        hidden, up, down = self._caps()
        ok = np.zeros(self.v.shape, dtype=bool)
        for cols, r in self.moves:
            if not hidden[cols].any(axis=0).any():
                continue
            for sign in (1.0, -1.0):
                here = self._able(cols, r, sign, up, down)
                there = self._able(cols, r, -sign, up, down)
                if not here.any() or not there.any():
                    continue
                others = self._group_counts(there)[self.codes] - there
                good = here & (others > 0)
                if good.any():
                    ok[cols] |= good
        return hidden & ~ok

    def _best_two(self, cost: np.ndarray) -> np.ndarray:
        """Per group the unit with the lowest finite cost and the runner-up (-1: none)."""
        best = np.full((self.ngroups, 2), -1, dtype=np.int64)
        idx = np.flatnonzero(np.isfinite(cost))
        if not len(idx):
            return best
        order = idx[np.lexsort((idx, cost[idx], self.codes[idx]))]
        g = self.codes[order]
        first = np.concatenate(([True], g[1:] != g[:-1]))
        pos = np.flatnonzero(first)
        best[g[pos], 0] = order[pos]
        nxt = pos + 1
        has2 = nxt < len(order)
        has2[has2] = g[nxt[has2]] == g[pos[has2]]
        best[g[pos[has2]], 1] = order[nxt[has2]]
        return best

    def fix(self, unsafe: np.ndarray) -> np.ndarray:
        """Withhold the cheapest completion of a move for every unsafe cell;
        returns the newly withheld cells as a (column, unit) mask."""
        v, m = self.v, self.m
        hidden, up, down = self._caps()
        free = ~hidden & ~np.isnan(v) & (v > 0)  # a complement is a cell > 0 (a 0 protects nothing)
        up2 = np.where(hidden, up, free)  # a new secondary cell can go up, and down when above m
        down2 = np.where(hidden, down, free & (v - 1 >= m))
        cost = np.where(hidden, 0.0, np.where(free, v, np.inf))  # persons newly withheld
        best = np.full(v.shape, np.inf)
        pick: dict[tuple[int, int], tuple[int, float, int]] = {}
        for k, (cols, _r) in enumerate(self.moves):
            if unsafe[cols].any(axis=0).any():
                self._cheapest_pairs(k, unsafe, cost, up2, down2, best, pick)
        return self._completion(pick, hidden)

    def _cheapest_pairs(self, k: int, unsafe, cost, up2, down2, best, pick) -> None:
        """Move ``k`` for the unsafe cells on its columns: the cheapest pair
        (the cell's unit, another unit of its group) where +r and -r are
        possible; improves ``best`` (cost per cell) and ``pick`` (cell ->
        (move, sign, other unit)) in place."""
        cols, r = self.moves[k]
        total_cost = cost[cols].sum(axis=0)
        for sign in (1.0, -1.0):
            here = self._able(cols, r, sign, up2, down2)
            there = self._able(cols, r, -sign, up2, down2)
            c_here = np.where(here, total_cost, np.inf)
            two = self._best_two(np.where(there, total_cost, np.inf))
            for c in cols.tolist():
                us = np.flatnonzero(unsafe[c])
                if not len(us):
                    continue
                g = self.codes[us]
                u2 = np.where(two[g, 0] == us, two[g, 1], two[g, 0])
                tot = np.where(u2 >= 0, c_here[us] + total_cost[np.maximum(u2, 0)], np.inf)
                better = tot < best[c, us]
                for u, t, w in zip(us[better].tolist(), tot[better].tolist(), u2[better].tolist()):
                    best[c, u] = t
                    pick[(c, u)] = (k, sign, w)

    def _completion(self, pick: dict, hidden: np.ndarray) -> np.ndarray:
        """The cells of the picked moves in both units that are not withheld yet."""
        new = np.zeros(self.v.shape, dtype=bool)
        for (_c, u), (k, _sign, w) in pick.items():
            cols = self.moves[k][0]
            new[cols, u] |= ~hidden[cols, u]
            new[cols, w] |= ~hidden[cols, w]
        return new
