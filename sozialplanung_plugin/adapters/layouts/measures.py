"""The measures report (sozialplanung:measuresreport): a cover with the table
of every measure and its goals' status, one page per measure (its units on a
map of the city, one small line chart per goal indicator with the goal status
and the comparison with similar areas in words) and a page with the method.

What is printed comes from ``core/measures_book.py`` (the content) and
``core/measures_charts.py`` (the charts' geometry and SVG); this module only
places it, with the page frame, fonts and text measure of ``frame.py``. Every
text is wrapped here by measure (``frame.wrapped``), so the lines are the same
on every QGIS; a block that would not fit is cut with an ellipsis.
"""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import QgsFeature, QgsGeometry, QgsPrintLayout, QgsSingleSymbolRenderer, QgsWkbTypes
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP
from qgis.PyQt.QtGui import QColor

from sozialplanung_plugin.adapters import styles
from sozialplanung_plugin.adapters.layouts.frame import (
    CENTRE,
    GREY,
    HIGHLIGHT,
    RIGHT,
    Page,
    font,
    footer,
    header,
    line_pitch,
    new_layout,
    page_frame,
    page_rules_picture,
    picture,
    svg_source,
    t,
    text_label,
    text_width,
    wrap,
)
from sozialplanung_plugin.adapters.layouts.layers import geometry_extent, memory_layer, simplify
from sozialplanung_plugin.adapters.layouts.map_items import fit_extent, new_map, scale_bar
from sozialplanung_plugin.core import measures_book as mb
from sozialplanung_plugin.core import measures_charts as mc
from sozialplanung_plugin.core.numbers import number

CITY_FILL = "#e8e8e8"
CITY_OUTLINE = "#ffffff"
STATUS_COLOURS = {"erreicht": "#1a9850", "auf Kurs": "#2166ac", "nicht auf Kurs": "#b2182b", "keine Daten": GREY}


@dataclass
class MeasuresDesign:
    page: Page

    def __post_init__(self):
        page_frame(self)

    @property
    def s(self) -> float:
        return self.page.scale

    @property
    def body_top(self) -> float:
        return self.y0 + self.header_h - 13 * self.s  # the title sits under the kicker, above the rule

    @property
    def body_bottom(self) -> float:
        return self.y1 - self.footer_h - 2 * self.s


class MeasuresLayers:
    """The city (every unit, light grey) and per measure its units (highlighted)."""

    def __init__(self, project, keys: list[str], geometries: list, crs, wkb_type):
        present = {i: g for i, g in enumerate(geometries) if g is not None and not g.isNull()}
        self.extent = geometry_extent(present)
        self.tolerance = max(self.extent.width(), self.extent.height()) / 20000.0
        self.crs = crs
        self.geom_type = QgsWkbTypes.multiType(wkb_type)
        self.project = project
        self.by_key = {
            str(k): simplify(QgsGeometry(present[i]), self.tolerance) for i, k in enumerate(keys) if i in present
        }
        feats = []
        for g in self.by_key.values():
            f = QgsFeature()
            f.setGeometry(g)
            feats.append(f)
        self.city = memory_layer("units", self.geom_type, crs, [], feats)
        sym = styles.symbol(self.city.geometryType(), QColor(CITY_FILL))
        sym.symbolLayer(0).setStrokeColor(QColor("#bdbdbd"))
        self.city.setRenderer(QgsSingleSymbolRenderer(sym))
        project.addMapLayer(self.city)

    def measure_layer(self, page: mb.MeasurePage):
        feats = []
        for k in page.unit_keys:
            g = self.by_key.get(str(k))
            if g is not None:
                f = QgsFeature()
                f.setGeometry(g)
                feats.append(f)
        layer = memory_layer(f"measure {page.id}", self.geom_type, self.crs, [], feats)
        sym = styles.symbol(layer.geometryType(), QColor(HIGHLIGHT))
        sym.symbolLayer(0).setStrokeColor(QColor("#67001f"))
        layer.setRenderer(QgsSingleSymbolRenderer(sym))
        self.project.addMapLayer(layer)
        return layer


# --------------------------------------------------------------------------
# text blocks


def lines_of(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    f = font(size, bold)
    out = []
    for para in text.split("\n"):
        out += wrap(para, f, width) if para.strip() else [""]
    return out


def block(layout, design, text: str, x: float, y: float, w: float, size: float, max_h: float | None = None, **kw):
    """A wrapped text at (x, y), ``w`` wide; returns its height (mm). With
    ``max_h`` the lines that do not fit are left out (the last one ends in '…')."""
    f = font(size, kw.get("bold", False))
    pitch = line_pitch(f)
    lines = lines_of(text, size, w, kw.get("bold", False))
    if max_h is not None:
        n = max(int(max_h // pitch), 0)
        if n < len(lines):
            lines = lines[:n]
            if lines:
                lines[-1] = lines[-1].rstrip(" .,;") + " …"
    if not lines:
        return 0.0
    h = len(lines) * pitch + 0.3 * design.s
    text_label(layout, "\n".join(lines), (x, y, w, h), size, **kw)
    return h


def page_furniture(layout, design, lang, day, source_note, kicker, page_text, note: str) -> None:
    header(layout, design, None, kicker)
    page_rules_picture(layout, design)
    footer(layout, design, lang, day, source_note, page_text)
    if note:  # the example footnote, above the footer rule
        s = design.s
        f = font(6 * s)
        lines = lines_of(note, 6 * s, design.w)
        h = len(lines) * line_pitch(f) + 0.3 * s
        text_label(
            layout,
            "\n".join(lines),
            (design.x0, design.y1 - design.footer_h - h - 0.8 * s, design.w, h),
            6 * s,
            colour=GREY,
        )


def note_height(design, note: str) -> float:
    if not note:
        return 0.0
    s = design.s
    return len(lines_of(note, 6 * s, design.w)) * line_pitch(font(6 * s)) + 2 * s


def title_block(layout, design, title: str, sub: str) -> float:
    """The page's title (bold, at most two lines) and a grey line under it; returns the y below."""
    s = design.s
    y = design.y0 + 4.2 * s
    size = 13 * s
    f = font(size, True)
    lines = lines_of(title, size, design.w, True)
    if len(lines) > 1:
        size = 10.5 * s
        f = font(size, True)
        lines = lines_of(title, size, design.w, True)[:2]
    h = len(lines) * line_pitch(f) + 0.3 * s
    text_label(layout, "\n".join(lines), (design.x0, y, design.w, h), size, bold=True)
    y += h + 0.5 * s
    if sub:
        y += block(layout, design, sub, design.x0, y, design.w, 7.5 * s, colour=GREY)
    return max(y, design.y0 + design.header_h) + 3 * s


# --------------------------------------------------------------------------
# the cover


def status_word(status: str, lang: str) -> str:
    return status if lang == "de" else t(status, lang)


def cover_layouts(project, design, book: mb.MeasuresBook, lang) -> list:
    """The cover: title, counts, and the table (continued on further pages when long);
    without header and footer (they need the page count)."""
    s = design.s
    kicker = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "MEASURES REPORT"), lang)
    years = f"{book.years[0]}–{book.years[-1]}" if book.years else ""
    counts = "  ·  ".join(f"{k}: {v}" for k, v in book.counts.items())
    sub = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "{n} measures, data {years}"), lang).format(
        n=len(book.pages), years=years
    )
    goals_caption = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Goals in the latest year"), lang)
    cols = [
        (t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Measure"), lang), 0.0, 0.40),
        (t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Goal indicator"), lang), 0.42, 0.22),
        (t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Goal"), lang), 0.655, 0.19),
        (t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Status"), lang), 0.855, 0.145),
    ]
    size = 7.5 * s
    f = font(size)
    pitch = line_pitch(f)
    layouts = []
    rows = list(book.cover)
    while True:
        layout = new_layout(project, f"{kicker} {len(layouts) + 1}", design.page)
        y = title_block(layout, design, book.title, sub if not layouts else "")
        if not layouts:
            y += block(layout, design, f"{goals_caption}: {counts}", design.x0, y, design.w, 8 * s, bold=True) + 2 * s
        for name, x, w in cols:
            text_label(layout, name, (design.x0 + x * design.w, y, w * design.w - 1 * s, pitch), size, bold=True)
        y += pitch + 1.5 * s
        bottom = design.body_bottom - note_height(design, book.example_note)
        while rows:
            r = rows[0]
            mtext = f"{r.id}  {r.title}" + (f"\n{r.topic}" if r.topic else "")
            mlines = lines_of(mtext, size, cols[0][2] * design.w - 1 * s)
            glines = []
            for label, goal, status in r.goals or [("–", "", "")]:
                a = lines_of(label, size, cols[1][2] * design.w - 1 * s)
                b = lines_of(goal, size, cols[2][2] * design.w - 1 * s)
                n = max(len(a), len(b), 1)
                glines.append((a + [""] * (n - len(a)), b + [""] * (n - len(b)), [status] + [""] * (n - 1)))
            gn = sum(len(a) for a, _, _ in glines)
            h = max(len(mlines), gn) * pitch
            if y + h > bottom and y > design.y0 + design.header_h + 20 * s:
                break
            rows.pop(0)
            text_label(layout, "\n".join(mlines), (design.x0, y, cols[0][2] * design.w - 1 * s, h + 0.3), size)
            gy = y
            for a, b, st in glines:
                gh = len(a) * pitch + 0.3
                text_label(
                    layout,
                    "\n".join(a),
                    (design.x0 + cols[1][1] * design.w, gy, cols[1][2] * design.w - 1 * s, gh),
                    size,
                )
                text_label(
                    layout,
                    "\n".join(b),
                    (design.x0 + cols[2][1] * design.w, gy, cols[2][2] * design.w - 1 * s, gh),
                    size,
                )
                colour = STATUS_COLOURS.get(st[0], GREY)
                text_label(
                    layout,
                    status_word(st[0], lang),
                    (design.x0 + cols[3][1] * design.w, gy, cols[3][2] * design.w - 1 * s, gh),
                    size,
                    bold=True,
                    colour=colour,
                )
                gy += gh - 0.3
            y += h + 2.2 * s
        layouts.append(layout)
        if not rows:
            break
    return layouts


# --------------------------------------------------------------------------
# a measure's page


def chart_box(layout, design, chart: mb.GoalChart, x, y, w, h, lang) -> None:
    """One goal's chart: caption, the SVG with y ticks at the left and years below."""
    s = design.s
    small = 6 * s
    fs = font(small)
    pitch = line_pitch(fs)
    cap_h = block(layout, design, chart.label + (f" ({chart.unit})" if chart.unit else ""), x, y, w, 7.5 * s, bold=True)
    cap_h = min(cap_h, 2 * line_pitch(font(7.5 * s, True)) + 0.3 * s)
    axis_w = 9 * s
    cx, cy = x + axis_w, y + cap_h + 1.5 * s
    cw, ch = w - axis_w - 1 * s, h - cap_h - 1.5 * s - pitch - 1.5 * s
    d = mc.drawing(chart, cw, ch)
    picture(layout, svg_source(d.svg), (cx, cy, cw, ch))
    for v, py in d.y_ticks:
        text_label(
            layout,
            number(v, min(chart.decimals, 1), lang=lang),
            (x, cy + py - pitch / 2, axis_w - 1.2 * s, pitch),
            small,
            align=RIGHT,
            colour=GREY,
        )
    # year labels: every year when they fit, else every second one and the goal year
    ticks = d.x_ticks
    step = 1
    while len(ticks) > 1 and (cw / max(len(ticks) - 1, 1)) * step < 8.5 * s:
        step += 1
    shown = [tk for k, tk in enumerate(ticks) if k % step == 0]
    if ticks[-1] not in shown:
        if shown and ticks[-1][1] - shown[-1][1] < 8.5 * s:
            shown.pop()
        shown.append(ticks[-1])
    for year, px in shown:
        lw = 8 * s
        text_label(
            layout, str(year), (cx + px - lw / 2, cy + ch + 0.8 * s, lw, pitch), small, align=CENTRE, colour=GREY
        )


def legend_row(layout, design, x, y, w, lang, names) -> float:
    s = design.s
    size = 6.5 * s
    pitch = line_pitch(font(size))
    labels = mc.legend_labels(lang)
    cx = x
    for name in names:
        text = labels[name]
        tw = 7 * s + mb_text_width(text, size) + 4 * s
        if cx + tw > x + w:
            break
        picture(layout, svg_source(mc.legend_svg(name, 6 * s, pitch)), (cx, y, 6 * s, pitch))
        text_label(layout, text, (cx + 7 * s, y, tw - 7 * s, pitch), size)
        cx += tw
    return pitch + 1.5 * s


def mb_text_width(text: str, size: float) -> float:
    return text_width(text, font(size))


def measure_layout(
    project, design, layers: MeasuresLayers, book: mb.MeasuresBook, m: mb.MeasurePage, lang, day, source_note, page_text
) -> QgsPrintLayout:
    s = design.s
    kicker = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "MEASURES REPORT"), lang) + f"  ·  {book.title}"
    layout = new_layout(project, f"{m.id}", design.page)
    parts = [m.topic, m.period]
    if m.budget:
        parts.append(t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Budget {amount}"), lang).format(amount=m.budget))
    if m.responsible:
        parts.append(m.responsible)
    y = title_block(layout, design, f"{m.id}  {m.title}", "  ·  ".join(p for p in parts if p))
    x0, w = design.x0, design.w
    # the map of the units and the city beside it
    map_w, map_h = w * 0.5, 62 * s
    highlight = layers.measure_layer(m)
    bounds = highlight.extent() if highlight.featureCount() else layers.extent
    detail = new_map(
        layout, (x0, y, map_w, map_h), layers.crs, [highlight, layers.city], fit_extent(bounds, map_w, map_h, 0.35)
    )
    if layers.crs.isValid():
        scale_bar(layout, detail, (x0 + 2 * s, y + map_h - 9 * s, 40 * s, 7 * s), 6 * s, 12 * s, 25 * s)
    loc_w = 44 * s
    loc_h = (
        loc_w * (layers.extent.height() / max(layers.extent.width(), 1e-9)) if not layers.extent.isEmpty() else loc_w
    )
    loc_h = min(loc_h, map_h * 0.55)
    rx = x0 + map_w + 5 * s
    rw = w - map_w - 5 * s
    new_map(
        layout,
        (rx, y, loc_w, loc_h),
        layers.crs,
        [highlight, layers.city],
        fit_extent(layers.extent, loc_w, loc_h, 0.03),
    )
    ty = y + loc_h + 2 * s
    names = [f"{n} ({k})" if n else str(k) for k, n in zip(m.unit_keys, m.unit_names)]
    units_text = (
        t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Units ({n})"), lang).format(n=len(names)) + ": " + ", ".join(names)
    )
    ty += block(layout, design, units_text, rx, ty, rw, 6.5 * s, max_h=y + map_h - ty)
    y += map_h + 3 * s
    # the charts, one row per goal: chart at the left, its words at the right
    bottom = design.body_bottom - note_height(design, book.example_note)
    y += legend_row(layout, design, x0, y, w, lang, ["area", "city", "comparison", "path", "goal"])
    n = max(len(m.charts), 1)
    row_h = min(58 * s, (bottom - y) / n)
    chart_w = w * 0.48
    for k, c in enumerate(m.charts):
        cy = y + k * row_h
        chart_box(layout, design, c, x0, cy, chart_w, row_h - 3 * s, lang)
        tx, tw = x0 + chart_w + 5 * s, w - chart_w - 5 * s
        hy = cy
        hy += block(
            layout,
            design,
            f"{c.goal_text}: {status_word(c.status, lang)}",
            tx,
            hy,
            tw,
            7.5 * s,
            bold=True,
            colour=STATUS_COLOURS.get(c.status, GREY),
        )
        hy += 1 * s
        texts = [c.status_text]
        if c.comparison_text:
            texts.append(c.comparison_text)
        if c.note:
            texts.append(c.note)
        for text in texts:  # paragraphs a little apart; what does not fit the row is cut with '…'
            room = cy + row_h - 3 * s - hy
            if room <= 0:
                break
            hy += block(layout, design, text, tx, hy, tw, 6.5 * s, max_h=room) + 1.2 * s
    if not m.charts:
        block(
            layout,
            design,
            t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "This measure has no goal."), lang),
            x0,
            y,
            w,
            7.5 * s,
        )
    page_furniture(layout, design, lang, day, source_note, kicker, page_text, book.example_note)
    return layout


def method_layout(project, design, book: mb.MeasuresBook, lang, day, source_note, page_text) -> QgsPrintLayout:
    s = design.s
    kicker = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "MEASURES REPORT"), lang) + f"  ·  {book.title}"
    layout = new_layout(project, "method", design.page)
    y = title_block(layout, design, t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Method"), lang), "")
    bottom = design.body_bottom - note_height(design, book.example_note)
    texts = [book.goal_method]
    if book.comparison_method:
        texts.append(book.comparison_method)
    texts += list(dict.fromkeys(book.warnings))[:12]
    for text in texts:
        if y >= bottom:
            break
        y += block(layout, design, text, design.x0, y, design.w, 7.5 * s, max_h=bottom - y) + 3 * s
    page_furniture(layout, design, lang, day, source_note, kicker, page_text, book.example_note)
    return layout


def measures_layouts(
    project, page: Page, book: mb.MeasuresBook, layers: MeasuresLayers, lang: str, day: str, source_note: str
) -> list[QgsPrintLayout]:
    """Every page of the report, in order: cover (one or more pages), one page per measure, the method."""
    design = MeasuresDesign(page)
    total = [0]

    def page_text(k: int) -> str:
        return t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Page {n} of {total}"), lang).format(n=k, total=total[0])

    layouts = cover_layouts(project, design, book, lang)
    n = len(layouts)
    total[0] = n + len(book.pages) + 1
    kicker = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "MEASURES REPORT"), lang)
    for k, layout in enumerate(layouts, start=1):
        page_furniture(layout, design, lang, day, source_note, kicker, page_text(k), book.example_note)
    for k, m in enumerate(book.pages, start=n + 1):
        layouts.append(measure_layout(project, design, layers, book, m, lang, day, source_note, page_text(k)))
    layouts.append(method_layout(project, design, book, lang, day, source_note, page_text(total[0])))
    return layouts
