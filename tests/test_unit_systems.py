"""Moving counts between unit systems through Processing, on real geometry:
Berlin's 447 old Planungsräume (LOR 2006–2020) and 542 new ones (2021).

Each expected value is recomputed independently: area shares with OGR/GEOS
directly (not through the plugin's adapter), sums with the csv module."""

from __future__ import annotations

import csv
import math
import os

import pytest
from conftest import ROOT, example, layer_rows

OLD_TABLES = os.path.join(ROOT, "resources", "example", "berlin_2006", "tables")
COUNTS = ["inhabitants", "inhabitants_age_below_6", "inhabitants_foreigners"]


@pytest.fixture(scope="module")
def runner(provider):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())

    class Feedback(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.warnings = []

        def pushWarning(self, text):  # noqa: N802
            self.warnings.append(text)

        def reportError(self, text, fatal=False):  # noqa: N802
            self.warnings.append(text)

    def run(alg, params):
        fb = Feedback()
        res = processing.run(alg, params, context=ctx, feedback=fb)
        res["_warnings"] = fb.warnings
        return res

    yield run
    # the context's temporary layers go before QGIS exits (else a crash at the end of the process)
    ctx.temporaryLayerStore().removeAllMapLayers()


@pytest.fixture(scope="module")
def berlin(runner, tmp_path_factory):
    """The new units with the population 2021 joined; the old units with 2016
    joined; the districts (new units dissolved by BEZ)."""
    from sozialplanung_plugin import example as ex

    folder = tmp_path_factory.mktemp("units")
    new = str(folder / "new.gpkg")
    runner(
        "sozialplanung:joinindicators",
        {
            "INPUT": ex.units(),
            "INPUT_KEY": "PLR_ID",
            "TABLE": example("population_2021-02_t2.csv"),
            "TABLE_KEY": "id",
            "FIELDS": ";".join(COUNTS),
            "OUTPUT": new,
        },
    )
    old_units = ex.units_2006(runner, str(folder / "old_units.gpkg"))
    old = str(folder / "old.gpkg")
    runner(
        "sozialplanung:joinindicators",
        {
            "INPUT": old_units,
            "INPUT_KEY": "PLR_ID",
            "TABLE": os.path.join(OLD_TABLES, "population_2016-02_t2.csv"),
            "TABLE_KEY": "id",
            "FIELDS": ";".join(COUNTS),
            "OUTPUT": old,
        },
    )
    districts = str(folder / "districts.gpkg")
    runner("native:dissolve", {"INPUT": ex.units(), "FIELD": ["BEZ"], "OUTPUT": districts})
    return {"new": new, "old": old, "districts": districts, "folder": folder}


def ogr_polygons(path, key):
    from osgeo import ogr

    ds = ogr.Open(path)
    layer = ds.GetLayer(0)
    out = {}
    for f in layer:
        out[f.GetField(key)] = (f.GetGeometryRef().Clone(), {c: f.GetField(c) for c in COUNTS})
    return out


def independent_area_interpolation(source, target, field):
    """value(T) = Σ_S value(S) × area(S∩T) / area(S), with OGR/GEOS."""
    out = {}
    src = [(g, g.GetEnvelope(), g.GetArea(), vals[field]) for g, vals in source.values()]
    for tk, (tg, _) in target.items():
        tx0, tx1, ty0, ty1 = tg.GetEnvelope()
        total, hit = 0.0, False
        for g, (x0, x1, y0, y1), area, v in src:
            if x1 < tx0 or x0 > tx1 or y1 < ty0 or y0 > ty1:
                continue
            a = g.Intersection(tg).GetArea()
            if a > 0:
                total += v * a / area
                hit = True
        out[tk] = total if hit else None
    return out


def test_same_units_return_the_input_exactly(runner, berlin, tmp_path):
    out = str(tmp_path / "same.gpkg")
    runner(
        "sozialplanung:interpolateunits",
        {"SOURCE": berlin["new"], "TARGET": berlin["new"], "FIELDS": COUNTS, "OUTPUT": out},
    )
    src = layer_rows(berlin["new"], "PLR_ID")
    got = layer_rows(out, "PLR_ID")
    assert len(got) == 542
    for k, row in src.items():
        for c in COUNTS:
            assert got[k][c] == row[c], (k, c)
            assert got[k][c + "_est"] == 0


def test_old_onto_new_against_independent_area_shares(runner, berlin, tmp_path):
    out = str(tmp_path / "carried.gpkg")
    report = str(tmp_path / "carried.html")
    res = runner(
        "sozialplanung:interpolateunits",
        {
            "SOURCE": berlin["old"],
            "SOURCE_KEY": "PLR_ID",
            "TARGET": example("planungsraeume_2021.gpkg"),
            "TARGET_KEY": "PLR_ID",
            "FIELDS": COUNTS,
            "METHOD": "area",
            "OUTPUT": out,
            "REPORT": report,
        },
    )
    old = ogr_polygons(berlin["old"], "PLR_ID")
    new = ogr_polygons(berlin["new"], "PLR_ID")
    want = independent_area_interpolation(old, new, "inhabitants")
    got = layer_rows(out, "PLR_ID")
    for k, v in want.items():
        assert got[k]["inhabitants"] == pytest.approx(v, rel=1e-9, abs=1e-6), k
    # per district the carried totals match the old ones within 0.5 %
    old_by, new_by = {}, {}
    for k, (_, vals) in old.items():
        old_by[k[:2]] = old_by.get(k[:2], 0) + vals["inhabitants"]
    for row in got.values():
        new_by[row["BEZ"]] = new_by.get(row["BEZ"], 0) + row["inhabitants"]
    assert set(old_by) == set(new_by) and len(old_by) == 12
    for b in old_by:
        assert abs(new_by[b] - old_by[b]) <= 0.005 * old_by[b], b
    # estimates: a share in [0, 1] everywhere; new units cut from several old ones are estimates
    est = [row["inhabitants_est"] for row in got.values()]
    assert all(0 <= e <= 1 for e in est)
    assert sum(e > 0.5 for e in est) > 50
    assert sum(e <= 0.01 for e in est) > 200  # unchanged units (up to slivers)
    import json

    rep = json.load(open(os.path.splitext(report)[0] + ".json", encoding="utf-8"))
    tot = {t["field"]: t for t in rep["totals"]}["inhabitants"]
    assert tot["after"] == pytest.approx(tot["covered"], rel=1e-12)
    assert tot["before"] == pytest.approx(sum(v["inhabitants"] for _, v in old.values()))
    assert abs(tot["after"] - tot["before"]) < 0.001 * tot["before"]
    assert rep["targets"] == 542 and len(rep["targets_list"]["items"]) == 500  # listed up to 500
    assert res["REPORT"] == report


def test_split_and_reaggregate_preserves_totals(runner, berlin, tmp_path):
    """New units split onto pieces (units × 1 km grid), then summed back by key: the input again."""
    grid = runner(
        "native:creategrid",
        {
            "TYPE": 2,
            "EXTENT": "369000,416000,5799000,5838000 [EPSG:25833]",
            "HSPACING": 1000,
            "VSPACING": 1000,
            "CRS": "EPSG:25833",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )["OUTPUT"]
    pieces = runner(
        "native:intersection",
        {"INPUT": example("planungsraeume_2021.gpkg"), "OVERLAY": grid, "OUTPUT": str(tmp_path / "pieces.gpkg")},
    )["OUTPUT"]
    split = str(tmp_path / "split.gpkg")
    runner(
        "sozialplanung:interpolateunits",
        {"SOURCE": berlin["new"], "TARGET": pieces, "FIELDS": COUNTS, "OUTPUT": split},
    )
    back = str(tmp_path / "back.gpkg")
    res = runner(
        "sozialplanung:aggregateunits",
        {
            "INPUT": split,
            "INPUT_KEY": "PLR_ID",
            "TARGET": berlin["new"],
            "TARGET_KEY": "PLR_ID",
            "FIELDS": COUNTS,
            "OUTPUT": back,
        },
    )
    src = layer_rows(berlin["new"], "PLR_ID")
    got = layer_rows(back, "PLR_ID")
    for c in COUNTS:
        total = sum(r[c] for r in src.values())
        assert abs(sum(r[c] for r in got.values()) - total) <= 1e-9 * total
        for k, row in src.items():
            assert got[k][c] == pytest.approx(row[c], rel=1e-9, abs=1e-9), (k, c)
    assert not any("straddle" in w for w in res["_warnings"])


def district_totals_from_table(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            d = out.setdefault(row["district_id"], {c: 0 for c in COUNTS})
            for c in COUNTS:
                d[c] += int(row[c])
    return out


@pytest.mark.parametrize("by_key", [True, False])
def test_aggregate_to_districts_equals_table_totals(runner, berlin, tmp_path, by_key):
    out = str(tmp_path / "bez.gpkg")
    report = str(tmp_path / "bez.html")
    params = {
        "INPUT": berlin["new"],
        "TARGET": berlin["districts"],
        "TARGET_KEY": "BEZ",
        "FIELDS": COUNTS,
        "OUTPUT": out,
        "REPORT": report,
    }
    if by_key:
        params["INPUT_KEY"] = "BEZ"
    res = runner("sozialplanung:aggregateunits", params)
    want = district_totals_from_table(example("population_2021-02_t2.csv"))
    got = layer_rows(out, "BEZ")
    assert set(got) == set(want) and len(want) == 12
    for b in want:
        for c in COUNTS:
            assert got[b][c] == want[b][c], (b, c)
    assert not res["_warnings"]
    text = open(report, encoding="utf-8").read()
    assert "None." in text  # no unassigned, no straddling units


def square(x, y, s):
    return f"({x} {y}, {x + s} {y}, {x + s} {y + s}, {x} {y + s}, {x} {y})"


def memory_layer(name, wkts, fields):
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:25833", name, "memory")
    pr = layer.dataProvider()
    pr.addAttributes(
        [QgsField(n, QVariant.String if isinstance(v, str) else QVariant.Double) for n, v in fields[0].items()]
    )
    layer.updateFields()
    feats = []
    for wkt, attrs in zip(wkts, fields):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        f.setAttributes(list(attrs.values()))
        feats.append(f)
    pr.addFeatures(feats)
    return layer


def test_holes_multipolygons_and_slivers(runner, tmp_path):
    # source A: 100x100 square with a 50x50 hole (area 7500); source B: two 10x10 squares far apart (200)
    a = f"MULTIPOLYGON(({square(0, 0, 100)}, {square(25, 25, 50)}))"
    b = f"MULTIPOLYGON(({square(200, 0, 10)}), ({square(300, 0, 10)}))"
    source = memory_layer("src", [a, b], [{"k": "A", "n": 7500.0}, {"k": "B", "n": 200.0}])
    # targets: left half of A (x < 50), right half of A plus the first part of B, the second part of B
    # plus a sliver of 0.001 m width along A's right border
    t1 = "POLYGON((0 0, 50 0, 50 100, 0 100, 0 0))"
    t2 = "POLYGON((50 0, 99.999 0, 99.999 100, 50 100, 50 0))"
    t3 = "MULTIPOLYGON(((99.999 0, 100 0, 100 100, 99.999 100, 99.999 0)), ((200 0, 210 0, 210 10, 200 10, 200 0)))"
    t4 = f"POLYGON({square(300, 0, 10)})"
    target = memory_layer("tgt", [t1, t2, t3, t4], [{"id": "T1"}, {"id": "T2"}, {"id": "T3"}, {"id": "T4"}])
    out = str(tmp_path / "holes.gpkg")
    res = runner(
        "sozialplanung:interpolateunits",
        {"SOURCE": source, "TARGET": target, "TARGET_KEY": "id", "FIELDS": ["n"], "OUTPUT": out},
    )
    got = layer_rows(out, "id")
    # A: density 1 per m² outside its hole; T1 gets 50*100 - 25*50 = 3750, T2 the rest but the sliver
    assert got["T1"]["n"] == pytest.approx(3750.0, rel=1e-12)
    assert got["T2"]["n"] == pytest.approx(3750.0 - 0.1, rel=1e-12)
    # T3: the sliver of A (0.001 x 100 = 0.1 m² = 0.1) plus all of B's first part (100 of 200)
    assert got["T3"]["n"] == pytest.approx(0.1 + 100.0, rel=1e-12)
    assert got["T4"]["n"] == pytest.approx(100.0, rel=1e-12)
    assert sum(r["n"] for r in got.values()) == pytest.approx(7700.0, rel=1e-12)
    # B is split in halves: T4 is entirely an estimate; T1 too (A is split)
    assert got["T4"]["n_est"] == 1.0 and got["T1"]["n_est"] == 1.0
    assert not res["_warnings"]


def test_aggregate_lists_straddling_and_unassigned(runner, tmp_path):
    fine = memory_layer(
        "fine",
        [
            f"POLYGON({square(10, 10, 10)})",  # inside T1
            "POLYGON((95 10, 105 10, 105 20, 95 20, 95 10))",  # half outside T1
            "POLYGON((99.5 30, 109.5 30, 109.5 40, 99.5 40, 99.5 30))",  # 5 % outside T2 (point on surface in T2)
            "POLYGON((90 60, 100.05 60, 100.05 70, 90 70, 90 60))",  # 0.5 % outside T1: a sliver, not listed
            f"POLYGON({square(500, 500, 10)})",  # in no target
        ],
        [{"k": f"F{i}", "n": float(i + 1)} for i in range(5)],
    )
    target = memory_layer(
        "coarse",
        [f"POLYGON({square(0, 0, 100)})", f"POLYGON({square(100, 0, 100)})"],
        [{"id": "T1"}, {"id": "T2"}],
    )
    out = str(tmp_path / "agg.gpkg")
    report = str(tmp_path / "agg.html")
    res = runner(
        "sozialplanung:aggregateunits",
        {
            "INPUT": fine,
            "INPUT_ID": "k",
            "TARGET": target,
            "TARGET_KEY": "id",
            "FIELDS": ["n"],
            "OUTPUT": out,
            "REPORT": report,
        },
    )
    got = layer_rows(out, "id")
    import json

    rep = json.load(open(os.path.splitext(report)[0] + ".json", encoding="utf-8"))
    straddling = {s["key"]: s for s in rep["straddling"]["items"]}
    assert set(straddling) == {"F1", "F2"}
    assert straddling["F2"]["target"] == "T2" and straddling["F2"]["outside"] == pytest.approx(0.05)
    assert rep["unassigned"]["items"] == ["F4"]
    assert any("F4" in w for w in res["_warnings"]) and any("straddle" in w for w in res["_warnings"])
    # F1's point on surface decides: it is counted once, where it lies
    assert got["T1"]["n"] + got["T2"]["n"] == 1 + 2 + 3 + 4
    assert got["T2"]["n"] >= 3


def test_suppressed_cells_traced(runner, berlin, tmp_path):
    """suppress withholds small age-group counts of old units; every new unit
    that would receive a part of one is NULL with the sign, the others are not."""
    protected = str(tmp_path / "protected.gpkg")
    runner(
        "sozialplanung:suppress",
        {
            "INPUT": berlin["old"],
            "FIELDS": ["inhabitants_age_below_6"],
            "MIN_COUNT": 60,
            "SIGN": "*",
            "KEY_FIELD": "PLR_ID",
            "OUTPUT": protected,
        },
    )
    src = layer_rows(protected, "PLR_ID")
    secret = {k for k, r in src.items() if r["inhabitants_age_below_6"] is None}
    assert secret
    out = str(tmp_path / "carried_protected.gpkg")
    runner(
        "sozialplanung:interpolateunits",
        {
            "SOURCE": protected,
            "SOURCE_KEY": "PLR_ID",
            "TARGET": berlin["new"],
            "TARGET_KEY": "PLR_ID",
            "FIELDS": ["inhabitants_age_below_6"],
            "OUTPUT": out,
        },
    )
    got = layer_rows(out, "PLR_ID")
    old = ogr_polygons(protected, "PLR_ID")
    new = ogr_polygons(berlin["new"], "PLR_ID")
    dependent = set()
    for tk, (tg, _) in new.items():
        for sk in secret:
            if old[sk][0].Intersection(tg).GetArea() > 0:
                dependent.add(tk)
    assert dependent
    for k, row in got.items():
        if k in dependent:
            assert row["inhabitants_age_below_6"] is None and row["inhabitants_age_below_6_sign"] == "*", k
            marks = {src[sk]["inhabitants_age_below_6_supp"] for sk in secret if old[sk][0].Intersects(new[k][0])}
            want = "primary" if "primary" in marks else "secondary"
            assert row["inhabitants_age_below_6_supp"] == want, k
        else:
            assert row["inhabitants_age_below_6"] is not None and row["inhabitants_age_below_6_sign"] is None, k
            assert row["inhabitants_age_below_6_supp"] is None, k


def test_bad_input_messages(runner, berlin, tmp_path):
    from qgis.core import QgsProcessingException

    def fails(alg, params, pattern):
        with pytest.raises(QgsProcessingException, match=pattern):
            runner(alg, {"OUTPUT": str(tmp_path / "x.gpkg"), **params})
        assert not os.path.exists(tmp_path / "x.gpkg")  # nothing written

    base = {"SOURCE": berlin["old"], "TARGET": berlin["new"]}
    fails("sozialplanung:interpolateunits", {**base, "FIELDS": ["PLR_NAME_x"]}, r"PLR_NAME_x")
    fails("sozialplanung:interpolateunits", {**base}, r"no fields to move.*FIELDS.*CATALOGUE")
    fails(
        "sozialplanung:interpolateunits",
        {**base, "FIELDS": ["inhabitants"], "METHOD": "population"},
        r"METHOD population needs a weight layer \(WEIGHTS\)",
    )
    cat = tmp_path / "katalog.csv"
    cat.write_text("Kürzel;Quote;Polarität\nq;inhabitants;+\n", encoding="utf-8")
    fails(
        "sozialplanung:interpolateunits",
        {**base, "FIELDS": ["inhabitants"], "CATALOGUE": str(cat)},
        r"'inhabitants' is a rate without counts \(indicator 'q', catalogue line 2\)",
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("Kürzel;Zähler;Quatsch\nq;inhabitants;1\n", encoding="utf-8")
    fails("sozialplanung:interpolateunits", {**base, "CATALOGUE": str(bad)}, r"bad\.csv: unknown column 'Quatsch'")
    fails(
        "sozialplanung:aggregateunits",
        {"INPUT": berlin["new"], "TARGET": berlin["districts"], "INPUT_KEY": "BEZ", "FIELDS": ["inhabitants"]},
        r"INPUT_KEY 'BEZ' is given, but not TARGET_KEY",
    )
    neg = memory_layer("neg", [f"POLYGON({square(0, 0, 10)})"], [{"k": "N1", "n": -5.0}])
    fails(
        "sozialplanung:interpolateunits",
        {"SOURCE": neg, "TARGET": neg, "FIELDS": ["n"]},
        r"field 'n': negative count\(s\) in source unit\(s\) N1",
    )


@pytest.mark.parametrize("spelling", ["file", "processing table"])
def test_carry_population_across_the_reform(runner, tmp_path, spelling):
    from sozialplanung_plugin import example as ex
    from sozialplanung_plugin import example_reform

    old_units = ex.units_2006(runner, str(tmp_path / "old_units.gpkg"))
    output = str(tmp_path / "carried.gpkg")
    if spelling == "processing table":  # as the demo names a table of its GeoPackage
        output = f"ogr:dbname='{output}' table=\"carried\" (geom)"
    res = example_reform.carry_population(runner, old_units, ex.units(), output, str(tmp_path / "carried.html"))
    assert res["ok"] and res["max_diff_pct"] < 0.5
    assert len(res["districts"]) == 12
    assert set(res["fields"]) >= {"inhabitants_2016", "inhabitants_2018", "inhabitants_age_below_6_2018"}
    rows = layer_rows(res["output"], "PLR_ID")
    assert len(rows) == 542
    for y in (2016, 2018):
        total = sum(r[f"inhabitants_{y}"] for r in rows.values())
        with open(os.path.join(OLD_TABLES, f"population_{y}-02_t2.csv"), encoding="utf-8") as f:
            want = sum(int(r["inhabitants"]) for r in csv.DictReader(f))
        assert abs(total - want) <= 0.001 * want
        e = res["estimates"][f"inhabitants_{y}"]
        assert e["units"] == 542 and e["exact"] + e["partly"] + e["mostly"] == 542
    assert math.isfinite(res["max_diff_pct"])


def rect(x0, y0, x1, y1):
    return f"POLYGON(({x0} {y0}, {x1} {y0}, {x1} {y1}, {x0} {y1}, {x0} {y0}))"


@pytest.mark.parametrize("kind", ["points", "polygons"])
def test_population_weights(runner, tmp_path, kind):
    """Dasymetric: B's count follows its weights (1:3), C without weight is split by area."""
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    source = memory_layer(
        "src",
        [rect(0, 0, 100, 100), rect(100, 0, 200, 100), rect(200, 0, 300, 100)],
        [{"k": "A", "n": 100.0}, {"k": "B", "n": 50.0}, {"k": "C", "n": 10.0}],
    )
    target = memory_layer(
        "tgt",
        [rect(0, 0, 150, 100), rect(150, 0, 200, 100), rect(200, 0, 250, 100), rect(250, 0, 300, 100)],
        [{"id": "T1"}, {"id": "T2"}, {"id": "T3"}, {"id": "T4"}],
    )
    if kind == "points":
        w = QgsVectorLayer("Point?crs=EPSG:25833", "w", "memory")
        items = [("POINT(25 50)", 30.0), ("POINT(75 50)", 10.0), ("POINT(125 50)", 20.0), ("POINT(175 50)", 60.0)]
    else:
        w = QgsVectorLayer("Polygon?crs=EPSG:25833", "w", "memory")
        # a polygon across the T1|T2 border counts in proportion to its area on each side
        items = [(rect(0, 0, 100, 100), 40.0), (rect(100, 0, 150, 100), 10.0), (rect(150, 0, 200, 100), 30.0)]
        items.append(("POLYGON((140 0, 180 0, 180 50, 140 50, 140 0))", 40.0))  # 10/40 in T1, 30/40 in T2
    w.dataProvider().addAttributes([QgsField("ew", QVariant.Double)])
    w.updateFields()
    feats = []
    for wkt, v in items:
        f = QgsFeature(w.fields())
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        f.setAttributes([v])
        feats.append(f)
    w.dataProvider().addFeatures(feats)
    out = str(tmp_path / f"pop_{kind}.gpkg")
    report = str(tmp_path / f"pop_{kind}.html")
    res = runner(
        "sozialplanung:interpolateunits",
        {
            "SOURCE": source,
            "SOURCE_KEY": "k",
            "TARGET": target,
            "TARGET_KEY": "id",
            "FIELDS": ["n"],
            "METHOD": "population",
            "WEIGHTS": w,
            "WEIGHT_FIELD": "ew",
            "OUTPUT": out,
            "REPORT": report,
        },
    )
    got = layer_rows(out, "id")
    # B's weight: 20 in T1, 60 in T2 (points); 10 + 10 in T1, 30 + 30 in T2 (polygons): 1:3 either way
    assert got["T1"]["n"] == pytest.approx(100 + 50 * 0.25, rel=1e-12)
    assert got["T2"]["n"] == pytest.approx(50 * 0.75, rel=1e-12)
    assert got["T3"]["n"] == pytest.approx(5.0, rel=1e-12) and got["T4"]["n"] == pytest.approx(5.0, rel=1e-12)
    assert got["T1"]["n_est"] == pytest.approx(12.5 / 112.5, rel=1e-12)
    assert any("no weight" in x and "C" in x for x in res["_warnings"])
    import json

    rep = json.load(open(os.path.splitext(report)[0] + ".json", encoding="utf-8"))
    assert rep["no_weight_sources"]["items"] == ["C"]
    cov = {t["key"]: t for t in rep["targets_list"]["items"]}
    assert cov["T1"]["weight_coverage"] == 1.0 and cov["T3"]["weight_coverage"] is None  # no weight in T3
