"""Texts of a page and of the ranked list, from published values only: the
burden class and why in plain words, the index classes, the footnotes for
every sign on the page, and the captions (legend, ranking note, page
numbers) in the print language."""

from __future__ import annotations

from .. import fields as fn
from .. import i18n
from .. import suppression as cs
from ..burden import UNDECIDED
from ..composite import NOT_CLASSIFIED
from ..signs import sign_meaning
from .model import ProfileBook, UnitProfile, Watch
from .published import SUPPLY_GAP, SUPPLY_GAP_REASON, WATCH_FLAG, WATCH_REASON, WATCH_SINCE, PublishedFields
from .texts import ESTIMATE_MARK, NO_INFO, class_text, display_sign, number_or_none, text_or_none


def spark_legend(book: ProfileBook) -> str:
    years = book.series_years
    span = f"{years[0]}–{years[-1]}" if years else ""
    return book.T(
        "Lines: the unit's values {years} (dark, dot: latest year) and the city's (grey), on one scale per row.",
        years=span,
    )


# --------------------------------------------------------------------------
# the burden class in words


def flagged_list(book: ProfileBook, u: UnitProfile) -> str:
    """'SGB II-Quote 24,1 % (city 11,2 %); ...': the flagged core indicators."""
    parts = []
    for r in u.rows:
        if r.indicator.core and r.flagged:
            parts.append(
                book.T(
                    "{label} {value} (city {reference})", label=r.indicator.name, value=r.value, reference=r.reference
                )
            )
    return "; ".join(parts)


def burden_text(book: ProfileBook, u: UnitProfile) -> tuple[str, str]:
    """The burden class and why, in plain words, from published values only."""
    if not book.has_burden:
        return "", ""
    if u.burden_class is None:
        return _unknown_burden_text(book, u)
    head = class_text(u.burden_class, book.lang)
    head = head[:1].upper() + head[1:]
    if u.burden_class == UNDECIDED:
        return head, _undecided_text(book, u)
    k = book.core_count
    flagged = sum(1 for r in u.rows if r.indicator.core and r.flagged)
    if flagged == 0:
        return head, book.T("none of the {k} core indicators deviates adversely beyond the threshold.", k=k)
    text = book.T("{n} of {k} core indicators deviate adversely beyond the threshold", n=flagged, k=k)
    return head, f"{text}: {flagged_list(book, u)}."


def _unknown_burden_text(book: ProfileBook, u: UnitProfile) -> tuple[str, str]:
    """A class that is not published: withheld, or missing with its sign."""
    head = book.T("Burden class")
    if book.rule is not None and u.burden_sign == book.rule.sign:
        return head, book.T("withheld for data protection ({sign}).", sign=u.burden_sign)
    return head, book.T("no value ({sign}).", sign=u.burden_sign or NO_INFO)


def _undecided_text(book: ProfileBook, u: UnitProfile) -> str:
    """Why the class is 'not assessable': the core indicators without a value."""
    gaps = [r.indicator.name for r in u.rows if r.indicator.core and r.missing is not None]
    text = book.T("values are missing for {n} of {k} core indicators", n=len(gaps), k=book.core_count)
    if gaps:
        text += " (" + ", ".join(gaps) + ")"
    if any(r.indicator.core and r.flagged for r in u.rows):
        text += "; " + book.T("flagged: {list}", list=flagged_list(book, u))
    return text + "."


# --------------------------------------------------------------------------
# the index classes

_INDEX_FIELDS = (
    ("status", fn.STATUS_CLASS, fn.STATUS_LABEL),
    ("dynamics", fn.DYNAMICS_CLASS, fn.DYNAMICS_LABEL),
)


def index_texts(book: ProfileBook, f: PublishedFields, i: int, withheld: dict) -> tuple[dict[str, str], list[str]]:
    """Published status and dynamics classes of unit ``i`` in words (or the
    sign), and the signs used."""
    out: dict[str, str] = {}
    signs: list[str] = []
    for kind, cls_field, label_field in _INDEX_FIELDS:
        if not f.has(label_field) and not f.has(cls_field):
            continue
        if withheld[kind][i]:
            out[kind] = f.rule.sign
            signs.append(f.rule.sign)
            continue
        label = text_or_none(f.values(label_field)[i]) if f.has(label_field) else None
        cls = number_or_none(f.values(cls_field)[i]) if f.has(cls_field) else None
        if label is None and cls is None:
            sign = _missing_sign(f, label_field if f.has(label_field) else cls_field, i)
            out[kind] = display_sign(sign)
            signs.append(text_or_none(sign) or NO_INFO)
            continue
        text = class_text(label, book.lang) if label else ""
        if kind == "status" and cls is not None and label != NOT_CLASSIFIED:
            text = f"{int(cls)} {text}".strip()
        out[kind] = text
    return out, signs


def _missing_sign(f: PublishedFields, name: str, i: int):
    """The sign of a missing class: its sign field, or the rule's sign when a mark withheld it."""
    sign = f.signs(name)[i]
    if text_or_none(sign) is None and f.hidden(name)[i] and f.rule is not None:
        sign = f.rule.sign
    return sign


def index_line(book: ProfileBook, u: UnitProfile) -> str:
    """'Status index: 4 sehr niedrig · Dynamics index: stabil'."""
    parts = []
    if u.status_text:
        parts.append(f"{book.T('Status index')}: {u.status_text}")
    if u.dynamics_text:
        parts.append(f"{book.T('Dynamics index')}: {u.dynamics_text}")
    return " · ".join(parts)


# --------------------------------------------------------------------------
# footnotes


def _printed_signs(u: UnitProfile) -> list[str]:
    """Every sign of the unit's page: rows, burden class, index classes."""
    signs = [s for r in u.rows for s in r.signs]
    if u.burden_sign:
        signs.append(u.burden_sign)
    return signs + u.index_signs


def notes(book: ProfileBook, u: UnitProfile) -> list[str]:
    """Footnotes for every sign printed on the unit's page."""
    seen: dict[str, str] = {}
    codes: list[str] = []  # numeric source codes printed as NO_INFO
    for s in _printed_signs(u):
        shown = display_sign(s)
        if shown == NO_INFO and s != NO_INFO and s not in codes:
            codes.append(s)
        seen.setdefault(shown, s)
    rule = book.rule
    first = rule.sign if rule else None
    return [_footnote(book, shown, codes) for shown in sorted(seen, key=lambda x: (x != first, x))]


def _footnote(book: ProfileBook, shown: str, codes: list[str]) -> str:
    """The footnote of one printed sign: the rule, 'k.A.' with its source codes, or the sign's meaning."""
    rule = book.rule
    if rule is not None and shown == rule.sign:
        return cs.footnote(rule, book.lang)
    if shown == NO_INFO:
        text = f"{NO_INFO} {book.T('no information')}"
        if codes:
            text += " (" + book.T("coded {codes} in the source", codes=", ".join(codes)) + ")"
        return text
    return f"{shown} {sign_meaning(shown, book.lang)}"


# --------------------------------------------------------------------------
# the ranked list and captions


def flags_text(book: ProfileBook, u: UnitProfile) -> str:
    """'3 of 6' flagged core indicators (published), '' without burden fields."""
    if not book.has_burden or u.burden_class is None or u.burden_flags is None:
        return ""
    return book.T("{n} of {k}", n=int(u.burden_flags), k=book.core_count)


def page_text(book: ProfileBook, page: int) -> str:
    return book.T("Page {n} of {total}", n=page, total=book.total_pages)


def unit_class(book: ProfileBook, u: UnitProfile) -> str:
    """The burden class as printed in the list: the label, or the sign."""
    if u.burden_class is not None:
        return class_text(u.burden_class, book.lang)
    return u.burden_sign or NO_INFO


def list_notes(book: ProfileBook, action_numbers: bool = False) -> str:
    """Footnote of the ranked list: the signs its class and index columns show
    (``action_numbers``: the fields of action are printed as numbers; their key first)."""
    signs = []
    for u in book.ranking:
        if book.has_burden and u.burden_class is None:
            signs.append(u.burden_sign or NO_INFO)
        signs += u.index_signs
    fake = UnitProfile(fid=None, key="", name="", rows=[])
    fake.burden_sign = None
    fake.index_signs = list(dict.fromkeys(signs))
    key = [action_key(book)] if action_numbers and book.has_action_fields and action_key(book) else []
    return "  ".join(key + notes(book, fake))


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
    for lv in book.levels:
        out.append(book.T("{label}: the value of the unit's group in {field}.", label=book.level_label(lv), field=lv))
    if book.has_series:
        out.append(spark_legend(book))
    if book.has_estimates:
        out.append(estimate_legend(book))
    if book.supply_categories:
        out.append(supply_legend(book))
    out.append(
        book.T(
            "Bars: the unit's value as a ratio of the city-wide value (city = 100, scale 0 to 200); "
            "solid dark: adverse direction, outlined: favourable direction, grey: context indicator "
            "without direction; ► beyond 200; no bar for values that can be negative (changes)."
        )
    )
    return out


# --------------------------------------------------------------------------
# the early warning (sozialplanung:monitoring)

i18n.register(
    {
        "Early warning": "Frühwarnung",
        "on the watch list since {year}": "auf der Beobachtungsliste seit {year}",
        "on the watch list": "auf der Beobachtungsliste",
        "not on the watch list": "nicht auf der Beobachtungsliste",
        "withheld for data protection ({sign})": "aus Datenschutzgründen nicht veröffentlicht ({sign})",
        "no value ({sign})": "kein Wert ({sign})",
        "Lines: the unit's values {years} (dark, dot: latest year) and the city's (grey), "
        "on one scale per row.": "Linien: die Werte der Einheit {years} (dunkel, Punkt: letztes Jahr) und der "
        "Stadt (grau), je Zeile auf einer Skala.",
        "Watch list (early warning)": "Beobachtungsliste (Frühwarnung)",
        "Units on the watch list of sozialplanung:monitoring (watch_flag = 1), most flagged core indicators "
        "first, then the longest watched; the reasons as the monitoring wrote them.": "Einheiten auf der "
        "Beobachtungsliste des Sozialmonitorings (watch_flag = 1), zuerst die mit den meisten auffälligen "
        "Kernindikatoren, dann die am längsten beobachteten; die Gründe, wie das Monitoring sie schrieb.",
        "{label}: the value of the unit's group in {field}.": "{label}: der Wert der Gruppe der Einheit in {field}.",
        "No unit with a profile is on the watch list.": "Keine Einheit mit Profil steht auf der Beobachtungsliste.",
    }
)


def watch_of(book: ProfileBook, f: PublishedFields, i: int, small: bool) -> Watch:
    """The published early warning of unit ``i`` (``small``: below MIN_POPULATION)."""
    rule = f.rule
    if small and rule is not None:
        w = Watch(None, sign=rule.sign)
    else:
        flag = number_or_none(f.values(WATCH_FLAG)[i])
        if flag is None:
            sign = f.signs(WATCH_FLAG)[i]
            if text_or_none(sign) is None and f.hidden(WATCH_FLAG)[i] and rule is not None:
                sign = rule.sign
            w = Watch(None, sign=display_sign(sign))
        else:
            since = number_or_none(f.values(WATCH_SINCE)[i]) if f.has(WATCH_SINCE) else None
            reason = text_or_none(f.values(WATCH_REASON)[i]) if f.has(WATCH_REASON) else None
            w = Watch(int(flag >= 1), int(since) if since is not None else None, (reason or "").replace(" | ", " · "))
    w.text = watch_text(book, w)
    return w


def watch_text(book: ProfileBook, w: Watch) -> str:
    """'Early warning: on the watch list since 2022 – reason' (the print language; the reason is German)."""
    head = book.T("Early warning")
    if w.flag is None:
        if book.rule is not None and w.sign == book.rule.sign:
            return f"{head}: {book.T('withheld for data protection ({sign})', sign=w.sign)}"
        return f"{head}: {book.T('no value ({sign})', sign=w.sign or NO_INFO)}"
    if w.flag == 1:
        state = book.T("on the watch list since {year}", year=w.since) if w.since else book.T("on the watch list")
    else:
        state = book.T("not on the watch list")
    return f"{head}: {state}" + (f" – {w.reason}" if w.reason else "")


# --------------------------------------------------------------------------
# the fields of action (classifyburden's action_fields) in the ranked list

i18n.register(
    {
        "Fields of action": "Handlungsfelder",
        "Fields of action (topics with a flagged core indicator): {key}.": "Handlungsfelder (Themen mit einem "
        "markierten Kernindikator): {key}.",
    }
)


def action_topics(book: ProfileBook) -> list[str]:
    """The topics named in the units' action_fields, in the catalogue's order (then as they appear)."""
    named = {t.strip() for u in book.ranking for t in u.action_fields.split(";") if t.strip()}
    order = [t for t, _ in book.topics if t in named]
    for u in book.ranking:
        for t in (x.strip() for x in u.action_fields.split(";")):
            if t and t not in order:
                order.append(t)
    return order


def action_codes(book: ProfileBook, u: UnitProfile) -> str:
    """The unit's fields of action as the numbers of :func:`action_topics` ('1, 3')."""
    topics = action_topics(book)
    return ", ".join(str(topics.index(t) + 1) for t in (x.strip() for x in u.action_fields.split(";")) if t)


def action_key(book: ProfileBook) -> str:
    """The key of the numbers: 'Fields of action (…): 1 Arbeit und Transferbezug, 2 …'."""
    topics = action_topics(book)
    if not topics:
        return ""
    return book.T(
        "Fields of action (topics with a flagged core indicator): {key}.",
        key=", ".join(f"{k} {t}" for k, t in enumerate(topics, start=1)),
    )


# --------------------------------------------------------------------------
# estimates (sozialplanung:interpolateunits, <count>_est)

i18n.register(
    {
        "{mark} estimate: the value rests on a count that sozialplanung:interpolateunits carried over from "
        "other units (more than 1 % of it estimated).": "{mark} geschätzt: der Wert beruht auf einer Zahl, die "
        "sozialplanung:interpolateunits aus anderen Raumeinheiten übertragen hat (mehr als 1 % davon geschätzt).",
        " Hollow point in the line: an estimated year.": " Hohler Punkt in der Linie: ein geschätztes Jahr.",
    }
)


def estimate_legend(book: ProfileBook) -> str:
    """How estimated values are marked (the value's superscript e, the line's hollow point)."""
    text = book.T(
        "{mark} estimate: the value rests on a count that sozialplanung:interpolateunits carried over from "
        "other units (more than 1 % of it estimated).",
        mark=ESTIMATE_MARK,
    )
    if any(any(r.series_estimated) for u in book.units if u.included for r in u.rows):
        text += book.T(" Hollow point in the line: an estimated year.")
    return text


# --------------------------------------------------------------------------
# the supply of facilities (sozialplanung:facilitysupply)

i18n.register(
    {
        "Supply": "Versorgung",
        "Category": "Kategorie",
        "Facilities": "Einrichtungen",
        "Capacity": "Kapazität",
        "per 1,000": "je 1.000",
        "Distance": "Entfernung",
        "Access ratio": "Erreichbarkeit",
        "Supply gap": "Versorgungslücke",
        "burdened and below the city": "belastet und unter dem Stadtwert",
        "no supply gap": "keine Versorgungslücke",
        "not known ({sign})": "nicht bekannt ({sign})",
        "Supply: facilities and their capacity in the unit; per 1,000 of the target population beside the "
        "city's value; distance: mean distance of the target population to the nearest facility": "Versorgung: "
        "Einrichtungen und ihre Kapazität in der Einheit; je 1.000 der Zielbevölkerung neben dem Stadtwert; "
        "Entfernung: mittlere Entfernung der Zielbevölkerung zur nächsten Einrichtung",
        "; access ratio: places within reach (catchment) as a ratio of the city's (city = 100, "
        "lower = worse)": "; Erreichbarkeit: erreichbare Plätze (Einzugsbereich) im Verhältnis zur Stadt "
        "(Stadt = 100, niedriger = schlechter)",
    }
)

#: the columns of the supply table (without "access" when no category has a catchment)
SUPPLY_COLUMNS = ("category", "n", "cap", "per1000", "ref", "dist", "access")


def supply_headers(book: ProfileBook) -> dict[str, str]:
    """The headers of the supply table's columns, in printed order."""
    out = {
        "category": book.T("Supply"),
        "n": book.T("Facilities"),
        "cap": book.T("Capacity"),
        "per1000": book.T("per 1,000"),
        "ref": book.T("City"),
        "dist": book.T("Distance"),
    }
    if book.supply_catchment:
        out["access"] = book.T("Access ratio")
    return out


def supply_legend(book: ProfileBook) -> str:
    text = book.T(
        "Supply: facilities and their capacity in the unit; per 1,000 of the target population beside the "
        "city's value; distance: mean distance of the target population to the nearest facility"
    )
    if book.supply_catchment:
        text += book.T(
            "; access ratio: places within reach (catchment) as a ratio of the city's (city = 100, lower = worse)"
        )
    return text + "."


def supply_of(book: ProfileBook, f: PublishedFields, i: int, small: bool) -> tuple[list[dict], str]:
    """The supply table of unit ``i`` (a dict of cell texts per category) and
    its supply gap line. ``small``: below MIN_POPULATION, the unit publishes no
    rates (per 1,000, access ratio) but its facilities and their capacity."""
    from ..numbers import count, number

    rule = f.rule

    def sign_of(name: str) -> str:
        if small and rule is not None:
            return rule.sign
        sign = f.signs(name)[i] if f.has(name) else None
        if text_or_none(sign) is None and f.has(fn.sign_of(name)):
            sign = f.values(fn.sign_of(name))[i]
        return display_sign(sign) if text_or_none(sign) else NO_INFO

    def num(name: str, decimals: int, rate: bool = True, unit: str = "") -> str:
        if not f.has(name):
            return ""
        v = number_or_none(f.values(name)[i])
        if v is None or (rate and small and rule is not None):
            return sign_of(name)
        text = count(round(v)) if decimals == 0 else number(v, decimals)
        return f"{text} {unit}".strip()

    lines = []
    for c in book.supply_categories:
        lines.append(
            {
                "category": book.supply_labels.get(c, c),
                "n": num(f"{c}_n", 0, rate=False),
                "cap": num(f"{c}_cap", 0, rate=False),
                "per1000": num(f"{c}_per1000", 1),
                "ref": num(f"{c}_ref", 1, rate=False),
                "dist": num(f"{c}_dist_m", 0, rate=False, unit="m"),
                "access": num(f"{c}_access_ratio", 0),
            }
        )
    gap = ""
    if f.has(SUPPLY_GAP):
        g = number_or_none(f.values(SUPPLY_GAP)[i])
        head = book.T("Supply gap")
        if small and rule is not None:
            gap = f"{head}: {book.T('withheld for data protection ({sign})', sign=rule.sign)}"
        elif g is None:
            gap = f"{head}: {book.T('not known ({sign})', sign=sign_of(SUPPLY_GAP))}"
        elif g >= 1:
            reason = text_or_none(f.values(SUPPLY_GAP_REASON)[i]) if f.has(SUPPLY_GAP_REASON) else None
            gap = f"{head}: {reason or book.T('burdened and below the city')}"
        else:
            gap = f"{head}: {book.T('no supply gap')}"
    return lines, gap
