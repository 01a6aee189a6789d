"""Reports for planners: a JSON document and its HTML rendering (jinja2,
autoescaped: unit names may hold '&', '<' or quotes). Files are written
completely or not at all (temporary file, then rename)."""

from __future__ import annotations

import datetime as _dt
import json
import os
import tempfile

import jinja2

from . import signs as sg
from .i18n import tr, tr_fragments
from .join import JoinPlan, sign_cells
from .tables import Table

_TEMPLATES = os.path.join(os.path.dirname(__file__), "templates")
_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(_TEMPLATES),
    autoescape=jinja2.select_autoescape(["html", "svg", "xml"], default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)

LIST_LIMIT = 500


def render(template: str, lang: str = "en", **context) -> str:
    t = _env.get_template(template)
    return t.render(T=lambda s, **kw: tr(s, lang).format(**kw) if kw else tr(s, lang), lang=lang, **context)


def publish(tmp: str, path: str) -> None:
    """Move a finished temporary file into place with the permissions a new
    file gets (mkstemp makes it private to its owner; colleagues on a shared
    drive must be able to open the outputs)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    os.replace(tmp, path)


def write_atomic(path: str, text: str) -> None:
    """A text file, written completely or not at all."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=os.path.splitext(path)[1])
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        publish(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def json_twin(html_path: str) -> str:
    base, ext = os.path.splitext(html_path)
    return base + ".json"


def write_report(html_path: str, report: dict, template: str, lang: str = "en") -> tuple[str, str]:
    """Write the HTML report and its JSON twin beside it; return both paths."""
    jpath = json_twin(html_path)
    if os.path.abspath(jpath) == os.path.abspath(html_path):
        jpath = html_path + ".json"
    html = render(template, lang=lang, r=report)
    write_atomic(jpath, json.dumps(report, ensure_ascii=False, indent=2, default=str))
    write_atomic(html_path, html)
    return html_path, jpath


def _limited(items: list, limit: int = LIST_LIMIT) -> dict:
    return {"count": len(items), "items": items[:limit], "truncated": len(items) > limit}


def join_report(
    table: Table,
    plan: JoinPlan,
    *,
    layer_name: str,
    layer_key: str,
    n_units: int,
    added: list[tuple[str, str]],
    notes: list[str],
    warnings: list[str],
    unit_names: dict | None = None,
    lang: str = "en",
) -> dict:
    counts, cells = sign_cells(table, limit=LIST_LIMIT)
    matched_keys = [k for k, p in zip(plan.layer_keys, plan.row_of_unit) if p >= 0]
    totals = []
    if table.totals is not None:
        for ix, row in table.totals.iterrows():
            vals = {c: (None if _isnan(v) else v) for c, v in row.items()}
            totals.append({"where": tr_fragments(table.where(ix), lang), "values": vals})
    columns = [
        {"column": c, "field": f, "type": table.kinds.get(c, "text"), "signs": counts.get(c, {})} for c, f in added
    ]
    signs_used = sorted({s for d in counts.values() for s in d})
    names = unit_names or {}

    def f(text):
        return tr_fragments(text, lang)

    return {
        "created": _dt.datetime.now().isoformat(timespec="seconds"),
        "table": {
            "path": table.path,
            "key": table.key,
            "rows": int(len(table.data)),
            "encoding": table.encoding,
            "separator": table.separator,
            "decimal": table.decimal,
            "sheet": table.sheet,
            "layout": table.layout,
        },
        "layer": {"name": layer_name, "key": layer_key, "units": n_units},
        "summary": {
            "matched": plan.matched,
            "units_without_data": len(plan.units_without_data),
            "rows_without_unit": len(plan.rows_without_unit),
            "near_matches": len(plan.near),
            "near_applied": plan.near_applied,
            "total_rows": len(totals),
            "duplicate_layer_keys": len(plan.layer_duplicates),
        },
        "matched_units": _limited([{"key": k, "name": names.get(k)} for k in matched_keys]),
        "units_without_data": _limited([{"key": k, "name": names.get(k)} for k in plan.units_without_data]),
        "rows_without_unit": _limited([{"key": k, "where": f(w)} for k, w in plan.rows_without_unit]),
        "near_matches": _limited(
            [{"layer_key": n.layer_key, "table_key": n.table_key, "reason": f(n.reason)} for n in plan.near]
        ),
        "ambiguous": plan.ambiguous,
        "duplicate_layer_keys": plan.layer_duplicates,
        "total_rows": totals,
        "columns": columns,
        "signs": {
            "counts": counts,
            "meanings": {s: sg.sign_meaning(s, lang) for s in signs_used},
            "cells": _limited([{**c, "where": f(c["where"])} for c in cells]),
        },
        "notes": [f(n) for n in list(table.notes) + list(notes)],
        "warnings": warnings,
    }


def _isnan(v) -> bool:
    return isinstance(v, float) and v != v
