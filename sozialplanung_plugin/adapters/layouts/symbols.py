"""Fill symbols and the class renderer of the maps."""

from __future__ import annotations

from qgis.core import QgsCategorizedSymbolRenderer, QgsFillSymbol, QgsRendererCategory, QgsSymbol

from sozialplanung_plugin import compat
from sozialplanung_plugin.adapters import styles
from sozialplanung_plugin.core import fields as fn
from sozialplanung_plugin.core import profiles as cp


def fill(colour: str, outline: str = "#ffffff", width: float = 0.1, style: str = "solid") -> QgsFillSymbol:
    return QgsFillSymbol.createSimple(
        {"color": colour, "outline_color": outline, "outline_width": str(width), "style": style}
    )


def withheld_symbol(geometry_type) -> QgsSymbol:
    """Cross-hatched grey: a withheld class (the neutral style with a second hatch)."""
    s = styles.neutral_symbol(geometry_type)
    if geometry_type == compat.GEOMETRY_POLYGON and s.symbolLayerCount() > 1:
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
