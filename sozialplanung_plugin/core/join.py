"""Join an indicator table to spatial units by key, with a precise account.

Exact matches join. Keys that differ only by leading zeros, whitespace,
case or number-versus-text ("1011101" vs "01011101", "0105 " vs "0105",
"1011101.0") are *near matches*: reported with the suggested pairing and
joined only when the user asks for normalised keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .tables import Table, TableError


class JoinError(TableError):
    pass


_FLOATY = re.compile(r"^([+-]?\d+)\.0+$")


def layer_key_texts(values) -> list[str | None]:
    """``layer_key_text`` of each value; a column of texts in one pass."""
    values = list(values)
    if all(type(v) is str for v in values):
        return [v if v.strip() else None for v in values]
    return [layer_key_text(v) for v in values]


def layer_key_text(v) -> str | None:
    """A layer attribute as key text: integers without '.0', NULL as None."""
    if v is None:
        return None
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        if np.isnan(v):
            return None
        return str(int(v)) if float(v).is_integer() else repr(float(v))
    t = str(v)
    return t if t.strip() else None


def normalise_key(k: str) -> str:
    t = k.strip().casefold()
    t = re.sub(r"\s+", "", t)
    m = _FLOATY.match(t)
    if m:
        t = m.group(1)
    if t.isdigit():
        t = t.lstrip("0") or "0"
    return t


def near_reason(a: str, b: str) -> str:
    reasons = []
    if a.strip() != a or b.strip() != b or re.sub(r"\s+", "", a) != a.strip() or re.sub(r"\s+", "", b) != b.strip():
        reasons.append("whitespace")
    sa, sb = re.sub(r"\s+", "", a), re.sub(r"\s+", "", b)
    if _FLOATY.match(sa) or _FLOATY.match(sb):
        reasons.append("number vs. text")
        sa, sb = _FLOATY.sub(r"\1", sa), _FLOATY.sub(r"\1", sb)
    if sa.casefold() == sb.casefold() and sa != sb:
        reasons.append("case")
    if sa.lstrip("0") == sb.lstrip("0") and sa != sb:
        reasons.append("leading zeros")
    return ", ".join(reasons) or "normalised form"


@dataclass
class NearMatch:
    layer_key: str
    table_key: str
    reason: str


@dataclass
class JoinPlan:
    row_of_unit: np.ndarray  # per layer feature: position in table.data, or -1
    matched: int
    units_without_data: list[str | None]
    rows_without_unit: list[tuple[str, str]]  # (key, where)
    near: list[NearMatch] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    near_applied: bool = False
    layer_duplicates: dict[str, int] = field(default_factory=dict)
    layer_null_keys: int = 0
    layer_keys: list = field(default_factory=list)  # the layer keys as text, in feature order


def table_duplicates(table: Table) -> list[tuple[str, list[str]]]:
    keys = table.data[table.key]
    dup = keys[keys.duplicated(keep=False) & keys.notna()]
    out = []
    for k, idx in dup.groupby(dup).groups.items():
        out.append((k, [table.where(ix) for ix in idx]))
    return out


def plan_join(layer_keys: list, table: Table, normalise: bool = False) -> JoinPlan:
    """Match layer keys to table rows. Raises JoinError on a table without
    data rows and on duplicate table keys."""
    if len(table.data) == 0:
        cols = ", ".join(map(repr, list(table.data.columns)[:12]))
        besides = " besides its total row" if table.totals is not None else ""
        raise JoinError(
            f"{table.path}: the table has a header ({cols}) but no data rows{besides}. "
            "Nothing was joined and nothing was written; check the export (an empty sheet or a filter)."
        )
    dups = table_duplicates(table)
    if dups:
        shown = "; ".join(f"{k!r} ({', '.join(w)})" for k, w in dups[:20])
        more = f" and {len(dups) - 20} more" if len(dups) > 20 else ""
        raise JoinError(
            f"{table.path}: {len(dups)} key(s) occur more than once in column "
            f"{table.key!r}: {shown}{more}. Nothing was written."
        )
    tkeys = table.data[table.key]
    no_key = tkeys.isna()
    lkeys = pd.Series(layer_key_texts(layer_keys), dtype=object)
    tindex = pd.Index(tkeys.where(~no_key, None))
    pos = tindex.get_indexer(lkeys.where(lkeys.notna(), "\x00null"))
    pos = np.asarray(pos, dtype=np.int64)
    near: list[NearMatch] = []
    ambiguous: list[str] = []
    unmatched_units = np.flatnonzero((pos < 0) & lkeys.notna().to_numpy())
    used = np.zeros(len(tkeys), dtype=bool)
    used[pos[pos >= 0]] = True
    free_rows = np.flatnonzero(~used & ~no_key.to_numpy())
    if len(unmatched_units) and len(free_rows):
        norm_rows: dict[str, list[int]] = {}
        for r in free_rows:
            norm_rows.setdefault(normalise_key(tkeys.iat[r]), []).append(r)
        claimed: dict[int, list[int]] = {}
        for u in unmatched_units:
            rows = norm_rows.get(normalise_key(lkeys.iat[u]))
            if not rows:
                continue
            if len(rows) > 1:
                ambiguous.append(
                    f"unit key {lkeys.iat[u]!r} is near to several table keys: "
                    + ", ".join(repr(tkeys.iat[r]) for r in rows)
                )
                continue
            claimed.setdefault(rows[0], []).append(u)
        for r, units in claimed.items():
            for u in units:
                near.append(NearMatch(lkeys.iat[u], tkeys.iat[r], near_reason(lkeys.iat[u], tkeys.iat[r])))
                if normalise:
                    pos[u] = r
            if normalise:
                used[r] = True
    matched = int((pos >= 0).sum())
    vc = lkeys.dropna().value_counts()
    layer_dups = {k: int(n) for k, n in vc[vc > 1].items()}
    without = [lkeys.iat[i] for i in np.flatnonzero(pos < 0)]
    rows_without = [(tkeys.iat[r], table.where(tkeys.index[r])) for r in np.flatnonzero(~used) if not no_key.iat[r]]
    for r in np.flatnonzero(no_key.to_numpy()):
        rows_without.append(("", table.where(tkeys.index[r]) + " (no key)"))
    return JoinPlan(
        row_of_unit=pos,
        matched=matched,
        units_without_data=without,
        rows_without_unit=rows_without,
        near=near,
        ambiguous=ambiguous,
        near_applied=normalise and bool(near),
        layer_duplicates=layer_dups,
        layer_null_keys=int(lkeys.isna().sum()),
        layer_keys=lkeys.tolist(),
    )


def output_columns(
    table: Table, layer_fields: list[str], wanted: list[str] | None = None, suffix: str = ""
) -> tuple[list[tuple[str, str]], list[str]]:
    """Table columns to add as (table column, output field name), and notes.

    The key column is not repeated. A name that already exists in the layer
    gets ``_2`` (then ``_3`` ...), and the note says so.
    """
    notes = []
    cols = [c for c in table.data.columns if c != table.key]
    if wanted:
        missing = [w for w in wanted if w not in cols]
        if missing:
            raise JoinError(
                f"{table.path}: column(s) {', '.join(map(repr, missing))} not in the table "
                f"(columns: {', '.join(map(repr, cols))})"
            )
        cols = [c for c in cols if c in wanted]
    taken = {f.lower() for f in layer_fields}
    out = []
    for c in cols:
        name = f"{c}{suffix}"
        if name.lower() in taken:
            n = 2
            while f"{name}_{n}".lower() in taken:
                n += 1
            notes.append(f"table column {c!r} is written as {name}_{n} because the layer has a field {name!r}")
            name = f"{name}_{n}"
        taken.add(name.lower())
        out.append((c, name))
        if c in table.signs:
            sname = name + "_sign"
            if sname.lower() in taken:
                raise JoinError(f"the sign field {sname!r} for column {c!r} collides with an existing field")
            taken.add(sname.lower())
    return out, notes


def joined_frame(table: Table, plan: JoinPlan, columns: list[tuple[str, str]]) -> pd.DataFrame:
    """Per layer feature (in order), the table values to add; NaN/None where no row."""
    pos = plan.row_of_unit
    has = pos >= 0
    take = np.where(has, pos, 0)
    out = {}
    for src, name in columns:
        col = table.data[src].to_numpy()
        vals = col[take]
        if table.kinds.get(src) == "text":
            vals = np.where(has, vals, None).astype(object)
        else:
            vals = np.where(has, vals.astype("float64"), np.nan)
        out[name] = vals
        if src in table.signs:
            s = table.signs[src].to_numpy()[take]
            out[name + "_sign"] = np.where(has, s, None).astype(object)
    return pd.DataFrame(out)


def sign_cells(table: Table, limit: int = 200) -> tuple[dict[str, dict[str, int]], list[dict]]:
    """Counts of special signs per column and sign, and the first cells listed."""
    counts: dict[str, dict[str, int]] = {}
    cells: list[dict] = []
    keys = table.data[table.key] if table.key else None
    for c, s in table.signs.items():
        nn = s.dropna()
        if not len(nn):
            continue
        counts[c] = {str(k): int(v) for k, v in nn.value_counts().items()}
        for ix, sign in nn.items():
            if len(cells) >= limit:
                break
            cells.append(
                {"key": None if keys is None else keys.get(ix), "column": c, "sign": sign, "where": table.where(ix)}
            )
    return counts, cells
