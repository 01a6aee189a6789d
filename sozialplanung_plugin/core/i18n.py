"""Translations of the texts that the pure core writes (reports, labels,
footnotes). The GUI and the Processing texts are translated by Qt (``i18n/``);
the core cannot use Qt, so it carries its own small table. English is the
source language; ``lang="de"`` gives German.
"""

from __future__ import annotations

_DE: dict[str, str] = {}


def register(pairs: dict[str, str]) -> None:
    _DE.update(pairs)


def tr(text: str, lang: str = "en") -> str:
    if lang == "de":
        return _DE.get(text, text)
    return text


# Fragments of the reader's and the join's messages, translated in reports.
_FRAGMENTS_DE = [
    ("title line(s) above the header skipped", "Titelzeile(n) über der Kopfzeile übersprungen"),
    ("header spread over two lines combined", "zweizeilige Kopfzeile zusammengefasst"),
    ("note row skipped", "Anmerkungszeile übersprungen"),
    ("kept apart from the units", "von den Raumeinheiten getrennt gehalten"),
    ("total row", "Summenzeile"),
    ("more note rows skipped", "weitere Anmerkungszeilen übersprungen"),
    ("occurs twice in the header; the second is read as", "steht zweimal in der Kopfzeile; die zweite heißt"),
    ("column name", "Spaltenname"),
    (
        "long table (unit, year, indicator, value) turned into",
        "lange Tabelle (Einheit, Jahr, Indikator, Wert) umgeformt in",
    ),
    ("long table (unit, indicator, value) turned into", "lange Tabelle (Einheit, Indikator, Wert) umgeformt in"),
    ("columns", "Spalten"),
    ("is written as", "wird geschrieben als"),
    ("because the layer has a field", "weil der Layer schon ein Feld hat"),
    ("table column", "Tabellenspalte"),
    ("leading zeros", "führende Nullen"),
    ("whitespace", "Leerzeichen"),
    ("number vs. text", "Zahl statt Text"),
    ("case", "Groß-/Kleinschreibung"),
    ("(no key)", "(ohne Schlüssel)"),
    ("line ", "Zeile "),
    ("row ", "Zeile "),
]


def tr_fragments(text: str, lang: str = "en") -> str:
    """Translate a message assembled from known fragments (reports only)."""
    if lang != "de" or not text:
        return text
    for en, de in _FRAGMENTS_DE:
        text = text.replace(en, de)
    return text


def language(locale_name: str | None) -> str:
    """'de' for a German locale ('de', 'de_DE', 'de-AT'), else 'en'."""
    return "de" if (locale_name or "").lower().startswith("de") else "en"


register(
    {
        # join report
        "Join report": "Bericht zur Verknüpfung",
        "Table": "Tabelle",
        "Layer": "Layer",
        "Key column": "Schlüsselspalte",
        "Key field": "Schlüsselfeld",
        "Summary": "Übersicht",
        "Units in the layer": "Raumeinheiten im Layer",
        "Rows in the table": "Zeilen der Tabelle",
        "Matched units": "Verknüpfte Raumeinheiten",
        "Units without data": "Raumeinheiten ohne Daten",
        "Rows without unit": "Tabellenzeilen ohne Raumeinheit",
        "Near matches": "Beinahe-Treffer",
        "Total rows": "Summenzeilen",
        "Columns read": "Gelesene Spalten",
        "Cells with special signs": "Zellen mit Sonderzeichen",
        "Notes": "Hinweise",
        "Warnings": "Warnungen",
        "Duplicate keys in the layer": "Doppelte Schlüssel im Layer",
        "Column": "Spalte",
        "Type": "Typ",
        "Field": "Feld",
        "Sign": "Zeichen",
        "Meaning": "Bedeutung",
        "Count": "Anzahl",
        "Key": "Schlüssel",
        "Where": "Fundstelle",
        "Layer key": "Schlüssel im Layer",
        "Table key": "Schlüssel in der Tabelle",
        "Difference": "Unterschied",
        "joined (normalised keys)": "verknüpft (normalisierte Schlüssel)",
        "not joined: set NORMALIZE_KEYS to join these pairs": "nicht verknüpft: mit NORMALIZE_KEYS werden diese Paare verknüpft",
        "integer": "ganze Zahl",
        "number": "Zahl",
        "text": "Text",
        "Encoding": "Zeichenkodierung",
        "Separator": "Trennzeichen",
        "Decimal mark": "Dezimalzeichen",
        "Sheet": "Tabellenblatt",
        "none": "keine",
        "and {n} more": "und {n} weitere",
        "Signs are kept in the text field <column>_sign beside each numeric column.": "Die Zeichen stehen im Textfeld <Spalte>_sign neben der jeweiligen Zahlenspalte.",
        "Created": "Erstellt",
        "show list": "Liste anzeigen",
    }
)

register(
    {
        # legends of the indicator, burden and index styles (adapters/styles.py)
        "unremarkable": "unauffällig",
        "burdened": "belastet",
        "particularly burdened": "besonders belastet",
        "not assessable": "nicht bewertbar",
        "1 high status": "1 hoch",
        "2 medium status": "2 mittel",
        "3 low status": "3 niedrig",
        "4 very low status": "4 sehr niedrig",
        "positive": "positiv",
        "stable": "stabil",
        "negative": "negativ",
        "not classified": "nicht klassifiziert",
        "no value": "kein Wert",
        "{a} to {b}": "{a} bis {b}",
        "Class {c} of {k}": "Klasse {c} von {k}",
        "(lowest burden)": "(geringste Belastung)",
        "(highest burden)": "(höchste Belastung)",
        "below {a}": "unter {a}",
        "{a} to under {b}": "{a} bis unter {b}",
        "from {a}": "ab {a}",
        "1st quartile (0 to 0.25)": "1. Quartil (0 bis 0,25)",
        "2nd quartile (over 0.25 to 0.50)": "2. Quartil (über 0,25 bis 0,50)",
        "3rd quartile (over 0.50 to 0.75)": "3. Quartil (über 0,50 bis 0,75)",
        "4th quartile (over 0.75, most burdened)": "4. Quartil (über 0,75; höchste Belastung)",
        "Decile {c}": "{c}. Dezil",
        "(least deprived)": "(geringste Benachteiligung)",
        "(most deprived)": "(höchste Benachteiligung)",
    }
)

# data protection (core/suppression/rule.py)
register(
    {
        "Counts below {n} are withheld ({sign})": "Fallzahlen unter {n} sind geheim gehalten ({sign})",
        "Counts below {n}, zeros included, are withheld ({sign})": "Fallzahlen unter {n} einschließlich 0 sind geheim gehalten ({sign})",
        "no rates are published for units with fewer than {p} inhabitants ({field})": "für Raumeinheiten unter {p} Einwohnern ({field}) werden keine Quoten veröffentlicht",
        "totals per {group}": "Summen je {group}",
        "totals of the whole area": "Summen über das gesamte Gebiet",
        "further values are withheld (secondary suppression) so that no withheld value can be calculated from totals": "weitere Werte sind sekundär geheim gehalten, damit sich kein geheimer Wert aus Summen errechnen lässt",
        "also across the categories of {names}": "auch über die Kategorien von {names}",
        "across {n} sums found in the data": "über {n} in den Daten gefundene Summen",
        "values computed from withheld counts (rates, differences, flags, classes) are withheld too": "daraus berechnete Werte (Quoten, Abweichungen, Markierungen, Klassen) sind ebenfalls geheim gehalten",
        "withheld for data protection": "geheim gehalten (Datenschutz)",
    }
)

# district profiles and print maps (core/profiles/, adapters/layouts.py)
register(
    {
        "District profile": "Sozialraumprofil",
        "District profiles": "Sozialraumprofile",
        "As of {date}": "Stand: {date}",
        "{n} units": "{n} Raumeinheiten",
        "Units": "Raumeinheiten",
        "Class": "Klasse",
        "Burden class": "Belastungsklasse",
        "Burden rule": "Belastungsregel",
        "Source": "Quelle",
        "Rank": "Rang",
        "Name": "Name",
        "Index": "Index",
        "Page": "Seite",
        "Page {n} of {total}": "Seite {n} von {total}",
        "{n} of {k}": "{n} von {k}",
        "Flagged": "Markiert",
        "Status": "Status",
        "Dynamics": "Dynamik",
        "Ranked list of units": "Rangfolge der Raumeinheiten",
        "Indicator": "Indikator",
        "Value": "Wert",
        "City": "Stadt",
        "Diff.": "Differenz",
        "Core": "Kern",
        "Change": "Veränderung",
        "Ratio to the city (city = 100)": "Verhältnis zur Stadt (Stadt = 100)",
        "city = 100": "Stadt = 100",
        "Data protection": "Datenschutz",
        "{label}: city-wide value": "{label}: gesamtstädtischer Wert",
        "{label}: difference to the city-wide value": "{label}: Differenz zum gesamtstädtischen Wert",
        "{label}: ratio to the city-wide value (city = 100)": "{label}: Verhältnis zum gesamtstädtischen Wert (Stadt = 100)",
        "{label}: z-score": "{label}: z-Wert",
        "{label}: percentile rank": "{label}: Perzentilrang",
        "{label}: change": "{label}: Veränderung",
        "{label}: change of the city-wide value": "{label}: Veränderung des gesamtstädtischen Werts",
        "Overview map": "Übersichtskarte",
        "Overview maps": "Übersichtskarten",
        "Classes: quantiles (about the same number of units per class); darker = more burdened.": "Klassen: Quantile (etwa gleich viele Raumeinheiten je Klasse); dunkler = stärker belastet.",
        "Classes: quantiles (about the same number of units per class); darker = higher values.": "Klassen: Quantile (etwa gleich viele Raumeinheiten je Klasse); dunkler = höhere Werte.",
        "the unit": "die Raumeinheit",
        "neighbouring units": "benachbarte Raumeinheiten",
        "Overview": "Übersicht",
        "{n} profiles": "{n} Profile",
        "Status index": "Statusindex",
        "Dynamics index": "Dynamikindex",
        "no information": "keine Angabe",
        "coded {codes} in the source": "in der Quelle als {codes} gekennzeichnet",
        "withheld ({sign})": "geheim gehalten ({sign})",
        "flagged: {list}": "markiert: {list}",
        "{label} {value} (city {reference})": "{label} {value} (Stadt {reference})",
        "withheld for data protection ({sign}).": "aus Datenschutzgründen geheim gehalten ({sign}).",
        "no value ({sign}).": "kein Wert ({sign}).",
        "values are missing for {n} of {k} core indicators": "für {n} von {k} Kernindikatoren fehlen Werte",
        "none of the {k} core indicators deviates adversely beyond the threshold.": "keiner der {k} Kernindikatoren weicht über die Schwelle hinaus ungünstig ab.",
        "{n} of {k} core indicators deviate adversely beyond the threshold": "{n} von {k} Kernindikatoren weichen über die Schwelle hinaus ungünstig ab",
        "Data protection: no suppression rule is recorded in the layer (sozialplanung:suppress).": "Datenschutz: Im Layer ist keine Geheimhaltungsregel vermerkt (sozialplanung:suppress).",
        "Sorted by burden class, then by the number of flagged core indicators and the status index; units whose class is not known have no rank.": "Sortiert nach Belastungsklasse, dann nach der Zahl markierter Kernindikatoren und dem Statusindex; Raumeinheiten ohne bekannte Klasse haben keinen Rang.",
        "Sorted by the status index (most burdened first); units without an index have no rank.": "Sortiert nach dem Statusindex (am stärksten belastete zuerst); Raumeinheiten ohne Index haben keinen Rang.",
        "Sorted by key.": "Sortiert nach Schlüssel.",
        "Diff.: the unit's value minus the city-wide value (percentage points for %).": "Differenz: Wert der Raumeinheit minus gesamtstädtischer Wert (Prozentpunkte bei %).",
        "Core: ● core indicator flagged by the burden rule, ○ core indicator not flagged.": "Kern: ● Kernindikator nach der Belastungsregel markiert, ○ Kernindikator nicht markiert.",
        "Change{years}: ↗ rising, ↘ falling, → unchanged.": "Veränderung{years}: ↗ steigend, ↘ fallend, → unverändert.",
        "Bars: the unit's value as a ratio of the city-wide value (city = 100, scale 0 to 200); solid dark: adverse direction, outlined: favourable direction, grey: context indicator without direction; ► beyond 200; no bar for values that can be negative (changes).": "Balken: Wert der Raumeinheit im Verhältnis zum gesamtstädtischen Wert (Stadt = 100, Skala 0 bis 200); dunkel gefüllt: ungünstige Richtung, umrandet: günstige Richtung, grau: Kontextindikator ohne Richtung; ► über 200; kein Balken bei Werten, die negativ sein können (Veränderungen).",
    }
)

register(
    {
        # monitoring report (core/monitoring.py, templates/monitoring_report.html)
        "Monitoring report": "Bericht Sozialmonitoring",
        "Rule": "Regel",
        "Years": "Jahre",
        "Units": "Raumeinheiten",
        "Units on the watch list": "Raumeinheiten unter Beobachtung",
        "City-wide values": "Gesamtstädtische Werte",
        "Indicator": "Indikator",
        "Slope per year": "Trend je Jahr",
        "core indicator": "Kernindikator",
        "Watch list": "Beobachtungsliste",
        "Name": "Name",
        "Flags": "Auffällige Kernindikatoren",
        "since": "seit",
        "Reason": "Begründung",
        "No unit meets the rule.": "Keine Raumeinheit erfüllt die Regel.",
    }
)
