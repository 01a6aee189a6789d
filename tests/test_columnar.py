"""The columnar data path (adapters/columnar.py: GeoPackage tables read and
written inside SQLite) gives the same output, field for field and feature
for feature, as the generic feature-by-feature path, on the Berlin pipeline;
and the generic path still runs where the columnar one cannot."""

import os
import sqlite3

import pytest
from qgis.core import QgsProcessingFeatureSourceDefinition, QgsVectorLayer

from sozialplanung_plugin import example
from sozialplanung_plugin.adapters import columnar


def table_dump(gpkg: str, table: str):
    layer = QgsVectorLayer(f"{gpkg}|layername={table}", table, "ogr")
    assert layer.isValid(), table
    names = layer.fields().names()
    feats = {}
    for f in layer.getFeatures():
        feats[f.id()] = ([None if v is None or str(v) == "NULL" else v for v in f.attributes()], f.geometry().asWkb())
    types = [(f.name(), f.typeName()) for f in layer.fields()]
    return names, types, feats, layer.extent().toString(6), layer.crs().authid()


@pytest.fixture(scope="module")
def both(provider, tmp_path_factory):
    import processing
    from qgis.core import QgsProcessingContext, QgsProject

    folder = tmp_path_factory.mktemp("columnar")
    out = {}
    for mode in ("1", "0"):
        os.environ["SOZIALPLANUNG_COLUMNAR"] = mode
        try:
            ctx = QgsProcessingContext()
            ctx.setProject(QgsProject.instance())
            gpkg = str(folder / f"pipeline_{mode}.gpkg")
            example.pipeline(lambda a, p, c=ctx: processing.run(a, p, context=c), gpkg)
            out[mode] = gpkg
        finally:
            os.environ.pop("SOZIALPLANUNG_COLUMNAR", None)
    return out


@pytest.mark.parametrize("table", example.PIPELINE_TABLES)
def test_both_paths_write_the_same_table(both, table):
    fast = table_dump(both["1"], table)
    slow = table_dump(both["0"], table)
    assert fast[0] == slow[0]  # field names and order
    assert fast[1] == slow[1]  # field types
    assert fast[3:] == slow[3:]  # extent and CRS
    assert fast[2].keys() == slow[2].keys() and len(fast[2]) == 542
    for fid, (attrs, wkb) in slow[2].items():
        assert fast[2][fid][0] == attrs, (table, fid)
        assert fast[2][fid][1] == wkb, (table, fid)
    # the spatial index of the columnar table (copied from the source's) holds the same
    # boxes as the one GDAL builds row by row, is a consistent tree, and the triggers that
    # keep it up to date are all back
    fast_index, slow_index = rtree_dump(both["1"], table), rtree_dump(both["0"], table)
    assert len(fast_index[0]) == 542 and fast_index == slow_index
    assert fast_index[1] == "ok"


def rtree_dump(gpkg: str, table: str):
    con = sqlite3.connect(gpkg)
    try:
        rows = con.execute(f'SELECT * FROM "rtree_{table}_geom" ORDER BY id').fetchall()
        check = con.execute(f"SELECT rtreecheck('rtree_{table}_geom')").fetchone()[0]
        triggers = con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY name", (table,)
        ).fetchall()
    finally:
        con.close()
    return rows, check, triggers


def test_a_source_without_spatial_index_gets_one_computed(run, both, tmp_path):
    """When the source GeoPackage has no R-tree to copy, the output's index is computed
    in one statement: the same boxes as the generic path's, and QGIS finds features by it."""
    src = str(tmp_path / "no_index.gpkg")
    with open(both["1"], "rb") as a, open(src, "wb") as b:
        b.write(a.read())
    con = sqlite3.connect(src)
    try:
        for (name,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rtree_indikatoren_geom%'"
        ).fetchall():
            con.execute(f'DROP TRIGGER "{name}"')
        con.execute('DROP TABLE "rtree_indikatoren_geom"')
        con.execute(
            "DELETE FROM gpkg_extensions WHERE table_name = 'indikatoren' AND extension_name = 'gpkg_rtree_index'"
        )
        con.commit()
    finally:
        con.close()
    out = str(tmp_path / "classes.gpkg")
    res = run(
        "sozialplanung:classifyburden",
        {
            "INPUT": f"{src}|layername=indikatoren",
            "CATALOGUE": example_catalogue(),
            "KEY_FIELD": "PLR_ID",
            "OUTPUT": out,
        },
    )
    layer = QgsVectorLayer(res["OUTPUT"], "c", "ogr")
    rows, check, _ = rtree_dump(out, columnar.gpkg_tables(out)[0])
    assert check == "ok" and len(rows) == 542
    reference = rtree_dump(both["0"], "indikatoren")[0]
    assert rows == reference  # the same features, the same boxes
    from qgis.core import QgsFeatureRequest, QgsRectangle

    fid, minx, maxx, miny, maxy = reference[100]
    box = QgsRectangle(minx, miny, maxx, maxy)
    found = {f.id() for f in layer.getFeatures(QgsFeatureRequest().setFilterRect(box))}
    assert fid in found


def test_the_columnar_reader_reads_what_pyqgis_reads(both):
    from sozialplanung_plugin.adapters.layers import source_frame

    layer = QgsVectorLayer(f"{both['1']}|layername=sozialmonitoring", "s", "ogr")
    names = layer.fields().names()
    origin = columnar.gpkg_table(layer)
    assert origin is not None
    fast = columnar.read_frame(origin, names)
    slow = source_frame(layer, names)
    assert list(fast.columns) == list(slow.columns) and list(fast.index) == list(slow.index)
    for c in names:
        assert fast[c].dtype == slow[c].dtype, c
        a, b = fast[c].tolist(), slow[c].tolist()
        assert [x if x == x else "nan" for x in a] == [x if x == x else "nan" for x in b], c


def test_part_of_a_layer_goes_the_generic_way(run, both, tmp_path):
    """Selected features only and a subset string are not read by SQL."""
    layer = QgsVectorLayer(f"{both['1']}|layername=indikatoren", "i", "ogr")
    layer.selectByIds(list(range(1, 11)))
    definition = QgsProcessingFeatureSourceDefinition(layer.source(), True)
    assert columnar.gpkg_table(layer, definition) is None
    filtered = QgsVectorLayer(f"{both['1']}|layername=indikatoren|subset=\"BEZ\" = '01'", "f", "ogr")
    assert filtered.isValid() and columnar.gpkg_table(filtered) is None
    from qgis.core import QgsProject

    QgsProject.instance().addMapLayer(layer)
    try:
        res = run(
            "sozialplanung:classifyburden",
            {
                "INPUT": QgsProcessingFeatureSourceDefinition(layer.id(), True),
                "CATALOGUE": example_catalogue(),
                "KEY_FIELD": "PLR_ID",
                "OUTPUT": str(tmp_path / "part.gpkg"),
            },
        )
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
    assert QgsVectorLayer(res["OUTPUT"], "p", "ogr").featureCount() == 10
    res = run(
        "sozialplanung:classifyburden",
        {
            "INPUT": filtered,
            "CATALOGUE": example_catalogue(),
            "KEY_FIELD": "PLR_ID",
            "OUTPUT": str(tmp_path / "f.gpkg"),
        },
    )
    out = QgsVectorLayer(res["OUTPUT"], "f", "ogr")
    assert out.featureCount() == filtered.featureCount() > 0
    assert {f["BEZ"] for f in out.getFeatures()} == {"01"}


def example_catalogue():
    from sozialplanung_plugin import paths

    return paths.example("katalog_berlin.csv")


def page_size(gpkg: str) -> int:
    con = sqlite3.connect(gpkg)
    try:
        return con.execute("PRAGMA page_size").fetchone()[0]
    finally:
        con.close()


def test_a_wide_table_in_a_new_geopackage_gets_large_pages(run, both, tmp_path):
    """computeindicators writes 499 fields: a GeoPackage the run creates gets 64 KiB pages (a row
    on one page, not a chain of overflow pages); added to an existing GeoPackage (4 KiB) it keeps
    that file's pages. The table is the same either way, and the same as the pipeline's."""
    src = f"{both['1']}|layername={example.PIPELINE_TABLES[1]}"
    params = {"INPUT": src, "CATALOGUE": example_catalogue(), "KEY_FIELD": "PLR_ID"}
    new = str(tmp_path / "new.gpkg")
    run("sozialplanung:computeindicators", {**params, "OUTPUT": f"ogr:dbname='{new}' table=\"ind\" (geom)"})
    existing = str(tmp_path / "existing.gpkg")
    run("sozialplanung:classifyburden", {**params, "MIN_FLAGS": 1, "OUTPUT": existing})  # a first table
    assert page_size(existing) == 4096
    run("sozialplanung:computeindicators", {**params, "OUTPUT": f"ogr:dbname='{existing}' table=\"ind\" (geom)"})
    assert page_size(new) == columnar.WIDE_PAGE_SIZE and page_size(existing) == 4096
    assert len(table_dump(new, "ind")[0]) > columnar.WIDE_TABLE_FIELDS
    assert table_dump(new, "ind") == table_dump(existing, "ind") == table_dump(both["1"], "indikatoren")
    assert "OGR_SQLITE_PRAGMA" not in os.environ


def test_a_failed_write_to_a_new_file_named_by_dbname_leaves_no_file(run, both, tmp_path, monkeypatch):
    """A destination "ogr:dbname='new.gpkg' table=..." that the run creates is removed again when
    the bulk write fails after QGIS made the file (here: a full disk, simulated in the writer)."""
    from qgis.core import QgsProcessingException

    def full_disk(*args, **kwargs):
        raise columnar.WriteError("database or disk is full; nothing was written")

    monkeypatch.setattr(columnar, "write_gpkg", full_disk)
    new = str(tmp_path / "gone.gpkg")
    with pytest.raises(QgsProcessingException, match="disk is full"):
        run(
            "sozialplanung:computeindicators",
            {
                "INPUT": f"{both['1']}|layername={example.PIPELINE_TABLES[1]}",
                "CATALOGUE": example_catalogue(),
                "KEY_FIELD": "PLR_ID",
                "OUTPUT": f"ogr:dbname='{new}' table=\"ind\" (geom)",
            },
        )
    assert not os.path.exists(new)


def file_dump(path: str):
    layer = QgsVectorLayer(path, "o", "ogr")
    assert layer.isValid(), path
    fields = [(f.name(), f.typeName(), f.length(), f.precision()) for f in layer.fields()]
    feats = [
        ([None if v is None or str(v) == "NULL" else v for v in f.attributes()], f.geometry().asWkb())
        for f in layer.getFeatures()
    ]
    return fields, feats, layer.crs().authid()


def bulk_runs(run, both, tmp_path, ext, monkeypatch):
    """The output of one algorithm as FlatGeobuf or Shapefile, by both paths; the columnar one must
    really copy through the staging GeoPackage."""
    from sozialplanung_plugin.adapters import staging

    copied = []
    real = staging.copy_into
    monkeypatch.setattr(staging, "copy_into", lambda *a, **k: copied.append(1) or real(*a, **k))
    if ext == "fgb":  # a wide table: 511 fields
        alg, params = (
            "sozialplanung:classifyburden",
            {
                "INPUT": f"{both['1']}|layername=indikatoren",
                "CATALOGUE": example_catalogue(),
                "KEY_FIELD": "PLR_ID",
                "MIN_FLAGS": 2,
            },
        )
    else:  # a Shapefile holds only names of 10 letters: a join of the MSS table
        from sozialplanung_plugin import paths

        alg, params = (
            "sozialplanung:joinindicators",
            {
                "INPUT": paths.example("planungsraeume_2021.gpkg") + "|layername=planungsraeume_2021",
                "INPUT_KEY": "PLR_ID",
                "TABLE": paths.example("mss_2021_index_indikatoren.csv"),
                "TABLE_KEY": "PLR_ID",
            },
        )
    dumps = {}
    for mode in ("1", "0"):
        monkeypatch.setenv("SOZIALPLANUNG_COLUMNAR", mode)
        res = run(alg, {**params, "OUTPUT": str(tmp_path / f"out_{mode}.{ext}")})
        dumps[mode] = file_dump(res["OUTPUT"])
    assert copied == [1]
    return dumps


@pytest.mark.parametrize("ext", ["fgb", "shp"])
def test_flatgeobuf_and_shapefile_outputs_are_written_in_bulk_and_the_same(run, both, tmp_path, ext, monkeypatch):
    dumps = bulk_runs(run, both, tmp_path, ext, monkeypatch)
    fields, feats, crs = dumps["1"]
    assert len(feats) == 542 and crs == "EPSG:25833"
    assert dumps["1"] == dumps["0"]


def test_a_cancel_in_the_bulk_copy_leaves_no_file(run, both, tmp_path, monkeypatch):
    """The copy into the FlatGeobuf has written every feature, then the run is canceled: the file goes."""
    from qgis.core import QgsProcessingException

    from sozialplanung_plugin.adapters import staging
    from sozialplanung_plugin.core.errors import CanceledError

    real = staging.copy_into

    def then_cancel(*a, **k):
        real(*a, **k)
        raise CanceledError()

    monkeypatch.setattr(staging, "copy_into", then_cancel)
    out = tmp_path / "canceled.fgb"
    with pytest.raises(QgsProcessingException, match="Canceled"):
        run(
            "sozialplanung:classifyburden",
            {
                "INPUT": f"{both['1']}|layername=indikatoren",
                "CATALOGUE": example_catalogue(),
                "KEY_FIELD": "PLR_ID",
                "OUTPUT": str(out),
            },
        )
    assert not out.exists()


def test_values_sent_to_postgis_keep_every_digit():
    """The added columns go to PostgreSQL as SQL literals: a double as the shortest text that
    gives it back exactly, NaN as NULL, infinities as PostgreSQL spells them, text quoted."""
    import numpy as np
    import pandas as pd

    from sozialplanung_plugin.adapters import postgis

    added = pd.DataFrame(
        {
            "a": [675.3512400494284, np.nan, 0.1 + 0.2],
            "b": [1.0, np.inf, -np.inf],
            "n": [3.0, np.nan, 7.0],
            "t": ["O'Brien", None, "x"],
        }
    )
    kinds = [("a", "number"), ("b", "number"), ("n", "integer"), ("t", "text")]
    cols = postgis._sql_values(added, kinds)
    assert cols[0] == ["675.3512400494284", "NULL", "0.30000000000000004"]
    assert cols[1] == ["1.0", "'Infinity'", "'-Infinity'"]
    assert cols[2] == ["3", "NULL", "7"]
    assert cols[3] == ["'O''Brien'", "NULL", "'x'"]
    assert [float(v) for v in cols[0] if v != "NULL"] == [675.3512400494284, 0.1 + 0.2]
