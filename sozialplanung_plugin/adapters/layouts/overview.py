"""The overview layout of the profile atlas: the cover (overview map with the
classes, legend, scale bar, north arrow, notes) and the ranked list."""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import QgsPrintLayout
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP
from qgis.PyQt.QtGui import QFont

from sozialplanung_plugin.adapters.layouts.frame import (
    BOTTOM,
    GREY,
    INK,
    LEFT,
    RIGHT,
    Column,
    Page,
    elide,
    font,
    footer,
    header,
    label,
    line_pitch,
    map_and_side,
    new_layout,
    page_frame,
    page_rules,
    page_rules_picture,
    picture,
    svg_source,
    t,
    text_label,
    text_width,
    wrap,
    wrapped,
)
from sozialplanung_plugin.adapters.layouts.map_items import fit_extent, legend, new_map, north_arrow, scale_bar
from sozialplanung_plugin.core import profiles as cp


@dataclass
class OverviewDesign:
    """Cover and list pages (mm)."""

    page: Page
    book: cp.ProfileBook

    def __post_init__(self):
        s = self.page.scale
        page_frame(self)
        self.list_pt = 7.0 * s
        self.pitch = line_pitch(font(self.list_pt))
        self.list_top = self.y0 + self.header_h + 4 * s
        self.head_h = 4.2 * s
        # the fields of action as text when every unit's fits its column, else as numbers with a key
        self.action_numbers = False
        self.columns = self._columns()
        fields = next((c for c in self.columns if c.name == "fields"), None)
        if fields is not None:
            lf = font(self.list_pt)
            self.action_numbers = any(text_width(u.action_fields, lf) > fields.w - 1.2 for u in self.book.ranking)
            if self.action_numbers:
                self.columns = self._columns()
        nf = font(5.8 * s)
        list_notes = cp.list_notes(self.book, self.action_numbers)
        self.notes = wrapped(list_notes, nf, self.w) if list_notes else ""
        self.notes_h = (len(self.notes.split("\n")) * line_pitch(nf) + 2 * s) if self.notes else 0.0
        avail = self.y1 - self.footer_h - 2 * s - self.list_top - self.head_h - self.notes_h
        self.rows_per_page = max(5, int(avail // self.pitch))
        self.watch_columns: list[Column] = []
        self.watch_chunks: list[list[tuple[cp.UnitProfile, list[str]]]] = []
        if self.book.has_watch:
            self._watch_layout()

    # --- the watch list (sozialplanung:monitoring)

    def _watch_layout(self) -> None:
        """Columns of the watch list and its pages: a unit takes as many lines
        as its reason needs; a page holds what fits above the footer."""
        s, book, lang = self.page.scale, self.book, self.book.lang
        f = font(self.list_pt)
        key_w = next(c.w for c in self.columns if c.name == "key")
        cols = [
            ("key", key_w, t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Key"), lang), LEFT),
            ("name", 42 * s, t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Name"), lang), LEFT),
            ("since", 12 * s, t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Since"), lang), LEFT),
            ("reason", 0, t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Reason"), lang), LEFT),
            ("page", 11 * s, t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Page"), lang), RIGHT),
        ]
        reason_w = self.w - sum(c[1] for c in cols)
        x = self.x0
        for name, w, head, align in cols:
            w = reason_w if name == "reason" else w
            self.watch_columns.append(Column(name, x, w, head, align))
            x += w
        avail = self.y1 - self.footer_h - 2 * s - self.list_top - self.head_h
        per_page = max(5, int(avail // self.pitch))
        chunk: list = []
        used = 0
        for u in book.watch_list:
            # a line (or more) per flagged indicator
            parts = [p for p in (u.watch.reason or "").split(" · ") if p.strip()]
            lines = [ln for p in parts for ln in wrap(p, f, reason_w - 1.2)] or [""]
            lines = lines[:per_page]
            if chunk and used + len(lines) > per_page:
                self.watch_chunks.append(chunk)
                chunk, used = [], 0
            chunk.append((u, lines))
            used += len(lines)
        self.watch_chunks.append(chunk)  # one page, even when nobody is on the list

    def _columns(self) -> list[Column]:
        """Rank, key, name (what the others leave), the classes the book has, page."""
        s, book, lang = self.page.scale, self.book, self.book.lang
        cols = [
            ("rank", 9, t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Rank"), lang), RIGHT),
            ("key", 0, t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Key"), lang), LEFT),
            ("name", 0, t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Name"), lang), LEFT),
        ]
        if book.has_burden:
            cols.append(("class", 31, t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Burden class"), lang), LEFT))
            cols.append(("flags", 16, t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Flagged"), lang), LEFT))
            if book.has_action_fields:
                # classifyburden's topics with a flagged core indicator; shares the width with the name
                cols.append(("fields", 0, t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Fields of action"), lang), LEFT))
        if book.has_status:
            cols.append(("status", 27, t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Status"), lang), LEFT))
        if book.has_dynamics:
            cols.append(("dynamics", 24, t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Dynamics"), lang), LEFT))
        cols.append(("page", 11, t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Page"), lang), RIGHT))
        f = font(self.list_pt)
        key_w = max([text_width(u.key, f) for u in book.ranking] + [text_width(cols[1][2], font(self.list_pt, True))])
        key_w = min(key_w + 3 * s, 40 * s)
        name_w = self.w - sum(c[1] for c in cols) * s - key_w
        fields_w = 0.0
        if any(c[0] == "fields" for c in cols):
            head = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Fields of action"), lang)
            head_w = text_width(head, font(self.list_pt, True))
            fields_w = head_w + 3 * s if self.action_numbers else round(name_w * 0.55, 1)
            name_w -= fields_w
        out, x = [], self.x0
        for name, w, head, align in cols:
            w = {"key": key_w, "name": name_w, "fields": fields_w}.get(name, w * s)
            out.append(Column(name, x, w, head, align))
            x += w
        return out


def list_column(
    book: cp.ProfileBook, units: list[cp.UnitProfile], name: str, f: QFont, width: float, numbers: bool = False
) -> str:
    """One column of a page of the ranked list, a line per unit (``numbers``: the fields of action as numbers)."""

    def cell(u):
        if name == "rank":
            return str(u.rank) if u.rank is not None else ""
        if name == "key":
            return u.key
        if name == "name":  # beside the fields of action a shortened name keeps a clear gap to the class
            return elide(u.name, f, width - (3.5 if book.has_action_fields else 1.0))
        if name == "class":
            return elide(cp.unit_class(book, u), f, width - 1.0)
        if name == "flags":
            return cp.flags_text(book, u)
        if name == "fields":
            return cp.action_codes(book, u) if numbers else elide(u.action_fields, f, width - 1.0)
        if name == "status":
            return elide(u.status_text, f, width - 1.0)
        if name == "dynamics":
            return elide(u.dynamics_text, f, width - 1.0)
        if name == "page":
            return str(u.page) if u.page is not None else ""
        return ""

    return "\n".join(cell(u) for u in units)


def overview_layout(project, book: cp.ProfileBook, design: OverviewDesign, layers, logo=None) -> QgsPrintLayout:
    """Page 1: the cover with the overview map; then the ranked list."""
    lang = book.lang
    chunks = cp.list_chunks(book, design.rows_per_page)
    layout = new_layout(
        project,
        t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "District profiles"), lang)
        + " – "
        + t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Overview"), lang),
        design.page,
        1 + len(chunks) + len(design.watch_chunks),
    )
    _cover(layout, book, design, layers, logo)
    for k, units in enumerate(chunks, start=1):
        _list_page(layout, book, design, units, k, logo)
    for j, rows in enumerate(design.watch_chunks):
        _watch_page(layout, book, design, rows, 1 + len(chunks) + j, logo)
    return layout


def _cover(layout, book: cp.ProfileBook, design: OverviewDesign, layers, logo) -> None:
    """Title, the overview map with its furniture, legend and notes."""
    s, lang = design.page.scale, book.lang
    x0, y0, w = design.x0, design.y0, design.w
    logo_w = 41 * s if logo else 0.0
    header(layout, design, logo, t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "District profiles"), lang).upper())
    title = book.title or t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "District profiles"), lang)
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
    map_rect, side = map_and_side(design, side_w=88, side_h=62)
    overview = _cover_map(layout, design, layers, map_rect)
    _cover_side(layout, book, design, layers, overview, side)
    page_rules_picture(layout, design)
    footer(layout, design, lang, book.date, book.source_note, cp.page_text(book, 1), page=0)


def _cover_map(layout, design: OverviewDesign, layers, map_rect):
    s = design.page.scale
    mx, my, mw, mh = map_rect
    extent = fit_extent(layers.extent, mw, mh, 0.02)
    overview = new_map(layout, map_rect, layers.crs, [layers.classes], extent, "pa_overview_map")
    north_arrow(layout, overview, (mx + mw - 12 * s, my + 3 * s, 9 * s, 12 * s))
    if layers.crs.isValid():
        scale_bar(layout, overview, (mx + 3 * s, my + mh - 11 * s, 50 * s, 8 * s), 6.5 * s, 20 * s, 40 * s)
    return overview


def _cover_side(layout, book: cp.ProfileBook, design: OverviewDesign, layers, overview, side) -> None:
    """The legend of the cover map, the burden rule, the data-protection note
    and the signs, beside (landscape) or under (portrait) the map."""
    s, lang = design.page.scale, book.lang
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
    if design.page.landscape:
        leg_rect = (sx, sy, sw, 40 * s)
        text_rect = (sx, sy + 42 * s, sw, sh - 42 * s)
    else:
        leg_w = 62 * s
        leg_rect = (sx, sy, leg_w, sh)
        text_rect = (sx + leg_w + 5 * s, sy, sw - leg_w - 5 * s, sh)
    if caption:
        legend(layout, overview, layers.classes, caption, leg_rect, 7 * s)
    # the largest size at which the notes fit beside the map (more notes with the monitoring's parts)
    for size in (6.5 * s, 6.0 * s, 5.5 * s, 5.0 * s):
        text = "\n\n".join(wrapped(x, font(size), text_rect[2]) for x in texts)
        if len(text.split("\n")) * line_pitch(font(size)) <= text_rect[3]:
            break
    text_label(layout, text, text_rect, size, colour=INK)


def _list_page(layout, book: cp.ProfileBook, design: OverviewDesign, units: list, k: int, logo) -> None:
    """Page ``k`` of the layout: a part of the ranked list."""
    p, s, lang = design.page, design.page.scale, book.lang
    x0, y0, w = design.x0, design.y0, design.w
    logo_w = 41 * s if logo else 0.0
    kicker = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "District profiles"), lang).upper()
    header(layout, design, logo, kicker + (f"  ·  {book.title}" if book.title else ""), page=k)
    caption = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "Ranked list of units"), lang)
    label(layout, caption, (x0, y0 + 4.2 * s, w - logo_w, 8 * s), 15 * s, bold=True, page=k)
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
    lf = font(design.list_pt)
    for col in design.columns:
        head_rect = (col.x + 0.6, ty, col.w - 1.2, design.head_h)
        size = design.list_pt - 0.5 * s
        label(layout, col.header, head_rect, size, bold=True, align=col.align, valign=BOTTOM, page=k)
        rect = (col.x + 0.6, ty + design.head_h, col.w - 1.2, len(units) * design.pitch + 1)
        text = list_column(book, units, col.name, lf, col.w, design.action_numbers)
        text_label(layout, text, rect, design.list_pt, align=col.align, page=k)
    if design.notes:
        ny = ty + design.head_h + len(units) * design.pitch + 2 * s
        text_label(layout, design.notes, (x0, ny, w, design.notes_h), 5.8 * s, colour="#424242", page=k)
    footer(layout, design, lang, book.date, book.source_note, cp.page_text(book, 1 + k), page=k)


def watch_column(design: OverviewDesign, rows: list, name: str, f: QFont, width: float) -> str:
    """One column of a page of the watch list: a unit takes the lines of its reason."""
    out = []
    for u, lines in rows:
        if name == "reason":
            cell = lines
        else:
            first = {
                "key": u.key,
                "name": elide(u.name, f, width - 1.0),
                "since": str(u.watch.since) if u.watch.since else "",
                "page": str(u.page) if u.page is not None else "",
            }[name]
            cell = [first] + [""] * (len(lines) - 1)
        out += cell
    return "\n".join(out)


def _watch_page(layout, book: cp.ProfileBook, design: OverviewDesign, rows: list, k: int, logo) -> None:
    """Page ``k`` of the layout: a part of the watch list of sozialplanung:monitoring."""
    p, s, lang = design.page, design.page.scale, book.lang
    x0, y0, w = design.x0, design.y0, design.w
    logo_w = 41 * s if logo else 0.0
    kicker = t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "District profiles"), lang).upper()
    header(layout, design, logo, kicker + (f"  ·  {book.title}" if book.title else ""), page=k)
    label(
        layout, book.T("Watch list (early warning)"), (x0, y0 + 4.2 * s, w - logo_w, 8 * s), 15 * s, bold=True, page=k
    )
    note = book.T(
        "Units on the watch list of sozialplanung:monitoring (watch_flag = 1), most flagged core indicators "
        "first, then the longest watched; the reasons as the monitoring wrote them."
    )
    nf = font(6.5 * s)
    note = "\n".join(wrap(note, nf, w - logo_w)[:2])
    text_label(layout, note, (x0, y0 + 13.4 * s, w - logo_w, 7 * s), 6.5 * s, colour=GREY, page=k)
    ty = design.list_top
    lines = [cp.Line("indicator" if j == 0 else "more") for _, reason in rows for j in range(len(reason))]
    svg = cp.furniture_svg(
        lines,
        page_width=p.width,
        page_height=p.height,
        table_x=x0,
        table_y=ty,
        table_width=w,
        pitch=design.pitch,
        head=design.head_h,
        rules=page_rules(design),
    )
    picture(layout, svg_source(svg), (0, 0, p.width, p.height), page=k)
    lf = font(design.list_pt)
    n = max(len(lines), 1)
    for col in design.watch_columns:
        head_rect = (col.x + 0.6, ty, col.w - 1.2, design.head_h)
        label(
            layout, col.header, head_rect, design.list_pt - 0.5 * s, bold=True, align=col.align, valign=BOTTOM, page=k
        )
        rect = (col.x + 0.6, ty + design.head_h, col.w - 1.2, n * design.pitch + 1)
        text_label(
            layout, watch_column(design, rows, col.name, lf, col.w), rect, design.list_pt, align=col.align, page=k
        )
    if not rows:
        empty = book.T("No unit with a profile is on the watch list.")
        text_label(layout, empty, (x0, ty + design.head_h, w, design.pitch + 1), design.list_pt, page=k)
    footer(layout, design, lang, book.date, book.source_note, cp.page_text(book, 1 + k), page=k)
