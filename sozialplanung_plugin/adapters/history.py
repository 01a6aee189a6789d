"""The history table of sozialplanung:archive in a GeoPackage or a PostGIS
database: a year's rows written in one transaction under a lock (refuse or
replace an archived year, never duplicate it), and the table read back.

A database is named by
* a GeoPackage file (``/path/history.gpkg``; created when missing), or
* a PostgreSQL connection: a QGIS data source URI (``service=sozialplanung``
  or ``dbname=... host=... port=...``, optionally with Processing's
  ``postgres://`` prefix) or the name of a PostgreSQL connection saved in QGIS.
"""

from __future__ import annotations

import os
import re
import sqlite3
import uuid
from datetime import datetime, timezone

import pandas as pd

from sozialplanung_plugin.adapters import postgis
from sozialplanung_plugin.adapters.layers import remove_with_sidecars
from sozialplanung_plugin.core import archive as ca

DEFAULT_TABLE = "sozialplanung_history"
LOCK_TIMEOUT_S = 60


def now_utc() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def is_geopackage(database: str) -> bool:
    return database.strip().lower().endswith(".gpkg")


def pg_connection(database: str):
    """A connection to a PostgreSQL database named by URI or by a saved QGIS connection."""
    from qgis.core import QgsProviderRegistry

    db = database.strip()
    if "=" not in db and not postgis.is_postgis(db):
        md = QgsProviderRegistry.instance().providerMetadata("postgres")
        try:
            conn = md.findConnection(db) if md is not None else None
        except Exception:
            conn = None
        if conn is None:
            raise postgis.DatabaseError(
                f"{db!r} is neither a GeoPackage file (.gpkg), a PostgreSQL connection (service=... or dbname=... "
                "host=...) nor the name of a PostgreSQL connection saved in QGIS"
            )
        return conn, conn.uri()
    return postgis.connection(db), postgis.plain_uri(db)


def split_table(table: str) -> tuple[str, str]:
    if "." in table:
        schema, name = table.split(".", 1)
        return schema.strip('"'), name.strip('"')
    return "public", table.strip('"')


def _check_name(name: str) -> str:
    if not name or not all(c.isalnum() or c == "_" for c in name):
        raise ca.ArchiveError(f"table name {name!r}: use letters, digits and _ only")
    return name


# --------------------------------------------------------------------------
# writing


def write_year(database: str, table: str, rows: pd.DataFrame, run: dict, mode: str, lang: str = "en") -> int:
    """Write one year's history rows and the run's rules; returns the rows written.
    ``mode`` refuse: raise YearExistsError when the year is there; replace:
    remove that year's rows first. All in one transaction under a lock."""
    if mode not in ca.MODES:
        raise ca.ArchiveError(f"MODE: {mode!r} is not one of {', '.join(ca.MODES)}")
    if is_geopackage(database):
        return _write_gpkg(database, _check_name(table), rows, run, mode, lang)
    return _write_pg(database, table, rows, run, mode, lang)


_SQL_TYPES_GPKG = {"text": "TEXT", "integer": "INTEGER", "number": "REAL"}
_SQL_TYPES_PG = {"text": "text", "integer": "bigint", "number": "double precision"}


def _gpkg_create(path: str) -> None:
    from osgeo import ogr

    drv = ogr.GetDriverByName("GPKG")
    ds = drv.CreateDataSource(path)
    if ds is None:
        raise ca.ArchiveError(f"{path}: cannot create the GeoPackage (folder missing or not writable?)")
    ds = None


def _ensure_gpkg(path: str) -> bool:
    """Create the GeoPackage when missing; True if this run created it. Made
    beside it and linked into place, so that a second archive starting at the
    same moment never opens a half-made file."""
    if os.path.exists(path):
        return False
    tmp = f"{path}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        _gpkg_create(tmp)
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except OSError:  # no hard links on this file system
            if os.path.exists(path):
                return False
            os.replace(tmp, path)
        return True
    finally:
        remove_with_sidecars(tmp)


def _register_gpkg(cur, table: str, now: str) -> None:
    cur.execute(
        "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, last_change) "
        "VALUES (?, 'attributes', ?, 'sozialplanung:archive', ?)",
        (table, table, now.replace("Z", ".000Z")),
    )


def _write_gpkg(path: str, table: str, rows: pd.DataFrame, run: dict, mode: str, lang: str) -> int:
    created = _ensure_gpkg(path)
    runs = table + "_runs"
    con = sqlite3.connect(path, timeout=LOCK_TIMEOUT_S, isolation_level=None)
    try:
        cur = con.cursor()
        cur.execute("BEGIN IMMEDIATE")  # the writer's lock: a second archive waits here
        try:
            cols = ", ".join(f'"{n}" {_SQL_TYPES_GPKG[k]}' for n, k in ca.HISTORY_KINDS)
            cur.execute(
                f'CREATE TABLE IF NOT EXISTS "{table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, {cols}, '
                f"UNIQUE (unit_key, year, indicator))"
            )
            rcols = ", ".join(f'"{n}" {_SQL_TYPES_GPKG[k]}' for n, k in ca.RUN_KINDS)
            cur.execute(f'CREATE TABLE IF NOT EXISTS "{runs}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, {rcols})')
            _register_gpkg(cur, table, run["run_at"])
            _register_gpkg(cur, runs, run["run_at"])
            year = int(run["year"])
            n, run_id = cur.execute(f'SELECT count(*), max(run_id) FROM "{table}" WHERE year = ?', (year,)).fetchone()
            if n:
                if mode == "refuse":
                    raise ca.YearExistsError(year, f"{os.path.basename(path)}:{table}", n, run_id, lang)
                cur.execute(f'DELETE FROM "{table}" WHERE year = ?', (year,))
            names = [n for n, _ in ca.HISTORY_KINDS]
            cur.executemany(
                f'INSERT INTO "{table}" ({", ".join(chr(34) + n + chr(34) for n in names)}) '
                f"VALUES ({', '.join('?' * len(names))})",
                _records(rows, names),
            )
            rnames = [n for n, _ in ca.RUN_KINDS]
            cur.execute(
                f'INSERT INTO "{runs}" ({", ".join(chr(34) + n + chr(34) for n in rnames)}) '
                f"VALUES ({', '.join('?' * len(rnames))})",
                [run.get(n) for n in rnames],
            )
            cur.execute("COMMIT")
        except BaseException:
            try:
                cur.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # SQLite rolled back already (e.g. disk full)
            raise
    except sqlite3.Error as e:
        con.close()
        if created:
            remove_with_sidecars(path)
        raise ca.ArchiveError(f"{path}: the history could not be written ({e}); nothing was changed") from None
    except BaseException:
        con.close()
        if created:
            remove_with_sidecars(path)
        raise
    con.close()
    return len(rows)


def _records(rows: pd.DataFrame, names: list[str]):
    for rec in rows[names].itertuples(index=False, name=None):
        yield [None if isinstance(v, float) and v != v else (int(v) if k == 1 else v) for k, v in enumerate(rec)]


def _write_pg(database: str, table: str, rows: pd.DataFrame, run: dict, mode: str, lang: str) -> int:
    conn, uri = pg_connection(database)
    postgis.check_connection(conn, uri)
    schema, name = split_table(table)
    _check_name(schema), _check_name(name)
    q = postgis.quote_ident
    t = f"{q(schema)}.{q(name)}"
    r = f"{q(schema)}.{q(name + '_runs')}"
    year = int(run["year"])
    cols = ", ".join(f"{q(n)} {_SQL_TYPES_PG[k]}" for n, k in ca.HISTORY_KINDS)
    rcols = ", ".join(f"{q(n)} {_SQL_TYPES_PG[k]}" for n, k in ca.RUN_KINDS)
    names = [n for n, _ in ca.HISTORY_KINDS]
    rnames = [n for n, _ in ca.RUN_KINDS]
    lit = postgis.quote_literal
    values = ",\n".join("(" + ", ".join(lit(v) for v in rec) + ")" for rec in _records(rows, names))
    # One statement string = one transaction (all or nothing); the advisory lock
    # serialises archives of the same table, also its first creation.
    lock_key = lit(f"sozialplanung:archive:{schema}.{name}")
    sql = [
        f"SELECT pg_advisory_xact_lock(hashtext({lock_key}))",
        f"CREATE TABLE IF NOT EXISTS {t} (fid bigserial PRIMARY KEY, {cols}, "
        f"CONSTRAINT {q(name + '_unit_year_indicator')} UNIQUE (unit_key, year, indicator))",
        f"CREATE TABLE IF NOT EXISTS {r} (fid bigserial PRIMARY KEY, {rcols})",
    ]
    if mode == "refuse":
        sql.append(
            "DO $$ DECLARE n bigint; rid text; BEGIN "
            f"SELECT count(*), max(run_id) INTO n, rid FROM {t} WHERE year = {year}; "
            "IF n > 0 THEN RAISE EXCEPTION 'sozialplanung-year-exists:%:%', n, rid; END IF; END $$"
        )
    else:
        sql.append(f"DELETE FROM {t} WHERE year = {year}")
    if values:
        sql.append(f"INSERT INTO {t} ({', '.join(q(n) for n in names)}) VALUES\n{values}")
    sql.append(
        f"INSERT INTO {r} ({', '.join(q(n) for n in rnames)}) VALUES ({', '.join(lit(run.get(n)) for n in rnames)})"
    )
    try:
        conn.executeSql(";\n".join(sql))
    except Exception as e:
        msg = str(e)
        m = re.search(r"sozialplanung-year-exists:(\d+):(\w+)", msg)
        if m:
            raise ca.YearExistsError(year, f"{schema}.{name}", int(m.group(1)), m.group(2), lang) from None
        head = msg.split(" returned ")[-1] if " returned " in msg else msg
        raise postgis.DatabaseError(
            f"The history could not be written to {postgis.where(uri)} ({postgis.safe(head).strip()[:500]}); "
            "nothing was changed"
        ) from None
    return len(rows)


# --------------------------------------------------------------------------
# reading


def read_history(database: str, table: str = DEFAULT_TABLE) -> pd.DataFrame:
    """The whole history table as a DataFrame (columns of core.archive.HISTORY_COLUMNS)."""
    names = [n for n, _ in ca.HISTORY_KINDS]
    if is_geopackage(database):
        if not os.path.exists(database):
            raise ca.ArchiveError(f"{database}: no such GeoPackage")
        con = sqlite3.connect(database, timeout=LOCK_TIMEOUT_S)
        try:
            rows = con.execute(
                f'SELECT {", ".join(chr(34) + n + chr(34) for n in names)} FROM "{_check_name(table)}"'
            ).fetchall()
        except sqlite3.Error as e:
            raise ca.ArchiveError(f"{database}: no history table {table!r} ({e})") from None
        finally:
            con.close()
    else:
        conn, uri = pg_connection(database)
        postgis.check_connection(conn, uri)
        schema, name = split_table(table)
        q = postgis.quote_ident
        sql = f"SELECT {', '.join(q(n) for n in names)} FROM {q(schema)}.{q(name)}"
        try:
            rows = conn.executeSql(sql)
        except Exception as e:
            raise postgis.DatabaseError(
                f"No history table {schema}.{name} in {postgis.where(uri)}: {postgis.safe(str(e))[:300]}"
            ) from None
    df = pd.DataFrame([[_plain(v) for v in r] for r in rows], columns=names)
    df["value"] = pd.to_numeric(df["value"], errors="coerce")
    df["ref"] = pd.to_numeric(df["ref"], errors="coerce")
    df["year"] = pd.to_numeric(df["year"]).astype("int64") if len(df) else df["year"]
    return df


def _plain(v):
    if v is None:
        return None
    if hasattr(v, "isNull") and v.isNull():
        return None
    if str(v) == "NULL" and type(v).__name__ == "QVariant":
        return None
    return v


def source_uri(database: str, table: str = DEFAULT_TABLE) -> str:
    """A data source string of the history table for QGIS (to load it as a layer)."""
    if is_geopackage(database):
        return f"{database}|layername={table}"
    _, uri = pg_connection(database)
    from qgis.core import QgsDataSourceUri

    u = QgsDataSourceUri(uri)
    schema, name = split_table(table)
    u.setDataSource(schema, name, None, "", "fid")
    return "postgres://" + u.uri(False)
