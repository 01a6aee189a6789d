"""sozialplanung:joinindicators: join an indicator table to spatial units."""

from __future__ import annotations

import pandas as pd
from qgis.core import (
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from sozialplanung_plugin import compat
from sozialplanung_plugin.adapters.layers import CompleteOrNothing, fields_with, iterate, write_with_columns
from sozialplanung_plugin.core import join as cj
from sozialplanung_plugin.core.errors import CanceledError
from sozialplanung_plugin.core.report import join_report, write_report
from sozialplanung_plugin.core.tables import TableError, read_table
from sozialplanung_plugin.processing.base import SozialplanungAlgorithm

INVALID_LISTED = 20


class JoinIndicators(SozialplanungAlgorithm):
    NAME = "joinindicators"
    GROUP_ID = "data"

    INPUT = "INPUT"
    INPUT_KEY = "INPUT_KEY"
    TABLE = "TABLE"
    TABLE_KEY = "TABLE_KEY"
    SHEET = "SHEET"
    NORMALIZE_KEYS = "NORMALIZE_KEYS"
    TOTAL_KEY = "TOTAL_KEY"
    FIELDS = "FIELDS"
    FIELD_SUFFIX = "FIELD_SUFFIX"
    OUTPUT = "OUTPUT"
    REPORT = "REPORT"
    MATCHED = "MATCHED"
    UNITS_WITHOUT_DATA = "UNITS_WITHOUT_DATA"
    ROWS_WITHOUT_UNIT = "ROWS_WITHOUT_UNIT"
    NEAR_MATCHES = "NEAR_MATCHES"

    def displayName(self):  # noqa: N802
        return self.tr("Join indicator table to units")

    def help_text(self):
        return self.tr(
            "Joins an indicator table (CSV, XLSX or ODS, as statistics offices deliver them) to a layer of "
            "spatial units by key and writes every unit with the table's columns added.\n\n"
            "Reading: separator ; , or tab; decimal comma or point; thousands separators (1.234,5 and "
            "1 234); UTF-8 with or without BOM, or Windows-1252. Keys are always text, leading zeros are "
            "kept. Special signs (-, ., x, /, …, *, values in parentheses) and sentinels such as -9999 "
            "become missing values; the sign is kept in a text field <column>_sign beside the column. "
            "A total row (insgesamt, Gesamt, Summe, or TOTAL_KEY) is kept apart and reported, never joined. "
            "Long tables (unit, year, indicator, value) become columns <indicator>_<year>.\n\n"
            "Checks: duplicate keys in the table stop the algorithm and are listed; keys that differ "
            "only by leading zeros, whitespace, case or number-versus-text are reported as near matches "
            "and joined when NORMALIZE_KEYS is set. The input layer is never modified.\n\n"
            "The report (HTML with a JSON twin) lists matched units, units without data, rows without "
            "unit, near matches, the total row, the columns read with their types and every cell with a "
            "special sign."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add(
            QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Spatial units"), [compat.SOURCE_VECTOR_POLYGON]),
            self.tr(
                "Polygon layer of the spatial units (Sozialräume, statistical districts). It is read, never changed."
            ),
        )
        self.add(
            QgsProcessingParameterField(
                self.INPUT_KEY, self.tr("Key field of the units"), parentLayerParameterName=self.INPUT
            ),
            self.tr("Field of the layer that holds the unit key, e.g. PLR_ID."),
        )
        self.add(
            QgsProcessingParameterFile(
                self.TABLE,
                self.tr("Indicator table"),
                fileFilter=self.tr("Tables") + " (*.csv *.txt *.tsv *.xlsx *.xlsm *.ods)",
            ),
            self.tr(
                "CSV, XLSX or ODS file with one row per unit (wide) or one row per unit, year and indicator (long)."
            ),
        )
        self.add(
            QgsProcessingParameterString(self.TABLE_KEY, self.tr("Key column of the table")),
            self.tr("Name of the table column that holds the unit key, exactly as in the header."),
        )
        self.add(
            QgsProcessingParameterString(self.SHEET, self.tr("Sheet (XLSX/ODS)"), optional=True),
            self.tr("Name of the sheet to read; empty: the first sheet."),
        )
        self.add(
            QgsProcessingParameterBoolean(self.NORMALIZE_KEYS, self.tr("Join near matches"), defaultValue=False),
            self.tr(
                "Also join keys that differ only by leading zeros, whitespace, case or "
                "number-versus-text. Each such pairing is listed in the report."
            ),
        )
        self.add(
            QgsProcessingParameterString(self.TOTAL_KEY, self.tr("Key or name of the total row"), optional=True),
            self.tr(
                "Key or label of the row that holds the total of the whole area, if it is not "
                "labelled insgesamt/Gesamt/Summe (e.g. the municipality's name or key '000')."
            ),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterString(self.FIELDS, self.tr("Columns to add"), optional=True),
            self.tr("Table columns to add, separated by ';' or ','; empty: all columns."),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterString(self.FIELD_SUFFIX, self.tr("Suffix for the added fields"), optional=True),
            self.tr("Appended to every added field name, e.g. _2023 to join one year's table of a series."),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Joined units"), compat.SOURCE_VECTOR_POLYGON),
            self.tr(
                "Every unit of the input with the table's columns added. Any format QGIS writes; GeoPackage by default."
            ),
        )
        self.add(
            QgsProcessingParameterFileDestination(
                self.REPORT, self.tr("Join report"), fileFilter="HTML (*.html)", optional=True, createByDefault=False
            ),
            self.tr("HTML report for planners; a JSON file with the same content is written beside it."),
        )
        self.addOutput(QgsProcessingOutputNumber(self.MATCHED, self.tr("Matched units")))
        self.addOutput(QgsProcessingOutputNumber(self.UNITS_WITHOUT_DATA, self.tr("Units without data")))
        self.addOutput(QgsProcessingOutputNumber(self.ROWS_WITHOUT_UNIT, self.tr("Table rows without unit")))
        self.addOutput(QgsProcessingOutputNumber(self.NEAR_MATCHES, self.tr("Near matches")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        steps = QgsProcessingMultiStepFeedback(4, feedback)
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.tr("The spatial units layer could not be read."))
        key_field = self.parameterAsString(parameters, self.INPUT_KEY, context)
        path = self.parameterAsFile(parameters, self.TABLE, context)
        table_key = self.parameterAsString(parameters, self.TABLE_KEY, context).strip()
        sheet = self.parameterAsString(parameters, self.SHEET, context).strip() or None
        normalise = self.parameterAsBoolean(parameters, self.NORMALIZE_KEYS, context)
        total_key = self.parameterAsString(parameters, self.TOTAL_KEY, context).strip() or None
        wanted = [
            c.strip()
            for c in self.parameterAsString(parameters, self.FIELDS, context).replace(",", ";").split(";")
            if c.strip()
        ]
        suffix = self.parameterAsString(parameters, self.FIELD_SUFFIX, context).strip()
        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        layer_name = source.sourceName() if hasattr(source, "sourceName") else ""

        key_idx = source.fields().lookupField(key_field)
        if key_idx < 0:
            raise QgsProcessingException(self.tr("Field {0!r} not found in the units layer.").format(key_field))

        # 1. read the table
        steps.setCurrentStep(0)
        feedback.pushInfo(self.tr("Reading {0}").format(path))
        try:
            table = read_table(path, key=table_key, sheet=sheet, total_key=total_key)
        except TableError as e:
            raise self.fail(e) from e
        for n in table.notes:
            feedback.pushInfo(n)
        if steps.isCanceled():
            return {}

        # 2. read keys and check geometries
        steps.setCurrentStep(1)
        warnings = []
        if not source.sourceCrs().isValid():
            w = self.tr(
                "The units layer has no coordinate reference system; the output has none either. "
                "Set the layer's CRS before making maps."
            )
            warnings.append(w)
            self.warn(feedback, w)
        name_idx = self._name_field(source.fields(), key_idx)
        names = {}
        keys, fids, invalid, empty, features = [], [], [], 0, []
        total = source.featureCount() or 1
        for n, f in enumerate(iterate(source)):
            if n % 5000 == 0:
                if steps.isCanceled():
                    return {}
                steps.setProgress(100.0 * n / total)
            k = f.attribute(key_idx)
            keys.append(None if k is None or (hasattr(k, "isNull") and k.isNull()) or str(k) == "NULL" else k)
            fids.append(f.id())
            features.append(f)
            if name_idx >= 0 and keys[-1] is not None:
                names[cj.layer_key_text(keys[-1])] = f.attribute(name_idx)
            g = f.geometry()
            if g is None or g.isNull():
                empty += 1
            elif not g.isGeosValid():
                invalid.append(keys[-1])
        if invalid:
            shown = ", ".join(repr(k) for k in invalid[:INVALID_LISTED])
            more = f" (+{len(invalid) - INVALID_LISTED})" if len(invalid) > INVALID_LISTED else ""
            w = self.tr(
                "{0} unit(s) have invalid geometries (keys {1}{2}); they are written unchanged. "
                "Repair them (Fix geometries) before area or overlay computations."
            ).format(len(invalid), shown, more)
            warnings.append(w)
            self.warn(feedback, w)
        if empty:
            w = self.tr("{0} unit(s) have no geometry.").format(empty)
            warnings.append(w)
            self.warn(feedback, w)

        # 3. plan the join (validates everything before anything is written)
        steps.setCurrentStep(2)
        try:
            plan = cj.plan_join(keys, table, normalise=normalise)
            columns, notes = cj.output_columns(table, source.fields().names(), wanted or None, suffix)
        except TableError as e:
            raise self.fail(e) from e
        if plan.layer_null_keys:
            w = self.tr("{0} unit(s) have an empty key and get no data.").format(plan.layer_null_keys)
            warnings.append(w)
            self.warn(feedback, w)
        if plan.layer_duplicates:
            shown = ", ".join(f"{k!r} ({n}x)" for k, n in list(plan.layer_duplicates.items())[:20])
            w = self.tr(
                "Keys occurring more than once in the units layer: {0}; each of these units gets the same table row."
            ).format(shown)
            warnings.append(w)
            self.warn(feedback, w)
        if plan.near and not normalise:
            self.warn(
                feedback,
                self.tr(
                    "{0} near match(es) not joined, e.g. unit {1!r} vs. table {2!r} ({3}). "
                    "Set NORMALIZE_KEYS to join them."
                ).format(len(plan.near), plan.near[0].layer_key, plan.near[0].table_key, plan.near[0].reason),
            )
        added = cj.joined_frame(table, plan, columns)
        added.index = pd.Index(fids)
        kinds = []
        for src, name in columns:
            kinds.append((name, table.kinds.get(src, "text")))
            if src in table.signs:
                kinds.append((name + "_sign", "text"))
        for n in notes:
            feedback.pushInfo(n)

        # 4. write
        steps.setCurrentStep(3)
        out_fields = fields_with(source.fields(), kinds, replace=False)
        out = CompleteOrNothing(
            self, parameters, self.OUTPUT, context, out_fields, source.wkbType(), source.sourceCrs()
        )
        if out.sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        try:
            write_with_columns(source, out.sink, out_fields, added, kinds, steps, features=features)
        except CanceledError:
            out.discard()
            raise QgsProcessingException(self.tr("Canceled; no output was written.")) from None
        except BaseException:
            out.discard()
            raise
        dest_id = out.dest_id

        feedback.pushInfo(
            self.tr("{0} of {1} units matched; {2} units without data; {3} table rows without unit.").format(
                plan.matched, len(keys), len(plan.units_without_data), len(plan.rows_without_unit)
            )
        )
        results = {
            self.OUTPUT: dest_id,
            self.MATCHED: plan.matched,
            self.UNITS_WITHOUT_DATA: len(plan.units_without_data),
            self.ROWS_WITHOUT_UNIT: len(plan.rows_without_unit),
            self.NEAR_MATCHES: len(plan.near),
        }
        if report_path:
            rep = join_report(
                table,
                plan,
                layer_name=layer_name,
                layer_key=key_field,
                n_units=len(keys),
                added=columns,
                notes=notes,
                warnings=warnings,
                unit_names=names,
                lang=self.lang(),
            )
            html, _ = write_report(report_path, rep, "join_report.html", lang=self.lang())
            feedback.pushInfo(self.tr("Report written to {0}").format(html))
            results[self.REPORT] = html
        return results

    @staticmethod
    def _name_field(fields, key_idx: int) -> int:
        """The layer's name field for the report: a text field called *name*, else the first text field."""
        text = [i for i, f in enumerate(fields) if i != key_idx and compat.is_text_field(f)]
        named = [i for i in text if "name" in fields.at(i).name().lower()]
        return (named or text or [-1])[0]
