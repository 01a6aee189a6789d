"""The report of a move (JSON-able; rendered by ``templates/areal_report.html``) and its German texts."""

from __future__ import annotations

import numpy as np

from .. import i18n
from .allocate import Allocation
from .model import (
    EXACT_SHARE,
    KIND_COUNT,
    KIND_RATE_COUNTS,
    KIND_RATE_MEAN,
    KIND_RATE_WEIGHTED,
    STRADDLE_SHARE,
    FieldPlan,
)


def _num(x, digits=6):
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return None
    return round(float(x), digits) + 0.0  # never "-0.0"


def report(
    alloc: Allocation,
    *,
    source_keys,
    target_keys,
    target_names=None,
    source_layer: str = "",
    target_layer: str = "",
    weight_layer: str | None = None,
    unassigned=(),
    straddles=(),
    warnings=(),
    lang: str = "en",
    limit: int = 500,
) -> dict:
    """The report as a JSON-able dict (rendered by ``templates/areal_report.html``)."""
    import datetime as _dt

    names = list(target_names) if target_names is not None else [None] * len(target_keys)
    counts = [f for f in alloc.fields if f.plan.kind == KIND_COUNT]
    totals = []
    for f in counts:
        totals.append(
            {
                "field": f.plan.name,
                "before": _num(f.before),
                "covered": _num(f.covered),
                "after": _num(f.after),
                "difference": _num(f.after - f.covered),
                "missing_sources": f.missing_sources,
                "missing_targets": f.missing_targets,
            }
        )
    rates = [
        {"field": f.plan.name, "kind": f.plan.kind, "indicator": f.plan.indicator, "how": tr_kind(f.plan, lang)}
        for f in alloc.fields
        if f.plan.kind != KIND_COUNT
    ]
    first = counts[0] if counts else (alloc.fields[0] if alloc.fields else None)
    per_target = []
    for j, k in enumerate(target_keys):
        ests = [f.est[j] for f in alloc.fields if not np.isnan(f.est[j])]
        per_target.append(
            {
                "key": k,
                "name": names[j],
                "area_coverage": _num(alloc.area_coverage[j], 4),
                "weight_coverage": _num(alloc.weight_coverage[j], 4) if alloc.weight_coverage is not None else None,
                "est": _num(first.est[j], 4) if first is not None else None,
                "est_max": _num(max(ests), 4) if ests else None,
            }
        )
    not_covered = []
    for i in np.flatnonzero(alloc.source_coverage < 1.0 - STRADDLE_SHARE).tolist():
        not_covered.append({"key": source_keys[i], "covered": _num(alloc.source_coverage[i], 4)})
    ests = [t["est"] for t in per_target if t["est"] is not None]
    est_counts = {
        "exact": sum(1 for e in ests if e <= EXACT_SHARE),
        "partly": sum(1 for e in ests if EXACT_SHARE < e < 0.5),
        "mostly": sum(1 for e in ests if e >= 0.5),
    }

    def limited(items):
        return {"count": len(items), "items": items[:limit], "truncated": len(items) > limit}

    return {
        "created": _dt.datetime.now().isoformat(timespec="seconds"),
        "method": alloc.method,
        "method_text": tr_method(alloc.method, lang),
        "source_layer": source_layer,
        "target_layer": target_layer,
        "weight_layer": weight_layer,
        "sources": len(source_keys),
        "targets": len(target_keys),
        "est_field": first.plan.name if first is not None else None,
        "est_counts": est_counts,
        "totals": totals,
        "rates": rates,
        "targets_list": limited(per_target),
        "sources_not_covered": limited(not_covered),
        "no_weight_sources": limited([source_keys[i] for i in alloc.no_weight_sources]),
        "unassigned": limited(list(unassigned)),
        "straddling": limited(list(straddles)),
        "notes": list(alloc.notes),
        "warnings": list(warnings),
    }


def tr_method(method: str, lang: str) -> str:
    text = {
        "aggregate": "aggregation: each fine unit to the one target it lies in (exact)",
        "area": "areal interpolation: counts split in proportion to area",
        "population": "dasymetric interpolation: counts split in proportion to the population of a finer layer",
    }[method]
    return i18n.tr(text, lang)


def tr_kind(p: FieldPlan, lang: str) -> str:
    text = {
        KIND_RATE_COUNTS: "rebuilt from the moved numerator and denominator",
        KIND_RATE_WEIGHTED: "rebuilt as Σ rate × weight / Σ weight from the moved weight",
        KIND_RATE_MEAN: "area-weighted mean of the rates (estimate, flagged in <field>_note)",
    }[p.kind]
    return i18n.tr(text, lang)


i18n.register(
    {
        "aggregation: each fine unit to the one target it lies in (exact)": (
            "Aggregation: jede feine Einheit zu der einen Zieleinheit, in der sie liegt (exakt)"
        ),
        "areal interpolation: counts split in proportion to area": (
            "Flächeninterpolation: Fallzahlen im Verhältnis der Flächen aufgeteilt"
        ),
        "dasymetric interpolation: counts split in proportion to the population of a finer layer": (
            "Dasymetrische Interpolation: Fallzahlen im Verhältnis der Bevölkerung eines feineren Layers aufgeteilt"
        ),
        "rebuilt from the moved numerator and denominator": "aus dem übertragenen Zähler und Nenner neu berechnet",
        "rebuilt as Σ rate × weight / Σ weight from the moved weight": (
            "neu berechnet als Σ Quote × Gewicht / Σ Gewicht aus dem übertragenen Gewicht"
        ),
        "area-weighted mean of the rates (estimate, flagged in <field>_note)": (
            "flächengewichteter Mittelwert der Quoten (Schätzung, gekennzeichnet in <Feld>_note)"
        ),
        "Moving counts between unit systems": "Übertragung von Fallzahlen zwischen Raumbezugssystemen",
        "Method": "Verfahren",
        "Source units": "Quelleinheiten",
        "Target units": "Zieleinheiten",
        "Weight layer": "Gewichtungslayer",
        "Totals before and after": "Summen vorher und nachher",
        "Field": "Feld",
        "Sources (all)": "Quellen (alle)",
        "Sources (covered part)": "Quellen (abgedeckter Teil)",
        "Targets": "Ziele",
        "Difference": "Differenz",
        "Missing source cells": "fehlende Quellzellen",
        "Missing target values": "fehlende Zielwerte",
        "Rates": "Quoten",
        "How": "Wie",
        "Estimates": "Schätzungen",
        "Share of estimate per target unit (field {f}): at most 1 % (exact up to slivers) {a}, "
        "more than 1 % and under half {b}, half or more {c}.": (
            "Schätzanteil je Zieleinheit (Feld {f}): höchstens 1 % (exakt bis auf Splitterflächen) {a}, "
            "über 1 % und unter der Hälfte {b}, die Hälfte oder mehr {c}."
        ),
        "Coverage per target unit": "Abdeckung je Zieleinheit",
        "Key": "Schlüssel",
        "Name": "Name",
        "Area covered": "Fläche abgedeckt",
        "Weight covered": "Gewicht abgedeckt",
        "Share of estimate": "Schätzanteil",
        "Largest share of estimate": "größter Schätzanteil",
        "Source units not (fully) covered by target units": (
            "Quelleinheiten, die nicht (ganz) von Zieleinheiten abgedeckt sind"
        ),
        "Covered share": "abgedeckter Anteil",
        "Source units without weight (split by area)": "Quelleinheiten ohne Gewicht (nach Fläche aufgeteilt)",
        "Fine units in no target unit": "Feine Einheiten in keiner Zieleinheit",
        "Fine units straddling target units (more than 1 % of their area outside their target)": (
            "Feine Einheiten über Zielgrenzen hinweg (mehr als 1 % ihrer Fläche außerhalb ihrer Zieleinheit)"
        ),
        "Outside": "außerhalb",
        "Assigned to": "zugeordnet zu",
        "None.": "Keine.",
        "Notes": "Hinweise",
        "Warnings": "Warnungen",
        "Created": "Erstellt",
        "list shortened": "Liste gekürzt",
    }
)
