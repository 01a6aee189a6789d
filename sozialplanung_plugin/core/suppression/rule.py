"""The rule of a suppression: its parameters, stored with every output feature
(``suppression_rule`` as JSON, ``suppression_note`` in words), and what it
says about a layer (which units publish no rates)."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import partial

import numpy as np
import pandas as pd

from .. import fields as fn
from ..i18n import tr
from ..numbers import count
from ..tables import TableError

PRIMARY = 2  # internal codes of a cell's state: the larger one is the stronger reason
SECONDARY = 1
MARKS = {PRIMARY: fn.SUPP_PRIMARY, SECONDARY: fn.SUPP_SECONDARY}
RULE_VERSION = 1


class SuppressionError(TableError):
    """A problem with the input of a suppression; the message names the field."""


@dataclass
class SuppressionRule:
    """The parameters of a suppression; stored with every output feature."""

    min_count: int = 3
    min_population: float = 0.0
    population_field: str | None = None
    group_field: str | None = None
    sign: str = "."
    suppress_zeros: bool = False
    breakdowns: list[str] = field(default_factory=list)  # catalogue breakdowns used
    sums_found: int = 0  # further sums of count fields found in the data (find_breakdowns)

    def check(self) -> None:
        if int(self.min_count) != self.min_count or self.min_count < 1:
            raise SuppressionError(f"MIN_COUNT must be a whole number of at least 1 (given {self.min_count})")
        if self.min_population < 0 or math.isnan(self.min_population):
            raise SuppressionError(f"MIN_POPULATION must not be negative (given {self.min_population})")
        if self.min_population > 0 and not self.population_field:
            raise SuppressionError(
                f"MIN_POPULATION is {self.min_population:g}: name the population field "
                f"(POPULATION_FIELD) whose value decides whether a unit's rates are published"
            )
        if not self.sign or not self.sign.strip():
            raise SuppressionError("SIGN must not be empty (the German convention is '.' for secret values)")

    @property
    def primary_bounds(self) -> tuple[int, int]:
        """What a reader knows of a cell marked primary: ``lo <= x <= hi``."""
        return (0 if self.suppress_zeros else 1), int(self.min_count) - 1

    def to_dict(self) -> dict:
        return {
            "rule": "sozialplanung:suppress",
            "version": RULE_VERSION,
            "min_count": int(self.min_count),
            "suppress_zeros": bool(self.suppress_zeros),
            "min_population": _plain(self.min_population),
            "population_field": self.population_field,
            "group_field": self.group_field,
            "breakdowns": list(self.breakdowns),
            "sums_found": int(self.sums_found),
            "secondary": "differencing",
            "sign": self.sign,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_dict(cls, d: dict) -> SuppressionRule:
        return cls(
            min_count=int(d.get("min_count", 3)),
            min_population=float(d.get("min_population", 0) or 0),
            population_field=d.get("population_field"),
            group_field=d.get("group_field"),
            sign=d.get("sign", "."),
            suppress_zeros=bool(d.get("suppress_zeros", False)),
            breakdowns=list(d.get("breakdowns", [])),
            sums_found=int(d.get("sums_found", 0) or 0),
        )

    @classmethod
    def from_json(cls, text: str) -> SuppressionRule:
        try:
            d = json.loads(text)
        except (TypeError, ValueError) as e:
            raise SuppressionError(f"{fn.SUPPRESSION_RULE}: not a suppression rule ({e})") from None
        if not isinstance(d, dict) or d.get("rule") != "sozialplanung:suppress":
            raise SuppressionError(f"{fn.SUPPRESSION_RULE}: not a suppression rule: {text[:80]!r}")
        return cls.from_dict(d)


def _plain(x: float):
    return int(x) if float(x).is_integer() else float(x)


def _as_rule(rule) -> SuppressionRule:
    if isinstance(rule, SuppressionRule):
        return rule
    if isinstance(rule, dict):
        return SuppressionRule.from_dict(rule)
    return SuppressionRule.from_json(str(rule))


def note(rule, lang: str = "de") -> str:
    """The rule in one sentence (``suppression_note`` is the German one)."""
    r = _as_rule(rule)
    num = partial(count, lang=lang)
    parts = []
    if r.suppress_zeros:
        parts.append(
            tr("Counts below {n}, zeros included, are withheld ({sign})", lang).format(n=num(r.min_count), sign=r.sign)
        )
    else:
        parts.append(tr("Counts below {n} are withheld ({sign})", lang).format(n=num(r.min_count), sign=r.sign))
    if r.min_population > 0:
        parts.append(
            tr("no rates are published for units with fewer than {p} inhabitants ({field})", lang).format(
                p=num(r.min_population), field=r.population_field
            )
        )
    if r.group_field:
        parts.append(tr("totals per {group}", lang).format(group=r.group_field))
    else:
        parts.append(tr("totals of the whole area", lang))
    parts.append(_secondary_clause(r, lang))
    parts.append(tr("values computed from withheld counts (rates, differences, flags, classes) are withheld too", lang))
    return "; ".join(parts) + "."


def _secondary_clause(r: SuppressionRule, lang: str) -> str:
    sec = tr(
        "further values are withheld (secondary suppression) so that no withheld value can be calculated from totals",
        lang,
    )
    extra = []
    if r.breakdowns:
        extra.append(tr("also across the categories of {names}", lang).format(names=", ".join(r.breakdowns)))
    if r.sums_found:
        extra.append(tr("across {n} sums found in the data", lang).format(n=r.sums_found))
    if extra:
        sec += " (" + "; ".join(extra) + ")"
    return sec


def footnote(rule, lang: str = "de") -> str:
    """Footnote for tables, charts and maps: the sign, what it means, the rule."""
    r = _as_rule(rule)
    return f"{r.sign} {tr('withheld for data protection', lang)}. {note(r, lang)}"


def rule_from_frame(frame: pd.DataFrame) -> SuppressionRule | None:
    """The rule stored with a layer's features (None if it was never suppressed)."""
    if fn.SUPPRESSION_RULE not in frame.columns:
        return None
    for v in frame[fn.SUPPRESSION_RULE]:
        if isinstance(v, str) and v.strip():
            return SuppressionRule.from_json(v)
    return None


def population_columns(population_field: str | None, columns) -> dict:
    """Year -> population field: ``inhabitants_2024`` given and
    ``inhabitants_2021`` ... present serve their years; key None serves the
    fields without a year (the reporting year's value)."""
    if not population_field:
        return {}
    if population_field not in set(columns):
        raise SuppressionError(f"population field {population_field!r} is not in the layer")
    out = {None: population_field}
    m = re.fullmatch(r"(.+)_((?:19|20)\d\d)", population_field)
    if m:
        pat = re.compile(re.escape(m.group(1)) + r"_((?:19|20)\d\d)")
        for c in columns:
            mm = pat.fullmatch(c)
            if mm:
                out[int(mm.group(1))] = c
    return out


def rule_populations(frame: pd.DataFrame, rule: SuppressionRule | None) -> dict:
    """Year (None: the population field without year) -> the population of each unit in the
    rule's population field (NaN where missing). Empty when the rule sets no minimum population."""
    if rule is None or rule.min_population <= 0 or not rule.population_field:
        return {}
    if rule.population_field not in frame.columns:
        return {}
    return {
        y: pd.to_numeric(frame[col], errors="coerce").to_numpy(dtype="float64")
        for y, col in population_columns(rule.population_field, frame.columns).items()
    }


def rate_withheld(frame: pd.DataFrame, rule: SuppressionRule | None) -> dict:
    """Year (None: the population field without year) -> boolean array of the
    units whose rates the rule withholds (population below MIN_POPULATION or
    missing). Empty when the rule sets no minimum population."""
    out = {}
    for y, x in rule_populations(frame, rule).items():
        with np.errstate(invalid="ignore"):
            out[y] = np.isnan(x) | (x < rule.min_population)
    return out
