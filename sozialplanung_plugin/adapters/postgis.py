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

from qgis.core import QgsDataSourceUri, QgsProviderRegistry, QgsVectorLayer

from sozialplanung_plugin import compat
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
