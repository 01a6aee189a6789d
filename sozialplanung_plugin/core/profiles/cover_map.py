"""The classes of the cover map: which classes it shows (burden, status or
dynamics, whichever the layer has), the class of every unit in the print
language and the legend's classes, light to dark, then the unknown ones.
A withheld class counts as unknown."""

from __future__ import annotations

import numpy as np

from .. import fields as fn
from ..burden import UNDECIDED
from ..composite import DYNAMICS_LABELS, NOT_CLASSIFIED
from .model import BURDEN_ORDER, MapClass, ProfileBook
from .published import PublishedFields
from .texts import class_text, text_or_none


def cover_mode(book: ProfileBook, f: PublishedFields) -> str:
    """The classes the cover map can show: the one asked for, else the status
    classes, else '' (none)."""
    mode = book.cover_map
    if mode == "burden" and not book.has_burden:
        mode = "status" if f.has(fn.STATUS_CLASS) else ""
    if mode == "status" and not f.has(fn.STATUS_CLASS):
        mode = ""
    if mode == "dynamics" and not f.has(fn.DYNAMICS_CLASS):
        mode = "status" if f.has(fn.STATUS_CLASS) else ""
    return mode


def withheld_label(book: ProfileBook) -> str:
    """'withheld (.)': the map class of a withheld class."""
    return book.T("withheld ({sign})", sign=book.rule.sign if book.rule else ".")


def map_classes(book: ProfileBook, f: PublishedFields, withheld: dict) -> None:
    """The class of every unit on the cover map, in the print language
    (``u.map_class``), the map's classes (``book.map_classes``) and the mode
    it shows (``book.cover_map``, "none" without classes)."""
    mode = cover_mode(book, f)
    book.cover_map = mode or "none"
    if mode == "burden":
        order, neutral = _burden_classes(book)
    elif mode in ("status", "dynamics"):
        order, neutral = _index_classes(book, f, mode, withheld[mode])
    else:
        order, neutral = [], []
        for u in book.units:
            u.map_class = ""
    book.map_classes = _legend_classes(book, order, neutral)


def _burden_classes(book: ProfileBook) -> tuple[list[str], list[str]]:
    """Sets the burden class of every unit; (ordered classes, neutral classes)."""
    lang, rule = book.lang, book.rule
    withheld, no_value = withheld_label(book), book.T("no value")
    for u in book.units:
        if u.burden_class is not None:
            u.map_class = class_text(u.burden_class, lang)
        elif rule is not None and u.burden_sign == rule.sign:
            u.map_class = withheld
        else:
            u.map_class = no_value
    return [class_text(c, lang) for c in BURDEN_ORDER], [class_text(UNDECIDED, lang)]


def _index_classes(
    book: ProfileBook, f: PublishedFields, mode: str, withheld_here: np.ndarray
) -> tuple[list[str], list[str]]:
    """Sets the status or dynamics class of every unit; (classes in the order
    of their numbers, neutral classes)."""
    lang, rule = book.lang, book.rule
    withheld, no_value = withheld_label(book), book.T("no value")
    cf = fn.STATUS_CLASS if mode == "status" else fn.DYNAMICS_CLASS
    lf = fn.STATUS_LABEL if mode == "status" else fn.DYNAMICS_LABEL
    cls = f.values(cf).astype("float64")
    labels = f.values(lf) if f.has(lf) else np.full(len(cls), None, dtype=object)
    found: dict[float, str] = {}
    for i, u in enumerate(book.units):
        if withheld_here[i]:
            u.map_class = withheld
            continue
        c = cls[i]
        if np.isnan(c):
            if f.hidden(cf)[i] or (rule is not None and text_or_none(f.signs(cf)[i]) == rule.sign):
                u.map_class = withheld
            else:
                label = text_or_none(labels[i])
                u.map_class = class_text(label, lang) if label else no_value
            continue
        label = text_or_none(labels[i]) or (DYNAMICS_LABELS.get(int(c), "") if mode == "dynamics" else "")
        text = class_text(label, lang)
        if mode == "status":
            text = f"{int(c)} {text}".strip()
        found[float(c)] = text
        u.map_class = text
    return [found[c] for c in sorted(found)], [class_text(NOT_CLASSIFIED, lang)]


def _legend_classes(book: ProfileBook, order: list[str], neutral: list[str]) -> list[MapClass]:
    """The map's classes with their counts: the ordered ones (even when empty),
    then neutral and withheld ones that occur."""
    withheld = withheld_label(book)
    classes: dict[str, MapClass] = {}
    for v in order:
        classes[v] = MapClass(v, "class")
    for v in neutral:
        classes[v] = MapClass(v, "neutral")
    for u in book.units:
        if not u.map_class:
            continue
        if u.map_class not in classes:
            kind = "withheld" if u.map_class == withheld else "neutral"
            classes[u.map_class] = MapClass(u.map_class, kind)
        classes[u.map_class].count += 1
    return [c for c in classes.values() if c.kind == "class" or c.count]
