"""The second example (447 old Planungsräume, MSS 2013-2019): the key
defects of the published geometry are repaired in a copy, the all-zero rows
of table 2.1 become "no value", and the four editions join completely."""

import csv
import hashlib

from conftest import layer_rows
from qgis.core import QgsVectorLayer

from sozialplanung_plugin import example_2006 as e


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def test_units_2006_repairs_the_keys_in_a_copy(run, tmp_path):
    raw = e.raw_units()
    before = digest(raw.replace(".shp", ".dbf"))
    raw_layer = QgsVectorLayer(raw, "raw", "ogr")
    raw_keys = [f["broker Dow"] for f in raw_layer.getFeatures()]
    assert len(raw_keys) == 448 and len(set(raw_keys)) == 447
    raw_area = {}
    for f in raw_layer.getFeatures():
        raw_area[(f["broker Dow"], f["BEZIRKSNAM"])] = f.geometry().area()

    out = e.units_2006(run, str(tmp_path / "plr.gpkg"))
    rows = layer_rows(out, "PLR_ID")
    assert len(rows) == 447
    assert rows["04030417"]["BEZ"] == "04" and rows["04030417"]["BEZ_NAME"] == "Charlottenburg-Wilmersdorf"
    assert rows["06010102"]["BEZ_NAME"] == "Steglitz-Zehlendorf"
    assert "09041403" not in rows and rows["09041402"]["PLR_NAME"] == "Allende II"
    assert all(k[:2] == r["BEZ"] for k, r in rows.items())
    layer = QgsVectorLayer(out, "fixed", "ogr")
    area = {f["PLR_ID"]: f.geometry().area() for f in layer.getFeatures()}
    merged = raw_area[("09041402", "Treptow-Köpenick")] + raw_area[("09041403", "Treptow-Köpenick")]
    assert abs(area["09041402"] - merged) < 1e-3
    assert abs(area["04030417"] - raw_area[("06010102", "Charlottenburg-Wilmersdorf")]) < 1e-3
    assert abs(sum(area.values()) - sum(raw_area.values())) < 1.0
    assert digest(raw.replace(".shp", ".dbf")) == before  # the bundled file is untouched


def test_the_all_zero_rows_become_no_value_and_every_edition_joins(run, tmp_path):
    tables = e.mss_tables(str(tmp_path / "t"))
    expected_blank = {2013: 13, 2015: 12, 2017: 11, 2019: 11}
    for edition, path in tables.items():
        with open(path, encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        blank = [r for r in rows if r["s1_percentage_unemployed"] == "."]
        assert len(rows) == 447 and len(blank) == expected_blank[edition]
        with open(e.path("tables", f"mss_{edition}_table_2-1.csv"), encoding="utf-8") as f:
            original = {r["id"]: r for r in csv.DictReader(f)}
        for r in blank:
            assert float(original[r["id"]]["s1_percentage_unemployed"]) == 0
        for r in rows:
            if r not in blank:
                assert r == original[r["id"]]
    units = e.units_2006(run, str(tmp_path / "plr.gpkg"))
    res = e.join_series(run, units, tables, str(tmp_path / "series.gpkg"))
    assert (res["MATCHED"], res["UNITS_WITHOUT_DATA"], res["ROWS_WITHOUT_UNIT"]) == (447, 0, 0)
    rows = layer_rows(res["OUTPUT"], "PLR_ID")
    tiergarten = rows["01011102"]
    assert tiergarten["s1_percentage_unemployed_2013"] is None
    assert tiergarten["s1_percentage_unemployed_2013_sign"] == "."
    assert tiergarten["inhabitants_2013"] == 180
    assert "s2_percentage_long_term_unemployed_2019" not in rows["01011101"]
