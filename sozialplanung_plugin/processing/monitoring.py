"""sozialplanung:monitoring: yearly series, the adverse runs and the early warning."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from sozialplanung_plugin import compat
from sozialplanung_plugin.adapters import history, styles
from sozialplanung_plugin.core import archive
from sozialplanung_plugin.core import monitoring as cm
from sozialplanung_plugin.core import suppression as cs
from sozialplanung_plugin.core.errors import UserError
from sozialplanung_plugin.core.report import write_report
from sozialplanung_plugin.processing.base import IndicatorAlgorithm, needed_columns


class Monitoring(IndicatorAlgorithm):
    NAME = "monitoring"

    YEARS = "YEARS"
    MEASURE = "MEASURE"
    THRESHOLD = "THRESHOLD"
    MIN_FLAGS = "MIN_FLAGS"
    CONSECUTIVE = "CONSECUTIVE"
    NAME_FIELD = "NAME_FIELD"
    REPORT = "REPORT"
    WATCHED = "WATCHED"
    HISTORY = "HISTORY"
    HISTORY_TABLE = "HISTORY_TABLE"

    def displayName(self):  # noqa: N802
        return self.tr("Monitoring: trends and early warning")

    def help_text(self):
        return self.tr(
            "Sozialmonitoring over the years of the layer (fields <column>_<year> as joinindicators writes them "
            "with FIELD_SUFFIX). Per indicator and year t after the first (t_prev: the previous year present):\n"
            "<id>_chg_<t> = v(t) - v(t_prev), the unit's change; <id>_ref_chg_<t> = r(t) - r(t_prev), the "
            "city's (r = Σ numerators / Σ denominators, as computeindicators);\n"
            "<id>_excess_<t> = p x (chg - ref_chg), p = +1 for polarity +, -1 for -: positive when the unit "
            "moved in the adverse direction faster than the city;\n"
            "<id>_slope, <id>_ref_slope: least-squares slope per year of the unit's and the city's values;\n"
            "<id>_adverse_run: consecutive periods up to the latest with excess > 0.\n\n"
            "Early warning: a core indicator is flagged (<id>_watch) when its latest excess exceeds THRESHOLD "
            "(MEASURE difference: in the indicator's unit, percentage points for rates; zscore: in sample "
            "standard deviations of the latest excess over the units with a value) or its adverse run is at "
            "least CONSECUTIVE periods. watch_flags counts the flagged core indicators, watch_flag = 1 from "
            "MIN_FLAGS on, watch_since is the first year of the current run, watch_reason says it in words. "
            "Missing and withheld values stay missing and are named, never counted as 0."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_input(
            self.tr("Units with yearly indicator fields"),
            self.tr("Units with the fields of several years, e.g. from joinindicators with FIELD_SUFFIX=_2023."),
        )
        self.add_catalogue()
        self.add(
            QgsProcessingParameterString(self.YEARS, self.tr("Years"), optional=True),
            self.tr("The years to compare, separated by ';' (e.g. 2013;2015;2017;2019); empty: every year found."),
        )
        self.add_enum(
            self.MEASURE,
            self.tr("Measure of the excess"),
            list(cm.MEASURES),
            "difference",
            self.tr(
                "difference: the excess in the indicator's own unit (percentage points for rates); zscore: in "
                "standard deviations of the latest period's excess over all units."
            ),
        )
        self.add(
            QgsProcessingParameterNumber(
                self.THRESHOLD, self.tr("Threshold"), compat.NUMBER_DOUBLE, defaultValue=1.0, minValue=0.0
            ),
            self.tr("A core indicator is flagged when its latest excess is larger than this."),
        )
        self.add(
            QgsProcessingParameterNumber(
                self.MIN_FLAGS,
                self.tr("Flagged core indicators for the watch list"),
                compat.NUMBER_INTEGER,
                1,
                False,
                1,
            ),
            self.tr("A unit is on the watch list (watch_flag = 1) from this many flagged core indicators on."),
        )
        self.add(
            QgsProcessingParameterNumber(
                self.CONSECUTIVE,
                self.tr("Adverse periods in a row"),
                compat.NUMBER_INTEGER,
                defaultValue=3,
                minValue=1,
            ),
            self.tr("A core indicator is also flagged when it moved adversely in this many periods in a row."),
        )
        self.add(
            QgsProcessingParameterField(
                self.NAME_FIELD, self.tr("Name field"), parentLayerParameterName=self.INPUT, optional=True
            ),
            self.tr("Field with the units' names for the report (e.g. PLR_NAME)."),
            advanced=True,
        )
        self.add_key()
        self.add(
            QgsProcessingParameterString(
                self.HISTORY, self.tr("Series from the history (GeoPackage or PostgreSQL)"), optional=True
            ),
            self.tr(
                "Read the series from the history table that sozialplanung:archive wrote (a .gpkg file, "
                "service=name, dbname=... host=..., or a saved QGIS connection) instead of the layer's yearly "
                "fields: the values and city-wide references as they were published, matched by KEY_FIELD."
            ),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterString(
                self.HISTORY_TABLE, self.tr("History table"), defaultValue=history.DEFAULT_TABLE, optional=True
            ),
            self.tr("Name of the history table (PostgreSQL: schema.table possible)."),
            advanced=True,
        )
        self.add_output(
            self.tr("Monitoring"),
            self.tr(
                "Every unit with the fields above and the watch list fields watch_flags, watch_flag, "
                "watch_since, watch_reason."
            ),
        )
        self.add(
            QgsProcessingParameterFileDestination(
                self.REPORT, self.tr("Report (HTML)"), fileFilter="HTML (*.html)", optional=True
            ),
            self.tr("The rule, the city's values per year and the watch list (and a JSON file beside it)."),
        )
        self.addOutput(QgsProcessingOutputNumber(self.WATCHED, self.tr("Units on the watch list")))

    def rule(self, parameters, context) -> cm.WatchRule:
        return cm.WatchRule(
            measure=self.enum_value(parameters, self.MEASURE, context),
            threshold=self.parameterAsDouble(parameters, self.THRESHOLD, context),
            min_flags=self.parameterAsInt(parameters, self.MIN_FLAGS, context),
            consecutive=self.parameterAsInt(parameters, self.CONSECUTIVE, context),
        )

    def years(self, parameters, context) -> list[int] | None:
        text = self.parameterAsString(parameters, self.YEARS, context).replace(",", ";")
        out = []
        for part in (p.strip() for p in text.split(";")):
            if not part:
                continue
            if not part.isdigit():
                raise UserError(f"YEARS: {part!r} is not a year (give e.g. 2013;2015;2017)")
            out.append(int(part))
        return out or None

    def run_algorithm(self, parameters, context, feedback):
        steps = QgsProcessingMultiStepFeedback(3, feedback)
        source = self.read_source(parameters, context)
        catalogue = self.read_catalogue(parameters, context)
        key = self.key_field(parameters, context, source)
        name_field = self.parameterAsString(parameters, self.NAME_FIELD, context).strip() or None
        rule = self.rule(parameters, context)
        years = self.years(parameters, context)
        steps.setCurrentStep(0)
        hist_db = self.parameterAsString(parameters, self.HISTORY, context).strip()
        cols = [] if hist_db else needed_columns(catalogue, source.fields().names())
        protect_cols, protection = self.protection(source)
        data = self.frame(source, cols + [key, name_field] + protect_cols, steps)
        withheld = cs.rate_withheld(data, protection)
        if withheld:
            feedback.pushInfo(
                self.tr("Data protection: no rates for units with fewer than {0} inhabitants ({1}).").format(
                    f"{protection.min_population:g}", protection.population_field
                )
            )
        steps.setCurrentStep(1)
        keys = data[key].to_numpy() if key else data.index.to_numpy()
        if hist_db:
            table = self.parameterAsString(parameters, self.HISTORY_TABLE, context).strip() or history.DEFAULT_TABLE
            hist = history.read_history(hist_db, table)
            unit_keys = archive.check_keys(data, key, "INPUT")
            result = archive.monitoring(hist, catalogue, rule, list(unit_keys), years=years, index=data.index)
        else:
            result = cm.compute(
                data,
                catalogue,
                rule,
                keys=keys,
                years=years,
                withheld=withheld,
                withheld_sign=protection.sign if protection is not None else ".",
            )
        self.report(feedback, result.warnings)
        steps.setCurrentStep(2)
        dest_id = self.write_output(parameters, context, source, result.frame, result.kinds, steps)
        self.style_output(context, dest_id, lambda layer: styles.value_renderer(layer, "watch_flags", 1, "", 0))
        watched = int((result.frame["watch_flag"] == 1).sum())
        out = {self.OUTPUT: dest_id, self.WATCHED: watched}
        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if report_path:
            names = data[name_field].to_numpy() if name_field and name_field in data.columns else None
            write_report(
                report_path, cm.report(result, keys, names, self.lang()), "monitoring_report.html", self.lang()
            )
            out[self.REPORT] = report_path
        feedback.pushInfo(
            self.tr("{0} of {1} units on the watch list ({2}).").format(watched, len(data), cm.rule_text(rule, "en"))
        )
        return out
