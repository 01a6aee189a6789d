"""sozialplanung:interpolateunits: move counts between unit systems that do not nest."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingMultiStepFeedback,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
)

from sozialplanung_plugin import compat
from sozialplanung_plugin.adapters import overlay
from sozialplanung_plugin.adapters.layers import source_frame
from sozialplanung_plugin.core import areal as ca
from sozialplanung_plugin.core.errors import UserError
from sozialplanung_plugin.processing.aggregate_units import ArealAlgorithm


class InterpolateUnits(ArealAlgorithm):
    NAME = "interpolateunits"

    SOURCE = "SOURCE"
    SOURCE_KEY = "SOURCE_KEY"
    METHOD = "METHOD"
    WEIGHTS = "WEIGHTS"
    WEIGHT_FIELD = "WEIGHT_FIELD"
    FROM = "SOURCE"

    def displayName(self):  # noqa: N802
        return self.tr("Interpolate units (systems that do not nest)")

    def help_text(self):
        return self.tr(
            "Moves counts from one unit system onto another whose borders cut through it (e.g. the "
            "Planungsräume before a boundary reform onto the new ones, census tracts onto school districts).\n\n"
            "METHOD area: each count is split over the intersections in proportion to area and summed per "
            "target unit: value(T) = Σ_S value(S) × area(S∩T) / area(S).\n"
            "METHOD population (dasymetric): the same with the weight of a finer layer (WEIGHTS, e.g. "
            "blocks, buildings or grid cells with population in WEIGHT_FIELD) inside each intersection instead "
            "of area: value(T) = Σ_S value(S) × weight(S∩T) / weight(S). Polygons of the weight layer count "
            "in proportion to their area inside, points fully where they lie. A source unit without weight "
            "is split by area (listed in the report).\n\n"
            "Totals are preserved: the sum over the targets equals the sum over the sources for the part "
            "covered by targets. Rates are rebuilt from the moved numerators and denominators, never "
            "interpolated; rates without counts are refused unless RATES_AS_MEANS is set.\n"
            "<field>_est is the share of each value that came from split source units (0 = exact, 1 = "
            "entirely an estimate; a source unit with at least 99 % of its area or weight in one target unit "
            "counts as lying in it, so that digitising slivers do not make values estimates). "
            "A missing or suppressed source cell is never split: every target unit "
            "that receives a part of it is missing (NULL) with the cell's sign in <field>_sign; the sign '-' "
            "(exactly zero) counts as 0.\n\n"
            "The report gives the totals before and after, the coverage of each target unit (share of its "
            "area, and of its weight, covered by source units) and the source units not covered."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add(
            QgsProcessingParameterFeatureSource(
                self.SOURCE, self.tr("Source units with counts"), [compat.SOURCE_VECTOR_POLYGON]
            ),
            self.tr("Polygons of the unit system the counts are given on, with their count fields."),
        )
        self.add(
            QgsProcessingParameterField(
                self.SOURCE_KEY, self.tr("Key of the source units"), parentLayerParameterName=self.SOURCE, optional=True
            ),
            self.tr("Names a source unit in the report (e.g. PLR_ID); empty: the first text field."),
            advanced=True,
        )
        self.add_common(self.tr("Names a target unit in the report (e.g. PLR_ID); empty: the first text field."))
        self.add_enum(
            self.METHOD,
            self.tr("Method"),
            ["area", "population"],
            "area",
            self.tr(
                "area: split in proportion to area. population: split in proportion to the weights of a finer "
                "layer (WEIGHTS, WEIGHT_FIELD), which follows where people live."
            ),
        )
        self.add(
            QgsProcessingParameterFeatureSource(
                self.WEIGHTS,
                self.tr("Weight layer (population method)"),
                [compat.SOURCE_VECTOR_POLYGON, compat.SOURCE_VECTOR_POINT],
                optional=True,
            ),
            self.tr("Blocks, buildings or grid cells (polygons or points) with a population or other weight."),
        )
        self.add(
            QgsProcessingParameterField(
                self.WEIGHT_FIELD,
                self.tr("Weight field"),
                parentLayerParameterName=self.WEIGHTS,
                type=compat.FIELD_NUMERIC,
                optional=True,
            ),
            self.tr("Field of WEIGHTS holding the weight (e.g. inhabitants); values >= 0."),
        )

    def run_algorithm(self, parameters, context, feedback):
        steps = QgsProcessingMultiStepFeedback(5, feedback)
        source = self.layer(parameters, self.SOURCE, context)
        target = self.layer(parameters, self.TARGET, context)
        method = self.enum_value(parameters, self.METHOD, context)
        plans, _ = self.plans(parameters, context, source)
        weights_source = None
        weight_field = None
        if method == "population":
            weights_source = self.parameterAsSource(parameters, self.WEIGHTS, context)
            weight_field = self.parameterAsString(parameters, self.WEIGHT_FIELD, context).strip()
            if weights_source is None or not weight_field:
                raise UserError(
                    self.tr(
                        "METHOD population needs a weight layer (WEIGHTS) and its weight field (WEIGHT_FIELD); "
                        "without them use METHOD area."
                    )
                )
        skey = self.key_of(source, self.parameterAsString(parameters, self.SOURCE_KEY, context).strip() or None)
        tkey = self.key_of(target, self.parameterAsString(parameters, self.TARGET_KEY, context).strip() or None)
        self.check_crs(source, feedback)
        steps.setCurrentStep(0)
        columns = self.input_columns(plans, source.fields().names())
        sources = overlay.read_units(source, skey, "SOURCE", extra_fields=columns, feedback=steps)
        data = overlay.values_frame(source, sources, columns)
        steps.setCurrentStep(1)
        targets = overlay.read_units(
            target, tkey, "TARGET", self.transform_to(target, source.sourceCrs(), context), feedback=steps
        )
        weights = None
        if weights_source is not None:
            weights = overlay.read_weights(
                weights_source,
                weight_field,
                self.transform_to(weights_source, source.sourceCrs(), context),
                feedback=steps,
            )
        self.repaired_warnings(feedback, sources, targets)
        steps.setCurrentStep(2)
        ov = overlay.overlap_table(sources, targets, weights, feedback=steps)
        steps.setCurrentStep(3)
        alloc = ca.allocate(data, plans, ov, method, keys=sources.keys, canceled=steps.isCanceled)
        warnings = []
        if alloc.no_weight_sources:
            warnings.append(
                self.tr("{0} source unit(s) hold no weight and are split by area: {1}").format(
                    len(alloc.no_weight_sources),
                    ", ".join(str(sources.keys[i]) for i in alloc.no_weight_sources[:10])
                    + (" …" if len(alloc.no_weight_sources) > 10 else ""),
                )
            )
        uncovered = (alloc.source_coverage < 1.0 - ca.STRADDLE_SHARE).sum()
        if uncovered:
            warnings.append(
                self.tr(
                    "{0} source unit(s) are not or only partly (less than 99 %) covered by target units; "
                    "their counts outside the targets are not moved (see the report)."
                ).format(int(uncovered))
            )
        means = [f.plan.name for f in alloc.fields if f.plan.kind == ca.KIND_RATE_MEAN]
        if means:
            warnings.append(
                self.tr(
                    "Rates without counts interpolated as area-weighted means (estimates, flagged in <field>_note): {0}"
                ).format(", ".join(means))
            )
        for w in warnings:
            self.warn(feedback, w)
        steps.setCurrentStep(4)
        dest = self.write(parameters, context, target, targets, alloc, steps, est=True)
        for f in alloc.fields:
            if f.plan.kind == ca.KIND_COUNT:
                feedback.pushInfo(
                    self.tr("{0}: sum of the sources {1:g} (covered part {2:g}), of the targets {3:g}").format(
                        f.plan.name, f.before, f.covered, f.after
                    )
                )
        results = {self.OUTPUT: dest}
        if not self.parameterAsFileOutput(parameters, self.REPORT, context):
            return results
        name_field = self.name_field(target, tkey)
        names = None
        if name_field:
            names = source_frame(target, [name_field])[name_field].reindex(targets.fids).tolist()
        rep = ca.report(
            alloc,
            source_keys=sources.keys,
            target_keys=targets.keys,
            target_names=names,
            source_layer=source.sourceName(),
            target_layer=target.sourceName(),
            weight_layer=weights_source.sourceName() if weights_source is not None else None,
            warnings=warnings,
            lang=self.lang(),
        )
        self.write_report_file(parameters, context, rep, results)
        return results
