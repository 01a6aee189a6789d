"""Did things move where the measures are? A difference-in-differences of
every measure and indicator against comparable units without a measure.

For measure ``m`` and indicator ``i`` with a yearly series:

* base year ``B`` as for the goals (``measures.base_year``: the latest year
  ≤ start_year with a value, else the first year with one) and the latest
  year ``L`` with a value for the measure's units;
* the measure's units with a value in both ``B`` and ``L`` (a balanced
  panel: a unit that is missing in one of the years is left out of both,
  and named); ``a(t)`` the indicator rebuilt over them (Σ numerators /
  Σ denominators, ready rates weighted, as ``measures.pooled``);
* the comparison units: units in no measure of the register, with a value
  in both years, in the same class in ``B`` as one of the measure's units
  (the field ``status_class_<B>`` of ``compositeindex`` with SERIES, or the
  field the user chose: ``<field>_<B>`` when it exists, else ``<field>``);
  without any class field every unit without a measure (said so);
  ``k(t)`` the indicator rebuilt over them;
* ``did = (a(L) − a(B)) − (k(L) − k(B))``; with the polarity p it is
  favourable when p · did < 0 (neutral indicators: no judgement);
* the randomisation: ``draws`` times a set of as many units as the measure
  has is drawn without replacement from the comparison units
  (``numpy.random.RandomState(seed)``, the same draws on every platform,
  fresh for every measure and indicator), and its difference to the whole
  comparison group is computed the same way: ``interval_low``,
  ``interval_high`` are the 2.5 % and 97.5 % quantiles of these placebo
  differences; ``share_as_favourable`` the share of draws at least as
  favourable as the measure's (p · placebo ≤ p · did).

The words (``assessment``): favourable and outside the interval:
"Entwicklung im Maßnahmengebiet günstiger als in vergleichbaren Gebieten;
das belegt keine Wirkung der Maßnahme"; inside the interval: "im Rahmen
zufälliger Unterschiede". It shows how the area moved beside similar areas;
it does not show why: other programmes, moves of people and the data's
noise act as well.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from math import comb

import numpy as np
import pandas as pd

from . import i18n
from . import measures as me
from .catalogue import Catalogue, Indicator
from .errors import UserError
from .numbers import diff_unit, number, with_unit

MIN_DRAWS = 999
DEFAULT_SEED = 20240101
CLASS_FIELD = "status_class"

FAVOURABLE = (
    "Entwicklung im Maßnahmengebiet günstiger als in vergleichbaren Gebieten; das belegt keine Wirkung der Maßnahme"
)
FAVOURABLE_NOISE = (
    "Entwicklung im Maßnahmengebiet etwas günstiger als in vergleichbaren Gebieten, aber im Rahmen zufälliger "
    "Unterschiede; das belegt keine Wirkung der Maßnahme"
)
ADVERSE = (
    "Entwicklung im Maßnahmengebiet ungünstiger als in vergleichbaren Gebieten; das belegt nicht, dass die Maßnahme "
    "nichts bewirkt hat"
)
ADVERSE_NOISE = (
    "Entwicklung im Maßnahmengebiet etwas ungünstiger als in vergleichbaren Gebieten, aber im Rahmen zufälliger "
    "Unterschiede; das belegt weder, dass die Maßnahme unwirksam war, noch dass sie geschadet hat"
)
SAME = "Entwicklung im Maßnahmengebiet wie in vergleichbaren Gebieten"
NEUTRAL = "Indikator ohne Richtung (Kontext): Unterschied zu vergleichbaren Gebieten ohne Bewertung"
NO_DATA = "keine Daten"
NO_COMPARISON = "keine vergleichbaren Gebiete ohne Maßnahme"


class EffectsError(UserError):
    pass


EFFECT_COLUMNS = [
    ("measure_id", "text"),
    ("title", "text"),
    ("topic", "text"),
    ("indicator", "text"),
    ("indicator_label", "text"),
    ("polarity", "integer"),
    ("base_year", "integer"),
    ("latest_year", "integer"),
    ("units_n", "integer"),
    ("units_used", "integer"),
    ("comparison_n", "integer"),
    ("comparison_basis", "text"),
    ("area_base", "number"),
    ("area_latest", "number"),
    ("area_change", "number"),
    ("comparison_base", "number"),
    ("comparison_latest", "number"),
    ("comparison_change", "number"),
    ("city_change", "number"),
    ("did", "number"),
    ("draws", "integer"),
    ("seed", "integer"),
    ("interval_low", "number"),
    ("interval_high", "number"),
    ("share_as_favourable", "number"),
    ("assessment", "text"),
    ("note", "text"),
]


@dataclass
class EffectsResult:
    frame: pd.DataFrame
    kinds: list[tuple[str, str]]
    register: me.Register
    series: dict
    draws: int
    seed: int
    class_field: str | None
    warnings: list[str] = field(default_factory=list)
    #: (measure id, indicator id) -> positions of the comparison units (for the charts of the print)
    comparison: dict = field(default_factory=dict)


def class_column(data: pd.DataFrame, name: str | None, year: int) -> tuple[np.ndarray | None, str | None]:
    """The class of every unit in ``year``: ``<name>_<year>`` or ``<name>``
    (default name ``status_class``); (None, None) when there is none."""
    stem = name or CLASS_FIELD
    for f in (f"{stem}_{year}", stem):
        if f in data.columns:
            return data[f].to_numpy(dtype=object), f
    if name:
        raise EffectsError(
            f"COMPARISON_FIELD: no field {name}_{year} and no field {name} in the layer (give a field with the "
            f"units' class, e.g. status_class_<year> from compositeindex with SERIES)"
        )
    return None, None


def _present(v) -> bool:
    return v is not None and not (isinstance(v, float) and np.isnan(v)) and str(v).strip() != ""


def _label(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def pooled_many(ind: Indicator, yv, sets: np.ndarray) -> np.ndarray:
    """``measures.pooled`` for many sets of positions at once (rows of ``sets``),
    every unit of them with a value."""
    if ind.from_counts:
        num = yv.num[sets].sum(axis=1)
        den = yv.den[sets].sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(den != 0, num / np.where(den != 0, den, 1.0) * ind.multiplier, np.nan)
    if yv.weight is not None:
        w = yv.weight[sets]
        s = w.sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(s != 0, (yv.val[sets] * w).sum(axis=1) / np.where(s != 0, s, 1.0), np.nan)
    return yv.val[sets].mean(axis=1)


def draw_sets(eligible: int, size: int, draws: int, seed: int) -> np.ndarray:
    """``draws`` sets of ``size`` positions out of ``range(eligible)`` without
    replacement, from ``RandomState(seed)`` (a frozen stream: the same sets
    with every numpy version)."""
    rs = np.random.RandomState(seed)
    u = rs.random_sample((draws, eligible))
    return np.argsort(u, axis=1, kind="stable")[:, :size]


def assessment(polarity: int, did: float, low: float, high: float) -> str:
    if did != did:
        return NO_DATA
    if polarity == 0:
        return NEUTRAL
    x = polarity * did
    tol = 1e-9 * max(1.0, abs(did))
    if abs(x) <= tol:
        return SAME
    outside = low == low and (did < low - tol or did > high + tol)
    if x < 0:
        return FAVOURABLE if outside else FAVOURABLE_NOISE
    return ADVERSE if outside else ADVERSE_NOISE


def in_measures(register: me.Register, keys) -> np.ndarray:
    index = {str(k): i for i, k in enumerate(keys)}
    out = np.zeros(len(keys), dtype=bool)
    for m in register:
        for k in m.units:
            if k in index:
                out[index[k]] = True
    return out


def effect_row(m, s, keys, data, treated, class_field, draws, seed, comparison: dict | None = None) -> dict:
    ind = s.indicator
    pos = me.positions_of(m, keys)
    area = me.area_series(s, pos)
    b, note = me.base_year(s.years, area, m.start_year)
    row = {
        "measure_id": m.id,
        "title": m.title,
        "topic": m.topic,
        "indicator": ind.id,
        "indicator_label": ind.name,
        "polarity": ind.polarity,
        "units_n": len(pos),
        "draws": draws,
        "seed": seed,
    }
    later = [y for y, v in zip(s.years, area) if v == v and b is not None and y > b]
    if b is None or not later:
        extra = "" if b is None else f"kein Jahr mit Daten nach dem Ausgangsjahr {b}"
        return {**row, "base_year": b, "assessment": NO_DATA, "note": "; ".join(x for x in (note, extra) if x) or None}
    latest = later[-1]
    kb, kl = s.index(b), s.index(latest)
    yb, yl = s.by_year[b], s.by_year[latest]
    both = me.has_value(ind, yb) & me.has_value(ind, yl)
    used = pos[both[pos]]
    left = [str(keys[p]) for p in pos if not both[p]]
    notes = [note] if note else []
    if left:
        notes.append(f"ohne Wert in {b} oder {latest}, nicht gezählt: {', '.join(left)}")
    classes, cfield = class_column(data, class_field, b)
    eligible = both & ~treated
    if classes is not None:
        own = {_label(c) for c in classes[used] if _present(c)}
        same = np.array([_present(c) and _label(c) in own for c in classes])
        eligible &= same
        basis = f"{cfield} = {', '.join(sorted(own))}" if own else f"{cfield}: keine Klasse"
        if not own:
            eligible[:] = False
    else:
        basis = "alle Gebiete ohne Maßnahme (kein Klassenfeld)"
    comp = np.flatnonzero(eligible)
    # in the order of the keys, not of the layer: the same seed draws the same sets
    # whatever order the features come in
    comp = comp[np.argsort(np.array([str(keys[p]) for p in comp], dtype=object), kind="stable")]
    if comparison is not None:
        comparison[(m.id, ind.id)] = comp
    a_b, a_l = me.pooled(ind, yb, used), me.pooled(ind, yl, used)
    row.update(
        base_year=b,
        latest_year=latest,
        units_used=len(used),
        comparison_n=len(comp),
        comparison_basis=basis,
        area_base=a_b,
        area_latest=a_l,
        area_change=a_l - a_b,
        city_change=float(s.city[kl] - s.city[kb]),
    )
    if len(comp) == 0 or len(used) == 0:
        return {**row, "assessment": NO_COMPARISON if len(used) else NO_DATA, "note": "; ".join(notes) or None}
    k_b, k_l = me.pooled(ind, yb, comp), me.pooled(ind, yl, comp)
    did = (a_l - a_b) - (k_l - k_b)
    row.update(comparison_base=k_b, comparison_latest=k_l, comparison_change=k_l - k_b, did=did)
    low = high = share = float("nan")
    if len(comp) > len(used):
        sets = comp[draw_sets(len(comp), len(used), draws, seed)]
        placebo = (pooled_many(ind, yl, sets) - pooled_many(ind, yb, sets)) - (k_l - k_b)
        placebo = placebo[~np.isnan(placebo)]
        if len(placebo):
            low, high = (float(x) for x in np.quantile(placebo, [0.025, 0.975]))
            p = ind.polarity or 1
            share = float(np.mean(p * placebo <= p * did + 1e-12 * max(1.0, abs(did))))
        possible = comb(len(comp), len(used))
        if possible < draws:
            notes.append(f"nur {possible} verschiedene Vergleichsmengen möglich")
    else:
        notes.append(
            f"nicht mehr Vergleichsgebiete ({len(comp)}) als Gebiete der Maßnahme ({len(used)}): kein Zufallsbereich"
        )
    row.update(
        interval_low=low,
        interval_high=high,
        share_as_favourable=share,
        assessment=assessment(ind.polarity, did, low, high),
        note="; ".join(notes) or None,
    )
    return row


def compute_effects(
    data: pd.DataFrame,
    catalogue: Catalogue,
    register: me.Register,
    keys=None,
    class_field: str | None = None,
    draws: int = MIN_DRAWS,
    seed: int = DEFAULT_SEED,
    indicators: list[str] | None = None,
    progress=None,
) -> EffectsResult:
    """One row per measure and indicator with a series (see the module docstring)."""
    if draws < MIN_DRAWS:
        raise EffectsError(f"DRAWS: at least {MIN_DRAWS} draws (given {draws})")
    keys = np.asarray(data.index if keys is None else keys, dtype=object)
    warnings = list(register.warnings)
    found = me.series(data, catalogue, keys, warnings, only=indicators)
    treated = in_measures(register, keys)
    if class_field is None and not any(c == CLASS_FIELD or c.startswith(CLASS_FIELD + "_") for c in data.columns):
        warnings.append(
            "no field status_class_<year> and no COMPARISON_FIELD: the comparison units are all units without a "
            "measure, of any status class"
        )
    rows = []
    comparison: dict = {}
    total = len(register) * max(1, len(found))
    k = 0
    for m in register:
        for s in found.values():
            rows.append(effect_row(m, s, keys, data, treated, class_field, draws, seed, comparison))
            k += 1
            if progress is not None:
                progress(k / total)
    frame = pd.DataFrame(rows, columns=[c for c, _ in EFFECT_COLUMNS])
    for c, kind in EFFECT_COLUMNS:
        if kind != "text":
            frame[c] = pd.to_numeric(frame[c], errors="coerce").astype("float64")
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    return EffectsResult(frame, list(EFFECT_COLUMNS), register, found, draws, seed, class_field, warnings, comparison)


# --------------------------------------------------------------------------
# the report

METHOD_TEXT = (
    "Difference-in-differences: the change of the indicator in the measure's units from the base year to the latest "
    "year, minus the change in comparable units without a measure (same status class in the base year). The interval "
    "comes from drawing, {draws} times (seed {seed}), as many comparison units as the measure has and computing their "
    "difference in the same way: 95 % of these chance differences lie inside it. A difference outside it is larger "
    "than chance alone would give between comparable areas. This shows how the area moved beside similar areas; it "
    "does not show why, and it is no proof of an effect of the measure."
)


def report(result: EffectsResult, lang: str = "de") -> dict:
    import datetime as _dt

    items = []
    for r in result.frame.to_dict("records"):
        ind = result.series[r["indicator"]].indicator
        dec = ind.decimals
        du = diff_unit(ind.unit)

        def f(x, signed=False, unit=True, _dec=dec, _du=du):
            if x is None or x != x:
                return ""
            t = number(x, _dec, signed, lang=lang, zero_unsigned=signed)
            return with_unit(t, _du) if unit else t

        items.append(
            {
                "measure": r["measure_id"],
                "title": r["title"],
                "indicator": ind.name,
                "years": ""
                if r["latest_year"] != r["latest_year"]
                else f"{int(r['base_year'])}–{int(r['latest_year'])}",
                "units": "" if r["units_used"] != r["units_used"] else f"{int(r['units_used'])}/{int(r['units_n'])}",
                "comparison_n": "" if r["comparison_n"] != r["comparison_n"] else int(r["comparison_n"]),
                "basis": r["comparison_basis"] or "",
                "area_change": f(r["area_change"], True),
                "comparison_change": f(r["comparison_change"], True),
                "city_change": f(r["city_change"], True),
                "did": f(r["did"], True),
                "interval": ""
                if r["interval_low"] != r["interval_low"]
                else f"{f(r['interval_low'], True, False)} … {f(r['interval_high'], True)}",
                "share": ""
                if r["share_as_favourable"] != r["share_as_favourable"]
                else number(100 * r["share_as_favourable"], 1, lang=lang) + " %",
                "assessment": r["assessment"],
                "note": r["note"] or "",
            }
        )
    return {
        "created": _dt.datetime.now().isoformat(timespec="seconds"),
        "source": result.register.source,
        "draws": result.draws,
        "seed": result.seed,
        "class_field": result.class_field or CLASS_FIELD,
        "method": i18n.tr(METHOD_TEXT, lang).format(draws=result.draws, seed=result.seed),
        "items": items,
        "warnings": result.warnings,
    }


i18n.register(
    {
        "Measures compared with similar areas": "Maßnahmengebiete im Vergleich mit ähnlichen Gebieten",
        "Change in the area": "Veränderung im Maßnahmengebiet",
        "Change in comparison units": "Veränderung in Vergleichsgebieten",
        "Change in the city": "Veränderung in der Stadt",
        "Difference": "Differenz",
        "Chance interval (95 %)": "Zufallsbereich (95 %)",
        "Draws at least as favourable": "Ziehungen mindestens so günstig",
        "Comparison units": "Vergleichsgebiete",
        "Comparison": "Vergleich",
        "Assessment": "Einordnung",
        "Draws": "Ziehungen",
        "Seed": "Startwert",
        "What this shows and what not": "Was das zeigt und was nicht",
        METHOD_TEXT: (
            "Differenz der Differenzen: die Veränderung des Indikators in den Raumeinheiten der Maßnahme vom "
            "Ausgangsjahr bis zum letzten Jahr, abzüglich der Veränderung in vergleichbaren Gebieten ohne Maßnahme "
            "(gleiche Statusklasse im Ausgangsjahr). Der Zufallsbereich entsteht, indem {draws}-mal (Startwert "
            "{seed}) ebenso viele Vergleichsgebiete gezogen werden, wie die Maßnahme hat, und ihre Differenz ebenso "
            "berechnet wird: 95 % dieser zufälligen Differenzen liegen darin. Eine Differenz außerhalb ist größer, "
            "als der Zufall allein zwischen vergleichbaren Gebieten ergäbe. Das zeigt, wie sich das Gebiet neben "
            "ähnlichen Gebieten entwickelt hat; es zeigt nicht, warum, und es belegt keine Wirkung der Maßnahme."
        ),
    }
)
