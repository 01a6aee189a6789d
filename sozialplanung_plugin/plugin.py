"""The QGIS plugin object: translations, Processing provider, GUI entry points."""

from __future__ import annotations

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication

from sozialplanung_plugin.translation import install_translator


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

        from sozialplanung_plugin.compat import QAction
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
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
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
