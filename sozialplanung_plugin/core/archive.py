"""The yearly history (sozialplanung:archive): a year's computed indicators,
classes and rules as rows of a long table, and the series monitoring reads
back from it.

History table, one row per unit, year and indicator (or unit result)::

    unit_key  year  indicator  value  sign  ref  class  run_id  run_at

* an indicator of the catalogue: ``value`` = ``<id>_val``, ``sign`` =
  ``<id>_val_sign`` (why a value is missing), ``ref`` = ``<id>_ref``,
  ``class`` = ``<id>_flag`` ("1" flagged, "0" not, empty: not assessed);
* the unit's results: ``burden_class`` (value = ``burden_code``, class = the
  label), ``status_index`` / ``dynamics_index`` (value = the index, class =
  the class number and label, e.g. "4 sehr niedrig").

Runs table (``<history>_runs``), one row per archived year and run: the
rules that made the numbers (catalogue, thresholds, burden rule,
suppression rule, plugin version), so that a year can be recomputed and
explained later.

A year is in the history once: a second run for the same year is refused
(``MODE`` refuse) or replaces that year's rows (``MODE`` replace); the
writer does the check, delete and insert in one transaction under a lock,
and the table has a unique constraint on (unit_key, year, indicator).
"""

from __future__ import annotations

import json
from collections import Counter

import numpy as np
import pandas as pd

from sozialplanung_plugin.core import fields as fn
from sozialplanung_plugin.core import i18n
from sozialplanung_plugin.core import monitoring as cm
from sozialplanung_plugin.core.catalogue import Catalogue
from sozialplanung_plugin.core.errors import UserError
from sozialplanung_plugin.core.indicators import Output

HISTORY_COLUMNS = ("unit_key", "year", "indicator", "value", "sign", "ref", "class", "run_id", "run_at")
#: (name, kind) of the history columns; kinds as the writers know them
HISTORY_KINDS = (
    ("unit_key", "text"),
    ("year", "integer"),
    ("indicator", "text"),
    ("value", "number"),
    ("sign", "text"),
    ("ref", "number"),
    ("class", "text"),
    ("run_id", "text"),
    ("run_at", "text"),
)
RUN_KINDS = (
    ("run_id", "text"),
    ("run_at", "text"),
    ("year", "integer"),
    ("mode", "text"),
    ("units", "integer"),
    ("rows", "integer"),
    ("source", "text"),
    ("catalogue", "text"),
    ("thresholds", "text"),
    ("burden_rule", "text"),
    ("suppression_rule", "text"),
    ("plugin_version", "text"),
    ("qgis_version", "text"),
)
MODES = ("refuse", "replace")
UNIT_RESULTS = (
    ("burden_class", fn.BURDEN_CODE, fn.BURDEN_CLASS),
    ("status_index", fn.STATUS_INDEX, fn.STATUS_CLASS),
    ("dynamics_index", fn.DYNAMICS_INDEX, fn.DYNAMICS_CLASS),
)
_LABEL_OF = {fn.STATUS_CLASS: fn.STATUS_LABEL, fn.DYNAMICS_CLASS: fn.DYNAMICS_LABEL}

i18n.register(
    {
        "Year {0} is already in the history table {1} ({2} rows, run {3}). Choose MODE replace to replace "
        "that year, or archive another year.": "Das Jahr {0} steht bereits in der Verlaufstabelle {1} ({2} Zeilen, "
        "Lauf {3}). Wählen Sie MODE replace, um dieses Jahr zu ersetzen, oder archivieren Sie ein anderes Jahr.",
    }
)


class ArchiveError(UserError):
    """Bad input for the archive (no key, nothing computed, a wrong history table)."""


class YearExistsError(ArchiveError):
    """The year is already archived and MODE is refuse."""

    def __init__(self, year: int, table: str, rows: int, run_id: str, lang: str = "en"):
        self.year, self.table, self.rows, self.run_id = year, table, rows, run_id
        super().__init__(
            i18n.tr(
                "Year {0} is already in the history table {1} ({2} rows, run {3}). Choose MODE replace to replace "
                "that year, or archive another year.",
                lang,
            ).format(year, table, rows, run_id)
        )


def _num(v) -> float | None:
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None
    return None if np.isnan(x) else x


def _text(v) -> str | None:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return None
    s = str(v)
    return s if s else None


def _flag_text(v) -> str | None:
    x = _num(v)
    return None if x is None else str(int(x))


def check_keys(data: pd.DataFrame, key: str | None, where: str) -> np.ndarray:
    """The unit keys as text; a clear error when the key field is missing, empty or not unique."""
    if not key or key not in data.columns:
        cols = ", ".join(c for c in data.columns[:30])
        raise ArchiveError(
            f"{where}: the key field {key!r} is not in the layer (fields: {cols}); choose KEY_FIELD, the field "
            "that names each unit (e.g. PLR_ID)"
        )
    keys = np.array([_text(v) for v in data[key].to_numpy()], dtype=object)
    empty = int(sum(k is None for k in keys))
    if empty:
        raise ArchiveError(f"{where}: {empty} unit(s) have no value in the key field {key!r}; every unit needs a key")
    dup = [k for k, n in Counter(keys).items() if n > 1]
    if dup:
        raise ArchiveError(
            f"{where}: the key field {key!r} is not unique ({len(dup)} keys twice or more, e.g. {dup[0]!r}); "
            "the history needs one row per unit"
        )
    return keys


def history_rows(
    data: pd.DataFrame, catalogue: Catalogue, key: str, year: int, run_id: str, run_at: str, where: str = "layer"
) -> pd.DataFrame:
    """The long history rows of one year from a computed layer (fields of
    computeindicators, classifyburden, compositeindex)."""
    keys = check_keys(data, key, where)
    cols = set(data.columns)
    parts = []

    def block(indicator: str, value, sign, ref, klass):
        n = len(keys)
        parts.append(
            pd.DataFrame(
                {
                    "unit_key": keys,
                    "year": np.full(n, int(year), dtype="int64"),
                    "indicator": np.full(n, indicator, dtype=object),
                    "value": value,
                    "sign": sign,
                    "ref": ref,
                    "class": klass,
                }
            )
        )

    none = np.full(len(keys), None, dtype=object)
    nan = np.full(len(keys), np.nan)
    for ind in catalogue.indicators:
        val = fn.measure(ind.id, "val")
        if val not in cols:
            continue
        ref = fn.measure(ind.id, "ref")
        flag = fn.measure(ind.id, "flag")
        sign = fn.sign_of(val)
        block(
            ind.id,
            pd.to_numeric(data[val], errors="coerce").to_numpy(dtype="float64"),
            np.array([_text(v) for v in data[sign]], dtype=object) if sign in cols else none,
            pd.to_numeric(data[ref], errors="coerce").to_numpy(dtype="float64") if ref in cols else nan,
            np.array([_flag_text(v) for v in data[flag]], dtype=object) if flag in cols else none,
        )
    if not parts:
        raise ArchiveError(
            f"{where}: no computed indicator of the catalogue {catalogue.path} (fields <id>_val); archive the output "
            "of computeindicators, classifyburden or compositeindex"
        )
    for name, value_field, class_field in UNIT_RESULTS:
        if value_field not in cols:
            continue
        label = _LABEL_OF.get(class_field)
        klass = []
        for i in range(len(keys)):
            c = _text(data[class_field].iat[i]) if class_field in cols else None
            if c is not None and _num(c) is not None:
                c = str(int(_num(c)))
            if label and label in cols and _text(data[label].iat[i]):
                c = f"{c} {data[label].iat[i]}" if c else _text(data[label].iat[i])
            klass.append(c)
        block(
            name,
            pd.to_numeric(data[value_field], errors="coerce").to_numpy(dtype="float64"),
            none,
            nan,
            np.array(klass, dtype=object),
        )
    out = pd.concat(parts, ignore_index=True)
    out["run_id"] = run_id
    out["run_at"] = run_at
    return out[list(HISTORY_COLUMNS)]


def first_text(data: pd.DataFrame, column: str) -> str | None:
    if column not in data.columns:
        return None
    for v in data[column]:
        t = _text(v)
        if t:
            return t
    return None


def catalogue_json(catalogue: Catalogue) -> str:
    """The catalogue as it was used (every indicator's definition) as JSON."""
    rows = []
    for ind in catalogue.indicators:
        d = {}
        for k, v in vars(ind).items():
            if k == "line":
                continue
            d[k] = v if not isinstance(v, float) or not np.isnan(v) else None
        rows.append(d)
    return json.dumps({"path": catalogue.path, "indicators": rows}, ensure_ascii=False, default=str)


def run_row(
    data: pd.DataFrame,
    catalogue: Catalogue,
    year: int,
    run_id: str,
    run_at: str,
    mode: str,
    rows: int,
    source: str,
    plugin_version: str,
    qgis_version: str,
) -> dict:
    """The rules of the run: catalogue, thresholds, burden and suppression rule, versions."""
    thresholds = {ind.id: ind.threshold for ind in catalogue.indicators if ind.threshold is not None}
    return {
        "run_id": run_id,
        "run_at": run_at,
        "year": int(year),
        "mode": mode,
        "units": len(data),
        "rows": int(rows),
        "source": source,
        "catalogue": catalogue_json(catalogue),
        "thresholds": json.dumps(thresholds),
        "burden_rule": first_text(data, fn.BURDEN_RULE),
        "suppression_rule": first_text(data, fn.SUPPRESSION_RULE),
        "plugin_version": plugin_version,
        "qgis_version": qgis_version,
    }


# --------------------------------------------------------------------------
# reading the history back


def check_history(history: pd.DataFrame, where: str = "history table") -> None:
    missing = [c for c in ("unit_key", "year", "indicator", "value", "ref", "sign") if c not in history.columns]
    if missing:
        raise ArchiveError(
            f"{where}: not a history table of sozialplanung:archive (missing: {', '.join(missing)}; expected "
            f"{', '.join(HISTORY_COLUMNS)})"
        )
    dup = history.duplicated(["unit_key", "year", "indicator"])
    if dup.any():
        r = history[dup].iloc[0]
        raise ArchiveError(
            f"{where}: unit {r['unit_key']!r}, year {int(r['year'])}, indicator {r['indicator']!r} is there twice; "
            "the history is inconsistent"
        )


def wide(history: pd.DataFrame, column: str = "value", indicators=None, years=None) -> pd.DataFrame:
    """The long history as a wide frame indexed by unit_key with a column
    ``<indicator>_<year>`` per indicator and year (``column``: value, ref or sign)."""
    check_history(history)
    h = history
    if indicators is not None:
        h = h[h["indicator"].isin(list(indicators))]
    if years is not None:
        h = h[h["year"].astype(int).isin([int(y) for y in years])]
    if h.empty:
        return pd.DataFrame(index=pd.Index([], name="unit_key"))
    t = h.pivot(index="unit_key", columns=["indicator", "year"], values=column)
    t.columns = [f"{i}_{int(y)}" for i, y in t.columns]
    order = sorted(t.columns, key=lambda c: (c.rsplit("_", 1)[0], int(c.rsplit("_", 1)[1])))
    return t[order]


def series(history: pd.DataFrame, catalogue: Catalogue, keys, years=None, warnings: list | None = None):
    """The monitoring series (core.monitoring.Series) of every catalogue
    indicator with two or more archived years, for the units ``keys`` (in that
    order; a unit without history gets missing values). The reference of a
    year is the value most units carry (the city-wide value when no reference
    areas were used)."""
    check_history(history)
    warnings = warnings if warnings is not None else []
    keys = [str(k) for k in keys]
    out = []
    h = history.copy()
    h["year"] = h["year"].astype(int)
    if years is not None:
        h = h[h["year"].isin([int(y) for y in years])]
    for ind in catalogue.indicators:
        hi = h[h["indicator"] == ind.id]
        ys = sorted(hi["year"].unique().tolist())
        if len(ys) < 2:
            continue
        vals = hi.pivot(index="unit_key", columns="year", values="value").reindex(index=keys, columns=ys)
        sig = hi.pivot(index="unit_key", columns="year", values="sign").reindex(index=keys, columns=ys)
        refs = []
        for y in ys:
            r = pd.to_numeric(hi.loc[hi["year"] == y, "ref"], errors="coerce").dropna()
            if r.empty:
                refs.append(np.nan)
                continue
            counts = r.value_counts()
            if len(counts) > 1:
                warnings.append(f"indicator {ind.id!r}, {y}: several reference values in the history; the most common")
            refs.append(float(counts.index[0]))
        signs = []
        for y in ys:
            col = sig[y].to_numpy(dtype=object)
            col = np.array([_text(v) for v in col], dtype=object)
            signs.append(col if any(v is not None for v in col) else None)
        out.append(
            cm.Series(ind, [int(y) for y in ys], vals.to_numpy(dtype="float64"), signs, np.array(refs, dtype=float))
        )
    if not out:
        found = sorted(h["year"].unique().tolist()) if len(h) else []
        raise ArchiveError(
            f"history table: no indicator of the catalogue {catalogue.path} has two or more archived years "
            f"(years found: {', '.join(map(str, found)) or 'none'})"
        )
    return out


def monitoring(history: pd.DataFrame, catalogue: Catalogue, rule, keys, years=None, index=None):
    """core.monitoring's result computed from the archived series instead of
    the layer's yearly counts: the same fields (<id>_chg_<year>, _excess_,
    slopes, adverse runs, watch flags), with the values and references as they
    were archived."""
    rule.check()
    warnings: list[str] = []
    ss = series(history, catalogue, keys, years, warnings)
    out = Output()
    core = []
    for s in ss:
        c = cm.changes(s)
        cm._series_fields(s, c, out)
        if s.indicator.core and c.excess is not None:
            f = cm.flags(c.excess[:, -1], c.run, rule)
            out.put(fn.measure(s.indicator.id, "watch"), f, "integer")
            core.append((s, c, f))
    if not core:
        warnings.append("no core indicator with a polarity has a series: no early warning")
    cm._watch_fields(core, len(keys), rule, out)
    frame = pd.DataFrame(out.columns, index=index if index is not None else pd.Index(list(keys)), copy=False)
    return cm.MonitoringResult(frame, out.kinds, ss, rule, warnings)
