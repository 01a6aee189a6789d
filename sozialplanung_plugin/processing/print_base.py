"""Shared base of the print algorithms (profile atlas, overview maps)."""

from __future__ import annotations

from qgis.core import (
    QgsFeatureRequest,
    QgsProcessingException,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterString,
)

from sozialplanung_plugin import compat
from sozialplanung_plugin.adapters import layouts as ly
from sozialplanung_plugin.adapters.layers import iterate, source_frame
from sozialplanung_plugin.core import fields as fn
from sozialplanung_plugin.core import suppression as cs
from sozialplanung_plugin.core.errors import CanceledError
from sozialplanung_plugin.processing.base import IndicatorAlgorithm


class PrintAlgorithm(IndicatorAlgorithm):
    """Shared parameters and steps of the print algorithms."""

    GROUP_ID = "print"

    TITLE = "TITLE"
    SOURCE_NOTE = "SOURCE_NOTE"
    PAGE_SIZE = "PAGE_SIZE"
    ORIENTATION = "ORIENTATION"
    OUTPUT_PDF = "OUTPUT_PDF"
    PAGES = "PAGES"

    def flags(self):
        # layouts are not thread-safe (as native:atlaslayouttopdf)
        return super().flags() | compat.ALGORITHM_NO_THREADING

    def add_units(self, help_text: str):
        self.add(
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("Units with indicators"), [compat.SOURCE_VECTOR_POLYGON]
            ),
            help_text,
        )

    def add_page(self, orientation: str):
        self.add_enum(
            self.PAGE_SIZE,
            self.tr("Page size"),
            list(ly.PAGE_SIZES),
            "A4",
            self.tr("A4 or A3; on A3 type and furniture are set 1.25 times larger."),
        )
        self.add_enum(
            self.ORIENTATION,
            self.tr("Orientation"),
            list(ly.ORIENTATIONS),
            orientation,
            self.tr("portrait or landscape."),
        )

    def add_texts(self, title_help: str):
        self.add(
            QgsProcessingParameterString(self.TITLE, self.tr("Title"), optional=True),
            title_help,
        )
        self.add(
            QgsProcessingParameterString(self.SOURCE_NOTE, self.tr("Source note"), optional=True),
            self.tr(
                "Printed in the footer of every page, e.g. 'Amt für Statistik Berlin-Brandenburg; "
                "Monitoring Soziale Stadtentwicklung 2021'."
            ),
        )

    def page(self, parameters, context) -> ly.Page:
        return ly.Page(
            self.enum_value(parameters, self.PAGE_SIZE, context),
            self.enum_value(parameters, self.ORIENTATION, context),
        )

    def text(self, parameters, name, context) -> str:
        return (self.parameterAsString(parameters, name, context) or "").strip()

    def pdf_path(self, parameters, context) -> str:
        path = self.parameterAsFileOutput(parameters, self.OUTPUT_PDF, context)
        if not path:
            raise QgsProcessingException(self.tr("OUTPUT_PDF: give the path of the PDF to write."))
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        return path

    def geometries(self, source, feedback) -> tuple[dict, object]:
        req = QgsFeatureRequest().setNoAttributes()
        out = {}
        for f in iterate(source, req):
            if feedback.isCanceled():
                raise CanceledError()
            out[f.id()] = f.geometry() if f.hasGeometry() else None
        return out, source.wkbType()

    def rule_population_field(self, source) -> str | None:
        names = source.fields().names()
        if fn.SUPPRESSION_RULE not in names:
            return None
        frame = source_frame(source, [fn.SUPPRESSION_RULE])
        rule = cs.rule_from_frame(frame)
        if rule is None or not rule.population_field or rule.population_field not in names:
            return None
        return rule.population_field
