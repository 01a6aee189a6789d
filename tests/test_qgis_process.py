"""End to end through qgis_process: a real table, prepared as a German
statistics office delivers it, joined to units without CRS; every value compared."""

import math

import pandas as pd
import pytest
from conftest import example, layer_rows

KONTEXT = ["KI_01", "KI_02", "KI_03", "KI_05", "KI_09", "KI_10", "KI_11", "KI_12", "KI_13"]


def de(v: float) -> str:
    """German number text: decimal comma, thousands dot."""
    s = f"{v:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return s


@pytest.fixture(scope="module")
def german_table(tmp_path_factory):
    src = pd.read_csv(example("mss_2021_kontext_indikatoren.csv"), dtype=str)
    folder = tmp_path_factory.mktemp("german")
    lines = ["Kontextindikatoren MSS 2021 (aufbereitet);;;;;;;;;;;", "Planungsraum;Name;Einwohner;" + ";".join(KONTEXT)]
    expected = {}
    for _, r in src.iterrows():
        cells, vals = [], {}
        for c in KONTEXT:
            v = float(r[c]) if isinstance(r[c], str) else math.nan
            if math.isnan(v) or v == -9999:
                cells.append(".")
                vals[c] = None
            else:
                cells.append(de(v))
                vals[c] = round(v, 2)
        ew = int(r["EW"]) if isinstance(r["EW"], str) else None
        lines.append(
            f"{r['PLR_ID']};{r['PLR_NAME']};{'' if ew is None else f'{ew:,}'.replace(',', '.')};" + ";".join(cells)
        )
        expected[r["PLR_ID"]] = {"Einwohner": ew, **vals}
    lines.append("Berlin insgesamt;;3.664.088;" + ";".join(["x"] * len(KONTEXT)))
    path = folder / "kontext_de.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return str(path), expected


@pytest.fixture(scope="module")
def units_without_crs(tmp_path_factory):
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransformContext,
        QgsVectorFileWriter,
        QgsVectorLayer,
    )

    layer = QgsVectorLayer(example("planungsraeume_2021.gpkg"), "plr", "ogr")
    path = str(tmp_path_factory.mktemp("nocrs") / "plr.shp")
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "ESRI Shapefile"
    layer.setCrs(QgsCoordinateReferenceSystem())
    err = QgsVectorFileWriter.writeAsVectorFormatV3(layer, path, QgsCoordinateTransformContext(), opts)
    assert err[0] == QgsVectorFileWriter.NoError
    return path


def test_join_german_table_through_qgis_process(qgis_process, german_table, units_without_crs, tmp_path):
    table, expected = german_table
    out = str(tmp_path / "joined.gpkg")
    res = qgis_process(
        "sozialplanung:joinindicators",
        {
            "INPUT": units_without_crs,
            "INPUT_KEY": "PLR_ID",
            "TABLE": table,
            "TABLE_KEY": "Planungsraum",
            "OUTPUT": out,
            "REPORT": str(tmp_path / "report.html"),
        },
    )
    r = res["results"]
    assert (r["MATCHED"], r["UNITS_WITHOUT_DATA"], r["ROWS_WITHOUT_UNIT"]) == (542, 0, 0)
    log = " ".join(" ".join(v) if isinstance(v, list) else str(v) for v in res["log"].values())
    assert "no coordinate reference system" in log
    assert "total row 'Berlin insgesamt' kept apart" in log
    rows = layer_rows(out, "PLR_ID")
    assert len(rows) == 542
    compared = 0
    for key, exp in expected.items():
        got = rows[key]
        for c, v in exp.items():
            if v is None:
                assert got[c] is None, (key, c)
                if c != "Einwohner":
                    assert got[c + "_sign"] == ".", (key, c)
            else:
                assert got[c] == pytest.approx(v, abs=1e-9), (key, c, got[c], v)
            compared += 1
    assert compared == 542 * (len(KONTEXT) + 1)
