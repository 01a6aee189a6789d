"""Benchmark: sozialplanung:interpolateunits against QGIS's native:intersection
followed by a grouped sum, on the same inputs.

Inputs: SOURCES square source polygons (100 m grid cells, two count fields)
and TARGETS square target polygons of a coarser grid shifted against it, so
that most source cells are cut by target borders. Each method runs in its own
process (peak memory measured separately), one after the other in one run:

- ours: interpolateunits METHOD area -> GeoPackage (the target units with the
  moved counts, <field>_est);
- native: native:intersection (memory layer), native:fieldcalculator (the
  area share of every piece), native:dropgeometries, native:aggregate (sum
  of count × share grouped by target key) -> GeoPackage table;
- native_py: native:intersection (memory layer), then the grouped sum in
  Python over the pieces (dict by target key), nothing written.

The ratio is taken against the faster native variant; the totals of every
variant are compared.

    PYTHONPATH=build /usr/bin/python3 bench/bench_interpolate.py [--sources 100000] [--targets 20000]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.environ.get("BENCH_WORK") or os.path.join(HERE, "..", "output", "bench")
SOURCE_CELL = 100.0
ORIGIN = (300000.0, 5600000.0)


def write_grid(path: str, layer_name: str, n: int, cell: float, shift: tuple[float, float], values: bool) -> None:
    """n square cells of side ``cell`` in rows of ceil(sqrt(n)), from ORIGIN + shift."""
    import numpy as np
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransformContext,
        QgsFeature,
        QgsFeatureSink,
        QgsField,
        QgsFields,
        QgsGeometry,
        QgsVectorFileWriter,
        QgsWkbTypes,
    )
    from qgis.PyQt.QtCore import QVariant

    fields = QgsFields()
    fields.append(QgsField("key", QVariant.String))
    if values:
        fields.append(QgsField("n1", QVariant.Double))
        fields.append(QgsField("n2", QVariant.Double))
        fields.append(QgsField("area_src", QVariant.Double))
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "GPKG"
    opts.layerName = layer_name
    w = QgsVectorFileWriter.create(
        path,
        fields,
        QgsWkbTypes.Polygon,
        QgsCoordinateReferenceSystem("EPSG:25833"),
        QgsCoordinateTransformContext(),
        opts,
    )
    side = int(math.ceil(math.sqrt(n)))
    rng = np.random.default_rng(42)
    n1 = rng.integers(0, 500, n).astype(float)
    n2 = rng.integers(0, 50, n).astype(float)
    batch = []
    for i in range(n):
        x = ORIGIN[0] + shift[0] + (i % side) * cell
        y = ORIGIN[1] + shift[1] + (i // side) * cell
        f = QgsFeature(fields)
        f.setGeometry(
            QgsGeometry.fromWkt(f"POLYGON(({x} {y},{x + cell} {y},{x + cell} {y + cell},{x} {y + cell},{x} {y}))")
        )
        attrs = [f"{layer_name[0]}{i:07d}"]
        if values:
            attrs += [float(n1[i]), float(n2[i]), cell * cell]
        f.setAttributes(attrs)
        batch.append(f)
        if len(batch) >= 5000:
            if not w.addFeatures(batch, QgsFeatureSink.FastInsert):
                raise RuntimeError(w.errorMessage())
            batch = []
    if not w.addFeatures(batch, QgsFeatureSink.FastInsert):
        raise RuntimeError(w.errorMessage())
    del w


def generate(n_sources: int, n_targets: int) -> tuple[str, str]:
    os.makedirs(WORK, exist_ok=True)
    src = os.path.join(WORK, f"interp_sources_{n_sources}.gpkg")
    tgt = os.path.join(WORK, f"interp_targets_{n_sources}_{n_targets}.gpkg")
    if os.path.exists(src) and os.path.exists(tgt):
        return src, tgt
    from sozialplanung_plugin.standalone import start_qgis

    start_qgis()
    side = math.ceil(math.sqrt(n_sources)) * SOURCE_CELL  # the sources' extent (square)
    cell = side / math.ceil(math.sqrt(n_targets))  # targets cover about the same extent
    if not os.path.exists(src):
        write_grid(src, "sources", n_sources, SOURCE_CELL, (0.0, 0.0), True)
    if not os.path.exists(tgt):
        write_grid(tgt, "targets", n_targets, cell, (37.0, 53.0), False)
    return src, tgt


def run_one(which: str, src: str, tgt: str, out: str) -> dict:
    from sozialplanung_plugin.standalone import start_qgis

    start_qgis()
    import processing
    from qgis.core import QgsProcessingFeedback, QgsVectorLayer

    if os.path.exists(out):
        os.remove(out)
    source = src + "|layername=sources"
    target = tgt + "|layername=targets"
    fb = QgsProcessingFeedback()
    t0 = time.perf_counter()
    c0 = time.process_time()
    totals = {}
    if which == "ours":
        processing.run(
            "sozialplanung:interpolateunits",
            {
                "SOURCE": source,
                "SOURCE_KEY": "key",
                "TARGET": target,
                "TARGET_KEY": "key",
                "FIELDS": ["n1", "n2"],
                "METHOD": "area",
                "OUTPUT": out,
            },
            feedback=fb,
        )
        seconds = time.perf_counter() - t0
        cpu = time.process_time() - c0
        layer = QgsVectorLayer(out, "o", "ogr")
        for c in ("n1", "n2"):
            totals[c] = sum(v for v in (f[c] for f in layer.getFeatures()) if isinstance(v, float) and v == v)
        features = layer.featureCount()
    else:
        inter = processing.run(
            "native:intersection",
            {
                "INPUT": source,
                "OVERLAY": target,
                "INPUT_FIELDS": ["n1", "n2", "area_src"],
                "OVERLAY_FIELDS": ["key"],
                "OUTPUT": "memory:",
            },
            feedback=fb,
        )["OUTPUT"]
        if which == "native":
            shared = processing.run(
                "native:fieldcalculator",
                {
                    "INPUT": inter,
                    "FIELD_NAME": "share",
                    "FIELD_TYPE": 0,
                    "FIELD_PRECISION": 0,
                    "FORMULA": '$area / "area_src"',
                    "OUTPUT": "memory:",
                },
                feedback=fb,
            )["OUTPUT"]
            plain = processing.run("native:dropgeometries", {"INPUT": shared, "OUTPUT": "memory:"}, feedback=fb)[
                "OUTPUT"
            ]
            agg = [
                {"aggregate": "first_value", "input": '"key"', "name": "key", "type": 10, "length": 0, "precision": 0}
            ]
            for c in ("n1", "n2"):
                agg.append(
                    {"aggregate": "sum", "input": f'"{c}" * "share"', "name": c, "type": 6, "length": 0, "precision": 0}
                )
            processing.run(
                "native:aggregate", {"INPUT": plain, "GROUP_BY": '"key"', "AGGREGATES": agg, "OUTPUT": out}, feedback=fb
            )
            seconds = time.perf_counter() - t0
            cpu = time.process_time() - c0
            layer = QgsVectorLayer(out, "o", "ogr")
            for c in ("n1", "n2"):
                totals[c] = sum(v for v in (f[c] for f in layer.getFeatures()) if isinstance(v, float))
            features = layer.featureCount()
        else:
            sums: dict = {}
            names = inter.fields().names()
            i1, i2, ia, ik = (names.index(x) for x in ("n1", "n2", "area_src", "key"))
            for f in inter.getFeatures():
                a = f.attributes()
                share = f.geometry().area() / a[ia]
                s = sums.setdefault(a[ik], [0.0, 0.0])
                s[0] += a[i1] * share
                s[1] += a[i2] * share
            seconds = time.perf_counter() - t0
            cpu = time.process_time() - c0
            totals = {"n1": sum(s[0] for s in sums.values()), "n2": sum(s[1] for s in sums.values())}
            features = len(sums)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"which": which, "seconds": seconds, "cpu": cpu, "peak_mb": peak_mb, "totals": totals, "features": features}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sources", type=int, default=100_000)
    ap.add_argument("--targets", type=int, default=20_000)
    ap.add_argument("--child", default=None)
    ap.add_argument("--only", default="ours,native,native_py")
    args = ap.parse_args()
    src, tgt = generate(args.sources, args.targets)
    if args.child:
        out = os.path.join(WORK, f"interpolated_{args.child}.gpkg")
        print(json.dumps(run_one(args.child, src, tgt, out)))
        return
    results = {}
    for which in args.only.split(","):
        cmd = [sys.executable, __file__, "--sources", str(args.sources), "--targets", str(args.targets)]
        p = subprocess.run(cmd + ["--child", which], capture_output=True, text=True, env=os.environ)
        if p.returncode != 0:
            print(p.stderr[-3000:])
            raise SystemExit(f"{which} failed")
        results[which] = json.loads(p.stdout.strip().splitlines()[-1])
    print(f"interpolation benchmark: {args.sources:,} source polygons onto {args.targets:,} target polygons")
    for r in results.values():
        t = ", ".join(f"{k} {v:,.1f}" for k, v in r["totals"].items())
        print(
            f"  {r['which']:<10} {r['seconds']:7.2f} s (CPU {r['cpu']:7.2f} s)   peak {r['peak_mb']:7.0f} MB   "
            f"target units {r['features']:,}   totals {t}"
        )
    natives = [results[w]["seconds"] for w in ("native", "native_py") if w in results]
    if "ours" in results and natives:
        ratio = results["ours"]["seconds"] / min(natives)
        cpus = [results[w]["cpu"] for w in ("native", "native_py") if w in results]
        cpu_ratio = results["ours"]["cpu"] / min(cpus)
        print(
            f"  ratio ours / fastest native = {ratio:.2f} (wall clock), {cpu_ratio:.2f} (CPU time)   "
            f"(target <= 1.0; peak memory target <= 2048 MB)"
        )


if __name__ == "__main__":
    main()
