"""sozialplanung:joinindicators: join an indicator table to spatial units."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from qgis.core import (
    QgsFeatureRequest,
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
from sozialplanung_plugin.adapters import columnar
from sozialplanung_plugin.adapters.layers import ValidityCount, fields_with, iterate
from sozialplanung_plugin.core import join as cj
from sozialplanung_plugin.core.errors import CanceledError
from sozialplanung_plugin.core.report import join_report, write_report
from sozialplanung_plugin.core.tables import read_table
from sozialplanung_plugin.processing.base import SozialplanungAlgorithm

INVALID_LISTED = 20


@dataclass
class _Units:
    """What the join reads of the units layer."""

    keys: list = field(default_factory=list)
    fids: list = field(default_factory=list)
    features: list = field(default_factory=list)
    names: dict = field(default_factory=dict)
    invalid: list = field(default_factory=list)
    empty: int = 0


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

    def list_parameter(self, parameters, name, context) -> list[str]:
        text = self.parameterAsString(parameters, name, context).replace(",", ";")
        return [c.strip() for c in text.split(";") if c.strip()]

    def read_units(self, source, key_idx: int, feedback, bulk=None) -> _Units:
        """Keys, feature ids, names and the features of the units, every geometry checked here.

        With ``bulk`` = (layer, origin, check), for a whole table read by the bulk path: no
        features kept; the keys and names come from the GeoPackage ``origin`` in one query, and
        the geometries were counted by QGIS in C++ (``check``, a started ValidityCount)."""
        units = _Units()
        name_idx = self._name_field(source.fields(), key_idx)
        total = source.featureCount() or 1
        subset = [i for i in (key_idx, name_idx) if i >= 0]

        def add(into: _Units, f, check: bool) -> None:
            k = f.attribute(key_idx)
            key = None if k is None or (hasattr(k, "isNull") and k.isNull()) or str(k) == "NULL" else k
            into.keys.append(key)
            into.fids.append(f.id())
            if bulk is None:
                into.features.append(f)
            if name_idx >= 0 and key is not None:
                into.names[cj.layer_key_text(key)] = f.attribute(name_idx)
            if not check:
                return
            if not f.hasGeometry() or f.geometry().isEmpty():
                into.empty += 1
            elif not f.geometry().isGeosValid():
                into.invalid.append(key)

        if bulk is not None:
            layer, origin, check = bulk
            self._read_keys(source, layer, origin, units, subset, name_idx, add)
            self._check_geometries(layer, units, subset, add, check)
            return units
        for n, f in enumerate(iterate(source)):
            if n % 5000 == 0:
                self._step(feedback, n, total)
            add(units, f, True)
        return units

    @staticmethod
    def _read_keys(source, layer, origin, units: _Units, subset: list[int], name_idx: int, add) -> None:
        """Feature ids, keys and names of all units: from the GeoPackage in one query, else
        read by QGIS without geometries."""
        read = columnar.read_values(origin, [source.fields().at(i).name() for i in subset])
        if read is None:
            request = QgsFeatureRequest().setFlags(compat.REQUEST_NO_GEOMETRY).setSubsetOfAttributes(subset)
            request.setInvalidGeometryCheck(compat.REQUEST_NO_GEOMETRY_CHECK)
            keys = _Units()
            for f in layer.getFeatures(request):
                add(keys, f, False)
            units.fids, units.keys, units.names = keys.fids, keys.keys, keys.names
            return
        units.fids, values = read
        units.keys = values[0]
        if name_idx >= 0:
            units.names = {k: n for k, n in zip(cj.layer_key_texts(values[0]), values[1]) if k is not None}

    @staticmethod
    def _step(feedback, n: int, total: int) -> None:
        if feedback.isCanceled():
            raise CanceledError()
        feedback.setProgress(100.0 * n / total)

    @staticmethod
    def _check_geometries(layer, units: _Units, subset, add, check: ValidityCount) -> None:
        """Count the units without geometry and find the invalid ones, for keys and feature ids
        read beforehand: QGIS's iterator has checked every geometry in C++ (``check``) and left
        the invalid (and empty) ones out; when there are such, they are looked at one by one."""
        n_valid, units.empty = check.result()
        if n_valid + units.empty == len(units.fids):
            return
        request = QgsFeatureRequest().setNoAttributes()
        request.setInvalidGeometryCheck(compat.REQUEST_SKIP_INVALID)
        passed = {f.id() for f in layer.getFeatures(request)}
        missing = [fid for fid in units.fids if fid not in passed]
        request = QgsFeatureRequest().setFilterFids(missing).setSubsetOfAttributes(subset)
        request.setInvalidGeometryCheck(compat.REQUEST_NO_GEOMETRY_CHECK)
        skipped = _Units()
        for f in layer.getFeatures(request):
            add(skipped, f, True)
        units.empty += skipped.empty
        rank = {fid: i for i, fid in enumerate(units.fids)}
        invalid = set(skipped.invalid)
        units.invalid = [
            k for fid, k in sorted(zip(skipped.fids, skipped.keys), key=lambda p: rank[p[0]]) if k in invalid
        ]

    def layer_warnings(self, source, units: _Units) -> list[str]:
        out = []
        if not source.sourceCrs().isValid():
            out.append(
                self.tr(
                    "The units layer has no coordinate reference system; the output has none either. "
                    "Set the layer's CRS before making maps."
                )
            )
        if units.invalid:
            shown = ", ".join(repr(k) for k in units.invalid[:INVALID_LISTED])
            more = f" (+{len(units.invalid) - INVALID_LISTED})" if len(units.invalid) > INVALID_LISTED else ""
            out.append(
                self.tr(
                    "{0} unit(s) have invalid geometries (keys {1}{2}); they are written unchanged. "
                    "Repair them (Fix geometries) before area or overlay computations."
                ).format(len(units.invalid), shown, more)
            )
        if units.empty:
            out.append(self.tr("{0} unit(s) have no geometry.").format(units.empty))
        return out

    def plan_warnings(self, plan) -> list[str]:
        out = []
        if plan.layer_null_keys:
            out.append(self.tr("{0} unit(s) have an empty key and get no data.").format(plan.layer_null_keys))
        if plan.layer_duplicates:
            shown = ", ".join(f"{k!r} ({n}x)" for k, n in list(plan.layer_duplicates.items())[:20])
            out.append(
                self.tr(
                    "Keys occurring more than once in the units layer: {0}; each of these units gets the same "
                    "table row."
                ).format(shown)
            )
        return out

    def near_warning(self, plan) -> str:
        return self.tr(
            "{0} near match(es) not joined, e.g. unit {1!r} vs. table {2!r} ({3}). Set NORMALIZE_KEYS to join them."
        ).format(len(plan.near), plan.near[0].layer_key, plan.near[0].table_key, plan.near[0].reason)

    @staticmethod
    def added_columns(table, plan, columns, fids) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
        """The table's values per unit (indexed by feature id) and their kinds, with the sign fields."""
        added = cj.joined_frame(table, plan, columns)
        added.index = pd.Index(fids)
        kinds = []
        for src, name in columns:
            kinds.append((name, table.kinds.get(src, "text")))
            if src in table.signs:
                kinds.append((name + "_sign", "text"))
        return added, kinds

    def run_algorithm(self, parameters, context, feedback):
        steps = QgsProcessingMultiStepFeedback(4, feedback)
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.tr("The spatial units layer could not be read."))
        key_field = self.parameterAsString(parameters, self.INPUT_KEY, context)
        path = self.parameterAsFile(parameters, self.TABLE, context)
        normalise = self.parameterAsBoolean(parameters, self.NORMALIZE_KEYS, context)
        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        key_idx = source.fields().lookupField(key_field)
        if key_idx < 0:
            raise cj.JoinError(self.tr("Field {0!r} not found in the units layer.").format(key_field))

        # a plain GeoPackage table is copied inside SQLite into a GeoPackage output (adapters/columnar.py);
        # otherwise the features read below are written with the table's values
        layer = self.parameterAsVectorLayer(parameters, self.INPUT, context)
        origin = self.columnar_origin(layer, parameters.get(self.INPUT))
        self._columnar = (source, origin)
        # the bulk path: QGIS counts the units' valid geometries in a thread of its own while the table is read
        check = ValidityCount(layer, feedback) if origin is not None else None
        if check is not None:
            check.start()
        steps.setCurrentStep(0)  # 1. the table
        feedback.pushInfo(self.tr("Reading {0}").format(path))
        try:
            table = read_table(
                path,
                key=self.parameterAsString(parameters, self.TABLE_KEY, context).strip(),
                sheet=self.parameterAsString(parameters, self.SHEET, context).strip() or None,
                total_key=self.parameterAsString(parameters, self.TOTAL_KEY, context).strip() or None,
            )
        except BaseException:
            if check is not None:
                check.join()  # the count ends by itself; the run does not end before it
            raise
        for n in table.notes:
            feedback.pushInfo(n)
        steps.setCurrentStep(1)  # 2. the units' keys, geometries checked
        units = self.read_units(source, key_idx, steps, None if check is None else (layer, origin, check))
        warnings = self.layer_warnings(source, units)
        steps.setCurrentStep(2)  # 3. the plan: everything validated before anything is written
        plan = cj.plan_join(units.keys, table, normalise=normalise)
        suffix = self.parameterAsString(parameters, self.FIELD_SUFFIX, context).strip()
        wanted = self.list_parameter(parameters, self.FIELDS, context)
        columns, notes = cj.output_columns(table, source.fields().names(), wanted or None, suffix)
        warnings += self.plan_warnings(plan)
        for w in warnings:
            self.warn(feedback, w)
        if plan.near and not normalise:
            self.warn(feedback, self.near_warning(plan))
        added, kinds = self.added_columns(table, plan, columns, units.fids)
        for n in notes:
            feedback.pushInfo(n)
        steps.setCurrentStep(3)  # 4. write
        out_fields = fields_with(source.fields(), kinds, replace=False)
        dest_id = self.write_output(
            parameters,
            context,
            source,
            added,
            kinds,
            steps,
            out_fields=out_fields,
            features=units.features if origin is None else None,
        )
        feedback.pushInfo(
            self.tr("{0} of {1} units matched; {2} units without data; {3} table rows without unit.").format(
                plan.matched, len(units.keys), len(plan.units_without_data), len(plan.rows_without_unit)
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
                layer_name=source.sourceName() if hasattr(source, "sourceName") else "",
                layer_key=key_field,
                n_units=len(units.keys),
                added=columns,
                notes=notes,
                warnings=warnings,
                unit_names=units.names,
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
