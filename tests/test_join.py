"""sozialplanung:joinindicators as a user runs it."""

import json
import os

import pytest
from conftest import data, example, layer_rows
from qgis.core import QgsProcessingException, QgsProject, QgsVectorLayer

UNITS = data("musterstadt.gpkg") + "|layername=sozialraeume"


def join(run, tmp_path, table, key="Schlüssel", **extra):
    out = str(tmp_path / "joined.gpkg")
    params = {
        "INPUT": UNITS,
        "INPUT_KEY": "sr_id",
        "TABLE": data(table),
        "TABLE_KEY": key,
        "OUTPUT": out,
        "REPORT": str(tmp_path / "report.html"),
    }
    params.update(extra)
    return run("sozialplanung:joinindicators", params), out


def test_join_german_csv_values_and_report(run, tmp_path):
    res, out = join(run, tmp_path, "musterstadt_2023.csv")
    assert res["MATCHED"] == 10  # 0111 is only a near match ("111"), 0112 has no row
    assert res["UNITS_WITHOUT_DATA"] == 2
    assert res["ROWS_WITHOUT_UNIT"] == 2  # "111" and "0199"; the total row is not a row
    assert res["NEAR_MATCHES"] == 1
    rows = layer_rows(out, "sr_id")
    assert len(rows) == 12
    assert rows["0102"]["Einwohner"] == 7230
    assert rows["0102"]["SGB II Quote"] == pytest.approx(19.4)
    assert rows["0107"]["Alleinerziehende"] is None and rows["0107"]["Alleinerziehende_sign"] == "."
    assert rows["0107"]["Kinder u15 SGB II_sign"] == "-"
    assert rows["0101"]["Alleinerziehende_sign"] is None
    assert rows["0112"]["Einwohner"] is None
    assert rows["0101"]["sr_name"] == "Altstadt & Hafen"  # the layer's own fields stay
    layer = QgsVectorLayer(out, "j", "ogr")
    f = layer.fields()
    assert f.field("Einwohner").typeName().lower().startswith("integer")
    assert f.field("SGB II Quote").typeName().lower() in ("real", "double")
    rep = json.load(open(tmp_path / "report.json", encoding="utf-8"))
    assert rep["summary"]["matched"] == 10
    assert rep["near_matches"]["items"][0] == {"layer_key": "0111", "table_key": "111", "reason": "leading zeros"}
    assert [u["key"] for u in rep["units_without_data"]["items"]] == ["0111", "0112"]
    assert {r["key"] for r in rep["rows_without_unit"]["items"]} == {"111", "0199"}
    assert rep["total_rows"][0]["values"]["Sozialraum"] == "Stadt insgesamt"
    assert rep["signs"]["counts"]["Alleinerziehende"] == {".": 2, "x": 1}
    types = {c["column"]: c["type"] for c in rep["columns"]}
    assert types["Einwohner"] == "integer" and types["SGB II Quote"] == "number" and types["Sozialraum"] == "text"
    assert rep["matched_units"]["items"][1] == {"key": "0102", "name": "Süd <Ost>"}
    html = open(tmp_path / "report.html", encoding="utf-8").read()
    assert "Süd &lt;Ost&gt;" in html and "Süd <Ost>" not in html  # autoescaped
    assert "&#34;Grüne&#34; Mitte" in html or "&quot;Grüne&quot; Mitte" in html
    assert "Stadt insgesamt" in html


def test_normalize_keys_joins_near_match(run, tmp_path):
    res, out = join(run, tmp_path, "musterstadt_2023.csv", NORMALIZE_KEYS=True)
    assert res["MATCHED"] == 11
    assert layer_rows(out, "sr_id")["0111"]["Einwohner"] == 2215


def test_duplicate_keys_stop_and_write_nothing(run, tmp_path):
    with pytest.raises(QgsProcessingException) as e:
        join(run, tmp_path, "musterstadt_doppelt.csv")
    assert "'0102'" in str(e.value) and "line 3" in str(e.value) and "line 5" in str(e.value)
    assert not os.path.exists(tmp_path / "joined.gpkg")


@pytest.mark.parametrize("rows", ["", "Stadt insgesamt;;12.345;1.234;10,0;600;200;900;1.100;300\r\n"])
def test_table_without_data_rows_is_refused_and_writes_nothing(run, tmp_path, rows):
    """A header-only export (title line, header, no rows; or only the total row)
    is refused with a message naming the file and its columns."""
    src = open(data("musterstadt_2023.csv"), encoding="cp1252").read().splitlines()
    table = tmp_path / "leer.csv"
    table.write_bytes(("\r\n".join(src[:2]) + "\r\n" + rows).encode("cp1252"))
    before = table.read_bytes()
    out = str(tmp_path / "joined.gpkg")
    params = {"INPUT": UNITS, "INPUT_KEY": "sr_id", "TABLE": str(table), "TABLE_KEY": "Schlüssel", "OUTPUT": out}
    params["TOTAL_KEY"] = "Stadt insgesamt"
    with pytest.raises(QgsProcessingException) as e:
        run("sozialplanung:joinindicators", params)
    msg = str(e.value)
    assert "leer.csv" in msg and "no data rows" in msg and "'Einwohner'" in msg, msg
    assert ("besides its total row" in msg) == bool(rows)
    assert not os.path.exists(out)
    assert table.read_bytes() == before


def test_bad_cell_is_a_clear_error(run, tmp_path):
    with pytest.raises(QgsProcessingException, match=r"musterstadt_fehler\.csv, line 5, column 'Arbeitslose'"):
        join(run, tmp_path, "musterstadt_fehler.csv")


@pytest.mark.parametrize("name", ["musterstadt.xlsx", "musterstadt.ods"])
def test_join_spreadsheet_sheet(run, tmp_path, name):
    res, out = join(run, tmp_path, name, SHEET="Daten")
    assert res["MATCHED"] == 10 and res["NEAR_MATCHES"] == 1  # key 105 stored as a number
    assert layer_rows(out, "sr_id")["0102"]["Kinder u15"] == 1010


def test_long_table_and_suffix(run, tmp_path):
    res, out = join(run, tmp_path, "musterstadt_long.csv", key="Schluessel", FIELD_SUFFIX="_src")
    rows = layer_rows(out, "sr_id")
    assert rows["0102"]["einwohner_2022_src"] == 7193
    assert rows["0108"]["sgb2_2023_src_sign"] == "."


def test_input_never_modified(run, tmp_path):
    import shutil

    src = tmp_path / "units.gpkg"
    shutil.copy(data("musterstadt.gpkg"), src)
    before = open(src, "rb").read()
    run(
        "sozialplanung:joinindicators",
        {
            "INPUT": str(src) + "|layername=sozialraeume",
            "INPUT_KEY": "sr_id",
            "TABLE": data("musterstadt_2023.csv"),
            "TABLE_KEY": "Schlüssel",
            "OUTPUT": str(tmp_path / "o.gpkg"),
        },
    )
    assert open(src, "rb").read() == before


@pytest.mark.parametrize("where", ["memory", "gpkg"])
def test_layer_without_crs_and_invalid_geometry_warn(run, tmp_path, where):
    """The same warnings from the feature-by-feature path (a memory layer) and the bulk path
    (a GeoPackage table, whose geometries QGIS's iterator checks): the invalid unit by its
    key, the unit without geometry counted, every unit written."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsFeature, QgsGeometry, QgsVectorFileWriter

    layer = QgsVectorLayer("Polygon?field=sr_id:string", "nocrs", "memory")
    feats = []
    units = [
        ("0101", "POLYGON((0 0,1 0,1 1,0 1,0 0))"),
        ("0102", "POLYGON((0 0,1 1,1 0,0 1,0 0))"),
        ("0103", None),
        ("0104", "POLYGON((2 0,3 0,3 1,2 1,2 0))"),
    ]
    for k, wkt in units:
        f = QgsFeature(layer.fields())
        f.setAttributes([k])
        if wkt:
            f.setGeometry(QgsGeometry.fromWkt(wkt))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    layer.setCrs(QgsCoordinateReferenceSystem())  # memory layers default to EPSG:4326
    assert not layer.crs().isValid()
    source, output = layer, "memory:"
    if where == "gpkg":
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName, options.layerName = "GPKG", "units"
        gpkg = str(tmp_path / "units.gpkg")
        assert (
            QgsVectorFileWriter.writeAsVectorFormatV2(layer, gpkg, QgsProject.instance().transformContext(), options)[0]
            == 0
        )
        source, output = f"{gpkg}|layername=units", str(tmp_path / "joined.gpkg")
    res = run(
        "sozialplanung:joinindicators",
        {
            "INPUT": source,
            "INPUT_KEY": "sr_id",
            "TABLE": data("musterstadt_2023.csv"),
            "TABLE_KEY": "Schlüssel",
            "OUTPUT": output,
        },
    )
    warnings = " ".join(res["_feedback"].warnings)
    if where == "memory":
        assert "no coordinate reference system" in warnings
    assert "1 unit(s) have invalid geometries (keys '0102')" in warnings
    assert "1 unit(s) have no geometry" in warnings
    assert res["MATCHED"] == 4
    out = res["OUTPUT"] if isinstance(res["OUTPUT"], QgsVectorLayer) else QgsVectorLayer(res["OUTPUT"], "o", "ogr")
    assert sorted(f["sr_id"] for f in out.getFeatures()) == ["0101", "0102", "0103", "0104"]


def test_berlin_real_data_all_match(run, tmp_path):
    out = str(tmp_path / "b.gpkg")
    res = run(
        "sozialplanung:joinindicators",
        {
            "INPUT": example("planungsraeume_2021.gpkg"),
            "INPUT_KEY": "PLR_ID",
            "TABLE": example("mss_2021_index_indikatoren.csv"),
            "TABLE_KEY": "PLR_ID",
            "OUTPUT": out,
        },
    )
    assert res["MATCHED"] == 542 and res["UNITS_WITHOUT_DATA"] == 0 and res["ROWS_WITHOUT_UNIT"] == 0
    rows = layer_rows(out, "PLR_ID")
    assert rows["01100101"]["S1"] == pytest.approx(4.22594)
    assert rows["01100101"]["PLR_NAME_2"] == "Stülerstraße"
    assert rows["03300515"]["S1"] is None and rows["03300515"]["S1_sign"] == "-9999"


def test_cancel_while_writing_leaves_no_partial_output(run, tmp_path):
    from qgis.core import QgsProcessingFeedback

    feedback = QgsProcessingFeedback()
    # the last of four stages (writing) begins at 75 %
    feedback.progressChanged.connect(lambda p: feedback.cancel() if p >= 75 else None)

    out = tmp_path / "joined.gpkg"
    with pytest.raises(QgsProcessingException, match="Canceled; no output was written"):
        run(
            "sozialplanung:joinindicators",
            {
                "INPUT": example("planungsraeume_2021.gpkg"),
                "INPUT_KEY": "PLR_ID",
                "TABLE": example("mss_2021_index_indikatoren.csv"),
                "TABLE_KEY": "PLR_ID",
                "OUTPUT": str(out),
            },
            feedback=feedback,
        )
    assert not out.exists()
