"""Benchmark: indicators, burden rule and composite index against plain pandas.

Generates N units x M indicators x Y years (half of the indicators counts with
their own numerator over one of four population bases, half ready rates
weighted by a population base; 1 % of the cells missing with a special sign)
and times, each as the best of --repeat runs (interleaved):

* ours: the plugin's core, exactly what the three algorithms call:
  core.indicators.compute (value per year, reference, diff, ratio, z,
  percentile, change, reference change, signs, data checks),
  core.burden.classify (flags, classes, reasons in words, rule text) and
  core.composite.compute (zscore_sum status index and the dynamics index
  from the changes, classes, SDI, notes);
* reference: a plain vectorised pandas computation of the same numbers
  (written below, as one would write it by hand, without signs, data checks,
  notes and reason texts), and checks that both give the same numbers.

The target is ours <= 1.5 x reference. Reading and writing layers is not in
these figures: the QGIS part (--qgis-units, default 10,000 units, same width)
runs the three algorithms through processing.run from a GeoPackage to FlatGeobuf files (the
outputs have more columns than a GeoPackage table may hold) and prints
their wall time beside the core time for the same units, so the cost of the
feature sink is visible separately.

    PYTHONPATH=build /usr/bin/python3 bench/bench_indicators.py [--units 100000] [--indicators 40] [--years 10]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
if not any(os.path.isdir(os.path.join(p, "sozialplanung_plugin")) for p in sys.path if p):
    sys.path.insert(0, os.path.dirname(HERE))

from sozialplanung_plugin.core import burden as cb  # noqa: E402
from sozialplanung_plugin.core import composite as cc  # noqa: E402
from sozialplanung_plugin.core import indicators as ci  # noqa: E402
from sozialplanung_plugin.core.catalogue import read_catalogue  # noqa: E402

BASES = 4
CORE_EVERY = 4  # every 4th indicator is a core indicator
STATUS_EVERY = 3  # every 3rd indicator enters the status index
THRESHOLD = 1.0  # burden rule on z-scores
MIN_FLAGS = 2
MIN_POPULATION = 300


def make_data(n: int, m: int, years: list[int], seed: int = 7):
    rng = np.random.default_rng(seed)
    cols: dict[str, np.ndarray] = {"key": np.array([f"{i:08d}" for i in range(n)], dtype=object)}
    for k in range(BASES):
        base = rng.integers(20, 20000, n).astype("float64")
        for y in years:
            cols[f"b{k}_{y}"] = np.round(base * rng.uniform(0.97, 1.03, n))
    rows = ["Kürzel;Bezeichnung;Thema;Zähler;Nenner;Quote;Gewichtung;Faktor;Polarität;Kern;Index"]
    for j in range(m):
        pol = "-" if j % 7 == 6 else "+"
        core = "ja" if j % CORE_EVERY == 0 else "nein"
        index = "status" if j % STATUS_EVERY == 0 else "none"
        topic = f"Thema {j % 5 + 1}"
        if j % 2 == 0:
            share = rng.uniform(0.01, 0.3, n)
            for y in years:
                den = cols[f"b{j % BASES}_{y}"]
                num = rng.binomial(den.astype(np.int64), np.clip(share * rng.uniform(0.9, 1.1, n), 0, 1))
                num = num.astype("float64")
                gap = rng.random(n) < 0.01
                num[gap] = np.nan
                sign = np.full(n, None, dtype=object)
                sign[gap] = "."
                cols[f"n{j:02d}_{y}"] = num
                cols[f"n{j:02d}_{y}_sign"] = sign
            rows.append(f"i{j:02d};Indikator {j};{topic};n{j:02d};b{j % BASES};;;100;{pol};{core};{index}")
        else:
            level = rng.gamma(2.0, 5.0, n)
            for y in years:
                r = np.round(level * rng.uniform(0.9, 1.1, n), 2)
                gap = rng.random(n) < 0.01
                r[gap] = np.nan
                sign = np.full(n, None, dtype=object)
                sign[gap] = "-9999"
                cols[f"r{j:02d}_{y}"] = r
                cols[f"r{j:02d}_{y}_sign"] = sign
            rows.append(f"i{j:02d};Indikator {j};{topic};;;r{j:02d};b{j % BASES};;{pol};{core};{index}")
    return pd.DataFrame(cols), "\n".join(rows) + "\n"


# --- ours: the plugin's core ------------------------------------------------------------------


def ours(df: pd.DataFrame, cat, population: str):
    ind = ci.compute(df, cat, keys=df["key"])
    burden = cb.classify(ind.frame, cat, "zscore", THRESHOLD, MIN_FLAGS)
    comp = cc.compute(
        ind.frame,
        cat,
        population=df[population],
        population_name=population,
        min_population=MIN_POPULATION,
        keys=df["key"],
    )
    return ind.frame, burden.frame, comp.frame


# --- reference: the same numbers in plain vectorised pandas ------------------------------------


def reference(df: pd.DataFrame, cat, years: list[int], population: str):
    y, b = years[-1], years[-2]
    out = {}
    refs = {}
    for ind in cat:
        per_year = {}
        for yr in years:
            if ind.from_counts:
                num, den = df[f"{ind.numerator}_{yr}"], df[f"{ind.denominator}_{yr}"]
                val = (num / den * ind.multiplier).where(den != 0)
                ok = num.notna() & den.notna()
                ref = num[ok].sum() / den[ok].sum() * ind.multiplier
            else:
                val = df[f"{ind.rate}_{yr}"]
                w = df[f"{ind.weight_column}_{yr}"]
                ok = val.notna() & w.notna()
                ref = (val[ok] * w[ok]).sum() / w[ok].sum()
            per_year[yr] = (val, ref)
            out[f"{ind.id}_val_{yr}"] = val
        val, ref = per_year[y]
        out[f"{ind.id}_val"] = val
        out[f"{ind.id}_ref"] = pd.Series(ref, index=df.index)
        out[f"{ind.id}_diff"] = val - ref
        out[f"{ind.id}_ratio"] = 100 * val / ref
        out[f"{ind.id}_z"] = (val - val.mean()) / val.std()
        out[f"{ind.id}_pct"] = 100 * (val.rank(method="min") - 1) / (val.count() - 1)
        out[f"{ind.id}_chg"] = val - per_year[b][0]
        out[f"{ind.id}_ref_chg"] = pd.Series(ref - per_year[b][1], index=df.index)
        refs[ind.id] = ref
    res = pd.DataFrame(out)
    # burden rule on z-scores
    core = cat.core_indicators()
    dev = pd.DataFrame({i.id: i.polarity * res[f"{i.id}_z"] for i in core})
    flags = (dev >= THRESHOLD).astype("float64").where(dev.notna())
    n_flags = flags.sum(axis=1)
    n_missing = flags.isna().sum(axis=1)
    burden = pd.DataFrame({f"{c}_flag": flags[c] for c in flags.columns})
    burden["burden_flags"] = n_flags
    burden["burden_class"] = np.select(
        [n_flags >= MIN_FLAGS, (n_flags >= 1) & (n_flags + n_missing < MIN_FLAGS), (n_flags == 0) & (n_missing == 0)],
        ["besonders belastet", "belastet", "unauffällig"],
        "nicht bewertbar",
    )

    # status index (zscore_sum) and dynamics index on the changes
    def index_of(columns, inds):
        x = pd.DataFrame({i.id: res[c] for i, c in zip(inds, columns)})
        valid = x.notna().all(axis=1) & (df[population] >= MIN_POPULATION)
        xv = x[valid]
        z = (xv - xv.mean()) / xv.std()
        idx = (z * [i.polarity * i.weight for i in inds]).sum(axis=1)
        return idx.reindex(df.index), valid

    status = [i for i in cat if i.index == "status" and i.polarity != 0]
    s_idx, s_ok = index_of([f"{i.id}_val" for i in status], status)
    d_idx, d_ok = index_of([f"{i.id}_chg" for i in status], status)
    m, s = s_idx.mean(), s_idx.std()
    s_cls = pd.Series(
        np.select([s_idx <= m - s, s_idx >= m + 1.5 * s, s_idx >= m + s], [1, 4, 3], 2), index=df.index
    ).where(s_ok)
    m, s = d_idx.mean(), d_idx.std()
    d_cls = pd.Series(np.select([d_idx <= m - s, d_idx >= m + s], [1, 5], 3), index=df.index).where(d_ok)
    comp = pd.DataFrame(
        {"status_index": s_idx, "status_class": s_cls, "dynamics_index": d_idx, "dynamics_class": d_cls}
    )
    return res, burden, comp


def same_numbers(a, b, columns) -> None:
    for c in columns:
        x, y = a[c].to_numpy(dtype="float64"), b[c].to_numpy(dtype="float64")
        if not np.allclose(x, y, rtol=1e-9, atol=1e-9, equal_nan=True):
            bad = np.flatnonzero(~np.isclose(x, y, rtol=1e-9, atol=1e-9, equal_nan=True))
            raise AssertionError(f"{c}: {len(bad)} values differ, e.g. {x[bad[0]]} vs {y[bad[0]]}")


def best_of(fn, repeat: int):
    best, result = None, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    return best, result


# --- the QGIS part: the algorithms as users run them ------------------------------------------------


def qgis_run(df: pd.DataFrame, catalogue: str, folder: str) -> dict:
    from sozialplanung_plugin.standalone import start_qgis

    start_qgis()
    import processing
    from units_grid import write_square_units

    gpkg = os.path.join(folder, "units.gpkg")
    write_square_units(df, gpkg, "units")
    times = {}
    t0 = time.perf_counter()
    # 40 indicators x 10 years give ~1,200 new fields beside the ~840 input fields: more than a GeoPackage
    # (SQLite) table holds (2,000 columns), so the outputs go to FlatGeobuf
    ind = os.path.join(folder, "ind.fgb")
    processing.run(
        "sozialplanung:computeindicators", {"INPUT": gpkg, "CATALOGUE": catalogue, "KEY_FIELD": "key", "OUTPUT": ind}
    )
    times["computeindicators"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    processing.run(
        "sozialplanung:classifyburden",
        {
            "INPUT": ind,
            "CATALOGUE": catalogue,
            "MEASURE": "zscore",
            "THRESHOLD": THRESHOLD,
            "MIN_FLAGS": MIN_FLAGS,
            "KEY_FIELD": "key",
            "OUTPUT": os.path.join(folder, "burden.fgb"),
        },
    )
    times["classifyburden"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    processing.run(
        "sozialplanung:compositeindex",
        {
            "INPUT": ind,
            "CATALOGUE": catalogue,
            "METHOD": "zscore_sum",
            "POPULATION_FIELD": f"b0_{df.columns[1][-4:]}",
            "MIN_POPULATION": MIN_POPULATION,
            "KEY_FIELD": "key",
            "OUTPUT": os.path.join(folder, "index.fgb"),
        },
    )
    times["compositeindex"] = time.perf_counter() - t0
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=100_000)
    ap.add_argument("--indicators", type=int, default=40)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--qgis-units", type=int, default=10_000, help="units for the QGIS run (0: skip)")
    args = ap.parse_args()
    years = list(range(2024 - args.years + 1, 2025))
    folder = tempfile.mkdtemp(prefix="bench_indicators_")
    df, cat_text = make_data(args.units, args.indicators, years)
    catalogue = os.path.join(folder, "katalog.csv")
    with open(catalogue, "w", encoding="utf-8") as fh:
        fh.write(cat_text)
    cat = read_catalogue(catalogue)
    population = f"b0_{years[-1]}"
    n_cols = sum(1 for c in df.columns if not c.endswith("_sign")) - 1
    print(
        f"{args.units:,} units x {args.indicators} indicators x {args.years} years "
        f"({n_cols} numeric input columns, {len(cat.core_indicators())} core, "
        f"{len(cat.for_index('status'))} in the status index)"
    )

    # interleaved, best of each: the machine's load and memory state then hit both alike
    t_ref = t_ours = None
    for _ in range(args.repeat):
        t, (r_ind, r_burden, r_comp) = best_of(lambda: reference(df, cat, years, population), 1)
        t_ref = t if t_ref is None else min(t_ref, t)
        t, (o_ind, o_burden, o_comp) = best_of(lambda: ours(df, cat, population), 1)
        t_ours = t if t_ours is None else min(t_ours, t)
    same_numbers(o_ind, r_ind, list(r_ind.columns))
    same_numbers(o_burden, r_burden, [c for c in r_burden.columns if c != "burden_class"])
    assert (o_burden["burden_class"].to_numpy() == r_burden["burden_class"].to_numpy()).all()
    same_numbers(o_comp, r_comp, list(r_comp.columns))
    t_i, _ = best_of(lambda: ci.compute(df, cat, keys=df["key"]), 1)
    t_b, _ = best_of(lambda: cb.classify(o_ind, cat, "zscore", THRESHOLD, MIN_FLAGS), 1)
    t_c, _ = best_of(lambda: cc.compute(o_ind, cat, population=df[population], min_population=MIN_POPULATION), 1)
    print(f"same numbers: {len(r_ind.columns) + len(r_burden.columns) + len(r_comp.columns)} columns checked")
    print(f"reference (plain pandas):      {t_ref:8.2f} s")
    print(
        f"ours (core of the algorithms): {t_ours:8.2f} s   "
        f"(indicators {t_i:.2f} s, burden rule {t_b:.2f} s, composite index {t_c:.2f} s)"
    )
    print(f"ratio ours / reference:        {t_ours / t_ref:8.2f}   (target <= 1.5)")

    if args.qgis_units:
        small = df.iloc[: args.qgis_units].reset_index(drop=True)
        t_core, _ = best_of(lambda: ours(small, cat, population), 1)
        times = qgis_run(small, catalogue, folder)
        total = sum(times.values())
        print(f"QGIS, {len(small):,} units through processing.run (GeoPackage in, FlatGeobuf out):")
        for k, v in times.items():
            print(f"  {k:18s} {v:8.2f} s")
        print(
            f"  {'all three':18s} {total:8.2f} s, of which the core {t_core:.2f} s; reading the layer, "
            f"writing {len(small):,} features with all fields: {total - t_core:.2f} s"
        )


if __name__ == "__main__":
    main()
