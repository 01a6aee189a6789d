"""The layers behind the layouts: every printed text of a unit in a ``pa_*``
field, the municipality's outline, their styles and the locator's picture."""

from __future__ import annotations

import base64
import math
import os
from dataclasses import dataclass, field

from qgis.core import (
    Qgis,
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsGeometry,
    QgsGeometryGeneratorSymbolLayer,
    QgsMapRendererCustomPainterJob,
    QgsMapSettings,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsRectangle,
    QgsRendererCategory,
    QgsRuleBasedRenderer,
    QgsSingleSymbolRenderer,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QBuffer, QByteArray, QIODevice, QSize
from qgis.PyQt.QtGui import QColor, QImage, QPainter

from sozialplanung_plugin import compat
from sozialplanung_plugin.adapters.layouts.frame import HIGHLIGHT, INK, LayoutError, t, text_format
from sozialplanung_plugin.adapters.layouts.symbols import class_renderer, fill
from sozialplanung_plugin.adapters.layouts.unit_page import PA_SPARKS, UnitDesign, locator_extent
from sozialplanung_plugin.core import fields as fn
from sozialplanung_plugin.core import profiles as cp

PA_FIELDS = (
    [
        (fn.PA_KEY, compat.TYPE_STRING),
        (fn.PA_NAME, compat.TYPE_STRING),
        (fn.PA_PAGE, compat.TYPE_INT),
        (fn.PA_RANK, compat.TYPE_INT),
        (fn.PA_PAGE_TEXT, compat.TYPE_STRING),
        (fn.PA_SUBLINE, compat.TYPE_STRING),
        (fn.PA_BURDEN_HEAD, compat.TYPE_STRING),
        (fn.PA_BURDEN_TEXT, compat.TYPE_STRING),
        (fn.PA_INDEX_TEXT, compat.TYPE_STRING),
        (fn.PA_NOTES, compat.TYPE_STRING),
        (fn.PA_MAP_CLASS, compat.TYPE_STRING),
    ]
    + [(fn.pa_column(c), compat.TYPE_STRING) for c in cp.COLUMNS]
    + [(fn.PA_BARS, compat.TYPE_STRING)]
)


def extra_fields(design: UnitDesign) -> list[str]:
    """Fields beyond PA_FIELDS that the design prints: a column per comparison
    level (pa_col_ref_<F>) and the sparklines (pa_sparks), only when the book has them."""
    out = [fn.pa_column(c) for c in design.value_columns if c not in cp.COLUMNS]
    if design.column("spark") is not None:
        out.append(PA_SPARKS)
    return out + design.supply_fields()


def pa_fields(design: UnitDesign) -> list:
    return list(PA_FIELDS) + [(name, compat.TYPE_STRING) for name in extra_fields(design)]


@dataclass
class ProfileLayers:
    units: QgsVectorLayer  # every unit, the pa_* fields (atlas coverage, detail map)
    classes: QgsVectorLayer  # the same units for the cover map (own style)
    city: QgsVectorLayer  # one feature: the municipality (locator)
    extent: QgsRectangle
    crs: QgsCoordinateReferenceSystem
    locator_png: str = ""  # base64 picture source of the locator's background
    facilities: QgsVectorLayer | None = None  # points with a category (FACILITIES), on the detail map
    feature_ids: dict = field(default_factory=dict)  # unit fid -> feature id in ``units``


# --------------------------------------------------------------------------
# layers


def simplify(g: QgsGeometry, tolerance: float) -> QgsGeometry:
    if g is None or g.isNull() or tolerance <= 0:
        return g
    s = g.simplify(tolerance)
    return s if s is not None and not s.isNull() and not s.isEmpty() else g


def memory_layer(name: str, wkb_type, crs: QgsCoordinateReferenceSystem, fields, features) -> QgsVectorLayer:
    """A memory layer of ``fields`` ((name, compat.TYPE_*) pairs) holding ``features``."""
    geom = QgsWkbTypes.displayString(wkb_type) if wkb_type != compat.WKB_NO_GEOMETRY else "None"
    layer = QgsVectorLayer(geom, name, "memory")
    layer.setCrs(crs)  # an invalid CRS stays invalid: the maps then draw the layer's coordinates
    pr = layer.dataProvider()
    pr.addAttributes([compat.new_field(n, kind) for n, kind in fields])
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
            QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteFile
            if i == 0
            else QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer
        )
        res = QgsVectorFileWriter.writeAsVectorFormatV3(layer, path, QgsCoordinateTransformContext(), opts)
        if res[0] != QgsVectorFileWriter.WriterError.NoError:
            raise LayoutError(f"could not write {path}: {res[1]}")
        opened = QgsVectorLayer(f"{path}|layername={layer.name()}", layer.name(), "ogr")
        if not opened.isValid():
            raise LayoutError(f"could not open {path}|layername={layer.name()} after writing it")
        out.append(opened)
    return out


def geometry_extent(geometries: dict) -> QgsRectangle:
    """The bounding box of the geometries (empty when there are none)."""
    e = None
    for g in geometries.values():
        if g is not None and not g.isNull():
            if e is None:
                e = QgsRectangle(g.boundingBox())
            else:
                e.combineExtentWith(g.boundingBox())
    return e if e is not None else QgsRectangle()


def subline(book: cp.ProfileBook, u: cp.UnitProfile) -> str:
    parts = [f"{t(QT_TRANSLATE_NOOP('SozialplanungLayouts', 'Key'), book.lang)} {u.key}"]
    if book.subtitle:
        parts.append(book.subtitle)
    return "  ·  ".join(parts)


def unit_attributes(book: cp.ProfileBook, design: UnitDesign, u: cp.UnitProfile, has_page: bool) -> list:
    """The pa_* values of a unit, in the order of PA_FIELDS."""
    attrs = [
        u.key,
        u.name,
        u.page if has_page else None,
        u.rank,
        cp.page_text(book, u.page) if has_page else None,
        subline(book, u),
        u.burden_head,
        design.burden_text(u),
        u.index_text,
        design.notes_text(u),
        u.map_class,
    ]
    extra = [c for c in design.value_columns if c not in cp.COLUMNS]
    spark = design.column("spark") is not None
    if has_page:
        attrs += [design.column_text(u, c) if design.column(c) else "" for c in cp.COLUMNS]
        attrs.append(design.bars(u))
        attrs += [design.column_text(u, c) for c in extra]
        if spark:
            attrs.append(design.sparks(u))
        attrs += design.supply_texts(u)
    else:
        attrs += [None] * (len(cp.COLUMNS) + 1 + len(extra) + int(spark) + len(design.supply_fields()))
    return attrs


def unit_features(book, design, geometries: dict, tolerance: float, geom_type) -> list[QgsFeature]:
    """One feature per unit of the book (in its order), geometry simplified and multi-part."""
    page_of = {u.fid for u in book.pages}
    multi = geom_type != compat.WKB_NO_GEOMETRY and QgsWkbTypes.isMultiType(geom_type)
    feats = []
    for u in book.units:
        f = QgsFeature()
        g = geometries.get(u.fid)
        if g is not None:
            g = simplify(QgsGeometry(g), tolerance)
            if multi and not g.isNull() and not g.isMultipart():
                g.convertToMultiType()
            f.setGeometry(g)
        f.setAttributes(unit_attributes(book, design, u, u.fid in page_of))
        feats.append(f)
    return feats


def city_layer(geometries: dict, crs, tolerance: float) -> QgsVectorLayer:
    """The municipality: the union of the units, simplified."""
    parts = [simplify(QgsGeometry(g), tolerance) for g in geometries.values() if g is not None and not g.isNull()]
    city_geom = QgsGeometry.unaryUnion(parts) if parts else QgsGeometry()
    cf = QgsFeature()
    cf.setGeometry(city_geom)
    if city_geom.type() != compat.GEOMETRY_POLYGON:
        return memory_layer("profile_city", city_geom.wkbType(), crs, [], [cf])
    return memory_layer("profile_city", compat.WKB_MULTIPOLYGON, crs, [], [cf])


def build_layers(
    book: cp.ProfileBook,
    design: UnitDesign,
    geometries: dict,
    crs: QgsCoordinateReferenceSystem,
    wkb_type,
    gpkg_path: str | None = None,
    feedback=None,
    detail_tolerance: float | None = None,
    facilities: list | None = None,
) -> ProfileLayers:
    """The units with every printed text (pa_* fields) and the municipality's
    outline; geometries simplified once (by default 1/40,000 of the
    municipality's size, invisible at the maps' scales; 0: not at all)."""
    extent = geometry_extent(geometries)
    if extent.isNull() or extent.isEmpty() or not math.isfinite(extent.width()):
        raise LayoutError("the layer has no geometries to map")
    size = max(extent.width(), extent.height())
    detail_tol = size / 40000.0 if detail_tolerance is None else detail_tolerance
    geom_type = QgsWkbTypes.multiType(wkb_type) if wkb_type != compat.WKB_NO_GEOMETRY else wkb_type
    feats = unit_features(book, design, geometries, detail_tol, geom_type)
    units = memory_layer("profile_units", geom_type, crs, pa_fields(design), feats)
    city = city_layer(geometries, crs, size / 2000.0)
    if facilities is not None:
        facilities = facility_layer(facilities, crs)
    if gpkg_path:
        written = write_gpkg([units, city] + ([facilities] if facilities is not None else []), gpkg_path)
        units, city = written[:2]
        facilities = written[2] if facilities is not None else None
        classes = QgsVectorLayer(units.source(), "profile_classes", "ogr")
    else:
        classes = units.clone()
        classes.setName("profile_classes")
    # feature ids of the written layer, in the order of book.units
    req = QgsFeatureRequest().setNoAttributes().setFlags(compat.REQUEST_NO_GEOMETRY)
    ids = [f.id() for f in units.getFeatures(req)]
    fid_map = {u.fid: ids[k] for k, u in enumerate(book.units)}
    return ProfileLayers(units, classes, city, extent, crs, feature_ids=fid_map, facilities=facilities)


# --------------------------------------------------------------------------
# styles


def style_layers(layers: ProfileLayers, book: cp.ProfileBook, design: UnitDesign) -> None:
    """Detail map: the unit outlined dark (and tinted), neighbours white with
    their names; locator: one feature whose symbol draws the atlas unit; the
    cover map: the classes."""
    s = design.page.scale
    layers.units.setRenderer(detail_renderer(book))
    pal = QgsPalLayerSettings()
    pal.fieldName = fn.PA_NAME
    pal.placement = compat.LABEL_OVER_POINT  # one candidate per unit: a third faster than Horizontal
    pal.setFormat(text_format(5.8 * s, "#525252"))  # no halo: a buffer is drawn as glyph outlines (big, slow)
    pal.autoWrapLength = 18
    pal.fitInPolygonOnly = False
    layers.units.setLabeling(QgsVectorLayerSimpleLabeling(pal))
    layers.units.setLabelsEnabled(True)
    tol = max(layers.extent.width(), layers.extent.height()) / 1500.0
    layers.city.setRenderer(QgsSingleSymbolRenderer(locator_symbol(tol, s)))
    layers.classes.setRenderer(class_renderer(layers.classes, book.map_classes))
    if layers.facilities is not None:
        names = {str(c).strip().lower(): label for c, label in book.supply_labels.items()}
        layers.facilities.setRenderer(facility_renderer(facility_categories(layers.facilities), s, names))


def detail_renderer(book: cp.ProfileBook) -> QgsRuleBasedRenderer:
    """The atlas unit tinted and outlined over its neighbours (white)."""
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
    return renderer


def locator_symbol(tolerance: float, scale: float) -> QgsFillSymbol:
    """The city's outline is in the locator's picture: the symbol of the city's
    one feature draws only the atlas unit (and a ring around it)."""
    sym = QgsFillSymbol()
    sym.deleteSymbolLayer(0)
    gen = QgsGeometryGeneratorSymbolLayer.create({"geometryModifier": f"simplify(@atlas_geometry, {tolerance:.6g})"})
    gen.setSymbolType(Qgis.SymbolType.Fill)
    gen.setSubSymbol(fill(HIGHLIGHT, "#67001f", 0.25))
    sym.appendSymbolLayer(gen)
    ring = QgsGeometryGeneratorSymbolLayer.create({"geometryModifier": "centroid(@atlas_geometry)"})
    ring.setSymbolType(Qgis.SymbolType.Marker)
    ring.setSubSymbol(
        QgsMarkerSymbol.createSimple(
            {
                "name": "circle",
                "color": "0,0,0,0",
                "size": str(4.5 * scale),
                "outline_color": INK,
                "outline_width": "0.4",
            }
        )
    )
    sym.appendSymbolLayer(ring)
    return sym


def render_locator(layers: ProfileLayers, design: UnitDesign, dpi: int = 300) -> str:
    """The locator's static background (every unit, the city's outline) as a
    PNG, rendered once; base64 picture source."""
    _, _, w, h = design.locator_rect
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
    ms.setExtent(locator_extent(layers.extent, design))
    ms.setBackgroundColor(QColor("#ffffff"))
    img = QImage(size, QImage.Format.Format_RGB32)
    img.fill(QColor("#ffffff"))
    img.setDotsPerMeterX(round(dpi / 0.0254))
    img.setDotsPerMeterY(round(dpi / 0.0254))
    painter = QPainter(img)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    job = QgsMapRendererCustomPainterJob(ms, painter)
    job.renderSynchronously()
    painter.end()
    grey = img.convertToFormat(QImage.Format.Format_Grayscale8)
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    grey.save(buf, "PNG")
    buf.close()
    return "base64:" + base64.b64encode(bytes(data)).decode("ascii")


# --------------------------------------------------------------------------
# facilities on the unit map (FACILITIES: points with a category)

#: a colour (Okabe-Ito, colour-blind safe) and a shape per category, in the categories' sorted order
FACILITY_STYLES = (
    ("#0072B2", "circle"),
    ("#E69F00", "square"),
    ("#009E73", "triangle"),
    ("#CC79A7", "diamond"),
    ("#D55E00", "pentagon"),
    ("#56B4E9", "star"),
    ("#000000", "cross_fill"),
    ("#F0E442", "hexagon"),
)
FACILITY_CATEGORY = "category"


def facility_layer(points: list, crs: QgsCoordinateReferenceSystem) -> QgsVectorLayer:
    """``points``: (QgsGeometry point in the units' CRS, category text) pairs."""
    feats = []
    for g, cat in points:
        f = QgsFeature()
        f.setGeometry(g)
        f.setAttributes([cat])
        feats.append(f)
    return memory_layer(
        "profile_facilities", QgsWkbTypes.Type.Point, crs, [(FACILITY_CATEGORY, compat.TYPE_STRING)], feats
    )


def facility_categories(layer: QgsVectorLayer) -> list[str]:
    return sorted({str(f[FACILITY_CATEGORY]) for f in layer.getFeatures()})


def facility_renderer(categories: list[str], scale: float, names: dict | None = None) -> QgsCategorizedSymbolRenderer:
    """A distinct colour and shape per category (shapes tell them apart without colour too);
    the legend gives the category's printed name (``names``: lower-case value -> name)."""
    cats = []
    for k, c in enumerate(categories):
        colour, shape = FACILITY_STYLES[k % len(FACILITY_STYLES)]
        sym = QgsMarkerSymbol.createSimple(
            {"name": shape, "color": colour, "outline_color": "#ffffff", "outline_width": "0.15", "size": "2.2"}
        )
        sym.setSize(2.2 * scale)
        cats.append(QgsRendererCategory(c, sym, (names or {}).get(c.strip().lower(), c)))
    return QgsCategorizedSymbolRenderer(FACILITY_CATEGORY, cats)
