"""sozialplanung:measuregoals: the goals of the measures register, year by year."""

from __future__ import annotations

import os

import pandas as pd
from qgis.core import (
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingUtils,
    QgsSpatialIndex,
    QgsVectorLayer,
)

from sozialplanung_plugin import compat
from sozialplanung_plugin.adapters.layers import iterate, source_frame
from sozialplanung_plugin.core import effects as ef
from sozialplanung_plugin.core import measures as me
from sozialplanung_plugin.core.errors import UserError
from sozialplanung_plugin.core.report import write_report
from sozialplanung_plugin.processing.base import TABLE_PATTERNS, IndicatorAlgorithm, needed_columns

#: file types read as a table (anything else is opened as a layer)
REGISTER_FILES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".ods")


def key_text(v) -> str | None:
    """A unit key as the register writes it (a number field's 1011103.0 is '1011103')."""
    if v is None or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def memory_rows(n: int) -> QgsVectorLayer:
    """A table without geometry and fields with ``n`` features, the source the
    one writer copies the result rows from."""
    layer = QgsVectorLayer("None", "rows", "memory")
    layer.dataProvider().addFeatures([QgsFeature() for _ in range(n)])
    return layer


class MeasuresAlgorithm(IndicatorAlgorithm):
    """Shared parameters and reading of the measure algorithms."""

    UNITS = "UNITS"
    MEASURES = "MEASURES"
    REPORT = "REPORT"
    MEASURES_N = "MEASURES_N"

    def register_help(self) -> str:
        return self.tr(
            "Measures register (Maßnahmenregister): a CSV, XLSX or ODS table (German numbers and signs as in the "
            "indicator tables) or a layer, one row per measure. Columns (German names in brackets): id [Kennung], "
            "title [Titel], topic [Handlungsfeld], units [Raumeinheiten: the unit keys separated by ';'], start_year "
            "[Beginn], end_year [Ende, optional], budget [Budget, optional], responsible [Verantwortlich, optional], "
            "and the goals in numbered columns goal1_indicator, goal1_value, goal1_year, goal2_indicator ... "
            "[ziel1_indikator, ziel1_wert, ziel1_jahr]: the catalogue id of the indicator, the value to reach in its "
            "unit (8,5 for 8.5 %) and the year. A polygon layer without a units column: the units whose inner point "
            "lies in the measure's polygon. Every error names the file, row, column and key."
        )

    def add_units_catalogue_register(self):
        self.add(
            QgsProcessingParameterFeatureSource(
                self.UNITS, self.tr("Units with yearly indicator fields"), [compat.SOURCE_VECTOR]
            ),
            self.tr(
                "Units with the fields of several years (<column>_<year>), e.g. from joinindicators with "
                "FIELD_SUFFIX=_2019."
            ),
        )
        self.add_catalogue()
        self.add(
            QgsProcessingParameterFile(
                self.MEASURES,
                self.tr("Measures register"),
                fileFilter=self.tr("Tables")
                + " "
                + TABLE_PATTERNS
                + ";;"
                + self.tr("Layers")
                + " (*.gpkg *.shp *.fgb)",
            ),
            self.register_help(),
        )
        self.add(
            QgsProcessingParameterField(
                self.KEY_FIELD, self.tr("Key field of the units"), parentLayerParameterName=self.UNITS, optional=True
            ),
            self.tr(
                "The field with the keys the register's units column names (e.g. PLR_ID); empty: the first text field."
            ),
        )

    def add_draws_and_seed(self):
        """DRAWS and SEED of the randomisation interval (measureeffects, measuresreport)."""
        self.add(
            QgsProcessingParameterNumber(
                self.DRAWS,
                self.tr("Random draws"),
                compat.NUMBER_INTEGER,
                defaultValue=ef.MIN_DRAWS,
                minValue=ef.MIN_DRAWS,
            ),
            self.tr("How many comparison sets are drawn for the chance interval (at least 999)."),
        )
        self.add(
            QgsProcessingParameterNumber(
                self.SEED, self.tr("Seed"), compat.NUMBER_INTEGER, defaultValue=ef.DEFAULT_SEED, minValue=0
            ),
            self.tr("Start value of the random generator: the same seed gives the same interval (reported)."),
        )

    def add_table_output(self, description: str, help_text: str):
        self.add(QgsProcessingParameterFeatureSink(self.OUTPUT, description, compat.SOURCE_VECTOR), help_text)

    def add_report(self, help_text: str):
        self.add(
            QgsProcessingParameterFileDestination(
                self.REPORT, self.tr("Report (HTML)"), fileFilter="HTML (*.html)", optional=True
            ),
            help_text,
        )
        self.addOutput(QgsProcessingOutputNumber(self.MEASURES_N, self.tr("Measures")))

    # --- reading ----------------------------------------------------------------

    def units(self, parameters, context):
        source = self.parameterAsSource(parameters, self.UNITS, context)
        if source is None:
            raise UserError(self.invalidSourceError(parameters, self.UNITS))
        return source

    def read_units(self, parameters, context, feedback, class_field: str | None = None):
        """(source, frame, keys, catalogue) of the units."""
        source = self.units(parameters, context)
        catalogue = self.read_catalogue(parameters, context)
        key = self.key_field(parameters, context, source)
        if key is None:
            raise UserError("KEY_FIELD: the units layer has no text field; choose the field with the unit keys")
        cols = needed_columns(catalogue, source.fields().names())
        stems = ("status_class", class_field) if class_field else ("status_class",)
        extra = [n for n in source.fields().names() if any(n == s or n.startswith(s + "_") for s in stems)]
        data = source_frame(source, list(dict.fromkeys(cols + extra + [key])), feedback)
        keys = data[key].map(key_text).to_numpy(dtype=object)
        return source, data, keys, catalogue

    def read_register(self, parameters, context, keys, catalogue, units_source) -> me.Register:
        value = parameters.get(self.MEASURES)
        path = value if isinstance(value, str) else ""
        if path and os.path.exists(path) and os.path.splitext(path)[1].lower() in REGISTER_FILES:
            return me.read_register(path, unit_keys=keys, catalogue=catalogue)
        layer = value if isinstance(value, QgsVectorLayer) else None
        if layer is None and path:
            layer = QgsProcessingUtils.mapLayerFromString(path, context)
        if layer is None or not isinstance(layer, QgsVectorLayer) or not layer.isValid():
            raise UserError(f"MEASURES: {value!r} is neither a table file (CSV, XLSX, ODS) nor a vector layer")
        return self.register_of_layer(layer, context, keys, catalogue, units_source)

    def register_of_layer(self, layer, context, keys, catalogue, units_source) -> me.Register:
        names = layer.fields().names()
        frame = source_frame(layer, names)
        plain = {me.COLUMNS_ALIAS.get(n.strip().lower()) for n in names}
        if "units" not in plain and layer.geometryType() == compat.GEOMETRY_POLYGON:
            frame["units"] = self.units_by_geometry(layer, context, keys, units_source)
        where = lambda ix: f"feature {ix}"  # noqa: E731
        return me.register_from_frame(frame, layer.name() or layer.source(), where, keys, catalogue, layer=True)

    def units_by_geometry(self, layer, context, keys, units_source) -> list[str]:
        """Per measure polygon the keys of the units whose inner point lies in it."""
        req = QgsFeatureRequest()
        points, index = {}, QgsSpatialIndex()
        fids = list(source_frame(units_source, []).index)
        pos = {fid: i for i, fid in enumerate(fids)}
        for f in iterate(units_source, req):
            g = f.geometry()
            if g is None or g.isEmpty():
                continue
            p = g.pointOnSurface()
            points[f.id()] = p
            pf = QgsFeature(f.id())
            pf.setGeometry(p)
            index.addFeature(pf)
        tr = QgsCoordinateTransform(layer.crs(), units_source.sourceCrs(), context.transformContext())
        out = []
        for f in layer.getFeatures():
            g = f.geometry()
            if g is None or g.isEmpty():
                out.append("")
                continue
            g.transform(tr)
            hits = [fid for fid in index.intersects(g.boundingBox()) if g.contains(points[fid])]
            out.append(";".join(str(keys[pos[fid]]) for fid in sorted(hits, key=lambda x: pos[x])))
        return out

    def write_rows(self, parameters, context, frame: pd.DataFrame, kinds, feedback) -> str:
        rows = memory_rows(len(frame))
        fids = [f.id() for f in rows.getFeatures()]
        table = frame.copy()
        table.index = pd.Index(fids, name="fid")
        return self.write_output(parameters, context, rows, table, kinds, feedback)

    def names_of(self, source, key: str) -> dict:
        name = next((n for n in source.fields().names() if n.upper() in ("PLR_NAME", "NAME", "BEZEICHNUNG")), None)
        if name is None:
            return {}
        df = source_frame(source, [key, name])
        return {str(k): "" if v is None else str(v) for k, v in zip(df[key], df[name])}


class MeasureGoals(MeasuresAlgorithm):
    NAME = "measuregoals"

    def displayName(self):  # noqa: N802
        return self.tr("Measures: goal status")

    def help_text(self):
        return (
            self.tr(
                "Per measure of the register, goal and year of the series: the indicator in the measure's area, "
                "rebuilt from the units' sums (a(t) = Σ numerators / Σ denominators x multiplier over the measure's "
                "units with a value; ready rates Σ rate x weight / Σ weight with the catalogue's weight column; never "
                "a mean of rates), the city's value, the goal and its status.\n\nBase year B: the latest year up to "
                "start_year with a value for the area; a measure that started before the first year of data takes the "
                "first year with data (the note says so). Path: P(t) = a(B) + (G - a(B)) x (t - B) / (Y - B) towards "
                "the goal G in the goal year Y (G from Y on). With d = the polarity (+ higher is worse: +1; - higher "
                "is better: -1; neutral: +1 when G is below a(B)): 'erreicht' when d x (a - G) <= 0, 'auf Kurs' when "
                "d x (a - P) <= 0, else 'nicht auf Kurs'; 'keine Daten' without a value. Units without a value in a "
                "year are left out of that year and named (units_missing with their sign).\n\n"
            )
            + self.register_help()
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_units_catalogue_register()
        self.add_table_output(
            self.tr("Goal status"),
            self.tr(
                "A table without geometry, one row per measure, goal and year from the base year on: measure_id, "
                "title, topic, goal_no, indicator, year, base_year, base_value, area_value, city_value, "
                "area_city_diff, goal_value, goal_year, path_value, status, latest (1 = the latest year), units_n, "
                "units_used, units_missing, note."
            ),
        )
        self.add_report(
            self.tr("Per measure its goals, the series of the area, the city and the path (and a JSON file beside it).")
        )

    def run_algorithm(self, parameters, context, feedback):
        steps = QgsProcessingMultiStepFeedback(3, feedback)
        source, data, keys, catalogue = self.read_units(parameters, context, steps)
        register = self.read_register(parameters, context, keys, catalogue, source)
        steps.setCurrentStep(1)
        result = me.compute_goals(data, catalogue, register, keys=keys)
        self.report(feedback, result.warnings)
        steps.setCurrentStep(2)
        dest_id = self.write_rows(parameters, context, result.frame, result.kinds, steps)
        out = {self.OUTPUT: dest_id, self.MEASURES_N: len(register)}
        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if report_path:
            key = self.key_field(parameters, context, source)
            content = me.report(result, self.names_of(source, key), self.lang())
            write_report(report_path, content, "measures_report.html", self.lang())
            out[self.REPORT] = report_path
        latest = result.frame[result.frame["latest"] == 1]
        counts = latest["status"].fillna(me.NO_DATA).value_counts()
        feedback.pushInfo(
            self.tr("{0} measures, {1} goals: {2}").format(
                len(register), len(latest), ", ".join(f"{s} {int(counts.get(s, 0))}" for s in me.STATUSES)
            )
        )
        return out
