"""Benchmark: sozialplanung:joinindicators against QGIS's native:joinattributestable.

Generates N units x M indicator columns as a German CSV (semicolons, decimal
comma, thousands dots, keys with leading zeros, special signs, a total row)
plus a GeoPackage of square units, then times both joins on the same inputs,
each in its own process so that peak memory is measured separately.

    PYTHONPATH=build /usr/bin/python3 bench/bench_join.py [--units 100000] [--columns 40]

QGIS's join needs the CSV as a layer. Its delimited-text reader guesses types:
with type detection on, the 8-digit keys become integers and nothing joins
(measured as "native, typed"); with detection off every column stays text and
all rows join (measured as "native, text"), which does less work than ours
(no number parsing). The ratio is taken against the faster native run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(HERE, "..", "output", "bench")


def generate(n: int, m: int, folder: str) -> tuple[str, str]:
    import numpy as np
    import pandas as pd

    os.makedirs(folder, exist_ok=True)
    csv_path = os.path.join(folder, f"indikatoren_{n}x{m}.csv")
    gpkg = os.path.join(folder, f"einheiten_{n}.gpkg")
    rng = np.random.default_rng(42)
    keys = [f"0{i:07d}" for i in range(1, n + 1)]
    if not os.path.exists(csv_path):
        cols = []
        header = ["Schlüssel"]
        for j in range(m):
            if j % 2 == 0:
                header.append(f"anzahl_{j:02d}")
                v = rng.integers(0, 25000, n)
                txt = np.char.replace(np.char.mod("%d", v).astype("U12"), "", "")
                big = v >= 1000
                txt = np.where(
                    big,
                    np.char.add(
                        np.char.add(np.char.mod("%d", v // 1000), "."), np.char.zfill(np.char.mod("%d", v % 1000), 3)
                    ),
                    txt,
                )
            else:
                header.append(f"quote_{j:02d}")
                v = rng.random(n) * 60
                txt = np.char.replace(np.char.mod("%.2f", v), ".", ",")
            signs = rng.random(n) < 0.01
            txt = np.where(signs, ".", txt)
            cols.append(txt)
        with open(csv_path, "w", encoding="utf-8") as fh:
            fh.write(";".join(header) + "\n")
            body = np.column_stack([np.array(keys)] + cols)
            fh.write("\n".join(";".join(r) for r in body.tolist()))
            fh.write("\n;" + ";".join(["."] * m) + "\n")  # a total row without key
            fh.write("Stadt insgesamt;" + ";".join(["."] * m) + "\n")
    if not os.path.exists(gpkg):
        from sozialplanung_plugin.standalone import start_qgis

        start_qgis()
        from units_grid import write_square_units

        write_square_units(pd.DataFrame({"key": keys}, dtype=object), gpkg, "einheiten")
    return csv_path, gpkg


def run_one(which: str, csv_path: str, gpkg: str, out: str) -> dict:
    from sozialplanung_plugin.standalone import start_qgis

    start_qgis()
    import processing
    from qgis.core import QgsProcessingFeedback, QgsVectorLayer

    if os.path.exists(out):
        os.remove(out)
    units = gpkg + "|layername=einheiten"
    fb = QgsProcessingFeedback()
    t0 = time.perf_counter()
    if which == "ours":
        res = processing.run(
            "sozialplanung:joinindicators",
            {"INPUT": units, "INPUT_KEY": "key", "TABLE": csv_path, "TABLE_KEY": "Schlüssel", "OUTPUT": out},
            feedback=fb,
        )
        matched = res["MATCHED"]
    else:
        detect = "yes" if which == "native_typed" else "no"
        uri = f"file://{csv_path}?type=csv&delimiter=;&decimalPoint=,&detectTypes={detect}&geomType=none&encoding=UTF-8"
        table = QgsVectorLayer(uri, "table", "delimitedtext")
        assert table.isValid()
        res = processing.run(
            "native:joinattributestable",
            {
                "INPUT": units,
                "FIELD": "key",
                "INPUT_2": table,
                "FIELD_2": "Schlüssel",
                "METHOD": 1,
                "DISCARD_NONMATCHING": False,
                "OUTPUT": out,
            },
            feedback=fb,
        )
        matched = res.get("JOINED_COUNT")
    seconds = time.perf_counter() - t0
    n_out = QgsVectorLayer(out, "o", "ogr").featureCount()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"which": which, "seconds": seconds, "peak_mb": peak_mb, "matched": matched, "features": n_out}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=100_000)
    ap.add_argument("--columns", type=int, default=40)
    ap.add_argument("--child", default=None)
    args = ap.parse_args()
    csv_path, gpkg = generate(args.units, args.columns, WORK)
    if args.child:
        out = os.path.join(WORK, f"joined_{args.child}.gpkg")
        print(json.dumps(run_one(args.child, csv_path, gpkg, out)))
        return
    results = {}
    for which in ("ours", "native_text", "native_typed"):
        p = subprocess.run(
            [sys.executable, __file__, "--units", str(args.units), "--columns", str(args.columns), "--child", which],
            capture_output=True,
            text=True,
            env=os.environ,
        )
        if p.returncode != 0:
            print(p.stderr[-3000:])
            raise SystemExit(f"{which} failed")
        results[which] = json.loads(p.stdout.strip().splitlines()[-1])
    size = os.path.getsize(csv_path) / 1e6
    print(f"join benchmark: {args.units:,} units x {args.columns} columns (CSV {size:.0f} MB)")
    for r in results.values():
        print(
            f"  {r['which']:<13} {r['seconds']:7.2f} s   peak {r['peak_mb']:7.0f} MB   "
            f"matched {r['matched']}   features {r['features']}"
        )
    best_native = min(results["native_text"]["seconds"], results["native_typed"]["seconds"])
    ratio = results["ours"]["seconds"] / best_native
    print(f"  ratio ours / fastest native = {ratio:.2f}   (target <= 0.5; peak memory target <= 2048 MB)")


if __name__ == "__main__":
    main()
