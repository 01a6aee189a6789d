"""sozialplanung:facilitysupply: supply of social infrastructure per unit and target group."""

from __future__ import annotations

import numpy as np
import pandas as pd
from qgis.core import (
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterCrs,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from sozialplanung_plugin import compat
from sozialplanung_plugin.adapters import facilities as af
from sozialplanung_plugin.adapters.layers import source_frame
from sozialplanung_plugin.core import supply as cs
from sozialplanung_plugin.core.errors import UserError
from sozialplanung_plugin.core.report import write_report
from sozialplanung_plugin.processing.base import TABLE_PATTERNS, SozialplanungAlgorithm


class FacilitySupply(SozialplanungAlgorithm):
    NAME = "facilitysupply"
    GROUP_ID = "analysis"

    UNITS = "UNITS"
    KEY_FIELD = "KEY_FIELD"
    NAME_FIELD = "NAME_FIELD"
    FACILITIES = "FACILITIES"
    FACILITIES_TABLE = "FACILITIES_TABLE"
    SHEET = "SHEET"
    X_FIELD = "X_FIELD"
    Y_FIELD = "Y_FIELD"
    CRS = "CRS"
    ID_FIELD = "ID_FIELD"
    CATEGORY_FIELD = "CATEGORY_FIELD"
    CAPACITY_FIELD = "CAPACITY_FIELD"
    YEAR_FIELD = "YEAR_FIELD"
    AS_OF = "AS_OF"
    DEMAND = "DEMAND"
    LABELS = "LABELS"
    CATEGORY_NAMES = "CATEGORY_NAMES"
    METHOD = "METHOD"
    DISTANCE = "DISTANCE"
    POPULATION = "POPULATION"
    POPULATION_FIELD = "POPULATION_FIELD"
    NETWORK = "NETWORK"
    BURDEN = "BURDEN"
    BURDEN_KEY = "BURDEN_KEY"
    OUTPUT = "OUTPUT"
    FACILITIES_OUTPUT = "FACILITIES_OUTPUT"
    REPORT = "REPORT"
    FACILITIES_USED = "FACILITIES_USED"
    ROWS_NOT_USED = "ROWS_NOT_USED"
    SUPPLY_GAPS = "SUPPLY_GAPS"

    def displayName(self):  # noqa: N802
        return self.tr("Facility supply per unit and target group")

    def help_text(self):
        return self.tr(
            "Supply of social infrastructure (Kitas, schools, youth centres, counselling, doctors) per unit and "
            "category c, measured against the target population of DEMAND (e.g. kita=EW_unter6;schule=EW_6_15).\n\n"
            "<c>_n: facilities in the unit; <c>_cap: Σ capacity (missing when a facility of the unit has none, "
            "<c>_cap_sign '.'); <c>_per1000 = cap (or n without CAPACITY_FIELD) / target population × 1,000; "
            "<c>_ref: the same for the whole layer (Σ cap / Σ target population × 1,000 over the units where both "
            "are known); <c>_ratio = 100 × per1000 / ref.\n"
            "Demand points: each unit's target population at its centroid (point on surface where the centroid "
            "lies outside), or with POPULATION spread over the population points or polygons inside the unit in "
            "proportion to POPULATION_FIELD.\n"
            "METHOD catchment (two-step floating catchment area): R_j = capacity_j / Σ target population within "
            "DISTANCE of facility j; <c>_access = 1,000 × Σ R_j over the facilities within DISTANCE of the unit's "
            "demand points (population-weighted mean over them); <c>_access_ratio = 100 × access / ref.\n"
            "<c>_dist_m: distance to the nearest facility (population-weighted mean over the demand points); "
            "<c>_reach_pct: share of the target population within DISTANCE of a facility. Straight-line "
            "distances; along the lines of NETWORK when given, for the catchments, <c>_dist_m and <c>_reach_pct "
            "alike (each point tied to the nearest point of the network, plus the straight distance to it).\n"
            "A unit without target population (missing or 0) gets no per1000, ratio, access or reach (empty, "
            "never infinite); the reason is in <c>_per1000_sign and <c>_note.\n\n"
            "supply_gap (with burden fields from classifyburden or compositeindex, on the units or in BURDEN): 1 "
            "for a unit that is 'besonders belastet' (or in the two least favourable status classes) and below the "
            "city's supply in a category (per1000 < ref, catchment: access < ref); supply_gap_reason says it in "
            "words. The report ranks these units and lists every facility row not used (no category, no usable "
            "coordinates), possible duplicates (same category within 5 m, all counted), points outside every "
            "unit and facilities without capacity."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add(
            QgsProcessingParameterFeatureSource(self.UNITS, self.tr("Spatial units"), [compat.SOURCE_VECTOR_POLYGON]),
            self.tr("Polygon layer of the units with the target population fields (projected CRS, metres)."),
        )
        self.add(
            QgsProcessingParameterField(
                self.KEY_FIELD, self.tr("Key field of the units"), parentLayerParameterName=self.UNITS, optional=True
            ),
            self.tr("Field that names a unit in the report and joins BURDEN (e.g. PLR_ID)."),
        )
        self.add(
            QgsProcessingParameterField(
                self.NAME_FIELD, self.tr("Name field of the units"), parentLayerParameterName=self.UNITS, optional=True
            ),
            self.tr("Field with the units' names for the report."),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterFeatureSource(
                self.FACILITIES, self.tr("Facilities (point layer)"), [compat.SOURCE_VECTOR_POINT], optional=True
            ),
            self.tr("Point layer of the facilities; or give FACILITIES_TABLE instead."),
        )
        self.add(
            QgsProcessingParameterFile(
                self.FACILITIES_TABLE,
                self.tr("Facilities (table with coordinates)"),
                fileFilter=self.tr("Tables") + " " + TABLE_PATTERNS,
                optional=True,
            ),
            self.tr(
                "CSV, XLSX or ODS list of facilities with coordinate columns X_FIELD and Y_FIELD in CRS (read like "
                "joinindicators' tables: decimal comma, thousands dot, special signs)."
            ),
        )
        self.add(
            QgsProcessingParameterString(self.SHEET, self.tr("Sheet (XLSX/ODS)"), optional=True),
            self.tr("Sheet of a spreadsheet facility list; empty: the first sheet."),
            advanced=True,
        )
        for name, label, help_text in (
            (self.X_FIELD, self.tr("X / easting column (table)"), self.tr("Column of the x coordinate (easting).")),
            (self.Y_FIELD, self.tr("Y / northing column (table)"), self.tr("Column of the y coordinate (northing).")),
        ):
            self.add(QgsProcessingParameterString(name, label, optional=True), help_text)
        self.add(
            QgsProcessingParameterCrs(self.CRS, self.tr("CRS of the table's coordinates"), optional=True),
            self.tr(
                "Coordinate reference system of X_FIELD/Y_FIELD (e.g. EPSG:25833 or EPSG:4326); empty: the units' CRS."
            ),
        )
        self.add(
            QgsProcessingParameterString(self.ID_FIELD, self.tr("Id field of the facilities"), optional=True),
            self.tr("Field or column with the facility id for the report; empty: the feature id or row."),
        )
        self.add(
            QgsProcessingParameterString(self.CATEGORY_FIELD, self.tr("Category field"), optional=True),
            self.tr(
                "Field or column with the category (kita, schule, ...), written as in DEMAND (case is ignored); "
                "empty: every facility belongs to the one category of DEMAND."
            ),
        )
        self.add(
            QgsProcessingParameterString(self.CAPACITY_FIELD, self.tr("Capacity field"), optional=True),
            self.tr("Field or column with the capacity (places, staff hours); empty: every facility counts 1."),
        )
        self.add(
            QgsProcessingParameterString(self.YEAR_FIELD, self.tr("Opening year field"), optional=True),
            self.tr(
                "Field or column with the opening year; with AS_OF, facilities opened later are left out and listed."
            ),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterNumber(
                self.AS_OF, self.tr("As of year"), compat.NUMBER_INTEGER, optional=True, minValue=1800, maxValue=2200
            ),
            self.tr("Year of the population: facilities opened after it are not counted (needs YEAR_FIELD)."),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterString(self.DEMAND, self.tr("Target population per category")),
            self.tr(
                "category=field of the units with the target population, separated by ';', "
                "e.g. kita=EW_unter6;schule=EW_6_15."
            ),
        )
        self.add(
            QgsProcessingParameterString(self.LABELS, self.tr("Measure labels for the reasons"), optional=True),
            self.tr(
                "category=words of the measure for supply_gap_reason, separated by ';', e.g. "
                "kita=Kita-Plätze je 1.000 Kinder unter 6."
            ),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterString(
                self.CATEGORY_NAMES, self.tr("Printed names of the categories"), optional=True
            ),
            self.tr(
                "category=name as printed in the profile atlas and the overview maps, separated by ';', e.g. "
                "kita=Kitas;schule=Grundschulen. Written to <c>_label; without a name the category id is printed."
            ),
            advanced=True,
        )
        self.add_enum(
            self.METHOD,
            self.tr("Method"),
            list(cs.METHODS),
            cs.COUNT,
            self.tr(
                "count: facilities and capacity inside each unit; catchment: in addition the two-step floating "
                "catchment area within DISTANCE, so that a unit next to a well-supplied neighbour is not counted "
                "as unsupplied."
            ),
        )
        self.add(
            QgsProcessingParameterNumber(
                self.DISTANCE, self.tr("Distance (metres)"), compat.NUMBER_DOUBLE, defaultValue=1000.0, minValue=0.0
            ),
            self.tr("Catchment radius and the reach of <c>_reach_pct, in metres of the units' CRS."),
        )
        self.add(
            QgsProcessingParameterFeatureSource(
                self.POPULATION,
                self.tr("Population points or polygons"),
                [compat.SOURCE_VECTOR_POINT, compat.SOURCE_VECTOR_POLYGON],
                optional=True,
            ),
            self.tr("Finer layer (blocks, grid cells, addresses) over which each unit's target population is spread."),
        )
        self.add(
            QgsProcessingParameterField(
                self.POPULATION_FIELD,
                self.tr("Population field"),
                parentLayerParameterName=self.POPULATION,
                type=compat.FIELD_NUMERIC,
                optional=True,
            ),
            self.tr("Field of POPULATION with the population that spreads the target population."),
        )
        self.add(
            QgsProcessingParameterFeatureSource(
                self.NETWORK, self.tr("Road network (lines)"), [compat.SOURCE_VECTOR_LINE], optional=True
            ),
            self.tr(
                "Line layer of paths and roads: distances along it (QGIS network analysis) instead of straight "
                "lines, for the catchments of the 2SFCA, the nearest distance and the reach."
            ),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterFeatureSource(
                self.BURDEN, self.tr("Burden layer"), [compat.SOURCE_VECTOR], optional=True
            ),
            self.tr(
                "Layer from classifyburden (burden_code, burden_class) or compositeindex (status_class, "
                "status_label) with the same key field; empty: these fields on the units, if any."
            ),
        )
        self.add(
            QgsProcessingParameterString(self.BURDEN_KEY, self.tr("Key field of the burden layer"), optional=True),
            self.tr("Field of BURDEN with the unit key; empty: KEY_FIELD."),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Supply"), compat.SOURCE_VECTOR_POLYGON),
            self.tr("Every unit with the supply fields per category, supply_gap and supply_gap_reason."),
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.FACILITIES_OUTPUT,
                self.tr("Facility points"),
                compat.SOURCE_VECTOR_POINT,
                optional=True,
                createByDefault=False,
            ),
            self.tr(
                "The facilities used, as points in the units' CRS, for maps and print: fac_id, category, capacity, "
                "unit_key (empty outside every unit) and fac_note (outside, possible duplicate, no capacity)."
            ),
        )
        self.add(
            QgsProcessingParameterFileDestination(
                self.REPORT, self.tr("Report (HTML)"), fileFilter="HTML (*.html)", optional=True, createByDefault=False
            ),
            self.tr("Categories, the ranked supply gaps and the lists of facility rows (with a JSON file beside it)."),
        )
        self.addOutput(QgsProcessingOutputNumber(self.FACILITIES_USED, self.tr("Facilities used")))
        self.addOutput(QgsProcessingOutputNumber(self.ROWS_NOT_USED, self.tr("Facility rows not used")))
        self.addOutput(QgsProcessingOutputNumber(self.SUPPLY_GAPS, self.tr("Units with a supply gap")))

    def _text(self, parameters, name, context) -> str:
        return self.parameterAsString(parameters, name, context).strip()

    def run_algorithm(self, parameters, context, feedback):
        steps = QgsProcessingMultiStepFeedback(5, feedback)
        units_src = self.parameterAsSource(parameters, self.UNITS, context)
        if units_src is None:
            raise UserError(self.tr("The spatial units layer could not be read."))
        crs = units_src.sourceCrs()
        if crs.isValid() and crs.isGeographic():
            raise UserError(
                self.tr(
                    "The units layer is in a geographic CRS ({0}); distances need metres. Reproject the units to a "
                    "projected CRS (e.g. ETRS89 / UTM) first."
                ).format(crs.authid())
            )
        demand_spec = cs.parse_demand(self._text(parameters, self.DEMAND, context))
        method = self.enum_value(parameters, self.METHOD, context)
        distance = self.parameterAsDouble(parameters, self.DISTANCE, context)
        key_field = self._text(parameters, self.KEY_FIELD, context) or None
        name_field = self._text(parameters, self.NAME_FIELD, context) or None
        category_field = self._text(parameters, self.CATEGORY_FIELD, context) or None
        if category_field is None and len(demand_spec) > 1:
            raise UserError(self.tr("CATEGORY_FIELD is needed when DEMAND names more than one category."))
        capacity_field = self._text(parameters, self.CAPACITY_FIELD, context) or None
        year_field = self._text(parameters, self.YEAR_FIELD, context) or None
        id_field = self._text(parameters, self.ID_FIELD, context) or None
        as_of = parameters.get(self.AS_OF)
        as_of = self.parameterAsInt(parameters, self.AS_OF, context) if as_of not in (None, "") else None

        steps.setCurrentStep(0)  # the units and their target population
        unit_fields = units_src.fields().names()
        for cat, fld in demand_spec.items():
            if fld not in unit_fields:
                raise UserError(
                    self.tr("DEMAND: field {0!r} of category {1!r} is not in the units layer.").format(fld, cat)
                )
        units = af.read_units(units_src, key_field, name_field, steps)
        wanted = [f for f in demand_spec.values()] + [
            f + "_sign" for f in demand_spec.values() if f + "_sign" in unit_fields
        ]
        burden_cols = [c for c in ("burden_code", "burden_class", "status_class", "status_label") if c in unit_fields]
        frame = source_frame(units_src, list(dict.fromkeys(wanted + burden_cols)), steps)
        frame = frame.reindex(units.fids)
        unit_table = frame.reset_index(drop=True)
        unit_table["key"] = units.keys
        unit_table["name"] = units.names
        unit_table["rep_x"], unit_table["rep_y"] = units.rep_x, units.rep_y

        steps.setCurrentStep(1)  # the facilities
        fac_src = self.parameterAsSource(parameters, self.FACILITIES, context)
        table_path = self.parameterAsFile(parameters, self.FACILITIES_TABLE, context)
        if (fac_src is None) == (not table_path):
            raise UserError(
                self.tr("Give the facilities either as a point layer (FACILITIES) or as a table (FACILITIES_TABLE).")
            )
        table_notes = []
        if fac_src is not None:
            fac = af.facilities_from_layer(fac_src, units, id_field, category_field, capacity_field, year_field, steps)
        else:
            table_crs = self.parameterAsCrs(parameters, self.CRS, context)
            fac, table_notes, _totals = af.facilities_from_table(
                table_path,
                units,
                table_crs,
                self._text(parameters, self.X_FIELD, context),
                self._text(parameters, self.Y_FIELD, context),
                id_field,
                category_field,
                capacity_field,
                year_field,
                sheet=self._text(parameters, self.SHEET, context) or None,
                feedback=steps,
            )
            for n in table_notes:
                feedback.pushInfo(n)
        if category_field is None:
            fac["category"] = next(iter(demand_spec))

        steps.setCurrentStep(2)  # population, network, burden
        population = None
        pop_src = self.parameterAsSource(parameters, self.POPULATION, context)
        if pop_src is not None:
            pop_field = self._text(parameters, self.POPULATION_FIELD, context)
            if not pop_field:
                raise UserError(self.tr("POPULATION needs POPULATION_FIELD."))
            population = af.population_points(pop_src, pop_field, units, steps)
        net_src = self.parameterAsSource(parameters, self.NETWORK, context)
        network = af.network_distances(net_src, crs, feedback=steps) if net_src is not None else None
        burden = self.burden(parameters, context, units, unit_table, key_field)

        steps.setCurrentStep(3)  # the measures
        result = cs.compute(
            unit_table,
            fac,
            demand_spec,
            method=method,
            distance=distance,
            capacity=capacity_field is not None,
            population=population,
            burden=burden,
            labels=cs.parse_labels(self._text(parameters, self.LABELS, context)),
            names=cs.parse_labels(self._text(parameters, self.CATEGORY_NAMES, context)),
            as_of=as_of,
            network=network,
            lang=self.lang(),
        )
        for w in result.warnings:
            self.warn(feedback, w)
        if burden is None:
            self.warn(
                feedback,
                self.tr("No burden fields on the units and no BURDEN layer: supply_gap is not computed."),
            )

        steps.setCurrentStep(4)  # write
        columns = result.frame.copy()
        columns.index = pd.Index(units.fids)
        dest_id = self.write_output(parameters, context, units_src, columns, result.kinds, steps)
        gaps = int(np.nansum(columns[cs.SUPPLY_GAP].to_numpy(dtype="float64"))) if cs.SUPPLY_GAP in columns else 0
        out = {
            self.OUTPUT: dest_id,
            self.FACILITIES_USED: int(len(result.check.usable)),
            self.ROWS_NOT_USED: int(len(result.check.bad_rows)),
            self.SUPPLY_GAPS: gaps,
        }
        if parameters.get(self.FACILITIES_OUTPUT):
            out[self.FACILITIES_OUTPUT] = self.write_points(parameters, context, result, units, crs, steps)
        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if report_path:
            rep = result.report
            rep["notes"] = list(table_notes)
            rep["network"] = net_src is not None
            write_report(report_path, rep, "supply_report.html", lang=self.lang())
            out[self.REPORT] = report_path
        feedback.pushInfo(
            self.tr("{0} facilities used, {1} rows not used; {2} units with a supply gap.").format(
                out[self.FACILITIES_USED], out[self.ROWS_NOT_USED], gaps
            )
        )
        return out

    def write_points(self, parameters, context, result, units, crs, feedback):
        """The usable facilities as a point layer (FACILITIES_OUTPUT); returns its destination id."""
        fields = af.point_fields()
        sink, dest_id = self.parameterAsSink(parameters, self.FACILITIES_OUTPUT, context, fields, compat.WKB_POINT, crs)
        if sink is None:
            return None
        use = result.check.usable.reset_index(drop=True)
        notes: dict = {}
        pos = {(r["category"], r["id"], r["where"]): i for i, r in use[["category", "id", "where"]].iterrows()}

        def note(row, text):
            i = pos.get((row["category"], row["id"], row["where"]))
            if i is not None:
                notes[i] = text if i not in notes else notes[i] + "; " + text

        for r in result.check.outside:
            note(r, "außerhalb aller Raumeinheiten")
        for d in result.check.duplicates:
            note({"category": d["category"], "id": d["id"], "where": d["where"]}, f"mögliche Dublette von {d['other']}")
            other = {"category": d["category"], "id": d["other"], "where": d["other_where"]}
            note(other, f"mögliche Dublette von {d['id']}")
        for r in result.check.missing_capacity:
            note(r, "ohne Kapazitätsangabe")
        af.write_points(sink, use, units, notes, fields, feedback)
        sink = None
        return dest_id

    def burden(self, parameters, context, units, unit_table, key_field):
        src = self.parameterAsSource(parameters, self.BURDEN, context)
        if src is None:
            return cs.burden_status(unit_table)
        bkey = self._text(parameters, self.BURDEN_KEY, context) or key_field
        names = src.fields().names()
        if not bkey or bkey not in names:
            raise UserError(
                self.tr("BURDEN: key field {0!r} is not in the burden layer (set BURDEN_KEY or KEY_FIELD).").format(
                    bkey
                )
            )
        cols = [c for c in ("burden_code", "burden_class", "status_class", "status_label") if c in names]
        if not cols:
            raise UserError(
                self.tr(
                    "BURDEN has none of the fields burden_code, burden_class, status_class: give the output of "
                    "classifyburden or compositeindex."
                )
            )
        b = source_frame(src, [bkey] + cols)
        b[bkey] = b[bkey].map(lambda v: None if v is None else str(v))
        b = b.drop_duplicates(subset=[bkey]).set_index(bkey)
        keys = pd.Series([None if k is None else str(k) for k in units.keys])
        joined = b.reindex(keys).reset_index(drop=True)
        return cs.burden_status(joined)
