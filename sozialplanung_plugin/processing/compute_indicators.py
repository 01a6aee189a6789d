"""sozialplanung:computeindicators: values, city-wide references and deviations."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QVariant

from sozialplanung_plugin.adapters import styles
from sozialplanung_plugin.adapters.layers import CompleteOrNothing, fields_with, source_frame, write_with_columns
from sozialplanung_plugin.core import fields as fn
from sozialplanung_plugin.core import indicators as ci
from sozialplanung_plugin.core import suppression as cs
from sozialplanung_plugin.core.catalogue import Catalogue, read_catalogue
from sozialplanung_plugin.core.tables import TableError, read_table
from sozialplanung_plugin.processing.base import SozialplanungAlgorithm

TABLE_PATTERNS = "(*.csv *.txt *.tsv *.xlsx *.xlsm *.ods)"
NUMERIC_TYPES = {QVariant.Int, QVariant.UInt, QVariant.LongLong, QVariant.ULongLong, QVariant.Double}
SQLITE_MAX_COLUMNS = 2000  # SQLite's default column limit, which GeoPackage inherits (fid and geometry included)


class IndicatorAlgorithm(SozialplanungAlgorithm):
    """Shared steps of the indicator, burden and index algorithms."""

    GROUP_ID = "analysis"

    INPUT = "INPUT"
    CATALOGUE = "CATALOGUE"
    SHEET = "SHEET"
    KEY_FIELD = "KEY_FIELD"
    REFERENCE_FIELD = "REFERENCE_FIELD"
    OUTPUT = "OUTPUT"

    _dest_id = None
    _style = None
    _extra_styles: dict | None = None

    def add_input(self, description: str, help_text: str):
        self.add(QgsProcessingParameterFeatureSource(self.INPUT, description, [QgsProcessing.TypeVector]), help_text)

    def add_catalogue(self):
        self.add(
            QgsProcessingParameterFile(
                self.CATALOGUE, self.tr("Indicator catalogue"), fileFilter=self.tr("Tables") + " " + TABLE_PATTERNS
            ),
            self.tr(
                "Indikatorenkatalog: CSV, XLSX or ODS, one row per indicator. Columns (German names "
                "in brackets): id [Kürzel], label [Bezeichnung], topic [Thema], numerator [Zähler], "
                "denominator [Nenner], rate [Quote], weight_column [Gewichtung], multiplier [Faktor: "
                "100, 1000, 100000], polarity [Polarität: + higher is worse, - higher is better, "
                "0 neutral], core [Kern: ja/nein, 1/0, x/empty], weight [Gewicht, default 1], "
                "threshold [Schwelle], unit [Einheit], source [Quelle], index [Index: status, "
                "dynamics or none], reference [Referenzwert: published city-wide value], topic_weight "
                "[Themengewicht], decimals [Nachkommastellen]. Column names in the numerator, "
                "denominator, rate and weight_column cells are layer fields; 'sgb2' also finds "
                "'sgb2_2019', 'sgb2_2020' ... for several years."
            ),
        )
        self.add(
            QgsProcessingParameterString(self.SHEET, self.tr("Catalogue sheet (XLSX/ODS)"), optional=True),
            self.tr("Sheet of a spreadsheet catalogue; empty: the first sheet."),
            advanced=True,
        )

    def add_key(self):
        self.add(
            QgsProcessingParameterField(
                self.KEY_FIELD, self.tr("Key field of the units"), parentLayerParameterName=self.INPUT, optional=True
            ),
            self.tr("Field that names a unit in messages (e.g. PLR_ID); empty: the first text field."),
            advanced=True,
        )

    def add_reference_field(self, help_text: str, advanced: bool = False):
        self.add(
            QgsProcessingParameterField(
                self.REFERENCE_FIELD,
                self.tr("Reference area field"),
                parentLayerParameterName=self.INPUT,
                optional=True,
            ),
            help_text,
            advanced=advanced,
        )

    def add_output(self, description: str, help_text: str):
        self.add(
            QgsProcessingParameterFeatureSink(self.OUTPUT, description, QgsProcessing.TypeVectorAnyGeometry), help_text
        )

    # --- running --------------------------------------------------------------

    def read_source(self, parameters, context):
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        return source

    def read_catalogue(self, parameters, context) -> Catalogue:
        path = self.parameterAsFile(parameters, self.CATALOGUE, context)
        sheet = self.parameterAsString(parameters, self.SHEET, context).strip() or None
        try:
            return read_catalogue(path, sheet)
        except (TableError, ValueError) as e:
            raise self.fail(e) from e

    def key_field(self, parameters, context, source) -> str | None:
        name = self.parameterAsString(parameters, self.KEY_FIELD, context).strip()
        if name:
            return name
        for f in source.fields():
            if f.name().lower() != "fid" and styles_field_is_text(f):
                return f.name()
        return None

    def optional_int(self, parameters, name, context) -> int | None:
        v = parameters.get(name)
        if v is None or (isinstance(v, str) and not v.strip()):
            return None
        return self.parameterAsInt(parameters, name, context)

    def optional_double(self, parameters, name, context) -> float | None:
        v = parameters.get(name)
        if v is None or (isinstance(v, str) and not v.strip()):
            return None
        return self.parameterAsDouble(parameters, name, context)

    def protection(self, source) -> tuple[list[str], object]:
        """The data-protection rule stored on the layer by ``suppress`` and the
        fields it needs, so that rates computed here keep to it (no rates for
        units below its minimum population)."""
        if source.fields().lookupField(fn.SUPPRESSION_RULE) < 0:
            return [], None
        rule = cs.rule_from_frame(source_frame(source, [fn.SUPPRESSION_RULE]))
        if rule is None or rule.min_population <= 0 or not rule.population_field:
            return [], rule
        names = source.fields().names()
        if rule.population_field not in names:
            return [], rule
        return list(cs.population_columns(rule.population_field, names).values()), rule

    def frame(self, source, columns, feedback):
        return source_frame(source, [c for c in dict.fromkeys(columns) if c], feedback)

    @staticmethod
    def progress(feedback):
        def cb(fraction):
            feedback.setProgress(100.0 * fraction)
            if feedback.isCanceled():
                raise ci.CanceledError()

        return cb

    def write(self, parameters, context, source, added, kinds, feedback):
        out_fields = fields_with(source.fields(), kinds, replace=True)
        dest = self.parameterAsOutputLayer(parameters, self.OUTPUT, context) or ""
        low = dest.lower()
        if (".gpkg" in low or ".sqlite" in low) and out_fields.count() + 2 > SQLITE_MAX_COLUMNS:
            raise QgsProcessingException(
                self.tr(
                    "The output would have {0} fields, but a GeoPackage table holds at most {1} columns (SQLite). "
                    "Compute fewer indicators (INDICATORS), start from a layer with fewer fields, or write to another "
                    "format (e.g. FlatGeobuf .fgb or a temporary layer)."
                ).format(out_fields.count(), SQLITE_MAX_COLUMNS)
            )
        out = CompleteOrNothing(
            self, parameters, self.OUTPUT, context, out_fields, source.wkbType(), source.sourceCrs()
        )
        if out.sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        try:
            write_with_columns(source, out.sink, out_fields, added, kinds, feedback)
        except BaseException:
            out.discard()  # outputs are written completely or not at all
            raise
        out.sink = None  # closes the file, so that postProcessAlgorithm can store the style in it
        return out.dest_id

    def style_output(self, context, dest_id, style, extra=None):
        self._dest_id, self._style, self._extra_styles = dest_id, style, extra
        styles.attach(context, dest_id, style)

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802
        if self._dest_id and self._style is not None:
            try:
                if styles.store_in_output(context, self._dest_id, self._style, feedback, self._extra_styles):
                    feedback.pushInfo(self.tr("Style stored in the GeoPackage as its default style."))
            except Exception as e:  # the data is written; a style problem must not fail the run
                self.warn(feedback, self.tr("The style could not be stored: {0}").format(e))
        return {}

    def report(self, feedback, warnings):
        for w in dict.fromkeys(warnings):
            self.warn(feedback, w)


def styles_field_is_text(field) -> bool:
    return field.type() == QVariant.String


def needed_columns(catalogue, field_names, only=None) -> list[str]:
    """Layer fields the indicators read, with their sign fields."""
    infos = ci.plan(catalogue, field_names, only=only)
    cols = []
    for info in infos:
        for c in info.columns:
            for x in c.inputs:
                cols.append(x)
                if fn.sign_of(x) in field_names:
                    cols.append(fn.sign_of(x))
    return cols


def style_indicator(catalogue, result):
    """Style of the indicator output: the first core indicator's value (else
    the first with a polarity), graduated, darker = more burdened."""
    inds = [i.indicator for i in result.infos]
    first = next((i for i in inds if i.core), None) or next((i for i in inds if i.polarity != 0), inds[0])

    def style(layer):
        return styles.value_renderer(
            layer, fn.measure(first.id, "val"), first.polarity or 1, first.unit, first.decimals
        )

    return style, first


class ComputeIndicators(IndicatorAlgorithm):
    NAME = "computeindicators"

    YEAR = "YEAR"
    BASE_YEAR = "BASE_YEAR"
    TOTALS = "TOTALS"
    INDICATORS = "INDICATORS"

    def displayName(self):  # noqa: N802
        return self.tr("Compute indicators and compare with the city")

    def help_text(self):
        return self.tr(
            "Computes every indicator of the catalogue for every unit and compares it with the reference area "
            "(the whole layer, or the units with the same REFERENCE_FIELD value, e.g. the municipalities of a "
            "county).\n\n"
            "Value <id>_val: numerator / denominator x multiplier for counts, or the given rate (the multiplier "
            "does not apply to a ready rate).\n"
            "Reference <id>_ref (gesamtstädtischer Wert): counts: Σ numerator / Σ denominator x multiplier over "
            "the units of the area that have both (never the mean of the unit rates); ready rates: the "
            "catalogue's published reference, else the value in the total row of the TOTALS table, else the "
            "weighted mean Σ(rate x weight) / Σ weight with the catalogue's weight_column, else the unweighted "
            "mean of the rates (with a warning). With REFERENCE_FIELD the reference is computed per group.\n"
            "<id>_diff = val - ref (percentage points for rates in %).\n"
            "<id>_ratio = 100 x val / ref (reference = 100; empty when ref = 0).\n"
            "<id>_z = (val - mean) / sd over the units of the reference area that have a value; mean and "
            "sample standard deviation (n - 1) of the unit values (empty when n < 2 or sd = 0).\n"
            "<id>_pct = 100 x (rank - 1) / (n - 1): percentile rank 0..100 among the n units of the area "
            "with a value, rank 1 = lowest value, tied values share the lowest rank (empty when n < 2).\n\n"
            "Missing values stay missing and are never counted as 0: <id>_val_sign holds the reason (the "
            "special sign of the numerator, denominator or rate, e.g. '.', '-', '-9999'; 'x' for 0/0), and "
            "all measures of a missing value are empty. A negative denominator, or a zero denominator with a "
            "non-zero numerator, stops the algorithm with the unit's key.\n\n"
            "Several years (fields sgb2_2019, sgb2_2020, ...): the measures are for the reporting year (YEAR, "
            "default the latest); <id>_val_<year> holds every year's value, <id>_chg the change from the base "
            "year (BASE_YEAR, default the previous available year) to the reporting year (percentage points "
            "for rates) and <id>_ref_chg the change of the reference value.\n\n"
            "The output is every unit with these fields added, styled on the first core indicator's value "
            "(quantiles, darker = more burdened)."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_input(
            self.tr("Units with indicator data"),
            self.tr(
                "Layer of spatial units with the joined indicator columns (the output of "
                "joinindicators). It is read, never changed."
            ),
        )
        self.add_catalogue()
        self.add_reference_field(
            self.tr(
                "Optional: compare each unit within its group (e.g. the municipality "
                "of a county) instead of with the whole layer. References, z-scores "
                "and percentiles are then computed per group."
            )
        )
        self.add(
            QgsProcessingParameterNumber(
                self.YEAR,
                self.tr("Reporting year"),
                QgsProcessingParameterNumber.Integer,
                optional=True,
                minValue=1900,
                maxValue=2100,
            ),
            self.tr(
                "For data with several years (fields with a _<year> suffix): the year the measures "
                "refer to. Empty: the latest year of each indicator."
            ),
        )
        self.add(
            QgsProcessingParameterNumber(
                self.BASE_YEAR,
                self.tr("Base year of the change"),
                QgsProcessingParameterNumber.Integer,
                optional=True,
                minValue=1900,
                maxValue=2100,
            ),
            self.tr("Year the change <id>_chg is measured from. Empty: the previous available year."),
        )
        self.add(
            QgsProcessingParameterFile(
                self.TOTALS,
                self.tr("Table with the published total row"),
                optional=True,
                fileFilter=self.tr("Tables") + " " + TABLE_PATTERNS,
            ),
            self.tr(
                "Optional: the indicator table as delivered, with its total row (Stadt insgesamt, "
                "Gesamt, ...). For a ready rate without published reference in the catalogue, the "
                "total row's value of the rate column is the reference value."
            ),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterString(self.INDICATORS, self.tr("Indicators to compute"), optional=True),
            self.tr("Ids of the catalogue's indicators to compute, separated by ';' or ','; empty: all."),
            advanced=True,
        )
        self.add_key()
        self.add_output(
            self.tr("Indicators"),
            self.tr(
                "Every unit with <id>_val, <id>_val_sign, <id>_ref, <id>_diff, <id>_ratio, "
                "<id>_z, <id>_pct per indicator (and <id>_val_<year>, <id>_chg, <id>_ref_chg "
                "for several years)."
            ),
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        if feedback.isCanceled():  # canceled before the start: the step feedback would not know
            return {}
        steps = QgsProcessingMultiStepFeedback(4, feedback)
        source = self.read_source(parameters, context)
        catalogue = self.read_catalogue(parameters, context)
        ref_field = self.parameterAsString(parameters, self.REFERENCE_FIELD, context).strip() or None
        year = self.optional_int(parameters, self.YEAR, context)
        base_year = self.optional_int(parameters, self.BASE_YEAR, context)
        totals_path = self.parameterAsFile(parameters, self.TOTALS, context)
        only = [
            x.strip()
            for x in self.parameterAsString(parameters, self.INDICATORS, context).replace(",", ";").split(";")
            if x.strip()
        ] or None
        key = self.key_field(parameters, context, source)
        names = source.fields().names()
        try:
            cols = needed_columns(catalogue, names, only)
        except (TableError, ValueError) as e:
            raise self.fail(e) from e
        totals = None
        if totals_path:
            try:
                table = read_table(totals_path)
            except TableError as e:
                raise self.fail(e) from e
            if table.totals is None or not len(table.totals):
                raise QgsProcessingException(
                    self.tr("{0}: no total row found (a row labelled 'insgesamt', 'Gesamt', 'Summe', ...)").format(
                        totals_path
                    )
                )
            totals = ci.published_totals(table.totals)
        try:
            steps.setCurrentStep(0)
            protect_cols, rule = self.protection(source)
            data = self.frame(source, cols + [key, ref_field] + protect_cols, steps)
            withheld = cs.rate_withheld(data, rule)
            if withheld:
                feedback.pushInfo(
                    self.tr("Data protection: no rates for units with fewer than {0} inhabitants ({1}).").format(
                        f"{rule.min_population:g}", rule.population_field
                    )
                )
            steps.setCurrentStep(1)
            result = ci.compute(
                data,
                catalogue,
                keys=data[key] if key else None,
                groups=data[ref_field] if ref_field else None,
                year=year,
                base_year=base_year,
                totals=totals,
                only=only,
                progress=self.progress(steps),
                withheld=withheld,
                withheld_sign=rule.sign if rule is not None else ".",
            )
        except ci.CanceledError:
            return {}
        except (TableError, ValueError) as e:
            raise self.fail(e) from e
        self.report(feedback, result.warnings)
        for info in result.infos:
            ind = info.indicator
            ref = "" if info.city_reference is None else f" {info.city_reference:.{ind.decimals}f} {ind.unit}"
            when = f", {info.year}" if info.year is not None else ""
            feedback.pushInfo(self.tr("{0}: reference{1} ({2}{3})").format(ind.id, ref, info.reference_method, when))
        steps.setCurrentStep(2)
        try:
            dest_id = self.write(parameters, context, source, result.frame, result.kinds, steps)
        except ci.CanceledError:
            return {}
        style, first = style_indicator(catalogue, result)
        self.style_output(context, dest_id, style)
        steps.setCurrentStep(3)
        feedback.pushInfo(self.tr("{0} indicator(s) computed for {1} units.").format(len(result.infos), len(data)))
        return {self.OUTPUT: dest_id}
