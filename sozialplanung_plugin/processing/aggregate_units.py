"""sozialplanung:aggregateunits: sum the counts of fine units into the coarse units they lie in."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsCoordinateTransform,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
)

from sozialplanung_plugin import compat
from sozialplanung_plugin.adapters import overlay
from sozialplanung_plugin.adapters.layers import fields_with, source_frame
from sozialplanung_plugin.core import areal as ca
from sozialplanung_plugin.core import fields as fn
from sozialplanung_plugin.core.catalogue import read_catalogue
from sozialplanung_plugin.core.errors import UserError
from sozialplanung_plugin.core.report import write_report
from sozialplanung_plugin.processing.base import TABLE_PATTERNS, SozialplanungAlgorithm


class ArealAlgorithm(SozialplanungAlgorithm):
    """Shared steps of aggregateunits and interpolateunits."""

    GROUP_ID = "data"

    TARGET = "TARGET"
    TARGET_KEY = "TARGET_KEY"
    FIELDS = "FIELDS"
    CATALOGUE = "CATALOGUE"
    RATES_AS_MEANS = "RATES_AS_MEANS"
    OUTPUT = "OUTPUT"
    REPORT = "REPORT"

    #: the parameter of the layer whose counts are moved (INPUT or SOURCE)
    FROM = "INPUT"

    def add_common(self, target_key_help: str):
        self.add(
            QgsProcessingParameterFeatureSource(self.TARGET, self.tr("Target units"), [compat.SOURCE_VECTOR_POLYGON]),
            self.tr(
                "Polygons of the unit system the counts are moved to. The output is these units with their "
                "own fields and the moved ones."
            ),
        )
        self.add(
            QgsProcessingParameterField(
                self.TARGET_KEY, self.tr("Key of the target units"), parentLayerParameterName=self.TARGET, optional=True
            ),
            target_key_help,
        )
        self.add(
            QgsProcessingParameterField(
                self.FIELDS,
                self.tr("Count fields to move"),
                parentLayerParameterName=self.FROM,
                type=compat.FIELD_ANY,
                allowMultiple=True,
                optional=True,
            ),
            self.tr(
                "Counts (Fallzahlen: numerators, populations) to move; the output fields have the same names. "
                "Empty: every count field of the CATALOGUE (numerators, denominators, weight columns, every "
                "year). A rate field of the catalogue (<id>_val, or a rate column with a weight column) is "
                "rebuilt from the moved counts, never averaged."
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
                "Optional: the indicator catalogue. It tells counts from rates: numerators and denominators are "
                "summed, rates are rebuilt from them; a rate without counts is refused (see RATES_AS_MEANS)."
            ),
        )
        self.add(
            QgsProcessingParameterBoolean(
                self.RATES_AS_MEANS, self.tr("Rates without counts as area-weighted means"), defaultValue=False
            ),
            self.tr(
                "Off (default): a rate without counts (catalogue column rate without weight column) is refused, "
                "because a rate cannot be split or summed. On: such rates become area-weighted means of the "
                "source rates, flagged in <field>_note as estimates."
            ),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Target units with moved counts")),
            self.tr(
                "The target units with the moved fields (same names as in the source), <field>_sign where a "
                "value is missing for a reason (the sign of the source cell)."
            ),
        )
        self.add(
            QgsProcessingParameterFileDestination(
                self.REPORT, self.tr("Report (HTML)"), fileFilter="HTML (*.html)", optional=True, createByDefault=False
            ),
            self.tr("Totals before and after, coverage per target unit, units not covered; a JSON twin beside it."),
        )

    # --- running ----------------------------------------------------------

    def layer(self, parameters, name, context):
        source = self.parameterAsSource(parameters, name, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, name))
        return source

    def transform_to(self, layer, crs, context):
        if layer.sourceCrs() == crs or not crs.isValid() or not layer.sourceCrs().isValid():
            return None
        return QgsCoordinateTransform(layer.sourceCrs(), crs, context.transformContext())

    def plans(self, parameters, context, source) -> tuple[list, object]:
        fields = compat.parameter_as_fields(self, parameters, self.FIELDS, context)
        path = self.parameterAsFile(parameters, self.CATALOGUE, context)
        catalogue = read_catalogue(path) if path else None
        rates_as_means = self.parameterAsBoolean(parameters, self.RATES_AS_MEANS, context)
        plans = ca.plan_fields(source.fields().names(), fields, catalogue, rates_as_means, layer=f"{self.FROM} layer")
        return plans, catalogue

    @staticmethod
    def input_columns(plans, names) -> list[str]:
        cols = []
        for p in plans:
            for c in (p.name if p.kind == ca.KIND_COUNT else None, p.numerator, p.weight):
                if c and c in names and c not in cols:
                    cols.append(c)
                    for extra in (fn.sign_of(c), fn.supp_of(c)):
                        if extra in names:
                            cols.append(extra)
        return cols

    @staticmethod
    def key_of(source, given: str | None) -> str | None:
        if given:
            return given
        for f in source.fields():
            if f.name().lower() != "fid" and compat.is_text_field(f):
                return f.name()
        return None

    @staticmethod
    def name_field(source, key) -> str | None:
        for f in source.fields():
            if f.name() != key and "name" in f.name().lower() and compat.is_text_field(f):
                return f.name()
        return None

    def check_crs(self, source, feedback):
        crs = source.sourceCrs()
        if crs.isValid() and crs.isGeographic():
            self.warn(
                feedback,
                self.tr(
                    "The layer {0} has a geographic CRS ({1}): areas are computed in degrees², which distorts the "
                    "shares; reproject the layers to a projected CRS (e.g. UTM) first."
                ).format(self.FROM, crs.authid()),
            )

    def write(self, parameters, context, target, targets, alloc, feedback, est: bool):
        columns, kinds = alloc.columns(targets.fids, est=est)
        existing = set(target.fields().names())
        clash = [c for c, _ in kinds if c in existing]
        if clash:
            self.warn(
                feedback,
                self.tr("Fields of the target units replaced by the moved ones: {0}").format(", ".join(clash)),
            )
        out_fields = fields_with(target.fields(), kinds, replace=True)
        return self.write_output(parameters, context, target, columns, kinds, feedback, out_fields=out_fields)

    def write_report_file(self, parameters, context, rep, results):
        path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if path:
            html, _ = write_report(path, rep, "areal_report.html", lang=self.lang())
            results[self.REPORT] = html

    def repaired_warnings(self, feedback, *units):
        for u in units:
            if u.repaired:
                shown = ", ".join(map(str, u.repaired[:10])) + (" …" if len(u.repaired) > 10 else "")
                self.warn(
                    feedback,
                    self.tr("{0}: {1} invalid geometry(ies) repaired before intersecting: {2}").format(
                        u.name, len(u.repaired), shown
                    ),
                )
            if u.empty:
                self.warn(
                    feedback,
                    self.tr("{0}: {1} feature(s) without geometry (no area): {2}").format(
                        u.name, len(u.empty), ", ".join(map(str, u.empty[:10]))
                    ),
                )


class AggregateUnits(ArealAlgorithm):
    NAME = "aggregateunits"

    INPUT = "INPUT"
    INPUT_KEY = "INPUT_KEY"
    INPUT_ID = "INPUT_ID"
    FROM = "INPUT"

    def displayName(self):  # noqa: N802
        return self.tr("Aggregate units (fine to coarse)")

    def help_text(self):
        return self.tr(
            "Sums the counts of fine units (blocks, statistical districts) into the coarse units they lie in "
            "(districts, school districts) and writes the coarse units with the sums.\n\n"
            "Assignment: by key (INPUT_KEY holds the key of the coarse unit, TARGET_KEY is that key in TARGET) "
            "or, without INPUT_KEY, by containment of each fine unit's point on surface.\n"
            "Counts: value(T) = Σ value(f) over the fine units f assigned to T. Rates are rebuilt from the "
            "summed numerators and denominators (rate = Σ numerator / Σ denominator × multiplier), never "
            "averaged. A sum that includes a missing or suppressed cell is missing (NULL) and carries the "
            "cell's sign in <field>_sign; the sign '-' (nothing, exactly zero) counts as 0.\n\n"
            "The report lists fine units in no target unit and fine units that straddle (more than 1 % of "
            "their area outside the target they are assigned to), with the totals before and after."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add(
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("Fine units with counts"), [compat.SOURCE_VECTOR_POLYGON]
            ),
            self.tr("Polygons of the fine units with their count fields (e.g. joined with joinindicators)."),
        )
        self.add(
            QgsProcessingParameterField(
                self.INPUT_KEY,
                self.tr("Field of the fine units holding the target key"),
                parentLayerParameterName=self.INPUT,
                optional=True,
            ),
            self.tr(
                "Field of INPUT naming the coarse unit each fine unit belongs to (e.g. BEZ). Empty: each fine "
                "unit goes to the target unit containing its point on surface."
            ),
        )
        self.add(
            QgsProcessingParameterField(
                self.INPUT_ID, self.tr("Key of the fine units"), parentLayerParameterName=self.INPUT, optional=True
            ),
            self.tr("Names a fine unit in the report (e.g. PLR_ID); empty: the first text field."),
            advanced=True,
        )
        self.add_common(
            self.tr(
                "Key field of the target units: matched with INPUT_KEY, and names the units in the report; "
                "empty: the first text field."
            )
        )

    def run_algorithm(self, parameters, context, feedback):
        steps = QgsProcessingMultiStepFeedback(5, feedback)
        source = self.layer(parameters, self.INPUT, context)
        target = self.layer(parameters, self.TARGET, context)
        plans, _ = self.plans(parameters, context, source)
        names = source.fields().names()
        input_key = self.parameterAsString(parameters, self.INPUT_KEY, context).strip() or None
        given_tkey = self.parameterAsString(parameters, self.TARGET_KEY, context).strip() or None
        if input_key and not given_tkey:
            raise UserError(
                self.tr("INPUT_KEY {0!r} is given, but not TARGET_KEY: name the key field of the target units.").format(
                    input_key
                )
            )
        tkey = self.key_of(target, given_tkey)
        fid_key = self.key_of(source, self.parameterAsString(parameters, self.INPUT_ID, context).strip() or None)
        self.check_crs(source, feedback)
        steps.setCurrentStep(0)
        columns = self.input_columns(plans, names)
        extra = ([input_key] if input_key else []) + columns
        fine = overlay.read_units(source, fid_key, "INPUT", extra_fields=extra, feedback=steps)
        data = overlay.values_frame(source, fine, columns)
        steps.setCurrentStep(1)
        transform = self.transform_to(target, source.sourceCrs(), context)
        targets = overlay.read_units(target, tkey, "TARGET", transform, feedback=steps)
        self.repaired_warnings(feedback, fine, targets)
        steps.setCurrentStep(2)
        if input_key:
            pos = {str(k).strip(): j for j, k in enumerate(targets.keys)}
            assigned = np.array(
                [pos.get(str(v).strip(), -1) if v is not None else -1 for v in fine.values[input_key]], dtype=np.int64
            )
        else:
            assigned = overlay.assign_by_containment(fine, targets, steps)
        steps.setCurrentStep(3)
        inside = overlay.inside_areas(fine, targets, assigned, steps)
        ok = assigned >= 0
        ov = ca.Overlaps(
            source=np.flatnonzero(ok).astype(np.int64),
            target=assigned[ok],
            area=fine.areas[ok],
            weight=None,
            source_area=fine.areas,
            source_weight=None,
            target_area=targets.areas,
            target_weight=None,
        )
        alloc = ca.allocate(data, plans, ov, "aggregate", keys=fine.keys, canceled=steps.isCanceled)
        unassigned = []
        for i in np.flatnonzero(~ok).tolist():
            why = fine.values[input_key][i] if input_key else None
            unassigned.append(f"{fine.keys[i]}" + (f" ({input_key} = {why!r})" if input_key else ""))
        stradd = [
            {
                "key": fine.keys[i],
                "target": targets.keys[assigned[i]],
                "outside": round(1.0 - inside[i] / fine.areas[i], 4),
            }
            for i in ca.straddling(inside, fine.areas).tolist()
            if assigned[i] >= 0
        ]
        warnings = []
        if unassigned:
            warnings.append(
                self.tr("{0} fine unit(s) lie in no target unit and are not counted: {1}").format(
                    len(unassigned), ", ".join(unassigned[:10]) + (" …" if len(unassigned) > 10 else "")
                )
            )
        if stradd:
            warnings.append(
                self.tr(
                    "{0} fine unit(s) straddle target units (more than 1 % of their area outside their target): {1}"
                ).format(
                    len(stradd), ", ".join(str(s["key"]) for s in stradd[:10]) + (" …" if len(stradd) > 10 else "")
                )
            )
        for w in warnings:
            self.warn(feedback, w)
        steps.setCurrentStep(4)
        dest = self.write(parameters, context, target, targets, alloc, steps, est=False)
        for f in alloc.fields:
            if f.plan.kind == ca.KIND_COUNT:
                feedback.pushInfo(
                    self.tr("{0}: sum of the fine units {1:g}, of the target units {2:g}").format(
                        f.plan.name, f.before, f.after
                    )
                )
        results = {self.OUTPUT: dest}
        if not self.parameterAsFileOutput(parameters, self.REPORT, context):
            return results
        name_field = self.name_field(target, tkey)
        rep = ca.report(
            alloc,
            source_keys=fine.keys,
            target_keys=targets.keys,
            target_names=[None] * len(targets) if not name_field else self._names(target, name_field, targets),
            source_layer=source.sourceName(),
            target_layer=target.sourceName(),
            unassigned=unassigned,
            straddles=stradd,
            warnings=warnings,
            lang=self.lang(),
        )
        self.write_report_file(parameters, context, rep, results)
        return results

    @staticmethod
    def _names(target, name_field, targets):
        frame = source_frame(target, [name_field])
        return frame[name_field].reindex(targets.fids).tolist()
