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


def language(locale_name: str | None) -> str:
    """'de' for a German locale ('de', 'de_DE', 'de-AT'), else 'en'."""
    return "de" if (locale_name or "").lower().startswith("de") else "en"


register({
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
    "not joined: set NORMALIZE_KEYS to join these pairs":
        "nicht verknüpft: mit NORMALIZE_KEYS werden diese Paare verknüpft",
    "integer": "ganze Zahl",
    "number": "Zahl",
    "text": "Text",
    "Encoding": "Zeichenkodierung",
    "Separator": "Trennzeichen",
    "Decimal mark": "Dezimalzeichen",
    "Sheet": "Tabellenblatt",
    "none": "keine",
    "and {n} more": "und {n} weitere",
    "Signs are kept in the text field <column>_sign beside each numeric column.":
        "Die Zeichen stehen im Textfeld <Spalte>_sign neben der jeweiligen Zahlenspalte.",
    "Created": "Erstellt",
})
