"""Benchmark: the data path in and out of PostGIS (issue 13).

computeindicators -> classifyburden -> compositeindex through processing.run
on N units x M indicators x Y years (data as in bench_indicators.py), each
from and to a PostGIS table of a throw-away PostgreSQL cluster (started from
Debian's packages as in the tests, tests/pg_cluster.py), once in bulk (the
input copied by GDAL into a staging GeoPackage, the output filled inside the
database) and once feature by feature (SOZIALPLANUNG_COLUMNAR=0), in the same
run; the outputs of both are compared as text, every cell.

    PYTHONPATH=build .venv/bin/python bench/bench_postgis.py [--units 10000] [--indicators 20] [--years 10]

(The virtual environment's Python: the cluster helper of the tests needs pytest.)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "tests"))
if not any(os.path.isdir(os.path.join(p, "sozialplanung_plugin")) for p in sys.path if p):
    sys.path.insert(0, os.path.dirname(HERE))

from bench_indicators import MIN_FLAGS, MIN_POPULATION, THRESHOLD, make_data  # noqa: E402


def pipeline(cluster, catalogue: str, population: str, tag: str) -> dict:
    import processing

    steps = [
        ("computeindicators", "units", {}),
        ("classifyburden", f"ind_{tag}", {"MEASURE": "zscore", "THRESHOLD": THRESHOLD, "MIN_FLAGS": MIN_FLAGS}),
        (
            "compositeindex",
            f"ind_{tag}",
            {"METHOD": "zscore_sum", "POPULATION_FIELD": population, "MIN_POPULATION": MIN_POPULATION},
        ),
    ]
    outputs = {"computeindicators": f"ind_{tag}", "classifyburden": f"burden_{tag}", "compositeindex": f"index_{tag}"}
    times = {}
    for name, source, extra in steps:
        params = {
            "INPUT": cluster.source(source, key="fid"),
            "CATALOGUE": catalogue,
            "KEY_FIELD": "key",
            "OUTPUT": cluster.sink(outputs[name]),
            **extra,
        }
        t0 = time.perf_counter()
        processing.run(f"sozialplanung:{name}", params)
        times[name] = time.perf_counter() - t0
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=10_000)
    ap.add_argument("--indicators", type=int, default=20)
    ap.add_argument("--years", type=int, default=10)
    args = ap.parse_args()
    years = list(range(2024 - args.years + 1, 2025))
    folder = tempfile.mkdtemp(prefix="bench_postgis_")
    df, cat_text = make_data(args.units, args.indicators, years)
    catalogue = os.path.join(folder, "katalog.csv")
    with open(catalogue, "w", encoding="utf-8") as fh:
        fh.write(cat_text)

    from sozialplanung_plugin.standalone import start_qgis

    start_qgis()
    import pg_cluster
    from qgis.core import QgsVectorLayer, QgsVectorLayerExporter
    from units_grid import write_square_units

    gpkg = os.path.join(folder, "units.gpkg")
    write_square_units(df, gpkg, "units")
    cluster = pg_cluster.start_cluster()
    try:
        layer = QgsVectorLayer(f"{gpkg}|layername=units", "units", "ogr")
        err, msg = QgsVectorLayerExporter.exportLayer(
            layer, cluster.uri("units", key="fid"), "postgres", layer.crs(), False, {"overwrite": True}
        )[:2]
        if err:
            raise SystemExit(f"export to PostGIS failed: {msg}")
        times = {}
        for tag, mode in (("bulk", "1"), ("generic", "0")):
            os.environ["SOZIALPLANUNG_COLUMNAR"] = mode
            times[tag] = pipeline(cluster, catalogue, f"b0_{years[-1]}", tag)
        for table in ("ind", "burden", "index"):
            differ = cluster.sql(
                f"SELECT count(*) FROM (SELECT to_jsonb(a) - 'fid' FROM {table}_bulk a "
                f"EXCEPT SELECT to_jsonb(b) - 'fid' FROM {table}_generic b) x"
            )
            if differ != [["0"]]:
                raise AssertionError(f"table {table}: the two paths differ in {differ[0][0]} rows")
    finally:
        pg_cluster.stop_cluster(cluster)
    print(
        f"PostGIS in and out, {args.units:,} units x {args.indicators} indicators x {args.years} years "
        f"({len(df.columns)} input fields); outputs of both paths identical as text"
    )
    print(f"{'algorithm':18s} {'bulk':>9s} {'generic':>9s}")
    for k in times["bulk"]:
        print(f"{k:18s} {times['bulk'][k]:8.2f}s {times['generic'][k]:8.2f}s")
    tb, tg = sum(times["bulk"].values()), sum(times["generic"].values())
    print(f"{'all three':18s} {tb:8.2f}s {tg:8.2f}s   generic / bulk {tg / tb:.1f}x")


if __name__ == "__main__":
    main()
