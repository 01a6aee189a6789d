"""Which fields are moved, and how: counts are split and summed, rates rebuilt from counts."""

from __future__ import annotations

from .. import fields as fn
from ..catalogue import Catalogue, CatalogueError, resolve
from .model import (
    _DERIVED,
    KIND_COUNT,
    KIND_RATE_COUNTS,
    KIND_RATE_MEAN,
    KIND_RATE_WEIGHTED,
    ArealError,
    FieldPlan,
)


def plan_fields(
    columns: list[str],
    fields: list[str] | None,
    catalogue: Catalogue | None,
    rates_as_means: bool = False,
    layer: str = "source layer",
) -> list[FieldPlan]:
    """The output fields: counts to move, rates to rebuild. ``fields`` empty:
    every count field of the catalogue (numerators, denominators, weight
    columns, every year) and its rates with a weight column."""
    cols = set(columns)
    fields = [f for f in (fields or []) if f]
    if not fields and catalogue is None:
        raise ArealError("no fields to move: name the count fields (FIELDS) or give an indicator catalogue (CATALOGUE)")
    for f in fields:
        if f not in cols:
            raise ArealError(f"field {f!r} not found in the {layer} (fields: {', '.join(columns)})")
    counts, rates, vals = _catalogue_roles(catalogue, columns)
    plans: dict[str, FieldPlan] = {}

    def count(name):
        if name and name not in plans:
            plans[name] = FieldPlan(name, KIND_COUNT)

    wanted = fields or list(dict.fromkeys(list(counts) + list(rates)))
    for f in wanted:
        if f in plans:
            continue
        if f in counts:
            count(f)
        elif f in vals:
            ind, c = vals[f]
            count(c.numerator)
            count(c.denominator)
            plans[f] = FieldPlan(
                f, KIND_RATE_COUNTS, c.numerator, c.denominator, multiplier=ind.multiplier, indicator=ind.id
            )
        elif f in rates:
            ind, c = rates[f]
            if c.weight:
                count(c.weight)
                plans[f] = FieldPlan(f, KIND_RATE_WEIGHTED, c.rate, weight=c.weight, indicator=ind.id)
            elif rates_as_means:
                plans[f] = FieldPlan(f, KIND_RATE_MEAN, c.rate, indicator=ind.id)
            else:
                raise ArealError(
                    f"field {f!r} is a rate without counts (indicator {ind.id!r}, catalogue line {ind.line}): "
                    f"rates cannot be split or summed. Give the indicator numerator and denominator counts "
                    f"(or a weight column) in the catalogue, or choose area-weighted means of the rates "
                    f"(RATES_AS_MEANS), which are flagged as estimates"
                )
        else:
            m = _DERIVED.match(f)
            if m and catalogue is not None and m.group("id") in catalogue.ids:
                raise ArealError(
                    f"field {f!r} is computed from indicator {m.group('id')!r}; it cannot be moved. "
                    f"Move the counts and run computeindicators on the output"
                )
            count(f)  # a field the catalogue does not know: a count
    # rates first need their counts; keep the user's order, counts they need appended
    order = [f for f in wanted if f in plans] + [f for f in plans if f not in wanted]
    return [plans[f] for f in order]


def _catalogue_roles(catalogue, columns):
    """{count column}, {rate column: (indicator, Columns)}, {<id>_val[_Y]: (indicator, Columns)}."""
    counts: dict[str, str] = {}
    rates: dict = {}
    vals: dict = {}
    if catalogue is None:
        return counts, rates, vals
    for ind in catalogue:
        try:
            per_year = resolve(ind, columns)
        except CatalogueError:
            continue
        for c in per_year:
            if ind.from_counts:
                counts.setdefault(c.numerator, ind.id)
                counts.setdefault(c.denominator, ind.id)
                vals[fn.measure(ind.id, "val", c.year)] = (ind, c)
            else:
                rates.setdefault(c.rate, (ind, c))
            if c.weight:
                counts.setdefault(c.weight, ind.id)
        if per_year and ind.from_counts:
            vals[fn.measure(ind.id, "val")] = (ind, per_year[-1])
    return counts, rates, vals
