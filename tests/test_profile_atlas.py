"""sozialplanung:profileatlas as a user runs it: the bundled Berlin data through
the whole pipeline (join, suppress, indicators, burden rule, index), the PDF
read back page by page with pdftotext; a hand-made layer with awkward names
and suppressed cells; the HTML; the layout project reopened and exported."""

from __future__ import annotations

import os
import re
import subprocess

import pytest
from conftest import example, layer_rows
from qgis.core import (
    Qgis,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsLayoutExporter,
    QgsProcessingException,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from sozialplanung_plugin import compat
from sozialplanung_plugin import example as berlin_example
from sozialplanung_plugin.core import suppression as cs
from sozialplanung_plugin.core.catalogue import read_catalogue

CATALOGUE = example("katalog_berlin.csv")
YEARS = (2023, 2024)


# --- the Berlin pipeline ----------------------------------------------------------


@pytest.fixture(scope="module")
def berlin(provider, tmp_path_factory):
    """The demo's pipeline on the 542 Planungsräume (population 2023 and 2024):
    returns the GeoPackage and its layers."""
    import processing
    from qgis.core import QgsProcessingContext

    folder = tmp_path_factory.mktemp("berlin")
    gpkg = str(folder / "berlin.gpkg")
    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())

    def run(alg, params):
        return processing.run(alg, params, context=ctx)

    def layer(name):
        return f"{gpkg}|layername={name}"

    berlin_example.pipeline(run, gpkg, years=YEARS)
    joined, *_, monitoring = berlin_example.PIPELINE_TABLES
    return {"gpkg": gpkg, "layer": layer(monitoring), "joined": layer(joined), "folder": folder}


def html_sections(path: str) -> dict[str, str]:
    """The HTML profiles by unit key: the text of each unit's section."""
    with open(path, encoding="utf-8") as fh:
        doc = fh.read()
    out = {}
    for part in doc.split('<section class="unit"')[1:]:
        key = re.search(r'<span class="key">([^<]*)</span>', part).group(1)
        out[key] = part.split("</section>")[0]
    return out


def pdf_pages(path: str) -> list[str]:
    """The text of every page (pdftotext -layout), in order."""
    out = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    return pages


def pdf_page_count(path: str) -> int:
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def de(x: float, decimals: int, signed: bool = False) -> str:
    """German number text, computed independently of the plugin; a value
    that rounds to zero prints as 0 without a sign (never -0,00)."""
    if round(x, decimals) == 0:
        signed = False
        x = 0.0
    s = f"{x:+,.{decimals}f}" if signed else f"{x:,.{decimals}f}"
    return s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def row_line(page: str, label: str) -> str | None:
    """The table line of an indicator on a page (-layout text)."""
    pat = re.compile(r"^\s*" + re.escape(label) + r"(\s{2,}|$)")
    for line in page.splitlines():
        if pat.match(line):
            return line
    return None


@pytest.fixture(scope="module")
def atlas(berlin, provider, tmp_path_factory):
    """The whole Berlin atlas, with HTML and layout project."""
    import processing

    folder = tmp_path_factory.mktemp("atlas")
    res = processing.run(
        "sozialplanung:profileatlas",
        {
            "INPUT": berlin["layer"],
            "CATALOGUE": CATALOGUE,
            "NAME_FIELD": "PLR_NAME",
            "KEY_FIELD": "PLR_ID",
            "TITLE": "Berlin 2021",
            "SUBTITLE": "Monitoring Soziale Stadtentwicklung",
            "SOURCE_NOTE": "Amt für Statistik Berlin-Brandenburg",
            "OUTPUT_PDF": str(folder / "atlas.pdf"),
            "OUTPUT_HTML": str(folder / "atlas.html"),
            "OUTPUT_PROJECT": str(folder / "atlas.qgz"),
        },
    )
    res["pages_text"] = pdf_pages(res["OUTPUT_PDF"])
    res["rows"] = layer_rows(berlin["layer"], "PLR_ID")
    return res


def profile_pages(pages: list[str]) -> dict[str, int]:
    """Key -> page index of the unit profiles."""
    out = {}
    for i, p in enumerate(pages):
        m = re.search(r"^\s*Key (\d{8})\b", p, re.M)
        if m:
            assert m.group(1) not in out, f"two profiles for {m.group(1)}"
            out[m.group(1)] = i
    return out


# --- the Berlin atlas -----------------------------------------------------------------


def test_page_count_is_cover_list_and_one_page_per_unit(atlas):
    pages = atlas["pages_text"]
    n_list = sum(1 for p in pages if "Ranked list of units" in p)
    assert n_list >= 1
    assert "DISTRICT PROFILES" in pages[0] and "Burden class" in pages[0]
    assert all("Ranked list of units" in pages[k] for k in range(1, 1 + n_list))
    assert len(pages) == pdf_page_count(atlas["OUTPUT_PDF"]) == atlas["PAGES"] == 1 + n_list + 542
    keys = profile_pages(pages)
    assert len(keys) == 542 == atlas["PROFILES"]
    assert min(keys.values()) == 1 + n_list
    for i, p in enumerate(pages):
        assert f"Page {i + 1} of {len(pages)}" in p


def test_every_profile_shows_the_unit_and_its_published_values(atlas):
    """Name, key and every indicator of every unit, as formatted from the layer."""
    cat = read_catalogue(CATALOGUE)
    pages = atlas["pages_text"]
    keys = profile_pages(pages)
    checked = 0
    for key, row in atlas["rows"].items():
        page = pages[keys[key]]
        assert row["PLR_NAME"] in page, key
        for ind in cat:
            line = row_line(page, ind.label)
            assert line is not None, (key, ind.label)
            val = row.get(f"{ind.id}_val")
            ref = row.get(f"{ind.id}_ref")
            if ref is not None:
                assert f" {de(ref, ind.decimals)} {ind.unit}" in line, (key, ind.id, line)
            if val is None:
                continue
            pop = row.get("EW")
            if pop is None or pop < 300:  # the rule publishes no rates for small units
                assert f" {de(val, ind.decimals)} " not in line
                continue
            assert f" {de(val, ind.decimals)} {ind.unit}" in line, (key, ind.id, line)
            diff = row.get(f"{ind.id}_diff")
            if diff is not None:
                unit = "Pp." if ind.unit == "%" else ind.unit
                assert f"{de(diff, ind.decimals, signed=True)} {unit}" in line, (key, ind.id, line)
            checked += 1
    assert checked > 10000


def test_withheld_values_never_appear_but_their_sign_and_footnote_do(atlas, berlin):
    """Cells withheld by suppress: the rate from the unprotected counts is
    nowhere on the unit's page; the row shows '.', the page the rule."""
    cat = read_catalogue(CATALOGUE)
    raw = layer_rows(berlin["joined"], "PLR_ID")
    pages = atlas["pages_text"]
    keys = profile_pages(pages)
    seen = 0
    for key, row in atlas["rows"].items():
        for ind in cat:
            if not ind.from_counts:
                continue
            num, den = f"{ind.numerator}_2024", f"{ind.denominator}_2024"
            if row.get(cs.fn.supp_of(num)) is None and row.get(cs.fn.supp_of(den)) is None:
                continue
            r = raw[key]
            if r.get(num) is None or not r.get(den):
                continue
            original = de(100 * r[num] / r[den], ind.decimals)
            page = pages[keys[key]]
            line = row_line(page, ind.label)
            assert original not in line, (key, ind.id, original, line)
            assert re.search(r"\s\.\s", line), line
            assert ". withheld for data protection" in page
            assert "Counts below 5 are withheld (.)" in page
            seen += 1
    assert seen >= 5


def test_units_below_the_minimum_population_show_no_rates(atlas):
    pages = atlas["pages_text"]
    keys = profile_pages(pages)
    small = [k for k, r in atlas["rows"].items() if r.get("EW") is not None and r["EW"] < 300]
    assert small
    withheld = 0
    for key in small:
        page = pages[keys[key]]
        line = row_line(page, "Kinder unter 6 Jahren")
        r = atlas["rows"][key]
        num, den = r.get("inhabitants_age_below_6_2024"), r.get("inhabitants_2024")
        if num is not None and den:  # the counts are published, the rate is not (the rule's MIN_POPULATION)
            assert r.get("u6_val") is None and r.get("u6_val_sign") == "."
            assert de(100 * num / den, 1) + " %" not in line
            assert re.search(r"\s\.\s", line)
            assert "no rates are published for units with fewer than 300" in page
            withheld += 1
    assert withheld >= 3


def test_ranked_list_orders_by_class_and_points_to_the_pages(atlas):
    pages = atlas["pages_text"]
    keys = profile_pages(pages)
    order = {"particularly burdened": 3, "burdened": 2, "unremarkable": 1}
    ranks, codes = [], []
    for p in pages[1 : 1 + sum(1 for x in pages if "Ranked list of units" in x)]:
        for line in p.splitlines():
            m = re.match(r"^\s*(\d+)?\s+(\d{8})\s+(.*?)\s{2,}(.*?)\s{2,}.*?\s(\d+)\s*$", line)
            if not m:
                continue
            rank, key, _name, cls, page = m.groups()
            assert keys[key] == int(page) - 1
            cls = cls.strip()
            codes.append(order.get(cls, 0))
            ranks.append(int(rank) if rank else None)
    assert len(codes) == 542
    known = [c for c in codes if c]
    assert known == sorted(known, reverse=True)
    assert codes[: len(known)] == known  # unknown classes last
    assert [r for r in ranks if r is not None] == list(range(1, len(known) + 1))


def test_text_is_real_text_and_the_file_is_small(atlas):
    size = os.path.getsize(atlas["OUTPUT_PDF"])
    assert size / atlas["PAGES"] < 40 * 1024
    fonts = subprocess.run(["pdffonts", atlas["OUTPUT_PDF"]], capture_output=True, text=True).stdout
    assert "DejaVuSans" in fonts
    # no ligature glyphs: names with ff/fi are searchable
    assert "\ufb00" not in "".join(atlas["pages_text"]) and "\ufb01" not in "".join(atlas["pages_text"])


def test_html_has_every_profile(atlas):
    with open(atlas["OUTPUT_HTML"], encoding="utf-8") as fh:
        html = fh.read()
    assert html.count('<section class="unit"') == 542
    assert "Stülerstraße" in html


def test_layout_project_reopens_and_exports_again(atlas, tmp_path):
    project = QgsProject()
    assert project.read(atlas["OUTPUT_PROJECT"])
    layouts = project.layoutManager().printLayouts()
    assert len(layouts) == 2
    atlas_layout = next(layout for layout in layouts if layout.atlas().enabled())
    overview = next(layout for layout in layouts if not layout.atlas().enabled())
    assert overview.pageCollection().pageCount() == 1 + sum(
        1 for p in atlas["pages_text"] if "Ranked list of units" in p
    )
    assert atlas_layout.atlas().coverageLayer().isValid()
    assert (
        atlas_layout.atlas()
        .coverageLayer()
        .source()
        .startswith(os.path.splitext(atlas["OUTPUT_PROJECT"])[0] + "_profiles.gpkg")
    )
    atlas_layout.atlas().setFilterExpression("\"pa_key\" LIKE '011%'")  # the first units of Mitte
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.textRenderFormat = project.labelingEngineSettings().defaultTextRenderFormat()
    assert settings.textRenderFormat == Qgis.TextRenderFormat.AlwaysText
    out = str(tmp_path / "again.pdf")
    result, error = QgsLayoutExporter.exportToPdf(atlas_layout.atlas(), out, settings)
    assert result == QgsLayoutExporter.ExportResult.Success, error
    again = pdf_pages(out)
    mitte = sorted(k for k in atlas["rows"] if k.startswith("011"))
    assert len(again) == len(mitte)
    for key, page in zip(mitte, again):
        assert f"Key {key}" in page
        assert atlas["rows"][key]["PLR_NAME"].replace("ff", "ff") in page.replace("\ufb00", "ff")


def test_project_layer_holds_only_printed_texts(atlas):
    gpkg = os.path.splitext(atlas["OUTPUT_PROJECT"])[0] + "_profiles.gpkg"
    layer = QgsVectorLayer(gpkg + "|layername=profile_units", "u", "ogr")
    assert layer.isValid() and layer.featureCount() == 542
    names = layer.fields().names()
    assert all(n in ("fid",) or n.startswith("pa_") for n in names), names
    assert "S1_val" not in names and "suppression_rule" not in names


# --- filter, order, language, errors -------------------------------------------------


def test_filter_selects_the_profiles_and_the_list(run, berlin, tmp_path):
    res = run(
        "sozialplanung:profileatlas",
        {
            "INPUT": berlin["layer"],
            "CATALOGUE": CATALOGUE,
            "NAME_FIELD": "PLR_NAME",
            "KEY_FIELD": "PLR_ID",
            "FILTER": "\"burden_class\" = 'besonders belastet'",
            "ORDER": "rank",
            "OUTPUT_PDF": str(tmp_path / "burdened.pdf"),
        },
    )
    rows = layer_rows(berlin["layer"], "PLR_ID")
    burdened = [k for k, r in rows.items() if r["burden_class"] == "besonders belastet"]
    pages = pdf_pages(res["OUTPUT_PDF"])
    n_list = sum(1 for p in pages if "Ranked list of units" in p)
    assert res["PROFILES"] == len(burdened) and len(pages) == 1 + n_list + len(burdened)
    assert set(profile_pages(pages)) == set(burdened)
    # the cover map still shows every unit: the legend counts all of them
    counts = [int(c) for c in re.findall(r"\((\d+)\)", pages[0])]
    assert sum(counts) == 542


def test_german_captions_when_qgis_runs_in_german(run, berlin, tmp_path, monkeypatch):
    from sozialplanung_plugin import translation

    monkeypatch.setattr(translation, "qgis_locale", lambda: "de_DE")
    res = run(
        "sozialplanung:profileatlas",
        {
            "INPUT": berlin["layer"],
            "CATALOGUE": CATALOGUE,
            "NAME_FIELD": "PLR_NAME",
            "KEY_FIELD": "PLR_ID",
            "FILTER": "\"PLR_ID\" = '01100101'",
            "OUTPUT_PDF": str(tmp_path / "de.pdf"),
        },
    )
    pages = pdf_pages(res["OUTPUT_PDF"])
    assert len(pages) == 3
    assert "Sozialraumprofile" in pages[0] and "Belastungsklasse" in pages[0] and "Seite 1 von 3" in pages[0]
    assert "Rangfolge der Raumeinheiten" in pages[1]
    p = pages[2]
    assert "Stülerstraße" in p and "Schlüssel 01100101" in p and "Seite 3 von 3" in p
    for caption in ("Indikator", "Wert", "Stadt", "Differenz", "Kern", "Veränderung", "Stadt = 100"):
        assert caption in p
    assert "Unauffällig" in p


def test_errors_are_readable(run, berlin, tmp_path):
    base = {
        "INPUT": berlin["layer"],
        "CATALOGUE": CATALOGUE,
        "NAME_FIELD": "PLR_NAME",
        "KEY_FIELD": "PLR_ID",
        "OUTPUT_PDF": str(tmp_path / "x.pdf"),
    }
    with pytest.raises(QgsProcessingException, match="FILTER selects no unit"):
        run("sozialplanung:profileatlas", {**base, "FILTER": "\"PLR_ID\" = 'none'"})
    with pytest.raises(QgsProcessingException, match="run sozialplanung:computeindicators"):
        run("sozialplanung:profileatlas", {**base, "INPUT": berlin["joined"]})
    with pytest.raises(QgsProcessingException, match="does not exist"):
        run("sozialplanung:profileatlas", {**base, "OUTPUT_PDF": str(tmp_path / "no" / "such" / "x.pdf")})
    assert not os.path.exists(tmp_path / "x.pdf")
    assert not [f for f in os.listdir(tmp_path) if f.startswith(".tmp-")]


def test_cancel_writes_no_pdf(provider, berlin, tmp_path):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    feedback = QgsProcessingFeedback()
    # cancel while the pages are exported (progress is reported per page)
    feedback.progressChanged.connect(lambda p: feedback.cancel() if p > 65 else None)
    out = tmp_path / "canceled.pdf"
    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())
    with pytest.raises(QgsProcessingException, match="Canceled; no output was written"):
        processing.run(
            "sozialplanung:profileatlas",
            {
                "INPUT": berlin["layer"],
                "CATALOGUE": CATALOGUE,
                "KEY_FIELD": "PLR_ID",
                "OUTPUT_PDF": str(out),
                "OUTPUT_PROJECT": str(tmp_path / "canceled.qgz"),
            },
            context=ctx,
            feedback=feedback,
        )
    assert feedback.isCanceled()
    assert not out.exists()
    assert not (tmp_path / "canceled.qgz").exists() and not (tmp_path / "canceled_profiles.gpkg").exists()
    assert not [f for f in os.listdir(tmp_path) if f.startswith(".tmp-")]


# --- a hand-made layer: awkward names, suppressed cells --------------------------------

HAND_CATALOGUE = """Kürzel;Bezeichnung;Thema;Zähler;Nenner;Faktor;Polarität;Kern;Einheit;Nachkommastellen
sgb2;SGB II-Quote;Soziales;sgb2_n;ew;100;+;ja;%;1
alo;Arbeitslose;Soziales;alo_n;ew;100;+;ja;%;1
"""
HAND_UNITS = [
    # key, name, ew, sgb2_n, alo_n
    ("0101", 'Süd <Ost> & "Mitte"', 1000, 240, 90),
    ("0102", "Hoffmannstraße", 800, 2, 40),  # 2 < 3: withheld
    ("0103", "A [% 1+1 %] B", 900, 120, 70),
    (
        "0104",
        "Ein sehr langer Name einer Raumeinheit, wie ihn Statistikämter vergeben: Wohngebiet Am Güterbahnhof Nord",
        1100,
        300,
        60,
    ),
    ("0105", "Nord", 700, 50, 30),
    ("0106", "West", 650, 60, 4),  # 4 withheld? (MIN_COUNT 5)
]


@pytest.fixture(scope="module")
def hand(provider, tmp_path_factory):
    """Six squares with counts, through suppress (MIN_COUNT 5), computeindicators
    and classifyburden."""
    import processing

    folder = tmp_path_factory.mktemp("hand")
    cat = folder / "katalog.csv"
    cat.write_text(HAND_CATALOGUE, encoding="utf-8")
    layer = QgsVectorLayer("Polygon?crs=EPSG:25833", "units", "memory")
    layer.dataProvider().addAttributes(
        [compat.new_field("key", compat.TYPE_STRING), compat.new_field("name", compat.TYPE_STRING)]
        + [compat.new_field(n, compat.TYPE_INT) for n in ("ew", "sgb2_n", "alo_n")]
    )
    layer.updateFields()
    feats = []
    for i, (key, name, ew, s, a) in enumerate(HAND_UNITS):
        f = QgsFeature(layer.fields())
        x, y = 390000 + (i % 3) * 1000, 5810000 + (i // 3) * 1000
        f.setGeometry(
            QgsGeometry.fromWkt(f"POLYGON(({x} {y},{x + 1000} {y},{x + 1000} {y + 1000},{x} {y + 1000},{x} {y}))")
        )
        f.setAttributes([key, name, ew, s, a])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    src = str(folder / "units.gpkg")
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "GPKG"
    QgsVectorFileWriter.writeAsVectorFormatV3(layer, src, QgsProject.instance().transformContext(), opts)
    r = processing.run(
        "sozialplanung:suppress",
        {"INPUT": src, "CATALOGUE": str(cat), "MIN_COUNT": 5, "KEY_FIELD": "key", "OUTPUT": str(folder / "p.gpkg")},
    )
    r = processing.run(
        "sozialplanung:computeindicators",
        {"INPUT": r["OUTPUT"], "CATALOGUE": str(cat), "KEY_FIELD": "key", "OUTPUT": str(folder / "i.gpkg")},
    )
    r = processing.run(
        "sozialplanung:classifyburden",
        {
            "INPUT": r["OUTPUT"],
            "CATALOGUE": str(cat),
            "MEASURE": "difference",
            "THRESHOLD": 5,
            "MIN_FLAGS": 2,
            "KEY_FIELD": "key",
            "OUTPUT": str(folder / "b.gpkg"),
        },
    )
    return {"layer": r["OUTPUT"], "catalogue": str(cat), "folder": folder}


@pytest.fixture(scope="module")
def hand_atlas(hand, provider):
    import processing

    f = hand["folder"]
    res = processing.run(
        "sozialplanung:profileatlas",
        {
            "INPUT": hand["layer"],
            "CATALOGUE": hand["catalogue"],
            "NAME_FIELD": "name",
            "KEY_FIELD": "key",
            "TITLE": 'Musterstadt <2024> & "Umland"',
            "OUTPUT_PDF": str(f / "hand.pdf"),
            "OUTPUT_HTML": str(f / "hand.html"),
            "OUTPUT_PROJECT": str(f / "hand.qgz"),
        },
    )
    res["pages_text"] = pdf_pages(res["OUTPUT_PDF"])
    res["rows"] = layer_rows(hand["layer"], "key")
    return res


def test_awkward_names_print_exactly(hand_atlas):
    pages = hand_atlas["pages_text"]
    assert len(pages) == 1 + 1 + 6
    keys = {re.search(r"Key (\d{4})", p).group(1): p for p in pages[2:]}
    for key, name, *_ in HAND_UNITS:
        page = keys[key]
        flat = " ".join(page.split())
        assert name in flat or all(w in flat for w in name.split()), (key, name)
    assert 'Süd <Ost> & "Mitte"' in keys["0101"]
    assert "A [% 1+1 %] B" in keys["0103"]  # printed, not evaluated
    assert "Hoffmannstraße" in keys["0102"]  # no ligature glyph
    assert 'Musterstadt <2024> & "Umland"' in pages[0]


def test_suppressed_cells_show_sign_and_footnote_never_the_value(hand_atlas):
    pages = hand_atlas["pages_text"]
    keys = {re.search(r"Key (\d{4})", p).group(1): p for p in pages[2:]}
    rows = hand_atlas["rows"]
    assert rows["0102"]["sgb2_val"] is None and rows["0106"]["alo_val"] is None
    p = keys["0102"]
    line = row_line(p, "SGB II-Quote")
    assert "0,3 %" not in p and "0,25" not in p  # 2 / 800
    assert re.search(r"\s\.\s", line)
    assert ". withheld for data protection" in p and "Counts below 5 are withheld (.)" in p
    p6 = keys["0106"]
    assert "0,6 %" not in p6  # 4 / 650
    assert ". withheld for data protection" in p6
    # a page without withheld cells carries no such footnote
    assert "withheld for data protection" not in keys["0101"]
    # values as in the layer
    line = row_line(keys["0101"], "SGB II-Quote")
    assert " 24,0 % " in line
    for key, r in rows.items():
        if r["sgb2_val"] is not None:
            assert de(r["sgb2_val"], 1) + " %" in keys[key]


def test_hand_html_escapes(hand_atlas):
    with open(hand_atlas["OUTPUT_HTML"], encoding="utf-8") as fh:
        html = fh.read()
    assert "Süd &lt;Ost&gt; &amp; &#34;Mitte&#34;" in html
    assert "Musterstadt &lt;2024&gt; &amp; &#34;Umland&#34;" in html
    assert "<Ost>" not in html and "<2024>" not in html
    assert "0,3 %" not in html


def test_hand_project_keeps_the_names(hand_atlas, tmp_path):
    project = QgsProject()
    assert project.read(hand_atlas["OUTPUT_PROJECT"])
    layout = next(x for x in project.layoutManager().printLayouts() if x.atlas().enabled())
    out = str(tmp_path / "again.pdf")
    # as the layout designer exports it: with the project's text format (from QGIS 3.24 on labels
    # are drawn by QgsTextRenderer, which honours it; the bare default is text as outlines)
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.textRenderFormat = project.labelingEngineSettings().defaultTextRenderFormat()
    result, _ = QgsLayoutExporter.exportToPdf(layout.atlas(), out, settings)
    assert result == QgsLayoutExporter.ExportResult.Success
    assert len(pdf_pages(out)) == 6
    text = "".join(pdf_pages(out)).replace("\ufb00", "ff")
    assert 'Süd <Ost> & "Mitte"' in text and "A [% 1+1 %] B" in text


def test_qgis_process_runs_the_algorithm(qgis_process, hand, tmp_path):
    """As a user runs it from the command line (the built plugin, A3 landscape)."""
    out = tmp_path / "cli.pdf"
    res = qgis_process(
        "sozialplanung:profileatlas",
        {
            "INPUT": hand["layer"],
            "CATALOGUE": hand["catalogue"],
            "NAME_FIELD": "name",
            "KEY_FIELD": "key",
            "PAGE_SIZE": "A3",
            "ORIENTATION": "landscape",
            "OUTPUT_PDF": str(out),
        },
    )
    assert res["results"]["PAGES"] == 8
    pages = pdf_pages(str(out))
    assert len(pages) == 8 and 'Süd <Ost> & "Mitte"' in pages[2]
    size = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+119[01](\.\d+)? x 84[12](\.\d+)? pts", size), size  # A3 landscape


def test_filter_and_pages_see_only_published_values(hand, provider, tmp_path):
    """A withheld value that a later step wrote again (its mark still set) is
    NULL for FILTER and never printed: the selection cannot reveal it."""
    import processing

    src = QgsVectorLayer(hand["layer"], "hand", "ogr")
    layer = src.materialize(QgsFeatureRequest())
    assert layer.fields().lookupField("sgb2_val_supp") < 0
    layer.dataProvider().addAttributes([compat.new_field("sgb2_val_supp", compat.TYPE_STRING)])
    layer.updateFields()
    i_val, i_supp = layer.fields().lookupField("sgb2_val"), layer.fields().lookupField("sgb2_val_supp")
    fid = next(f.id() for f in layer.getFeatures() if f["key"] == "0102")
    layer.dataProvider().changeAttributeValues({fid: {i_val: 0.25, i_supp: "primary"}})
    res = processing.run(
        "sozialplanung:profileatlas",
        {
            "INPUT": layer,
            "CATALOGUE": hand["catalogue"],
            "NAME_FIELD": "name",
            "KEY_FIELD": "key",
            "FILTER": '"sgb2_val" > 0',
            "OUTPUT_PDF": str(tmp_path / "f.pdf"),
        },
    )
    pages = pdf_pages(res["OUTPUT_PDF"])
    keys = [re.search(r"Key (\d{4})", p).group(1) for p in pages[2:]]
    published = {k for k, r in layer_rows(hand["layer"], "key").items() if r["sgb2_val"] is not None}
    assert "0102" not in published  # withheld (primary), its secondary partner too
    assert set(keys) == published
    res = processing.run(
        "sozialplanung:profileatlas",
        {
            "INPUT": layer,
            "CATALOGUE": hand["catalogue"],
            "NAME_FIELD": "name",
            "KEY_FIELD": "key",
            "OUTPUT_PDF": str(tmp_path / "all.pdf"),
        },
    )
    page = next(p for p in pdf_pages(res["OUTPUT_PDF"]) if "Key 0102" in p)
    assert "0,3 %" not in page and "0,25" not in page
    assert re.search(r"\s\.\s", row_line(page, "SGB II-Quote"))


def test_ranked_list_explains_its_signs(hand_atlas):
    """0102's burden class is unknown (its core value withheld): the list shows
    the sign and the page explains it."""
    lst = hand_atlas["pages_text"][1]
    line = next(ln for ln in lst.splitlines() if "0102" in ln)
    assert "Hoffmannstraße" in line
    flat = " ".join(lst.split())
    assert "withheld for data protection" in flat or "not assessable" in line


def test_chart_bars_sit_on_their_table_rows(atlas):
    """The bars (an SVG) and the table (labels) are separate items: the distance
    between the first and the last bar equals the distance between their rows'
    text, as the PDF places it."""
    import xml.etree.ElementTree as ET

    gpkg = os.path.splitext(atlas["OUTPUT_PROJECT"])[0] + "_profiles.gpkg"
    layer = QgsVectorLayer(gpkg + "|layername=profile_units", "u", "ogr")
    f = next(layer.getFeatures("\"pa_key\" = '05200527'"))  # Maulbeerallee: bars from the first to the last row
    rects = [e for e in ET.fromstring(f["pa_bars"]).iter() if e.tag.endswith("rect")]
    centres = sorted(float(r.get("y")) + float(r.get("height")) / 2 for r in rects)
    page = f["pa_page"]
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), atlas["OUTPUT_PDF"], "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = [
        (w.group(5), (float(w.group(2)) + float(w.group(4))) / 2 * 25.4 / 72)
        for w in re.finditer(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', out)
    ]
    header = next(y for w, y in words if w == "Indicator")
    first = next(y for w, y in words if w == "Arbeitslosigkeit" and y > header)  # the table's, not the reason's
    last = next(y for w, y in reversed(words) if w == "älter")  # "65 Jahre und älter", the last row
    assert abs((last - first) - (centres[-1] - centres[0])) < 0.3
