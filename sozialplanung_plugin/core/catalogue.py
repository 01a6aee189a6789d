"""The indicator catalogue (Indikatorenkatalog): one row per indicator.

A plain CSV/XLSX/ODS table that planners edit in a spreadsheet, read with
the same German conventions as the indicator tables. Column names may be
English or German (aliases below); case and surrounding spaces do not matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .tables import TableError, read_raw

# canonical column -> accepted names (lower case)
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "kürzel", "kuerzel", "kennung", "code"),
    "label": ("label", "bezeichnung", "name", "indikator"),
    "topic": ("topic", "thema", "themenfeld", "bereich", "dimension"),
    "numerator": ("numerator", "zähler", "zaehler"),
    "denominator": ("denominator", "nenner", "bezugsgröße", "bezugsgroesse"),
    "rate": ("rate", "quote", "anteil", "wertspalte"),
    "weight_column": ("weight_column", "gewichtungsspalte", "gewichtung", "bezugsbevölkerung", "bezugsbevoelkerung"),
    "multiplier": ("multiplier", "multiplikator", "faktor"),
    "polarity": ("polarity", "polarität", "polaritaet", "richtung"),
    "core": ("core", "kern", "kernindikator"),
    "weight": ("weight", "gewicht"),
    "threshold": ("threshold", "schwelle", "schwellenwert"),
    "unit": ("unit", "einheit"),
    "source": ("source", "quelle"),
    # Extensions beyond the basic catalogue:
    "index": ("index", "indextyp"),
    "breakdown": ("breakdown", "aufgliederung", "gliederung"),
    "reference": ("reference", "referenzwert", "gesamtwert"),
    "topic_weight": ("topic_weight", "themengewicht"),
    "decimals": ("decimals", "nachkommastellen", "dezimalstellen"),
}

_YES = {"yes", "ja", "j", "y", "1", "x", "true", "wahr", "kern", "core"}
_NO = {"no", "nein", "n", "0", "false", "falsch", "", "-"}
_POL_PLUS = {"+", "+1", "1", "positiv", "hoch = schlecht", "higher is worse", "negativ wenn hoch"}
_POL_MINUS = {"-", "-1", "–", "negativ", "hoch = gut", "higher is better"}
_POL_NEUTRAL = {"0", "", "neutral", "n", "kontext", "context"}
_INDEX = {
    "status": "status",
    "dynamics": "dynamics",
    "dynamik": "dynamics",
    "none": "none",
    "kein": "none",
    "keiner": "none",
    "-": "none",
    "": "none",
    "nein": "none",
    "no": "none",
}
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,30}$")
_YEAR_SUFFIX = re.compile(r"^(.+)_((?:19|20)\d\d)$")


class CatalogueError(TableError):
    pass


@dataclass
class Indicator:
    id: str
    label: str = ""
    topic: str = ""
    numerator: str | None = None
    denominator: str | None = None
    rate: str | None = None
    weight_column: str | None = None
    multiplier: float = 100.0
    polarity: int = 1  # +1: higher is worse, -1: higher is better, 0: neutral (context)
    core: bool = False
    weight: float = 1.0
    threshold: float | None = None
    unit: str = "%"
    source: str = ""
    index: str = "status"  # "status", "dynamics" or "none"
    breakdown: str | None = None
    reference: float | None = None
    topic_weight: float = 1.0
    decimals: int = 1
    line: int = 0

    @property
    def from_counts(self) -> bool:
        return self.numerator is not None

    @property
    def name(self) -> str:
        return self.label or self.id


@dataclass
class Catalogue:
    path: str
    indicators: list[Indicator] = field(default_factory=list)

    def __iter__(self):
        return iter(self.indicators)

    def __len__(self):
        return len(self.indicators)

    def get(self, ind_id: str) -> Indicator:
        for ind in self.indicators:
            if ind.id == ind_id:
                return ind
        raise KeyError(ind_id)

    @property
    def ids(self) -> list[str]:
        return [i.id for i in self.indicators]

    def core_indicators(self) -> list[Indicator]:
        return [i for i in self.indicators if i.core]

    def for_index(self, kind: str) -> list[Indicator]:
        return [i for i in self.indicators if i.index == kind]

    def topics(self) -> list[str]:
        return list(dict.fromkeys(i.topic for i in self.indicators))

    def breakdowns(self) -> dict[str, list[Indicator]]:
        out: dict[str, list[Indicator]] = {}
        for i in self.indicators:
            if i.breakdown:
                out.setdefault(i.breakdown, []).append(i)
        return out


def _num(text: str, what: str, where: str) -> float:
    t = text.strip().replace("\u00a0", "").replace(" ", "")
    if "," in t or re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+", t):
        # German: decimal comma, thousands dot ("1.000" is a thousand, as in "je 100.000")
        t = t.replace(".", "").replace(",", ".")
    try:
        return float(t)
    except ValueError:
        raise CatalogueError(f"{where}, column {what!r}: {text!r} is not a number") from None


def _default_unit(multiplier: float) -> str:
    if multiplier == 100:
        return "%"
    if multiplier == 1000:
        return "‰"
    if multiplier == 1:
        return ""
    return f"je {multiplier:,.0f}".replace(",", ".")


def header_columns(path: str, names: list[str]) -> dict[int, str]:
    """Column position -> canonical name (English or German header names)."""
    alias = {a: canon for canon, names_ in COLUMNS.items() for a in names_}
    colmap: dict[int, str] = {}
    for j, n in enumerate(names):
        key = n.strip().lower()
        if key not in alias:
            known = ", ".join(COLUMNS)
            raise CatalogueError(
                f"{path}: unknown column {n!r} in the catalogue (known columns: {known}; "
                f"German names such as Zähler, Nenner, Polarität, Kern, Gewicht, Thema work too)"
            )
        canon = alias[key]
        if canon in colmap.values():
            raise CatalogueError(f"{path}: column {canon!r} appears twice in the catalogue header")
        colmap[j] = canon
    if "id" not in colmap.values():
        raise CatalogueError(f"{path}: the catalogue needs a column 'id' (short name used in field names)")
    return colmap


def _checked_id(cells: dict, where: str, seen: dict[str, int], line: int) -> str:
    ind_id = cells.get("id", "")
    if not ind_id:
        raise CatalogueError(f"{where}: the indicator has no id")
    if not _ID.match(ind_id):
        raise CatalogueError(
            f"{where} (indicator {ind_id!r}): the id must start with a letter and hold only letters, digits "
            f"and '_' (at most 31 characters), because it becomes part of field names"
        )
    if ind_id in seen:
        raise CatalogueError(f"{where} (indicator {ind_id!r}): duplicate id {ind_id!r} (first on line {seen[ind_id]})")
    seen[ind_id] = line
    return ind_id


def _columns(ind: Indicator, cells: dict, where: str) -> None:
    """Where the indicator's data are: numerator/denominator or a ready rate."""
    ind.numerator = cells.get("numerator") or None
    ind.denominator = cells.get("denominator") or None
    ind.rate = cells.get("rate") or None
    ind.weight_column = cells.get("weight_column") or None
    if ind.numerator is None and ind.rate is None:
        raise CatalogueError(f"{where}: neither a numerator (count column) nor a rate column is given")
    if ind.numerator is not None and ind.rate is not None:
        raise CatalogueError(f"{where}: give either numerator/denominator or rate, not both")
    if ind.numerator is not None and ind.denominator is None:
        raise CatalogueError(f"{where}: numerator {ind.numerator!r} has no denominator column")
    if ind.denominator is not None and ind.numerator is None:
        raise CatalogueError(f"{where}: denominator {ind.denominator!r} has no numerator column")


def _direction(ind: Indicator, cells: dict, where: str) -> None:
    """Polarity and whether the indicator is a core indicator."""
    pol = cells.get("polarity", "+").lower() if "polarity" in cells else "+"
    if pol in _POL_PLUS:
        ind.polarity = 1
    elif pol in _POL_MINUS:
        ind.polarity = -1
    elif pol in _POL_NEUTRAL:
        ind.polarity = 0
    else:
        raise CatalogueError(
            f"{where}, column 'polarity': {cells['polarity']!r} is not '+' "
            f"(higher is worse), '-' (higher is better) or '0' (neutral)"
        )
    core = cells.get("core", "").lower()
    if core in _YES:
        ind.core = True
    elif core in _NO:
        ind.core = False
    else:
        raise CatalogueError(f"{where}, column 'core': {cells['core']!r} is not yes/no (ja/nein, 1/0, x/empty)")
    if ind.polarity == 0 and ind.core:
        raise CatalogueError(f"{where}: a neutral indicator (polarity 0) cannot be a core indicator")


def _numbers(ind: Indicator, cells: dict, where: str, has_index: bool) -> None:
    """Multiplier, weights, threshold, unit, index, reference, decimals."""
    if cells.get("multiplier"):
        ind.multiplier = _num(cells["multiplier"], "multiplier", where)
        if ind.multiplier <= 0:
            raise CatalogueError(f"{where}: the multiplier must be positive (100, 1000, 100000)")
    if cells.get("weight"):
        ind.weight = _num(cells["weight"], "weight", where)
        if ind.weight < 0:
            raise CatalogueError(f"{where}: the weight must not be negative")
    if cells.get("threshold"):
        ind.threshold = _num(cells["threshold"], "threshold", where)
    ind.unit = cells["unit"] if "unit" in cells and cells["unit"] else _default_unit(ind.multiplier)
    if ind.rate is not None and "unit" not in cells:
        ind.unit = "%"
    ind.source = cells.get("source", "")
    if has_index:
        idx = cells.get("index", "").lower()
        if idx not in _INDEX:
            raise CatalogueError(f"{where}, column 'index': {cells['index']!r} is not status, dynamics or none")
        ind.index = _INDEX[idx]
    ind.breakdown = cells.get("breakdown") or None
    if cells.get("reference"):
        ind.reference = _num(cells["reference"], "reference", where)
    if cells.get("topic_weight"):
        ind.topic_weight = _num(cells["topic_weight"], "topic_weight", where)
    if cells.get("decimals"):
        ind.decimals = int(_num(cells["decimals"], "decimals", where))


def indicator_of_row(cells: dict, where: str, line: int, seen: dict[str, int], has_index: bool) -> Indicator:
    """One catalogue row as an Indicator; every error names the file, line and id."""
    ind_id = _checked_id(cells, where, seen, line)
    where = f"{where} (indicator {ind_id!r})"
    ind = Indicator(id=ind_id, line=line)
    ind.label = cells.get("label", "") or ind_id
    ind.topic = cells.get("topic", "") or "Indikatoren"
    _columns(ind, cells, where)
    _direction(ind, cells, where)
    _numbers(ind, cells, where, has_index)
    return ind


def _check_breakdowns(cat: Catalogue) -> None:
    for name, members in cat.breakdowns().items():
        dens = {m.denominator for m in members}
        if None in dens or len(dens) != 1:
            raise CatalogueError(
                f"{cat.path}: breakdown {name!r}: all its indicators must be counts with the same "
                f"denominator (the published total the categories add up to); found "
                f"{sorted(str(d) for d in dens)}"
            )


def read_catalogue(path: str, sheet: str | None = None) -> Catalogue:
    """The indicator catalogue (Indikatorenkatalog) of a CSV, XLSX or ODS file."""
    names, rows, lines = read_raw(path, sheet)
    colmap = header_columns(path, names)
    has_index = "index" in colmap.values()
    cat = Catalogue(path=path)
    seen: dict[str, int] = {}
    for r, line in zip(rows, lines):
        cells = {canon: (r[j] if j < len(r) and r[j] is not None else "").strip() for j, canon in colmap.items()}
        if any(cells.values()):
            cat.indicators.append(indicator_of_row(cells, f"{path}, line {line}", line, seen, has_index))
    if not cat.indicators:
        raise CatalogueError(f"{path}: the catalogue has no indicators")
    _check_breakdowns(cat)
    return cat


@dataclass
class Columns:
    """The layer columns that hold one indicator in one year."""

    year: int | None
    numerator: str | None = None
    denominator: str | None = None
    rate: str | None = None
    weight: str | None = None

    @property
    def inputs(self) -> list[str]:
        return [c for c in (self.numerator, self.denominator, self.rate, self.weight) if c]


def resolve(ind: Indicator, columns: list[str]) -> list[Columns]:
    """Find the columns of an indicator, per year, ordered by year.

    A catalogue column ``sgb2`` matches the layer column ``sgb2`` (one year,
    ``year=None``) or the columns ``sgb2_2019``, ``sgb2_2020``, ... (several
    years; a year counts when all the indicator's columns exist for it). A
    weight column without year suffix serves every year.
    """
    cols = set(columns)
    wanted = [c for c in (ind.numerator, ind.denominator, ind.rate, ind.weight_column) if c]
    if all(c in cols for c in wanted):
        return [Columns(None, ind.numerator, ind.denominator, ind.rate, ind.weight_column)]
    main = [c for c in (ind.numerator, ind.denominator, ind.rate) if c]
    by_base: dict[str, set[int]] = {}
    for x in cols:
        m = _YEAR_SUFFIX.match(x)
        if m:
            by_base.setdefault(m.group(1), set()).add(int(m.group(2)))
    years = None
    for c in main:
        ys = by_base.get(c, set())
        if c in cols:
            continue
        years = ys if years is None else years & ys
    if not years:
        missing = [c for c in wanted if c not in cols]
        raise CatalogueError(
            f"indicator {ind.id!r} (catalogue line {ind.line}): column(s) {', '.join(map(repr, missing))} "
            f"not found in the layer, neither as such nor with a year suffix (e.g. '_2020')"
        )
    out = []

    def pick(c, y):
        if c is None:
            return None
        if f"{c}_{y}" in cols:
            return f"{c}_{y}"
        if c in cols:
            return c
        return None

    for y in sorted(years):
        w = pick(ind.weight_column, y)
        if ind.weight_column and w is None:
            continue
        out.append(Columns(y, pick(ind.numerator, y), pick(ind.denominator, y), pick(ind.rate, y), w))
    if not out:
        raise CatalogueError(f"indicator {ind.id!r}: weight column {ind.weight_column!r} not found for any year")
    return out


def parse_flag_value(v) -> bool:
    return str(v).strip().lower() in _YES
