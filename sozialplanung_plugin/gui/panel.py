"""The guided panel: leads a planner through the same steps as the toolbox.

Each step opens the Processing dialog of its algorithm, filled in with the
layer and catalogue of the previous steps, so the panel never computes
anything itself: what a planner does here can be repeated in a model, a
batch or ``qgis_process``.
"""

from __future__ import annotations

import os

from qgis.core import QgsProject, QgsVectorLayer
from qgis.gui import QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import (
    QDockWidget,
    QFormLayout,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from sozialplanung_plugin import compat, paths


def tr(text: str) -> str:
    # pylupdate5 files plain tr("...") calls under the context "@default".
    return QCoreApplication.translate("@default", text)


def steps() -> list[dict]:
    """The workflow, in order: algorithm id, title, explanation."""
    return [
        {
            "alg": "sozialplanung:joinindicators",
            "title": tr("1. Join the indicator table"),
            "text": tr(
                "Choose the layer of spatial units above, then the table the departments delivered "
                "(CSV, XLSX or ODS) and its key column. The report lists what did not match."
            ),
        },
        {
            "alg": "sozialplanung:computeindicators",
            "title": tr("2. Compare with the city-wide value"),
            "text": tr(
                "Rates from counts, the city-wide value (sum of numerators / sum of denominators), "
                "difference, ratio, z-score and percentile for every indicator of the catalogue."
            ),
        },
        {
            "alg": "sozialplanung:classifyburden",
            "title": tr("3. Select burdened units"),
            "text": tr(
                "A unit is 'besonders belastet' when enough core indicators deviate from the city-wide "
                "value by the agreed threshold. Every flag is explained in burden_reason."
            ),
        },
        {
            "alg": "sozialplanung:compositeindex",
            "title": tr("4. Build the status and dynamics index"),
            "text": tr(
                "Collapse the indicators into an index with classes (Berlin's social monitoring method by default)."
            ),
        },
        {
            "alg": "sozialplanung:suppress",
            "title": tr("5. Protect small numbers"),
            "text": tr("Suppress small counts and everything computed from them before anything is published."),
        },
        {
            "alg": "sozialplanung:profileatlas",
            "title": tr("6. Print the district profiles"),
            "text": tr(
                "One page per unit with maps, indicator table, chart and the burden rule, plus a cover "
                "with the overview map."
            ),
        },
        {
            "alg": "sozialplanung:overviewmaps",
            "title": tr("7. Print overview maps"),
            "text": tr("One map page per indicator or index for the whole municipality."),
        },
    ]


class SozialplanungPanel(QDockWidget):
    def __init__(self, iface=None, parent=None):
        super().__init__(tr("Sozialplanung"), parent)
        self.setObjectName("SozialplanungPanel")
        self.iface = iface
        self.status: dict[str, QLabel] = {}
        self.buttons: dict[str, QPushButton] = {}

        body = QWidget()
        layout = QVBoxLayout(body)
        intro = QLabel(
            tr(
                "Work through the steps from top to bottom. Each step opens the Processing dialog "
                "with the layer and catalogue chosen here; its result becomes the layer of the "
                "next step."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        self.layer_combo = QgsMapLayerComboBox()
        self.layer_combo.setFilters(compat.LAYER_FILTER_POLYGON)
        form.addRow(tr("Layer"), self.layer_combo)
        self.catalogue = QgsFileWidget()
        self.catalogue.setFilter(tr("Indicator catalogue (*.csv *.xlsx *.ods)"))
        example = paths.example("katalog_berlin.csv")
        if os.path.exists(example):
            self.catalogue.setFilePath(example)
        form.addRow(tr("Catalogue"), self.catalogue)
        layout.addLayout(form)

        from qgis.core import QgsApplication

        registry = QgsApplication.processingRegistry()
        for step in steps():
            frame = QFrame()
            frame.setFrameShape(QFrame.Shape.StyledPanel)
            box = QVBoxLayout(frame)
            title = QLabel(f"<b>{step['title']}</b>")
            text = QLabel(step["text"])
            text.setWordWrap(True)
            button = QPushButton(tr("Open…"))
            button.setEnabled(registry.algorithmById(step["alg"]) is not None)
            button.clicked.connect(lambda _checked=False, a=step["alg"]: self.open_step(a))
            status = QLabel("")
            status.setWordWrap(True)
            for w in (title, text, button, status):
                box.addWidget(w)
            layout.addWidget(frame)
            self.status[step["alg"]] = status
            self.buttons[step["alg"]] = button
        layout.addStretch(1)
        # Wrap the texts to the dock's width instead of scrolling sideways.
        for w in (self.layer_combo, self.catalogue):
            w.setMinimumWidth(80)
            w.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        scroll = QScrollArea()
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.setWidget(scroll)
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)

    def parameters_for(self, alg_id: str) -> dict:
        """Defaults for a step: the chosen layer and catalogue."""
        params = {}
        layer = self.layer_combo.currentLayer()
        if layer is not None:
            params["INPUT"] = layer.id()
        cat = self.catalogue.filePath()
        if cat and alg_id != "sozialplanung:joinindicators":
            params["CATALOGUE"] = cat
        return params

    def open_step(self, alg_id: str) -> None:
        import processing

        added = []
        project = QgsProject.instance()
        project.layerWasAdded.connect(added.append)
        try:
            results = processing.execAlgorithmDialog(alg_id, self.parameters_for(alg_id)) or {}
        finally:
            project.layerWasAdded.disconnect(added.append)
        polygons = [
            lyr for lyr in added if isinstance(lyr, QgsVectorLayer) and lyr.geometryType() == compat.GEOMETRY_POLYGON
        ]
        if polygons:
            self.layer_combo.setLayer(polygons[-1])
            self.status[alg_id].setText("✓ " + tr("done: {0}").format(polygons[-1].name()))
        elif results:
            self.status[alg_id].setText("✓ " + tr("done"))
