"""The printed table: lines shared by every page (topic headers, indicator
rows, wrapped labels, spacers) and the columns of one unit as texts, a line
per table line."""

from __future__ import annotations

from .model import COLUMNS, IndicatorRow, Line, ProfileBook, ProfileError, UnitProfile

LEVEL_PREFIX = "ref_"


def table_lines(book: ProfileBook, wrap=None, spacers: bool = True) -> list[Line]:
    """The lines of the indicator table: topic headers, indicator rows (a long
    label wrapped by ``wrap(label) -> [lines]``) and blank lines between topics."""
    lines: list[Line] = []
    r = 0
    for t, (topic, inds) in enumerate(book.topics):
        if t and spacers:
            lines.append(Line("spacer"))
        lines.append(Line("topic", topic))
        for ind in inds:
            parts = wrap(ind.name) if wrap else [ind.name]
            parts = parts or [ind.name]
            lines.append(Line("indicator", parts[0], r))
            lines.extend(Line("more", p, r) for p in parts[1:])
            r += 1
    return lines


def label_column(lines: list[Line]) -> str:
    return "\n".join(ln.text if ln.kind in ("indicator", "more") else "" for ln in lines)


def topic_column(lines: list[Line]) -> str:
    return "\n".join(ln.text if ln.kind == "topic" else "" for ln in lines)


def level_column(level: str) -> str:
    """The column of a comparison level F (``<id>_ref_<F>``): ``ref_<F>``."""
    return f"{LEVEL_PREFIX}{level}"


def cell_text(row: IndicatorRow, column: str) -> str:
    """One cell of a row; the change column ends with the trend arrow; a
    comparison column (``ref_<F>``) holds the value of the unit's group."""
    if column == "change" and row.trend:
        return f"{row.change} {row.trend}"
    if column.startswith(LEVEL_PREFIX):
        return row.levels.get(column[len(LEVEL_PREFIX) :], "")
    return getattr(row, column)


def column_text(u: UnitProfile, lines: list[Line], column: str) -> str:
    """One column of the unit's table as one text, a line per table line."""
    if column not in COLUMNS and not column.startswith(LEVEL_PREFIX):
        raise ProfileError(f"unknown column {column!r}")
    return "\n".join(cell_text(u.rows[ln.row], column) if ln.kind == "indicator" else "" for ln in lines)
