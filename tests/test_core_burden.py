"""core.burden: flags, classes and reasons of the burden rule, checked against
the rule written out unit by unit."""

import math

import numpy as np
import pandas as pd
import pytest
from conftest import data

from sozialplanung_plugin.core import burden as cb
from sozialplanung_plugin.core import indicators as ci
from sozialplanung_plugin.core.catalogue import read_catalogue
from sozialplanung_plugin.core.tables import read_table

CATALOGUE = data("ind_katalog_musterstadt.csv")
FIELD = {"difference": "diff", "ratio": "ratio", "zscore": "z", "percentile": "pct"}


def indicators():
    t = read_table(data("musterstadt_2023.csv"), key="Schlüssel")
    df = t.data.copy()
    for c, s in t.signs.items():
        df[c + "_sign"] = s
    df = df.reset_index(drop=True)
    cat = read_catalogue(CATALOGUE)
    res = ci.compute(df, cat, keys=df["Schlüssel"])
    frame = res.frame.copy()
    frame.index = df["Schlüssel"]
    return cat, frame


def expected(frame, cat, measure, general, min_flags):
    """The rule, one unit at a time."""
    out = {}
    for key, row in frame.iterrows():
        flags, missing = {}, 0
        for ind in cat.core_indicators():
            v = row[f"{ind.id}_{FIELD[measure]}"]
            t = ind.threshold if ind.threshold is not None else general
            if v is None or math.isnan(v):
                flags[ind.id] = None
                missing += 1
                continue
            if measure == "percentile":
                dev = v if ind.polarity > 0 else 100 - v
            elif measure == "ratio":
                dev = ind.polarity * (v - 100)
            else:
                dev = ind.polarity * v
            flags[ind.id] = int(dev >= t)
        f = sum(x for x in flags.values() if x)
        if f >= min_flags:
            cls = "besonders belastet"
        elif f >= 1 and f + missing < min_flags:
            cls = "belastet"
        elif f == 0 and missing == 0:
            cls = "unauffällig"
        else:
            cls = "nicht bewertbar"
        out[key] = (flags, f, cls)
    return out


@pytest.mark.parametrize(
    "measure,threshold,min_flags",
    [
        ("difference", 5.0, 2),
        ("ratio", 50.0, 2),
        ("zscore", 1.0, 3),
        ("percentile", 80.0, 1),
        ("zscore", None, 2),
    ],
)
def test_flags_and_classes_follow_the_rule(measure, threshold, min_flags):
    cat, frame = indicators()
    res = cb.classify(frame, cat, measure, threshold, min_flags)
    general = threshold if threshold is not None else cb.DEFAULT_THRESHOLD[measure]
    exp = expected(frame, cat, measure, general, min_flags)
    out = res.frame
    for key, (flags, f, cls) in exp.items():
        for ind_id, flag in flags.items():
            got = out.at[key, f"{ind_id}_flag"]
            assert (flag is None and math.isnan(got)) or got == flag, (key, ind_id)
        assert out.at[key, "burden_flags"] == f
        assert out.at[key, "burden_class"] == cls, key
        assert (
            out.at[key, "burden_code"] == cb.CLASS_CODES[cls]
            if cls in cb.CLASS_CODES
            else math.isnan(out.at[key, "burden_code"])
        )
        # the fields of action: the topics of the flagged indicators, in the catalogue's order
        topics = []
        for ind in cat.indicators:
            if flags.get(ind.id) == 1 and ind.topic not in topics:
                topics.append(ind.topic)
        order = list(dict.fromkeys(i.topic for i in cat.indicators))
        topics.sort(key=order.index)
        assert out.at[key, "action_fields"] == ("; ".join(topics) if topics else None), key
        assert out.at[key, "action_fields_n"] == len(topics)
    assert res.thresholds["alleinerz"] == 8  # the catalogue's own threshold wins
    assert set(res.counts()) == set(cb.CLASS_LABELS) and sum(res.counts().values()) == len(frame)


def test_reason_in_plain_german_words():
    cat, frame = indicators()
    res = cb.classify(frame, cat, "difference", 5.0, 2)
    out = res.frame
    r = out.at["0105", "burden_reason"]
    assert out.at["0105", "burden_class"] == "besonders belastet"
    assert "SGB II 25,6 % vs. Stadt 10,5 % (+15,1 Pp.)" in r
    assert "Arbeitslose je 1.000 Einwohner 115,7 ‰ vs. Stadt 52,3 ‰ (+63,4 ‰)" in r
    assert "Kinderarmut 48,4 % vs. Stadt 20,7 % (+27,7 Pp.)" in r
    assert r.count("; ") == 3  # four flagged core indicators, every one listed
    assert out.at["0103", "burden_reason"] == "kein Kernindikator über der Schwelle"
    # a gap is named with its sign
    assert "Alleinerziehende: kein Wert (.)" in out.at["0107", "burden_reason"]
    assert out.at["0107", "burden_class"] == "nicht bewertbar"
    rule = out.at["0101", "burden_rule"]
    assert rule == res.rule
    assert "≥ 5 " in rule and "eigene Schwellen: alleinerz 8" in rule and "ab 2 von 4" in rule


def test_other_measures_in_the_reason_and_the_area_label():
    cat, frame = indicators()
    areas = pd.Series(["Nord"] * len(frame), index=frame.index)
    z = cb.classify(frame, cat, "zscore", 1.0, 2, area_labels=areas).frame.at["0105", "burden_reason"]
    assert "vs. Nord 10,5 %" in z and "(z = +1,94)" in z
    r = cb.classify(frame, cat, "ratio", 20.0, 2).frame.at["0105", "burden_reason"]
    assert "(Index 244)" in r
    p = cb.classify(frame, cat, "percentile", 90.0, 1).frame.at["0105", "burden_reason"]
    assert "(Perzentil 100)" in p


def small_catalogue(tmp_path, polarity_b="+", core_c="ja"):
    p = tmp_path / "k.csv"
    p.write_text(
        f"id;Zähler;Nenner;Polarität;Kern\na;na;da;+;ja\nb;nb;db;{polarity_b};ja\nc;nc;dc;+;{core_c}\n",
        encoding="utf-8",
    )
    return read_catalogue(str(p))


def frame_of(rows):
    """rows: {key: {id: diff or None}} with ref 10 and val = ref + diff."""
    recs = {}
    for key, diffs in rows.items():
        rec = {}
        for i, d in diffs.items():
            rec[f"{i}_val"] = np.nan if d is None else 10.0 + d
            rec[f"{i}_ref"] = 10.0
            rec[f"{i}_diff"] = np.nan if d is None else d
            rec[f"{i}_val_sign"] = "." if d is None else None
        recs[key] = rec
    return pd.DataFrame.from_dict(recs, orient="index")


def test_missing_core_indicator_gives_nicht_bewertbar_only_when_it_could_change_the_class(tmp_path):
    cat = small_catalogue(tmp_path)
    f = frame_of(
        {
            "two_flags_one_gap": {"a": 6, "b": 7, "c": None},
            "one_flag_one_gap": {"a": 6, "b": 0, "c": None},
            "no_flag_one_gap": {"a": 1, "b": 0, "c": None},
            "one_flag": {"a": 6, "b": 0, "c": 1},
            "none": {"a": 1, "b": 0, "c": 4.99},
            "exactly": {"a": 5, "b": 5, "c": 0},
        }
    )
    out = cb.classify(f, cat, "difference", 5, 2).frame["burden_class"].to_dict()
    assert out == {
        "two_flags_one_gap": "besonders belastet",
        "one_flag_one_gap": "nicht bewertbar",
        "no_flag_one_gap": "nicht bewertbar",
        "one_flag": "belastet",
        "none": "unauffällig",
        "exactly": "besonders belastet",
    }  # "reaches the threshold": >=
    out3 = cb.classify(f, cat, "difference", 5, 3).frame["burden_class"].to_dict()
    assert out3["one_flag_one_gap"] == "belastet"  # 1 + 1 missing < 3: cannot become besonders belastet
    assert out3["two_flags_one_gap"] == "nicht bewertbar"


def test_polarity_minus_flags_low_values(tmp_path):
    cat = small_catalogue(tmp_path, polarity_b="-")
    f = frame_of({"low_b": {"a": 0, "b": -6, "c": 0}, "high_b": {"a": 0, "b": 6, "c": 0}})
    out = cb.classify(f, cat, "difference", 5, 1).frame
    assert out.at["low_b", "b_flag"] == 1 and out.at["high_b", "b_flag"] == 0
    assert out.at["low_b", "burden_reason"] == "b 4,0 % vs. Stadt 10,0 % (-6,0 Pp.)"
    pct = pd.DataFrame(
        {
            "a_val": [1.0],
            "a_ref": [1.0],
            "a_pct": [5.0],
            "b_val": [1.0],
            "b_ref": [1.0],
            "b_pct": [5.0],
            "c_val": [1.0],
            "c_ref": [1.0],
            "c_pct": [5.0],
        }
    )
    out = cb.classify(pct, cat, "percentile", 90, 1).frame
    assert (out.at[0, "a_flag"], out.at[0, "b_flag"]) == (0, 1)  # 100 - 5 >= 90 when higher is better


def test_user_errors_are_clear(tmp_path):
    cat = small_catalogue(tmp_path)
    f = frame_of({"u": {"a": 1, "b": 1, "c": 1}})
    with pytest.raises(
        cb.BurdenError,
        match=r"MIN_FLAGS is 4, but it must lie between 1 and the number of core "
        r"indicators \(3: a, b, c\)",
    ):
        cb.classify(f, cat, "difference", 5, 4)
    with pytest.raises(cb.BurdenError, match="core indicator 'a' .*no threshold"):
        cb.classify(f, cat, "difference", None, 2)
    with pytest.raises(
        cb.BurdenError,
        match=r"field\(s\) 'a_z', 'b_z', 'c_z' not in the input layer: run "
        r"sozialplanung:computeindicators",
    ):
        cb.classify(f, cat, "zscore", 1, 2)
    with pytest.raises(cb.BurdenError, match="no core indicator"):
        cb.classify(f, small_catalogue_none(tmp_path), "difference", 5, 1)


def small_catalogue_none(tmp_path):
    p = tmp_path / "k0.csv"
    p.write_text("id;Zähler;Nenner\na;na;da\n", encoding="utf-8")
    return read_catalogue(str(p))


def test_german_numbers():
    from sozialplanung_plugin.core import numbers as cn

    assert cn.number(1234.56, 1) == "1.234,6"
    assert cn.number(12.9, 1, True) == "+12,9"
    assert cn.number(-0.04, 1, True) == "-0,0"
    assert cn.number(-0.04, 1, True, zero_unsigned=True) == "0,0"
    assert cn.number(1234.56, 1, lang="en") == "1,234.6"
    assert cn.count(1234) == "1.234" and cn.count(2.5) == "2,5" and cn.count(1234, "en") == "1,234"
    assert cn.numbers(np.array([3.14159, -1234.5]), 2, signed=True) == ["+3,14", "-1.234,50"]
    assert cn.diff_unit("%") == "Pp." and cn.diff_unit("‰") == "‰"
