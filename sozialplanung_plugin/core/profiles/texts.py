"""Values and labels as printed: the marks and arrows of the table, numbers
with the catalogue's decimals and unit, signs (source codes become "k.A."),
class labels in the print language, dates and keys.

Numbers come from ``core/numbers.py``; this module only adds what a profile
needs on top (no "-0,0", units, percentage points).
"""

from __future__ import annotations

import datetime as _dt
import math
import re

from .. import numbers
from ..burden import BURDENED, PARTICULARLY, UNDECIDED, UNREMARKABLE
from ..catalogue import Indicator
from ..composite import NOT_CLASSIFIED
from ..numbers import diff_unit, with_unit

#: markers of the flag column (a shape, not a colour: readable in black and white)
FLAGGED = "●"
NOT_FLAGGED = "○"
#: trend arrows of the change column
RISING, FALLING, STEADY = "↗", "↘", "→"
#: shown instead of a missing value that has no sign, and instead of numeric source codes
NO_INFO = "k.A."

_NUMERIC_SIGN = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")

# class labels of the data (German constants) -> English print text
_CLASS_EN = {
    UNREMARKABLE: "unremarkable",
    BURDENED: "burdened",
    PARTICULARLY: "particularly burdened",
    UNDECIDED: "not assessable",
    NOT_CLASSIFIED: "not classified",
    "hoch": "high",
    "mittel": "medium",
    "niedrig": "low",
    "sehr niedrig": "very low",
    "positiv": "positive",
    "stabil": "stable",
    "negativ": "negative",
}


def number(x: float, decimals: int = 1, signed: bool = False) -> str:
    """German number: 1.234,5; signed: +12,9 / -0,4 (a zero keeps no sign)."""
    return numbers.number(x, decimals, signed, zero_unsigned=True)


def value_text(x: float, ind: Indicator) -> str:
    """'24,1 %' with the catalogue's decimals and unit."""
    return with_unit(number(x, ind.decimals), ind.unit)


def difference_text(x: float, ind: Indicator) -> str:
    """'+12,9 Pp.': signed, percentage points for rates in %."""
    return with_unit(number(x, ind.decimals, signed=True), diff_unit(ind.unit))


def trend_arrow(change: float, decimals: int) -> str:
    """↗ rising, ↘ falling, → unchanged at the printed precision."""
    if round(change, decimals) == 0:
        return STEADY
    return RISING if change > 0 else FALLING


def display_sign(sign) -> str:
    """The sign as printed: numeric source codes (-9999) become 'k.A.'."""
    if sign is None or (isinstance(sign, float) and math.isnan(sign)) or not str(sign).strip():
        return NO_INFO
    s = str(sign).strip()
    return NO_INFO if _NUMERIC_SIGN.match(s) else s


def class_text(label, lang: str) -> str:
    """A class label of the data (German) in the print language."""
    if label is None:
        return ""
    s = str(label)
    return _CLASS_EN.get(s, s) if lang != "de" else s


def date_text(day: _dt.date, lang: str) -> str:
    return day.strftime("%d.%m.%Y") if lang == "de" else day.isoformat()


def key_text(v) -> str:
    """A key as printed: numbers without a decimal part ('1101', not '1101.0')."""
    if isinstance(v, float):
        if math.isnan(v):
            return ""
        return str(int(v)) if v.is_integer() else str(v)
    return "" if v is None else str(v).strip()


def text_or_none(v) -> str | None:
    """A cell as text, None when it is missing or blank."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    s = str(v).strip()
    return s or None


def number_or_none(v) -> float | None:
    """A cell as a float, None when it is missing or no number."""
    if v is None:
        return None
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(x) else x


#: after a value that rests on an estimated count (superscript e; the legend explains it)
ESTIMATE_MARK = "\u1d49"
