"""sozialplanung:suppress as a user runs it, on the real Berlin population
counts joined to the 542 Planungsräume, and in the pipeline with the other
algorithms (both orders): nothing withheld reaches the output or reappears."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pandas as pd
import pytest
from conftest import PLUGIN_DIR, data, example, layer_rows
from qgis.core import (
    QgsFeature,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)
from test_core_suppression import attack, lp_attack, small_published

from sozialplanung_plugin import compat
from sozialplanung_plugin import example as berlin_example
from sozialplanung_plugin.core import fields as fn
from sozialplanung_plugin.core import suppression as cs
from sozialplanung_plugin.core.catalogue import read_catalogue

BERLIN_CATALOGUE = example("katalog_berlin.csv")
TEST_CATALOGUE = data("supp_katalog_berlin.csv")
YEARS = (2023, 2024)
AGE = berlin_example.AGE_GROUPS


@pytest.fixture(scope="module")
def joined(provider, tmp_path_factory):
    """Planungsräume with the population tables 2023 and 2024 joined as the demo does
    (columns <name>_<year>) and the MSS rates (S1 ... with EW)."""
    import processing

    out = tmp_path_factory.mktemp("supp") / "joined.gpkg"
    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())
    berlin_example.join_all(
        lambda alg, params: processing.run(alg, params, context=ctx, feedback=QgsProcessingFeedback()),
        str(out),
        years=YEARS,
        context=False,
    )
    return str(out)


def frame(path) -> pd.DataFrame:
    rows = layer_rows(path, "PLR_ID")
    return pd.DataFrame.from_dict(rows, orient="index")


def counts_of(columns) -> list[str]:
    return [c for c in columns if c.startswith("inhabitants") and not c.endswith(("_sign", "_supp"))]


def registered(*names):
    from qgis.core import QgsApplication

    reg = QgsApplication.processingRegistry()
    missing = [n for n in names if reg.algorithmById(n) is None]
    if missing:
        pytest.skip(f"algorithm(s) not available yet: {', '.join(missing)}")


def test_berlin_suppressed_as_published(run, joined, tmp_path):
    before = frame(joined)
    out = str(tmp_path / "published.gpkg")
    res = run(
        "sozialplanung:suppress",
        {
            "INPUT": joined,
            "CATALOGUE": BERLIN_CATALOGUE,
            "MIN_COUNT": 10,
            "GROUP_FIELD": "BEZ",
            "MIN_POPULATION": 300,
            "POPULATION_FIELD": "inhabitants_2024",
            "OUTPUT": out,
        },
    )
    assert frame(joined).equals(before)  # the input is never changed
    pub = frame(out)
    assert len(pub) == 542
    counts = counts_of(before.columns)
    assert len(counts) == 2 * 11
    orig = before[counts].astype("float64")
    small = ((orig > 0) & (orig < 10)).sum().sum()
    assert res["PRIMARY"] == small > 20
    assert res["SECONDARY"] > 0 and res["UNPROTECTED"] == 0
    # the attacker's view on the published layer
    p = pub.copy()
    for c in counts:
        p[c] = p[c].astype("float64")
    bd = [(f"inhabitants_{y}", [f"inhabitants_age_{a}_{y}" for a in AGE]) for y in YEARS]
    assert small_published(orig, p, counts, 10) == []
    assert attack(orig.join(before["BEZ"]), p, counts, 10, False, "BEZ", bd, use_marks=False) == {}
    assert attack(orig.join(before["BEZ"]), p, counts, 10, False, "BEZ", bd) == {}
    assert lp_attack(orig.join(before["BEZ"]), p, counts, 10, False, "BEZ", bd) == set()
    # marks, signs, rule on every feature
    hidden = [(u, c) for c in counts for u in pub.index if pd.isna(pub.at[u, c])]
    assert len(hidden) == res["PRIMARY"] + res["SECONDARY"]
    for u, c in hidden:
        assert pub.at[u, fn.sign_of(c)] == "." and pub.at[u, fn.supp_of(c)] in ("primary", "secondary")
    note = set(pub[fn.SUPPRESSION_NOTE])
    assert note == {
        "Fallzahlen unter 10 sind geheim gehalten (.); für Raumeinheiten unter 300 Einwohnern "
        "(inhabitants_2024) werden keine Quoten veröffentlicht; Summen je BEZ; weitere Werte sind "
        "sekundär geheim gehalten, damit sich kein geheimer Wert aus Summen errechnen lässt (auch über "
        "die Kategorien von alter); daraus berechnete Werte (Quoten, Abweichungen, Markierungen, "
        "Klassen) sind ebenfalls geheim gehalten."
    }
    rule = json.loads(pub[fn.SUPPRESSION_RULE].iloc[0])
    assert (rule["min_count"], rule["min_population"], rule["group_field"]) == (10, 300, "BEZ")
    # MIN_POPULATION: no rates for units under 300 inhabitants (the MSS rates S1 ... too), counts stay
    small_units = before.index[~(before["inhabitants_2024"].astype(float) >= 300)]
    assert len(small_units) == 6
    for u in small_units:
        for r in ("S1", "S3", "S4"):
            assert pd.isna(pub.at[u, r])
            if not pd.isna(before.at[u, r]):
                assert pub.at[u, fn.supp_of(r)] == "primary"
    big = before.index[before["inhabitants_2024"].astype(float) >= 300]
    assert (pub.loc[big, "S1"].dropna() == before.loc[big, "S1"].dropna()).all()
    # the field types stay: counts are still integers
    layer = QgsVectorLayer(out, "p", "ogr")
    f = layer.fields()
    assert compat.is_integer_field(f.field("inhabitants_2024"))
    assert compat.is_text_field(f.field(fn.supp_of("inhabitants_age_below_6_2024")))


def test_fields_only_and_sign(run, joined, tmp_path):
    out = str(tmp_path / "f.gpkg")
    fields = [f"inhabitants_age_{a}_2024" for a in AGE]
    res = run(
        "sozialplanung:suppress", {"INPUT": joined, "FIELDS": fields, "MIN_COUNT": 10, "SIGN": "*", "OUTPUT": out}
    )
    pub = frame(out)
    assert res["PRIMARY"] >= 5
    for c in fields:
        if fn.supp_of(c) in pub.columns:
            hid = pub[fn.supp_of(c)].notna()
            assert (pub.loc[hid, fn.sign_of(c)] == "*").all() and pub.loc[hid, c].isna().all()
    # FIELDS knows no breakdown: each field is protected on its own (per column)
    assert "Kategorien" not in pub[fn.SUPPRESSION_NOTE].iloc[0]
    # the age groups 2023 are not named, so they stay as they were
    assert fn.supp_of("inhabitants_age_below_6_2023") not in pub.columns


def test_fields_not_covered_are_named(run, joined, tmp_path):
    res = run(
        "sozialplanung:suppress",
        {"INPUT": joined, "FIELDS": ["inhabitants_age_below_6_2024"], "OUTPUT": str(tmp_path / "x.gpkg")},
    )
    warnings = " ".join(res["_feedback"].warnings)
    # the same count of the other year is named (it is not protected here)
    assert "Fields not covered" in warnings and "inhabitants_age_below_6_2023" in warnings


def test_errors_name_the_field(run, joined, tmp_path):
    with pytest.raises(QgsProcessingException, match="nothing to protect"):
        run("sozialplanung:suppress", {"INPUT": joined, "OUTPUT": str(tmp_path / "a.gpkg")})
    with pytest.raises(QgsProcessingException, match="POPULATION_FIELD"):
        run(
            "sozialplanung:suppress",
            {"INPUT": joined, "CATALOGUE": BERLIN_CATALOGUE, "MIN_POPULATION": 300, "OUTPUT": str(tmp_path / "b.gpkg")},
        )
    layer = QgsVectorLayer("Polygon?crs=EPSG:25833", "units", "memory")
    layer.dataProvider().addAttributes(
        [
            compat.new_field("key", compat.TYPE_STRING),
            compat.new_field("kinder", compat.TYPE_INT),
            compat.new_field("quote", compat.TYPE_DOUBLE),
            compat.new_field("name", compat.TYPE_STRING),
        ]
    )
    layer.updateFields()
    for k, n, q, name in (("01", 5, 1.5, "Altstadt"), ("02", -2, 2.0, "Hafen"), ("03", 1, 3.25, "Süd")):
        f = QgsFeature(layer.fields())
        f.setAttributes([k, n, q, name])
        layer.dataProvider().addFeature(f)
    with pytest.raises(QgsProcessingException, match=r"count field 'kinder' is negative for unit '02'"):
        run(
            "sozialplanung:suppress",
            {"INPUT": layer, "FIELDS": ["kinder"], "KEY_FIELD": "key", "OUTPUT": "TEMPORARY_OUTPUT"},
        )
    with pytest.raises(QgsProcessingException, match=r"count field 'quote' holds 1.5 for unit '01'"):
        run(
            "sozialplanung:suppress",
            {"INPUT": layer, "FIELDS": ["quote"], "KEY_FIELD": "key", "OUTPUT": "TEMPORARY_OUTPUT"},
        )
    with pytest.raises(QgsProcessingException, match="count field 'name' is not numeric"):
        run("sozialplanung:suppress", {"INPUT": layer, "FIELDS": ["name"], "OUTPUT": "TEMPORARY_OUTPUT"})
    assert [f["kinder"] for f in layer.getFeatures()] == [5, -2, 1]  # the input is untouched


def withheld_counts(pub: pd.DataFrame) -> dict:
    """(unit, count field) withheld in a published layer."""
    return {
        (u, c)
        for c in counts_of(pub.columns)
        if fn.supp_of(c) in pub.columns
        for u in pub.index[pub[fn.supp_of(c)].notna()]
    }


def check_derived(pub: pd.DataFrame, cat, suppressed_last: bool) -> int:
    """Every value computed from a withheld count of a unit is missing. When the
    layer was suppressed after classifyburden, the burden fields of a unit with a
    withheld core indicator are missing too (computed later, they rest on the
    published values only: the rule never lets a gap decide a class)."""
    gone_counts = withheld_counts(pub)
    checked = 0
    for u in pub.index:
        core_gone = status_gone = False
        for ind in cat:
            for y in YEARS:
                if (u, f"{ind.numerator}_{y}") in gone_counts or (u, f"{ind.denominator}_{y}") in gone_counts:
                    assert pd.isna(pub.at[u, fn.measure(ind.id, "val", y)]), (u, ind.id, y)
                    if y == YEARS[-1]:
                        checked += 1
                        core_gone |= ind.core
                        status_gone |= ind.index == "status"
                        for m in ("val", "diff", "ratio", "z", "pct"):
                            assert pd.isna(pub.at[u, fn.measure(ind.id, m)]), (u, ind.id, m)
                            if suppressed_last and fn.supp_of(fn.measure(ind.id, m)) in pub.columns:
                                assert pub.at[u, fn.sign_of(fn.measure(ind.id, m))] in (".", None)
                        assert pd.isna(pub.at[u, fn.change(ind.id)])
                        if ind.core:
                            assert pd.isna(pub.at[u, fn.flag(ind.id)])
        if core_gone and suppressed_last:
            for f_ in (fn.BURDEN_FLAGS, fn.BURDEN_CLASS, fn.BURDEN_CODE, fn.BURDEN_REASON):
                assert pd.isna(pub.at[u, f_]) or pub.at[u, f_] in ("nicht bewertbar",), (u, f_, pub.at[u, f_])
        if status_gone:
            assert pd.isna(pub.at[u, fn.STATUS_CLASS]) and pd.isna(pub.at[u, fn.STATUS_INDEX])
    return checked


def analyse(run, layer, tmp_path) -> str:
    """computeindicators -> classifyburden -> compositeindex on ``layer``; the last output."""
    ind = run(
        "sozialplanung:computeindicators",
        {"INPUT": layer, "CATALOGUE": TEST_CATALOGUE, "OUTPUT": str(tmp_path / "ind.gpkg")},
    )["OUTPUT"]
    bur = run(
        "sozialplanung:classifyburden",
        {
            "INPUT": ind,
            "CATALOGUE": TEST_CATALOGUE,
            "MEASURE": "difference",
            "MIN_FLAGS": 2,
            "OUTPUT": str(tmp_path / "bur.gpkg"),
        },
    )["OUTPUT"]
    return run(
        "sozialplanung:compositeindex",
        {"INPUT": bur, "CATALOGUE": TEST_CATALOGUE, "OUTPUT": str(tmp_path / "idx.gpkg")},
    )["OUTPUT"]


def test_pipeline_suppress_last(run, joined, tmp_path):
    """The demo's order: computeindicators -> classifyburden -> compositeindex -> suppress."""
    registered("sozialplanung:computeindicators", "sozialplanung:classifyburden", "sozialplanung:compositeindex")
    cat = read_catalogue(TEST_CATALOGUE)
    idx = analyse(run, joined, tmp_path)
    out = str(tmp_path / "pub.gpkg")
    res = run(
        "sozialplanung:suppress",
        {"INPUT": idx, "CATALOGUE": TEST_CATALOGUE, "MIN_COUNT": 10, "GROUP_FIELD": "BEZ", "OUTPUT": out},
    )
    pub = frame(out)
    full = frame(idx)
    assert res["DERIVED"] > 0
    assert check_derived(pub, cat, suppressed_last=True) > 0
    # the published reference stays, and so does everything of the units without withheld counts
    assert pub["u6_ref"].equals(full["u6_ref"])
    untouched = [u for u in pub.index if not any(uu == u for uu, _ in withheld_counts(pub))]
    assert untouched
    assert pub.loc[untouched, "status_class"].equals(full.loc[untouched, "status_class"])
    assert any("z-scores, percentiles or index values" in w for w in res["_feedback"].warnings)
    # the style of the index layer is kept
    assert QgsVectorLayer(out, "p", "ogr").renderer().type() == QgsVectorLayer(idx, "i", "ogr").renderer().type()


def test_pipeline_suppress_first_nothing_reappears(run, joined, tmp_path):
    """suppress on the joined layer, then computeindicators -> classifyburden -> compositeindex:
    withheld counts stay NULL and no later algorithm re-derives a value from them."""
    registered("sozialplanung:computeindicators", "sozialplanung:classifyburden", "sozialplanung:compositeindex")
    cat = read_catalogue(TEST_CATALOGUE)
    sup = run(
        "sozialplanung:suppress",
        {
            "INPUT": joined,
            "CATALOGUE": TEST_CATALOGUE,
            "MIN_COUNT": 10,
            "GROUP_FIELD": "BEZ",
            "OUTPUT": str(tmp_path / "sup.gpkg"),
        },
    )["OUTPUT"]
    idx = analyse(run, sup, tmp_path)
    first, last = frame(sup), frame(idx)
    gone = withheld_counts(first)
    assert gone
    for u, c in gone:
        assert pd.isna(last.at[u, c]) and last.at[u, fn.supp_of(c)] in ("primary", "secondary")
    assert last[fn.SUPPRESSION_NOTE].notna().all()  # the rule travels on
    assert check_derived(last, cat, suppressed_last=False) > 0
    # every rate that is published rests on published counts
    for ind_ in cat:
        for y in YEARS:
            v = fn.measure(ind_.id, "val", y)
            ok = last[v].notna()
            assert last.loc[ok, f"{ind_.numerator}_{y}"].notna().all()
            assert last.loc[ok, f"{ind_.denominator}_{y}"].notna().all()
    # and the published() helper agrees with the layer
    assert cs.published(last, "inhabitants_age_below_6_2024").isna().sum() >= len(
        [1 for _, c in gone if c == "inhabitants_age_below_6_2024"]
    )


def test_qgis_process_runs_it(joined, tmp_path):
    """The built plugin through qgis_process, as in the docs (only against a build)."""
    exe = shutil.which("qgis_process.bin") or "/usr/bin/qgis_process.bin"
    if not os.path.exists(os.path.join(PLUGIN_DIR, "metadata.txt")) or not os.path.exists(exe):
        pytest.skip("needs the built plugin (make test) and qgis_process.bin")
    # a fresh QGIS profile with the plugin enabled (pytest-qgis points QGIS to a settings folder of its own)
    env = dict(
        os.environ,
        QGIS_PLUGINPATH=os.path.dirname(PLUGIN_DIR),
        QT_QPA_PLATFORM="offscreen",
        QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "profile"),
        QGIS_OPTIONS_PATH=str(tmp_path / "profile"),
    )
    name = os.path.basename(PLUGIN_DIR)
    subprocess.run([exe, "plugins", "enable", name], capture_output=True, text=True, env=env, timeout=120)
    out = str(tmp_path / "qp.gpkg")
    p = subprocess.run(
        [
            exe,
            "run",
            "sozialplanung:suppress",
            "--json",
            "--",
            f"INPUT={joined}",
            f"CATALOGUE={BERLIN_CATALOGUE}",
            "MIN_COUNT=10",
            "GROUP_FIELD=BEZ",
            f"OUTPUT={out}",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert p.returncode == 0, p.stdout[-2000:] + p.stderr[-2000:]
    result = json.loads(p.stdout[p.stdout.index("{") :])["results"]
    assert result["PRIMARY"] > 0 and result["UNPROTECTED"] == 0
    assert frame(out)[fn.SUPPRESSION_NOTE].str.startswith("Fallzahlen unter 10").all()


def test_fields_only_on_a_computed_layer_warns(run, joined, tmp_path):
    registered("sozialplanung:computeindicators")
    ind = run(
        "sozialplanung:computeindicators",
        {"INPUT": joined, "CATALOGUE": TEST_CATALOGUE, "OUTPUT": str(tmp_path / "ind.gpkg")},
    )["OUTPUT"]
    res = run(
        "sozialplanung:suppress",
        {"INPUT": ind, "FIELDS": ["inhabitants_age_below_6_2024"], "MIN_COUNT": 10, "OUTPUT": str(tmp_path / "x.gpkg")},
    )
    assert any("NOT protected: give CATALOGUE" in w and "u6_val" in w for w in res["_feedback"].warnings)


def test_rates_computed_after_suppress_keep_the_minimum_population(run, joined, tmp_path):
    """suppress first (the safe order), then computeindicators: the rule stored on the
    layer keeps the rates of units below MIN_POPULATION out of the output and out of
    the z-scores, while their published counts still count in the city-wide value."""
    protected = str(tmp_path / "protected.gpkg")
    run(
        "sozialplanung:suppress",
        {
            "INPUT": joined,
            "CATALOGUE": BERLIN_CATALOGUE,
            "MIN_COUNT": 3,
            "MIN_POPULATION": 300,
            "POPULATION_FIELD": "EW",
            "OUTPUT": protected,
        },
    )
    out = str(tmp_path / "ind.gpkg")
    res = run(
        "sozialplanung:computeindicators",
        {"INPUT": protected, "CATALOGUE": BERLIN_CATALOGUE, "INDICATORS": "u6", "KEY_FIELD": "PLR_ID", "OUTPUT": out},
    )
    assert any("fewer than 300 inhabitants" in i for i in res["_feedback"].infos)
    df = frame(out)
    ew = pd.to_numeric(df["EW"], errors="coerce")
    small = ew.isna() | (ew < 300)
    assert small.sum() == 5  # EW 0, 21, 38, 110 and one empty
    has_counts = df["inhabitants_2024"].notna() & (df["inhabitants_2024"] > 0)
    hidden = small & has_counts
    assert hidden.sum() >= 3
    assert df.loc[hidden, "u6_val"].isna().all()
    assert (df.loc[hidden, "u6_val_sign"] == ".").all() and (df.loc[hidden, "u6_val_supp"] == "primary").all()
    assert df.loc[hidden, ["u6_diff", "u6_ratio", "u6_z", "u6_pct"]].isna().all().all()
    assert df.loc[~small, "u6_val"].notna().all()
    # z-scores over the published values only
    v = df.loc[~small, "u6_val"].astype(float)
    z = (v - v.mean()) / v.std()
    assert (df.loc[~small, "u6_z"].astype(float) - z).abs().max() < 1e-9
    # the city-wide value still includes every published count
    num = df["inhabitants_age_below_6_2024"].astype(float)
    den = df["inhabitants_2024"].astype(float)
    ok = num.notna() & den.notna()
    assert df["u6_ref"].astype(float).iloc[0] == pytest.approx(100 * num[ok].sum() / den[ok].sum())
