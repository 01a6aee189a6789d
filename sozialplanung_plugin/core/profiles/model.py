"""What a profile atlas prints, as data: one :class:`UnitProfile` per unit
with an :class:`IndicatorRow` per catalogue indicator, the classes of the
cover map (:class:`MapClass`), the whole :class:`ProfileBook`, and the
:class:`Line` s of the printed table."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from .. import suppression as cs
from ..burden import BURDENED, PARTICULARLY, UNREMARKABLE
from ..catalogue import Indicator
from ..errors import UserError
from ..i18n import tr
from .texts import FLAGGED, date_text

#: bar directions of the deviation chart
ADVERSE, FAVOURABLE, NEUTRAL = "adverse", "favourable", "neutral"
#: the chart's scale: ratio 100 (= city) in the middle, 0 and RATIO_MAX at the ends
RATIO_MAX = 200.0

ORDERS = ("key", "name", "rank")
COVER_MAPS = ("burden", "status", "dynamics")
BURDEN_ORDER = (UNREMARKABLE, BURDENED, PARTICULARLY)

#: the printed value columns (the change column ends with the trend arrow)
COLUMNS = ("value", "reference", "difference", "flag", "change")


class ProfileError(UserError):
    """The input cannot make a profile (names the field or the indicator)."""


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
    levels: dict[str, str] = field(default_factory=dict)  # comparison field -> the group's value, as printed
    series: list[float | None] = field(default_factory=list)  # published values, one per year of the series
    estimated: bool = False  # the printed value rests on a count estimated by interpolateunits (<count>_est)
    series_estimated: list[bool] = field(default_factory=list)  # per year of the series: the value is an estimate

    @property
    def flagged(self) -> bool:
        return self.flag == FLAGGED


@dataclass
class Watch:
    """The early warning of a unit as printed (sozialplanung:monitoring)."""

    flag: int | None  # 1 on the watch list, 0 not, None unknown or withheld
    since: int | None = None
    reason: str = ""  # the layer's watch_reason (German, as the monitoring wrote it)
    sign: str | None = None  # printed instead of the flag when it is missing or withheld
    text: str = ""  # the line of the profile page


@dataclass
class CitySeries:
    """The years of one indicator's series and the city's value r(t) in each (NaN unknown)."""

    years: list[int]
    reference: list[float]


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
    watch: Watch | None = None  # the early warning of sozialplanung:monitoring (None: not in the layer)
    supply: list[dict] = field(default_factory=list)  # per category of facilitysupply: the printed cells
    supply_gap: str = ""  # the line of the supply gap ('' without supply_gap)
    action_fields: str = ""  # classifyburden's action_fields ('; '-separated topics), '' without or withheld

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
    has_action_fields: bool = False  # the layer has classifyburden's action_fields
    supply_categories: list[str] = field(default_factory=list)  # facilitysupply's categories in the layer
    supply_catchment: bool = False  # a category has <c>_access_ratio (catchment method)
    supply_labels: dict = field(default_factory=dict)  # category -> printed name (<c>_label, else the id)
    has_estimates: bool = False  # a printed value or series point is an estimate (the legend explains the mark)
    core_count: int = 0
    #: comparison fields of computeindicators' COMPARE_FIELDS (<id>_ref_<F>) and their column headings
    levels: list[str] = field(default_factory=list)
    level_labels: dict[str, str] = field(default_factory=dict)
    #: per indicator id with a series (two years or more): its years and the city's values
    series: dict[str, CitySeries] = field(default_factory=dict)
    has_watch: bool = False
    watch_rule: str = ""
    watch_list: list[UnitProfile] = field(default_factory=list)  # units with a page on the watch list
    watch_pages: int = 0
    list_pages: int = 0
    total_pages: int = 0
    warnings: list[str] = field(default_factory=list)

    def T(self, text: str, **kw) -> str:  # noqa: N802 (as in the templates)
        out = tr(text, self.lang)
        return out.format(**kw) if kw else out

    @property
    def series_years(self) -> list[int]:
        """Every year of any series: the shared x scale of the sparklines."""
        return sorted({y for s in self.series.values() for y in s.years})

    @property
    def has_series(self) -> bool:
        return bool(self.series)

    @property
    def has_supply_table(self) -> bool:
        """A page has a supply table (facilitysupply's categories or its supply gap)."""
        return any(u.supply or u.supply_gap for u in self.pages)

    def level_label(self, f: str) -> str:
        return self.level_labels.get(f) or f

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


@dataclass
class Line:
    """A line of the printed table, shared by every page."""

    kind: str  # "topic", "indicator", "more" (wrapped label), "spacer"
    text: str = ""
    row: int | None = None  # index into UnitProfile.rows for "indicator" lines
