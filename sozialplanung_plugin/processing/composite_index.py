"""sozialplanung:compositeindex: status and dynamics index with classes."""

from __future__ import annotations

import re

from qgis.core import (
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from sozialplanung_plugin import compat
from sozialplanung_plugin.adapters import styles
from sozialplanung_plugin.core import composite as cc
from sozialplanung_plugin.core import fields as fn
from sozialplanung_plugin.core import indicators as ci
from sozialplanung_plugin.processing.base import IndicatorAlgorithm, needed_columns


def parse_breaks(text: str) -> list[float]:
    """'-1;0;1,5' or '-1 0 1.5' -> [-1.0, 0.0, 1.5] (decimal comma or point)."""
    parts = [p for p in re.split(r"[;\s]+", text.strip()) if p]
    if len(parts) == 1 and parts[0].count(",") > 1:
        parts = parts[0].split(",")
    out = []
    for p in parts:
        try:
            out.append(float(p.replace(",", ".")))
        except ValueError:
            raise cc.CompositeError(f"BREAKS: {p!r} is not a number (separate the breaks with ';')") from None
    return out


class CompositeIndex(IndicatorAlgorithm):
    NAME = "compositeindex"

    METHOD = "METHOD"
    CLASSES = "CLASSES"
    CLASS_COUNT = "CLASS_COUNT"
    BREAKS = "BREAKS"
    POPULATION_FIELD = "POPULATION_FIELD"
    MIN_POPULATION = "MIN_POPULATION"
    YEAR = "YEAR"
    CLASSIFIED = "CLASSIFIED"
    NOT_CLASSIFIED = "NOT_CLASSIFIED"

    def displayName(self):  # noqa: N802
        return self.tr("Composite index (status and dynamics)")

    def help_text(self):
        return self.tr(
            "Collapses the indicators with index = status in the catalogue into a status index with classes "
            "and, with change indicators (index = dynamics, or the changes <id>_chg of several years), a "
            "dynamics index. Values are the <id>_val fields of computeindicators, or computed from the "
            "catalogue's columns. Higher index and higher class = more burdened, for every method.\n\n"
            "Valid units: every index indicator present and, with POPULATION_FIELD, at least MIN_POPULATION "
            "inhabitants (the MSS uses 300). The others get no index, the label 'nicht klassifiziert' and the "
            "reason in status_note / dynamics_note. N = number of valid units.\n\n"
            "zscore_sum (Berlin, Monitoring Soziale Stadtentwicklung): z = (x - mean) / sd over the valid "
            "units (sample sd, n - 1); status_index = Σ polarity x weight x z. Classes by the index's mean m "
            "and sd s: <= m - s 1 'hoch'; >= m + 1.5 s 4 'sehr niedrig'; >= m + s 3 'niedrig'; else 2 "
            "'mittel'. Dynamics index the same on the change indicators: <= m - s 1 'positiv', >= m + s "
            "5 'negativ', else 3 'stabil'; sdi_class combines both ('1+', '2+/-', '3-').\n\n"
            "percentile_flags (CDC Social Vulnerability Index): per indicator the percentile rank (r - 1) / "
            "(N - 1) in the adverse direction (r = rank from the lowest, ties the lowest rank): <id>_prank; "
            "<id>_pflag = 1 where it is >= 0.90. Per topic n (in catalogue order) theme<n>_sum = Σ weight x "
            "rank, ranked again the same way: theme<n>_rank; theme<n>_flags. status_index = the same rank of "
            "Σ topic_weight x theme sum (0..1); status_flags = all flags. Classes: quartiles (<= 0.25: 1, "
            "<= 0.50: 2, <= 0.75: 3, else 4).\n\n"
            "exponential_rank (English Index of Multiple Deprivation): per topic the score Σ polarity x "
            "weight x z (theme<n>_score), its rank scaled R = r / N (1 = most deprived, theme<n>_rank), "
            "exponentially transformed X = -23 ln(1 - R (1 - e^(-100/23))) (theme<n>_exp, 0..100); "
            "status_index = Σ topic_weight x X; classes: deciles floor(10 (r - 1) / N) + 1, the most "
            "deprived decile = 10.\n\n"
            "CLASSES: method = the method's own classes (above); quantiles = CLASS_COUNT classes "
            "floor(k (r - 1) / N) + 1 by the rank r of the index; breaks = fixed BREAKS b1 < b2 < ... "
            "(class = 1 + number of breaks <= index), so classes stay comparable across years. The "
            "dynamics index always uses mean ± 1 sd.\n\n"
            "Output fields: status_index, status_class, status_label, status_note, <x>_zidx (z-scores that "
            "entered the index), method fields (above) and, with change indicators, dynamics_index, "
            "dynamics_class, dynamics_label, dynamics_note, sdi_class. Styled on status_class; a GeoPackage "
            "output also gets a style 'dynamics' on dynamics_class."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_input(
            self.tr("Units with indicators"),
            self.tr(
                "Output of computeindicators, or a layer with the joined indicator columns. It is read, never changed."
            ),
        )
        self.add_catalogue()
        self.add_enum(
            self.METHOD,
            self.tr("Method"),
            list(cc.METHODS),
            "zscore_sum",
            self.tr(
                "zscore_sum: Berlin MSS status/dynamics index; percentile_flags: CDC Social "
                "Vulnerability Index; exponential_rank: English Index of Multiple Deprivation."
            ),
        )
        self.add_enum(
            self.CLASSES,
            self.tr("Classes"),
            list(cc.CLASSINGS),
            "method",
            self.tr(
                "method: the method's own classes; quantiles: CLASS_COUNT classes of equal size; "
                "breaks: fixed class breaks given in BREAKS."
            ),
        )
        self.add(
            QgsProcessingParameterNumber(
                self.CLASS_COUNT,
                self.tr("Number of quantile classes"),
                compat.NUMBER_INTEGER,
                defaultValue=5,
                minValue=2,
                maxValue=20,
            ),
            self.tr("Number of classes for CLASSES=quantiles."),
        )
        self.add(
            QgsProcessingParameterString(self.BREAKS, self.tr("Class breaks"), optional=True),
            self.tr(
                "For CLASSES=breaks: increasing breaks of the status index separated by ';', e.g. "
                "'-2;0;2;4' (decimal comma or point). Class 1 lies below the first break."
            ),
        )
        self.add(
            QgsProcessingParameterField(
                self.POPULATION_FIELD, self.tr("Population field"), parentLayerParameterName=self.INPUT, optional=True
            ),
            self.tr(
                "Inhabitants per unit (e.g. EW). Units below MIN_POPULATION, or without a value, are not classified."
            ),
        )
        self.add(
            QgsProcessingParameterNumber(
                self.MIN_POPULATION,
                self.tr("Minimum population"),
                compat.NUMBER_DOUBLE,
                defaultValue=300,
                minValue=0,
            ),
            self.tr(
                "Units with fewer inhabitants are left out of the standardisation (the MSS uses 300). "
                "Only used with POPULATION_FIELD."
            ),
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
                "Only when the values are computed here from several years: the year of the status "
                "index. Empty: the latest."
            ),
            advanced=True,
        )
        self.add_key()
        self.add_output(
            self.tr("Composite index"),
            self.tr(
                "Every unit with status_index, status_class, status_label, status_note and, with "
                "change indicators, the dynamics fields, styled on status_class."
            ),
        )
        self.addOutput(QgsProcessingOutputNumber(self.CLASSIFIED, self.tr("Units classified")))
        self.addOutput(QgsProcessingOutputNumber(self.NOT_CLASSIFIED, self.tr("Units not classified")))

    @staticmethod
    def columns_for(catalogue, names, key, pop_field) -> list[str]:
        """The fields to read: each index indicator's <id>_val (and sign and
        change) when computeindicators wrote them, else its data columns."""
        inds = [i for i in catalogue if i.index in ("status", "dynamics") and i.polarity != 0]
        cols = [key, pop_field]
        missing = []
        for ind in inds:
            v = fn.measure(ind.id, "val")
            if v in names:
                cols += [v, fn.sign_of(v)]
                if fn.change(ind.id) in names:
                    cols.append(fn.change(ind.id))
            else:
                missing.append(ind.id)
        cols = [c for c in cols if c and c in names]
        return cols + (needed_columns(catalogue, names, missing) if missing else [])

    def run_algorithm(self, parameters, context, feedback):
        steps = QgsProcessingMultiStepFeedback(3, feedback)
        source = self.read_source(parameters, context)
        catalogue = self.read_catalogue(parameters, context)
        method = self.enum_value(parameters, self.METHOD, context)
        classes = self.enum_value(parameters, self.CLASSES, context)
        class_count = self.parameterAsInt(parameters, self.CLASS_COUNT, context)
        pop_field = self.parameterAsString(parameters, self.POPULATION_FIELD, context).strip() or None
        key = self.key_field(parameters, context, source)
        breaks = parse_breaks(self.parameterAsString(parameters, self.BREAKS, context) or "")
        if classes == "breaks" and not breaks:
            raise cc.CompositeError(self.tr("CLASSES=breaks needs BREAKS, e.g. '-2;0;2;4'."))
        cols = self.columns_for(catalogue, source.fields().names(), key, pop_field)
        steps.setCurrentStep(0)
        data = self.frame(source, cols, steps)
        steps.setCurrentStep(1)
        result = cc.compute(
            data,
            catalogue,
            method=method,
            classes=classes,
            class_count=class_count,
            breaks=breaks,
            population=ci.numeric(data, pop_field)[0] if pop_field else None,
            population_name=pop_field or "",
            min_population=self.parameterAsDouble(parameters, self.MIN_POPULATION, context),
            keys=data[key] if key else None,
            year=self.optional_int(parameters, self.YEAR, context),
            progress=self.progress(steps),
        )
        for n in result.notes:
            feedback.pushInfo(n)
        self.report(feedback, result.warnings)
        if method != "zscore_sum" and result.topics:
            feedback.pushInfo(
                self.tr("Topics: {0}").format(
                    "; ".join(f"theme{j} = {t}" for j, t in enumerate(result.topics, start=1))
                )
            )
        steps.setCurrentStep(2)
        dest_id = self.write_output(parameters, context, source, result.frame, result.kinds, steps)
        legend = styles.status_legend(method, classes, class_count, breaks)

        def style(layer):
            return styles.status_renderer(layer, legend)

        extra = {"dynamics": styles.dynamics_renderer} if result.has_dynamics else None
        self.style_output(context, dest_id, style, extra)
        classified = int(result.frame[fn.STATUS_CLASS].notna().sum())
        return {self.OUTPUT: dest_id, self.CLASSIFIED: classified, self.NOT_CLASSIFIED: len(data) - classified}
