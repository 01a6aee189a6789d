"""Shared base for the algorithms of the provider.

Conventions every algorithm follows: the name is lowercase and never
translated; parameter names are UPPER_CASE class constants; every parameter
carries help text; enumeration parameters take their option names as values
(``METHOD=zscore_sum``), which QGIS 3.22 needs ``setUsesStaticStrings(True)``
for; errors a user can cause become a QgsProcessingException whose message
names the file, row, field or key.
"""

from __future__ import annotations

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
)
from qgis.PyQt.QtCore import QCoreApplication

from sozialplanung_plugin.core.i18n import language
from sozialplanung_plugin.core.tables import TableError


class SozialplanungAlgorithm(QgsProcessingAlgorithm):
    #: lowercase id, set by each algorithm
    NAME = ""
    GROUP_ID = "data"

    def tr(self, text: str) -> str:
        # pylupdate5 files self.tr() under the class the call is written in,
        # which may be a base class of this one: look along the MRO.
        for cls in type(self).__mro__:
            if cls is SozialplanungAlgorithm.__mro__[1]:
                break
            out = QCoreApplication.translate(cls.__name__, text)
            if out != text:
                return out
        return text

    def createInstance(self):  # noqa: N802
        return type(self)()

    def name(self):
        return self.NAME

    def groupId(self):  # noqa: N802
        return self.GROUP_ID

    def group(self):
        labels = {
            "data": QCoreApplication.translate("SozialplanungAlgorithm", "1 Data"),
            "analysis": QCoreApplication.translate("SozialplanungAlgorithm", "2 Analysis"),
            "protection": QCoreApplication.translate("SozialplanungAlgorithm", "3 Data protection"),
            "print": QCoreApplication.translate("SozialplanungAlgorithm", "4 Maps and profiles"),
        }
        return labels[self.GROUP_ID]

    def helpUrl(self):  # noqa: N802
        return ""

    def shortHelpString(self):  # noqa: N802
        return self.help_text()

    def help_text(self) -> str:
        return ""

    # --- parameters -------------------------------------------------------

    def add(self, param: QgsProcessingParameterDefinition, help_text: str, advanced: bool = False):
        param.setHelp(help_text)
        if advanced:
            param.setFlags(param.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(param)
        return param

    def add_enum(
        self,
        name: str,
        description: str,
        options: list[str],
        default: str,
        help_text: str,
        optional: bool = False,
        advanced: bool = False,
    ):
        p = QgsProcessingParameterEnum(
            name, description, options=options, allowMultiple=False, defaultValue=default, optional=optional
        )
        p.setUsesStaticStrings(True)
        return self.add(p, help_text, advanced)

    def enum_value(self, parameters, name, context) -> str:
        value = self.parameterAsEnumString(parameters, name, context)
        if not value:
            p = self.parameterDefinition(name)
            value = p.defaultValue()
        return value

    # --- helpers ----------------------------------------------------------

    @staticmethod
    def lang() -> str:
        from sozialplanung_plugin.plugin import qgis_locale

        return language(qgis_locale())

    @staticmethod
    def fail(exc: Exception) -> QgsProcessingException:
        """A readable processing error from a core error."""
        if isinstance(exc, (TableError, KeyError, ValueError)):
            return QgsProcessingException(str(exc).strip("'\""))
        return QgsProcessingException(f"{type(exc).__name__}: {exc}")

    @staticmethod
    def warn(feedback, text: str) -> None:
        if feedback is None:
            return
        if hasattr(feedback, "pushWarning"):
            feedback.pushWarning(text)
        else:
            feedback.reportError(text, False)
