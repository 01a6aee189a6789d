"""The main job on the bundled Berlin data (542 Planungsräume), as `make demo` runs it.

Every step is a Processing algorithm of the provider, called as a user or a
model would call it. Outputs go to --out (default output/demo).

    PYTHONPATH=build /usr/bin/python3 scripts/demo.py --out output/demo
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def example_dir() -> str:
    import sozialplanung_plugin

    d = os.path.join(os.path.dirname(sozialplanung_plugin.__file__), "resources", "example", "berlin")
    if os.path.isdir(d):
        return d
    return os.path.join(HERE, "..", "resources", "example", "berlin")


class Log:
    def __init__(self):
        self.t0 = time.perf_counter()

    def step(self, text: str) -> None:
        print(f"[{time.perf_counter() - self.t0:6.1f} s] {text}", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="output/demo")
    ap.add_argument("--locale", default="de_DE", help="language of legends and print texts (de_DE or en_US)")
    args = ap.parse_args()
    out = os.path.abspath(args.out)
    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "reports"), exist_ok=True)

    from sozialplanung_plugin.standalone import start_qgis

    start_qgis(locale=args.locale)
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    ex = example_dir()
    log = Log()
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())

    class Feedback(QgsProcessingFeedback):
        def reportError(self, error, fatalError=False):  # noqa: N802
            print(f"    ! {error}", flush=True)

        def pushWarning(self, warning):  # noqa: N802
            print(f"    ! {warning}", flush=True)

    feedback = Feedback()

    def run(alg: str, params: dict) -> dict:
        return processing.run(alg, params, context=context, feedback=feedback)

    # 1. Join the tables as delivered to the 542 units ------------------------
    units = os.path.join(ex, "planungsraeume_2021.gpkg") + "|layername=planungsraeume_2021"
    joins = [
        ("mss_2021_index_indikatoren.csv", "PLR_ID", "EW;S1;S3;S4;D1;D3;D4;KOM", ""),
        ("mss_2021_kontext_indikatoren.csv", "PLR_ID", "KI_01;KI_02;KI_03;KI_05;KI_09;KI_10;KI_11", ""),
    ]
    for year in (2021, 2022, 2023, 2024):
        joins.append((f"population_{year}-02_t1.csv", "id", "inhabitants_with_migration_background", f"_{year}"))
        joins.append(
            (
                f"population_{year}-02_t2.csv",
                "id",
                "inhabitants;inhabitants_age_below_6;inhabitants_age_6_15;inhabitants_age_15_18;"
                "inhabitants_age_18_27;inhabitants_age_27_45;inhabitants_age_45_55;inhabitants_age_55_65;"
                "inhabitants_age_above_65;inhabitants_foreigners",
                f"_{year}",
            )
        )
    gpkg = os.path.join(out, "berlin_sozialmonitoring.gpkg")

    def table(name: str) -> str:
        return f"ogr:dbname='{gpkg}' table=\"{name}\" (geom)"

    def layer_of(name: str) -> str:
        return f"{gpkg}|layername={name}"

    layer = units
    for i, (tab, key, fields, suffix) in enumerate(joins):
        last = i == len(joins) - 1
        res = run(
            "sozialplanung:joinindicators",
            {
                "INPUT": layer,
                "INPUT_KEY": "PLR_ID",
                "TABLE": os.path.join(ex, tab),
                "TABLE_KEY": key,
                "FIELDS": fields,
                "FIELD_SUFFIX": suffix,
                "OUTPUT": table("daten_verknuepft") if last else "TEMPORARY_OUTPUT",
                "REPORT": os.path.join(out, "reports", f"join_{os.path.splitext(tab)[0]}.html"),
            },
        )
        log.step(
            f"joined {tab}: {res['MATCHED']} matched, {res['UNITS_WITHOUT_DATA']} units without data, "
            f"{res['ROWS_WITHOUT_UNIT']} rows without unit"
        )
        layer = res["OUTPUT"]

    catalogue = os.path.join(ex, "katalog_berlin.csv")
    # 2. Data protection first: everything computed afterwards (rates, z-scores,
    #    indices) is built on published values only, so nothing can leak through it.
    res = run(
        "sozialplanung:suppress",
        {
            "INPUT": layer_of("daten_verknuepft"),
            "CATALOGUE": catalogue,
            "MIN_COUNT": 5,
            "MIN_POPULATION": 300,
            "POPULATION_FIELD": "EW",
            "GROUP_FIELD": "BEZ",
            "SIGN": ".",
            "KEY_FIELD": "PLR_ID",
            "OUTPUT": table("daten_geschuetzt"),
        },
    )
    log.step(
        f"suppressed: {res['PRIMARY']} primary, {res['SECONDARY']} secondary, {res['DERIVED']} derived cells "
        f"withheld, {res['UNPROTECTED']} unprotected"
    )
    # 3. Indicators and the city-wide comparison.
    run(
        "sozialplanung:computeindicators",
        {
            "INPUT": layer_of("daten_geschuetzt"),
            "CATALOGUE": catalogue,
            "KEY_FIELD": "PLR_ID",
            "OUTPUT": table("indikatoren"),
        },
    )
    log.step("indicators computed (value, city-wide value, difference, ratio, z-score, percentile, change)")
    # 4. The burden rule: at least 2 of the 6 core indicators 1 sd or more above the city.
    res = run(
        "sozialplanung:classifyburden",
        {
            "INPUT": layer_of("indikatoren"),
            "CATALOGUE": catalogue,
            "MEASURE": "zscore",
            "THRESHOLD": 1,
            "MIN_FLAGS": 2,
            "KEY_FIELD": "PLR_ID",
            "OUTPUT": table("belastung"),
        },
    )
    log.step(
        f"burden rule: {res['PARTICULARLY_BURDENED']} besonders belastet, {res['BURDENED']} belastet, "
        f"{res['UNREMARKABLE']} unauffällig, {res['NOT_ASSESSABLE']} nicht bewertbar"
    )
    # 5. Status and dynamics index (Berlin's MSS method).
    res = run(
        "sozialplanung:compositeindex",
        {
            "INPUT": layer_of("belastung"),
            "CATALOGUE": catalogue,
            "METHOD": "zscore_sum",
            "CLASSES": "method",
            "POPULATION_FIELD": "EW",
            "MIN_POPULATION": 300,
            "KEY_FIELD": "PLR_ID",
            "OUTPUT": table("sozialmonitoring"),
        },
    )
    log.step(f"status/dynamics index: {res['CLASSIFIED']} classified, {res['NOT_CLASSIFIED']} not classified")
    # 6. For ward meetings and committees: the district profile atlas (cover with the
    #    overview map, ranked list, one page per Planungsraum) and the overview maps.
    source_note = "Amt für Statistik Berlin-Brandenburg; SenStadt Berlin, Monitoring Soziale Stadtentwicklung 2021"
    res = run(
        "sozialplanung:profileatlas",
        {
            "INPUT": layer_of("sozialmonitoring"),
            "CATALOGUE": catalogue,
            "NAME_FIELD": "PLR_NAME",
            "KEY_FIELD": "PLR_ID",
            "TITLE": "Berlin 2021",
            "SUBTITLE": "Planungsräume, Monitoring Soziale Stadtentwicklung und Einwohnerregister",
            "SOURCE_NOTE": source_note,
            "OUTPUT_PDF": os.path.join(out, "sozialraumprofile_berlin.pdf"),
            "OUTPUT_HTML": os.path.join(out, "sozialraumprofile_berlin.html"),
            "OUTPUT_PROJECT": os.path.join(out, "sozialraumprofile_berlin.qgz"),
        },
    )
    log.step(f"profile atlas: {res['PAGES']} pages ({res['PROFILES']} profiles), with HTML and layout project")
    res = run(
        "sozialplanung:overviewmaps",
        {
            "INPUT": layer_of("sozialmonitoring"),
            "CATALOGUE": catalogue,
            "TITLE": "Berlin 2021",
            "SOURCE_NOTE": source_note,
            "OUTPUT_PDF": os.path.join(out, "uebersichtskarten_berlin.pdf"),
        },
    )
    log.step(f"overview maps: {res['PAGES']} pages")
    # Close every layer, so that the GeoPackage is checkpointed (no -wal/-shm files left).
    context.temporaryLayerStore().removeAllMapLayers()
    QgsProject.instance().removeAllMapLayers()
    import gc

    gc.collect()
    print(f"\nDemo outputs in {out}:")
    for root, _dirs, files in os.walk(out):
        for f in sorted(files):
            p = os.path.join(root, f)
            print(f"  {os.path.relpath(p, os.getcwd())}  ({os.path.getsize(p) / 1024:.0f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
