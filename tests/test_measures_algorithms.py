"""sozialplanung:measuregoals and sozialplanung:measureeffects as a user runs
them: the demo's EXAMPLE register over the MSS series 2013-2019 on the 447 old
Planungsräume (example_2006.series_pipeline, then example_measures.measures_demo).
The area values are recomputed here from the layer's own fields in plain
Python (Σ rate x inhabitants / Σ inhabitants), the status from the path."""

from __future__ import annotations

import json
import math
import os

import pytest
from qgis.core import QgsVectorLayer, QgsWkbTypes

from sozialplanung_plugin import example_2006, example_measures
from sozialplanung_plugin.core.catalogue import read_catalogue

COLUMNS = {
    "S1": "s1_percentage_unemployed",
    "S2": "s2_percentage_long_term_unemployed",
    "S3": "s3_percentage_transfer_payments_recipients",
    "S4": "s4_percentage_transfer_payments_recipients_below_15_years",
}


@pytest.fixture(scope="module")
def demo(provider, tmp_path_factory):
    import processing
    from qgis.core import QgsProcessingContext, QgsProject

    folder = tmp_path_factory.mktemp("measures")
    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())

    def run(alg, params):
        return processing.run(alg, params, context=ctx)

    gpkg = str(folder / "reihe.gpkg")
    example_2006.series_pipeline(run, gpkg)
    res = example_measures.measures_demo(run, gpkg, str(folder / "reports"))
    return gpkg, str(folder / "reports"), res


def rows_of(gpkg, table):
    layer = QgsVectorLayer(f"{gpkg}|layername={table}", table, "ogr")
    assert layer.isValid()
    names = layer.fields().names()
    out = []
    for f in layer.getFeatures():
        out.append({n: (None if v is None or str(v) == "NULL" else v) for n, v in zip(names, f.attributes())})
    return layer, out


def units(gpkg):
    _, rows = rows_of(gpkg, "indizes_reihe")
    return {r["PLR_ID"]: r for r in rows}


def area(u, keys, column, year):
    num = den = 0.0
    for k in keys:
        v, w = u[k].get(f"{column}_{year}"), u[k].get(f"inhabitants_{year}")
        if v is None or w is None:
            continue
        num += v * w
        den += w
    return num / den if den else math.nan


def register():
    import csv

    with open(example_measures.register(), encoding="utf-8") as f:
        return {r["Kennung"]: r for r in csv.DictReader(f, delimiter=";")}


def test_goal_rows_match_an_independent_computation(demo):
    gpkg, reports, res = demo
    layer, rows = rows_of(gpkg, "massnahmen_ziele")
    assert layer.wkbType() == QgsWkbTypes.Type.NoGeometry
    assert res["massnahmen_ziele"]["MEASURES_N"] == 6
    u = units(gpkg)
    reg = register()
    cat = read_catalogue(example_2006.series_catalogue())
    checked = 0
    for r in rows:
        m = reg[r["measure_id"]]
        keys = m["Raumeinheiten"].split(";")
        col = COLUMNS[r["indicator"]]
        a = area(u, keys, col, r["year"])
        assert abs(r["area_value"] - a) < 1e-9
        city = area(u, list(u), col, r["year"])
        assert abs(r["city_value"] - city) < 1e-9
        b = r["base_year"]
        base = area(u, keys, col, b)
        g, gy = r["goal_value"], r["goal_year"]
        path = g if r["year"] >= gy else base + (g - base) * (r["year"] - b) / (gy - b)
        assert abs(r["path_value"] - path) < 1e-9
        pol = cat.get(r["indicator"]).polarity
        if r["year"] == b:
            assert r["status"] is None
        elif pol * (a - g) <= 0:
            assert r["status"] == "erreicht"
        elif pol * (a - path) <= 0:
            assert r["status"] == "auf Kurs"
        else:
            assert r["status"] == "nicht auf Kurs"
        checked += 1
    assert checked == len(rows) >= 25
    latest = {(r["measure_id"], r["indicator"]): r for r in rows if r["latest"] == 1}
    assert latest[("B01", "S1")]["status"] == "erreicht"
    assert latest[("B05", "S2")]["year"] == 2017  # S2 ends with 2017
    assert "vor dem ersten Jahr mit Daten (2013)" in latest[("B03", "S4")]["note"]
    assert latest[("B06", "S3")]["units_used"] == 2 and latest[("B06", "S3")]["units_missing"] == "01011102 (.)"
    with open(os.path.join(reports, "massnahmen_ziele.json"), encoding="utf-8") as f:
        rep = json.load(f)
    assert len(rep["measures"]) == 6
    assert os.path.getsize(os.path.join(reports, "massnahmen_ziele.html")) > 1000


def test_effects_match_an_independent_did(demo):
    gpkg, reports, res = demo
    layer, rows = rows_of(gpkg, "massnahmen_vergleich")
    assert layer.wkbType() == QgsWkbTypes.Type.NoGeometry
    u = units(gpkg)
    reg = register()
    treated = {k for m in reg.values() for k in m["Raumeinheiten"].split(";")}
    assert len(rows) == 6 * 4
    for r in rows:
        if r["did"] is None:
            continue
        keys = reg[r["measure_id"]]["Raumeinheiten"].split(";")
        col = COLUMNS[r["indicator"]]
        b, latest = r["base_year"], r["latest_year"]

        def ok(k, col=col, b=b, latest=latest):
            return all(u[k].get(f"{c}_{y}") is not None for c in (col, "inhabitants") for y in (b, latest))

        used = [k for k in keys if ok(k)]
        classes = {u[k][f"status_class_{b}"] for k in used} - {None}
        comp = [k for k in u if k not in treated and ok(k) and u[k].get(f"status_class_{b}") in classes]
        assert r["comparison_n"] == len(comp) and r["units_used"] == len(used)
        d_area = area(u, used, col, latest) - area(u, used, col, b)
        d_comp = area(u, comp, col, latest) - area(u, comp, col, b)
        assert abs(r["area_change"] - d_area) < 1e-9
        assert abs(r["comparison_change"] - d_comp) < 1e-9
        assert abs(r["did"] - (d_area - d_comp)) < 1e-9
        assert r["draws"] == 999 and r["seed"] == example_measures.SEED
        assert r["interval_low"] < r["interval_high"]
        assert "belegt" in r["assessment"]
    with open(os.path.join(reports, "massnahmen_vergleich.json"), encoding="utf-8") as f:
        rep = json.load(f)
    assert rep["draws"] == 999 and "keine Wirkung" in json.dumps(rep, ensure_ascii=False) or rep["items"]


def test_bad_register_is_reported_with_file_row_column_and_key(run, demo, tmp_path):
    gpkg, _, _ = demo
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "id;title;units;start_year;goal1_indicator;goal1_value;goal1_year\n"
        "A;x;01011103;2015;S9;4,0;2019\n"
        "B;y;1011103;2015;S1;vier;2012\n",
        encoding="utf-8",
    )
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException) as e:
        run(
            "sozialplanung:measuregoals",
            {
                "UNITS": f"{gpkg}|layername=mss_reihe",
                "CATALOGUE": example_2006.series_catalogue(),
                "MEASURES": str(bad),
                "KEY_FIELD": "PLR_ID",
                "OUTPUT": "TEMPORARY_OUTPUT",
            },
        )
    text = str(e.value)
    assert "line 2" in text and "'S9' is not in the catalogue" in text
    assert "line 3" in text and "'1011103' is not in the layer" in text and "'01011103'" in text
    assert "'vier' is not a number" in text and "goal year 2012 is before the start year 2015" in text


def test_register_as_a_polygon_layer_finds_its_units(run, demo, tmp_path):
    """A layer register without a units column: the units whose inner point
    lies in the measure's polygon (here the two units themselves, dissolved)."""
    gpkg, _, _ = demo
    picked = run(
        "native:extractbyexpression",
        {
            "INPUT": f"{gpkg}|layername=planungsraeume_2006",
            "EXPRESSION": "\"PLR_ID\" IN ('02010102', '02010104')",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    one = run("native:dissolve", {"INPUT": picked["OUTPUT"], "OUTPUT": "TEMPORARY_OUTPUT"})
    fields = [
        {"name": "Kennung", "type": 10, "length": 10, "precision": 0, "expression": "'L1'"},
        {"name": "Titel", "type": 10, "length": 80, "precision": 0, "expression": "'Beispiel aus einem Layer'"},
        {"name": "Beginn", "type": 2, "length": 0, "precision": 0, "expression": "2015"},
        {"name": "ziel1_indikator", "type": 10, "length": 10, "precision": 0, "expression": "'S1'"},
        {"name": "ziel1_wert", "type": 10, "length": 10, "precision": 0, "expression": "'8,5'"},
        {"name": "ziel1_jahr", "type": 2, "length": 0, "precision": 0, "expression": "2019"},
    ]
    path = str(tmp_path / "register.gpkg")
    run("native:refactorfields", {"INPUT": one["OUTPUT"], "FIELDS_MAPPING": fields, "OUTPUT": path})
    res = run(
        "sozialplanung:measuregoals",
        {
            "UNITS": f"{gpkg}|layername=mss_reihe",
            "CATALOGUE": example_2006.series_catalogue(),
            "MEASURES": path,
            "KEY_FIELD": "PLR_ID",
            "OUTPUT": str(tmp_path / "ziele.gpkg"),
        },
    )
    _, rows = rows_of(res["OUTPUT"].split("|")[0], "ziele")
    _, b04 = rows_of(gpkg, "massnahmen_ziele")
    same = {r["year"]: r["area_value"] for r in b04 if r["measure_id"] == "B04"}
    assert {r["year"]: r["area_value"] for r in rows} == same  # B04 has the same two units
    assert {r["units_n"] for r in rows} == {2} and rows[-1]["status"] == "erreicht"


def test_comparison_by_a_chosen_field(run, demo, tmp_path):
    """COMPARISON_FIELD without a year: the units of the same district (BEZ) without a measure."""
    gpkg, _, _ = demo
    res = run(
        "sozialplanung:measureeffects",
        {
            "UNITS": f"{gpkg}|layername=indizes_reihe",
            "CATALOGUE": example_2006.series_catalogue(),
            "MEASURES": example_measures.register(),
            "KEY_FIELD": "PLR_ID",
            "COMPARISON_FIELD": "BEZ",
            "DRAWS": 1000,
            "SEED": 1,
            "OUTPUT": str(tmp_path / "vergleich.gpkg"),
        },
    )
    _, rows = rows_of(res["OUTPUT"].split("|")[0], "vergleich")
    u = units(gpkg)
    reg = register()
    treated = {k for m in reg.values() for k in m["Raumeinheiten"].split(";")}
    for r in rows:
        if r["indicator"] != "S1":
            continue
        keys = reg[r["measure_id"]]["Raumeinheiten"].split(";")
        districts = sorted({k[:2] for k in keys})
        assert r["comparison_basis"] == f"BEZ = {', '.join(districts)}"
        b, lt = r["base_year"], r["latest_year"]
        comp = [
            k
            for k in u
            if k not in treated
            and k[:2] in districts
            and all(u[k].get(f"{c}_{y}") is not None for c in (COLUMNS["S1"], "inhabitants") for y in (b, lt))
        ]
        assert r["comparison_n"] == len(comp) and r["draws"] == 1000 and r["seed"] == 1
