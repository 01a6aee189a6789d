"""The profile page of a unit: where everything sits (UnitDesign), its static
graphics and chart bars (SVG), its two maps and the atlas layout."""

from __future__ import annotations

from dataclasses import dataclass, field

from qgis.core import (
    QgsLayoutItem,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutObject,
    QgsLayoutPoint,
    QgsPrintLayout,
    QgsProperty,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP
from qgis.PyQt.QtGui import QColor

from sozialplanung_plugin import compat
from sozialplanung_plugin.adapters.layouts.frame import (
    CENTRE,
    GREY,
    LEFT,
    MM,
    RIGHT,
    Column,
    LayoutError,
    Page,
    PageContextLayout,
    font,
    footer,
    header,
    item_frame,
    label,
    line_pitch,
    new_layout,
    page_frame,
    page_rules,
    picture,
    place,
    svg_source,
    t,
    text_label,
    text_width,
    wrap,
    wrapped,
)
from sozialplanung_plugin.adapters.layouts.map_items import (
    PageContextMap,
    fit_extent,
    keep_clear,
    legend,
    new_map,
    scale_bar,
)
from sozialplanung_plugin.core import fields as fn
from sozialplanung_plugin.core import profiles as cp

DETAIL_MARGIN = 0.12
#: the unit's sparklines (SVG text) in the layer behind the layout (beside fn.PA_BARS)
PA_SPARKS = "pa_sparks"
TABLE_SIZES = (7.5, 7.0, 6.5, 6.0, 5.5)  # pt at A4, the largest that fits is taken


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
        s = self.page.scale
        page_frame(self)
        self.inset = False  # the locator inside the detail map (landscape)
        self.note_pt = 5.8 * s
        self.burden_pt = 7.5 * s
        self.top = self.y0 + self.header_h + 3.5 * s
        self.legend_text = "  ".join(cp.legend(self.book))
        nf = font(self.note_pt)
        longest = max((len(wrap("  ".join(u.notes), nf, self.w)) for u in self.book.pages if u.notes), default=0)
        self.notes_h = (len(wrap(self.legend_text, nf, self.w)) + longest) * line_pitch(nf) + 1.0
        self.bottom = self.y1 - self.footer_h - 2.5 * s - self.notes_h - 3 * s  # the table ends above it
        self._supply_layout()
        below = self._landscape() if self.page.landscape else self._portrait()
        self.notes_rect = (self.x0, below, self.w, self.notes_h)

    # --- the two arrangements

    def _landscape(self) -> float:
        """Left: the map (the locator as an inset in its corner) over the burden
        band; right: the table; the notes under both. Returns the notes' top."""
        s, top = self.page.scale, self.top
        left_w = round(self.w * 0.40, 1)
        self.band_h = self._band_height(left_w)
        tx = self.x0 + left_w + 5 * s
        self.table_rect = (tx, top, self.x1 - tx, self.bottom - top)
        self._layout_table()
        low = max(top + self.table_h, self.bottom - 25 * s)
        supply = self.supply_h + 3 * s if self.supply_h else 0.0
        map_h = low - top - self.band_h - 4 * s - supply
        self.map_rect = (self.x0, top, left_w, map_h)
        loc_w = round(left_w * 0.34, 1)
        _, _, lw, lh = self._locator(0, 0, loc_w, map_h * 0.4)
        self.locator_rect = (self.x0 + left_w - lw - 1.5 * s, top + 1.5 * s, lw, lh)
        self.inset = True
        self.burden_rect = (self.x0, top + map_h + 3.5 * s, left_w, self.band_h)
        self.supply_rect = (self.x0, self.burden_rect[1] + self.band_h + 3 * s, left_w, self.supply_h)
        return max(top + self.table_h, self.burden_rect[1] + self.band_h + supply) + 3 * s

    def _portrait(self) -> float:
        """The map and the locator side by side, the burden band, the table; the
        map takes what the table leaves. Returns the notes' top."""
        p, s, top = self.page, self.page.scale, self.top
        self.band_h = self._band_height(self.w)
        min_map, max_map = 55 * s, 0.36 * p.height
        supply = self.supply_h + 3 * s if self.supply_h else 0.0
        fixed = 3.5 * s + self.band_h + 4 * s + supply  # between map and table
        self.table_rect = (self.x0, top + min_map + fixed, self.w, self.bottom - top - min_map - fixed)
        self._layout_table()
        spare = self.table_rect[3] - self.table_h
        map_h = min(max_map, min_map + spare)
        loc_w = round(self.w * 0.33, 1)
        self.map_rect = (self.x0, top, self.w - loc_w - 5 * s, map_h)
        self.locator_rect = self._locator(self.x1 - loc_w, top, loc_w, max_h=map_h)
        band_y = top + map_h + 3.5 * s
        self.burden_rect = (self.x0, band_y, self.w, self.band_h)
        self.supply_rect = (self.x0, band_y + self.band_h + 3 * s, self.w, self.supply_h)
        ty = band_y + self.band_h + 4 * s + supply
        self.table_rect = (self.x0, ty, self.w, self.table_h)
        return ty + self.table_h + 3 * s

    def _band_height(self, width: float) -> float:
        """Class line, the reason and the index line of the longest unit."""
        s = self.page.scale
        f = font(self.burden_pt)
        longest = max(
            (
                len(wrap(u.burden_detail, f, width))
                + (1 if u.index_text else 0)
                + (len(wrap(u.watch.text, f, width)) if u.watch and u.watch.text else 0)
                for u in self.book.pages
            ),
            default=1,
        )
        return 5.0 * s + (max(1, longest) + 0.5) * line_pitch(f) + 0.5  # half a line spare: Qt may wrap otherwise

    def _locator(self, x, y, w, max_h=None):
        ext = self.extent
        h = w * ext.height() / max(ext.width(), 1e-9) if ext is not None and not ext.isEmpty() else w
        if max_h is not None and h > max_h:
            w, h = w * max_h / h, max_h
        return (x, y, w, h)

    # --- the supply table (sozialplanung:facilitysupply)

    def _supply_layout(self) -> None:
        """The supply table's columns (as wide as their widest text on any page)
        and height: a header, a line per category, the supply gap (wrapped)."""
        s, book = self.page.scale, self.book
        self.supply_pt = 7.0 * s
        self.supply_h = 0.0
        self.supply_rect = (self.x0, self.y0, 0.0, 0.0)
        self.supply_columns: list[Column] = []
        self.supply_gap_lines = 0
        if not book.has_supply_table:
            return
        f = font(self.supply_pt)
        self.supply_pitch = line_pitch(f)
        headers = cp.supply_headers(book)
        widths = {}
        for c, head in headers.items():
            texts = [head] + [ln[c] for u in book.pages for ln in u.supply]
            widths[c] = max(text_width(x, font(self.supply_pt, c == "category")) for x in texts) + 3.0 * s
        self.supply_widths = widths
        self.supply_headers = headers
        ncat = len(book.supply_categories)
        width = self.w * (0.40 if self.page.landscape else 1.0)
        self.supply_gap_lines = max((len(wrap(u.supply_gap, f, width)) for u in book.pages if u.supply_gap), default=0)
        rows = (1 + ncat if ncat else 0) + self.supply_gap_lines
        self.supply_h = rows * self.supply_pitch + 1.0

    def _supply_columns(self) -> None:
        x, _, w, _ = self.supply_rect
        self.supply_columns = []
        for c, cw in self.supply_widths.items():
            self.supply_columns.append(Column(c, x, cw, self.supply_headers[c], LEFT if c == "category" else RIGHT))
            x += cw

    def supply_texts(self, u: cp.UnitProfile) -> list[str]:
        """The printed supply columns of a unit (header, a line per category) and its gap line, wrapped."""
        if not self.supply_h:
            return []
        if not self.supply_columns:
            self._supply_columns()
        out = [c.header + "\n" + "\n".join(ln[c.name] for ln in u.supply) for c in self.supply_columns]
        out.append(wrapped(u.supply_gap, font(self.supply_pt), self.supply_rect[2]) if u.supply_gap else "")
        return out

    def supply_fields(self) -> list[str]:
        if not self.supply_h:
            return []
        if not self.supply_columns:
            self._supply_columns()
        return [f"pa_supply_{c.name}" for c in self.supply_columns] + ["pa_supply_gap"]

    # --- the table

    def _headers(self) -> dict:
        """The value columns in printed order: a column per comparison level
        (COMPARE_FIELDS) after the city's."""
        book, lang = self.book, self.book.lang
        city = book.level_labels.get("*") or t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "City"), lang)
        out = {"value": t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Value"), lang), "reference": city}
        for lv in book.levels:
            out[cp.level_column(lv)] = book.level_label(lv)
        out["difference"] = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Diff."), lang)
        out["flag"] = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Core"), lang)
        out["change"] = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Change"), lang)
        return out

    def _cells(self, headers: dict) -> dict:
        """Every cell text of every page per used value column, once: a column is
        as wide as its widest text."""
        book = self.book
        used = {"flag": book.has_flags, "change": book.has_change}
        cells = {c: {headers[c]} for c in headers if used.get(c, True)}
        for u in book.pages:
            for r in u.rows:
                for c in cells:
                    cells[c].add(cp.cell_text(r, c))
        return cells

    def _spark_width(self) -> float:
        """The sparklines' column (0 without a series)."""
        return ((12.0 if self.page.landscape else 15.0) * self.page.scale) if self.book.has_series else 0.0

    def _fit(self, size: float, cells: dict, chart_w: float, gap: float):
        """(widths, label width, lines) of the table at ``size`` pt, or None when
        it does not fit; blank lines between topics are dropped first."""
        s = self.page.scale
        _, _, w, h = self.table_rect
        f = font(size)
        pad = {c: (3.5 if c == "flag" else 2.5) * s for c in cells}
        widths = {c: max(text_width(x, f) for x in texts) + pad[c] for c, texts in cells.items()}
        chart_w, spark_w = self._chart_and_spark(f, chart_w, gap)
        label_w = w - sum(widths.values()) - gap - chart_w - (spark_w + gap if spark_w else 0.0)
        if label_w < 30 * s:
            return None
        pitch = line_pitch(f)
        for spacers in (True, False):
            lines = cp.table_lines(self.book, wrap=lambda text: wrap(text, f, label_w - 1.0), spacers=spacers)
            if (len(lines) + 1) * pitch + 0.6 <= h:
                return widths, label_w, lines, chart_w, spark_w
        return None

    def _chart_and_spark(self, f, chart_w: float, gap: float) -> tuple[float, float]:
        """(chart, sparklines) widths: the sparklines take their room from the
        chart (the labels keep their width), each at least as wide as its caption."""
        spark_w = self._spark_width()
        if not spark_w:
            return chart_w, 0.0
        s = self.page.scale
        years = self.book.series_years
        spark_w = max(spark_w, text_width(f"{years[0]}–{years[-1]}", f) + 2 * s)
        caption = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "city = 100"), self.book.lang)
        return max(chart_w - spark_w - gap, text_width(caption, f) + 2 * s), spark_w

    def _layout_table(self) -> None:
        """Columns, type size and lines of the indicator table: the largest type
        (7.5 pt at A4) at which every line fits. The first line holds the column
        headers."""
        s = self.page.scale
        headers = self._headers()
        cells = self._cells(headers)
        # the sparklines take their room from the chart: the labels keep their width
        chart_w = (30.0 if self.page.landscape else 38.0) * s
        gap = 3.0 * s
        for size in TABLE_SIZES:
            fit = self._fit(size * s, cells, chart_w, gap)
            if fit is not None:
                break
        else:
            raise LayoutError(
                f"the {len(self.book.indicators)} indicators do not fit on one {self.page.size} "
                f"{self.page.orientation} page even at 5.5 pt: choose A3, fewer indicators, or shorter labels"
            )
        widths, label_w, self.lines, chart_w, spark_w = fit
        self.table_pt = size * s
        self.pitch = line_pitch(font(self.table_pt))
        self.head_h = self.pitch  # the header is the first line of every column
        self.columns = self._columns(headers, widths, label_w, chart_w, gap, spark_w)
        self.table_h = self.head_h + len(self.lines) * self.pitch

    def _columns(
        self, headers: dict, widths: dict, label_w: float, chart_w: float, gap: float, spark_w: float = 0.0
    ) -> list:
        lang = self.book.lang
        x = self.table_rect[0]
        cols = [Column("label", x, label_w, t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Indicator"), lang), LEFT)]
        cx = x + label_w
        for name, cw in widths.items():
            cols.append(Column(name, cx, cw, headers[name], CENTRE if name == "flag" else RIGHT))
            cx += cw
        if spark_w:
            years = self.book.series_years
            cols.append(Column("spark", cx + gap, spark_w, f"{years[0]}–{years[-1]}", CENTRE))
            cx += gap + spark_w
        caption = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "city = 100"), lang)
        cols.append(Column("chart", cx + gap, chart_w, caption, CENTRE))
        return cols

    # --- what the layer and the layout take from the design

    def column_text(self, u: cp.UnitProfile, name: str) -> str:
        """A printed column: its header, then one line per table line."""
        return self.column(name).header + "\n" + cp.column_text(u, self.lines, name)

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    @property
    def rows_top(self) -> float:
        return self.table_rect[1] + self.head_h

    def burden_text(self, u: cp.UnitProfile) -> str:
        """The reason (first letter upper case, wrapped to the band), the
        index classes on a line of their own and the early warning (wrapped)."""
        f = font(self.burden_pt)
        detail = u.burden_detail[:1].upper() + u.burden_detail[1:]
        detail = wrapped(detail, f, self.burden_rect[2]) if detail else ""
        watch = wrapped(u.watch.text, f, self.burden_rect[2]) if u.watch and u.watch.text else ""
        return "\n".join(x for x in (detail, u.index_text, watch) if x)

    def notes_text(self, u: cp.UnitProfile) -> str:
        """How to read the page and the footnotes of the unit's signs, wrapped to the page."""
        nf = font(self.note_pt)
        text = wrapped(self.legend_text, nf, self.w)
        return text + ("\n" + wrapped("  ".join(u.notes), nf, self.w) if u.notes else "")

    def bars(self, unit: cp.UnitProfile) -> str:
        """The chart of a unit: its bars as SVG, a bar per table row."""
        return cp.bars_svg(unit, self.lines, self.column("chart").w, self.pitch)

    def sparks(self, unit: cp.UnitProfile) -> str:
        """The unit's sparklines as SVG, a pair of lines per table row ('' without a series)."""
        col = self.column("spark")
        return cp.sparks_svg(unit, self.lines, self.book.series, col.w, self.pitch) if col else ""

    @property
    def value_columns(self) -> list[str]:
        """The names of the printed text columns (pa_col_<name> fields)."""
        return [c.name for c in self.columns if c.name not in ("label", "chart", "spark")]


def bars_of(design: UnitDesign, unit: cp.UnitProfile) -> str:
    return design.bars(unit)


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


def locator_extent(extent: QgsRectangle, design: UnitDesign) -> QgsRectangle:
    _, _, w, h = design.locator_rect
    return fit_extent(extent, w, h, 0.04)


# --------------------------------------------------------------------------
# the layout


def unit_maps(layout, design: UnitDesign, layers, map_class=QgsLayoutItemMap) -> QgsLayoutItemMap:
    """The two maps of a profile page: the unit with its surroundings (atlas
    driven) and the locator (the city rendered once as a picture, the unit
    highlighted above it). The plain benchmark atlas uses exactly these (as
    plain QGIS map items; the profile layout's maps are PageContextMap)."""
    mx, my, mw, mh = design.map_rect
    shown = ([layers.facilities] if getattr(layers, "facilities", None) is not None else []) + [layers.units]
    detail = new_map(
        layout,
        design.map_rect,
        layers.crs,
        shown,
        fit_extent(layers.extent, mw, mh, 0.0),
        "pa_detail_map",
        map_class,
    )
    detail.setAtlasDriven(True)
    detail.setAtlasScalingMode(QgsLayoutItemMap.AtlasScalingMode.Auto)
    detail.setAtlasMargin(DETAIL_MARGIN)
    detail.setBackgroundColor(QColor("#f7f7f7"))
    png = picture(layout, layers.locator_png, design.locator_rect, compat.PICTURE_RASTER)
    png.setId("pa_locator_background")
    if design.inset:
        item_frame(png, 0.3, "#525252")
    extent = locator_extent(layers.extent, design)
    loc = new_map(layout, design.locator_rect, layers.crs, [layers.city], extent, "pa_locator_map", map_class)
    loc.setBackgroundEnabled(False)
    if design.inset:  # the unit's neighbours are not labelled under the inset
        keep_clear(detail, png, loc)
    return detail


def unit_layout(project, book: cp.ProfileBook, design: UnitDesign, layers, logo=None) -> QgsPrintLayout:
    """One page per unit: a QGIS atlas over the units with a page."""
    lang = book.lang
    name = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "District profiles"), lang)
    title = name + (f" – {book.title}" if book.title else "")
    layout = new_layout(project, title, design.page, cls=PageContextLayout)
    _atlas(layout, layers)
    _title(layout, book, design, logo)
    detail = unit_maps(layout, design, layers, PageContextMap)
    if layers.crs.isValid():  # distances are known
        s = design.page.scale
        mx, my, _, mh = design.map_rect
        scale_bar(layout, detail, (mx + 1.5 * s, my + mh - 8.5 * s, 30 * s, 7 * s), 5.5 * s, 12 * s, 24 * s)
    if getattr(layers, "facilities", None) is not None:
        _facility_legend(layout, design, detail, layers.facilities)
    _burden_band(layout, design)
    _supply(layout, design)
    _table(layout, design)
    _chart(layout, design)
    # how to read the page and the footnotes of its signs
    label(layout, f'[% "{fn.PA_NOTES}" %]', design.notes_rect, design.note_pt, colour="#424242")
    footer(layout, design, lang, book.date, book.source_note, f'[% "{fn.PA_PAGE_TEXT}" %]')
    return layout


def _atlas(layout, layers) -> None:
    atlas = layout.atlas()
    atlas.setCoverageLayer(layers.units)
    atlas.setEnabled(True)
    atlas.setHideCoverage(False)
    atlas.setFilterFeatures(True)
    atlas.setFilterExpression(f'"{fn.PA_PAGE}" IS NOT NULL')
    atlas.setSortFeatures(True)
    atlas.setSortExpression(f'"{fn.PA_PAGE}"')
    atlas.setPageNameExpression(f'"{fn.PA_KEY}"')


def _title(layout, book: cp.ProfileBook, design: UnitDesign, logo) -> None:
    """Kicker, the unit's name (pa_title, fitted per page) and the line under it."""
    s = design.page.scale
    x0, y0, w = design.x0, design.y0, design.w
    kicker = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "District profile"), book.lang).upper() + (
        f"  ·  {book.title}" if book.title else ""
    )
    header(layout, design, logo, kicker)
    logo_w = 41 * s if logo else 0.0
    rect = (x0, y0 + 4.2 * s, w - logo_w, 9 * s)
    label(layout, f'[% "{fn.PA_NAME}" %]', rect, 17 * s, bold=True, item_id="pa_title")
    label(layout, f'[% "{fn.PA_SUBLINE}" %]', (x0, y0 + 13.6 * s, w - logo_w, 4.5 * s), 8 * s, colour=GREY)


def _burden_band(layout, design: UnitDesign) -> None:
    """The burden class, its reason and the index classes."""
    s = design.page.scale
    bx, by, bw, bh = design.burden_rect
    label(layout, f'[% "{fn.PA_BURDEN_HEAD}" %]', (bx, by, bw, 4.8 * s), 9 * s, bold=True)
    label(layout, f'[% "{fn.PA_BURDEN_TEXT}" %]', (bx, by + 5.0 * s, bw, bh - 5.0 * s), design.burden_pt)


def _facility_legend(layout, design: UnitDesign, detail, facilities) -> None:
    """The facilities' categories in the lower right corner of the unit map (labels keep clear of it)."""
    s = design.page.scale
    mx, my, mw, mh = design.map_rect
    title = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Facilities"), design.book.lang)
    n = max(1, len(facilities.renderer().categories()))
    h = (5.0 + 4.2 * n) * s
    w = 34 * s
    leg = legend(layout, detail, facilities, title, (mx + mw - w - 1.5 * s, my + mh - h - 1.5 * s, w, h), 6 * s)
    leg.setSymbolWidth(3.6 * s)
    leg.setBackgroundEnabled(True)
    leg.setBackgroundColor(QColor("#ffffff"))
    leg.setBoxSpace(1.2 * s)
    # it grows to its contents from the lower right corner of the map
    leg.setReferencePoint(QgsLayoutItem.ReferencePoint.LowerRight)
    leg.attemptMove(QgsLayoutPoint(mx + mw - 1.5 * s, my + mh - 1.5 * s, MM))
    leg.adjustBoxSize()
    leg.setId("pa_facility_legend")


def _supply(layout, design: UnitDesign) -> None:
    """The supply table (the header its first line, a rule under it, a line per
    category) and the supply gap under it."""
    if not design.supply_h:
        return
    x, y, w, h = design.supply_rect
    pitch = design.supply_pitch
    ncat = len(design.book.supply_categories)
    rows_h = (1 + ncat) * pitch + 0.5 if ncat else 0.0
    if ncat:
        for col, name in zip(design.supply_columns, design.supply_fields()):
            rect = (col.x + 0.4, y, col.w - 0.8, rows_h)
            label(layout, f'[% "{name}" %]', rect, design.supply_pt, align=col.align, item_id=name)
        p, x1 = design.page, x + sum(c.w for c in design.supply_columns)
        ry = y + pitch + 0.15
        svg = (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{p.width}mm" height="{p.height}mm" '
            f'viewBox="0 0 {p.width} {p.height}"><line x1="{x:.2f}" y1="{ry:.2f}" x2="{x1:.2f}" y2="{ry:.2f}" '
            'stroke="#737373" stroke-width="0.2"/></svg>'
        )
        picture(layout, svg_source(svg), (0, 0, p.width, p.height)).setId("pa_supply_rule")
    gap_rect = (x + 0.4, y + rows_h, w - 0.8, h - rows_h + 0.5)
    label(layout, '[% "pa_supply_gap" %]', gap_rect, design.supply_pt, item_id="pa_supply_gap")


def _table(layout, design: UnitDesign) -> None:
    """Static graphics, the indicator names (the topics bold on top), the value columns."""
    p = design.page
    _, ty, _, _ = design.table_rect
    picture(layout, svg_source(furniture_svg(design)), (0, 0, p.width, p.height)).setId("pa_furniture")
    h = design.table_h + 1.0
    lc = design.column("label")
    names = lc.header + "\n" + cp.label_column(design.lines)
    text_label(layout, names, (lc.x + 0.4, ty, lc.w - 0.8, h), design.table_pt)
    text_label(layout, "\n" + cp.topic_column(design.lines), (lc.x + 0.4, ty, design.w, h), design.table_pt, bold=True)
    for col in design.columns:
        if col.name in ("label", "chart", "spark"):
            continue
        rect = (col.x + 0.4, ty, col.w - 0.8, h)
        text = f'[% "{fn.pa_column(col.name)}" %]'
        label(layout, text, rect, design.table_pt, align=col.align, item_id=f"pa_col_{col.name}")


def _chart(layout, design: UnitDesign) -> None:
    """The chart's caption and the unit's bars (SVG from a field) over the grid of the furniture."""
    _, ty, _, _ = design.table_rect
    chart = design.column("chart")
    label(layout, chart.header, (chart.x, ty, chart.w, design.table_h + 1.0), design.table_pt, align=CENTRE)
    bars = QgsLayoutItemPicture(layout)
    bars.setMode(compat.PICTURE_SVG)
    bars.setResizeMode(QgsLayoutItemPicture.ResizeMode.Stretch)
    bars.dataDefinedProperties().setProperty(
        QgsLayoutObject.DataDefinedProperty.PictureSource,
        QgsProperty.fromExpression(f"'base64:' || to_base64(\"{fn.PA_BARS}\")"),
    )
    place(layout, bars, chart.x, design.rows_top, chart.w, len(design.lines) * design.pitch)
    bars.setId("pa_bars")
    spark = design.column("spark")
    if spark is not None:
        label(layout, spark.header, (spark.x, ty, spark.w, design.pitch + 0.5), design.table_pt, align=CENTRE)
        sparks = QgsLayoutItemPicture(layout)
        sparks.setMode(compat.PICTURE_SVG)
        sparks.setResizeMode(QgsLayoutItemPicture.ResizeMode.Stretch)
        sparks.dataDefinedProperties().setProperty(
            QgsLayoutObject.DataDefinedProperty.PictureSource,
            QgsProperty.fromExpression(f"'base64:' || to_base64(\"{PA_SPARKS}\")"),
        )
        place(layout, sparks, spark.x, design.rows_top, spark.w, len(design.lines) * design.pitch)
        sparks.setId("pa_sparks")
