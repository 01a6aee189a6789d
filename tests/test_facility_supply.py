"""sozialplanung:facilitysupply on real data: the 542 Planungsräume with their
children under 6 (2024-02) and Berlin's 2,913 Kitas (2023-12). Every field is
recomputed independently: counts and places from the source's own PLR ids,
distances and the 2SFCA with full matrices from the source's own ETRS89
coordinates; border cases on memory layers and a German CSV."""

from __future__ import annotations

import json
import os

import numpy as np
import pandas as pd
import pytest
from conftest import EXAMPLE, example, layer_rows

KITAS = os.path.join(os.path.dirname(EXAMPLE), "berlin_facilities", "kitas_berlin_2023-12.geojson")
D = 1000.0
#: the source rounds its ETRS89 coordinates to 1 cm: pairs this close to D may fall either way
AMBIGUOUS = 0.01


@pytest.fixture(scope="module")
def units(tmp_path_factory, provider):
    import processing
    from qgis.core import QgsProcessingContext, QgsProject

    out = str(tmp_path_factory.mktemp("supply") / "units.gpkg")
    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())
    processing.run(
        "sozialplanung:joinindicators",
        {
            "INPUT": example("planungsraeume_2021.gpkg") + "|layername=planungsraeume_2021",
            "INPUT_KEY": "PLR_ID",
            "TABLE": example("population_2024-02_t2.csv"),
            "TABLE_KEY": "id",
            "FIELDS": "inhabitants_age_below_6",
            "OUTPUT": out,
        },
        context=ctx,
    )
    return out


def _kitas() -> pd.DataFrame:
    with open(KITAS, encoding="utf-8") as fh:
        return pd.DataFrame([f["properties"] for f in json.load(fh)["features"]])


def _unit_points(path):
    """Key, children, and the demand point (centroid, or point on surface outside) of each unit."""
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(path, "u", "ogr")
    rows = []
    for f in layer.getFeatures():
        g = f.geometry()
        c = g.centroid()
        if not g.contains(c) and not g.touches(c):
            c = g.pointOnSurface()
        p = c.asPoint()
        kids = f["inhabitants_age_below_6"]
        kids = None if kids is None or (hasattr(kids, "isNull") and kids.isNull()) else float(kids)
        rows.append((f["PLR_ID"], kids, p.x(), p.y()))
    return pd.DataFrame(rows, columns=["key", "kids", "x", "y"])


@pytest.mark.parametrize("method", ["count", "catchment"])
def test_real_kitas_every_field(run, units, tmp_path, method):
    out = str(tmp_path / "supply.gpkg")
    report = str(tmp_path / "supply.html")
    res = run(
        "sozialplanung:facilitysupply",
        {
            "UNITS": units,
            "KEY_FIELD": "PLR_ID",
            "NAME_FIELD": "PLR_NAME",
            "FACILITIES": KITAS,
            "ID_FIELD": "kita_id",
            "CATEGORY_FIELD": "category",
            "CAPACITY_FIELD": "places",
            "DEMAND": "kita=inhabitants_age_below_6",
            "METHOD": method,
            "DISTANCE": D,
            "OUTPUT": out,
            "REPORT": report,
        },
    )
    assert res["FACILITIES_USED"] == 2913 and res["ROWS_NOT_USED"] == 0
    rows = layer_rows(out, "PLR_ID")
    assert len(rows) == 542
    k = _kitas()
    g = k.groupby("plr_id_2021").agg(n=("kita_id", "size"), cap=("places", "sum"))
    up = _unit_points(units).set_index("key")
    keys = list(up.index)
    n = np.array([rows[x]["kita_n"] for x in keys], dtype=float)
    cap = np.array([rows[x]["kita_cap"] for x in keys], dtype=float)
    # counts and places: the source's own PLR assignment gives the same, unit by unit
    np.testing.assert_array_equal(n, g["n"].reindex(keys).fillna(0).to_numpy())
    np.testing.assert_array_equal(cap, g["cap"].reindex(keys).fillna(0).to_numpy())
    kids = up["kids"].to_numpy(dtype=float)
    ok = np.isfinite(kids) & (kids > 0)
    ref = cap[ok].sum() / kids[ok].sum() * 1000
    per = np.where(ok, cap / np.where(ok, kids, 1) * 1000, np.nan)
    got = lambda f: np.array([np.nan if rows[x][f] is None else rows[x][f] for x in keys], dtype=float)  # noqa: E731
    np.testing.assert_allclose(got("kita_ref"), ref)
    np.testing.assert_allclose(got("kita_per1000"), per, equal_nan=True)
    np.testing.assert_allclose(got("kita_ratio"), 100 * per / ref, equal_nan=True)
    # units without children: empty (NULL), not infinite, with the sign and the reason
    zero = [x for x, v in zip(keys, kids) if v == 0]
    assert zero, "the example has Planungsräume without children"
    for x in zero:
        assert rows[x]["kita_per1000"] is None and rows[x]["kita_per1000_sign"] == "-"
        assert rows[x]["kita_ratio"] is None and "keine Zielbevölkerung" in rows[x]["kita_note"]
    # distances from the unit's point to every Kita (the source's own ETRS89 coordinates)
    fx, fy = k["x_25833"].to_numpy(float), k["y_25833"].to_numpy(float)
    dist = np.sqrt((up["x"].to_numpy()[:, None] - fx) ** 2 + (up["y"].to_numpy()[:, None] - fy) ** 2)
    np.testing.assert_allclose(got("kita_dist_m"), dist.min(axis=1), atol=0.05)
    near = dist.min(axis=1)
    safe = np.abs(near - D) > AMBIGUOUS
    np.testing.assert_array_equal(got("kita_reach_pct")[safe & ok], 100.0 * (near <= D)[safe & ok])
    if method == "catchment":
        within = dist <= D
        amb = np.abs(dist - D) < AMBIGUOUS
        affected = amb.any(axis=1) | within[:, amb.any(axis=0)].any(axis=1)
        assert affected.sum() <= 10
        demand = (np.where(ok, kids, 0)[:, None] * within).sum(axis=0)
        r = np.where(demand > 0, k["places"].to_numpy(float) / np.where(demand > 0, demand, 1), 0.0)
        access = np.where(ok, (within * r).sum(axis=1) * 1000, np.nan)
        sure = ~affected
        np.testing.assert_allclose(got("kita_access")[sure], access[sure], rtol=1e-9, equal_nan=True)
        ratio = 100 * access / ref
        np.testing.assert_allclose(got("kita_access_ratio")[sure], ratio[sure], rtol=1e-9, equal_nan=True)
    assert os.path.exists(report) and os.path.exists(report[:-5] + ".json")
    rep = json.load(open(report[:-5] + ".json", encoding="utf-8"))
    assert rep["duplicates"]["count"] > 0  # Kitas sharing a building: listed, all counted


def _border_point(units_path):
    """A point on the border shared by two units, and their keys."""
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(units_path, "u", "ogr")
    feats = list(layer.getFeatures())
    a = feats[0]
    for b in feats[1:]:
        shared = a.geometry().intersection(b.geometry())
        if shared.type() == 1 and shared.length() > 10:  # a line
            p = shared.interpolate(shared.length() / 2).asPoint()
            return p, a["PLR_ID"], b["PLR_ID"]
    raise AssertionError("no neighbour found")


def _memory_points(units_path, rows):
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsPointXY, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    layer = QgsVectorLayer("Point?crs=EPSG:25833", "fac", "memory")
    pr = layer.dataProvider()
    pr.addAttributes(
        [QgsField("id", QVariant.String), QgsField("cat", QVariant.String), QgsField("cap", QVariant.Double)]
    )
    layer.updateFields()
    feats = []
    for fid, cat, cap, xy in rows:
        f = QgsFeature(layer.fields())
        f.setAttributes([fid, cat, cap])
        if xy is not None:
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*xy)))
        feats.append(f)
    pr.addFeatures(feats)
    return layer


def test_border_point_missing_capacity_and_bad_rows(run, units, tmp_path):
    p, ka, kb = _border_point(units)
    layer = _memory_points(
        units,
        [
            ("border", "kita", 20.0, (p.x(), p.y())),
            ("nocap", "kita", None, (p.x() + 0.0, p.y())),  # same place: a possible duplicate
            ("nogeom", "kita", 10.0, None),
            ("nocat", None, 10.0, (p.x(), p.y())),
            ("far", "kita", 10.0, (100000.0, 100000.0)),
        ],
    )
    out = str(tmp_path / "s.gpkg")
    report = str(tmp_path / "s.html")
    res = run(
        "sozialplanung:facilitysupply",
        {
            "UNITS": units,
            "KEY_FIELD": "PLR_ID",
            "FACILITIES": layer,
            "ID_FIELD": "id",
            "CATEGORY_FIELD": "cat",
            "CAPACITY_FIELD": "cap",
            "DEMAND": "kita=inhabitants_age_below_6",
            "METHOD": "catchment",
            "DISTANCE": 500,
            "OUTPUT": out,
            "FACILITIES_OUTPUT": str(tmp_path / "points.gpkg"),
            "REPORT": report,
        },
    )
    rows = layer_rows(out, "PLR_ID")
    points = layer_rows(res["FACILITIES_OUTPUT"], "fac_id")
    assert set(points) == {"border", "nocap", "far"}
    assert points["far"]["unit_key"] is None and "außerhalb" in points["far"]["fac_note"]
    assert points["border"]["unit_key"] in (ka, kb) and "Dublette von nocap" in points["border"]["fac_note"]
    assert "ohne Kapazitätsangabe" in points["nocap"]["fac_note"] and points["nocap"]["capacity"] is None
    # the border point counts once, in one of the two units
    assert sum(r["kita_n"] for r in rows.values()) == 2
    assert rows[ka]["kita_n"] + rows[kb]["kita_n"] == 2 and {rows[ka]["kita_n"], rows[kb]["kita_n"]} == {0, 2}
    holder = ka if rows[ka]["kita_n"] else kb
    # missing capacity: counted, capacity missing with its sign and reason
    assert rows[holder]["kita_cap"] is None and rows[holder]["kita_cap_sign"] == "."
    assert "1 von 2 Einrichtungen ohne Kapazitätsangabe" in rows[holder]["kita_note"]
    assert rows[holder]["kita_per1000"] is None
    other = kb if holder == ka else ka
    assert rows[other]["kita_cap"] == 0 and rows[other]["kita_dist_m"] is not None
    rep = json.load(open(report[:-5] + ".json", encoding="utf-8"))
    bad = {r["id"]: r["reason"] for r in rep["bad_rows"]["items"]}
    assert set(bad) == {"nogeom", "nocat"} and res["ROWS_NOT_USED"] == 2
    assert [r["id"] for r in rep["outside"]["items"]] == ["far"]
    assert [r["id"] for r in rep["missing_capacity"]["items"]] == ["nocap"]
    assert rep["duplicates"]["count"] == 1


def test_table_with_german_numbers_and_crs(run, units, tmp_path):
    k = _kitas().head(300)
    csv = tmp_path / "kitas.csv"
    lines = ["Kita-Nr.;Art;Plätze;Rechtswert;Hochwert"]
    for r in k.itertuples():
        x = f"{r.x_25833:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")
        y = f"{r.y_25833:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")
        lines.append(f"{r.kita_id};Kita;{r.places};{x};{y}")
    lines.append("99999999;Kita;.;.;5.820.000,0")  # no usable coordinates, no capacity
    csv.write_text("\n".join(lines) + "\n", encoding="cp1252")
    out = str(tmp_path / "t.gpkg")
    report = str(tmp_path / "t.html")
    res = run(
        "sozialplanung:facilitysupply",
        {
            "UNITS": units,
            "KEY_FIELD": "PLR_ID",
            "FACILITIES_TABLE": str(csv),
            "X_FIELD": "Rechtswert",
            "Y_FIELD": "Hochwert",
            "CRS": "EPSG:25833",
            "ID_FIELD": "Kita-Nr.",
            "CATEGORY_FIELD": "Art",
            "CAPACITY_FIELD": "Plätze",
            "DEMAND": "kita=inhabitants_age_below_6",
            "OUTPUT": out,
            "REPORT": report,
        },
    )
    assert res["FACILITIES_USED"] == 300 and res["ROWS_NOT_USED"] == 1
    rows = layer_rows(out, "PLR_ID")
    g = k.groupby("plr_id_2021").agg(n=("kita_id", "size"), cap=("places", "sum"))
    for key, r in rows.items():
        assert r["kita_n"] == (g["n"].get(key, 0)), key
        assert r["kita_cap"] == (g["cap"].get(key, 0)), key
    rep = json.load(open(report[:-5] + ".json", encoding="utf-8"))
    assert rep["bad_rows"]["items"][0]["id"] == "99999999"
    assert "line" in rep["bad_rows"]["items"][0]["where"]


def test_supply_gap_with_burden_layer(run, units, tmp_path):
    """A burden layer keyed like the units: the gap follows the rule, the reason says it in words."""
    from qgis.core import QgsFeature, QgsField, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    src = QgsVectorLayer(units, "u", "ogr")
    keys = [f["PLR_ID"] for f in src.getFeatures()]
    burden = QgsVectorLayer("None", "b", "memory")
    burden.dataProvider().addAttributes(
        [
            QgsField("PLR_ID", QVariant.String),
            QgsField("burden_code", QVariant.Int),
            QgsField("burden_class", QVariant.String),
        ]
    )
    burden.updateFields()
    feats = []
    for i, key in enumerate(keys):
        f = QgsFeature(burden.fields())
        f.setAttributes([key, 3 if i % 2 == 0 else 1, "besonders belastet" if i % 2 == 0 else "unauffällig"])
        feats.append(f)
    burden.dataProvider().addFeatures(feats)
    out = str(tmp_path / "g.gpkg")
    res = run(
        "sozialplanung:facilitysupply",
        {
            "UNITS": units,
            "KEY_FIELD": "PLR_ID",
            "FACILITIES": KITAS,
            "CATEGORY_FIELD": "category",
            "CAPACITY_FIELD": "places",
            "DEMAND": "kita=inhabitants_age_below_6",
            "LABELS": "kita=Kita-Plätze je 1.000 Kinder unter 6",
            "BURDEN": burden,
            "OUTPUT": out,
        },
    )
    rows = layer_rows(out, "PLR_ID")
    gaps = 0
    for i, key in enumerate(keys):
        r = rows[key]
        if i % 2:
            assert r["supply_gap"] == 0
        elif r["kita_per1000"] is None:
            assert r["supply_gap"] is None
        elif r["kita_per1000"] < r["kita_ref"]:
            gaps += 1
            assert r["supply_gap"] == 1
            assert r["supply_gap_reason"].startswith("besonders belastet; Kita-Plätze je 1.000 Kinder unter 6: ")
            assert r["supply_gap_reason"].endswith(", Stadt " + f"{round(r['kita_ref']):,}".replace(",", "."))
        else:
            assert r["supply_gap"] == 0
    assert gaps == res["SUPPLY_GAPS"] > 0


def test_network_distances_along_the_lines(run):
    """Two square units, one Kita in A; the road leaves A northwards, turns and comes down to B's
    centre: along the network B is 1,480 + 1,000 + 1,500 m away, not the straight 1,000 m."""
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    u = QgsVectorLayer("Polygon?crs=EPSG:25833&field=key:string&field=kids:double", "u", "memory")
    for k, x in (("A", 0), ("B", 1000)):
        f = QgsFeature(u.fields())
        f.setAttributes([k, 100.0])
        f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({x} 0,{x + 1000} 0,{x + 1000} 1000,{x} 1000,{x} 0))"))
        u.dataProvider().addFeature(f)
    fac = QgsVectorLayer("Point?crs=EPSG:25833&field=id:string&field=cap:double", "f", "memory")
    f = QgsFeature(fac.fields())
    f.setAttributes(["k1", 50.0])
    f.setGeometry(QgsGeometry.fromWkt("POINT(500 520)"))
    fac.dataProvider().addFeature(f)
    net = QgsVectorLayer("LineString?crs=EPSG:25833", "n", "memory")
    g = QgsFeature()
    g.setGeometry(QgsGeometry.fromWkt("LINESTRING(500 500, 500 2000, 1500 2000, 1500 500)"))
    net.dataProvider().addFeature(g)
    out = {}
    for name, network in (("straight", None), ("network", net)):
        p = {
            "UNITS": u,
            "KEY_FIELD": "key",
            "FACILITIES": fac,
            "CAPACITY_FIELD": "cap",
            "DEMAND": "kita=kids",
            "METHOD": "catchment",
            "DISTANCE": 1200,
            "OUTPUT": "TEMPORARY_OUTPUT",
        }
        if network is not None:
            p["NETWORK"] = network
        res = run("sozialplanung:facilitysupply", p)
        out[name] = {
            ft["key"]: (ft["kita_dist_m"], ft["kita_reach_pct"], ft["kita_access"], ft["kita_access_ratio"])
            for ft in res["OUTPUT"].getFeatures()
        }
    # straight: both units within 1,200 m of the Kita, R = 50 / 200 places per child, ref 250
    assert out["straight"]["A"] == pytest.approx((20.0, 100.0, 250.0, 100.0))
    assert out["straight"]["B"] == pytest.approx((np.hypot(1000, 20), 100.0, 250.0, 100.0))
    # along the road B is out of reach: the Kita serves A's 100 children alone
    assert out["network"]["A"] == pytest.approx((20.0, 100.0, 500.0, 200.0))
    assert out["network"]["B"] == pytest.approx((3980.0, 0.0, 0.0, 0.0))


def test_network_catchment_on_a_street_grid(run):
    """A 3 x 3 km grid of streets every 100 m (vertices at every crossing), nine 1 km units with
    their centroids on crossings and Kitas on crossings: along the streets every distance is
    the Manhattan distance, so the 2SFCA, the nearest distance and the reach are recomputed
    here from a full Manhattan distance matrix."""
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    u = QgsVectorLayer("Polygon?crs=EPSG:25833&field=key:string&field=kids:double", "u", "memory")
    kids = {}
    for r in range(3):
        for c in range(3):
            key = f"U{r}{c}"
            kids[key] = 50.0 + 37.0 * r + 11.0 * c
            f = QgsFeature(u.fields())
            f.setAttributes([key, kids[key]])
            x, y = 1000 * c, 1000 * r
            ring = f"{x} {y},{x + 1000} {y},{x + 1000} {y + 1000},{x} {y + 1000},{x} {y}"
            f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({ring}))"))
            u.dataProvider().addFeature(f)
    sites = [("k1", 300, 400, 40.0), ("k2", 1600, 1500, 90.0), ("k3", 2800, 200, 25.0), ("k4", 900, 2700, 60.0)]
    fac = QgsVectorLayer("Point?crs=EPSG:25833&field=id:string&field=cap:double", "f", "memory")
    for fid, x, y, cap in sites:
        f = QgsFeature(fac.fields())
        f.setAttributes([fid, cap])
        f.setGeometry(QgsGeometry.fromWkt(f"POINT({x} {y})"))
        fac.dataProvider().addFeature(f)
    net = QgsVectorLayer("LineString?crs=EPSG:25833", "n", "memory")
    steps = range(0, 3001, 100)
    for v in steps:
        for wkt in (
            "LINESTRING(" + ",".join(f"{v} {w}" for w in steps) + ")",
            "LINESTRING(" + ",".join(f"{w} {v}" for w in steps) + ")",
        ):
            g = QgsFeature()
            g.setGeometry(QgsGeometry.fromWkt(wkt))
            net.dataProvider().addFeature(g)
    distance = 1500.0
    res = run(
        "sozialplanung:facilitysupply",
        {
            "UNITS": u,
            "KEY_FIELD": "key",
            "FACILITIES": fac,
            "CAPACITY_FIELD": "cap",
            "DEMAND": "kita=kids",
            "METHOD": "catchment",
            "DISTANCE": distance,
            "NETWORK": net,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    got = {ft["key"]: ft for ft in res["OUTPUT"].getFeatures()}
    keys = sorted(kids)
    px = np.array([1000 * int(k[2]) + 500 for k in keys], dtype=float)
    py = np.array([1000 * int(k[1]) + 500 for k in keys], dtype=float)
    w = np.array([kids[k] for k in keys])
    fx = np.array([s[1] for s in sites], dtype=float)
    fy = np.array([s[2] for s in sites], dtype=float)
    cap = np.array([s[3] for s in sites])
    d = np.abs(px[:, None] - fx[None, :]) + np.abs(py[:, None] - fy[None, :])
    within = d <= distance
    r = cap / (within * w[:, None]).sum(axis=0)
    access = 1000.0 * (within * r[None, :]).sum(axis=1)
    ref = cap.sum() / w.sum() * 1000.0
    straight = np.hypot(px[:, None] - fx[None, :], py[:, None] - fy[None, :]) <= distance
    assert (straight != within).any(), "the grid must make the network catchments differ from straight lines"
    for k, key in enumerate(keys):
        ft = got[key]
        assert ft["kita_access"] == pytest.approx(access[k], rel=1e-9), key
        assert ft["kita_access_ratio"] == pytest.approx(100.0 * access[k] / ref, rel=1e-9), key
        assert ft["kita_dist_m"] == pytest.approx(d[k].min(), abs=1e-6), key
        assert ft["kita_reach_pct"] == pytest.approx(100.0 if d[k].min() <= distance else 0.0), key
