"""Acceptance on real data: the bundled Monitoring Soziale Stadtentwicklung
Berlin 2021. compositeindex, run as a user runs it on the joined Planungsräume,
reproduces the official status class (SI_N), dynamics class (DI_N) and
combined class (SDI) of all 536 valid Planungsräume."""

import pytest
from conftest import example, layer_rows
from qgis.core import QgsVectorLayer

from sozialplanung_plugin.core.tables import read_table

CATALOGUE = example("katalog_berlin.csv")


@pytest.fixture()
def joined(run, tmp_path):
    out = str(tmp_path / "mss.gpkg")
    res = run(
        "sozialplanung:joinindicators",
        {
            "INPUT": example("planungsraeume_2021.gpkg"),
            "INPUT_KEY": "PLR_ID",
            "TABLE": example("mss_2021_index_indikatoren.csv"),
            "TABLE_KEY": "PLR_ID",
            "OUTPUT": out,
        },
    )
    assert res["MATCHED"] == 542
    return out


def official():
    t = read_table(example("mss_2021_indizes.csv"), key="PLR_ID")
    d = t.data.set_index("PLR_ID")
    return d[d["KOM"] == "gültig"]


def check(rows):
    off = official()
    assert len(off) == 536
    si = sum(rows[k]["status_class"] == int(off.at[k, "SI_N"]) for k in off.index)
    di = sum(rows[k]["dynamics_class"] == int(off.at[k, "DI_N"]) for k in off.index)
    sdi = sum(rows[k]["sdi_class"] == off.at[k, "SDI"] for k in off.index)
    assert (si, di, sdi) == (536, 536, 536)
    for k in off.index:
        assert rows[k]["status_label"] == off.at[k, "SI_V"]
        assert rows[k]["dynamics_label"] == off.at[k, "DI_V"]
    others = [k for k in rows if k not in off.index]
    assert len(others) == 6
    for k in others:
        assert rows[k]["status_class"] is None and rows[k]["status_label"] == "nicht klassifiziert"
        assert rows[k]["dynamics_label"] == "nicht klassifiziert" and rows[k]["sdi_class"] is None
        assert rows[k]["status_note"]  # the reason: too few inhabitants, no population, or no value
    assert rows["05300838"]["status_note"].startswith("weniger als 300 Einwohner (EW = 21)")
    assert rows["10100205"]["status_note"] == "kein Wert: S1 (-9999), S3 (-9999), S4 (-9999)"


def test_compositeindex_reproduces_si_n_and_di_n(run, tmp_path, joined):
    out = str(tmp_path / "index.gpkg")
    res = run(
        "sozialplanung:compositeindex",
        {
            "INPUT": joined,
            "CATALOGUE": CATALOGUE,
            "METHOD": "zscore_sum",
            "CLASSES": "method",
            "POPULATION_FIELD": "EW",
            "MIN_POPULATION": 300,
            "OUTPUT": out,
        },
    )
    assert (res["CLASSIFIED"], res["NOT_CLASSIFIED"]) == (536, 6)
    check(layer_rows(out, "PLR_ID"))
    layer = QgsVectorLayer(out, "i", "ogr")
    assert layer.renderer().classAttribute() == "status_class"
    assert layer.listStylesInDatabase()[0] == 2  # the default style and "dynamics"


def test_the_demo_chain_gives_the_same_classes(run, tmp_path, joined):
    ind = str(tmp_path / "ind.gpkg")
    run(
        "sozialplanung:computeindicators",
        {"INPUT": joined, "CATALOGUE": CATALOGUE, "INDICATORS": "S1;S3;S4;D1;D3;D4", "OUTPUT": ind},
    )
    out = str(tmp_path / "index.gpkg")
    run(
        "sozialplanung:compositeindex", {"INPUT": ind, "CATALOGUE": CATALOGUE, "POPULATION_FIELD": "EW", "OUTPUT": out}
    )  # MIN_POPULATION defaults to the MSS's 300
    rows = layer_rows(out, "PLR_ID")
    check(rows)
    assert rows["01100101"]["S1_ref"] == pytest.approx(5.2, abs=0.05)  # weighted by EW: Berlin 5,2 %
