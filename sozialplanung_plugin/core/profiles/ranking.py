"""The order of the units: the rank (published classes only), the order of
the pages (key, name or rank) and the page numbers of the atlas."""

from __future__ import annotations

import math
import unicodedata

import numpy as np

from .model import BURDEN_ORDER, ProfileBook, UnitProfile


def name_sort_key(name: str) -> str:
    """Alphabetical as in a German index: Ä with A, ß as ss, case ignored."""
    text = unicodedata.normalize("NFKD", name.casefold().replace("ß", "ss"))
    return "".join(c for c in text if not unicodedata.combining(c))


def key_sort_key(key: str):
    """Numeric keys by number (before the others), the others as text."""
    return (0, int(key), key) if key.isdigit() else (1, 0, key)


def rank(book: ProfileBook) -> None:
    """Rank every unit: burden class (most burdened first), flagged core
    indicators, status index (higher = more burdened), then key. Units whose
    class is unknown (withheld, not assessable, missing) get no rank and come
    last; only published values decide. Sets ``book.ranking`` (units with a
    page, in rank order) and ``u.rank``."""

    def known(u: UnitProfile) -> bool:
        if book.has_burden:
            return u.burden_class in BURDEN_ORDER
        return u.status_index is not None

    def sort_key(u: UnitProfile):
        if not known(u):
            return (1, 0.0, 0.0, 0.0, key_sort_key(u.key))
        code = BURDEN_ORDER.index(u.burden_class) + 1 if book.has_burden else 0
        flags = u.burden_flags if u.burden_flags is not None else 0.0
        idx = u.status_index if u.status_index is not None else -math.inf
        return (0, -code, -flags, -idx, key_sort_key(u.key))

    if not book.has_burden and not book.has_status:
        ordered = sorted(book.units, key=lambda u: key_sort_key(u.key))
        book.ranking = [u for u in ordered if u.included]
        return
    ordered = sorted(book.units, key=sort_key)
    r = 0
    for u in ordered:
        if known(u):
            r += 1
            u.rank = r
    book.ranking = [u for u in ordered if u.included]


def page_order(book: ProfileBook, order: str) -> list[UnitProfile]:
    """The units with a page in page order: by ``order`` "rank", "name" or "key"
    (after :func:`rank`)."""
    if order == "rank":
        return list(book.ranking)
    included = [u for u in book.units if u.included]
    if order == "name":
        return sorted(included, key=lambda u: (name_sort_key(u.name), u.key))
    return sorted(included, key=lambda u: key_sort_key(u.key))


def paginate(book: ProfileBook, rows_per_list_page: int, watch_pages: int = 0) -> None:
    """Page numbers: cover 1, the ranked list from page 2, the watch list
    (``watch_pages``, after the ranked list), then one page per unit."""
    rows = max(1, int(rows_per_list_page))
    book.list_pages = max(1, math.ceil(len(book.ranking) / rows))
    book.watch_pages = int(watch_pages)
    first = 2 + book.list_pages + book.watch_pages
    for k, u in enumerate(book.pages):
        u.page = first + k
    book.total_pages = 1 + book.list_pages + book.watch_pages + len(book.pages)


def list_chunks(book: ProfileBook, rows_per_page: int) -> list[list[UnitProfile]]:
    """The ranked list cut into pages of ``rows_per_page`` rows (one empty page when there is none)."""
    rows = max(1, int(rows_per_page))
    chunks = [book.ranking[k : k + rows] for k in range(0, len(book.ranking), rows)]
    return chunks or [[]]


def watch_list(book: ProfileBook, flags: np.ndarray | None) -> list[UnitProfile]:
    """Units with a page on the watch list: most flagged core indicators first,
    then the longest watched, then by key."""
    index = {id(u): k for k, u in enumerate(book.units)}

    def order(u: UnitProfile):
        n = flags[index[id(u)]] if flags is not None else np.nan
        return (-(n if n == n else 0.0), u.watch.since or 9999, key_sort_key(u.key))

    return sorted((u for u in book.units if u.included and u.watch and u.watch.flag == 1), key=order)
