"""The bundled example: Berlin's 542 Planungsräume and the tables as
delivered (see resources/example/berlin/SOURCE.md). How to join them is
written down once here, for the demo, the tests and anyone trying the plugin."""

from __future__ import annotations

import os

from sozialplanung_plugin import paths

AGE_GROUPS = ("below_6", "6_15", "15_18", "18_27", "27_45", "45_55", "55_65", "above_65")
YEARS = (2021, 2022, 2023, 2024)


def units() -> str:
    """The layer of the 542 Planungsräume (key PLR_ID)."""
    return paths.example("planungsraeume_2021.gpkg") + "|layername=planungsraeume_2021"


def joins(years=YEARS, context: bool = True) -> list[tuple[str, str, str, str]]:
    """(table file, key column, columns to add, field suffix) per join: the MSS
    index indicators, optionally the MSS context indicators, and the population
    counts of each year as ``<name>_<year>``."""
    out = [("mss_2021_index_indikatoren.csv", "PLR_ID", "EW;S1;S3;S4;D1;D3;D4;KOM", "")]
    if context:
        out.append(("mss_2021_kontext_indikatoren.csv", "PLR_ID", "KI_01;KI_02;KI_03;KI_05;KI_09;KI_10;KI_11", ""))
    counts = ["inhabitants", "inhabitants_foreigners"] + [f"inhabitants_age_{a}" for a in AGE_GROUPS]
    for y in years:
        out.append((f"population_{y}-02_t1.csv", "id", "inhabitants_with_migration_background", f"_{y}"))
        out.append((f"population_{y}-02_t2.csv", "id", ";".join(counts), f"_{y}"))
    return out


def join_all(run, output: str, years=YEARS, context: bool = True, report_folder: str | None = None, log=None):
    """Run sozialplanung:joinindicators for every table, each on the result of
    the one before (temporary layers), the last into ``output``. ``run(alg,
    params)`` runs an algorithm (processing.run with a shared context)."""
    layer = units()
    steps = joins(years, context)
    res = None
    for i, (table, key, fields, suffix) in enumerate(steps):
        params = {
            "INPUT": layer,
            "INPUT_KEY": "PLR_ID",
            "TABLE": paths.example(table),
            "TABLE_KEY": key,
            "FIELDS": fields,
            "FIELD_SUFFIX": suffix,
            "OUTPUT": output if i == len(steps) - 1 else "TEMPORARY_OUTPUT",
        }
        if report_folder:
            params["REPORT"] = os.path.join(report_folder, f"join_{os.path.splitext(table)[0]}.html")
        res = run("sozialplanung:joinindicators", params)
        if log is not None:
            log(table, res)
        layer = res["OUTPUT"]
    return res


#: the demo's rule: the six MSS indicators are the core, 2 of them 1 sd above the city
PIPELINE_TABLES = ("daten_verknuepft", "daten_geschuetzt", "indikatoren", "belastung", "sozialmonitoring")
EXTENDED = "daten_erweitert"


def pipeline(
    run, gpkg: str, years=YEARS, report_folder: str | None = None, log=None, join_log=None, extend=None
) -> dict:
    """The main job on the example, each step a Processing algorithm writing a
    table of ``gpkg``: join every table, suppress small counts (before anything
    is computed), indicators, the burden rule, the MSS status/dynamics index.
    Returns {table name: result of its algorithm}; ``log(step, result)`` is
    called after each step, ``join_log(table, result)`` after each join.
    ``extend(joined layer, output) -> result`` may add fields to the joined
    units before anything else (the demo carries the population of 2016 and
    2018 from the old units onto them); its table is "daten_erweitert"."""
    catalogue = paths.example("katalog_berlin.csv")

    def table(name: str) -> str:
        return f"ogr:dbname='{gpkg}' table=\"{name}\" (geom)"

    def layer_of(name: str) -> str:
        return f"{gpkg}|layername={name}"

    joined, protected, indicators, burden, monitoring = PIPELINE_TABLES
    results = {}

    def step(name: str, alg: str, params: dict) -> None:
        results[name] = run(alg, params)
        if log is not None:
            log(name, results[name])

    results[joined] = join_all(run, table(joined), years=years, report_folder=report_folder, log=join_log)
    if log is not None:
        log(joined, results[joined])
    if extend is not None:
        results[EXTENDED] = extend(layer_of(joined), table(EXTENDED))
        if log is not None:
            log(EXTENDED, results[EXTENDED])
        joined = EXTENDED
    step(
        protected,
        "sozialplanung:suppress",
        {
            "INPUT": layer_of(joined),
            "CATALOGUE": catalogue,
            "MIN_COUNT": 5,
            "MIN_POPULATION": 300,
            "POPULATION_FIELD": "EW",
            "GROUP_FIELD": "BEZ",
            "SIGN": ".",
            "KEY_FIELD": "PLR_ID",
            "OUTPUT": table(protected),
        },
    )
    step(
        indicators,
        "sozialplanung:computeindicators",
        {"INPUT": layer_of(protected), "CATALOGUE": catalogue, "KEY_FIELD": "PLR_ID", "OUTPUT": table(indicators)},
    )
    step(
        burden,
        "sozialplanung:classifyburden",
        {
            "INPUT": layer_of(indicators),
            "CATALOGUE": catalogue,
            "MEASURE": "zscore",
            "THRESHOLD": 1,
            "MIN_FLAGS": 2,
            "KEY_FIELD": "PLR_ID",
            "OUTPUT": table(burden),
        },
    )
    step(
        monitoring,
        "sozialplanung:compositeindex",
        {
            "INPUT": layer_of(burden),
            "CATALOGUE": catalogue,
            "METHOD": "zscore_sum",
            "CLASSES": "method",
            "POPULATION_FIELD": "EW",
            "MIN_POPULATION": 300,
            "KEY_FIELD": "PLR_ID",
            "OUTPUT": table(monitoring),
        },
    )
    return results


def units_2006(run, output: str) -> str:
    """The 447 old Planungsräume (LOR 2006–2020) with the key repaired; see
    example_2006.units_2006."""
    from sozialplanung_plugin import example_2006

    return example_2006.units_2006(run, output)
