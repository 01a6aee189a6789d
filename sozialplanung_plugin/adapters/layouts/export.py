"""Writing the document: the page iterator over the layouts, PDF settings, the
export itself, the layout project, and the plain atlas of the benchmark."""

from __future__ import annotations

import os
import tempfile

from qgis.core import (
    Qgis,
    QgsAbstractLayoutIterator,
    QgsFeatureRequest,
    QgsLayoutExporter,
    QgsPrintLayout,
)
from qgis.PyQt.QtGui import QFont

from sozialplanung_plugin import compat
from sozialplanung_plugin.adapters.layouts.frame import (
    LayoutError,
    line_pitch,
    new_layout,
    svg_source,
    text_room,
    text_width,
)
from sozialplanung_plugin.adapters.layouts.map_items import fit_extent
from sozialplanung_plugin.adapters.layouts.unit_page import PA_SPARKS, unit_maps
from sozialplanung_plugin.core import fields as fn
from sozialplanung_plugin.core.report import publish

TITLE_FACTORS = (1.0, 0.85, 0.72, 0.6)  # the unit's name: the largest of these sizes at which it fits


class ProfileIterator(QgsAbstractLayoutIterator):
    """The whole document for QgsLayoutExporter.exportToPdf: first the
    layouts ``before`` (cover, list), then the atlas layout once per feature.

    It does what QgsLayoutAtlas does for a page, but only for what changes:
    the report context's feature (so the labels' expressions and
    @atlas_geometry see the unit) without the signal that makes every item
    refresh itself, the detail map's extent, the chart picture and the title's
    type size."""

    def __init__(self, before: list, atlas_layout: QgsPrintLayout | None, features: list, design=None):
        super().__init__()
        self.before = list(before)
        self.atlas_layout = atlas_layout
        self.features = features
        self.design = design
        self.i = -1
        self.current = self.before[0] if self.before else atlas_layout
        if atlas_layout is not None:
            self.detail = atlas_layout.itemById("pa_detail_map")
            self.bars = atlas_layout.itemById("pa_bars")
            self.sparks = atlas_layout.itemById("pa_sparks")
            self.title = atlas_layout.itemById("pa_title")
            self.title_font = compat.label_font(self.title) if self.title is not None else None
            self.title_width = text_room(self.title) if self.title is not None else 0
            self.title_size = self.title_font.pointSizeF() if self.title is not None else 0
            atlas_layout.reportContext().setLayer(atlas_layout.atlas().coverageLayer())
        # the layout and maps that build their expression context once per page (unit_page.unit_layout)
        self.cached = []
        if atlas_layout is not None:
            maps = [self.detail, atlas_layout.itemById("pa_locator_map")]
            self.cached = [x for x in [atlas_layout] + maps if hasattr(x, "forget_context")]

    def layout(self):
        return self.current

    def beginRender(self):  # noqa: N802
        self.i = -1
        self._cache(True)
        return True

    def endRender(self):  # noqa: N802
        self._cache(False)
        return True

    def _cache(self, on: bool) -> None:
        for obj in self.cached:
            obj.cached = on
        self._forget()

    def _forget(self) -> None:
        for obj in self.cached:
            obj.forget_context()

    def count(self):
        return len(self.before) + len(self.features)

    def filePath(self, baseFilePath, extension):  # noqa: N802
        return baseFilePath

    def next(self):
        self.i += 1
        if self.i < len(self.before):
            self.current = self.before[self.i]
            return True
        k = self.i - len(self.before)
        if k >= len(self.features):
            return False
        self.show(self.features[k])
        self.current = self.atlas_layout
        return True

    def show(self, f) -> None:
        """Set the atlas layout to feature ``f``. The expression contexts are
        built anew for the page once everything is set."""
        self._forget()
        rc = self.atlas_layout.reportContext()
        rc.blockSignals(True)
        rc.setFeature(f)
        rc.blockSignals(False)
        if self.detail is not None and f.hasGeometry():
            r = self.detail.rect()
            bounds = f.geometry().boundingBox()
            self.detail.setExtent(fit_extent(bounds, r.width(), r.height(), self.detail.atlasMargin()))
        if self.bars is not None:
            # what the data-defined source gives, without evaluating it
            self.bars.setPicturePath(svg_source(f[fn.PA_BARS] or ""), compat.PICTURE_SVG)
        if self.sparks is not None:
            self.sparks.setPicturePath(svg_source(f[PA_SPARKS] or ""), compat.PICTURE_SVG)
        if self.title is not None:
            self.fit_title(str(f[fn.PA_NAME] or ""))
        self._forget()

    def fit_title(self, name: str) -> None:
        """Long names: a smaller size on one line, else two lines."""
        for factor in TITLE_FACTORS:
            f = QFont(self.title_font)
            f.setPointSizeF(self.title_size * factor)
            if text_width(name, f) <= self.title_width - 0.5:
                break
        if compat.label_font(self.title).pointSizeF() != f.pointSizeF():
            compat.set_label_font_size(self.title, f, line_pitch(f))


def pdf_settings() -> QgsLayoutExporter.PdfExportSettings:
    s = QgsLayoutExporter.PdfExportSettings()
    s.textRenderFormat = Qgis.TextRenderFormat.AlwaysText  # selectable text, small and fast
    s.simplifyGeometries = True
    s.forceVectorOutput = False
    s.rasterizeWholeImage = False
    s.exportMetadata = False
    s.appendGeoreference = False
    s.flags = s.flags | compat.LAYOUT_LOSSLESS_IMAGES
    return s


_RESULTS = {
    QgsLayoutExporter.ExportResult.Canceled: "the export was canceled",
    QgsLayoutExporter.ExportResult.MemoryError: "not enough memory to render the pages (try fewer units with FILTER)",
    QgsLayoutExporter.ExportResult.FileError: "the PDF could not be written (is the file open in a PDF viewer?)",
    QgsLayoutExporter.ExportResult.PrintError: "the PDF could not be started (is the folder writable?)",
    QgsLayoutExporter.ExportResult.SvgLayerError: "an SVG could not be drawn",
    QgsLayoutExporter.ExportResult.IteratorError: "the pages could not be prepared",
}


def export_pdf(iterator, path: str, feedback=None, settings=None) -> None:
    """Write the PDF completely or not at all: to a temporary file beside it,
    renamed when the export succeeded."""
    folder = os.path.dirname(os.path.abspath(path)) or "."
    if not os.path.isdir(folder):
        raise LayoutError(f"the folder of {path} does not exist")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".pdf")
    os.close(fd)
    try:
        result = QgsLayoutExporter.exportToPdf(iterator, tmp, settings or pdf_settings(), feedback)
        code, error = result if isinstance(result, tuple) else (result, "")
        if code != QgsLayoutExporter.ExportResult.Success:
            why = _RESULTS.get(code, f"export result {code}")
            raise LayoutError(f"{path}: {why}" + (f" ({error})" if error else ""))
        publish(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def atlas_features(layers) -> list:
    """The features with a page, in page order (what the atlas would iterate)."""
    req = QgsFeatureRequest().setFilterExpression(f'"{fn.PA_PAGE}" IS NOT NULL')
    feats = list(layers.units.getFeatures(req))
    feats.sort(key=lambda f: f[fn.PA_PAGE])
    return feats


def save_project(project, path: str) -> None:
    """A .qgz whose layouts export text as text by default."""
    settings = project.labelingEngineSettings()
    settings.setDefaultTextRenderFormat(Qgis.TextRenderFormat.AlwaysText)
    project.setLabelingEngineSettings(settings)
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=os.path.splitext(path)[1] or ".qgz")
    os.close(fd)
    try:
        project.setFileName(tmp)
        if not project.write():
            raise LayoutError(f"{path}: the project could not be written ({project.error()})")
        project.setFileName(path)
        publish(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def plain_atlas(project, design, layers) -> QgsPrintLayout:
    """A plain QGIS atlas with the same page and the same two maps (detail map,
    locator with its background) and nothing else: the benchmark's yardstick."""
    layout = new_layout(project, "plain atlas", design.page)
    atlas = layout.atlas()
    atlas.setCoverageLayer(layers.units)
    atlas.setEnabled(True)
    atlas.setFilterFeatures(True)
    atlas.setFilterExpression(f'"{fn.PA_PAGE}" IS NOT NULL')
    atlas.setSortFeatures(True)
    atlas.setSortExpression(f'"{fn.PA_PAGE}"')
    unit_maps(layout, design, layers)
    return layout
