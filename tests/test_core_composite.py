"""core.composite: the three index methods and their classes on the Berlin MSS
2021 data, checked against the official classes and against independent
plain-Python computations of the formulas."""

import math
import statistics
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from conftest import data, example

from sozialplanung_plugin.core import composite as cc
from sozialplanung_plugin.core import indicators as ci
from sozialplanung_plugin.core.catalogue import read_catalogue
from sozialplanung_plugin.core.tables import read_table

STATUS = ["S1", "S3", "S4"]


def frame_of(path, key="PLR_ID"):
    t = read_table(path, key=key)
    df = t.data.copy()
    for c, s in t.signs.items():
        df[c + "_sign"] = s
    return df.reset_index(drop=True)


@pytest.fixture(scope="module")
def mss():
    df = frame_of(example("mss_2021_index_indikatoren.csv"))
    ctx = frame_of(example("mss_2021_kontext_indikatoren.csv"))
    keep = ["PLR_ID"] + [c for c in ctx.columns if c.startswith("KI_") and "_GR" not in c and "_sign" not in c]
    return df.merge(ctx[keep], on="PLR_ID", how="left")


@pytest.fixture(scope="module")
def official():
    return frame_of(example("mss_2021_indizes.csv")).set_index("PLR_ID")


def test_zscore_sum_reproduces_the_official_status_and_dynamics_classes(mss, official):
    cat = read_catalogue(example("katalog_berlin.csv"))
    res = cc.compute(mss, cat, population=mss["EW"], population_name="EW", min_population=300, keys=mss["PLR_ID"])
    out = res.frame.set_index(mss["PLR_ID"])
    valid = official.index[official["KOM"] == "gültig"]
    assert len(valid) == 536
    assert (out.loc[valid, "status_class"] == official.loc[valid, "SI_N"]).all()
    assert (out.loc[valid, "dynamics_class"] == official.loc[valid, "DI_N"]).all()
    assert (out.loc[valid, "sdi_class"] == official.loc[valid, "SDI"]).all()
    assert (out.loc[valid, "status_label"] == official.loc[valid, "SI_V"]).all()
    assert (out.loc[valid, "dynamics_label"] == official.loc[valid, "DI_V"]).all()
    invalid = official.index[official["KOM"] != "gültig"]
    assert (out.loc[invalid, "status_label"] == "nicht klassifiziert").all()
    assert out.loc[invalid, "status_class"].isna().all() and out.loc[invalid, "sdi_class"].isna().all()
    assert out.at["03300515", "status_note"] == (
        "weniger als 300 Einwohner (EW = 38); kein Wert: S1 (-9999), S3 (-9999), S4 (-9999)"
    )
    assert out.at["03400831", "status_note"].startswith("Einwohnerzahl fehlt (EW)")
    assert out.at["10100205", "dynamics_note"] == "kein Wert: D1 (-9999), D3 (-9999), D4 (-9999)"
    assert out.loc[valid, "status_note"].isna().all()


def test_zscore_sum_index_is_the_sum_of_sample_z_scores(mss):
    cat = read_catalogue(example("katalog_berlin.csv"))
    res = cc.compute(mss, cat, population=mss["EW"], min_population=300)
    valid = [i for i in range(len(mss)) if all(not math.isnan(mss[s][i]) for s in STATUS) and mss["EW"][i] >= 300]
    stats = {s: (statistics.mean(mss[s][i] for i in valid), statistics.stdev(mss[s][i] for i in valid)) for s in STATUS}
    for i in valid[:60]:
        idx = sum((mss[s][i] - stats[s][0]) / stats[s][1] for s in STATUS)
        assert res.frame["status_index"][i] == pytest.approx(idx, rel=1e-10, abs=1e-12)
        assert res.frame["S1_zidx"][i] == pytest.approx((mss["S1"][i] - stats["S1"][0]) / stats["S1"][1])
    x = [res.frame["status_index"][i] for i in valid]
    m, s = statistics.mean(x), statistics.stdev(x)
    for i in valid:
        v = res.frame["status_index"][i]
        c = 4 if v >= m + 1.5 * s else 3 if v >= m + s else 1 if v <= m - s else 2
        assert res.frame["status_class"][i] == c


def percent_ranks(values):
    """CDC: (rank - 1) / (N - 1), rank from the lowest, ties the lowest rank;
    exact fractions, so that sums of them tie exactly where they are equal
    (float sums tie or not depending on the order of addition and on the
    Python version: sum() of floats is compensated from Python 3.12 on)."""
    n = len(values)
    return [Fraction(sum(1 for w in values if w < v), n - 1) for v in values]


@pytest.fixture()
def svi_catalogue(tmp_path):
    p = tmp_path / "svi.csv"
    p.write_text(
        "id;Thema;Quote;Gewichtung;Polarität;Gewicht;Themengewicht;Index\n"
        "S1;Arbeit;S1;EW;+;1;1;status\n"
        "S3;Arbeit;S3;EW;+;2;;status\n"
        "KI_01;Arbeit;KI_01;EW;+;1;;status\n"
        "S4;Familie;S4;EW;+;1;2;status\n"
        "KI_02;Familie;KI_02;EW;+;1;2;status\n"
        "KI_10;Wohnen;KI_10;EW;-;1;;status\n"
        "KI_05;Wohnen;KI_05;EW;0;1;;status\n",
        encoding="utf-8",
    )
    return read_catalogue(str(p))


def test_percentile_flags_match_an_independent_svi_computation(mss, svi_catalogue):
    cat = svi_catalogue
    ids = ["S1", "S3", "KI_01", "S4", "KI_02", "KI_10"]  # KI_05 is neutral: never enters an index
    res = cc.compute(mss, cat, method="percentile_flags", population=mss["EW"], min_population=300)
    out = res.frame
    assert "KI_05_prank" not in out.columns
    valid = [i for i in range(len(mss)) if all(not math.isnan(mss[s][i]) for s in ids) and mss["EW"][i] >= 300]
    assert len(valid) == int(out["status_index"].notna().sum())
    inds = {i.id: i for i in cat}
    prank = {s: dict(zip(valid, percent_ranks([inds[s].polarity * mss[s][i] for i in valid]))) for s in ids}
    topics = {"Arbeit": ["S1", "S3", "KI_01"], "Familie": ["S4", "KI_02"], "Wohnen": ["KI_10"]}
    tw = {"Arbeit": 1, "Familie": 2, "Wohnen": 1}
    sums = {t: {i: sum(Fraction(inds[s].weight) * prank[s][i] for s in m) for i in valid} for t, m in topics.items()}
    total = {i: sum(tw[t] * sums[t][i] for t in topics) for i in valid}
    total_rank = dict(zip(valid, percent_ranks([total[i] for i in valid])))
    for s in ids:
        for i in valid:
            assert out[f"{s}_prank"][i] == pytest.approx(float(prank[s][i]), abs=1e-12)
            assert out[f"{s}_pflag"][i] == (1 if prank[s][i] >= Fraction(9, 10) else 0)
    for j, t in enumerate(topics, start=1):
        trank = dict(zip(valid, percent_ranks([sums[t][i] for i in valid])))
        for i in valid:
            assert out[f"theme{j}_sum"][i] == pytest.approx(float(sums[t][i]), rel=1e-15, abs=1e-15)
            assert out[f"theme{j}_rank"][i] == pytest.approx(float(trank[i]), abs=1e-12)
            assert out[f"theme{j}_flags"][i] == sum(1 for s in topics[t] if prank[s][i] >= Fraction(9, 10))
    for i in valid:
        assert out["status_index"][i] == pytest.approx(float(total_rank[i]), abs=1e-12)
        q = 1 if total_rank[i] <= 0.25 else 2 if total_rank[i] <= 0.5 else 3 if total_rank[i] <= 0.75 else 4
        assert out["status_class"][i] == q
        assert out["status_flags"][i] == sum(1 for s in ids if prank[s][i] >= Fraction(9, 10))
    assert res.topics == ["Arbeit", "Familie", "Wohnen"]
    assert set(out["status_label"].dropna()) == set(cc.QUARTILE_LABELS.values()) | {"nicht klassifiziert"}


def test_exponential_rank_matches_an_independent_imd_computation(mss, svi_catalogue):
    cat = svi_catalogue
    res = cc.compute(mss, cat, method="exponential_rank")  # no population filter
    out = res.frame
    ids = ["S1", "S3", "KI_01", "S4", "KI_02", "KI_10"]
    inds = {i.id: i for i in cat}
    valid = [i for i in range(len(mss)) if all(not math.isnan(mss[s][i]) for s in ids)]
    n = len(valid)
    z = {}
    for s in ids:
        m, sd = statistics.mean(mss[s][i] for i in valid), statistics.stdev(mss[s][i] for i in valid)
        z[s] = {i: (mss[s][i] - m) / sd for i in valid}
    topics = {"Arbeit": ["S1", "S3", "KI_01"], "Familie": ["S4", "KI_02"], "Wohnen": ["KI_10"]}
    tw = {"Arbeit": 1, "Familie": 2, "Wohnen": 1}
    index = {i: 0.0 for i in valid}
    for j, (t, members) in enumerate(topics.items(), start=1):
        score = {i: sum(inds[s].polarity * inds[s].weight * z[s][i] for s in members) for i in valid}
        for i in valid:
            r = (1 + sum(1 for k in valid if score[k] < score[i])) / n
            x = -23 * math.log(1 - r * (1 - math.exp(-100 / 23)))
            assert out[f"theme{j}_rank"][i] == pytest.approx(r, abs=1e-12)
            assert out[f"theme{j}_exp"][i] == pytest.approx(x, abs=1e-9)
            index[i] += tw[t] * x
    for i in valid:
        assert out["status_index"][i] == pytest.approx(index[i], abs=1e-9)
        decile = math.floor(10 * sum(1 for k in valid if index[k] < index[i]) / n) + 1
        assert out["status_class"][i] == decile
    top = max(valid, key=lambda i: index[i])
    assert out["status_class"][top] == 10 and out["status_label"][top] == "10. Dezil (höchste Benachteiligung)"
    assert out["theme1_exp"].max() == pytest.approx(100.0)


def test_quantile_and_fixed_break_classes(mss):
    cat = read_catalogue(example("katalog_berlin.csv"))
    q = cc.compute(mss, cat, classes="quantiles", class_count=4, population=mss["EW"], min_population=300).frame
    b = cc.compute(mss, cat, classes="breaks", breaks=[-2.0, 0.0, 2.0], population=mss["EW"], min_population=300).frame
    idx = q["status_index"]
    v = idx.dropna()
    n = len(v)
    for i in v.index:
        assert q.at[i, "status_class"] == math.floor(4 * int((v < v[i]).sum()) / n) + 1
        assert b.at[i, "status_class"] == 1 + sum(1 for x in (-2.0, 0.0, 2.0) if x <= v[i])
    assert q["status_class"].value_counts().to_dict() == {1: 134, 2: 134, 3: 134, 4: 134}
    assert set(b["status_label"]) == {"unter -2", "-2 bis unter 0", "0 bis unter 2", "ab 2", "nicht klassifiziert"}
    assert set(q["status_label"].dropna()) >= {
        "Klasse 1 von 4 (geringste Belastung)",
        "Klasse 4 von 4 (höchste Belastung)",
    }
    # the dynamics index keeps its own classes
    assert set(q["dynamics_label"]) == {"positiv", "stabil", "negativ", "nicht klassifiziert"}
    assert q["sdi_class"].dropna().str.match(r"^[1-4](\+|-|\+/-)$").all()


def test_dynamics_from_the_changes_of_several_years():
    df = frame_of(data("ind_musterstadt_zeitreihe.csv"), key="Schlüssel")
    cat = read_catalogue(data("ind_katalog_zeitreihe.csv"))
    ind = ci.compute(df, cat, keys=df["Schlüssel"])
    res = cc.compute(ind.frame, cat, keys=df["Schlüssel"])
    out = res.frame.set_index(df["Schlüssel"])
    assert res.has_dynamics and "sgb2_chg_zidx" in out.columns
    chg = ind.frame.set_index(df["Schlüssel"])[["sgb2_chg", "alo_chg"]]
    ok = chg.notna().all(axis=1)
    z = (chg[ok] - chg[ok].mean()) / chg[ok].std(ddof=1)
    dyn = z.sum(axis=1)
    assert np.allclose(out.loc[ok, "dynamics_index"], dyn, rtol=1e-12)
    m, s = dyn.mean(), dyn.std(ddof=1)
    exp = dyn.map(lambda v: 1 if v <= m - s else 5 if v >= m + s else 3)
    assert (out.loc[ok, "dynamics_class"] == exp).all()
    assert out.at["0107", "dynamics_label"] == "nicht klassifiziert"
    assert out.at["0107", "dynamics_note"] == "kein Wert: alo (Veränderung)"
    assert out.at["0108", "status_note"] == "kein Wert: sgb2 (.), alo (.)"


def test_index_errors(tmp_path, mss):
    p = tmp_path / "k.csv"
    p.write_text("id;Quote;Polarität;Index\nS1;S1;+;none\n", encoding="utf-8")
    with pytest.raises(cc.CompositeError, match="no indicator enters the status index"):
        cc.compute(mss, read_catalogue(str(p)))
    cat = read_catalogue(example("katalog_berlin.csv"))
    with pytest.raises(cc.CompositeError, match="BREAKS must increase strictly"):
        cc.compute(mss, cat, classes="breaks", breaks=[1.0, 0.0])
    with pytest.raises(
        cc.CompositeError, match="only 0 unit\\(s\\) have every status indicator and at least 1e\\+06 inhabitants"
    ):
        cc.compute(mss, cat, population=mss["EW"], min_population=1e6)
    q = pd.DataFrame(
        {
            "S1_val": [1.0, 2.0],
            "S3_val": [1.0, 1.0],
            "S4_val": [3.0, 2.0],
            "D1_val": [1.0, 1.0],
            "D3_val": [0.0, 2.0],
            "D4_val": [1.0, 1.0],
        }
    )
    res = cc.compute(q, cat)
    assert any("'S3' has the same value in every valid unit" in w for w in res.warnings)


# --- yearly series: the fields of the latest year, the report, the population fields ---


def small_series():
    """Six units, two status indicators in 2019, 2021 and 2023 (a unit without population in 2023)."""
    rng = np.random.default_rng(7)
    df = pd.DataFrame({"key": [f"u{i}" for i in range(6)]})
    for y in (2019, 2021, 2023):
        df[f"a_{y}"] = rng.uniform(0, 10, 6).round(2)
        df[f"b_{y}"] = rng.uniform(0, 10, 6).round(2)
        df[f"ew_{y}"] = 1000.0
    df.loc[5, "ew_2023"] = np.nan
    return df


SMALL_CATALOGUE = "id;Quote;Polarität;Index\nA;a;+;status\nB;b;-;status\n"


def test_series_latest_fields_and_report(tmp_path):
    from sozialplanung_plugin.core.report import render

    df = small_series()
    p = tmp_path / "k.csv"
    p.write_text(SMALL_CATALOGUE, encoding="utf-8")
    cat = read_catalogue(str(p))
    pops = {y: df[f"ew_{y}"].to_numpy() for y in (2019, 2021, 2023)}
    names = {y: f"ew_{y}" for y in pops}
    res = cc.compute_series(df, cat, population=pops, population_name=names, keys=df["key"], dynamics_period=2)
    assert res.dynamics_years == [2021, 2023] and res.dynamics_period == 2
    latest, kinds = cc.latest_fields(res)
    assert [k for k, _ in kinds] == [
        "status_index",
        "status_class",
        "status_label",
        "status_note",
        "dynamics_index",
        "dynamics_class",
        "dynamics_label",
        "dynamics_note",
        "sdi_class",
    ]
    assert same_floats(latest["status_class"], res.frame["status_class_2023"])
    assert latest["status_note"][5] == "Einwohnerzahl fehlt (ew_2023)" and latest["status_label"][5] == (
        "nicht klassifiziert"
    )
    # independently: 2023's index from its own z-scores (B has polarity -)
    ok = df.index[:5]
    z = lambda c: (df.loc[ok, c] - df.loc[ok, c].mean()) / df.loc[ok, c].std(ddof=1)  # noqa: E731
    assert np.allclose(latest["status_index"][:5], z("a_2023") - z("b_2023"), rtol=0, atol=1e-12)
    labels = {1: "hoch", 2: "mittel", 3: "niedrig", 4: "sehr niedrig"}
    for i in ok:
        c = int(latest["status_class"][i])
        d = int(latest["dynamics_class"][i])
        assert latest["status_label"][i] == labels[c]
        assert latest["sdi_class"][i] == f"{c}{ {1: '+', 3: '+/-', 5: '-'}[d] }".replace(" ", "")
    names_of = np.array([f"Unit {k}" for k in df["key"]], dtype=object)
    for lang, words in (
        ("en", ("Class movements", "Transitions", "more burdened")),
        ("de", ("Klassenwechsel", "Übergänge", "Klassen je Jahr")),
    ):
        rep = cc.series_report(res, df["key"], names_of, lang)
        assert [(t["from_year"], t["to_year"]) for t in rep["parts"][0]["transitions"]] == [
            (2019, 2021),
            (2021, 2023),
            (2019, 2023),
        ]
        for t in rep["parts"][0]["transitions"]:
            a = res.frame[f"status_class_{t['from_year']}"]
            b = res.frame[f"status_class_{t['to_year']}"]
            both = a.notna() & b.notna()
            assert t["n"] == int(both.sum())
            moved = [(df.at[i, "key"], int(a[i]), int(b[i])) for i in df.index[both] if a[i] != b[i]]
            assert [(c["key"], c["from"], c["to"]) for c in t["changes"]] == moved
            assert all(c["name"] == f"Unit {c['key']}" for c in t["changes"])
            assert sum(r["total"] for r in t["rows"]) == t["n"] == t["stayed"] + len(moved)
        html = render("composite_report.html", lang=lang, r=rep)
        for w in words:
            assert w in html, (lang, w)
    assert "aus der Reihe selbst: die Veränderung der Statusindikatoren über 2 Jahre" in html


def same_floats(a, b):
    return np.array_equal(np.asarray(a, dtype="float64"), np.asarray(b, dtype="float64"), equal_nan=True)


def test_series_population_fields_and_period_errors(tmp_path):
    cols = ["ew_2019", "ew_2021", "ew", "x_2019"]
    assert cc.population_fields("ew_2019", cols, [2019, 2021]) == {2019: "ew_2019", 2021: "ew_2021"}
    assert cc.population_fields("ew", cols, [2019, 2021]) == {2019: "ew_2019", 2021: "ew_2021"}
    assert cc.population_fields("ew", cols, [2019, 2023]) == {2019: "ew", 2023: "ew"}
    assert cc.population_fields("x_2019", cols, [2019, 2021]) == {2019: "x_2019", 2021: "x_2019"}
    with pytest.raises(cc.CompositeError, match="POPULATION_FIELD: no field ew_2023 for the year 2023"):
        cc.population_fields("ew_2019", cols, [2019, 2023])
    with pytest.raises(cc.CompositeError, match="POPULATION_FIELD: no field 'pop'"):
        cc.population_fields("pop", cols, [2019])
    df = small_series()
    p = tmp_path / "k.csv"
    p.write_text(SMALL_CATALOGUE, encoding="utf-8")
    cat = read_catalogue(str(p))
    with pytest.raises(cc.CompositeError, match=r"PERIOD: a dynamics period of 3 years .* \(periods possible: 2, 4\)"):
        cc.compute_series(df, cat, dynamics_period=3)
    with pytest.raises(cc.CompositeError, match=r"YEARS: no status data for 2020: no field 'a_2020', 'b_2020'"):
        cc.compute_series(df, cat, years=[2019, 2020])
    q = tmp_path / "q.csv"
    q.write_text(SMALL_CATALOGUE + "D;a;+;dynamics\n", encoding="utf-8")
    res = cc.compute_series(df, read_catalogue(str(q)), dynamics_period=2)
    assert res.dynamics_source == "catalogue" and any("PERIOD (2) is not used" in w for w in res.warnings)
