"""Moving counts between unit systems (areal aggregation and interpolation).

Input: the source units' counts (a DataFrame) and an *overlap table*, one row
per (source unit, target unit) that share area, with the area of the
intersection and, for dasymetric interpolation, the weight (e.g. population
of a finer layer) inside it; per source its whole area and weight, per target
its area and weight (for coverage). The geometry is the adapter's business
(``adapters/overlay.py``); everything here is arithmetic on that table.

Share of a source in a target: ``aggregate`` 1 (each fine unit lies in one
target); ``area`` area(s∩t) / area(s); ``population`` weight(s∩t) / weight(s)
(area shares for a source without weight). A count is split by its shares and
summed per target, so the sum over the targets equals the sum over the
sources for the part covered by targets. Rates are never averaged: a rate of
counts (``<id>_val``) is rebuilt from the moved numerator and denominator, a
rate column with a weight column (catalogue ``rate`` + ``weight_column``) as
Σ share·rate·weight / Σ share·weight; a rate without counts is refused unless
the caller asks for area-weighted means (flagged).

Missing cells: a source value that is missing (NaN) makes every target that
receives a share > 0 of it missing, with the source's sign (a suppressed cell
is never split into visible parts); the sign "-" (nothing, exactly zero) is a
true zero and moves as 0.

``<field>_est``: the share of a target's value that came from split source
units (units with a share below 1 - SPLIT_TOLERANCE = 99 % in this target,
the tolerance for digitising slivers); 0 = exact aggregation.
"""

from .allocate import Allocation, FieldResult, allocate, shares, straddling
from .model import (
    AREA_MEAN_NOTE_DE,
    EST,
    EXACT_SHARE,
    KIND_COUNT,
    KIND_RATE_COUNTS,
    KIND_RATE_MEAN,
    KIND_RATE_WEIGHTED,
    METHODS,
    NOTE,
    SIGN_PRIORITY,
    SPLIT_TOLERANCE,
    STRADDLE_SHARE,
    TRUE_ZERO_SIGN,
    ArealError,
    FieldPlan,
    Overlaps,
    est_of,
    note_of,
    overlaps_from_table,
)
from .plan import plan_fields
from .summary import report, tr_kind, tr_method

__all__ = [
    "AREA_MEAN_NOTE_DE",
    "EST",
    "EXACT_SHARE",
    "KIND_COUNT",
    "KIND_RATE_COUNTS",
    "KIND_RATE_MEAN",
    "KIND_RATE_WEIGHTED",
    "METHODS",
    "NOTE",
    "SIGN_PRIORITY",
    "SPLIT_TOLERANCE",
    "STRADDLE_SHARE",
    "TRUE_ZERO_SIGN",
    "Allocation",
    "ArealError",
    "FieldPlan",
    "FieldResult",
    "Overlaps",
    "allocate",
    "est_of",
    "note_of",
    "overlaps_from_table",
    "plan_fields",
    "report",
    "shares",
    "straddling",
    "tr_kind",
    "tr_method",
]
