"""Benchmark: the data path of the indicator algorithms (issue 13).

computeindicators -> classifyburden -> compositeindex through processing.run
on N units x M indicators x Y years (data as in bench_indicators.py), each
from and to a GeoPackage table, once on the columnar path (GeoPackage tables
read and written inside SQLite, adapters/columnar.py) and once feature by
feature (SOZIALPLANUNG_COLUMNAR=0), in the same run, beside the time of the
computation itself (the core functions the algorithms call).

A GeoPackage table holds at most 2,000 columns, so the defaults (10,000 units,
20 indicators x 10 years: 421 input fields, 1,043 after the indicators) stay
below that; the outputs of every run are compared field by field.

The floor beside it: GDAL itself (gdal.VectorTranslate, C++) copying the
input table and the three output tables into a new GeoPackage, i.e. only
reading and writing the same tables once, with no computation at all.

    PYTHONPATH=build /usr/bin/python3 bench/bench_datapath.py [--units 10000] [--indicators 20] [--years 10]
        [--columnar-only]   (e.g. --units 100000 --columnar-only for the 2-minute, 4 GB target)
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
if not any(os.path.isdir(os.path.join(p, "sozialplanung_plugin")) for p in sys.path if p):
    sys.path.insert(0, os.path.dirname(HERE))

from bench_indicators import MIN_FLAGS, MIN_POPULATION, THRESHOLD, best_of, make_data, ours  # noqa: E402

from sozialplanung_plugin.core.catalogue import read_catalogue  # noqa: E402


def pipeline(gpkg: str, catalogue: str, population: str, folder: str, tag: str) -> tuple[dict, str]:
    import processing

    times = {}
    out = os.path.join(folder, f"out_{tag}.gpkg")

    def table(name):
        return f"ogr:dbname='{out}' table=\"{name}\" (geom)"

    steps = [
        ("computeindicators", {"INPUT": gpkg, "CATALOGUE": catalogue, "KEY_FIELD": "key", "OUTPUT": table("ind")}),
        (
            "classifyburden",
            {
                "INPUT": f"{out}|layername=ind",
                "CATALOGUE": catalogue,
                "MEASURE": "zscore",
                "THRESHOLD": THRESHOLD,
                "MIN_FLAGS": MIN_FLAGS,
                "KEY_FIELD": "key",
                "OUTPUT": table("burden"),
            },
        ),
        (
            "compositeindex",
            {
                "INPUT": f"{out}|layername=ind",
                "CATALOGUE": catalogue,
                "METHOD": "zscore_sum",
                "POPULATION_FIELD": population,
                "MIN_POPULATION": MIN_POPULATION,
                "KEY_FIELD": "key",
                "OUTPUT": table("index"),
            },
        ),
    ]
    for name, params in steps:
        t0 = time.perf_counter()
        processing.run(f"sozialplanung:{name}", params)
        times[name] = time.perf_counter() - t0
    return times, out


def same_tables(a: str, b: str) -> int:
    import sqlite3

    n = 0
    for table in ("ind", "burden", "index"):
        rows = []
        for path in (a, b):
            con = sqlite3.connect(path)
            try:
                rows.append(con.execute(f'SELECT * FROM "{table}" ORDER BY fid').fetchall())
            finally:
                con.close()
        if rows[0] != rows[1]:
            raise AssertionError(f"table {table}: the two paths differ")
        n += len(rows[0]) * len(rows[0][0])
    return n


def gdal_floor(gpkg: str, out: str, folder: str) -> float:
    """Seconds GDAL takes to copy the input table and the three output tables into new GeoPackages."""
    from osgeo import gdal

    gdal.UseExceptions()
    t0 = time.perf_counter()
    for k, (path, table) in enumerate([(gpkg, "units")] + [(out, t) for t in ("ind", "burden", "index")]):
        gdal.VectorTranslate(os.path.join(folder, f"floor_{k}.gpkg"), path, layers=[table], format="GPKG")
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=10_000)
    ap.add_argument("--indicators", type=int, default=20)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--columnar-only", action="store_true", help="skip the feature-by-feature run")
    args = ap.parse_args()
    years = list(range(2024 - args.years + 1, 2025))
    folder = tempfile.mkdtemp(prefix="bench_datapath_")
    try:
        run(args, years, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # 3.5 GB at 100,000 units


def run(args, years: list[int], folder: str) -> None:
    df, cat_text = make_data(args.units, args.indicators, years)
    catalogue = os.path.join(folder, "katalog.csv")
    with open(catalogue, "w", encoding="utf-8") as fh:
        fh.write(cat_text)
    cat = read_catalogue(catalogue)
    population = f"b0_{years[-1]}"

    from sozialplanung_plugin.standalone import start_qgis

    start_qgis()
    from units_grid import write_square_units

    gpkg = os.path.join(folder, "units.gpkg")
    write_square_units(df, gpkg, "units")
    t_core, _ = best_of(lambda: ours(df, cat, population), 3)
    df = None  # the generated frame is not needed any more (peak memory)
    os.environ["SOZIALPLANUNG_COLUMNAR"] = "1"
    fast, out_fast = pipeline(gpkg, catalogue, population, folder, "columnar")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    floor = gdal_floor(gpkg, out_fast, folder)
    tf = sum(fast.values())
    head = f"{args.units:,} units x {args.indicators} indicators x {args.years} years"
    if args.columnar_only:
        print(f"{head}: columnar path only")
        for k in fast:
            print(f"{k:18s} {fast[k]:8.2f}s")
    else:
        os.environ["SOZIALPLANUNG_COLUMNAR"] = "0"
        slow, out_slow = pipeline(gpkg, catalogue, population, folder, "generic")
        cells = same_tables(out_fast, out_slow)
        print(f"{head}; outputs of both paths identical ({cells:,} cells)")
        print(f"{'algorithm':18s} {'columnar':>9s} {'generic':>9s}")
        for k in fast:
            print(f"{k:18s} {fast[k]:8.2f}s {slow[k]:8.2f}s")
        ts = sum(slow.values())
        print(f"{'all three':18s} {tf:8.2f}s {ts:8.2f}s")
        print(f"generic / computation {ts / t_core:.1f}x")
    print(f"all three, columnar: {tf:.2f} s; computation alone {t_core:.2f} s; peak memory {peak:,.0f} MB")
    print(f"end to end / computation: {tf / t_core:.1f}x   (target <= 10x)")
    print(
        f"GDAL copying the input and the three output tables, no computation: {floor:.2f} s "
        f"= {floor / t_core:.1f}x the computation; the columnar path is {tf / floor:.2f}x that floor"
    )


if __name__ == "__main__":
    main()
