"""Data protection (statistische Geheimhaltung): small counts never reach a
published output, and cannot be recalculated from what is published.

Cells are the values of count fields (numerators, denominators, any count
named by the user) per unit. ``m`` is MIN_COUNT.

Primary suppression
    a count ``0 < x < m`` is withheld (with ``suppress_zeros`` also ``x = 0``).
Secondary suppression (against differencing, Differenzbildung)
    Every *line* is an equation whose total is published:

    * per count field and group (GROUP_FIELD value; default: all units): the
      cells of the group add up to the group total (the published total of the
      municipality, or ``ref * sum(denominator)``);
    * per unit and year, for a catalogue breakdown (indicators with the same
      ``breakdown``): the categories add up to their common denominator
      (``sum(parts) - total = 0``; the total is a cell of the line too).

    A line with exactly one withheld cell gives it away (total minus the
    published rest), so the smallest other cell with a value > 0 is withheld
    too (a 0 protects nothing). The published ``<field>_supp`` labels tell a
    reader that a primary cell lies in ``[1, m - 1]`` (``[0, m - 1]`` when 0
    is withheld) and a secondary one is at least ``m``; so a line also counts
    as unprotected when the residual (total minus the published cells) and
    these bounds leave a withheld cell only one possible value (1 + 3 = 4
    gives away both), and the complementary cell is chosen large enough. This
    repeats to a fixed point, since every new cell enters other lines.
    Cells missing in the input (NULL) are treated as if a reader knew them:
    they never count as protection (a breakdown whose total is missing still
    counts as a published sum).
Combined totals
    Rows and columns together can still pin a cell (a unit's breakdown and the
    group totals of its categories). Every withheld cell therefore needs a
    *protecting move*: +r on cells of its unit and -r on the same cells of
    another unit of the group, r a small vector (+1/-1) that keeps every sum
    between the unit's counts (two categories; a category and its total; a
    field outside every sum alone), staying within every mark's bounds. Then
    the published data fit two values of the cell, whatever a reader
    combines, even by linear programming. A cell without one gets the
    cheapest completion (fewest persons) withheld too; then the lines are
    settled again.
Derived values
    Everything computed from a withheld count of a unit is withheld: the
    indicator's value, difference, ratio, z-score, percentile, flag, the value
    of that year, the change when its year or base year is withheld, the
    burden fields when a core indicator is withheld, the status (dynamics)
    index fields when an indicator of that index is withheld. The reference
    value (``<id>_ref``, gesamtstädtischer Wert) stays: it is the published
    total. With MIN_POPULATION, units below it (or without population)
    publish no rates and nothing computed from rates; their counts stay
    subject to MIN_COUNT only.
Marks
    A withheld value becomes missing (NaN/None), ``<field>_sign`` gets the
    sign and ``<field>_supp`` "primary" or "secondary". A derived cell takes
    the strongest mark of its sources (primary wins); cells withheld because
    of MIN_POPULATION are "primary". Sign and mark fields are written only for
    fields with at least one withheld cell. Every unit gets the rule in words
    (``suppression_note``) and as JSON (``suppression_rule``).

What is guaranteed: no published count is below MIN_COUNT (0 aside, unless
withheld); no published derived value rests on a withheld count; no withheld
cell can be narrowed to one value from the published cells, the published
totals (one at a time or all together) and the marks' bounds. Cells for which
no further suppression can achieve this are reported with the reason (a group
of one unit; a tiny unit whose breakdown and marks pin it, e.g. 1 + 1 = 2 with
0 published: withholding zeros helps). Sums between count fields count
whether the catalogue declares them (breakdowns) or they are found in the
data (``find_breakdowns``: fields adding up to another field in every unit).
Not covered: inference from how the complementary cells were chosen, and
statistics of *other* units computed with the withheld values included
(z-scores, percentiles and indices of a layer that was suppressed after
computeindicators): run suppress before computeindicators when such fields
are published.

The package, one concern a module (each imports only the ones above it):

``rule``        the parameters, stored with the data (note, footnote, JSON);
``cells``       reading a suppressed layer (``published``, ``cell_text``);
``plan``        what to protect: count fields, breakdowns, derived field names;
``breakdowns``  sums between count fields found in the data;
``lines``       the lines (equations with a published total) as a CSR list;
``engine``      secondary suppression of single lines (differencing, bounds);
``moves``       protecting moves against combined totals;
``counts``      the count table, groups and primary suppression;
``secondary``   the secondary steps to a fixed point, and what stays at risk;
``marks``       writing withheld cells (value missing, sign, mark);
``derived``     withholding the values computed from withheld counts;
``driver``      ``suppress()``: the steps in order.
"""

from __future__ import annotations

from .. import fields as fn  # noqa: F401 (cs.fn is used by callers)
from ..errors import CanceledError
from .breakdowns import SEARCH_LIMIT, find_breakdowns
from .cells import cell_text, is_suppressed, published, suppressed_fields
from .driver import SuppressionResult, suppress
from .lines import LineProblem
from .plan import (
    BURDEN_FIELDS,
    DYNAMICS_FIELDS,
    STATUS_FIELDS,
    THEME_PARTS,
    Breakdown,
    IndicatorCells,
    Plan,
    derived_field_names,
    input_fields,
    make_plan,
    published_statistics,
    uncovered_fields,
    unit_field_names,
)
from .rule import (
    MARKS,
    PRIMARY,
    RULE_VERSION,
    SECONDARY,
    SuppressionError,
    SuppressionRule,
    footnote,
    note,
    population_columns,
    rate_withheld,
    rule_from_frame,
    rule_populations,
)
from .secondary import LISTED

__all__ = [
    "BURDEN_FIELDS",
    "DYNAMICS_FIELDS",
    "LISTED",
    "MARKS",
    "PRIMARY",
    "RULE_VERSION",
    "SEARCH_LIMIT",
    "SECONDARY",
    "STATUS_FIELDS",
    "THEME_PARTS",
    "Breakdown",
    "CanceledError",
    "IndicatorCells",
    "LineProblem",
    "Plan",
    "SuppressionError",
    "SuppressionResult",
    "SuppressionRule",
    "cell_text",
    "derived_field_names",
    "find_breakdowns",
    "footnote",
    "input_fields",
    "is_suppressed",
    "make_plan",
    "note",
    "population_columns",
    "published",
    "published_statistics",
    "rate_withheld",
    "rule_from_frame",
    "rule_populations",
    "suppress",
    "suppressed_fields",
    "uncovered_fields",
    "unit_field_names",
]
