"""A throw-away PostgreSQL cluster with PostGIS for the tests.

Started from Debian's packages (``postgresql`` + ``postgresql-postgis``): ``initdb``
into a temporary folder owned by the ``postgres`` system user (initdb refuses
root), a free port on 127.0.0.1 only, the unix socket in that folder, trust
authentication for local connections only; a database with ``CREATE EXTENSION
postgis``. The cluster is stopped and its folder removed at the end of the
test module, also when a test fails. Tests that need it are skipped with the
reason when the binaries are missing (install ``postgresql postgresql-postgis``).

Use: ``from pg_cluster import pg  # noqa: F401`` in a test module, then the
fixture ``pg`` (a :class:`Cluster`).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile

import pytest

DBNAME = "sozialplanung"
USER = "postgres"


def pg_bindir() -> str | None:
    """The newest /usr/lib/postgresql/<version>/bin that has initdb and the PostGIS extension."""
    found = []
    for d in glob.glob("/usr/lib/postgresql/*/bin"):
        ver = d.split("/")[-2]
        if not ver.isdigit() or not os.path.exists(os.path.join(d, "initdb")):
            continue
        if not glob.glob(f"/usr/share/postgresql/{ver}/extension/postgis.control"):
            continue
        found.append((int(ver), d))
    return max(found)[1] if found else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A running cluster: ``uri(table)`` is a QGIS data source, ``sink(table)``
    a Processing sink, ``sql(text)`` runs SQL through psql."""

    def __init__(self, bindir: str, root: str, port: int):
        self.bindir, self.root, self.port = bindir, root, port
        self.data = os.path.join(root, "data")
        self.socket_dir = root
        self.host = "127.0.0.1"
        self.dbname = DBNAME
        self.user = USER
        self.log = os.path.join(root, "server.log")
        self.version = int(bindir.split("/")[-2])

    # --- the connection, as QGIS spells it ---------------------------------

    @property
    def conninfo(self) -> str:
        return f"dbname='{self.dbname}' host={self.host} port={self.port} user='{self.user}'"

    def uri(self, table: str, schema: str = "public", geom: str | None = "geom", key: str | None = None) -> str:
        """The QGIS data source of a table (provider ``postgres``)."""
        k = f" key='{key}'" if key else ""
        g = f" ({geom})" if geom else ""
        return f'{self.conninfo}{k} table="{schema}"."{table}"{g}'

    def source(self, table: str, **kw) -> str:
        """A Processing source string (``postgres://`` + the URI)."""
        return "postgres://" + self.uri(table, **kw)

    def sink(self, table: str, schema: str = "public", geom: str = "geom") -> str:
        """A Processing sink string as QGIS names it (``postgis:`` + the URI)."""
        return f'postgis:{self.conninfo} table="{schema}"."{table}" ({geom})'

    def env(self) -> dict:
        return dict(os.environ, PGHOST=self.host, PGPORT=str(self.port), PGUSER=self.user, PGDATABASE=self.dbname)

    # --- running SQL -----------------------------------------------------------

    def sql(self, text: str, db: str | None = None) -> list[list[str]]:
        """Run SQL with psql; the rows of the last statement as lists of text."""
        p = subprocess.run(
            [os.path.join(self.bindir, "psql"), "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1"]
            + ["-h", self.host, "-p", str(self.port), "-U", self.user, "-d", db or self.dbname, "-c", text],
            capture_output=True,
            text=True,
            timeout=120,
        )
        if p.returncode != 0:
            raise RuntimeError(f"psql failed: {p.stderr.strip()}")
        return [line.split("\t") for line in p.stdout.splitlines() if line]

    def tables(self, schema: str = "public") -> set[str]:
        rows = self.sql(f"SELECT table_name FROM information_schema.tables WHERE table_schema = '{schema}'")
        return {r[0] for r in rows}

    def drop(self, *tables: str) -> None:
        for t in tables:
            self.sql(f'DROP TABLE IF EXISTS "public"."{t}" CASCADE')

    # --- life cycle ------------------------------------------------------------

    def _as_postgres(self, args: list[str], **kw):
        return subprocess.run(["runuser", "-u", USER, "--"] + args, capture_output=True, text=True, **kw)

    def start(self) -> None:
        init = self._as_postgres(
            [os.path.join(self.bindir, "initdb"), "-D", self.data, "-U", USER, "--auth=trust", "-E", "UTF8"]
            + ["--locale=C.UTF-8" if _has_c_utf8() else "--locale=C"],
            timeout=180,
        )
        if init.returncode != 0:
            raise RuntimeError(f"initdb failed: {init.stderr.strip()[-2000:]}")
        # local connections only: 127.0.0.1 and the unix socket in the cluster's folder
        with open(os.path.join(self.data, "pg_hba.conf"), "w") as f:
            f.write("local all all trust\nhost all all 127.0.0.1/32 trust\n")
        opts = f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.socket_dir}"
        opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        start = self._as_postgres(
            [os.path.join(self.bindir, "pg_ctl"), "-D", self.data, "-l", self.log, "-o", opts, "-w", "-t", "60"]
            + ["start"],
            timeout=120,
        )
        if start.returncode != 0:
            log = open(self.log).read()[-2000:] if os.path.exists(self.log) else ""
            raise RuntimeError(f"pg_ctl start failed: {start.stderr.strip()} {log}")
        self.sql(f"CREATE DATABASE {self.dbname}", db="postgres")
        self.sql("CREATE EXTENSION postgis")

    def stop(self) -> None:
        if os.path.exists(os.path.join(self.data, "postmaster.pid")):
            self._as_postgres(
                [os.path.join(self.bindir, "pg_ctl"), "-D", self.data, "-m", "immediate", "-w", "stop"], timeout=60
            )


def _has_c_utf8() -> bool:
    p = subprocess.run(["locale", "-a"], capture_output=True, text=True)
    return any(x.lower() in ("c.utf8", "c.utf-8") for x in p.stdout.split())


def start_cluster() -> Cluster:
    """Start a cluster (the caller stops it with ``stop_cluster``); skips the test
    with the reason when it cannot run here."""
    bindir = pg_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL with PostGIS is not installed (Debian: apt-get install postgresql postgresql-postgis)")
    if os.geteuid() != 0:
        pytest.skip("starting a throw-away PostgreSQL cluster needs root (runuser -u postgres)")
    try:
        pw = pwd.getpwnam(USER)
    except KeyError:
        pytest.skip("no 'postgres' system user (it comes with Debian's postgresql package)")
    root = tempfile.mkdtemp(prefix="sozialplanung-pg-")
    os.chown(root, pw.pw_uid, pw.pw_gid)
    os.chmod(root, 0o700)
    cluster = Cluster(bindir, root, free_port())
    try:
        cluster.start()
    except BaseException:
        stop_cluster(cluster)
        raise
    return cluster


def stop_cluster(cluster: Cluster) -> None:
    try:
        cluster.stop()
    finally:
        shutil.rmtree(cluster.root, ignore_errors=True)


@pytest.fixture(scope="module")
def pg():
    """A running throw-away PostgreSQL/PostGIS cluster for the test module."""
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        stop_cluster(cluster)
