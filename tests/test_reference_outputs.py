"""The same numbers on every supported QGIS, Python, pandas and numpy.

The main job on the bundled Berlin data (join, suppress, indicators, burden
rule, index; plus the two other index methods) is compared field by field and
feature by feature with a reference stored in ``tests/data/reference/``,
written once on QGIS 3.22 / pandas 1.5 / numpy 1.24. Numbers must agree to
1e-12 relative (most are bit-identical), texts, classes and NULLs exactly,
and the field lists must be the same.

To write the reference anew (after an intended change of results):
``SOZIALPLANUNG_WRITE_REFERENCE=1 make test`` and commit the file, saying why.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import os

import pytest
from conftest import DATA, example
from qgis.core import QgsProject, QgsVectorLayer

from sozialplanung_plugin import example as berlin_example

REFERENCE = os.path.join(DATA, "reference", "berlin_outputs.csv.gz")
REL = 1e-12
ABS = 1e-13  # for values that are 0 up to rounding (a z-score of a unit at the mean)
KEY = "PLR_ID"


def _cell(v):
    """A layer value as text: floats with every bit (repr), NULL as empty."""
    if v is None or (hasattr(v, "isNull") and v.isNull()) or str(v) == "NULL":
        return ""
    if isinstance(v, bool):
        return str(int(v))
    if isinstance(v, float):
        return "nan" if math.isnan(v) else repr(v)
    return str(v)


def _rows(path: str, prefix: str) -> tuple[list[str], dict[str, dict[str, str]]]:
    layer = QgsVectorLayer(path, "t", "ogr")
    assert layer.isValid(), path
    names = [n for n in layer.fields().names() if n != "fid"]
    out = {}
    for f in layer.getFeatures():
        row = {f"{prefix}:{n}": _cell(f[n]) for n in names}
        out[row[f"{prefix}:{KEY}"]] = row
    return [f"{prefix}:{n}" for n in names], out


@pytest.fixture(scope="module")
def outputs(provider, tmp_path_factory):
    """{column: {key: text}} for the main job and the two other index methods."""
    import processing
    from qgis.core import QgsProcessingContext

    folder = tmp_path_factory.mktemp("reference")
    gpkg = str(folder / "berlin.gpkg")
    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())

    def run(alg, params):
        return processing.run(alg, params, context=ctx)

    berlin_example.pipeline(run, gpkg)
    last = berlin_example.PIPELINE_TABLES[-1]
    for method in ("percentile_flags", "exponential_rank"):
        run(
            "sozialplanung:compositeindex",
            {
                "INPUT": f"{gpkg}|layername=belastung",
                "CATALOGUE": example("katalog_berlin.csv"),
                "METHOD": method,
                "CLASSES": "method",
                "POPULATION_FIELD": "EW",
                "MIN_POPULATION": 300,
                "KEY_FIELD": KEY,
                "OUTPUT": f"ogr:dbname='{gpkg}' table=\"{method}\" (geom)",
            },
        )
    columns, rows = _rows(f"{gpkg}|layername={last}", last)
    for method in ("percentile_flags", "exponential_rank"):
        cols, more = _rows(f"{gpkg}|layername={method}", method)
        # only what the method adds: the rest is the same as in the main job's table
        added = [c for c in cols if c.split(":", 1)[1] not in {x.split(":", 1)[1] for x in columns}]
        added.append(f"{method}:{KEY}")
        columns += [c for c in added if c != f"{method}:{KEY}"]
        for k, r in more.items():
            rows[k].update({c: r[c] for c in added if c != f"{method}:{KEY}"})
    return columns, rows


def _write(columns, rows) -> None:
    os.makedirs(os.path.dirname(REFERENCE), exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for k in sorted(rows):
        w.writerow([rows[k][c] for c in columns])
    with gzip.GzipFile(REFERENCE, "wb", mtime=0) as f:
        f.write(buf.getvalue().encode("utf-8"))


def _read():
    with gzip.open(REFERENCE, "rt", encoding="utf-8", newline="") as f:
        r = csv.reader(f)
        columns = next(r)
        rows = {}
        for line in r:
            row = dict(zip(columns, line))
            rows[row[f"{berlin_example.PIPELINE_TABLES[-1]}:{KEY}"]] = row
    return columns, rows


def _number(text: str):
    try:
        return float(text)
    except ValueError:
        return None


def _differs(a: str, b: str) -> bool:
    if a == b:
        return False
    x, y = _number(a), _number(b)
    if x is None or y is None:
        return True  # a text, a class label or NULL against something else
    if math.isnan(x) or math.isnan(y):
        return not (math.isnan(x) and math.isnan(y))
    return abs(x - y) > max(REL * max(abs(x), abs(y)), ABS)


def test_outputs_equal_the_stored_reference(outputs):
    columns, rows = outputs
    if os.environ.get("SOZIALPLANUNG_WRITE_REFERENCE") == "1":
        _write(columns, rows)
        pytest.skip(f"reference written to {REFERENCE}")
    assert os.path.exists(REFERENCE), "no reference: run once with SOZIALPLANUNG_WRITE_REFERENCE=1"
    ref_columns, ref_rows = _read()
    assert columns == ref_columns, (
        f"fields differ: only here {sorted(set(columns) - set(ref_columns))}, "
        f"only in the reference {sorted(set(ref_columns) - set(columns))}"
    )
    assert sorted(rows) == sorted(ref_rows)
    diffs = []
    exact = 0
    numbers = 0
    for k in sorted(ref_rows):
        for c in ref_columns:
            a, b = ref_rows[k][c], rows[k][c]
            if _number(a) is not None and a != "":
                numbers += 1
                exact += a == b
            if _differs(a, b):
                diffs.append(f"{k} {c}: reference {a!r}, here {b!r}")
    per_field: dict[str, int] = {}
    for d in diffs:
        field = d.split(" ")[1].rstrip(":")
        per_field[field] = per_field.get(field, 0) + 1
    assert not diffs, f"{len(diffs)} value(s) differ from the reference, per field {per_field}, e.g.:\n" + "\n".join(
        diffs[:25]
    )
    print(f"{len(ref_rows)} units x {len(ref_columns)} fields; {exact} of {numbers} numbers bit-identical")


def test_reference_covers_every_algorithm_of_the_pipeline():
    """The reference holds the fields each step adds (a test that compares
    nothing would pass on any platform)."""
    columns, rows = _read()
    names = {c.split(":", 1)[1] for c in columns}
    for field in (
        "S1",
        "EW",
        "inhabitants_2024",
        "S1_val",
        "S1_ref",
        "S1_z",
        "S1_pct",
        "burden_class",
        "burden_reason",
        "status_index",
        "status_class",
        "dynamics_class",
        "suppression_note",
        "S1_prank",
        "theme1_rank",
    ):
        assert any(n == field or n.startswith(field) for n in names), field
    assert len(rows) == 542
