"""The measures of the demo: an EXAMPLE register (not real measures) for
Berlin's old Planungsräume, checked against the MSS series 2013–2019 that
``example_2006.series_pipeline`` writes.

``resources/example/berlin_2006/massnahmen_beispiel.csv`` invents six
measures in real, well-known Planungsräume (every title starts with
"BEISPIEL (keine echte Maßnahme)"); their goals are made up to show every
case: a goal reached, on course, not on course, a measure that started
before the first year of data (2010), a goal on S2 (which ends with 2017)
and a measure whose units include one without published values
(01011102 Großer Tiergarten, sign ".").
"""

from __future__ import annotations

import os

from sozialplanung_plugin import example_2006

KEY = example_2006.KEY
#: the tables the demo adds to the series GeoPackage, in the order they are written
MEASURE_TABLES = ("massnahmen_ziele", "massnahmen_vergleich")
DRAWS = 999
SEED = 2024


def register() -> str:
    """The example register (CSV, German conventions)."""
    return example_2006.path("massnahmen_beispiel.csv")


def measures_demo(run, gpkg: str, folder: str | None = None, log=None) -> dict:
    """Run the goal status and the comparison with similar areas over the
    series in ``gpkg`` (written by ``example_2006.series_pipeline``, whose last
    table holds the status classes of every edition: the comparison units are
    those in the same status class in the base year): measuregoals and
    measureeffects. Reports go to ``folder``. Returns
    {table: result}; ``log(step, result)`` is called after each step."""
    goals_table, effects_table = MEASURE_TABLES
    index_table = example_2006.SERIES_TABLES[-1]  # the status classes of every edition

    def table(name: str) -> str:
        return f"ogr:dbname='{gpkg}' table=\"{name}\" (geom)"

    def plain_table(name: str) -> str:
        return f"ogr:dbname='{gpkg}' table=\"{name}\""

    def layer_of(name: str) -> str:
        return f"{gpkg}|layername={name}"

    def report(name: str) -> dict:
        return {"REPORT": os.path.join(folder, name)} if folder else {}

    results: dict = {}

    def done(name: str, res) -> None:
        results[name] = res
        if log is not None:
            log(name, res)

    if folder:
        os.makedirs(folder, exist_ok=True)
    catalogue = example_2006.series_catalogue()
    common = {"UNITS": layer_of(index_table), "CATALOGUE": catalogue, "MEASURES": register(), "KEY_FIELD": KEY}
    done(
        goals_table,
        run(
            "sozialplanung:measuregoals",
            {**common, "OUTPUT": plain_table(goals_table), **report("massnahmen_ziele.html")},
        ),
    )
    done(
        effects_table,
        run(
            "sozialplanung:measureeffects",
            {
                **common,
                "DRAWS": DRAWS,
                "SEED": SEED,
                "OUTPUT": plain_table(effects_table),
                **report("massnahmen_vergleich.html"),
            },
        ),
    )
    return results
