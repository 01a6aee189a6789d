"""core.archive without QGIS: the long history rows of a year, the wide frame
and the monitoring series read back from it, recomputed by hand."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from sozialplanung_plugin.core import archive as ca
from sozialplanung_plugin.core import monitoring as cm
from sozialplanung_plugin.core.catalogue import Catalogue, Indicator


def catalogue():
    return Catalogue(
        "katalog.csv",
        [
            Indicator("sgb2", "SGB II", rate="sgb2", polarity=1, core=True, threshold=1.0),
            Indicator("u6", "unter 6", rate="u6", polarity=0),
        ],
    )


def layer():
    return pd.DataFrame(
        {
            "KEY": ["a", "b", "c"],
            "sgb2_val": [10.0, np.nan, 30.0],
            "sgb2_val_sign": [None, ".", None],
            "sgb2_ref": [20.0, 20.0, 20.0],
            "sgb2_flag": [0.0, np.nan, 1.0],
            "u6_val": [5.0, 6.0, 7.0],
            "burden_code": [1.0, np.nan, 3.0],
            "burden_class": ["unauffällig", "nicht bewertbar", "besonders belastet"],
            "status_index": [-1.0, np.nan, 2.0],
            "status_class": [1.0, np.nan, 4.0],
            "status_label": ["hoch", "nicht klassifiziert", "sehr niedrig"],
            "burden_rule": ["2 of 6", "2 of 6", "2 of 6"],
            "suppression_rule": ['{"min_count": 5}', None, None],
        }
    )


def test_history_rows_of_a_year():
    rows = ca.history_rows(layer(), catalogue(), "KEY", 2024, "r1", "2024-01-01T00:00:00Z")
    assert list(rows.columns) == list(ca.HISTORY_COLUMNS)
    assert len(rows) == 3 * 4  # two indicators, burden, status (no dynamics fields)
    by = {(r.unit_key, r.indicator): r for r in rows.itertuples()}
    b = by[("b", "sgb2")]
    assert math.isnan(b.value) and b.sign == "." and b.ref == 20.0 and b._7 is None  # class
    assert by[("c", "sgb2")]._7 == "1" and by[("a", "sgb2")]._7 == "0"
    assert by[("a", "u6")].value == 5.0 and math.isnan(by[("a", "u6")].ref)
    assert by[("c", "burden_class")].value == 3.0 and by[("c", "burden_class")]._7 == "besonders belastet"
    assert by[("c", "status_index")]._7 == "4 sehr niedrig"
    assert set(rows["year"]) == {2024} and set(rows["run_id"]) == {"r1"}
    assert not rows.duplicated(["unit_key", "year", "indicator"]).any()


def test_run_row_keeps_the_rules():
    run = ca.run_row(layer(), catalogue(), 2024, "r1", "t", "refuse", 12, "src", "0.2.0", "3.22.16")
    assert run["burden_rule"] == "2 of 6" and run["suppression_rule"] == '{"min_count": 5}'
    assert json.loads(run["thresholds"]) == {"sgb2": 1.0}
    cat = json.loads(run["catalogue"])
    assert [i["id"] for i in cat["indicators"]] == ["sgb2", "u6"] and cat["indicators"][0]["polarity"] == 1
    assert run["plugin_version"] == "0.2.0" and run["units"] == 3


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d.drop(columns=["KEY"]), "the key field 'KEY' is not in the layer"),
        (lambda d: d.assign(KEY=["a", "a", "c"]), "is not unique"),
        (lambda d: d.assign(KEY=["a", None, "c"]), "have no value in the key field"),
        (lambda d: d[["KEY", "burden_code"]], "no computed indicator"),
    ],
)
def test_bad_input_is_named(change, message):
    with pytest.raises(ca.ArchiveError, match=message):
        ca.history_rows(change(layer()), catalogue(), "KEY", 2024, "r", "t")


def history_of(values: dict[int, list[float]], refs: dict[int, float]) -> pd.DataFrame:
    parts = []
    for y, vals in values.items():
        parts.append(
            pd.DataFrame(
                {
                    "unit_key": ["a", "b", "c"],
                    "year": y,
                    "indicator": "sgb2",
                    "value": vals,
                    "sign": [None if v == v else "." for v in vals],
                    "ref": refs[y],
                    "class": None,
                    "run_id": f"r{y}",
                    "run_at": "t",
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def test_wide_frame_and_monitoring_from_the_history():
    h = history_of(
        {2022: [10.0, 20.0, 30.0], 2023: [12.0, np.nan, 31.0], 2024: [15.0, 22.0, 30.0]},
        {2022: 20.0, 2023: 21.0, 2024: 22.0},
    )
    w = ca.wide(h)
    assert list(w.columns) == ["sgb2_2022", "sgb2_2023", "sgb2_2024"]
    assert w.loc["a"].tolist() == [10.0, 12.0, 15.0]
    assert ca.wide(h, "sign").loc["b", "sgb2_2023"] == "."
    rule = cm.WatchRule(measure="difference", threshold=1.0, min_flags=1, consecutive=2)
    res = ca.monitoring(h, catalogue(), rule, ["a", "b", "c"])
    f = res.frame
    # unit a: changes +2, +3; the city's +1, +1: excess +1, +2 -> run 2, flagged
    assert f.loc["a", "sgb2_chg_2024"] == 3.0 and f.loc["a", "sgb2_ref_chg_2024"] == 1.0
    assert f.loc["a", "sgb2_excess_2024"] == 2.0 and f.loc["a", "sgb2_adverse_run"] == 2
    assert f.loc["a", "watch_flag"] == 1
    # unit b: 2023 withheld: the change to 2024 is missing, never 0
    assert math.isnan(f.loc["b", "sgb2_chg_2024"])
    # unit c: +1, -1; excess 0, -2: not flagged
    assert f.loc["c", "sgb2_excess_2024"] == -2.0 and f.loc["c", "watch_flag"] == 0
    # a slope by least squares over the years with a value
    assert f.loc["a", "sgb2_slope"] == pytest.approx(np.polyfit([2022, 2023, 2024], [10, 12, 15], 1)[0])


def test_a_duplicated_history_row_is_an_error():
    h = history_of({2022: [1.0, 2.0, 3.0], 2023: [1.0, 2.0, 3.0]}, {2022: 2.0, 2023: 2.0})
    h = pd.concat([h, h.iloc[[0]]], ignore_index=True)
    with pytest.raises(ca.ArchiveError, match="twice"):
        ca.wide(h)


def test_one_year_is_no_series():
    h = history_of({2022: [1.0, 2.0, 3.0]}, {2022: 2.0})
    with pytest.raises(ca.ArchiveError, match="two or more archived years"):
        ca.monitoring(h, catalogue(), cm.WatchRule(), ["a", "b", "c"])
