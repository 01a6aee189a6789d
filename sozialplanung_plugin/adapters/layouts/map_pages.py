"""Overview maps (sozialplanung:overviewmaps): one print-ready page per field."""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsClassificationQuantile,
    QgsFeature,
    QgsGeometry,
    QgsLegendRenderer,
    QgsPrintLayout,
    QgsRendererCategory,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from sozialplanung_plugin import compat
from sozialplanung_plugin.adapters import styles
from sozialplanung_plugin.adapters.layouts.frame import (
    GREY,
    Page,
    font,
    footer,
    map_and_side,
    new_layout,
    page_frame,
    page_rules_picture,
    t,
    text_label,
    text_width,
    wrapped,
)
from sozialplanung_plugin.adapters.layouts.layers import geometry_extent, memory_layer, simplify
from sozialplanung_plugin.adapters.layouts.map_items import fit_extent, legend, new_map, north_arrow, scale_bar
from sozialplanung_plugin.adapters.layouts.symbols import class_renderer, withheld_symbol
from sozialplanung_plugin.core import profiles as cp

QUANTILES = 5


def map_layer(mf: cp.MapField, geometries: dict, fids: list, crs, wkb_type) -> QgsVectorLayer:
    """The units with the published value (pa_value), its state (pa_state) and
    a field for its class (pa_class, set by map_renderer)."""
    extent = geometry_extent(geometries)
    tol = max(extent.width(), extent.height()) / 20000.0
    kind = compat.TYPE_DOUBLE if mf.kind == "values" else compat.TYPE_STRING
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
        f.setAttributes([v, state, None])
        feats.append(f)
    fields = [("pa_value", kind), ("pa_state", compat.TYPE_STRING), ("pa_class", compat.TYPE_INT)]
    return memory_layer(mf.field, geom_type, crs, fields, feats)


def map_renderer(layer: QgsVectorLayer, mf: cp.MapField, lang: str):
    """Quantile classes (darker = more burdened, or higher), hatched 'no value'
    and cross-hatched 'withheld'; or the classes light to dark."""
    if mf.kind == "classes":
        renderer = class_renderer(layer, mf.classes, "pa_value")
        # not watched (no supply gap) light, watched (a supply gap) dark
        if mf.field in (cp.WATCH_FLAG, cp.SUPPLY_GAP) and renderer.categories():
            light, _, dark = styles.colours(3)
            for k, cat in enumerate(renderer.categories()[:2]):
                if cat.value() in (c.value for c in mf.classes if c.kind == "class"):
                    colour = dark if k == len([c for c in mf.classes if c.kind == "class"]) - 1 and k else light
                    renderer.updateCategorySymbol(k, styles.symbol(layer.geometryType(), colour))
        return renderer
    if mf.diverging:
        return diverging_renderer(layer, mf, lang)
    ranges, classes = quantile_classes(layer, mf)
    gtype = layer.geometryType()
    cols = styles.colours(len(ranges))
    if mf.polarity < 0:
        cols = cols[::-1]
    suffix = f" {mf.unit}" if mf.unit else ""
    between = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "{a} to {b}"), lang)
    cats = []
    for k, (r, colour) in enumerate(zip(ranges, cols)):
        n = sum(1 for c in classes if c == k)
        text = between.format(a=cp.number(r.lowerBound(), mf.decimals), b=cp.number(r.upperBound(), mf.decimals))
        cats.append(QgsRendererCategory(k, styles.symbol(gtype, colour), f"{text}{suffix} ({n})"))
    if mf.withheld:
        withheld = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "withheld ({sign})"), lang).format(sign=mf.sign)
        cats.append(QgsRendererCategory(-1, withheld_symbol(gtype), f"{withheld} ({mf.withheld})"))
    missing = sum(1 for st in mf.states if st == "missing")
    if missing:
        no_value = t("no value", lang)  # the core's translation (not in the .ts yet)
        cats.append(QgsRendererCategory(-2, styles.neutral_symbol(gtype), f"{no_value} ({missing})"))
    idx = layer.fields().lookupField("pa_class")
    layer.dataProvider().changeAttributeValues(
        {f.id(): {idx: -2} for f, st in zip(layer.getFeatures(), mf.states) if st == "missing"}
    )
    return QgsCategorizedSymbolRenderer("pa_class", cats)


def _no_value_entries(layer: QgsVectorLayer, mf: cp.MapField, lang: str) -> list:
    """The withheld (cross-hatched) and 'no value' (hatched) entries, pa_class -1 and -2."""
    gtype = layer.geometryType()
    cats = []
    if mf.withheld:
        withheld = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "withheld ({sign})"), lang).format(sign=mf.sign)
        cats.append(QgsRendererCategory(-1, withheld_symbol(gtype), f"{withheld} ({mf.withheld})"))
    missing = sum(1 for st in mf.states if st == "missing")
    if missing:
        no_value = t("no value", lang)  # the core's translation
        cats.append(QgsRendererCategory(-2, styles.neutral_symbol(gtype), f"{no_value} ({missing})"))
    return cats


def diverging_renderer(layer: QgsVectorLayer, mf: cp.MapField, lang: str):
    """Classes around 0 (mf.levels, symmetric bounds mf.breaks): the largest
    rise first, 'unchanged', the largest fall last; red = adverse, blue =
    favourable (orange / purple without a direction); withheld and missing hatched."""
    gtype = layer.geometryType()
    side = len(mf.breaks)
    suffix = f" {mf.unit}" if mf.unit else ""
    between = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "{a} to {b}"), lang)

    def num(x):
        return cp.number(x, mf.decimals, signed=True)

    cats = []
    for level in [k for k in range(side, 0, -1)] + [0] + [-k for k in range(1, side + 1)]:
        n = sum(1 for c in mf.levels if c == level)
        if level == 0:
            if not n:
                continue
            if mf.centre:
                text = t("as the city ({centre})", lang).format(centre=cp.number(mf.centre, mf.decimals))
            else:
                text = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "unchanged ({zero})"), lang).format(zero=num(0.0))
        else:
            lo = mf.breaks[abs(level) - 2] if abs(level) > 1 else 0.0
            hi = mf.breaks[abs(level) - 1]
            a, b = (lo, hi) if level > 0 else (-hi, -lo)
            if mf.centre:  # around the city's value: the values themselves (ratios, never below 0)
                lo_text = cp.number(max(mf.centre + a, 0.0), mf.decimals)
                text = between.format(a=lo_text, b=cp.number(mf.centre + b, mf.decimals))
            else:
                text = between.format(a=num(a), b=num(b)) + suffix
        colour = styles.diverging_colour(level, mf.polarity, side)
        cats.append(QgsRendererCategory(level, styles.symbol(gtype, colour), f"{text} ({n})"))
    cats += _no_value_entries(layer, mf, lang)
    idx = layer.fields().lookupField("pa_class")
    codes = [c if c is not None else (-1 if st == "withheld" else -2) for c, st in zip(mf.levels, mf.states)]
    layer.dataProvider().changeAttributeValues({f.id(): {idx: c} for f, c in zip(layer.getFeatures(), codes)})
    return QgsCategorizedSymbolRenderer("pa_class", cats)


def quantile_classes(layer: QgsVectorLayer, mf: cp.MapField) -> tuple[list, list]:
    """Quantile classes as QGIS computes them, and each unit's class, set
    exactly in pa_class (rules on rounded bounds can miss a value that lies on
    a break); -1 for a unit without a value."""
    has_values = any(v is not None for v in mf.values)
    quantile = QgsClassificationQuantile()
    ranges = compat.classification_ranges(quantile, layer, "pa_value", QUANTILES) if has_values else []
    uppers = [r.upperBound() for r in ranges]
    classes = [
        next((k for k, up in enumerate(uppers) if v <= up), len(uppers) - 1) if v is not None else None
        for v in mf.values
    ]
    idx = layer.fields().lookupField("pa_class")
    layer.dataProvider().changeAttributeValues(
        {f.id(): {idx: c if c is not None else -1} for f, c in zip(layer.getFeatures(), classes)}
    )
    return ranges, classes


@dataclass
class MapDesign:
    page: Page

    def __post_init__(self):
        page_frame(self)


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
    caption = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Overview map"), lang)
    layout = new_layout(project, f"{caption} – {mf.title}", design.page)
    _titles(layout, design, mf, lang, caption.upper() + (f"  ·  {title}" if title else ""), day)
    map_rect, side = map_and_side(design, side_w=70, side_h=58)
    m = _map(layout, design, layer, map_rect)
    _side(layout, design, layer, mf, m, side, lang, protection_note)
    page_rules_picture(layout, design)
    page_text = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Page {n} of {total}"), lang).format(n=page_no, total=total)
    footer(layout, design, lang, day, source_note, page_text)
    return layout


def _titles(layout, design: MapDesign, mf: cp.MapField, lang: str, kicker: str, day: str) -> None:
    s = design.page.scale
    x0, y0, w = design.x0, design.y0, design.w
    text_label(layout, kicker, (x0, y0, w, 4 * s), 6.5 * s, bold=True, colour=GREY)
    size = next((z * s for z in (16, 14, 12.5, 11) if text_width(mf.title, font(z * s, True)) <= w - 1.0), 11 * s)
    text_label(layout, mf.title, (x0, y0 + 4.2 * s, w, 9 * s), size, bold=True)  # a long title: smaller, one line
    sub = (
        t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "As of {date}"), lang).format(date=day)
        + "  ·  "
        + t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "{n} units"), lang).format(n=len(mf.values))
    )
    text_label(layout, sub, (x0, y0 + 13.6 * s, w, 4.5 * s), 8 * s, colour=GREY)


def _map(layout, design: MapDesign, layer: QgsVectorLayer, map_rect):
    s = design.page.scale
    mx, my, mw, mh = map_rect
    m = new_map(layout, map_rect, layer.crs(), [layer], fit_extent(layer.extent(), mw, mh, 0.02))
    north_arrow(layout, m, (mx + mw - 12 * s, my + 3 * s, 9 * s, 12 * s))
    if layer.crs().isValid():
        scale_bar(layout, m, (mx + 3 * s, my + mh - 11 * s, 50 * s, 8 * s), 6.5 * s, 20 * s, 40 * s)
    return m


def _side(layout, design: MapDesign, layer, mf: cp.MapField, m, side, lang: str, protection_note: str) -> None:
    """Legend, how the classes are made, the burden rule and the data-protection note."""
    s = design.page.scale
    sx, sy, sw, sh = side
    if design.page.landscape:
        leg_rect, text_rect = (sx, sy, sw, sh * 0.5), (sx, sy + sh * 0.5 + 3 * s, sw, sh * 0.5 - 3 * s)
    else:
        leg_rect, text_rect = (sx, sy, sw * 0.45, sh), (sx + sw * 0.5, sy, sw * 0.5, sh)
    # a long title wraps to the legend's width (legends break their title at "\n")
    leg = legend(layout, m, layer, wrapped(mf.title, font(8 * s, True), leg_rect[2] - 2 * s), leg_rect, 7 * s)
    if QgsLegendRenderer(leg.model(), leg.legendSettings()).minimumSize().height() > leg_rect[3]:
        leg.setSplitLayer(True)  # many classes (a map of changes): two columns
        leg.setColumnCount(2)
    texts = []
    if mf.diverging and mf.centre:
        texts.append(
            t(
                "Classes around 100 (the city): the same bounds above and below; red = less supply than the city, "
                "blue = more.",
                lang,
            )
        )
    elif mf.diverging:
        texts.append(
            t(
                "Classes around 0: the same bounds for rises and falls (thirds of the absolute changes); "
                "red = adverse direction, blue = favourable."
                if mf.polarity
                else "Classes around 0: the same bounds for rises and falls (thirds of the absolute changes); "
                "orange = rise, purple = fall.",
                lang,
            )
        )
    elif mf.kind == "values":
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
    text = "\n\n".join(wrapped(x, font(6.5 * s), text_rect[2]) for x in texts)
    text_label(layout, text, text_rect, 6.5 * s)
