"""PostGIS tables as sources and sinks: what the plugin needs beyond QGIS's
own provider. Everything goes through QGIS's ``postgres`` provider and its
database connection API (no extra Python package): a connection is named by
a QGIS data source URI (``dbname=... host=... port=...`` or ``service=...``,
credentials from a service file or QGIS's authentication database; a
password never appears in a message).

Processing names a PostGIS sink ``postgis:<uri>`` and a source
``postgres://<uri>``; both are accepted here, as is the plain URI."""

from __future__ import annotations

import re
import uuid

from qgis.core import QgsDataSourceUri, QgsProviderRegistry, QgsVectorLayer

from sozialplanung_plugin import compat
from sozialplanung_plugin.adapters import columnar
from sozialplanung_plugin.core.errors import UserError

PREFIXES = ("postgis:", "postgres://", "postgresql://")
_PASSWORD = re.compile(r"((?:password|pass)\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)


class DatabaseError(UserError):
    """The database cannot be reached or refused a statement."""


def is_postgis(dest: str | None) -> bool:
    """True for a Processing source or sink string that names a PostGIS table."""
    if not dest or not isinstance(dest, str):
        return False
    return dest.strip().lower().startswith(PREFIXES)


def plain_uri(dest: str) -> str:
    """The QGIS data source URI of ``dest`` (Processing's prefix removed)."""
    s = dest.strip()
    for p in PREFIXES:
        if s.lower().startswith(p):
            return s[len(p) :]
    return s


def safe(text: str) -> str:
    """A URI or message without its password (for messages and logs)."""
    if not text:
        return text
    return _PASSWORD.sub(r"\1***", text)


def where(uri: str) -> str:
    """'database "x" on host:port' or 'service "s"' for messages."""
    u = QgsDataSourceUri(plain_uri(uri))
    if u.service():
        return f'service "{u.service()}"'
    host = u.host() or "the local socket"
    port = f":{u.port()}" if u.port() else ""
    return f'database "{u.database()}" on {host}{port}'


def table_of(dest: str) -> tuple[str, str]:
    """(schema, table) named by ``dest``; schema 'public' when not given."""
    u = QgsDataSourceUri(plain_uri(dest))
    return u.schema() or "public", u.table()


def connection(dest: str):
    """A QGIS database connection (QgsAbstractDatabaseProviderConnection) to the
    database of ``dest``."""
    u = QgsDataSourceUri(plain_uri(dest))
    u.setTable("")
    u.setGeometryColumn("")
    u.setSchema("")
    md = QgsProviderRegistry.instance().providerMetadata("postgres")
    if md is None:
        raise DatabaseError("QGIS's PostgreSQL provider is not available in this QGIS installation")
    try:
        return md.createConnection(u.uri(False), {})
    except Exception as e:  # QgsProviderConnectionException
        raise DatabaseError(_unreachable(dest, e)) from None


def _unreachable(dest: str, exc) -> str:
    return (
        f"Cannot connect to the PostgreSQL {where(dest)}: {safe(str(exc)).strip()} "
        "Check that the server runs and that the connection (host, port, database, service file or "
        "QGIS authentication) is right."
    )


def execute(conn, sql: str, dest: str = "") -> list:
    """Run SQL on a connection; the rows. Errors become a DatabaseError without password."""
    try:
        return conn.executeSql(sql)
    except Exception as e:
        raise DatabaseError(
            f"The PostgreSQL {where(dest) if dest else 'database'} refused the statement: {safe(str(e))}"
        ) from None


def check_reachable(dest: str) -> None:
    """Raise a DatabaseError with a clear message when the database of ``dest``
    cannot be reached (wrong host or port, server down, no such database, access refused)."""
    check_connection(connection(dest), dest)


def check_connection(conn, dest: str) -> None:
    """Raise a DatabaseError with a clear message when ``conn`` cannot reach its database."""
    try:
        conn.executeSql("SELECT 1")
    except Exception as e:
        raise DatabaseError(_unreachable(dest, e)) from None


def table_exists(dest: str) -> bool:
    schema, table = table_of(dest)
    conn = connection(dest)
    try:
        return bool(conn.tableExists(schema, table))
    except Exception as e:
        raise DatabaseError(_unreachable(dest, e)) from None


def drop_table(dest: str) -> bool:
    """Drop the table named by ``dest`` (a partial output); True if it existed."""
    schema, table = table_of(dest)
    if not table:
        return False
    conn = connection(dest)
    try:
        if not conn.tableExists(schema, table):
            return False
        conn.dropVectorTable(schema, table)
        return True
    except Exception as e:
        raise DatabaseError(f"Could not remove the incomplete table {schema}.{table}: {safe(str(e))}") from None


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value) -> str:
    """An SQL literal for None, bool, int, float or text."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return "NULL"
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def layer(dest: str, name: str = "") -> QgsVectorLayer:
    """The PostGIS table of ``dest`` as a layer (provider ``postgres``)."""
    schema, table = table_of(dest)
    return QgsVectorLayer(plain_uri(dest), name or table, "postgres")


def store_styles(dest: str, style, apply, feedback=None, extra: dict | None = None) -> bool:
    """Store the style of an output table in its database (table ``layer_styles``,
    as QGIS's "Save as default in database" does): ``extra`` {name: style} as
    named styles, ``style`` as the default style; ``apply(layer, renderer)``
    puts a style on a layer (styles.apply). True when stored."""
    lyr = layer(dest)
    if not lyr.isValid():
        return False
    _forget_styles(dest, [*(extra or {}), lyr.name() or "default"])
    for name, make in (extra or {}).items():
        apply(lyr, make(lyr))
        err = compat.save_style_to_database(lyr, name, "Sozialplanung", False)
        if err and feedback is not None:
            feedback.reportError(f"style {name!r} not stored: {safe(err)}", False)
    apply(lyr, style(lyr))
    err = compat.save_style_to_database(lyr, lyr.name() or "default", "Sozialplanung", True)
    if err:
        if feedback is not None:
            feedback.reportError(f"style not stored in the database: {safe(err)}", False)
        return False
    return True


def _forget_styles(dest: str, names: list[str]) -> None:
    """Remove this table's stored styles of these names before they are stored anew:
    QGIS 3.22's provider would otherwise ask "overwrite?" in a dialog (which hangs
    a run without a screen); newer versions overwrite."""
    schema, table = table_of(dest)
    conn = connection(dest)
    try:
        if not conn.executeSql("SELECT to_regclass('layer_styles') IS NOT NULL")[0][0]:
            return
        wanted = ", ".join(quote_literal(n) for n in names)
        conn.executeSql(
            f"DELETE FROM layer_styles WHERE f_table_schema = {quote_literal(schema)} "
            f"AND f_table_name = {quote_literal(table)} AND stylename IN ({wanted})"
        )
    except Exception as e:
        raise DatabaseError(f"Could not replace the stored style of {schema}.{table}: {safe(str(e))}") from None


# --------------------------------------------------------------------------
# bulk writing inside the database: a PostGIS output of a PostGIS input

#: rows of the added columns sent per INSERT statement
UPLOAD_ROWS = 1000


def same_database(dest: str, source_uri: str) -> bool:
    """Whether the output ``dest`` and the source table ``source_uri`` live in one database
    (same connection: host, port, database, user or service)."""
    a, b = QgsDataSourceUri(plain_uri(dest)), QgsDataSourceUri(plain_uri(source_uri))
    return bool(a.table()) and a.connectionInfo(False) == b.connectionInfo(False)


def _columns(conn, schema: str, table: str, dest: str) -> list[str]:
    rows = execute(
        conn,
        "SELECT column_name FROM information_schema.columns WHERE table_schema = "
        f"{quote_literal(schema)} AND table_name = {quote_literal(table)} ORDER BY ordinal_position",
        dest,
    )
    return [r[0] for r in rows]


def _sql_number(x: float) -> str:
    if x != x:
        return "NULL"
    if x in (float("inf"), float("-inf")):
        return "'Infinity'" if x > 0 else "'-Infinity'"
    return repr(x)


def _sql_values(added, kinds) -> list[list[str]]:
    """Every added column as SQL literals, in the order of ``kinds``."""
    import numpy as np
    import pandas as pd

    cols = []
    for name, kind in kinds:
        s = added[name]
        if kind == "number":
            v = s.to_numpy(dtype="float64")
            if np.isinf(v).any():
                cols.append([_sql_number(x) for x in v.tolist()])
            else:  # repr: the shortest text that gives the same double back (x != x: NaN)
                cols.append([repr(x) if x == x else "NULL" for x in v.tolist()])
        elif kind == "integer":
            v = s.to_numpy(dtype="float64")
            cols.append([str(int(x)) if x == x else "NULL" for x in v.tolist()])
        else:
            arr = s.to_numpy(dtype=object)
            arr = np.where(pd.isna(arr), None, arr)
            cols.append([quote_literal(x) for x in arr.tolist()])
    return cols


def fill_from_source(
    dest: str, source_uri: str, source_key: str, keys: list[int], out_names: list[str], added, kinds, feedback=None
) -> int:
    """Fill the (just made, empty) PostGIS output ``dest`` from the PostGIS table ``source_uri``
    of the same database inside the database: the added columns (``keys``: the value of the
    source's integer key ``source_key`` for each row of ``added``) are sent to a temporary
    table, then one INSERT ... SELECT copies every feature with its geometry and the source's
    columns, the added ones set. One statement: all rows or none. Raises DatabaseError when
    the database refuses."""
    from sozialplanung_plugin.core.errors import CanceledError

    conn = connection(dest)
    o_schema, o_table = table_of(dest)
    su = QgsDataSourceUri(plain_uri(source_uri))
    s_schema, s_table, s_key, s_geom = su.schema() or "public", su.table(), source_key, su.geometryColumn()
    o_geom = QgsDataSourceUri(plain_uri(dest)).geometryColumn()
    out_cols = {c.lower(): c for c in _columns(conn, o_schema, o_table, dest)}
    src_cols = {c.lower(): c for c in _columns(conn, s_schema, s_table, dest)}
    if not s_key or s_key.lower() not in src_cols:
        raise DatabaseError(f"the source table {s_schema}.{s_table} has no key column")
    kind_of = dict(kinds)
    names = list(added.columns)
    targets, values = columnar.select_list(out_names, out_cols, src_cols, names, ("a", "s"), DatabaseError)
    if o_geom and s_geom:
        targets.insert(0, out_cols[o_geom.lower()])
        values.insert(0, f"s.{quote_ident(src_cols[s_geom.lower()])}")
    sql_type = {"number": "double precision", "integer": "bigint", "text": "text"}
    tmp = f"sp_added_{uuid.uuid4().hex[:12]}"
    qtmp = f"{quote_ident(o_schema)}.{quote_ident(tmp)}"
    columns_sql = "".join(f", c{i} {sql_type.get(kind_of.get(n), 'text')}" for i, n in enumerate(names))
    execute(conn, f"CREATE UNLOGGED TABLE {qtmp} (sp_fid bigint PRIMARY KEY{columns_sql})", dest)
    try:
        fids = [str(int(k)) for k in keys]
        for a in range(0, len(fids), UPLOAD_ROWS):
            if feedback is not None:
                if feedback.isCanceled():
                    raise CanceledError()
                feedback.setProgress(90.0 * a / max(len(fids), 1))
            part = added.iloc[a : a + UPLOAD_ROWS]
            cols = _sql_values(part, [(n, kind_of.get(n, "text")) for n in names])
            rows = ",".join("(" + ",".join(r) + ")" for r in zip(fids[a : a + UPLOAD_ROWS], *cols))
            execute(conn, f"INSERT INTO {qtmp} VALUES {rows}", dest)
        # the planner's row counts of the uploaded table (without them it joins in a nested loop)
        execute(conn, f"ANALYZE {qtmp} (sp_fid)", dest)
        execute(
            conn,
            f"INSERT INTO {quote_ident(o_schema)}.{quote_ident(o_table)} ("
            + ", ".join(quote_ident(t) for t in targets)
            + ") SELECT "
            + ", ".join(values)
            + f" FROM {quote_ident(s_schema)}.{quote_ident(s_table)} s LEFT JOIN {qtmp} a"
            + f" ON a.sp_fid = s.{quote_ident(src_cols[s_key.lower()])}"
            + f" ORDER BY s.{quote_ident(src_cols[s_key.lower()])}",
            dest,
        )
        written = execute(conn, f"SELECT count(*) FROM {quote_ident(o_schema)}.{quote_ident(o_table)}", dest)
    finally:
        try:
            conn.executeSql(f"DROP TABLE IF EXISTS {qtmp}")
        except Exception:  # noqa: BLE001 (the run's own error matters more than a left temporary table)
            pass
    return int(written[0][0])
