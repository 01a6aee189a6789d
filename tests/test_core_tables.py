"""Reading indicator tables with the conventions of German statistics offices."""

import math
import os
import subprocess
import sys

import pytest
from conftest import PLUGIN_DIR, data

from sozialplanung_plugin.core.signs import canonical_sign, guess_decimal
from sozialplanung_plugin.core.tables import TableError, read_table, split_year

EXPECTED_EW = {"0101": 4812, "0102": 7230, "0103": 3105, "0107": 890, "0108": 45}


def test_core_imports_no_qgis_or_qt():
    code = (
        f"import sys; sys.path.insert(0, {os.path.dirname(PLUGIN_DIR)!r})\n"
        "import sozialplanung_plugin.core.tables, sozialplanung_plugin.core.join, "
        "sozialplanung_plugin.core.catalogue, sozialplanung_plugin.core.report\n"
        "import pkgutil, importlib, sozialplanung_plugin.core as c\n"
        "for m in pkgutil.iter_modules(c.__path__): importlib.import_module('sozialplanung_plugin.core.' + m.name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('qgis', 'PyQt5', 'PyQt6', 'osgeo', 'sip'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_cp1252_semicolon_decimal_comma_thousands_dot():
    t = read_table(data("musterstadt_2023.csv"), key="Schlüssel")
    assert t.encoding == "cp1252" and t.separator == ";" and t.decimal == ","
    d = t.data.set_index("Schlüssel")
    for k, ew in EXPECTED_EW.items():
        assert d.at[k, "Einwohner"] == ew
    assert d.at["0102", "SGB II Empfänger"] == 1402  # "1.402" is thousands, not 1.402
    assert d.at["0101", "SGB II Quote"] == pytest.approx(12.7)
    assert d.at["0102", "Sozialraum"] == "Süd <Ost>"
    assert d.at["0103", "Sozialraum"] == '"Grüne" Mitte'
    assert t.kinds["Einwohner"] == "integer" and t.kinds["SGB II Quote"] == "number"
    assert t.kinds["Schlüssel"] == "text"


def test_keys_keep_leading_zeros_and_stay_text():
    t = read_table(data("musterstadt_2023.csv"), key="Schlüssel")
    keys = list(t.data["Schlüssel"])
    assert "0101" in keys and "111" in keys and "0199" in keys
    assert all(isinstance(k, str) for k in keys)


def test_special_signs_are_missing_with_their_sign():
    t = read_table(data("musterstadt_2023.csv"), key="Schlüssel")
    d = t.data.set_index("Schlüssel")
    s = {c: dict(zip(t.data["Schlüssel"], v)) for c, v in t.signs.items()}
    assert math.isnan(d.at["0107", "Alleinerziehende"]) and s["Alleinerziehende"]["0107"] == "."
    assert math.isnan(d.at["0107", "Kinder u15 SGB II"]) and s["Kinder u15 SGB II"]["0107"] == "-"
    assert s["SGB II Empfänger"]["0199"] == "x"
    assert s["Alleinerziehende"]["0101"] is None
    assert d.at["0107", "SGB II Empfänger"] == 2  # a small count is a value, not a sign


def test_total_row_and_note_row_are_kept_apart():
    t = read_table(data("musterstadt_2023.csv"), key="Schlüssel")
    assert len(t.totals) == 1
    assert t.totals.iloc[0]["Sozialraum"] == "Stadt insgesamt"
    assert t.totals.iloc[0]["Einwohner"] == 37629
    assert "Stadt insgesamt" not in set(t.data["Sozialraum"])
    assert not any(str(k).startswith("Quelle") for k in t.data["Schlüssel"])
    assert any("line 15: total row" in n for n in t.notes)
    assert any("note row" in n for n in t.notes)
    assert len(t.data) == 12


def test_total_key_named_by_user():
    t = read_table(data("musterstadt_2023.csv"), key="Schlüssel", total_key="0199")
    assert "0199" not in set(t.data["Schlüssel"])
    assert len(t.totals) == 2


def test_a_numeric_total_key_is_found_in_a_text_column(tmp_path):
    """The label patterns skip numeric texts (speed); the user's TOTAL_KEY does not: a total
    row marked "99999" in the district column is kept apart, like the worded one."""
    path = tmp_path / "t.csv"
    path.write_text(
        "Schlüssel;Bezirk;Wert\n0101;Mitte;5\n0102;Nord;7\n9999;99999;12\n0103;Stadt insgesamt;20\n", encoding="utf-8"
    )
    t = read_table(str(path), key="Schlüssel", total_key="99999")
    assert list(t.data["Schlüssel"]) == ["0101", "0102"]
    assert list(t.totals["Schlüssel"]) == ["9999", "0103"]


def test_two_line_header_bom_tab_space_thousands():
    t = read_table(data("musterstadt_zweizeilig.csv"), key="Schlüssel")
    assert t.encoding == "utf-8-sig" and t.separator == "\t"
    assert list(t.data.columns) == [
        "Schlüssel",
        "Name",
        "Einwohner_2022",
        "Einwohner_2023",
        "SGB II Empfänger_2022",
        "SGB II Empfänger_2023",
    ]
    d = t.data.set_index("Schlüssel")
    assert d.at["0102", "Einwohner_2022"] == 7193
    assert d.at["0109", "Einwohner_2023"] == 6020
    assert split_year("SGB II Empfänger_2022") == ("SGB II Empfänger", 2022)


def test_long_format_is_pivoted():
    t = read_table(data("musterstadt_long.csv"), key="Schluessel")
    assert t.layout == "long"
    assert {"einwohner_2022", "einwohner_2023", "sgb2_2022", "sgb2_2023"} <= set(t.data.columns)
    d = t.data.set_index("Schluessel")
    assert d.at["0102", "einwohner_2022"] == 7193
    assert math.isnan(d.at["0108", "sgb2_2023"])
    assert dict(zip(t.data["Schluessel"], t.signs["sgb2_2023"]))["0108"] == "."
    assert len(t.totals) == 1


@pytest.mark.parametrize("name", ["musterstadt.xlsx", "musterstadt.ods"])
def test_spreadsheets_named_sheet(name):
    t = read_table(data(name), key="Schlüssel", sheet="Daten")
    d = t.data.set_index("Schlüssel")
    assert d.at["0102", "Einwohner"] == 7230
    assert d.at["0101", "SGB II Quote"] == pytest.approx(12.7)
    assert "105" in d.index  # the key stored as a number in the sheet
    assert dict(zip(t.data["Schlüssel"], t.signs["Kinder u15 SGB II"]))["0107"] == "-"
    assert len(t.totals) == 1


@pytest.mark.parametrize("name", ["musterstadt.xlsx", "musterstadt.ods"])
def test_spreadsheet_unknown_sheet_names_the_sheets(name):
    with pytest.raises(TableError, match="no sheet named 'Tabelle9'.*'Info', 'Daten'"):
        read_table(data(name), key="Schlüssel", sheet="Tabelle9")


def _signed_table_text(quoted: bool) -> str:
    name = '"Mitte, ""alt""\nNord"' if quoted else "Mitte Nord"
    return (
        "Schlüssel;Name;Einwohner;Quote;Anzahl\n"
        f"0101;{name};1.234;12,5;.\n"
        "0102;Süd;-;x;7\n"
        "0103;West;;3,25;…\n"
        "0104;Ost;9.999.001;k.A.;-9999\n"
        "0105;Rand;/;-1,5;-\n"
    )


@pytest.mark.parametrize("variant", ["plain", "crlf", "quoted"])
def test_signs_found_in_one_pass_and_when_rows_span_lines(tmp_path, variant):
    """The number columns are read in one pass with the signs as missing
    values; the signs are then looked up from the lines of the file, or, where
    a quoted cell spans lines or the lines end otherwise, from a second read."""
    text = _signed_table_text(variant == "quoted")
    if variant == "crlf":
        text = text.replace("\n", "\r\n")
    path = tmp_path / f"signs_{variant}.csv"
    path.write_bytes(text.encode("utf-8"))
    t = read_table(str(path), key="Schlüssel")
    d = t.data.set_index("Schlüssel")
    keys = ["0101", "0102", "0103", "0104", "0105"]
    assert list(d.index) == keys
    values = {c: [None if math.isnan(v) else v for v in d[c]] for c in ("Einwohner", "Quote", "Anzahl")}
    assert values == {
        "Einwohner": [1234, None, None, 9999001, None],
        "Quote": [12.5, None, 3.25, None, -1.5],
        "Anzahl": [None, 7, None, None, None],
    }
    signs = {c: list(s) for c, s in t.signs.items()}
    assert signs == {
        "Einwohner": [None, "-", None, None, "/"],
        "Quote": [None, "x", None, "k.A.", None],
        "Anzahl": [".", None, "…", "-9999", "-"],
    }
    assert t.kinds["Einwohner"] == "integer" and t.kinds["Quote"] == "number"
    name = d.at["0101", "Name"]
    assert name == ('Mitte, "alt"\nNord' if variant == "quoted" else "Mitte Nord")


def test_bad_cell_names_file_line_and_column():
    with pytest.raises(TableError) as e:
        read_table(data("musterstadt_fehler.csv"), key="Schlüssel")
    msg = str(e.value)
    assert "musterstadt_fehler.csv" in msg and "line 5" in msg and "'Arbeitslose'" in msg and "12a" in msg


def test_missing_key_column_lists_columns():
    with pytest.raises(TableError, match="no column 'ID'.*'Schlüssel'"):
        read_table(data("musterstadt_2023.csv"), key="ID")


def test_sentinels_in_real_berlin_data():
    from conftest import example

    t = read_table(example("mss_2021_index_indikatoren.csv"), key="PLR_ID")
    assert len(t.data) == 542
    d = t.data.set_index("PLR_ID")
    assert math.isnan(d.at["03300515", "S1"])
    assert dict(zip(t.data["PLR_ID"], t.signs["S1"]))["03300515"] == "-9999"
    assert d.at["01100101", "S1"] == pytest.approx(4.22594)
    assert t.data["PLR_ID"].str.len().eq(8).all()


@pytest.mark.parametrize(
    "text,sign",
    [
        ("-", "-"),
        ("–", "-"),
        (".", "."),
        ("x", "x"),
        ("X", "x"),
        ("/", "/"),
        ("…", "…"),
        ("...", "…"),
        ("*", "*"),
        ("(12)", "()"),
        (" . ", "."),
        ("12", None),
        ("", None),
        ("-5", None),
    ],
)
def test_canonical_signs(text, sign):
    assert canonical_sign(text) == sign


def test_guess_decimal_evidence_and_ambiguity():
    import pandas as pd

    assert guess_decimal(pd.Series(["1.234,5"]), "?")[0] == ","
    assert guess_decimal(pd.Series(["1,234.5"]), "?")[0] == "."
    assert guess_decimal(pd.Series(["4.22594"]), "?")[0] == "."
    assert guess_decimal(pd.Series(["12,7"]), "?")[0] == ","
    assert guess_decimal(pd.Series(["1.234", "5.678"]), "?")[0] == "?"
    assert guess_decimal(pd.Series(["1.234.567"]), "?")[0] == ","
