"""sozialplanung:measureeffects: the measures' areas beside comparable areas without a measure."""

from __future__ import annotations

from qgis.core import QgsProcessingMultiStepFeedback, QgsProcessingParameterField

from sozialplanung_plugin.core import effects as ef
from sozialplanung_plugin.core.report import write_report
from sozialplanung_plugin.processing.measure_goals import MeasuresAlgorithm


class MeasureEffects(MeasuresAlgorithm):
    NAME = "measureeffects"

    COMPARISON_FIELD = "COMPARISON_FIELD"
    DRAWS = "DRAWS"
    SEED = "SEED"

    def displayName(self):  # noqa: N802
        return self.tr("Measures: comparison with similar areas")

    def help_text(self):
        return (
            self.tr(
                "Per measure of the register and indicator with a yearly series, a difference-in-differences: did = "
                "(a(L) - a(B)) - (k(L) - k(B)), a = the indicator rebuilt over the measure's units (Σ numerators / Σ "
                "denominators; ready rates weighted), k = the same over the comparison units, B = the base year (as "
                "in measuregoals), L = the latest year with a value. Only units with a value in both years "
                "count.\n\nComparison units: units in no measure of the register that were in the same class in B as "
                "one of the measure's units: the field status_class_<B> (compositeindex with SERIES) or "
                "COMPARISON_FIELD (<field>_<B> when it exists, else <field>); without a class field every unit "
                "without a measure.\n\nChance interval: DRAWS times (at least 999, random generator numpy "
                "RandomState(SEED), the same on every computer) as many units as the measure has are drawn from the "
                "comparison units and their difference to the comparison group computed the same way; interval_low "
                "and interval_high are the 2.5 % and 97.5 % quantiles, share_as_favourable the share of draws at "
                "least as favourable as the measure's area. assessment says it in words, e.g. 'Entwicklung im "
                "Maßnahmengebiet günstiger als in vergleichbaren Gebieten; das belegt keine Wirkung der Maßnahme': "
                "the comparison shows how the area moved beside similar areas, not why.\n\n"
            )
            + self.register_help()
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_units_catalogue_register()
        self.add(
            QgsProcessingParameterField(
                self.COMPARISON_FIELD,
                self.tr("Class field for the comparison"),
                parentLayerParameterName=self.UNITS,
                optional=True,
            ),
            self.tr(
                "Units count as comparable when they had the same value of this field in the base year "
                "(<field>_<year> when the layer has it, else the field itself). Empty: status_class_<year> from "
                "compositeindex with SERIES, if present."
            ),
        )
        self.add_draws_and_seed()
        self.add_table_output(
            self.tr("Comparison"),
            self.tr(
                "A table without geometry, one row per measure and indicator: base_year, latest_year, units_used, "
                "comparison_n, comparison_basis, area_base, area_latest, area_change, comparison_base, "
                "comparison_latest, comparison_change, city_change, did, draws, seed, interval_low, interval_high, "
                "share_as_favourable, assessment, note."
            ),
        )
        self.add_report(
            self.tr("The comparison in a table with the method and what it does not show (and a JSON file beside it).")
        )

    def run_algorithm(self, parameters, context, feedback):
        steps = QgsProcessingMultiStepFeedback(3, feedback)
        field = self.parameterAsString(parameters, self.COMPARISON_FIELD, context).strip() or None
        source, data, keys, catalogue = self.read_units(parameters, context, steps, field)
        register = self.read_register(parameters, context, keys, catalogue, source)
        steps.setCurrentStep(1)
        result = ef.compute_effects(
            data,
            catalogue,
            register,
            keys=keys,
            class_field=field,
            draws=self.parameterAsInt(parameters, self.DRAWS, context),
            seed=self.parameterAsInt(parameters, self.SEED, context),
            progress=self.progress(steps),
        )
        self.report(feedback, result.warnings)
        steps.setCurrentStep(2)
        dest_id = self.write_rows(parameters, context, result.frame, result.kinds, steps)
        out = {self.OUTPUT: dest_id, self.MEASURES_N: len(register)}
        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if report_path:
            write_report(report_path, ef.report(result, self.lang()), "effects_report.html", self.lang())
            out[self.REPORT] = report_path
        feedback.pushInfo(
            self.tr("{0} measures compared on {1} indicators ({2} draws, seed {3}).").format(
                len(register), len(result.series), result.draws, result.seed
            )
        )
        return out
