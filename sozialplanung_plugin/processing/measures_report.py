"""sozialplanung:measuresreport: the measures, their goals and the comparison
with similar areas as a printed report (PDF)."""

from __future__ import annotations

import datetime

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProject,
)

from sozialplanung_plugin.adapters import layouts as ly
from sozialplanung_plugin.adapters.layers import source_frame
from sozialplanung_plugin.adapters.layouts import measures as lm
from sozialplanung_plugin.core import effects as ef
from sozialplanung_plugin.core import measures as me
from sozialplanung_plugin.core import measures_book as mb
from sozialplanung_plugin.core import profiles as cp
from sozialplanung_plugin.core.errors import CanceledError
from sozialplanung_plugin.processing.measure_goals import MeasuresAlgorithm, key_text
from sozialplanung_plugin.processing.print_base import PrintAlgorithm


class MeasuresReport(PrintAlgorithm, MeasuresAlgorithm):
    NAME = "measuresreport"

    NAME_FIELD = "NAME_FIELD"
    COMPARISON_FIELD = "COMPARISON_FIELD"
    DRAWS = "DRAWS"
    SEED = "SEED"

    def displayName(self):  # noqa: N802
        return self.tr("Measures: printed report (PDF)")

    def help_text(self):
        return (
            self.tr(
                "The measures register as a printed report: a cover with every measure and the status of its goals "
                "in the latest year; one page per measure with its units on a map (highlighted on the city), one "
                "small chart per goal indicator (the series of the measure's area, the city and the comparable areas, "
                "the path to the goal and the goal as a diamond), the goal status and the comparison with similar "
                "areas in words; a page with the method. The numbers are those of measuregoals and measureeffects "
                "(computed here the same way from the same inputs: the same DRAWS and SEED give the same interval)."
                "\n\n"
            )
            + self.register_help()
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_units_catalogue_register()
        self.add(
            QgsProcessingParameterField(
                self.NAME_FIELD, self.tr("Name field of the units"), parentLayerParameterName=self.UNITS, optional=True
            ),
            self.tr("The units' names printed beside their keys; empty: a field PLR_NAME, NAME or BEZEICHNUNG."),
        )
        self.add(
            QgsProcessingParameterField(
                self.COMPARISON_FIELD,
                self.tr("Class field for the comparison"),
                parentLayerParameterName=self.UNITS,
                optional=True,
            ),
            self.tr("As in measureeffects: empty = status_class_<year> from compositeindex with SERIES, if present."),
        )
        self.add_draws_and_seed()
        self.add_texts(self.tr("Title of the report (default: 'Measures and goals')."))
        self.add_page("portrait")
        self.add(
            QgsProcessingParameterFileDestination(self.OUTPUT_PDF, self.tr("Measures report (PDF)"), "PDF (*.pdf)"),
            self.tr("The PDF, written completely or not at all."),
        )
        self.addOutput(QgsProcessingOutputNumber(self.PAGES, self.tr("Pages")))

    def unit_names(self, parameters, context, source, key) -> dict:
        name = self.parameterAsString(parameters, self.NAME_FIELD, context).strip()
        if not name:
            return self.names_of(source, key)
        df = source_frame(source, [key, name])
        return {key_text(k) or "": "" if v is None else str(v) for k, v in zip(df[key], df[name])}

    def run_algorithm(self, parameters, context, feedback):
        pdf = self.pdf_path(parameters, context)
        field = self.parameterAsString(parameters, self.COMPARISON_FIELD, context).strip() or None
        source, data, keys, catalogue = self.read_units(parameters, context, feedback, field)
        register = self.read_register(parameters, context, keys, catalogue, source)
        goals = me.compute_goals(data, catalogue, register, keys=keys)
        effects = ef.compute_effects(
            data,
            catalogue,
            register,
            keys=keys,
            class_field=field,
            draws=self.parameterAsInt(parameters, self.DRAWS, context),
            seed=self.parameterAsInt(parameters, self.SEED, context),
            progress=self.progress(feedback),
        )
        key = self.key_field(parameters, context, source)
        lang = self.lang()
        book = mb.build(
            goals,
            effects,
            self.unit_names(parameters, context, source, key),
            self.text(parameters, self.TITLE, context),
            lang,
        )
        self.report(feedback, book.warnings)
        geometries, wkb = self.geometries(source, feedback)
        fids = list(data.index)
        if feedback.isCanceled():
            raise CanceledError()
        project = QgsProject()
        project.setCrs(source.sourceCrs())
        layers = lm.MeasuresLayers(
            project, [str(k) for k in keys], [geometries.get(f) for f in fids], source.sourceCrs(), wkb
        )
        day = cp.date_text(datetime.date.today(), lang)
        layouts = lm.measures_layouts(
            project,
            self.page(parameters, context),
            book,
            layers,
            lang,
            day,
            self.text(parameters, self.SOURCE_NOTE, context),
        )
        try:
            ly.export_pdf(ly.ProfileIterator(layouts, None, []), pdf, feedback)
        except ly.LayoutError:
            if feedback.isCanceled():
                raise CanceledError() from None
            raise
        feedback.pushInfo(self.tr("{0} page(s) written: {1}").format(len(layouts), pdf))
        return {self.OUTPUT_PDF: pdf, self.PAGES: len(layouts)}
