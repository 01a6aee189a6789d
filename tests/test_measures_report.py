"""sozialplanung:measuresreport on the demo's EXAMPLE register over the MSS
series 2013-2019 (example_2006.series_pipeline): one cover page, one page per
measure, a method page; every measure's goal status and comparison in the
text; no text runs over other text (pdftotext -bbox-layout, as
test_print_overlap); and the charts' geometry in the core."""

from __future__ import annotations

import csv
import math
import os
import subprocess

import pytest
from test_print_overlap import page_words, report

from sozialplanung_plugin import example_2006, example_measures
from sozialplanung_plugin.core import measures_charts as mc
from sozialplanung_plugin.core.measures_book import GoalChart

STATUSES = ("erreicht", "auf Kurs", "nicht auf Kurs", "keine Daten")


def register_rows() -> list[dict]:
    with open(example_measures.register(), encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter=";"))


@pytest.fixture(scope="module")
def printed(provider, tmp_path_factory):
    import processing
    from qgis.core import QgsProcessingContext, QgsProject

    folder = tmp_path_factory.mktemp("measures_report")
    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())

    def run(alg, params):
        return processing.run(alg, params, context=ctx)

    gpkg = str(folder / "reihe.gpkg")
    example_2006.series_pipeline(run, gpkg)
    goals = example_measures.measures_demo(run, gpkg)
    pdf = str(folder / "massnahmen.pdf")
    res = run(
        "sozialplanung:measuresreport",
        {
            "UNITS": f"{gpkg}|layername={example_2006.SERIES_TABLES[-1]}",
            "CATALOGUE": example_2006.series_catalogue(),
            "MEASURES": example_measures.register(),
            "KEY_FIELD": example_measures.KEY,
            "DRAWS": example_measures.DRAWS,
            "SEED": example_measures.SEED,
            "TITLE": "Berlin: Maßnahmen (Beispiel)",
            "SOURCE_NOTE": "Amt für Statistik Berlin-Brandenburg; MSS 2013–2019",
            "OUTPUT_PDF": pdf,
        },
    )
    keep = os.environ.get("MREPORT_KEEP")  # a folder to keep the PDF in (to look at it)
    if keep:
        os.makedirs(keep, exist_ok=True)
        import shutil

        shutil.copy(pdf, os.path.join(keep, "massnahmen.pdf"))
    return pdf, res, gpkg, goals


def page_texts(pdf: str) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]


def test_pages(printed):
    pdf, res, _, _ = printed
    measures = register_rows()
    assert res["PAGES"] == 1 + len(measures) + 1
    assert len(page_texts(pdf)) == res["PAGES"]


def test_cover_lists_every_measure_with_its_status(printed):
    pdf, _, gpkg, _ = printed
    from qgis.core import QgsVectorLayer

    cover = page_texts(pdf)[0]
    for r in register_rows():
        assert r["Kennung"] in cover
    # the latest status of every goal, as measuregoals wrote it, is counted on the cover
    layer = QgsVectorLayer(f"{gpkg}|layername={example_measures.MEASURE_TABLES[0]}", "g", "ogr")
    latest = [f["status"] for f in layer.getFeatures() if f["latest"] == 1]
    for s in STATUSES:
        assert f"{s}: {sum(1 for x in latest if x == s)}" in " ".join(cover.split())


def test_measure_pages_say_status_and_comparison(printed):
    pdf, _, _, _ = printed
    pages = page_texts(pdf)
    for k, r in enumerate(register_rows(), start=1):
        text = " ".join(pages[k].split())
        assert r["Kennung"] in text
        assert any(s in text for s in STATUSES)
        assert "Maßnahmengebiet" in text  # the assessment of the comparison (German data text)
        for key in r["Raumeinheiten"].split(";"):
            assert key.strip() in text, (r["Kennung"], key)
        assert "invented" in text or "erfunden" in text  # the example footnote
    method = " ".join(pages[-1].split())
    assert str(example_measures.DRAWS) in method or f"{example_measures.DRAWS:,}".replace(",", ".") in method


def test_numbers_are_those_of_measureeffects(printed):
    """The differences and chance intervals on the pages are the ones
    measureeffects wrote for the same inputs (same DRAWS and SEED)."""
    from qgis.core import QgsVectorLayer

    from sozialplanung_plugin import translation
    from sozialplanung_plugin.core.numbers import number

    pdf, _, gpkg, _ = printed
    lang = translation.language()
    goal_indicators = {
        r["Kennung"]: {r[k] for k in r if k.startswith("ziel") and k.endswith("_indikator") and r[k]}
        for r in register_rows()
    }
    pages = [" ".join(p.split()) for p in page_texts(pdf)]
    layer = QgsVectorLayer(f"{gpkg}|layername={example_measures.MEASURE_TABLES[1]}", "e", "ogr")
    checked = 0
    for f in layer.getFeatures():
        if f["indicator"] not in goal_indicators[f["measure_id"]] or f["did"] is None or str(f["did"]) == "NULL":
            continue
        page = next(p for p in pages[1:-1] if f["measure_id"] in p.split()[:12])
        for name in ("did", "interval_low", "interval_high"):
            text = number(float(f[name]), 2, True, lang=lang, zero_unsigned=True)
            assert text in page, (f["measure_id"], f["indicator"], name, text)
        checked += 1
    assert checked >= len(goal_indicators)


def test_no_text_overlaps(printed):
    pdf, _, _, _ = printed
    assert all(page_words(pdf))
    assert report(pdf) == []


def test_chart_geometry():
    c = GoalChart(
        indicator="S1",
        label="x",
        unit="%",
        decimals=2,
        polarity=1,
        years=[2013, 2015, 2017, 2019],
        area=[15.0, math.nan, 11.0, 9.0],
        city=[8.0, 7.0, 6.0, 5.0],
        comparison=[],
        path_years=[2013, 2020],
        path=[15.0, 8.0],
        goal_value=8.0,
        goal_year=2020,
        status="auf Kurs",
        y_min=4.0,
        y_max=16.0,
        goal_text="",
        status_text="",
        comparison_text="",
    )
    d = mc.drawing(c, 80.0, 40.0)
    assert [y for y, _ in d.x_ticks] == [2013, 2015, 2017, 2019, 2020]
    xs = [x for _, x in d.x_ticks]
    assert xs[0] == pytest.approx(2.0) and xs[-1] == pytest.approx(78.0)
    values = [v for v, _ in d.y_ticks]
    assert values[0] <= 4.0 and values[-1] >= 16.0
    assert d.y_ticks[0][1] == pytest.approx(40.0) and d.y_ticks[-1][1] == pytest.approx(0.0)
    assert d.svg.count("<polyline") == 3  # city, path, the area from 2017 (2013 alone: a dot; 2015 missing)
    assert "polygon" in d.svg  # the goal marker
    assert mc.y_ticks(0.3, 0.9) == [0.2, 0.4, 0.6, 0.8, 1.0]
