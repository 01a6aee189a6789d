"""sozialplanung:compositeindex: status and dynamics index with classes."""

from __future__ import annotations

import re

import pandas as pd
from qgis.core import (
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from sozialplanung_plugin import compat
from sozialplanung_plugin.adapters import styles
from sozialplanung_plugin.core import composite as cc
from sozialplanung_plugin.core import fields as fn
from sozialplanung_plugin.core import indicators as ci
from sozialplanung_plugin.core.errors import UserError
from sozialplanung_plugin.core.report import write_report
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


def parse_years(text: str) -> list[int] | None:
    """'2013;2015, 2017' -> [2013, 2015, 2017]; empty -> None."""
    out = []
    for part in (p.strip() for p in (text or "").replace(",", ";").split(";")):
        if not part:
            continue
        if not part.isdigit() or len(part) != 4:
            raise UserError(f"YEARS: {part!r} is not a year (give e.g. 2013;2015;2017)")
        out.append(int(part))
    return out or None


class CompositeIndex(IndicatorAlgorithm):
    NAME = "compositeindex"

    METHOD = "METHOD"
    CLASSES = "CLASSES"
    CLASS_COUNT = "CLASS_COUNT"
    BREAKS = "BREAKS"
    POPULATION_FIELD = "POPULATION_FIELD"
    MIN_POPULATION = "MIN_POPULATION"
    YEAR = "YEAR"
    SERIES = "SERIES"
    YEARS = "YEARS"
    CLASS_BASIS = "CLASS_BASIS"
    BASE_YEAR = "BASE_YEAR"
    PERIOD = "PERIOD"
    NAME_FIELD = "NAME_FIELD"
    REPORT = "REPORT"
    CLASSIFIED = "CLASSIFIED"
    NOT_CLASSIFIED = "NOT_CLASSIFIED"

    def displayName(self):  # noqa: N802
        return self.tr("Composite index (status and dynamics)")

    def help_text(self):
        return (
            self.tr(
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
            + "\n\n"
            + self.tr(
                "SERIES (class movements): with SERIES checked, or YEARS given, the index of every year Y of a series "
                "(catalogue columns per year, <column>_<Y>, e.g. from joinindicators with FIELD_SUFFIX; YEARS empty: "
                "every year with all status indicators), method zscore_sum: status_index_<Y>, status_class_<Y> and, "
                "where there is a dynamics index, dynamics_index_<Y>, dynamics_class_<Y>; the unsuffixed fields "
                "(status_index, status_class, status_label, status_note, dynamics_*, sdi_class) hold the latest year.\n"
                "CLASS_BASIS each_year: z = (x(Y) - mean(Y)) / sd(Y) over the valid units of Y, index(Y) = Σ polarity "
                "x weight x z, classes by the mean m(Y) and sd s(Y) of index(Y), as the MSS does every edition (a "
                "class says where a unit stands among the units of that year). base_year: z = (x(Y) - mean(B)) / "
                "sd(B) with the means and sds of the base year B = BASE_YEAR (empty: the first year) and classes by "
                "m(B) and s(B) of the base year's index, so that a move between classes is a real change of the "
                "values; year B itself gets the same index and classes in both.\n"
                "Dynamics: from the catalogue's change indicators (index = dynamics) of each year or, when there are "
                "none and PERIOD = P is given, from the series itself: d(Y) = x(Y) - x(Y - P) of every status "
                "indicator, standardised and summed the same way (classes <= m - s 1 'positiv', >= m + s 5 "
                "'negativ', else 3 'stabil'), for the years Y whose year Y - P is in the layer.\n"
                "POPULATION_FIELD: <field>_<Y> per year where the layer has them (give the field of any year or its "
                "stem), else the one field for every year. REPORT: the classes per year, the transition tables (units "
                "from class i in one year to class j in the next, and from the first to the last year) and every unit "
                "that changed class. A series uses METHOD zscore_sum and CLASSES method."
            )
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
        self.add(
            QgsProcessingParameterBoolean(self.SERIES, self.tr("Index for every year (series)"), defaultValue=False),
            self.tr(
                "Computes the status and dynamics index for every year of the layer (status_index_<year>, "
                "status_class_<year>, ...) and the class movements between the years. Also on when YEARS is given."
            ),
        )
        self.add(
            QgsProcessingParameterString(self.YEARS, self.tr("Years of the series"), optional=True),
            self.tr(
                "The years of the series, separated by ';' (e.g. 2013;2015;2017;2019); empty: every year with all "
                "status indicators. Giving years computes the series."
            ),
        )
        self.add_enum(
            self.CLASS_BASIS,
            self.tr("Class basis of the series"),
            list(cc.CLASS_BASES),
            "each_year",
            self.tr(
                "each_year: every year standardised and classed on its own units (as the MSS does); base_year: "
                "every year on the means, standard deviations and class breaks of BASE_YEAR, so that a move "
                "between classes is a real change."
            ),
        )
        self.add(
            QgsProcessingParameterNumber(
                self.BASE_YEAR,
                self.tr("Base year"),
                compat.NUMBER_INTEGER,
                optional=True,
                minValue=1900,
                maxValue=2100,
            ),
            self.tr("For CLASS_BASIS=base_year: the year whose scale every year uses. Empty: the first year."),
        )
        self.add(
            QgsProcessingParameterNumber(
                self.PERIOD,
                self.tr("Period of the dynamics (years)"),
                compat.NUMBER_INTEGER,
                optional=True,
                minValue=1,
                maxValue=100,
            ),
            self.tr(
                "For a series whose catalogue has no change indicators (index = dynamics): the dynamics index "
                "of year Y from the change of the status indicators since Y - PERIOD."
            ),
        )
        self.add(
            QgsProcessingParameterField(
                self.NAME_FIELD, self.tr("Name field"), parentLayerParameterName=self.INPUT, optional=True
            ),
            self.tr("Field with the units' names for the report (e.g. PLR_NAME)."),
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
        report = QgsProcessingParameterFileDestination(
            self.REPORT, self.tr("Report of the class movements (HTML)"), fileFilter="HTML (*.html)", optional=True
        )
        report.setCreateByDefault(False)  # a single-year run in the dialog writes no report
        self.add(
            report,
            self.tr(
                "Only for a series: the classes per year, the transition tables and every unit that changed class "
                "(and a JSON file beside it)."
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

    def series_mode(self, parameters, context) -> bool:
        """A series when SERIES is checked or YEARS given; the series' own
        parameters without it are refused rather than ignored (a REPORT
        destination is only not written, with a warning)."""
        years = parse_years(self.parameterAsString(parameters, self.YEARS, context))
        if self.parameterAsBoolean(parameters, self.SERIES, context) or years:
            return True
        given = [
            name for name in (self.BASE_YEAR, self.PERIOD) if self.optional_int(parameters, name, context) is not None
        ]
        if self.enum_value(parameters, self.CLASS_BASIS, context) != "each_year":
            given.append("CLASS_BASIS=base_year")
        if given:
            raise UserError(
                self.tr("{0} applies to a series of years: check SERIES or give YEARS.").format(", ".join(given))
            )
        return False

    def run_algorithm(self, parameters, context, feedback):
        steps = QgsProcessingMultiStepFeedback(3, feedback)
        source = self.read_source(parameters, context)
        catalogue = self.read_catalogue(parameters, context)
        if self.series_mode(parameters, context):
            return self.run_series(parameters, context, feedback, steps, source, catalogue)
        if self.parameterAsFileOutput(parameters, self.REPORT, context):
            self.warn(
                feedback, self.tr("No report written: the report shows class movements of a series (SERIES or YEARS).")
            )
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

    # --- a series of years: the index of every year and the class movements ----------

    def run_series(self, parameters, context, feedback, steps, source, catalogue):
        method = self.enum_value(parameters, self.METHOD, context)
        if method != "zscore_sum":
            raise UserError(self.tr("METHOD={0}: a series is computed with zscore_sum (the MSS index).").format(method))
        classes = self.enum_value(parameters, self.CLASSES, context)
        if classes != "method":
            raise UserError(
                self.tr(
                    "CLASSES={0}: a series uses the classes of zscore_sum (CLASSES=method); to hold the classes "
                    "fixed across years use CLASS_BASIS=base_year."
                ).format(classes)
            )
        if self.optional_int(parameters, self.YEAR, context) is not None:
            raise UserError(self.tr("YEAR is for a single year; give the years of a series in YEARS."))
        years = parse_years(self.parameterAsString(parameters, self.YEARS, context))
        basis = self.enum_value(parameters, self.CLASS_BASIS, context)
        base_year = self.optional_int(parameters, self.BASE_YEAR, context)
        if base_year is not None and basis != "base_year":
            raise UserError(self.tr("BASE_YEAR is only used with CLASS_BASIS=base_year."))
        period = self.optional_int(parameters, self.PERIOD, context)
        key = self.key_field(parameters, context, source)
        name_field = self.parameterAsString(parameters, self.NAME_FIELD, context).strip() or None
        pop_field = self.parameterAsString(parameters, self.POPULATION_FIELD, context).strip() or None
        names = source.fields().names()
        s_years, _ = cc.series_years(catalogue, names)
        wanted = [y for y in (years or s_years) if y in s_years]
        pop_fields = cc.population_fields(pop_field, names, wanted) if pop_field and wanted else {}
        index_ids = [i.id for i in catalogue if i.index in ("status", "dynamics") and i.polarity != 0]
        cols = [key, name_field, *pop_fields.values(), *needed_columns(catalogue, names, index_ids)]
        steps.setCurrentStep(0)
        data = self.frame(source, cols, steps)
        steps.setCurrentStep(1)
        keys = data[key].to_numpy(dtype=object) if key else data.index.to_numpy(dtype=object)
        result = cc.compute_series(
            data,
            catalogue,
            years=years,
            class_basis=basis,
            base_year=base_year,
            population={y: ci.numeric(data, f)[0] for y, f in pop_fields.items()} if pop_fields else None,
            population_name=pop_fields,
            min_population=self.parameterAsDouble(parameters, self.MIN_POPULATION, context),
            keys=keys,
            dynamics_period=period,
        )
        for n in result.notes:
            feedback.pushInfo(n)
        self.report(feedback, result.warnings)
        latest, latest_kinds = cc.latest_fields(result)
        frame = pd.concat([latest, result.frame], axis=1)
        kind_text = {"status": self.tr("Status index"), "dynamics": self.tr("Dynamics index")}
        for kind, ys in (("status", result.years), ("dynamics", result.dynamics_years)):
            for a, b in cc.transition_pairs(ys):
                t = cc.transitions(result.frame, a, b, keys=keys, kind=kind)
                feedback.pushInfo(
                    self.tr("{0} {1} → {2}: {3} of {4} units changed class ({5} more burdened, {6} less).").format(
                        kind_text[kind], a, b, len(t.changes), t.n, t.worse, t.better
                    )
                )
        steps.setCurrentStep(2)
        dest_id = self.write_output(parameters, context, source, frame, latest_kinds + result.kinds, steps)
        legend = styles.status_legend("zscore_sum", "method", 5, [])

        def style(layer):
            return styles.status_renderer(layer, legend)

        has_dynamics = fn.DYNAMICS_CLASS in latest.columns
        self.style_output(context, dest_id, style, {"dynamics": styles.dynamics_renderer} if has_dynamics else None)
        out = {self.OUTPUT: dest_id}
        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if report_path:
            unit_names = data[name_field].to_numpy(dtype=object) if name_field else None
            lang = self.lang()
            write_report(
                report_path,
                cc.series_report(result, keys, unit_names, lang),
                "composite_report.html",
                lang,
            )
            out[self.REPORT] = report_path
        classified = int(latest[fn.STATUS_CLASS].notna().sum())
        out.update({self.CLASSIFIED: classified, self.NOT_CLASSIFIED: len(data) - classified})
        return out
