"""computeindicators, classifyburden and compositeindex as a user runs them
(processing.run on layers joined from German tables), every output value
compared with an independent computation of the formulas."""

import math
import statistics

import pytest
from conftest import data, layer_rows
from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProject,
    QgsSingleSymbolRenderer,
    QgsSymbol,
    QgsVectorLayer,
)

from sozialplanung_plugin.core.tables import read_table

UNITS = data("musterstadt.gpkg") + "|layername=sozialraeume"
CATALOGUE = data("ind_katalog_musterstadt.csv")
SERIES_CATALOGUE = data("ind_katalog_zeitreihe.csv")
KEYS = [f"01{i:02d}" for i in range(1, 13)]


def join(run, tmp_path, table, name="joined.gpkg"):
    out = str(tmp_path / name)
    run(
        "sozialplanung:joinindicators",
        {
            "INPUT": UNITS,
            "INPUT_KEY": "sr_id",
            "TABLE": data(table),
            "TABLE_KEY": "Schlüssel",
            "NORMALIZE_KEYS": True,
            "OUTPUT": out,
        },
    )
    return out


def compute(run, tmp_path, layer, name="ind.gpkg", **extra):
    out = str(tmp_path / name)
    params = {"INPUT": layer, "CATALOGUE": CATALOGUE, "OUTPUT": out}
    params.update(extra)
    return run("sozialplanung:computeindicators", params), out


def fnum(v):
    return None if v is None else float(v)


def table_rows(name):
    t = read_table(data(name), key="Schlüssel")
    d = t.data.set_index("Schlüssel")
    rows = {}
    for k in KEYS:
        src = k if k in d.index else k.lstrip("0")  # "111" joins 0111 as a near match (NORMALIZE_KEYS)
        rows[k] = {
            c: (
                None
                if src not in d.index or (isinstance(d.at[src, c], float) and math.isnan(d.at[src, c]))
                else d.at[src, c]
            )
            for c in d.columns
        }
    return rows, t


def independent(rows, num, den, mult, keys=KEYS):
    vals = {}
    for k in keys:
        n, d = fnum(rows[k][num]), fnum(rows[k][den])
        vals[k] = None if n is None or d is None or d == 0 else n / d * mult
    pairs = [(fnum(rows[k][num]), fnum(rows[k][den])) for k in keys]
    pairs = [p for p in pairs if p[0] is not None and p[1] is not None]
    ref = sum(p[0] for p in pairs) / sum(p[1] for p in pairs) * mult
    valid = [v for v in vals.values() if v is not None]
    m, s = statistics.mean(valid), statistics.stdev(valid)
    out = {}
    for k, v in vals.items():
        if v is None:
            out[k] = dict(val=None, ref=ref, diff=None, ratio=None, z=None, pct=None)
        else:
            out[k] = dict(
                val=v,
                ref=ref,
                diff=v - ref,
                ratio=100 * v / ref,
                z=(v - m) / s,
                pct=100 * sum(1 for w in valid if w < v) / (len(valid) - 1),
            )
    return out


def categories(path):
    """(class field, category values) of a layer's stored style, as plain Python values: no QGIS
    object may outlive the test (a failing test's traceback would keep it beyond QGIS's exit)."""
    layer = QgsVectorLayer(path, "x", "ogr")
    r = layer.renderer()
    return r.classAttribute(), [c.value() for c in r.categories()]


def legend_labels(path):
    layer = QgsVectorLayer(path, "x", "ogr")  # keep the layer alive while its renderer is used
    return [c.label() for c in layer.renderer().categories()]


def assert_close(got, exp, what):
    if exp is None:
        assert got is None, what
    else:
        assert got == pytest.approx(exp, rel=1e-9, abs=1e-12), what


def test_computeindicators_values_match_independent_formulas(run, tmp_path):
    joined = join(run, tmp_path, "musterstadt_2023.csv")
    before = layer_rows(joined, "sr_id")
    res, out = compute(run, tmp_path, joined)
    rows = layer_rows(out, "sr_id")
    assert layer_rows(joined, "sr_id") == before  # the input is never changed
    src, _ = table_rows("musterstadt_2023.csv")
    for ind, num, den, mult in (
        ("sgb2", "SGB II Empfänger", "Einwohner", 100),
        ("alo", "Arbeitslose", "Einwohner", 1000),
        ("alleinerz", "Alleinerziehende", "Haushalte mit Kindern", 100),
        ("kinderarmut", "Kinder u15 SGB II", "Kinder u15", 100),
        ("kinder", "Kinder u15", "Einwohner", 100),
    ):
        exp = independent(src, num, den, mult)
        for k in KEYS:
            for m, v in exp[k].items():
                assert_close(rows[k][f"{ind}_{m}"], v, f"{k} {ind}_{m}")
    assert rows["0108"]["sgb2_val_sign"] == "."
    assert rows["0107"]["kinderarmut_val_sign"] == "-"
    assert rows["0112"]["sgb2_val"] is None and rows["0112"]["sgb2_val_sign"] is None  # not in the table
    assert rows["0101"]["sr_name"] == "Altstadt & Hafen"
    layer = QgsVectorLayer(out, "i", "ogr")
    names = layer.fields().names()
    for m in ("val", "val_sign", "ref", "diff", "ratio", "z", "pct"):
        assert f"sgb2_{m}" in names
    # styled on the first core indicator, and the style is stored in the GeoPackage as its default
    assert layer.renderer().type() == "RuleRenderer"
    labels = [r.label() for r in layer.renderer().rootRule().children()]
    assert len(labels) == 6 and labels[-1] in ("no value", "kein Wert")
    assert layer.listStylesInDatabase()[0] == 1


def test_ready_rate_with_total_row_and_reference_field(run, tmp_path):
    joined = join(run, tmp_path, "musterstadt_2023.csv")
    _, out = compute(run, tmp_path, joined, TOTALS=data("musterstadt_2023.csv"), INDICATORS="sgb2q;sgb2")
    rows = layer_rows(out, "sr_id")
    assert rows["0102"]["sgb2q_ref"] == pytest.approx(10.5)  # "Stadt insgesamt" of the delivered table
    assert rows["0102"]["sgb2q_diff"] == pytest.approx(19.4 - 10.5)
    assert "alo_val" not in rows["0102"]
    _, out = compute(run, tmp_path, joined, name="grp.gpkg", REFERENCE_FIELD="gemeinde", INDICATORS="sgb2")
    grouped = layer_rows(out, "sr_id")
    src, _ = table_rows("musterstadt_2023.csv")
    for g in ("Nord", "Süd"):
        keys = [k for k in KEYS if grouped[k]["gemeinde"] == g]
        exp = independent(src, "SGB II Empfänger", "Einwohner", 100, keys)
        for k in keys:
            for m, v in exp[k].items():
                assert_close(grouped[k][f"sgb2_{m}"], v, f"{g} {k} sgb2_{m}")


def test_several_years(run, tmp_path):
    joined = join(run, tmp_path, "ind_musterstadt_zeitreihe.csv")
    res, out = compute(run, tmp_path, joined, CATALOGUE=SERIES_CATALOGUE, BASE_YEAR=2021, INDICATORS="sgb2;alo")
    rows = layer_rows(out, "sr_id")
    src, _ = table_rows("ind_musterstadt_zeitreihe.csv")
    e23 = independent(src, "SGB II Empfänger_2023", "Einwohner_2023", 100)
    e21 = independent(src, "SGB II Empfänger_2021", "Einwohner_2021", 100)
    REF23, REF21 = (next(e[k]["ref"] for k in KEYS if e[k]["ref"] is not None) for e in (e23, e21))  # noqa: N806
    for k in KEYS:
        assert_close(rows[k]["sgb2_val"], e23[k]["val"], k)
        assert_close(rows[k]["sgb2_val_2021"], e21[k]["val"], k)
        chg = None if e23[k]["val"] is None or e21[k]["val"] is None else e23[k]["val"] - e21[k]["val"]
        assert_close(rows[k]["sgb2_chg"], chg, k)
        assert rows[k]["sgb2_ref_chg"] == pytest.approx(REF23 - REF21)
    assert rows["0112"]["sgb2_val_2021_sign"] == "x"
    assert any("'0112'" in w for w in res["_feedback"].warnings)
    _, out = compute(run, tmp_path, joined, name="y22.gpkg", CATALOGUE=SERIES_CATALOGUE, YEAR=2022, INDICATORS="sgb2")
    assert layer_rows(out, "sr_id")["0101"]["sgb2_val"] == pytest.approx(100 * 630 / 4775)


def test_data_errors_name_unit_field_and_value(run, tmp_path):
    text = (
        open(data("musterstadt_2023.csv"), encoding="cp1252")
        .read()
        .replace("0104;Öhringer Straße;2.540", "0104;Öhringer Straße;-2.540")
    )
    (tmp_path / "neg.csv").write_text(text, encoding="cp1252")
    out = str(tmp_path / "neg.gpkg")
    run(
        "sozialplanung:joinindicators",
        {
            "INPUT": UNITS,
            "INPUT_KEY": "sr_id",
            "TABLE": str(tmp_path / "neg.csv"),
            "TABLE_KEY": "Schlüssel",
            "OUTPUT": out,
        },
    )
    with pytest.raises(
        QgsProcessingException,
        match=r"'sgb2'.*'Einwohner' is negative for unit\(s\) '0104' "
        r"\(value -2540\)",
    ):
        compute(run, tmp_path, out)
    bad = tmp_path / "k.csv"
    bad.write_text("id;Zähler;Nenner;Farbe\na;x;y;rot\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="unknown column 'Farbe'"):
        compute(run, tmp_path, out, CATALOGUE=str(bad))
    bad.write_text("id;Zähler;Nenner\na;Bezieher;Einwohner\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="indicator 'a' .*'Bezieher' not found in the layer"):
        compute(run, tmp_path, out, CATALOGUE=str(bad))


def test_classifyburden_flags_classes_and_style(run, tmp_path):
    joined = join(run, tmp_path, "musterstadt_2023.csv")
    _, ind = compute(run, tmp_path, joined)
    out = str(tmp_path / "burden.gpkg")
    res = run(
        "sozialplanung:classifyburden",
        {"INPUT": ind, "CATALOGUE": CATALOGUE, "MEASURE": "difference", "THRESHOLD": 5, "MIN_FLAGS": 2, "OUTPUT": out},
    )
    rows = layer_rows(out, "sr_id")
    counts = {"besonders belastet": 0, "belastet": 0, "unauffällig": 0, "nicht bewertbar": 0}
    for k, r in rows.items():
        flags, missing = 0, 0
        for ind_id, t in (("sgb2", 5), ("alo", 5), ("alleinerz", 8), ("kinderarmut", 5)):
            d = r[f"{ind_id}_diff"]
            if d is None:
                assert r[f"{ind_id}_flag"] is None
                missing += 1
            else:
                assert r[f"{ind_id}_flag"] == int(d >= t), (k, ind_id)
                flags += d >= t
        cls = (
            "besonders belastet"
            if flags >= 2
            else "belastet"
            if flags and flags + missing < 2
            else "unauffällig"
            if not flags and not missing
            else "nicht bewertbar"
        )
        assert r["burden_class"] == cls and r["burden_flags"] == flags, k
        counts[cls] += 1
    assert res["PARTICULARLY_BURDENED"] == counts["besonders belastet"] >= 2
    assert res["NOT_ASSESSABLE"] == counts["nicht bewertbar"] >= 1
    assert "SGB II 25,6 % vs. Stadt" in rows["0105"]["burden_reason"]
    assert rows["0101"]["burden_rule"].startswith("Kernindikator markiert bei Differenz")
    layer = QgsVectorLayer(out, "b", "ogr")
    r = layer.renderer()
    assert r.type() == "categorizedSymbol" and r.classAttribute() == "burden_class"
    cats = r.categories()
    assert [c.value() for c in cats] == ["unauffällig", "belastet", "besonders belastet", "nicht bewertbar"]
    lightness = [c.symbol().color().lightness() for c in cats[:3]]
    assert lightness == sorted(lightness, reverse=True)  # darker = more burdened
    assert cats[3].symbol().symbolLayerCount() == 2  # grey fill + hatching: its own legend entry


def test_classifyburden_computes_missing_indicators_first(run, tmp_path):
    joined = join(run, tmp_path, "musterstadt_2023.csv")
    _, ind = compute(run, tmp_path, joined)
    a, b = str(tmp_path / "a.gpkg"), str(tmp_path / "b.gpkg")
    params = {"CATALOGUE": CATALOGUE, "MEASURE": "zscore", "MIN_FLAGS": 1}
    run("sozialplanung:classifyburden", dict(params, INPUT=ind, OUTPUT=a))
    res = run("sozialplanung:classifyburden", dict(params, INPUT=joined, OUTPUT=b, REFERENCE_FIELD="gemeinde"))
    ra, rb = layer_rows(a, "sr_id"), layer_rows(b, "sr_id")
    assert any("computing them first" in i for i in res["_feedback"].infos)
    assert "sgb2_z" in rb["0101"] and "vs. Nord" in rb["0105"]["burden_reason"]
    assert [ra[k]["burden_class"] for k in KEYS] != [None] * 12
    # some core indicators computed before, the others here: the same classes as the full chain
    _, part = compute(run, tmp_path, joined, name="part.gpkg", INDICATORS="sgb2;alo")
    c = str(tmp_path / "c.gpkg")
    res = run("sozialplanung:classifyburden", dict(params, INPUT=part, OUTPUT=c))
    assert any("for alleinerz, kinderarmut: computing" in i for i in res["_feedback"].infos)
    rc = layer_rows(c, "sr_id")
    assert {k: rc[k]["burden_class"] for k in KEYS} == {k: ra[k]["burden_class"] for k in KEYS}
    assert {k: rc[k]["burden_reason"] for k in KEYS} == {k: ra[k]["burden_reason"] for k in KEYS}


def test_compositeindex_methods_classes_and_population(run, tmp_path):
    joined = join(run, tmp_path, "musterstadt_2023.csv")
    _, ind = compute(run, tmp_path, joined)
    out = str(tmp_path / "idx.gpkg")
    res = run(
        "sozialplanung:compositeindex",
        {
            "INPUT": ind,
            "CATALOGUE": CATALOGUE,
            "METHOD": "zscore_sum",
            "POPULATION_FIELD": "Einwohner",
            "MIN_POPULATION": 100,
            "OUTPUT": out,
        },
    )
    rows = layer_rows(out, "sr_id")
    ok = [k for k in KEYS if rows[k]["status_class"] is not None]
    assert res["CLASSIFIED"] == len(ok) and res["NOT_CLASSIFIED"] == 12 - len(ok)
    assert rows["0108"]["status_note"].startswith("weniger als 100 Einwohner (Einwohner = 45)")
    assert rows["0112"]["status_note"] == (
        "Einwohnerzahl fehlt (Einwohner); kein Wert: sgb2, alo, alleinerz, kinderarmut"
    )
    weights = {"sgb2": 1, "alo": 1, "alleinerz": 1, "kinderarmut": 2}
    stats = {
        i: (statistics.mean(rows[k][f"{i}_val"] for k in ok), statistics.stdev(rows[k][f"{i}_val"] for k in ok))
        for i in weights
    }
    for k in ok:
        idx = sum(w * (rows[k][f"{i}_val"] - stats[i][0]) / stats[i][1] for i, w in weights.items())
        assert rows[k]["status_index"] == pytest.approx(idx, rel=1e-9, abs=1e-12)
    assert "dynamics_index" not in rows["0101"]  # one year, no dynamics indicators
    attribute, values = categories(out)
    assert attribute == "status_class"
    assert [str(v) for v in values[:4]] == ["1", "2", "3", "4"] and values[4] in (None, "")
    for method, classes, extra, n in (
        ("percentile_flags", "method", {}, 4),
        ("exponential_rank", "method", {}, 10),
        ("zscore_sum", "quantiles", {"CLASS_COUNT": 3}, 3),
        ("zscore_sum", "breaks", {"BREAKS": "-1;0;1,5"}, 4),
    ):
        o = str(tmp_path / f"{method}_{classes}.gpkg")
        run(
            "sozialplanung:compositeindex",
            dict({"INPUT": ind, "CATALOGUE": CATALOGUE, "METHOD": method, "CLASSES": classes, "OUTPUT": o}, **extra),
        )
        r = layer_rows(o, "sr_id")
        got = {r[k]["status_class"] for k in KEYS} - {None}
        assert got <= set(range(1, n + 1)), (method, classes, got)
        assert len(legend_labels(o)) == n + 1
    with pytest.raises(QgsProcessingException, match="CLASSES=breaks needs BREAKS"):
        run(
            "sozialplanung:compositeindex",
            {"INPUT": ind, "CATALOGUE": CATALOGUE, "CLASSES": "breaks", "OUTPUT": str(tmp_path / "e.gpkg")},
        )


def test_legend_labels_follow_the_qgis_language(run, tmp_path, monkeypatch):
    # the language comes from QGIS's locale setting (translation.qgis_locale); patched here rather than written
    # to the settings file, which other test runs on the machine share
    from sozialplanung_plugin import translation

    joined = join(run, tmp_path, "musterstadt_2023.csv")
    monkeypatch.setattr(translation, "qgis_locale", lambda: "de_DE")
    out = str(tmp_path / "de.gpkg")
    run("sozialplanung:classifyburden", {"INPUT": joined, "CATALOGUE": CATALOGUE, "MEASURE": "zscore", "OUTPUT": out})
    assert legend_labels(out) == ["unauffällig", "belastet", "besonders belastet", "nicht bewertbar"]
    out = str(tmp_path / "de_idx.gpkg")
    run(
        "sozialplanung:compositeindex",
        {"INPUT": joined, "CATALOGUE": CATALOGUE, "CLASSES": "breaks", "BREAKS": "-1;0;1,5", "OUTPUT": out},
    )
    assert legend_labels(out) == ["unter -1", "-1 bis unter 0", "0 bis unter 1,5", "ab 1,5", "nicht klassifiziert"]
    monkeypatch.setattr(translation, "qgis_locale", lambda: "en_GB")
    out = str(tmp_path / "en.gpkg")
    run("sozialplanung:classifyburden", {"INPUT": joined, "CATALOGUE": CATALOGUE, "MEASURE": "zscore", "OUTPUT": out})
    assert legend_labels(out) == ["unremarkable", "burdened", "particularly burdened", "not assessable"]


def test_layer_loaded_after_the_run_is_styled(provider, tmp_path):
    import processing

    joined = str(tmp_path / "j.gpkg")
    processing.run(
        "sozialplanung:joinindicators",
        {
            "INPUT": UNITS,
            "INPUT_KEY": "sr_id",
            "TABLE": data("musterstadt_2023.csv"),
            "TABLE_KEY": "Schlüssel",
            "OUTPUT": joined,
        },
    )
    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())
    fb = QgsProcessingFeedback()
    dest = QgsProcessingOutputLayerDefinition("TEMPORARY_OUTPUT", QgsProject.instance())
    res = processing.run(
        "sozialplanung:compositeindex",
        {"INPUT": joined, "CATALOGUE": CATALOGUE, "OUTPUT": dest},
        feedback=fb,
        context=ctx,
    )
    layer = res["OUTPUT"]
    assert isinstance(layer, QgsVectorLayer)
    assert layer.renderer().type() == "categorizedSymbol"  # the temporary layer itself is styled after the run
    dest_id = layer.id()
    assert ctx.willLoadLayerOnCompletion(dest_id)
    details = ctx.layerToLoadOnCompletionDetails(dest_id)
    assert details.postProcessor() is not None
    layer.setRenderer(QgsSingleSymbolRenderer(QgsSymbol.defaultSymbol(layer.geometryType())))
    details.postProcessor().postProcessLayer(layer, ctx, fb)
    assert layer.renderer().type() == "categorizedSymbol"
    assert layer.renderer().classAttribute() == "status_class"


def test_rerun_on_its_own_output_replaces_the_fields(run, tmp_path):
    joined = join(run, tmp_path, "ind_musterstadt_zeitreihe.csv")
    _, first = compute(run, tmp_path, joined, CATALOGUE=SERIES_CATALOGUE, INDICATORS="sgb2")
    _, second = compute(
        run, tmp_path, first, name="again.gpkg", CATALOGUE=SERIES_CATALOGUE, INDICATORS="sgb2", YEAR=2022
    )
    a, b = QgsVectorLayer(first, "a", "ogr"), QgsVectorLayer(second, "b", "ogr")
    assert a.fields().names() == b.fields().names()  # replaced in place, nothing doubled
    rows = layer_rows(second, "sr_id")
    assert rows["0101"]["sgb2_val"] == pytest.approx(100 * 630 / 4775)
    assert rows["0112"]["sgb2_val_2021_sign"] == "x"
    assert layer_rows(first, "sr_id")["0112"]["sgb2_chg"] is not None  # 2023 - 2022
    assert rows["0112"]["sgb2_chg"] is None  # 2022 - 2021 (0/0): replaced by NULL, not left from the first run


def test_too_many_fields_for_a_geopackage_is_a_clear_error(run, tmp_path, monkeypatch):
    from sozialplanung_plugin.processing import base

    monkeypatch.setattr(base, "SQLITE_MAX_COLUMNS", 30)
    joined = join(run, tmp_path, "musterstadt_2023.csv")
    with pytest.raises(
        QgsProcessingException,
        match=r"would have \d+ fields, but a GeoPackage table holds at most "
        r"30 columns",
    ):
        compute(run, tmp_path, joined)
    _, out = compute(run, tmp_path, joined, name="wide.fgb")  # other formats have no such limit
    assert "kinder_pct" in layer_rows(out, "sr_id")["0101"]


WRITING_STARTS_AT = {
    "computeindicators": 50.0,  # step 3 of 4
    "classifyburden": 75.0,  # step 4 of 4
    "compositeindex": 200 / 3,  # step 3 of 3
    "suppress": 200 / 3,
    "joinindicators": 75.0,
}


def test_cancel_stops_before_anything_is_written(run, tmp_path):
    """One cancel behaviour for every algorithm: the run ends with a message
    that says so, and nothing is written (the writer removes what it began)."""
    joined = join(run, tmp_path, "musterstadt_2023.csv")
    out = tmp_path / "cancelled.gpkg"
    for alg in ("computeindicators", "classifyburden", "compositeindex", "suppress", "joinindicators"):
        for when in ("before", "during", "writing"):
            fb = QgsProcessingFeedback()
            if when == "before":
                fb.cancel()
            elif when == "during":  # as a user presses Cancel while the first step runs
                fb.progressChanged.connect(lambda _p, fb=fb: fb.cancel())
            else:  # as the writing step begins (its share of the progress per algorithm)
                start = WRITING_STARTS_AT[alg]
                fb.progressChanged.connect(lambda p, fb=fb, start=start: fb.cancel() if p >= start - 0.01 else None)
            params = {"INPUT": joined, "CATALOGUE": CATALOGUE, "OUTPUT": str(out)}
            if alg == "suppress":
                params["MIN_COUNT"] = 3
            if alg == "joinindicators":
                params = {
                    "INPUT": UNITS,
                    "INPUT_KEY": "sr_id",
                    "TABLE": data("musterstadt_2023.csv"),
                    "TABLE_KEY": "Schlüssel",
                    "OUTPUT": str(out),
                }
            with pytest.raises(QgsProcessingException, match="Canceled; no output was written"):
                run(f"sozialplanung:{alg}", params, feedback=fb)
            assert fb.isCanceled() and not out.exists(), (alg, when)
