"""Benchmark: the Berlin profile atlas (542 units) against a plain QGIS atlas.

Both are exported in the same run, alternately, on the same layer: the plain
atlas is a QGIS atlas (QgsLayoutAtlas) with the same page size and the same
two maps only (the atlas-driven detail map and the locator with its
background), no table, chart or text; the profile atlas is the whole document
of sozialplanung:profileatlas (cover, ranked list, one page per unit). Prints
pages per second, the ratio of the export times and kilobytes per page, then
checks the PDF's text with pdftotext (every unit's name and key on its page,
text not outlines, no ligature glyphs).

    PYTHONPATH=build /usr/bin/python3 bench/bench_atlas.py [--reps 2] [--levers]

The layer is output/demo/berlin_sozialmonitoring.gpkg (``make demo``) when it
exists, else the pipeline of the demo is run into output/bench first.
``--levers`` measures, on the first 150 units, what each deliberate choice
is worth: every variant changes one lever back to what a naive layout does.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, ".."))
WORK = os.path.join(ROOT, "output", "bench")
DEMO = os.path.join(ROOT, "output", "demo", "berlin_sozialmonitoring.gpkg")


def start():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from sozialplanung_plugin.standalone import start_qgis

    start_qgis(locale="de_DE")


def example(name: str) -> str:
    import sozialplanung_plugin

    d = os.path.join(os.path.dirname(sozialplanung_plugin.__file__), "resources", "example", "berlin")
    if not os.path.isdir(d):
        d = os.path.join(ROOT, "resources", "example", "berlin")
    return os.path.join(d, name)


def berlin_layer() -> str:
    """The demo's output layer; built with the demo's pipeline when missing."""
    if os.path.exists(DEMO):
        return f"{DEMO}|layername=sozialmonitoring"
    import processing
    from qgis.core import QgsProcessingContext, QgsProject

    os.makedirs(WORK, exist_ok=True)
    gpkg = os.path.join(WORK, "berlin.gpkg")
    if os.path.exists(gpkg):
        os.remove(gpkg)
    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())
    cat = example("katalog_berlin.csv")
    age = ["below_6", "6_15", "15_18", "18_27", "27_45", "45_55", "55_65", "above_65"]
    joins = [
        ("mss_2021_index_indikatoren.csv", "PLR_ID", "EW;S1;S3;S4;D1;D3;D4", ""),
        ("mss_2021_kontext_indikatoren.csv", "PLR_ID", "KI_01;KI_02;KI_03;KI_05;KI_09;KI_10;KI_11", ""),
    ]
    for y in (2023, 2024):
        joins.append((f"population_{y}-02_t1.csv", "id", "inhabitants_with_migration_background", f"_{y}"))
        counts = ["inhabitants", "inhabitants_foreigners"] + [f"inhabitants_age_{a}" for a in age]
        joins.append((f"population_{y}-02_t2.csv", "id", ";".join(counts), f"_{y}"))
    layer = example("planungsraeume_2021.gpkg") + "|layername=planungsraeume_2021"
    for i, (tab, key, fields, suffix) in enumerate(joins):
        out = f"ogr:dbname='{gpkg}' table=\"joined\" (geom)" if i == len(joins) - 1 else "TEMPORARY_OUTPUT"
        params = {"INPUT": layer, "INPUT_KEY": "PLR_ID", "TABLE": example(tab), "TABLE_KEY": key}
        params.update({"FIELDS": fields, "FIELD_SUFFIX": suffix, "OUTPUT": out})
        layer = processing.run("sozialplanung:joinindicators", params, context=ctx)["OUTPUT"]
    steps = [
        (
            "sozialplanung:suppress",
            {"MIN_COUNT": 5, "MIN_POPULATION": 300, "POPULATION_FIELD": "EW", "GROUP_FIELD": "BEZ", "SIGN": "."},
            "joined",
            "protected",
        ),
        ("sozialplanung:computeindicators", {}, "protected", "indicators"),
        ("sozialplanung:classifyburden", {"MEASURE": "zscore", "THRESHOLD": 1, "MIN_FLAGS": 2}, "indicators", "burden"),
        (
            "sozialplanung:compositeindex",
            {"METHOD": "zscore_sum", "POPULATION_FIELD": "EW", "MIN_POPULATION": 300},
            "burden",
            "sozialmonitoring",
        ),
    ]
    for alg, params, src, dst in steps:
        params = dict(params, INPUT=f"{gpkg}|layername={src}", CATALOGUE=cat, KEY_FIELD="PLR_ID")
        params["OUTPUT"] = f"ogr:dbname='{gpkg}' table=\"{dst}\" (geom)"
        processing.run(alg, params, context=ctx)
    return f"{gpkg}|layername=sozialmonitoring"


def prepare(uri: str, limit: int | None = None, **kw):
    """What sozialplanung:profileatlas does before the export, timed."""
    from qgis.core import QgsFeatureRequest, QgsVectorLayer

    from sozialplanung_plugin.adapters import layouts as ly
    from sozialplanung_plugin.adapters.layers import source_frame
    from sozialplanung_plugin.core import profiles as cp
    from sozialplanung_plugin.core.catalogue import read_catalogue

    t0 = time.perf_counter()
    layer = QgsVectorLayer(uri, "units", "ogr")
    cat = read_catalogue(example("katalog_berlin.csv"))
    frame = source_frame(layer, cp.needed_fields(layer.fields().names(), cat, "PLR_ID", "PLR_NAME", "EW"))
    geoms = {f.id(): f.geometry() for f in layer.getFeatures(QgsFeatureRequest().setNoAttributes())}
    include = None
    if limit:
        keys = sorted(frame["PLR_ID"])[:limit]
        include = frame["PLR_ID"].isin(keys).to_numpy()
    book = cp.build(
        frame,
        cat,
        key_field="PLR_ID",
        name_field="PLR_NAME",
        include=include,
        lang="de",
        title="Berlin 2021",
        subtitle="Monitoring Soziale Stadtentwicklung",
        source_note="Amt für Statistik Berlin-Brandenburg; SenStadt Berlin, MSS 2021",
    )
    doc = ly.make_document(book, ly.Page(), geoms, layer.crs(), layer.wkbType(), **kw)
    return doc, time.perf_counter() - t0


def export_profiles(doc, path: str, settings=None, iterator=None) -> float:
    from sozialplanung_plugin.adapters import layouts as ly

    t = time.perf_counter()
    ly.export_pdf(iterator or doc.iterator(), path, settings=settings)
    return time.perf_counter() - t


def export_plain(doc, path: str) -> tuple[float, int]:
    from qgis.core import QgsLayoutExporter

    from sozialplanung_plugin.adapters import layouts as ly

    layout = ly.plain_atlas(doc.project, doc.design, doc.layers)
    t = time.perf_counter()
    result, error = QgsLayoutExporter.exportToPdf(layout.atlas(), path, ly.pdf_settings())
    dt = time.perf_counter() - t
    if result != QgsLayoutExporter.ExportResult.Success:
        raise RuntimeError(f"plain atlas: export failed ({result}) {error}")
    return dt, layout.atlas().count()


def pdf_text_pages(path: str) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def check_text(doc, path: str) -> dict:
    """Every unit's name and key on its own page, as real text."""
    pages = pdf_text_pages(path)
    missing = []
    for u in doc.book.pages:
        text = " ".join(pages[u.page - 1].split())
        if u.name not in text or u.key not in text:
            missing.append(u.key)
    fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True).stdout
    return {
        "pages_read": len(pages),
        "units_found": len(doc.book.pages) - len(missing),
        "units_missing": missing[:10],
        "ligatures": sum(p.count("\ufb00") + p.count("\ufb01") + p.count("\ufb02") for p in pages),
        "type3_fonts": fonts.count("Type 3"),
        "chars": sum(len(p) for p in pages),
    }


def main_run(args) -> dict:
    uri = berlin_layer()
    doc, t_prep = prepare(uri)
    os.makedirs(WORK, exist_ok=True)
    full_pdf = os.path.join(WORK, "atlas.pdf")
    plain_pdf = os.path.join(WORK, "plain_atlas.pdf")
    full, plain = [], []
    for rep in range(args.reps):
        dt, n_plain = export_plain(doc, plain_pdf)
        plain.append(dt)
        full.append(export_profiles(doc, full_pdf))
        print(f"  rep {rep + 1}: plain {plain[-1]:.1f} s, profile atlas {full[-1]:.1f} s", flush=True)
    pages = doc.book.total_pages
    f, p = min(full), min(plain)
    res = {
        "units": len(doc.book.pages),
        "pages": pages,
        "prepare_s": round(t_prep, 2),
        "profile_atlas_s": round(f, 2),
        "profile_atlas_pages_per_s": round(pages / f, 1),
        "profile_atlas_kb_per_page": round(os.path.getsize(full_pdf) / 1024 / pages, 1),
        "plain_atlas_pages": n_plain,
        "plain_atlas_s": round(p, 2),
        "plain_atlas_pages_per_s": round(n_plain / p, 1),
        "plain_atlas_kb_per_page": round(os.path.getsize(plain_pdf) / 1024 / n_plain, 1),
        "ratio": round(f / p, 2),
        "ratio_per_page": round((f / pages) / (p / n_plain), 2),
        "end_to_end_pages_per_s": round(pages / (f + t_prep), 1),
        "text": check_text(doc, full_pdf),
    }
    return res


LEVERS = [
    ("recipe", "the profile atlas as it is"),
    ("outlines", "text as glyph outlines (QGIS 3.22's default textRenderFormat)"),
    ("qgis_atlas", "QGIS's own atlas iterator (refreshes every item per page) instead of the profile iterator"),
    ("context_per_item", "expression contexts built for every item drawn (no once-per-page cache)"),
    ("locator_vector", "locator draws every unit as vectors on every page (no pre-rendered picture)"),
    ("labels_horizontal", "map labels placed 'Horizontal' (many candidates) instead of 'OverPoint'"),
    ("labels_halo", "map labels with a white halo (drawn as outlines)"),
    ("full_geometry", "geometries not simplified in advance"),
]


def lever_run(args) -> list[dict]:
    from qgis.core import (
        Qgis,
        QgsFillSymbol,
        QgsLayoutExporter,
        QgsPalLayerSettings,
        QgsSingleSymbolRenderer,
        QgsVectorLayerSimpleLabeling,
    )

    from sozialplanung_plugin import compat
    from sozialplanung_plugin.adapters import layouts as ly

    uri = berlin_layer()
    out = []
    for name, what in LEVERS:
        kw = {"detail_tolerance": 0.0} if name == "full_geometry" else {}
        doc, _ = prepare(uri, limit=args.lever_units, **kw)
        settings = ly.pdf_settings()
        iterator = None
        if name == "outlines":
            settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysOutlines
        elif name == "qgis_atlas":
            iterator = doc.atlas.atlas()
        elif name == "locator_vector":
            bg = doc.layers.units.clone()
            bg.setRenderer(
                QgsSingleSymbolRenderer(QgsFillSymbol.createSimple({"color": "#e0e0e0", "outline_color": "#ffffff"}))
            )
            bg.setLabelsEnabled(False)
            doc.project.addMapLayer(bg)
            loc = doc.atlas.itemById("pa_locator_map")
            loc.setLayers([doc.layers.city, bg])
            doc.atlas.removeLayoutItem(doc.atlas.itemById("pa_locator_background"))
        elif name in ("labels_horizontal", "labels_halo"):
            pal = QgsPalLayerSettings(doc.layers.units.labeling().settings())
            if name == "labels_horizontal":
                pal.placement = compat.LABEL_HORIZONTAL
            else:
                pal.setFormat(ly.text_format(5.8, "#525252", buffer=0.5))
            doc.layers.units.setLabeling(QgsVectorLayerSimpleLabeling(pal))
        path = os.path.join(WORK, f"lever_{name}.pdf")
        times = []
        for _ in range(args.reps):
            if iterator is not None:
                t = time.perf_counter()
                QgsLayoutExporter.exportToPdf(iterator, path, settings)
                times.append(time.perf_counter() - t)
                pages = doc.atlas.atlas().count()
            else:
                units_only = ly.ProfileIterator([], doc.atlas, ly.atlas_features(doc.layers), doc.design)
                if name == "context_per_item":
                    units_only.cached = []  # the layout and maps build their context as QGIS does
                times.append(export_profiles(doc, path, settings, units_only))
                pages = units_only.count()
        best = min(times)
        rec = {
            "lever": name,
            "what": what,
            "pages": pages,
            "s": round(best, 2),
            "pages_per_s": round(pages / best, 1),
            "kb_per_page": round(os.path.getsize(path) / 1024 / pages, 1),
        }
        print(json.dumps(rec, ensure_ascii=False), flush=True)
        out.append(rec)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=2, help="exports of each kind; the best counts")
    ap.add_argument("--levers", action="store_true", help="also measure each lever alone")
    ap.add_argument("--lever-units", type=int, default=150)
    args = ap.parse_args()
    start()
    print(f"CPU: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}", flush=True)
    res = main_run(args)
    t = res["text"]
    print()
    print(f"Berlin profile atlas: {res['units']} units, {res['pages']} pages (cover, ranked list, profiles)")
    print(
        f"  profile atlas : {res['profile_atlas_s']:6.1f} s  {res['profile_atlas_pages_per_s']:6.1f} pages/s  "
        f"{res['profile_atlas_kb_per_page']:5.1f} KB/page"
    )
    print(
        f"  plain atlas   : {res['plain_atlas_s']:6.1f} s  {res['plain_atlas_pages_per_s']:6.1f} pages/s  "
        f"{res['plain_atlas_kb_per_page']:5.1f} KB/page  ({res['plain_atlas_pages']} pages: 2 maps only)"
    )
    print(
        f"  ratio (export time, profile atlas / plain atlas): {res['ratio']:.2f}  "
        f"(per page: {res['ratio_per_page']:.2f})"
    )
    print(
        f"  preparing (read layer, profiles, layers, layouts): {res['prepare_s']:.1f} s; "
        f"end to end {res['end_to_end_pages_per_s']:.1f} pages/s"
    )
    print(
        f"  pdftotext: {t['pages_read']} pages read, {t['units_found']}/{res['units']} units with name and key on "
        f"their page, {t['ligatures']} ligature glyphs, {t['type3_fonts']} Type 3 fonts"
    )
    targets = {
        ">= 30 pages/s": res["profile_atlas_pages_per_s"] >= 30,
        "<= 2x the plain atlas": res["ratio"] <= 2.0,
        "<= 30 KB/page": res["profile_atlas_kb_per_page"] <= 30,
        "text readable": t["units_found"] == res["units"] and t["ligatures"] == 0,
    }
    print("  targets: " + ", ".join(f"{k} {'met' if v else 'NOT met'}" for k, v in targets.items()))
    print(json.dumps(res, ensure_ascii=False))
    if args.levers:
        print("\nLevers, one at a time, on the first", args.lever_units, "units (profile pages only):")
        lever_run(args)
    return 0 if all(targets.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
