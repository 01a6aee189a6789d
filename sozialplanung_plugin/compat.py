"""QGIS and Qt version switches, in one place.

The plugin runs on QGIS 3.22 to 3.44 (PyQt5) and is written to be ready for
QGIS 4 (PyQt6). Where the API changed between these versions, the switch is
made here, once, at import time; no other module asks for the version.

Conventions (so that the code also passes QGIS's pyqt5_to_pyqt6 check in its
QGIS-3-compatible mode):

* enum members are always spelled with their enum type
  (``Qt.AlignmentFlag.AlignLeft``, ``QgsWkbTypes.GeometryType.PolygonGeometry``),
  which PyQt5 on QGIS 3.22 accepts as well;
* where a QGIS enum was moved (to ``Qgis``) and the old name is deprecated or
  gone in QGIS 4, the constant below holds whichever the running QGIS has;
* Qt classes come through ``qgis.PyQt``; ``exec()``, never ``exec_()``.
"""

from __future__ import annotations

from qgis.core import (
    Qgis,
    QgsField,
    QgsLayoutRenderContext,
    QgsLegendStyle,
    QgsPalLayerSettings,
    QgsProcessingAlgorithm,
)
from qgis.PyQt.QtCore import QVariant

QGIS_VERSION_INT: int = Qgis.versionInt()

# --- field types ------------------------------------------------------------
# QVariant::Type and QMetaType::Type share these codes; QGIS 3.38 moved field
# types to QMetaType (the QVariant constructor of QgsField is deprecated there).
TYPE_INT = 2
TYPE_UINT = 3
TYPE_LONGLONG = 4
TYPE_ULONGLONG = 5
TYPE_DOUBLE = 6
TYPE_STRING = 10

INTEGER_TYPES = frozenset({TYPE_INT, TYPE_UINT, TYPE_LONGLONG, TYPE_ULONGLONG})
NUMERIC_TYPES = INTEGER_TYPES | {TYPE_DOUBLE}

if QGIS_VERSION_INT >= 33800:
    from qgis.PyQt.QtCore import QMetaType

    def _field_type(code: int):
        return QMetaType.Type(code)

else:
    # QVariant.Type, taken from a member: QGIS's pyqt5_to_pyqt6.py stops at "QVariant.Type(".
    _QVARIANT_TYPE = type(QVariant.String)

    def _field_type(code: int):
        return _QVARIANT_TYPE(code)


def new_field(name: str, type_code: int, length: int = 0, precision: int = 0) -> QgsField:
    """A QgsField of one of the TYPE_* codes, without a deprecated constructor."""
    f = QgsField(name, _field_type(type_code))
    if length:
        f.setLength(length)
    if precision:
        f.setPrecision(precision)
    return f


def field_type_code(field: QgsField) -> int:
    """The TYPE_* code of a field (QVariant::Type on 3.22, QMetaType::Type on 3.38+)."""
    t = field.type()
    return int(t.value) if hasattr(t, "value") else int(t)


def is_numeric_field(field: QgsField) -> bool:
    return field_type_code(field) in NUMERIC_TYPES


def is_integer_field(field: QgsField) -> bool:
    return field_type_code(field) in INTEGER_TYPES


def is_text_field(field: QgsField) -> bool:
    return field_type_code(field) == TYPE_STRING


# --- Processing -------------------------------------------------------------


def parameter_as_fields(alg, parameters: dict, name: str, context) -> list[str]:
    """The field names of a field parameter (parameterAsFields is deprecated from 3.32 on)."""
    if hasattr(alg, "parameterAsStrings"):
        return list(alg.parameterAsStrings(parameters, name, context) or [])
    return list(alg.parameterAsFields(parameters, name, context) or [])


# Processing and feature-request enums that QGIS 3.36 moved to ``Qgis`` (the
# class-scoped names are aliases there and gone in QGIS 4), and the layer
# filter (3.34) and geometry type (3.30) of the panel and the styles.
def _moved(enum: str, member: str, old):
    """``Qgis.<enum>.<member>`` where the running QGIS has it, else ``old()``."""
    new = getattr(Qgis, enum, None)
    return getattr(new, member) if new is not None else old()


from qgis import core as _core  # noqa: E402
from qgis.core import (  # noqa: E402
    QgsFeatureRequest,
    QgsMapLayerProxyModel,
    QgsProcessing,
    QgsProcessingFeatureSource,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)

SOURCE_VECTOR = _moved("ProcessingSourceType", "Vector", lambda: QgsProcessing.SourceType.TypeVector)
SOURCE_VECTOR_ANY = _moved(
    "ProcessingSourceType", "VectorAnyGeometry", lambda: QgsProcessing.SourceType.TypeVectorAnyGeometry
)
SOURCE_VECTOR_POLYGON = _moved(
    "ProcessingSourceType", "VectorPolygon", lambda: QgsProcessing.SourceType.TypeVectorPolygon
)
NUMBER_INTEGER = _moved("ProcessingNumberParameterType", "Integer", lambda: QgsProcessingParameterNumber.Type.Integer)
NUMBER_DOUBLE = _moved("ProcessingNumberParameterType", "Double", lambda: QgsProcessingParameterNumber.Type.Double)
FIELD_ANY = _moved("ProcessingFieldParameterDataType", "Any", lambda: QgsProcessingParameterField.DataType.Any)
FIELD_NUMERIC = _moved(
    "ProcessingFieldParameterDataType", "Numeric", lambda: QgsProcessingParameterField.DataType.Numeric
)
PARAMETER_ADVANCED = _moved(
    "ProcessingParameterFlag", "Advanced", lambda: QgsProcessingParameterDefinition.Flag.FlagAdvanced
)
SOURCE_SKIP_GEOMETRY_CHECKS = _moved(
    "ProcessingFeatureSourceFlag",
    "SkipGeometryValidityChecks",
    lambda: QgsProcessingFeatureSource.Flag.FlagSkipGeometryValidityChecks,
)
REQUEST_NO_GEOMETRY_CHECK = _moved(
    "InvalidGeometryCheck", "NoCheck", lambda: QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck
)
REQUEST_SKIP_INVALID = _moved(
    "InvalidGeometryCheck", "SkipInvalid", lambda: QgsFeatureRequest.InvalidGeometryCheck.GeometrySkipInvalid
)
AGGREGATE_COUNT = _moved("Aggregate", "Count", lambda: _core.QgsAggregateCalculator.Aggregate.Count)
GEOMETRY_LINE = _moved("GeometryType", "Line", lambda: _core.QgsWkbTypes.GeometryType.LineGeometry)
LAYER_FILTER_POLYGON = _moved("LayerFilter", "PolygonLayer", lambda: QgsMapLayerProxyModel.Filter.PolygonLayer)


def save_style_to_database(layer, name: str, description: str, default: bool) -> str:
    """Store the layer's style in its database (GeoPackage: table layer_styles);
    the error text, empty when stored. saveStyleToDatabase is deprecated from
    3.44 on, where saveStyleToDatabaseV2 returns the outcome as flags."""
    if hasattr(layer, "saveStyleToDatabaseV2"):
        results, err = layer.saveStyleToDatabaseV2(name, description, default, "")
        if err or not results:
            return err or ""
        return f"style not stored ({results!r})"
    return layer.saveStyleToDatabase(name, description, default, "") or ""


try:  # Qt5: QAction is in QtWidgets; Qt6 (QGIS 4) moved it to QtGui
    from qgis.PyQt.QtWidgets import QAction
except ImportError:  # pragma: no cover - QGIS 4
    from qgis.PyQt.QtGui import QAction  # noqa: F401


# --- labelling ---------------------------------------------------------------
# QgsPalLayerSettings.placement takes Qgis.LabelPlacement from 3.26 on; 3.40 refuses the old enum.
LABEL_OVER_POINT = _moved("LabelPlacement", "OverPoint", lambda: QgsPalLayerSettings.Placement.OverPoint)


# --- print layouts ------------------------------------------------------------
# Units and enums of the layout code that moved to ``Qgis`` (the class-scoped
# names are aliases on 3.28+ and gone in QGIS 4), and the text of layout labels.
from qgis.core import (  # noqa: E402
    QgsLayoutItemLabel,
    QgsLayoutItemPicture,
    QgsScaleBarSettings,
    QgsTextFormat,
    QgsUnitTypes,
    QgsWkbTypes,
)

LAYOUT_MM = _moved("LayoutUnit", "Millimeters", lambda: QgsUnitTypes.LayoutUnit.LayoutMillimeters)
RENDER_MM = _moved("RenderUnit", "Millimeters", lambda: QgsUnitTypes.RenderUnit.RenderMillimeters)
RENDER_POINTS = _moved("RenderUnit", "Points", lambda: QgsUnitTypes.RenderUnit.RenderPoints)
DISTANCE_KM = _moved("DistanceUnit", "Kilometers", lambda: QgsUnitTypes.DistanceUnit.DistanceKilometers)
PICTURE_SVG = _moved("PictureFormat", "SVG", lambda: QgsLayoutItemPicture.Format.FormatSVG)
PICTURE_RASTER = _moved("PictureFormat", "Raster", lambda: QgsLayoutItemPicture.Format.FormatRaster)
SCALEBAR_FIT_WIDTH = _moved(
    "ScaleBarSegmentSizeMode", "FitWidth", lambda: QgsScaleBarSettings.SegmentSizeMode.SegmentSizeFitWidth
)
GEOMETRY_POLYGON = _moved("GeometryType", "Polygon", lambda: QgsWkbTypes.GeometryType.PolygonGeometry)
WKB_NO_GEOMETRY = _moved("WkbType", "NoGeometry", lambda: QgsWkbTypes.Type.NoGeometry)
WKB_MULTIPOLYGON = _moved("WkbType", "MultiPolygon", lambda: QgsWkbTypes.Type.MultiPolygon)

REQUEST_NO_GEOMETRY = _moved("FeatureRequestFlag", "NoGeometry", lambda: QgsFeatureRequest.Flag.NoGeometry)
LEGEND_TITLE = _moved("LegendComponent", "Title", lambda: QgsLegendStyle.Style.Title)
LEGEND_SYMBOL_LABEL = _moved("LegendComponent", "SymbolLabel", lambda: QgsLegendStyle.Style.SymbolLabel)
LEGEND_SUBGROUP = _moved("LegendComponent", "Subgroup", lambda: QgsLegendStyle.Style.Subgroup)
LEGEND_HIDDEN = _moved("LegendComponent", "Hidden", lambda: QgsLegendStyle.Style.Hidden)

# Layout labels: QGIS 3.22 draws them with QPainter (QgsLayoutUtils.drawText),
# a line every QFontMetricsF(scaledFontPixelSize(font)).lineSpacing() / 10 mm.
# From 3.24 on they are drawn by QgsTextRenderer, whose line pitch follows other
# metrics; from 3.28 on a QgsTextFormat can carry an absolute line height, so the
# label's lines land where the design put them. (setFont/setFontColor are
# deprecated from 3.40 on.)
LABEL_TEXT_FORMAT = hasattr(QgsLayoutItemLabel, "setTextFormat") and hasattr(QgsTextFormat, "setLineHeightUnit")


def label_text_format(font, colour, pitch_mm: float) -> QgsTextFormat:
    """The text format of a layout label: ``font`` (its point size), ``colour``
    and lines ``pitch_mm`` apart."""
    tf = QgsTextFormat()
    tf.setFont(font)
    tf.setSize(font.pointSizeF())
    tf.setSizeUnit(RENDER_POINTS)
    tf.setColor(colour)
    if hasattr(tf, "setLineHeightUnit"):
        tf.setLineHeight(pitch_mm)
        tf.setLineHeightUnit(RENDER_MM)
    return tf


def set_label_font(label, font, colour, pitch_mm: float) -> None:
    """Font, colour and line pitch of a QgsLayoutItemLabel (see above)."""
    if LABEL_TEXT_FORMAT:
        label.setTextFormat(label_text_format(font, colour, pitch_mm))
    else:
        label.setFont(font)
        label.setFontColor(colour)


def label_font(label):
    """The QFont of a QgsLayoutItemLabel, its point size set."""
    if LABEL_TEXT_FORMAT:
        tf = label.textFormat()
        f = tf.font()
        f.setPointSizeF(tf.size())
        return f
    return label.font()


def set_label_font_size(label, font, pitch_mm: float) -> None:
    """Another type size (and line pitch) for a label, its colour kept."""
    if LABEL_TEXT_FORMAT:
        tf = label.textFormat()
        tf.setFont(font)
        tf.setSize(font.pointSizeF())
        tf.setLineHeight(pitch_mm)
        label.setTextFormat(tf)
    else:
        label.setFont(font)


def set_legend_font(legend, component, font) -> None:
    """The font of one component of a legend (QgsLegendStyle.setFont is deprecated from 3.30 on)."""
    from qgis.core import QgsLegendStyle

    if hasattr(QgsLegendStyle, "setTextFormat"):
        tf = legend.rstyle(component).textFormat()
        tf.setFont(font)
        tf.setSize(font.pointSizeF())
        tf.setSizeUnit(RENDER_POINTS)
        legend.rstyle(component).setTextFormat(tf)
    else:
        legend.setStyleFont(component, font)


ALGORITHM_NO_THREADING = _moved(
    "ProcessingAlgorithmFlag", "NoThreading", lambda: QgsProcessingAlgorithm.Flag.FlagNoThreading
)


LABEL_HORIZONTAL = _moved("LabelPlacement", "Horizontal", lambda: QgsPalLayerSettings.Placement.Horizontal)


def classification_ranges(method, layer, field_name: str, count: int) -> list:
    """The class ranges of a QgsClassificationMethod (classes() is deprecated from 3.38 on)."""
    if hasattr(method, "classesV2"):
        ranges, _error = method.classesV2(layer, field_name, count)
        return list(ranges)
    return list(method.classes(layer, field_name, count))


LAYOUT_LOSSLESS_IMAGES = _moved(
    "LayoutRenderFlag", "LosslessImageRendering", lambda: QgsLayoutRenderContext.Flag.FlagLosslessImageRendering
)


# --- unit systems (areal aggregation and interpolation) ---
GEOMETRY_POINT = _moved("GeometryType", "Point", lambda: _core.QgsWkbTypes.GeometryType.PointGeometry)
SOURCE_VECTOR_POINT = _moved("ProcessingSourceType", "VectorPoint", lambda: QgsProcessing.SourceType.TypeVectorPoint)


# --- facility supply (network distances, adapters/facilities.py) ---
SOURCE_VECTOR_LINE = _moved("ProcessingSourceType", "VectorLine", lambda: QgsProcessing.SourceType.TypeVectorLine)
WKB_POINT = _moved("WkbType", "Point", lambda: QgsWkbTypes.Type.Point)


def network_both_directions():
    """QgsVectorLayerDirector's "both directions" (imported on use: qgis.analysis is not needed elsewhere)."""
    from qgis.analysis import QgsVectorLayerDirector

    direction = getattr(QgsVectorLayerDirector, "Direction", None)
    return direction.DirectionBoth if direction is not None else QgsVectorLayerDirector.DirectionBoth


# --- PostGIS and the yearly history (sozialplanung:archive) --------------------
#: the running QGIS's version as text, recorded with every archived year (not a switch)
QGIS_RELEASE: str = Qgis.version()
