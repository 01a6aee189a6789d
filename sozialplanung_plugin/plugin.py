"""The QGIS plugin object: translations, Processing provider, GUI entry points."""

from __future__ import annotations

import os

from qgis.core import QgsApplication, QgsSettings
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


class SozialplanungPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.panel_action = None
        self.panel = None
        install_translator()

    def initProcessing(self):  # noqa: N802
        from sozialplanung_plugin.processing.provider import SozialplanungProvider

        if self.provider is None:
            provider = SozialplanungProvider()
            # Another copy may be registered already (a script, a test session):
            # then this plugin neither owns nor removes the provider.
            if QgsApplication.processingRegistry().addProvider(provider):
                self.provider = provider

    def initGui(self):  # noqa: N802
        self.initProcessing()
        from qgis.PyQt.QtGui import QIcon
        from qgis.PyQt.QtWidgets import QAction

        from sozialplanung_plugin.paths import icon_path

        icon = QIcon(icon_path())
        self.panel_action = QAction(
            icon, QCoreApplication.translate("SozialplanungPlugin", "Sozialplanung panel"), self.iface.mainWindow()
        )
        self.panel_action.setCheckable(True)
        self.panel_action.toggled.connect(self.toggle_panel)
        self.iface.addPluginToMenu("&Sozialplanung", self.panel_action)
        self.iface.addToolBarIcon(self.panel_action)

    def toggle_panel(self, visible: bool) -> None:
        from qgis.PyQt.QtCore import Qt

        from sozialplanung_plugin.gui.panel import SozialplanungPanel

        if self.panel is None:
            self.panel = SozialplanungPanel(self.iface, self.iface.mainWindow())
            self.iface.addDockWidget(Qt.RightDockWidgetArea, self.panel)
            self.panel.visibilityChanged.connect(self.panel_action.setChecked)
        self.panel.setVisible(visible)

    def unload(self):
        if self.panel_action is not None:
            self.iface.removePluginMenu("&Sozialplanung", self.panel_action)
            self.iface.removeToolBarIcon(self.panel_action)
            self.panel_action = None
        if self.panel is not None:
            self.iface.removeDockWidget(self.panel)
            self.panel.deleteLater()
            self.panel = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
