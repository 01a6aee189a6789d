"""sozialplanung:archive: a year's results into the long history table."""

from __future__ import annotations

import os
import uuid

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from sozialplanung_plugin import compat
from sozialplanung_plugin.adapters import history, postgis
from sozialplanung_plugin.core import archive as ca
from sozialplanung_plugin.core.errors import CanceledError
from sozialplanung_plugin.processing.base import IndicatorAlgorithm


def plugin_version() -> str:
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for path in (os.path.join(here, "metadata.txt"), os.path.join(os.path.dirname(here), "metadata.txt")):
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                for line in f:
                    if line.startswith("version="):
                        return line.split("=", 1)[1].strip()
    return "unknown"


class Archive(IndicatorAlgorithm):
    NAME = "archive"
    GROUP_ID = "data"

    YEAR = "YEAR"
    DATABASE = "DATABASE"
    TABLE = "TABLE"
    MODE = "MODE"
    ROWS = "ROWS"
    RUN_ID = "RUN_ID"
    HISTORY = "HISTORY"

    def displayName(self):  # noqa: N802
        return self.tr("Archive the year's results (history table)")

    def help_text(self):
        return self.tr(
            "Appends the year's computed indicators, classes and rules to a long history table in a GeoPackage or "
            "a PostgreSQL/PostGIS database, so that later monitoring reads exactly the numbers that were published.\n\n"
            "History table (TABLE), one row per unit, year and indicator: unit_key, year, indicator, value "
            "(<id>_val), sign (<id>_val_sign), ref (<id>_ref), class (<id>_flag: 1 flagged, 0 not), run_id, run_at "
            "(UTC); and per unit burden_class (value burden_code, class the label), status_index and dynamics_index "
            "(value the index, class the class and its label). The table TABLE_runs holds per run the rules: the "
            "catalogue, the thresholds, the burden rule, the suppression rule, the plugin and QGIS version.\n\n"
            "A year is archived once: MODE refuse stops when the year is already there, MODE replace replaces "
            "that year's rows. The check and the writing happen in one transaction under a lock, so two planners "
            "archiving at the same time leave a consistent history (one run per year, never duplicated rows).\n\n"
            "DATABASE: a GeoPackage file (created when missing), a PostgreSQL connection (service=name, as in "
            "pg_service.conf, or dbname=... host=... port=...) or the name of a PostgreSQL connection saved in QGIS. "
            "Do not write a password here: use a service file, a .pgpass file or QGIS's authentication."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_input(
            self.tr("Computed units"),
            self.tr("The output of computeindicators, classifyburden or compositeindex for the year."),
        )
        self.add_catalogue()
        self.add(
            QgsProcessingParameterField(
                self.KEY_FIELD, self.tr("Key field of the units"), parentLayerParameterName=self.INPUT, optional=True
            ),
            self.tr("Field that identifies each unit in the history (e.g. PLR_ID); empty: the first text field."),
        )
        self.add(
            QgsProcessingParameterNumber(
                self.YEAR, self.tr("Year"), type=compat.NUMBER_INTEGER, minValue=1900, maxValue=2200
            ),
            self.tr("The year the results stand for (the reporting year)."),
        )
        self.add(
            QgsProcessingParameterString(self.DATABASE, self.tr("Database (GeoPackage file or PostgreSQL connection)")),
            self.tr(
                "A GeoPackage file (.gpkg), a PostgreSQL connection (service=name or dbname=... host=... port=...) or "
                "the name of a PostgreSQL connection saved in QGIS."
            ),
        )
        self.add(
            QgsProcessingParameterString(self.TABLE, self.tr("History table"), defaultValue=history.DEFAULT_TABLE),
            self.tr("Name of the history table (PostgreSQL: schema.table possible); TABLE_runs holds the rules."),
        )
        self.add_enum(
            self.MODE,
            self.tr("When the year is already archived"),
            list(ca.MODES),
            "refuse",
            self.tr("refuse: stop with a message, nothing is changed; replace: replace that year's rows."),
        )
        self.addOutput(QgsProcessingOutputNumber(self.ROWS, self.tr("Rows archived")))
        self.addOutput(QgsProcessingOutputString(self.RUN_ID, self.tr("Run id")))
        self.addOutput(QgsProcessingOutputString(self.HISTORY, self.tr("History table (data source)")))

    def checkParameterValues(self, parameters, context):  # noqa: N802
        # before QGIS tries to open a PostGIS source: a clear message, no password
        value = parameters.get(self.INPUT)
        if isinstance(value, str) and postgis.is_postgis(value):
            try:
                postgis.check_reachable(value)
            except postgis.DatabaseError as e:
                return False, str(e)
        return super().checkParameterValues(parameters, context)

    def run_algorithm(self, parameters, context, feedback):
        source_value = parameters.get(self.INPUT)
        if isinstance(source_value, str) and postgis.is_postgis(source_value):
            postgis.check_reachable(source_value)
        source = self.read_source(parameters, context)
        catalogue = self.read_catalogue(parameters, context)
        key = self.key_field(parameters, context, source)
        year = self.parameterAsInt(parameters, self.YEAR, context)
        database = self.parameterAsString(parameters, self.DATABASE, context).strip()
        table = self.parameterAsString(parameters, self.TABLE, context).strip() or history.DEFAULT_TABLE
        mode = self.enum_value(parameters, self.MODE, context)
        if not database:
            raise ca.ArchiveError(self.tr("DATABASE: name a GeoPackage file or a PostgreSQL connection"))
        names = source.fields().names()
        wanted = [key] if key in names else []
        for ind in catalogue.indicators:
            for m in ("val", "ref", "flag"):
                f = f"{ind.id}_{m}"
                if f in names:
                    wanted.append(f)
            if f"{ind.id}_val_sign" in names:
                wanted.append(f"{ind.id}_val_sign")
        for f in ca.UNIT_RESULTS:
            wanted += [x for x in f[1:] if x in names]
        wanted += [x for x in ("status_label", "dynamics_label", "burden_rule", "suppression_rule") if x in names]
        data = self.frame(source, wanted, feedback)
        if feedback.isCanceled():
            raise CanceledError()
        run_id = uuid.uuid4().hex
        run_at = history.now_utc()
        where = postgis.safe(str(source_value)) if isinstance(source_value, str) else "layer"
        rows = ca.history_rows(data, catalogue, key, year, run_id, run_at, where=where)
        run = ca.run_row(
            data, catalogue, year, run_id, run_at, mode, len(rows), where, plugin_version(), compat.QGIS_RELEASE
        )
        if feedback.isCanceled():
            raise CanceledError()
        n = history.write_year(database, table, rows, run, mode, self.lang())
        feedback.pushInfo(
            self.tr("{0} rows of {1} units archived for {2} (run {3}).").format(n, len(data), year, run_id)
        )
        return {
            self.ROWS: n,
            self.RUN_ID: run_id,
            self.HISTORY: postgis.safe(history.source_uri(database, table)),
        }
