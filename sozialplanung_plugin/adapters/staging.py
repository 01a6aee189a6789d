"""Bulk reading of PostGIS tables and bulk writing of FlatGeobuf and Shapefile
files through staging GeoPackages.

The SQL path (``columnar.write_gpkg``) fills a GeoPackage table inside
SQLite. For a FlatGeobuf or Shapefile output the same table is first built in
a temporary GeoPackage, then GDAL copies it into the file QGIS created for the
sink, feature by feature in C++ (``OGRFeature::SetFrom``), without a Python
value per attribute. The output's schema is always the one QGIS made (names,
types, widths, laundered Shapefile names): the copy maps the staging table's
fields onto it by position. FlatGeobuf files cannot be appended to, so the
empty file QGIS made is read for its schema and written anew with it.

A PostGIS input table (whole, no filter, one integer primary key that QGIS
uses as the feature id) is copied by GDAL into a staging GeoPackage once and
read from there like a GeoPackage input; the feature ids are checked against
QGIS's before that copy is used. (GDAL is not used to write PostGIS: it
writes numbers with 15 significant digits, QGIS with all 17. A PostGIS output
of a PostGIS input in the same database is filled inside the database,
``postgis.fill_from_source``.)
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile

from sozialplanung_plugin.adapters import columnar
from sozialplanung_plugin.core.errors import CanceledError

#: OGR drivers written this way, by file extension
DRIVERS = {".fgb": "FlatGeobuf", ".shp": "ESRI Shapefile"}
STAGING_TABLE = "staging"


def _ogr_pg(uri, table: str | None = None) -> str:
    """GDAL's connection string for a QGIS PostgreSQL URI (QGIS authentication expanded, so a
    stored password is used but never written anywhere); ``tables=`` limits what GDAL lists."""
    conn = uri.connectionInfo(True)
    return f"PG:{conn}" + (f" tables={table}" if table else "")


def file_target(dest_id: str) -> tuple[str, str] | None:
    """(path, OGR driver) of a FlatGeobuf or Shapefile output QGIS made, or None."""
    path = (dest_id or "").split("|")[0]
    ext = os.path.splitext(path)[1].lower()
    if ext not in DRIVERS or not os.path.isfile(path):
        return None
    return path, DRIVERS[ext]


@contextlib.contextmanager
def staging_gpkg(fields, wkb_type, crs):
    """A temporary GeoPackage with an empty table of ``fields`` (as QGIS writes them), removed afterwards."""
    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter

    folder = tempfile.mkdtemp(prefix="sozialplanung_staging_")
    path = os.path.join(folder, "staging.gpkg")
    try:
        opts = QgsVectorFileWriter.SaveVectorOptions()
        opts.driverName = "GPKG"
        opts.layerName = STAGING_TABLE
        opts.layerOptions = ["SPATIAL_INDEX=NO"]
        with columnar.wide_pages(path, fields.count()):
            writer = QgsVectorFileWriter.create(path, fields, wkb_type, crs, QgsCoordinateTransformContext(), opts)
        if writer is None or writer.hasError() != QgsVectorFileWriter.WriterError.NoError:
            raise columnar.ColumnarUnavailableError("the staging GeoPackage could not be made")
        del writer  # closes the file
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def copy_into(staging: str, target: tuple[str, str], out_names: list[str], feedback=None) -> int:
    """Copy the staging table into the FlatGeobuf or Shapefile ``target`` (path, driver) QGIS
    made (empty, fields ``out_names`` in this order). Raises ColumnarUnavailableError before
    writing anything when the schemas do not line up."""
    from osgeo import ogr, osr

    path, driver = target
    src_ds = ogr.Open(staging, 0)
    if src_ds is None:
        raise columnar.ColumnarUnavailableError("the staging GeoPackage cannot be opened")
    src = src_ds.GetLayerByName(STAGING_TABLE)
    src_defn = src.GetLayerDefn()
    src_index = {src_defn.GetFieldDefn(i).GetName().lower(): i for i in range(src_defn.GetFieldCount())}

    dst_ds = ogr.Open(path, 1 if driver != "FlatGeobuf" else 0)
    if dst_ds is None or dst_ds.GetLayerCount() != 1:
        raise columnar.ColumnarUnavailableError("the output cannot be opened")
    dst = dst_ds.GetLayer(0)
    defn = dst.GetLayerDefn()
    if defn.GetFieldCount() != len(out_names) or dst.GetFeatureCount() != 0:
        raise columnar.ColumnarUnavailableError("the output's fields are not the sink's")
    # each staging field onto the output field at the position of its name; the staging
    # GeoPackage keeps a field called fid as its feature id: set from the feature's id
    mapping = [-1] * src_defn.GetFieldCount()
    fid_field = -1
    for k, name in enumerate(out_names):
        i = src_index.get(name.lower())
        if i is not None:
            mapping[i] = k
        elif name.lower() == "fid":
            fid_field = k
        else:
            raise columnar.ColumnarUnavailableError(f"output field {name} is not in the staging table")
    if driver == "FlatGeobuf":  # no appending: the file is made anew with QGIS's schema
        name, geom_type = dst.GetName(), dst.GetGeomType()
        srs = dst.GetSpatialRef()
        srs = srs.Clone() if srs is not None else None
        fields = [_copy_field(defn.GetFieldDefn(i)) for i in range(defn.GetFieldCount())]
        dst = defn = None
        dst_ds = None
        drv = ogr.GetDriverByName(driver)
        drv.DeleteDataSource(path)
        dst_ds = drv.CreateDataSource(path)
        if dst_ds is None:
            raise columnar.WriteError(f"{path}: the file cannot be written; nothing was written")
        srs = srs if isinstance(srs, osr.SpatialReference) else None
        dst = dst_ds.CreateLayer(name, srs, geom_type, ["SPATIAL_INDEX=YES"])
        for f in fields:
            dst.CreateField(f)
        defn = dst.GetLayerDefn()
    total = src.GetFeatureCount() or 1
    written = 0
    src.ResetReading()
    for feat in src:
        out = ogr.Feature(defn)
        out.SetFromWithMap(feat, 1, mapping)
        if fid_field >= 0:
            out.SetField(fid_field, feat.GetFID())
        if dst.CreateFeature(out) != 0:
            raise columnar.WriteError(f"{path}: feature {written + 1} could not be written; nothing was kept")
        written += 1
        if feedback is not None and written % 2000 == 0:
            if feedback.isCanceled():
                raise CanceledError()
            feedback.setProgress(100.0 * written / total)
    dst.SyncToDisk()
    dst = defn = None
    dst_ds = None  # closes (FlatGeobuf writes its index now)
    src_ds = None
    return written


def _copy_field(f):
    from osgeo import ogr

    out = ogr.FieldDefn(f.GetName(), f.GetType())
    out.SetSubType(f.GetSubType())
    out.SetWidth(f.GetWidth())
    out.SetPrecision(f.GetPrecision())
    return out


def pg_origin(layer, parameter, folder: str):
    """A staging GeoPackage copy (in ``folder``) of the PostGIS table behind ``layer``, as a
    columnar.GpkgTable, or None when the table cannot be read this way (a filter, part of the
    layer, a key that is not one integer column, feature ids that are not the key's values,
    GDAL failing: whether GDAL raises or returns None, set elsewhere, the run goes on generically)."""
    try:
        return _pg_origin(layer, parameter, folder)
    except (RuntimeError, sqlite3.Error):
        return None


def _pg_origin(layer, parameter, folder: str):
    from osgeo import gdal
    from qgis.core import QgsDataSourceUri, QgsFeatureRequest

    from sozialplanung_plugin import compat

    if layer is None or layer.providerType() != "postgres" or layer.subsetString():
        return None
    if parameter is not None and not columnar.plain_definition(parameter):
        return None
    uri = QgsDataSourceUri(layer.source())
    if uri.sql() or not uri.table() or uri.table().startswith("("):
        return None
    pk = layer.dataProvider().pkAttributeIndexes()
    if len(pk) != 1 or not compat.is_integer_field(layer.fields().at(pk[0])):
        return None
    name = f"{uri.schema() or 'public'}.{uri.table()}"
    src_ds = gdal.OpenEx(_ogr_pg(uri, name), gdal.OF_VECTOR)
    if src_ds is None:
        return None
    src = src_ds.GetLayerByName(name)
    if src is None or (src.GetFIDColumn() or "").lower() != layer.fields().at(pk[0]).name().lower():
        return None
    path = os.path.join(folder, "source.gpkg")
    with columnar.wide_pages(path, layer.fields().count()):
        done = gdal.VectorTranslate(
            path,
            src_ds,
            options=gdal.VectorTranslateOptions(
                options=["-preserve_fid"], format="GPKG", layers=[src.GetName()], layerName="source"
            ),
        )
    if done is None:
        return None
    done = src = src_ds = None
    # QGIS's feature id of each key (for a bigint key QGIS numbers the features as it meets
    # them), in QGIS's order (the database's): the copy is read and written through these
    req = QgsFeatureRequest().setSubsetOfAttributes([pk[0]]).setFlags(compat.REQUEST_NO_GEOMETRY)
    fids, keys = [], []
    for f in layer.getFeatures(req):
        k = f.attribute(pk[0])
        if k is None or not isinstance(k, int):
            return None
        fids.append(f.id())
        keys.append(k)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        copied = [r[0] for r in con.execute('SELECT fid FROM "source" ORDER BY fid')]
    finally:
        con.close()
    if sorted(keys) != copied:
        return None
    origin = columnar.GpkgTable(path, "source", layer.fields())
    origin.pg_uri = layer.source()  # the table itself, for an output into the same database
    origin.pg_key = layer.fields().at(pk[0]).name()
    origin.set_feature_ids(fids, keys)
    return origin
