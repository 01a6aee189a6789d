"""Special signs of German statistics tables and the parsing of numbers.

German tables put a sign instead of a number where no value can be given
(Zeichenerklärung). Such a cell is a missing value *with a reason*: the value
becomes NaN and the sign is kept beside it, so later steps and print outputs
can show it. Convention used everywhere in the plugin: a numeric column
``x`` may have a companion text column ``x_sign`` holding the sign of each
missing cell (empty where the value is present or simply empty).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

SIGN_SUFFIX = "_sign"

#: The conventional signs and what they mean (German, as printed in footnotes).
SIGN_MEANINGS_DE = {
    "-": "nichts vorhanden (genau null)",
    ".": "Zahlenwert unbekannt oder geheim zu halten",
    "x": "Tabellenfach gesperrt, weil Aussage nicht sinnvoll",
    "/": "keine Angabe, da Zahlenwert nicht sicher genug",
    "…": "Angabe fällt später an",
    "*": "Wert aus Datenschutzgründen unterdrückt",
    "()": "Aussagewert eingeschränkt (Wert in Klammern)",
    "k.A.": "keine Angabe",
}
SIGN_MEANINGS_EN = {
    "-": "nothing (exactly zero)",
    ".": "value unknown or confidential",
    "x": "not meaningful",
    "/": "no value, too uncertain",
    "…": "not yet available",
    "*": "suppressed for data protection",
    "()": "limited reliability (value in parentheses)",
    "k.A.": "no information",
}

# Raw cell text (stripped, lower-cased) -> canonical sign.
_SIGN_ALIASES = {
    "-": "-",
    "–": "-",
    "—": "-",
    ".": ".",
    "x": "x",
    "/": "/",
    "…": "…",
    "...": "…",
    "*": "*",
    "k.a.": "k.A.",
    "k. a.": "k.A.",
}

#: Sentinel numbers that real data uses for "no value".
DEFAULT_SENTINELS = (-9999.0, -99999.0, -999999.0)

_PAREN = re.compile(r"^\(\s*[^()]*\s*\)$")
# Whitespace that may separate thousands: space, no-break space, thin spaces.
_SPACES = re.compile(r"[\s\u00a0\u2009\u202f]")


def canonical_sign(text: str) -> str | None:
    """The canonical special sign for a cell text, or None if it is not one."""
    t = text.strip()
    if not t:
        return None
    s = _SIGN_ALIASES.get(t.lower())
    if s is not None:
        return s
    if _PAREN.match(t):
        return "()"
    return None


def sign_meaning(sign: str, lang: str = "de") -> str:
    table = SIGN_MEANINGS_DE if lang == "de" else SIGN_MEANINGS_EN
    if sign in table:
        return table[sign]
    if lang == "de":
        return f"Kennwert {sign} der Quelle: kein gültiger Wert"
    return f"source code {sign}: no valid value"


@dataclass
class ParsedColumn:
    values: pd.Series  # float64, NaN where missing
    signs: pd.Series | None  # object, sign text where a missing cell had one
    kind: str  # "integer", "number" or "text"
    bad: list[tuple[int, str]]  # (position, text) of cells that are neither number nor sign


_NUM_DOT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def _normalise_number_text(s: pd.Series, decimal: str, thousands: str | None) -> pd.Series:
    s = s.str.replace(_SPACES, "", regex=True)
    if thousands and thousands != " ":
        s = s.str.replace(thousands, "", regex=False)
    if decimal != ".":
        s = s.str.replace(decimal, ".", regex=False)
    return s


def guess_decimal(texts: pd.Series, default: str) -> tuple[str, str | None]:
    """Guess (decimal mark, thousands separator) from the texts of one column.

    Evidence decides; only ambiguous columns ("1.234" or "1,234") get the
    file's convention ``default`` (pass "?" to learn that it was ambiguous).
    """
    t = texts.str.replace(_SPACES, "", regex=True)
    has_comma = t.str.contains(",", regex=False)
    has_dot = t.str.contains(".", regex=False)
    both = t[has_comma & has_dot]
    if len(both):
        first = both.iloc[0]
        return (",", ".") if first.rfind(",") > first.rfind(".") else (".", ",")
    ambiguous = (default, "." if default == "," else ",")
    if has_comma.any():
        c = t[has_comma]
        if c.str.count(",").max() > 1:
            return ".", ","
        if not c.str.match(r"^[+-]?\d{1,3},\d{3}$").all():
            return ",", "."
        return ambiguous
    if has_dot.any():
        d = t[has_dot]
        if d.str.count(r"\.").max() > 1:
            return ",", "."
        if not d.str.match(r"^[+-]?\d{1,3}\.\d{3}$").all():
            return ".", ","
        return ambiguous
    return ambiguous


def parse_column(
    raw: pd.Series,
    default_decimal: str = ",",
    sentinels: tuple[float, ...] = DEFAULT_SENTINELS,
) -> ParsedColumn:
    """Parse one column of raw cells (str, float, int or None) into numbers.

    Returns kind "text" when fewer than half of the non-empty cells are
    numbers or signs: such a column is a text column (names, codes).
    """
    n = len(raw)
    obj = raw.astype(object)
    is_num = obj.map(lambda v: isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool))
    values = pd.Series(np.nan, index=raw.index, dtype="float64")
    if is_num.any():
        values[is_num] = obj[is_num].astype("float64")
    texts = obj[~is_num].map(lambda v: "" if v is None else str(v)).str.strip()
    nonempty = texts[texts != ""]
    signs = pd.Series([None] * n, index=raw.index, dtype=object)
    bad: list[tuple[int, str]] = []
    if len(nonempty):
        sign_of = nonempty.map(canonical_sign)
        is_sign = sign_of.notna()
        signs[sign_of[is_sign].index] = sign_of[is_sign]
        cand = nonempty[~is_sign]
        if len(cand):
            dec, thou = guess_decimal(cand, default_decimal)
            norm = _normalise_number_text(cand, dec, thou)
            num = pd.to_numeric(norm, errors="coerce")
            ok = num.notna()
            values[num[ok].index] = num[ok].astype("float64")
            bad_idx = num[~ok].index
            n_good = int(ok.sum()) + int(is_sign.sum()) + int(is_num.sum())
            n_all = len(nonempty) + int(is_num.sum())
            if n_all and n_good < 0.5 * n_all:
                return ParsedColumn(values=values, signs=None, kind="text", bad=[])
            pos = {ix: i for i, ix in enumerate(raw.index)} if len(bad_idx) else {}
            bad = [(pos[ix], cand[ix]) for ix in bad_idx]
    return _finish(values, signs, bad, sentinels)


def _finish(values, signs, bad, sentinels, has_signs: bool | None = None) -> ParsedColumn:
    v = values.to_numpy()
    if sentinels:
        hit = np.isin(v, sentinels)
        if hit.any():
            signs[hit] = [str(int(x)) if float(x).is_integer() else str(x) for x in v[hit]]
            values[hit] = np.nan
            v = values.to_numpy()
            has_signs = True
    finite = v[~np.isnan(v)]
    integral = len(finite) and np.array_equal(finite, np.trunc(finite)) and np.abs(finite).max() < 2**53
    kind = "integer" if integral else "number"
    if has_signs is None:
        has_signs = bool(signs.notna().any())
    return ParsedColumn(values=values, signs=signs if has_signs else None, kind=kind, bad=bad)


# Exact cell texts that are signs, for a vectorised lookup (isin) in the fast path.
_SIGN_EXACT = {}
for _alias, _sign in _SIGN_ALIASES.items():
    for _variant in {_alias, _alias.upper(), _alias.capitalize(), _alias.replace("k.a.", "k.A.")}:
        _SIGN_EXACT[_variant] = _sign


#: Every exact cell text that is a sign (for a parser's list of missing-value texts).
SIGN_CELLS = tuple(_SIGN_EXACT)


def _c_parse(texts: list[str], decimal: str, thousands: str | None) -> np.ndarray:
    """Parse number texts with pandas' C parser (decimal comma and thousands
    separators included); raises ValueError when a text is not a number."""
    buf = io.StringIO("\n".join(texts))
    df = pd.read_csv(
        buf,
        header=None,
        names=["v"],
        dtype={"v": "float64"},
        decimal=decimal,
        thousands=thousands,
        sep="\x1f",
        quoting=csv.QUOTE_NONE,
        na_filter=False,
        skip_blank_lines=False,
        engine="c",
    )
    if len(df) != len(texts):
        raise ValueError("row count changed")
    return df["v"].to_numpy()


def parse_text_column(
    raw: pd.Series, decimal: str, thousands: str | None, sentinels: tuple[float, ...] = DEFAULT_SENTINELS
) -> ParsedColumn:
    """Fast path for a column of number texts in one known convention with a
    few special signs among them; falls back on ``parse_column`` for anything
    unusual (so errors name the offending cell)."""
    arr = raw.to_numpy(dtype=object)
    missing = pd.isna(arr)
    is_sign = pd.Series(arr).isin(_SIGN_EXACT.keys()).to_numpy()
    take = ~missing & ~is_sign
    values = np.full(len(arr), np.nan)
    try:
        if take.any():
            values[take] = _c_parse(arr[take].tolist(), decimal, thousands)
    except ValueError:
        return parse_column(raw, decimal, sentinels)
    signs = np.full(len(arr), None, dtype=object)
    if is_sign.any():
        signs[is_sign] = [_SIGN_EXACT[v] for v in arr[is_sign]]
    return _finish(
        pd.Series(values, index=raw.index),
        pd.Series(signs, index=raw.index, dtype=object),
        [],
        sentinels,
        has_signs=bool(is_sign.any()),
    )


def parse_signed_series(
    values: pd.Series, missing_texts: np.ndarray, sentinels: tuple[float, ...] = DEFAULT_SENTINELS
) -> ParsedColumn:
    """Finish a column that the fast CSV parser read as numbers with the sign
    texts (``SIGN_CELLS``) taken as missing: ``missing_texts`` holds the raw
    text of each missing cell, in order ("" for an empty cell)."""
    values = values.astype("float64")
    signs = np.full(len(values), None, dtype=object)
    where = np.flatnonzero(np.isnan(values.to_numpy()))
    found = [_SIGN_EXACT.get(t) for t in missing_texts]
    signs[where] = found
    has = any(f is not None for f in found)
    return _finish(values, pd.Series(signs, index=values.index, dtype=object), [], sentinels, has_signs=has)


def parse_numeric_series(values: pd.Series, sentinels=DEFAULT_SENTINELS) -> ParsedColumn:
    """Finish a column that the fast CSV parser already read as numbers."""
    values = values.astype("float64")
    signs = pd.Series(np.full(len(values), None, dtype=object), index=values.index, dtype=object)
    return _finish(values, signs, [], sentinels, has_signs=False)
