"""The locale QGIS runs in and the Qt translator of the plugin: the one place
that knows which language the user reads (every lower layer asks here)."""

from __future__ import annotations

import os

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

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
