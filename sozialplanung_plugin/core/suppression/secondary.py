"""Secondary suppression of a count table: line by line to a fixed point
(``settle_lines``), then a protecting move for every withheld cell against
combined totals (``protect_combinations``), settling the lines again after
every new cell; finally what could not be protected (``audit``)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .counts import CountTable
from .engine import _Engine
from .lines import _BREAKDOWN, _COLUMN, LineProblem, _Lines
from .moves import _Moves
from .rule import PRIMARY, SECONDARY, SuppressionRule

LISTED = 20  # problems named in a message


def _no_tick(x) -> None:
    pass


@dataclass
class Secondary:
    """What secondary suppression did and could not do (the state array is changed in place)."""

    rounds: int = 0
    unprotected: list[LineProblem] = field(default_factory=list)  # a line with one withheld cell
    bounds: list[LineProblem] = field(default_factory=list)  # a line whose marks' bounds pin a cell
    exposed: list = field(default_factory=list)  # (field, unit) pinned by several totals combined
    capped: bool = False  # the search for moves was limited to MAX_SUPPORT fields


def secondary(table: CountTable, state: np.ndarray, rule: SuppressionRule, tick=_no_tick) -> Secondary:
    """Withhold further cells (``state`` changed in place) until no withheld
    cell can be recomputed from the published totals and the marks."""
    relations = table.relations
    lines = _Lines(
        table.values, table.codes, table.group_labels, relations, table.breakdowns, table.counts, table.labels
    )
    eng = _Engine(lines, table.values, state, rule)
    out = Secondary()
    out.rounds = settle_lines(lines, eng, np.flatnonzero(eng.st > 0), tick=tick)
    moves = _Moves(table.values, state, table.codes, len(table.group_labels), relations, rule)
    out.capped = moves.capped
    exposed = np.zeros(state.shape, dtype=bool)
    if eng.bounds_model and (state == PRIMARY).any():
        exposed, out.rounds = protect_combinations(moves, lines, eng, state, out.rounds, tick)
    out.unprotected, out.bounds = audit(lines, eng, table.counts, table.labels)
    out.exposed = [(table.counts[c], table.labels[u]) for c, u in zip(*np.nonzero(exposed))]
    return out


def settle_lines(lines: _Lines, eng: _Engine, cells: np.ndarray, rounds: int = 0, tick=_no_tick) -> int:
    """Secondary suppression line by line, to a fixed point, starting from the
    lines of ``cells``; returns ``rounds`` plus the rounds done."""
    dirty = np.zeros(lines.nlines, dtype=bool)
    if len(cells):
        dirty[lines.lines_of(cells)] = True
    while dirty.any():
        rounds += 1
        for kind in (_BREAKDOWN, _COLUMN):  # rows first: their complements often protect the columns too
            sel = np.flatnonzero(dirty & (lines.kind == kind))
            if not len(sel):
                continue
            dirty[sel] = False
            chosen, _ = eng.fix(sel)
            chosen = chosen[eng.st[chosen] == 0]
            if len(chosen):
                eng.st[chosen] = SECONDARY
                dirty[lines.lines_of(chosen)] = True
        tick(min(0.05 + 0.03 * rounds, 0.5))
    return rounds


def protect_combinations(moves: _Moves, lines: _Lines, eng: _Engine, state: np.ndarray, rounds: int, tick=_no_tick):
    """Every withheld cell needs a protecting move: withhold the cheapest
    completions and settle the lines again, until every cell has one or no
    further cell helps. Returns (mask of the cells still without a move, rounds)."""
    while True:
        unsafe = moves.unsafe()
        if not unsafe.any():
            break
        new = moves.fix(unsafe)
        new &= state == 0
        if not new.any():
            break
        state[new] = SECONDARY
        rounds = settle_lines(lines, eng, np.flatnonzero(new.ravel()), rounds, tick)
        tick(min(0.5 + 0.02 * rounds, 0.6))
    return moves.unsafe(), rounds


def audit(lines: _Lines, eng: _Engine, counts: list[str], labels) -> tuple[list[LineProblem], list[LineProblem]]:
    """The lines still unprotected: (one withheld cell, a cell pinned by the marks' bounds)."""
    one, pinned = eng.audit()
    problems_one, problems_bounds = [], []
    if one or pinned:
        n = lines.n
        lns = np.asarray(one + pinned, dtype=np.int64)
        e_all = eng.evaluate(lns)
        size = np.diff(lines.line_ptr)
        sup_loc, sup_cell = e_all["loc"][e_all["sup"]], e_all["cell"][e_all["sup"]]
        for j, ln in enumerate(lns.tolist()):
            cells = [(counts[c // n], labels[c % n]) for c in sup_cell[sup_loc == j].tolist()]
            kind = "unprotected" if j < len(one) else "bounds"
            p = LineProblem(lines.describe(ln), int(size[ln]), kind, cells)
            (problems_one if j < len(one) else problems_bounds).append(p)
    return problems_one, problems_bounds


def _listed(items: list[str]) -> str:
    shown = "; ".join(items[:LISTED])
    more = f" and {len(items) - LISTED} more" if len(items) > LISTED else ""
    return shown + more


def warnings_of(sec: Secondary, min_count: int) -> list[str]:
    """The messages for what secondary suppression could not protect."""
    out = []
    if sec.unprotected:
        out.append(
            f"{len(sec.unprotected)} line(s) with a single withheld cell and no other cell with a value "
            f"> 0 to withhold: the published total gives the cell away; publish no total for them or "
            f"merge the units: {_listed([p.where for p in sec.unprotected])}"
        )
    if sec.bounds:
        out.append(
            f"{len(sec.bounds)} line(s) are protected against plain differencing only: with the "
            f"primary/secondary marks (primary < {min_count}, secondary >= {min_count}) the "
            f"total still pins a value: {_listed([p.where for p in sec.bounds])}"
        )
    if sec.exposed:
        shown = _listed([f"field {c!r}, unit {u!r}" for c, u in sec.exposed])
        out.append(
            f"{len(sec.exposed)} withheld cell(s) could be narrowed to one value by combining several "
            f"published totals with the marks, and no further cell can prevent it: {shown}"
        )
    return out


def notes_of(sec: Secondary, n_primary: int, n_secondary: int, min_count: int) -> list[str]:
    out = [
        f"{n_primary} count cell(s) withheld below {min_count} (primary), {n_secondary} more "
        f"against differencing (secondary) in {sec.rounds} round(s)"
    ]
    if sec.capped:
        out.append(
            "many count fields are linked by breakdowns: protecting moves were searched among up to "
            f"{_Moves.MAX_SUPPORT} fields at a time"
        )
    return out
