"""Monitoring in print: the Berlin pipeline over 2021-2024 (computeindicators
with COMPARE_FIELDS=BEZ) and sozialplanung:monitoring, then the profile atlas
(sparklines, the early warning on every page, a column for the district, the
watch list after the ranked list) and the overview maps of the changes
(classes around 0) and of the watch flag, read back with pdftotext. That no
text runs over other text on these pages is checked in test_print_overlap.py."""

from __future__ import annotations

import re

import numpy as np
import pytest
from conftest import example, layer_rows
from qgis.core import QgsProject
from test_profile_atlas import de, html_sections, pdf_pages, profile_pages

from sozialplanung_plugin import example as berlin_example
from sozialplanung_plugin.core import profiles as cp

CATALOGUE = example("katalog_berlin.csv")
# the monitoring's own catalogue: children under 6 (higher = adverse) and 65+ (lower = adverse) as core
MONITORING_CATALOGUE = (
    "id;Bezeichnung;Zähler;Nenner;Faktor;Polarität;Kern;Nachkommastellen\n"
    "u6;Kinder unter 6 Jahren;inhabitants_age_below_6;inhabitants;100;+;ja;1\n"
    "ue65;65 Jahre und älter;inhabitants_age_above_65;inhabitants;100;-;ja;1\n"
)
FILTER = '"PLR_ID" LIKE \'011%\' OR ("PLR_ID" LIKE \'12%\' AND "watch_flag" = 1)'


@pytest.fixture(scope="module")
def monitored(provider, tmp_path_factory):
    import processing
    from qgis.core import QgsProcessingContext

    folder = tmp_path_factory.mktemp("print_monitoring")
    gpkg = str(folder / "berlin.gpkg")
    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())

    def run(alg, params):
        if alg == "sozialplanung:computeindicators":
            params = dict(params, COMPARE_FIELDS="BEZ")
        return processing.run(alg, params, context=ctx)

    berlin_example.pipeline(run, gpkg)  # population 2021 to 2024
    cat = folder / "monitoring.csv"
    cat.write_text(MONITORING_CATALOGUE, encoding="utf-8")
    processing.run(
        "sozialplanung:monitoring",
        {
            "INPUT": f"{gpkg}|layername={berlin_example.PIPELINE_TABLES[-1]}",
            "CATALOGUE": str(cat),
            "KEY_FIELD": "PLR_ID",
            "THRESHOLD": 0.5,
            "OUTPUT": f"ogr:dbname='{gpkg}' table=\"monitoring\" (geom)",
        },
        context=ctx,
    )
    layer = f"{gpkg}|layername=monitoring"
    return {"layer": layer, "folder": folder, "rows": layer_rows(layer, "PLR_ID"), "catalogue": str(cat)}


@pytest.fixture(scope="module")
def atlas(monitored):
    import processing

    res = processing.run(
        "sozialplanung:profileatlas",
        {
            "INPUT": monitored["layer"],
            "CATALOGUE": CATALOGUE,
            "NAME_FIELD": "PLR_NAME",
            "KEY_FIELD": "PLR_ID",
            "FILTER": FILTER,
            "COMPARE_LABELS": "BEZ=Bezirk",
            "TITLE": "Berlin 2024",
            "OUTPUT_PDF": str(monitored["folder"] / "atlas.pdf"),
            "OUTPUT_HTML": str(monitored["folder"] / "atlas.html"),
        },
    )
    res["pages_text"] = pdf_pages(res["OUTPUT_PDF"])
    return res


def small(r) -> bool:
    return r["EW"] is None or r["EW"] < 300


def selected(rows):
    return {
        k: r
        for k, r in rows.items()
        if k.startswith("011") or (k.startswith("12") and r["watch_flag"] == 1 and not small(r))
    }


def test_watch_list_follows_the_ranked_list(atlas, monitored):
    pages = atlas["pages_text"]
    rows = monitored["rows"]
    chosen = selected(rows)
    ranked = [i for i, p in enumerate(pages) if "Ranked list of units" in p]
    watch = [i for i, p in enumerate(pages) if "Watch list (early warning)" in p]
    assert ranked and watch and min(watch) == max(ranked) + 1
    keys = profile_pages(pages)
    assert len(keys) == len(chosen) == atlas["PROFILES"]
    assert min(keys.values()) == max(watch) + 1
    text = "\n".join(pages[i] for i in watch)
    listed = re.findall(r"^\s*(\d{8})\s+.*?\s(20\d\d)\s", text, re.M)
    expected = {k for k, r in chosen.items() if r["watch_flag"] == 1 and not small(r)}
    assert {k for k, _ in listed} == expected
    for k, since in listed:
        assert int(since) == rows[k]["watch_since"]
        line = next(ln for ln in text.splitlines() if ln.strip().startswith(k))
        assert line.split()[-1] == str(keys[k] + 1), k  # the page of its profile


def test_ranked_list_shows_the_fields_of_action(atlas, monitored):
    """classifyburden's action_fields in the ranked list: as numbers with their key
    under the list when the topics do not fit the column (issue 12, item 1)."""
    pages = atlas["pages_text"]
    rows = monitored["rows"]
    ranked = [p for p in pages if "Ranked list of units" in p]
    text = "\n".join(ranked)
    assert "Fields of action" in text
    flat = " ".join(text.split())
    m = re.search(r"Fields of action \(topics with a flagged core indicator\): (.*?)\.", flat)
    assert m, flat[-400:]
    parts = re.split(r"(?:^|, )(\d+) ", m.group(1))[1:]  # a topic may hold a comma ("Kinder, Jugend und Familie")
    key = dict(zip(parts[::2], parts[1::2]))
    assert key, m.group(1)
    seen = 0
    for line in text.splitlines():
        lm = re.match(r"^\s*\d*\s+(\d{8})\s", line)
        if not lm:
            continue
        r = rows[lm.group(1)]
        codes = re.search(r"\d+ of \d+\s+((?:\d+, )*\d+)?\s{2,}", line)
        assert codes, line
        printed = [key[c] for c in codes.group(1).split(", ")] if codes.group(1) else []
        expected = [t.strip() for t in (r["action_fields"] or "").split(";") if t.strip()]
        assert printed == expected, (lm.group(1), line)
        seen += len(expected)
    assert seen > 0


def test_profile_page_shows_the_early_warning_and_the_district(atlas, monitored):
    pages = atlas["pages_text"]
    rows = monitored["rows"]
    keys = profile_pages(pages)
    for k, i in keys.items():
        r = rows[k]
        p = " ".join(pages[i].split())
        assert "Bezirk" in p and "2021–2024" in p
        if small(r):
            assert "Early warning: withheld for data protection (.)" in p
        elif r["watch_flag"] == 1:
            assert f"Early warning: on the watch list since {r['watch_since']}" in p
            first = r["watch_reason"].split(" | ")[0].split(";")[0]
            assert first in p
        else:
            assert "Early warning: not on the watch list" in p
        # the district's reference of an indicator in the unit's row
        if r.get("S1_ref_BEZ") is not None and r.get("S1_val") is not None and not small(r):
            line = next(ln for ln in pages[i].splitlines() if ln.strip().startswith("Arbeitslosigkeit"))
            assert de(r["S1_ref_BEZ"], 2) + " %" in line


def test_html_profiles_show_the_early_warning_and_the_district(atlas, monitored):
    """The HTML profiles as the PDF: the district's column (COMPARE_LABELS BEZ=Bezirk) with the
    district's value in the row, the change years in the header and the early warning."""
    import html as html_lib

    sections = html_sections(atlas["OUTPUT_HTML"])
    with open(atlas["OUTPUT_HTML"], encoding="utf-8") as fh:
        legend = html_lib.unescape(fh.read())
    rows = monitored["rows"]
    assert len(sections) == atlas["PROFILES"] > 5
    for k, sec in sections.items():
        r = rows[k]
        text = html_lib.unescape(sec)
        heads = re.findall(r"<th[^>]*>([^<]*)</th>", sec.split("<thead>")[1].split("</thead>")[0])
        assert heads[:4] == ["Indicator", "Value", "City", "Bezirk"], heads
        change = next(h for h in heads if h.startswith("Change "))
        assert re.fullmatch(r"Change \d{4}–\d{4}", change) and f"{change}: ↗ rising" in legend  # as the legend says
        if small(r):
            assert "Early warning: withheld for data protection (.)" in text
        elif r["watch_flag"] == 1:
            assert f"Early warning: on the watch list since {r['watch_since']}" in text
        else:
            assert "Early warning: not on the watch list" in text
        if r.get("S1_ref_BEZ") is not None and r.get("S1_val") is not None and not small(r):
            row = re.search(r"<tr><td>Arbeitslosigkeit</td>(.*?)</tr>", sec).group(1)
            assert re.findall(r"<td[^>]*>([^<]*)</td>", row)[2] == de(r["S1_ref_BEZ"], 2) + " %", k


def test_sparklines_use_the_monitoring_reference(monitored):
    """The city's line is r(t) = Σ numerators / Σ denominators of every year
    (recomputed here), the unit's line its published yearly values."""
    from qgis.core import QgsVectorLayer

    from sozialplanung_plugin.adapters.layers import source_frame
    from sozialplanung_plugin.core.catalogue import read_catalogue

    layer = QgsVectorLayer(monitored["layer"], "m", "ogr")
    cat = read_catalogue(CATALOGUE)
    frame = source_frame(layer, cp.needed_fields(layer.fields().names(), cat, "PLR_ID", "PLR_NAME", "EW"))
    book = cp.build(frame, cat, key_field="PLR_ID", name_field="PLR_NAME")
    assert book.series_years == [2021, 2022, 2023, 2024]
    assert book.levels == ["BEZ"]
    rows = monitored["rows"].values()
    for y, r in zip(book.series["u6"].years, book.series["u6"].reference):
        num = sum(
            x[f"inhabitants_age_below_6_{y}"]
            for x in rows
            if x[f"inhabitants_age_below_6_{y}"] is not None and x[f"inhabitants_{y}"] is not None
        )
        den = sum(
            x[f"inhabitants_{y}"]
            for x in rows
            if x[f"inhabitants_age_below_6_{y}"] is not None and x[f"inhabitants_{y}"] is not None
        )
        assert r == pytest.approx(100.0 * num / den, rel=1e-12)
    assert book.series["u6"].reference[-1] == pytest.approx(next(iter(rows))["u6_ref"], rel=1e-12)
    by_key = monitored["rows"]
    for u in book.units:
        row = next(r for r in u.rows if r.indicator.id == "u6")
        src = by_key[u.key]
        if row.missing is None:
            assert row.series == [
                pytest.approx(src[f"u6_val_{y}"]) if src[f"u6_val_{y}"] is not None else None
                for y in (2021, 2022, 2023, 2024)
            ]
        else:
            assert row.series == []
    # one polyline per line and row, the unit's ending in a dot; no text in the SVG
    lines = cp.table_lines(book)
    u = next(u for u in book.units if u.rows[0].missing is None)
    svg = cp.sparks_svg(u, lines, book.series, 18.0, 3.0)
    with_series = sum(1 for r in u.rows if r.indicator.id in book.series and r.series)
    assert svg.count("<polyline") == 2 * with_series and "<text" not in svg


@pytest.fixture(scope="module")
def maps(monitored):
    import processing

    res = processing.run(
        "sozialplanung:overviewmaps",
        {
            "INPUT": monitored["layer"],
            "CATALOGUE": monitored["catalogue"],
            "FIELDS": ["u6_excess_2024", "ue65_chg_2023", "u6_slope", "watch_flag"],
            "OUTPUT_PDF": str(monitored["folder"] / "maps.pdf"),
        },
    )
    res["pages_text"] = pdf_pages(res["OUTPUT_PDF"])
    return res


def thirds(values: list[float], decimals: int) -> list[float]:
    mags = np.array([abs(v) for v in values if abs(v) >= 0.5 * 10.0**-decimals])
    return [float(np.quantile(mags, 1 / 3)), float(np.quantile(mags, 2 / 3)), float(mags.max())]


def test_change_maps_have_classes_around_zero(maps, monitored):
    rows = monitored["rows"].values()
    published = [r["u6_excess_2024"] for r in rows if not small(r) and r["u6_excess_2024"] is not None]
    p = " ".join(maps["pages_text"][0].split())
    assert "Kinder unter 6 Jahren: change to 2024 beyond the city's" in p
    assert "red = adverse direction, blue = favourable" in p
    b1, b2, top = thirds(published, 1)
    for a, b in ((b2, top), (b1, b2), (0.0, b1)):
        assert f"{de(a, 1, True)} to {de(b, 1, True)} Pp." in p
        assert f"{de(-b, 1, True)} to {de(-a, 1, True)} Pp." in p
    counts = [int(n) for n in re.findall(r" Pp\. \((\d+)\)", p)]
    zero = re.search(r"unchanged \(0,0\) \((\d+)\)", p)
    assert sum(counts) + (int(zero.group(1)) if zero else 0) == len(published)
    assert "withheld (.) (5)" in p
    assert "Kinder unter 6 Jahren: trend per year" in maps["pages_text"][2]


def test_watch_flag_map_counts_the_published_flags(maps, monitored):
    rows = monitored["rows"].values()
    p = " ".join(maps["pages_text"][3].split())
    on = sum(1 for r in rows if not small(r) and r["watch_flag"] == 1)
    off = sum(1 for r in rows if not small(r) and r["watch_flag"] == 0)
    assert f"on the watch list ({on})" in p and f"not on the watch list ({off})" in p
