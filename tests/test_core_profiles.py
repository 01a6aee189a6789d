"""core/profiles/ on hand-made layers: what a profile page prints, what it
never prints (withheld values, values derivable from them), how units are
ranked, and that HTML and SVG are escaped."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd
import pytest

from sozialplanung_plugin.core import fields as fn
from sozialplanung_plugin.core import profiles as cp
from sozialplanung_plugin.core import suppression as cs
from sozialplanung_plugin.core.catalogue import read_catalogue

CATALOGUE = """Kürzel;Bezeichnung;Thema;Zähler;Nenner;Faktor;Polarität;Kern;Einheit;Nachkommastellen
sgb2;SGB II-Quote;Soziales;sgb2_n;ew;100;+;ja;%;1
alo;Arbeitslosigkeit;Soziales;alo_n;ew;100;+;ja;%;2
wohn;Wohndauer über 5 Jahre;Wohnen;wohn_n;ew;100;-;nein;%;1
u6;Kinder unter 6 Jahren;Bevölkerung;u6_n;ew;100;0;nein;%;1
"""
RULE = cs.SuppressionRule(min_count=3, min_population=300, population_field="EW", sign=".")
NAMES = ['Süd <Ost> & "Mitte"', "Hoffmannstraße", "A [% 1+1 %] B", "Nord", "Klein"]


@pytest.fixture()
def catalogue(tmp_path):
    p = tmp_path / "katalog.csv"
    p.write_text(CATALOGUE, encoding="utf-8")
    return read_catalogue(str(p))


def layer_frame() -> pd.DataFrame:
    """Five units as the pipeline leaves them (computeindicators, classifyburden,
    compositeindex, suppress): unit 2 has a withheld value whose difference a
    later step filled again; unit 4 is below MIN_POPULATION; unit 3 has a
    source code -9999."""
    n = 5
    df = pd.DataFrame(
        {
            "KEY": ["0101", "0102", "0103", "0104", "0105"],
            "NAME": NAMES,
            "EW": [1200.0, 800.0, 950.0, 700.0, 120.0],
        },
        index=pd.Index([11, 12, 13, 14, 15], name="fid"),
    )
    ref = {"sgb2": 11.2, "alo": 5.2, "wohn": 65.6, "u6": 5.4}
    vals = {
        "sgb2": [24.1, 9.0, 12.5, 30.0, 8.0],
        "alo": [9.34, 4.0, np.nan, 7.77, 3.0],
        "wohn": [55.9, 70.2, 61.0, 40.0, 80.0],
        "u6": [4.6, 5.7, 6.66, 3.3, 11.47],
    }
    for k, v in vals.items():
        df[f"{k}_val"] = v
        df[f"{k}_ref"] = ref[k]
        df[f"{k}_diff"] = np.array(v) - ref[k]
        df[f"{k}_ratio"] = 100 * np.array(v) / ref[k]
        df[f"{k}_val_sign"] = None
    # several years for u6
    df["u6_val_2023"] = [4.1, 5.9, 6.0, 3.3, 11.0]
    df["u6_val_2024"] = df["u6_val"]
    df["u6_chg"] = df["u6_val_2024"] - df["u6_val_2023"]
    df["u6_ref_chg"] = 0.1
    # unit 0102: sgb2 withheld (primary), but its difference and ratio were written again later
    df.loc[12, "sgb2_val"] = np.nan
    df.loc[12, "sgb2_val_sign"] = "."
    df["sgb2_val_supp"] = [None, "primary", None, None, None]
    df.loc[12, "sgb2_diff"] = 9.0 - 11.2
    # unit 0103: the source had -9999 for alo
    df.loc[13, "alo_val_sign"] = "-9999"
    df.loc[13, ["alo_diff", "alo_ratio"]] = np.nan
    # flags and classes of the burden rule (z-scores, threshold 1, 2 of 2)
    df["sgb2_flag"] = [1.0, np.nan, 0.0, 1.0, 0.0]
    df["alo_flag"] = [1.0, 0.0, np.nan, 1.0, 0.0]
    df["burden_flags"] = [2.0, np.nan, 0.0, 2.0, 0.0]
    df["burden_code"] = [3.0, np.nan, np.nan, 3.0, 1.0]
    df["burden_class"] = ["besonders belastet", None, "nicht bewertbar", "besonders belastet", "unauffällig"]
    df["burden_class_sign"] = [None, ".", None, None, None]
    df["burden_class_supp"] = [None, "secondary", None, None, None]
    df["burden_rule"] = "Kernindikator markiert bei z-Wert in ungünstiger Richtung ≥ 1"
    df["status_index"] = [3.0, 1.0, 0.5, 2.5, -1.0]
    df["status_class"] = [4.0, 2.0, 2.0, 3.0, 1.0]
    df["status_label"] = ["sehr niedrig", "mittel", "mittel", "niedrig", "hoch"]
    df[fn.SUPPRESSION_RULE] = RULE.to_json()
    df[fn.SUPPRESSION_NOTE] = cs.note(RULE)
    assert len(df) == n
    return df


def book_of(catalogue, lang="en", **kw):
    return cp.build(layer_frame(), catalogue, key_field="KEY", name_field="NAME", lang=lang, title="Musterstadt", **kw)


def unit(book, key):
    return next(u for u in book.units if u.key == key)


def row(u, ind_id):
    return next(r for r in u.rows if r.indicator.id == ind_id)


# --- formatting ---------------------------------------------------------------


def test_german_numbers_units_and_arrows():
    assert cp.number(1234.5, 1) == "1.234,5"
    assert cp.number(-0.04, 1, signed=True) == "0,0"  # no "-0,0"
    assert cp.number(12.94, 1, signed=True) == "+12,9"
    ind = read_ind()
    assert cp.value_text(24.14, ind) == "24,1 %"
    assert cp.difference_text(12.94, ind) == "+12,9 Pp."
    assert cp.difference_text(-3.0, ind) == "-3,0 Pp."
    assert cp.trend_arrow(0.04, 1) == cp.STEADY
    assert cp.trend_arrow(0.06, 1) == cp.RISING
    assert cp.trend_arrow(-2, 1) == cp.FALLING
    assert cp.display_sign("-9999") == cp.NO_INFO
    assert cp.display_sign(".") == "."
    assert cp.display_sign(None) == cp.NO_INFO


def read_ind():
    from sozialplanung_plugin.core.catalogue import Indicator

    return Indicator(id="sgb2", label="SGB II-Quote", unit="%", decimals=1)


# --- what a page prints ---------------------------------------------------------


def test_rows_print_published_values_grouped_by_topic(catalogue):
    book = book_of(catalogue)
    assert [t for t, _ in book.topics] == ["Soziales", "Wohnen", "Bevölkerung"]
    u = unit(book, "0101")
    assert u.name == NAMES[0]
    r = row(u, "sgb2")
    assert (r.value, r.reference, r.difference, r.flag) == ("24,1 %", "11,2 %", "+12,9 Pp.", cp.FLAGGED)
    assert row(u, "alo").value == "9,34 %"
    assert row(u, "wohn").flag == ""  # not a core indicator
    assert row(u, "wohn").direction == cp.ADVERSE  # higher is better: 55,9 < 65,6 is adverse
    w = row(unit(book, "0102"), "wohn")
    assert w.direction == cp.FAVOURABLE
    assert row(u, "wohn").ratio == pytest.approx(100 * 55.9 / 65.6)
    assert row(u, "u6").direction == cp.NEUTRAL
    # the change of the years and its arrow
    assert book.has_change and book.change_years == "2023–2024"
    assert row(u, "u6").change == "+0,5 Pp." and row(u, "u6").trend == cp.RISING
    assert row(u, "sgb2").change == ""  # one year only


def test_polarity_decides_the_adverse_direction(catalogue):
    book = book_of(catalogue)
    assert row(unit(book, "0101"), "sgb2").direction == cp.ADVERSE  # 24,1 > 11,2, higher is worse
    assert row(unit(book, "0104"), "wohn").direction == cp.ADVERSE  # 40,0 < 65,6, higher is better
    assert row(unit(book, "0102"), "wohn").direction == cp.FAVOURABLE  # 70,2 > 65,6


def test_withheld_value_hides_everything_derived_from_it(catalogue):
    """0102's SGB II value is withheld; its difference was written again by a
    later step: printed, it would give the value back (11,2 - 2,2 = 9,0)."""
    book = book_of(catalogue)
    u = unit(book, "0102")
    r = row(u, "sgb2")
    assert r.value == r.difference == r.flag == "."
    assert r.reference == "11,2 %"  # the published city-wide value stays
    assert r.ratio is None and r.direction == ""
    printed = " ".join(cp.column_text(u, cp.table_lines(book), c) for c in cp.COLUMNS)
    assert "9,0" not in printed and "-2,2" not in printed
    # its footnote: the sign and the rule
    assert u.notes[0].startswith(". withheld for data protection")
    assert "Counts below 3 are withheld" in u.notes[0]
    assert u.withheld


def test_withheld_class_is_unknown_in_text_rank_and_map(catalogue):
    book = book_of(catalogue)
    u = unit(book, "0102")
    assert u.burden_class is None and u.burden_sign == "."
    assert u.burden_text == "Burden class: withheld for data protection (.)."
    assert u.rank is None
    assert u.map_class == "withheld (.)"
    assert "mittel" not in u.burden_text


def test_min_population_withholds_rates_and_what_rests_on_them(catalogue):
    """0105 has 120 inhabitants; the rule publishes no rates below 300."""
    book = book_of(catalogue)
    u = unit(book, "0105")
    for r in u.rows:
        assert r.value == "." and r.ratio is None
    assert "8,0" not in u.burden_text
    # its class rested on its (withheld) core rates: withheld too
    assert u.burden_class is None and u.rank is None
    assert u.status_text == "." and u.status_index is None
    assert any("no rates are published for units with fewer than 300" in n for n in u.notes)


def test_source_codes_print_as_no_information_with_the_code_in_the_footnote(catalogue):
    book = book_of(catalogue)
    u = unit(book, "0103")
    r = row(u, "alo")
    assert r.value == r.difference == r.flag == cp.NO_INFO
    assert "-9999" not in r.value
    assert "k.A. no information (coded -9999 in the source)" in u.notes
    assert u.burden_head == "Not assessable"
    assert "values are missing for 1 of 2 core indicators (Arbeitslosigkeit)" in u.burden_detail


def test_burden_text_names_the_flagged_indicators_with_their_values(catalogue):
    book = book_of(catalogue)
    u = unit(book, "0101")
    assert u.burden_head == "Particularly burdened"
    assert u.burden_detail == (
        "2 of 2 core indicators deviate adversely beyond the threshold: SGB II-Quote 24,1 % (city 11,2 %); "
        "Arbeitslosigkeit 9,34 % (city 5,20 %)."
    )
    de = unit(book_of(catalogue, lang="de"), "0101")
    assert de.burden_head == "Besonders belastet"
    assert de.burden_detail.startswith("2 von 2 Kernindikatoren weichen über die Schwelle hinaus ungünstig ab: ")
    assert "(Stadt 11,2 %)" in de.burden_detail


def test_ranking_uses_published_classes_only(catalogue):
    book = book_of(catalogue)
    ranked = [u.key for u in book.ranking]
    # particularly burdened (status index 3.0 before 2.5), then the unknown ones by key
    assert ranked == ["0101", "0104", "0102", "0103", "0105"]
    assert [u.rank for u in book.ranking] == [1, 2, None, None, None]


def test_filter_and_order_and_pages(catalogue):
    include = [True, False, True, True, False]
    book = book_of(catalogue, include=include, order="name")
    assert [u.key for u in book.pages] == ["0103", "0104", "0101"]  # A [%..., Nord, Süd
    assert [u.key for u in book.ranking] == ["0101", "0104", "0103"]
    cp.paginate(book, rows_per_list_page=2)
    assert book.list_pages == 2 and book.total_pages == 1 + 2 + 3
    assert [u.page for u in book.pages] == [4, 5, 6]
    assert len(book.units) == 5  # every unit stays on the maps
    assert sum(c.count for c in book.map_classes) == 5
    by_rank = cp.build(layer_frame(), catalogue, key_field="KEY", name_field="NAME", order="rank")
    assert [u.key for u in by_rank.pages] == [u.key for u in by_rank.ranking]


def test_map_classes_light_to_dark_then_unknown(catalogue):
    book = book_of(catalogue)
    kinds = [(c.value, c.kind, c.count) for c in book.map_classes]
    assert kinds == [
        ("unremarkable", "class", 0),
        ("burdened", "class", 0),
        ("particularly burdened", "class", 2),
        ("not assessable", "neutral", 1),
        ("withheld (.)", "withheld", 2),
    ]
    status = book_of(catalogue, cover_map="status")
    # 0105 (class 1) is below MIN_POPULATION: its index rests on withheld rates
    assert [c.value for c in status.map_classes] == ["2 medium", "3 low", "4 very low", "withheld (.)"]


# --- printed columns, SVG, HTML -------------------------------------------------


def test_table_lines_and_columns_line_up(catalogue):
    book = book_of(catalogue)
    lines = cp.table_lines(book, wrap=lambda s: [s[:10], s[10:]] if len(s) > 20 else [s])
    kinds = [ln.kind for ln in lines]
    assert kinds[0] == "topic" and "spacer" in kinds and "more" in kinds
    u = unit(book, "0101")
    columns = {c: cp.column_text(u, lines, c).split("\n") for c in cp.COLUMNS}
    labels = cp.label_column(lines).split("\n")
    assert all(len(v) == len(lines) for v in columns.values()) and len(labels) == len(lines)
    k = next(i for i, ln in enumerate(lines) if ln.kind == "indicator" and ln.text.startswith("SGB"))
    assert columns["value"][k] == "24,1 %" and columns["difference"][k] == "+12,9 Pp."
    k = next(i for i, ln in enumerate(lines) if ln.kind == "indicator" and ln.text.startswith("Kinder"))
    assert columns["change"][k] == "+0,5 Pp. ↗"


def test_bars_svg_is_valid_and_follows_the_lines(catalogue):
    book = book_of(catalogue)
    lines = cp.table_lines(book)
    u = unit(book, "0101")
    svg = cp.bars_svg(u, lines, width=40.0, pitch=3.0)
    root = ET.fromstring(svg)
    rects = [e for e in root.iter() if e.tag.endswith("rect")]
    bars = cp.bars(u, lines, 40.0, 3.0)
    assert len(bars) == sum(1 for r in u.rows if r.ratio is not None) == len(rects)
    k = next(i for i, ln in enumerate(lines) if ln.kind == "indicator" and ln.row == 0)
    first = rects[0]
    assert float(first.get("y")) == pytest.approx(k * 3.0 + (3.0 - 0.62 * 3.0) / 2)
    # SGB II 24,1 vs 11,2: ratio 215 is beyond the scale: cut at the edge with a marker
    assert bars[0].overflow and bars[0].x + bars[0].w == pytest.approx(40.0)
    assert any(e.tag.endswith("polygon") for e in root.iter())
    assert first.get("fill") == cp.BAR_COLOURS[cp.ADVERSE][0]
    # a unit whose value is withheld has no bar in its row
    u2 = unit(book, "0102")
    assert len(cp.bars(u2, lines, 40, 3)) == sum(1 for r in u2.rows if r.ratio is not None) == 3


def test_bar_geometry():
    assert cp.bar_geometry(100, 40) == (20.0, 0.0, False)
    x, w, over = cp.bar_geometry(50, 40)
    assert (x, w, over) == (10.0, 10.0, False)
    assert cp.bar_geometry(150, 40) == (20.0, 10.0, False)
    assert cp.bar_geometry(400, 40)[2] is True


def test_furniture_svg_is_valid(catalogue):
    book = book_of(catalogue)
    svg = cp.furniture_svg(
        cp.table_lines(book),
        page_width=210,
        page_height=297,
        table_x=14,
        table_y=100,
        table_width=182,
        pitch=3.0,
        head=3.0,
        chart_x=150,
        chart_width=40,
        rules=[(14, 30, 196, 0.5)],
    )
    root = ET.fromstring(svg)
    assert root.get("width") == "210.000mm"
    assert sum(1 for e in root.iter() if e.tag.endswith("line")) >= 5


def test_html_escapes_names_and_shows_every_profile(catalogue):
    book = book_of(catalogue)
    cp.paginate(book, 40)
    html = cp.html(book)
    assert "Süd &lt;Ost&gt; &amp; &#34;Mitte&#34;" in html
    assert "<Ost>" not in html and '& "Mitte"' not in html
    assert "A [% 1+1 %] B" in html
    for u in book.pages:
        assert f'id="u{u.page}"' in html
    assert html.count('<section class="unit"') == 5
    # withheld values: the sign, never the value
    sec = html.split('id="u' + str(unit(book, "0102").page) + '"')[1].split("</section>")[0]
    assert "9,0 %" not in sec and "-2,2" not in sec
    assert "withheld for data protection" in sec
    # bars as CSS: as many as published ratios, with the direction as class
    n_bars = sum(1 for u in book.pages for r in u.rows if r.ratio is not None)
    assert html.count('<span class="bar ') == n_bars
    assert html.count('class="bar adverse') == sum(1 for u in book.pages for r in u.rows if r.direction == cp.ADVERSE)


def test_map_field_values_and_classes(catalogue):
    df = layer_frame()
    mf = cp.map_field(df, catalogue, "sgb2_val", "en")
    assert mf.title == "SGB II-Quote" and mf.unit == "%" and mf.decimals == 1 and mf.polarity == 1
    assert mf.states == ["", "withheld", "", "", "withheld"]  # 0102 withheld, 0105 below MIN_POPULATION
    assert mf.values[1] is None and mf.values[4] is None
    d = cp.map_field(df, catalogue, "wohn_diff", "de")
    assert d.title == "Wohndauer über 5 Jahre: Differenz zum gesamtstädtischen Wert" and d.unit == "Pp."
    assert d.polarity == -1
    c = cp.map_field(df, catalogue, "burden_class", "en", key_field="KEY")
    assert c.kind == "classes" and c.values[0] == "particularly burdened" and c.states[1] == "withheld"
    with pytest.raises(cp.ProfileError, match="not in the layer"):
        cp.map_field(df, catalogue, "nope", "en")


def test_a_layer_without_indicator_fields_is_a_clear_error(catalogue):
    df = layer_frame()[["KEY", "NAME", "EW"]]
    with pytest.raises(cp.ProfileError, match="run sozialplanung:computeindicators"):
        cp.build(df, catalogue, key_field="KEY", name_field="NAME")


def test_needed_fields_reads_signs_marks_years_and_population(catalogue):
    df = layer_frame()
    cols = cp.needed_fields(df.columns, catalogue, "KEY", "NAME", "EW")
    for c in (
        "sgb2_val",
        "sgb2_val_sign",
        "sgb2_val_supp",
        "u6_val_2023",
        "burden_class_supp",
        "EW",
        "suppression_rule",
    ):
        assert c in cols
    assert not any(math.isnan(x) for x in [0.0])
    assert not [c for c in cols if re.match(r"^\d", c)]


# --- the steps of the package one by one ------------------------------------------


def test_package_modules_import_in_one_direction():
    """core/profiles/: every module imports only siblings listed before it (no
    cycles; the driver ``builder`` and ``map_fields`` on top), and nothing of QGIS."""
    import ast
    import os

    order = [
        "texts",
        "model",
        "published",
        "rows",
        "page_texts",
        "ranking",
        "cover_map",
        "table",
        "svg",
        "html_doc",
        "builder",
        "map_fields",
        "__init__",
    ]
    folder = os.path.dirname(cp.__file__)
    assert sorted(n[:-3] for n in os.listdir(folder) if n.endswith(".py")) == sorted(order)
    for k, name in enumerate(order):
        tree = ast.parse(open(os.path.join(folder, name + ".py"), encoding="utf-8").read())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                assert node.module in order[:k], f"{name} imports .{node.module}"
            if isinstance(node, ast.Import) or (isinstance(node, ast.ImportFrom) and node.level == 0):
                mods = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
                assert not [m for m in mods if m.split(".")[0] in ("qgis", "PyQt5", "PyQt6", "osgeo")], name


def test_every_name_of_the_package_is_exported():
    for name in cp.__all__:
        assert hasattr(cp, name), name
    assert callable(cp.build) and callable(cp.html) and callable(cp.map_field)


def test_texts_keys_cells_and_classes():
    from sozialplanung_plugin.core.profiles import texts

    assert cp.key_text(1101.0) == "1101" and cp.key_text(" 0101 ") == "0101" and cp.key_text(float("nan")) == ""
    assert cp.key_text(11.5) == "11.5" and cp.key_text(None) == ""
    assert texts.text_or_none("  ") is None and texts.text_or_none(np.nan) is None and texts.text_or_none(" a ") == "a"
    assert texts.number_or_none("2.5") == 2.5 and texts.number_or_none("x") is None
    assert texts.number_or_none(np.nan) is None
    assert cp.class_text("besonders belastet", "en") == "particularly burdened"
    assert cp.class_text("besonders belastet", "de") == "besonders belastet"
    assert cp.class_text(None, "en") == "" and cp.class_text("eigene Klasse", "en") == "eigene Klasse"
    assert cp.display_sign(" 12,5 ") == cp.NO_INFO and cp.display_sign("x") == "x"


def test_published_columns_city_value_years_and_base_year(catalogue):
    from sozialplanung_plugin.core.profiles import published as pb

    assert pb.constant(np.array([np.nan, 11.2, 11.2])) == 11.2
    assert pb.constant(np.array([11.2, 11.3])) is None and pb.constant(np.array([np.nan])) is None
    df = layer_frame()
    u6 = next(i for i in catalogue if i.id == "u6")
    assert pb.years_of(u6, df.columns) == [2023, 2024]
    f = pb.PublishedFields(df, RULE)
    assert cp.base_year(f, u6, [2023, 2024]) == 2023
    # a withheld value reads as missing even where a later step wrote it back; its sign is the rule's
    vals = f.values("sgb2_val")
    assert np.isnan(vals[1]) and f.hidden("sgb2_val").tolist() == [False, True, False, False, False]
    assert f.signs("sgb2_val")[1] == "."
    assert f.floats("nope") is None and np.isnan(f.values("nope")).all()
    assert cp.below_population(df, RULE).tolist() == [False, False, False, False, True]
    assert not cp.below_population(df, None).any()


def test_rows_one_indicator_one_unit(catalogue):
    from sozialplanung_plugin.core.profiles import published as pb
    from sozialplanung_plugin.core.profiles import rows

    assert rows.bar_direction(120.0, 1) == cp.ADVERSE and rows.bar_direction(120.0, -1) == cp.FAVOURABLE
    assert rows.bar_direction(100.0, 1) == rows.bar_direction(80.0, 0) == cp.NEUTRAL
    df = layer_frame()
    f = pb.PublishedFields(df, RULE)
    alo = rows.IndicatorColumns(f, next(i for i in catalogue if i.id == "alo"), list(df.columns))
    r, by_rule = alo.row(0, small=False)
    assert (r.value, r.flag, r.direction, by_rule) == ("9,34 %", cp.FLAGGED, cp.ADVERSE, False)
    r, by_rule = alo.row(0, small=True)  # below MIN_POPULATION: the rule's sign everywhere
    assert by_rule and r.value == r.difference == r.flag == "." and r.ratio is None
    assert r.reference == "5,20 %" and r.signs == ["."]
    r, _ = alo.row(2, small=False)  # source code -9999
    assert r.value == cp.NO_INFO and r.signs == ["-9999"]


def test_build_steps_check_topics_and_selection(catalogue):
    from sozialplanung_plugin.core.profiles import builder

    df = layer_frame().drop(columns=[c for c in layer_frame().columns if c.startswith("wohn_")])
    topics, warnings = builder.topics_of(df, catalogue)
    assert [t for t, _ in topics] == ["Soziales", "Bevölkerung"]
    assert warnings == ["indicators of the catalogue not in the layer, left out of the profiles: wohn"]
    assert builder.selection(None, 3).tolist() == [True, True, True]
    with pytest.raises(cp.ProfileError, match="FILTER"):
        builder.selection([True, False], 3)
    for kw, match in (
        ({"key_field": "nope"}, "key field"),
        ({"key_field": "KEY", "name_field": "nope"}, "name field"),
        ({"key_field": "KEY", "order": "size"}, "page order"),
        ({"key_field": "KEY", "cover_map": "nope"}, "cover map"),
    ):
        with pytest.raises(cp.ProfileError, match=match):
            cp.build(df, catalogue, **kw)


def test_ranking_and_page_order_steps(catalogue):
    from sozialplanung_plugin.core.profiles import ranking

    assert cp.name_sort_key("Ärztehaus Straße") == "arztehaus strasse"
    keys = ["10", "9", "A1", "010"]
    assert sorted(keys, key=ranking.key_sort_key) == ["9", "010", "10", "A1"]
    book = book_of(catalogue)
    assert [u.key for u in ranking.page_order(book, "key")] == ["0101", "0102", "0103", "0104", "0105"]
    assert ranking.page_order(book, "rank") == book.ranking
    # without burden and status fields: the ranking is the key order, no ranks
    df = layer_frame().drop(columns=[c for c in layer_frame().columns if c.startswith(("burden", "status"))])
    plain = cp.build(df, catalogue, key_field="KEY", lang="en")
    assert [u.key for u in plain.ranking] == ["0101", "0102", "0103", "0104", "0105"]
    assert all(u.rank is None for u in plain.units)
    assert cp.ranking_note(plain) == "Sorted by key."
    assert cp.list_chunks(plain, 2) == [plain.ranking[:2], plain.ranking[2:4], plain.ranking[4:]]


def test_cover_map_falls_back_to_the_classes_the_layer_has(catalogue):
    df = layer_frame().drop(columns=[c for c in layer_frame().columns if c.startswith("burden")])
    book = cp.build(df, catalogue, key_field="KEY", lang="en", cover_map="burden")
    assert book.cover_map == "status"
    nothing = cp.build(df.drop(columns=["status_class", "status_label"]), catalogue, key_field="KEY")
    assert nothing.cover_map == "none" and nothing.map_classes == []
    assert all(u.map_class == "" for u in nothing.units)


def test_footnotes_put_the_rule_first_and_collect_source_codes(catalogue):
    from sozialplanung_plugin.core.profiles import page_texts

    book = book_of(catalogue)
    u = cp.UnitProfile(fid=None, key="", name="", rows=[], index_signs=["-", "-9999", ".", "-8"])
    notes = page_texts.notes(book, u)
    assert notes[0].startswith(". withheld for data protection")
    assert notes[1].startswith("- ")
    assert notes[2] == "k.A. no information (coded -9999, -8 in the source)"
    assert cp.list_notes(book).startswith(". withheld for data protection")


def test_svg_steps_stripes_and_grid():
    from sozialplanung_plugin.core.profiles import svg

    lines = [cp.Line("topic", "T"), cp.Line("indicator", "a", 0), cp.Line("indicator", "b", 1)]
    lines += [cp.Line("more", "b2", 1), cp.Line("spacer"), cp.Line("topic", "U"), cp.Line("indicator", "c", 2)]
    stripes, rules = svg.stripes_and_rules(lines, top=10.0, pitch=2.0)
    assert stripes == [(14.0, 4.0)]  # the second row of the first topic, with its wrapped line
    assert rules == [12.0, 22.0]
    assert svg.chart_grid(100.0, 40.0) == ([100.0, 110.0, 130.0, 140.0], 120.0)
    assert svg.chart_grid(None, 40.0) == ([], None) and svg.chart_grid(100.0, 0.0) == ([], None)


def test_map_field_steps():
    from sozialplanung_plugin.core.profiles import map_fields

    assert map_fields.decimals_of([1.0, None, 3.0]) == 0
    assert map_fields.decimals_of([0.5, 250.0]) == 0
    assert map_fields.decimals_of([0.5, 20.0]) == 1
    assert map_fields.decimals_of([0.5, 2.0]) == 2
    tm = map_fields.text_map_field("T", ["b", None, "a", None], ["", "withheld", "", "missing"], "en", ".")
    assert [(c.value, c.kind, c.count) for c in tm.classes] == [
        ("a", "class", 1),
        ("b", "class", 1),
        ("withheld (.)", "withheld", 1),
        ("no value", "neutral", 1),
    ]
    assert tm.values == ["b", "withheld (.)", "a", "no value"] and tm.withheld == 1
    with pytest.raises(cp.ProfileError, match="too many classes"):
        map_fields.text_map_field("T", [str(i) for i in range(13)], [""] * 13, "en", ".")


def test_indicator_of_takes_the_longest_indicator_id(catalogue):
    from sozialplanung_plugin.core.profiles import map_fields

    assert map_fields.indicator_of(catalogue, "u6_val_2023")[1:] == ("val", 2023)
    ind, measure, year = map_fields.indicator_of(catalogue, "sgb2_ref_chg")
    assert (ind.id, measure, year) == ("sgb2", "ref_chg", None)
    assert map_fields.indicator_of(catalogue, "sgb2_foo") == (None, "", None)
    assert map_fields.indicator_of(catalogue, "EW") == (None, "", None)
