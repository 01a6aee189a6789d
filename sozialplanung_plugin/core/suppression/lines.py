"""The lines: equations whose total is published. Per count field and group
the cells add up to the group total; per unit and year the categories of a
breakdown add up to their total (``sum(parts) - total = 0``). Stored as one
incidence list sorted by line (CSR) over cells numbered ``column * n + unit``."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .plan import Breakdown

_COLUMN, _BREAKDOWN = 0, 1  # the kinds of line


def _ranges(ptr: np.ndarray, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Concatenated ``arange(ptr[i], ptr[i + 1])`` for every i in idx, and the lengths."""
    starts = ptr[idx]
    lens = ptr[idx + 1] - starts
    total = int(lens.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64), lens
    offs = np.repeat(starts - np.concatenate(([0], np.cumsum(lens)[:-1])), lens)
    return offs + np.arange(total, dtype=np.int64), lens


@dataclass
class LineProblem:
    where: str  # e.g. "field 'x', group 'A'" or "breakdown 'alter' (2024) = 'pop', unit 17"
    size: int  # cells with a value in the line
    kind: str  # "unprotected": one withheld cell; "bounds": the marks' bounds pin a value
    cells: list = field(default_factory=list)  # the withheld cells: (field, unit)


class _Lines:
    """All lines as an incidence list sorted by line (CSR), the cells as a flat
    array ``column * n + unit``."""

    def __init__(
        self,
        values: np.ndarray,
        group_codes: np.ndarray,
        group_labels: list,
        breakdowns: list[tuple[int, list[int]]],
        bd_meta: list[Breakdown],
        columns: list[str],
        unit_labels,
    ):
        ncol, n = values.shape
        self.n, self.ncol = n, ncol
        self.columns, self.group_labels, self.bd_meta, self.unit_labels = columns, group_labels, bd_meta, unit_labels
        self.ngroups = max(len(group_labels), 1)
        self.base = ncol * self.ngroups  # line numbers below base: column lines, from base: breakdown lines
        cells, lines, coefs = _incidences(values, group_codes, self.ngroups, breakdowns)
        self.raw, inv = np.unique(lines, return_inverse=True)
        order = np.argsort(inv, kind="stable")
        self.inc_line = inv[order]
        self.inc_cell = cells[order]
        self.inc_coef = coefs[order].astype("float64")
        nlines = len(self.raw)
        self.nlines = nlines
        self.line_ptr = np.concatenate(([0], np.cumsum(np.bincount(self.inc_line, minlength=nlines))))
        self.kind = np.where(self.raw < self.base, _COLUMN, _BREAKDOWN).astype(np.int8)
        ncell = ncol * n
        self.cell_order = np.argsort(self.inc_cell, kind="stable")
        self.cell_ptr = np.concatenate(([0], np.cumsum(np.bincount(self.inc_cell, minlength=ncell))))

    def lines_of(self, cells: np.ndarray) -> np.ndarray:
        inc, _ = _ranges(self.cell_ptr, cells)
        return np.unique(self.inc_line[self.cell_order[inc]])

    def describe(self, line: int) -> str:
        raw = int(self.raw[line])
        if raw < self.base:
            c, g = divmod(raw, self.ngroups)
            if len(self.group_labels) > 1 or self.group_labels[0] is not None:
                return f"field {self.columns[c]!r}, group {self.group_labels[g]!r}"
            return f"field {self.columns[c]!r}, all units"
        b, u = divmod(raw - self.base, self.n)
        bd = self.bd_meta[b]
        year = f" ({bd.year})" if bd.year is not None else ""
        return f"breakdown {bd.name!r}{year} = {bd.total!r}, unit {self.unit_labels[u]!r}"


def _incidences(values: np.ndarray, group_codes: np.ndarray, ngroups: int, breakdowns: list[tuple[int, list[int]]]):
    """(cell, raw line number, coefficient) of every cell with a value in every
    line: column lines ``column * ngroups + group``, then breakdown lines
    ``ncol * ngroups + breakdown * n + unit`` (total -1, parts +1)."""
    ncol, n = values.shape
    units = np.arange(n, dtype=np.int64)
    cells, lines, coefs = [], [], []
    for c in range(ncol):
        ok = ~np.isnan(values[c])
        u = units[ok]
        cells.append(c * n + u)
        lines.append(c * ngroups + group_codes[u])
        coefs.append(np.ones(len(u), dtype=np.int8))
    base = ncol * ngroups
    for b, (t, parts) in enumerate(breakdowns):
        # a unit whose total is missing keeps the line (the total counts as known: conservative)
        ok_t = ~np.isnan(values[t])
        u = units[ok_t]
        cells.append(t * n + u)
        lines.append(base + b * n + u)
        coefs.append(-np.ones(len(u), dtype=np.int8))
        for p in parts:
            okp = ~np.isnan(values[p])
            up = units[okp]
            cells.append(p * n + up)
            lines.append(base + b * n + up)
            coefs.append(np.ones(len(up), dtype=np.int8))
    cell = np.concatenate(cells) if cells else np.zeros(0, dtype=np.int64)
    raw = np.concatenate(lines) if lines else np.zeros(0, dtype=np.int64)
    coef = np.concatenate(coefs) if coefs else np.zeros(0, dtype=np.int8)
    return cell, raw, coef
