"""Overview maps: one field of the layer as it may be published, unit by
unit, with how to read it (title, unit, decimals, polarity, classes)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import fields as fn
from .. import i18n
from .. import suppression as cs
from ..catalogue import Catalogue, Indicator
from ..i18n import tr
from ..numbers import diff_unit
from .builder import build
from .cover_map import withheld_label
from .model import MapClass, ProfileError
from .published import SUPPLY_GAP, WATCH_FLAG, PublishedFields, below_population, supply_categories, supply_label
from .texts import text_or_none

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
#: the measures of sozialplanung:monitoring (per year or over the series), mapped in classes around 0
_SERIES_TITLES = {
    "chg": "{label}: change to {year} (from the year before)",
    "excess": "{label}: change to {year} beyond the city's",
    "slope": "{label}: trend per year",
}
#: per side of 0, the classes of a diverging map (thirds of the absolute values)
DIVERGING_SIDE = 3
i18n.register(
    {
        "{label}: change to {year} (from the year before)": "{label}: Veränderung zum Vorjahr {year}",
        "{label}: change to {year} beyond the city's": "{label}: Mehrveränderung bis {year} ggü. der Stadt",
        "{label}: trend per year": "{label}: Trend pro Jahr",
        # print captions (Qt context SozialplanungLayouts; here until the .ts has them)
        "unchanged ({zero})": "unverändert ({zero})",
        "Since": "Seit",
        "Classes around 0: the same bounds for rises and falls (thirds of the absolute changes); "
        "red = adverse direction, blue = favourable.": "Klassen um 0: dieselben Grenzen für Anstieg und "
        "Rückgang (Drittel der Beträge der Veränderungen); rot = ungünstige Richtung, blau = günstige.",
        "Classes around 0: the same bounds for rises and falls (thirds of the absolute changes); "
        "orange = rise, purple = fall.": "Klassen um 0: dieselben Grenzen für Anstieg und Rückgang (Drittel "
        "der Beträge der Veränderungen); orange = Anstieg, lila = Rückgang.",
        "Watch list (early warning)": "Beobachtungsliste (Frühwarnung)",
        "on the watch list": "auf der Beobachtungsliste",
        "not on the watch list": "nicht auf der Beobachtungsliste",
    }
)
CLASS_FIELDS = {
    fn.BURDEN_CLASS: "burden",
    fn.BURDEN_CODE: "burden",
    fn.STATUS_CLASS: "status",
    fn.STATUS_LABEL: "status",
    fn.DYNAMICS_CLASS: "dynamics",
    fn.DYNAMICS_LABEL: "dynamics",
}
CLASS_TITLES = {"burden": "Burden class", "status": "Status index", "dynamics": "Dynamics index"}
#: a field with more different texts is no map of categories
MAX_TEXT_CLASSES = 12


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
    #: classes around 0 (changes): per unit -DIVERGING_SIDE..+DIVERGING_SIDE (0: unchanged at the
    #: printed decimals), None without a value; ``breaks`` the upper bounds of the classes 1, 2, ...
    diverging: bool = False
    levels: list = field(default_factory=list)
    breaks: list = field(default_factory=list)
    #: the value the diverging classes lie around (0 for changes, 100 for supply ratios: the city)
    centre: float = 0.0

    @property
    def withheld(self) -> int:
        return sum(1 for s in self.states if s == "withheld")


def _T(lang: str, text: str, **kw) -> str:  # noqa: N802 (as in the templates)
    return tr(text, lang).format(**kw) if kw else tr(text, lang)


def indicator_of(catalogue: Catalogue, name: str) -> tuple[Indicator | None, str, int | None]:
    """(indicator, measure, year) of a field such as ``sgb2_diff`` or ``sgb2_val_2020``."""
    best = None
    for ind in catalogue:
        if name.startswith(ind.id + "_") and (best is None or len(ind.id) > len(best.id)):
            best = ind
    if best is None:
        return None, "", None
    rest = name[len(best.id) + 1 :]
    m = re.fullmatch(r"(val|chg|excess)_((?:19|20)\d\d)", rest)
    if m:
        return best, m.group(1), int(m.group(2))
    if rest == "slope":
        return best, rest, None
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
    if name in CLASS_FIELDS:
        return class_map_field(frame, catalogue, name, lang, key_field, sign)
    f = PublishedFields(frame, rule)
    if name == WATCH_FLAG:
        return watch_map_field(f, name, below_population(frame, rule), lang, sign)
    if name == SUPPLY_GAP:
        return supply_gap_map_field(f, name, below_population(frame, rule), lang, sign)
    supply = supply_measure(list(frame.columns), name)
    if supply is not None:
        return supply_map_field(f, name, *supply, below_population(frame, rule), lang, sign)
    ind, measure, year = indicator_of(catalogue, name)
    rates = ind is not None and measure not in ("ref", "ref_chg")
    small = below_population(frame, rule) if rates else np.zeros(len(frame), bool)
    values, states, numeric = published_cells(f, name, small)
    if ind is not None:
        return indicator_map_field(name, ind, measure, year, values, states, lang, sign)
    if numeric:
        return MapField(name, name, "values", values, states, polarity=1, decimals=decimals_of(values), sign=sign)
    return text_map_field(name, values, states, lang, sign)


def class_map_field(
    frame: pd.DataFrame, catalogue: Catalogue, name: str, lang: str, key_field: str | None, sign: str
) -> MapField:
    """A class field: the classes of the cover map of the profile atlas."""
    mode = CLASS_FIELDS[name]
    book = build(frame, catalogue, key_field=key_field or name, lang=lang, cover_map=mode)
    if book.cover_map != mode:
        raise ProfileError(f"field {name!r}: the layer has no {mode} classes to map")
    withheld = withheld_label(book)
    states = ["withheld" if u.map_class == withheld else ("missing" if not u.map_class else "") for u in book.units]
    return MapField(
        name,
        _T(lang, CLASS_TITLES[mode]),
        "classes",
        [u.map_class or None for u in book.units],
        states,
        book.map_classes,
        note=book.burden_rule if mode == "burden" else "",
        sign=sign,
    )


def published_cells(f: PublishedFields, name: str, small: np.ndarray) -> tuple[list, list[str], bool]:
    """(values, states, numeric): the published value of every unit (None
    where withheld or missing), its state ("", "withheld", "missing") and
    whether the field holds numbers."""
    rule = f.rule
    values = f.values(name)
    signs = f.signs(name)
    hidden = f.hidden(name)
    numeric = values.dtype != object
    out, states = [], []
    for i in range(len(f.frame)):
        v = values[i]
        missing = v is None or (numeric and np.isnan(v)) or (not numeric and text_or_none(v) is None)
        if hidden[i] or small[i] or (missing and rule is not None and text_or_none(signs[i]) == rule.sign):
            states.append("withheld")
            out.append(None)
        elif missing:
            states.append("missing")
            out.append(None)
        else:
            states.append("")
            out.append(float(v) if numeric else str(v))
    return out, states, numeric


def indicator_map_field(
    name: str, ind: Indicator, measure: str, year: int | None, values: list, states: list, lang: str, sign: str
) -> MapField:
    """A measure of a catalogue indicator: its label, unit, decimals and polarity."""
    if measure in ("excess", "slope") or (measure == "chg" and year is not None):
        return series_map_field(name, ind, measure, year, values, states, lang, sign)
    label = ind.name + (f" {year}" if year else "")
    title = _T(lang, _MEASURE_TITLES[measure], label=label)
    unit = {"ratio": "", "z": "", "pct": ""}.get(
        measure, diff_unit(ind.unit) if measure in ("diff", "chg", "ref_chg") else ind.unit
    )
    decimals = {"ratio": 0, "z": 2, "pct": 0}.get(measure, ind.decimals)
    return MapField(
        name, title, "values", values, states, unit=unit, decimals=decimals, polarity=ind.polarity, sign=sign
    )


def text_map_field(name: str, values: list, states: list, lang: str, sign: str) -> MapField:
    """A text field as categories (at most MAX_TEXT_CLASSES), then withheld and missing units."""
    labels = sorted({v for v in values if v is not None})
    if len(labels) > MAX_TEXT_CLASSES:
        raise ProfileError(f"field {name!r} has {len(labels)} different texts: too many classes for a map")
    out = list(values)
    classes = [MapClass(v, "class", sum(1 for x in out if x == v)) for v in labels]
    for state, kind, text in (
        ("withheld", "withheld", _T(lang, "withheld ({sign})", sign=sign)),
        ("missing", "neutral", _T(lang, "no value")),
    ):
        hits = [i for i, st in enumerate(states) if st == state]
        if hits:
            for i in hits:
                out[i] = text
            classes.append(MapClass(text, kind, len(hits)))
    return MapField(name, name, "classes", out, states, classes, polarity=0, sign=sign)


def decimals_of(values: list) -> int:
    """Decimals for a legend of plain numbers: none for whole numbers, else by the span."""
    vals = [v for v in values if v is not None]
    if not vals or all(float(v).is_integer() for v in vals):
        return 0
    span = max(vals) - min(vals)
    return 0 if span >= 100 else (1 if span >= 10 else 2)


# --------------------------------------------------------------------------
# monitoring: changes around 0, the watch flag


def diverging_classes(values: list, decimals: int, side: int = DIVERGING_SIDE) -> tuple[list, list[float]]:
    """(class per value, breaks): 0 for a value that prints as 0 at ``decimals``;
    ±1..±side by the thirds (for side 3) of the absolute values of the others,
    the same bounds on both sides of 0 so that a colour means the same amount
    up or down. None for a missing value."""
    eps = 0.5 * 10.0 ** (-decimals)
    mags = np.array([abs(v) for v in values if v is not None and abs(v) >= eps], dtype="float64")
    if not len(mags):
        return [None if v is None else 0 for v in values], []
    qs = [float(np.quantile(mags, k / side)) for k in range(1, side)] + [float(mags.max())]
    breaks = []
    for b in qs:  # strictly increasing bounds (ties collapse)
        if not breaks or b > breaks[-1]:
            breaks.append(b)
    out = []
    for v in values:
        if v is None:
            out.append(None)
        elif abs(v) < eps:
            out.append(0)
        else:
            k = next((j for j, b in enumerate(breaks) if abs(v) <= b), len(breaks) - 1) + 1
            out.append(k if v > 0 else -k)
    return out, breaks


def series_map_field(
    name: str, ind: Indicator, measure: str, year: int | None, values: list, states: list, lang: str, sign: str
) -> MapField:
    """A change of sozialplanung:monitoring (``<id>_chg_<year>``, ``<id>_excess_<year>``,
    ``<id>_slope``): classes around 0. The excess already carries the polarity
    (positive = adverse); a change is adverse in the indicator's direction."""
    title = _T(lang, _SERIES_TITLES[measure], label=ind.name, year=year)
    decimals = ind.decimals + (1 if measure == "slope" else 0)
    levels, breaks = diverging_classes(values, decimals)
    polarity = 1 if measure == "excess" else ind.polarity
    return MapField(
        name,
        title,
        "values",
        values,
        states,
        unit=diff_unit(ind.unit),
        decimals=decimals,
        polarity=polarity,
        sign=sign,
        diverging=True,
        levels=levels,
        breaks=breaks,
    )


def watch_map_field(f: PublishedFields, name: str, small: np.ndarray, lang: str, sign: str) -> MapField:
    """watch_flag of sozialplanung:monitoring: on the list or not (it rests on
    rates: withheld below MIN_POPULATION), then withheld and missing units."""
    return flag_map_field(
        f, name, small, lang, sign, "on the watch list", "not on the watch list", "Watch list (early warning)"
    )


def flag_map_field(
    f: PublishedFields, name: str, small: np.ndarray, lang: str, sign: str, on: str, off: str, title: str
) -> MapField:
    """A 0/1 flag as two classes (``off`` first, then ``on``; English, translated here), then
    withheld and missing units; withheld below MIN_POPULATION like the rates it rests on."""
    values, states, _ = published_cells(f, name, small)
    on, off = _T(lang, on), _T(lang, off)
    labels = [None if v is None else (on if v >= 1 else off) for v in values]
    field_ = text_map_field(name, labels, states, lang, sign)
    order = {off: 0, on: 1}
    field_.classes.sort(key=lambda c: (c.kind != "class", order.get(c.value, 2)))
    field_.title = _T(lang, title)
    return field_


# --------------------------------------------------------------------------
# supply (sozialplanung:facilitysupply): ratios around the city (100), the supply gap

i18n.register(
    {
        "{category}: supply relative to the city (city = 100)": "{category}: Versorgung im Verhältnis zur Stadt "
        "(Stadt = 100)",
        "{category}: places within reach relative to the city (city = 100)": "{category}: erreichbare Plätze im "
        "Verhältnis zur Stadt (Stadt = 100)",
        "Supply gap (burdened and below the city)": "Versorgungslücke (belastet und unter dem Stadtwert)",
        "supply gap": "Versorgungslücke",
        "no supply gap": "keine Versorgungslücke",
        "as the city ({centre})": "wie die Stadt ({centre})",
        "Classes around 100 (the city): the same bounds above and below; red = less supply than the city, "
        "blue = more.": "Klassen um 100 (die Stadt): dieselben Grenzen darüber und darunter; rot = schlechter "
        "versorgt als die Stadt, blau = besser.",
    }
)
_SUPPLY_TITLES = {
    "ratio": "{category}: supply relative to the city (city = 100)",
    "access_ratio": "{category}: places within reach relative to the city (city = 100)",
}


def supply_measure(columns: list[str], name: str) -> tuple[str, str] | None:
    """(category, measure) of ``<c>_ratio`` / ``<c>_access_ratio`` of facilitysupply, None otherwise."""
    for c in supply_categories(columns):
        for m in ("access_ratio", "ratio"):
            if name == f"{c}_{m}":
                return c, m
    return None


def supply_map_field(
    f: PublishedFields, name: str, category: str, measure: str, small: np.ndarray, lang: str, sign: str
) -> MapField:
    """A supply ratio (city = 100, lower = worse) in classes around 100; it rests
    on the target population: withheld below MIN_POPULATION."""
    values, states, _ = published_cells(f, name, small)
    levels, breaks = diverging_classes([None if v is None else v - 100.0 for v in values], 0)
    return MapField(
        name,
        _T(lang, _SUPPLY_TITLES[measure], category=supply_label(f, category)),
        "values",
        values,
        states,
        decimals=0,
        polarity=-1,  # lower = worse: below the city is the adverse side
        sign=sign,
        diverging=True,
        levels=levels,
        breaks=breaks,
        centre=100.0,
    )


def supply_gap_map_field(f: PublishedFields, name: str, small: np.ndarray, lang: str, sign: str) -> MapField:
    """supply_gap: a gap or not (it rests on the burden: withheld below MIN_POPULATION), then withheld and missing."""
    return flag_map_field(
        f, name, small, lang, sign, "supply gap", "no supply gap", "Supply gap (burdened and below the city)"
    )
