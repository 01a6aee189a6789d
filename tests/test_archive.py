"""sozialplanung:archive into a GeoPackage: a year's results as rows of the
long history table, a second run refused or replacing the year (never
duplicated), two archives at once, monitoring read back from the history,
and the faults: a table without the key, a disk that fills up."""

from __future__ import annotations

import json
import math
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

import numpy as np
import pytest
from conftest import PLUGIN_DIR, example, layer_rows
from qgis.core import QgsProcessingContext, QgsProcessingException, QgsProject

from sozialplanung_plugin import example as berlin_example

CATALOGUE = example("katalog_berlin.csv")
YEARS = (2023, 2024)
TABLE = "sozialplanung_history"


@pytest.fixture(scope="module")
def berlin(provider, tmp_path_factory):
    import processing

    folder = tmp_path_factory.mktemp("archive")
    gpkg = str(folder / "berlin.gpkg")
    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())
    berlin_example.pipeline(lambda a, p: processing.run(a, p, context=ctx), gpkg, years=YEARS)
    return {"gpkg": gpkg, "folder": folder, "last": f"{gpkg}|layername={berlin_example.PIPELINE_TABLES[-1]}"}


def archive_params(source: str, database: str, year: int = 2024, mode: str = "refuse", **kw) -> dict:
    return {
        "INPUT": source,
        "CATALOGUE": CATALOGUE,
        "KEY_FIELD": "PLR_ID",
        "YEAR": year,
        "DATABASE": database,
        "MODE": mode,
        **kw,
    }


def history_rows(path: str, table: str = TABLE) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(
            f'SELECT unit_key, year, indicator, value, sign, ref, "class", run_id FROM "{table}"'
        ).fetchall()
    finally:
        con.close()


def test_a_year_is_archived_once_refused_or_replaced(berlin, run, tmp_path):
    db = str(tmp_path / "history.gpkg")
    first = run("sozialplanung:archive", archive_params(berlin["last"], db))
    rows = history_rows(db)
    layer = layer_rows(berlin["last"], "PLR_ID")
    ids = [c[: -len("_val")] for c in next(iter(layer.values())) if c.endswith("_val")]
    assert first["ROWS"] == len(rows) == 542 * (len(ids) + 3)  # + burden_class, status_index, dynamics_index
    # every value, sign, reference and flag as in the layer
    for key, year, ind, value, sign, ref, klass, run_id in rows:
        assert year == 2024 and run_id == first["RUN_ID"]
        r = layer[key]
        if ind in ids:
            v = r[f"{ind}_val"]
            assert (value is None and v is None) or value == v, (key, ind)
            assert sign == r.get(f"{ind}_val_sign")
            assert ref == r.get(f"{ind}_ref")
            flag = r.get(f"{ind}_flag")
            assert klass == (None if flag is None else str(int(flag)))
    # the second run for the year: refused, nothing changed
    with pytest.raises(QgsProcessingException, match="Year 2024 is already in the history table .* MODE replace"):
        run("sozialplanung:archive", archive_params(berlin["last"], db))
    assert history_rows(db) == rows
    # replaced: the same rows under the new run, never twice
    second = run("sozialplanung:archive", archive_params(berlin["last"], db, mode="replace"))
    again = history_rows(db)
    assert len(again) == len(rows) and {r[-1] for r in again} == {second["RUN_ID"]}
    assert [r[:-1] for r in sorted(again)] == [r[:-1] for r in sorted(rows)]
    # the rules of each run
    con = sqlite3.connect(db)
    runs = con.execute(
        f'SELECT run_id, year, mode, catalogue, burden_rule, suppression_rule, plugin_version FROM "{TABLE}_runs"'
    ).fetchall()
    kinds = dict(con.execute("SELECT table_name, data_type FROM gpkg_contents").fetchall())
    con.close()
    assert [r[0] for r in runs] == [first["RUN_ID"], second["RUN_ID"]]
    assert runs[1][2] == "replace" and json.loads(runs[0][3])["indicators"][0]["id"]
    assert runs[0][4] and json.loads(runs[0][5])["min_count"] == 5 and runs[0][6] not in ("", "unknown")
    assert kinds[TABLE] == "attributes" and kinds[TABLE + "_runs"] == "attributes"  # QGIS lists both


def test_monitoring_reads_its_series_from_the_history(berlin, run, tmp_path):
    """Each year's indicators archived, then the monitoring series read back:
    the same changes, excesses, slopes and warnings as monitoring computes from
    the layer's yearly counts, except where the year's values were withheld
    (the history keeps them withheld)."""
    from sozialplanung_plugin.adapters import history
    from sozialplanung_plugin.core import archive as ca
    from sozialplanung_plugin.core import monitoring as cm
    from sozialplanung_plugin.core.catalogue import read_catalogue

    db = str(tmp_path / "history.gpkg")
    protected = f"{berlin['gpkg']}|layername=daten_geschuetzt"
    for y in YEARS:
        r = run(
            "sozialplanung:computeindicators",
            {
                "INPUT": protected,
                "CATALOGUE": CATALOGUE,
                "KEY_FIELD": "PLR_ID",
                "YEAR": y,
                "OUTPUT": str(tmp_path / f"i{y}.gpkg"),
            },
        )
        run("sozialplanung:archive", archive_params(r["OUTPUT"], db, year=y))
    m = run(
        "sozialplanung:monitoring",
        {"INPUT": protected, "CATALOGUE": CATALOGUE, "KEY_FIELD": "PLR_ID", "OUTPUT": str(tmp_path / "m.gpkg")},
    )
    rows = layer_rows(m["OUTPUT"], "PLR_ID")
    keys = sorted(rows)
    h = history.read_history(db)
    assert set(h["year"]) == set(YEARS) and not h.duplicated(["unit_key", "year", "indicator"]).any()
    series_ids = sorted({c.split("_chg_")[0] for c in rows[keys[0]] if "_chg_" in c and "_ref_chg_" not in c})
    assert series_ids
    res = ca.monitoring(h[h["indicator"].isin(series_ids)], read_catalogue(CATALOGUE), cm.WatchRule(), keys)
    withheld = set(h.loc[h["sign"].notna(), "unit_key"])
    compared = 0
    for c in res.frame.columns:
        if c.startswith("watch"):
            continue
        for i, k in enumerate(keys):
            a, b = res.frame[c].iloc[i], rows[k][c]
            if isinstance(a, float) and math.isnan(a):
                assert b is None or k in withheld, (c, k, b)
            else:
                assert b is not None and np.isclose(float(a), float(b), rtol=1e-9, atol=1e-12), (c, k, a, b)
                compared += 1
    assert compared > 5000


# --- two archives at once ----------------------------------------------------------

WORKER = r"""
import json, os, sys, time
sys.path.insert(0, sys.argv[1])
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
sys.path.append(os.path.join(QgsApplication.pkgDataPath(), "python", "plugins"))
from processing.core.Processing import Processing
Processing.initialize()
import processing
from sozialplanung_plugin.processing.provider import SozialplanungProvider
provider = SozialplanungProvider()
QgsApplication.processingRegistry().addProvider(provider)
params, ready, go = json.loads(sys.argv[2]), sys.argv[3], sys.argv[4]
open(ready, "w").close()
while not os.path.exists(go):
    time.sleep(0.005)
try:
    r = processing.run("sozialplanung:archive", params)
    out = {"run_id": r["RUN_ID"], "rows": r["ROWS"]}
except Exception as e:
    out = {"error": str(e)}
sys.stdout.write("RESULT " + json.dumps(out) + "\n")
sys.stdout.flush()
os._exit(0)
"""


def archive_at_once(params_list: list[dict], folder) -> list[dict]:
    """Start one process per parameter set, let them archive at the same moment."""
    script = os.path.join(folder, "archive_worker.py")
    with open(script, "w") as f:
        f.write(WORKER)
    go = os.path.join(folder, "go")
    procs, readies = [], []
    for i, params in enumerate(params_list):
        ready = os.path.join(folder, f"ready{i}")
        readies.append(ready)
        procs.append(
            subprocess.Popen(
                [sys.executable, script, os.path.dirname(PLUGIN_DIR), json.dumps(params), ready, go],
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
        )
    t0 = time.time()
    while not all(os.path.exists(r) for r in readies):
        assert time.time() - t0 < 120, "workers did not start"
        assert all(p.poll() is None for p in procs), "a worker ended before archiving"
        time.sleep(0.05)
    open(go, "w").close()
    out = []
    for p in procs:
        stdout, _ = p.communicate(timeout=300)
        line = [x for x in stdout.splitlines() if x.startswith("RESULT ")]
        assert line, stdout[-2000:]
        out.append(json.loads(line[-1][len("RESULT ") :]))
    return out


def check_concurrent(refuse, rows_after_refuse, replace, rows_after_replace):
    """Two refusing archives of a new year: one writes, one is refused. Two
    replacing archives: one run's rows remain, complete, never mixed or doubled."""
    ok = [r for r in refuse if "run_id" in r]
    refused = [r for r in refuse if "error" in r]
    assert len(ok) == 1 and len(refused) == 1, refuse
    assert "is already in the history table" in refused[0]["error"]
    n = ok[0]["rows"]
    assert len(rows_after_refuse) == n and {r[-1] for r in rows_after_refuse} == {ok[0]["run_id"]}
    assert all("run_id" in r for r in replace), replace
    assert len(rows_after_replace) == n and len({r[:3] for r in rows_after_replace}) == n
    assert len({r[-1] for r in rows_after_replace}) == 1
    assert rows_after_replace[0][-1] in {r["run_id"] for r in replace}


def test_two_archives_at_once_into_a_geopackage(berlin, tmp_path):
    db = str(tmp_path / "shared.gpkg")
    p = archive_params(berlin["last"], db)
    os.mkdir(tmp_path / "a")
    os.mkdir(tmp_path / "b")
    refuse = archive_at_once([p, p], tmp_path / "a")
    after_refuse = history_rows(db)
    replace = archive_at_once([dict(p, MODE="replace")] * 2, tmp_path / "b")
    check_concurrent(refuse, after_refuse, replace, history_rows(db))


# --- faults ------------------------------------------------------------------------


def test_a_layer_without_the_key_is_refused(berlin, run, tmp_path):
    db = str(tmp_path / "h.gpkg")
    src = f"{berlin['gpkg']}|layername=indikatoren"
    with pytest.raises(QgsProcessingException, match="(?i)PLR_X"):
        run("sozialplanung:archive", archive_params(src, db, KEY_FIELD="PLR_X"))
    assert not os.path.exists(db)


@pytest.fixture()
def small_disk():
    """A 1 MB ext2 file system, loop-mounted (root only; skipped where mounting is impossible)."""
    if os.geteuid() != 0 or not shutil.which("mkfs.ext2") or not os.path.exists("/dev/loop-control"):
        pytest.skip("a loop-mounted file system needs root, mkfs.ext2 (e2fsprogs) and /dev/loop-control")
    root = tempfile.mkdtemp(prefix="sozialplanung-full-")
    img, mnt = os.path.join(root, "disk.img"), os.path.join(root, "mnt")
    os.mkdir(mnt)
    with open(img, "wb") as f:
        f.truncate(1024 * 1024)
    subprocess.run(["mkfs.ext2", "-q", "-F", "-m", "0", img], check=True, capture_output=True)
    p = subprocess.run(["mount", "-o", "loop", img, mnt], capture_output=True, text=True)
    if p.returncode != 0:
        shutil.rmtree(root)
        pytest.skip(f"cannot loop-mount a file system here: {p.stderr.strip()}")
    try:
        yield mnt
    finally:
        import gc

        gc.collect()  # closes layers and writers still referenced
        if subprocess.run(["umount", mnt], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", mnt], capture_output=True)  # still busy: detach, freed when closed
        if not os.path.ismount(mnt):
            shutil.rmtree(root, ignore_errors=True)


def test_a_full_disk_leaves_no_partial_file(berlin, run, small_disk):
    # the history of a year (about 2 MB in SQLite) does not fit on 1 MB
    db = os.path.join(small_disk, "history.gpkg")
    with pytest.raises(
        QgsProcessingException, match="history could not be written .*disk is full.*nothing was changed"
    ):
        run("sozialplanung:archive", archive_params(berlin["last"], db))
    assert os.listdir(small_disk) in ([], ["lost+found"])
    # an output layer of an algorithm on the same disk
    out = os.path.join(small_disk, "indicators.gpkg")
    with pytest.raises(QgsProcessingException) as e:
        run(
            "sozialplanung:computeindicators",
            {"INPUT": f"{berlin['gpkg']}|layername=daten_geschuetzt", "CATALOGUE": CATALOGUE, "OUTPUT": out},
        )
    assert os.listdir(small_disk) in ([], ["lost+found"])
    assert "Traceback" not in str(e.value) and "Internal error" not in str(e.value)
    assert "full" in str(e.value)
