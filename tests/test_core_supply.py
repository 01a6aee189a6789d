"""core/supply without QGIS: real Berlin Kitas (2023-12) and the children under 6
of the Planungsräume (2024-02), every measure recomputed independently with
full distance matrices and pandas; plus the border cases on small inputs."""

from __future__ import annotations

import json
import os
import sqlite3

import numpy as np
import pandas as pd
import pytest
from conftest import EXAMPLE, example

from sozialplanung_plugin.core import supply as cs
from sozialplanung_plugin.core.supply import distance as cd
from sozialplanung_plugin.core.supply import gap as cg

FACILITIES = os.path.join(os.path.dirname(EXAMPLE), "berlin_facilities", "kitas_berlin_2023-12.geojson")
D = 1000.0


def _kitas() -> pd.DataFrame:
    with open(FACILITIES, encoding="utf-8") as fh:
        feats = json.load(fh)["features"]
    p = pd.DataFrame([f["properties"] for f in feats])
    return pd.DataFrame(
        {
            "id": p["kita_id"],
            "category": p["category"],
            "x": p["x_25833"].astype(float),
            "y": p["y_25833"].astype(float),
            "capacity": p["places"].astype(float),
            "plr": p["plr_id_2021"],
            "where": [f"feature {i}" for i in range(len(p))],
        }
    )


def _units() -> pd.DataFrame:
    """The 542 Planungsräume with their children under 6 (2024-02) and a point of each
    (the centre of its bounding box, read from the GeoPackage's R-tree without GDAL)."""
    con = sqlite3.connect(example("planungsraeume_2021.gpkg"))
    a = pd.read_sql("select fid, PLR_ID, PLR_NAME from planungsraeume_2021 order by fid", con)
    bb = pd.read_sql("select id as fid, minx, maxx, miny, maxy from rtree_planungsraeume_2021_geom", con)
    con.close()
    a = a.merge(bb, on="fid")
    pop = pd.read_csv(example("population_2024-02_t2.csv"), dtype={"id": str})
    a = a.merge(pop[["id", "inhabitants_age_below_6"]], left_on="PLR_ID", right_on="id", how="left")
    return pd.DataFrame(
        {
            "key": a["PLR_ID"],
            "name": a["PLR_NAME"],
            "rep_x": (a["minx"] + a["maxx"]) / 2,
            "rep_y": (a["miny"] + a["maxy"]) / 2,
            "kids": a["inhabitants_age_below_6"].astype(float),
        }
    )


@pytest.fixture(scope="module")
def berlin():
    units = _units()
    kitas = _kitas()
    pos = {k: i for i, k in enumerate(units["key"])}
    kitas["unit"] = kitas["plr"].map(lambda k: pos.get(k, -1)).astype(int)
    return units, kitas


def _dense(units, kitas):
    dx = units["rep_x"].to_numpy()[:, None] - kitas["x"].to_numpy()[None, :]
    dy = units["rep_y"].to_numpy()[:, None] - kitas["y"].to_numpy()[None, :]
    return np.sqrt(dx * dx + dy * dy)


@pytest.mark.parametrize("method", ["count", "catchment"])
def test_berlin_every_measure_recomputed(berlin, method):
    units, kitas = berlin
    res = cs.compute(units, kitas, {"kita": "kids"}, method=method, distance=D)
    f = res.frame
    # counts and capacities: pandas groupby over the source's own PLR ids
    g = kitas.groupby("plr").agg(n=("id", "size"), cap=("capacity", "sum"))
    exp = units[["key"]].merge(g, left_on="key", right_index=True, how="left").fillna({"n": 0, "cap": 0})
    assert f["kita_n"].sum() == len(kitas) == 2913
    np.testing.assert_array_equal(f["kita_n"].to_numpy(), exp["n"].to_numpy())
    np.testing.assert_allclose(f["kita_cap"].to_numpy(), exp["cap"].to_numpy())
    assert f["kita_cap"].sum() == 198558
    kids = units["kids"].to_numpy()
    ok = kids > 0
    ref = exp["cap"].to_numpy()[ok].sum() / kids[ok].sum() * 1000
    np.testing.assert_allclose(f["kita_ref"].to_numpy(), ref)
    per = np.where(ok, exp["cap"].to_numpy() / np.where(ok, kids, 1) * 1000, np.nan)
    np.testing.assert_allclose(f["kita_per1000"].to_numpy(), per, equal_nan=True)
    np.testing.assert_allclose(f["kita_ratio"].to_numpy(), 100 * per / ref, equal_nan=True)
    # units without children: empty, never infinite, with the reason
    assert (~ok).sum() >= 1
    assert f.loc[~ok, "kita_per1000"].isna().all()
    assert (f.loc[~ok, "kita_per1000_sign"] == "-").all()
    assert f.loc[~ok, "kita_note"].str.contains("keine Zielbevölkerung").all()
    assert np.isfinite(f.loc[ok, "kita_per1000"]).all()
    # distances: the full matrix
    dist = _dense(units, kitas)
    np.testing.assert_allclose(f["kita_dist_m"].to_numpy(), dist.min(axis=1), rtol=1e-12)
    reach = np.where(ok, 100.0 * (dist.min(axis=1) <= D), np.nan)
    np.testing.assert_allclose(f["kita_reach_pct"].to_numpy(), reach, equal_nan=True)
    if method == "catchment":
        within = dist <= D
        demand = (np.where(ok, kids, 0)[:, None] * within).sum(axis=0)
        r = np.where(demand > 0, kitas["capacity"].to_numpy() / np.where(demand > 0, demand, 1), 0)
        access = (within * r[None, :]).sum(axis=1) * 1000
        access = np.where(ok, access, np.nan)
        np.testing.assert_allclose(f["kita_access"].to_numpy(), access, rtol=1e-9, equal_nan=True)
        np.testing.assert_allclose(f["kita_access_ratio"].to_numpy(), 100 * access / ref, rtol=1e-9, equal_nan=True)
        # the 2SFCA shares out the capacity of every facility with demand in reach
        served = kitas["capacity"].to_numpy()[demand > 0].sum()
        assert np.nansum(f["kita_access"].to_numpy() * np.where(ok, kids, 0)) / 1000 == pytest.approx(served)
    else:
        assert "kita_access" not in f.columns


def test_duplicates_of_the_real_list_are_listed_and_counted(berlin):
    units, kitas = berlin
    res = cs.compute(units, kitas, {"kita": "kids"}, method="count", distance=D)
    dups = res.check.duplicates
    x, y = kitas["x"].to_numpy(), kitas["y"].to_numpy()
    d = np.sqrt((x[:, None] - x[None, :]) ** 2 + (y[:, None] - y[None, :]) ** 2)
    i, j = np.nonzero(np.triu(d <= 5.0, k=1))
    assert len(dups) == len(i) > 0
    ids = kitas["id"].to_numpy()
    assert {frozenset((r["id"], r["other"])) for r in dups} == {frozenset((ids[a], ids[b])) for a, b in zip(i, j)}
    assert res.frame["kita_n"].sum() == len(kitas)  # all counted
    assert res.report["duplicates"]["count"] == len(i)


def test_nearest_and_pairs_against_brute_force():
    rng = np.random.default_rng(7)
    px, py = rng.uniform(0, 20000, 3000), rng.uniform(0, 20000, 3000)
    fx, fy = rng.normal(5000, 800, 400), rng.normal(15000, 800, 400)  # clustered, far from most points
    dist = np.sqrt((px[:, None] - fx[None, :]) ** 2 + (py[:, None] - fy[None, :]) ** 2)
    np.testing.assert_allclose(cd.nearest(px, py, fx, fy, budget=5000), dist.min(axis=1))
    got = set()
    for i, j, d in cd.pairs_within(px, py, fx, fy, 700.0, budget=3000):
        assert (d <= 700).all()
        got |= set(zip(i.tolist(), j.tolist()))
    assert got == set(zip(*[a.tolist() for a in np.nonzero(dist <= 700)]))


def test_a_network_callback_makes_catchments_distances_and_labels():
    """compute() with ``network``: its pairs make the catchments, its nearest distances the
    distance and reach; here a "network" on which C is 3 km from the Kita (not 1 km)."""
    units = _small_units()
    fac = pd.DataFrame({"id": ["k"], "category": ["Kita"], "x": [1000.0], "y": [0.0], "capacity": [30.0]})
    fac["unit"] = 1

    def network(cat, px, py, fx, fy, within):
        d = np.abs(px[:, None] - fx[None, :])
        d[2] = 3000.0  # C only by a detour
        i, j = np.nonzero(d <= within)
        return d.min(axis=1), [(i, j, d[i, j])]

    def supply(**kw):
        kids = units.assign(kids=[100.0, 200.0, 50.0, 0.0], kids_sign=None)
        return cs.compute(kids, fac, {"kita": "kids"}, method="catchment", distance=1500.0, **kw).frame

    f = supply(network=network, names={"kita": "Kitas"})
    # A (1 km) and B (0 km) within reach of 1.5 km, C (3 km) and D (4 km) not: R = 30 / 300
    np.testing.assert_allclose(f["kita_access"].to_numpy()[:3], [100.0, 100.0, 0.0])
    np.testing.assert_allclose(f["kita_dist_m"].to_numpy(), [1000.0, 0.0, 3000.0, 4000.0])
    np.testing.assert_allclose(f["kita_reach_pct"].to_numpy()[:3], [100.0, 100.0, 0.0])
    assert f["kita_label"].tolist() == ["Kitas"] * 4
    straight = supply()
    assert straight["kita_access"].to_numpy()[2] > 0  # C is 1 km away in a straight line
    assert straight["kita_label"].tolist() == ["kita"] * 4


def _small_units():
    return pd.DataFrame(
        {
            "key": ["A", "B", "C", "D"],
            "name": ["a", "b", "c", "d"],
            "rep_x": [0.0, 1000.0, 2000.0, 5000.0],
            "rep_y": [0.0, 0.0, 0.0, 0.0],
            "kids": [100.0, 200.0, np.nan, 0.0],
            "kids_sign": [None, None, ".", None],
        }
    )


def _small_facilities():
    return pd.DataFrame(
        {
            "id": ["k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8"],
            "category": ["kita", "Kita ", "kita", "kita", "kita", None, "kita", "schule"],
            "x": [10.0, 1000.0, 1002.0, 2000.0, np.nan, 0.0, 9000.0, 5.0],
            "y": [0.0, 10.0, 12.0, 0.0, 0.0, 0.0, 0.0, 0.0],
            "capacity": [50.0, 40.0, np.nan, 30.0, 10.0, 10.0, 5.0, 100.0],
            "capacity_sign": [None, None, ".", None, None, None, None, None],
            "unit": [0, 1, 1, 2, -1, 0, -1, 0],
            "where": [f"line {i + 2}" for i in range(8)],
        }
    )


def test_border_cases_small():
    res = cs.compute(_small_units(), _small_facilities(), {"kita": "kids"}, method="catchment", distance=500.0)
    f = res.frame
    assert f["kita_n"].tolist() == [1, 2, 1, 0]
    # missing capacity: counted, the unit's capacity missing with its sign and reason
    assert f["kita_cap"].iloc[0] == 50 and np.isnan(f["kita_cap"].iloc[1]) and f["kita_cap_sign"].iloc[1] == "."
    assert "1 von 2 Einrichtungen ohne Kapazitätsangabe" in f["kita_note"].iloc[1]
    assert np.isnan(f["kita_per1000"].iloc[1])
    # reference over the units where capacity and target are known: A only
    assert f["kita_ref"].iloc[0] == pytest.approx(50 / 100 * 1000)
    # unit C: target missing with the table's sign; D: no target population
    assert np.isnan(f["kita_per1000"].iloc[2]) and f["kita_per1000_sign"].iloc[2] == "."
    assert np.isnan(f["kita_per1000"].iloc[3]) and f["kita_per1000_sign"].iloc[3] == "-"
    assert np.isnan(f["kita_access"].iloc[3]) and np.isnan(f["kita_reach_pct"].iloc[3])
    # 2SFCA: k1 serves A only (100 kids) -> A's access 500; B is near k3 without capacity -> missing
    assert f["kita_access"].iloc[0] == pytest.approx(500.0)
    assert np.isnan(f["kita_access"].iloc[1])
    assert "Einrichtung ohne Kapazitätsangabe im Umkreis" in f["kita_note"].iloc[1]
    # distances still known everywhere (D: nearest is k4 at 3000 m)
    assert f["kita_dist_m"].tolist() == pytest.approx([10.0, np.hypot(0, 10), 0.0, 3000.0])
    # bad rows listed, never dropped silently; the other category is listed too
    bad = {r["id"]: r["reason"] for r in res.check.bad_rows}
    assert set(bad) == {"k5", "k6", "k8"}
    assert "no usable coordinates" in bad["k5"] and "no category" in bad["k6"]
    assert bad["k8"] == "category not in DEMAND"
    assert [r["id"] for r in res.check.outside] == ["k7"]
    assert [(r["id"], r["other"]) for r in res.check.duplicates] == [("k2", "k3")]
    assert [r["id"] for r in res.check.missing_capacity] == ["k3"]
    assert res.report["bad_rows"]["count"] == 3


def test_population_points_spread_the_target():
    units = _small_units().iloc[:2].reset_index(drop=True)
    fac = pd.DataFrame({"id": ["k"], "category": ["kita"], "x": [0.0], "y": [0.0], "capacity": [60.0], "unit": [0]})
    pop = {
        "unit": np.array([0, 0, 1, 1, -1]),
        "x": np.array([0.0, 800.0, 1000.0, 1400.0, 0.0]),
        "y": np.zeros(5),
        "weight": np.array([1.0, 3.0, 1.0, np.nan, 5.0]),
    }
    res = cs.compute(units, fac, {"kita": "kids"}, method="catchment", distance=900.0, population=pop)
    f = res.frame
    # A: points at 0 m (share 1/4) and 800 m (3/4); B: one point at 1000 m (the NaN one is not used)
    assert f["kita_dist_m"].tolist() == pytest.approx([0.25 * 0 + 0.75 * 800, 1000.0])
    assert f["kita_reach_pct"].tolist() == pytest.approx([100.0, 0.0])
    # demand within 900 m of k: all of A (100 kids) -> R = 0.6; A's access 600, B's 0
    assert f["kita_access"].tolist() == pytest.approx([600.0, 0.0])


def test_supply_gap_reason_in_words():
    units = _small_units()
    units["burden_code"] = [3.0, 3.0, 1.0, np.nan]
    units["burden_class"] = ["besonders belastet", "besonders belastet", "unauffällig", "nicht bewertbar"]
    fac = _small_facilities()
    fac.loc[2, "capacity"] = 5.0
    burden = cs.burden_status(units)
    res = cs.compute(
        units,
        fac,
        {"kita": "kids"},
        method="count",
        burden=burden,
        labels={"kita": "Kita-Plätze je 1.000 Kinder unter 6"},
    )
    f = res.frame
    # city: A 50/100, B 45/200 -> 95/300 x 1000 = 316.7; B (225) is below
    assert f["supply_gap"].tolist()[:3] == [0.0, 1.0, 0.0] and np.isnan(f["supply_gap"].iloc[3])
    assert f["supply_gap_reason"].iloc[1] == "besonders belastet; Kita-Plätze je 1.000 Kinder unter 6: 225, Stadt 317"
    assert [g["key"] for g in res.report["gaps"]["items"]] == ["B"]


def test_status_classes_two_least_favourable():
    frame = pd.DataFrame(
        {
            "status_class": [1.0, 2.0, 3.0, 4.0, np.nan],
            "status_label": ["hoch", "mittel", "niedrig", "sehr niedrig", None],
        }
    )
    b = cg.burden_status(frame)
    assert b.burdened[:4].tolist() == [0.0, 0.0, 1.0, 1.0] and np.isnan(b.burdened[4])
    assert b.label[3] == "Statusklasse 4 (sehr niedrig)"


def test_demand_parsing_errors():
    assert cs.parse_demand("kita=EW_unter6; schule = EW_6_15") == {"kita": "EW_unter6", "schule": "EW_6_15"}
    for bad in ("", "kita", "kita=", "1a=x", "kita=a;KITA=b"):
        with pytest.raises(cs.SupplyError):
            cs.parse_demand(bad)
