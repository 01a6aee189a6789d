"""Names of the fields the plugin writes: a public interface (models and
scripts depend on them), so every algorithm takes them from here.

Per indicator ``<id>`` (for the reporting year):

=================  ==========================================================
``<id>_val``       the unit's value (rate from counts x multiplier, or the
                   given rate)
``<id>_ref``       reference value (gesamtstädtischer Wert) of the unit's
                   reference area
``<id>_diff``      ``val - ref`` (percentage points for rates in %)
``<id>_ratio``     ``100 * val / ref`` (reference = 100)
``<id>_z``         ``(val - mean) / sd`` over the units of the reference area,
                   sample standard deviation (n - 1)
``<id>_pct``       percentile rank 0..100 over the units of the reference area
``<id>_val_<Y>``   value in year ``Y`` (only when the data has several years)
``<id>_chg``       change of the value from the base year to the reporting
                   year (same unit as val: percentage points for rates)
``<id>_ref_chg``   the same change of the reference value
``<id>_flag``      0/1: core indicator deviates adversely by the threshold
=================  ==========================================================

Burden rule (sozialplanung:classifyburden): ``burden_flags`` (number of
flagged core indicators), ``burden_code`` (1 unauffällig, 2 belastet,
3 besonders belastet, NULL nicht bewertbar), ``burden_class`` (the label),
``burden_reason`` (the flagged indicators in words), ``burden_rule``,
``action_fields`` (the topics of the flagged core indicators, in the
catalogue's order, joined by "; ") and ``action_fields_n`` (their number).

Composite index (sozialplanung:compositeindex): ``status_index``,
``status_class``, ``status_label``, ``status_note`` (why a unit is not
classified), with change indicators ``dynamics_index``, ``dynamics_class``,
``dynamics_label``, ``dynamics_note`` and ``sdi_class``; per method also
``<x>_zidx`` (z-score over the valid units that entered the index),
``<id>_prank`` / ``<id>_pflag`` (percentile rank 0..1 and flag >= 0.90),
``theme<n>_sum|rank|flags|score|exp`` (per topic n, in catalogue order) and
``status_flags`` (flags in total).

A numeric field ``x`` that is missing for a known reason has a text field
``x_sign`` beside it holding the sign ("-", ".", "x", "/", "…", "*", "()", or
a sentinel such as "-9999"). Suppressed cells also get ``x_supp``
("primary" or "secondary").
"""

from __future__ import annotations

SIGN = "_sign"
SUPP = "_supp"

MEASURES = ("val", "ref", "diff", "ratio", "z", "pct")

BURDEN_FLAGS = "burden_flags"
BURDEN_CLASS = "burden_class"
BURDEN_CODE = "burden_code"
BURDEN_REASON = "burden_reason"
BURDEN_RULE = "burden_rule"
ACTION_FIELDS = "action_fields"
ACTION_FIELDS_N = "action_fields_n"

STATUS_INDEX = "status_index"
STATUS_CLASS = "status_class"
STATUS_LABEL = "status_label"
STATUS_NOTE = "status_note"
DYNAMICS_INDEX = "dynamics_index"
DYNAMICS_CLASS = "dynamics_class"
DYNAMICS_LABEL = "dynamics_label"
DYNAMICS_NOTE = "dynamics_note"
SDI_CLASS = "sdi_class"
STATUS_FLAGS = "status_flags"

SUPPRESSION_NOTE = "suppression_note"
#: the suppression rule as JSON (sozialplanung:suppress), on every feature
SUPPRESSION_RULE = "suppression_rule"
#: values of ``<field>_supp``
SUPP_PRIMARY = "primary"
SUPP_SECONDARY = "secondary"


def measure(ind_id: str, name: str, year: int | None = None) -> str:
    """``measure('sgb2', 'val')`` -> ``sgb2_val``; with a year ``sgb2_val_2020``."""
    base = f"{ind_id}_{name}"
    return f"{base}_{year}" if year is not None else base


def sign_of(field: str) -> str:
    return field + SIGN


def supp_of(field: str) -> str:
    return field + SUPP


def flag(ind_id: str) -> str:
    return f"{ind_id}_flag"


def change(ind_id: str) -> str:
    return f"{ind_id}_chg"


def ref_change(ind_id: str) -> str:
    return f"{ind_id}_ref_chg"


def theme(number: int, what: str) -> str:
    """``theme(1, 'rank')`` -> ``theme1_rank`` (topics numbered in catalogue order)."""
    return f"theme{number}_{what}"


def index_z(name: str) -> str:
    """z-score over the valid units that entered a composite index."""
    return f"{name}_zidx"


def percentile_rank(ind_id: str) -> str:
    return f"{ind_id}_prank"


def percentile_flag(ind_id: str) -> str:
    return f"{ind_id}_pflag"


# The layer behind the print layouts of sozialplanung:profileatlas (one
# feature per unit, only what may be printed, as printed; the layouts of the
# project read these fields, so a user can re-export or change them).
PA_KEY = "pa_key"
PA_NAME = "pa_name"
#: page number of the unit's profile in the PDF (NULL: no page, e.g. FILTER)
PA_PAGE = "pa_page"
PA_RANK = "pa_rank"
PA_PAGE_TEXT = "pa_page_text"
PA_SUBLINE = "pa_subline"
PA_BURDEN_HEAD = "pa_burden_head"
PA_BURDEN_TEXT = "pa_burden_text"
PA_INDEX_TEXT = "pa_index_text"
PA_NOTES = "pa_notes"
#: the unit's class on the cover map
PA_MAP_CLASS = "pa_map_class"
#: the chart's bars of the unit (SVG text)
PA_BARS = "pa_bars"


def pa_column(column: str) -> str:
    """A column of the printed indicator table (one line per table line): ``pa_col_value`` ..."""
    return f"pa_col_{column}"


#: the share of a value that is an estimate (interpolateunits): ``<field>_est``
EST = "_est"


def estimate_of(name: str) -> str:
    return name + EST
