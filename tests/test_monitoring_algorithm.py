"""sozialplanung:monitoring as a user runs it, on the Berlin population 2021-2024."""

from __future__ import annotations

import json
import os

import pytest
from conftest import layer_rows
from qgis.core import QgsProcessingException, QgsProject

from sozialplanung_plugin import example as berlin_example

CATALOGUE = (
    "id;Bezeichnung;Zähler;Nenner;Faktor;Polarität;Kern;Nachkommastellen\n"
    "u6;Kinder unter 6;inhabitants_age_below_6;inhabitants;100;+;ja;1\n"
    "ue65;65 und älter;inhabitants_age_above_65;inhabitants;100;-;ja;1\n"
    "ausl;Ausländer;inhabitants_foreigners;inhabitants;100;0;nein;1\n"
)


@pytest.fixture(scope="module")
def joined(provider, tmp_path_factory):
    import processing
    from qgis.core import QgsProcessingContext

    folder = tmp_path_factory.mktemp("monitoring")
    gpkg = str(folder / "berlin.gpkg")
    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())
    berlin_example.join_all(
        lambda a, p: processing.run(a, p, context=ctx), f"ogr:dbname='{gpkg}' table=\"joined\" (geom)", context=False
    )
    cat = folder / "katalog.csv"
    cat.write_text(CATALOGUE, encoding="utf-8")
    return {"layer": f"{gpkg}|layername=joined", "catalogue": str(cat), "folder": folder}


def test_fields_watch_list_and_report(run, joined, tmp_path):
    out = str(tmp_path / "m.gpkg")
    report = str(tmp_path / "monitoring.html")
    res = run(
        "sozialplanung:monitoring",
        {
            "INPUT": joined["layer"],
            "CATALOGUE": joined["catalogue"],
            "KEY_FIELD": "PLR_ID",
            "NAME_FIELD": "PLR_NAME",
            "THRESHOLD": 0.5,
            "MIN_FLAGS": 2,
            "OUTPUT": out,
            "REPORT": report,
        },
    )
    rows = layer_rows(out, "PLR_ID")
    assert len(rows) == 542
    some = next(iter(rows.values()))
    for f in (
        "u6_chg_2022",
        "u6_ref_chg_2024",
        "u6_excess_2024",
        "u6_slope",
        "u6_ref_slope",
        "u6_adverse_run",
        "u6_watch",
        "ue65_watch",
        "watch_flags",
        "watch_flag",
        "watch_since",
        "watch_reason",
        "ausl_chg_2024",
    ):
        assert f in some, f
    assert "ausl_watch" not in some and "ausl_excess_2024" not in some
    watched = [k for k, r in rows.items() if r["watch_flag"] == 1]
    assert res["WATCHED"] == len(watched) > 0
    for k in watched:
        r = rows[k]
        assert r["watch_flags"] >= 2 and r["u6_watch"] == 1 and r["ue65_watch"] == 1
        assert "Kinder unter 6" in r["watch_reason"] and "65 und älter" in r["watch_reason"]
        assert 2021 <= r["watch_since"] <= 2023
    # the unit's change is its own rate's change; the city's is the same on every unit
    r = rows[watched[0]]
    rate = {y: 100.0 * r[f"inhabitants_age_below_6_{y}"] / r[f"inhabitants_{y}"] for y in (2023, 2024)}
    assert r["u6_chg_2024"] == pytest.approx(rate[2024] - rate[2023], rel=1e-9)
    assert len({round(x["u6_ref_chg_2024"], 12) for x in rows.values()}) == 1
    # the report lists exactly the watched units, with their names, and records the rule
    html = open(report, encoding="utf-8").read()
    data = json.load(open(os.path.splitext(report)[0] + ".json", encoding="utf-8"))
    assert sorted(w["key"] for w in data["watched"]) == sorted(watched)
    assert data["rule"] == {"measure": "difference", "threshold": 0.5, "min_flags": 2, "consecutive": 3}
    assert rows[watched[0]]["PLR_NAME"] in html


def test_bad_years_are_a_clear_error_and_nothing_is_written(run, joined, tmp_path):
    out = tmp_path / "m.gpkg"
    with pytest.raises(QgsProcessingException, match="YEARS: 'zwanzig' is not a year"):
        run(
            "sozialplanung:monitoring",
            {"INPUT": joined["layer"], "CATALOGUE": joined["catalogue"], "YEARS": "2021;zwanzig", "OUTPUT": str(out)},
        )
    assert not out.exists()
    with pytest.raises(
        QgsProcessingException, match=r"years asked for \(2019, 2020\); years found: 2021, 2022, 2023, 2024"
    ):
        run(
            "sozialplanung:monitoring",
            {"INPUT": joined["layer"], "CATALOGUE": joined["catalogue"], "YEARS": "2019;2020", "OUTPUT": str(out)},
        )
    assert not out.exists()


def test_compare_fields_rank_each_unit_in_its_district(run, tmp_path):
    """computeindicators with COMPARE_FIELDS=BEZ: the district's reference and
    rank beside the city's (two-level comparison, as a county needs)."""
    from conftest import example

    joined = str(tmp_path / "mss.gpkg")
    run(
        "sozialplanung:joinindicators",
        {
            "INPUT": berlin_example.units(),
            "INPUT_KEY": "PLR_ID",
            "TABLE": example("mss_2021_index_indikatoren.csv"),
            "TABLE_KEY": "PLR_ID",
            "FIELDS": "EW;S1;S3;S4",
            "OUTPUT": joined,
        },
    )
    out = str(tmp_path / "ind.gpkg")
    run(
        "sozialplanung:computeindicators",
        {
            "INPUT": joined,
            "CATALOGUE": example("katalog_berlin.csv"),
            "INDICATORS": "S1;S3;S4",
            "COMPARE_FIELDS": "BEZ",
            "KEY_FIELD": "PLR_ID",
            "OUTPUT": out,
        },
    )
    rows = layer_rows(out, "PLR_ID")
    by_district = {}
    for r in rows.values():
        if r["S1_val"] is not None:
            by_district.setdefault(r["BEZ"], []).append(r)
    assert len(by_district) == 12
    for members in by_district.values():
        worst = max(m["S1_val"] for m in members)
        assert all((m["S1_rank_BEZ"] == 1) == (m["S1_val"] == worst) for m in members)
        assert len({round(m["S1_ref_BEZ"], 12) for m in members}) == 1
        for m in members:
            assert m["S1_diff_BEZ"] == pytest.approx(m["S1_val"] - m["S1_ref_BEZ"], abs=1e-9)
    city_worst = max(r["S1_val"] for r in rows.values() if r["S1_val"] is not None)
    assert [r["S1_rank"] for r in rows.values() if r["S1_val"] == city_worst] == [1]


def protect(run, joined, tmp_path) -> str:
    """The joined layer protected by suppress: MIN_POPULATION 300 of inhabitants_2024."""
    protected = str(tmp_path / "p.gpkg")
    run(
        "sozialplanung:suppress",
        {
            "INPUT": joined["layer"],
            "CATALOGUE": joined["catalogue"],
            "MIN_COUNT": 3,
            "MIN_POPULATION": 300,
            "POPULATION_FIELD": "inhabitants_2024",
            "KEY_FIELD": "PLR_ID",
            "OUTPUT": protected,
        },
    )
    return protected


def test_units_below_the_minimum_population_get_no_rates(run, joined, tmp_path):
    """On a layer protected by suppress (MIN_POPULATION 300 of inhabitants_2024),
    monitoring publishes no 2024 value, hence no change or excess into 2024, for
    the units below it, and their counts still count in the city's value."""
    protected = protect(run, joined, tmp_path)
    out = str(tmp_path / "m.gpkg")
    run(
        "sozialplanung:monitoring",
        {"INPUT": protected, "CATALOGUE": joined["catalogue"], "KEY_FIELD": "PLR_ID", "OUTPUT": out},
    )
    rows = layer_rows(out, "PLR_ID")
    source = layer_rows(joined["layer"], "PLR_ID")
    small = [k for k, r in source.items() if r["inhabitants_2024"] is not None and r["inhabitants_2024"] < 300]
    assert small  # Berlin has Planungsräume with very few inhabitants
    for k in small:
        assert rows[k]["u6_chg_2024"] is None and rows[k]["u6_excess_2024"] is None, k
    big = [k for k, r in source.items() if (r["inhabitants_2024"] or 0) >= 1000]
    assert all(rows[k]["u6_slope"] is not None for k in big)

    def city(y):  # the city's value counts everyone, the small units too
        ok = [r for r in source.values() if r[f"inhabitants_{y}"] and r[f"inhabitants_age_below_6_{y}"] is not None]
        return 100 * sum(r[f"inhabitants_age_below_6_{y}"] for r in ok) / sum(r[f"inhabitants_{y}"] for r in ok)

    steps = sum(rows[small[0]][f"u6_ref_chg_{y}"] for y in (2022, 2023, 2024))
    assert abs((city(2024) - city(2021)) - steps) < 1e-9


def test_a_group_below_the_minimum_population_shows_no_reference(run, joined, tmp_path):
    """computeindicators on a layer protected by suppress (MIN_POPULATION 300) with
    COMPARE_FIELDS=PLR_ID, where every unit is a group of its own: a small unit's withheld
    2024 rate must not come back as its group's reference (``u6_ref_PLR_ID``); a larger
    unit's group reference is its own rate."""
    protected = protect(run, joined, tmp_path)
    out = str(tmp_path / "ind.gpkg")
    run(
        "sozialplanung:computeindicators",
        {
            "INPUT": protected,
            "CATALOGUE": joined["catalogue"],
            "COMPARE_FIELDS": "PLR_ID",
            "KEY_FIELD": "PLR_ID",
            "YEAR": 2024,
            "OUTPUT": out,
        },
    )
    rows = layer_rows(out, "PLR_ID")
    source = layer_rows(joined["layer"], "PLR_ID")
    small = [k for k, r in source.items() if r["inhabitants_2024"] is not None and r["inhabitants_2024"] < 300]
    assert small
    for k in small:
        assert rows[k]["u6_val"] is None and rows[k]["u6_ref_PLR_ID"] is None, k
    shown = [k for k, r in rows.items() if r["u6_val"] is not None]
    assert len(shown) > 400
    for k in shown:
        assert rows[k]["u6_ref_PLR_ID"] == pytest.approx(rows[k]["u6_val"], rel=1e-12), k
