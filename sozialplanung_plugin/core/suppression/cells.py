"""Reading a suppressed layer: helpers for every output (maps, labels,
profiles, exports). A withheld cell is one whose ``<field>_supp`` mark is set."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .. import fields as fn


def is_suppressed(frame: pd.DataFrame, field_name: str) -> pd.Series:
    """True where ``field_name`` was withheld (its ``_supp`` mark is set)."""
    mark = fn.supp_of(field_name)
    if mark not in frame.columns:
        return pd.Series(False, index=frame.index)
    m = frame[mark]
    return m.notna() & (m.astype(str).str.strip() != "")


def published(frame: pd.DataFrame, field_name: str) -> pd.Series:
    """The values of a field as they may be published: withheld cells missing,
    even if a later step filled them again. Outputs read values through this."""
    s = frame[field_name]
    hidden = is_suppressed(frame, field_name)
    if not hidden.any():
        return s
    if s.dtype == object:
        arr = s.to_numpy(dtype=object, copy=True)
        arr[hidden.to_numpy()] = None
        return pd.Series(arr, index=s.index, name=s.name, dtype=object)
    arr = s.to_numpy(dtype="float64", copy=True)
    arr[hidden.to_numpy()] = np.nan
    return pd.Series(arr, index=s.index, name=s.name)


def cell_text(frame: pd.DataFrame, field_name: str, fmt=str) -> pd.Series:
    """Text for a table cell: the formatted published value, else the sign of
    the missing value (withheld cells: the suppression sign), else ''."""
    vals = published(frame, field_name)
    sc = fn.sign_of(field_name)
    signs = frame[sc] if sc in frame.columns else pd.Series(None, index=frame.index, dtype=object)
    out = []
    for v, s in zip(vals.tolist(), signs.tolist()):
        if v is None or (isinstance(v, float) and math.isnan(v)):
            out.append("" if s is None or (isinstance(s, float) and math.isnan(s)) else str(s))
        else:
            out.append(fmt(v))
    return pd.Series(out, index=frame.index, dtype=object)


def suppressed_fields(frame: pd.DataFrame) -> list[str]:
    """Fields of a layer that have withheld cells."""
    cols = set(frame.columns)
    return [c[: -len(fn.SUPP)] for c in frame.columns if c.endswith(fn.SUPP) and c[: -len(fn.SUPP)] in cols]
