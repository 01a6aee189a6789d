"""Data protection (statistische Geheimhaltung): small counts never reach a
published output, and cannot be recalculated from what is published.

Cells are the values of count fields (numerators, denominators, any count
named by the user) per unit. ``m`` is MIN_COUNT.

Primary suppression
    a count ``0 < x < m`` is withheld (with ``suppress_zeros`` also ``x = 0``).
Secondary suppression (against differencing, Differenzbildung)
    Every *line* is an equation whose total is published:

    * per count field and group (GROUP_FIELD value; default: all units): the
      cells of the group add up to the group total (the published total of the
      municipality, or ``ref * sum(denominator)``);
    * per unit and year, for a catalogue breakdown (indicators with the same
      ``breakdown``): the categories add up to their common denominator
      (``sum(parts) - total = 0``; the total is a cell of the line too).

    A line with exactly one withheld cell gives it away (total minus the
    published rest), so the smallest other cell with a value > 0 is withheld
    too (a 0 protects nothing). The published ``<field>_supp`` labels tell a
    reader that a primary cell lies in ``[1, m - 1]`` (``[0, m - 1]`` when 0
    is withheld) and a secondary one is at least ``m``; so a line also counts
    as unprotected when the residual (total minus the published cells) and
    these bounds leave a withheld cell only one possible value (1 + 3 = 4
    gives away both), and the complementary cell is chosen large enough. This
    repeats to a fixed point, since every new cell enters other lines.
    Cells missing in the input (NULL) are treated as if a reader knew them:
    they never count as protection (a breakdown whose total is missing still
    counts as a published sum).
Combined totals
    Rows and columns together can still pin a cell (a unit's breakdown and the
    group totals of its categories). Every withheld cell therefore needs a
    *protecting move*: +r on cells of its unit and -r on the same cells of
    another unit of the group, r a small vector (+1/-1) that keeps every sum
    between the unit's counts (two categories; a category and its total; a
    field outside every sum alone), staying within every mark's bounds. Then
    the published data fit two values of the cell, whatever a reader
    combines, even by linear programming. A cell without one gets the
    cheapest completion (fewest persons) withheld too; then the lines are
    settled again.
Derived values
    Everything computed from a withheld count of a unit is withheld: the
    indicator's value, difference, ratio, z-score, percentile, flag, the value
    of that year, the change when its year or base year is withheld, the
    burden fields when a core indicator is withheld, the status (dynamics)
    index fields when an indicator of that index is withheld. The reference
    value (``<id>_ref``, gesamtstädtischer Wert) stays: it is the published
    total. With MIN_POPULATION, units below it (or without population)
    publish no rates and nothing computed from rates; their counts stay
    subject to MIN_COUNT only.
Marks
    A withheld value becomes missing (NaN/None), ``<field>_sign`` gets the
    sign and ``<field>_supp`` "primary" or "secondary". A derived cell takes
    the strongest mark of its sources (primary wins); cells withheld because
    of MIN_POPULATION are "primary". Sign and mark fields are written only for
    fields with at least one withheld cell. Every unit gets the rule in words
    (``suppression_note``) and as JSON (``suppression_rule``).

What is guaranteed: no published count is below MIN_COUNT (0 aside, unless
withheld); no published derived value rests on a withheld count; no withheld
cell can be narrowed to one value from the published cells, the published
totals (one at a time or all together) and the marks' bounds. Cells for which
no further suppression can achieve this are reported with the reason (a group
of one unit; a tiny unit whose breakdown and marks pin it, e.g. 1 + 1 = 2 with
0 published: withholding zeros helps). Sums between count fields count
whether the catalogue declares them (breakdowns) or they are found in the
data (``find_breakdowns``: fields adding up to another field in every unit).
Not covered: inference from how the complementary cells were chosen, and
statistics of *other* units computed with the withheld values included
(z-scores, percentiles and indices of a layer that was suppressed after
computeindicators): run suppress before computeindicators when such fields
are published.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import combinations, product

import numpy as np
import pandas as pd

from . import fields as fn
from .catalogue import Catalogue, CatalogueError, Indicator, resolve
from .errors import CanceledError  # noqa: F401 (re-exported)
from .i18n import tr
from .numbers import count
from .signs import parse_column
from .tables import TableError

PRIMARY = 2  # internal codes: the larger one is the stronger reason
SECONDARY = 1
MARKS = {PRIMARY: fn.SUPP_PRIMARY, SECONDARY: fn.SUPP_SECONDARY}
RULE_VERSION = 1
LISTED = 20

_COLUMN, _BREAKDOWN = 0, 1


class SuppressionError(TableError):
    """A problem with the input of a suppression; the message names the field."""


# --------------------------------------------------------------------------
# the rule


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
    parts.append(sec)
    parts.append(tr("values computed from withheld counts (rates, differences, flags, classes) are withheld too", lang))
    return "; ".join(parts) + "."


def footnote(rule, lang: str = "de") -> str:
    """Footnote for tables, charts and maps: the sign, what it means, the rule."""
    r = _as_rule(rule)
    return f"{r.sign} {tr('withheld for data protection', lang)}. {note(r, lang)}"


def rate_withheld(frame: pd.DataFrame, rule: SuppressionRule | None) -> dict:
    """Year (None: the population field without year) -> boolean array of the
    units whose rates the rule withholds (population below MIN_POPULATION or
    missing). Empty when the rule sets no minimum population."""
    if rule is None or rule.min_population <= 0 or not rule.population_field:
        return {}
    if rule.population_field not in frame.columns:
        return {}
    out = {}
    for y, col in population_columns(rule.population_field, frame.columns).items():
        x = pd.to_numeric(frame[col], errors="coerce").to_numpy(dtype="float64")
        with np.errstate(invalid="ignore"):
            out[y] = np.isnan(x) | (x < rule.min_population)
    return out


def rule_from_frame(frame: pd.DataFrame) -> SuppressionRule | None:
    """The rule stored with a layer's features (None if it was never suppressed)."""
    if fn.SUPPRESSION_RULE not in frame.columns:
        return None
    for v in frame[fn.SUPPRESSION_RULE]:
        if isinstance(v, str) and v.strip():
            return SuppressionRule.from_json(v)
    return None


# --------------------------------------------------------------------------
# helpers for every output (maps, labels, profiles, exports)


def is_suppressed(frame: pd.DataFrame, field_name: str) -> pd.Series:
    """True where ``field_name`` was withheld (its ``_supp`` mark is set)."""
    mark = fn.supp_of(field_name)
    if mark not in frame.columns:
        return pd.Series(False, index=frame.index)
    m = frame[mark]
    return m.notna() & (m.astype(str).str.strip() != "")


def published(frame: pd.DataFrame, field_name: str) -> pd.Series:
    """The values of a field as they may be published: withheld cells missing,
    even if a later step filled them again. Outputs read values through this."""
    s = frame[field_name]
    hidden = is_suppressed(frame, field_name)
    if not hidden.any():
        return s
    if s.dtype == object:
        arr = s.to_numpy(dtype=object, copy=True)
        arr[hidden.to_numpy()] = None
        return pd.Series(arr, index=s.index, name=s.name, dtype=object)
    arr = s.to_numpy(dtype="float64", copy=True)
    arr[hidden.to_numpy()] = np.nan
    return pd.Series(arr, index=s.index, name=s.name)


def cell_text(frame: pd.DataFrame, field_name: str, fmt=str) -> pd.Series:
    """Text for a table cell: the formatted published value, else the sign of
    the missing value (withheld cells: the suppression sign), else ''."""
    vals = published(frame, field_name)
    sc = fn.sign_of(field_name)
    signs = frame[sc] if sc in frame.columns else pd.Series(None, index=frame.index, dtype=object)
    out = []
    for v, s in zip(vals.tolist(), signs.tolist()):
        if v is None or (isinstance(v, float) and math.isnan(v)):
            out.append("" if s is None or (isinstance(s, float) and math.isnan(s)) else str(s))
        else:
            out.append(fmt(v))
    return pd.Series(out, index=frame.index, dtype=object)


def suppressed_fields(frame: pd.DataFrame) -> list[str]:
    """Fields of a layer that have withheld cells."""
    cols = set(frame.columns)
    return [c[: -len(fn.SUPP)] for c in frame.columns if c.endswith(fn.SUPP) and c[: -len(fn.SUPP)] in cols]


# --------------------------------------------------------------------------
# what to protect


@dataclass
class Breakdown:
    """Categories (parts) of one unit and year that add up to a total."""

    name: str
    year: int | None
    total: str
    parts: list[str]


@dataclass
class IndicatorCells:
    """One catalogue indicator: its count or rate columns per year."""

    indicator: Indicator
    counts: dict  # year -> [numerator, denominator]
    rates: dict  # year -> rate column

    @property
    def id(self) -> str:
        return self.indicator.id

    @property
    def years(self) -> list:
        return list(self.counts) or list(self.rates)


@dataclass
class Plan:
    counts: list[str]
    breakdowns: list[Breakdown] = field(default_factory=list)
    indicators: list[IndicatorCells] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def breakdown_names(self) -> list[str]:
        return list(dict.fromkeys(b.name for b in self.breakdowns))


def derived_field_names(ind_id: str, columns) -> list[str]:
    """Fields of the layer computed from indicator ``ind_id``."""
    cols = set(columns)
    names = [fn.measure(ind_id, m) for m in fn.MEASURES if m != "ref"]
    names += [
        fn.change(ind_id),
        fn.flag(ind_id),
        fn.index_z(ind_id),
        fn.index_z(fn.change(ind_id)),
        fn.percentile_rank(ind_id),
        fn.percentile_flag(ind_id),
    ]
    pat = re.compile(re.escape(fn.measure(ind_id, "val")) + r"_((?:19|20)\d\d)$")
    names += [c for c in columns if pat.match(c)]
    return [c for c in dict.fromkeys(names) if c in cols]


def make_plan(columns: list[str], counts: list[str] | None = None, catalogue: Catalogue | None = None) -> Plan:
    """The count columns, breakdowns and indicators to protect in a layer with
    ``columns``: the fields named in ``counts`` and/or the catalogue's
    numerator and denominator columns (every year)."""
    cols = list(columns)
    known = set(cols)
    out = Plan(counts=[])
    for c in counts or []:
        if c not in known:
            raise SuppressionError(f"count field {c!r} is not in the layer (fields: {', '.join(cols)})")
        out.counts.append(c)
    if catalogue is not None:
        skipped = []
        for ind in catalogue:
            try:
                resolved = resolve(ind, cols)
            except CatalogueError as e:
                derived = derived_field_names(ind.id, cols)
                if derived and ind.from_counts:
                    raise SuppressionError(
                        f"indicator {ind.id!r}: the layer has fields computed from it ({', '.join(derived[:4])}) "
                        f"but not its counts, so they cannot be protected: {e}"
                    ) from None
                if ind.from_counts:
                    skipped.append(ind.id)
                continue
            ic = IndicatorCells(ind, {}, {})
            for c in resolved:
                if ind.from_counts:
                    ic.counts[c.year] = [c.numerator, c.denominator]
                    out.counts += [c.numerator, c.denominator]
                else:
                    ic.rates[c.year] = c.rate
            out.indicators.append(ic)
        if skipped:
            out.warnings.append(
                f"count indicator(s) of the catalogue not in the layer, nothing to protect: {', '.join(skipped)}"
            )
        by_id = {ic.id: ic for ic in out.indicators}
        for name, members in catalogue.breakdowns().items():
            absent = [m.id for m in members if m.id not in by_id]
            if absent:
                out.notes.append(
                    f"breakdown {name!r}: {', '.join(absent)} not in the layer; its categories are "
                    f"protected per field only"
                )
                continue
            years = None
            for m in members:
                ys = set(by_id[m.id].counts)
                years = ys if years is None else years & ys
            for y in sorted(years or [], key=lambda v: (v is not None, v or 0)):
                total = by_id[members[0].id].counts[y][1]
                parts = list(dict.fromkeys(by_id[m.id].counts[y][0] for m in members))
                out.breakdowns.append(Breakdown(name, y, total, parts))
    out.counts = list(dict.fromkeys(out.counts))
    if not out.counts and not out.indicators:
        raise SuppressionError(
            "nothing to protect: name the count fields (FIELDS) or give a catalogue "
            "(CATALOGUE) whose numerator and denominator columns are in the layer"
        )
    return out


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


def uncovered_fields(numeric_fields: list[str], plan: Plan, extra=()) -> list[str]:
    """Numeric fields that look derived from a protected count (its name
    without year, or ``<id>_``) but are not protected: e.g. the percentages a
    statistics office delivers beside the counts."""
    covered = set(plan.counts) | set(extra)
    for ic in plan.indicators:
        covered |= set(derived_field_names(ic.id, numeric_fields))
        covered |= {fn.measure(ic.id, "ref"), fn.ref_change(ic.id)}
        covered |= set(ic.rates.values())
    stems = {re.sub(r"_(?:19|20)\d\d$", "", c) for c in plan.counts}
    prefixes = {ic.id + "_" for ic in plan.indicators}
    out = []
    for c in numeric_fields:
        if c in covered or c.endswith((fn.SIGN, fn.SUPP)):
            continue
        if any(s and s in c for s in stems) or any(c.startswith(p) for p in prefixes):
            out.append(c)
    return out


def unit_field_names(catalogue: Catalogue | None, columns) -> list[str]:
    """Burden and index fields (per unit, from several indicators) in the layer."""
    if catalogue is None:
        return []
    cols = set(columns)
    names = list(BURDEN_FIELDS) + list(STATUS_FIELDS) + list(DYNAMICS_FIELDS) + [fn.SDI_CLASS]
    ntopics = len({i.topic for i in catalogue.for_index("status")})
    for j in range(1, ntopics + 1):
        names += [fn.theme(j, w) for w in THEME_PARTS]
    return [c for c in names if c in cols]


def published_statistics(columns) -> list[str]:
    """Fields whose value in one unit depends on the values of all units
    (z-scores, percentiles, index values): computed before suppression, they
    carry information about the withheld values into the published units."""
    pat = re.compile(r".+_(?:z|pct|zidx|prank)$|theme\d+_(?:rank|exp)$")
    return [c for c in columns if pat.match(c) or c in (fn.STATUS_INDEX, fn.DYNAMICS_INDEX)]


def input_fields(
    columns: list[str], plan: Plan, rule: SuppressionRule, catalogue: Catalogue | None = None, extra=()
) -> list[str]:
    """The layer fields ``suppress`` reads (counts, derived fields, their sign
    and mark fields, group and population fields)."""
    cols = set(columns)
    want = list(plan.counts)
    for ic in plan.indicators:
        want += derived_field_names(ic.id, columns) + list(ic.rates.values())
    want += unit_field_names(catalogue, columns)
    want += [c for w in list(want) for c in (fn.sign_of(w), fn.supp_of(w)) if c in cols]
    if rule.group_field:
        want.append(rule.group_field)
    if rule.min_population > 0:
        want += list(population_columns(rule.population_field, columns).values())
    want += [c for c in extra if c]
    want.append(fn.SUPPRESSION_RULE)  # a rule from an earlier run
    return [c for c in dict.fromkeys(want) if c in cols]


# --------------------------------------------------------------------------
# the lines (equations with a published total) and secondary suppression


def _ranges(ptr: np.ndarray, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Concatenated ``arange(ptr[i], ptr[i + 1])`` for every i in idx, and the lengths."""
    starts = ptr[idx]
    lens = ptr[idx + 1] - starts
    total = int(lens.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64), lens
    offs = np.repeat(starts - np.concatenate(([0], np.cumsum(lens)[:-1])), lens)
    return offs + np.arange(total, dtype=np.int64), lens


@dataclass
class LineProblem:
    where: str  # e.g. "field 'x', group 'A'" or "breakdown 'alter' (2024) = 'pop', unit 17"
    size: int  # cells with a value in the line
    kind: str  # "unprotected": one withheld cell; "bounds": the marks' bounds pin a value
    cells: list = field(default_factory=list)  # the withheld cells: (field, unit)


class _Lines:
    """All lines as an incidence list sorted by line (CSR), the cells as a flat
    array ``column * n + unit``."""

    def __init__(
        self,
        values: np.ndarray,
        group_codes: np.ndarray,
        group_labels: list,
        breakdowns: list[tuple[int, list[int]]],
        bd_meta: list[Breakdown],
        columns: list[str],
        unit_labels,
    ):
        ncol, n = values.shape
        self.n, self.ncol = n, ncol
        self.columns, self.group_labels, self.bd_meta, self.unit_labels = columns, group_labels, bd_meta, unit_labels
        ngroups = max(len(group_labels), 1)
        self.ngroups = ngroups
        units = np.arange(n, dtype=np.int64)
        cells, lines, coefs = [], [], []
        for c in range(ncol):
            ok = ~np.isnan(values[c])
            u = units[ok]
            cells.append(c * n + u)
            lines.append(c * ngroups + group_codes[u])
            coefs.append(np.ones(len(u), dtype=np.int8))
        base = ncol * ngroups
        for b, (t, parts) in enumerate(breakdowns):
            # a unit whose total is missing keeps the line (the total counts as known: conservative)
            ok_t = ~np.isnan(values[t])
            u = units[ok_t]
            cells.append(t * n + u)
            lines.append(base + b * n + u)
            coefs.append(-np.ones(len(u), dtype=np.int8))
            for p in parts:
                okp = ~np.isnan(values[p])
                up = units[okp]
                cells.append(p * n + up)
                lines.append(base + b * n + up)
                coefs.append(np.ones(len(up), dtype=np.int8))
        cell = np.concatenate(cells) if cells else np.zeros(0, dtype=np.int64)
        raw = np.concatenate(lines) if lines else np.zeros(0, dtype=np.int64)
        coef = np.concatenate(coefs) if coefs else np.zeros(0, dtype=np.int8)
        self.raw, inv = np.unique(raw, return_inverse=True)
        order = np.argsort(inv, kind="stable")
        self.inc_line = inv[order]
        self.inc_cell = cell[order]
        self.inc_coef = coef[order].astype("float64")
        nlines = len(self.raw)
        self.nlines = nlines
        self.line_ptr = np.concatenate(([0], np.cumsum(np.bincount(self.inc_line, minlength=nlines))))
        self.kind = np.where(self.raw < base, _COLUMN, _BREAKDOWN).astype(np.int8)
        self.base = base
        ncell = ncol * n
        self.cell_order = np.argsort(self.inc_cell, kind="stable")
        self.cell_ptr = np.concatenate(([0], np.cumsum(np.bincount(self.inc_cell, minlength=ncell))))

    def lines_of(self, cells: np.ndarray) -> np.ndarray:
        inc, _ = _ranges(self.cell_ptr, cells)
        return np.unique(self.inc_line[self.cell_order[inc]])

    def describe(self, line: int) -> str:
        raw = int(self.raw[line])
        if raw < self.base:
            c, g = divmod(raw, self.ngroups)
            if len(self.group_labels) > 1 or self.group_labels[0] is not None:
                return f"field {self.columns[c]!r}, group {self.group_labels[g]!r}"
            return f"field {self.columns[c]!r}, all units"
        b, u = divmod(raw - self.base, self.n)
        bd = self.bd_meta[b]
        year = f" ({bd.year})" if bd.year is not None else ""
        return f"breakdown {bd.name!r}{year} = {bd.total!r}, unit {self.unit_labels[u]!r}"


class _Engine:
    def __init__(self, lines: _Lines, values: np.ndarray, state: np.ndarray, rule: SuppressionRule):
        self.L = lines
        self.v = values.ravel()  # (ncol * n,)
        self.st = state.ravel()  # view: int8 codes
        self.m = float(rule.min_count)
        self.lo_p, self.hi_p = (float(x) for x in rule.primary_bounds)
        # with hi == lo (m = 2 and zeros published) the mark alone gives a primary cell away:
        # only the plain differencing test is meaningful then
        self.bounds_model = self.hi_p > self.lo_p

    def evaluate(self, lines: np.ndarray):
        """Per line: withheld cells k, and whether a withheld cell is pinned;
        per incidence the arrays needed to choose a complementary cell."""
        L = self.L
        inc, lens = _ranges(L.line_ptr, lines)
        nl = len(lines)
        loc = np.repeat(np.arange(nl), lens)
        cell = L.inc_cell[inc]
        a = L.inc_coef[inc]
        v = self.v[cell]
        st = self.st[cell]
        sup = st > 0
        k = np.bincount(loc, weights=sup, minlength=nl)
        lo = np.where(st == PRIMARY, self.lo_p, self.m)
        hi = np.where(st == PRIMARY, self.hi_p, np.inf)
        if self.bounds_model:
            det, resid, slo = _pinned(loc, nl, a, v, sup, lo, hi)
            pinned = np.bincount(loc, weights=det, minlength=nl) > 0
        else:
            resid = np.bincount(loc, weights=np.where(sup, a * v, 0.0), minlength=nl)
            slo = np.bincount(loc, weights=np.where(sup, lo, 0.0), minlength=nl)
            pinned = k == 1
        mixed = np.bincount(loc, weights=sup & (a < 0), minlength=nl) > 0
        return {
            "loc": loc,
            "cell": cell,
            "a": a,
            "v": v,
            "sup": sup,
            "k": k,
            "pinned": pinned,
            "resid": resid,
            "slo": slo,
            "mixed": mixed,
        }

    def fix(self, lines: np.ndarray) -> tuple[np.ndarray, list[int]]:
        """Complementary cells for the pinned lines among ``lines``."""
        e = self.evaluate(lines)
        pinned = e["pinned"]
        if not pinned.any():
            return np.zeros(0, dtype=np.int64), []
        loc, v, a, sup = e["loc"], e["v"], e["a"], e["sup"]
        # the smallest other cell that leaves every withheld cell of the line two or more
        # possible values: above m - slack when every withheld cell adds (+1)
        if self.bounds_model:
            thr = self.m - (e["resid"] - e["slo"])
        else:
            thr = np.zeros(len(lines))
        simple = pinned & ~e["mixed"]
        cand = ~sup & (v > 0) & (a > 0) & simple[loc] & (v > thr[loc])
        chosen = _first_per_line(loc[cand], v[cand], e["cell"][cand])
        done = np.zeros(len(lines), dtype=bool)
        done[chosen[0]] = True
        picks = [chosen[1]]
        gave_up = []
        for j in np.flatnonzero(pinned & ~done):
            c = self._fallback(int(lines[j]), e["mixed"][j])
            if c is None:
                gave_up.append(int(lines[j]))
            else:
                picks.append(np.array([c], dtype=np.int64))
        out = np.unique(np.concatenate(picks)) if picks else np.zeros(0, dtype=np.int64)
        return out, gave_up

    def _fallback(self, line: int, mixed: bool) -> int | None:
        """A pinned line without an obvious complement: try cells in ascending
        order (for a breakdown also its total) until none is pinned; with one
        withheld cell take the smallest cell > 0 anyway (plain differencing)."""
        L = self.L
        inc = np.arange(L.line_ptr[line], L.line_ptr[line + 1])
        cell = L.inc_cell[inc]
        a = L.inc_coef[inc]
        v = self.v[cell]
        st = self.st[cell]
        free = (st == 0) & (v > 0)
        if not free.any():
            return None
        order = np.lexsort((cell, v))
        order = order[free[order]]
        if self.bounds_model:
            tried = set()
            for i in order:
                key = (v[i], a[i])
                if key in tried or (not mixed and a[i] > 0):
                    continue  # for +1 lines the closed form already excluded every +1 cell
                tried.add(key)
                if len(tried) > 25:
                    break
                st2 = st.copy()
                st2[i] = SECONDARY
                sup = st2 > 0
                lo = np.where(st2 == PRIMARY, self.lo_p, self.m)
                hi = np.where(st2 == PRIMARY, self.hi_p, np.inf)
                det, _, _ = _pinned(np.zeros(len(inc), dtype=np.int64), 1, a, v, sup, lo, hi)
                if not det.any():
                    return int(cell[i])
        if int((st > 0).sum()) == 1:
            return int(cell[order[0]])
        return None

    def audit(self) -> tuple[list[int], list[int]]:
        """Lines with withheld cells: (one withheld cell, pinned by the bounds)."""
        L = self.L
        withheld = np.flatnonzero(self.st > 0)
        if not len(withheld):
            return [], []
        lines = L.lines_of(withheld)
        e = self.evaluate(lines)
        one = lines[(e["k"] == 1)]
        bounds = lines[e["pinned"] & (e["k"] >= 2)]
        return one.tolist(), bounds.tolist()


def _pinned(loc, nl, a, v, sup, lo, hi):
    """Per incidence: is the withheld cell pinned to one value by its line
    (sum of a_i x_i = residual) and the bounds lo <= x <= hi of every withheld
    cell? Returns (pinned, residual per line, sum of lower bounds per line)."""
    resid = np.bincount(loc, weights=np.where(sup, a * v, 0.0), minlength=nl)
    tlo = np.where(a > 0, lo, -hi)  # bounds of a_i * x_i
    thi = np.where(a > 0, hi, -lo)
    lo_inf = sup & np.isinf(tlo)
    hi_inf = sup & np.isinf(thi)
    s_lo = np.bincount(loc, weights=np.where(sup & ~lo_inf, tlo, 0.0), minlength=nl)
    s_hi = np.bincount(loc, weights=np.where(sup & ~hi_inf, thi, 0.0), minlength=nl)
    n_lo_inf = np.bincount(loc, weights=lo_inf, minlength=nl)
    n_hi_inf = np.bincount(loc, weights=hi_inf, minlength=nl)
    with np.errstate(invalid="ignore"):
        oth_lo = np.where(n_lo_inf[loc] - lo_inf > 0, -np.inf, s_lo[loc] - np.where(lo_inf, 0.0, tlo))
        oth_hi = np.where(n_hi_inf[loc] - hi_inf > 0, np.inf, s_hi[loc] - np.where(hi_inf, 0.0, thi))
        r = resid[loc]
        low = np.where(a > 0, r - oth_hi, oth_lo - r)
        high = np.where(a > 0, r - oth_lo, oth_hi - r)
        low = np.maximum(low, lo)
        high = np.minimum(high, hi)
        det = sup & (np.ceil(low - 1e-9) >= np.floor(high + 1e-9))
    s_lo_plain = np.bincount(loc, weights=np.where(sup, lo, 0.0), minlength=nl)
    return det, resid, s_lo_plain


def _first_per_line(loc, v, cell) -> tuple[np.ndarray, np.ndarray]:
    """(line positions, cell) of the smallest value per line, ties: the first cell."""
    if not len(loc):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = np.lexsort((cell, v, loc))
    ls = loc[order]
    first = np.concatenate(([True], ls[1:] != ls[:-1]))
    return ls[first], cell[order][first]


class _Moves:
    """Protection against combining several totals (and the marks' bounds).

    A withheld cell is safe when a *protecting move* exists: +r on the cells
    of one unit and -r on the same cells of another unit of its group, where
    r (entries +1/-1 on a few count fields) keeps every relation between a
    unit's counts (the breakdowns: categories add up to their total). Column
    totals per group and every unit's breakdown totals stay the same, and the
    move must keep every withheld cell within what its mark says. Then the
    published data fit two values of the cell, whatever a reader combines
    (even by linear programming). The vectors r are the small circuits of the
    relations: for one breakdown, two categories (+1, -1) or a category and
    its total (+1, +1); for a field outside every breakdown, the field alone
    (a pair of units). A cell without a move gets the cheapest completion
    (fewest persons) withheld as well.
    """

    MAX_SUPPORT = 6

    def __init__(
        self,
        values: np.ndarray,
        state: np.ndarray,
        codes: np.ndarray,
        ngroups: int,
        breakdowns: list[tuple[int, list[int]]],
        rule: SuppressionRule,
    ):
        self.v, self.st, self.codes, self.ngroups = values, state, codes, max(ngroups, 1)
        self.m = float(rule.min_count)
        self.lo_p, self.hi_p = (float(x) for x in rule.primary_bounds)
        ncol = values.shape[0]
        rel = np.zeros((len(breakdowns), ncol))
        for i, (t, parts) in enumerate(breakdowns):
            rel[i, parts] += 1.0
            rel[i, t] -= 1.0
        # columns linked by relations form components; circuits are searched per component
        parent = list(range(ncol))

        def root(a):
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            return a

        for t, parts in breakdowns:
            for p in parts:
                parent[root(p)] = root(t)
        comps: dict[int, list[int]] = {}
        for c in range(ncol):
            comps.setdefault(root(c), []).append(c)
        self.moves: list[tuple[np.ndarray, np.ndarray]] = []
        self.capped = False
        for cols in comps.values():
            rows = [i for i in range(len(breakdowns)) if rel[i, cols].any()]
            if not rows:
                self.moves += [(np.array([c]), np.array([1.0])) for c in cols]
                continue
            self.moves += self._circuits(rel[np.ix_(rows, cols)], cols)

    def _circuits(self, rel: np.ndarray, cols: list[int]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Vectors r in {-1, 0, 1} with rel @ r = 0 and minimal support (up to MAX_SUPPORT fields)."""
        k = len(cols)
        out: list[tuple[np.ndarray, np.ndarray]] = []
        supports: list[frozenset] = []
        # a circuit has at most rank + 1 fields: the search is complete when that is within the limit
        need = int(np.linalg.matrix_rank(rel)) + 1
        limit = self.MAX_SUPPORT if k <= 24 else 3
        self.capped |= need > limit
        for size in range(1, min(limit, need, k) + 1):
            for sub in combinations(range(k), size):
                if any(s <= frozenset(sub) for s in supports):
                    continue  # not minimal
                block = rel[:, sub]
                for signs in product((1.0, -1.0), repeat=size - 1):
                    r = np.array((1.0,) + signs)
                    if not np.any(block @ r):
                        out.append((np.array([cols[i] for i in sub]), r))
                        supports.append(frozenset(sub))
                        break
        return out

    def _caps(self):
        v, st = self.v, self.st
        hidden = st > 0
        lo = np.where(st == PRIMARY, self.lo_p, self.m)
        hi = np.where(st == PRIMARY, self.hi_p, np.inf)
        return hidden, hidden & (v + 1 <= hi), hidden & (v - 1 >= lo)

    def _group_counts(self, mask: np.ndarray) -> np.ndarray:
        return np.bincount(self.codes[mask], minlength=self.ngroups)

    @staticmethod
    def _able(cols, r, sign, up, down) -> np.ndarray:
        """Units where +sign*r is possible on the cells ``cols``."""
        ok = None
        for c, rc in zip(cols.tolist(), r.tolist()):
            x = up[c] if rc * sign > 0 else down[c]
            ok = x if ok is None else ok & x
        return ok

    def unsafe(self) -> np.ndarray:
        """(column, unit) mask of withheld cells without a protecting move."""
        hidden, up, down = self._caps()
        ok = np.zeros(self.v.shape, dtype=bool)
        for cols, r in self.moves:
            if not hidden[cols].any(axis=0).any():
                continue
            for sign in (1.0, -1.0):
                here = self._able(cols, r, sign, up, down)
                there = self._able(cols, r, -sign, up, down)
                if not here.any() or not there.any():
                    continue
                others = self._group_counts(there)[self.codes] - there
                good = here & (others > 0)
                if good.any():
                    ok[cols] |= good
        return hidden & ~ok

    def _best_two(self, cost: np.ndarray) -> np.ndarray:
        """Per group the unit with the lowest finite cost and the runner-up (-1: none)."""
        best = np.full((self.ngroups, 2), -1, dtype=np.int64)
        idx = np.flatnonzero(np.isfinite(cost))
        if not len(idx):
            return best
        order = idx[np.lexsort((idx, cost[idx], self.codes[idx]))]
        g = self.codes[order]
        first = np.concatenate(([True], g[1:] != g[:-1]))
        pos = np.flatnonzero(first)
        best[g[pos], 0] = order[pos]
        nxt = pos + 1
        has2 = nxt < len(order)
        has2[has2] = g[nxt[has2]] == g[pos[has2]]
        best[g[pos[has2]], 1] = order[nxt[has2]]
        return best

    def fix(self, unsafe: np.ndarray) -> np.ndarray:
        """Withhold the cheapest completion of a move for every unsafe cell;
        returns the newly withheld cells as a (column, unit) mask."""
        v, m = self.v, self.m
        hidden, up, down = self._caps()
        free = ~hidden & ~np.isnan(v) & (v > 0)  # a complement is a cell > 0 (a 0 protects nothing)
        up2 = np.where(hidden, up, free)  # a new secondary cell can go up, and down when above m
        down2 = np.where(hidden, down, free & (v - 1 >= m))
        cost = np.where(hidden, 0.0, np.where(free, v, np.inf))
        best = np.full(v.shape, np.inf)
        pick: dict[tuple[int, int], tuple[int, float, int]] = {}
        for k, (cols, r) in enumerate(self.moves):
            bad_units = unsafe[cols].any(axis=0)
            if not bad_units.any():
                continue
            total_cost = cost[cols].sum(axis=0)
            for sign in (1.0, -1.0):
                here = self._able(cols, r, sign, up2, down2)
                there = self._able(cols, r, -sign, up2, down2)
                c_here = np.where(here, total_cost, np.inf)
                two = self._best_two(np.where(there, total_cost, np.inf))
                for c in cols.tolist():
                    us = np.flatnonzero(unsafe[c])
                    if not len(us):
                        continue
                    g = self.codes[us]
                    u2 = np.where(two[g, 0] == us, two[g, 1], two[g, 0])
                    tot = np.where(u2 >= 0, c_here[us] + total_cost[np.maximum(u2, 0)], np.inf)
                    better = tot < best[c, us]
                    for u, t, w in zip(us[better].tolist(), tot[better].tolist(), u2[better].tolist()):
                        best[c, u] = t
                        pick[(c, u)] = (k, sign, w)
        new = np.zeros(v.shape, dtype=bool)
        for (_c, u), (k, _sign, w) in pick.items():
            cols = self.moves[k][0]
            new[cols, u] |= ~hidden[cols, u]
            new[cols, w] |= ~hidden[cols, w]
        return new


# --------------------------------------------------------------------------
# the whole suppression


@dataclass
class SuppressionResult:
    columns: pd.DataFrame  # every field to write (changed values, _sign, _supp, note, rule)
    new_text_fields: list[str]  # fields that are new text fields (marks, note, rule)
    rule: SuppressionRule
    state: pd.DataFrame  # per count field: 0 published, 1 secondary, 2 primary
    primary: int = 0
    secondary: int = 0
    derived: int = 0
    unprotected: list[LineProblem] = field(default_factory=list)
    bounds: list[LineProblem] = field(default_factory=list)
    exposed: list = field(default_factory=list)  # (field, unit): a combination of totals narrows it to one value
    rounds: int = 0
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def at_risk(self) -> set:
        """Withheld cells (field, unit) that could not be fully protected (see the warnings)."""
        out = set(self.exposed)
        for p in self.unprotected + self.bounds:
            out |= set(p.cells)
        return out


_YEAR = re.compile(r".+_((?:19|20)\d\d)$")
SEARCH_LIMIT = 200_000


def _year_of(name: str):
    m = _YEAR.match(name)
    return int(m.group(1)) if m else None


def _subsets_summing(vals: np.ndarray, target: np.ndarray, limit: int = SEARCH_LIMIT) -> list[list[int]]:
    """Rows of ``vals`` (at least two) whose sum equals ``target`` in every
    column: depth-first, largest rows first, pruned where a partial sum
    exceeds the target; at most ``limit`` steps."""
    order = np.argsort(-vals.sum(axis=1), kind="stable")
    out: list[list[int]] = []
    stack = [(0, np.zeros(vals.shape[1]), [])]
    steps = 0
    while stack and steps < limit:
        i, acc, chosen = stack.pop()
        steps += 1
        if len(chosen) >= 2 and np.array_equal(acc, target):
            out.append(sorted(chosen))
            continue
        for j in range(len(order) - 1, i - 1, -1):
            nxt = acc + vals[order[j]]
            if (nxt <= target).all():
                stack.append((j + 1, nxt, chosen + [int(order[j])]))
    return out


def find_breakdowns(values: np.ndarray, counts: list[str], known: list[Breakdown] = ()) -> list[Breakdown]:
    """Count fields that add up exactly to another count field in every unit
    (e.g. age groups and the population; also two fields with the same
    counts), found in the data: such a total gives a withheld category away
    as well, catalogue or not. Returns the breakdowns not already ``known``;
    fields of the same year only."""
    seen = {(b.total, frozenset(b.parts)) for b in known}
    out: list[Breakdown] = []
    ncol = values.shape[0]
    present = ~np.isnan(values)
    nonzero = np.nansum(values, axis=1) > 0
    for t in range(ncol):
        total = values[t]
        cand = []
        for p in range(ncol):
            if p == t or not nonzero[p] or _year_of(counts[p]) != _year_of(counts[t]):
                continue
            both = present[t] & present[p]
            if both.sum() < 2 or not (values[p][both] <= total[both]).all():
                continue
            if (values[p][both] < total[both]).any():
                cand.append(p)
            elif t < p and (counts[t], frozenset([counts[p]])) not in seen:  # the same count twice
                seen.add((counts[t], frozenset([counts[p]])))
                out.append(Breakdown(counts[t], _year_of(counts[t]), counts[t], [counts[p]]))
        if len(cand) < 2:
            continue
        rows = present[t] & present[cand].all(axis=0)
        if rows.sum() < 2:
            continue
        sample = np.flatnonzero(rows)[:200]
        vals = values[cand][:, sample]
        found = [[cand[i] for i in sub] for sub in _subsets_summing(vals, total[sample])]
        for parts in found:
            ok = present[t] & present[parts].all(axis=0)
            if not np.array_equal(values[parts][:, ok].sum(axis=0), total[ok]):
                continue
            key = (counts[t], frozenset(counts[p] for p in parts))
            if key in seen:
                continue
            seen.add(key)
            out.append(Breakdown(counts[t], _year_of(counts[t]), counts[t], [counts[p] for p in sorted(parts)]))
    return out


def _check_counts(frame: pd.DataFrame, counts: list[str], unit_labels) -> np.ndarray:
    vals = np.empty((len(counts), len(frame)), dtype="float64")
    for j, c in enumerate(counts):
        s = frame[c]
        if s.dtype == object or s.dtype.kind not in "iuf":
            # a text field holding numbers ("1.234", ".", "-"): read with the German conventions
            parsed = parse_column(s.reset_index(drop=True).astype(object))
            if parsed.kind == "text" or parsed.bad:
                bad = parsed.bad[0][1] if parsed.bad else next((x for x in s if x not in (None, "")), None)
                raise SuppressionError(
                    f"count field {c!r} is not numeric (a value is {bad!r}); suppression needs the counts as numbers"
                )
            x = parsed.values.to_numpy(dtype="float64")
        else:
            x = s.to_numpy(dtype="float64")
        with np.errstate(invalid="ignore"):
            neg = x < 0
            frac = ~np.isnan(x) & (np.floor(x) != x)
        if neg.any():
            p = int(np.flatnonzero(neg)[0])
            raise SuppressionError(
                f"count field {c!r} is negative for unit {unit_labels[p]!r} ({x[p]:g}) "
                f"and {int(neg.sum()) - 1} more; a count cannot be negative"
            )
        if frac.any():
            p = int(np.flatnonzero(frac)[0])
            raise SuppressionError(
                f"count field {c!r} holds {x[p]:g} for unit {unit_labels[p]!r}: not a whole "
                f"number. Name counts (numerators, populations), not rates or percentages"
            )
        if np.isinf(x).any():
            raise SuppressionError(f"count field {c!r} holds an infinite value")
        vals[j] = x
    return vals


def _matching_years(frame: pd.DataFrame, target: pd.Series | None, candidates: dict) -> list:
    """The years whose field equals ``target`` wherever the target has a value."""
    if target is None or not candidates:
        return []
    t = target.to_numpy(dtype="float64")
    ok = ~np.isnan(t)
    if not ok.any():
        return []
    hits = []
    for y, col in candidates.items():
        x = frame[col].to_numpy(dtype="float64")[ok]
        if np.isclose(t[ok], x, rtol=1e-9, atol=1e-9).all():
            hits.append(y)
    return hits


def suppress(
    frame: pd.DataFrame,
    plan: Plan,
    rule: SuppressionRule,
    *,
    catalogue: Catalogue | None = None,
    unit_labels=None,
    detect_breakdowns: bool = True,
    progress=None,
    canceled=None,
) -> SuppressionResult:
    """Withhold small counts and everything that would reveal them (module docstring).

    ``frame``: the layer's fields (counts, group and population fields, derived
    fields, existing ``_sign``/``_supp`` fields), one row per unit.
    ``unit_labels``: names of the units for messages (default: the index).
    ``detect_breakdowns``: also protect count fields that add up to another
    count field in every unit (``find_breakdowns``), declared or not.
    ``progress(fraction)`` reports, ``canceled()`` stops (raises CanceledError).
    """
    rule.check()
    n = len(frame)
    labels = np.asarray(frame.index if unit_labels is None else unit_labels, dtype=object)
    notes = list(plan.notes)
    warnings = list(plan.warnings)

    def tick(x):
        if canceled is not None and canceled():
            raise CanceledError()
        if progress is not None:
            progress(x)

    counts = plan.counts
    values = _check_counts(frame, counts, labels)
    col_of = {c: j for j, c in enumerate(counts)}
    # groups
    if rule.group_field:
        if rule.group_field not in frame.columns:
            raise SuppressionError(f"group field {rule.group_field!r} is not in the layer")
        g = frame[rule.group_field]
        keys = g.map(lambda x: None if x is None or (isinstance(x, float) and math.isnan(x)) else str(x))
        codes, uniques = pd.factorize(keys.fillna("\x00"), sort=True)
        group_labels = ["(leer)" if u == "\x00" else u for u in uniques]
        if (keys.isna()).any():
            warnings.append(
                f"{int(keys.isna().sum())} unit(s) have no value in the group field "
                f"{rule.group_field!r}; they form a group of their own"
            )
    else:
        codes, group_labels = np.zeros(n, dtype=np.int64), [None]
    codes = np.asarray(codes, dtype=np.int64)
    found = find_breakdowns(values, counts, plan.breakdowns) if detect_breakdowns else []
    if found:
        shown = "; ".join(f"{b.total} = {' + '.join(b.parts)}" for b in found[:LISTED])
        notes.append(f"{len(found)} sum(s) found in the data and protected like breakdowns: {shown}")
    breakdowns = list(plan.breakdowns) + found
    rule = replace(rule, breakdowns=plan.breakdown_names, sums_found=len(found))
    bds = [(col_of[b.total], [col_of[p] for p in b.parts]) for b in breakdowns]
    # primary suppression
    lo_p, hi_p = rule.primary_bounds
    with np.errstate(invalid="ignore"):
        prim = ~np.isnan(values) & (values <= hi_p) & (values >= lo_p)
    state = np.zeros(values.shape, dtype=np.int8)
    state[prim] = PRIMARY
    n_primary = int(prim.sum())
    tick(0.05)
    if not (hi_p > lo_p) and n_primary:
        warnings.append(
            f"with MIN_COUNT {rule.min_count}"
            + (" and 0 withheld" if rule.suppress_zeros else "")
            + f" every cell marked 'primary' has the value {hi_p}: the mark gives it away. "
            f"Use MIN_COUNT 3 or more"
        )
    # secondary suppression to a fixed point
    lines = _Lines(values, codes, group_labels, bds, breakdowns, counts, labels)
    eng = _Engine(lines, values, state, rule)
    rounds = 0

    def settle_lines(cells: np.ndarray) -> None:
        """Secondary suppression line by line, to a fixed point."""
        nonlocal rounds
        dirty = np.zeros(lines.nlines, dtype=bool)
        if len(cells):
            dirty[lines.lines_of(cells)] = True
        while dirty.any():
            rounds += 1
            for kind in (_BREAKDOWN, _COLUMN):  # rows first: their complements often protect the columns too
                sel = np.flatnonzero(dirty & (lines.kind == kind))
                if not len(sel):
                    continue
                dirty[sel] = False
                chosen, _ = eng.fix(sel)
                chosen = chosen[eng.st[chosen] == 0]
                if len(chosen):
                    eng.st[chosen] = SECONDARY
                    dirty[lines.lines_of(chosen)] = True
            tick(min(0.05 + 0.03 * rounds, 0.5))

    settle_lines(np.flatnonzero(eng.st > 0))
    # several totals combined: every withheld cell needs a protecting move
    moves = _Moves(values, state, codes, len(group_labels), bds, rule)
    exposed = np.zeros(state.shape, dtype=bool)
    if eng.bounds_model and n_primary:
        while True:
            unsafe = moves.unsafe()
            if not unsafe.any():
                break
            new = moves.fix(unsafe)
            new &= state == 0
            if not new.any():
                break
            state[new] = SECONDARY
            settle_lines(np.flatnonzero(new.ravel()))
            tick(min(0.5 + 0.02 * rounds, 0.6))
        exposed = moves.unsafe()
    one, pinned = eng.audit()
    problems_one, problems_bounds = [], []
    if one or pinned:
        lns = np.asarray(one + pinned, dtype=np.int64)
        e_all = eng.evaluate(lns)
        size = np.diff(lines.line_ptr)
        sup_loc, sup_cell = e_all["loc"][e_all["sup"]], e_all["cell"][e_all["sup"]]
        for j, ln in enumerate(lns.tolist()):
            cells = [(counts[c // n], labels[c % n]) for c in sup_cell[sup_loc == j].tolist()]
            kind = "unprotected" if j < len(one) else "bounds"
            p = LineProblem(lines.describe(ln), int(size[ln]), kind, cells)
            (problems_one if j < len(one) else problems_bounds).append(p)
    n_secondary = int((state == SECONDARY).sum())
    notes.append(
        f"{n_primary} count cell(s) withheld below {rule.min_count} (primary), {n_secondary} more "
        f"against differencing (secondary) in {rounds} round(s)"
    )
    if problems_one:
        shown = "; ".join(p.where for p in problems_one[:LISTED])
        more = f" and {len(problems_one) - LISTED} more" if len(problems_one) > LISTED else ""
        warnings.append(
            f"{len(problems_one)} line(s) with a single withheld cell and no other cell with a value "
            f"> 0 to withhold: the published total gives the cell away; publish no total for them or "
            f"merge the units: {shown}{more}"
        )
    if problems_bounds:
        shown = "; ".join(p.where for p in problems_bounds[:LISTED])
        more = f" and {len(problems_bounds) - LISTED} more" if len(problems_bounds) > LISTED else ""
        warnings.append(
            f"{len(problems_bounds)} line(s) are protected against plain differencing only: with the "
            f"primary/secondary marks (primary < {rule.min_count}, secondary >= {rule.min_count}) the "
            f"total still pins a value: {shown}{more}"
        )
    exposed_cells = [(counts[c], labels[u]) for c, u in zip(*np.nonzero(exposed))]
    if exposed_cells:
        shown = "; ".join(f"field {c!r}, unit {u!r}" for c, u in exposed_cells[:LISTED])
        more = f" and {len(exposed_cells) - LISTED} more" if len(exposed_cells) > LISTED else ""
        warnings.append(
            f"{len(exposed_cells)} withheld cell(s) could be narrowed to one value by combining several "
            f"published totals with the marks, and no further cell can prevent it: {shown}{more}"
        )
    if moves.capped:
        notes.append(
            "many count fields are linked by breakdowns: protecting moves were searched among up to "
            f"{_Moves.MAX_SUPPORT} fields at a time"
        )
    tick(0.65)

    out: dict[str, pd.Series | np.ndarray] = {}
    new_text: list[str] = []
    existing = set(frame.columns)

    def mark(name: str, st_arr: np.ndarray) -> int:
        """Withhold ``name`` where st_arr > 0 and the value is present."""
        s = frame[name]
        present = s.notna().to_numpy()
        if s.dtype == object:
            present &= (s.astype(str).str.strip() != "").to_numpy()
        hit = (st_arr > 0) & present
        if not hit.any():
            return 0
        if s.dtype == object:
            arr = s.to_numpy(dtype=object, copy=True)
            arr[hit] = None
            out[name] = pd.Series(arr, index=frame.index, dtype=object)
        else:
            arr = s.to_numpy(dtype="float64", copy=True)
            arr[hit] = np.nan
            out[name] = pd.Series(arr, index=frame.index)
        for suffix in (fn.SIGN, fn.SUPP):
            fname = name + suffix
            col = frame[fname].to_numpy(dtype=object, copy=True) if fname in existing else np.full(n, None, object)
            col[pd.isna(col)] = None
            if suffix == fn.SIGN:
                col[hit] = rule.sign
            else:
                col[hit] = np.where(st_arr[hit] == PRIMARY, fn.SUPP_PRIMARY, fn.SUPP_SECONDARY)
            out[fname] = pd.Series(col, index=frame.index, dtype=object)
            if fname not in existing and fname not in new_text:
                new_text.append(fname)
        return int(hit.sum())

    for j, c in enumerate(counts):
        mark(c, state[j])
    # derived values
    pop_cols = population_columns(rule.population_field, frame.columns) if rule.min_population > 0 else {}
    pop_state: dict = {}
    for y, col in pop_cols.items():
        p = frame[col]
        if p.dtype == object:
            raise SuppressionError(f"population field {col!r} is not numeric")
        x = p.to_numpy(dtype="float64")
        with np.errstate(invalid="ignore"):
            pop_state[y] = np.where(np.isnan(x) | (x < rule.min_population), PRIMARY, 0).astype(np.int8)
    zero = np.zeros(n, dtype=np.int8)

    def pop_for(y):
        if not pop_state:
            return zero
        return pop_state.get(y, pop_state[None])

    n_derived = 0
    val_state: dict[str, np.ndarray] = {}
    chg_state: dict[str, np.ndarray] = {}
    for ic in plan.indicators:
        ind_id = ic.id
        year_state = {}
        for y in ic.years:
            s = pop_for(y).copy()
            for c in ic.counts.get(y, []):
                s = np.maximum(s, state[col_of[c]])
            year_state[y] = s
        years = list(ic.years)
        val_fields = {y: fn.measure(ind_id, "val", y) for y in years if y is not None}
        val_fields = {y: c for y, c in val_fields.items() if c in existing}
        val_name = fn.measure(ind_id, "val")
        # the reporting year: the year whose value field equals <id>_val (computeindicators
        # may have been run with an earlier YEAR); if that cannot be told: every year
        if val_fields and val_name in existing:
            rep_years = _matching_years(frame, frame[val_name], val_fields) or list(val_fields)
        else:
            rep_years = [years[-1]]
        cur = _worst(year_state[y] for y in rep_years)
        val_state[ind_id] = cur
        # change: from the base year (the year whose value equals val - chg), else every year
        chg_name = fn.change(ind_id)
        chg = cur
        if chg_name in existing and len(years) > 1:
            base = []
            if val_name in existing and len(rep_years) == 1:
                target = frame[val_name].astype("float64") - frame[chg_name].astype("float64")
                base = _matching_years(frame, target, {y: c for y, c in val_fields.items() if y != rep_years[0]})
            chg = _worst([cur] + [year_state[y] for y in (base or years)])
        chg_state[ind_id] = chg
        for name in derived_field_names(ind_id, list(frame.columns)):
            m = re.fullmatch(re.escape(val_name) + r"_((?:19|20)\d\d)", name)
            if m:
                st_arr = year_state.get(int(m.group(1)), cur)
            elif name in (chg_name, fn.index_z(chg_name)):
                st_arr = chg
            else:
                st_arr = cur
            n_derived += mark(name, st_arr)
        for y, rc in ic.rates.items():  # a ready rate column: MIN_POPULATION only
            n_derived += mark(rc, year_state[y])
    if catalogue is not None:
        n_derived += _mark_unit_fields(frame, catalogue, val_state, chg_state, mark, existing)
    elif any(c in existing for c in (fn.BURDEN_CLASS, fn.STATUS_INDEX, fn.DYNAMICS_INDEX)):
        warnings.append(
            "the layer has burden or index fields but no catalogue was given: they cannot be traced "
            "to their indicators and are NOT protected; give CATALOGUE"
        )
    tick(0.85)

    try:
        earlier = rule_from_frame(frame)
    except SuppressionError:
        earlier = None

    def params(r):
        return replace(r, breakdowns=[], sums_found=0)

    if earlier is not None and params(earlier) != params(rule):
        warnings.append(
            f"the input was already suppressed by another rule ({note(earlier, 'en')}); its withheld "
            f"cells stay withheld, but {fn.SUPPRESSION_NOTE} now states the new rule only"
        )
    text = note(rule, "de")
    out[fn.SUPPRESSION_NOTE] = pd.Series(text, index=frame.index, dtype=object)
    out[fn.SUPPRESSION_RULE] = pd.Series(rule.to_json(), index=frame.index, dtype=object)
    for f_ in (fn.SUPPRESSION_NOTE, fn.SUPPRESSION_RULE):
        if f_ not in existing:
            new_text.append(f_)
    columns = pd.DataFrame(out, index=frame.index)
    st_frame = pd.DataFrame({c: state[j] for j, c in enumerate(counts)}, index=frame.index)
    if n_derived:
        notes.append(f"{n_derived} derived value(s) withheld (rates, differences, flags, classes)")
    tick(1.0)
    return SuppressionResult(
        columns,
        new_text,
        rule,
        st_frame,
        n_primary,
        n_secondary,
        n_derived,
        problems_one,
        problems_bounds,
        exposed_cells,
        rounds,
        notes,
        warnings,
    )


THEME_PARTS = ("sum", "rank", "flags", "score", "exp")
BURDEN_FIELDS = (fn.BURDEN_FLAGS, fn.BURDEN_CODE, fn.BURDEN_CLASS, fn.BURDEN_REASON)
STATUS_FIELDS = (fn.STATUS_INDEX, fn.STATUS_CLASS, fn.STATUS_LABEL, fn.STATUS_NOTE, fn.STATUS_FLAGS)
DYNAMICS_FIELDS = (fn.DYNAMICS_INDEX, fn.DYNAMICS_CLASS, fn.DYNAMICS_LABEL, fn.DYNAMICS_NOTE)


def _worst(states, n: int | None = None) -> np.ndarray:
    """Per unit the strongest mark of several states (primary over secondary)."""
    out = None
    for s in states:
        out = s if out is None else np.maximum(out, s)
    return out if out is not None else np.zeros(n or 0, dtype=np.int8)


def _mark_unit_fields(frame, catalogue: Catalogue, val_state, chg_state, mark, existing) -> int:
    """Burden and index fields of a unit: withheld when one of their indicators is."""
    n = len(frame)

    def worst(states):
        return _worst(list(states), n)

    done = 0
    core = [i.id for i in catalogue.core_indicators() if i.id in val_state]
    burden = worst(val_state[i] for i in core)
    for f_ in BURDEN_FIELDS:
        if f_ in existing:
            done += mark(f_, burden)
    # as in composite.py: indicators with index status (dynamics) and a polarity enter the index
    status_inds = [i for i in catalogue.for_index("status") if i.polarity != 0]
    dyn_inds = [i for i in catalogue.for_index("dynamics") if i.polarity != 0]
    status = worst(val_state[i.id] for i in status_inds if i.id in val_state)
    if dyn_inds:
        dyn = worst(val_state[i.id] for i in dyn_inds if i.id in val_state)
    else:
        dyn = worst(chg_state[i.id] for i in status_inds if i.id in chg_state)
    for f_ in STATUS_FIELDS:
        if f_ in existing:
            done += mark(f_, status)
    topics = list(dict.fromkeys(i.topic for i in status_inds))
    for j, t in enumerate(topics, start=1):
        st = worst(val_state[i.id] for i in status_inds if i.topic == t and i.id in val_state)
        for what in THEME_PARTS:
            if fn.theme(j, what) in existing:
                done += mark(fn.theme(j, what), st)
    for f_ in DYNAMICS_FIELDS:
        if f_ in existing:
            done += mark(f_, dyn)
    if fn.SDI_CLASS in existing:
        done += mark(fn.SDI_CLASS, np.maximum(status, dyn))
    return done


__all__ = [
    "Breakdown",
    "CanceledError",
    "IndicatorCells",
    "LineProblem",
    "Plan",
    "SuppressionError",
    "SuppressionResult",
    "SuppressionRule",
    "cell_text",
    "derived_field_names",
    "footnote",
    "is_suppressed",
    "make_plan",
    "note",
    "population_columns",
    "published",
    "published_statistics",
    "rule_from_frame",
    "suppress",
    "suppressed_fields",
    "uncovered_fields",
]
