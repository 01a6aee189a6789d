"""The demo's supply piece: Berlin's Kitas with their places against the children
under 6, by Planungsraum, with both methods, and the supply gaps of the burdened
units (see resources/example/berlin_facilities/SOURCE.md for the data and its credit).

Kitaliste 2023-12 (the last snapshot before the population of 2024-02) against
``inhabitants_age_below_6_2024`` of the example join; burden from the pipeline's
table "belastung" (sozialplanung:classifyburden)."""

from __future__ import annotations

import os

from sozialplanung_plugin import paths

YEAR = 2024
KITAS = "kitas_berlin_2023-12.geojson"
TARGET = f"inhabitants_age_below_6_{YEAR}"
DISTANCE = 1000.0
LABEL = "Kita-Plätze je 1.000 Kinder unter 6"
CREDIT = "Kitas: Senatsverwaltung für Bildung, Jugend und Familie Berlin; Open Data Product / Open Lifeworlds"
#: output table per method
TABLES = {"count": "kita_versorgung", "catchment": "kita_einzugsbereich"}


def kitas() -> str:
    """The bundled Kita points (EPSG:4326, fields kita_id, name, places ...)."""
    return paths.resource("example", "berlin_facilities", KITAS)


def kita_supply(run, pipeline_gpkg: str, output_folder: str, log=None) -> dict:
    """Run sozialplanung:facilitysupply twice (count, catchment within DISTANCE) on the
    pipeline's protected units, with the burden of its table "belastung"; outputs into
    ``output_folder``/kita_versorgung.gpkg (tables kita_versorgung, kita_einzugsbereich and
    the Kita points "kitas")
    and one HTML report per method. Returns {method: result of the algorithm}."""
    os.makedirs(output_folder, exist_ok=True)
    gpkg = os.path.join(output_folder, "kita_versorgung.gpkg")
    results = {}
    for method, table in TABLES.items():
        params = {
            "UNITS": f"{pipeline_gpkg}|layername=daten_geschuetzt",  # after data protection
            "KEY_FIELD": "PLR_ID",
            "NAME_FIELD": "PLR_NAME",
            "FACILITIES": kitas(),
            "ID_FIELD": "kita_id",
            "CATEGORY_FIELD": "category",
            "CAPACITY_FIELD": "places",
            "DEMAND": f"kita={TARGET}",
            "LABELS": f"kita={LABEL}",
            "CATEGORY_NAMES": "kita=Kitas",
            "METHOD": method,
            "DISTANCE": DISTANCE,
            "BURDEN": f"{pipeline_gpkg}|layername=belastung",
            "OUTPUT": f"ogr:dbname='{gpkg}' table=\"{table}\" (geom)",
            "REPORT": os.path.join(output_folder, f"{table}.html"),
        }
        if method == "count":  # the Kitas as points with their Planungsraum, for maps and print
            params["FACILITIES_OUTPUT"] = f"ogr:dbname='{gpkg}' table=\"kitas\" (geom)"
        results[method] = run("sozialplanung:facilitysupply", params)
        if log is not None:
            log(method, results[method])
    return results
