"""Numbers as printed: German (1.234,5) or English (1,234.5), with units and
percentage points. The one place where numbers become text; every report,
reason, legend and page uses it."""

from __future__ import annotations

import numpy as np

_SWAP = str.maketrans({",": ".", ".": ","})

#: the unit of a difference between two rates in %
PERCENTAGE_POINTS = "Pp."


def number(x: float, decimals: int = 1, signed: bool = False, lang: str = "de", zero_unsigned: bool = False) -> str:
    """``x`` rounded to ``decimals``: German 1.234,5 (default) or English
    1,234.5; ``signed``: a leading + for positive values; ``zero_unsigned``: a
    value that rounds to zero prints without sign (0,0 instead of -0,0).
    Unsigned, a value that rounds to zero never prints as -0,0."""
    x = float(x)  # Python's correctly rounded round(), not numpy's (which rounds 0.05 to 0.0)
    if round(x, decimals) == 0 and (zero_unsigned or not signed):
        x, signed = 0.0, False
    s = f"{x:+,.{decimals}f}" if signed else f"{x:,.{decimals}f}"
    return s.translate(_SWAP) if lang == "de" else s


def numbers(values: np.ndarray, decimals: int, signed: bool = False) -> list[str]:
    """German :func:`number` for many values; the common case (below 1000, no
    thousands dot) without a call per value."""
    fmt = ("%+." if signed else "%.") + f"{decimals}f"
    out = [(fmt % v).replace(".", ",") for v in values.tolist()]
    for i in np.flatnonzero(np.abs(values) >= 1000):
        out[i] = number(float(values[i]), decimals, signed)
    return out


def count(x: float, lang: str = "de") -> str:
    """A count or threshold as given: whole numbers without decimals (1.234),
    others with the digits they have (2,5)."""
    plain = int(x) if float(x).is_integer() else float(x)
    s = f"{plain:,}"
    return s.translate(_SWAP) if lang == "de" else s


def with_unit(text: str, unit: str) -> str:
    """'24,1 %', or the text alone when there is no unit."""
    return f"{text} {unit}" if unit else text


def diff_unit(unit: str) -> str:
    """Unit of a difference: percentage points for %, else the unit itself."""
    return PERCENTAGE_POINTS if unit.strip() == "%" else unit
