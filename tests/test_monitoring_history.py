"""sozialplanung:monitoring with HISTORY: the series read from the history
table of sozialplanung:archive give the same fields as core.archive.monitoring,
and the same changes as the layer's yearly counts where nothing was withheld."""

from __future__ import annotations

import math

from conftest import layer_rows
from test_archive import CATALOGUE, YEARS, archive_params, berlin  # noqa: F401 (fixture)


def test_monitoring_reads_the_history_table(berlin, run, tmp_path):  # noqa: F811
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
    base = {"INPUT": protected, "CATALOGUE": CATALOGUE, "KEY_FIELD": "PLR_ID"}
    from_layer = layer_rows(
        run("sozialplanung:monitoring", dict(base, OUTPUT=str(tmp_path / "a.gpkg")))["OUTPUT"], "PLR_ID"
    )
    res = run("sozialplanung:monitoring", dict(base, HISTORY=db, OUTPUT=str(tmp_path / "b.gpkg")))
    from_history = layer_rows(res["OUTPUT"], "PLR_ID")
    assert set(from_history) == set(from_layer) and res["WATCHED"] >= 0
    compared = 0
    for k, row in from_layer.items():
        for c, v in row.items():
            if "_chg_" not in c and "_excess_" not in c:
                continue
            w = from_history[k].get(c)
            if v is None or w is None:
                continue
            assert math.isclose(v, w, rel_tol=1e-9, abs_tol=1e-12), (k, c, v, w)
            compared += 1
    assert compared > 5000
    assert "watch_flag" in next(iter(from_history.values()))
