"""sozialplanung:compositeindex over a series of years (issue 9, class movements),
as a user runs it: the MSS editions 2013, 2015, 2017, 2019 of the 447 old
Berlin Planungsräume (resources/example/berlin_2006/) joined onto the units with
joinindicators (FIELD_SUFFIX _<year>), then compositeindex with SERIES / YEARS.

Every per-year index and class, the derived dynamics and the transition table
of the report are recomputed here in plain pandas from the CSV files (not with
the plugin's core), for both class bases."""

from __future__ import annotations

import json
import os

import numpy as np
import pandas as pd
import pytest
from conftest import EXAMPLE, ROOT, layer_rows
from qgis.core import QgsFeature, QgsProcessingException, QgsProject, QgsVectorLayer

from sozialplanung_plugin import example as examples

BERLIN_2006 = os.path.join(os.path.dirname(EXAMPLE), "berlin_2006")
if not os.path.isdir(BERLIN_2006):
    BERLIN_2006 = os.path.join(ROOT, "resources", "example", "berlin_2006")
YEARS = (2013, 2015, 2017, 2019)
S = {
    "S1": "s1_percentage_unemployed",
    "S3": "s3_percentage_transfer_payments_recipients",
    "S4": "s4_percentage_transfer_payments_recipients_below_15_years",
}
D = {"D1": "d1_percentage_unemployed", "D3": "d3_percentage_transfer_payments_recipients"}
D["D4"] = "d4_percentage_transfer_payments_recipients_below_15_years"
CATALOGUE_2019 = os.path.join(BERLIN_2006, "katalog_mss_2019.csv")  # S1, S3, S4 and D1, D3, D4


def table(year: int, name: str) -> pd.DataFrame:
    return pd.read_csv(os.path.join(BERLIN_2006, "tables", f"mss_{year}_table_{name}.csv"), dtype={"id": str})


def cleaned_2_1(year: int) -> pd.DataFrame:
    """Table 2.1 with the rows whose indicators are all 0 emptied: the
    converter wrote 0 for "no value" (SOURCE.md)."""
    t = table(year, "2-1")
    cols = list(S.values()) + list(D.values())
    t.loc[(t[cols] == 0).all(axis=1), cols] = np.nan
    return t


@pytest.fixture(scope="module")
def series(provider, tmp_path_factory):
    """The joined layer (447 units, key PLR_ID) and the same data as a pandas frame."""
    import processing
    from qgis.core import QgsProcessingContext

    folder = tmp_path_factory.mktemp("series")
    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())

    def run(alg, params):
        return processing.run(alg, params, context=ctx)

    t19 = table(2019, "2-1")
    if hasattr(examples, "units_2006"):
        units = examples.units_2006(run, str(folder / "units.gpkg"))
    else:  # the 447 keys without geometry
        units = QgsVectorLayer("None?field=PLR_ID:string(8)&field=PLR_NAME:string(80)", "units", "memory")
        feats = []
        for k, n in zip(t19["id"], t19["name"]):
            f = QgsFeature(units.fields())
            f.setAttributes([k, n])
            feats.append(f)
        units.dataProvider().addFeatures(feats)
    layer = units
    frame = pd.DataFrame({"PLR_ID": sorted(t19["id"])})
    gpkg = str(folder / "joined.gpkg")
    steps = []
    for y in YEARS:
        t2 = cleaned_2_1(y)
        p2 = folder / f"mss_{y}_2-1.csv"
        t2.to_csv(p2, index=False, sep=";", decimal=",")
        cols2 = list(S.values()) + list(D.values())
        steps.append((str(p2), ";".join(cols2 + ["inhabitants"]), f"_{y}"))
        # MSS rule: the population of table 1 (the classified units); others have none
        steps.append((os.path.join(BERLIN_2006, "tables", f"mss_{y}_table_1.csv"), "inhabitants", f"_mss_{y}"))
        part = t2.set_index("id")[cols2 + ["inhabitants"]].add_suffix(f"_{y}")
        pop = table(y, "1").set_index("id")["inhabitants"].rename(f"inhabitants_mss_{y}")
        frame = frame.join(part, on="PLR_ID").join(pop, on="PLR_ID")
    for i, (path, fields, suffix) in enumerate(steps):
        last = i == len(steps) - 1
        res = run(
            "sozialplanung:joinindicators",
            {
                "INPUT": layer,
                "INPUT_KEY": "PLR_ID",
                "TABLE": path,
                "TABLE_KEY": "id",
                "FIELDS": fields,
                "FIELD_SUFFIX": suffix,
                "OUTPUT": f"ogr:dbname='{gpkg}' table=\"joined\" (geom)" if last else "TEMPORARY_OUTPUT",
            },
        )
        layer = res["OUTPUT"]
    status_only = folder / "status_only.csv"
    status_only.write_text(
        "id;Quote;Gewichtung;Polarität;Index\n" + "".join(f"{i};{c};inhabitants;+;status\n" for i, c in S.items()),
        encoding="utf-8",
    )
    return {"layer": f"{gpkg}|layername=joined", "frame": frame.set_index("PLR_ID"), "status_only": str(status_only)}


# --- the independent computation (plain pandas) -------------------------------------


def index_of(x: pd.DataFrame, ok: pd.Series, scale_x: pd.DataFrame, scale_ok: pd.Series) -> pd.Series:
    """Σ (x - mean) / sd with the means and sample sds of ``scale_x`` over ``scale_ok``."""
    ref = scale_x[scale_ok]
    z = (x[ok] - ref.mean()) / ref.std(ddof=1)
    return z.sum(axis=1)


def classes_of(idx: pd.Series, ref_idx: pd.Series, kind: str) -> pd.Series:
    m, s = ref_idx.mean(), ref_idx.std(ddof=1)
    if kind == "status":
        return idx.map(lambda v: 4 if v >= m + 1.5 * s else 3 if v >= m + s else 1 if v <= m - s else 2)
    return idx.map(lambda v: 5 if v >= m + s else 1 if v <= m - s else 3)


def expected(frame, kind_cols: dict, years, basis: str, kind: str):
    """{year: (index, classes)} over the valid units, each year or on the first year's scale."""
    xs = {y: frame[[f"{c}_{y}" for c in kind_cols[y]]].set_axis(range(len(kind_cols[y])), axis=1) for y in years}
    oks = {}
    for y in years:
        pop = frame[f"inhabitants_mss_{y}"]
        oks[y] = xs[y].notna().all(axis=1) & pop.notna() & (pop >= 300)
    out = {}
    b = years[0]
    base_idx = index_of(xs[b], oks[b], xs[b], oks[b])
    for y in years:
        if basis == "each_year":
            idx = index_of(xs[y], oks[y], xs[y], oks[y])
            out[y] = (idx, classes_of(idx, idx, kind))
        else:
            idx = index_of(xs[y], oks[y], xs[b], oks[b])
            out[y] = (idx, classes_of(idx, base_idx, kind))
    return out


def derived_frame(frame, period):
    """The changes S(Y) - S(Y - period) as columns ``chg<k>_<Y>``."""
    out = pd.DataFrame(index=frame.index)
    for y in YEARS:
        if y - period in YEARS:
            for k, c in enumerate(S.values()):
                out[f"chg{k}_{y}"] = frame[f"{c}_{y}"] - frame[f"{c}_{y - period}"]
    out = out.join(frame[[f"inhabitants_mss_{y}" for y in YEARS]])
    return out


def output_frame(path):
    rows = layer_rows(path, "PLR_ID")
    return pd.DataFrame.from_dict(rows, orient="index").sort_index()


def check_year(out, idx, cls, name_index, name_class):
    assert int(out[name_class].notna().sum()) == len(cls), name_class
    got = out[name_index].dropna().astype(float)
    assert list(got.index) == list(idx.sort_index().index), name_index
    assert np.allclose(got.to_numpy(), idx.sort_index().to_numpy(), rtol=0, atol=1e-9), name_index
    assert (out.loc[cls.index, name_class].astype(int) == cls).all(), name_class


# --- the tests ------------------------------------------------------------------------


@pytest.mark.parametrize("basis", ["each_year", "base_year"])
def test_every_year_with_both_class_bases_and_the_report(run, series, tmp_path, basis):
    out_path = str(tmp_path / "series.gpkg")
    report = str(tmp_path / "series.html")
    res = run(
        "sozialplanung:compositeindex",
        {
            "INPUT": series["layer"],
            "CATALOGUE": CATALOGUE_2019,
            "SERIES": True,
            "CLASS_BASIS": basis,
            "POPULATION_FIELD": "inhabitants_mss_2019",
            "MIN_POPULATION": 300,
            "KEY_FIELD": "PLR_ID",
            "NAME_FIELD": "PLR_NAME",
            "OUTPUT": out_path,
            "REPORT": report,
        },
    )
    out = output_frame(out_path)
    frame = series["frame"]
    assert len(out) == 447
    status = expected(frame, {y: list(S.values()) for y in YEARS}, YEARS, basis, "status")
    dynamics = expected(frame, {y: list(D.values()) for y in YEARS}, YEARS, basis, "dynamics")
    for y in YEARS:
        check_year(out, *status[y], f"status_index_{y}", f"status_class_{y}")
        check_year(out, *dynamics[y], f"dynamics_index_{y}", f"dynamics_class_{y}")
    # the unsuffixed fields hold the latest year
    assert out["status_class"].equals(out["status_class_2019"]) and out["dynamics_class"].equals(
        out["dynamics_class_2019"]
    )
    assert res["CLASSIFIED"] == 436 and res["NOT_CLASSIFIED"] == 11
    assert out.at["01011102", "status_label"] == "nicht klassifiziert"
    assert out.at["01011102", "status_note"].startswith("Einwohnerzahl fehlt (inhabitants_mss_2019)")
    if basis == "each_year":  # MSS 2019 itself: all official classes but the one unit at a break
        official = table(2019, "1").set_index("id")
        differ = sorted(official.index[out.loc[official.index, "status_class"] != official["status_index"]])
        assert differ == ["09030901"]
        assert (out.loc[official.index, "sdi_class"] != official["status_dynamik_index"]).sum() == 1
    else:  # on the 2013 scale the 2013 breaks hold: fewer units are burdened in 2019 (the shares fell)
        assert (out["status_class_2019"] >= 3).sum() < (out["status_class_2013"] >= 3).sum()
    # the report: classes per year, transitions (consecutive and first -> last), every unit that moved
    assert os.path.exists(report)
    rep = json.loads(open(os.path.splitext(report)[0] + ".json", encoding="utf-8").read())
    assert rep["years"] == list(YEARS) and rep["class_basis"] == basis
    names = out["PLR_NAME"]  # NAME_FIELD
    for part, exp in zip(rep["parts"], (status, dynamics)):
        pairs = [(t["from_year"], t["to_year"]) for t in part["transitions"]]
        assert pairs == [(2013, 2015), (2015, 2017), (2017, 2019), (2013, 2019)]
        classes = [1, 2, 3, 4] if part["kind"] == "status" else [1, 3, 5]
        for j, y in enumerate(YEARS):
            assert [r["counts"][j] for r in part["counts"]["rows"]] == [int((exp[y][1] == c).sum()) for c in classes]
        for t in part["transitions"]:
            a, b = exp[t["from_year"]][1], exp[t["to_year"]][1]
            both = a.index.intersection(b.index)
            cross = pd.crosstab(a[both], b[both])
            cross = cross.reindex(index=classes, columns=classes, fill_value=0)
            assert [r["counts"] for r in t["rows"]] == cross.to_numpy().tolist(), (part["kind"], t["from_year"])
            assert t["n"] == len(both) and t["stayed"] == int(np.trace(cross.to_numpy()))
            moved = sorted(k for k in both if a[k] != b[k])
            assert [c["key"] for c in t["changes"]] == moved
            for c in t["changes"]:
                assert (c["from"], c["to"]) == (a[c["key"]], b[c["key"]]) and c["name"] == names[c["key"]]
            assert t["worse"] == sum(1 for k in moved if b[k] > a[k]) and t["worse"] + t["better"] == len(moved)
    html = open(report, encoding="utf-8").read()
    first_move = rep["parts"][0]["transitions"][0]["changes"][0]
    assert first_move["key"] in html and first_move["name"] in html
    assert "2013 → 2019" in html and "Class movements" in html
    infos = " ".join(res["_feedback"].infos)
    assert "Status index 2013 → 2015:" in infos


def test_class_counts_per_year_in_the_report(run, series, tmp_path):
    report = str(tmp_path / "r.html")
    run(
        "sozialplanung:compositeindex",
        {
            "INPUT": series["layer"],
            "CATALOGUE": CATALOGUE_2019,
            "YEARS": "2015;2019",
            "POPULATION_FIELD": "inhabitants_mss",
            "KEY_FIELD": "PLR_ID",
            "OUTPUT": str(tmp_path / "o.gpkg"),
            "REPORT": report,
        },
    )
    out = output_frame(str(tmp_path / "o.gpkg"))
    assert not [c for c in out.columns if c.endswith(("_2013", "_2017")) and c.startswith(("status", "dynamics"))]
    rep = json.loads(open(str(tmp_path / "r.json"), encoding="utf-8").read())
    counts = rep["parts"][0]["counts"]
    assert counts["years"] == [2015, 2019]
    for j, y in enumerate((2015, 2019)):
        assert [r["counts"][j] for r in counts["rows"]] == [
            int((out[f"status_class_{y}"] == c).sum()) for c in (1, 2, 3, 4)
        ]
        assert counts["not_classified"][j] == int(out[f"status_class_{y}"].isna().sum())
    assert [(t["from_year"], t["to_year"]) for t in rep["parts"][0]["transitions"]] == [(2015, 2019)]


def test_dynamics_derived_from_the_series(run, series, tmp_path):
    """A catalogue without change indicators and PERIOD=2: the dynamics of 2015,
    2017, 2019 from S(Y) - S(Y - 2), standardised and summed, classes by mean ± sd."""
    frame = series["frame"]
    chg = derived_frame(frame, 2)
    for basis in ("each_year", "base_year"):
        path = str(tmp_path / f"derived_{basis}.gpkg")
        run(
            "sozialplanung:compositeindex",
            {
                "INPUT": series["layer"],
                "CATALOGUE": series["status_only"],
                "SERIES": True,
                "PERIOD": 2,
                "CLASS_BASIS": basis,
                "POPULATION_FIELD": "inhabitants_mss_2013",
                "KEY_FIELD": "PLR_ID",
                "OUTPUT": path,
            },
        )
        out = output_frame(path)
        assert "dynamics_class_2013" not in out.columns
        exp = expected(
            chg, {y: [f"chg{k}" for k in range(3)] for y in (2015, 2017, 2019)}, (2015, 2017, 2019), basis, "dynamics"
        )
        for y in (2015, 2017, 2019):
            check_year(out, *exp[y], f"dynamics_index_{y}", f"dynamics_class_{y}")
        assert out["dynamics_class"].equals(out["dynamics_class_2019"])
    # PERIOD=4: only 2017 (from 2013) and 2019 (from 2015)
    path = str(tmp_path / "derived4.gpkg")
    run(
        "sozialplanung:compositeindex",
        {
            "INPUT": series["layer"],
            "CATALOGUE": series["status_only"],
            "SERIES": True,
            "PERIOD": 4,
            "POPULATION_FIELD": "inhabitants_mss_2019",
            "KEY_FIELD": "PLR_ID",
            "OUTPUT": path,
        },
    )
    out = output_frame(path)
    assert [c for c in out.columns if c.startswith("dynamics_class_")] == ["dynamics_class_2017", "dynamics_class_2019"]
    chg4 = derived_frame(frame, 4)
    exp = expected(
        chg4, {y: [f"chg{k}" for k in range(3)] for y in (2017, 2019)}, (2017, 2019), "each_year", "dynamics"
    )
    for y in (2017, 2019):
        check_year(out, *exp[y], f"dynamics_index_{y}", f"dynamics_class_{y}")


def test_single_year_outputs_are_unchanged_without_series(run, series, tmp_path):
    """Without SERIES and YEARS nothing of the series is written (nor a report)."""
    path = str(tmp_path / "one.gpkg")
    res = run(
        "sozialplanung:compositeindex",
        {
            "INPUT": series["layer"],
            "CATALOGUE": CATALOGUE_2019,
            "POPULATION_FIELD": "inhabitants_mss_2019",
            "KEY_FIELD": "PLR_ID",
            "OUTPUT": path,
            "REPORT": str(tmp_path / "none.html"),
        },
    )
    assert not os.path.exists(tmp_path / "none.html") and "REPORT" not in res
    assert any("No report written" in w for w in res["_feedback"].warnings)
    out = output_frame(path)
    assert not [c for c in out.columns if c.startswith(("status_index_", "status_class_", "dynamics_class_"))]
    assert int(out["status_class"].notna().sum()) == 436


@pytest.mark.parametrize(
    "extra, message",
    [
        ({"YEARS": "2013;2021"}, r"YEARS: no status data for 2021: no field 's1_percentage_unemployed_2021'"),
        ({"YEARS": "2013;20x5"}, r"YEARS: '20x5' is not a year"),
        (
            {"SERIES": True, "CATALOGUE": "status_only", "PERIOD": 10},
            r"PERIOD: a dynamics period of 10 years needs a year 10 years before one of the years "
            r"2013, 2015, 2017, 2019.*periods possible: 2, 4, 6",
        ),
        (
            {"SERIES": True, "CLASS_BASIS": "base_year", "BASE_YEAR": 2014},
            r"BASE_YEAR: the base year 2014 is not one of the years "
            r"2013, 2015, 2017, 2019",
        ),
        ({"SERIES": True, "POPULATION_FIELD": "PLR_ID_2019"}, r"POPULATION_FIELD: no field 'PLR_ID_2019'"),
        ({"PERIOD": 2}, r"PERIOD applies to a series of years: check SERIES or give YEARS"),
        ({"CLASS_BASIS": "base_year"}, r"CLASS_BASIS=base_year applies to a series"),
        (
            {"SERIES": True, "METHOD": "percentile_flags"},
            r"METHOD=percentile_flags: a series is "
            r"computed with zscore_sum",
        ),
        ({"SERIES": True, "YEAR": 2019}, r"YEAR is for a single year; give the years of a series in YEARS"),
    ],
)
def test_bad_input_names_the_field_or_year(run, series, tmp_path, extra, message):
    params = {
        "INPUT": series["layer"],
        "CATALOGUE": CATALOGUE_2019,
        "KEY_FIELD": "PLR_ID",
        "OUTPUT": str(tmp_path / "bad.gpkg"),
    }
    params.update(extra)
    if params["CATALOGUE"] == "status_only":
        params["CATALOGUE"] = series["status_only"]
    with pytest.raises(QgsProcessingException, match=message):
        run("sozialplanung:compositeindex", params)
    assert not os.path.exists(params["OUTPUT"])
