"""What to protect in a layer: the count cells (plain count fields, a
catalogue's numerators and denominators per year), the breakdowns whose
categories add up to a total, and the names of the fields computed from them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import fields as fn
from ..catalogue import Catalogue, CatalogueError, Indicator, resolve
from .rule import SuppressionError, SuppressionRule, population_columns

THEME_PARTS = ("sum", "rank", "flags", "score", "exp")
BURDEN_FIELDS = (fn.BURDEN_FLAGS, fn.BURDEN_CODE, fn.BURDEN_CLASS, fn.BURDEN_REASON)
STATUS_FIELDS = (fn.STATUS_INDEX, fn.STATUS_CLASS, fn.STATUS_LABEL, fn.STATUS_NOTE, fn.STATUS_FLAGS)
DYNAMICS_FIELDS = (fn.DYNAMICS_INDEX, fn.DYNAMICS_CLASS, fn.DYNAMICS_LABEL, fn.DYNAMICS_NOTE)


@dataclass
class Breakdown:
    """Categories (parts) of one unit and year that add up to a total."""

    name: str
    year: int | None
    total: str
    parts: list[str]


@dataclass
class IndicatorCells:
    """One catalogue indicator: its count or rate columns per year."""

    indicator: Indicator
    counts: dict  # year -> [numerator, denominator]
    rates: dict  # year -> rate column

    @property
    def id(self) -> str:
        return self.indicator.id

    @property
    def years(self) -> list:
        return list(self.counts) or list(self.rates)


@dataclass
class Plan:
    counts: list[str]
    breakdowns: list[Breakdown] = field(default_factory=list)
    indicators: list[IndicatorCells] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def breakdown_names(self) -> list[str]:
        return list(dict.fromkeys(b.name for b in self.breakdowns))


def derived_field_names(ind_id: str, columns) -> list[str]:
    """Fields of the layer computed from indicator ``ind_id``."""
    cols = set(columns)
    names = [fn.measure(ind_id, m) for m in fn.MEASURES if m != "ref"]
    names += [
        fn.change(ind_id),
        fn.flag(ind_id),
        fn.index_z(ind_id),
        fn.index_z(fn.change(ind_id)),
        fn.percentile_rank(ind_id),
        fn.percentile_flag(ind_id),
    ]
    pat = re.compile(re.escape(fn.measure(ind_id, "val")) + r"_((?:19|20)\d\d)$")
    names += [c for c in columns if pat.match(c)]
    return [c for c in dict.fromkeys(names) if c in cols]


def make_plan(columns: list[str], counts: list[str] | None = None, catalogue: Catalogue | None = None) -> Plan:
    """The count columns, breakdowns and indicators to protect in a layer with
    ``columns``: the fields named in ``counts`` and/or the catalogue's
    numerator and denominator columns (every year)."""
    cols = list(columns)
    known = set(cols)
    out = Plan(counts=[])
    for c in counts or []:
        if c not in known:
            raise SuppressionError(f"count field {c!r} is not in the layer (fields: {', '.join(cols)})")
        out.counts.append(c)
    if catalogue is not None:
        _add_indicators(out, catalogue, cols)
        _add_breakdowns(out, catalogue)
    out.counts = list(dict.fromkeys(out.counts))
    if not out.counts and not out.indicators:
        raise SuppressionError(
            "nothing to protect: name the count fields (FIELDS) or give a catalogue "
            "(CATALOGUE) whose numerator and denominator columns are in the layer"
        )
    return out


def _add_indicators(out: Plan, catalogue: Catalogue, cols: list[str]) -> None:
    """The catalogue's indicators found in the layer: count columns (numerator,
    denominator) or ready rate columns per year."""
    skipped = []
    for ind in catalogue:
        try:
            resolved = resolve(ind, cols)
        except CatalogueError as e:
            derived = derived_field_names(ind.id, cols)
            if derived and ind.from_counts:
                raise SuppressionError(
                    f"indicator {ind.id!r}: the layer has fields computed from it ({', '.join(derived[:4])}) "
                    f"but not its counts, so they cannot be protected: {e}"
                ) from None
            if ind.from_counts:
                skipped.append(ind.id)
            continue
        ic = IndicatorCells(ind, {}, {})
        for c in resolved:
            if ind.from_counts:
                ic.counts[c.year] = [c.numerator, c.denominator]
                out.counts += [c.numerator, c.denominator]
            else:
                ic.rates[c.year] = c.rate
        out.indicators.append(ic)
    if skipped:
        out.warnings.append(
            f"count indicator(s) of the catalogue not in the layer, nothing to protect: {', '.join(skipped)}"
        )


def _add_breakdowns(out: Plan, catalogue: Catalogue) -> None:
    """The catalogue's breakdowns whose members are all in the layer, per year they share."""
    by_id = {ic.id: ic for ic in out.indicators}
    for name, members in catalogue.breakdowns().items():
        absent = [m.id for m in members if m.id not in by_id]
        if absent:
            out.notes.append(
                f"breakdown {name!r}: {', '.join(absent)} not in the layer; its categories are protected per field only"
            )
            continue
        years = None
        for m in members:
            ys = set(by_id[m.id].counts)
            years = ys if years is None else years & ys
        for y in sorted(years or [], key=lambda v: (v is not None, v or 0)):
            total = by_id[members[0].id].counts[y][1]
            parts = list(dict.fromkeys(by_id[m.id].counts[y][0] for m in members))
            out.breakdowns.append(Breakdown(name, y, total, parts))


def uncovered_fields(numeric_fields: list[str], plan: Plan, extra=()) -> list[str]:
    """Numeric fields that look derived from a protected count (its name
    without year, or ``<id>_``) but are not protected: e.g. the percentages a
    statistics office delivers beside the counts."""
    covered = set(plan.counts) | set(extra)
    for ic in plan.indicators:
        covered |= set(derived_field_names(ic.id, numeric_fields))
        covered |= {fn.measure(ic.id, "ref"), fn.ref_change(ic.id)}
        covered |= set(ic.rates.values())
    stems = {re.sub(r"_(?:19|20)\d\d$", "", c) for c in plan.counts}
    prefixes = {ic.id + "_" for ic in plan.indicators}
    out = []
    for c in numeric_fields:
        if c in covered or c.endswith((fn.SIGN, fn.SUPP)):
            continue
        if any(s and s in c for s in stems) or any(c.startswith(p) for p in prefixes):
            out.append(c)
    return out


def unit_field_names(catalogue: Catalogue | None, columns) -> list[str]:
    """Burden and index fields (per unit, from several indicators) in the layer."""
    if catalogue is None:
        return []
    cols = set(columns)
    names = list(BURDEN_FIELDS) + list(STATUS_FIELDS) + list(DYNAMICS_FIELDS) + [fn.SDI_CLASS]
    ntopics = len({i.topic for i in catalogue.for_index("status")})
    for j in range(1, ntopics + 1):
        names += [fn.theme(j, w) for w in THEME_PARTS]
    return [c for c in names if c in cols]


def published_statistics(columns) -> list[str]:
    """Fields whose value in one unit depends on the values of all units
    (z-scores, percentiles, index values): computed before suppression, they
    carry information about the withheld values into the published units."""
    pat = re.compile(r".+_(?:z|pct|zidx|prank)$|theme\d+_(?:rank|exp)$")
    return [c for c in columns if pat.match(c) or c in (fn.STATUS_INDEX, fn.DYNAMICS_INDEX)]


def input_fields(
    columns: list[str], plan: Plan, rule: SuppressionRule, catalogue: Catalogue | None = None, extra=()
) -> list[str]:
    """The layer fields ``suppress`` reads (counts, derived fields, their sign
    and mark fields, group and population fields)."""
    cols = set(columns)
    want = list(plan.counts)
    for ic in plan.indicators:
        want += derived_field_names(ic.id, columns) + list(ic.rates.values())
    want += unit_field_names(catalogue, columns)
    want += [c for w in list(want) for c in (fn.sign_of(w), fn.supp_of(w)) if c in cols]
    want += [fn.estimate_of(c) for c in plan.counts if fn.estimate_of(c) in cols]  # estimated counts
    if rule.group_field:
        want.append(rule.group_field)
    if rule.min_population > 0:
        want += list(population_columns(rule.population_field, columns).values())
    want += [c for c in extra if c]
    want.append(fn.SUPPRESSION_RULE)  # a rule from an earlier run
    return [c for c in dict.fromkeys(want) if c in cols]
