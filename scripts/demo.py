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

    from sozialplanung_plugin import example, paths
    from sozialplanung_plugin.standalone import start_qgis

    start_qgis(locale=args.locale)
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    ex = paths.example()
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
    gpkg = os.path.join(out, "berlin_sozialmonitoring.gpkg")

    def layer_of(name: str) -> str:
        return f"{gpkg}|layername={name}"

    def done(step: str, res: dict) -> None:
        if step in ("daten_verknuepft", "daten_erweitert"):
            return
        if step == "daten_geschuetzt":
            log.step(
                f"suppressed (before anything is computed, so nothing can leak through rates or indices): "
                f"{res['PRIMARY']} primary, {res['SECONDARY']} secondary, {res['DERIVED']} derived cells "
                f"withheld, {res['UNPROTECTED']} unprotected"
            )
        elif step == "indikatoren":
            log.step("indicators computed (value, city-wide value, difference, ratio, z-score, percentile, change)")
        elif step == "belastung":
            log.step(
                f"burden rule (2 of 6 core indicators 1 sd above the city): {res['PARTICULARLY_BURDENED']} "
                f"besonders belastet, {res['BURDENED']} belastet, {res['UNREMARKABLE']} unauffällig, "
                f"{res['NOT_ASSESSABLE']} nicht bewertbar"
            )
        else:
            log.step(f"status/dynamics index: {res['CLASSIFIED']} classified, {res['NOT_CLASSIFIED']} not classified")

    # 1.-5. join the tables as delivered, suppress, indicators, burden rule, index
    def joined(tab: str, res: dict) -> None:
        log.step(
            f"joined {tab}: {res['MATCHED']} matched, {res['UNITS_WITHOUT_DATA']} units without data, "
            f"{res['ROWS_WITHOUT_UNIT']} rows without unit"
        )

    # 1b. The population of 2016 and 2018, published on the 447 old Planungsräume,
    #     carried onto the 542 new ones by area (interpolateunits), so that the
    #     population series 2016-2024 runs on one unit system.
    from sozialplanung_plugin import example_2006, example_reform

    def carry(joined_layer: str, output: str) -> dict:
        old = example_2006.units_2006(run, "TEMPORARY_OUTPUT")
        res = example_reform.carry_population(
            run, old, joined_layer, output, os.path.join(out, "reports", "bevoelkerung_2016_2018_auf_plr2021.html")
        )
        est = res["estimates"]["inhabitants_2016"]
        log.step(
            f"population 2016 and 2018 carried from 447 old onto 542 new Planungsräume: district totals within "
            f"{res['max_diff_pct']:.3f} % (limit {example_reform.TOLERANCE_PCT} %); {est['exact']} units exact, "
            f"{est['partly']} partly and {est['mostly']} mostly estimated (<field>_est)"
        )
        if not res["ok"]:
            raise SystemExit("the carried district totals differ from the old ones by more than the limit")
        return res

    example.pipeline(run, gpkg, report_folder=os.path.join(out, "reports"), log=done, join_log=joined, extend=carry)
    catalogue = os.path.join(ex, "katalog_berlin.csv")
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

    # 6b. Kita places against the children under 6, by Planungsraum: count and
    #     catchment (2SFCA), the supply gaps of the particularly burdened units.
    from sozialplanung_plugin import example_supply

    def supply_done(method: str, res: dict) -> None:
        log.step(f"Kita supply ({method}): {res['SUPPLY_GAPS']} burdened units below the city's supply")

    example_supply.kita_supply(run, gpkg, os.path.join(out, "kita_versorgung"), log=supply_done)

    # 7. The series 2013-2019 on the 447 old Planungsräume (LOR 2006-2020):
    #    the units with their key defects repaired, the four MSS editions
    #    joined as <column>_<edition>, the early warning.

    series_out = os.path.join(out, "berlin_2006")
    os.makedirs(os.path.join(series_out, "reports"), exist_ok=True)
    series_gpkg = os.path.join(series_out, "berlin_mss_2013_2019.gpkg")

    def series_done(step: str, res: dict) -> None:
        if step == "planungsraeume_2006":
            log.step(
                "old Planungsräume: 448 features, key 06010102 (Charlottenburg-Wilmersdorf) -> 04030417, "
                "09041402+09041403 -> 09041402 (as the tables)"
            )
        elif step == "mss_reihe":
            log.step(f"MSS 2013, 2015, 2017, 2019 joined: {res['MATCHED']} units matched in 2019")
        elif step == "indikatoren_reihe":
            log.step("indicators of every edition computed")
        elif step == "beobachtung":
            log.step(f"early warning 2013-2019: {res['WATCHED']} units on the watch list")
        else:
            log.step(
                f"status and dynamics index of every edition: {res['CLASSIFIED']} classified in 2019; "
                "class movements in reports/klassenwechsel_2013_2019.html"
            )

    series_reports = os.path.join(series_out, "reports")
    example_2006.series_pipeline(run, series_gpkg, series_reports, log=series_done)

    # 7b. The profile atlas of the series: every unit's shares 2013-2019 beside the
    #     city's, the early warning, the watch-list pages, the classes.
    res = run(
        "sozialplanung:profileatlas",
        {
            "INPUT": f"{series_gpkg}|layername={example_2006.SERIES_TABLES[-1]}",
            "CATALOGUE": example_2006.series_catalogue(),
            "NAME_FIELD": "PLR_NAME",
            "KEY_FIELD": example_2006.KEY,
            "TITLE": "Berlin 2013–2019",
            "SUBTITLE": "Planungsräume (LOR 2006–2020), Monitoring Soziale Stadtentwicklung 2013–2019",
            "SOURCE_NOTE": "SenStadt Berlin, Monitoring Soziale Stadtentwicklung 2013–2019; "
            "Amt für Statistik Berlin-Brandenburg",
            "OUTPUT_PDF": os.path.join(series_out, "sozialraumprofile_berlin_2013_2019.pdf"),
        },
    )
    log.step(f"profile atlas of the series 2013-2019: {res['PAGES']} pages (with the watch list)")

    # 8. Goals and measures: an EXAMPLE register (invented measures in real units)
    #    over the series: the goal status and the comparison with similar areas.
    from sozialplanung_plugin import example_measures

    def measures_done(step: str, res: dict) -> None:
        log.step(f"{step}: written (reports/{step}.html)")

    example_measures.measures_demo(run, series_gpkg, series_reports, log=measures_done)
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
