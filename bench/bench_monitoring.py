"""Benchmark: the yearly monitoring (early warning) against plain pandas.

N units x M indicators x Y years, generated as in bench_indicators.py (half
counts with their own numerator, half ready rates with a weight; 1 % of the
cells missing with a sign). Times, interleaved and best of --repeat:

* ours: core.monitoring.compute, exactly what sozialplanung:monitoring calls
  (values and references per year, changes, reference changes, excess,
  slopes, adverse runs, flags, the watch list with since-year and the
  reasons in words);
* reference: a plain vectorised pandas computation of the same numbers
  (written below by hand, without signs, data checks and reason texts), and
  a check that both give the same numbers.

The target is ours <= 1.5 x reference. With --qgis-units (default 10,000)
the same rule runs through processing.run from a GeoPackage to a FlatGeobuf
file and its wall time is printed beside the core time for those units.

    PYTHONPATH=build /usr/bin/python3 bench/bench_monitoring.py [--units 100000] [--indicators 20] [--years 10]
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
sys.path.insert(0, HERE)
if not any(os.path.isdir(os.path.join(p, "sozialplanung_plugin")) for p in sys.path if p):
    sys.path.insert(0, os.path.dirname(HERE))

from bench_indicators import best_of, make_data, same_numbers  # noqa: E402

from sozialplanung_plugin.core import monitoring as cm  # noqa: E402
from sozialplanung_plugin.core.catalogue import read_catalogue  # noqa: E402

RULE = cm.WatchRule(measure="zscore", threshold=1.0, min_flags=2, consecutive=3)


def ours(df: pd.DataFrame, cat) -> pd.DataFrame:
    return cm.compute(df, cat, RULE, keys=df["key"]).frame


def reference(df: pd.DataFrame, cat, years: list[int]) -> pd.DataFrame:
    """The monitoring fields in plain pandas."""
    out = {}
    x = np.asarray(years, dtype="float64")
    flags = []
    since = []
    for ind in cat:
        vals, refs = [], []
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
            vals.append(val)
            refs.append(ref)
        v = pd.concat(vals, axis=1, keys=years)
        r = pd.Series(refs, index=years)
        chg = v.diff(axis=1).iloc[:, 1:]
        ref_chg = r.diff().iloc[1:]
        for yr in years[1:]:
            out[f"{ind.id}_chg_{yr}"] = chg[yr]
            out[f"{ind.id}_ref_chg_{yr}"] = pd.Series(ref_chg[yr], index=df.index)
        # least-squares slope over the years with a value
        ok = v.notna()
        n = ok.sum(axis=1)
        xm = ok.mul(x).sum(axis=1) / n
        vm = v.sum(axis=1) / n
        dx = ok.mul(x).sub(xm, axis=0).where(ok, 0.0)
        dv = v.sub(vm, axis=0).fillna(0.0)
        sxx = (dx * dx).sum(axis=1)
        out[f"{ind.id}_slope"] = ((dx * dv).sum(axis=1) / sxx).where((n >= 2) & (sxx > 0))
        rx = x - x.mean()
        out[f"{ind.id}_ref_slope"] = pd.Series((rx * (r.to_numpy() - r.mean())).sum() / (rx * rx).sum(), df.index)
        if ind.polarity == 0:
            continue
        excess = (chg - ref_chg) * ind.polarity
        for yr in years[1:]:
            out[f"{ind.id}_excess_{yr}"] = excess[yr]
        # consecutive adverse periods up to the latest
        adverse = (excess > 0).iloc[:, ::-1].cumprod(axis=1)
        run = adverse.sum(axis=1).astype("float64")
        out[f"{ind.id}_adverse_run"] = run
        if ind.core:
            last = excess[years[-1]]
            hit = (last / last.std() > RULE.threshold) | (run >= RULE.consecutive)
            flag = pd.Series(np.where(hit, 1.0, np.where(last.isna(), np.nan, 0.0)), df.index)
            out[f"{ind.id}_watch"] = flag
            flags.append(flag)
            start = np.asarray(years, dtype="float64")[(len(years) - 1 - run).clip(lower=0).astype(int)]
            since.append(pd.Series(start, df.index).where((run >= 1) & (flag == 1)))
    count = pd.concat(flags, axis=1).eq(1).sum(axis=1).astype("float64")
    out["watch_flags"] = count
    out["watch_flag"] = (count >= RULE.min_flags).astype("float64")
    out["watch_since"] = pd.concat(since, axis=1).min(axis=1).where(out["watch_flag"] == 1)
    return pd.DataFrame(out)


def qgis_run(df: pd.DataFrame, catalogue: str, folder: str) -> float:
    from sozialplanung_plugin.standalone import start_qgis

    start_qgis()
    import processing
    from units_grid import write_square_units

    gpkg = os.path.join(folder, "units.gpkg")
    write_square_units(df, gpkg, "units")
    t0 = time.perf_counter()
    processing.run(
        "sozialplanung:monitoring",
        {
            "INPUT": gpkg,
            "CATALOGUE": catalogue,
            "KEY_FIELD": "key",
            "MEASURE": RULE.measure,
            "THRESHOLD": RULE.threshold,
            "MIN_FLAGS": RULE.min_flags,
            "CONSECUTIVE": RULE.consecutive,
            "OUTPUT": os.path.join(folder, "monitoring.fgb"),
        },
    )
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=100_000)
    ap.add_argument("--indicators", type=int, default=20)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--qgis-units", type=int, default=10_000, help="units for the QGIS run (0: skip)")
    args = ap.parse_args()
    years = list(range(2024 - args.years + 1, 2025))
    folder = tempfile.mkdtemp(prefix="bench_monitoring_")
    df, cat_text = make_data(args.units, args.indicators, years)
    catalogue = os.path.join(folder, "katalog.csv")
    with open(catalogue, "w", encoding="utf-8") as fh:
        fh.write(cat_text)
    cat = read_catalogue(catalogue)
    print(
        f"{args.units:,} units x {args.indicators} indicators x {args.years} years "
        f"({len(cat.core_indicators())} core indicators); rule: {cm.rule_text(RULE, 'en')}"
    )
    t_ref = t_ours = None
    for _ in range(args.repeat):
        t, ref = best_of(lambda: reference(df, cat, years), 1)
        t_ref = t if t_ref is None else min(t_ref, t)
        t, own = best_of(lambda: ours(df, cat), 1)
        t_ours = t if t_ours is None else min(t_ours, t)
    same_numbers(own, ref, list(ref.columns))
    print(f"same numbers: {len(ref.columns)} columns checked; {int(own['watch_flag'].sum()):,} units on the watch list")
    print(f"reference (plain pandas):      {t_ref:8.2f} s")
    print(f"ours (core of the algorithm):  {t_ours:8.2f} s   (includes the reasons in words)")
    print(f"ratio ours / reference:        {t_ours / t_ref:8.2f}   (target <= 1.5)")
    if args.qgis_units:
        small = df.iloc[: args.qgis_units].reset_index(drop=True)
        t_core, _ = best_of(lambda: ours(small, cat), 1)
        total = qgis_run(small, catalogue, folder)
        print(
            f"QGIS, {len(small):,} units through processing.run (GeoPackage in, FlatGeobuf out): {total:.2f} s, "
            f"of which the core {t_core:.2f} s"
        )


if __name__ == "__main__":
    main()
