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


@pytest.mark.parametrize("table", example.PIPELINE_TABLES[1:])
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
    # the spatial index of the columnar table is complete
    con = sqlite3.connect(both["1"])
    try:
        n = con.execute(f'SELECT count(*) FROM "rtree_{table}_geom"').fetchone()[0]
    finally:
        con.close()
    assert n == 542


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
