"""core/profiles.py on hand-made layers: what a profile page prints, what it
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
