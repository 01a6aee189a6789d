"""Shared base for the algorithms of the provider.

Conventions every algorithm follows: the name is lowercase and never
translated; parameter names are UPPER_CASE class constants; every parameter
carries help text; enumeration parameters take their option names as values
(``METHOD=zscore_sum``), which QGIS 3.22 needs ``setUsesStaticStrings(True)``
for; errors a user can cause become a QgsProcessingException whose message
names the file, row, field or key.
"""

from __future__ import annotations

import os
import shutil
import tempfile

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QCoreApplication

from sozialplanung_plugin import compat, translation
from sozialplanung_plugin.adapters import columnar, postgis, staging, styles
from sozialplanung_plugin.adapters.layers import (
    CompleteOrNothing,
    fields_with,
    source_frame,
    write_with_columns,
)
from sozialplanung_plugin.core import fields as fn
from sozialplanung_plugin.core import indicators as ci
from sozialplanung_plugin.core import suppression as cs
from sozialplanung_plugin.core.catalogue import Catalogue, read_catalogue
from sozialplanung_plugin.core.errors import CanceledError, UserError


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
            param.setFlags(param.flags() | compat.PARAMETER_ADVANCED)
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
        return translation.language()

    # --- running: one behaviour for every algorithm -----------------------

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        """Runs :meth:`run_algorithm`. A cancel, before or during the run, ends it with
        "Canceled; no output was written." (the writer has removed what it
        began); bad input (:class:`UserError`) ends it with its message;
        anything else is a defect of the plugin and shows as one."""
        try:
            if feedback is not None and feedback.isCanceled():
                raise CanceledError()
            return self.run_algorithm(parameters, context, feedback)
        except CanceledError:
            raise QgsProcessingException(self.canceled_text()) from None
        except UserError as e:
            raise self.fail(e) from e
        finally:
            self._columnar = (None, None)
            for folder in getattr(self, "_staging_folders", []):
                shutil.rmtree(folder, ignore_errors=True)  # copies of PostGIS inputs
            self._staging_folders = []

    def checkParameterValues(self, parameters, context):  # noqa: N802
        """A PostGIS source or sink whose database cannot be reached: a clear message
        (database, host, port, what to check) before QGIS's own, and never a password."""
        for p in self.parameterDefinitions():
            value = parameters.get(p.name())
            if hasattr(value, "sink"):  # QgsProcessingOutputLayerDefinition
                value = value.sink.staticValue()
            if isinstance(value, str) and postgis.is_postgis(value):
                try:
                    postgis.check_reachable(value)
                except postgis.DatabaseError as e:
                    return False, str(e)
        return super().checkParameterValues(parameters, context)

    def run_algorithm(self, parameters, context, feedback) -> dict:
        raise NotImplementedError

    def canceled_text(self) -> str:
        return QCoreApplication.translate("SozialplanungAlgorithm", "Canceled; no output was written.")

    @staticmethod
    def fail(exc: Exception) -> QgsProcessingException:
        """The processing error for an error the user caused (a UserError, its
        message as it is); anything else is reported as a defect."""
        if isinstance(exc, UserError):
            return QgsProcessingException(str(exc).strip("'\""))
        return QgsProcessingException(f"Internal error of the plugin, please report it: {type(exc).__name__}: {exc}")

    def write_output(self, parameters, context, source, columns, kinds, feedback, out_fields=None, features=None):
        """The one writer of every algorithm: each feature of ``source`` with
        the new or replaced ``columns`` (a DataFrame indexed by feature id)
        into the OUTPUT sink. The GeoPackage column limit is checked before
        anything is written; on a failure or a cancel the partial output is
        removed and the exception passes on. Returns the destination id."""
        out_fields = out_fields if out_fields is not None else fields_with(source.fields(), kinds, replace=True)
        dest = self.parameterAsOutputLayer(parameters, self.OUTPUT, context) or ""
        low = dest.lower()
        if (".gpkg" in low or ".sqlite" in low) and out_fields.count() + 2 > SQLITE_MAX_COLUMNS:
            raise UserError(
                self.tr(
                    "The output would have {0} fields, but a GeoPackage table holds at most {1} columns (SQLite). "
                    "Compute fewer indicators (INDICATORS), start from a layer with fewer fields, or write to another "
                    "format (e.g. FlatGeobuf .fgb or a temporary layer)."
                ).format(out_fields.count(), SQLITE_MAX_COLUMNS)
            )
        known, origin = getattr(self, "_columnar", (None, None))
        bulk = origin is not None and known is source and features is None and not columnar_off()
        if bulk and bulk_sink(low, origin):
            dest_id = self._write_columnar(parameters, context, origin, out_fields, columns, kinds, feedback)
            if dest_id is not None:
                return dest_id
        out = CompleteOrNothing(
            self, parameters, self.OUTPUT, context, out_fields, source.wkbType(), source.sourceCrs()
        )
        if out.sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        try:
            write_with_columns(source, out.sink, out_fields, columns, kinds, feedback, features=features)
        except BaseException:
            out.discard()  # outputs are written completely or not at all
            raise
        out.sink = None  # closes the file, so that postProcessAlgorithm can store the style in it
        return out.dest_id

    def columnar_origin(self, layer, parameter):
        """The GeoPackage table to read ``layer`` from in bulk: its own, or for a PostGIS table a
        staging copy made by GDAL (removed when the run ends); None: feature by feature."""
        if columnar_off():
            return None
        origin = columnar.gpkg_table(layer, parameter)
        if origin is None and layer is not None and layer.providerType() == "postgres":
            folder = tempfile.mkdtemp(prefix="sozialplanung_pg_")
            self._staging_folders = getattr(self, "_staging_folders", []) + [folder]
            origin = staging.pg_origin(layer, parameter, folder)
        return origin

    def _write_columnar(self, parameters, context, origin, out_fields, columns, kinds, feedback):
        """The bulk path of write_output: the output is created by QGIS as always (its
        schema), then filled in one go: a GeoPackage inside SQLite in one transaction; a
        FlatGeobuf or Shapefile from a staging GeoPackage by GDAL (adapters/staging.py); a
        PostGIS table of a PostGIS input inside the database. None when the output is not one
        the path can fill (nothing is written then; the generic path creates the output anew)."""
        source = self._columnar[0]
        out = CompleteOrNothing(
            self, parameters, self.OUTPUT, context, out_fields, source.wkbType(), source.sourceCrs()
        )
        if out.sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        out.sink = None  # QGIS created the table (fields, geometry column, spatial index); closed
        if origin.pg_uri and postgis.is_postgis(out.dest) and postgis.same_database(out.dest, origin.pg_uri):
            return self._write_in_database(out, origin, out_fields, columns, kinds, feedback)

        def fill():
            dest = columnar.gpkg_destination(out.dest_id)
            target = staging.file_target(out.dest_id) if dest is None else None
            if dest is None and target is None:
                raise columnar.ColumnarUnavailableError("not a GeoPackage, FlatGeobuf or Shapefile output")
            if dest is not None:
                columnar.write_gpkg(origin, dest, out_fields.names(), columns, kinds)
            else:  # FlatGeobuf, Shapefile: built in a staging GeoPackage, copied by GDAL
                with staging.staging_gpkg(out_fields, source.wkbType(), source.sourceCrs()) as tmp:
                    columnar.write_gpkg(origin, (tmp, staging.STAGING_TABLE), out_fields.names(), columns, kinds)
                    staging.copy_into(tmp, target, out_fields.names(), feedback)

        return self._fill(out, fill, columnar.ColumnarUnavailableError, feedback)

    def _write_in_database(self, out, origin, out_fields, columns, kinds, feedback):
        """A PostGIS output of a PostGIS input in the same database, filled inside the database
        (postgis.fill_from_source); None when the database refuses it (nothing is written then;
        the generic path creates the output anew)."""

        def fill():
            keys = origin.keys(columns.index)
            postgis.fill_from_source(
                out.dest, origin.pg_uri, origin.pg_key, keys, out_fields.names(), columns, kinds, feedback
            )

        return self._fill(out, fill, postgis.DatabaseError, feedback)

    @staticmethod
    def _fill(out, fill, unavailable, feedback):
        """Run ``fill`` on the output QGIS made: its destination id; None after ``unavailable``
        (the output removed, nothing written); any other error removes the output and passes on."""
        try:
            if feedback is not None and feedback.isCanceled():
                raise CanceledError()
            fill()
        except unavailable:
            out.discard()
            return None
        except BaseException:
            out.discard()  # outputs are written completely or not at all
            raise
        if feedback is not None:
            feedback.setProgress(100.0)
        return out.dest_id

    @staticmethod
    def warn(feedback, text: str) -> None:
        if feedback is None:
            return
        if hasattr(feedback, "pushWarning"):
            feedback.pushWarning(text)
        else:
            feedback.reportError(text, False)


def bulk_sink(dest: str, origin) -> bool:
    """Whether an output named ``dest`` (lower case) of the input ``origin`` can be written in
    bulk: a GeoPackage (filled inside SQLite), a FlatGeobuf or a Shapefile (through a staging
    GeoPackage), a PostGIS table of a PostGIS input (filled inside the database)."""
    if postgis.is_postgis(dest):
        return bool(origin.pg_uri)
    return ".gpkg" in dest or dest.endswith(tuple(staging.DRIVERS))


def columnar_off() -> bool:
    """SOZIALPLANUNG_COLUMNAR=0 reads and writes every layer feature by feature (to compare both paths)."""
    return os.environ.get("SOZIALPLANUNG_COLUMNAR") == "0"


TABLE_PATTERNS = "(*.csv *.txt *.tsv *.xlsx *.xlsm *.ods)"
SQLITE_MAX_COLUMNS = 2000  # SQLite's default column limit, which GeoPackage inherits (fid and geometry included)


class IndicatorAlgorithm(SozialplanungAlgorithm):
    """Shared steps of the indicator, burden and index algorithms."""

    GROUP_ID = "analysis"

    INPUT = "INPUT"
    CATALOGUE = "CATALOGUE"
    SHEET = "SHEET"
    KEY_FIELD = "KEY_FIELD"
    REFERENCE_FIELD = "REFERENCE_FIELD"
    OUTPUT = "OUTPUT"

    _dest_id = None
    _style = None
    _extra_styles: dict | None = None

    def add_input(self, description: str, help_text: str):
        self.add(QgsProcessingParameterFeatureSource(self.INPUT, description, [compat.SOURCE_VECTOR]), help_text)

    def add_catalogue(self):
        self.add(
            QgsProcessingParameterFile(
                self.CATALOGUE, self.tr("Indicator catalogue"), fileFilter=self.tr("Tables") + " " + TABLE_PATTERNS
            ),
            self.tr(
                "Indikatorenkatalog: CSV, XLSX or ODS, one row per indicator. Columns (German names "
                "in brackets): id [Kürzel], label [Bezeichnung], topic [Thema], numerator [Zähler], "
                "denominator [Nenner], rate [Quote], weight_column [Gewichtung], multiplier [Faktor: "
                "100, 1000, 100000], polarity [Polarität: + higher is worse, - higher is better, "
                "0 neutral], core [Kern: ja/nein, 1/0, x/empty], weight [Gewicht, default 1], "
                "threshold [Schwelle], unit [Einheit], source [Quelle], index [Index: status, "
                "dynamics or none], reference [Referenzwert: published city-wide value], topic_weight "
                "[Themengewicht], decimals [Nachkommastellen]. Column names in the numerator, "
                "denominator, rate and weight_column cells are layer fields; 'sgb2' also finds "
                "'sgb2_2019', 'sgb2_2020' ... for several years."
            ),
        )
        self.add(
            QgsProcessingParameterString(self.SHEET, self.tr("Catalogue sheet (XLSX/ODS)"), optional=True),
            self.tr("Sheet of a spreadsheet catalogue; empty: the first sheet."),
            advanced=True,
        )

    def add_key(self):
        self.add(
            QgsProcessingParameterField(
                self.KEY_FIELD, self.tr("Key field of the units"), parentLayerParameterName=self.INPUT, optional=True
            ),
            self.tr("Field that names a unit in messages (e.g. PLR_ID); empty: the first text field."),
            advanced=True,
        )

    def add_reference_field(self, help_text: str, advanced: bool = False):
        self.add(
            QgsProcessingParameterField(
                self.REFERENCE_FIELD,
                self.tr("Reference area field"),
                parentLayerParameterName=self.INPUT,
                optional=True,
            ),
            help_text,
            advanced=advanced,
        )

    def add_output(self, description: str, help_text: str):
        self.add(QgsProcessingParameterFeatureSink(self.OUTPUT, description, compat.SOURCE_VECTOR_ANY), help_text)

    # --- running --------------------------------------------------------------

    def read_source(self, parameters, context):
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        # a plain GeoPackage table is read column by column (adapters/columnar.py)
        layer = self.parameterAsVectorLayer(parameters, self.INPUT, context)
        self._columnar = (source, self.columnar_origin(layer, parameters.get(self.INPUT)))
        return source

    def read_catalogue(self, parameters, context) -> Catalogue:
        path = self.parameterAsFile(parameters, self.CATALOGUE, context)
        sheet = self.parameterAsString(parameters, self.SHEET, context).strip() or None
        return read_catalogue(path, sheet)

    def key_field(self, parameters, context, source) -> str | None:
        name = self.parameterAsString(parameters, self.KEY_FIELD, context).strip()
        if name:
            return name
        for f in source.fields():
            if f.name().lower() != "fid" and compat.is_text_field(f):
                return f.name()
        return None

    def optional_int(self, parameters, name, context) -> int | None:
        v = parameters.get(name)
        if v is None or (isinstance(v, str) and not v.strip()):
            return None
        return self.parameterAsInt(parameters, name, context)

    def optional_double(self, parameters, name, context) -> float | None:
        v = parameters.get(name)
        if v is None or (isinstance(v, str) and not v.strip()):
            return None
        return self.parameterAsDouble(parameters, name, context)

    def protection(self, source) -> tuple[list[str], object]:
        """The data-protection rule stored on the layer by ``suppress`` and the
        fields it needs, so that rates computed here keep to it (no rates for
        units below its minimum population)."""
        if source.fields().lookupField(fn.SUPPRESSION_RULE) < 0:
            return [], None
        rule = cs.rule_from_frame(source_frame(source, [fn.SUPPRESSION_RULE]))
        if rule is None or rule.min_population <= 0 or not rule.population_field:
            return [], rule
        names = source.fields().names()
        if rule.population_field not in names:
            return [], rule
        return list(cs.population_columns(rule.population_field, names).values()), rule

    def frame(self, source, columns, feedback):
        names = [c for c in dict.fromkeys(columns) if c]
        known, origin = getattr(self, "_columnar", (None, None))
        if origin is not None and known is source and not columnar_off():
            data = columnar.read_frame(origin, names)
            if data is not None and len(data) == source.featureCount():
                # rows in the order and with the ids of the generic path: sums add up in the same order
                return origin.as_read(data)
        return source_frame(source, names, feedback)

    @staticmethod
    def progress(feedback):
        def cb(fraction):
            feedback.setProgress(100.0 * fraction)
            if feedback.isCanceled():
                raise ci.CanceledError()

        return cb

    def style_output(self, context, dest_id, style, extra=None):
        self._dest_id, self._style, self._extra_styles = dest_id, style, extra
        styles.attach(context, dest_id, style)

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802
        if self._dest_id and self._style is not None:
            try:
                if styles.store_in_output(context, self._dest_id, self._style, feedback, self._extra_styles):
                    feedback.pushInfo(self.tr("Style stored in the GeoPackage as its default style."))
            except Exception as e:  # the data is written; a style problem must not fail the run
                self.warn(feedback, self.tr("The style could not be stored: {0}").format(e))
        return {}

    def report(self, feedback, warnings):
        for w in dict.fromkeys(warnings):
            self.warn(feedback, w)


def group_rule(data, rule) -> ci.GroupRule | None:
    """The protection rule's minimum population for the reference values of groups, or None."""
    populations = cs.rule_populations(data, rule)
    return ci.GroupRule(populations, rule.min_population) if populations else None


def needed_columns(catalogue, field_names, only=None) -> list[str]:
    """Layer fields the indicators read, with their sign fields."""
    infos = ci.plan(catalogue, field_names, only=only)
    cols = []
    for info in infos:
        for c in info.columns:
            for x in c.inputs:
                cols.append(x)
                if fn.sign_of(x) in field_names:
                    cols.append(fn.sign_of(x))
    return cols
