"""Print styles for the outputs of the indicator, burden and index algorithms.

Every style is colour-blind safe (ColorBrewer single-hue-family sequential
palettes YlOrRd and Purples), darker always means more burdened whatever an
indicator's polarity, and units without a class ("nicht klassifiziert", "nicht
bewertbar", no value) are drawn light grey and hatched with their own legend
entry. Legend labels go through Qt's translation (context
``SozialplanungStyles``) and fall back to the core's German table when QGIS
runs in German, so they are German there and English elsewhere; the class
values in the data stay the German domain terms.
"""

from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsClassificationQuantile,
    QgsFillSymbol,
    QgsGraduatedSymbolRenderer,
    QgsLinePatternFillSymbolLayer,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsProcessingLayerPostProcessorInterface,
    QgsRendererCategory,
    QgsRuleBasedRenderer,
    QgsSimpleFillSymbolLayer,
    QgsSymbol,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP
from qgis.PyQt.QtGui import QColor

from sozialplanung_plugin import compat, translation
from sozialplanung_plugin.core import burden as cb
from sozialplanung_plugin.core import fields as fn
from sozialplanung_plugin.core import numbers

CONTEXT = "SozialplanungStyles"

# ColorBrewer (Cynthia Brewer, Pennsylvania State University), sequential,
# colour-blind safe; 9-class versions, the shorter ones are ColorBrewer's own.
YLORRD = {
    3: ["#ffeda0", "#feb24c", "#f03b20"],
    4: ["#ffffb2", "#fecc5c", "#fd8d3c", "#e31a1c"],
    5: ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"],
    6: ["#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"],
    7: ["#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"],
    8: ["#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"],
    9: ["#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#bd0026", "#800026"],
}
PURPLES = {
    3: ["#efedf5", "#bcbddc", "#756bb1"],
    4: ["#f2f0f7", "#cbc9e2", "#9e9ac8", "#6a51a3"],
    5: ["#f2f0f7", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f"],
    6: ["#f2f0f7", "#dadaeb", "#bcbddc", "#9e9ac8", "#756bb1", "#54278f"],
    7: ["#f2f0f7", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#4a1486"],
    8: ["#fcfbfd", "#efedf5", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#4a1486"],
    9: ["#fcfbfd", "#efedf5", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#54278f", "#3f007d"],
}
PALETTES = {"YlOrRd": YLORRD, "Purples": PURPLES}
# ColorBrewer diverging, colour-blind safe, 7 classes from one end to the other
# (the middle one light grey): RdBu for changes with a direction (red = adverse,
# blue = favourable, as the bars of the profile page), PuOr for changes without one.
RDBU7 = ["#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac"]
PUOR7 = ["#b35806", "#f1a340", "#fee0b6", "#f7f7f7", "#d8daeb", "#998ec3", "#542788"]


def diverging_colour(level: int, polarity: int, side: int = 3) -> QColor:
    """The colour of class ``level`` (-side..side, 0 = unchanged) of a map of
    changes: with polarity +1 a rise is adverse (red), with -1 a fall; with 0
    orange for a rise and purple for a fall. Fewer classes per side take the
    stronger colours."""
    table = PUOR7 if polarity == 0 else RDBU7
    k = max(-3, min(3, round(level * 3 / max(side, 1))))
    if level and k == 0:
        k = 1 if level > 0 else -1
    up = polarity >= 0
    return QColor(table[3 - k] if up else table[3 + k])


NEUTRAL_FILL = "#e3e3e3"
NEUTRAL_HATCH = "#969696"
OUTLINE = "#6e6e6e"


def lang() -> str:
    return translation.language()


def t(text: str) -> str:
    """A legend text in the language QGIS runs in (see translation.tr)."""
    return translation.tr(CONTEXT, text)


def number(x: float, decimals: int = 1) -> str:
    return numbers.number(x, decimals, lang=lang())


def colours(n: int, palette: str = "YlOrRd") -> list[QColor]:
    """n colours from light to dark (interpolated beyond 9 classes)."""
    table = PALETTES[palette]
    if n <= 0:
        return []
    if n in table:
        return [QColor(c) for c in table[n]]
    if n < 3:
        return [QColor(c) for c in table[3][-n:]]
    base = [QColor(c) for c in table[9]]
    out = []
    for i in range(n):
        pos = i * (len(base) - 1) / (n - 1)
        j = min(int(pos), len(base) - 2)
        f = pos - j
        a, b = base[j], base[j + 1]
        out.append(
            QColor(
                round(a.red() + f * (b.red() - a.red())),
                round(a.green() + f * (b.green() - a.green())),
                round(a.blue() + f * (b.blue() - a.blue())),
            )
        )
    return out


def symbol(geometry_type, colour: QColor) -> QgsSymbol:
    if geometry_type == compat.GEOMETRY_POLYGON:
        s = QgsFillSymbol.createSimple(
            {"color": colour.name(), "outline_color": OUTLINE, "outline_width": "0.1", "outline_width_unit": "MM"}
        )
    elif geometry_type == compat.GEOMETRY_LINE:
        s = QgsLineSymbol.createSimple({"color": colour.name(), "width": "0.8"})
    else:
        s = QgsMarkerSymbol.createSimple({"color": colour.name(), "outline_color": OUTLINE, "size": "2.6"})
    return s


def neutral_symbol(geometry_type) -> QgsSymbol:
    """Light grey, hatched: units without a class."""
    if geometry_type != compat.GEOMETRY_POLYGON:
        return symbol(geometry_type, QColor(NEUTRAL_FILL))
    s = QgsFillSymbol()
    s.deleteSymbolLayer(0)
    base = QgsSimpleFillSymbolLayer(QColor(NEUTRAL_FILL))
    base.setStrokeColor(QColor(OUTLINE))
    base.setStrokeWidth(0.1)
    base.setStrokeWidthUnit(compat.RENDER_MM)
    s.appendSymbolLayer(base)
    hatch = QgsLinePatternFillSymbolLayer()
    hatch.setLineAngle(45)
    hatch.setDistance(1.6)
    hatch.setDistanceUnit(compat.RENDER_MM)
    hatch.setLineWidth(0.15)
    hatch.setColor(QColor(NEUTRAL_HATCH))
    if hatch.subSymbol() is not None:
        hatch.subSymbol().setColor(QColor(NEUTRAL_HATCH))
        hatch.subSymbol().setWidth(0.15)
    s.appendSymbolLayer(hatch)
    return s


def categorized(
    geometry_type,
    field: str,
    classes: list[tuple[object, str]],
    neutral_value,
    neutral_label: str,
    palette: str = "YlOrRd",
) -> QgsCategorizedSymbolRenderer:
    """Categories light to dark in the given order, then the neutral entry."""
    cats = [
        QgsRendererCategory(v, symbol(geometry_type, c), label)
        for (v, label), c in zip(classes, colours(len(classes), palette))
    ]
    cats.append(QgsRendererCategory(neutral_value, neutral_symbol(geometry_type), neutral_label))
    return QgsCategorizedSymbolRenderer(field, cats)


# --- legend labels -----------------------------------------------------------


# Legend texts, marked for pylupdate5 (context SozialplanungStyles); German in core/i18n.py too.
BURDEN_LEGEND = {
    cb.UNREMARKABLE: QT_TRANSLATE_NOOP("SozialplanungStyles", "unremarkable"),
    cb.BURDENED: QT_TRANSLATE_NOOP("SozialplanungStyles", "burdened"),
    cb.PARTICULARLY: QT_TRANSLATE_NOOP("SozialplanungStyles", "particularly burdened"),
    cb.UNDECIDED: QT_TRANSLATE_NOOP("SozialplanungStyles", "not assessable"),
}
STATUS_SD_LEGEND = {
    1: QT_TRANSLATE_NOOP("SozialplanungStyles", "1 high status"),
    2: QT_TRANSLATE_NOOP("SozialplanungStyles", "2 medium status"),
    3: QT_TRANSLATE_NOOP("SozialplanungStyles", "3 low status"),
    4: QT_TRANSLATE_NOOP("SozialplanungStyles", "4 very low status"),
}
DYNAMICS_LEGEND = {
    1: QT_TRANSLATE_NOOP("SozialplanungStyles", "positive"),
    3: QT_TRANSLATE_NOOP("SozialplanungStyles", "stable"),
    5: QT_TRANSLATE_NOOP("SozialplanungStyles", "negative"),
}
QUARTILE_LEGEND = {
    1: QT_TRANSLATE_NOOP("SozialplanungStyles", "1st quartile (0 to 0.25)"),
    2: QT_TRANSLATE_NOOP("SozialplanungStyles", "2nd quartile (over 0.25 to 0.50)"),
    3: QT_TRANSLATE_NOOP("SozialplanungStyles", "3rd quartile (over 0.50 to 0.75)"),
    4: QT_TRANSLATE_NOOP("SozialplanungStyles", "4th quartile (over 0.75, most burdened)"),
}
NOT_CLASSIFIED = QT_TRANSLATE_NOOP("SozialplanungStyles", "not classified")


def status_legend(method: str, classes: str, class_count: int = 5, breaks: list[float] | None = None) -> dict[int, str]:
    """Class -> legend label for the status class of compositeindex."""
    if classes == "quantiles":
        text = t(QT_TRANSLATE_NOOP("SozialplanungStyles", "Class {c} of {k}"))
        out = {c: text.format(c=c, k=class_count) for c in range(1, class_count + 1)}
        out[1] += " " + t(QT_TRANSLATE_NOOP("SozialplanungStyles", "(lowest burden)"))
        out[class_count] += " " + t(QT_TRANSLATE_NOOP("SozialplanungStyles", "(highest burden)"))
        return out
    if classes == "breaks":

        def b(x):
            return number(x, 2).rstrip("0").rstrip(",.")  # 1,50 -> 1,5; 2,00 -> 2

        between = t(QT_TRANSLATE_NOOP("SozialplanungStyles", "{a} to under {b}"))
        out = {1: t(QT_TRANSLATE_NOOP("SozialplanungStyles", "below {a}")).format(a=b(breaks[0]))}
        for j in range(1, len(breaks)):
            out[j + 1] = between.format(a=b(breaks[j - 1]), b=b(breaks[j]))
        out[len(breaks) + 1] = t(QT_TRANSLATE_NOOP("SozialplanungStyles", "from {a}")).format(a=b(breaks[-1]))
        return out
    if method == "percentile_flags":
        return {c: t(x) for c, x in QUARTILE_LEGEND.items()}
    if method == "exponential_rank":
        out = {c: t(QT_TRANSLATE_NOOP("SozialplanungStyles", "Decile {c}")).format(c=c) for c in range(1, 11)}
        out[1] += " " + t(QT_TRANSLATE_NOOP("SozialplanungStyles", "(least deprived)"))
        out[10] += " " + t(QT_TRANSLATE_NOOP("SozialplanungStyles", "(most deprived)"))
        return out
    return {c: t(x) for c, x in STATUS_SD_LEGEND.items()}


# --- renderers ---------------------------------------------------------------


def burden_renderer(layer: QgsVectorLayer) -> QgsCategorizedSymbolRenderer:
    classes = [(v, t(BURDEN_LEGEND[v])) for v in (cb.UNREMARKABLE, cb.BURDENED, cb.PARTICULARLY)]
    return categorized(layer.geometryType(), fn.BURDEN_CLASS, classes, cb.UNDECIDED, t(BURDEN_LEGEND[cb.UNDECIDED]))


def status_renderer(layer: QgsVectorLayer, legend: dict[int, str]) -> QgsCategorizedSymbolRenderer:
    classes = [(c, legend[c]) for c in sorted(legend)]
    return categorized(layer.geometryType(), fn.STATUS_CLASS, classes, None, t(NOT_CLASSIFIED))


def dynamics_renderer(layer: QgsVectorLayer) -> QgsCategorizedSymbolRenderer:
    classes = [(c, t(DYNAMICS_LEGEND[c])) for c in (1, 3, 5)]
    return categorized(layer.geometryType(), fn.DYNAMICS_CLASS, classes, None, t(NOT_CLASSIFIED), palette="Purples")


def value_renderer(
    layer: QgsVectorLayer, field: str, polarity: int = 1, unit: str = "", decimals: int = 1, classes: int = 5
) -> QgsRuleBasedRenderer:
    """Quantile classes of a value, darker = more burdened (reversed for
    polarity -), and a hatched grey "no value" entry for missing values."""
    gtype = layer.geometryType()
    grad = QgsGraduatedSymbolRenderer(field)
    grad.setClassificationMethod(QgsClassificationQuantile())
    grad.setSourceSymbol(symbol(gtype, QColor("#ffffff")))
    grad.updateClasses(layer, classes)
    ranges = grad.ranges()
    cols = colours(len(ranges))
    if polarity < 0:
        cols = cols[::-1]
    suffix = f" {unit}" if unit else ""
    for i, (r, c) in enumerate(zip(ranges, cols)):
        grad.updateRangeSymbol(i, symbol(gtype, c))
        label = t(QT_TRANSLATE_NOOP("SozialplanungStyles", "{a} to {b}"))
        grad.updateRangeLabel(
            i, label.format(a=number(r.lowerValue(), decimals), b=number(r.upperValue(), decimals)) + suffix
        )
    rules = QgsRuleBasedRenderer.convertFromRenderer(grad, layer)
    if rules is None:  # pragma: no cover - conversion always works for graduated renderers
        return grad
    root = rules.rootRule()
    no_value = t(QT_TRANSLATE_NOOP("SozialplanungStyles", "no value"))
    other = QgsRuleBasedRenderer.Rule(neutral_symbol(gtype), 0, 0, "ELSE", no_value)
    root.appendChild(other)
    return rules


def apply(layer: QgsVectorLayer, renderer) -> None:
    layer.setRenderer(renderer)
    layer.triggerRepaint()


def save_default_style(layer: QgsVectorLayer, name: str | None = None, default: bool = True) -> str | None:
    """Store the layer's style in its GeoPackage (table layer_styles) as its
    default style, so the layer opens styled anywhere. Returns an error text or None."""
    if layer is None or not layer.isValid():
        return "invalid layer"
    uri = layer.source().split("|")[0]
    if layer.providerType() != "ogr" or not uri.lower().endswith(".gpkg"):
        return f"not a GeoPackage layer: {layer.source()}"
    err = compat.save_style_to_database(layer, name or layer.name() or "sozialplanung", "Sozialplanung", default)
    return err or None


class StylePostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Styles an output layer that Processing loads into the project."""

    _alive: list = []  # Python must keep the instances while QGIS holds them

    def __init__(self, style):
        super().__init__()
        self.style = style

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if isinstance(layer, QgsVectorLayer) and layer.isValid():
            try:
                apply(layer, self.style(layer))
            except Exception as e:  # a style must never fail a finished run
                if feedback is not None:
                    feedback.reportError(f"style not applied: {e}", False)

    @classmethod
    def create(cls, style) -> StylePostProcessor:
        inst = cls(style)
        cls._alive.append(inst)
        del cls._alive[:-50]
        return inst


def attach(context, dest_id: str, style) -> None:
    """Style ``dest_id`` when QGIS loads it after the run (``style(layer)`` -> renderer)."""
    if dest_id and context.willLoadLayerOnCompletion(dest_id):
        context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(StylePostProcessor.create(style))


def store_in_output(context, dest_id: str, style, feedback=None, extra: dict | None = None) -> bool:
    """After the run: write the style into a GeoPackage output as its default
    style (plus named extra styles ``{name: style}``), or style a temporary
    layer held by the context. Returns True when a style was stored."""
    if not dest_id:
        return False
    layer = context.getMapLayer(dest_id) if hasattr(context, "getMapLayer") else None
    if isinstance(layer, QgsVectorLayer):
        apply(layer, style(layer))
        return False
    from sozialplanung_plugin.adapters import postgis

    if postgis.is_postgis(dest_id):
        return postgis.store_styles(dest_id, style, apply, feedback, extra)
    if ".gpkg" not in dest_id.lower():
        return False
    layer = QgsVectorLayer(dest_id, dest_id.split("layername=")[-1] if "layername=" in dest_id else "", "ogr")
    if not layer.isValid():
        return False
    stored = False
    for name, make in (extra or {}).items():
        apply(layer, make(layer))
        err = save_default_style(layer, name, default=False)
        if err and feedback is not None:
            feedback.reportError(f"style {name!r} not stored: {err}", False)
    apply(layer, style(layer))
    err = save_default_style(layer, layer.name() or "default", default=True)
    if err:
        if feedback is not None:
            feedback.reportError(f"style not stored in the GeoPackage: {err}", False)
    else:
        stored = True
    return stored
