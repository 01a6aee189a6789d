"""The Processing provider ``sozialplanung``."""

from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from sozialplanung_plugin.paths import icon_path
from sozialplanung_plugin.processing.aggregate_units import AggregateUnits
from sozialplanung_plugin.processing.archive import Archive
from sozialplanung_plugin.processing.classify_burden import ClassifyBurden
from sozialplanung_plugin.processing.composite_index import CompositeIndex
from sozialplanung_plugin.processing.compute_indicators import ComputeIndicators
from sozialplanung_plugin.processing.facility_supply import FacilitySupply
from sozialplanung_plugin.processing.interpolate_units import InterpolateUnits
from sozialplanung_plugin.processing.join_indicators import JoinIndicators
from sozialplanung_plugin.processing.measure_effects import MeasureEffects
from sozialplanung_plugin.processing.measure_goals import MeasureGoals
from sozialplanung_plugin.processing.measures_report import MeasuresReport
from sozialplanung_plugin.processing.monitoring import Monitoring
from sozialplanung_plugin.processing.overview_maps import OverviewMaps
from sozialplanung_plugin.processing.profile_atlas import ProfileAtlas
from sozialplanung_plugin.processing.suppress import Suppress

PROVIDER_ID = "sozialplanung"


def algorithm_classes() -> list[type]:
    classes = [JoinIndicators]
    classes += [AggregateUnits, InterpolateUnits]
    classes += [ComputeIndicators, ClassifyBurden, CompositeIndex, Monitoring]
    classes += [FacilitySupply]
    classes += [MeasureGoals, MeasureEffects]
    classes += [MeasuresReport]
    classes += [Suppress]
    classes += [ProfileAtlas, OverviewMaps]
    classes += [Archive]
    return classes


class SozialplanungProvider(QgsProcessingProvider):
    def id(self):
        return PROVIDER_ID

    def name(self):
        return "Sozialplanung"

    def longName(self):  # noqa: N802
        return QCoreApplication.translate("SozialplanungProvider", "Sozialplanung: integrated social planning")

    def icon(self):
        return QIcon(icon_path())

    def loadAlgorithms(self):  # noqa: N802
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
