"""``suppress()``: the whole suppression of a layer as a sequence of named
steps (the method: the package docstring)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from .. import fields as fn
from ..catalogue import Catalogue
from ..errors import CanceledError
from .breakdowns import find_breakdowns
from .counts import CountTable, count_table, primary_mark_warning, primary_state
from .derived import mark_derived
from .lines import LineProblem
from .marks import Marker
from .plan import Plan
from .rule import PRIMARY, SECONDARY, SuppressionError, SuppressionRule, note, rule_from_frame
from .secondary import LISTED, Secondary, notes_of, secondary, warnings_of


@dataclass
class SuppressionResult:
    columns: pd.DataFrame  # every field to write (changed values, _sign, _supp, note, rule)
    new_text_fields: list[str]  # fields that are new text fields (marks, note, rule)
    rule: SuppressionRule
    state: pd.DataFrame  # per count field: 0 published, 1 secondary, 2 primary
    primary: int = 0
    secondary: int = 0
    derived: int = 0
    unprotected: list[LineProblem] = field(default_factory=list)
    bounds: list[LineProblem] = field(default_factory=list)
    exposed: list = field(default_factory=list)  # (field, unit): a combination of totals narrows it to one value
    rounds: int = 0
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def at_risk(self) -> set:
        """Withheld cells (field, unit) that could not be fully protected (see the warnings)."""
        out = set(self.exposed)
        for p in self.unprotected + self.bounds:
            out |= set(p.cells)
        return out


class _Ticker:
    """``progress(fraction)`` reports, ``canceled()`` stops (raises CanceledError)."""

    def __init__(self, progress=None, canceled=None):
        self.progress, self.canceled = progress, canceled

    def __call__(self, x: float) -> None:
        if self.canceled is not None and self.canceled():
            raise CanceledError()
        if self.progress is not None:
            self.progress(x)


def suppress(
    frame: pd.DataFrame,
    plan: Plan,
    rule: SuppressionRule,
    *,
    catalogue: Catalogue | None = None,
    unit_labels=None,
    detect_breakdowns: bool = True,
    progress=None,
    canceled=None,
) -> SuppressionResult:
    """Withhold small counts and everything that would reveal them (package docstring).

    ``frame``: the layer's fields (counts, group and population fields, derived
    fields, existing ``_sign``/``_supp`` fields), one row per unit.
    ``unit_labels``: names of the units for messages (default: the index).
    ``detect_breakdowns``: also protect count fields that add up to another
    count field in every unit (``find_breakdowns``), declared or not.
    ``progress(fraction)`` reports, ``canceled()`` stops (raises CanceledError).
    """
    rule.check()
    tick = _Ticker(progress, canceled)
    labels = np.asarray(frame.index if unit_labels is None else unit_labels, dtype=object)
    notes, warnings = list(plan.notes), list(plan.warnings)
    # the count cells, their groups and the sums between them
    table = count_table(frame, plan.counts, rule.group_field, labels, warnings)
    rule = add_breakdowns(table, plan, rule, detect_breakdowns, notes)
    # primary, then secondary suppression (``state`` per count cell: 0, SECONDARY, PRIMARY)
    state = primary_state(table.values, rule)
    n_primary = int((state == PRIMARY).sum())
    tick(0.05)
    if (w := primary_mark_warning(rule, n_primary)) is not None:
        warnings.append(w)
    sec = secondary(table, state, rule, tick)
    n_secondary = int((state == SECONDARY).sum())
    notes += notes_of(sec, n_primary, n_secondary, rule.min_count)
    warnings += warnings_of(sec, rule.min_count)
    tick(0.65)
    # the output: withheld counts, derived values, the rule
    marker = Marker(frame, rule.sign)
    for j, c in enumerate(plan.counts):
        marker(c, state[j])
    n_derived = mark_derived(marker, frame, plan, rule, state, catalogue, warnings)
    tick(0.85)
    if (w := earlier_rule_warning(frame, rule)) is not None:
        warnings.append(w)
    marker.state_rule(rule)
    if n_derived:
        notes.append(f"{n_derived} derived value(s) withheld (rates, differences, flags, classes)")
    tick(1.0)
    return _result(marker, rule, table, state, (n_primary, n_secondary, n_derived), sec, notes, warnings)


def add_breakdowns(table: CountTable, plan: Plan, rule: SuppressionRule, detect: bool, notes: list) -> SuppressionRule:
    """The plan's breakdowns and (``detect``) the sums found in the data go into
    ``table``; returns the rule naming them."""
    found = find_breakdowns(table.values, plan.counts, plan.breakdowns) if detect else []
    if found:
        shown = "; ".join(f"{b.total} = {' + '.join(b.parts)}" for b in found[:LISTED])
        notes.append(f"{len(found)} sum(s) found in the data and protected like breakdowns: {shown}")
    table.breakdowns = list(plan.breakdowns) + found
    return replace(rule, breakdowns=plan.breakdown_names, sums_found=len(found))


def earlier_rule_warning(frame: pd.DataFrame, rule: SuppressionRule) -> str | None:
    """A warning when the input was suppressed before by a rule with other parameters."""
    try:
        earlier = rule_from_frame(frame)
    except SuppressionError:
        earlier = None
    if earlier is None or _params(earlier) == _params(rule):
        return None
    return (
        f"the input was already suppressed by another rule ({note(earlier, 'en')}); its withheld "
        f"cells stay withheld, but {fn.SUPPRESSION_NOTE} now states the new rule only"
    )


def _params(r: SuppressionRule) -> SuppressionRule:
    """The rule's parameters (without what was found in the data)."""
    return replace(r, breakdowns=[], sums_found=0)


def _result(marker, rule, table, state, numbers, sec: Secondary, notes, warnings) -> SuppressionResult:
    st_frame = pd.DataFrame({c: state[j] for j, c in enumerate(table.counts)}, index=marker.frame.index)
    n_primary, n_secondary, n_derived = numbers
    return SuppressionResult(
        marker.columns(),
        marker.new_text,
        rule,
        st_frame,
        n_primary,
        n_secondary,
        n_derived,
        sec.unprotected,
        sec.bounds,
        sec.exposed,
        sec.rounds,
        notes,
        warnings,
    )
