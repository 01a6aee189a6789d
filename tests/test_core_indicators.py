"""core.indicators: values, references and deviations, checked against an
independent plain-Python computation of the formulas on German test tables."""

import math
import statistics

import numpy as np
import pandas as pd
import pytest
from conftest import data, example
from hypothesis import given, settings
from hypothesis import strategies as st

from sozialplanung_plugin.core import indicators as ci
from sozialplanung_plugin.core.catalogue import CatalogueError, read_catalogue
from sozialplanung_plugin.core.tables import read_table

CATALOGUE = data("ind_katalog_musterstadt.csv")
SERIES_CATALOGUE = data("ind_katalog_zeitreihe.csv")


def table_frame(path, key="Schlüssel"):
    """A table as the layer holds it after the join: values plus <column>_sign."""
    t = read_table(path, key=key)
    df = t.data.copy()
    for c, s in t.signs.items():
        df[c + "_sign"] = s
    return t, df.reset_index(drop=True)


# --- an independent implementation, one unit at a time --------------------------------


def num(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def rate(n, d, mult):
    n, d = num(n), num(d)
    if n is None or d is None or d == 0:
        return None
    return n / d * mult


def reference(nums, dens, mult):
    pairs = [(num(n), num(d)) for n, d in zip(nums, dens) if num(n) is not None and num(d) is not None]
    return sum(p[0] for p in pairs) / sum(p[1] for p in pairs) * mult


def z_of(values):
    valid = [v for v in values if v is not None]
    m, s = statistics.mean(valid), statistics.stdev(valid)
    return [None if v is None else (v - m) / s for v in values]


def pct_of(values):
    valid = [v for v in values if v is not None]
    n = len(valid)
    return [None if v is None else 100.0 * sum(1 for w in valid if w < v) / (n - 1) for v in values]


def close(a, b):
    if b is None or (isinstance(b, float) and math.isnan(b)):
        return a is None or (isinstance(a, float) and math.isnan(a))
    return a == pytest.approx(b, rel=1e-12, abs=1e-12)


def check_column(frame, name, expected):
    got = frame[name].tolist()
    assert len(got) == len(expected)
    for i, (g, e) in enumerate(zip(got, expected)):
        assert close(g, e), f"{name}[{i}]: {g} != {e}"


# --- counts --------------------------------------------------------------------------


def test_counts_match_independent_formulas():
    _, df = table_frame(data("musterstadt_2023.csv"))
    cat = read_catalogue(CATALOGUE)
    res = ci.compute(df, cat, keys=df["Schlüssel"])
    for ind in cat:
        if not ind.from_counts:
            continue
        n_, d_ = df[ind.numerator].tolist(), df[ind.denominator].tolist()
        vals = [rate(n, d, ind.multiplier) for n, d in zip(n_, d_)]
        ref = reference(n_, d_, ind.multiplier)
        check_column(res.frame, f"{ind.id}_val", vals)
        check_column(res.frame, f"{ind.id}_ref", [ref] * len(vals))
        check_column(res.frame, f"{ind.id}_diff", [None if v is None else v - ref for v in vals])
        check_column(res.frame, f"{ind.id}_ratio", [None if v is None else 100 * v / ref for v in vals])
        check_column(res.frame, f"{ind.id}_z", z_of(vals))
        check_column(res.frame, f"{ind.id}_pct", pct_of(vals))
        assert res.info(ind.id).reference_method == "counts"
    # the city-wide value is Σ numerators / Σ denominators, not the mean of the unit rates
    sgb2 = res.info("sgb2").city_reference
    # 0108 ('.') and 0199 ('x') have no numerator: their residents are left out of the denominator too
    assert sgb2 == pytest.approx(100 * 3939 / (37629 - 45 - 12), rel=1e-12)
    assert sgb2 != pytest.approx(np.nanmean(res.frame["sgb2_val"]))
    assert res.info("alo").indicator.multiplier == 1000  # "1.000" in the catalogue is a thousand


def test_missing_values_keep_their_sign_and_all_measures_are_missing():
    _, df = table_frame(data("musterstadt_2023.csv"))
    res = ci.compute(df, read_catalogue(CATALOGUE), keys=df["Schlüssel"])
    f = res.frame.set_index(df["Schlüssel"])
    assert f.at["0108", "sgb2_val_sign"] == "."
    assert f.at["0107", "kinderarmut_val_sign"] == "-"  # numerator '-': missing, never 0
    assert f.at["0107", "alleinerz_val_sign"] == "."
    assert f.at["0199", "sgb2_val_sign"] == "x"
    assert f.at["0101", "sgb2_val_sign"] is None
    for m in ("val", "diff", "ratio", "z", "pct"):
        assert math.isnan(f.at["0107", f"kinderarmut_{m}"])
    # the city-wide value belongs to the area: also on a unit without a value
    assert f.at["0107", "kinderarmut_ref"] == pytest.approx(res.info("kinderarmut").city_reference)
    assert f.at["0101", "kinderarmut_ref"] == pytest.approx(res.info("kinderarmut").city_reference)
    assert any("'0107', '0108', '0199'" in w and "kinderarmut" in w for w in res.warnings)


# --- ready rates ---------------------------------------------------------------------


def test_ready_rate_reference_from_total_row_weighted_mean_and_catalogue():
    t, df = table_frame(data("musterstadt_2023.csv"))
    cat = read_catalogue(CATALOGUE)
    with_total = ci.compute(df, cat, totals=ci.published_totals(t.totals), only=["sgb2q"])
    assert with_total.info("sgb2q").reference_method == "total row"
    assert with_total.frame["sgb2q_ref"].iloc[0] == pytest.approx(10.5)
    assert with_total.frame["sgb2q_val"].iloc[1] == pytest.approx(19.4)  # the given rate, no multiplier
    weighted = ci.compute(df, cat, only=["sgb2q"])
    q, w = df["SGB II Quote"].tolist(), df["Einwohner"].tolist()
    pairs = [(a, b) for a, b in zip(q, w) if num(a) is not None and num(b) is not None]
    expected = sum(a * b for a, b in pairs) / sum(b for _, b in pairs)
    assert weighted.info("sgb2q").reference_method == "weighted mean"
    assert weighted.frame["sgb2q_ref"].iloc[0] == pytest.approx(expected, rel=1e-12)
    cat.get("sgb2q").reference = 10.2
    published = ci.compute(df, cat, totals=ci.published_totals(t.totals), only=["sgb2q"])
    assert published.info("sgb2q").reference_method == "catalogue"
    assert published.frame["sgb2q_diff"].iloc[1] == pytest.approx(19.4 - 10.2)


def test_unweighted_mean_only_with_a_warning():
    _, df = table_frame(data("ind_musterstadt_zeitreihe.csv"))
    res = ci.compute(df, read_catalogue(SERIES_CATALOGUE), only=["sgb2u"])
    vals = df["SGB II Quote_2023"].dropna()
    assert res.info("sgb2u").reference_method == "mean"
    assert res.frame["sgb2u_ref"].iloc[0] == pytest.approx(vals.mean())
    assert any("unweighted mean" in w for w in res.warnings)


# --- groups (compare within the municipality) ---------------------------------------------


def test_reference_area_groups():
    _, df = table_frame(data("musterstadt_2023.csv"))
    groups = pd.Series(["Nord" if k < "0107" else "Süd" for k in df["Schlüssel"]])
    groups[df["Schlüssel"] == "0199"] = None
    res = ci.compute(df, read_catalogue(CATALOGUE), keys=df["Schlüssel"], groups=groups, only=["sgb2"])
    vals = [rate(n, d, 100) for n, d in zip(df["SGB II Empfänger"], df["Einwohner"])]
    for g in ("Nord", "Süd"):
        idx = [i for i in range(len(df)) if groups[i] == g]
        ref = reference([df["SGB II Empfänger"][i] for i in idx], [df["Einwohner"][i] for i in idx], 100)
        z = z_of([vals[i] for i in idx])
        p = pct_of([vals[i] for i in idx])
        for j, i in enumerate(idx):
            assert res.frame["sgb2_ref"][i] == pytest.approx(ref, rel=1e-12)
            assert close(res.frame["sgb2_z"][i], z[j])
            assert close(res.frame["sgb2_pct"][i], p[j])
    unit = df.index[df["Schlüssel"] == "0199"][0]
    assert math.isnan(res.frame["sgb2_ref"][unit])
    assert any("no reference area" in w and "'0199'" in w for w in res.warnings)


# --- several years -------------------------------------------------------------------


def test_several_years_values_change_and_reference_change():
    _, df = table_frame(data("ind_musterstadt_zeitreihe.csv"))
    cat = read_catalogue(SERIES_CATALOGUE)
    res = ci.compute(df, cat, keys=df["Schlüssel"], only=["sgb2", "alo"])
    f = res.frame.set_index(df["Schlüssel"])
    info = res.info("sgb2")
    assert (info.year, info.base_year, info.years) == (2023, 2022, [2021, 2022, 2023])
    for y in (2021, 2022, 2023):
        vals = [rate(n, d, 100) for n, d in zip(df[f"SGB II Empfänger_{y}"], df[f"Einwohner_{y}"])]
        check_column(res.frame, f"sgb2_val_{y}", vals)
    check_column(res.frame, "sgb2_val", res.frame["sgb2_val_2023"].tolist())
    check_column(res.frame, "sgb2_chg", (res.frame["sgb2_val_2023"] - res.frame["sgb2_val_2022"]).tolist())
    ref23 = reference(df["SGB II Empfänger_2023"], df["Einwohner_2023"], 100)
    ref22 = reference(df["SGB II Empfänger_2022"], df["Einwohner_2022"], 100)
    assert f.at["0101", "sgb2_ref_chg"] == pytest.approx(ref23 - ref22, rel=1e-12)
    # 0/0 in 2021: missing with sign x, and a warning naming the unit
    assert math.isnan(f.at["0112", "sgb2_val_2021"]) and f.at["0112", "sgb2_val_2021_sign"] == "x"
    assert f.at["0112", "alo_val_2021_sign"] == "x"
    assert any("'0112'" in w and "is 0" in w for w in res.warnings)
    assert f.at["0107", "alo_val_2022_sign"] == "/"
    assert math.isnan(f.at["0107", "alo_chg"])  # 2022 missing: no change, never counted as 0


def test_reporting_and_base_year_chosen():
    _, df = table_frame(data("ind_musterstadt_zeitreihe.csv"))
    cat = read_catalogue(SERIES_CATALOGUE)
    res = ci.compute(df, cat, year=2023, base_year=2021, only=["sgb2"])
    check_column(res.frame, "sgb2_chg", (res.frame["sgb2_val_2023"] - res.frame["sgb2_val_2021"]).tolist())
    res = ci.compute(df, cat, year=2022, only=["sgb2"])
    check_column(res.frame, "sgb2_val", res.frame["sgb2_val_2022"].tolist())
    with pytest.raises(
        ci.IndicatorError,
        match=r"'sgb2': no data for the reporting year 2020 \(years in the "
        r"layer: 2021, 2022, 2023\)",
    ):
        ci.compute(df, cat, year=2020, only=["sgb2"])
    with pytest.raises(ci.IndicatorError, match="base year 2023 must be before the reporting year 2022"):
        ci.compute(df, cat, year=2022, base_year=2023, only=["sgb2"])


def test_ready_rate_several_years_total_row_per_year():
    t, df = table_frame(data("ind_musterstadt_zeitreihe.csv"))
    res = ci.compute(df, read_catalogue(SERIES_CATALOGUE), totals=ci.published_totals(t.totals), only=["sgb2q"])
    assert res.frame["sgb2q_ref"].iloc[0] == pytest.approx(10.4)
    assert res.frame["sgb2q_ref_chg"].iloc[0] == pytest.approx(10.4 - 10.7)


# --- data errors a user can cause -------------------------------------------------------


def test_negative_denominator_names_unit_field_and_value():
    _, df = table_frame(data("musterstadt_2023.csv"))
    df.loc[df["Schlüssel"] == "0104", "Einwohner"] = -5
    with pytest.raises(
        ci.IndicatorError,
        match=r"'sgb2'.*denominator field 'Einwohner' is negative for "
        r"unit\(s\) '0104' \(value -5\)",
    ):
        ci.compute(df, read_catalogue(CATALOGUE), keys=df["Schlüssel"])


def test_zero_denominator_with_a_count_is_an_error():
    _, df = table_frame(data("musterstadt_2023.csv"))
    df.loc[df["Schlüssel"] == "0103", "Kinder u15"] = 0
    with pytest.raises(
        ci.IndicatorError,
        match=r"'kinderarmut'.*'Kinder u15' is 0 while the numerator field "
        r"'Kinder u15 SGB II' is not \(unit\(s\) '0103', numerator 18\)",
    ):
        ci.compute(df, read_catalogue(CATALOGUE), keys=df["Schlüssel"])


def test_missing_column_and_text_column_errors():
    _, df = table_frame(data("musterstadt_2023.csv"))
    cat = read_catalogue(CATALOGUE)
    with pytest.raises(CatalogueError, match=r"'kinderarmut'.*'Kinder u15' not found in the layer"):
        ci.compute(df.drop(columns=["Kinder u15"]), cat)
    df["Einwohner"] = ["viele"] * len(df)
    with pytest.raises(ci.IndicatorError, match="field 'Einwohner' holds text such as 'viele'"):
        ci.compute(df, cat, only=["sgb2"])


def test_numbers_in_a_text_field_are_read_the_german_way():
    df = pd.DataFrame({"k": ["01", "02", "03"], "n": ["1.200", "12", "."], "d": ["10.000", "100", "50"]})
    cat_path = data("ind_katalog_musterstadt.csv")
    cat = read_catalogue(cat_path)
    cat.indicators = [cat.get("sgb2")]
    cat.get("sgb2").numerator, cat.get("sgb2").denominator = "n", "d"
    res = ci.compute(df, cat, keys=df["k"])
    assert res.frame["sgb2_val"].tolist()[:2] == [pytest.approx(12.0), pytest.approx(12.0)]
    assert res.frame["sgb2_val_sign"].tolist()[2] == "."


@pytest.mark.parametrize(
    "header,row,message",
    [
        ("id;Zähler;Nenner;Farbe", "a;x;y;rot", "unknown column 'Farbe'"),
        ("id;Bezeichnung;Polarität", "a;A;+", "neither a numerator"),
        ("id;Zähler;Nenner", "a;x;y\na;x;y", "duplicate id 'a' \\(first on line 2\\)"),
        ("id;Zähler;Nenner;Kern", "a;x;y;vielleicht", "column 'core': 'vielleicht' is not yes/no"),
        ("id;Zähler;Nenner;Polarität", "a;x;y;?", "column 'polarity'"),
    ],
)
def test_catalogue_errors(tmp_path, header, row, message):
    p = tmp_path / "katalog.csv"
    p.write_text(header + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match=message):
        read_catalogue(str(p))


def test_catalogue_german_flags_and_xlsx(tmp_path):
    cat = read_catalogue(CATALOGUE)
    assert [i.core for i in cat] == [True, True, True, True, False, False]
    assert cat.get("alleinerz").threshold == 8 and cat.get("kinderarmut").weight == 2
    assert cat.get("kinder").polarity == 0 and cat.get("sgb2q").index == "none"
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Kürzel", "Zähler", "Nenner", "Faktor", "Kern", "Polarität"])
    ws.append(["sgb2", "SGB II Empfänger", "Einwohner", 100, "x", "+"])
    ws.append(["ew", "Einwohner", "Einwohner", 1, None, "0"])
    wb.save(tmp_path / "k.xlsx")
    x = read_catalogue(str(tmp_path / "k.xlsx"))
    assert x.ids == ["sgb2", "ew"] and x.get("sgb2").core and not x.get("ew").core and x.get("sgb2").multiplier == 100


# --- properties ------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), st.floats(0, 1e6, allow_nan=False)), min_size=3, max_size=40))
def test_properties_of_z_and_percentile(values):
    x = np.array([np.nan if v is None else v for v in values], dtype="float64")
    g = ci.Groups(None, len(x))
    p = ci.percentile_ranks(x, g)
    z = ci.zscores(x, g)
    ok = ~np.isnan(x)
    assert np.all(np.isnan(p[~ok])) and np.all(np.isnan(z[~ok]))
    if ok.sum() >= 2:
        assert np.nanmin(p) == 0 and np.nanmax(p) <= 100
        if (x[ok] == np.nanmax(x)).sum() == 1:
            assert np.nanmax(p) == 100
        order = np.argsort(x[ok], kind="stable")
        assert np.all(np.diff(p[ok][order]) >= 0)  # monotone in the value
        expected = pct_of([None if np.isnan(v) else float(v) for v in x])
        for a, b in zip(p, expected):
            assert close(a, b)
        if np.nanstd(x) > 1e-6 * max(1.0, np.nanmax(np.abs(x))):
            assert abs(np.nanmean(z)) < 1e-6 and np.nanstd(z, ddof=1) == pytest.approx(1.0, rel=1e-6)


def test_compare_fields_two_levels_match_an_independent_computation(tmp_path):
    """Each Planungsraum against its district (district_id) and the whole city,
    on the population counts of 2024; every field recomputed in plain Python."""
    t = read_table(example("population_2024-02_t2.csv"), key="id")
    data = t.data[["id", "district_id", "inhabitants", "inhabitants_age_below_6", "inhabitants_age_above_65"]].copy()
    data.loc[3, "district_id"] = None  # a unit without a group: no district comparison, a warning
    cat = tmp_path / "k.csv"
    cat.write_text(
        "id;Zähler;Nenner;Faktor;Polarität\n"
        "u6;inhabitants_age_below_6;inhabitants;100;+\n"
        "ue65;inhabitants_age_above_65;inhabitants;100;-\n",
        encoding="utf-8",
    )
    res = ci.compute(
        data, read_catalogue(str(cat)), keys=data["id"], compare_fields={"district_id": data["district_id"]}
    )
    out = res.frame
    assert any("comparison field 'district_id'" in w for w in res.warnings)
    rows = data.to_dict("records")
    for iid, num, pol in (("u6", "inhabitants_age_below_6", 1), ("ue65", "inhabitants_age_above_65", -1)):
        val = [100.0 * r[num] / r["inhabitants"] if r["inhabitants"] else math.nan for r in rows]
        adverse = [pol * v for v in val]
        ok_all = [i for i, v in enumerate(val) if not math.isnan(v)]
        for i in ok_all:  # rank over the whole city: 1 = most adverse, ties the lowest rank
            assert out[f"{iid}_rank"][i] == 1 + sum(1 for j in ok_all if adverse[j] > adverse[i])
        groups = {}
        for i, r in enumerate(rows):
            if r["district_id"] is not None and not (
                isinstance(r["district_id"], float) and math.isnan(r["district_id"])
            ):
                groups.setdefault(r["district_id"], []).append(i)
        for members in groups.values():
            have = [i for i in members if not math.isnan(val[i])]
            ref = 100.0 * sum(rows[i][num] for i in have) / sum(rows[i]["inhabitants"] for i in have)
            mean, sd = statistics.mean(val[i] for i in have), statistics.stdev(val[i] for i in have)
            for i in have:
                assert out[f"{iid}_ref_district_id"][i] == pytest.approx(ref, rel=1e-12)
                assert out[f"{iid}_diff_district_id"][i] == pytest.approx(val[i] - ref, rel=1e-9, abs=1e-12)
                assert out[f"{iid}_ratio_district_id"][i] == pytest.approx(100 * val[i] / ref, rel=1e-12)
                assert out[f"{iid}_z_district_id"][i] == pytest.approx((val[i] - mean) / sd, rel=1e-9, abs=1e-12)
                below = sum(1 for j in have if val[j] < val[i])
                assert out[f"{iid}_pct_district_id"][i] == pytest.approx(100.0 * below / (len(have) - 1), abs=1e-9)
                assert out[f"{iid}_rank_district_id"][i] == 1 + sum(1 for j in have if adverse[j] > adverse[i])
        assert math.isnan(out[f"{iid}_ref_district_id"][3]) and math.isnan(out[f"{iid}_rank_district_id"][3])
        assert out[f"{iid}_ref"][0] == pytest.approx(
            100.0 * sum(r[num] for r in rows) / sum(r["inhabitants"] for r in rows), rel=1e-12
        )
    # without compare_fields nothing changes: no rank fields
    plain = ci.compute(data, read_catalogue(str(cat)), keys=data["id"]).frame
    assert "u6_rank" not in plain.columns and "u6_ref_district_id" not in plain.columns


def test_a_small_group_gets_no_reference_value_under_the_minimum_population(tmp_path):
    """The protection rule's minimum population (300) for the groups as for the units, on
    Berlin's population 2024: a group made of one small Planungsraum would show its withheld
    rate as the group's value; it gets none, nor does another small one (61); a group of a
    small and a larger unit (552 in all) gets the ratio of its sums, the small unit's counts
    included. Both the REFERENCE groups
    (``groups``) and a COMPARE field."""
    t = read_table(example("population_2024-02_t2.csv"), key="id")
    data = t.data[["id", "district_id", "inhabitants", "inhabitants_age_below_6"]].copy()
    ids = list(data["id"])
    row = {k: ids.index(k) for k in ("12200411", "03300515", "04400725", "05300840")}
    assert data.loc[row["12200411"], "inhabitants"] == 294  # small: withheld
    group = data["district_id"].astype(object).copy()
    group[row["12200411"]] = "solo"  # 294 inhabitants
    group[row["04400725"]] = "tiny"  # 61
    group[row["05300840"]] = group[row["03300515"]] = "mixed"  # 503 + 49
    cat = tmp_path / "k.csv"
    cat.write_text("id;Zähler;Nenner;Faktor\nu6;inhabitants_age_below_6;inhabitants;100\n", encoding="utf-8")
    pop = data["inhabitants"].to_numpy(dtype=float)
    withheld = {None: pop < 300}
    rule = ci.GroupRule({None: pop}, 300)
    kwargs = {"keys": data["id"], "withheld": withheld, "withheld_sign": "*"}
    for how in ("groups", "compare"):
        if how == "groups":
            res = ci.compute(data, read_catalogue(str(cat)), groups=group, group_rule=rule, **kwargs)
            ref = res.frame["u6_ref"]
        else:
            res = ci.compute(data, read_catalogue(str(cat)), compare_fields={"g": group}, group_rule=rule, **kwargs)
            ref = res.frame["u6_ref_g"]
        assert math.isnan(res.frame["u6_val"][row["12200411"]])  # the unit's own rate: withheld
        assert math.isnan(ref[row["12200411"]])  # and not shown as its group's
        assert math.isnan(ref[row["04400725"]])
        members = [row["05300840"], row["03300515"]]
        expected = 100.0 * sum(data.loc[i, "inhabitants_age_below_6"] for i in members) / sum(pop[i] for i in members)
        for i in members:
            assert ref[i] == pytest.approx(expected, rel=1e-12)
        big = [i for i in range(len(ids)) if group[i] == "01"]
        expected = 100.0 * sum(data.loc[i, "inhabitants_age_below_6"] for i in big) / sum(pop[i] for i in big)
        assert ref[big[0]] == pytest.approx(expected, rel=1e-12)
        # without the rule, the group of one shows the withheld rate: what the rule prevents
        plain = (
            ci.compute(data, read_catalogue(str(cat)), groups=group, **kwargs).frame["u6_ref"]
            if how == "groups"
            else ci.compute(data, read_catalogue(str(cat)), compare_fields={"g": group}, **kwargs).frame["u6_ref_g"]
        )
        assert plain[row["12200411"]] == pytest.approx(100.0 * 17 / 294, rel=1e-12)
