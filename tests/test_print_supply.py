"""New results in print: estimated values (interpolateunits' ``<field>_est``,
issue 10) marked in the profile atlas, and the supply of facilities
(sozialplanung:facilitysupply, issue 11) on the profile page, on the unit map
and in the overview maps; read back with pdftotext, and no text over other
text (as test_print_overlap.py)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from conftest import example, layer_rows
from qgis.core import QgsProject
from test_print_overlap import report
from test_profile_atlas import de, html_sections, pdf_pages, profile_pages, row_line

from sozialplanung_plugin import example as berlin_example

CATALOGUE = example("katalog_berlin.csv")
# units of Mitte: some carried 2016/2018 counts are estimates, some exact
FILTER = "\"PLR_ID\" LIKE '0110%'"
EST_LIMIT = 0.01


@pytest.fixture(scope="module")
def extended(provider, tmp_path_factory):
    """The Berlin pipeline with the population of 2016 and 2018 carried onto the 542 units (as the demo)."""
    import processing
    from qgis.core import QgsProcessingContext

    from sozialplanung_plugin import example_2006, example_reform

    folder = tmp_path_factory.mktemp("print_supply")
    gpkg = str(folder / "berlin.gpkg")
    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())

    def run(alg, params):
        return processing.run(alg, params, context=ctx)

    def carry(joined_layer, output):
        old = example_2006.units_2006(run, str(folder / "old_units.gpkg"))
        return example_reform.carry_population(run, old, joined_layer, output, None)

    berlin_example.pipeline(run, gpkg, extend=carry)
    layer = f"{gpkg}|layername={berlin_example.PIPELINE_TABLES[-1]}"
    yield {"gpkg": gpkg, "layer": layer, "folder": folder, "rows": layer_rows(layer, "PLR_ID"), "run": run}
    # the temporary layers of the run go while QGIS is still there (not when Python collects the context)
    ctx.temporaryLayerStore().removeAllMapLayers()


def atlas(layer: str, pdf, **extra) -> dict:
    """sozialplanung:profileatlas of the Berlin layer (names and keys of the Planungsräume) into
    ``pdf``, with the parameters ``extra``; the result with the text of every page."""
    import processing

    params = {"INPUT": layer, "CATALOGUE": CATALOGUE, "NAME_FIELD": "PLR_NAME", "KEY_FIELD": "PLR_ID"}
    res = processing.run("sozialplanung:profileatlas", {**params, **extra, "OUTPUT_PDF": str(pdf)})
    res["pages_text"] = pdf_pages(res["OUTPUT_PDF"])
    return res


@pytest.fixture(scope="module")
def est_atlas(extended):
    return atlas(extended["layer"], extended["folder"] / "atlas_estimates.pdf", FILTER=FILTER, TITLE="Berlin 2024")


def estimated(r: dict, counts: list[str]) -> bool:
    return any((r.get(f"{c}_est") or 0.0) > EST_LIMIT for c in counts)


def test_estimated_years_are_marked_on_the_profile_page(est_atlas, extended):
    """The population rows carry 2016 and 2018 carried from the old units: the
    legend explains the mark and the sparklines' hollow points; the latest
    year (2024) is counted, so its value carries no mark."""
    pages = est_atlas["pages_text"]
    rows = extended["rows"]
    keys = profile_pages(pages)
    assert keys
    marked_units = 0
    for k, i in keys.items():
        r = rows[k]
        page = " ".join(pages[i].split())
        line = row_line(pages[i], "Kinder unter 6 Jahren")
        assert line is not None
        assert "\u1d49" not in line  # 2024 is exact
        est = estimated(r, ["inhabitants_2016", "inhabitants_age_below_6_2016", "inhabitants_2018"])
        if est:
            marked_units += 1
            assert "estimate: the value rests on a count" in page and "Hollow point" in page, k
    assert marked_units > 0
    assert not report(est_atlas["OUTPUT_PDF"])


# --- the supply of Kitas (sozialplanung:facilitysupply) ---------------------------------

SUPPLY_FILTER = '"PLR_ID" LIKE \'0110%\' OR "supply_gap" = 1'


@pytest.fixture(scope="module")
def supplied(extended):
    """Kita places against the children under 6 (count and catchment, example_supply), the catchment's
    fields joined onto the pipeline's last table, as a planner would before printing."""
    import processing

    from sozialplanung_plugin import example_supply

    folder = extended["folder"] / "supply"
    res = example_supply.kita_supply(extended["run"], extended["gpkg"], str(folder))
    gpkg = str(folder / "kita_versorgung.gpkg")
    catchment = f"{gpkg}|layername={example_supply.TABLES['catchment']}"
    names = [n for n in layer_rows(catchment, "PLR_ID")[next(iter(layer_rows(catchment, "PLR_ID")))]]
    fields = [n for n in names if n.startswith("kita_") or n.startswith("supply_gap")]
    out = str(extended["folder"] / "with_supply.gpkg")
    processing.run(
        "native:joinattributestable",
        {
            "INPUT": extended["layer"],
            "FIELD": "PLR_ID",
            "INPUT_2": catchment,
            "FIELD_2": "PLR_ID",
            "FIELDS_TO_COPY": fields,
            "METHOD": 1,
            "PREFIX": "",
            "OUTPUT": out,
        },
    )
    return {
        "layer": out,
        "facilities": f"{gpkg}|layername=kitas",
        "rows": layer_rows(out, "PLR_ID"),
        "folder": extended["folder"],
        "fields": fields,
        "results": res,
    }


@pytest.fixture(scope="module")
def supply_atlas(supplied):
    return atlas(
        supplied["layer"],
        supplied["folder"] / "atlas_supply.pdf",
        FILTER=SUPPLY_FILTER,
        FACILITIES=supplied["facilities"],
        FACILITY_CATEGORY_FIELD="category",
        TITLE="Berlin 2024",
        OUTPUT_HTML=str(supplied["folder"] / "atlas_supply.html"),
    )


def small(r) -> bool:
    return r["EW"] is None or r["EW"] < 300


def cell(v, decimals: int, unit: str = "") -> str | None:
    """The printed number, computed independently (None: missing)."""
    if v is None:
        return None
    return (de(v, decimals) + (f" {unit}" if unit else "")).strip()


def test_profile_page_has_the_supply_table(supply_atlas, supplied):
    """Per profile: count, capacity, per 1,000 beside the city, distance and access
    ratio of the Kitas as the layer has them; rates withheld below MIN_POPULATION;
    the supply gap with its reason (issue 11, item 4)."""
    pages = supply_atlas["pages_text"]
    rows = supplied["rows"]
    keys = profile_pages(pages)
    assert len(keys) == supply_atlas["PROFILES"] > 5
    gaps = 0
    for k, i in keys.items():
        r = rows[k]
        head = next(ln for ln in pages[i].splitlines() if ln.strip().startswith("Supply "))
        want_head = ["Supply", "Facilities", "Capacity", "per", "1,000", "City", "Distance", "Access", "ratio"]
        assert head.split() == want_head
        # the category by its printed name (CATEGORY_NAMES kita=Kitas, stored in kita_label)
        assert r["kita_label"] == "Kitas"
        line = next(ln for ln in pages[i].splitlines() if ln.strip().startswith("Kitas "))
        got = line.split()
        assert got[1] == de(r["kita_n"], 0) and got[2] == de(r["kita_cap"], 0), (k, line)
        if small(r):
            assert got[3] == "." and got[-1] == ".", (k, line)
        else:
            want = cell(r["kita_per1000"], 1)
            assert got[3] == (want or got[3]), (k, line)
            if r["kita_access_ratio"] is not None:
                assert got[-1] == de(round(r["kita_access_ratio"]), 0), (k, line)
        assert de(r["kita_ref"], 1) in got
        if r["kita_dist_m"] is not None:
            assert re.search(re.escape(de(round(r["kita_dist_m"]), 0)) + r" ?m\b", line), (k, line)
        page = " ".join(pages[i].split())
        if small(r):
            assert "Supply gap: withheld for data protection (.)" in page
        elif r["supply_gap"] == 1:
            gaps += 1
            assert "Supply gap: " + " ".join(r["supply_gap_reason"].split())[:60] in page, k
        elif r["supply_gap"] == 0:
            assert "Supply gap: no supply gap" in page
        assert "Supply: facilities and their capacity in the unit" in page
    assert gaps > 0


def test_html_profiles_have_the_supply_table(supply_atlas, supplied):
    """The HTML profiles carry the same supply table as the PDF: the header, the Kitas line
    with count and capacity as the layer has them, and the supply gap line."""
    import html as html_lib

    sections = html_sections(supply_atlas["OUTPUT_HTML"])
    rows = supplied["rows"]
    assert len(sections) == supply_atlas["PROFILES"] > 5
    for k, sec in sections.items():
        r = rows[k]
        table = sec.split('<table class="supply">')[1].split("</table>")[0]
        heads = re.findall(r"<th[^>]*>([^<]*)</th>", table)
        assert heads == ["Supply", "Facilities", "Capacity", "per 1,000", "City", "Distance", "Access ratio"]
        cells = re.findall(r"<td[^>]*>([^<]*)</td>", table)
        assert cells[:3] == ["Kitas", de(r["kita_n"], 0), de(r["kita_cap"], 0)], k
        text = html_lib.unescape(sec)
        if small(r):
            assert "Supply gap: withheld for data protection (.)" in text
        elif r["supply_gap"] == 0:
            assert "Supply gap: no supply gap" in text


def test_unit_map_shows_the_facilities_with_a_legend(supply_atlas):
    pages = supply_atlas["pages_text"]
    keys = profile_pages(pages)
    for i in keys.values():
        assert re.search(r"Facilities\s*\n(.*\n)*?.*\bKitas\b", pages[i]), "no legend of the facilities"
        assert not re.search(r"\bkita\b", pages[i]), "the category id is printed instead of its name"


def test_facility_symbols_differ_in_colour_and_shape():
    from sozialplanung_plugin.adapters.layouts.layers import facility_renderer

    r = facility_renderer(["kita", "school", "youth", "library", "sport", "care"], 1.0)
    looks = {(c.symbol().color().name(), c.symbol().symbolLayer(0).shape()) for c in r.categories()}
    assert len(looks) == 6
    assert len({c.symbol().color().name() for c in r.categories()}) == 6
    assert len({c.symbol().symbolLayer(0).shape() for c in r.categories()}) == 6


def test_supply_pages_have_no_overlapping_text(supply_atlas):
    assert not report(supply_atlas["OUTPUT_PDF"])


@pytest.fixture(scope="module")
def supply_maps(supplied):
    import processing

    res = processing.run(
        "sozialplanung:overviewmaps",
        {
            "INPUT": supplied["layer"],
            "CATALOGUE": CATALOGUE,
            "FIELDS": ["kita_access_ratio", "kita_ratio", "supply_gap"],
            "OUTPUT_PDF": str(supplied["folder"] / "supply_maps.pdf"),
        },
    )
    res["pages_text"] = pdf_pages(res["OUTPUT_PDF"])
    return res


def test_supply_ratio_maps_have_classes_around_the_city(supply_maps, supplied):
    """<c>_access_ratio and <c>_ratio: classes around 100 (the same thirds of
    |ratio - 100| above and below), red below the city; withheld below MIN_POPULATION."""
    rows = supplied["rows"].values()
    for page, name in ((0, "kita_access_ratio"), (1, "kita_ratio")):
        p = " ".join(supply_maps["pages_text"][page].split())
        assert "Kitas: " in p and "relative to the city (city = 100)" in p
        assert "Classes around 100 (the city)" in p and "red = less supply than the city" in p
        published = [r[name] for r in rows if not small(r) and r[name] is not None]
        mags = np.array([abs(v - 100) for v in published if abs(v - 100) >= 0.5])
        b1, b2, top = (float(np.quantile(mags, 1 / 3)), float(np.quantile(mags, 2 / 3)), float(mags.max()))
        for a, b in ((b2, top), (b1, b2), (0.0, b1)):
            assert f"{de(100 + a, 0)} to {de(100 + b, 0)}" in p, (name, a, b)
            assert f"{de(max(100 - b, 0), 0)} to {de(100 - a, 0)}" in p, (name, a, b)  # a ratio is never below 0
        counts = [int(n) for n in re.findall(r"\d to [\d.]+ \((\d+)\)", p)]
        same = re.search(r"as the city \(100\) \((\d+)\)", p)
        assert sum(counts) + (int(same.group(1)) if same else 0) == len(published)
        withheld = sum(1 for r in rows if small(r) or r.get(f"{name}_supp"))
        if withheld:
            assert f"withheld (.) ({withheld})" in p


def test_supply_gap_map_counts_the_gaps(supply_maps, supplied):
    rows = supplied["rows"].values()
    p = " ".join(supply_maps["pages_text"][2].split())
    assert "Supply gap (burdened and below the city)" in p
    on = sum(1 for r in rows if not small(r) and r["supply_gap"] == 1)
    off = sum(1 for r in rows if not small(r) and r["supply_gap"] == 0)
    assert on > 0 and f"supply gap ({on})" in p and f"no supply gap ({off})" in p
    assert not report(supply_maps["OUTPUT_PDF"])


def test_german_pages_name_the_new_parts(supplied, tmp_path, monkeypatch):
    """In German: the column 'Handlungsfelder', the supply table, the supply gap, the estimate mark's legend."""

    from sozialplanung_plugin import translation

    monkeypatch.setattr(translation, "qgis_locale", lambda: "de_DE")
    res = atlas(
        supplied["layer"], tmp_path / "de.pdf", FILTER="\"PLR_ID\" LIKE '011001%'", FACILITIES=supplied["facilities"]
    )
    pages = [" ".join(p.split()) for p in res["pages_text"]]
    assert "Handlungsfelder" in pages[1]
    profile = pages[2]
    for caption in ("Versorgung", "Einrichtungen", "Kapazität", "je 1.000", "Entfernung", "Erreichbarkeit"):
        assert caption in profile, caption
    assert "Versorgungslücke:" in profile
    assert any("geschätzt: der Wert beruht auf einer Zahl" in p for p in pages[2:])
    assert not report(res["OUTPUT_PDF"])
