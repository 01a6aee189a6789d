"""The language the user reads, and the one path by which a text is translated.

* ``language()``: 'de' or 'en', from the locale QGIS runs in (the only
  language getter; the core never asks, it is given ``lang``).
* Texts of the Processing dialogs and the GUI: ``self.tr()`` /
  ``QCoreApplication.translate(context, text)``, extracted by ``make
  translations`` into ``i18n/sozialplanung_de.ts`` and compiled to ``.qm``.
* Texts of the adapters that the core may also write (legends, print
  captions): ``tr(context, text)``: the ``.qm`` first, then the core's table.
* Texts the core writes (reports, reasons, notes): ``core.i18n.tr(text,
  lang)`` with the ``lang`` the adapter passes in.
"""

from __future__ import annotations

import os

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

from sozialplanung_plugin.core import i18n

PLUGIN_DIR = os.path.dirname(__file__)

_translator: QTranslator | None = None
_locale_override: str | None = None


def set_locale(name: str | None) -> None:
    """Run in this locale regardless of the settings (scripts, the demo)."""
    global _locale_override
    _locale_override = name


def qgis_locale() -> str:
    """The locale QGIS runs in ('de_DE', 'en_US', ...)."""
    if _locale_override:
        return _locale_override
    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        name = settings.value("locale/userLocale", "", type=str)
        if name:
            return name
    name = settings.value("locale/userLocale", "", type=str)
    return name or QLocale().name()


def install_translator() -> None:
    """Load i18n/sozialplanung_<lang>.qm once, for the locale QGIS runs in."""
    global _translator
    if _translator is not None:
        return
    lang = qgis_locale()[:2]
    path = os.path.join(PLUGIN_DIR, "i18n", f"sozialplanung_{lang}.qm")
    if os.path.exists(path):
        tr = QTranslator()
        if tr.load(path):
            QCoreApplication.installTranslator(tr)
            _translator = tr


def language() -> str:
    """'de' when QGIS runs in German, else 'en'."""
    return i18n.language(qgis_locale())


def tr(context: str, text: str, lang: str | None = None) -> str:
    """``text`` in the user's language (or ``lang``, e.g. a document's): Qt's
    translation (the .qm) under ``context``, else the core's table, else the
    English text."""
    q = QCoreApplication.translate(context, text)
    if q != text:
        return q
    return i18n.tr(text, lang or language())
