"""Maps and what goes with them: extents, north arrow, scale bar, legend, and
keeping map labels clear of the items drawn over a map."""

from __future__ import annotations

from qgis.core import (
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutMeasurement,
    QgsLayoutPoint,
    QgsLegendRenderer,
    QgsRectangle,
)
from qgis.PyQt.QtGui import QColor

from sozialplanung_plugin import compat
from sozialplanung_plugin.adapters.layouts.frame import INK, MM, PageContext, font, item_frame, place, text_format

LABEL_MARGIN = 1.0  # mm between a map's labels and its frame


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


class PageContextMap(PageContext, QgsLayoutItemMap):
    """A map item whose expression context is built once per page while ``cached`` (see frame.PageContext)."""


def new_map(
    layout, rect, crs, layers: list, extent: QgsRectangle, item_id: str = "", cls=QgsLayoutItemMap
) -> QgsLayoutItemMap:
    """A framed map of ``layers``. Its labels stay inside the frame, a margin
    away from it (none is cut at the edge, where it could run under the text
    beside the map)."""
    m = cls(layout)
    place(layout, m, *rect)
    if item_id:
        m.setId(item_id)
    m.setCrs(crs)
    m.setLayers(layers)
    m.setKeepLayerSet(True)
    m.setExtent(extent)
    partial = QgsLayoutItemMap.MapItemFlag.ShowPartialLabels
    if m.mapFlags() & partial:
        m.setMapFlags(m.mapFlags() ^ partial)
    m.setLabelMargin(QgsLayoutMeasurement(LABEL_MARGIN, MM))
    item_frame(m)
    return m


def keep_clear(map_item: QgsLayoutItemMap, *items) -> None:
    """No label of ``map_item`` is placed under any of ``items`` (scale bar,
    north arrow, an inset, a legend drawn over the map)."""
    for item in items:
        if item is not None:
            map_item.addLabelBlockingItem(item)


def north_arrow(layout, map_item, rect, page: int = 0):
    pic = QgsLayoutItemPicture(layout)
    pic.setResizeMode(QgsLayoutItemPicture.ResizeMode.Zoom)
    pic.setPicturePath(":/images/north_arrows/layout_default_north_arrow.svg", compat.PICTURE_SVG)
    pic.setLinkedMap(map_item)
    pic.setNorthMode(QgsLayoutItemPicture.NorthMode.GridNorth)
    place(layout, pic, *rect, page=page)
    keep_clear(map_item, pic)
    return pic


def scale_bar(layout, map_item, rect, size: float, min_width: float, max_width: float, page: int = 0):
    """A single-box scale bar in km whose segments fit the map's scale (it
    follows the atlas map from page to page); the map's labels keep clear of it."""
    bar = QgsLayoutItemScaleBar(layout)
    place(layout, bar, *rect, page=page)
    bar.setLinkedMap(map_item)
    bar.setStyle("Single Box")
    bar.applyDefaultSize(compat.DISTANCE_KM)
    bar.setNumberOfSegmentsLeft(0)
    bar.setNumberOfSegments(2)
    bar.setHeight(1.2)
    bar.setTextFormat(text_format(size, INK))
    bar.setSegmentSizeMode(compat.SCALEBAR_FIT_WIDTH)
    bar.setMinimumBarWidth(min_width)
    bar.setMaximumBarWidth(max_width)
    bar.setBackgroundEnabled(True)
    bar.setBackgroundColor(QColor(255, 255, 255, 220))
    bar.setBoxContentSpace(1.0)
    bar.update()
    bar.attemptMove(QgsLayoutPoint(rect[0], rect[1], MM), page=page)
    keep_clear(map_item, bar)
    return bar


def legend(layout, map_item, layer, title: str, rect, size: float, page: int = 0, columns: int = 1):
    """The legend of one layer under ``title`` (without the layer's own name)."""
    leg = QgsLayoutItemLegend(layout)
    leg.setLinkedMap(map_item)
    leg.setAutoUpdateModel(False)
    leg.setTitle(title)
    root = leg.model().rootGroup()
    root.clear()
    node = root.addLayer(layer)
    QgsLegendRenderer.setNodeLegendStyle(node, compat.LEGEND_HIDDEN)
    compat.set_legend_font(leg, compat.LEGEND_TITLE, font(size + 1, True))
    compat.set_legend_font(leg, compat.LEGEND_SYMBOL_LABEL, font(size))
    compat.set_legend_font(leg, compat.LEGEND_SUBGROUP, font(size))
    leg.setSymbolWidth(6)
    leg.setSymbolHeight(3.6)
    leg.setColumnCount(columns)
    leg.setBackgroundEnabled(False)
    leg.setResizeToContents(True)
    place(layout, leg, *rect, page=page)
    keep_clear(map_item, leg)
    return leg
