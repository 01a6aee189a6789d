"""What every page shares: page size and frame, fonts and text measure, the
basic layout items (labels, pictures), header, footer and the page's rules."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass

from qgis.core import (
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsLayoutItemLabel,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutMeasurement,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutUtils,
    QgsPrintLayout,
    QgsTextBufferSettings,
    QgsTextFormat,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, Qt
from qgis.PyQt.QtGui import QColor, QFont, QFontMetricsF

from sozialplanung_plugin import compat, translation
from sozialplanung_plugin.core import profiles as cp
from sozialplanung_plugin.core.errors import UserError

CONTEXT = "SozialplanungLayouts"
FONT = "DejaVu Sans"
MM = compat.LAYOUT_MM
INK = "#252525"
GREY = "#636363"
RULE = "#969696"
HIGHLIGHT = "#b2182b"
PAGE_SIZES = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}
ORIENTATIONS = ("portrait", "landscape")
PT_MM = 0.3527  # QgsLayoutUtils.pointsToMM
SLACK = 0.03  # labels are this much (and 0.5 mm) wider than their text may be: QGIS may measure it a bit wider
LEFT = Qt.AlignmentFlag.AlignLeft
RIGHT = Qt.AlignmentFlag.AlignRight
CENTRE = Qt.AlignmentFlag.AlignHCenter
TOP = Qt.AlignmentFlag.AlignTop
BOTTOM = Qt.AlignmentFlag.AlignBottom


class LayoutError(UserError):
    """A layout or an export failed; the message says what to do."""


# --------------------------------------------------------------------------
# the page


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


def page_frame(design) -> None:
    """The frame every page shares (mm): margins, width, header and footer heights."""
    p, s = design.page, design.page.scale
    design.x0, design.x1 = p.margin, p.width - p.margin
    design.y0, design.y1 = p.margin - 2 * s, p.height - p.margin + 2 * s
    design.w = design.x1 - design.x0
    design.header_h = 21 * s
    design.footer_h = 5 * s


@dataclass
class Column:
    name: str  # a cp.COLUMNS name, "label", "chart" or a column of the ranked list
    x: float
    w: float
    header: str
    align: int = RIGHT


# --------------------------------------------------------------------------
# fonts and text


def type_size(size: float) -> float:
    """``size`` (pt) rounded to what QGIS 3.22 draws in a layout label (the
    font scaled by 10 to whole pixels: steps of 0.1 mm); newer QGIS draws the
    exact size, so with this one the type, and its width, is the same on all."""
    px = int(size * PT_MM * 10 + 0.5)
    return (px + 1e-6) / (PT_MM * 10)


def font(size: float, bold: bool = False) -> QFont:
    """DejaVu Sans without ligatures: with them, PDF text reads "Unauﬀällig"
    (one glyph for "ff") and a search for a name with "ff" or "fi" fails. The
    size is rounded by type_size."""
    f = QFont(FONT)
    f.setPointSizeF(type_size(size))
    f.setBold(bold)
    f.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    return f


def line_pitch(f: QFont) -> float:
    """Distance of two lines of a multi-line label in mm: what QGIS 3.22 draws
    (QgsLayoutUtils.drawText: font scaled by 10 to whole pixels), and what every
    label is given as its line height on newer QGIS (compat.set_label_font)."""
    return QFontMetricsF(QgsLayoutUtils.scaledFontPixelSize(f)).lineSpacing() / 10.0


def text_width(text: str, f: QFont) -> float:
    return QgsLayoutUtils.textWidthMM(f, text)


def wrap(text: str, f: QFont, width: float) -> list[str]:
    """Greedy word wrap to ``width`` mm (a word longer than the width stays
    whole; the spaces between the words of a line are kept)."""
    parts = re.split(r"( +)", re.sub(r"\s", " ", text).strip())
    lines, cur = [], ""
    for k in range(0, len(parts), 2):
        word, gap = parts[k], parts[k - 1] if k else ""
        trial = f"{cur}{gap}{word}" if cur else word
        if cur and text_width(trial, f) > width:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    if cur:
        lines.append(cur)
    return lines or [text]


def wrapped(text: str, f: QFont, width: float) -> str:
    """``text`` with its line breaks set by :func:`wrap`, paragraph by paragraph:
    a label never wraps itself, so its lines are the same on every QGIS."""
    return "\n".join("\n".join(wrap(p, f, width)) if p.strip() else "" for p in text.split("\n"))


def elide(text: str, f: QFont, width: float) -> str:
    if text_width(text, f) <= width:
        return text
    while text and text_width(text + "…", f) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def t(text: str, lang: str) -> str:
    """A print caption in the document's language (see translation.tr)."""
    return translation.tr(CONTEXT, text, lang)


def text_format(size: float, colour: str = INK, bold: bool = False, buffer: float = 0.0) -> QgsTextFormat:
    """The text format of map labels and the scale bar."""
    tf = QgsTextFormat()
    f = font(size, bold)
    tf.setFont(f)
    tf.setSize(f.pointSizeF())
    tf.setSizeUnit(compat.RENDER_POINTS)
    tf.setColor(QColor(colour))
    if buffer:
        b = QgsTextBufferSettings()
        b.setEnabled(True)
        b.setSize(buffer)
        b.setSizeUnit(compat.RENDER_MM)
        b.setColor(QColor("#ffffff"))
        tf.setBuffer(b)
    return tf


# --------------------------------------------------------------------------
# items


class PageContext:
    """For a layout or a map item (put first among the bases): its expression context built
    once per page.

    QGIS builds the expression context of a layout (global, project, layout and atlas scopes)
    anew whenever an item asks for it, several times per item and page, each time reading the
    user's settings file; a map's is built for every item drawn (each item's render context asks
    the layout's reference map), and on QGIS 3.22 it creates a PROJ object each time. While
    ``cached`` is on (the profile export, see export.ProfileIterator), the context is built once
    and reused until :meth:`forget_context` (a new page). Off, the object is QGIS's own class;
    the project saved from it is the same."""

    cached = False
    _context = None

    def createExpressionContext(self) -> QgsExpressionContext:  # noqa: N802
        if not self.cached:
            return super().createExpressionContext()
        if self._context is None:
            self._context = super().createExpressionContext()
        return self._context  # returned to C++ as a copy

    def forget_context(self) -> None:
        self._context = None


class PageContextLayout(PageContext, QgsPrintLayout):
    """A print layout whose expression context is built once per page while ``cached``."""


def new_layout(project, name: str, page: Page, pages: int = 1, cls=QgsPrintLayout) -> QgsPrintLayout:
    layout = cls(project)
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
    align=LEFT,
    valign=TOP,
    page: int = 0,
    item_id: str = "",
) -> QgsLayoutItemLabel:
    """A text label in ``rect`` (mm). Its lines are ``line_pitch`` of its font
    apart on every QGIS; the item is a little wider than ``rect`` on the side
    away from its alignment, so that a text measured to fit is not wrapped."""
    lab = QgsLayoutItemLabel(layout)
    lab.setText(text)
    x, y, w, h = rect
    extra = SLACK * w + 0.5  # room on the side the text does not start from
    x -= extra if align == RIGHT else (extra / 2 if align == CENTRE else 0.0)
    rect = (x, y, w + extra, h)
    f = font(size, bold)
    compat.set_label_font(lab, f, QColor(colour), line_pitch(f))
    lab.setHAlign(align)
    lab.setVAlign(valign)
    lab.setMarginX(0)
    lab.setMarginY(0)
    if item_id:
        lab.setId(item_id)
    return place(layout, lab, *rect, page=page)


def text_room(lab) -> float:
    """The width (mm) a label's text was given: the item less what :func:`label` added."""
    return (lab.rect().width() - 0.5) / (1 + SLACK)


def text_label(layout, text: str, rect, size: float, **kw) -> QgsLayoutItemLabel:
    """A label with fixed text that may hold user data (names, titles): the
    text is an item variable inserted by one expression, so '[%' in the data is
    printed, never evaluated."""
    lab = label(layout, "[% @pa_text %]", rect, size, **kw)
    QgsExpressionContextUtils.setLayoutItemVariable(lab, "pa_text", text)
    return lab


def picture(
    layout,
    path: str,
    rect,
    fmt=compat.PICTURE_SVG,
    mode=QgsLayoutItemPicture.ResizeMode.Stretch,
    page: int = 0,
):
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
    fmt = compat.PICTURE_SVG if path.lower().endswith(".svg") else compat.PICTURE_RASTER
    return "base64:" + base64.b64encode(data).decode("ascii"), fmt


def item_frame(item, width: float = 0.2, colour: str = RULE) -> None:
    item.setFrameEnabled(True)
    item.setFrameStrokeWidth(QgsLayoutMeasurement(width, MM))
    item.setFrameStrokeColor(QColor(colour))


# --------------------------------------------------------------------------
# header, footer, rules


def header(layout, design, logo, kicker: str, page: int = 0) -> None:
    """The kicker line (and the logo at the top right)."""
    s = design.page.scale
    x0, y0, w = design.x0, design.y0, design.w
    logo_w = 0.0
    if logo:
        src, fmt = logo
        logo_w = 38 * s
        rect = (design.x1 - logo_w, y0, logo_w, 15 * s)
        picture(layout, src, rect, fmt, QgsLayoutItemPicture.ResizeMode.Zoom, page=page)
    text_label(layout, kicker, (x0, y0, w - logo_w - 3 * s, 4 * s), 6.5 * s, bold=True, colour=GREY, page=page)


def footer(layout, design, lang: str, day: str, source_note: str, page_text: str, page: int = 0) -> None:
    """Source and date at the left, the page number at the right (a fixed text
    or a ``[% ... %]`` expression)."""
    s = design.page.scale
    fy = design.y1 - design.footer_h + 1.2 * s
    parts = [t(QT_TRANSLATE_NOOP("SozialplanungLayouts", "As of {date}"), lang).format(date=day)]
    if source_note:
        parts.insert(0, f"{t(QT_TRANSLATE_NOOP('SozialplanungLayouts', 'Source'), lang)}: {source_note}")
    text_label(layout, "  ·  ".join(parts), (design.x0, fy, design.w - 32 * s, 4 * s), 6 * s, colour=GREY, page=page)
    number = label if page_text.startswith("[%") else text_label
    number(layout, page_text, (design.x1 - 30 * s, fy, 30 * s, 4 * s), 6.5 * s, align=RIGHT, page=page)


def page_rules(design) -> list[tuple[float, float, float, float]]:
    """The rule under the header and the one above the footer (x1, y, x2, width)."""
    s = design.page.scale
    return [
        (design.x0, design.y0 + design.header_h, design.x1, 0.5 * s),
        (design.x0, design.y1 - design.footer_h, design.x1, 0.2 * s),
    ]


def page_rules_picture(layout, design, page: int = 0) -> None:
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
    picture(layout, svg_source(svg), (0, 0, p.width, p.height), page=page)


def map_and_side(design, side_w: float, side_h: float) -> tuple[tuple, tuple]:
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
