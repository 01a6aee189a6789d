"""sozialplanung:computeindicators: values, city-wide references and deviations."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingMultiStepFeedback,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from sozialplanung_plugin import compat
from sozialplanung_plugin.adapters import styles
from sozialplanung_plugin.core import fields as fn
from sozialplanung_plugin.core import indicators as ci
from sozialplanung_plugin.core import suppression as cs
from sozialplanung_plugin.core.tables import TableError, read_table
from sozialplanung_plugin.processing.base import TABLE_PATTERNS, IndicatorAlgorithm, group_rule, needed_columns


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
    COMPARE_FIELDS = "COMPARE_FIELDS"

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
                compat.NUMBER_INTEGER,
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
                compat.NUMBER_INTEGER,
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
        self.add(
            QgsProcessingParameterField(
                self.COMPARE_FIELDS,
                self.tr("Compare also within the groups of"),
                parentLayerParameterName=self.INPUT,
                type=compat.FIELD_ANY,
                allowMultiple=True,
                optional=True,
            ),
            self.tr(
                "Two-level comparison (e.g. a county): for each field F given here (e.g. the municipality) every "
                "unit is also compared with the units of its group: <id>_ref_F (Σ numerators / Σ denominators of "
                "the group), <id>_diff_F, <id>_ratio_F, <id>_z_F, <id>_pct_F and <id>_rank_F (1 = most adverse by "
                "polarity in the group; ties share the lowest rank), beside the unsuffixed fields of the whole "
                "layer, and <id>_rank over the whole layer."
            ),
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

    def indicators_asked(self, parameters, context) -> list[str] | None:
        text = self.parameterAsString(parameters, self.INDICATORS, context).replace(",", ";")
        return [x.strip() for x in text.split(";") if x.strip()] or None

    def published_totals(self, parameters, context) -> dict | None:
        """The total row of the TOTALS table (published reference values), if given."""
        path = self.parameterAsFile(parameters, self.TOTALS, context)
        if not path:
            return None
        table = read_table(path)
        if table.totals is None or not len(table.totals):
            raise TableError(
                self.tr("{0}: no total row found (a row labelled 'insgesamt', 'Gesamt', 'Summe', ...)").format(path)
            )
        return ci.published_totals(table.totals)

    def run_algorithm(self, parameters, context, feedback):
        steps = QgsProcessingMultiStepFeedback(4, feedback)
        source = self.read_source(parameters, context)
        catalogue = self.read_catalogue(parameters, context)
        ref_field = self.parameterAsString(parameters, self.REFERENCE_FIELD, context).strip() or None
        only = self.indicators_asked(parameters, context)
        key = self.key_field(parameters, context, source)
        cols = needed_columns(catalogue, source.fields().names(), only)
        compare = compat.parameter_as_fields(self, parameters, self.COMPARE_FIELDS, context)
        totals = self.published_totals(parameters, context)
        steps.setCurrentStep(0)
        protect_cols, rule = self.protection(source)
        data = self.frame(source, cols + [key, ref_field] + protect_cols + compare, steps)
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
            year=self.optional_int(parameters, self.YEAR, context),
            base_year=self.optional_int(parameters, self.BASE_YEAR, context),
            totals=totals,
            only=only,
            progress=self.progress(steps),
            withheld=withheld,
            withheld_sign=rule.sign if rule is not None else ".",
            compare_fields={f: data[f] for f in compare} or None,
            group_rule=group_rule(data, rule),
        )
        self.report(feedback, result.warnings)
        for info in result.infos:
            ind = info.indicator
            ref = "" if info.city_reference is None else f" {info.city_reference:.{ind.decimals}f} {ind.unit}"
            when = f", {info.year}" if info.year is not None else ""
            feedback.pushInfo(self.tr("{0}: reference{1} ({2}{3})").format(ind.id, ref, info.reference_method, when))
        steps.setCurrentStep(2)
        dest_id = self.write_output(parameters, context, source, result.frame, result.kinds, steps)
        style, first = style_indicator(catalogue, result)
        self.style_output(context, dest_id, style)
        steps.setCurrentStep(3)
        feedback.pushInfo(self.tr("{0} indicator(s) computed for {1} units.").format(len(result.infos), len(data)))
        return {self.OUTPUT: dest_id}
