"""Building the profiles of every unit from a layer frame (one row per unit):
:func:`build` is the driver over named steps — check the arguments, read the
published fields, group the indicators by topic, print the rows of every
unit, make the book, the units' classes and texts, rank, the cover map's
classes, the page order."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import fields as fn
from .. import suppression as cs
from ..catalogue import Catalogue, Indicator
from .cover_map import map_classes
from .model import COVER_MAPS, ORDERS, IndicatorRow, ProfileBook, ProfileError, UnitProfile
from .page_texts import burden_text, index_line, index_texts, notes, supply_of, watch_of
from .published import (
    SUPPLY_GAP,
    PublishedFields,
    below_population,
    has_watch,
    level_fields,
    series_of,
    supply_categories,
    supply_label,
    watch_flags,
)
from .ranking import page_order, rank, watch_list
from .rows import IndicatorColumns
from .texts import display_sign, key_text, number_or_none, text_or_none

Topics = list[tuple[str, list[Indicator]]]


def build(
    frame: pd.DataFrame,
    catalogue: Catalogue,
    *,
    key_field: str,
    name_field: str | None = None,
    include=None,
    order: str = "key",
    lang: str = "de",
    title: str = "",
    subtitle: str = "",
    source_note: str = "",
    cover_map: str = "burden",
    created: _dt.date | None = None,
    level_labels: dict[str, str] | None = None,
) -> ProfileBook:
    """The profiles of every unit of ``frame`` (one row per unit).

    ``include`` (bool per row) selects the units that get a page (FILTER);
    every unit stays on the maps. ``order``: pages by key, name or rank.
    ``level_labels``: headings of the comparison columns ({field: heading},
    "*" for the whole layer's column); default the field's name.
    """
    check_arguments(frame, key_field, name_field, order, cover_map)
    f = PublishedFields(frame, cs.rule_from_frame(frame))
    topics, warnings = topics_of(frame, catalogue)
    included = selection(include, len(frame))
    inds = [i for _, group in topics for i in group]
    small = below_population(frame, f.rule)
    levels = level_fields(frame.columns, catalogue)
    series = series_of(frame, catalogue, inds)
    table = indicator_rows(f, inds, small, levels, series)
    book = new_book(
        f,
        topics,
        table,
        warnings,
        lang=lang,
        title=title,
        subtitle=subtitle,
        source_note=source_note,
        cover_map=cover_map,
        created=created,
    )
    book.levels = levels
    book.level_labels = dict(level_labels or {})
    book.series = {k: city for k, (city, _) in series.items()}
    book.has_watch = has_watch(f)
    book.supply_categories = supply_categories(list(frame.columns))
    book.supply_labels = {c: supply_label(f, c) for c in book.supply_categories}
    book.supply_catchment = any(f"{c}_access_ratio" in frame.columns for c in book.supply_categories)
    book.units = unit_profiles(book, f, table, key_field, name_field, included)
    if book.supply_categories or f.has(SUPPLY_GAP):
        for i, u in enumerate(book.units):
            u.supply, u.supply_gap = supply_of(book, f, i, bool(small[i]))
    if book.has_watch:
        for i, u in enumerate(book.units):
            u.watch = watch_of(book, f, i, bool(small[i]))
            if u.watch.flag is None and u.watch.sign:
                u.index_signs.append(u.watch.sign)
                u.notes = notes(book, u)
    book.has_estimates = any(r.estimated or any(r.series_estimated) for u in book.units if u.included for r in u.rows)
    rank(book)
    map_classes(book, f, table.withheld_index)
    book.pages = page_order(book, order)
    if book.has_watch:
        book.watch_list = watch_list(book, watch_flags(f))
    return book


# --------------------------------------------------------------------------
# the steps


def check_arguments(frame: pd.DataFrame, key_field: str, name_field: str | None, order: str, cover_map: str) -> None:
    if key_field not in frame.columns:
        raise ProfileError(f"key field {key_field!r} is not in the layer")
    if name_field and name_field not in frame.columns:
        raise ProfileError(f"name field {name_field!r} is not in the layer")
    if order not in ORDERS:
        raise ProfileError(f"unknown page order {order!r} (one of {', '.join(ORDERS)})")
    if cover_map not in COVER_MAPS:
        raise ProfileError(f"unknown cover map {cover_map!r} (one of {', '.join(COVER_MAPS)})")


def topics_of(frame: pd.DataFrame, catalogue: Catalogue) -> tuple[Topics, list[str]]:
    """The catalogue's indicators that the layer has, grouped by topic in the
    catalogue's order (the printed order of the rows), and a warning naming
    those it does not have."""
    inds = [i for i in catalogue if fn.measure(i.id, "val") in frame.columns]
    absent = [i.id for i in catalogue if fn.measure(i.id, "val") not in frame.columns]
    if not inds:
        raise ProfileError(
            f"the layer has no indicator fields of the catalogue (<id>_val, e.g. "
            f"{fn.measure(catalogue.indicators[0].id, 'val')}): run sozialplanung:computeindicators "
            f"with the same catalogue first"
        )
    warnings = []
    if absent:
        warnings.append(f"indicators of the catalogue not in the layer, left out of the profiles: {', '.join(absent)}")
    topics: dict[str, list[Indicator]] = {}
    for ind in inds:
        topics.setdefault(ind.topic, []).append(ind)
    return list(topics.items()), warnings


def selection(include, n: int) -> np.ndarray:
    """The units that get a page (bool per unit): all without ``include``."""
    if include is None:
        return np.ones(n, dtype=bool)
    inc = np.asarray(include, dtype=bool)
    if len(inc) != n:
        raise ProfileError("the selection (FILTER) does not match the units")
    return inc


@dataclass
class IndicatorTable:
    """The printed rows of every unit and what the book learns from them."""

    rows: list[list[IndicatorRow]]  # per unit, per indicator in printed order
    # a rate withheld under MIN_POPULATION: classes that rest on it are withheld too
    withheld_core: np.ndarray
    withheld_index: dict[str, np.ndarray]
    spans: set[str] = field(default_factory=set)  # "2023–2024": years of the changes
    has_change: bool = False
    has_flags: bool = False

    @property
    def change_years(self) -> str:
        return next(iter(self.spans)) if len(self.spans) == 1 else ""


def indicator_rows(
    f: PublishedFields, inds: list[Indicator], small: np.ndarray, levels=(), series: dict | None = None
) -> IndicatorTable:
    """The rows of every unit (``small``: below MIN_POPULATION, publishes no
    rates; ``levels`` the comparison fields, ``series`` per indicator id its
    series, see :func:`series.series_of`)."""
    n = len(f.frame)
    cols = list(f.frame.columns)
    table = IndicatorTable(
        rows=[[] for _ in range(n)],
        withheld_core=np.zeros(n, dtype=bool),
        withheld_index={"status": np.zeros(n, dtype=bool), "dynamics": np.zeros(n, dtype=bool)},
    )
    for ind in inds:
        col = IndicatorColumns(f, ind, cols, levels, (series or {}).get(ind.id))
        table.has_flags = table.has_flags or col.flag is not None
        if col.chg is not None:
            table.has_change = True
            table.spans.add(f"{col.base}–{col.years[-1]}")
        for i in range(n):
            row, by_rule = col.row(i, bool(small[i]))
            table.rows[i].append(row)
            if by_rule:
                if col.flag is not None and not np.isnan(col.flag[i]):
                    table.withheld_core[i] = True
                if ind.index in table.withheld_index:
                    table.withheld_index[ind.index][i] = True
    return table


def new_book(f: PublishedFields, topics: Topics, table: IndicatorTable, warnings: list[str], **kw) -> ProfileBook:
    """The book without units yet: topics, what the layer has, captions
    (``kw``: lang, title, subtitle, source_note, cover_map, created)."""
    created = kw.pop("created", None)
    return ProfileBook(
        units=[],
        pages=[],
        ranking=[],
        topics=topics,
        created=created or _dt.date.today(),
        rule=f.rule,
        burden_rule=_burden_rule(f),
        change_years=table.change_years,
        has_change=table.has_change,
        has_flags=table.has_flags,
        has_burden=f.has(fn.BURDEN_CLASS),
        has_status=f.has(fn.STATUS_CLASS) or f.has(fn.STATUS_LABEL),
        has_dynamics=f.has(fn.DYNAMICS_CLASS) or f.has(fn.DYNAMICS_LABEL),
        has_action_fields=f.has(fn.ACTION_FIELDS),
        core_count=sum(1 for _, group in topics for i in group if i.core),
        warnings=warnings,
        **kw,
    )


def _burden_rule(f: PublishedFields) -> str:
    """The burden rule in words, as the layer records it ('' without)."""
    if not f.has(fn.BURDEN_RULE):
        return ""
    return next((str(v) for v in f.values(fn.BURDEN_RULE) if text_or_none(v)), "")


# --------------------------------------------------------------------------
# one unit


class _ClassColumns:
    """The published class fields of the burden rule and the status index."""

    def __init__(self, f: PublishedFields):
        n = len(f.frame)
        self.burden = f.values(fn.BURDEN_CLASS) if f.has(fn.BURDEN_CLASS) else None
        self.code = f.floats(fn.BURDEN_CODE)
        self.flags = f.floats(fn.BURDEN_FLAGS)
        self.action = f.values(fn.ACTION_FIELDS) if f.has(fn.ACTION_FIELDS) else None
        status = f.floats(fn.STATUS_INDEX)
        self.status = status if status is not None else np.full(n, np.nan)


def unit_profiles(
    book: ProfileBook,
    f: PublishedFields,
    table: IndicatorTable,
    key_field: str,
    name_field: str | None,
    included: np.ndarray,
) -> list[UnitProfile]:
    """Every unit of the frame with its rows, classes and texts."""
    frame = f.frame
    keys = [key_text(k) for k in frame[key_field].tolist()]
    names = [text_or_none(v) or k for v, k in zip(frame[name_field].tolist(), keys)] if name_field else list(keys)
    classes = _ClassColumns(f)
    units = []
    for i in range(len(frame)):
        u = UnitProfile(fid=frame.index[i], key=keys[i], name=names[i], rows=table.rows[i], included=bool(included[i]))
        if classes.burden is not None:
            set_burden_class(u, f, classes, i, bool(table.withheld_core[i]))
        if not table.withheld_index["status"][i]:
            u.status_index = number_or_none(classes.status[i])
        set_texts(book, u, f, i, table.withheld_index)
        units.append(u)
    return units


def set_burden_class(u: UnitProfile, f: PublishedFields, classes: _ClassColumns, i: int, withheld: bool) -> None:
    """The published burden class of unit ``i`` (``withheld``: it rests on a
    rate withheld under MIN_POPULATION), or the sign printed instead."""
    rule = f.rule
    label = text_or_none(classes.burden[i])
    if withheld and label is not None:
        label = None
        u.burden_sign = rule.sign
    elif label is None:
        sign = f.signs(fn.BURDEN_CLASS)[i]
        u.burden_sign = display_sign(sign)
        if text_or_none(sign) is None and f.hidden(fn.BURDEN_CLASS)[i] and rule is not None:
            u.burden_sign = rule.sign
    u.burden_class = label
    if label is not None:
        u.burden_code = number_or_none(classes.code[i]) if classes.code is not None else None
        u.burden_flags = number_or_none(classes.flags[i]) if classes.flags is not None else None
        # the fields of action rest on the same flags: printed only beside a published class
        if classes.action is not None:
            u.action_fields = text_or_none(classes.action[i]) or ""


def set_texts(book: ProfileBook, u: UnitProfile, f: PublishedFields, i: int, withheld_index: dict) -> None:
    """The unit's texts: burden class in words, index classes, footnotes, and
    whether anything on its page is withheld."""
    u.burden_head, u.burden_detail = burden_text(book, u)
    texts, u.index_signs = index_texts(book, f, i, withheld_index)
    u.status_text = texts.get("status", "")
    u.dynamics_text = texts.get("dynamics", "")
    u.index_text = index_line(book, u)
    u.notes = notes(book, u)
    rule = f.rule
    if rule is not None:
        u.withheld = rule.sign in (u.burden_sign, u.status_text, u.dynamics_text) or any(
            rule.sign in r.signs for r in u.rows
        )
