"""No text runs over other text on any printed page: the Berlin profile atlas
(cover, ranked list, 542 profiles; and a landscape atlas, where the locator is
an inset in the map) and the overview maps (landscape and portrait), and the
monitoring parts (sparklines, early warning, comparison column, watch list,
maps of changes) in landscape, on A3 and in portrait, read back
with ``pdftotext -bbox-layout``. Two word boxes of a page may touch but not
overlap by more than TOLERANCE points in both directions. This catches a scale
bar over map labels, table rows that drift off their stripes into the
footnotes, a label cut at a map's frame under the text beside the map.

The export also starts no DeprecationWarning in the print code."""

from __future__ import annotations

import re
import subprocess
import warnings

import numpy as np
import pytest
from test_print_monitoring import FILTER, monitored  # noqa: F401 (fixture)
from test_profile_atlas import CATALOGUE, berlin  # noqa: F401 (fixture)

TOLERANCE = 0.3  # pt
PRINT_MODULES = re.compile(
    r"sozialplanung_plugin[/\\](adapters[/\\]layouts|processing[/\\](profile_atlas|overview_maps|print_base))"
)
WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)</word>')


def page_words(path: str) -> list[list[tuple]]:
    """Per page the words as (xMin, yMin, xMax, yMax, text) in pt."""
    out = subprocess.run(["pdftotext", "-bbox-layout", path, "-"], capture_output=True, text=True, check=True).stdout
    return [
        [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in WORD.findall(chunk)]
        for chunk in out.split("<page ")[1:]
    ]


def overlapping(words: list[tuple], tolerance: float = TOLERANCE) -> list[tuple]:
    """Pairs of words whose boxes overlap by more than ``tolerance`` in x and in y.
    Every pair is checked: pdftotext puts text drawn over other text into one line."""
    if len(words) < 2:
        return []
    a = np.array([w[:4] for w in words])
    dx = np.minimum(a[:, None, 2], a[None, :, 2]) - np.maximum(a[:, None, 0], a[None, :, 0])
    dy = np.minimum(a[:, None, 3], a[None, :, 3]) - np.maximum(a[:, None, 1], a[None, :, 1])
    i, j = np.nonzero(np.triu((dx > tolerance) & (dy > tolerance), 1))
    return [(words[p], words[q]) for p, q in zip(i, j)]


def report(path: str) -> list[str]:
    """One line per page with overlapping words: the page and the word pairs."""
    lines = []
    for n, words in enumerate(page_words(path), start=1):
        pairs = overlapping(words)
        if pairs:
            shown = ", ".join(
                f"{p[4]!r}@({p[0]:.0f},{p[1]:.0f}) / {q[4]!r}@({q[0]:.0f},{q[1]:.0f})" for p, q in pairs[:4]
            )
            lines.append(f"page {n}: {len(pairs)} overlap(s): {shown}")
    return lines


def run_recording(alg: str, params: dict) -> tuple[dict, list]:
    """processing.run, and the DeprecationWarnings started in the print code."""
    import processing

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DeprecationWarning)
        res = processing.run(alg, params)
    ours = [w for w in caught if issubclass(w.category, DeprecationWarning) and PRINT_MODULES.search(w.filename)]
    return res, [f"{w.filename}:{w.lineno}: {w.message}" for w in ours]


@pytest.fixture(scope="module")
def pdfs(berlin, provider, tmp_path_factory):  # noqa: F811
    folder = tmp_path_factory.mktemp("overlap")
    base = {"INPUT": berlin["layer"], "CATALOGUE": CATALOGUE}
    atlas = {
        **base,
        "NAME_FIELD": "PLR_NAME",
        "KEY_FIELD": "PLR_ID",
        "TITLE": "Berlin 2021",
        "SUBTITLE": "Monitoring Soziale Stadtentwicklung",
        "SOURCE_NOTE": "Amt für Statistik Berlin-Brandenburg",
    }
    runs = {
        "atlas": ("sozialplanung:profileatlas", atlas),
        # landscape: the locator is an inset in the detail map (Mitte, Friedrichshain-Kreuzberg, Spandau)
        "atlas landscape": (
            "sozialplanung:profileatlas",
            {**atlas, "ORIENTATION": "landscape", "FILTER": "\"PLR_ID\" LIKE '01%' OR \"PLR_ID\" LIKE '05%'"},
        ),
        "maps": ("sozialplanung:overviewmaps", {**base, "TITLE": "Berlin 2021"}),
        "maps portrait": (
            "sozialplanung:overviewmaps",
            {**base, "FIELDS": ["burden_class", "u6_val"], "ORIENTATION": "portrait"},
        ),
    }
    out = {}
    for name, (alg, params) in runs.items():
        path = str(folder / (name.replace(" ", "_") + ".pdf"))
        res, deprecated = run_recording(alg, {**params, "OUTPUT_PDF": path})
        out[name] = {"pdf": res["OUTPUT_PDF"], "pages": res["PAGES"], "deprecated": deprecated}
    return out


@pytest.mark.parametrize("name", ["atlas", "atlas landscape", "maps", "maps portrait"])
def test_no_text_overlaps_other_text(pdfs, name):
    doc = pdfs[name]
    pages = page_words(doc["pdf"])
    assert len(pages) == doc["pages"]
    assert all(pages), "a page without text"
    bad = report(doc["pdf"])
    assert not bad, f"{name}: text over text on {len(bad)} of {len(pages)} pages:\n" + "\n".join(bad[:30])


@pytest.fixture(scope="module")
def monitoring_pdfs(monitored, provider, tmp_path_factory):  # noqa: F811
    """The monitoring parts (sparklines, early warning, the district's column,
    the watch list, maps of changes and of the watch flag): portrait,
    landscape and A3 atlas, landscape and portrait maps."""
    folder = tmp_path_factory.mktemp("overlap_monitoring")
    atlas = {
        "INPUT": monitored["layer"],
        "CATALOGUE": CATALOGUE,
        "NAME_FIELD": "PLR_NAME",
        "KEY_FIELD": "PLR_ID",
        "FILTER": FILTER,
        "COMPARE_LABELS": "BEZ=Bezirk",
        "TITLE": "Berlin 2024",
    }
    runs = {
        "monitoring atlas": ("sozialplanung:profileatlas", atlas),
        "monitoring atlas landscape": ("sozialplanung:profileatlas", {**atlas, "ORIENTATION": "landscape"}),
        "monitoring atlas A3": ("sozialplanung:profileatlas", {**atlas, "PAGE_SIZE": "A3"}),
        "monitoring maps": (
            "sozialplanung:overviewmaps",
            {
                "INPUT": monitored["layer"],
                "CATALOGUE": monitored["catalogue"],
                "FIELDS": ["u6_excess_2024", "ue65_chg_2023", "watch_flag"],
            },
        ),
        "monitoring maps portrait": (
            "sozialplanung:overviewmaps",
            {
                "INPUT": monitored["layer"],
                "CATALOGUE": monitored["catalogue"],
                "FIELDS": ["u6_excess_2024", "ue65_slope", "watch_flag"],
                "ORIENTATION": "portrait",
            },
        ),
    }
    out = {}
    for name, (alg, params) in runs.items():
        path = str(folder / (name.replace(" ", "_") + ".pdf"))
        res, deprecated = run_recording(alg, {**params, "OUTPUT_PDF": path})
        out[name] = {"pdf": res["OUTPUT_PDF"], "pages": res["PAGES"], "deprecated": deprecated}
    return out


MONITORING_RUNS = [
    "monitoring atlas",
    "monitoring atlas landscape",
    "monitoring atlas A3",
    "monitoring maps",
    "monitoring maps portrait",
]


@pytest.mark.parametrize("name", MONITORING_RUNS)
def test_no_text_overlaps_in_the_monitoring_parts(monitoring_pdfs, name):
    doc = monitoring_pdfs[name]
    pages = page_words(doc["pdf"])
    assert len(pages) == doc["pages"]
    assert all(pages), "a page without text"
    bad = report(doc["pdf"])
    assert not bad, f"{name}: text over text on {len(bad)} of {len(pages)} pages:\n" + "\n".join(bad[:30])
    assert not doc["deprecated"], "\n".join(sorted(set(doc["deprecated"])))


def test_print_code_starts_no_deprecation_warning(pdfs):
    found = [w for doc in pdfs.values() for w in doc["deprecated"]]
    assert not found, "\n".join(sorted(set(found)))


def test_the_check_sees_overlaps():
    """The check itself: touching boxes pass, text over text fails."""
    a = (10.0, 10.0, 40.0, 18.0, "Krumme")
    touching = (40.1, 10.0, 60.0, 18.0, "Lanke")
    below = (10.0, 17.8, 40.0, 26.0, "next line")
    over = (30.0, 12.0, 45.0, 20.0, "0.8")
    assert overlapping([a, touching, below]) == []
    assert overlapping([a, touching, over]) == [(a, over), (touching, over)]
