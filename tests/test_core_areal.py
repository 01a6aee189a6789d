"""Moving counts between unit systems in the core (core/areal.py), without QGIS.

The counts are Berlin's real population table of 2016 (447 old
Planungsräume); the overlap tables are built here (each source split over
one to four targets with random areas, some not covered at all), and every
result is recomputed independently with plain Python loops over the rows."""

from __future__ import annotations

import math
import os

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT, example

from sozialplanung_plugin.core import areal as ca
from sozialplanung_plugin.core import report as cr
from sozialplanung_plugin.core.catalogue import read_catalogue

TABLE = os.path.join(ROOT, "resources", "example", "berlin_2006", "tables", "population_2016-02_t2.csv")
COUNTS = ["inhabitants", "inhabitants_age_below_6", "inhabitants_age_6_15", "inhabitants_foreigners"]


@pytest.fixture(scope="module")
def population() -> pd.DataFrame:
    df = pd.read_csv(TABLE, dtype={"id": str})
    df = df.set_index("id")
    return df[COUNTS].astype("float64")


def make_overlaps(n_sources: int, n_targets: int, seed: int = 1, uncovered: int = 5):
    """A random overlap table: every source split over 1..4 targets (some
    wholly inside one), a few partly or not at all covered."""
    rng = np.random.default_rng(seed)
    rows = []
    source_area = rng.uniform(1e4, 1e6, n_sources)
    for i in range(n_sources):
        k = int(rng.integers(1, 5))
        targets = rng.choice(n_targets, size=k, replace=False)
        parts = rng.dirichlet(np.ones(k)) * source_area[i]
        if i < uncovered:
            parts = parts * (0.0 if i % 2 == 0 else 0.5)  # not covered / half covered
        for t, a in zip(targets, parts):
            if a > 0:
                rows.append((i, int(t), float(a)))
    src = np.array([r[0] for r in rows], dtype=np.int64)
    tgt = np.array([r[1] for r in rows], dtype=np.int64)
    area = np.array([r[2] for r in rows])
    target_area = np.bincount(tgt, weights=area, minlength=n_targets) * rng.uniform(1.0, 1.3, n_targets)
    return ca.Overlaps(src, tgt, area, None, source_area, None, target_area, None)


def independent(values, ov: ca.Overlaps, share_of, split_tol=ca.SPLIT_TOLERANCE):
    """Plain loops: per target the sum of value × share and the part of split sources."""
    total, est_part, missing = {}, {}, set()
    for r in range(len(ov.source)):
        i, j = int(ov.source[r]), int(ov.target[r])
        s = share_of(r)
        v = values[i]
        if v is None or (isinstance(v, float) and math.isnan(v)):
            if s > 0:
                missing.add(j)
            continue
        total[j] = total.get(j, 0.0) + v * s
        if s < 1 - split_tol:
            est_part[j] = est_part.get(j, 0.0) + v * s
    return total, est_part, missing


def test_area_interpolation_recomputed(population):
    n_t = 300
    ov = make_overlaps(len(population), n_t)
    plans = ca.plan_fields(list(population.columns), COUNTS, None)
    alloc = ca.allocate(population, plans, ov, "area", keys=list(population.index))
    for f in alloc.fields:
        vals = population[f.plan.name].tolist()
        total, est_part, _ = independent(vals, ov, lambda r: ov.area[r] / ov.source_area[ov.source[r]])
        for j in range(n_t):
            if j in total:
                assert f.value[j] == pytest.approx(total[j], rel=1e-12, abs=1e-9)
                want_est = est_part.get(j, 0.0) / total[j] if total[j] > 0 else 0.0
                assert f.est[j] == pytest.approx(want_est, abs=1e-12)
            else:
                assert math.isnan(f.value[j]) and math.isnan(f.est[j])
        # totals: all targets = covered part of the sources
        covered = sum(
            vals[int(ov.source[r])] * ov.area[r] / ov.source_area[ov.source[r]] for r in range(len(ov.source))
        )
        assert f.after == pytest.approx(covered, rel=1e-12)
        assert f.covered == pytest.approx(covered, rel=1e-12)
        assert f.before == pytest.approx(sum(vals), rel=1e-12)
        assert f.before > f.after  # five sources are (partly) uncovered


def test_full_cover_preserves_totals_and_coverage(population):
    ov = make_overlaps(len(population), 120, seed=7, uncovered=0)
    plans = ca.plan_fields(list(population.columns), COUNTS, None)
    alloc = ca.allocate(population, plans, ov, "area", keys=list(population.index))
    for f in alloc.fields:
        assert abs(f.after - population[f.plan.name].sum()) <= 1e-9 * population[f.plan.name].sum()
    np.testing.assert_allclose(alloc.source_coverage, 1.0, rtol=1e-12)
    cov = {}
    for r in range(len(ov.source)):
        cov[int(ov.target[r])] = cov.get(int(ov.target[r]), 0.0) + ov.area[r]
    for j in range(120):
        assert alloc.area_coverage[j] == pytest.approx(cov.get(j, 0.0) / ov.target_area[j], rel=1e-12)


def test_aggregation_is_exact(population):
    """Each old Planungsraum to its district (the first two digits of its key)."""
    keys = list(population.index)
    districts = sorted({k[:2] for k in keys})
    tgt = np.array([districts.index(k[:2]) for k in keys], dtype=np.int64)
    area = np.ones(len(keys))
    ov = ca.Overlaps(np.arange(len(keys)), tgt, area, None, area, None, np.bincount(tgt, minlength=12) * 1.0, None)
    plans = ca.plan_fields(list(population.columns), COUNTS, None)
    alloc = ca.allocate(population, plans, ov, "aggregate", keys=keys)
    for f in alloc.fields:
        want = population[f.plan.name].groupby([k[:2] for k in keys]).sum()
        assert f.value.tolist() == [float(want[d]) for d in districts]  # sums of integers: exact
        assert (f.est == 0).all()
    np.testing.assert_allclose(alloc.area_coverage, 1.0)


def test_population_weights_and_fallback(population):
    n_t = 80
    ov = make_overlaps(len(population), n_t, seed=3, uncovered=0)
    rng = np.random.default_rng(5)
    ov.weight = rng.uniform(0, 500, len(ov.source))
    ov.weight[ov.source == 10] = 0.0  # a source without population: split by area
    ov.source_weight = np.bincount(ov.source, weights=ov.weight, minlength=ov.n_sources)
    ov.target_weight = np.bincount(ov.target, weights=ov.weight, minlength=n_t) * 1.1
    plans = ca.plan_fields(list(population.columns), ["inhabitants"], None)
    alloc = ca.allocate(population, plans, ov, "population", keys=list(population.index))
    assert alloc.no_weight_sources == [10]

    def share(r):
        i = ov.source[r]
        if ov.source_weight[i] > 0:
            return ov.weight[r] / ov.source_weight[i]
        return ov.area[r] / ov.source_area[i]

    total, _, _ = independent(population["inhabitants"].tolist(), ov, share)
    got = alloc.fields[0].value
    for j, v in total.items():
        assert got[j] == pytest.approx(v, rel=1e-12)
    assert np.nansum(got) == pytest.approx(population["inhabitants"].sum(), rel=1e-12)
    np.testing.assert_allclose(alloc.weight_coverage, 1 / 1.1, rtol=1e-12)


def test_suppressed_cells_never_split(population):
    df = population.copy()
    df["inhabitants_age_below_6_sign"] = None
    df["inhabitants_age_below_6_supp"] = None
    secret = [3, 50, 51]
    for i in secret:
        df.iloc[i, df.columns.get_loc("inhabitants_age_below_6")] = np.nan
        df.iloc[i, df.columns.get_loc("inhabitants_age_below_6_sign")] = "."
        df.iloc[i, df.columns.get_loc("inhabitants_age_below_6_supp")] = "primary" if i == 3 else "secondary"
    zero = 7  # "-": nothing, exactly zero
    df.iloc[zero, df.columns.get_loc("inhabitants_age_below_6")] = np.nan
    df.iloc[zero, df.columns.get_loc("inhabitants_age_below_6_sign")] = "-"
    ov = make_overlaps(len(df), 200, seed=11, uncovered=0)
    plans = ca.plan_fields(list(df.columns), ["inhabitants_age_below_6"], None)
    alloc = ca.allocate(df, plans, ov, "area", keys=list(df.index))
    f = alloc.fields[0]
    dependent = {int(ov.target[r]) for r in range(len(ov.source)) if int(ov.source[r]) in secret}
    assert dependent
    marks = {}
    for r in range(len(ov.source)):
        i = int(ov.source[r])
        if i in secret:
            marks.setdefault(int(ov.target[r]), set()).add("primary" if i == 3 else "secondary")
    for j in range(200):
        if j in dependent:
            assert math.isnan(f.value[j]) and f.sign[j] == "."
            assert f.supp[j] == ("primary" if "primary" in marks[j] else "secondary")
        elif j in set(ov.target.tolist()):
            assert not math.isnan(f.value[j]) and f.sign[j] is None
    # the true zero moved as 0: the others' totals are exact
    vals = df["inhabitants_age_below_6"].tolist()
    vals[zero] = 0.0
    total, _, missing = independent(vals, ov, lambda r: ov.area[r] / ov.source_area[ov.source[r]])
    assert missing == dependent
    for j, v in total.items():
        if j not in dependent:
            assert f.value[j] == pytest.approx(v, rel=1e-12)
    assert f.missing_targets == len(dependent)
    cols, kinds = alloc.columns(range(200))
    assert ("inhabitants_age_below_6_sign", "text") in kinds
    assert cols.loc[sorted(dependent)[0], "inhabitants_age_below_6_sign"] == "."


def test_rates_rebuilt_never_averaged(population):
    cat = read_catalogue(example("katalog_berlin.csv"))
    df = population.copy()
    df["u6_val"] = df["inhabitants_age_below_6"] / df["inhabitants"] * 100
    ov = make_overlaps(len(df), 150, seed=2, uncovered=0)
    plans = ca.plan_fields(list(df.columns), ["u6_val"], cat)
    kinds = {p.name: p.kind for p in plans}
    assert kinds == {
        "u6_val": ca.KIND_RATE_COUNTS,
        "inhabitants_age_below_6": ca.KIND_COUNT,
        "inhabitants": ca.KIND_COUNT,
    }
    alloc = ca.allocate(df, plans, ov, "area", keys=list(df.index))
    by = {f.plan.name: f for f in alloc.fields}
    share = lambda r: ov.area[r] / ov.source_area[ov.source[r]]  # noqa: E731
    num, _, _ = independent(df["inhabitants_age_below_6"].tolist(), ov, share)
    den, _, _ = independent(df["inhabitants"].tolist(), ov, share)
    mean_of_rates, _, _ = independent(df["u6_val"].tolist(), ov, share)
    differs = 0
    for j in num:
        assert by["u6_val"].value[j] == pytest.approx(num[j] / den[j] * 100, rel=1e-12)
        differs += abs(by["u6_val"].value[j] - mean_of_rates[j]) > 1e-6
    assert differs > 100  # an averaged (or split) rate would be something else


def test_weighted_rate_and_refused_pure_rate(population):
    cat = read_catalogue(example("katalog_berlin.csv"))  # S1: rate column with weight EW; KI_05 too
    rng = np.random.default_rng(9)
    df = pd.DataFrame({"S1": rng.uniform(0, 20, 40), "EW": rng.integers(100, 5000, 40).astype(float)})
    ov = make_overlaps(40, 25, seed=4, uncovered=0)
    plans = ca.plan_fields(list(df.columns), ["S1"], cat)
    assert [(p.name, p.kind) for p in plans] == [("S1", ca.KIND_RATE_WEIGHTED), ("EW", ca.KIND_COUNT)]
    alloc = ca.allocate(df, plans, ov, "area")
    share = lambda r: ov.area[r] / ov.source_area[ov.source[r]]  # noqa: E731
    num, _, _ = independent((df["S1"] * df["EW"]).tolist(), ov, share)
    den, _, _ = independent(df["EW"].tolist(), ov, share)
    for j in num:
        assert alloc.fields[0].value[j] == pytest.approx(num[j] / den[j], rel=1e-12)
    # a rate without a weight column: refused, naming field, indicator and what to do
    cat.get("S1").weight_column = None
    with pytest.raises(ca.ArealError, match=r"'S1' is a rate without counts \(indicator 'S1'.*RATES_AS_MEANS"):
        ca.plan_fields(list(df.columns), ["S1"], cat)
    plans = ca.plan_fields(list(df.columns), ["S1"], cat, rates_as_means=True)
    alloc = ca.allocate(df, plans, ov, "area")
    f = alloc.fields[0]
    num, _, _ = independent(df["S1"].tolist(), ov, lambda r: ov.area[r])
    den, _, _ = independent([1.0] * 40, ov, lambda r: ov.area[r])
    for j in num:
        assert f.value[j] == pytest.approx(num[j] / den[j], rel=1e-12)
    cols, kinds = alloc.columns(range(25))
    assert ("S1_note", "text") in kinds
    assert set(cols["S1_note"].dropna()) == {ca.AREA_MEAN_NOTE_DE}


def test_default_fields_from_catalogue():
    cat = read_catalogue(example("katalog_berlin.csv"))
    cols = ["inhabitants_2016", "inhabitants_age_below_6_2016", "inhabitants_foreigners_2016", "PLR_ID"]
    plans = ca.plan_fields(cols, None, cat)
    assert [p.name for p in plans] == [
        "inhabitants_foreigners_2016",
        "inhabitants_2016",
        "inhabitants_age_below_6_2016",
    ]
    assert {p.kind for p in plans} == {ca.KIND_COUNT}


def test_bad_input_named():
    df = pd.DataFrame({"n": [1.0, -3.0, 2.0]}, index=["a", "b", "c"])
    ov = ca.Overlaps(np.array([0, 1, 2]), np.array([0, 0, 1]), np.ones(3), None, np.ones(3), None, np.ones(2), None)
    plans = ca.plan_fields(["n"], ["n"], None)
    with pytest.raises(ca.ArealError, match=r"field 'n': negative count\(s\) in source unit\(s\) b"):
        ca.allocate(df, plans, ov, "area", keys=list(df.index))
    with pytest.raises(ca.ArealError, match=r"field 'x' not found in the SOURCE layer \(fields: n\)"):
        ca.plan_fields(["n"], ["x"], None, layer="SOURCE layer")
    with pytest.raises(ca.ArealError, match="no fields to move"):
        ca.plan_fields(["n"], [], None)
    with pytest.raises(ca.ArealError, match="unknown method"):
        ca.allocate(df, plans, ov, "mean")
    cat = read_catalogue(example("katalog_berlin.csv"))
    with pytest.raises(ca.ArealError, match=r"'mh_z' is computed from indicator 'mh'.*computeindicators"):
        ca.plan_fields(["mh_z"], ["mh_z"], cat)
    table = pd.DataFrame(
        {"source_key": ["a", "zz"], "target_key": ["T", "T"], "area": [1.0, 1.0], "source_area": [1, 1]}
    )
    with pytest.raises(ca.ArealError, match="source key 'zz' is not a key of the source units"):
        ca.overlaps_from_table(table, ["a", "b"], ["T"], [2.0])
    with pytest.raises(ca.ArealError, match="source keys are not unique: a"):
        ca.overlaps_from_table(table, ["a", "a"], ["T"], [2.0])


def test_overlap_table_by_keys_and_report(tmp_path, population):
    table = pd.DataFrame(
        {
            "source_key": ["01011101", "01011101", "01011102"],
            "target_key": ["A", "B", "B"],
            "area": [3.0, 1.0, 2.0],
            "source_area": [4.0, 4.0, 2.0],
        }
    )
    ov = ca.overlaps_from_table(table, list(population.index), ["A", "B", "C"], [3.0, 4.0, 1.0])
    plans = ca.plan_fields(list(population.columns), ["inhabitants"], None)
    alloc = ca.allocate(population, plans, ov, "area", keys=list(population.index))
    v = population["inhabitants"]
    f = alloc.fields[0]
    assert f.value[0] == pytest.approx(v["01011101"] * 0.75)
    assert f.value[1] == pytest.approx(v["01011101"] * 0.25 + v["01011102"])
    assert math.isnan(f.value[2])  # no source reaches C: no data, not 0
    assert f.est[1] == pytest.approx(v["01011101"] * 0.25 / f.value[1])
    assert f.est[0] == 1.0
    rep = ca.report(
        alloc, source_keys=list(population.index), target_keys=["A", "B", "C"], target_names=["a & b", "<b>", None]
    )
    assert rep["sources_not_covered"]["count"] == len(population) - 2
    assert rep["targets_list"]["items"][2]["area_coverage"] == 0.0
    for lang in ("en", "de"):
        html, js = cr.write_report(str(tmp_path / f"r_{lang}.html"), rep, "areal_report.html", lang=lang)
        text = open(html, encoding="utf-8").read()
        assert "a &amp; b" in text and "&lt;b&gt;" in text
    assert "Summen vorher und nachher" in open(tmp_path / "r_de.html", encoding="utf-8").read()
