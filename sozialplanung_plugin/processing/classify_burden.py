"""sozialplanung:classifyburden: the transparent rule for "besonders belastet"."""

from __future__ import annotations

import pandas as pd
from qgis.core import (
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterNumber,
)

from sozialplanung_plugin import compat
from sozialplanung_plugin.adapters import styles
from sozialplanung_plugin.core import burden as cb
from sozialplanung_plugin.core import fields as fn
from sozialplanung_plugin.core import indicators as ci
from sozialplanung_plugin.core import suppression as cs
from sozialplanung_plugin.core.errors import UserError
from sozialplanung_plugin.processing.base import IndicatorAlgorithm, group_rule, needed_columns


class ClassifyBurden(IndicatorAlgorithm):
    NAME = "classifyburden"

    MEASURE = "MEASURE"
    THRESHOLD = "THRESHOLD"
    MIN_FLAGS = "MIN_FLAGS"
    PARTICULARLY = "PARTICULARLY_BURDENED"
    BURDENED = "BURDENED"
    UNREMARKABLE = "UNREMARKABLE"
    UNDECIDED = "NOT_ASSESSABLE"

    def displayName(self):  # noqa: N802
        return self.tr("Classify burdened units (burden rule)")

    def help_text(self):
        return self.tr(
            "Selects the 'besonders belastet' (particularly burdened) units by a rule anyone can trace.\n\n"
            "A unit is flagged on a core indicator (catalogue column core = ja) when its deviation in the "
            "adverse direction reaches the threshold. With polarity p = +1 (higher is worse) or -1 (higher is "
            "better):\n"
            "difference: p x (val - ref) >= threshold, in the indicator's unit (percentage points for %);\n"
            "ratio: p x (ratio - 100) >= threshold, in index points (20: at least 120, or at most 80 when "
            "higher is better);\n"
            "zscore: p x z >= threshold, in standard deviations;\n"
            "percentile: pct >= threshold (p = +1) or 100 - pct >= threshold (p = -1), percentile rank "
            "0..100.\n"
            "The catalogue's threshold of an indicator wins over THRESHOLD. Defaults when neither is given: "
            "ratio 20, zscore 1, percentile 90 (difference has none).\n\n"
            "burden_class: 'besonders belastet' (burden_code 3) with at least MIN_FLAGS flagged core "
            "indicators; 'belastet' (2) with at least one flag but fewer than MIN_FLAGS; 'unauffällig' (1) "
            "with no flag; 'nicht bewertbar' (no code) when a core indicator is missing and could still change "
            "the class (2 flags of 2 needed are 'besonders belastet' whatever is missing).\n\n"
            "Output fields: <id>_flag (1/0, empty when missing) per core indicator, burden_flags, burden_code, "
            "burden_class, burden_reason (every flagged indicator in words, e.g. 'SGB II 24,1 % vs. Stadt "
            "11,2 % (+12,9 Pp.)', and the missing ones), burden_rule (the rule as text), action_fields (the "
            "fields of action: the catalogue's topics in which the unit has a flagged core indicator, in the "
            "catalogue's order, separated by '; ') and action_fields_n (their number).\n\n"
            "The input is normally the output of computeindicators. If it lacks the fields <id>_val, <id>_ref "
            "and the measure, they are computed first (with REFERENCE_FIELD, latest year) and written too. "
            "The output is styled on burden_class."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_input(
            self.tr("Units with indicators"),
            self.tr(
                "Output of computeindicators (or a layer with the joined indicator columns). It is read, never changed."
            ),
        )
        self.add_catalogue()
        self.add_enum(
            self.MEASURE,
            self.tr("Measure of the deviation"),
            list(cb.MEASURES),
            "zscore",
            self.tr(
                "difference: val - ref; ratio: 100 x val / ref; zscore: z-score over the units "
                "(the default, with threshold 1 it runs without further settings); percentile: "
                "percentile rank 0..100."
            ),
        )
        self.add(
            QgsProcessingParameterNumber(self.THRESHOLD, self.tr("Threshold"), compat.NUMBER_DOUBLE, optional=True),
            self.tr(
                "How far a core indicator must deviate in the adverse direction, in the unit of the "
                "measure (percentage points, index points, standard deviations or percentile rank). "
                "The catalogue's column threshold overrides it per indicator. Empty: ratio 20, "
                "zscore 1, percentile 90."
            ),
        )
        self.add(
            QgsProcessingParameterNumber(
                self.MIN_FLAGS,
                self.tr("Minimum number of flagged core indicators"),
                compat.NUMBER_INTEGER,
                defaultValue=2,
                minValue=1,
            ),
            self.tr("A unit is 'besonders belastet' when at least this many core indicators are flagged."),
        )
        self.add_reference_field(
            self.tr(
                "Optional: the field of the reference areas used in computeindicators "
                "(e.g. the municipality); it names the reference in burden_reason "
                "instead of 'Stadt'."
            ),
            advanced=True,
        )
        self.add_key()
        self.add_output(
            self.tr("Burden classes"),
            self.tr(
                "Every unit with <id>_flag, burden_flags, burden_code, burden_class, burden_reason, "
                "burden_rule, action_fields and action_fields_n, styled on burden_class."
            ),
        )
        for name, text in (
            (self.PARTICULARLY, self.tr("Units 'besonders belastet'")),
            (self.BURDENED, self.tr("Units 'belastet'")),
            (self.UNREMARKABLE, self.tr("Units 'unauffällig'")),
            (self.UNDECIDED, self.tr("Units 'nicht bewertbar'")),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, text))

    @staticmethod
    def fields_at_hand(core, names, mfield) -> tuple[list[str], list[str]]:
        """(core indicators whose computeindicators fields are missing, the fields present to read)."""
        missing = [i.id for i in core if not all(fn.measure(i.id, m) in names for m in ("val", "ref", mfield))]
        have = [
            c
            for i in core
            if i.id not in missing
            for c in (
                fn.measure(i.id, "val"),
                fn.measure(i.id, "ref"),
                fn.measure(i.id, mfield),
                fn.sign_of(fn.measure(i.id, "val")),
            )
            if c in names
        ]
        return missing, have

    def columns_for(self, catalogue, names, missing, mfield) -> list[str]:
        try:
            return needed_columns(catalogue, names, missing)
        except UserError as e:
            raise ci.IndicatorError(
                f"the burden rule needs the fields of computeindicators (<id>_val, <id>_ref, "
                f"<id>_{mfield}) for the core indicators {', '.join(missing)}, or their data "
                f"columns: {e}"
            ) from e

    def run_algorithm(self, parameters, context, feedback):
        steps = QgsProcessingMultiStepFeedback(4, feedback)
        source = self.read_source(parameters, context)
        catalogue = self.read_catalogue(parameters, context)
        measure = self.enum_value(parameters, self.MEASURE, context)
        threshold = self.optional_double(parameters, self.THRESHOLD, context)
        min_flags = self.parameterAsInt(parameters, self.MIN_FLAGS, context)
        ref_field = self.parameterAsString(parameters, self.REFERENCE_FIELD, context).strip() or None
        key = self.key_field(parameters, context, source)
        names = source.fields().names()
        mfield = cb.MEASURE_FIELD.get(measure, "diff")
        # core indicators whose fields (from computeindicators) are missing are computed here first
        missing, have = self.fields_at_hand(catalogue.core_indicators(), names, mfield)
        computed = None
        steps.setCurrentStep(0)
        cols = []
        if missing:
            feedback.pushInfo(
                self.tr(
                    "The input has no indicator fields for {0}: computing them first (as computeindicators)."
                ).format(", ".join(missing))
            )
            cols = self.columns_for(catalogue, names, missing, mfield)
        protect_cols, rule = self.protection(source) if missing else ([], None)
        data = self.frame(source, have + cols + [key, ref_field] + protect_cols, steps)
        frame = data
        if missing:
            steps.setCurrentStep(1)
            computed = ci.compute(
                data,
                catalogue,
                keys=data[key] if key else None,
                groups=data[ref_field] if ref_field else None,
                only=missing,
                progress=self.progress(steps),
                withheld=cs.rate_withheld(data, rule),
                withheld_sign=rule.sign if rule is not None else ".",
                group_rule=group_rule(data, rule),
            )
            self.report(feedback, computed.warnings)
            frame = pd.concat([data[have], computed.frame], axis=1)
        steps.setCurrentStep(2)
        result = cb.classify(
            frame, catalogue, measure, threshold, min_flags, area_labels=data[ref_field] if ref_field else None
        )
        self.report(feedback, result.warnings)
        feedback.pushInfo(result.rule)
        added, kinds = result.frame, result.kinds
        if computed is not None:
            added = pd.concat([computed.frame, result.frame], axis=1)
            kinds = computed.kinds + result.kinds
        steps.setCurrentStep(3)
        dest_id = self.write_output(parameters, context, source, added, kinds, steps)
        self.style_output(context, dest_id, styles.burden_renderer)
        counts = result.counts()
        feedback.pushInfo(", ".join(f"{k}: {v}" for k, v in counts.items()))
        return {
            self.OUTPUT: dest_id,
            self.PARTICULARLY: counts[cb.PARTICULARLY],
            self.BURDENED: counts[cb.BURDENED],
            self.UNREMARKABLE: counts[cb.UNREMARKABLE],
            self.UNDECIDED: counts[cb.UNDECIDED],
        }
