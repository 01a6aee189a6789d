"""PostGIS as a backend: the whole Berlin pipeline read from and written to a
real PostgreSQL/PostGIS (a throw-away cluster from Debian's packages, see
pg_cluster.py), compared field by field and feature by feature with the same
pipeline into a GeoPackage; the styles stored in the database (layer_styles,
as QGIS does it); the profile atlas and the overview maps printed from the
PostGIS layers."""

from __future__ import annotations

import math
import os
import time

import pytest
from conftest import example
from pg_cluster import pg  # noqa: F401 (fixture)
from qgis.core import QgsProcessingContext, QgsProject, QgsVectorLayer

from sozialplanung_plugin import example as berlin_example

KEY = "PLR_ID"
YEARS = (2023, 2024)
CATALOGUE = example("katalog_berlin.csv")
UNITS_TABLE = "planungsraeume"
TIMES: dict[str, float] = {}


def export_to_postgis(layer_source: str, cluster, table: str) -> str:
    """Load a layer into a PostGIS table as an office would (QGIS's exporter); its URI."""
    from qgis.core import QgsVectorLayerExporter

    layer = QgsVectorLayer(layer_source, table, "ogr")
    assert layer.isValid(), layer_source
    uri = cluster.uri(table, key="fid")
    err, msg = QgsVectorLayerExporter.exportLayer(layer, uri, "postgres", layer.crs(), False, {"overwrite": True})[:2]
    assert not err, msg
    return uri


class PostGISRun:
    """Runs example.pipeline with every GeoPackage table of it swapped for a
    PostGIS table: sinks ``postgis:...``, sources ``postgres://...``, the units
    read from PostGIS. The parameters are those of example.pipeline itself."""

    def __init__(self, cluster, gpkg_name: str, ctx):
        self.pg, self.gpkg, self.ctx = cluster, gpkg_name, ctx
        self.units_gpkg = berlin_example.units()

    def translate(self, value):
        if not isinstance(value, str):
            return value
        if value == self.units_gpkg:
            return self.pg.source(UNITS_TABLE)
        prefix = f"ogr:dbname='{self.gpkg}' table=\""
        if value.startswith(prefix):
            return self.pg.sink(value[len(prefix) :].split('"')[0])
        if value.startswith(self.gpkg + "|layername="):
            return self.pg.source(value.split("|layername=")[1])
        return value

    def __call__(self, alg, params):
        import processing

        return processing.run(alg, {k: self.translate(v) for k, v in params.items()}, context=self.ctx)


def _cell(v):
    if v is None or (hasattr(v, "isNull") and v.isNull()) or str(v) == "NULL":
        return None
    if isinstance(v, bool):
        return int(v)
    if hasattr(v, "toPyDateTime"):
        return v.toString("yyyy-MM-ddTHH:mm:ss")
    return v


def table_rows(layer: QgsVectorLayer) -> tuple[list[str], dict]:
    """Field names (without the key columns a provider adds) and {key: {field: value}}."""
    names = [n for n in layer.fields().names() if n not in ("fid", "id")]
    out = {}
    for f in layer.getFeatures():
        row = {n: _cell(f[n]) for n in names}
        out[row[KEY]] = row
    return names, out


def same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) or isinstance(b, float):
        if isinstance(a, str) or isinstance(b, str):
            return False
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-13)
    return a == b


@pytest.fixture(scope="module")
def both(pg, provider, tmp_path_factory):  # noqa: F811
    """The pipeline once into a GeoPackage and once in and out of PostGIS."""
    import processing

    folder = tmp_path_factory.mktemp("pg_pipeline")
    gpkg = str(folder / "berlin.gpkg")
    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())
    t0 = time.perf_counter()
    berlin_example.pipeline(lambda a, p: processing.run(a, p, context=ctx), gpkg, years=YEARS)
    TIMES["gpkg pipeline"] = time.perf_counter() - t0
    export_to_postgis(berlin_example.units(), pg, UNITS_TABLE)
    ctx2 = QgsProcessingContext()
    ctx2.setProject(QgsProject.instance())
    t0 = time.perf_counter()
    results = berlin_example.pipeline(PostGISRun(pg, gpkg, ctx2), gpkg, years=YEARS)
    TIMES["postgis pipeline"] = time.perf_counter() - t0
    return {"gpkg": gpkg, "folder": folder, "results": results}


def test_every_output_is_the_same_as_the_geopackage_run(both, pg):  # noqa: F811
    tables = pg.tables()
    for name in berlin_example.PIPELINE_TABLES:
        assert name in tables, f"{name} not written to PostGIS ({sorted(tables)})"
        g = QgsVectorLayer(f"{both['gpkg']}|layername={name}", name, "ogr")
        p = QgsVectorLayer(pg.uri(name), name, "postgres")
        assert g.isValid() and p.isValid(), name
        g_names, g_rows = table_rows(g)
        p_names, p_rows = table_rows(p)
        assert p_names == g_names, name
        assert p.featureCount() == g.featureCount() == 542, name
        assert set(p_rows) == set(g_rows), name
        diffs = [
            (name, k, n, g_rows[k][n], p_rows[k][n])
            for k in g_rows
            for n in g_names
            if not same(g_rows[k][n], p_rows[k][n])
        ]
        assert not diffs, diffs[:10]
        # the geometries too
        g_geom = {f[KEY]: f.geometry() for f in g.getFeatures()}
        for f in p.getFeatures():
            assert f.geometry().equals(g_geom[f[KEY]]) or f.geometry().difference(g_geom[f[KEY]]).area() < 1e-6, f[KEY]


# --- styles in the database --------------------------------------------------------


def test_the_output_styles_are_stored_in_the_database(both, pg):  # noqa: F811
    """Like QGIS's "Save as default in database": table layer_styles, one default
    style per output table, loaded when the table is opened."""
    assert "layer_styles" in pg.tables()
    rows = pg.sql("SELECT f_table_name, useasdefault FROM layer_styles WHERE useasdefault")
    styled = {r[0] for r in rows}
    for name in ("indikatoren", "belastung", "sozialmonitoring"):
        assert name in styled, (name, styled)


def test_a_style_stored_by_the_plugin_opens_with_the_table(both, pg):  # noqa: F811
    from sozialplanung_plugin.adapters import postgis, styles

    dest = pg.sink("belastung")
    assert postgis.store_styles(dest, styles.burden_renderer, styles.apply)
    rows = pg.sql("SELECT f_table_name, stylename, useasdefault FROM layer_styles WHERE f_table_name = 'belastung'")
    assert rows and rows[-1][2] == "t"
    layer = QgsVectorLayer(pg.uri("belastung"), "belastung", "postgres")
    assert layer.isValid() and layer.renderer().type() == "categorizedSymbol"
    assert layer.renderer().classAttribute() == styles.burden_renderer(layer).classAttribute()


# --- printing from PostGIS layers ---------------------------------------------------


def _pages(path: str) -> int:
    import re
    import subprocess

    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def test_the_atlas_and_the_overview_maps_print_from_postgis(both, pg, run):  # noqa: F811
    folder = both["folder"]
    last = berlin_example.PIPELINE_TABLES[-1]
    sources = {"gpkg": f"{both['gpkg']}|layername={last}", "pg": pg.source(last)}
    pages = {}
    for kind, src in sources.items():
        t0 = time.perf_counter()
        atlas = run(
            "sozialplanung:profileatlas",
            {
                "INPUT": src,
                "CATALOGUE": CATALOGUE,
                "NAME_FIELD": "PLR_NAME",
                "KEY_FIELD": KEY,
                "TITLE": "Berlin",
                "FILTER": "\"BEZ\" = '01'",  # Mitte: 60 of the 542 units, to keep the test short
                "OUTPUT_PDF": str(folder / f"atlas_{kind}.pdf"),
            },
        )
        TIMES[f"atlas {kind}"] = time.perf_counter() - t0
        maps = run(
            "sozialplanung:overviewmaps",
            {
                "INPUT": src,
                "CATALOGUE": CATALOGUE,
                "FIELDS": ["burden_class", "status_class", "S1_val"],
                "TITLE": "Berlin",
                "OUTPUT_PDF": str(folder / f"maps_{kind}.pdf"),
            },
        )
        pages[kind] = (_pages(atlas["OUTPUT_PDF"]), atlas["PAGES"], _pages(maps["OUTPUT_PDF"]), maps["PAGES"])
        TIMES[f"pages {kind} (atlas pdf, atlas, maps pdf, maps)"] = pages[kind]
    assert pages["pg"] == pages["gpkg"], pages
    assert pages["pg"][0] > 20 and pages["pg"][2] == 3
    import subprocess

    text = {
        k: subprocess.run(
            ["pdftotext", "-layout", str(folder / f"atlas_{k}.pdf"), "-"], capture_output=True, text=True
        ).stdout
        for k in sources
    }
    assert text["pg"] == text["gpkg"]  # the same numbers and words on every page


# --- the history in PostGIS ----------------------------------------------------------


def pg_history(pg, table: str = "sozialplanung_history") -> list[tuple]:  # noqa: F811
    rows = pg.sql(f'SELECT unit_key, year, indicator, value, sign, ref, "class", run_id FROM "{table}"')
    return [tuple(r) for r in rows]


def test_archive_into_postgis_refuses_or_replaces_a_year(both, pg, run):  # noqa: F811
    from sozialplanung_plugin.adapters import history

    last = pg.source(berlin_example.PIPELINE_TABLES[-1])
    p = {"INPUT": last, "CATALOGUE": CATALOGUE, "KEY_FIELD": KEY, "YEAR": 2024, "DATABASE": pg.conninfo, "TABLE": "h1"}
    first = run("sozialplanung:archive", p)
    n = len(pg_history(pg, "h1"))
    assert n == first["ROWS"] > 542
    with pytest.raises(Exception, match="Year 2024 is already in the history table public.h1"):
        run("sozialplanung:archive", p)
    assert len(pg_history(pg, "h1")) == n
    second = run("sozialplanung:archive", dict(p, MODE="replace"))
    rows = pg_history(pg, "h1")
    assert len(rows) == n and {r[-1] for r in rows} == {second["RUN_ID"]}
    assert pg.sql("SELECT count(*) FROM h1_runs") == [["2"]]
    # the same history as the GeoPackage archive of the GeoPackage run
    gp = str(both["folder"] / "history.gpkg")
    run(
        "sozialplanung:archive",
        dict(p, INPUT=f"{both['gpkg']}|layername={berlin_example.PIPELINE_TABLES[-1]}", DATABASE=gp),
    )
    a = (
        history.read_history(pg.conninfo, "h1")
        .drop(columns=["run_id", "run_at"])
        .sort_values(["unit_key", "indicator"])
    )
    b = history.read_history(gp, "h1").drop(columns=["run_id", "run_at"]).sort_values(["unit_key", "indicator"])
    assert len(a) == len(b)
    for (_, x), (_, y) in zip(a.iterrows(), b.iterrows()):
        for c in a.columns:
            assert same(_cell(x[c]) if x[c] == x[c] else None, _cell(y[c]) if y[c] == y[c] else None), (c, x, y)
    # its source for QGIS, without a password
    assert QgsVectorLayer(first["HISTORY"][len("postgres://") :], "h", "postgres").featureCount() == n


def test_two_archives_at_once_into_postgis(both, pg, tmp_path):  # noqa: F811
    from test_archive import archive_at_once, check_concurrent

    last = pg.source(berlin_example.PIPELINE_TABLES[-1])
    p = {"INPUT": last, "CATALOGUE": CATALOGUE, "KEY_FIELD": KEY, "YEAR": 2024, "DATABASE": pg.conninfo, "TABLE": "h2"}
    os.mkdir(tmp_path / "a")
    os.mkdir(tmp_path / "b")
    t0 = time.perf_counter()
    refuse = archive_at_once([p, p], tmp_path / "a")  # the table does not exist yet: both create it
    after = pg_history(pg, "h2")
    replace = archive_at_once([dict(p, MODE="replace")] * 2, tmp_path / "b")
    TIMES["two archives at once, twice"] = time.perf_counter() - t0
    check_concurrent(refuse, after, replace, pg_history(pg, "h2"))
    assert pg.sql("SELECT count(*) FROM h2_runs") == [["3"]]


# --- faults ---------------------------------------------------------------------------


def test_an_unreachable_database_gets_a_clear_message_without_password(both, pg, run):  # noqa: F811
    dead = f"dbname='sozialplanung' host=127.0.0.1 port={pg_free_port()} user='postgres' password='secret123'"
    src = f"{both['gpkg']}|layername=sozialmonitoring"
    with pytest.raises(Exception) as e:
        run(
            "sozialplanung:archive",
            {"INPUT": src, "CATALOGUE": CATALOGUE, "KEY_FIELD": KEY, "YEAR": 2024, "DATABASE": dead},
        )
    msg = str(e.value)
    assert 'Cannot connect to the PostgreSQL database "sozialplanung" on 127.0.0.1' in msg, msg
    assert "secret123" not in msg
    # a source in a database that is not there
    with pytest.raises(Exception) as e:
        run(
            "sozialplanung:archive",
            {
                "INPUT": "postgres://" + dead + ' table="public"."x" (geom)',
                "CATALOGUE": CATALOGUE,
                "YEAR": 2024,
                "DATABASE": pg.conninfo,
            },
        )
    assert "Cannot connect to the PostgreSQL" in str(e.value) and "secret123" not in str(e.value)


def pg_free_port() -> int:
    from pg_cluster import free_port

    return free_port()


def test_a_postgis_table_without_the_key_is_named(both, pg, run):  # noqa: F811
    pg.sql('CREATE TABLE nokey AS SELECT fid, "BEZ", geom FROM daten_verknuepft')
    src = pg.source("nokey", key="fid")
    with pytest.raises(Exception, match="key field 'PLR_ID' is not in the layer|PLR_ID"):
        run(
            "sozialplanung:archive",
            {
                "INPUT": src,
                "CATALOGUE": CATALOGUE,
                "KEY_FIELD": KEY,
                "YEAR": 2024,
                "DATABASE": pg.conninfo,
                "TABLE": "h3",
            },
        )
    assert "h3" not in pg.tables()


def test_a_cancel_in_the_bulk_write_leaves_no_table(both, pg, run):  # noqa: F811
    """5,420 units (the Berlin layer ten times), canceled after the first 2,000
    features went to the PostGIS sink: the run says so, and no table is left."""
    from qgis.core import QgsProcessingFeedback

    cols = pg.sql(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'daten_geschuetzt' "
        "AND column_name NOT IN ('fid', 'PLR_ID') ORDER BY ordinal_position"
    )
    pg.sql(
        'CREATE TABLE big AS SELECT row_number() OVER () AS fid, "PLR_ID" || \'_\' || i AS "PLR_ID", '
        + ", ".join(f'"{c[0]}"' for c in cols)
        + " FROM daten_geschuetzt, generate_series(1, 10) i; ALTER TABLE big ADD PRIMARY KEY (fid)"
    )
    feedback = QgsProcessingFeedback()
    seen = []

    def cancel_in_write(p):
        # computeindicators writes in its third of four steps (50 % to 75 %), 2,000 features a batch
        if p > 50.5 and not feedback.isCanceled():
            seen.append("canceled" in pg.tables())
            feedback.cancel()

    feedback.progressChanged.connect(cancel_in_write)
    with pytest.raises(Exception, match="Canceled; no output was written"):
        run(
            "sozialplanung:computeindicators",
            {
                "INPUT": pg.source("big", key="fid"),
                "CATALOGUE": CATALOGUE,
                "KEY_FIELD": KEY,
                "OUTPUT": pg.sink("canceled"),
            },
            feedback=feedback,
        )
    assert seen == [True]  # the cancel came while the table was being written
    pg.drop("big")
    assert "canceled" not in pg.tables()  # the partial table was dropped


def test_a_service_file_names_the_database(both, pg, run, tmp_path, monkeypatch):  # noqa: F811
    """The README's way: a pg_service.conf entry, no connection details or password in any parameter."""
    service = tmp_path / "pg_service.conf"
    service.write_text(f"[sp_test]\nhost={pg.host}\nport={pg.port}\ndbname={pg.dbname}\nuser={pg.user}\n")
    monkeypatch.setenv("PGSERVICEFILE", str(service))
    src = f'postgres://service=\'sp_test\' table="public"."{berlin_example.PIPELINE_TABLES[-1]}" (geom)'
    res = run(
        "sozialplanung:archive",
        {
            "INPUT": src,
            "CATALOGUE": CATALOGUE,
            "KEY_FIELD": KEY,
            "YEAR": 2024,
            "DATABASE": "service='sp_test'",
            "TABLE": "h4",
        },
    )
    assert res["ROWS"] == int(pg.sql("SELECT count(*) FROM h4")[0][0]) > 542
    assert "service='sp_test'" in res["HISTORY"] and "port=" not in res["HISTORY"]


def test_report_times(both):
    """Not a check: the times of this run, for the record (pytest -s shows them)."""
    print("\nTIMES " + ", ".join(f"{k}: {v:.1f} s" if isinstance(v, float) else f"{k}: {v}" for k, v in TIMES.items()))


def test_postgis_in_and_out_in_bulk_is_the_same_as_feature_by_feature(both, pg, run, tmp_path, monkeypatch):  # noqa: F811
    """A PostGIS input is copied by GDAL into a staging GeoPackage and read from there, and a
    PostGIS output in the same database is filled inside it; the result equals the
    feature-by-feature path cell for cell (also the last digit: no value is rounded), here on a
    table whose rows lie in the database in another order than their bigint keys (so QGIS's
    feature ids are not the keys), and for a FlatGeobuf output of the same input."""
    from sozialplanung_plugin.adapters import staging

    pg.sql(
        'CREATE TABLE shuffled AS SELECT * FROM daten_geschuetzt ORDER BY md5("PLR_ID"); '
        "ALTER TABLE shuffled ADD PRIMARY KEY (fid)"
    )
    used = []
    real = staging.pg_origin
    monkeypatch.setattr(staging, "pg_origin", lambda *a, **k: used.append(1) or real(*a, **k))
    params = {"INPUT": pg.source("shuffled", key="fid"), "CATALOGUE": CATALOGUE, "KEY_FIELD": KEY}
    for mode in ("1", "0"):
        monkeypatch.setenv("SOZIALPLANUNG_COLUMNAR", mode)
        run("sozialplanung:computeindicators", {**params, "OUTPUT": pg.sink(f"ind_{mode}")})
        run("sozialplanung:computeindicators", {**params, "OUTPUT": str(tmp_path / f"ind_{mode}.fgb")})
    assert used == [1, 1]  # the bulk path ran (twice), the generic one did not ask for it
    columns = [r[0] for r in pg.sql("SELECT column_name FROM information_schema.columns WHERE table_name = 'ind_1'")]
    assert columns == [
        r[0] for r in pg.sql("SELECT column_name FROM information_schema.columns WHERE table_name = 'ind_0'")
    ]
    assert len(columns) > 300
    # as text, so that a rounded last digit shows
    differ = pg.sql(
        "SELECT count(*) FROM (SELECT to_jsonb(a) - 'fid' AS r FROM ind_1 a "
        "EXCEPT SELECT to_jsonb(b) - 'fid' FROM ind_0 b) x"
    )
    assert differ == [["0"]]
    assert pg.sql("SELECT count(*) FROM ind_1") == [["542"]]
    # the same keys (fid) for the same units
    assert pg.sql('SELECT count(*) FROM ind_1 a JOIN ind_0 b ON a.fid = b.fid AND a."PLR_ID" = b."PLR_ID"') == [["542"]]
    files = [QgsVectorLayer(str(tmp_path / f"ind_{m}.fgb"), m, "ogr") for m in ("1", "0")]
    rows = [{f[KEY]: [_cell(v) for v in f.attributes()] for f in lyr.getFeatures()} for lyr in files]
    assert len(rows[0]) == 542 and rows[0] == rows[1]
    pg.drop("shuffled", "ind_1", "ind_0")
