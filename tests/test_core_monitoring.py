"""core.monitoring on Berlin's population 2021-2024 (542 Planungsräume),
every field recomputed independently in plain Python."""

from __future__ import annotations

import math
import statistics

import numpy as np
import pytest
from conftest import example

from sozialplanung_plugin.core import monitoring as cm
from sozialplanung_plugin.core.catalogue import read_catalogue
from sozialplanung_plugin.core.tables import read_table

YEARS = [2021, 2022, 2023, 2024]
COUNTS = ["inhabitants", "inhabitants_age_below_6", "inhabitants_age_above_65", "inhabitants_foreigners"]
SHARES = {"u6": ("inhabitants_age_below_6", 1), "ue65": ("inhabitants_age_above_65", -1)}


@pytest.fixture(scope="module")
def berlin():
    """The population counts of four years side by side, as joinindicators writes them."""
    frame = None
    for y in YEARS:
        t = read_table(example(f"population_{y}-02_t2.csv"), key="id")
        df = t.data[["id"] + COUNTS].rename(columns={c: f"{c}_{y}" for c in COUNTS})
        frame = df if frame is None else frame.merge(df, on="id", how="outer")
    return frame.sort_values("id").reset_index(drop=True)


@pytest.fixture()
def catalogue(tmp_path):
    p = tmp_path / "k.csv"
    p.write_text(
        "id;Bezeichnung;Zähler;Nenner;Faktor;Polarität;Kern;Nachkommastellen\n"
        "u6;Kinder unter 6;inhabitants_age_below_6;inhabitants;100;+;ja;1\n"
        "ue65;65 und älter;inhabitants_age_above_65;inhabitants;100;-;ja;1\n"
        "ausl;Ausländer;inhabitants_foreigners;inhabitants;100;0;nein;1\n",
        encoding="utf-8",
    )
    return read_catalogue(str(p))


def rate(num, den):
    if num is None or den is None or math.isnan(num) or math.isnan(den) or den == 0:
        return math.nan
    return 100.0 * num / den


def expected(berlin, count, years):
    """Plain-Python values, references, changes, excess, slopes and runs."""
    rows = berlin.to_dict("records")
    v = [[rate(r[f"{count}_{y}"], r[f"inhabitants_{y}"]) for y in years] for r in rows]
    ref = []
    for y in years:
        ok = [r for r in rows if not math.isnan(r[f"{count}_{y}"]) and not math.isnan(r[f"inhabitants_{y}"])]
        ref.append(100.0 * sum(r[f"{count}_{y}"] for r in ok) / sum(r[f"inhabitants_{y}"] for r in ok))
    return v, ref


def slope(xs, ys):
    pts = [(x, y) for x, y in zip(xs, ys) if not math.isnan(y)]
    if len(pts) < 2:
        return math.nan
    return statistics.linear_regression([p[0] for p in pts], [p[1] for p in pts]).slope


def same(a, b, tol=1e-9):
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b) or b is None
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


@pytest.mark.parametrize("measure,threshold", [("difference", 0.3), ("zscore", 1.5)])
def test_every_field_matches_an_independent_computation(berlin, catalogue, measure, threshold):
    rule = cm.WatchRule(measure=measure, threshold=threshold, min_flags=1, consecutive=3)
    res = cm.compute(berlin, catalogue, rule, keys=berlin["id"])
    out = res.frame
    n = len(berlin)
    flagged = {}
    for iid, (count, pol) in SHARES.items():
        v, ref = expected(berlin, count, YEARS)
        runs = []
        for u in range(n):
            excess = []
            for k in range(1, len(YEARS)):
                y = YEARS[k]
                chg = v[u][k] - v[u][k - 1]
                rchg = ref[k] - ref[k - 1]
                assert same(chg, out[f"{iid}_chg_{y}"][u])
                assert same(rchg, out[f"{iid}_ref_chg_{y}"][u])
                excess.append(pol * (chg - rchg))
                assert same(excess[-1], out[f"{iid}_excess_{y}"][u])
            assert same(slope(YEARS, v[u]), out[f"{iid}_slope"][u], 1e-8)
            run = 0
            for e in reversed(excess):
                if math.isnan(e) or e <= 0:
                    break
                run += 1
            runs.append(run)
            assert out[f"{iid}_adverse_run"][u] == run
        assert same(slope(YEARS, ref), out[f"{iid}_ref_slope"][0], 1e-8)
        latest = [pol * ((v[u][-1] - v[u][-2]) - (ref[-1] - ref[-2])) for u in range(n)]
        if measure == "zscore":
            sd = statistics.stdev([e for e in latest if not math.isnan(e)])
            latest = [e / sd for e in latest]
        flagged[iid] = [(not math.isnan(e) and e > threshold) or runs[u] >= 3 for u, e in enumerate(latest)]
        for u in range(n):
            got = out[f"{iid}_watch"][u]
            if flagged[iid][u]:
                assert got == 1
            elif math.isnan(latest[u]):
                assert math.isnan(got)
            else:
                assert got == 0
    for u in range(n):
        count = sum(flagged[i][u] for i in SHARES)
        assert out["watch_flags"][u] == count
        assert out["watch_flag"][u] == (1 if count >= 1 else 0)
    assert "ausl_excess_2024" not in out.columns  # neutral: no direction, no excess
    assert "ausl_chg_2024" in out.columns and "ausl_watch" not in out.columns
    assert 0 < out["watch_flag"].sum() < n


def test_reason_names_change_city_and_run(berlin, catalogue):
    rule = cm.WatchRule(measure="difference", threshold=100, min_flags=1, consecutive=3)  # by the run alone
    res = cm.compute(berlin, catalogue, rule, keys=berlin["id"])
    out = res.frame
    u = int(np.flatnonzero(out["u6_adverse_run"].to_numpy() == 3)[0])
    v, ref = expected(berlin, "inhabitants_age_below_6", YEARS)
    reason = out["watch_reason"][u]
    own = v[u][-1] - v[u][0]
    city = ref[-1] - ref[0]

    def de(x):
        return (f"{x:+.1f}" if round(x, 1) != 0 else "0.0").replace(".", ",")

    assert f"Kinder unter 6 {de(own)} Pp. seit 2021, Stadt {de(city)} Pp.; 3 Jahre in Folge ungünstig" in reason
    assert out["watch_since"][u] == 2021


def test_missing_values_stay_missing_and_are_named(berlin, catalogue):
    data = berlin.copy()
    data.loc[0, "inhabitants_age_below_6_2023"] = np.nan
    data["inhabitants_age_below_6_2023_sign"] = None
    data.loc[0, "inhabitants_age_below_6_2023_sign"] = "."
    data.loc[1, "inhabitants_age_below_6_2024"] = np.nan
    data["inhabitants_age_below_6_2024_sign"] = None
    data.loc[1, "inhabitants_age_below_6_2024_sign"] = "."
    res = cm.compute(data, catalogue, cm.WatchRule(threshold=0.3), keys=data["id"])
    out = res.frame
    assert math.isnan(out["u6_chg_2023"][0]) and math.isnan(out["u6_chg_2024"][0])  # never counted as 0
    assert math.isnan(out["u6_watch"][1]) or out["u6_watch"][1] == 0
    assert "Kinder unter 6: kein Wert 2024 (.)" in out["watch_reason"][1]
    # the unit's slope uses the years it has
    v, _ = expected(data, "inhabitants_age_below_6", YEARS)
    assert same(slope(YEARS, v[0]), out["u6_slope"][0], 1e-8)


def test_years_choose_the_periods(berlin, catalogue):
    res = cm.compute(berlin, catalogue, cm.WatchRule(), keys=berlin["id"], years=[2021, 2023])
    out = res.frame
    assert "u6_chg_2023" in out.columns and "u6_chg_2022" not in out.columns
    v, ref = expected(berlin, "inhabitants_age_below_6", [2021, 2023])
    assert same(v[5][1] - v[5][0], out["u6_chg_2023"][5])


def test_bad_rule_and_no_series_are_clear_errors(berlin, catalogue):
    with pytest.raises(cm.MonitoringError, match="MEASURE"):
        cm.compute(berlin, catalogue, cm.WatchRule(measure="ratio"))
    one_year = berlin[[c for c in berlin.columns if c == "id" or c.endswith("_2024")]]
    with pytest.raises(cm.MonitoringError, match="two or more years"):
        cm.compute(one_year, catalogue, cm.WatchRule())


def test_an_indicator_whose_series_ends_early_says_so(berlin, catalogue):
    """The foreigners' share (made a core indicator here) is only given up to
    2023: its reason names the end of its series and the missing latest year."""
    data = berlin.drop(columns=["inhabitants_foreigners_2024"])
    cat = catalogue
    for ind in cat.indicators:
        if ind.id == "ausl":
            ind.core, ind.polarity = True, 1
    rule = cm.WatchRule(measure="difference", threshold=100, min_flags=1, consecutive=2)
    out = cm.compute(data, cat, rule, keys=data["id"]).frame
    assert "ausl_chg_2024" not in out.columns and "ausl_chg_2023" in out.columns
    hits = np.flatnonzero(out["ausl_adverse_run"].to_numpy() >= 2)
    assert len(hits) > 0
    for u in hits:
        part = [p for p in out["watch_reason"][u].split(" | ") if p.startswith("Ausländer ")][0]
        assert " bis 2023, Stadt " in part and part.endswith("; kein Wert 2024")
    u6 = [p for p in out["watch_reason"][hits[0]].split(" | ") if p.startswith("Kinder unter 6 ")]
    assert all("bis 20" not in p for p in u6)  # the full series says nothing of an end
