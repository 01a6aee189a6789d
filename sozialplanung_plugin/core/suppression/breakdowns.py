"""Sums between count fields found in the data: fields that add up exactly to
another count field in every unit give a withheld category away as well,
declared in a catalogue or not."""

from __future__ import annotations

import re

import numpy as np

from .plan import Breakdown

_YEAR = re.compile(r".+_((?:19|20)\d\d)$")
SEARCH_LIMIT = 200_000


def _year_of(name: str):
    m = _YEAR.match(name)
    return int(m.group(1)) if m else None


def _subsets_summing(vals: np.ndarray, target: np.ndarray, limit: int = SEARCH_LIMIT) -> list[list[int]]:
    """Rows of ``vals`` (at least two) whose sum equals ``target`` in every
    column: depth-first, largest rows first, pruned where a partial sum
    exceeds the target; at most ``limit`` steps."""
    order = np.argsort(-vals.sum(axis=1), kind="stable")
    out: list[list[int]] = []
    stack = [(0, np.zeros(vals.shape[1]), [])]
    steps = 0
    while stack and steps < limit:
        i, acc, chosen = stack.pop()
        steps += 1
        if len(chosen) >= 2 and np.array_equal(acc, target):
            out.append(sorted(chosen))
            continue
        for j in range(len(order) - 1, i - 1, -1):
            nxt = acc + vals[order[j]]
            if (nxt <= target).all():
                stack.append((j + 1, nxt, chosen + [int(order[j])]))
    return out


def find_breakdowns(values: np.ndarray, counts: list[str], known: list[Breakdown] = ()) -> list[Breakdown]:
    """Count fields that add up exactly to another count field in every unit
    (e.g. age groups and the population; also two fields with the same
    counts), found in the data: such a total gives a withheld category away
    as well, catalogue or not. Returns the breakdowns not already ``known``;
    fields of the same year only."""
    seen = {(b.total, frozenset(b.parts)) for b in known}
    out: list[Breakdown] = []
    present = ~np.isnan(values)
    nonzero = np.nansum(values, axis=1) > 0
    for t in range(values.shape[0]):
        cand = _candidate_parts(values, counts, t, present, nonzero, seen, out)
        if len(cand) >= 2:
            out += _sums_to(values, counts, t, cand, present, seen)
    return out


def _candidate_parts(values, counts, t, present, nonzero, seen, out) -> list[int]:
    """Fields of the year of field ``t`` that never exceed it and are below it
    somewhere (candidates for its parts); a field equal to ``t`` everywhere is
    a relation of its own and goes to ``out`` directly."""
    total = values[t]
    cand = []
    for p in range(values.shape[0]):
        if p == t or not nonzero[p] or _year_of(counts[p]) != _year_of(counts[t]):
            continue
        both = present[t] & present[p]
        if both.sum() < 2 or not (values[p][both] <= total[both]).all():
            continue
        if (values[p][both] < total[both]).any():
            cand.append(p)
        elif t < p and (counts[t], frozenset([counts[p]])) not in seen:  # the same count twice
            seen.add((counts[t], frozenset([counts[p]])))
            out.append(Breakdown(counts[t], _year_of(counts[t]), counts[t], [counts[p]]))
    return cand


def _sums_to(values, counts, t, cand, present, seen) -> list[Breakdown]:
    """Subsets of ``cand`` that add up to field ``t`` in every unit: searched on
    a sample of 200 units, then checked on all."""
    total = values[t]
    rows = present[t] & present[cand].all(axis=0)
    if rows.sum() < 2:
        return []
    sample = np.flatnonzero(rows)[:200]
    vals = values[cand][:, sample]
    found = [[cand[i] for i in sub] for sub in _subsets_summing(vals, total[sample])]
    out = []
    for parts in found:
        ok = present[t] & present[parts].all(axis=0)
        if not np.array_equal(values[parts][:, ok].sum(axis=0), total[ok]):
            continue
        key = (counts[t], frozenset(counts[p] for p in parts))
        if key in seen:
            continue
        seen.add(key)
        out.append(Breakdown(counts[t], _year_of(counts[t]), counts[t], [counts[p] for p in sorted(parts)]))
    return out
