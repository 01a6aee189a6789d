"""Straight-line distances between many points, vectorised with a grid of buckets.

Facilities are sorted by the cell of a square grid; a demand point looks only at
the cells that can hold a facility within reach. Memory is bounded: candidate
pairs are made in chunks of at most ``budget`` pairs, never as a full matrix.

``pairs_within`` gives every (demand point, facility) pair within a distance
(the catchments of the two-step floating catchment area, the duplicate check);
``nearest`` the distance from each demand point to its nearest facility (ring
search over the grid, a chunked full comparison for the few points that are
far from every facility).
"""

from __future__ import annotations

import numpy as np

#: candidate pairs per chunk (about 100 MB of temporary arrays)
PAIR_BUDGET = 2_000_000
#: rings searched by ``nearest`` before the remaining points are compared with every facility
MAX_RINGS = 24


class _Grid:
    """Facilities bucketed by square cells of side ``cell``; cell code = cx * ny + cy, so that
    the cells of one column cx form a contiguous run of codes."""

    def __init__(self, fx: np.ndarray, fy: np.ndarray, px: np.ndarray, py: np.ndarray, cell: float):
        self.cell = float(cell)
        xs = [a for a in (fx, px) if len(a)]
        ys = [a for a in (fy, py) if len(a)]
        self.x0 = min(float(a.min()) for a in xs) - 2 * self.cell
        self.y0 = min(float(a.min()) for a in ys) - 2 * self.cell
        x1 = max(float(a.max()) for a in xs)
        y1 = max(float(a.max()) for a in ys)
        self.nx = int((x1 - self.x0) // self.cell) + 3
        self.ny = int((y1 - self.y0) // self.cell) + 3
        cx, cy = self.cells(fx, fy)
        codes = cx * self.ny + cy
        self.order = np.argsort(codes, kind="stable")
        self.codes = codes[self.order]

    def cells(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        cx = np.floor((x - self.x0) / self.cell).astype(np.int64)
        cy = np.floor((y - self.y0) / self.cell).astype(np.int64)
        return cx, cy

    def run(self, cx: np.ndarray, cy_lo: np.ndarray, cy_hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions [start, end) in the sorted facilities of the cells (cx, cy_lo..cy_hi);
        columns outside the grid are empty."""
        lo = np.clip(cy_lo, 0, self.ny - 1)
        hi = np.clip(cy_hi, 0, self.ny - 1)
        start = np.searchsorted(self.codes, cx * self.ny + lo, side="left")
        end = np.searchsorted(self.codes, cx * self.ny + hi, side="right")
        empty = (cx < 0) | (cx >= self.nx) | (cy_hi < 0) | (cy_lo >= self.ny)
        end = np.where(empty, start, end)
        return start, end


def _expand(points: np.ndarray, start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(point, sorted facility position) for every position in [start, end) of each point."""
    cnt = end - start
    total = int(cnt.sum())
    if total == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    rep = np.repeat(np.arange(len(points)), cnt)
    first = np.cumsum(cnt) - cnt
    pos = np.arange(total, dtype=np.int64) - first[rep] + start[rep]
    return points[rep], pos


def pairs_within(px, py, fx, fy, distance: float, budget: int = PAIR_BUDGET):
    """Yield (i, j, d) chunks: demand point i, facility j, their straight-line
    distance d <= ``distance``; every such pair once, in no particular order."""
    px, py, fx, fy = (np.asarray(a, dtype="float64") for a in (px, py, fx, fy))
    if not len(px) or not len(fx):
        return
    cell = max(float(distance), 1e-9)
    g = _Grid(fx, fy, px, py, cell)
    cx, cy = g.cells(px, py)
    runs = [g.run(cx + dx, cy - 1, cy + 1) for dx in (-1, 0, 1)]
    count = sum(e - s for s, e in runs)
    csum = np.cumsum(count)
    a = 0
    n = len(px)
    while a < n:
        base = csum[a - 1] if a else 0
        b = int(np.searchsorted(csum, base + budget, side="right"))
        b = min(max(b, a + 1), n)
        pts = np.arange(a, b)
        for s, e in runs:
            i, pos = _expand(pts, s[a:b], e[a:b])
            if not len(i):
                continue
            j = g.order[pos]
            ddx = px[i] - fx[j]
            ddy = py[i] - fy[j]
            d = np.sqrt(ddx * ddx + ddy * ddy)
            keep = d <= distance
            yield i[keep], j[keep], d[keep]
        a = b


def nearest(px, py, fx, fy, budget: int = PAIR_BUDGET) -> np.ndarray:
    """Distance from each demand point to its nearest facility (inf without facilities)."""
    px, py, fx, fy = (np.asarray(a, dtype="float64") for a in (px, py, fx, fy))
    n, m = len(px), len(fx)
    best = np.full(n, np.inf)
    if not n or not m:
        return best
    w = max(float(fx.max() - fx.min()), float(fy.max() - fy.min()), 1.0)
    cell = max(w / np.sqrt(m) * 1.5, 1.0)  # about two facilities per cell where they are dense
    g = _Grid(fx, fy, px, py, cell)
    cx, cy = g.cells(px, py)
    active = np.arange(n)
    for k in range(MAX_RINGS + 1):
        # a facility k rings away is at least (k - 1) cells away
        active = active[(k - 1) * cell < best[active]]
        if not len(active):
            return best
        acx, acy = cx[active], cy[active]
        if k == 0:
            specs = [(acx, acy, acy)]
        else:
            specs = [(acx - k, acy - k, acy + k), (acx + k, acy - k, acy + k)]
            for dx in range(-k + 1, k):
                specs.append((acx + dx, acy - k, acy - k))
                specs.append((acx + dx, acy + k, acy + k))
        for scx, lo, hi in specs:
            s, e = g.run(scx, lo, hi)
            _update_best(best, active, s, e, g, px, py, fx, fy, budget)
    rest = active[(MAX_RINGS * cell) < best[active]]
    if len(rest):  # far from every facility: compare with all of them, in chunks
        step = max(1, budget // m)
        for a in range(0, len(rest), step):
            idx = rest[a : a + step]
            ddx = px[idx, None] - fx[None, :]
            ddy = py[idx, None] - fy[None, :]
            best[idx] = np.sqrt(ddx * ddx + ddy * ddy).min(axis=1)
    return best


def _update_best(best, active, s, e, g, px, py, fx, fy, budget) -> None:
    cnt = e - s
    has = np.flatnonzero(cnt > 0)
    if not len(has):
        return
    csum = np.cumsum(cnt[has])
    a = 0
    while a < len(has):
        base = csum[a - 1] if a else 0
        b = min(max(int(np.searchsorted(csum, base + budget, side="right")), a + 1), len(has))
        sel = has[a:b]
        i_local, pos = _expand(sel, s[sel], e[sel])
        j = g.order[pos]
        i = active[i_local]
        ddx = px[i] - fx[j]
        ddy = py[i] - fy[j]
        d = np.sqrt(ddx * ddx + ddy * ddy)
        c = cnt[sel]
        starts = np.cumsum(c) - c
        mins = np.minimum.reduceat(d, starts)
        pts = active[sel]
        best[pts] = np.minimum(best[pts], mins)
        a = b
