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
