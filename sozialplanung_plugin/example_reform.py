"""The population series across Berlin's boundary reform of 2021: the counts
of 2016 and 2018, published on the 447 old Planungsräume (LOR 2006–2020),
carried onto the 542 new ones with sozialplanung:interpolateunits, so that
the series 2016–2024 runs on one unit system.

The bundled data hold no layer finer than the Planungsräume (no blocks,
buildings or grid cells with population), so the counts are split by area
(METHOD area); ``<field>_est`` says how much of each value is an estimate.
The reform kept the 12 district borders (up to digitising slivers), so per
district the carried totals must equal the old totals within 0.5 %.
"""

from __future__ import annotations

import os

from sozialplanung_plugin import example, example_2006, paths
from sozialplanung_plugin.adapters import columnar

YEARS = example_2006.POPULATION_YEARS  # (2016, 2018)
DISTRICT = "BEZ"
#: largest difference per district between the carried and the old totals
TOLERANCE_PCT = 0.5
#: a value with at most 1 % estimated counts as exact (digitising slivers between the editions)
EXACT_SHARE = 0.01


def count_fields(years=YEARS) -> list[str]:
    """The carried fields: ``<count>_<year>`` as the 2021–2024 series names them."""
    out = []
    for y in years:
        for _table, _key, columns, suffix in _joins((y,)):
            out += [f"{c}{suffix}" for c in columns.split(";")]
    return out


def _joins(years):
    return [j for j in example.joins(years, context=False) if j[0].startswith("population_")]


def join_population(run, units_2006: str, output: str, years=YEARS, report_folder: str | None = None) -> str:
    """The population tables of ``years`` joined onto the old units (key PLR_ID)."""
    layer, steps = units_2006, _joins(years)
    for i, (table, key, fields, suffix) in enumerate(steps):
        params = {
            "INPUT": layer,
            "INPUT_KEY": example_2006.KEY,
            "TABLE": example_2006.path("tables", table),
            "TABLE_KEY": key,
            "FIELDS": fields,
            "FIELD_SUFFIX": suffix,
            "OUTPUT": output if i == len(steps) - 1 else "TEMPORARY_OUTPUT",
        }
        if report_folder:
            params["REPORT"] = os.path.join(report_folder, f"join_{os.path.splitext(table)[0]}_lor2006.html")
        layer = run("sozialplanung:joinindicators", params)["OUTPUT"]
    return layer


def carry_population(run, units_2006: str, units_2021: str, output: str, report: str | None = None) -> dict:
    """Carry the population counts of 2016 and 2018 from the old units
    (``units_2006``, as ``example.units_2006`` writes them) onto the new ones
    (``units_2021``, e.g. ``example.units()``) into ``output``; ``report``: the
    HTML report of interpolateunits (or None). ``run(alg, params)`` runs an
    algorithm (processing.run with a shared context).

    Returns the figures: per district and field the old and the carried
    totals and their difference in %, the largest difference, ``ok`` (every
    difference within TOLERANCE_PCT), and per year how many new units are
    exact (at most 1 % estimated: slivers), partly (< 50 %) or mostly estimated."""
    fields = count_fields()
    joined = join_population(run, units_2006, "TEMPORARY_OUTPUT")
    params = {
        "SOURCE": joined,
        "SOURCE_KEY": example_2006.KEY,
        "TARGET": units_2021,
        "TARGET_KEY": "PLR_ID",
        "FIELDS": fields,
        "CATALOGUE": paths.example("katalog_berlin.csv"),
        "METHOD": "area",
        "OUTPUT": output,
    }
    if report:
        params["REPORT"] = report
    res = run("sozialplanung:interpolateunits", params)
    old = _district_totals(joined, fields)
    new = _district_totals(res["OUTPUT"], fields)
    districts, worst = {}, 0.0
    for bez in sorted(set(old) | set(new)):
        per = {}
        for f in fields:
            a, b = old.get(bez, {}).get(f, 0.0), new.get(bez, {}).get(f, 0.0)
            pct = 100.0 * (b - a) / a if a else (0.0 if b == 0 else float("inf"))
            per[f] = {"old": a, "carried": b, "diff_pct": pct}
            worst = max(worst, abs(pct))
        districts[bez] = per
    return {
        "output": res["OUTPUT"],
        "report": res.get("REPORT"),
        "fields": fields,
        "districts": districts,
        "max_diff_pct": worst,
        "ok": worst <= TOLERANCE_PCT,
        "estimates": _estimates(res["OUTPUT"], [f"inhabitants_{y}" for y in YEARS]),
    }


def _layer(uri):
    from qgis.core import QgsVectorLayer

    if not isinstance(uri, str):
        return uri
    if uri.startswith("ogr:"):  # ogr:dbname='x.gpkg' table="t" (geom), as Processing names an output
        path, table = columnar.file_and_table(uri)
        uri = f"{path}|layername={table}" if table else path
    layer = QgsVectorLayer(uri, "layer", "ogr")
    if not layer.isValid():
        from qgis.core import QgsProcessingUtils, QgsProject

        found = QgsProject.instance().mapLayer(uri) or QgsProcessingUtils.mapLayerFromString(uri, None)
        if found is None:
            raise ValueError(f"layer {uri!r} cannot be opened")
        layer = found
    return layer


def _district_totals(layer, fields) -> dict:
    layer = _layer(layer)
    names = layer.fields().names()
    out: dict = {}
    for feat in layer.getFeatures():
        bez = str(feat[DISTRICT])
        d = out.setdefault(bez, {})
        for f in fields:
            v = feat[f] if f in names else None
            if v is not None and not (hasattr(v, "isNull") and v.isNull()):
                d[f] = d.get(f, 0.0) + float(v)
    return out


def _estimates(layer, fields) -> dict:
    layer = _layer(layer)
    out = {}
    for f in fields:
        est = [feat[f + "_est"] for feat in layer.getFeatures()]
        est = [float(e) for e in est if e is not None and not (hasattr(e, "isNull") and e.isNull())]
        out[f] = {
            "units": len(est),
            "exact": sum(1 for e in est if e <= EXACT_SHARE),
            "partly": sum(1 for e in est if EXACT_SHARE < e < 0.5),
            "mostly": sum(1 for e in est if e >= 0.5),
            "mean": sum(est) / len(est) if est else None,
        }
    return out
