"""District profiles (Sozialraumprofile): what the profile atlas prints,
formatted and ranked, without any QGIS (the layouts are built in
``adapters/layouts.py``).

One :class:`UnitProfile` per unit holds every text of its page: the table of
all catalogue indicators grouped by topic (unit value, city-wide value,
difference, flag of the burden rule and, with several years, the change and a
trend arrow), the bars of the deviation chart, the burden class in plain
words, the index classes and the footnotes for every sign on the page.

What may be printed is decided here, once, for every output (PDF, HTML, the
layer of the layout project):

* values are read through ``suppression.published()``: a withheld cell is
  missing even if a later step filled it again;
* when a unit's value is missing, *everything* of that indicator on its page
  shows the value's sign (difference, ratio bar, flag, change): the city-wide
  value plus a difference would give the value back;
* units below the rule's MIN_POPULATION publish no rates (the rule says so in
  the footnote), whatever a later step computed; a burden or index class that
  rests on such a rate is withheld too;
* ranks and the classes of the overview map use published values only; a
  withheld class counts as unknown;
* numeric sentinels of the source (``-9999``) print as "k.A." with the code in
  the footnote, so that no code can be read as a value.

Numbers are printed the German way ("24,1 %", "+12,9 Pp.", "1.234"), with the
decimals of the catalogue; captions follow the print language (``lang``).
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import fields as fn
from . import numbers
from . import suppression as cs
from .burden import BURDENED, PARTICULARLY, UNDECIDED, UNREMARKABLE
from .catalogue import Catalogue, Indicator
from .composite import DYNAMICS_LABELS, NOT_CLASSIFIED
from .i18n import tr
from .numbers import diff_unit, with_unit
from .report import render
from .signs import sign_meaning

#: markers of the flag column (a shape, not a colour: readable in black and white)
FLAGGED = "●"
NOT_FLAGGED = "○"
#: trend arrows of the change column
RISING, FALLING, STEADY = "↗", "↘", "→"
#: shown instead of a missing value that has no sign, and instead of numeric source codes
NO_INFO = "k.A."
#: bar directions of the deviation chart
ADVERSE, FAVOURABLE, NEUTRAL = "adverse", "favourable", "neutral"
#: the chart's scale: ratio 100 (= city) in the middle, 0 and RATIO_MAX at the ends
RATIO_MAX = 200.0

ORDERS = ("key", "name", "rank")
COVER_MAPS = ("burden", "status", "dynamics")

_NUMERIC_SIGN = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_YEAR = re.compile(r"_((?:19|20)\d\d)$")

# class labels of the data (German constants) -> English print text
_CLASS_EN = {
    UNREMARKABLE: "unremarkable",
    BURDENED: "burdened",
    PARTICULARLY: "particularly burdened",
    UNDECIDED: "not assessable",
    NOT_CLASSIFIED: "not classified",
    "hoch": "high",
    "mittel": "medium",
    "niedrig": "low",
    "sehr niedrig": "very low",
    "positiv": "positive",
    "stabil": "stable",
    "negativ": "negative",
}
BURDEN_ORDER = (UNREMARKABLE, BURDENED, PARTICULARLY)


class ProfileError(ValueError):
    """The input cannot make a profile (names the field or the indicator)."""


# --------------------------------------------------------------------------
# formatting


def number(x: float, decimals: int = 1, signed: bool = False) -> str:
    """German number: 1.234,5; signed: +12,9 / -0,4 (a zero keeps no sign)."""
    return numbers.number(x, decimals, signed, zero_unsigned=True)


def value_text(x: float, ind: Indicator) -> str:
    """'24,1 %' with the catalogue's decimals and unit."""
    return with_unit(number(x, ind.decimals), ind.unit)


def difference_text(x: float, ind: Indicator) -> str:
    """'+12,9 Pp.': signed, percentage points for rates in %."""
    return with_unit(number(x, ind.decimals, signed=True), diff_unit(ind.unit))


def trend_arrow(change: float, decimals: int) -> str:
    """↗ rising, ↘ falling, → unchanged at the printed precision."""
    if round(change, decimals) == 0:
        return STEADY
    return RISING if change > 0 else FALLING


def display_sign(sign) -> str:
    """The sign as printed: numeric source codes (-9999) become 'k.A.'."""
    if sign is None or (isinstance(sign, float) and math.isnan(sign)) or not str(sign).strip():
        return NO_INFO
    s = str(sign).strip()
    return NO_INFO if _NUMERIC_SIGN.match(s) else s


def class_text(label, lang: str) -> str:
    """A class label of the data (German) in the print language."""
    if label is None:
        return ""
    s = str(label)
    return _CLASS_EN.get(s, s) if lang != "de" else s


def date_text(day: _dt.date, lang: str) -> str:
    return day.strftime("%d.%m.%Y") if lang == "de" else day.isoformat()


# --------------------------------------------------------------------------
# the model


@dataclass
class IndicatorRow:
    """One indicator of one unit, as printed."""

    indicator: Indicator
    value: str
    reference: str
    difference: str
    flag: str
    change: str
    trend: str
    ratio: float | None  # published ratio (city = 100) for the bar; None: no bar
    direction: str  # ADVERSE, FAVOURABLE, NEUTRAL or "" (no bar)
    missing: str | None = None  # the printed sign when the unit's value is missing
    signs: list[str] = field(default_factory=list)  # printed signs (with their source codes)

    @property
    def flagged(self) -> bool:
        return self.flag == FLAGGED


@dataclass
class UnitProfile:
    fid: object
    key: str
    name: str
    rows: list[IndicatorRow]
    burden_class: str | None = None  # published German label
    burden_code: float | None = None
    burden_flags: float | None = None
    burden_sign: str | None = None  # printed sign when the class is missing
    burden_head: str = ""  # the class in words ("Besonders belastet")
    burden_detail: str = ""  # why, in plain words
    index_text: str = ""
    status_text: str = ""  # "4 sehr niedrig", or the sign
    dynamics_text: str = ""  # "stabil", or the sign
    index_signs: list[str] = field(default_factory=list)
    status_index: float | None = None
    map_class: str = ""
    notes: list[str] = field(default_factory=list)
    rank: int | None = None
    page: int | None = None
    included: bool = True
    withheld: bool = False  # something on the page is withheld for data protection

    @property
    def title(self) -> str:
        return self.name or self.key

    @property
    def burden_text(self) -> str:
        if not self.burden_head:
            return ""
        return f"{self.burden_head}: {self.burden_detail}" if self.burden_detail else self.burden_head

    @property
    def class_label(self) -> str:
        return self.burden_class or ""


@dataclass
class MapClass:
    value: str  # the text in the map field (legend label too)
    kind: str  # "class" (ordered light -> dark), "neutral" or "withheld"
    count: int = 0


@dataclass
class ProfileBook:
    units: list[UnitProfile]  # every unit of the layer (maps)
    pages: list[UnitProfile]  # units with a page, in page order
    ranking: list[UnitProfile]  # units with a page, in rank order
    topics: list[tuple[str, list[Indicator]]]
    lang: str = "de"
    title: str = ""
    subtitle: str = ""
    source_note: str = ""
    created: _dt.date = field(default_factory=_dt.date.today)
    rule: cs.SuppressionRule | None = None
    burden_rule: str = ""
    cover_map: str = "burden"
    map_classes: list[MapClass] = field(default_factory=list)
    change_years: str = ""  # "2023–2024" when all changes span the same years
    has_change: bool = False
    has_flags: bool = False
    has_burden: bool = False
    has_status: bool = False
    has_dynamics: bool = False
    core_count: int = 0
    list_pages: int = 0
    total_pages: int = 0
    warnings: list[str] = field(default_factory=list)

    def T(self, text: str, **kw) -> str:  # noqa: N802 (as in the templates)
        out = tr(text, self.lang)
        return out.format(**kw) if kw else out

    @property
    def indicators(self) -> list[Indicator]:
        return [i for _, inds in self.topics for i in inds]

    @property
    def date(self) -> str:
        return date_text(self.created, self.lang)

    @property
    def protection_note(self) -> str:
        """The data-protection note of the cover and the HTML."""
        if self.rule is None:
            return self.T("Data protection: no suppression rule is recorded in the layer (sozialplanung:suppress).")
        return f"{self.T('Data protection')}: {cs.note(self.rule, self.lang)}"

    def summary(self) -> list[tuple[str, int]]:
        return [(c.value, c.count) for c in self.map_classes if c.count]


# --------------------------------------------------------------------------
# reading the layer


def needed_fields(
    columns, catalogue: Catalogue, key_field: str, name_field: str | None, population_field: str | None = None
) -> list[str]:
    """The layer fields a profile reads (values, signs, marks, classes, the rule
    and the population field of its MIN_POPULATION)."""
    cols = list(columns)
    have = set(cols)
    want = [key_field, name_field, population_field]
    for ind in catalogue:
        for m in ("val", "ref", "diff", "ratio"):
            want.append(fn.measure(ind.id, m))
        want += [fn.flag(ind.id), fn.change(ind.id), fn.ref_change(ind.id)]
        want += [fn.measure(ind.id, "val", y) for y in _years(ind, cols)]
    want += [
        fn.BURDEN_CLASS,
        fn.BURDEN_CODE,
        fn.BURDEN_FLAGS,
        fn.BURDEN_RULE,
        fn.STATUS_INDEX,
        fn.STATUS_CLASS,
        fn.STATUS_LABEL,
        fn.DYNAMICS_INDEX,
        fn.DYNAMICS_CLASS,
        fn.DYNAMICS_LABEL,
        fn.SUPPRESSION_RULE,
    ]
    base = [c for c in dict.fromkeys(w for w in want if w) if c in have]
    extra = [c for w in base for c in (fn.sign_of(w), fn.supp_of(w)) if c in have]
    return list(dict.fromkeys(base + extra))


def key_text(v) -> str:
    """A key as printed: numbers without a decimal part ('1101', not '1101.0')."""
    if isinstance(v, float):
        if math.isnan(v):
            return ""
        return str(int(v)) if v.is_integer() else str(v)
    return "" if v is None else str(v).strip()


def _text(v) -> str | None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    s = str(v).strip()
    return s or None


def _num(v) -> float | None:
    if v is None:
        return None
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(x) else x


class _Fields:
    """Published values and signs of a frame, column by column, cached."""

    def __init__(self, frame: pd.DataFrame, rule: cs.SuppressionRule | None):
        self.frame = frame
        self.rule = rule
        self._values: dict[str, np.ndarray] = {}
        self._signs: dict[str, np.ndarray] = {}
        self._hidden: dict[str, np.ndarray] = {}

    def has(self, name: str) -> bool:
        return name in self.frame.columns

    def values(self, name: str) -> np.ndarray:
        if name not in self._values:
            if not self.has(name):
                self._values[name] = np.full(len(self.frame), np.nan)
            else:
                s = cs.published(self.frame, name)
                self._values[name] = s.to_numpy(dtype=object if s.dtype == object else "float64")
        return self._values[name]

    def hidden(self, name: str) -> np.ndarray:
        """Withheld by a mark (``_supp``)."""
        if name not in self._hidden:
            self._hidden[name] = (
                cs.is_suppressed(self.frame, name).to_numpy() if self.has(name) else np.zeros(len(self.frame), bool)
            )
        return self._hidden[name]

    def signs(self, name: str) -> np.ndarray:
        if name not in self._signs:
            sc = fn.sign_of(name)
            if sc in self.frame.columns:
                arr = self.frame[sc].to_numpy(dtype=object).copy()
            else:
                arr = np.empty(len(self.frame), dtype=object)
            hid = self.hidden(name)
            if hid.any():
                arr[hid] = self.rule.sign if self.rule is not None else "."
            self._signs[name] = arr
        return self._signs[name]


def _constant(values: np.ndarray) -> float | None:
    """The one value of a column when all present values are equal (the city-wide value)."""
    v = values[~np.isnan(values)]
    if len(v) and np.allclose(v, v[0], rtol=0, atol=1e-9):
        return float(v[0])
    return None


def _years(ind: Indicator, columns) -> list[int]:
    pat = re.compile(re.escape(fn.measure(ind.id, "val")) + r"_((?:19|20)\d\d)$")
    return sorted(int(m.group(1)) for c in columns if (m := pat.match(c)))


def base_year(f: _Fields, ind: Indicator, years: list[int]) -> int | None:
    """The base year of ``<id>_chg``: the year whose value difference it is."""
    if len(years) < 2 or not f.has(fn.change(ind.id)):
        return None
    last = years[-1]
    chg = f.frame[fn.change(ind.id)].to_numpy(dtype="float64")
    now = f.frame[fn.measure(ind.id, "val", last)].to_numpy(dtype="float64")
    for y in reversed(years[:-1]):
        then = f.frame[fn.measure(ind.id, "val", y)].to_numpy(dtype="float64")
        d = now - then
        ok = ~np.isnan(d) & ~np.isnan(chg)
        if ok.any() and np.allclose(d[ok], chg[ok], rtol=0, atol=1e-6):
            return y
    return years[-2]


def below_population(frame: pd.DataFrame, rule: cs.SuppressionRule | None) -> np.ndarray:
    """Units that publish no rates under the rule's MIN_POPULATION (or have no population)."""
    n = len(frame)
    if rule is None or not rule.min_population or not rule.population_field:
        return np.zeros(n, dtype=bool)
    if rule.population_field not in frame.columns:
        return np.zeros(n, dtype=bool)
    pop = pd.to_numeric(frame[rule.population_field], errors="coerce").to_numpy(dtype="float64")
    return np.isnan(pop) | (pop < rule.min_population)


# --------------------------------------------------------------------------
# building the book


class _IndicatorColumns:
    """The published columns of one indicator and the printed row of a unit."""

    def __init__(self, f: _Fields, ind: Indicator, columns):
        self.f, self.ind = f, ind
        self.rule = f.rule
        vf = fn.measure(ind.id, "val")
        self.val = f.values(vf).astype("float64")
        self.val_sign = f.signs(vf)
        self.val_hidden = f.hidden(vf)
        rf = fn.measure(ind.id, "ref")
        self.ref = f.values(rf).astype("float64") if f.has(rf) else np.full(len(self.val), np.nan)
        self.city = _constant(self.ref)
        self.diff = f.values(fn.measure(ind.id, "diff")).astype("float64")
        self.diff_sign = f.signs(fn.measure(ind.id, "diff"))
        self.ratio = f.values(fn.measure(ind.id, "ratio")).astype("float64")
        # a ratio means something only for values that cannot be negative (not for changes)
        vals = self.val[~np.isnan(self.val)]
        refs = self.ref[~np.isnan(self.ref)]
        self.bars = bool(len(refs)) and bool((refs > 0).all()) and bool((vals >= 0).all())
        self.flag = f.values(fn.flag(ind.id)).astype("float64") if ind.core and f.has(fn.flag(ind.id)) else None
        self.flag_sign = f.signs(fn.flag(ind.id)) if self.flag is not None else None
        self.years = _years(ind, columns)
        self.chg = None
        self.base = None
        if len(self.years) > 1 and f.has(fn.change(ind.id)):
            self.chg = f.values(fn.change(ind.id)).astype("float64")
            self.base = base_year(f, ind, self.years)
            self.chg_sign = f.signs(fn.change(ind.id))
            self.base_sign = f.signs(fn.measure(ind.id, "val", self.base))

    def row(self, i: int, small: bool) -> tuple[IndicatorRow, bool]:
        """The printed row of unit ``i``; True when MIN_POPULATION withheld its value."""
        ind = self.ind
        v = self.val[i]
        r = self.ref[i]
        ref_text = (
            value_text(r, ind) if not np.isnan(r) else (value_text(self.city, ind) if self.city is not None else "")
        )
        by_rule = small and not np.isnan(v) and self.rule is not None
        if np.isnan(v) or by_rule:
            sign = self.rule.sign if by_rule or (self.val_hidden[i] and self.rule is not None) else self.val_sign[i]
            shown = display_sign(sign)
            row = IndicatorRow(
                ind,
                value=shown,
                reference=ref_text,
                difference=shown,
                flag=shown if self.flag is not None else "",
                change=shown if self.chg is not None else "",
                trend="",
                ratio=None,
                direction="",
                missing=shown,
                signs=[_text(sign) or NO_INFO],
            )
            return row, by_rule
        signs: list[str] = []

        def sign_of(*candidates) -> str:
            for c in candidates:
                if _text(c):
                    signs.append(_text(c))
                    return display_sign(c)
            signs.append(NO_INFO)
            return NO_INFO

        d = self.diff[i]
        d_text = difference_text(d, ind) if not np.isnan(d) else sign_of(self.diff_sign[i])
        fl_text = ""
        if self.flag is not None:
            fl = self.flag[i]
            fl_text = (FLAGGED if fl >= 1 else NOT_FLAGGED) if not np.isnan(fl) else sign_of(self.flag_sign[i])
        c_text = t_text = ""
        if self.chg is not None:
            c = self.chg[i]
            if np.isnan(c):
                c_text = sign_of(self.chg_sign[i], self.base_sign[i])
            else:
                c_text = difference_text(c, ind)
                t_text = trend_arrow(c, ind.decimals)
        q = self.ratio[i]
        bar, direction = None, ""
        if self.bars and not np.isnan(q):
            bar = float(q)
            dev = (q - 100.0) * ind.polarity
            direction = NEUTRAL if ind.polarity == 0 or dev == 0 else (ADVERSE if dev > 0 else FAVOURABLE)
        row = IndicatorRow(
            ind,
            value=value_text(v, ind),
            reference=ref_text,
            difference=d_text,
            flag=fl_text,
            change=c_text,
            trend=t_text,
            ratio=bar,
            direction=direction,
            signs=signs,
        )
        return row, False


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
) -> ProfileBook:
    """The profiles of every unit of ``frame`` (one row per unit).

    ``include`` (bool per row) selects the units that get a page (FILTER);
    every unit stays on the maps. ``order``: pages by key, name or rank.
    """
    if key_field not in frame.columns:
        raise ProfileError(f"key field {key_field!r} is not in the layer")
    if name_field and name_field not in frame.columns:
        raise ProfileError(f"name field {name_field!r} is not in the layer")
    if order not in ORDERS:
        raise ProfileError(f"unknown page order {order!r} (one of {', '.join(ORDERS)})")
    if cover_map not in COVER_MAPS:
        raise ProfileError(f"unknown cover map {cover_map!r} (one of {', '.join(COVER_MAPS)})")
    n = len(frame)
    rule = cs.rule_from_frame(frame)
    f = _Fields(frame, rule)
    cols = list(frame.columns)
    warnings: list[str] = []

    inds = [i for i in catalogue if fn.measure(i.id, "val") in frame.columns]
    absent = [i.id for i in catalogue if fn.measure(i.id, "val") not in frame.columns]
    if not inds:
        raise ProfileError(
            f"the layer has no indicator fields of the catalogue (<id>_val, e.g. "
            f"{fn.measure(catalogue.indicators[0].id, 'val')}): run sozialplanung:computeindicators "
            f"with the same catalogue first"
        )
    if absent:
        warnings.append(f"indicators of the catalogue not in the layer, left out of the profiles: {', '.join(absent)}")
    topics: dict[str, list[Indicator]] = {}
    for ind in inds:
        topics.setdefault(ind.topic, []).append(ind)
    inds = [i for group in topics.values() for i in group]  # rows in the printed order: by topic
    small = below_population(frame, rule)
    keys = [key_text(k) for k in frame[key_field].tolist()]
    names = [_text(v) or k for v, k in zip(frame[name_field].tolist(), keys)] if name_field else list(keys)
    if include is None:
        inc = np.ones(n, dtype=bool)
    else:
        inc = np.asarray(include, dtype=bool)
        if len(inc) != n:
            raise ProfileError("the selection (FILTER) does not match the units")

    rows_of: list[list[IndicatorRow]] = [[] for _ in range(n)]
    # a rate withheld here under MIN_POPULATION: classes that rest on it are withheld too
    withheld_core = np.zeros(n, dtype=bool)
    withheld_index = {"status": np.zeros(n, dtype=bool), "dynamics": np.zeros(n, dtype=bool)}
    spans = set()
    has_change = has_flags = False
    for ind in inds:
        col = _IndicatorColumns(f, ind, cols)
        has_flags = has_flags or col.flag is not None
        if col.chg is not None:
            has_change = True
            spans.add(f"{col.base}–{col.years[-1]}")
        for i in range(n):
            row, by_rule = col.row(i, bool(small[i]))
            rows_of[i].append(row)
            if by_rule:
                if col.flag is not None and not np.isnan(col.flag[i]):
                    withheld_core[i] = True
                if ind.index in withheld_index:
                    withheld_index[ind.index][i] = True

    units: list[UnitProfile] = []
    burden_cls = f.values(fn.BURDEN_CLASS) if f.has(fn.BURDEN_CLASS) else None
    burden_code = f.values(fn.BURDEN_CODE).astype("float64") if f.has(fn.BURDEN_CODE) else None
    burden_flags = f.values(fn.BURDEN_FLAGS).astype("float64") if f.has(fn.BURDEN_FLAGS) else None
    status_idx = f.values(fn.STATUS_INDEX).astype("float64") if f.has(fn.STATUS_INDEX) else np.full(n, np.nan)
    core_count = sum(1 for i in inds if i.core)
    book = ProfileBook(
        units=units,
        pages=[],
        ranking=[],
        topics=list(topics.items()),
        lang=lang,
        title=title,
        subtitle=subtitle,
        source_note=source_note,
        created=created or _dt.date.today(),
        rule=rule,
        cover_map=cover_map,
        change_years=next(iter(spans)) if len(spans) == 1 else "",
        has_change=has_change,
        has_flags=has_flags,
        has_burden=burden_cls is not None,
        has_status=f.has(fn.STATUS_CLASS) or f.has(fn.STATUS_LABEL),
        has_dynamics=f.has(fn.DYNAMICS_CLASS) or f.has(fn.DYNAMICS_LABEL),
        core_count=core_count,
        warnings=warnings,
    )
    if f.has(fn.BURDEN_RULE):
        book.burden_rule = next((str(v) for v in f.values(fn.BURDEN_RULE) if _text(v)), "")
    for i in range(n):
        u = UnitProfile(fid=frame.index[i], key=keys[i], name=names[i], rows=rows_of[i], included=bool(inc[i]))
        if burden_cls is not None:
            label = _text(burden_cls[i])
            if withheld_core[i] and label is not None:
                label = None
                u.burden_sign = rule.sign
            elif label is None:
                u.burden_sign = display_sign(f.signs(fn.BURDEN_CLASS)[i])
                if _text(f.signs(fn.BURDEN_CLASS)[i]) is None and f.hidden(fn.BURDEN_CLASS)[i] and rule is not None:
                    u.burden_sign = rule.sign
            u.burden_class = label
            if label is not None:
                u.burden_code = _num(burden_code[i]) if burden_code is not None else None
                u.burden_flags = _num(burden_flags[i]) if burden_flags is not None else None
        if not withheld_index["status"][i]:
            u.status_index = _num(status_idx[i])
        u.burden_head, u.burden_detail = _burden_text(book, u)
        texts, u.index_signs = _index_texts(book, f, i, withheld_index)
        u.status_text = texts.get("status", "")
        u.dynamics_text = texts.get("dynamics", "")
        u.index_text = _index_line(book, u)
        u.notes = _notes(book, u)
        if rule is not None:
            u.withheld = rule.sign in (u.burden_sign, u.status_text, u.dynamics_text) or any(
                rule.sign in r.signs for r in u.rows
            )
        units.append(u)
    _rank(book)
    _map_classes(book, f, withheld_index)
    included = [u for u in units if u.included]
    if order == "rank":
        book.pages = [u for u in book.ranking]
    elif order == "name":
        book.pages = sorted(included, key=lambda u: (name_sort_key(u.name), u.key))
    else:
        book.pages = sorted(included, key=lambda u: _key_sort(u.key))
    return book


def name_sort_key(name: str) -> str:
    """Alphabetical as in a German index: Ä with A, ß as ss, case ignored."""
    text = unicodedata.normalize("NFKD", name.casefold().replace("ß", "ss"))
    return "".join(c for c in text if not unicodedata.combining(c))


def _key_sort(key: str):
    return (0, int(key), key) if key.isdigit() else (1, 0, key)


def _rank(book: ProfileBook) -> None:
    """Rank every unit: burden class (most burdened first), flagged core
    indicators, status index (higher = more burdened), then key. Units whose
    class is unknown (withheld, not assessable, missing) get no rank and come
    last; only published values decide."""

    def known(u: UnitProfile) -> bool:
        if book.has_burden:
            return u.burden_class in BURDEN_ORDER
        return u.status_index is not None

    def sort_key(u: UnitProfile):
        if not known(u):
            return (1, 0.0, 0.0, 0.0, _key_sort(u.key))
        code = BURDEN_ORDER.index(u.burden_class) + 1 if book.has_burden else 0
        flags = u.burden_flags if u.burden_flags is not None else 0.0
        idx = u.status_index if u.status_index is not None else -math.inf
        return (0, -code, -flags, -idx, _key_sort(u.key))

    if not book.has_burden and not book.has_status:
        ordered = sorted(book.units, key=lambda u: _key_sort(u.key))
        book.ranking = [u for u in ordered if u.included]
        return
    ordered = sorted(book.units, key=sort_key)
    r = 0
    for u in ordered:
        if known(u):
            r += 1
            u.rank = r
    book.ranking = [u for u in ordered if u.included]


def paginate(book: ProfileBook, rows_per_list_page: int) -> None:
    """Page numbers: cover 1, the ranked list from page 2, then one page per unit."""
    rows = max(1, int(rows_per_list_page))
    book.list_pages = max(1, math.ceil(len(book.ranking) / rows))
    first = 2 + book.list_pages
    for k, u in enumerate(book.pages):
        u.page = first + k
    book.total_pages = 1 + book.list_pages + len(book.pages)


def list_chunks(book: ProfileBook, rows_per_page: int) -> list[list[UnitProfile]]:
    rows = max(1, int(rows_per_page))
    chunks = [book.ranking[k : k + rows] for k in range(0, len(book.ranking), rows)]
    return chunks or [[]]


def flags_text(book: ProfileBook, u: UnitProfile) -> str:
    """'3 of 6' flagged core indicators (published), '' without burden fields."""
    if not book.has_burden or u.burden_class is None or u.burden_flags is None:
        return ""
    return book.T("{n} of {k}", n=int(u.burden_flags), k=book.core_count)


def page_text(book: ProfileBook, page: int) -> str:
    return book.T("Page {n} of {total}", n=page, total=book.total_pages)


# --------------------------------------------------------------------------
# texts of a page


def _flagged_list(book: ProfileBook, u: UnitProfile) -> str:
    parts = []
    for r in u.rows:
        if r.indicator.core and r.flagged:
            parts.append(
                book.T(
                    "{label} {value} (city {reference})", label=r.indicator.name, value=r.value, reference=r.reference
                )
            )
    return "; ".join(parts)


def _burden_text(book: ProfileBook, u: UnitProfile) -> tuple[str, str]:
    """The burden class and why, in plain words, from published values only."""
    if not book.has_burden:
        return "", ""
    k = book.core_count
    if u.burden_class is None:
        head = book.T("Burden class")
        if book.rule is not None and u.burden_sign == book.rule.sign:
            return head, book.T("withheld for data protection ({sign}).", sign=u.burden_sign)
        return head, book.T("no value ({sign}).", sign=u.burden_sign or NO_INFO)
    head = class_text(u.burden_class, book.lang)
    head = head[:1].upper() + head[1:]
    flagged = sum(1 for r in u.rows if r.indicator.core and r.flagged)
    if u.burden_class == UNDECIDED:
        gaps = [r.indicator.name for r in u.rows if r.indicator.core and r.missing is not None]
        text = book.T("values are missing for {n} of {k} core indicators", n=len(gaps), k=k)
        if gaps:
            text += " (" + ", ".join(gaps) + ")"
        if flagged:
            text += "; " + book.T("flagged: {list}", list=_flagged_list(book, u))
        return head, text + "."
    if flagged == 0:
        return head, book.T("none of the {k} core indicators deviates adversely beyond the threshold.", k=k)
    text = book.T("{n} of {k} core indicators deviate adversely beyond the threshold", n=flagged, k=k)
    return head, f"{text}: {_flagged_list(book, u)}."


def _index_texts(book: ProfileBook, f: _Fields, i: int, withheld: dict) -> tuple[dict[str, str], list[str]]:
    """Published status and dynamics classes of unit ``i`` in words (or the
    sign), and the signs used."""
    out: dict[str, str] = {}
    signs: list[str] = []
    for kind, cls_field, label_field in (
        ("status", fn.STATUS_CLASS, fn.STATUS_LABEL),
        ("dynamics", fn.DYNAMICS_CLASS, fn.DYNAMICS_LABEL),
    ):
        if not f.has(label_field) and not f.has(cls_field):
            continue
        if withheld[kind][i]:
            out[kind] = f.rule.sign
            signs.append(f.rule.sign)
            continue
        label = _text(f.values(label_field)[i]) if f.has(label_field) else None
        cls = _num(f.values(cls_field)[i]) if f.has(cls_field) else None
        if label is None and cls is None:
            name = label_field if f.has(label_field) else cls_field
            sign = f.signs(name)[i]
            if _text(sign) is None and f.hidden(name)[i] and f.rule is not None:
                sign = f.rule.sign
            out[kind] = display_sign(sign)
            signs.append(_text(sign) or NO_INFO)
            continue
        text = class_text(label, book.lang) if label else ""
        if kind == "status" and cls is not None and label != NOT_CLASSIFIED:
            text = f"{int(cls)} {text}".strip()
        out[kind] = text
    return out, signs


def _index_line(book: ProfileBook, u: UnitProfile) -> str:
    parts = []
    if u.status_text:
        parts.append(f"{book.T('Status index')}: {u.status_text}")
    if u.dynamics_text:
        parts.append(f"{book.T('Dynamics index')}: {u.dynamics_text}")
    return " · ".join(parts)


def _notes(book: ProfileBook, u: UnitProfile) -> list[str]:
    """Footnotes for every sign printed on the unit's page."""
    seen: dict[str, str] = {}
    codes: dict[str, list[str]] = {}
    signs = [s for r in u.rows for s in r.signs]
    if u.burden_sign:
        signs.append(u.burden_sign)
    signs += u.index_signs
    for s in signs:
        shown = display_sign(s)
        if shown == NO_INFO and s != NO_INFO and s != "k.A.":
            codes.setdefault(NO_INFO, [])
            if s not in codes[NO_INFO]:
                codes[NO_INFO].append(s)
        seen.setdefault(shown, s)
    out = []
    rule = book.rule
    for shown in sorted(seen, key=lambda x: (x != (rule.sign if rule else None), x)):
        if rule is not None and shown == rule.sign:
            out.append(cs.footnote(rule, book.lang))
        elif shown == NO_INFO:
            text = f"{NO_INFO} {book.T('no information')}"
            if codes.get(NO_INFO):
                text += " (" + book.T("coded {codes} in the source", codes=", ".join(codes[NO_INFO])) + ")"
            out.append(text)
        else:
            out.append(f"{shown} {sign_meaning(shown, book.lang)}")
    return out


def _map_classes(book: ProfileBook, f: _Fields, withheld: dict) -> None:
    """The class of every unit on the cover map, in the print language."""
    lang = book.lang
    mode = book.cover_map
    if mode == "burden" and not book.has_burden:
        mode = "status" if f.has(fn.STATUS_CLASS) else ""
    if mode == "status" and not f.has(fn.STATUS_CLASS):
        mode = ""
    if mode == "dynamics" and not f.has(fn.DYNAMICS_CLASS):
        mode = "status" if f.has(fn.STATUS_CLASS) else ""
    book.cover_map = mode or "none"
    rule = book.rule
    withheld_label = book.T("withheld ({sign})", sign=rule.sign if rule else ".")
    no_value = book.T("no value")
    classes: dict[str, MapClass] = {}
    order: list[str] = []
    neutral: list[str] = []
    if mode == "burden":
        order = [class_text(c, lang) for c in BURDEN_ORDER]
        neutral = [class_text(UNDECIDED, lang)]
        for u in book.units:
            if u.burden_class is not None:
                u.map_class = class_text(u.burden_class, lang)
            elif rule is not None and u.burden_sign == rule.sign:
                u.map_class = withheld_label
            else:
                u.map_class = no_value
    elif mode in ("status", "dynamics"):
        cf = fn.STATUS_CLASS if mode == "status" else fn.DYNAMICS_CLASS
        lf = fn.STATUS_LABEL if mode == "status" else fn.DYNAMICS_LABEL
        cls = f.values(cf).astype("float64")
        labels = f.values(lf) if f.has(lf) else np.full(len(cls), None, dtype=object)
        found: dict[float, str] = {}
        for i, u in enumerate(book.units):
            if withheld[mode][i]:
                u.map_class = withheld_label
                continue
            c = cls[i]
            if np.isnan(c):
                if f.hidden(cf)[i] or (rule is not None and _text(f.signs(cf)[i]) == rule.sign):
                    u.map_class = withheld_label
                else:
                    label = _text(labels[i])
                    u.map_class = class_text(label, lang) if label else no_value
                continue
            label = _text(labels[i]) or (DYNAMICS_LABELS.get(int(c), "") if mode == "dynamics" else "")
            text = class_text(label, lang)
            if mode == "status":
                text = f"{int(c)} {text}".strip()
            found[float(c)] = text
            u.map_class = text
        order = [found[c] for c in sorted(found)]
        neutral = [class_text(NOT_CLASSIFIED, lang)]
    else:
        for u in book.units:
            u.map_class = ""
    for v in order:
        classes[v] = MapClass(v, "class")
    for v in neutral:
        classes[v] = MapClass(v, "neutral")
    for u in book.units:
        if not u.map_class:
            continue
        if u.map_class not in classes:
            kind = "withheld" if u.map_class == withheld_label else "neutral"
            classes[u.map_class] = MapClass(u.map_class, kind)
        classes[u.map_class].count += 1
    book.map_classes = [c for c in classes.values() if c.kind == "class" or c.count]


# --------------------------------------------------------------------------
# the printed table: lines shared by every page, columns per unit


@dataclass
class Line:
    kind: str  # "topic", "indicator", "more" (wrapped label), "spacer"
    text: str = ""
    row: int | None = None  # index into UnitProfile.rows for "indicator" lines


#: the printed value columns (the change column ends with the trend arrow)
COLUMNS = ("value", "reference", "difference", "flag", "change")


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


def column_text(u: UnitProfile, lines: list[Line], column: str) -> str:
    """One column of the unit's table as one text, a line per table line."""
    if column not in COLUMNS:
        raise ProfileError(f"unknown column {column!r}")

    def cell(row: IndicatorRow) -> str:
        if column == "change" and row.trend:
            return f"{row.change} {row.trend}"
        return getattr(row, column)

    return "\n".join(cell(u.rows[ln.row]) if ln.kind == "indicator" else "" for ln in lines)


# --------------------------------------------------------------------------
# SVG: the bars of one page (no text: Qt draws SVG text as outlines) and the
# static rules/stripes of the table


@dataclass
class Bar:
    x: float
    y: float
    w: float
    h: float
    kind: str
    overflow: bool = False


def bar_geometry(ratio: float, width: float) -> tuple[float, float, bool]:
    """(x, w, overflow) of a bar in a chart ``width`` wide: 100 in the middle,
    0 at the left, RATIO_MAX at the right edge (beyond: cut, overflow)."""
    half = width / 2.0
    q = max(0.0, float(ratio))
    over = q > RATIO_MAX
    q = min(q, RATIO_MAX)
    dx = (q - 100.0) / 100.0 * half
    x0 = half + min(0.0, dx)
    return x0, abs(dx), over


def bars(u: UnitProfile, lines: list[Line], width: float, pitch: float, bar_height: float | None = None) -> list[Bar]:
    bh = bar_height if bar_height is not None else 0.62 * pitch
    out = []
    for k, ln in enumerate(lines):
        if ln.kind != "indicator":
            continue
        row = u.rows[ln.row]
        if row.ratio is None:
            continue
        x, w, over = bar_geometry(row.ratio, width)
        y = k * pitch + (pitch - bh) / 2.0
        out.append(Bar(x, y, max(w, 0.25), bh, row.direction, over))
    return out


def bars_svg(u: UnitProfile, lines: list[Line], width: float, pitch: float) -> str:
    """The bars of one unit's chart, aligned to the table lines (mm)."""
    height = max(len(lines), 1) * pitch
    return render(
        "profile_bars.svg",
        bars=bars(u, lines, width, pitch),
        width=width,
        height=height,
        colours=BAR_COLOURS,
    )


#: fill, stroke of the bars; adverse solid dark, favourable hollow, neutral light grey
BAR_COLOURS = {
    ADVERSE: ("#b2182b", "#67001f"),
    FAVOURABLE: ("#ffffff", "#2166ac"),
    NEUTRAL: ("#bdbdbd", "#737373"),
}


def furniture_svg(
    lines: list[Line],
    *,
    page_width: float,
    page_height: float,
    table_x: float,
    table_y: float,
    table_width: float,
    pitch: float,
    head: float,
    chart_x: float | None = None,
    chart_width: float = 0.0,
    rules: list[tuple[float, float, float, float]] = (),
) -> str:
    """The static graphics of a page in one SVG (mm, page coordinates): the
    table's stripes behind every other indicator row, rules above each topic
    and under the header, the chart's grid (0, 50, 150, 200) and centre line
    (100), and further rules (x1, y1, x2, width) such as header and footer."""
    top = table_y + head
    bottom = top + max(len(lines), 1) * pitch
    stripes, topic_rules = [], []
    n = 0
    for k, ln in enumerate(lines):
        y = top + k * pitch
        if ln.kind == "topic":
            topic_rules.append(y + pitch)
            n = 0
        elif ln.kind == "indicator":
            if n % 2 == 1:
                extra = 1
                while k + extra < len(lines) and lines[k + extra].kind == "more":
                    extra += 1
                stripes.append((y, extra * pitch))
            n += 1
    grid, centre = [], None
    if chart_x is not None and chart_width > 0:
        half = chart_width / 2.0
        grid = [chart_x + half + (q - 100.0) / 100.0 * half for q in (0.0, 50.0, 150.0, RATIO_MAX)]
        centre = chart_x + half
    return render(
        "profile_page.svg",
        width=page_width,
        height=page_height,
        x=table_x,
        w=table_width,
        head_rule=top,
        head_band=(table_y - 0.4, head + 0.4) if head > 0 and lines else None,
        top=top,
        bottom=bottom,
        stripes=stripes,
        topic_rules=topic_rules,
        grid=grid,
        centre=centre,
        rules=list(rules),
    )


def list_furniture_svg(
    *,
    page_width: float,
    page_height: float,
    x: float,
    y: float,
    width: float,
    pitch: float,
    rows: int,
    head: float,
    rules=(),
) -> str:
    """Stripes and rules of a page of the ranked list (mm, page coordinates)."""
    top = y + head
    stripes = [(top + k * pitch, pitch) for k in range(1, rows, 2)]
    return render(
        "profile_page.svg",
        width=page_width,
        height=page_height,
        x=x,
        w=width,
        head_rule=top - 0.5,
        head_band=None,
        top=top,
        bottom=top + rows * pitch,
        stripes=stripes,
        topic_rules=[],
        grid=[],
        centre=None,
        rules=list(rules),
    )


# --------------------------------------------------------------------------
# HTML


def grouped(book: ProfileBook, u: UnitProfile) -> list[tuple[str, list[IndicatorRow]]]:
    """The unit's rows per topic."""
    out, k = [], 0
    for topic, inds in book.topics:
        out.append((topic, u.rows[k : k + len(inds)]))
        k += len(inds)
    return out


def unit_class(book: ProfileBook, u: UnitProfile) -> str:
    """The burden class as printed in the list: the label, or the sign."""
    if u.burden_class is not None:
        return class_text(u.burden_class, book.lang)
    return u.burden_sign or NO_INFO


def list_notes(book: ProfileBook) -> str:
    """Footnote of the ranked list: the signs its class and index columns show."""
    signs = []
    for u in book.ranking:
        if book.has_burden and u.burden_class is None:
            signs.append(u.burden_sign or NO_INFO)
        signs += u.index_signs
    fake = UnitProfile(fid=None, key="", name="", rows=[])
    fake.burden_sign = None
    fake.index_signs = list(dict.fromkeys(signs))
    return "  ".join(_notes(book, fake))


def ranking_note(book: ProfileBook) -> str:
    if book.has_burden:
        return book.T(
            "Sorted by burden class, then by the number of flagged core indicators and the status index; "
            "units whose class is not known have no rank."
        )
    if book.has_status:
        return book.T("Sorted by the status index (most burdened first); units without an index have no rank.")
    return book.T("Sorted by key.")


def legend(book: ProfileBook) -> list[str]:
    """How to read the table and the chart, in the print language."""
    out = [book.T("Diff.: the unit's value minus the city-wide value (percentage points for %).")]
    if book.has_flags:
        out.append(book.T("Core: ● core indicator flagged by the burden rule, ○ core indicator not flagged."))
    if book.has_change:
        years = f" {book.change_years}" if book.change_years else ""
        out.append(book.T("Change{years}: ↗ rising, ↘ falling, → unchanged.", years=years))
    out.append(
        book.T(
            "Bars: the unit's value as a ratio of the city-wide value (city = 100, scale 0 to 200); "
            "solid dark: adverse direction, outlined: favourable direction, grey: context indicator "
            "without direction; ► beyond 200; no bar for values that can be negative (changes)."
        )
    )
    return out


def html(book: ProfileBook) -> str:
    """Every profile as one HTML document (autoescaped)."""
    return render(
        "profile.html",
        lang=book.lang,
        book=book,
        bar=_html_bar,
        colours=BAR_COLOURS,
        grouped=lambda u: grouped(book, u),
        class_text=lambda u: unit_class(book, u),
        ranking_note=ranking_note(book),
        legend=" ".join(legend(book)),
    )


def _html_bar(row: IndicatorRow) -> dict | None:
    """A bar of the HTML table in per cent of its cell (CSS, no SVG: 542 profiles stay small)."""
    if row.ratio is None:
        return None
    x, w, over = bar_geometry(row.ratio, 100.0)
    return {"left": round(x, 1), "width": round(max(w, 0.5), 1), "over": over, "kind": row.direction}


# --------------------------------------------------------------------------
# overview maps: one field of the layer, as it may be published


_MEASURE_TITLES = {
    "val": "{label}",
    "ref": "{label}: city-wide value",
    "diff": "{label}: difference to the city-wide value",
    "ratio": "{label}: ratio to the city-wide value (city = 100)",
    "z": "{label}: z-score",
    "pct": "{label}: percentile rank",
    "chg": "{label}: change",
    "ref_chg": "{label}: change of the city-wide value",
}
CLASS_FIELDS = {
    fn.BURDEN_CLASS: "burden",
    fn.BURDEN_CODE: "burden",
    fn.STATUS_CLASS: "status",
    fn.STATUS_LABEL: "status",
    fn.DYNAMICS_CLASS: "dynamics",
    fn.DYNAMICS_LABEL: "dynamics",
}
CLASS_TITLES = {"burden": "Burden class", "status": "Status index", "dynamics": "Dynamics index"}


@dataclass
class MapField:
    """One field of the layer as an overview map shows it: published values
    (or class labels), the state of every unit and how to read it."""

    field: str
    title: str
    kind: str  # "values" (graduated) or "classes" (categories)
    values: list  # float (values) or str (classes) per unit; None where nothing is shown
    states: list  # "" shown, "withheld", "missing" per unit
    classes: list = field(default_factory=list)  # MapClass, for kind "classes"
    unit: str = ""
    decimals: int = 1
    polarity: int = 1  # +1 darker = higher; -1 darker = lower; 0 no direction
    note: str = ""
    sign: str = "."  # the sign of withheld values

    @property
    def withheld(self) -> int:
        return sum(1 for s in self.states if s == "withheld")


def _indicator_of(catalogue: Catalogue, name: str) -> tuple[Indicator | None, str, int | None]:
    """(indicator, measure, year) of a field such as ``sgb2_diff`` or ``sgb2_val_2020``."""
    best = None
    for ind in catalogue:
        if name.startswith(ind.id + "_") and (best is None or len(ind.id) > len(best.id)):
            best = ind
    if best is None:
        return None, "", None
    rest = name[len(best.id) + 1 :]
    m = re.fullmatch(r"val_((?:19|20)\d\d)", rest)
    if m:
        return best, "val", int(m.group(1))
    if rest in _MEASURE_TITLES:
        return best, rest, None
    return None, "", None


def map_field(
    frame: pd.DataFrame, catalogue: Catalogue, name: str, lang: str = "de", key_field: str | None = None
) -> MapField:
    """What an overview map of ``name`` may show, unit by unit.

    Class fields (burden, status, dynamics) show the published classes as the
    cover of the profile atlas does; indicator fields (``<id>_val``, ``_diff``
    ...) their published values, with the catalogue's label, unit, decimals and
    polarity; units below the rule's MIN_POPULATION show no rates. Other
    fields: numbers graduated, texts as categories (published values only).
    """
    if name not in frame.columns:
        raise ProfileError(f"field {name!r} is not in the layer")
    rule = cs.rule_from_frame(frame)
    sign = rule.sign if rule is not None else "."
    T = lambda text, **kw: tr(text, lang).format(**kw) if kw else tr(text, lang)  # noqa: E731
    n = len(frame)
    mode = CLASS_FIELDS.get(name)
    if mode is not None:
        key = key_field or name
        book = build(frame, catalogue, key_field=key, lang=lang, cover_map=mode)
        if book.cover_map != mode:
            raise ProfileError(f"field {name!r}: the layer has no {mode} classes to map")
        states = []
        withheld = T("withheld ({sign})", sign=rule.sign if rule else ".")
        for u in book.units:
            states.append("withheld" if u.map_class == withheld else ("missing" if not u.map_class else ""))
        note = book.burden_rule if mode == "burden" else ""
        return MapField(
            name,
            T(CLASS_TITLES[mode]),
            "classes",
            [u.map_class or None for u in book.units],
            states,
            book.map_classes,
            note=note,
            sign=sign,
        )
    f = _Fields(frame, rule)
    values = f.values(name)
    signs = f.signs(name)
    hidden = f.hidden(name)
    ind, measure, year = _indicator_of(catalogue, name)
    small = (
        below_population(frame, rule) if ind is not None and measure not in ("ref", "ref_chg") else np.zeros(n, bool)
    )
    states = []
    out = []
    numeric = values.dtype != object
    for i in range(n):
        v = values[i]
        missing = v is None or (numeric and np.isnan(v)) or (not numeric and _text(v) is None)
        cell_sign = _text(signs[i])
        if hidden[i] or small[i] or (missing and rule is not None and cell_sign == rule.sign):
            states.append("withheld")
            out.append(None)
        elif missing:
            states.append("missing")
            out.append(None)
        else:
            states.append("")
            out.append(float(v) if numeric else str(v))
    if ind is not None:
        label = ind.name + (f" {year}" if year else "")
        title = T(_MEASURE_TITLES[measure], label=label)
        unit = {"ratio": "", "z": "", "pct": ""}.get(
            measure, diff_unit(ind.unit) if measure in ("diff", "chg", "ref_chg") else ind.unit
        )
        decimals = {"ratio": 0, "z": 2, "pct": 0}.get(measure, ind.decimals)
        polarity = ind.polarity
        return MapField(name, title, "values", out, states, unit=unit, decimals=decimals, polarity=polarity, sign=sign)
    if numeric:
        return MapField(name, name, "values", out, states, polarity=1, decimals=_decimals(out), sign=sign)
    labels = sorted({v for v in out if v is not None})
    if len(labels) > 12:
        raise ProfileError(f"field {name!r} has {len(labels)} different texts: too many classes for a map")
    classes = [MapClass(v, "class", sum(1 for x in out if x == v)) for v in labels]
    for state, kind, text in (
        ("withheld", "withheld", T("withheld ({sign})", sign=sign)),
        ("missing", "neutral", T("no value")),
    ):
        hits = [i for i, st in enumerate(states) if st == state]
        if hits:
            for i in hits:
                out[i] = text
            classes.append(MapClass(text, kind, len(hits)))
    return MapField(name, name, "classes", out, states, classes, polarity=0, sign=sign)


def _decimals(values: list) -> int:
    vals = [v for v in values if v is not None]
    if not vals or all(float(v).is_integer() for v in vals):
        return 0
    span = max(vals) - min(vals)
    return 0 if span >= 100 else (1 if span >= 10 else 2)
