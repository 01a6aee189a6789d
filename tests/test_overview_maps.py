"""sozialplanung:overviewmaps on the Berlin pipeline: one page per field, the
legend of published values only, the furniture of a print map."""

from __future__ import annotations

import re

import pytest
from conftest import layer_rows
from qgis.core import QgsProcessingException
from test_profile_atlas import CATALOGUE, berlin, de, pdf_page_count, pdf_pages  # noqa: F401 (fixture)


@pytest.fixture(scope="module")
def maps(berlin, provider, tmp_path_factory):  # noqa: F811
    import processing

    out = tmp_path_factory.mktemp("maps") / "maps.pdf"
    res = processing.run(
        "sozialplanung:overviewmaps",
        {
            "INPUT": berlin["layer"],
            "CATALOGUE": CATALOGUE,
            "FIELDS": ["burden_class", "status_class", "S1_val", "u6_val", "KI_10_diff"],
            "TITLE": "Berlin 2021",
            "SOURCE_NOTE": "Amt für Statistik Berlin-Brandenburg",
            "OUTPUT_PDF": str(out),
        },
    )
    res["pages_text"] = pdf_pages(res["OUTPUT_PDF"])
    res["rows"] = layer_rows(berlin["layer"], "PLR_ID")
    return res


def test_one_page_per_field_with_title_legend_and_furniture(maps):
    pages = maps["pages_text"]
    assert len(pages) == pdf_page_count(maps["OUTPUT_PDF"]) == maps["PAGES"] == 5
    titles = ["Burden class", "Status index", "Arbeitslosigkeit", "Kinder unter 6 Jahren", "Wohndauer über 5 Jahre"]
    for i, (page, title) in enumerate(zip(pages, titles), start=1):
        p = " ".join(page.split())
        assert "OVERVIEW MAP" in p and "Berlin 2021" in p and title in p
        assert f"Page {i} of 5" in p and "Amt für Statistik Berlin-Brandenburg" in p
        assert "542 units" in p
        assert "km" in p  # scale bar
        assert "Data protection" in p and "Counts below 5 are withheld (.)" in p
    assert "Wohndauer über 5 Jahre: difference to the city-wide value" in pages[4]


def test_class_legends_count_every_unit(maps):
    rows = maps["rows"]
    p = maps["pages_text"][0]
    counts = {
        k: int(v) for k, v in re.findall(r"(particularly burdened|burdened|unremarkable|not assessable) \((\d+)\)", p)
    }
    expected = {}
    for r in rows.values():
        label = {
            "besonders belastet": "particularly burdened",
            "belastet": "burdened",
            "unauffällig": "unremarkable",
            "nicht bewertbar": "not assessable",
        }.get(r["burden_class"])
        if label:
            expected[label] = expected.get(label, 0) + 1
    assert counts == expected
    assert sum(counts.values()) == 542


def test_value_classes_rest_on_published_values_only(maps):
    """The quantile classes of u6 (children under 6) are those of the published
    values: units below MIN_POPULATION are withheld (cross-hatched), so their
    values are not among the class bounds."""
    rows = maps["rows"]
    p = maps["pages_text"][3]
    assert re.search(r"withheld \(\.\) \(\d+\)", p)
    small = [r["u6_val"] for r in rows.values() if r.get("EW") is not None and r["EW"] < 300 and r.get("u6_val")]
    published = [r["u6_val"] for r in rows.values() if r.get("u6_val") is not None and (r.get("EW") or 0) >= 300]
    bounds = re.findall(r"(\d+,\d) to (\d+,\d) % \((\d+)\)", p)
    assert len(bounds) == 5
    assert sum(int(b[2]) for b in bounds) == len(published)
    top = float(bounds[-1][1].replace(",", "."))
    assert top == pytest.approx(max(published), abs=0.05)
    for v in small:
        if v > max(published):
            assert de(v, 1) not in p


def test_default_fields_and_errors(run, berlin, tmp_path):  # noqa: F811
    res = run(
        "sozialplanung:overviewmaps",
        {"INPUT": berlin["layer"], "CATALOGUE": CATALOGUE, "OUTPUT_PDF": str(tmp_path / "default.pdf")},
    )
    # burden, status and dynamics classes, then the 6 core indicators
    assert res["PAGES"] == 3 + 6 == pdf_page_count(res["OUTPUT_PDF"])
    with pytest.raises(QgsProcessingException, match="too many classes"):
        run(
            "sozialplanung:overviewmaps",
            {
                "INPUT": berlin["layer"],
                "CATALOGUE": CATALOGUE,
                "FIELDS": ["PLR_NAME"],
                "OUTPUT_PDF": str(tmp_path / "x.pdf"),
            },
        )
    assert not (tmp_path / "x.pdf").exists()


def test_german_map_page(run, berlin, tmp_path, monkeypatch):  # noqa: F811
    from sozialplanung_plugin import translation

    monkeypatch.setattr(translation, "qgis_locale", lambda: "de_DE")
    res = run(
        "sozialplanung:overviewmaps",
        {
            "INPUT": berlin["layer"],
            "CATALOGUE": CATALOGUE,
            "FIELDS": ["S3_val"],
            "PAGE_SIZE": "A3",
            "ORIENTATION": "portrait",
            "OUTPUT_PDF": str(tmp_path / "de.pdf"),
        },
    )
    p = pdf_pages(res["OUTPUT_PDF"])[0]
    assert "ÜBERSICHTSKARTE" in p and "Transferbezug (SGB II/XII)" in p and "Seite 1 von 1" in p
    assert "Datenschutz" in p and "Klassen: Quantile" in p and " bis " in p
