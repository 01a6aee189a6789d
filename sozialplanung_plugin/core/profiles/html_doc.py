"""Every profile as one HTML document (template ``templates/profile.html``,
autoescaped); the bars as CSS, not SVG, so that 542 profiles stay small."""

from __future__ import annotations

from ..report import render
from .model import IndicatorRow, ProfileBook, UnitProfile
from .page_texts import legend, ranking_note, supply_headers, unit_class
from .svg import BAR_COLOURS, bar_geometry
from .table import cell_text, level_column


def grouped(book: ProfileBook, u: UnitProfile) -> list[tuple[str, list[IndicatorRow]]]:
    """The unit's rows per topic."""
    out, k = [], 0
    for topic, inds in book.topics:
        out.append((topic, u.rows[k : k + len(inds)]))
        k += len(inds)
    return out


def html(book: ProfileBook) -> str:
    """Every profile as one HTML document (autoescaped)."""
    return render(
        "profile.html",
        lang=book.lang,
        book=book,
        bar=html_bar,
        colours=BAR_COLOURS,
        grouped=lambda u: grouped(book, u),
        class_text=lambda u: unit_class(book, u),
        ranking_note=ranking_note(book),
        legend=" ".join(legend(book)),
        city_label=book.level_labels.get("*") or "",
        levels=[(level_column(lv), book.level_label(lv)) for lv in book.levels],
        cell=cell_text,
        supply=supply_headers(book) if book.has_supply_table else {},
    )


def html_bar(row: IndicatorRow) -> dict | None:
    """A bar of the HTML table in per cent of its cell (CSS, no SVG: 542 profiles stay small)."""
    if row.ratio is None:
        return None
    x, w, over = bar_geometry(row.ratio, 100.0)
    return {"left": round(x, 1), "width": round(max(w, 0.5), 1), "over": over, "kind": row.direction}
