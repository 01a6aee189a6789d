"""The columnar reading path: a plain GeoPackage table read column by column
with SQLite instead of feature by feature through PyQGIS.

PyQGIS hands every attribute over as a QVariant turned into a Python object,
which costs about 7 µs per value: a layer of 10,000 units with 840 fields
takes a minute to read that way. SQLite hands over whole rows in C. The
path is taken only when the result is certainly the same as the generic one
(``layers.source_frame``): an OGR layer on a GeoPackage table, without a
subset string, read whole (not "selected features only", no feature limit,
no filter), and only integer, real and text fields. Everything else goes the
generic way. The file is opened read-only.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import struct

import numpy as np
import pandas as pd
from qgis.core import QgsProcessingFeatureSourceDefinition, QgsProviderRegistry

from sozialplanung_plugin import compat
from sozialplanung_plugin.core.errors import UserError


class GpkgTable:
    """Where a layer's features live when it is a plain GeoPackage table."""

    def __init__(self, path: str, table: str, fields):
        self.path, self.table, self.fields = path, table, fields
        self.pg_uri = self.pg_key = None  # a staging copy of this PostGIS table (adapters/staging.py)
        self.qgis_fids = self.qgis_keys = None  # QGIS's feature ids and the table's keys, in QGIS's order

    def set_feature_ids(self, fids: list[int], keys: list[int]) -> None:
        """QGIS reads this table's rows in this order with these feature ids; the table's own
        key (the GeoPackage's fid) of each is ``keys``. Not needed when both are the same, in order."""
        if fids == keys and keys == sorted(keys):
            return
        self.qgis_fids, self.qgis_keys = fids, keys
        self._key_of = dict(zip(fids, keys))

    def as_read(self, frame: pd.DataFrame) -> pd.DataFrame:
        """A frame read by key (``read_frame``) in QGIS's order, indexed by QGIS's feature ids."""
        if self.qgis_fids is None:
            return frame
        out = frame.loc[self.qgis_keys]
        out.index = pd.Index(self.qgis_fids, name=frame.index.name)
        return out

    def keys(self, fids) -> list[int]:
        """The table's keys of QGIS's feature ids ``fids``."""
        if self.qgis_fids is None:
            return [int(f) for f in fids]
        return [self._key_of[int(f)] for f in fids]

    def connect(self) -> sqlite3.Connection:
        return sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)

    def primary_key(self, con: sqlite3.Connection) -> str | None:
        rows = con.execute(f'PRAGMA table_info("{_quoted(self.table)}")').fetchall()
        keys = [r[1] for r in rows if r[5]]
        return keys[0] if len(keys) == 1 else None


def _quoted(name: str) -> str:
    return name.replace('"', '""')


def plain_definition(parameter) -> bool:
    """False when the input parameter asks for part of a layer only."""
    if isinstance(parameter, QgsProcessingFeatureSourceDefinition):
        if parameter.selectedFeaturesOnly:
            return False
        if getattr(parameter, "featureLimit", -1) not in (-1, None):
            return False
        if getattr(parameter, "filterExpression", ""):
            return False
    return True


def gpkg_table(layer, parameter=None) -> GpkgTable | None:
    """The GeoPackage table behind ``layer``, or None when the generic path must read it."""
    if layer is None or layer.providerType() != "ogr" or layer.subsetString():
        return None
    if parameter is not None and not plain_definition(parameter):
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    if _text(parts.get("subset")):
        return None
    found = _existing_table(_text(parts.get("path")), _text(parts.get("layerName")))
    return GpkgTable(found[0], found[1], layer.fields()) if found else None


def _field_kinds(origin: GpkgTable, names: list[str]) -> list[str] | None:
    """ "text", "integer" or "number" of each field ``names``; None when one is missing or of another type."""
    kinds = []
    for n in names:
        i = origin.fields.lookupField(n)
        f = origin.fields.at(i) if i >= 0 else None
        if f is not None and compat.is_text_field(f):
            kinds.append("text")
        elif f is not None and compat.is_numeric_field(f):
            kinds.append("integer" if compat.is_integer_field(f) else "number")
        else:
            return None
    return kinds


def _sql_columns(con, origin: GpkgTable, names: list[str]) -> tuple[str, list[str]] | None:
    """The table's primary key and its spelling of the columns ``names`` (a field "fid" that the
    table lacks is the key), or None when the table is not as expected."""
    pk = origin.primary_key(con)
    if pk is None:
        return None
    by_lower = {r[1].lower(): r[1] for r in con.execute(f'PRAGMA table_info("{_quoted(origin.table)}")')}
    sql_names = []
    for n in names:
        c = pk if n.lower() == "fid" and n.lower() not in by_lower else by_lower.get(n.lower())
        if c is None:
            return None
        sql_names.append(c)
    return pk, sql_names


def read_values(origin: GpkgTable, names: list[str]) -> tuple[list[int], list[list]] | None:
    """The feature ids and the values of the fields ``names`` as QGIS gives them (text as
    str, integers as int, decimals as float, NULL as None), in the table's order; None when a
    field is of another type, the table is not as expected, or QGIS numbers its rows otherwise."""
    kinds = _field_kinds(origin, names)
    if origin.qgis_fids is not None or kinds is None:
        return None
    try:
        con = origin.connect()
    except sqlite3.Error:
        return None
    try:
        found = _sql_columns(con, origin, names)
        if found is None:
            return None
        pk, sql_names = found
        # SQLite keeps what a cell holds: a text in a number field (NULL in QGIS) sends the read to QGIS
        for c, kind in zip(sql_names, kinds):
            want = {"text": "text", "integer": "integer", "number": "real"}[kind]
            other = f'SELECT 1 FROM "{_quoted(origin.table)}" WHERE typeof("{_quoted(c)}") NOT IN (?, \'null\') LIMIT 1'
            if con.execute(other, (want,)).fetchone():
                return None
        select = ", ".join(f'"{_quoted(c)}"' for c in [pk] + sql_names)
        rows = con.execute(f'SELECT {select} FROM "{_quoted(origin.table)}" ORDER BY "{_quoted(pk)}"').fetchall()
    except sqlite3.Error:
        return None
    finally:
        con.close()
    if not rows:
        return [], [[] for _ in names]
    cols = list(zip(*rows))
    return list(cols[0]), [list(c) for c in cols[1:]]


def read_frame(origin: GpkgTable, names: list[str]) -> pd.DataFrame | None:
    """The fields ``names`` as ``layers.source_frame`` gives them (numeric
    float64 with NaN, text object with None, indexed by feature id), or None
    when a field is of another type or the table is not as expected."""
    kinds = _field_kinds(origin, names)
    if kinds is None:
        return None
    kinds = ["text" if k == "text" else "number" for k in kinds]
    try:
        con = origin.connect()
    except sqlite3.Error:
        return None
    try:
        found = _sql_columns(con, origin, names)
        if found is None:
            return None
        pk, sql_names = found
        select = ", ".join(f'"{_quoted(c)}"' for c in [pk] + sql_names)
        count = con.execute(f'SELECT count(*) FROM "{_quoted(origin.table)}"').fetchone()[0]
        fids = np.empty(count, dtype=np.int64)
        data = {n: np.empty(count, dtype="float64" if k == "number" else object) for n, k in zip(names, kinds)}
        cur = con.execute(f'SELECT {select} FROM "{_quoted(origin.table)}" ORDER BY "{_quoted(pk)}"')
        at = 0
        while True:  # in chunks: the Python objects of one chunk at a time, not of the whole table
            rows = cur.fetchmany(READ_CHUNK)
            if not rows:
                break
            if at + len(rows) > count:
                return None  # the table grew while being read
            table = np.empty((len(rows), len(names) + 1), dtype=object)
            table[:] = rows  # one C loop over the rows; columns are then slices
            fids[at : at + len(rows)] = table[:, 0]
            for k, (n, kind) in enumerate(zip(names, kinds), start=1):
                data[n][at : at + len(rows)] = _numbers(table[:, k]) if kind == "number" else _texts(table[:, k])
            at += len(rows)
    except sqlite3.Error:
        return None
    finally:
        con.close()
    if at != count:
        return None
    return pd.DataFrame(data, index=pd.Index(fids, name="fid"), columns=names)


#: rows read (and written) per chunk: bounds the Python objects alive at once
READ_CHUNK = 5000
WRITE_CHUNK = 5000


def _numbers(col) -> np.ndarray:
    """A column of SQLite values (int, float, None; text in a numeric column is NULL, as in QGIS) as float64."""
    col = np.asarray(col, dtype=object)
    try:
        out = np.where(np.equal(col, None), np.nan, col).astype("float64")  # None becomes NaN
    except (TypeError, ValueError):
        return np.array([v if type(v) in (int, float) else np.nan for v in col], dtype="float64")
    return out


def _texts(col) -> np.ndarray:
    arr = np.empty(len(col), dtype=object)
    arr[:] = [v if v is None or type(v) is str else str(v) for v in col]
    return arr


# --------------------------------------------------------------------------
# writing: a GeoPackage output of a GeoPackage input, in SQL


def _envelope(blob, which: int):
    """ST_MinX/MaxX/MinY/MaxY of a GeoPackage geometry blob (its header
    envelope, or the WKB's points when it has none), for the R-tree triggers
    that GDAL puts on every table."""
    env = _header_envelope(blob)
    return None if env is None else env[which]


def _header_envelope(blob):
    if blob is None or len(blob) < 8 or blob[:2] != b"GP":
        return None
    flags = blob[3]
    kind = (flags >> 1) & 0x07
    if kind == 0:
        return _wkb_envelope(blob, 8)
    order = "<" if flags & 1 else ">"
    return struct.unpack_from(order + "4d", blob, 8)  # minx, maxx, miny, maxy


def _wkb_envelope(blob, offset):
    from qgis.core import QgsGeometry

    g = QgsGeometry()
    g.fromWkb(bytes(blob[offset:]))
    if g.isEmpty():
        return None
    b = g.boundingBox()
    return (b.xMinimum(), b.xMaximum(), b.yMinimum(), b.yMaximum())


def _is_empty(blob) -> int:
    if blob is None or len(blob) < 4:
        return 1
    return 1 if blob[3] & 0x10 else 0


def _register_geometry_functions(con: sqlite3.Connection) -> None:
    con.create_function("ST_IsEmpty", 1, _is_empty, deterministic=True)
    for i, name in enumerate(("ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY")):
        con.create_function(name, 1, lambda b, i=i: _envelope(b, i), deterministic=True)


_PROCESSING_TABLE = re.compile("dbname='((?:[^']|'')*)'\\s+table=\"((?:[^\"]|\"\")*)\"")


def _text(v) -> str:
    return v if isinstance(v, str) else ""  # decodeUri gives NULL (a QVariant) for a missing part


def file_and_table(dest: str) -> tuple[str, str]:
    """(file, table) of an output as Processing names it: "ogr:dbname='f.gpkg'
    table="t" (geom)", "f.gpkg|layername=t" or "f.gpkg" (table "")."""
    dest = dest or ""
    if dest.startswith("ogr:"):
        m = _PROCESSING_TABLE.search(dest)
        if m:
            return m.group(1).replace("''", "'"), m.group(2).replace('""', '"')
        dest = dest[4:]
    parts = QgsProviderRegistry.instance().decodeUri("ogr", dest)
    return _text(parts.get("path")), _text(parts.get("layerName"))


def gpkg_tables(path: str) -> list[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")]
    finally:
        con.close()


def gpkg_destination(dest_id: str) -> tuple[str, str] | None:
    """(file, table) of a GeoPackage output as Processing names it, or None."""
    return _existing_table(*file_and_table(dest_id))


def _existing_table(path: str, table: str) -> tuple[str, str] | None:
    """(file, table as the GeoPackage spells it) when ``path`` is a GeoPackage
    holding ``table`` (or, without a table name, exactly one table)."""
    if not path.lower().endswith(".gpkg") or not os.path.isfile(path):
        return None
    try:
        tables = gpkg_tables(path)
    except sqlite3.Error:
        return None
    if not table:
        if len(tables) != 1:
            return None
        table = tables[0]
    match = [t for t in tables if t.lower() == table.lower()]
    return (path, match[0]) if match else None


#: a new GeoPackage for a table of more fields than this gets SQLite pages of 64 KiB instead of
#: GDAL's 4 KiB: a row of 1,000 numbers (about 9 KB) then fits on one page instead of a chain of
#: overflow pages, which makes copying and reading such a table 3 to 8 times faster
WIDE_TABLE_FIELDS = 200
WIDE_PAGE_SIZE = 65536


@contextlib.contextmanager
def wide_pages(path: str | None, field_count: int):
    """While QGIS creates the GeoPackage ``path`` (not there yet) for a table of more than
    WIDE_TABLE_FIELDS fields: GDAL's OGR_SQLITE_PRAGMA asks for 64 KiB pages (any earlier
    value of it is kept and restored)."""
    wide = bool(path) and path.lower().endswith(".gpkg") and not os.path.exists(path)
    if not wide or field_count <= WIDE_TABLE_FIELDS:
        yield
        return
    before = os.environ.get("OGR_SQLITE_PRAGMA")
    os.environ["OGR_SQLITE_PRAGMA"] = ",".join(p for p in (before, f"page_size={WIDE_PAGE_SIZE}") if p)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("OGR_SQLITE_PRAGMA", None)
        else:
            os.environ["OGR_SQLITE_PRAGMA"] = before


class WriteError(UserError):
    """Writing the output failed for a reason the user can fix (a full disk, a locked file)."""


class ColumnarUnavailableError(Exception):
    """The output is not one the SQL path can write; the generic path writes it."""


def nullable_ints(v: np.ndarray) -> np.ndarray:
    """float64 values as an object array of Python ints, None where NaN."""
    arr = np.empty(len(v), dtype=object)
    ok = ~np.isnan(v)
    arr[ok] = v[ok].astype(np.int64).tolist()
    arr[~ok] = None
    return arr


def sql_columns(added: pd.DataFrame, kinds: list[tuple[str, str]]) -> list[np.ndarray]:
    """The columns of ``kinds`` as arrays (views where the frame allows): numbers and integers
    as float64, text as objects. ``bind_rows`` turns slices of them into what SQLite binds."""
    return [added[name].to_numpy(dtype="float64" if kind in ("number", "integer") else object) for name, kind in kinds]


def bind_rows(arrays: list[np.ndarray], a: int, b: int) -> list[list]:
    """Rows a..b of ``sql_columns`` as lists SQLite binds fast: floats and str, a missing value
    as NaN, which SQLite stores as NULL. (Python's sqlite3 adapts None through a slow protocol
    lookup: four times the cost of a float. An integer bound as a float is stored as an integer
    by the output column's INTEGER affinity.)"""
    out = []
    for arr in arrays:
        part = arr[a:b]
        if part.dtype == object:
            part = part.copy()
            part[pd.isna(part)] = np.nan
        out.append(part.tolist())
    return out


def write_gpkg(
    origin: GpkgTable, dest: tuple[str, str], out_names: list[str], added: pd.DataFrame, kinds: list[tuple[str, str]]
) -> int:
    """Fill the (just created, empty) GeoPackage table ``dest`` with every
    feature of ``origin``: its geometry and attributes copied inside SQLite,
    the columns of ``added`` (indexed by feature id; ``kinds`` in the order of
    its columns) set. The output columns are
    ``out_names`` (the source's fields, some replaced by ``added``, then the
    new ones). One transaction: on any error nothing is kept. Raises
    ColumnarUnavailableError before writing anything when the tables are not as expected."""
    path, table = dest
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute(f"PRAGMA temp.page_size = {WIDE_PAGE_SIZE}")  # the added columns' rows on one page each
        con.execute("PRAGMA cache_size = -262144")  # 256 MiB of page cache (the default 2 MiB thrashes on wide rows)
        _register_geometry_functions(con)
        con.execute("ATTACH DATABASE ? AS src", (f"file:{origin.path}?mode=ro",))
        plan, src_geom, out_geom = _plan(con, origin, table, out_names, list(added.columns))
        con.execute("BEGIN IMMEDIATE")
        try:
            _stage_added(con, origin.keys(added.index), added, kinds)
            triggers = _insert_triggers(con, table, out_geom)
            for name, _sql in triggers.values():  # row by row they would call Python for every feature
                con.execute(f'DROP TRIGGER main."{_quoted(name)}"')
            con.execute(plan)
            written = con.execute(f'SELECT count(*) FROM main."{_quoted(table)}"').fetchone()[0]
            if "rtree" in triggers:
                _fill_rtree(con, origin.table, src_geom, table, out_geom)
            if "count" in triggers:
                con.execute(
                    "UPDATE main.gpkg_ogr_contents SET feature_count = feature_count + ? "
                    "WHERE lower(table_name) = lower(?)",
                    (written, table),
                )
            for _name, sql in triggers.values():
                con.execute(sql)
            _copy_extent(con, origin.table, table)
            con.execute("DROP TABLE temp.sp_added")
            con.execute("COMMIT")
        except BaseException:
            try:
                con.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # SQLite already rolled back (e.g. a full disk ends the transaction)
            raise
        return written
    except sqlite3.OperationalError as e:
        raise WriteError(f"{path}: {e}; nothing was written") from e
    finally:
        con.close()


def select_list(out_names, out_cols: dict, src_cols: dict, added_names, aliases, error) -> tuple[list, list]:
    """The target columns and the values of an INSERT ... SELECT that copies a source table
    (alias ``aliases[1]``) and sets the added columns c0, c1, ... (alias ``aliases[0]``):
    ``out_cols`` and ``src_cols`` map lower-case names to the tables' spelling. Raises
    ``error`` for an output column the output table lacks or that nothing gives a value."""
    added_at = {n.lower(): i for i, n in enumerate(added_names)}
    targets, values = [], []
    for name in out_names:
        low = name.lower()
        if low not in out_cols:
            raise error(f"output column {name} is not in the output table")
        targets.append(out_cols[low])
        if low in added_at:
            values.append(f"{aliases[0]}.c{added_at[low]}")
        elif low in src_cols:
            values.append(f'{aliases[1]}."{_quoted(src_cols[low])}"')
        else:
            raise error(f"no value for output column {name}")
    return targets, values


def _plan(con, origin: GpkgTable, table: str, out_names: list[str], added_names: list[str]) -> tuple[str, str, str]:
    """The INSERT ... SELECT that copies the source and sets the added columns, and the
    geometry columns of the source and the output."""
    out_info = con.execute(f'PRAGMA main.table_info("{_quoted(table)}")').fetchall()
    src_info = con.execute(f'PRAGMA src.table_info("{_quoted(origin.table)}")').fetchall()
    if con.execute(f'SELECT count(*) FROM main."{_quoted(table)}"').fetchone()[0]:
        raise ColumnarUnavailableError("the output table is not empty")
    out_pk = [r[1] for r in out_info if r[5]]
    src_pk = [r[1] for r in src_info if r[5]]
    if len(out_pk) != 1 or len(src_pk) != 1:
        raise ColumnarUnavailableError("no single primary key")
    geom = con.execute(
        "SELECT g.column_name, g.srs_id, s.column_name, s.srs_id FROM main.gpkg_geometry_columns g, "
        "src.gpkg_geometry_columns s WHERE lower(g.table_name) = lower(?) AND lower(s.table_name) = lower(?)",
        (table, origin.table),
    ).fetchall()
    if len(geom) != 1 or geom[0][1] != geom[0][3]:
        raise ColumnarUnavailableError("geometry columns differ")
    out_geom, _, src_geom, _ = geom[0]
    out_cols = {r[1].lower(): r[1] for r in out_info}
    src_cols = {r[1].lower(): r[1] for r in src_info}
    targets, values = select_list(
        [n for n in out_names if n.lower() != out_pk[0].lower()],  # the fid: the source's, as the generic path keeps it
        out_cols,
        src_cols,
        added_names,
        ("n", "s"),
        ColumnarUnavailableError,
    )
    targets = [out_pk[0], out_geom] + targets
    values = [f's."{_quoted(src_pk[0])}"', f's."{_quoted(src_geom)}"'] + values
    sql = (
        f'INSERT INTO main."{_quoted(table)}" ('
        + ", ".join(f'"{_quoted(t)}"' for t in targets)
        + ") SELECT "
        + ", ".join(values)
        + f' FROM src."{_quoted(origin.table)}" s LEFT JOIN temp.sp_added n ON n.sp_fid = s."{_quoted(src_pk[0])}"'
        + f' ORDER BY s."{_quoted(src_pk[0])}"'
    )
    return sql, src_geom, out_geom


def _stage_added(con, fids: list, added: pd.DataFrame, kinds: list[tuple[str, str]]) -> None:
    """The added columns into the temporary table sp_added (sp_fid, c0, c1, ...), in chunks."""
    new_cols = [f"c{i}" for i in range(len(added.columns))]
    con.execute("CREATE TEMP TABLE sp_added (sp_fid INTEGER PRIMARY KEY" + "".join(f", {c}" for c in new_cols) + ")")
    kind_of = dict(kinds)
    ordered = [(c, kind_of[c]) for c in added.columns]  # the temporary columns c0, c1, ... in this order
    marks = ", ".join("?" * (len(new_cols) + 1))
    arrays = sql_columns(added, ordered)
    for a in range(0, len(fids), WRITE_CHUNK):  # the Python values of one chunk at a time
        part = bind_rows(arrays, a, a + WRITE_CHUNK)
        con.executemany(f"INSERT INTO temp.sp_added VALUES ({marks})", zip(fids[a : a + WRITE_CHUNK], *part))


def _insert_triggers(con, table: str, geom: str) -> dict[str, tuple[str, str]]:
    """GDAL's AFTER INSERT triggers of ``table`` that fire once per row: its R-tree's
    ("rtree") and the feature count's ("count"), as {kind: (name, CREATE TRIGGER sql)}."""
    kinds = {f"rtree_{table}_{geom}_insert".lower(): "rtree", f"trigger_insert_feature_count_{table}".lower(): "count"}
    rows = con.execute(
        "SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' AND lower(tbl_name) = lower(?)", (table,)
    ).fetchall()
    return {kinds[n.lower()]: (n, sql) for n, sql in rows if n.lower() in kinds and sql}


_RTREE_SHADOWS = ("node", "rowid", "parent")


def _copy_rtree(con, source: str, target: str) -> bool:
    """Copy the R-tree ``source`` of the attached source into the empty R-tree ``target``
    (both GeoPackage indexes of the same feature ids) by its three shadow tables: the tree
    as it is, without inserting its entries one by one (about 10 times faster). False,
    with ``target`` left empty, when the source has no such index or the copy is not a
    consistent tree (SQLite's rtreecheck)."""
    for part in _RTREE_SHADOWS:
        a = con.execute(f'PRAGMA src.table_info("{_quoted(source)}_{part}")').fetchall()
        b = con.execute(f'PRAGMA main.table_info("{_quoted(target)}_{part}")').fetchall()
        if not a or [r[1:3] for r in a] != [r[1:3] for r in b]:
            return False
    con.execute("SAVEPOINT sp_rtree")
    for part in _RTREE_SHADOWS:
        con.execute(f'DELETE FROM main."{_quoted(target)}_{part}"')
        con.execute(f'INSERT INTO main."{_quoted(target)}_{part}" SELECT * FROM src."{_quoted(source)}_{part}"')
    try:
        ok = con.execute("SELECT rtreecheck('main', ?)", (target,)).fetchone()[0] == "ok"
    except sqlite3.OperationalError:  # an SQLite before 3.24 has no rtreecheck: the caller's count decides
        ok = True
    if not ok:
        con.execute("ROLLBACK TO sp_rtree")
    con.execute("RELEASE sp_rtree")
    return ok


def _fill_rtree(con, source_table: str, src_geom: str, table: str, geom: str) -> None:
    """The spatial index of the filled ``table`` in one statement, as its insert trigger
    would have made it row by row: copied from the source's index (the feature ids are
    the source's) when that has one entry per non-empty geometry, else computed."""
    rtree = f'main."rtree_{_quoted(table)}_{_quoted(geom)}"'
    src_rtree = f"rtree_{source_table}_{src_geom}"
    has_geom = f'"{_quoted(geom)}" NOT NULL AND NOT ST_IsEmpty("{_quoted(geom)}")'
    if _copy_rtree(con, src_rtree, f"rtree_{table}_{geom}"):
        n_index = con.execute(f"SELECT count(*) FROM {rtree}").fetchone()[0]
        n_geom = con.execute(f'SELECT count(*) FROM main."{_quoted(table)}" WHERE {has_geom}').fetchone()[0]
        if n_index == n_geom:
            return
        con.execute(f"DELETE FROM {rtree}")
    g = f'"{_quoted(geom)}"'
    pk = next(r[1] for r in con.execute(f'PRAGMA main.table_info("{_quoted(table)}")') if r[5])
    con.execute(
        f'INSERT OR REPLACE INTO {rtree} SELECT "{_quoted(pk)}", '
        f"ST_MinX({g}), ST_MaxX({g}), ST_MinY({g}), ST_MaxY({g}) "
        f'FROM main."{_quoted(table)}" WHERE {has_geom}'
    )


def _copy_extent(con, source_table: str, table: str) -> None:
    row = con.execute(
        "SELECT min_x, min_y, max_x, max_y FROM src.gpkg_contents WHERE lower(table_name) = lower(?)", (source_table,)
    ).fetchone()
    if row and None not in row:
        con.execute(
            "UPDATE main.gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? "
            "WHERE lower(table_name) = lower(?)",
            (*row, table),
        )
