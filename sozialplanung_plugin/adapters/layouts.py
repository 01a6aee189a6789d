"""Print layouts of the profile atlas and the overview maps (QGIS layout engine).

What the core (``core/profiles.py``) decided to print becomes a GeoPackage or
memory layer (one feature per unit, every text in a ``pa_*`` field, see
``core/fields.py``) and two print layouts on it:

* *overview*: the cover (overview map with classes, legend, scale bar, north
  arrow, source, date, data-protection note) and the ranked list;
* *profiles*: one page per unit, a QGIS atlas on the layer (labels with
  ``[% "pa_..." %]`` expressions, a picture with the chart bars as SVG from a
  field, an atlas-driven map and a locator map).

Both go into a project (OUTPUT_PROJECT) that a user opens and re-exports in
the layout designer. The PDF is written by :func:`export_pdf` with one
iterator over both layouts, so cover, list and profiles are one file.

Speed and size (measured in ``bench/bench_atlas.py``; each lever was measured
alone): text is exported as text (``TextFormatAlwaysText``: selectable, and
many times smaller and faster than glyph outlines); the locator's background
(every unit and the city's outline) is one PNG rendered once and embedded once
in the PDF, the map on top of it draws a single highlighted feature; the
table is a few multi-line labels (one per column) instead of a table item; the
chart is an SVG of bars only (Qt draws SVG text as outlines) aligned to the
table's lines; geometries are simplified once in advance; and the export
iterator changes only what changes from page to page (QGIS's own atlas
refreshes every item of the layout for every page).

Layouts are not thread-safe: everything here runs in the main thread.
"""

from __future__ import annotations

import base64
import math
import os
import tempfile
from dataclasses import dataclass, field

from qgis.core import (
    QgsAbstractLayoutIterator,
    QgsCategorizedSymbolRenderer,
    QgsClassificationQuantile,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFillSymbol,
    QgsGeometry,
    QgsGeometryGeneratorSymbolLayer,
    QgsLayerTreeLayer,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutMeasurement,
    QgsLayoutObject,
    QgsLayoutPoint,
    QgsLayoutRenderContext,
    QgsLayoutSize,
    QgsLayoutUtils,
    QgsLegendStyle,
    QgsMapRendererCustomPainterJob,
    QgsMapSettings,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsPrintLayout,
    QgsProperty,
    QgsRectangle,
    QgsRenderContext,
    QgsRendererCategory,
    QgsRuleBasedRenderer,
    QgsSingleSymbolRenderer,
    QgsSymbol,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QBuffer, QByteArray, QCoreApplication, QIODevice, QSize, Qt, QVariant
from qgis.PyQt.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter

from sozialplanung_plugin.adapters import styles
from sozialplanung_plugin.core import fields as fn
from sozialplanung_plugin.core import profiles as cp
from sozialplanung_plugin.core.i18n import tr as core_tr
from sozialplanung_plugin.core.report import publish

CONTEXT = "SozialplanungLayouts"
FONT = "DejaVu Sans"
MM = QgsUnitTypes.LayoutMillimeters
INK = "#252525"
GREY = "#636363"
RULE = "#969696"
HIGHLIGHT = "#b2182b"
PAGE_SIZES = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}
ORIENTATIONS = ("portrait", "landscape")


class LayoutError(Exception):
    """A layout or an export failed; the message says what to do."""


# --------------------------------------------------------------------------
# pages, fonts, text


def _page_frame(design) -> None:
    """The frame every page shares (mm): margins, width, header and footer heights."""
    p, s = design.page, design.page.scale
    design.x0, design.x1 = p.margin, p.width - p.margin
    design.y0, design.y1 = p.margin - 2 * s, p.height - p.margin + 2 * s
    design.w = design.x1 - design.x0
    design.header_h = 21 * s
    design.footer_h = 5 * s


@dataclass
class Page:
    size: str = "A4"
    orientation: str = "portrait"

    @property
    def width(self) -> float:
        w, h = PAGE_SIZES[self.size]
        return w if self.orientation == "portrait" else h

    @property
    def height(self) -> float:
        w, h = PAGE_SIZES[self.size]
        return h if self.orientation == "portrait" else w

    @property
    def landscape(self) -> bool:
        return self.orientation == "landscape"

    @property
    def scale(self) -> float:
        """Type and furniture grow with the page: A3 is set 1.25 times larger."""
        return 1.25 if self.size == "A3" else 1.0

    @property
    def margin(self) -> float:
        return 14.0 * self.scale


def font(size: float, bold: bool = False) -> QFont:
    """DejaVu Sans without ligatures: with them, PDF text reads "Unauﬀällig"
    (one glyph for "ff") and a search for a name with "ff" or "fi" fails."""
    f = QFont(FONT)
    f.setPointSizeF(size)
    f.setBold(bold)
    f.setStyleStrategy(QFont.PreferNoShaping)
    return f


def line_pitch(f: QFont) -> float:
    """Distance of two lines of a multi-line label in mm, as the layout draws
    them (QgsLayoutUtils.drawText: font scaled by 10 to whole pixels)."""
    return QFontMetricsF(QgsLayoutUtils.scaledFontPixelSize(f)).lineSpacing() / 10.0


def text_width(text: str, f: QFont) -> float:
    return QgsLayoutUtils.textWidthMM(f, text)


def wrap(text: str, f: QFont, width: float) -> list[str]:
    """Greedy word wrap to ``width`` mm (a word longer than the width stays whole)."""
    words = text.split()
    lines, cur = [], ""
    for w in words:
        trial = f"{cur} {w}" if cur else w
        if cur and text_width(trial, f) > width:
            lines.append(cur)
            cur = w
        else:
            cur = trial
    if cur:
        lines.append(cur)
    return lines or [text]


def elide(text: str, f: QFont, width: float) -> str:
    if text_width(text, f) <= width:
        return text
    while text and text_width(text + "…", f) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def t(text: str, lang: str) -> str:
    """A print caption: Qt's translation when installed, else the core's table."""
    q = QCoreApplication.translate(CONTEXT, text)
    if q != text:
        return q
    return core_tr(text, lang)


# --------------------------------------------------------------------------
# items


def new_layout(project, name: str, page: Page, pages: int = 1) -> QgsPrintLayout:
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(name)
    collection = layout.pageCollection()
    collection.page(0).setPageSize(QgsLayoutSize(page.width, page.height, MM))
    for _ in range(1, pages):
        p = QgsLayoutItemPage(layout)
        p.setPageSize(QgsLayoutSize(page.width, page.height, MM))
        collection.addPage(p)
    return layout


def place(layout, item, x: float, y: float, w: float, h: float, page: int = 0):
    layout.addLayoutItem(item)
    item.attemptMove(QgsLayoutPoint(x, y, MM), page=page)
    item.attemptResize(QgsLayoutSize(w, h, MM))
    return item


def label(
    layout,
    text: str,
    rect,
    size: float,
    bold: bool = False,
    colour: str = INK,
    align=Qt.AlignLeft,
    valign=Qt.AlignTop,
    page: int = 0,
    item_id: str = "",
) -> QgsLayoutItemLabel:
    lab = QgsLayoutItemLabel(layout)
    lab.setText(text)
    lab.setFont(font(size, bold))
    lab.setFontColor(QColor(colour))
    lab.setHAlign(align)
    lab.setVAlign(valign)
    lab.setMarginX(0)
    lab.setMarginY(0)
    if item_id:
        lab.setId(item_id)
    return place(layout, lab, *rect, page=page)


def text_label(layout, text: str, rect, size: float, **kw) -> QgsLayoutItemLabel:
    """A label with fixed text that may hold user data (names, titles): the
    text is an item variable inserted by one expression, so '[%' in the data is
    printed, never evaluated."""
    from qgis.core import QgsExpressionContextUtils

    lab = label(layout, "[% @pa_text %]", rect, size, **kw)
    QgsExpressionContextUtils.setLayoutItemVariable(lab, "pa_text", text)
    return lab


def picture(layout, path: str, rect, fmt=QgsLayoutItemPicture.FormatSVG, mode=QgsLayoutItemPicture.Stretch, page=0):
    pic = QgsLayoutItemPicture(layout)
    pic.setResizeMode(mode)
    pic.setPicturePath(path, fmt)
    return place(layout, pic, *rect, page=page)


def svg_source(svg: str) -> str:
    return "base64:" + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def image_source(path: str) -> tuple[str, int]:
    """A picture source that travels inside the layout (base64), and its format."""
    with open(path, "rb") as fh:
        data = fh.read()
    fmt = QgsLayoutItemPicture.FormatSVG if path.lower().endswith(".svg") else QgsLayoutItemPicture.FormatRaster
    return "base64:" + base64.b64encode(data).decode("ascii"), fmt


def frame(item, width: float = 0.2, colour: str = RULE) -> None:
    item.setFrameEnabled(True)
    item.setFrameStrokeWidth(QgsLayoutMeasurement(width, MM))
    item.setFrameStrokeColor(QColor(colour))


def text_format(size: float, colour: str = INK, bold: bool = False, buffer: float = 0.0) -> QgsTextFormat:
    tf = QgsTextFormat()
    tf.setFont(font(size, bold))
    tf.setSize(size)
    tf.setSizeUnit(QgsUnitTypes.RenderPoints)
    tf.setColor(QColor(colour))
    if buffer:
        b = QgsTextBufferSettings()
        b.setEnabled(True)
        b.setSize(buffer)
        b.setSizeUnit(QgsUnitTypes.RenderMillimeters)
        b.setColor(QColor("#ffffff"))
        tf.setBuffer(b)
    return tf


def fit_extent(bounds: QgsRectangle, w: float, h: float, margin: float) -> QgsRectangle:
    """``bounds`` grown to the item's aspect ratio, plus ``margin`` (share of the
    width/height) on every side: what an atlas-driven map in Auto mode shows."""
    bw, bh = max(bounds.width(), 1e-9), max(bounds.height(), 1e-9)
    ratio = w / h
    if bw / bh < ratio:
        bw = bh * ratio
    else:
        bh = bw / ratio
    cx, cy = bounds.center().x(), bounds.center().y()
    bw *= 1 + 2 * margin
    bh *= 1 + 2 * margin
    return QgsRectangle(cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2)


def north_arrow(layout, map_item, rect, page: int = 0):
    pic = QgsLayoutItemPicture(layout)
    pic.setResizeMode(QgsLayoutItemPicture.Zoom)
    pic.setPicturePath(":/images/north_arrows/layout_default_north_arrow.svg", QgsLayoutItemPicture.FormatSVG)
    pic.setLinkedMap(map_item)
    pic.setNorthMode(QgsLayoutItemPicture.GridNorth)
    return place(layout, pic, *rect, page=page)


def scale_bar(layout, map_item, rect, size: float, min_width: float, max_width: float, page: int = 0):
    """A single-box scale bar in km whose segments fit the map's scale (it
    follows the atlas map from page to page)."""
    from qgis.core import QgsScaleBarSettings

    bar = QgsLayoutItemScaleBar(layout)
    place(layout, bar, *rect, page=page)
    bar.setLinkedMap(map_item)
    bar.setStyle("Single Box")
    bar.applyDefaultSize(QgsUnitTypes.DistanceKilometers)
    bar.setNumberOfSegmentsLeft(0)
    bar.setNumberOfSegments(2)
    bar.setHeight(1.2)
    bar.setTextFormat(text_format(size, INK))
    bar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeFitWidth)
    bar.setMinimumBarWidth(min_width)
    bar.setMaximumBarWidth(max_width)
    bar.setBackgroundEnabled(True)
    bar.setBackgroundColor(QColor(255, 255, 255, 220))
    bar.setBoxContentSpace(1.0)
    bar.update()
    bar.attemptMove(QgsLayoutPoint(rect[0], rect[1], MM), page=page)
    return bar


def legend(layout, map_item, layer, title: str, rect, size: float, page: int = 0, columns: int = 1):
    leg = QgsLayoutItemLegend(layout)
    leg.setLinkedMap(map_item)
    leg.setAutoUpdateModel(False)
    leg.setTitle(title)
    root = leg.model().rootGroup()
    root.clear()
    node = root.addLayer(layer)
    QgsLegendRendererHide(node)
    leg.setStyleFont(QgsLegendStyle.Title, font(size + 1, True))
    leg.setStyleFont(QgsLegendStyle.SymbolLabel, font(size))
    leg.setStyleFont(QgsLegendStyle.Subgroup, font(size))
    leg.setSymbolWidth(6)
    leg.setSymbolHeight(3.6)
    leg.setColumnCount(columns)
    leg.setBackgroundEnabled(False)
    leg.setResizeToContents(True)
    place(layout, leg, *rect, page=page)
    return leg


def QgsLegendRendererHide(node: QgsLayerTreeLayer) -> None:  # noqa: N802 (reads like the API it wraps)
    """Legend node of a layer without its own layer title (the legend title says it)."""
    from qgis.core import QgsLegendRenderer

    QgsLegendRenderer.setNodeLegendStyle(node, QgsLegendStyle.Hidden)


# --------------------------------------------------------------------------
# symbols


def fill(colour: str, outline: str = "#ffffff", width: float = 0.1, style: str = "solid") -> QgsFillSymbol:
    return QgsFillSymbol.createSimple(
        {"color": colour, "outline_color": outline, "outline_width": str(width), "style": style}
    )


def withheld_symbol(geometry_type) -> QgsSymbol:
    """Cross-hatched grey: a withheld class (the neutral style with a second hatch)."""
    s = styles.neutral_symbol(geometry_type)
    if geometry_type == QgsWkbTypes.PolygonGeometry and s.symbolLayerCount() > 1:
        second = s.symbolLayer(1).clone()
        second.setLineAngle(-45)
        s.appendSymbolLayer(second)
    return s


def class_renderer(layer, classes: list[cp.MapClass], field_name: str = fn.PA_MAP_CLASS, counts: bool = True):
    """Categories of the cover map: classes light to dark, then the neutral and
    withheld entries (hatched); labels with the number of units."""
    gtype = layer.geometryType()
    ordered = [c for c in classes if c.kind == "class"]
    cols = styles.colours(len(ordered))
    cats = []
    for c, colour in zip(ordered, cols):
        lab = f"{c.value} ({c.count})" if counts else c.value
        cats.append(QgsRendererCategory(c.value, styles.symbol(gtype, colour), lab))
    for c in classes:
        if c.kind == "class":
            continue
        sym = withheld_symbol(gtype) if c.kind == "withheld" else styles.neutral_symbol(gtype)
        cats.append(QgsRendererCategory(c.value, sym, f"{c.value} ({c.count})" if counts else c.value))
    return QgsCategorizedSymbolRenderer(field_name, cats)


# --------------------------------------------------------------------------
# the layer behind the layouts


PA_FIELDS = (
    [
        (fn.PA_KEY, QVariant.String),
        (fn.PA_NAME, QVariant.String),
        (fn.PA_PAGE, QVariant.Int),
        (fn.PA_RANK, QVariant.Int),
        (fn.PA_PAGE_TEXT, QVariant.String),
        (fn.PA_SUBLINE, QVariant.String),
        (fn.PA_BURDEN_HEAD, QVariant.String),
        (fn.PA_BURDEN_TEXT, QVariant.String),
        (fn.PA_INDEX_TEXT, QVariant.String),
        (fn.PA_NOTES, QVariant.String),
        (fn.PA_MAP_CLASS, QVariant.String),
    ]
    + [(fn.pa_column(c), QVariant.String) for c in cp.COLUMNS]
    + [(fn.PA_BARS, QVariant.String)]
)


def simplify(g: QgsGeometry, tolerance: float) -> QgsGeometry:
    if g is None or g.isNull() or tolerance <= 0:
        return g
    s = g.simplify(tolerance)
    return s if s is not None and not s.isNull() and not s.isEmpty() else g


def memory_layer(name: str, wkb_type, crs: QgsCoordinateReferenceSystem, fields, features) -> QgsVectorLayer:
    geom = QgsWkbTypes.displayString(wkb_type) if wkb_type != QgsWkbTypes.NoGeometry else "None"
    layer = QgsVectorLayer(geom, name, "memory")
    layer.setCrs(crs)  # an invalid CRS stays invalid: the maps then draw the layer's coordinates
    pr = layer.dataProvider()
    pr.addAttributes([QgsField(n, t) for n, t in fields])
    layer.updateFields()
    pr.addFeatures(features)
    layer.updateExtents()
    return layer


def write_gpkg(layers: list[QgsVectorLayer], path: str) -> list[QgsVectorLayer]:
    """Write memory layers into one GeoPackage (a new file) and open them from it."""
    if os.path.exists(path):
        os.remove(path)
    out = []
    for i, layer in enumerate(layers):
        opts = QgsVectorFileWriter.SaveVectorOptions()
        opts.driverName = "GPKG"
        opts.layerName = layer.name()
        opts.actionOnExistingFile = (
            QgsVectorFileWriter.CreateOrOverwriteFile if i == 0 else QgsVectorFileWriter.CreateOrOverwriteLayer
        )
        res = QgsVectorFileWriter.writeAsVectorFormatV3(layer, path, QgsCoordinateTransformContext(), opts)
        if res[0] != QgsVectorFileWriter.NoError:
            raise LayoutError(f"could not write {path}: {res[1]}")
        opened = QgsVectorLayer(f"{path}|layername={layer.name()}", layer.name(), "ogr")
        if not opened.isValid():
            raise LayoutError(f"could not open {path}|layername={layer.name()} after writing it")
        out.append(opened)
    return out


@dataclass
class ProfileLayers:
    units: QgsVectorLayer  # every unit, the pa_* fields (atlas coverage, detail map)
    classes: QgsVectorLayer  # the same units for the cover map (own style)
    city: QgsVectorLayer  # one feature: the municipality (locator)
    extent: QgsRectangle
    crs: QgsCoordinateReferenceSystem
    locator_png: str = ""  # base64 picture source of the locator's background
    feature_ids: dict = field(default_factory=dict)  # unit fid -> feature id in ``units``


# --------------------------------------------------------------------------
# the unit page


@dataclass
class Column:
    name: str  # a cp.COLUMNS name, "label" or "chart"
    x: float
    w: float
    header: str
    align: int = Qt.AlignRight


@dataclass
class UnitDesign:
    """Where everything sits on a unit page (mm), derived from the page and the book."""

    page: Page
    book: cp.ProfileBook
    extent: QgsRectangle | None = None  # the municipality (the locator's aspect ratio)
    lines: list = field(default_factory=list)
    pitch: float = 2.9
    table_pt: float = 7.0
    columns: list = field(default_factory=list)

    def __post_init__(self):
        p, s = self.page, self.page.scale
        _page_frame(self)
        self.inset = False  # the locator inside the detail map (landscape)
        self.note_pt = 5.8 * s
        self.burden_pt = 7.5 * s
        top = self.y0 + self.header_h + 3.5 * s
        self.legend_text = "  ".join(cp.legend(self.book))
        nf = font(self.note_pt)
        longest = max((len(wrap("  ".join(u.notes), nf, self.w)) for u in self.book.pages if u.notes), default=0)
        self.notes_h = (len(wrap(self.legend_text, nf, self.w)) + longest) * line_pitch(nf) + 1.0
        bottom = self.y1 - self.footer_h - 2.5 * s - self.notes_h - 3 * s  # the table ends above it
        gap = 5 * s
        if p.landscape:
            # left: the map (the locator as an inset in its corner) over the burden band;
            # right: the table; the notes under both
            left_w = round(self.w * 0.40, 1)
            self.band_h = self._band_height(left_w)
            tx = self.x0 + left_w + gap
            self.table_rect = (tx, top, self.x1 - tx, bottom - top)
            self._layout_table()
            low = max(top + self.table_h, bottom - 25 * s)
            map_h = low - top - self.band_h - 4 * s
            self.map_rect = (self.x0, top, left_w, map_h)
            loc_w = round(left_w * 0.34, 1)
            _, _, lw, lh = self._locator(0, 0, loc_w, map_h * 0.4)
            self.locator_rect = (self.x0 + left_w - lw - 1.5 * s, top + 1.5 * s, lw, lh)
            self.inset = True
            self.burden_rect = (self.x0, top + map_h + 3.5 * s, left_w, self.band_h)
            below = max(top + self.table_h, self.burden_rect[1] + self.band_h) + 3 * s
        else:
            self.band_h = self._band_height(self.w)
            min_map, max_map = 55 * s, 0.36 * p.height
            fixed = 3.5 * s + self.band_h + 4 * s  # between map and table
            self.table_rect = (self.x0, top + min_map + fixed, self.w, bottom - top - min_map - fixed)
            self._layout_table()
            spare = self.table_rect[3] - self.table_h
            map_h = min(max_map, min_map + spare)
            loc_w = round(self.w * 0.33, 1)
            self.map_rect = (self.x0, top, self.w - loc_w - gap, map_h)
            self.locator_rect = self._locator(self.x1 - loc_w, top, loc_w, max_h=map_h)
            band_y = top + map_h + 3.5 * s
            self.burden_rect = (self.x0, band_y, self.w, self.band_h)
            ty = band_y + self.band_h + 4 * s
            self.table_rect = (self.x0, ty, self.w, self.table_h)
            below = ty + self.table_h + 3 * s
        self.notes_rect = (self.x0, below, self.w, self.notes_h)

    def _band_height(self, width: float) -> float:
        """Class line, the reason and the index line of the longest unit."""
        s = self.page.scale
        f = font(self.burden_pt)
        longest = max(
            (len(wrap(u.burden_detail, f, width)) + (1 if u.index_text else 0) for u in self.book.pages), default=1
        )
        return 5.0 * s + (max(1, longest) + 0.5) * line_pitch(f) + 0.5  # half a line spare: Qt may wrap otherwise

    def _locator(self, x, y, w, max_h=None):
        ext = self.extent
        h = w * ext.height() / max(ext.width(), 1e-9) if ext is not None and not ext.isEmpty() else w
        if max_h is not None and h > max_h:
            w, h = w * max_h / h, max_h
        return (x, y, w, h)

    def _layout_table(self) -> None:
        """Columns, type size and lines of the indicator table: the largest type
        (7.5 pt at A4) at which every line fits; blank lines between topics go
        first. The first line holds the column headers."""
        s = self.page.scale
        x, y, w, h = self.table_rect
        book = self.book
        narrow = self.page.landscape
        headers = {
            "value": t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Value"), book.lang),
            "reference": t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "City"), book.lang),
            "difference": t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Diff."), book.lang),
            "flag": t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Core"), book.lang),
            "change": t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Change"), book.lang),
        }
        used = {"value": True, "reference": True, "difference": True, "flag": book.has_flags, "change": book.has_change}
        # every cell text of every page, once: a column is as wide as its widest text
        cells = {c: {headers[c]} for c in headers}
        for u in book.pages:
            for r in u.rows:
                for c in cells:
                    cells[c].add(f"{r.change} {r.trend}" if c == "change" and r.trend else getattr(r, c))
        chart_w = (30.0 if narrow else 38.0) * s
        gap = 3.0 * s
        for size in (7.5, 7.0, 6.5, 6.0, 5.5):
            f = font(size * s)
            fm = QFontMetricsF(QgsLayoutUtils.scaledFontPixelSize(f))
            widths = {}
            for c, texts in cells.items():
                if used[c]:
                    widest = max(fm.horizontalAdvance(text) for text in texts) / 10.0
                    widths[c] = widest + (2.5 if c != "flag" else 3.5) * s
            label_w = w - sum(widths.values()) - gap - chart_w
            if label_w < 30 * s:
                continue
            pitch = line_pitch(f)
            done = False
            for spacers in (True, False):
                lines = cp.table_lines(
                    book, wrap=lambda text, f=f, lw=label_w: wrap(text, f, lw - 1.0), spacers=spacers
                )
                if (len(lines) + 1) * pitch + 0.6 <= h:
                    self.table_pt, self.pitch, self.lines = size * s, pitch, lines
                    done = True
                    break
            if done:
                break
        else:
            raise LayoutError(
                f"the {len(book.indicators)} indicators do not fit on one {self.page.size} "
                f"{self.page.orientation} page even at 5.5 pt: choose A3, fewer indicators, or shorter labels"
            )
        self.head_h = self.pitch  # the header is the first line of every column
        cols = [
            Column(
                "label", x, label_w, t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Indicator"), book.lang), Qt.AlignLeft
            )
        ]
        cx = x + label_w
        for name, cw in widths.items():
            align = Qt.AlignHCenter if name == "flag" else Qt.AlignRight
            cols.append(Column(name, cx, cw, headers[name], align))
            cx += cw
        cols.append(
            Column(
                "chart",
                cx + gap,
                chart_w,
                t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "city = 100"), book.lang),
                Qt.AlignHCenter,
            )
        )
        self.columns = cols
        self.table_h = self.head_h + len(self.lines) * self.pitch

    def column_text(self, u: cp.UnitProfile, name: str) -> str:
        """A printed column: its header, then one line per table line."""
        return self.column(name).header + "\n" + cp.column_text(u, self.lines, name)

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    @property
    def rows_top(self) -> float:
        return self.table_rect[1] + self.head_h


def furniture_svg(design: UnitDesign) -> str:
    """The static graphics of a unit page in one picture: header and footer
    rules, the table's stripes and rules, the chart's grid."""
    x, y, w, _ = design.table_rect
    chart = design.column("chart")
    return cp.furniture_svg(
        design.lines,
        page_width=design.page.width,
        page_height=design.page.height,
        table_x=x,
        table_y=y,
        table_width=w,
        pitch=design.pitch,
        head=design.head_h,
        chart_x=chart.x,
        chart_width=chart.w,
        rules=page_rules(design),
    )


def page_rules(design) -> list[tuple[float, float, float, float]]:
    s = design.page.scale
    return [
        (design.x0, design.y0 + design.header_h, design.x1, 0.5 * s),
        (design.x0, design.y1 - design.footer_h, design.x1, 0.2 * s),
    ]


def bars_of(design: UnitDesign, unit: cp.UnitProfile) -> str:
    chart = design.column("chart")
    return cp.bars_svg(unit, design.lines, chart.w, design.pitch)


def build_layers(
    book: cp.ProfileBook,
    design: UnitDesign,
    geometries: dict,
    crs: QgsCoordinateReferenceSystem,
    wkb_type,
    gpkg_path: str | None = None,
    feedback=None,
    detail_tolerance: float | None = None,
) -> ProfileLayers:
    """The units with every printed text (pa_* fields) and the municipality's
    outline; geometries simplified once (by default 1/40,000 of the
    municipality's size, invisible at the maps' scales; 0: not at all)."""
    extent = QgsRectangle()
    extent.setMinimal()
    for g in geometries.values():
        if g is not None and not g.isNull():
            extent.combineExtentWith(g.boundingBox())
    if extent.isEmpty() or not math.isfinite(extent.width()):
        raise LayoutError("the layer has no geometries to map")
    size = max(extent.width(), extent.height())
    detail_tol = size / 40000.0 if detail_tolerance is None else detail_tolerance
    feats = []
    by_fid = {}
    page_of = {u.fid: u for u in book.pages}
    for u in book.units:
        f = QgsFeature()
        g = geometries.get(u.fid)
        if g is not None:
            f.setGeometry(simplify(QgsGeometry(g), detail_tol))
        attrs = [
            u.key,
            u.name,
            u.page if u.fid in page_of else None,
            u.rank,
            cp.page_text(book, u.page) if u.fid in page_of else None,
            subline(book, u),
            u.burden_head,
            burden_text(u),
            u.index_text,
            design.legend_text + ("\n" + "  ".join(u.notes) if u.notes else ""),
            u.map_class,
        ]
        if u.fid in page_of:
            attrs += [design.column_text(u, c) if design.column(c) else "" for c in cp.COLUMNS]
            attrs.append(bars_of(design, u))
        else:
            attrs += [None] * (len(cp.COLUMNS) + 1)
        f.setAttributes(attrs)
        by_fid[u.fid] = len(feats)
        feats.append(f)
    geom_type = QgsWkbTypes.multiType(wkb_type) if wkb_type != QgsWkbTypes.NoGeometry else wkb_type
    for f in feats:
        g = f.geometry()
        if not g.isNull() and not g.isMultipart() and QgsWkbTypes.isMultiType(geom_type):
            g.convertToMultiType()
            f.setGeometry(g)
    units = memory_layer("profile_units", geom_type, crs, PA_FIELDS, feats)
    union_tol = size / 2000.0
    parts = [simplify(QgsGeometry(g), union_tol) for g in geometries.values() if g is not None and not g.isNull()]
    city_geom = QgsGeometry.unaryUnion(parts) if parts else QgsGeometry()
    cf = QgsFeature()
    cf.setGeometry(city_geom)
    city = memory_layer("profile_city", QgsWkbTypes.MultiPolygon, crs, [], [cf])
    if city_geom.type() != QgsWkbTypes.PolygonGeometry:
        city = memory_layer("profile_city", city_geom.wkbType(), crs, [], [cf])
    classes = units.clone() if gpkg_path is None else None
    if gpkg_path:
        units, city = write_gpkg([units, city], gpkg_path)
        classes = QgsVectorLayer(units.source(), "profile_classes", "ogr")
    else:
        classes.setName("profile_classes")
    # feature ids of the written layer, in the order of book.units
    ids = [
        f.id() for f in units.getFeatures(QgsFeatureRequest().setNoAttributes().setFlags(QgsFeatureRequest.NoGeometry))
    ]
    fid_map = {u.fid: ids[by_fid[u.fid]] for u in book.units}
    return ProfileLayers(units, classes, city, extent, crs, feature_ids=fid_map)


def burden_text(u: cp.UnitProfile) -> str:
    """The reason (first letter upper case) and the index classes on a line of their own."""
    detail = u.burden_detail[:1].upper() + u.burden_detail[1:]
    return "\n".join(x for x in (detail, u.index_text) if x)


def subline(book: cp.ProfileBook, u: cp.UnitProfile) -> str:
    parts = [f"{t(QT_TRANSLATE_NOOP('SozialplanungLayouts', 'Key'), book.lang)} {u.key}"]
    if book.subtitle:
        parts.append(book.subtitle)
    return "  ·  ".join(parts)


def style_layers(layers: ProfileLayers, book: cp.ProfileBook, design: UnitDesign) -> None:
    """Detail map: the unit outlined dark (and tinted), neighbours white with
    their names; locator: one feature whose symbol draws the atlas unit."""
    s = design.page.scale
    units = layers.units
    root = QgsRuleBasedRenderer.Rule(None)
    current = QgsRuleBasedRenderer.Rule(fill("#fddbc7", HIGHLIGHT, 0.7), 0, 0, "$id = @atlas_featureid")
    current.setLabel(t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "the unit"), book.lang))
    other = QgsRuleBasedRenderer.Rule(fill("#ffffff", "#8c8c8c", 0.2), 0, 0, "ELSE")
    other.setLabel(t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "neighbouring units"), book.lang))
    root.appendChild(other)
    root.appendChild(current)
    current.symbol().symbolLayer(0).setRenderingPass(1)  # the unit's outline over its neighbours'
    renderer = QgsRuleBasedRenderer(root)
    renderer.setUsingSymbolLevels(True)
    units.setRenderer(renderer)
    pal = QgsPalLayerSettings()
    pal.fieldName = fn.PA_NAME
    pal.placement = QgsPalLayerSettings.OverPoint  # one candidate per unit: a third faster than Horizontal
    pal.setFormat(text_format(5.8 * s, "#525252"))  # no halo: a buffer is drawn as glyph outlines (big, slow)
    pal.autoWrapLength = 18
    pal.fitInPolygonOnly = False
    units.setLabeling(QgsVectorLayerSimpleLabeling(pal))
    units.setLabelsEnabled(True)
    city = layers.city
    # the city's outline is in the locator's picture: the map draws only the unit
    sym = QgsFillSymbol()
    sym.deleteSymbolLayer(0)
    tol = max(layers.extent.width(), layers.extent.height()) / 1500.0
    gen = QgsGeometryGeneratorSymbolLayer.create({"geometryModifier": f"simplify(@atlas_geometry, {tol:.6g})"})
    gen.setSymbolType(QgsSymbol.Fill)
    gen.setSubSymbol(fill(HIGHLIGHT, "#67001f", 0.25))
    sym.appendSymbolLayer(gen)
    ring = QgsGeometryGeneratorSymbolLayer.create({"geometryModifier": "centroid(@atlas_geometry)"})
    ring.setSymbolType(QgsSymbol.Marker)
    ring.setSubSymbol(
        QgsMarkerSymbol.createSimple(
            {"name": "circle", "color": "0,0,0,0", "size": str(4.5 * s), "outline_color": INK, "outline_width": "0.4"}
        )
    )
    sym.appendSymbolLayer(ring)
    city.setRenderer(QgsSingleSymbolRenderer(sym))
    layers.classes.setRenderer(class_renderer(layers.classes, book.map_classes))


def render_locator(layers: ProfileLayers, design: UnitDesign, dpi: int = 300) -> str:
    """The locator's static background (every unit, the city's outline) as a
    PNG, rendered once; base64 picture source."""
    _, _, w, h = design.locator_rect
    extent = locator_extent(layers, design)
    bg = layers.units.clone()
    bg.setRenderer(QgsSingleSymbolRenderer(fill("#e0e0e0", "#ffffff", 0.12)))
    bg.setLabelsEnabled(False)
    outline = layers.city.clone()
    outline.setRenderer(
        QgsSingleSymbolRenderer(
            QgsFillSymbol.createSimple({"style": "no", "outline_color": "#737373", "outline_width": "0.3"})
        )
    )
    ms = QgsMapSettings()
    ms.setLayers([outline, bg])
    ms.setDestinationCrs(layers.crs)
    ms.setOutputDpi(dpi)
    size = QSize(round(w / 25.4 * dpi), round(h / 25.4 * dpi))
    ms.setOutputSize(size)
    ms.setExtent(extent)
    ms.setBackgroundColor(QColor("#ffffff"))
    img = QImage(size, QImage.Format_RGB32)
    img.fill(QColor("#ffffff"))
    img.setDotsPerMeterX(round(dpi / 0.0254))
    img.setDotsPerMeterY(round(dpi / 0.0254))
    painter = QPainter(img)
    painter.setRenderHint(QPainter.Antialiasing)
    job = QgsMapRendererCustomPainterJob(ms, painter)
    job.renderSynchronously()
    painter.end()
    grey = img.convertToFormat(QImage.Format_Grayscale8)
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.WriteOnly)
    grey.save(buf, "PNG")
    buf.close()
    return "base64:" + base64.b64encode(bytes(data)).decode("ascii")


def locator_extent(layers: ProfileLayers, design: UnitDesign) -> QgsRectangle:
    _, _, w, h = design.locator_rect
    return fit_extent(layers.extent, w, h, 0.04)


def _header(layout, book: cp.ProfileBook, design: UnitDesign, logo, kicker: str, page: int = 0) -> None:
    s = design.page.scale
    x0, y0, w = design.x0, design.y0, design.w
    logo_w = 0.0
    if logo:
        src, fmt = logo
        logo_w = 38 * s
        picture(layout, src, (design.x1 - logo_w, y0, logo_w, 15 * s), fmt, QgsLayoutItemPicture.Zoom, page=page)
    text_label(layout, kicker, (x0, y0, w - logo_w - 3 * s, 4 * s), 6.5 * s, bold=True, colour=GREY, page=page)


def unit_layout(project, book: cp.ProfileBook, design: UnitDesign, layers: ProfileLayers, logo=None) -> QgsPrintLayout:
    """One page per unit: a QGIS atlas over the units with a page."""
    p, s, lang = design.page, design.page.scale, book.lang
    layout = new_layout(
        project,
        t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "District profiles"), lang)
        + (f" – {book.title}" if book.title else ""),
        p,
    )
    atlas = layout.atlas()
    atlas.setCoverageLayer(layers.units)
    atlas.setEnabled(True)
    atlas.setHideCoverage(False)
    atlas.setFilterFeatures(True)
    atlas.setFilterExpression(f'"{fn.PA_PAGE}" IS NOT NULL')
    atlas.setSortFeatures(True)
    atlas.setSortExpression(f'"{fn.PA_PAGE}"')
    atlas.setPageNameExpression(f'"{fn.PA_KEY}"')
    x0, y0, w = design.x0, design.y0, design.w
    kicker = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "District profile"), lang).upper() + (
        f"  ·  {book.title}" if book.title else ""
    )
    _header(layout, book, design, logo, kicker)
    logo_w = 41 * s if logo else 0.0
    title = label(layout, f'[% "{fn.PA_NAME}" %]', (x0, y0 + 4.2 * s, w - logo_w, 9 * s), 17 * s, bold=True)
    title.setId("pa_title")
    label(layout, f'[% "{fn.PA_SUBLINE}" %]', (x0, y0 + 13.6 * s, w - logo_w, 4.5 * s), 8 * s, colour=GREY)
    # maps
    detail = unit_maps(layout, design, layers)
    mx, my, mw, mh = design.map_rect
    if layers.crs.isValid():  # distances are known
        scale_bar(layout, detail, (mx + 1.5 * s, my + mh - 8.5 * s, 30 * s, 7 * s), 5.5 * s, 12 * s, 24 * s)
    # the burden class, its reason and the index classes
    bx, by, bw, bh = design.burden_rect
    label(layout, f'[% "{fn.PA_BURDEN_HEAD}" %]', (bx, by, bw, 4.8 * s), 9 * s, bold=True)
    label(layout, f'[% "{fn.PA_BURDEN_TEXT}" %]', (bx, by + 5.0 * s, bw, bh - 5.0 * s), design.burden_pt)
    # the table: static graphics, the indicator names (the topics bold on top), the value columns
    tx, ty, tw, th = design.table_rect
    picture(layout, svg_source(furniture_svg(design)), (0, 0, p.width, p.height)).setId("pa_furniture")
    h = design.table_h + 1.0
    lc = design.column("label")
    text_label(
        layout, lc.header + "\n" + cp.label_column(design.lines), (lc.x + 0.4, ty, lc.w - 0.8, h), design.table_pt
    )
    text_label(layout, "\n" + cp.topic_column(design.lines), (lc.x + 0.4, ty, design.w, h), design.table_pt, bold=True)
    for col in design.columns:
        if col.name in ("label", "chart"):
            continue
        lab = label(
            layout,
            f'[% "{fn.pa_column(col.name)}" %]',
            (col.x + 0.4, ty, col.w - 0.8, h),
            design.table_pt,
            align=col.align,
        )
        lab.setId(f"pa_col_{col.name}")
    # the chart: bars of the unit (SVG from a field) over the grid of the furniture
    chart = design.column("chart")
    label(layout, chart.header, (chart.x, ty, chart.w, h), design.table_pt, align=Qt.AlignHCenter)
    bars = QgsLayoutItemPicture(layout)
    bars.setMode(QgsLayoutItemPicture.FormatSVG)
    bars.setResizeMode(QgsLayoutItemPicture.Stretch)
    bars.dataDefinedProperties().setProperty(
        QgsLayoutObject.PictureSource, QgsProperty.fromExpression(f"'base64:' || to_base64(\"{fn.PA_BARS}\")")
    )
    place(layout, bars, chart.x, design.rows_top, chart.w, len(design.lines) * design.pitch)
    bars.setId("pa_bars")
    # how to read the page and the footnotes of its signs
    label(layout, f'[% "{fn.PA_NOTES}" %]', design.notes_rect, design.note_pt, colour="#424242")
    _footer(layout, book, design, f'[% "{fn.PA_PAGE_TEXT}" %]')
    return layout


DETAIL_MARGIN = 0.12


def _footer(layout, book, design, page_text: str, page: int = 0) -> None:
    s = design.page.scale
    fy = design.y1 - design.footer_h + 1.2 * s
    parts = [t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "As of {date}"), book.lang).format(date=book.date)]
    if book.source_note:
        parts.insert(0, f"{t(QT_TRANSLATE_NOOP('SozialplanungLayouts', 'Source'), book.lang)}: {book.source_note}")
    text_label(layout, "  ·  ".join(parts), (design.x0, fy, design.w - 32 * s, 4 * s), 6 * s, colour=GREY, page=page)
    if page_text.startswith("[%"):
        label(layout, page_text, (design.x1 - 30 * s, fy, 30 * s, 4 * s), 6.5 * s, align=Qt.AlignRight, page=page)
    else:
        text_label(layout, page_text, (design.x1 - 30 * s, fy, 30 * s, 4 * s), 6.5 * s, align=Qt.AlignRight, page=page)


# --------------------------------------------------------------------------
# the overview: cover and ranked list


@dataclass
class OverviewDesign:
    """Cover and list pages (mm)."""

    page: Page
    book: cp.ProfileBook

    def __post_init__(self):
        s = self.page.scale
        _page_frame(self)
        self.list_pt = 7.0 * s
        self.pitch = line_pitch(font(self.list_pt))
        self.list_top = self.y0 + self.header_h + 4 * s
        self.head_h = 4.2 * s
        self.notes = cp.list_notes(self.book)
        nf = font(5.8 * s)
        self.notes_h = (len(wrap(self.notes, nf, self.w)) * line_pitch(nf) + 2 * s) if self.notes else 0.0
        avail = self.y1 - self.footer_h - 2 * s - self.list_top - self.head_h - self.notes_h
        self.rows_per_page = max(5, int(avail // self.pitch))
        book = self.book
        lang = book.lang
        cols = [
            ("rank", 9, t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Rank"), lang), Qt.AlignRight),
            ("key", 0, t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Key"), lang), Qt.AlignLeft),
        ]
        cols.append(("name", 0, t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Name"), lang), Qt.AlignLeft))
        if book.has_burden:
            cols.append(("class", 31, t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Burden class"), lang), Qt.AlignLeft))
            cols.append(("flags", 16, t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Flagged"), lang), Qt.AlignLeft))
        if book.has_status:
            cols.append(("status", 27, t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Status"), lang), Qt.AlignLeft))
        if book.has_dynamics:
            cols.append(("dynamics", 24, t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Dynamics"), lang), Qt.AlignLeft))
        cols.append(("page", 11, t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Page"), lang), Qt.AlignRight))
        f = font(self.list_pt)
        key_w = max([text_width(u.key, f) for u in book.ranking] + [text_width(cols[1][2], font(self.list_pt, True))])
        key_w = min(key_w + 3 * s, 40 * s)
        fixed = sum(c[1] for c in cols) * s + key_w
        name_w = self.w - fixed
        self.columns = []
        x = self.x0
        for name, w, header, align in cols:
            w = key_w if name == "key" else (name_w if name == "name" else w * s)
            self.columns.append(Column(name, x, w, header, align))
            x += w


def list_column(book: cp.ProfileBook, units: list[cp.UnitProfile], name: str, f: QFont, width: float) -> str:
    def cell(u):
        if name == "rank":
            return str(u.rank) if u.rank is not None else ""
        if name == "key":
            return u.key
        if name == "name":
            return elide(u.name, f, width - 1.0)
        if name == "class":
            return elide(cp.unit_class(book, u), f, width - 1.0)
        if name == "flags":
            return cp.flags_text(book, u)
        if name == "status":
            return elide(u.status_text, f, width - 1.0)
        if name == "dynamics":
            return elide(u.dynamics_text, f, width - 1.0)
        if name == "page":
            return str(u.page) if u.page is not None else ""
        return ""

    return "\n".join(cell(u) for u in units)


def unit_maps(layout, design, layers) -> QgsLayoutItemMap:
    """The two maps of a profile page: the unit with its surroundings (atlas
    driven) and the locator (the city rendered once as a picture, the unit
    highlighted above it). The plain benchmark atlas uses exactly these."""
    mx, my, mw, mh = design.map_rect
    detail = QgsLayoutItemMap(layout)
    place(layout, detail, mx, my, mw, mh)
    detail.setId("pa_detail_map")
    detail.setCrs(layers.crs)
    detail.setLayers([layers.units])
    detail.setKeepLayerSet(True)
    detail.setExtent(fit_extent(layers.extent, mw, mh, 0.0))
    detail.setAtlasDriven(True)
    detail.setAtlasScalingMode(QgsLayoutItemMap.Auto)
    detail.setAtlasMargin(DETAIL_MARGIN)
    detail.setBackgroundColor(QColor("#f7f7f7"))
    frame(detail)
    lx, ly, lw, lh = design.locator_rect
    png = picture(layout, layers.locator_png, (lx, ly, lw, lh), QgsLayoutItemPicture.FormatRaster)
    png.setId("pa_locator_background")
    if design.inset:
        frame(png, 0.3, "#525252")
    loc = QgsLayoutItemMap(layout)
    place(layout, loc, lx, ly, lw, lh)
    loc.setId("pa_locator_map")
    loc.setCrs(layers.crs)
    loc.setLayers([layers.city])
    loc.setKeepLayerSet(True)
    loc.setExtent(locator_extent(layers, design))
    loc.setBackgroundEnabled(False)
    frame(loc)
    return detail


def _page_rules_picture(layout, design) -> None:
    """The page's static rules (header and footer lines) as one full-page SVG
    picture: one item instead of several, drawn the same on every page."""
    p = design.page
    svg = cp.furniture_svg(
        [],
        page_width=p.width,
        page_height=p.height,
        table_x=0,
        table_y=-10,
        table_width=0,
        pitch=0,
        head=0,
        rules=page_rules(design),
    )
    picture(layout, svg_source(svg), (0, 0, p.width, p.height))


def _map_and_side(design, side_w: float, side_h: float) -> tuple[tuple, tuple]:
    """The rectangles of a page's big map and of the panel beside it (landscape:
    a column of ``side_w`` mm on the right) or below it (portrait: a band of
    ``side_h`` mm), between the header and the footer; sizes scale with the page."""
    s = design.page.scale
    x0, w = design.x0, design.w
    top = design.y0 + design.header_h + 4 * s
    bottom = design.y1 - design.footer_h - 2 * s
    if design.page.landscape:
        sw = side_w * s
        return (x0, top, w - sw - 6 * s, bottom - top), (x0 + w - sw, top, sw, bottom - top)
    sh = side_h * s
    return (x0, top, w, bottom - top - sh - 4 * s), (x0, bottom - sh, w, sh)


def overview_layout(
    project, book: cp.ProfileBook, design: OverviewDesign, layers: ProfileLayers, logo=None
) -> QgsPrintLayout:
    """Page 1: the cover with the overview map; then the ranked list."""
    p, s, lang = design.page, design.page.scale, book.lang
    chunks = cp.list_chunks(book, design.rows_per_page)
    layout = new_layout(
        project,
        t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "District profiles"), lang)
        + " – "
        + t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Overview"), lang),
        p,
        1 + len(chunks),
    )
    title = book.title or t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "District profiles"), lang)
    x0, y0, w = design.x0, design.y0, design.w
    logo_w = 41 * s if logo else 0.0
    # --- cover
    _header(layout, book, design, logo, t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "District profiles"), lang).upper())
    text_label(layout, title, (x0, y0 + 4.2 * s, w - logo_w, 10 * s), 20 * s, bold=True)
    sub = [book.subtitle] if book.subtitle else []
    sub.append(
        t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "As of {date}"), lang).format(date=book.date)
        + "  ·  "
        + t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "{n} units"), lang).format(n=len(book.units))
        + "  ·  "
        + t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "{n} profiles"), lang).format(n=len(book.pages))
    )
    text_label(layout, "\n".join(sub), (x0, y0 + 14.2 * s, w - logo_w, 7 * s), 8 * s, colour=GREY)
    map_rect, side = _map_and_side(design, side_w=88, side_h=62)
    mx, my, mw, mh = map_rect
    overview = QgsLayoutItemMap(layout)
    place(layout, overview, *map_rect)
    overview.setId("pa_overview_map")
    overview.setCrs(layers.crs)
    overview.setLayers([layers.classes])
    overview.setKeepLayerSet(True)
    overview.setExtent(fit_extent(layers.extent, mw, mh, 0.02))
    frame(overview)
    north_arrow(layout, overview, (mx + mw - 12 * s, my + 3 * s, 9 * s, 12 * s))
    if layers.crs.isValid():
        scale_bar(layout, overview, (mx + 3 * s, my + mh - 11 * s, 50 * s, 8 * s), 6.5 * s, 20 * s, 40 * s)
    sx, sy, sw, sh = side
    caption = {
        "burden": t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Burden class"), lang),
        "status": t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Status index"), lang),
        "dynamics": t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Dynamics index"), lang),
    }.get(book.cover_map, "")
    texts = []
    if book.burden_rule and book.cover_map == "burden":
        texts.append(f"{t(QT_TRANSLATE_NOOP('SozialplanungLayouts', 'Burden rule'), lang)}: {book.burden_rule}")
    texts.append(book.protection_note)
    texts += cp.legend(book)
    if p.landscape:
        leg_rect = (sx, sy, sw, 40 * s)
        text_rect = (sx, sy + 42 * s, sw, sh - 42 * s)
    else:
        leg_w = 62 * s
        leg_rect = (sx, sy, leg_w, sh)
        text_rect = (sx + leg_w + 5 * s, sy, sw - leg_w - 5 * s, sh)
    if caption:
        legend(layout, overview, layers.classes, caption, leg_rect, 7 * s)
    text_label(layout, "\n\n".join(texts), text_rect, 6.5 * s, colour=INK)
    _page_rules_picture(layout, design)
    _footer(layout, book, design, cp.page_text(book, 1), page=0)
    # --- ranked list
    lf = font(design.list_pt)
    for k, units in enumerate(chunks, start=1):
        _header(
            layout,
            book,
            design,
            logo,
            t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "District profiles"), lang).upper()
            + (f"  ·  {book.title}" if book.title else ""),
            page=k,
        )
        label(
            layout,
            t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Ranked list of units"), lang),
            (x0, y0 + 4.2 * s, w - logo_w, 8 * s),
            15 * s,
            bold=True,
            page=k,
        )
        text_label(layout, cp.ranking_note(book), (x0, y0 + 13.4 * s, w - logo_w, 7 * s), 6.5 * s, colour=GREY, page=k)
        ty = design.list_top
        svg = cp.list_furniture_svg(
            page_width=p.width,
            page_height=p.height,
            x=x0,
            y=ty,
            width=w,
            pitch=design.pitch,
            rows=len(units),
            head=design.head_h,
            rules=page_rules(design),
        )
        picture(layout, svg_source(svg), (0, 0, p.width, p.height), page=k)
        for col in design.columns:
            label(
                layout,
                col.header,
                (col.x + 0.6, ty, col.w - 1.2, design.head_h),
                design.list_pt - 0.5 * s,
                bold=True,
                align=col.align,
                valign=Qt.AlignBottom,
                page=k,
            )
            text_label(
                layout,
                list_column(book, units, col.name, lf, col.w),
                (col.x + 0.6, ty + design.head_h, col.w - 1.2, len(units) * design.pitch + 1),
                design.list_pt,
                align=col.align,
                page=k,
            )
        if design.notes:
            ny = ty + design.head_h + len(units) * design.pitch + 2 * s
            text_label(layout, design.notes, (x0, ny, w, design.notes_h), 5.8 * s, colour="#424242", page=k)
        _footer(layout, book, design, cp.page_text(book, 1 + k), page=k)
    return layout


# --------------------------------------------------------------------------
# export


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
            self.title = atlas_layout.itemById("pa_title")
            self.title_font = self.title.font() if self.title is not None else None
            self.title_width = self.title.rect().width() if self.title is not None else 0
            atlas_layout.reportContext().setLayer(atlas_layout.atlas().coverageLayer())

    def layout(self):
        return self.current

    def beginRender(self):  # noqa: N802
        self.i = -1
        return True

    def endRender(self):  # noqa: N802
        return True

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
        f = self.features[k]
        layout = self.atlas_layout
        rc = layout.reportContext()
        rc.blockSignals(True)
        rc.setFeature(f)
        rc.blockSignals(False)
        if self.detail is not None and f.hasGeometry():
            r = self.detail.rect()
            self.detail.setExtent(
                fit_extent(f.geometry().boundingBox(), r.width(), r.height(), self.detail.atlasMargin())
            )
        if self.bars is not None:
            # what the data-defined source gives, without evaluating it
            svg = f[fn.PA_BARS] or ""
            self.bars.setPicturePath(svg_source(svg), QgsLayoutItemPicture.FormatSVG)
        if self.title is not None:
            self.fit_title(str(f[fn.PA_NAME] or ""))
        self.current = layout
        return True

    def fit_title(self, name: str) -> None:
        """Long names: a smaller size on one line, else two lines."""
        base = self.title_font
        width = self.title_width
        size = base.pointSizeF()
        for factor in (1.0, 0.85, 0.72, 0.6):
            f = QFont(base)
            f.setPointSizeF(size * factor)
            if text_width(name, f) <= width - 0.5:
                break
        if self.title.font() != f:
            self.title.setFont(f)


def pdf_settings() -> QgsLayoutExporter.PdfExportSettings:
    s = QgsLayoutExporter.PdfExportSettings()
    s.textRenderFormat = QgsRenderContext.TextFormatAlwaysText  # selectable text, small and fast
    s.simplifyGeometries = True
    s.forceVectorOutput = False
    s.rasterizeWholeImage = False
    s.exportMetadata = False
    s.appendGeoreference = False
    s.flags = s.flags | QgsLayoutRenderContext.FlagLosslessImageRendering
    return s


_RESULTS = {
    QgsLayoutExporter.Canceled: "the export was canceled",
    QgsLayoutExporter.MemoryError: "not enough memory to render the pages (try fewer units with FILTER)",
    QgsLayoutExporter.FileError: "the PDF could not be written (is the file open in a PDF viewer?)",
    QgsLayoutExporter.PrintError: "the PDF could not be started (is the folder writable?)",
    QgsLayoutExporter.SvgLayerError: "an SVG could not be drawn",
    QgsLayoutExporter.IteratorError: "the pages could not be prepared",
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
        if code != QgsLayoutExporter.Success:
            why = _RESULTS.get(code, f"export result {code}")
            raise LayoutError(f"{path}: {why}" + (f" ({error})" if error else ""))
        publish(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def atlas_features(layers: ProfileLayers) -> list:
    """The features with a page, in page order (what the atlas would iterate)."""
    req = QgsFeatureRequest().setFilterExpression(f'"{fn.PA_PAGE}" IS NOT NULL')
    feats = list(layers.units.getFeatures(req))
    feats.sort(key=lambda f: f[fn.PA_PAGE])
    return feats


def save_project(project, path: str) -> None:
    """A .qgz whose layouts export text as text by default."""
    settings = project.labelingEngineSettings()
    settings.setDefaultTextRenderFormat(QgsRenderContext.TextFormatAlwaysText)
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


def plain_atlas(project, design: UnitDesign, layers: ProfileLayers) -> QgsPrintLayout:
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


# --------------------------------------------------------------------------
# the whole document


@dataclass
class AtlasDocument:
    """Everything of one profile atlas: the book, its designs, layers, project and layouts."""

    book: cp.ProfileBook
    design: UnitDesign
    overview_design: OverviewDesign
    layers: ProfileLayers
    project: object
    overview: QgsPrintLayout
    atlas: QgsPrintLayout

    def iterator(self) -> ProfileIterator:
        return ProfileIterator([self.overview], self.atlas, atlas_features(self.layers), self.design)


def geometry_extent(geometries: dict) -> QgsRectangle:
    e = QgsRectangle()
    e.setMinimal()
    for g in geometries.values():
        if g is not None and not g.isNull():
            e.combineExtentWith(g.boundingBox())
    return e


def make_document(
    book: cp.ProfileBook,
    page: Page,
    geometries: dict,
    crs: QgsCoordinateReferenceSystem,
    wkb_type,
    gpkg_path: str | None = None,
    logo=None,
    detail_tolerance: float | None = None,
) -> AtlasDocument:
    """Designs, page numbers, the layer behind the layouts, styles, the
    locator's picture and both layouts in a project of their own."""
    from qgis.core import QgsProject

    design = UnitDesign(page, book, extent=geometry_extent(geometries))
    overview_design = OverviewDesign(page, book)
    cp.paginate(book, overview_design.rows_per_page)
    layers = build_layers(book, design, geometries, crs, wkb_type, gpkg_path, detail_tolerance=detail_tolerance)
    style_layers(layers, book, design)
    layers.locator_png = render_locator(layers, design)
    project = QgsProject()
    project.setCrs(crs)
    for layer in (layers.units, layers.classes, layers.city):
        project.addMapLayer(layer)
    overview = overview_layout(project, book, overview_design, layers, logo)
    atlas = unit_layout(project, book, design, layers, logo)
    project.layoutManager().addLayout(overview)
    project.layoutManager().addLayout(atlas)
    return AtlasDocument(book, design, overview_design, layers, project, overview, atlas)


# --------------------------------------------------------------------------
# overview maps: one page per field


def map_layer(mf: cp.MapField, geometries: dict, fids: list, crs, wkb_type) -> QgsVectorLayer:
    """The units with the published value (pa_value) and its state (pa_state)."""
    extent = geometry_extent(geometries)
    tol = max(extent.width(), extent.height()) / 20000.0
    kind = QVariant.Double if mf.kind == "values" else QVariant.String
    geom_type = QgsWkbTypes.multiType(wkb_type)
    feats = []
    for fid, v, state in zip(fids, mf.values, mf.states):
        f = QgsFeature()
        g = geometries.get(fid)
        if g is not None:
            g = simplify(QgsGeometry(g), tol)
            if not g.isMultipart():
                g.convertToMultiType()
            f.setGeometry(g)
        f.setAttributes([v, state])
        feats.append(f)
    fields = [("pa_value", kind), ("pa_state", QVariant.String), ("pa_class", QVariant.Int)]
    for f in feats:
        f.setAttributes(f.attributes() + [None])
    return memory_layer(mf.field, geom_type, crs, fields, feats)


def map_renderer(layer: QgsVectorLayer, mf: cp.MapField, lang: str):
    """Quantile classes (darker = more burdened, or higher), hatched 'no value'
    and cross-hatched 'withheld'; or the classes light to dark."""
    withheld_label = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "withheld ({sign})"), lang).format(sign=mf.sign)
    if mf.kind == "classes":
        return class_renderer(layer, mf.classes, "pa_value")
    # quantile classes as QGIS computes them; each unit's class is set here, exactly
    # (rules on rounded bounds can miss a value that lies on a break)
    gtype = layer.geometryType()
    ranges = QgsClassificationQuantile().classes(layer, "pa_value", 5) if any(v is not None for v in mf.values) else []
    uppers = [r.upperBound() for r in ranges]
    classes = []
    for v in mf.values:
        classes.append(next((k for k, up in enumerate(uppers) if v <= up), len(uppers) - 1) if v is not None else None)
    idx = layer.fields().lookupField("pa_class")
    layer.dataProvider().changeAttributeValues(
        {f.id(): {idx: c if c is not None else -1} for f, c in zip(layer.getFeatures(), classes)}
    )
    cols = styles.colours(len(ranges))
    if mf.polarity < 0:
        cols = cols[::-1]
    suffix = f" {mf.unit}" if mf.unit else ""
    between = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "{a} to {b}"), lang)
    cats = []
    for k, (r, colour) in enumerate(zip(ranges, cols)):
        n = sum(1 for c in classes if c == k)
        label = between.format(a=cp.number(r.lowerBound(), mf.decimals), b=cp.number(r.upperBound(), mf.decimals))
        cats.append(QgsRendererCategory(k, styles.symbol(gtype, colour), f"{label}{suffix} ({n})"))
    missing = sum(1 for st in mf.states if st == "missing")
    if mf.withheld:
        cats.append(QgsRendererCategory(-1, withheld_symbol(gtype), f"{withheld_label} ({mf.withheld})"))
    if missing:
        cats.append(
            QgsRendererCategory(
                -2,
                styles.neutral_symbol(gtype),
                f"{t(QT_TRANSLATE_NOOP('SozialplanungLayouts', 'no value'), lang)} ({missing})",
            )
        )
    layer.dataProvider().changeAttributeValues(
        {f.id(): {idx: -2} for f, st in zip(layer.getFeatures(), mf.states) if st == "missing"}
    )
    return QgsCategorizedSymbolRenderer("pa_class", cats)


@dataclass
class MapDesign:
    page: Page

    def __post_init__(self):
        _page_frame(self)


def map_page_layout(
    project,
    design: MapDesign,
    layer: QgsVectorLayer,
    mf: cp.MapField,
    *,
    lang: str,
    title: str,
    source_note: str,
    protection_note: str,
    page_no: int,
    total: int,
    day: str,
) -> QgsPrintLayout:
    """A print-ready map of one field: title, map with classes, legend, scale
    bar, north arrow, source, date, data-protection note, page number."""
    p, s = design.page, design.page.scale
    layout = new_layout(
        project, f"{t(QT_TRANSLATE_NOOP('SozialplanungLayouts', 'Overview map'), lang)} – {mf.title}", p
    )
    x0, y0, w = design.x0, design.y0, design.w
    kicker = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Overview map"), lang).upper() + (
        f"  ·  {title}" if title else ""
    )
    text_label(layout, kicker, (x0, y0, w, 4 * s), 6.5 * s, bold=True, colour=GREY)
    text_label(layout, mf.title, (x0, y0 + 4.2 * s, w, 9 * s), 16 * s, bold=True)
    sub = (
        t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "As of {date}"), lang).format(date=day)
        + "  ·  "
        + t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "{n} units"), lang).format(n=len(mf.values))
    )
    text_label(layout, sub, (x0, y0 + 13.6 * s, w, 4.5 * s), 8 * s, colour=GREY)
    map_rect, side = _map_and_side(design, side_w=70, side_h=58)
    mx, my, mw, mh = map_rect
    m = QgsLayoutItemMap(layout)
    place(layout, m, *map_rect)
    m.setCrs(layer.crs())
    m.setLayers([layer])
    m.setKeepLayerSet(True)
    m.setExtent(fit_extent(layer.extent(), mw, mh, 0.02))
    frame(m)
    north_arrow(layout, m, (mx + mw - 12 * s, my + 3 * s, 9 * s, 12 * s))
    if layer.crs().isValid():
        scale_bar(layout, m, (mx + 3 * s, my + mh - 11 * s, 50 * s, 8 * s), 6.5 * s, 20 * s, 40 * s)
    sx, sy, sw, sh = side
    if p.landscape:
        leg_rect, text_rect = (sx, sy, sw, sh * 0.5), (sx, sy + sh * 0.5 + 3 * s, sw, sh * 0.5 - 3 * s)
    else:
        leg_rect, text_rect = (sx, sy, sw * 0.45, sh), (sx + sw * 0.5, sy, sw * 0.5, sh)
    legend(layout, m, layer, mf.title, leg_rect, 7 * s)
    texts = []
    if mf.kind == "values":
        texts.append(
            t(
                "Classes: quantiles (about the same number of units per class); darker = more burdened."
                if mf.polarity
                else "Classes: quantiles (about the same number of units per class); darker = higher values.",
                lang,
            )
        )
    if mf.note:
        texts.append(f"{t(QT_TRANSLATE_NOOP('SozialplanungLayouts', 'Burden rule'), lang)}: {mf.note}")
    texts.append(protection_note)
    text_label(layout, "\n\n".join(texts), text_rect, 6.5 * s)
    _page_rules_picture(layout, design)
    fy = design.y1 - design.footer_h + 1.2 * s
    parts = [t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "As of {date}"), lang).format(date=day)]
    if source_note:
        parts.insert(0, f"{t(QT_TRANSLATE_NOOP('SozialplanungLayouts', 'Source'), lang)}: {source_note}")
    text_label(layout, "  ·  ".join(parts), (x0, fy, w - 32 * s, 4 * s), 6 * s, colour=GREY)
    page_text = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Page {n} of {total}"), lang).format(n=page_no, total=total)
    text_label(layout, page_text, (design.x1 - 30 * s, fy, 30 * s, 4 * s), 6.5 * s, align=Qt.AlignRight)
    return layout
