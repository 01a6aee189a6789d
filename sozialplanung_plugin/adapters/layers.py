"""Layers to DataFrames and back: the one thin step between QGIS and the core."""

from __future__ import annotations

import os
import threading

import numpy as np
import pandas as pd
from qgis.core import (
    NULL,
    QgsAggregateCalculator,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant

from sozialplanung_plugin import compat
from sozialplanung_plugin.adapters import columnar, postgis
from sozialplanung_plugin.core.errors import CanceledError

KIND_TO_TYPE = {
    "integer": compat.TYPE_LONGLONG,
    "number": compat.TYPE_DOUBLE,
    "text": compat.TYPE_STRING,
}


def iterate(source, request: QgsFeatureRequest | None = None):
    """Features of a source without Processing's geometry validity filter:
    invalid geometries are reported by the algorithms, never a crash."""
    request = request or QgsFeatureRequest()
    if isinstance(source, QgsProcessingFeatureSource):
        return source.getFeatures(request, compat.SOURCE_SKIP_GEOMETRY_CHECKS)
    request.setInvalidGeometryCheck(compat.REQUEST_NO_GEOMETRY_CHECK)
    return source.getFeatures(request)


class ValidityCount(threading.Thread):
    """How many features of ``layer`` have a valid geometry (GEOS, as QGIS's iterator checks it)
    and how many have none, counted in a thread of its own, e.g. while a table is being read.
    The thread opens the layer's source anew, so no QGIS object is shared between threads, and
    counts with QGIS's aggregates, which run in C++ without holding Python's lock."""

    def __init__(self, layer, feedback=None):
        super().__init__(name="sozialplanung-validity", daemon=True)
        self._uri, self._provider = layer.source(), layer.providerType()
        self._feedback = feedback
        self.valid = self.nulls = 0
        self._error: BaseException | None = None

    def run(self) -> None:
        try:
            layer = QgsVectorLayer(self._uri, "units", self._provider)
            self.valid = self._count(layer, "is_valid($geometry)")
            self.nulls = self._count(layer, "$geometry IS NULL")
        except BaseException as e:  # handed to the caller by result()
            self._error = e

    @staticmethod
    def _count(layer, condition: str) -> int:
        params = QgsAggregateCalculator.AggregateParameters()
        params.filter = condition
        value, ok = layer.aggregate(compat.AGGREGATE_COUNT, "$id", params)
        if not ok:
            raise RuntimeError(f"counting {condition} failed")
        return int(value or 0)

    def result(self) -> tuple[int, int]:
        """(features with a valid geometry, features without geometry), once counted; raises
        CanceledError when the run was cancelled, and what the count raised."""
        self.join()
        if self._error is not None:
            raise self._error
        if self._feedback is not None and self._feedback.isCanceled():
            raise CanceledError()
        return self.valid, self.nulls


def field_kind(field: QgsField) -> str:
    if compat.is_integer_field(field):
        return "integer"
    if compat.field_type_code(field) == compat.TYPE_DOUBLE:
        return "number"
    return "text"


def _py(v):
    if v is None or v == NULL:
        return None
    if isinstance(v, QVariant):
        return v.value() if not v.isNull() else None
    return v


def source_frame(source, names: list[str] | None = None, feedback=None) -> pd.DataFrame:
    """The fields ``names`` (default: all) of a feature source as a DataFrame
    indexed by feature id: numeric fields float64 (NULL -> NaN), others object
    (NULL -> None).

    Read row by row but framed column-wise in one step, so that a layer with
    hundreds of fields (40 indicators x 10 years) is read in seconds."""
    fields = source.fields()
    names = fields.names() if names is None else names
    idx = []
    for n in names:
        i = fields.lookupField(n)
        if i < 0:
            raise QgsProcessingException(f"field {n!r} not found in the layer (fields: {', '.join(fields.names())})")
        idx.append(i)
    request = QgsFeatureRequest().setFlags(compat.REQUEST_NO_GEOMETRY).setSubsetOfAttributes(idx)
    total = source.featureCount() or 1
    fids, rows = [], []
    for k, f in enumerate(iterate(source, request)):
        if feedback is not None and k % 2000 == 0:
            if feedback.isCanceled():
                raise CanceledError()
            feedback.setProgress(100.0 * k / total)
        a = f.attributes()
        fids.append(f.id())
        rows.append([a[i] for i in idx])
    columns = list(zip(*rows)) if rows else [() for _ in idx]
    nan = float("nan")
    data = {}
    for n, i, col in zip(names, idx, columns):
        if compat.is_numeric_field(fields.at(i)):
            data[n] = np.array([v if type(v) in (int, float) else nan for v in col], dtype="float64")
        else:
            data[n] = np.array([None if v is None or type(v) is QVariant else v for v in col], dtype=object)
    return pd.DataFrame(data, index=pd.Index(fids, name="fid"), columns=names)


def fields_with(base: QgsFields, new: list[tuple[str, str]], replace: bool = True) -> QgsFields:
    """``base`` plus new fields (name, kind). An existing field of the same name is
    replaced in place when ``replace`` (an algorithm that recomputes a field)."""
    out = QgsFields()
    new_names = {n.lower(): (n, k) for n, k in new}
    placed = set()
    for f in base:
        key = f.name().lower()
        if replace and key in new_names:
            n, k = new_names[key]
            out.append(compat.new_field(n, KIND_TO_TYPE[k]))
            placed.add(key)
        else:
            out.append(QgsField(f))
    for n, k in new:
        if n.lower() not in placed:
            out.append(compat.new_field(n, KIND_TO_TYPE[k]))
    return out


def frame_kinds(df: pd.DataFrame, text_columns=()) -> list[tuple[str, str]]:
    out = []
    for c in df.columns:
        s = df[c]
        if c in text_columns or s.dtype == object:
            out.append((c, "text"))
        elif s.dtype.kind in "iu":
            out.append((c, "integer"))
        else:
            out.append((c, "number"))
    return out


def python_rows(df: pd.DataFrame, kinds: list[tuple[str, str]]) -> list[list]:
    """Rows of Python values for setAttributes: NaN -> None, integers as int."""
    cols = []
    for name, kind in kinds:
        s = df[name]
        if kind == "text":
            arr = s.to_numpy(dtype=object)
            arr = np.where(pd.isna(arr), None, arr)
        elif kind == "integer":
            arr = columnar.nullable_ints(s.to_numpy(dtype="float64"))
        else:
            v = s.to_numpy(dtype="float64")
            arr = v.astype(object)
            arr[np.isnan(v)] = None
        cols.append(arr)
    if not cols:
        return [[] for _ in range(len(df))]
    return np.column_stack(cols).tolist() if len(df) else []


def write_with_columns(
    source,
    sink,
    out_fields: QgsFields,
    added: pd.DataFrame,
    added_kinds: list[tuple[str, str]],
    feedback=None,
    request=None,
    features=None,
) -> int:
    """Copy every feature of ``source`` into ``sink`` with the columns of ``added``
    (indexed by feature id) set; fields of the source not in ``added`` keep their
    values. ``features`` may hold the source's features already read (one pass less).

    When ``out_fields`` starts with the source's fields in their order (as
    ``fields_with`` builds it), each feature is only widened and the new values
    set: its own attributes never travel through Python, which matters for
    layers with hundreds of fields."""
    rows = python_rows(added, added_kinds)
    row_of = {fid: i for i, fid in enumerate(added.index)}
    src_names = source.fields().names()
    n_src = len(src_names)
    width = out_fields.count()
    positions = [out_fields.lookupField(n) for n, _ in added_kinds]
    widen = out_fields.names()[:n_src] == src_names
    # Many new fields appended to few (a join): one list and one call per feature
    # is cheaper than one setAttribute call per new value.
    append = widen and positions == list(range(n_src, width)) and len(positions) >= n_src
    if widen:
        replaced = [p < n_src for p in positions]
    else:
        out_names = out_fields.names()
        src_pos = [out_names.index(n) if n in out_names else -1 for n in src_names]
    no_row = [None] * len(positions)
    total = source.featureCount() or 1
    written = 0
    batch = []
    for k, f in enumerate(features if features is not None else iterate(source, request)):
        if feedback is not None and k % 2000 == 0:
            if feedback.isCanceled():
                raise CanceledError()
            feedback.setProgress(100.0 * k / total)
        i = row_of.get(f.id())
        values = rows[i] if i is not None else no_row
        if append:
            attrs = f.attributes() + values
            f.setFields(out_fields, False)
            f.setAttributes(attrs)
        elif widen:
            f.setFields(out_fields, False)
            f.resizeAttributes(width)
            for p, v, r in zip(positions, values, replaced):
                if v is not None or r:
                    f.setAttribute(p, v)
        else:
            attrs = [None] * width
            for v, p in zip(f.attributes(), src_pos):
                if p >= 0:
                    attrs[p] = v
            for v, p in zip(values, positions):
                attrs[p] = v
            f.setFields(out_fields, False)
            f.setAttributes(attrs)
        batch.append(f)
        if len(batch) >= 2000:
            if not sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert):
                raise QgsProcessingException(f"could not write features: {sink.lastError()}")
            written += len(batch)
            batch = []
    if batch:
        if not sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert):
            raise QgsProcessingException(f"could not write features: {sink.lastError()}")
        written += len(batch)
    if feedback is not None and feedback.isCanceled():
        raise CanceledError()
    return written


_SIDECARS = ("", "-wal", "-shm", "-journal")
_SHAPE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qpj", ".qmd")


def remove_with_sidecars(path: str) -> bool:
    """Remove a file this run wrote, with its side files (GeoPackage/SQLite
    -wal, -shm, -journal; a shapefile's parts); True if anything was removed."""
    base, ext = os.path.splitext(path)
    parts = [base + p for p in _SHAPE_PARTS] if ext.lower() == ".shp" else [path + s for s in _SIDECARS]
    removed = False
    for p in parts:
        if os.path.exists(p):
            os.remove(p)
            removed = True
    return removed


class CompleteOrNothing:
    """Outputs are written completely or not at all.

    Create the sink through this object and write to ``self.sink``; call
    ``discard()`` when the algorithm fails or is canceled after the sink was
    created: the sink is closed and a file that did not exist before the run
    is removed, as is a table that this run added to an existing GeoPackage
    (a PostGIS table or a memory layer cannot be removed this way; the error
    message says the output is incomplete)."""

    def __init__(self, alg, parameters, name, context, fields, wkb_type, crs):
        dest = alg.parameterAsOutputLayer(parameters, name, context)
        self.dest = dest or ""
        self.path = (
            dest if dest and os.path.sep in dest and not dest.startswith(("ogr:", "memory:", "postgres")) else None
        )
        if self.path and "|" in self.path:
            self.path = self.path.split("|")[0]
        if dest and dest.startswith("ogr:"):  # ogr:dbname='f.gpkg' table="t": the file
            self.path = columnar.file_and_table(dest)[0] or None
        self.existed = bool(self.path) and os.path.exists(self.path)
        self.new_table = _new_gpkg_table(dest)
        with columnar.wide_pages(self.path, fields.count()):
            self.sink, self.dest_id = alg.parameterAsSink(parameters, name, context, fields, wkb_type, crs)

    def discard(self) -> bool:
        """Close the sink and remove the partial file or table; True if it was removed."""
        self.sink = None  # the only reference: closes the writer
        if postgis.is_postgis(self.dest):
            return postgis.drop_table(self.dest)  # Processing replaced any table of that name when it made the sink
        if self.new_table is not None:
            return _drop_gpkg_table(*self.new_table)
        if not self.path or self.existed:
            return False
        return remove_with_sidecars(self.path)


def _new_gpkg_table(dest: str | None) -> tuple[str, str] | None:
    """(file, table) when ``dest`` names a table not yet in an existing GeoPackage."""
    if not dest or not dest.startswith("ogr:"):
        return None
    path, table = columnar.file_and_table(dest)
    if not table or not path.lower().endswith(".gpkg") or not os.path.isfile(path):
        return None
    from osgeo import ogr

    ds = ogr.Open(path, 0)
    if ds is None:
        return None
    try:
        names = {ds.GetLayer(i).GetName().lower() for i in range(ds.GetLayerCount())}
    finally:
        ds = None
    return None if table.lower() in names else (path, table)


def _drop_gpkg_table(path: str, table: str) -> bool:
    from osgeo import ogr

    ds = ogr.Open(path, 1)
    if ds is None:
        return False
    try:
        for i in range(ds.GetLayerCount()):
            if ds.GetLayer(i).GetName().lower() == table.lower():
                return ds.DeleteLayer(i) == 0
        return False
    finally:
        ds = None
