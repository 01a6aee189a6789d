"""Benchmark: facility supply (sozialplanung:facilitysupply, METHOD catchment) against plain numpy/pandas.

Synthetic city of 30 x 30 km: --units square units (a 100 x 100 grid by default),
--demand population points (uniform, population 1..50, each in its unit) and
--facilities facilities (half uniform, half in clusters, capacity 10..150,
1 % without capacity), one category, DISTANCE --distance m. Times, each in a
child process of its own so that its peak memory (ru_maxrss) is its own:

* ours: core.supply.compute, exactly what the algorithm calls after reading the
  layers: facility checks (bad rows, duplicates within 5 m, outside), demand
  points, counts, capacity, per 1,000, reference, ratio, 2SFCA access and
  ratio, nearest distance, share within reach, notes and the report;
* reference: the same numbers written plainly with numpy/pandas as one would
  by hand: the distance matrix in chunks of demand points (no index), the two
  steps of the 2SFCA as matrix products, nearest by min, groupby per unit,
  without checks, signs, notes or report.

Both must give the same numbers (checked). Targets: ours <= 1.5 x reference,
peak memory <= 4 GB. With --qgis the algorithm itself runs too (layers from a
GeoPackage, point-in-polygon of facilities and population points, writing).

    PYTHONPATH=build /usr/bin/python3 bench/bench_supply.py [--facilities 20000] [--demand 100000] [--units 10000]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import sys
import tempfile
import time

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
if not any(os.path.isdir(os.path.join(p, "sozialplanung_plugin")) for p in sys.path if p):
    sys.path.insert(0, os.path.dirname(HERE))

from sozialplanung_plugin.core import supply as cs  # noqa: E402

SIDE = 30000.0
X0, Y0 = 370000.0, 5800000.0


def make_data(n_units: int, n_demand: int, n_fac: int, seed: int = 1):
    rng = np.random.default_rng(seed)
    k = int(np.ceil(np.sqrt(n_units)))
    cell = SIDE / k
    ux = X0 + (np.arange(n_units) % k + 0.5) * cell
    uy = Y0 + (np.arange(n_units) // k + 0.5) * cell
    units = pd.DataFrame({"key": [f"{i:06d}" for i in range(n_units)], "rep_x": ux, "rep_y": uy})
    units["kids"] = rng.integers(0, 400, n_units).astype(float)
    units.loc[rng.choice(n_units, n_units // 100, replace=False), "kids"] = 0.0
    pu = rng.integers(0, n_units, n_demand)
    px = ux[pu] + rng.uniform(-cell / 2, cell / 2, n_demand)
    py = uy[pu] + rng.uniform(-cell / 2, cell / 2, n_demand)
    pw = rng.integers(1, 51, n_demand).astype(float)
    half = n_fac // 2
    centres = rng.uniform(0, SIDE, (50, 2))
    c = rng.integers(0, 50, n_fac - half)
    fx = np.concatenate(
        [rng.uniform(0, SIDE, half), np.clip(centres[c, 0] + rng.normal(0, 800, n_fac - half), 0, SIDE - 1)]
    )
    fy = np.concatenate(
        [rng.uniform(0, SIDE, half), np.clip(centres[c, 1] + rng.normal(0, 800, n_fac - half), 0, SIDE - 1)]
    )
    cap = rng.integers(10, 151, n_fac).astype(float)
    cap[rng.choice(n_fac, n_fac // 100, replace=False)] = np.nan
    fu = (np.floor(fx / cell) + np.floor(fy / cell) * k).astype(np.int64)
    fac = pd.DataFrame(
        {
            "id": [f"f{i}" for i in range(n_fac)],
            "category": "kita",
            "x": X0 + fx,
            "y": Y0 + fy,
            "capacity": cap,
            "unit": fu,
        }
    )
    fu[fu >= n_units] = -1  # outside every unit (the grid's last row is not full)
    fac["capacity"], fac["unit"] = cap, fu
    return units, {"unit": pu, "x": px, "y": py, "weight": pw}, fac


def ours(units, pop, fac, distance):
    res = cs.compute(units, fac, {"kita": "kids"}, method="catchment", distance=distance, population=pop)
    f = res.frame
    return {c: f[f"kita_{c}"].to_numpy() for c in ("n", "cap", "per1000", "access", "dist_m", "reach_pct")}


def reference(units, pop, fac, distance, chunk=500):
    """Plain numpy/pandas: chunked distance matrix, 2SFCA as matrix products, groupby per unit."""
    n_units = len(units)
    kids = units["kids"].to_numpy()
    has = kids > 0
    # shares of the population points within their unit
    pts = pd.DataFrame(pop)
    pts["share"] = pts["weight"] / pts.groupby("unit")["weight"].transform("sum")
    empty = np.setdiff1d(np.arange(n_units), pts["unit"].unique())  # units without a point: their centre
    rep = units.iloc[empty]
    extra = pd.DataFrame({"unit": empty, "x": rep["rep_x"].to_numpy(), "y": rep["rep_y"].to_numpy(), "share": 1.0})
    pts = pd.concat([pts, extra], ignore_index=True)
    w = np.where(has, kids, 0.0)[pts["unit"].to_numpy()] * pts["share"].to_numpy()
    px, py = pts["x"].to_numpy(), pts["y"].to_numpy()
    fx, fy, cap = fac["x"].to_numpy(), fac["y"].to_numpy(), fac["capacity"].to_numpy()
    demand = np.zeros(len(fac))
    near = np.empty(len(px))
    for a in range(0, len(px), chunk):
        d = np.sqrt((px[a : a + chunk, None] - fx[None, :]) ** 2 + (py[a : a + chunk, None] - fy[None, :]) ** 2)
        demand += w[a : a + chunk] @ (d <= distance)
        near[a : a + chunk] = d.min(axis=1)
    r = np.where(demand > 0, cap / np.where(demand > 0, demand, 1.0), 0.0)
    r[np.isnan(cap)] = np.nan
    access = np.empty(len(px))
    for a in range(0, len(px), chunk):
        d = np.sqrt((px[a : a + chunk, None] - fx[None, :]) ** 2 + (py[a : a + chunk, None] - fy[None, :]) ** 2)
        within = (d <= distance).astype(float)
        acc = within @ np.nan_to_num(r) * 1000.0
        acc[within @ np.isnan(r) > 0] = np.nan  # a facility without capacity within reach
        access[a : a + chunk] = acc
    pts["access"], pts["near"], pts["reach"] = access, near, (near <= distance) * 1.0
    g = pts.groupby("unit")
    out = {}
    for c in ("access", "near", "reach"):
        out[c] = (pts[c] * pts["share"]).groupby(pts["unit"]).sum(min_count=1).reindex(range(n_units)).to_numpy()
    bad = g["access"].apply(lambda s: s.isna().any()).reindex(range(n_units), fill_value=False).to_numpy()
    out["access"][bad] = np.nan
    fg = fac[fac["unit"] >= 0].groupby("unit")
    n = fg.size().reindex(range(n_units), fill_value=0).to_numpy().astype(float)
    capu = fg["capacity"].sum(min_count=1).reindex(range(n_units)).to_numpy()
    capu[fg["capacity"].apply(lambda s: s.isna().any()).reindex(range(n_units), fill_value=False).to_numpy()] = np.nan
    capu[n == 0] = 0.0
    per = np.where(has, capu / np.where(has, kids, 1) * 1000.0, np.nan)
    return {
        "n": n,
        "cap": capu,
        "per1000": per,
        "access": np.where(has, out["access"], np.nan),
        "dist_m": out["near"],
        "reach_pct": np.where(has, 100.0 * out["reach"], np.nan),
    }


def _child(fn_name, args, q):
    try:
        t = time.perf_counter()
        out = globals()[fn_name](*args)
        elapsed = time.perf_counter() - t
        q.put((elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, out))
    except BaseException as e:
        import traceback

        q.put(("error", traceback.format_exc(), repr(e)))


def timed(fn_name, args):
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_child, args=(fn_name, args, q))
    p.start()
    res = q.get()
    p.join()
    if res[0] == "error":
        raise RuntimeError(f"{fn_name} failed:\n{res[1]}")
    return res


def run_qgis(units, pop, fac, distance) -> float:
    """The algorithm through processing.run, from GeoPackage layers (square units, points)."""
    from sozialplanung_plugin.standalone import start_qgis

    start_qgis()
    import processing
    from qgis.core import (
        QgsApplication,
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransformContext,
        QgsFeature,
        QgsFeatureSink,
        QgsField,
        QgsFields,
        QgsGeometry,
        QgsPointXY,
        QgsVectorFileWriter,
        QgsWkbTypes,
    )
    from qgis.PyQt.QtCore import QVariant

    from sozialplanung_plugin.processing.provider import SozialplanungProvider

    if QgsApplication.processingRegistry().providerById("sozialplanung") is None:
        QgsApplication.processingRegistry().addProvider(SozialplanungProvider())
    tmp = tempfile.mkdtemp()
    gpkg = os.path.join(tmp, "bench.gpkg")
    crs = QgsCoordinateReferenceSystem("EPSG:25833")

    def write(name, wkb, fields, rows):
        opts = QgsVectorFileWriter.SaveVectorOptions()
        opts.driverName = "GPKG"
        opts.layerName = name
        if os.path.exists(gpkg):
            opts.actionOnExistingFile = QgsVectorFileWriter.CreateOrOverwriteLayer
        w = QgsVectorFileWriter.create(gpkg, fields, wkb, crs, QgsCoordinateTransformContext(), opts)
        batch = []
        for geom, attrs in rows:
            f = QgsFeature(fields)
            f.setGeometry(geom)
            f.setAttributes(attrs)
            batch.append(f)
        w.addFeatures(batch, QgsFeatureSink.FastInsert)
        del w
        return f"{gpkg}|layername={name}"

    k = int(np.ceil(np.sqrt(len(units))))
    cell = SIDE / k
    uf = QgsFields()
    uf.append(QgsField("key", QVariant.String))
    uf.append(QgsField("kids", QVariant.Double))
    rows = []
    for i, r in enumerate(units.itertuples()):
        x, y = X0 + (i % k) * cell, Y0 + (i // k) * cell
        ring = f"{x} {y},{x + cell} {y},{x + cell} {y + cell},{x} {y + cell},{x} {y}"
        rows.append((QgsGeometry.fromWkt(f"POLYGON(({ring}))"), [r.key, float(r.kids)]))
    ul = write("units", QgsWkbTypes.Polygon, uf, rows)
    ff = QgsFields()
    for n, t in (("id", QVariant.String), ("category", QVariant.String), ("capacity", QVariant.Double)):
        ff.append(QgsField(n, t))
    rows = [
        (QgsGeometry.fromPointXY(QgsPointXY(x, y)), [i, "kita", None if np.isnan(c) else float(c)])
        for i, x, y, c in zip(fac["id"], fac["x"], fac["y"], fac["capacity"])
    ]
    fl = write("facilities", QgsWkbTypes.Point, ff, rows)
    pf = QgsFields()
    pf.append(QgsField("pop", QVariant.Double))
    rows = [
        (QgsGeometry.fromPointXY(QgsPointXY(x, y)), [float(w)]) for x, y, w in zip(pop["x"], pop["y"], pop["weight"])
    ]
    pl = write("population", QgsWkbTypes.Point, pf, rows)
    t = time.perf_counter()
    processing.run(
        "sozialplanung:facilitysupply",
        {
            "UNITS": ul,
            "KEY_FIELD": "key",
            "FACILITIES": fl,
            "ID_FIELD": "id",
            "CATEGORY_FIELD": "category",
            "CAPACITY_FIELD": "capacity",
            "DEMAND": "kita=kids",
            "METHOD": "catchment",
            "DISTANCE": distance,
            "POPULATION": pl,
            "POPULATION_FIELD": "pop",
            "OUTPUT": os.path.join(tmp, "out.fgb"),
        },
    )
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--facilities", type=int, default=20000)
    ap.add_argument("--demand", type=int, default=100000)
    ap.add_argument("--units", type=int, default=10000)
    ap.add_argument("--distance", type=float, default=1000.0)
    ap.add_argument("--qgis", action="store_true", help="also run the algorithm through processing.run")
    args = ap.parse_args()
    units, pop, fac = make_data(args.units, args.demand, args.facilities)
    print(
        f"{args.facilities:,} facilities x {args.demand:,} demand points x {args.units:,} units, "
        f"catchment {args.distance:.0f} m",
        flush=True,
    )
    t_ours, mem_ours, a = timed("ours", (units, pop, fac, args.distance))
    print(f"ours:      {t_ours:7.2f} s, peak memory {mem_ours:7.0f} MB", flush=True)
    t_ref, mem_ref, b = timed("reference", (units, pop, fac, args.distance))
    print(f"reference: {t_ref:7.2f} s, peak memory {mem_ref:7.0f} MB", flush=True)
    for c in a:
        np.testing.assert_allclose(a[c], b[c], rtol=1e-9, atol=1e-9, equal_nan=True, err_msg=c)
    print(
        f"same numbers: yes ({', '.join(a)}); ratio ours/reference {t_ours / t_ref:.2f} (target <= 1.5), "
        f"peak {max(mem_ours, mem_ref) / 1024:.2f} GB (target <= 4)"
    )
    if args.qgis:
        t_alg = run_qgis(units, pop, fac, args.distance)
        print(f"algorithm (processing.run, GeoPackage in, FlatGeobuf out, point-in-polygon included): {t_alg:.1f} s")
    return 0 if t_ours <= 1.5 * t_ref and max(mem_ours, mem_ref) <= 4096 else 1


if __name__ == "__main__":
    sys.exit(main())
