"""The second bundled example: Berlin's 447 old Planungsräume (LOR 2006–2020)
with four editions of the Monitoring Soziale Stadtentwicklung (2013, 2015,
2017, 2019) and the population of 2016 and 2018
(resources/example/berlin_2006/SOURCE.md).

The data come as published, with their defects; what is done about each is
written down here once, for the demo, the tests and anyone trying the plugin:

- the geometry has the key 06010102 twice: the Charlottenburg-Wilmersdorf
  "Schloßstraße" is 04030417 in every table (the district prefix of an old
  LOR key is the district: 04 = Charlottenburg-Wilmersdorf);
- on 01.01.2019 the geometry split 09041402 "Allende II" into 09041402
  "Siedlung Kämmereiheide" and 09041403 "Allende II", while all tables
  (data as of 2012–2018) describe the unit before the split: the two parts
  are dissolved back into 09041402 "Allende II";
- table 2.1 of every edition lists the units without published values with
  every indicator = 0 (the converter wrote 0 for "no value"): those rows are
  written with the sign "." (value unknown or withheld) into copies of the
  tables, never read as 0. The bundled files stay as they are.
"""

from __future__ import annotations

import csv
import os

from sozialplanung_plugin import paths

EDITIONS = (2013, 2015, 2017, 2019)
POPULATION_YEARS = (2016, 2018)
KEY = "PLR_ID"
_RAW_KEY = "broker Dow"  # the shapefile's (truncated) name of the Planungsraum id


def path(*parts: str) -> str:
    return paths.resource("example", "berlin_2006", *parts)


def catalogue(edition: int = 2017) -> str:
    """The indicator catalogue of an edition (2019 has no S2/D2)."""
    return path("katalog_mss_2019.csv" if edition >= 2019 else "katalog_mss_2013_2017.csv")


def series_catalogue() -> str:
    """The catalogue of the series 2013–2019: the status shares S1–S4 only
    (S2 ends with 2017), for monitoring and the yearly index."""
    return path("katalog_mss_reihe.csv")


def raw_units() -> str:
    return path("geometry", "lor_planungsraeume_pre2021.shp")


_KEY_EXPRESSION = (
    f"CASE WHEN \"{_RAW_KEY}\" = '06010102' AND \"BEZIRKSNAM\" = 'Charlottenburg-Wilmersdorf' THEN '04030417' "
    f"WHEN \"{_RAW_KEY}\" = '09041403' THEN '09041402' ELSE \"{_RAW_KEY}\" END"
)
_NAME_EXPRESSION = f"CASE WHEN \"{_RAW_KEY}\" IN ('09041402', '09041403') THEN 'Allende II' ELSE \"PLANUNGSRA\" END"


def units_2006(run, output: str) -> str:
    """Write the 447 old Planungsräume with the key repaired (see the module
    text) to ``output``: fields PLR_ID, PLR_NAME, BEZ (2 digits), BEZ_NAME.
    ``run(alg, params)`` runs an algorithm (processing.run with a context).
    Returns the output layer (its source, or the layer for a temporary output)."""
    fields = [
        {"name": KEY, "type": 10, "length": 8, "precision": 0, "expression": _KEY_EXPRESSION},
        {"name": "PLR_NAME", "type": 10, "length": 80, "precision": 0, "expression": _NAME_EXPRESSION},
        {"name": "BEZ", "type": 10, "length": 2, "precision": 0, "expression": f"left({_KEY_EXPRESSION}, 2)"},
        {"name": "BEZ_NAME", "type": 10, "length": 40, "precision": 0, "expression": '"BEZIRKSNAM"'},
    ]
    fixed = run("native:refactorfields", {"INPUT": raw_units(), "FIELDS_MAPPING": fields, "OUTPUT": "memory:"})
    return run("native:dissolve", {"INPUT": fixed["OUTPUT"], "FIELD": [KEY], "OUTPUT": output})["OUTPUT"]


def _no_data_row(row: dict, columns: list[str]) -> bool:
    values = [row[c] for c in columns if row.get(c) not in (None, "")]
    return bool(values) and all(float(v) == 0 for v in values)


def mss_tables(folder: str) -> dict[int, str]:
    """Copies of table 2.1 of each edition in ``folder`` in which the rows
    without published values (every indicator 0) carry the sign "." (value unknown
    or withheld) instead of 0. Returns {edition: file}."""
    os.makedirs(folder, exist_ok=True)
    out = {}
    for edition in EDITIONS:
        source = path("tables", f"mss_{edition}_table_2-1.csv")
        with open(source, encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            header = list(reader.fieldnames or [])
            rows = list(reader)
        indicators = [c for c in header if c[:1] in ("s", "d") and c[1:2].isdigit()]
        target = os.path.join(folder, f"mss_{edition}_tabelle_2-1.csv")
        with open(target + ".part", "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=header)
            writer.writeheader()
            for row in rows:
                if _no_data_row(row, indicators):
                    row = {**row, **{c: "." for c in indicators}}
                writer.writerow(row)
        os.replace(target + ".part", target)
        out[edition] = target
    return out


def series_columns(edition: int) -> str:
    """The columns of table 2.1 joined for an edition (the status shares and
    the inhabitants as their weight)."""
    cols = ["inhabitants", "s1_percentage_unemployed"]
    if edition < 2019:
        cols.append("s2_percentage_long_term_unemployed")
    cols += ["s3_percentage_transfer_payments_recipients", "s4_percentage_transfer_payments_recipients_below_15_years"]
    return ";".join(cols)


def join_series(run, units: str, tables: dict[int, str], output: str, report_folder: str | None = None, log=None):
    """Join the status shares of every edition as ``<column>_<edition>`` onto
    ``units`` (sozialplanung:joinindicators, one table after the other, the
    last into ``output``). Returns the last result."""
    layer, res = units, None
    for i, edition in enumerate(sorted(tables)):
        params = {
            "INPUT": layer,
            "INPUT_KEY": KEY,
            "TABLE": tables[edition],
            "TABLE_KEY": "id",
            "FIELDS": series_columns(edition),
            "FIELD_SUFFIX": f"_{edition}",
            "OUTPUT": output if i == len(tables) - 1 else "TEMPORARY_OUTPUT",
        }
        if report_folder:
            params["REPORT"] = os.path.join(report_folder, f"join_mss_{edition}.html")
        res = run("sozialplanung:joinindicators", params)
        if log is not None:
            log(edition, res)
        layer = res["OUTPUT"]
    return res


#: the tables of the series GeoPackage, in the order they are written
SERIES_TABLES = ("planungsraeume_2006", "mss_reihe", "indikatoren_reihe", "beobachtung", "indizes_reihe")

#: the early warning of the demo: a core indicator counts when it moved more
#: than 1 standard deviation of all units' excess against the city in the
#: latest period, or adversely in all 3 periods; 3 such indicators (of S1-S4)
#: put a unit on the watch list (61 of 447; with 2 it would be 138)
WATCH_RULE = {"MEASURE": "zscore", "THRESHOLD": 1.0, "MIN_FLAGS": 3, "CONSECUTIVE": 3}


def series_pipeline(run, gpkg: str, report_folder: str | None = None, log=None) -> dict:
    """The monitoring of the four editions on the old Planungsräume, each step
    a Processing algorithm writing a table of ``gpkg``: the repaired units, the
    series joined, the early warning. Returns {table: result}; ``log(step,
    result)`` is called after each step."""
    units_table, joined, indicators, watch, indices = SERIES_TABLES
    folder = os.path.dirname(os.path.abspath(gpkg))

    def table(name: str) -> str:
        return f"ogr:dbname='{gpkg}' table=\"{name}\" (geom)"

    def layer_of(name: str) -> str:
        return f"{gpkg}|layername={name}"

    results: dict = {}

    def done(name: str, res) -> None:
        results[name] = res
        if log is not None:
            log(name, res)

    done(units_table, {"OUTPUT": units_2006(run, table(units_table))})
    tables = mss_tables(os.path.join(folder, "tabellen_bereinigt"))
    done(joined, join_series(run, layer_of(units_table), tables, table(joined), report_folder))
    catalogue = series_catalogue()
    done(
        indicators,
        run(
            "sozialplanung:computeindicators",
            {"INPUT": layer_of(joined), "CATALOGUE": catalogue, "KEY_FIELD": KEY, "OUTPUT": table(indicators)},
        ),
    )
    params = {
        "INPUT": layer_of(indicators),
        "CATALOGUE": catalogue,
        "KEY_FIELD": KEY,
        "NAME_FIELD": "PLR_NAME",
        "OUTPUT": table(watch),
        **WATCH_RULE,
    }
    if report_folder:
        params["REPORT"] = os.path.join(report_folder, "beobachtungsliste_2013_2019.html")
    done(watch, run("sozialplanung:monitoring", params))
    # the status index of every edition on each edition's own distribution (as
    # the MSS does), the dynamics from the change of the status shares over 2
    # years (one edition to the next), and the class movements between them
    params = {
        "INPUT": layer_of(watch),
        "CATALOGUE": catalogue,
        "SERIES": True,
        "CLASS_BASIS": "each_year",
        "PERIOD": 2,
        "POPULATION_FIELD": "inhabitants",
        "MIN_POPULATION": 300,
        "KEY_FIELD": KEY,
        "NAME_FIELD": "PLR_NAME",
        "OUTPUT": table(indices),
    }
    if report_folder:
        params["REPORT"] = os.path.join(report_folder, "klassenwechsel_2013_2019.html")
    done(indices, run("sozialplanung:compositeindex", params))
    return results
