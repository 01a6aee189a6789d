"""core.measures and core.effects on real series, recomputed independently in
plain Python: the MSS status shares 2013-2019 of the 447 old Planungsräume
(ready rates weighted by inhabitants) with the demo's EXAMPLE register, and
the population counts 2021-2024 of the 542 Planungsräume (numerators and
denominators; a goal on an indicator with polarity '-'). No QGIS."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from conftest import example

from sozialplanung_plugin import example_2006, example_measures
from sozialplanung_plugin.core import effects as ef
from sozialplanung_plugin.core import measures as me
from sozialplanung_plugin.core.catalogue import read_catalogue
from sozialplanung_plugin.core.tables import read_table

MSS = {
    "S1": "s1_percentage_unemployed",
    "S2": "s2_percentage_long_term_unemployed",
    "S3": "s3_percentage_transfer_payments_recipients",
    "S4": "s4_percentage_transfer_payments_recipients_below_15_years",
}


@pytest.fixture(scope="module")
def mss(tmp_path_factory):
    """The four editions side by side as joinindicators writes them (<column>_<edition>,
    the all-zero rows of the tables as '.', with <field>_sign)."""
    tables = example_2006.mss_tables(str(tmp_path_factory.mktemp("mss")))
    frame = None
    for ed, path in tables.items():
        t = read_table(path, key="id")
        cols = example_2006.series_columns(ed).split(";")
        df = t.data[["id"] + cols].rename(columns={c: f"{c}_{ed}" for c in cols})
        for c in cols:
            if c in t.signs:
                df[f"{c}_{ed}_sign"] = t.signs[c].reindex(df.index)
        frame = df if frame is None else frame.merge(df, on="id", how="outer")
    return frame.sort_values("id").reset_index(drop=True)


@pytest.fixture(scope="module")
def mss_catalogue():
    return read_catalogue(example_2006.series_catalogue())


@pytest.fixture(scope="module")
def example_register(mss, mss_catalogue):
    return me.read_register(example_measures.register(), unit_keys=mss["id"], catalogue=mss_catalogue)


def weighted(rows, keys, column, year):
    """Σ rate x inhabitants / Σ inhabitants over the units with both."""
    num = den = 0.0
    for k in keys:
        v, w = rows[k][f"{column}_{year}"], rows[k][f"inhabitants_{year}"]
        if v is None or w is None or math.isnan(v) or math.isnan(w):
            continue
        num += v * w
        den += w
    return num / den if den else math.nan


def expected_status(pol, value, goal, path):
    if math.isnan(value):
        return "keine Daten"
    if pol * (value - goal) <= 1e-9:
        return "erreicht"
    if pol * (value - path) <= 1e-9:
        return "auf Kurs"
    return "nicht auf Kurs"


def test_example_register_reads_with_german_numbers(example_register):
    reg = {m.id: m for m in example_register}
    assert list(reg) == ["B01", "B02", "B03", "B04", "B05", "B06"]
    assert reg["B01"].budget == 1_250_000 and reg["B03"].budget == 750_000.5 and reg["B04"].budget is None
    assert reg["B02"].units == ["08010211", "08010212", "08010214"]
    assert [(g.number, g.indicator, g.value, g.year) for g in reg["B03"].goals] == [
        (1, "S4", 35.0, 2020),
        (2, "S3", 18.0, 2020),
    ]
    assert all(m.title.startswith("BEISPIEL (keine echte Maßnahme)") for m in example_register)


def test_goal_status_recomputed_on_the_mss_series(mss, mss_catalogue, example_register):
    res = me.compute_goals(mss, mss_catalogue, example_register, keys=mss["id"])
    rows = mss.set_index("id").to_dict("index")
    reg = {m.id: m for m in example_register}
    out = res.frame.to_dict("records")
    assert len(out) == 29
    years = [2013, 2015, 2017, 2019]
    for r in out:
        m = reg[r["measure_id"]]
        col = MSS[r["indicator"]]
        ys = [y for y in years if f"{col}_{y}" in mss.columns]
        area = {y: weighted(rows, m.units, col, y) for y in ys}
        # base year: the latest year up to the start with a value, else the first with one
        before = [y for y in ys if y <= m.start_year and not math.isnan(area[y])]
        b = before[-1] if before else [y for y in ys if not math.isnan(area[y])][0]
        assert r["base_year"] == b
        y = int(r["year"])
        assert r["area_value"] == pytest.approx(area[y], abs=1e-12)
        assert r["city_value"] == pytest.approx(weighted(rows, list(rows), col, y), abs=1e-12)
        g, gy = r["goal_value"], r["goal_year"]
        path = g if y >= gy else area[b] + (g - area[b]) * (y - b) / (gy - b)
        assert r["path_value"] == pytest.approx(path, abs=1e-12)
        if y == b:
            assert r["status"] is None
        else:
            assert r["status"] == expected_status(1, area[y], g, path)
    latest = {(r["measure_id"], r["indicator"]): r for r in out if r["latest"] == 1}
    assert {k: v["status"] for k, v in latest.items()} == {
        ("B01", "S1"): "erreicht",
        ("B01", "S4"): "nicht auf Kurs",
        ("B02", "S4"): "nicht auf Kurs",
        ("B03", "S4"): "nicht auf Kurs",
        ("B03", "S3"): "nicht auf Kurs",
        ("B04", "S1"): "erreicht",
        ("B05", "S2"): "auf Kurs",
        ("B06", "S3"): "nicht auf Kurs",
    }


def test_a_measure_before_the_first_year_of_data_says_so(mss, mss_catalogue, example_register):
    res = me.compute_goals(mss, mss_catalogue, example_register, keys=mss["id"])
    b03 = res.frame[res.frame["measure_id"] == "B03"]
    assert set(b03["base_year"]) == {2013}
    assert all(
        "Maßnahme begann 2010, vor dem ersten Jahr mit Daten (2013): Ausgangsjahr 2013" == n for n in b03["note"]
    )


def test_units_without_published_values_are_left_out_and_named(mss, mss_catalogue, example_register):
    res = me.compute_goals(mss, mss_catalogue, example_register, keys=mss["id"])
    b06 = res.frame[res.frame["measure_id"] == "B06"]
    assert set(b06["units_n"]) == {3} and set(b06["units_used"]) == {2}
    assert set(b06["units_missing"]) == {"01011102 (.)"}
    rows = mss.set_index("id").to_dict("index")
    for r in b06.to_dict("records"):
        y = int(r["year"])
        assert r["area_value"] == pytest.approx(weighted(rows, ["01011103", "01011104"], MSS["S3"], y), abs=1e-12)
    # never read as 0: the area value of 3 units with one as 0 would be lower
    assert r["area_value"] > weighted(
        {
            **rows,
            "01011102": {
                **rows["01011102"],
                "s3_percentage_transfer_payments_recipients_2019": 0.0,
                "inhabitants_2019": 200.0,
            },
        },
        ["01011102", "01011103", "01011104"],
        MSS["S3"],
        2019,
    )


# --------------------------------------------------------------------------
# counts: Berlin 2021-2024, polarity '-', a suppressed numerator

YEARS = [2021, 2022, 2023, 2024]
COUNTS = ["inhabitants", "inhabitants_age_below_6", "inhabitants_age_above_65"]


@pytest.fixture(scope="module")
def berlin():
    frame = None
    for y in YEARS:
        t = read_table(example(f"population_{y}-02_t2.csv"), key="id")
        df = t.data[["id"] + COUNTS].rename(columns={c: f"{c}_{y}" for c in COUNTS})
        frame = df if frame is None else frame.merge(df, on="id", how="outer")
    frame = frame.sort_values("id").reset_index(drop=True)
    # a suppressed cell: the children under 6 of one unit in 2023 withheld ('*')
    k = frame.index[frame["id"] == "01100102"][0]
    frame.loc[k, "inhabitants_age_below_6_2023"] = np.nan
    frame["inhabitants_age_below_6_2023_sign"] = None
    frame.loc[k, "inhabitants_age_below_6_2023_sign"] = "*"
    return frame


@pytest.fixture()
def counts_catalogue(tmp_path):
    p = tmp_path / "k.csv"
    p.write_text(
        "id;Bezeichnung;Zähler;Nenner;Faktor;Polarität;Kern\n"
        "u6;Kinder unter 6;inhabitants_age_below_6;inhabitants;100;+;ja\n"
        "ue65;65 und älter;inhabitants_age_above_65;inhabitants;100;-;ja\n",
        encoding="utf-8",
    )
    return read_catalogue(str(p))


def counts_register(tmp_path, berlin, cat, text):
    p = tmp_path / "r.csv"
    p.write_text(text, encoding="utf-8")
    return me.read_register(str(p), unit_keys=berlin["id"], catalogue=cat)


def pooled_counts(rows, keys, num, year):
    n = d = 0.0
    for k in keys:
        a, b = rows[k][f"{num}_{year}"], rows[k][f"inhabitants_{year}"]
        if math.isnan(a) or math.isnan(b):
            continue
        n += a
        d += b
    return 100.0 * n / d


REG = (
    "Kennung;Titel;Raumeinheiten;Beginn;ziel1_indikator;ziel1_wert;ziel1_jahr;ziel2_indikator;ziel2_wert;ziel2_jahr\n"
    'K1;Kinder;"01100101;01100102;01100103";2021;u6;4,5;2024;ue65;22,0;2025\n'
    'K2;Alter;"01100104;01100205";2019;ue65;14;2023;;;\n'
)


def test_area_values_are_rebuilt_from_sums_never_averaged(tmp_path, berlin, counts_catalogue):
    reg = counts_register(tmp_path, berlin, counts_catalogue, REG)
    res = me.compute_goals(berlin, counts_catalogue, reg, keys=berlin["id"])
    rows = berlin.set_index("id").to_dict("index")
    pol = {"u6": 1, "ue65": -1}
    num = {"u6": "inhabitants_age_below_6", "ue65": "inhabitants_age_above_65"}
    for r in res.frame.to_dict("records"):
        m = next(x for x in reg if x.id == r["measure_id"])
        y = int(r["year"])
        a = pooled_counts(rows, m.units, num[r["indicator"]], y)
        assert r["area_value"] == pytest.approx(a, abs=1e-12)
        assert r["city_value"] == pytest.approx(pooled_counts(rows, list(rows), num[r["indicator"]], y), abs=1e-12)
        b = int(r["base_year"])
        base = pooled_counts(rows, m.units, num[r["indicator"]], b)
        path = (
            r["goal_value"] if y >= r["goal_year"] else base + (r["goal_value"] - base) * (y - b) / (r["goal_year"] - b)
        )
        if y != b:
            assert r["status"] == expected_status(pol[r["indicator"]], a, r["goal_value"], path)
    k1 = res.frame[(res.frame["measure_id"] == "K1") & (res.frame["indicator"] == "u6")]
    y23 = k1[k1["year"] == 2023].iloc[0]
    assert y23["units_used"] == 2 and y23["units_missing"] == "01100102 (*)"
    mean_of_rates = np.mean(
        [
            100 * rows[k]["inhabitants_age_below_6_2024"] / rows[k]["inhabitants_2024"]
            for k in ["01100101", "01100102", "01100103"]
        ]
    )
    assert k1[k1["year"] == 2024].iloc[0]["area_value"] != pytest.approx(mean_of_rates, abs=1e-6)


def test_polarity_minus_goal_is_met_from_above(tmp_path, berlin, counts_catalogue):
    rows = berlin.set_index("id").to_dict("index")
    now = pooled_counts(rows, ["01100104", "01100205"], "inhabitants_age_above_65", 2024)
    start = pooled_counts(rows, ["01100104", "01100205"], "inhabitants_age_above_65", 2021)
    low, high = (str(round(x, 3)).replace(".", ",") for x in (now - 0.5, now + 0.5))
    text = (
        "id;title;units;start_year;goal1_indicator;goal1_value;goal1_year;goal2_indicator;goal2_value;goal2_year\n"
        f'P;x;"01100104;01100205";2021;ue65;{low};2024;ue65;{high};2024\n'
    )
    reg = counts_register(tmp_path, berlin, counts_catalogue, text)
    res = me.compute_goals(berlin, counts_catalogue, reg, keys=berlin["id"])
    latest = res.frame[res.frame["latest"] == 1].set_index("goal_no")
    # higher is better: a value above the goal is reached; below it, in the goal year, the path is the goal
    assert latest.loc[1, "status"] == "erreicht"
    assert latest.loc[2, "status"] == "nicht auf Kurs"
    assert start != now
    assert me.status(-1, 10.0, 12.0, 11.0, 9.0) == "nicht auf Kurs"
    assert me.status(-1, 11.5, 12.0, 11.0, 9.0) == "auf Kurs"
    assert me.status(-1, 12.5, 12.0, 11.0, 9.0) == "erreicht"
    assert me.status(1, 12.5, 12.0, 13.0, 14.0) == "auf Kurs"


def test_started_before_the_data_in_counts(tmp_path, berlin, counts_catalogue):
    reg = counts_register(tmp_path, berlin, counts_catalogue, REG)
    res = me.compute_goals(berlin, counts_catalogue, reg, keys=berlin["id"])
    k2 = res.frame[res.frame["measure_id"] == "K2"]
    assert set(k2["base_year"]) == {2021}
    assert set(k2["note"]) == {"Maßnahme begann 2019, vor dem ersten Jahr mit Daten (2021): Ausgangsjahr 2021"}


# --------------------------------------------------------------------------
# difference-in-differences


def test_did_and_interval_recomputed(tmp_path, berlin, counts_catalogue):
    reg = counts_register(tmp_path, berlin, counts_catalogue, REG)
    rng = np.random.default_rng(5)
    classes = pd.Series(rng.integers(1, 4, len(berlin)), index=berlin.index)
    data = berlin.assign(status_class_2021=classes.astype(float))
    res = ef.compute_effects(data, counts_catalogue, reg, keys=data["id"], draws=999, seed=7)
    rows = data.set_index("id").to_dict("index")
    treated = {k for m in reg for k in m.units}
    num = {"u6": "inhabitants_age_below_6", "ue65": "inhabitants_age_above_65"}
    assert len(res.frame) == 4
    for r in res.frame.to_dict("records"):
        m = next(x for x in reg if x.id == r["measure_id"])
        col = num[r["indicator"]]
        b, lt = 2021, 2024

        def ok(k, col=col, b=b, lt=lt):
            return all(not math.isnan(rows[k][f"{c}_{y}"]) for c in (col, "inhabitants") for y in (b, lt))

        used = [k for k in m.units if ok(k)]
        cls = {rows[k]["status_class_2021"] for k in used}
        comp = [k for k in rows if k not in treated and ok(k) and rows[k]["status_class_2021"] in cls]
        da = pooled_counts(rows, used, col, lt) - pooled_counts(rows, used, col, b)
        dc = pooled_counts(rows, comp, col, lt) - pooled_counts(rows, comp, col, b)
        assert r["comparison_n"] == len(comp)
        assert r["area_change"] == pytest.approx(da, abs=1e-12)
        assert r["comparison_change"] == pytest.approx(dc, abs=1e-12)
        assert r["did"] == pytest.approx(da - dc, abs=1e-12)
        # the interval: 999 placebo sets of the same size, drawn as documented
        u = np.random.RandomState(7).random_sample((999, len(comp)))
        order = np.argsort(u, axis=1, kind="stable")[:, : len(used)]
        placebo = []
        for row in order:
            s = [comp[i] for i in row]
            placebo.append(pooled_counts(rows, s, col, lt) - pooled_counts(rows, s, col, b) - dc)
        lo, hi = np.quantile(placebo, [0.025, 0.975])
        assert r["interval_low"] == pytest.approx(lo, abs=1e-9)
        assert r["interval_high"] == pytest.approx(hi, abs=1e-9)
        p = 1 if r["indicator"] == "u6" else -1
        share = np.mean([p * x <= p * r["did"] + 1e-12 for x in placebo])
        assert r["share_as_favourable"] == pytest.approx(share)
        assert r["seed"] == 7 and r["draws"] == 999
        assert "belegt" in r["assessment"]


def test_assessment_words():
    assert ef.assessment(1, -2.0, -1.0, 1.0) == (
        "Entwicklung im Maßnahmengebiet günstiger als in vergleichbaren Gebieten; das belegt keine Wirkung der Maßnahme"
    )
    assert ef.assessment(-1, 2.0, -1.0, 1.0).startswith("Entwicklung im Maßnahmengebiet günstiger")
    assert "zufälliger" in ef.assessment(1, -0.5, -1.0, 1.0)
    assert ef.assessment(1, 2.0, -1.0, 1.0).startswith("Entwicklung im Maßnahmengebiet ungünstiger")
    assert ef.assessment(1, float("nan"), -1.0, 1.0) == "keine Daten"


def test_same_seed_same_interval_and_too_few_draws(mss, mss_catalogue, example_register):
    a = ef.compute_effects(mss, mss_catalogue, example_register, keys=mss["id"], seed=3)
    b = ef.compute_effects(mss, mss_catalogue, example_register, keys=mss["id"], seed=3)
    c = ef.compute_effects(mss, mss_catalogue, example_register, keys=mss["id"], seed=4)
    pd.testing.assert_frame_equal(a.frame, b.frame)
    assert not np.allclose(a.frame["interval_low"].dropna(), c.frame["interval_low"].dropna())
    assert any("all units without a measure" in w for w in a.warnings)
    with pytest.raises(ef.EffectsError, match="at least 999"):
        ef.compute_effects(mss, mss_catalogue, example_register, keys=mss["id"], draws=500)
    # the same seed gives the same interval whatever order the units come in
    shuffled = mss.sample(frac=1.0, random_state=11).reset_index(drop=True)
    d = ef.compute_effects(shuffled, mss_catalogue, example_register, keys=shuffled["id"], seed=3)
    pd.testing.assert_frame_equal(a.frame, d.frame)


# --------------------------------------------------------------------------
# bad registers


def bad(tmp_path, mss, cat, text, name="bad.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    with pytest.raises(me.MeasuresError) as e:
        me.read_register(str(p), unit_keys=mss["id"], catalogue=cat)
    return str(e.value)


def test_bad_registers_name_file_row_column_and_key(tmp_path, mss, mss_catalogue):
    head = "id;title;units;start_year;goal1_indicator;goal1_value;goal1_year\n"
    msg = bad(
        tmp_path,
        mss,
        mss_catalogue,
        head
        + "A;x;01011103;2015;S9;4,0;2019\n"
        + "B;y;1011103;2015;S1;vier;2012\n"
        + "A;z;01011104;2015;S1;4;2019\n"
        + ";w;01011104;2015;;;\n"
        + "C;v;01011104;zwanzig;S1;4,5;2019\n",
    )
    assert msg.startswith(str(tmp_path / "bad.csv"))
    assert "line 2 (measure 'A'), goal 1, column 'goal1_indicator': indicator 'S9' is not in the catalogue" in msg
    assert (
        "line 3 (measure 'B'), column 'units': unit key '1011103' is not in the layer (the layer has '01011103'" in msg
    )
    assert "line 3 (measure 'B'), goal 1, column 'goal1_value': 'vier' is not a number" in msg
    assert "goal 1, column 'goal1_year': the goal year 2012 is before the start year 2015" in msg
    assert "line 4, column 'id': duplicate id 'A' (first at line 2)" in msg
    assert "line 5, column 'id': the measure has no id" in msg
    assert "line 6 (measure 'C'), column 'start_year': 'zwanzig' is not a year" in msg


def test_bad_register_columns(tmp_path, mss, mss_catalogue):
    msg = bad(tmp_path, mss, mss_catalogue, "id;title;start_year\nA;x;2015\n")
    assert "needs the column(s) 'units'" in msg
    msg = bad(tmp_path, mss, mss_catalogue, "id;units;start_year;goal1_indicator;goal1_value\nA;01011103;2015;S1;4\n")
    assert "goal 1 has no column(s) goal1_year" in msg
    msg = bad(tmp_path, mss, mss_catalogue, "id;units;start_year;goal1_indikatr\nA;01011103;2015;S1\n")
    assert "'goal1_indikatr' looks like a goal column" in msg


def test_goal_on_an_indicator_without_series(tmp_path, mss):
    k = tmp_path / "k.csv"
    k.write_text(
        "id;rate;weight_column;polarity\nS1;s1_percentage_unemployed;inhabitants;+\nEW;inhabitants_2019;;0\n",
        encoding="utf-8",
    )
    cat = read_catalogue(str(k))
    p = tmp_path / "ok.csv"
    p.write_text("id;units;start_year;goal1_indicator;goal1_value;goal1_year\nA;01011103;2015;EW;4;2019\n")
    reg = me.read_register(str(p), unit_keys=mss["id"], catalogue=cat)
    with pytest.raises(me.MeasuresError, match="goal 1: indicator 'EW' has no yearly series in the layer"):
        me.compute_goals(mss, cat, reg, keys=mss["id"])


# --------------------------------------------------------------------------
# the content of the printed measures report


def test_the_book_says_what_the_results_say(mss, mss_catalogue, example_register):
    from sozialplanung_plugin.core import measures_book as mb

    data = mss.copy()
    for y in (2013, 2015):  # a class per year, as compositeindex SERIES writes status_class_<year>
        data[f"status_class_{y}"] = pd.qcut(data[f"{MSS['S3']}_{y}"], 4, labels=False) + 1.0
    goals = me.compute_goals(data, mss_catalogue, example_register, keys=data["id"])
    effects = ef.compute_effects(data, mss_catalogue, example_register, keys=data["id"], seed=11)
    book = mb.build(goals, effects, {"01033101": "Soldiner Straße"}, "Berlin", "de")
    latest = goals.frame[goals.frame["latest"] == 1]
    assert book.counts == {s: int((latest["status"] == s).sum()) for s in me.STATUSES}
    assert [r.id for r in book.cover] == [m.id for m in example_register]
    assert book.example_note.startswith("Beispielregister")
    assert "999-mal (Startwert 11)" in book.comparison_method
    p = book.pages[0]
    assert p.unit_keys == ["01033101"] and p.unit_names == ["Soldiner Straße"] and p.period == "2014–2020"
    assert p.budget == "1.250.000" and len(p.comparisons) == 4
    for page, m in zip(book.pages, example_register):
        for chart, g in zip(page.charts, m.goals):
            rows = goals.frame[(goals.frame["measure_id"] == m.id) & (goals.frame["goal_no"] == g.number)]
            for r in rows.to_dict("records"):
                k = chart.years.index(int(r["year"]))
                assert chart.area[k] == pytest.approx(r["area_value"], abs=1e-12)
                assert chart.city[k] == pytest.approx(r["city_value"], abs=1e-12)
            assert chart.path[-1] == g.value and chart.path_years[-1] == max(g.year, chart.path_years[-2])
            e = effects.frame[(effects.frame["measure_id"] == m.id) & (effects.frame["indicator"] == g.indicator)]
            e = e.iloc[0]
            kb, kl = chart.years.index(int(e["base_year"])), chart.years.index(int(e["latest_year"]))
            assert chart.comparison[kb] == pytest.approx(e["comparison_base"], abs=1e-12)
            assert chart.comparison[kl] == pytest.approx(e["comparison_latest"], abs=1e-12)
            assert chart.y_min <= min(v for v in chart.area + chart.city + chart.comparison if v == v)
            assert chart.y_max >= max(chart.area + chart.city + chart.comparison + [g.value])
            assert chart.status == rows.iloc[-1]["status"] and chart.comparison_text.endswith(".")
