"""Read indicator tables the way German statistics offices deliver them.

CSV (``;``, ``,`` or tab; decimal comma or point; thousands separators;
UTF-8 with or without BOM, or Windows-1252), XLSX and ODS. Keys stay text.
Special signs become missing values whose sign is kept (see ``signs``).
A total row ("Stadt insgesamt", "Gesamt", ...) is kept apart from the units.
Long tables (unit, year, indicator, value) are turned into wide ones with
columns ``<indicator>_<year>``.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from dataclasses import dataclass, field
from itertools import islice

import numpy as np
import pandas as pd

from . import signs as sg
from .errors import UserError
from .spreadsheet import SheetError, read_ods, read_xlsx


class TableError(UserError):
    """An error in an input table; the message names file, row and column."""


@dataclass
class Table:
    path: str
    data: pd.DataFrame  # units only; key column as text, numbers as float64, text as object
    key: str | None
    kinds: dict[str, str]  # column -> "integer" | "number" | "text"
    signs: dict[str, pd.Series] = field(default_factory=dict)  # column -> sign per row (None if no sign)
    lines: pd.Series | None = None  # row index -> line (CSV) or row number (sheet) in the file
    totals: pd.DataFrame | None = None  # total rows, same columns as data
    total_signs: dict[str, pd.Series] = field(default_factory=dict)
    total_lines: pd.Series | None = None
    notes: list[str] = field(default_factory=list)  # what the reader noticed (dropped note rows, ...)
    encoding: str | None = None
    separator: str | None = None
    decimal: str | None = None
    sheet: str | None = None
    layout: str = "wide"  # or "long" (then pivoted)

    @property
    def value_columns(self) -> list[str]:
        return [c for c in self.data.columns if c != self.key]

    def where(self, index) -> str:
        """'line 17' (CSV) or 'row 17' (sheet) for a row index, for messages."""
        word = "line" if self.separator is not None else "row"
        for lines in (self.lines, self.total_lines):
            if lines is not None and index in lines.index:
                return f"{word} {int(lines[index])}"
        return f"record {index}"


# Words that mark a total row (case-insensitive, whole cell unless noted).
_TOTAL_FULL = re.compile(
    r"^(gesamt|gesamtstadt|stadt gesamt|summe|gesamtsumme|total|zusammen|"
    r"(stadt|gemeinde|kreis|landkreis|bezirk|land|region|städteregion|gesamt)\s*(insgesamt|gesamt|zusammen))$",
    re.IGNORECASE,
)
_NOTE_START = re.compile(
    r"^\s*(quelle|stand|hinweis|anmerkung|fußnote|fussnote|erläuterung|zeichenerklärung|source|note)\b|"
    r"^\s*(\d+\)|\*+\s)|^[^:]{0,30}:\s",
    re.IGNORECASE,
)
_TOTAL_WORD = re.compile(r"\binsgesamt\b", re.IGNORECASE)

_YEAR_COLS = ("jahr", "year", "berichtsjahr", "stichtag_jahr", "zeit")
_IND_COLS = ("indikator", "indicator", "merkmal", "variable", "kennzahl", "kennziffer_name", "kategorie")
_VAL_COLS = ("wert", "value", "anzahl", "werte", "values")

MAX_SAMPLE = 1000


def is_total_label(text: str, extra: tuple[str, ...] = ()) -> bool:
    t = (text or "").strip()
    if not t:
        return False
    if t.lower() in {e.strip().lower() for e in extra if e}:
        return True
    return bool(_TOTAL_FULL.match(t) or _TOTAL_WORD.search(t))


def decode_bytes(raw: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    if encoding:
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError as e:
            raise TableError(f"{path}: cannot be read as {encoding}: byte {e.start}") from e
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig"
    if raw.startswith(codecs.BOM_UTF16_LE) or raw.startswith(codecs.BOM_UTF16_BE):
        return raw.decode("utf-16"), "utf-16"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "cp1252"


def sniff_separator(lines: list[str]) -> str:
    best, best_score = ";", -1.0
    for sep in (";", "\t", ","):
        counts = [len(r) for r in csv.reader(lines, delimiter=sep) if any(c.strip() for c in r)]
        if not counts:
            continue
        top = max(counts)
        if top < 2:
            continue
        # Share of lines that have the widest layout, weighted by that width.
        score = sum(1 for c in counts if c == top) / len(counts) + 0.01 * min(top, 50)
        if score > best_score + 0.05:
            best, best_score = sep, score
    return best


def _nonempty(cells) -> list:
    return [c for c in cells if c is not None and str(c).strip() != ""]


def _looks_numeric(cell) -> bool:
    if isinstance(cell, (int, float)):
        return True
    t = str(cell).strip().replace(" ", "").replace(".", "").replace(",", "")
    return bool(re.fullmatch(r"[+-]?\d+", t))


def find_header(rows: list[list], path: str) -> tuple[int, int, list[str], list[str]]:
    """Find the header row(s): returns (first header row, first data row, names, notes).

    Title lines above the header (one filled cell) are skipped. A header spread
    over two lines (merged cells in a spreadsheet export: the second line starts
    with an empty cell) is combined into ``top_sub`` names.
    """
    notes: list[str] = []
    width = max((len(r) for r in rows[:200]), default=0)
    h = None
    for i, r in enumerate(rows[:50]):
        filled = _nonempty(r)
        if len(filled) >= 2 and len(filled) >= 0.5 * len(_nonempty_positions(rows, i, width)):
            if all(not _looks_numeric(c) for c in filled[:1]):
                h = i
                break
    if h is None:
        raise TableError(f"{path}: no header row found in the first 50 lines")
    if h > 0:
        notes.append(f"{h} title line(s) above the header skipped")
    top = [("" if c is None else str(c).strip()) for c in rows[h]] + [""] * (width - len(rows[h]))
    data_start = h + 1
    if data_start < len(rows):
        nxt = [("" if c is None else str(c).strip()) for c in rows[data_start]] + [""] * width
        if top.count("") > 0 and nxt[0] == "" and any(nxt[1:width]):
            # Two-line header: fill merged cells of the first line to the right.
            filled_top, last = [], ""
            for t in top:
                last = t or last
                filled_top.append(last)
            names = []
            for t, s in zip(filled_top, nxt[:width]):
                names.append(f"{t}_{s}" if (t and s) else (t or s))
            notes.append("header spread over two lines combined")
            return h, data_start + 1, _unique_names(names, path, notes), notes
    return h, data_start, _unique_names(top, path, notes), notes


def _nonempty_positions(rows, i, width):
    # The widest row near the candidate sets the scale for "most cells filled".
    near = rows[i : i + 20]
    widest = max((len(_nonempty(r)) for r in near), default=0)
    return [None] * widest


def _unique_names(names: list[str], path: str, notes: list[str]) -> list[str]:
    out, seen = [], {}
    for j, n in enumerate(names):
        n = re.sub(r"\s+", " ", n.replace("\n", " ")).strip() or f"column_{j + 1}"
        if n in seen:
            seen[n] += 1
            new = f"{n}_{seen[n]}"
            notes.append(f"column name {n!r} occurs twice in the header; the second is read as {new!r}")
            n = new
        else:
            seen[n] = 1
        out.append(n)
    while out and re.fullmatch(r"column_\d+", out[-1]):
        out.pop()  # trailing empty header cells (a separator at the line end)
    return out


def _is_code_column(texts: pd.Series) -> bool:
    """Columns of codes with leading zeros ("01", "0105") stay text."""
    t = texts.str.strip()
    return bool(t.str.match(r"^0\d").any())


_NUMLIKE = r"^[+-]?[\d\s.,\u00a0\u2009\u202f]*\d[\d\s.,\u00a0\u2009\u202f]*$"


def analyse_sample(sample: pd.DataFrame, sep: str, key: str | None) -> tuple[str, list[str]]:
    """From a sample of raw cell texts: the file's decimal mark and the
    columns the fast parser must read as text (the key, text columns, codes
    with leading zeros, columns whose evidence contradicts the file's
    convention or that use spaces as thousands separators).

    All columns are analysed at once on the stacked sample (vectorised)."""
    default = "," if sep in (";", "\t") else "."
    cells = sample.stack()
    cells = cells.astype(str).str.strip()
    cells = cells[cells != ""]
    col = cells.index.get_level_values(1)
    numlike = cells.str.match(_NUMLIKE)
    is_sign = cells.isin(sg._SIGN_EXACT.keys()) | cells.str.match(r"^\(\s*[^()]*\s*\)$")
    nums = cells[numlike].str.replace(r"[\s\u00a0\u2009\u202f]", "", regex=True)
    ncol = nums.index.get_level_values(1)
    comma_dec = nums.str.match(r"^[+-]?\d*,\d+$") & ~nums.str.match(r"^[+-]?\d{1,3},\d{3}$")
    dot_dec = nums.str.match(r"^[+-]?\d*\.\d+$") & ~nums.str.match(r"^[+-]?\d{1,3}\.\d{3}$")
    both = nums.str.contains(",", regex=False) & nums.str.contains(".", regex=False)
    last_comma = both & (nums.str.rfind(",") > nums.str.rfind("."))
    multi_dot = nums.str.count(r"\.") > 1
    multi_comma = nums.str.count(",") > 1
    says_comma = (comma_dec | last_comma | multi_dot).groupby(ncol).any()
    says_dot = (dot_dec | (both & ~last_comma) | multi_comma).groupby(ncol).any()
    votes_comma = int((says_comma & ~says_dot).sum())
    votes_dot = int((says_dot & ~says_comma).sum())
    decimal = "," if votes_comma > votes_dot else "." if votes_dot > votes_comma else default
    spaced = cells[numlike].str.contains(r"\d[\s\u00a0\u2009\u202f]+\d").groupby(col[numlike]).any()
    code = cells.str.match(r"^0\d").groupby(col).any()
    n_all = cells.groupby(col).size()
    n_good = (numlike | is_sign).groupby(col).sum()
    as_text = []
    for c in sample.columns:
        if c == key or bool(code.get(c, False)):
            as_text.append(c)
        elif c in n_all.index and n_good.get(c, 0) < 0.5 * n_all[c]:
            as_text.append(c)
        elif bool(spaced.get(c, False)):
            as_text.append(c)
        elif decimal == "," and bool(says_dot.get(c, False)) and not bool(says_comma.get(c, False)):
            as_text.append(c)
        elif decimal == "." and bool(says_comma.get(c, False)) and not bool(says_dot.get(c, False)):
            as_text.append(c)
    return decimal, as_text


def read_table(
    path: str,
    key: str | None = None,
    sheet: str | None = None,
    total_key: str | None = None,
    layout: str = "auto",
    encoding: str | None = None,
    separator: str | None = None,
    sentinels: tuple[float, ...] = sg.DEFAULT_SENTINELS,
) -> Table:
    """Read an indicator table. ``key`` names the key column (kept as text)."""
    if not os.path.exists(path):
        raise TableError(f"{path}: file not found")
    ext = os.path.splitext(path)[1].lower()
    if ext in (".xlsx", ".xlsm", ".ods"):
        table = _read_sheet(path, key, sheet, sentinels)
    else:
        table = _read_csv(path, key, encoding, separator, sentinels)
    if key is not None and key not in table.data.columns:
        cols = ", ".join(repr(c) for c in table.data.columns)
        raise TableError(f"{path}: no column {key!r} (columns: {cols})")
    table.key = key
    _split_totals(table, total_key)
    if layout == "long" or (layout == "auto" and _long_columns(table)):
        _pivot_long(table)
    return table


def _read_sheet(path, key, sheet, sentinels) -> Table:
    try:
        rows = read_ods(path, sheet) if path.lower().endswith(".ods") else read_xlsx(path, sheet)
    except SheetError as e:
        raise TableError(str(e)) from e
    if not rows:
        raise TableError(f"{path}: the sheet is empty")
    h, start, names, notes = find_header(rows, path)
    body = rows[start:]
    width = len(names)
    grid = [list(r[:width]) + [None] * (width - len(r)) for r in body]
    df = pd.DataFrame(grid, columns=names, dtype=object)
    lines = pd.Series(np.arange(start + 1, start + 1 + len(df)), index=df.index)
    out: dict = {}
    table = Table(path=path, data=out, key=key, kinds={}, lines=lines, notes=notes, sheet=sheet)
    for c in names:
        raw = df[c]
        if c == key:
            out[c] = raw.map(_key_text)
            table.kinds[c] = "text"
            continue
        _parse_into(table, c, raw, ",", sentinels)
    table.data = pd.DataFrame(out, index=df.index)
    _drop_blank_and_note_rows(table)
    return table


def _key_text(v) -> str | None:
    if v is None:
        return None
    if isinstance(v, float):
        if np.isnan(v):
            return None
        return str(int(v)) if v.is_integer() else repr(v)
    t = str(v).strip()
    return t or None


def _parse_into(table: Table, c: str, raw: pd.Series, default_decimal: str, sentinels) -> None:
    df = table.data
    nonempty = raw.dropna()
    texts = nonempty[nonempty.map(lambda v: isinstance(v, str))]
    if len(texts) and _is_code_column(texts.astype(str)):
        df[c] = raw.map(_key_text)
        table.kinds[c] = "text"
        return
    _store(table, c, sg.parse_column(raw, default_decimal, sentinels), raw)


def _store(table: Table, c: str, parsed: sg.ParsedColumn, raw: pd.Series) -> None:
    df = table.data
    if parsed.kind == "text":
        df[c] = raw.map(_key_text)
        table.kinds[c] = "text"
        return
    if parsed.bad:
        pos, text = parsed.bad[0]
        ix = raw.index[pos]
        more = f" (and {len(parsed.bad) - 1} more cells)" if len(parsed.bad) > 1 else ""
        raise TableError(
            f"{table.path}, {table.where(ix)}, column {c!r}: {text!r} is neither a number "
            f"nor a known special sign (-, ., x, /, …, *, (n)){more}"
        )
    df[c] = parsed.values
    table.kinds[c] = parsed.kind
    if parsed.signs is not None:
        table.signs[c] = parsed.signs


def _read_csv(path, key, encoding, separator, sentinels) -> Table:
    with open(path, "rb") as fh:
        raw = fh.read()
    text, enc = decode_bytes(raw, path, encoding)
    if not text.strip():
        raise TableError(f"{path}: the file is empty")
    all_lines = text.splitlines()
    sep = separator or sniff_separator(all_lines[:200])
    rows = list(islice(csv.reader(io.StringIO(text), delimiter=sep), MAX_SAMPLE // 2 + 60))
    h, start, names, notes = find_header(rows, path)
    width = len(names)
    # Sample the head and lines spread over the whole file: a code column
    # whose leading zeros appear only further down ("01067") must be seen.
    rest = all_lines[len(rows) :]
    step = max(1, len(rest) // (MAX_SAMPLE // 2))
    spread = list(csv.reader(rest[::step], delimiter=sep))
    sample_rows = [list(r[:width]) + [""] * (width - len(r)) for r in rows[start:] + spread]
    sample = pd.DataFrame(sample_rows, columns=names, dtype=object).replace("", None)
    decimal, as_text = analyse_sample(sample, sep, key)
    thousands = "." if decimal == "," else ","
    if thousands == sep:
        thousands = None
    skip = start
    # One pass: in the number columns the special signs count as missing, so
    # the C parser reads them as numbers; the signs are looked up afterwards
    # in the few missing cells only (_missing_texts).
    na_values = {c: [""] if c in as_text else ["", *sg.SIGN_CELLS] for c in names}
    try:
        df = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            header=None,
            skiprows=skip,
            names=names,
            usecols=range(width),
            dtype={c: str for c in as_text},
            decimal=decimal,
            thousands=thousands,
            keep_default_na=False,
            na_values=na_values,
            quotechar='"',
            skip_blank_lines=False,
            engine="c",
            index_col=False,
        )
    except (pd.errors.ParserError, ValueError) as e:
        m = re.search(r"line (\d+)", str(e))
        where = f", line {int(m.group(1)) + skip}" if m else ""
        raise TableError(f"{path}{where}: the row cannot be split into the header's {width} columns ({e})") from e
    lines = pd.Series(np.arange(skip + 1, skip + 1 + len(df)), index=df.index)
    # Columns are collected in a dict and framed once: replacing columns of a
    # consolidated DataFrame one by one copies its blocks every time.
    out: dict = {}
    table = Table(
        path=path, data=out, key=key, kinds={}, lines=lines, notes=notes, encoding=enc, separator=sep, decimal=decimal
    )
    holes = [c for c in names if c != key and c not in as_text and df[c].dtype.kind == "f" and df[c].isna().any()]
    missing = _missing_texts(text, skip, sep, df, names, holes) if holes else {}
    if missing is None:  # the rows cannot be told from the lines: read those columns again as text
        again = _read_as_text(text, sep, skip, names, holes)
        missing = {c: again[c].to_numpy(dtype=object)[df[c].isna().to_numpy()] for c in holes}
    for c in names:
        col = df[c]
        if c == key:
            out[c] = col.map(_key_text).astype(object)
            table.kinds[c] = "text"
        elif c in missing:
            parsed = sg.parse_signed_series(col, missing[c], sentinels)
            out[c] = parsed.values
            table.kinds[c] = parsed.kind
            if parsed.signs is not None:
                table.signs[c] = parsed.signs
        elif col.dtype.kind in "fiu":
            parsed = sg.parse_numeric_series(col, sentinels)
            out[c] = parsed.values
            table.kinds[c] = parsed.kind
            if parsed.signs is not None:
                table.signs[c] = parsed.signs
        elif c in as_text:
            _parse_into(table, c, col.astype(object).where(col.notna(), None), decimal, sentinels)
        else:
            # Numbers with special signs among them: the fast parser gave up on
            # the column and kept its texts; parse them in the file's convention.
            _store(table, c, sg.parse_text_column(col, decimal, thousands, sentinels), col)
    table.data = pd.DataFrame(out, index=df.index)
    _drop_blank_and_note_rows(table)
    return table


def _missing_texts(text: str, skip: int, sep: str, df: pd.DataFrame, names: list[str], cols: list[str]):
    """The raw texts of the missing cells of ``cols``, per column in row
    order, taken from the lines of the file; None when rows and lines may not
    correspond (quoted fields can span lines, other line ends)."""
    if '"' in text or text.count("\r") != text.count("\r\n"):
        return None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) - skip != len(df):
        return None
    split: dict[int, list[str]] = {}  # row -> its cells, split once
    out = {}
    for c in cols:
        j = names.index(c)
        texts = []
        for i in np.flatnonzero(df[c].isna().to_numpy()).tolist():
            cells = split.get(i)
            if cells is None:
                cells = split[i] = lines[skip + i].rstrip("\r").split(sep)
            texts.append(cells[j] if j < len(cells) else "")
        out[c] = np.array(texts, dtype=object)
    return out


def _read_as_text(text: str, sep: str, skip: int, names: list[str], cols: list[str]) -> pd.DataFrame:
    return pd.read_csv(
        io.StringIO(text),
        sep=sep,
        header=None,
        skiprows=skip,
        names=names,
        usecols=cols,
        dtype=str,
        keep_default_na=False,
        na_values=[],
        quotechar='"',
        skip_blank_lines=False,
        engine="c",
        index_col=False,
    ).fillna("")


def _drop_blank_and_note_rows(table: Table) -> None:
    """Drop empty rows, and note rows ("Quelle: ...") that fill only one cell."""
    df = table.data
    filled = df.notna()
    count = filled.sum(axis=1)
    few = count <= 1  # only such rows can be blank or notes: look at their signs
    if few.any() and table.signs:
        for c, s in table.signs.items():
            filled.loc[few, c] = filled.loc[few, c] | s[few].notna()
        count = filled.sum(axis=1)
    blank = count == 0
    note = (count == 1) & (df.shape[1] >= 3)
    numeric = [c for c, k in table.kinds.items() if k != "text"]
    if len(numeric) >= 2:
        no_numbers = ~filled[numeric].any(axis=1)
        first_text = df.loc[no_numbers & (count > 0)].apply(
            lambda r: next((str(v) for v in r if isinstance(v, str) and v.strip()), ""), axis=1
        )
        if len(first_text):
            looks_like_note = first_text.str.match(_NOTE_START)
            note |= looks_like_note.reindex(df.index, fill_value=False).astype(bool)
    if note.any():
        for ix in df.index[note][:5]:
            val = next(v for v in df.loc[ix] if v is not None and not (isinstance(v, float) and np.isnan(v)))
            table.notes.append(f"{table.where(ix)}: note row skipped: {str(val)[:80]!r}")
        if note.sum() > 5:
            table.notes.append(f"... {int(note.sum()) - 5} more note rows skipped")
    drop = blank | note
    if drop.any():
        keep = ~drop
        table.data = df[keep]
        table.signs = {c: s[keep] for c, s in table.signs.items()}
        table.lines = table.lines[keep]


def _split_totals(table: Table, total_key: str | None) -> None:
    df = table.data
    text_cols = [c for c, k in table.kinds.items() if k == "text"]
    extra = (total_key,) if total_key else ()
    is_total = pd.Series(False, index=df.index)
    for c in text_cols:
        s = df[c]
        vals = s.dropna()
        if not len(vals):
            continue
        # Check each distinct value once, vectorised.
        uniq = pd.Series(vals.unique()).astype(str).str.strip()
        # the label patterns need letters: numeric keys skip them (the user's TOTAL_KEY does not)
        worded = (~uniq.str.isdigit()).to_numpy(dtype=bool)
        words = uniq[worded]
        hit = np.zeros(len(uniq), dtype=bool)
        hit[worded] = (words.str.match(_TOTAL_FULL) | words.str.contains(_TOTAL_WORD)).to_numpy(dtype=bool)
        if extra:
            hit |= uniq.str.lower().isin({e.strip().lower() for e in extra}).to_numpy(dtype=bool)
        labels = set(vals.unique()[hit])
        if labels:
            is_total |= s.isin(labels)
    if total_key and table.key:
        is_total |= df[table.key] == total_key.strip()
    if is_total.any():
        table.totals = df[is_total]
        table.total_signs = {c: s[is_total] for c, s in table.signs.items()}
        for ix in table.totals.index:
            label = next((str(table.totals.at[ix, c]) for c in text_cols if table.totals.at[ix, c] is not None), "")
            table.notes.append(f"{table.where(ix)}: total row {label!r} kept apart from the units")
        keep = ~is_total
        table.data = df[keep]
        kept = {c: s[keep] for c, s in table.signs.items()}
        table.signs = {c: s for c, s in kept.items() if s.notna().any()}
        table.total_lines = table.lines[is_total]
        table.lines = table.lines[keep]


def _find_col(columns, candidates) -> str | None:
    low = {c.lower().strip(): c for c in columns}
    for cand in candidates:
        if cand in low:
            return low[cand]
    return None


def _long_columns(table: Table):
    cols = [c for c in table.data.columns if c != table.key]
    y = _find_col(cols, _YEAR_COLS)
    i = _find_col(cols, _IND_COLS)
    v = _find_col(cols, _VAL_COLS)
    if i and v and table.kinds.get(v) in ("integer", "number"):
        return y, i, v
    return None


def _pivot_long(table: Table) -> None:
    found = _long_columns(table)
    if not found:
        raise TableError(
            f"{table.path}: a long table needs columns indicator (Indikator/Merkmal) "
            f"and value (Wert); year (Jahr) is optional"
        )
    ycol, icol, vcol = found
    df = table.data
    key = table.key
    if key is None:
        raise TableError(f"{table.path}: a long table needs the key column named")
    ind = df[icol].astype(str).str.strip()
    if ycol:
        yv = df[ycol]
        year = yv.map(
            lambda v: (
                None
                if v is None or (isinstance(v, float) and np.isnan(v))
                else str(int(v))
                if isinstance(v, float)
                else str(v).strip()
            )
        )
        name = ind + "_" + year.fillna("")
        name = name.str.rstrip("_")
    else:
        name = ind
    long = pd.DataFrame({"key": df[key], "name": name, "value": df[vcol]})
    sign = table.signs.get(vcol, pd.Series([None] * len(df), index=df.index, dtype=object))
    long["sign"] = sign
    dup = long.duplicated(["key", "name"], keep=False)
    if dup.any():
        first = long[dup].iloc[0]
        rows = ", ".join(table.where(ix) for ix in long[dup].index[:6])
        raise TableError(
            f"{table.path}: unit {first['key']!r}, indicator {first['name']!r} occurs more than once ({rows})"
        )
    order = list(dict.fromkeys(long["name"]))
    wide = long.pivot(index="key", columns="name", values="value").reindex(columns=order)
    wsign = long.pivot(index="key", columns="name", values="sign").reindex(columns=order)
    keys_order = list(dict.fromkeys(long["key"]))
    wide = wide.reindex(keys_order)
    wsign = wsign.reindex(keys_order)
    first_line = pd.Series(table.lines.values, index=long["key"].values)
    first_line = first_line[~first_line.index.duplicated()]
    out = pd.DataFrame({key: keys_order})
    kinds = {key: "text"}
    signs = {}
    for c in order:
        vals = pd.to_numeric(wide[c], errors="coerce").astype("float64").to_numpy()
        out[c] = vals
        fin = vals[~np.isnan(vals)]
        kinds[c] = "integer" if len(fin) and np.all(np.mod(fin, 1) == 0) else "number"
        s = pd.Series(wsign[c].to_numpy(), index=out.index, dtype=object)
        if s.notna().any():
            signs[c] = s.where(s.notna(), None)
    table.data = out
    table.kinds = kinds
    table.signs = signs
    table.lines = pd.Series(first_line.reindex(keys_order).to_numpy(), index=out.index)
    table.layout = "long"
    table.notes.append(
        f"long table (unit, {'year, ' if ycol else ''}indicator, value) turned into {len(order)} columns"
    )


def _cell_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    return str(v)


def read_raw(
    path: str, sheet: str | None = None, encoding: str | None = None
) -> tuple[list[str], list[list[str]], list[int]]:
    """Header names, rows of cell texts and their line numbers; nothing parsed.

    For small tables whose cells are words and signs, such as the catalogue.
    """
    if not os.path.exists(path):
        raise TableError(f"{path}: file not found")
    ext = os.path.splitext(path)[1].lower()
    if ext in (".xlsx", ".xlsm", ".ods"):
        try:
            rows = read_ods(path, sheet) if ext == ".ods" else read_xlsx(path, sheet)
        except SheetError as e:
            raise TableError(str(e)) from e
    else:
        with open(path, "rb") as fh:
            text, _ = decode_bytes(fh.read(), path, encoding)
        sep = sniff_separator(text.splitlines()[:200])
        rows = list(csv.reader(io.StringIO(text), delimiter=sep))
    if not rows:
        raise TableError(f"{path}: the file is empty")
    h, start, names, _ = find_header(rows, path)
    body = [[_cell_text(c) for c in r] for r in rows[start:]]
    return names, body, list(range(start + 1, start + 1 + len(body)))


YEAR_SUFFIX = re.compile(r"^(?P<base>.+?)_(?P<year>(19|20)\d\d)$")


def split_year(column: str) -> tuple[str, int | None]:
    """'sgb2_2019' -> ('sgb2', 2019); 'sgb2' -> ('sgb2', None)."""
    m = YEAR_SUFFIX.match(column)
    if m:
        return m.group("base"), int(m.group("year"))
    return column, None
