"""sozialplanung:suppress: small counts never reach a published output."""

from __future__ import annotations

import re

from qgis.core import (
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsVectorLayer,
)

from sozialplanung_plugin import compat
from sozialplanung_plugin.adapters.layers import field_kind, fields_with
from sozialplanung_plugin.core import suppression as cs
from sozialplanung_plugin.processing.base import TABLE_PATTERNS, IndicatorAlgorithm


class Suppress(IndicatorAlgorithm):
    NAME = "suppress"
    GROUP_ID = "protection"

    FIELDS = "FIELDS"
    MIN_COUNT = "MIN_COUNT"
    SUPPRESS_ZEROS = "SUPPRESS_ZEROS"
    MIN_POPULATION = "MIN_POPULATION"
    POPULATION_FIELD = "POPULATION_FIELD"
    GROUP_FIELD = "GROUP_FIELD"
    SIGN = "SIGN"
    PRIMARY = "PRIMARY"
    SECONDARY = "SECONDARY"
    DERIVED = "DERIVED"
    UNPROTECTED = "UNPROTECTED"

    def displayName(self):  # noqa: N802
        return self.tr("Suppress small numbers (data protection)")

    def help_text(self):
        return self.tr(
            "Withholds small counts and everything that would reveal them, so that the layer can be published "
            "(maps, labels, profiles, exports). The input is never changed.\n\n"
            "Cells: the count fields named in FIELDS and/or the numerator and denominator columns of the "
            "CATALOGUE's indicators (every year).\n"
            "Primary suppression: a count x with 0 < x < MIN_COUNT is withheld (with SUPPRESS_ZEROS also x = 0).\n"
            "Secondary suppression (against differencing): per count field and group (GROUP_FIELD, default all "
            "units) the cells add up to a published total; per unit the categories of a catalogue breakdown "
            "(column breakdown/Aufgliederung, e.g. age groups) add up to their denominator, and so do count "
            "fields found to add up to another count field in every unit. Where a total would "
            "give a withheld cell away (total minus the published cells), the smallest further cell with a "
            "value > 0 is withheld, repeated until nothing changes. A reader who knows the marks (primary: "
            "below MIN_COUNT; secondary: at least MIN_COUNT) and combines all totals still finds at least two "
            "possible values for every withheld cell; cells for which no further cell can ensure that (e.g. a "
            "group of one unit) are listed as warnings.\n"
            "Derived values: every value computed from a withheld count of the unit is withheld too: <id>_val, "
            "_diff, _ratio, _z, _pct, _flag, _val_<year>, _chg (when its year or base year is withheld), the "
            "composite index fields of that indicator, the burden fields when a core indicator is withheld and "
            "the status/dynamics fields when an indicator of that index is withheld. The reference <id>_ref "
            "(the published city-wide value) stays. Units below MIN_POPULATION (or without population) publish "
            "no rates and nothing derived from rates; their counts are still subject to MIN_COUNT.\n\n"
            "Output: withheld values become NULL; <field>_sign holds SIGN and <field>_supp 'primary' or "
            "'secondary' (a derived value takes the stronger mark of its sources; MIN_POPULATION marks "
            "'primary'). These fields are added only for fields with withheld cells. Every unit gets "
            "suppression_note (the rule in German words, for footnotes) and suppression_rule (the rule as "
            "JSON). Fields that look derived from the protected counts but are not known to the rule (e.g. "
            "percentages delivered with a table) are listed as a warning: remove them before publishing.\n\n"
            "Run it as the last step before maps and profiles. z-scores, percentiles and index values of the "
            "other units were computed with the withheld values included; when those are published, run "
            "suppress on the joined layer first and computeindicators on its output."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add(
            QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Units"), [compat.SOURCE_VECTOR]),
            self.tr(
                "Layer of spatial units with count fields (joined) and possibly the fields of "
                "computeindicators, classifyburden and compositeindex. It is read, never changed."
            ),
        )
        self.add(
            QgsProcessingParameterField(
                self.FIELDS,
                self.tr("Count fields"),
                parentLayerParameterName=self.INPUT,
                type=compat.FIELD_ANY,
                allowMultiple=True,
                optional=True,
            ),
            self.tr(
                "Fields holding counts (Fallzahlen: numerators, populations) to protect, in addition to "
                "the catalogue's numerator and denominator columns. Whole numbers >= 0 (text fields "
                "holding German numbers such as 1.234 are read too); rates and percentages are not counts. "
                "Fields that add up to another count field in every unit (e.g. age groups and the "
                "population) are found and protected like a catalogue breakdown."
            ),
        )
        self.add(
            QgsProcessingParameterFile(
                self.CATALOGUE,
                self.tr("Indicator catalogue"),
                optional=True,
                fileFilter=self.tr("Tables") + " " + TABLE_PATTERNS,
            ),
            self.tr(
                "Optional: the indicator catalogue. Its numerator and denominator columns (every year) "
                "are protected, its breakdowns (column breakdown/Aufgliederung) add the categories' "
                "totals, and every field computed from an indicator (values, deviations, flags, burden "
                "and index fields) is withheld with its counts. Give FIELDS, a catalogue or both."
            ),
        )
        self.add(
            QgsProcessingParameterString(self.SHEET, self.tr("Catalogue sheet (XLSX/ODS)"), optional=True),
            self.tr("Sheet of a spreadsheet catalogue; empty: the first sheet."),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterNumber(
                self.MIN_COUNT,
                self.tr("Minimum count"),
                compat.NUMBER_INTEGER,
                defaultValue=3,
                minValue=1,
            ),
            self.tr(
                "Counts from 1 up to MIN_COUNT - 1 are withheld (primary suppression). Common values: "
                "3 (default), 5 or 10, as your statistics office's rules say."
            ),
        )
        self.add(
            QgsProcessingParameterBoolean(self.SUPPRESS_ZEROS, self.tr("Withhold zeros too"), defaultValue=False),
            self.tr(
                "Off (default): 0 is published (nobody can be identified by an empty cell); "
                "complementary cells are then always > 0, since withholding a 0 protects nothing. On: "
                "0 is withheld like the other small counts (stricter; some offices require it, and it "
                "helps where tiny units would otherwise stay identifiable)."
            ),
        )
        self.add(
            QgsProcessingParameterNumber(
                self.MIN_POPULATION,
                self.tr("Minimum population for rates"),
                compat.NUMBER_DOUBLE,
                defaultValue=0,
                minValue=0,
            ),
            self.tr(
                "Units with fewer inhabitants (POPULATION_FIELD), or without a value there, publish no "
                "rates and nothing computed from rates (deviations, flags, classes, indices). 0: no "
                "such rule. The Berlin Monitoring Soziale Stadtentwicklung uses 300."
            ),
        )
        self.add(
            QgsProcessingParameterField(
                self.POPULATION_FIELD,
                self.tr("Population field"),
                parentLayerParameterName=self.INPUT,
                type=compat.FIELD_NUMERIC,
                optional=True,
            ),
            self.tr(
                "Inhabitants per unit, for MIN_POPULATION. A field with a year suffix (e.g. "
                "inhabitants_2024) serves its year; its siblings (inhabitants_2021, ...) serve theirs."
            ),
        )
        self.add(
            QgsProcessingParameterField(
                self.GROUP_FIELD, self.tr("Group field"), parentLayerParameterName=self.INPUT, optional=True
            ),
            self.tr(
                "Units whose sum is published as a total, e.g. the municipality of each unit in a "
                "county. Secondary suppression protects each group's total per count field. Empty: all "
                "units form one group (the city total)."
            ),
        )
        self.add(
            QgsProcessingParameterString(self.SIGN, self.tr("Sign for withheld values"), defaultValue="."),
            self.tr(
                "Written to <field>_sign of every withheld value: '.' (default: 'Zahlenwert unbekannt "
                "oder geheim zu halten') or '*' as your office's tables use."
            ),
        )
        self.add_key()
        self.add(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Protected units"), compat.SOURCE_VECTOR_ANY),
            self.tr(
                "Every unit, withheld values NULL with <field>_sign and <field>_supp, and "
                "suppression_note / suppression_rule. Publish this layer, not its input."
            ),
        )
        self.addOutput(QgsProcessingOutputNumber(self.PRIMARY, self.tr("Counts withheld (primary)")))
        self.addOutput(QgsProcessingOutputNumber(self.SECONDARY, self.tr("Counts withheld (secondary)")))
        self.addOutput(QgsProcessingOutputNumber(self.DERIVED, self.tr("Derived values withheld")))
        self.addOutput(
            QgsProcessingOutputNumber(self.UNPROTECTED, self.tr("Withheld cells that could not be fully protected"))
        )

    def rule(self, parameters, context) -> cs.SuppressionRule:
        sign = self.parameterAsString(parameters, self.SIGN, context)
        rule = cs.SuppressionRule(
            min_count=self.parameterAsInt(parameters, self.MIN_COUNT, context),
            min_population=self.parameterAsDouble(parameters, self.MIN_POPULATION, context),
            population_field=self.parameterAsString(parameters, self.POPULATION_FIELD, context).strip() or None,
            group_field=self.parameterAsString(parameters, self.GROUP_FIELD, context).strip() or None,
            sign=sign.strip() if sign is not None else ".",
            suppress_zeros=self.parameterAsBoolean(parameters, self.SUPPRESS_ZEROS, context),
        )
        rule.check()
        return rule

    def unprotected_warnings(self, source, plan, rule, key, catalogue, result) -> list[str]:
        """Fields the rule does not cover, statistics computed before, derived fields without a catalogue."""
        names = source.fields().names()
        numeric = [f.name() for f in source.fields() if compat.is_numeric_field(f)]
        out = []
        others = cs.uncovered_fields(numeric, plan, extra=[rule.group_field, rule.population_field, key])
        if others:
            shown = ", ".join(others[:15]) + (f" (+{len(others) - 15})" if len(others) > 15 else "")
            out.append(
                self.tr(
                    "Fields not covered by the rule that look like counts or values derived "
                    "from the protected counts; they can reveal withheld values, remove them "
                    "(or name them in FIELDS) before publishing: {0}"
                ).format(shown)
            )
        if cs.published_statistics(names) and (result.primary or result.derived):
            out.append(
                self.tr(
                    "The layer holds z-scores, percentiles or index values of every unit, "
                    "computed with the now withheld values included. For publication run "
                    "suppress on the joined layer and computeindicators (classifyburden, "
                    "compositeindex) on its output."
                )
            )
        if catalogue is None:
            derived = [n for n in names if re.search(r"_(val|diff|ratio|z|pct|flag|chg)(_\d{4})?$", n)]
            if derived:
                shown = ", ".join(derived[:10]) + (f" (+{len(derived) - 10})" if len(derived) > 10 else "")
                out.append(
                    self.tr(
                        "Fields computed from indicators ({0}) cannot be traced to their counts without the "
                        "catalogue and are NOT protected: give CATALOGUE."
                    ).format(shown)
                )
        return out

    def run_algorithm(self, parameters, context, feedback):
        steps = QgsProcessingMultiStepFeedback(3, feedback)
        source = self.read_source(parameters, context)
        names = source.fields().names()
        counts = compat.parameter_as_fields(self, parameters, self.FIELDS, context)
        catalogue = None
        if self.parameterAsFile(parameters, self.CATALOGUE, context):
            catalogue = self.read_catalogue(parameters, context)
        rule = self.rule(parameters, context)
        key = self.key_field(parameters, context, source)
        plan = cs.make_plan(names, counts, catalogue)
        wanted = cs.input_fields(names, plan, rule, catalogue, extra=[key])
        steps.setCurrentStep(0)
        data = self.frame(source, wanted, steps)
        steps.setCurrentStep(1)
        result = cs.suppress(
            data,
            plan,
            rule,
            catalogue=catalogue,
            unit_labels=data[key].tolist() if key else None,
            progress=lambda x: steps.setProgress(100.0 * x),
            canceled=steps.isCanceled,
        )
        for n in result.notes:
            feedback.pushInfo(n)
        self.report(feedback, result.warnings)
        for w in self.unprotected_warnings(source, plan, rule, key, catalogue, result):
            self.warn(feedback, w)
        # write: every field of the source, changed values in place, new text fields appended
        steps.setCurrentStep(2)
        fields = source.fields()
        kinds = []
        for c in result.columns.columns:
            i = fields.lookupField(c)
            kinds.append((c, field_kind(fields.at(i)) if i >= 0 else "text"))
        out_fields = fields_with(fields, [(c, "text") for c in result.new_text_fields], replace=False)
        dest_id = self.write_output(parameters, context, source, result.columns, kinds, steps, out_fields=out_fields)
        self._keep_style(parameters, context, dest_id)
        feedback.pushInfo(
            self.tr("{0} count cell(s) withheld (primary), {1} secondary, {2} derived value(s); rule: {3}").format(
                result.primary, result.secondary, result.derived, cs.note(result.rule, self.lang())
            )
        )
        return {
            self.OUTPUT: dest_id,
            self.PRIMARY: result.primary,
            self.SECONDARY: result.secondary,
            self.DERIVED: result.derived,
            self.UNPROTECTED: len(result.at_risk),
        }

    def _keep_style(self, parameters, context, dest_id):
        """The output keeps the input's map style (withheld values fall into its 'no value' class):
        the style of a project layer as shown, else the default style stored with the input file."""
        try:
            layer = self.parameterAsVectorLayer(parameters, self.INPUT, context)
            if layer is None:
                return
            project = context.project()
            if project is not None and project.mapLayer(layer.id()) is not None:
                renderer = layer.renderer()
            else:
                probe = QgsVectorLayer(layer.source(), "style", layer.providerType())  # loads the stored style
                renderer = probe.renderer() if probe.isValid() else None
            kept = renderer.clone() if renderer is not None else None
        except Exception:  # no style to keep (e.g. a source that is not a layer); the data is what matters
            kept = None
        if kept is not None:
            self.style_output(context, dest_id, lambda _layer: kept.clone())
