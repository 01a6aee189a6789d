"""Data protection in the core: small counts withheld, and no withheld value
recoverable from what is published.

Every check takes the attacker's view with code independent of the core: it
knows the published cells, every published total (per count field and group,
and per unit the denominator of a breakdown), the primary/secondary marks and
the rule, and tries to recompute each withheld cell (plain differencing, one
total with the marks' bounds, and all totals at once by linear programming).
"""

from __future__ import annotations

import math
import time

import numpy as np
import pandas as pd
import pytest
from conftest import data, example
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sozialplanung_plugin.core import burden as cb
from sozialplanung_plugin.core import fields as fn
from sozialplanung_plugin.core import indicators as ci
from sozialplanung_plugin.core import suppression as cs
from sozialplanung_plugin.core.catalogue import Catalogue, Indicator, read_catalogue
from sozialplanung_plugin.core.suppression import counts as s_counts
from sozialplanung_plugin.core.suppression import derived as s_derived
from sozialplanung_plugin.core.suppression import driver as s_driver
from sozialplanung_plugin.core.suppression import marks as s_marks
from sozialplanung_plugin.core.suppression import secondary as s_secondary
from sozialplanung_plugin.core.suppression.engine import _Engine
from sozialplanung_plugin.core.suppression.lines import _Lines
from sozialplanung_plugin.core.suppression.moves import _Moves

BERLIN_CATALOGUE = example("katalog_berlin.csv")
YEARS = (2021, 2022, 2023, 2024)


# --------------------------------------------------------------------------
# the attacker (independent of the core)


def published_frame(original: pd.DataFrame, result: cs.SuppressionResult) -> pd.DataFrame:
    new = result.columns
    kept = original.drop(columns=[c for c in new.columns if c in original.columns])
    return pd.concat([kept, new], axis=1)[list(dict.fromkeys(list(original.columns) + list(new.columns)))]


def equations(original, counts, group=None, breakdowns=(), truth=None):
    """Every published total: (name, [(coef, unit, field)], total). Cells missing in
    the input are left out: the attacker is assumed to know their true values
    (``truth``; conservative), also a missing breakdown total."""
    truth = original if truth is None else truth
    units = original.index
    groups = [("all", units)] if group is None else list(original.groupby(original[group].astype(str)).groups.items())
    out = []
    for c in counts:
        for g, idx in groups:
            cells = [(1, u, c) for u in idx if not pd.isna(original.at[u, c])]
            if cells:
                out.append((f"{c} / {g}", cells, sum(original.at[u, c] for _, u, _ in cells)))
    for total, parts in breakdowns:
        for u in units:
            cells = [(a, u, c) for a, c in [(-1, total)] + [(1, p) for p in parts] if not pd.isna(original.at[u, c])]
            known = sum(
                a * truth.at[u, c] for a, c in [(-1, total)] + [(1, p) for p in parts] if pd.isna(original.at[u, c])
            )
            if cells and not pd.isna(known):
                out.append((f"{total} = parts / {u}", cells, -known))
    return out


def bounds(published, u, c, m, zeros_withheld):
    mark = published.at[u, fn.supp_of(c)]
    if mark == fn.SUPP_PRIMARY:
        return (0 if zeros_withheld else 1), m - 1
    assert mark == fn.SUPP_SECONDARY, (u, c, mark)
    return m, math.inf


def hidden_cells(original, published, counts):
    return {
        (c, u) for c in counts for u in original.index if not pd.isna(original.at[u, c]) and pd.isna(published.at[u, c])
    }


def attack(original, published, counts, m, zeros_withheld=False, group=None, breakdowns=(), use_marks=True, truth=None):
    """Cells recoverable from one published total at a time: {(field, unit): how}."""
    found = {}
    for name, cells, total in equations(original, counts, group, breakdowns, truth):
        hid = [(a, u, c) for a, u, c in cells if pd.isna(published.at[u, c])]
        if not hid:
            continue
        resid = total - sum(a * published.at[u, c] for a, u, c in cells if not pd.isna(published.at[u, c]))
        if len(hid) == 1:
            found[(hid[0][2], hid[0][1])] = f"difference: {name}"
            continue
        if not use_marks:
            continue
        bnd = [bounds(published, u, c, m, zeros_withheld) for _, u, c in hid]
        for i, (a, u, c) in enumerate(hid):
            others_lo = sum(
                (b * lo if b > 0 else b * hi) for j, (b, _, _) in enumerate(hid) if j != i for lo, hi in [bnd[j]]
            )
            others_hi = sum(
                (b * hi if b > 0 else b * lo) for j, (b, _, _) in enumerate(hid) if j != i for lo, hi in [bnd[j]]
            )
            low, high = (resid - others_hi, resid - others_lo) if a > 0 else (others_lo - resid, others_hi - resid)
            low, high = max(low, bnd[i][0]), min(high, bnd[i][1])
            if not math.isinf(high) and math.ceil(low - 1e-9) >= math.floor(high + 1e-9):
                found[(c, u)] = f"one total and the marks: {name}"
    return found


def lp_attack(original, published, counts, m, zeros_withheld=False, group=None, breakdowns=(), truth=None):
    """Cells that all published totals together with the marks pin to one value
    (minimum = maximum of the linear programme)."""
    optimize = pytest.importorskip("scipy.optimize")
    hidden = sorted(hidden_cells(original, published, counts), key=str)
    if not hidden:
        return set()
    pos = {h: i for i, h in enumerate(hidden)}
    rows, rhs = [], []
    for _, cells, total in equations(original, counts, group, breakdowns, truth):
        row = np.zeros(len(hidden))
        b = total
        for a, u, c in cells:
            if (c, u) in pos:
                row[pos[(c, u)]] = a
            else:
                b -= a * original.at[u, c]  # published (or missing, assumed known)
        if row.any():
            rows.append(row)
            rhs.append(b)
    bnds = []
    for c, u in hidden:
        lo, hi = bounds(published, u, c, m, zeros_withheld)
        bnds.append((lo, None if math.isinf(hi) else hi))
    found = set()
    for i, h in enumerate(hidden):
        cvec = np.zeros(len(hidden))
        cvec[i] = 1
        lo = optimize.linprog(cvec, A_eq=np.array(rows), b_eq=rhs, bounds=bnds, method="highs")
        hi = optimize.linprog(-cvec, A_eq=np.array(rows), b_eq=rhs, bounds=bnds, method="highs")
        assert lo.status == 0 and hi.status == 0, "the true values must be feasible"
        if math.ceil(lo.fun - 1e-6) >= math.floor(-hi.fun + 1e-6):
            found.add(h)
    return found


def small_published(original, published, counts, m, zeros_withheld=False):
    out = []
    for c in counts:
        v = published[c]
        bad = v.notna() & (v < m) & ((v > 0) | zeros_withheld)
        out += [(c, u, v[u]) for u in v.index[bad]]
    return out


# --------------------------------------------------------------------------
# real data: Berlin's population by age group, 542 Planungsräume, 2021-2024


def berlin(years=YEARS) -> pd.DataFrame:
    """The population tables as joined in the demo: <column>_<year>, one row per unit."""
    parts = []
    for y in years:
        t2 = pd.read_csv(example(f"population_{y}-02_t2.csv"), dtype={"id": str, "district_id": str}).set_index("id")
        t1 = pd.read_csv(example(f"population_{y}-02_t1.csv"), dtype={"id": str}).set_index("id")
        t2 = t2.join(t1[["inhabitants_with_migration_background"]])
        keep = [c for c in t2.columns if c.startswith("inhabitants") and not c.endswith("percentage")]
        parts.append(t2[keep].astype("float64").add_suffix(f"_{y}"))
    df = pd.concat(parts, axis=1)
    t = pd.read_csv(example("population_2024-02_t2.csv"), dtype={"id": str, "district_id": str}).set_index("id")
    df["district"] = t["district_id"]
    return df


@pytest.fixture(scope="module")
def berlin_frame():
    return berlin()


@pytest.fixture(scope="module")
def berlin_catalogue():
    return read_catalogue(BERLIN_CATALOGUE)


def breakdown_pairs(plan):
    return [(b.total, b.parts) for b in plan.breakdowns]


def test_berlin_data_has_small_counts(berlin_frame):
    """The real counts: many small cells in the age groups (the source rounds
    1 and 2 away, so MIN_COUNT 5 and 10 are the realistic rules here)."""
    age = [c for c in berlin_frame.columns if "_age_" in c]
    v = berlin_frame[age].stack()
    assert ((v > 0) & (v < 10)).sum() >= 40
    assert (berlin_frame[[c for c in berlin_frame.columns if c.startswith("inhabitants_20")]] < 300).sum().sum() >= 5


@pytest.mark.parametrize(
    "min_count,group,zeros",
    [(5, None, False), (10, "district", False), (10, "district", True), (20, "district", False), (3, None, True)],
)
def test_berlin_attackers_view(berlin_frame, berlin_catalogue, min_count, group, zeros):
    df = berlin_frame
    plan = cs.make_plan(list(df.columns), catalogue=berlin_catalogue)
    assert [(b.name, b.year, len(b.parts)) for b in plan.breakdowns] == [("alter", y, 8) for y in YEARS]
    rule = cs.SuppressionRule(min_count=min_count, group_field=group, suppress_zeros=zeros)
    res = cs.suppress(df, plan, rule, catalogue=berlin_catalogue)
    pub = published_frame(df, res)
    counts = plan.counts
    small = ((df[counts] < min_count) & ((df[counts] > 0) | zeros)).sum().sum()
    assert res.primary == small > 0
    assert small_published(df, pub, counts, min_count, zeros) == []
    bd = breakdown_pairs(plan)
    assert attack(df, pub, counts, min_count, zeros, group, bd, use_marks=False) == {}
    assert attack(df, pub, counts, min_count, zeros, group, bd) == {}
    assert lp_attack(df, pub, counts, min_count, zeros, group, bd) == set()
    assert res.at_risk == set() and not res.warnings
    assert not any("searched among" in n for n in res.notes)  # the search for moves was complete
    # everything else is published unchanged
    hidden = hidden_cells(df, pub, counts)
    assert len(hidden) == res.primary + res.secondary
    for c in counts:
        keep = ~pub[c].isna()
        assert (pub.loc[keep, c] == df.loc[keep, c]).all()


def test_berlin_marks_signs_and_note(berlin_frame, berlin_catalogue):
    df = berlin_frame
    plan = cs.make_plan(list(df.columns), catalogue=berlin_catalogue)
    res = cs.suppress(
        df, plan, cs.SuppressionRule(min_count=10, group_field="district", sign="*"), catalogue=berlin_catalogue
    )
    out = res.columns
    for c in plan.counts:
        if c not in out.columns:
            assert fn.supp_of(c) not in out.columns  # no mark fields for a field without withheld cells
            continue
        primary = df[c].between(1, 9)
        marks = out[fn.supp_of(c)]
        assert (marks[primary] == "primary").all()
        assert set(marks[~primary].dropna()) <= {"secondary"}
        assert (out.loc[marks.notna(), fn.sign_of(c)] == "*").all()
        assert out.loc[marks.isna(), fn.sign_of(c)].isna().all()
    # a unit with 16 inhabitants in 2024 (Planungsraum 05300838): the small age groups are withheld
    assert pd.isna(out.at["05300838", "inhabitants_age_27_45_2024"])  # 4
    assert out.at["05300838", fn.supp_of("inhabitants_age_27_45_2024")] == "primary"
    note = out[fn.SUPPRESSION_NOTE].unique()
    assert len(note) == 1 and note[0].startswith("Fallzahlen unter 10 sind geheim gehalten (*)")
    assert "Summen je district" in note[0] and "alter" in note[0]
    rule = cs.SuppressionRule.from_json(out[fn.SUPPRESSION_RULE].iloc[0])
    assert (rule.min_count, rule.group_field, rule.sign, rule.breakdowns) == (10, "district", "*", ["alter"])


# --------------------------------------------------------------------------
# small tables with known answers


def run(df, counts=None, breakdowns=(), catalogue=None, **rule):
    plan = cs.make_plan(list(df.columns), counts, catalogue)
    for name, total, parts in breakdowns:
        plan.breakdowns.append(cs.Breakdown(name, None, total, parts))
    res = cs.suppress(df, plan, cs.SuppressionRule(**rule), catalogue=catalogue)
    return res, published_frame(df, res)


def test_primary_and_zero_option():
    df = pd.DataFrame({"x": [0.0, 1, 2, 3, 40, 7]})
    res, pub = run(df, ["x"], min_count=3)
    assert pub["x"].tolist()[0] == 0 and pd.isna(pub["x"][1]) and pd.isna(pub["x"][2])
    assert pub[fn.supp_of("x")].tolist()[:3] == [None, "primary", "primary"]
    res0, pub0 = run(df, ["x"], min_count=3, suppress_zeros=True)
    assert pd.isna(pub0["x"][0]) and pub0.at[0, fn.supp_of("x")] == "primary"
    assert res0.primary == 3


def test_secondary_takes_the_smallest_cell_that_protects():
    # 2 alone: total - rest gives it away; 3 is the smallest other cell (2 + 3: two values possible)
    _, pub = run(pd.DataFrame({"x": [2.0, 0, 3, 5, 8]}), ["x"])
    assert pub["x"].isna().tolist() == [True, False, True, False, False]
    assert pub.at[2, fn.supp_of("x")] == "secondary"
    # 1 and 3 would give total - rest = 4 = 1 + 3, and the marks say primary >= 1, secondary >= 3:
    # both pinned. The complement must exceed 3, so 5 is taken, not 3; the zeros are never taken
    _, pub = run(pd.DataFrame({"x": [1.0, 0, 0, 3, 5, 8]}), ["x"])
    assert pub["x"].isna().tolist() == [True, False, False, False, True, False]
    assert attack(pd.DataFrame({"x": [1.0, 0, 0, 3, 5, 8]}), pub, ["x"], 3) == {}


def test_group_with_one_unit_cannot_be_protected_and_is_reported():
    df = pd.DataFrame({"x": [1.0, 9, 12, 30], "g": ["A", "B", "B", "B"]})
    res, pub = run(df, ["x"], group_field="g")
    assert pd.isna(pub["x"][0])
    assert res.at_risk == {("x", 0)}
    assert any("group 'A'" in w for w in res.warnings)
    # group B is untouched
    assert pub["x"][1:].tolist() == [9, 12, 30]


def test_breakdown_and_groups_iterate_to_a_fixed_point():
    # age groups a, b, c add up to pop; two municipalities
    df = pd.DataFrame(
        {
            "a": [1.0, 20, 30, 14, 25],
            "b": [10.0, 15, 12, 40, 18],
            "c": [30.0, 5, 8, 11, 19],
            "pop": [41.0, 40, 50, 65, 62],
            "g": ["A", "A", "A", "B", "B"],
        }
    )
    res, pub = run(df, ["a", "b", "c", "pop"], [("alter", "pop", ["a", "b", "c"])], group_field="g", min_count=3)
    bd = [("pop", ["a", "b", "c"])]
    counts = ["a", "b", "c", "pop"]
    assert attack(df, pub, counts, 3, False, "g", bd, use_marks=False) == {}
    assert attack(df, pub, counts, 3, False, "g", bd) == {}
    assert lp_attack(df, pub, counts, 3, False, "g", bd) == set()
    # the row of unit 0 and the column a of group A both hold a second withheld cell
    assert pub.loc[0, ["a", "b", "c", "pop"]].isna().sum() >= 2
    assert pub.loc[pub.g == "A", "a"].isna().sum() >= 2
    assert res.rounds >= 1 and res.at_risk == set()


def test_combined_totals_need_a_rectangle():
    """Single totals are all protected, but rows and columns together would pin
    cells: the protecting-move stage adds the cheapest rectangle."""
    df = pd.DataFrame({"a": [1.0, 1, 7, 8, 9], "b": [4.0, 5, 3, 9, 12]})
    df["pop"] = df["a"] + df["b"]
    res, pub = run(df, ["a", "b", "pop"], [("alter", "pop", ["a", "b"])])
    bd = [("pop", ["a", "b"])]
    assert lp_attack(df, pub, ["a", "b", "pop"], 3, False, None, bd) == set()
    assert res.at_risk == set()


def test_marks_can_pin_a_unit_and_that_is_reported():
    """A unit of 2 with 1 + 1 (all three cells primary): the row total 2 and the
    marks (each primary >= 1) pin the cells, whatever else is withheld. The
    warning names it; withholding zeros (primary 0..2) protects it."""
    df = pd.DataFrame({"a": [1.0, 5, 20, 8], "b": [1.0, 20, 2, 12]})
    df["pop"] = df["a"] + df["b"]
    res, pub = run(df, ["a", "b", "pop"], [("alter", "pop", ["a", "b"])])
    found = lp_attack(df, pub, ["a", "b", "pop"], 3, False, None, [("pop", ["a", "b"])])
    assert found and found <= res.at_risk
    assert any("narrowed to one value" in w or "pins a value" in w for w in res.warnings)
    res0, pub0 = run(df, ["a", "b", "pop"], [("alter", "pop", ["a", "b"])], suppress_zeros=True)
    assert lp_attack(df, pub0, ["a", "b", "pop"], 3, True, None, [("pop", ["a", "b"])]) == set()
    assert res0.at_risk == set()


def test_missing_cells_keep_their_sign_and_never_protect():
    df = pd.DataFrame({"x": [1.0, np.nan, 7, 9], "x_sign": [None, "-", None, None]})
    _, pub = run(df, ["x"])
    assert pub["x_sign"].tolist() == [".", "-", ".", None]
    assert pub[fn.supp_of("x")].tolist() == ["primary", None, "secondary", None]


@pytest.mark.parametrize(
    "frame,counts,message",
    [
        (pd.DataFrame({"x": [1.0]}), ["y"], "count field 'y' is not in the layer"),
        (pd.DataFrame({"x": ["a", "b"]}), ["x"], "count field 'x' is not numeric"),
        (pd.DataFrame({"x": [3.0, -1]}), ["x"], "count field 'x' is negative for unit 1"),
        (pd.DataFrame({"x": [3.0, 12.5]}), ["x"], "count field 'x' holds 12.5 for unit 1: not a whole number"),
    ],
)
def test_errors_name_the_field(frame, counts, message):
    with pytest.raises(cs.SuppressionError, match=message):
        run(frame, counts)


def test_estimated_counts_may_be_fractional_where_they_are_estimates():
    """A count carried between unit systems (interpolateunits: ``x_est`` > 0)
    is fractional where estimated and still protected; where it is exact
    (``x_est`` = 0) it must be a whole number."""
    df = pd.DataFrame({"x": [2.4, 12.5, 30.0, 41.0], "x_est": [0.3, 1.0, 0.0, 0.0]})
    _, pub = run(df, ["x"])
    assert math.isnan(pub["x"][0]) and pub[fn.supp_of("x")][0] == "primary"  # 2.4 < 3: withheld like 2
    assert pub[fn.supp_of("x")][1] == "secondary"  # the total is known: one more cell at least
    assert pub["x"][3] == 41.0
    bad = df.assign(x_est=[0.3, 0.0, 0.0, 0.0])
    with pytest.raises(cs.SuppressionError, match="holds 12.5 for unit 1: not a whole number"):
        run(bad, ["x"])


def test_rule_errors():
    df = pd.DataFrame({"x": [1.0, 5]})
    with pytest.raises(cs.SuppressionError, match="POPULATION_FIELD"):
        run(df, ["x"], min_population=300)
    with pytest.raises(cs.SuppressionError, match="MIN_COUNT"):
        run(df, ["x"], min_count=0)
    with pytest.raises(cs.SuppressionError, match="nothing to protect"):
        run(df, [])
    with pytest.raises(cs.SuppressionError, match="group field 'gem'"):
        run(df, ["x"], group_field="gem")


# --------------------------------------------------------------------------
# derived values: rates, deviations, flags, burden and index fields


def computed(df: pd.DataFrame, catalogue) -> pd.DataFrame:
    """The layer after computeindicators and classifyburden (the core of both)."""
    ind = ci.compute(df, catalogue)
    out = pd.concat([df, ind.frame], axis=1)
    bur = cb.classify(out, catalogue, "difference", threshold=1.0, min_flags=1)
    return pd.concat([out, bur.frame], axis=1)


def test_derived_values_follow_their_counts(berlin_frame):
    cat = read_catalogue(data("supp_katalog_berlin.csv"))
    df = computed(berlin_frame, cat)
    plan = cs.make_plan(list(df.columns), catalogue=cat)
    res = cs.suppress(df, plan, cs.SuppressionRule(min_count=10, group_field="district"), catalogue=cat)
    pub = published_frame(df, res)
    checked = 0
    for ind in cat:
        for y in YEARS:
            num, den = f"{ind.numerator}_{y}", f"{ind.denominator}_{y}"
            gone = pub[num].isna() & df[num].notna() | pub[den].isna() & df[den].notna()
            v = fn.measure(ind.id, "val", y)
            assert pub.loc[gone, v].isna().all(), (ind.id, y)
            if y == 2024:
                for m in ("val", "diff", "ratio", "z", "pct"):
                    f_ = fn.measure(ind.id, m)
                    assert pub.loc[gone, f_].isna().all(), (ind.id, m)
                    hit = gone & df[f_].notna()
                    if hit.any():
                        assert (pub.loc[hit, fn.sign_of(f_)] == ".").all()
                        assert pub.loc[hit, fn.supp_of(f_)].notna().all()
                checked += int(gone.sum())
                # the change 2023 -> 2024 goes when either year is withheld, and only then
                num0, den0 = f"{ind.numerator}_2023", f"{ind.denominator}_2023"
                gone0 = pub[num0].isna() & df[num0].notna() | pub[den0].isna() & df[den0].notna()
                chg = fn.change(ind.id)
                assert pub.loc[gone | gone0, chg].isna().all()
                assert (pub.loc[~(gone | gone0), chg] == df.loc[~(gone | gone0), chg]).all() or pub.loc[
                    ~(gone | gone0), chg
                ].isna().equals(df.loc[~(gone | gone0), chg].isna())
                assert pub.loc[gone, fn.measure(ind.id, "ref")].equals(df.loc[gone, fn.measure(ind.id, "ref")])
                if ind.core:
                    assert pub.loc[gone, fn.flag(ind.id)].isna().all()
                    for f_ in (fn.BURDEN_FLAGS, fn.BURDEN_CLASS, fn.BURDEN_CODE, fn.BURDEN_REASON):
                        assert pub.loc[gone, f_].isna().all(), f_
    assert checked > 0
    # a derived cell takes the stronger mark of its sources
    u = pub.index[pub[fn.supp_of("inhabitants_age_below_6_2024")] == "primary"][0]
    assert pub.at[u, fn.supp_of(fn.measure("u6", "val"))] == "primary"
    assert res.derived > 0
    # the burden rule text stays (it is the rule, not a unit's value)
    assert pub[fn.BURDEN_RULE].notna().all()


def test_reporting_and_base_year_are_read_from_the_layer(berlin_frame):
    """computeindicators run with YEAR=2023, BASE_YEAR=2021: a withheld 2024 count must not
    hide the 2023 value, a withheld 2021 count must hide the change."""
    cat = Catalogue("t", [Indicator("u6", numerator="inhabitants_age_below_6", denominator="inhabitants")])
    df = berlin_frame.copy()
    ind = ci.compute(df, cat, year=2023, base_year=2021)
    df = pd.concat([df, ind.frame], axis=1)
    res = cs.suppress(
        df, cs.make_plan(list(df.columns), catalogue=cat), cs.SuppressionRule(min_count=10), catalogue=cat
    )
    pub = published_frame(df, res)

    def gone(y):
        a, b = f"inhabitants_age_below_6_{y}", f"inhabitants_{y}"
        return pub[a].isna() & df[a].notna() | pub[b].isna() & df[b].notna()

    only_2024 = gone(2024) & ~gone(2023) & ~gone(2021) & df["u6_val"].notna()
    assert only_2024.any()
    assert (pub.loc[only_2024, "u6_val"] == df.loc[only_2024, "u6_val"]).all()
    assert pub.loc[gone(2023), "u6_val"].isna().all()
    assert pub.loc[gone(2021) | gone(2023), "u6_chg"].isna().all()
    assert pub.loc[gone(2024), "u6_val_2024"].isna().all()


def test_min_population_withholds_rates_not_counts(berlin_frame):
    cat = read_catalogue(data("supp_katalog_berlin.csv"))
    df = computed(berlin_frame, cat)
    rule = cs.SuppressionRule(min_count=3, min_population=300, population_field="inhabitants_2024")
    res = cs.suppress(df, cs.make_plan(list(df.columns), catalogue=cat), rule, catalogue=cat)
    pub = published_frame(df, res)
    small = ~(df["inhabitants_2024"] >= 300)
    assert small.sum() == 6
    for ind in cat:
        for m in ("val", "diff", "ratio", "z", "pct"):
            f_ = fn.measure(ind.id, m)
            assert pub.loc[small, f_].isna().all(), f_
            assert (pub.loc[small & df[f_].notna(), fn.supp_of(f_)] == "primary").all()
        # 2023's value is judged by 2023's population (inhabitants_2023, the sibling field)
        v23 = fn.measure(ind.id, "val", 2023)
        big23 = df["inhabitants_2023"] >= 300
        assert (pub.loc[big23, v23].dropna() == df.loc[big23, v23].dropna()).all()
        assert pub.loc[~big23, v23].isna().all()
    assert pub.loc[small, fn.BURDEN_CLASS].isna().all()
    # counts: only MIN_COUNT applies (here 3; the source has no 1s and 2s)
    assert pub.loc[small, "inhabitants_2024"].tolist() == df.loc[small, "inhabitants_2024"].tolist()
    assert "unter 300 Einwohnern (inhabitants_2024)" in pub[fn.SUPPRESSION_NOTE].iloc[0]


def test_index_fields_follow_their_indicators():
    from sozialplanung_plugin.core import composite as cc

    rng = np.random.default_rng(3)
    n = 40
    df = pd.DataFrame(
        {"pop_2023": rng.integers(50, 400, n).astype(float), "pop_2024": rng.integers(50, 400, n).astype(float)}
    )
    for y in (2023, 2024):
        df[f"arm_{y}"] = np.minimum(rng.integers(0, 40, n), df[f"pop_{y}"]).astype(float)
        df[f"ae_{y}"] = np.minimum(rng.integers(0, 30, n), df[f"pop_{y}"]).astype(float)
    cat = Catalogue(
        "t",
        [
            Indicator("arm", numerator="arm", denominator="pop", polarity=1, core=True, index="status", topic="A"),
            Indicator("ae", numerator="ae", denominator="pop", polarity=1, core=True, index="status", topic="B"),
        ],
    )
    ind = ci.compute(df, cat)
    df = pd.concat([df, ind.frame], axis=1)
    comp = cc.compute(df, cat, method="zscore_sum")
    df = pd.concat([df, comp.frame], axis=1)
    res = cs.suppress(df, cs.make_plan(list(df.columns), catalogue=cat), cs.SuppressionRule(min_count=5), catalogue=cat)
    pub = published_frame(df, res)
    gone = np.zeros(n, dtype=bool)
    for c in ("arm_2024", "ae_2024", "pop_2024"):
        gone |= (pub[c].isna() & df[c].notna()).to_numpy()
    gone_any = gone.copy()
    for c in ("arm_2023", "ae_2023", "pop_2023"):
        gone_any |= (pub[c].isna() & df[c].notna()).to_numpy()
    assert gone.any()
    for f_ in (fn.STATUS_INDEX, fn.STATUS_CLASS, fn.STATUS_LABEL):
        assert pub.loc[gone, f_].isna().all(), f_
    arm = (pub["arm_2024"].isna() & df["arm_2024"].notna()) | (pub["pop_2024"].isna() & df["pop_2024"].notna())
    assert pub.loc[arm, fn.index_z("arm")].isna().all()
    assert pub.loc[arm, fn.measure("arm", "val")].isna().all()
    for f_ in (fn.DYNAMICS_INDEX, fn.DYNAMICS_CLASS, fn.SDI_CLASS):
        assert pub.loc[gone_any, f_].isna().all(), f_
    kept = ~gone_any
    assert (pub.loc[kept, fn.STATUS_CLASS].dropna() == df.loc[kept, fn.STATUS_CLASS].dropna()).all()
    assert cs.published_statistics(df.columns)  # the algorithm warns about these


# --------------------------------------------------------------------------
# the rule travels with the data; helpers for every output


def test_note_footnote_and_json():
    rule = cs.SuppressionRule(
        min_count=3, min_population=300, population_field="EW", group_field="gemeinde", breakdowns=["alter"]
    )
    de = cs.note(rule, "de")
    assert de == (
        "Fallzahlen unter 3 sind geheim gehalten (.); für Raumeinheiten unter 300 Einwohnern (EW) werden "
        "keine Quoten veröffentlicht; Summen je gemeinde; weitere Werte sind sekundär geheim gehalten, "
        "damit sich kein geheimer Wert aus Summen errechnen lässt (auch über die Kategorien von alter); "
        "daraus berechnete Werte (Quoten, Abweichungen, Markierungen, Klassen) sind ebenfalls geheim "
        "gehalten."
    )
    en = cs.footnote(rule, "en")
    assert en.startswith(". withheld for data protection. Counts below 3 are withheld (.)")
    assert "fewer than 300 inhabitants (EW)" in en and "totals per gemeinde" in en
    assert cs.footnote(rule.to_json(), "de").startswith(". geheim gehalten (Datenschutz). Fallzahlen unter 3")
    assert "1.000 Einwohnern" in cs.note(cs.SuppressionRule(min_population=1000, population_field="EW"))
    back = cs.SuppressionRule.from_json(rule.to_json())
    assert back == rule
    with pytest.raises(cs.SuppressionError):
        cs.SuppressionRule.from_json('{"min_count": 3}')


def test_published_and_cell_text_hide_refilled_values():
    frame = pd.DataFrame(
        {
            "u6_val": [4.2, 7.5, np.nan],
            "u6_val_sign": [None, ".", "x"],
            "u6_val_supp": [None, "primary", None],
            fn.SUPPRESSION_RULE: [cs.SuppressionRule(min_count=5).to_json()] * 3,
        }
    )
    assert cs.is_suppressed(frame, "u6_val").tolist() == [False, True, False]
    assert cs.published(frame, "u6_val").isna().tolist() == [False, True, True]  # 7.5 was filled in again
    assert cs.cell_text(frame, "u6_val", lambda v: f"{v:.1f}".replace(".", ",")).tolist() == ["4,2", ".", "x"]
    assert cs.suppressed_fields(frame) == ["u6_val"]
    assert cs.rule_from_frame(frame).min_count == 5
    assert cs.rule_from_frame(frame.drop(columns=[fn.SUPPRESSION_RULE])) is None
    assert not cs.is_suppressed(frame, "other").any()


def test_uncovered_fields_name_the_percentages(berlin_frame, berlin_catalogue):
    cols = list(berlin_frame.columns) + ["inhabitants_age_below_6_percentage_2024", "GROESSE_M2", "u6_quote"]
    plan = cs.make_plan(cols, catalogue=berlin_catalogue)
    out = cs.uncovered_fields(cols, plan, extra=["district"])
    assert "inhabitants_age_below_6_percentage_2024" in out and "u6_quote" in out
    assert "GROESSE_M2" not in out
    assert "inhabitants_female_2024" in out  # a count the rule does not know


def test_deterministic_and_fast_on_100000_units():
    rng = np.random.default_rng(11)
    n = 100_000
    parts = [f"age{j}" for j in range(8)]
    df = pd.DataFrame({p: rng.negative_binomial(1, 0.08, n).astype(float) for p in parts})
    df["pop"] = df[parts].sum(axis=1)
    df["gem"] = rng.integers(0, 150, n).astype(str)
    plan = cs.Plan(counts=parts + ["pop"], breakdowns=[cs.Breakdown("alter", None, "pop", parts)])
    t = time.perf_counter()
    res = cs.suppress(df, plan, cs.SuppressionRule(min_count=3, group_field="gem"))
    assert time.perf_counter() - t < 60
    assert res.primary > 100_000 and res.secondary > 0
    again = cs.suppress(df, plan, cs.SuppressionRule(min_count=3, group_field="gem"))
    assert again.state.equals(res.state)
    # attacker on a sample of 300 units' rows (each row: total = sum of the age groups)
    pub = published_frame(df, res)
    sample = df.index[:300]
    for u in sample:
        hid = [c for c in parts + ["pop"] if pd.isna(pub.at[u, c])]
        assert len(hid) != 1, u
    assert small_published(df, pub, parts + ["pop"], 3) == []


# --------------------------------------------------------------------------
# property-based: random tables with many small counts


@st.composite
def tables(draw, min_counts=(3, 4, 5)):
    n = draw(st.integers(2, 12))
    k = draw(st.integers(2, 4))
    m = draw(st.sampled_from(min_counts))
    zeros = draw(st.booleans())
    value = st.one_of(st.integers(0, 6), st.integers(0, 6), st.integers(0, 40))
    cols = {f"p{j}": draw(st.lists(value, min_size=n, max_size=n)) for j in range(k)}
    df = pd.DataFrame(cols).astype("float64")
    df["pop"] = df.sum(axis=1)
    df["extra"] = draw(st.lists(value, min_size=n, max_size=n))
    df["g"] = [str(x) for x in draw(st.lists(st.integers(0, 2), min_size=n, max_size=n))]
    truth = df.copy()
    holes = draw(st.lists(st.tuples(st.integers(0, n - 1), st.sampled_from(["p0", "pop", "extra"])), max_size=2))
    for u, c in holes:
        df.at[u, c] = np.nan
    group = draw(st.sampled_from([None, "g"]))
    return df, [f"p{j}" for j in range(k)], m, zeros, group, truth


def suppress_table(df, parts, m, zeros, group):
    counts = parts + ["pop", "extra"]
    plan = cs.Plan(counts=counts, breakdowns=[cs.Breakdown("b", None, "pop", parts)])
    res = cs.suppress(df, plan, cs.SuppressionRule(min_count=m, suppress_zeros=zeros, group_field=group))
    return res, published_frame(df, res), counts, [("pop", parts)]


PROPERTY = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(tables())
def test_property_no_small_count_published(t):
    df, parts, m, zeros, group, truth = t
    res, pub, counts, _ = suppress_table(df, parts, m, zeros, group)
    assert small_published(df, pub, counts, m, zeros) == []
    for c in counts:
        orig, now = df[c], pub[c]
        small = orig.notna() & (orig < m) & ((orig > 0) | zeros)
        assert now[small].isna().all()
        kept = now.notna()
        assert (now[kept] == orig[kept]).all()  # published values are the true ones
        assert (orig.isna() <= now.isna()).all()
        if fn.supp_of(c) in pub:
            marks = pub[fn.supp_of(c)]
            assert (marks[small] == "primary").all()
            assert (marks[~small & now.isna() & orig.notna()] == "secondary").all()
            secondary = marks == "secondary"
            assert (orig[secondary] >= m).all()  # complements are cells > 0 that were publishable


@PROPERTY
@given(tables())
def test_property_no_cell_recoverable_from_one_total(t):
    df, parts, m, zeros, group, truth = t
    res, pub, counts, bd = suppress_table(df, parts, m, zeros, group)
    plain = attack(df, pub, counts, m, zeros, group, bd, use_marks=False, truth=truth)
    # only where no other cell could have been withheld (e.g. a group of one unit), and then reported
    assert set(plain) <= res.at_risk, plain
    for (c, u), how in plain.items():
        name = how.split(": ", 1)[1]
        line = next(cells for nm, cells, _ in equations(df, counts, group, bd, truth) if nm == name)
        others = [(uu, cc) for _, uu, cc in line if (cc, uu) != (c, u) and not pd.isna(pub.at[uu, cc])]
        assert all(pub.at[uu, cc] == 0 for uu, cc in others), (c, u, how)
    marks = attack(df, pub, counts, m, zeros, group, bd, truth=truth)
    assert set(marks) <= res.at_risk, marks


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_property_no_cell_recoverable_from_all_totals(t):
    df, parts, m, zeros, group, truth = t
    res, pub, counts, bd = suppress_table(df, parts, m, zeros, group)
    found = lp_attack(df, pub, counts, m, zeros, group, bd, truth=truth)
    assert found <= res.at_risk, found - res.at_risk


@PROPERTY
@given(tables(min_counts=(2,)))
def test_property_min_count_2_plain_differencing(t):
    """MIN_COUNT 2: a primary mark means 1 (or 0..1), so only plain differencing is tested."""
    df, parts, m, zeros, group, truth = t
    res, pub, counts, bd = suppress_table(df, parts, m, zeros, group)
    assert small_published(df, pub, counts, m, zeros) == []
    assert set(attack(df, pub, counts, m, zeros, group, bd, use_marks=False, truth=truth)) <= res.at_risk


@PROPERTY
@given(tables())
def test_property_nothing_derived_from_a_withheld_count(t):
    df, parts, m, zeros, group, truth = t
    df = df.copy()
    df["pop"] = df["pop"].fillna(df[parts].sum(axis=1))
    cat = Catalogue(
        "t",
        [
            Indicator(
                p, numerator=p, denominator="pop", polarity=1, core=True, breakdown="b", index="status", threshold=1.0
            )
            for p in parts
        ],
    )
    ind = ci.compute(df, cat)
    full = pd.concat([df, ind.frame], axis=1)
    bur = cb.classify(full, cat, "difference", min_flags=1)
    full = pd.concat([full, bur.frame], axis=1)
    plan = cs.make_plan(list(full.columns), ["extra"], cat)
    res = cs.suppress(
        full, plan, cs.SuppressionRule(min_count=m, suppress_zeros=zeros, group_field=group), catalogue=cat
    )
    pub = published_frame(full, res)
    any_core = pd.Series(False, index=full.index)
    for p in parts:
        gone = (pub[p].isna() & full[p].notna()) | (pub["pop"].isna() & full["pop"].notna())
        any_core |= gone
        for meas in ("val", "diff", "ratio", "z", "pct"):
            assert pub.loc[gone, fn.measure(p, meas)].isna().all(), (p, meas)
        assert pub.loc[gone, fn.flag(p)].isna().all()
        # a published rate times the published denominator never gives back a withheld count
        ok = pub[fn.measure(p, "val")].notna()
        assert pub.loc[ok, p].notna().all() and pub.loc[ok, "pop"].notna().all()
    for f_ in (fn.BURDEN_FLAGS, fn.BURDEN_CODE, fn.BURDEN_CLASS, fn.BURDEN_REASON):
        assert pub.loc[any_core, f_].isna().all(), f_


def test_running_twice_keeps_the_earlier_marks():
    df = pd.DataFrame({"x": [1.0, 4, 9, 12, 30, 6]})
    res1, pub1 = run(df, ["x"], min_count=3)
    res2, pub2 = run(pub1, ["x"], min_count=7)
    assert pub2[fn.supp_of("x")].iloc[0] == "primary" and pd.isna(pub2["x"].iloc[0])  # from the first run
    assert pub2.at[5, fn.supp_of("x")] == "primary"  # 6 < 7
    assert small_published(df, pub2, ["x"], 7) == []
    assert any("already suppressed by another rule" in w for w in res2.warnings)
    _, pub3 = run(pub2, ["x"], min_count=7)
    assert pub3["x"].isna().equals(pub2["x"].isna())  # the same rule again changes nothing


# --------------------------------------------------------------------------
# sums in the data: protected without a catalogue


def berlin_all_counts(year=2024) -> pd.DataFrame:
    """Every count of both population tables of one year (no catalogue)."""
    t2 = pd.read_csv(example(f"population_{year}-02_t2.csv"), dtype={"id": str, "district_id": str}).set_index("id")
    t1 = pd.read_csv(example(f"population_{year}-02_t1.csv"), dtype={"id": str}).set_index("id")
    cols2 = [c for c in t2.columns if c.startswith("inhabitants") and not c.endswith("percentage")]
    cols1 = [c for c in t1.columns if c.startswith("inhabitants") and not c.endswith("percentage") and c not in cols2]
    df = t2[cols2].join(t1[cols1]).astype("float64")
    df["district"] = t2["district_id"]
    return df


BERLIN_RELATIONS = [
    (
        "inhabitants",
        [f"inhabitants_age_{a}" for a in ("below_6", "6_15", "15_18", "18_27", "27_45", "45_55", "55_65", "above_65")],
    ),
    ("inhabitants", ["inhabitants_germans", "inhabitants_foreigners"]),
    (
        "inhabitants_germans",
        ["inhabitants_germans_without_migration_background", "inhabitants_germans_with_migration_background"],
    ),
    (
        "inhabitants_with_migration_background",
        ["inhabitants_germans_with_migration_background", "inhabitants_foreigners"],
    ),
]


def test_sums_are_found_in_the_real_tables():
    df = berlin_all_counts()
    counts = [c for c in df.columns if c != "district"]
    found = {(b.total, frozenset(b.parts)) for b in cs.find_breakdowns(df[counts].to_numpy().T, counts)}
    for total, parts in BERLIN_RELATIONS:
        assert (total, frozenset(parts)) in found
    assert not any("inhabitants_female" in parts for _, parts in found)  # female is not part of any sum
    # the same count twice is a relation too
    two = pd.DataFrame({"a": [1.0, 5, 7], "b": [1.0, 5, 7], "c": [3.0, 4, 9]})
    assert [(b.total, b.parts) for b in cs.find_breakdowns(two.to_numpy().T, ["a", "b", "c"])] == [("a", ["b"])]


@pytest.mark.parametrize("min_count", [5, 10, 20])
def test_fields_only_real_tables_attackers_view(min_count):
    """FIELDS without a catalogue: every count of 2024, the sums between them found in the data."""
    df = berlin_all_counts()
    counts = [c for c in df.columns if c != "district"]
    res, pub = run(df, counts, min_count=min_count, group_field="district")
    assert res.rule.sums_found >= 4 and "in den Daten gefundene Summen" in pub[fn.SUPPRESSION_NOTE].iloc[0]
    assert small_published(df, pub, counts, min_count) == []
    assert attack(df, pub, counts, min_count, False, "district", BERLIN_RELATIONS) == {}
    assert lp_attack(df, pub, counts, min_count, False, "district", BERLIN_RELATIONS) == set()
    assert res.at_risk == set()
    assert not any("searched among" in n for n in res.notes)


def test_count_fields_as_german_text():
    df = pd.DataFrame({"x": ["1", "1.234", ".", "2", "15", "7"]})
    res, pub = run(df, ["x"])
    # the text stays text; 1 and 2 protect each other (1 + 2 = 3 is also 2 + 1)
    assert pub["x"].tolist() == [None, "1.234", ".", None, "15", "7"]
    assert pub[fn.supp_of("x")].tolist() == ["primary", None, None, "primary", None, None]
    res, pub = run(pd.DataFrame({"x": ["1", "1.234", ".", "15", "7"]}), ["x"])
    assert pub["x"].tolist() == [None, "1.234", ".", "15", None]
    with pytest.raises(cs.SuppressionError, match="count field 'x' is not numeric"):
        run(pd.DataFrame({"x": ["Altstadt", "Hafen", "Mitte"]}), ["x"])


@st.composite
def nested_tables(draw):
    """The structure of the migration table: inhabitants = germans + foreigners,
    germans = without + with migration background, migration background = with + foreigners."""
    n = draw(st.integers(2, 12))
    value = st.one_of(st.integers(0, 5), st.integers(0, 30))
    df = pd.DataFrame({k: draw(st.lists(value, min_size=n, max_size=n)) for k in ("wo", "w", "f")}).astype("float64")
    df["ger"] = df.wo + df.w
    df["mh"] = df.w + df.f
    df["pop"] = df.ger + df.f
    df["g"] = [str(x) for x in draw(st.lists(st.integers(0, 1), min_size=n, max_size=n))]
    return df, draw(st.sampled_from([3, 5])), draw(st.booleans()), draw(st.sampled_from([None, "g"]))


NESTED = [("ger", ["wo", "w"]), ("mh", ["w", "f"]), ("pop", ["ger", "f"])]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(nested_tables())
def test_property_nested_sums_without_catalogue(t):
    df, m, zeros, group = t
    counts = ["wo", "w", "f", "ger", "mh", "pop"]
    res, pub = run(df, counts, min_count=m, suppress_zeros=zeros, group_field=group)
    assert small_published(df, pub, counts, m, zeros) == []
    assert set(attack(df, pub, counts, m, zeros, group, NESTED)) <= res.at_risk
    assert lp_attack(df, pub, counts, m, zeros, group, NESTED) <= res.at_risk


# --------------------------------------------------------------------------
# the steps of suppress() one at a time, on small tables


def test_step_primary_state_and_the_mark_warning():
    values = np.array([[0.0, 1, 2, 3, np.nan]])
    assert s_counts.primary_state(values, cs.SuppressionRule(min_count=3)).tolist() == [[0, 2, 2, 0, 0]]
    zeros = cs.SuppressionRule(min_count=3, suppress_zeros=True)
    assert s_counts.primary_state(values, zeros).tolist() == [[2, 2, 2, 0, 0]]
    assert s_counts.primary_mark_warning(cs.SuppressionRule(min_count=3), 2) is None
    two = s_counts.primary_mark_warning(cs.SuppressionRule(min_count=2), 1)
    assert "has the value 1: the mark gives it away" in two
    assert s_counts.primary_mark_warning(cs.SuppressionRule(min_count=2), 0) is None


def test_step_group_codes():
    warnings = []
    codes, labels = s_counts.group_codes(pd.DataFrame({"g": ["B", None, "A", "B"]}), "g", warnings)
    # units without a value form the first group, labelled "(leer)" in messages
    assert labels == ["(leer)", "A", "B"] and codes.tolist() == [2, 0, 1, 2]
    assert warnings == ["1 unit(s) have no value in the group field 'g'; they form a group of their own"]
    # a real empty text is a group of its own, not the units without a value
    codes, labels = s_counts.group_codes(pd.DataFrame({"g": ["", None, "A"]}), "g", [])
    assert labels == ["(leer)", "", "A"] and codes.tolist() == [1, 0, 2]
    codes, labels = s_counts.group_codes(pd.DataFrame({"g": ["B"]}), None, warnings)
    assert labels == [None] and codes.tolist() == [0]


def steps_for(df, counts, breakdowns=(), **rule):
    """A count table, its state after primary suppression, its lines and the engine."""
    rule = cs.SuppressionRule(**rule)
    table = s_counts.count_table(df, counts, rule.group_field, np.asarray(df.index, dtype=object), [])
    table.breakdowns = [cs.Breakdown("b", None, total, parts) for total, parts in breakdowns]
    state = s_counts.primary_state(table.values, rule)
    t = table
    lines = _Lines(t.values, t.codes, t.group_labels, t.relations, t.breakdowns, counts, t.labels)
    return table, state, lines, _Engine(lines, table.values, state, rule), rule


def published_from_state(df, counts, state):
    """The counts as published with ``state`` (withheld cells missing, their marks)."""
    pub = df.copy()
    for j, c in enumerate(counts):
        pub.loc[state[j] > 0, c] = np.nan
        pub[fn.supp_of(c)] = [{2: fn.SUPP_PRIMARY, 1: fn.SUPP_SECONDARY}.get(int(s)) for s in state[j]]
    return pub


def test_step_settle_lines_takes_the_smallest_complement():
    df = pd.DataFrame({"x": [2.0, 0, 3, 5, 8]})
    _, state, lines, eng, _ = steps_for(df, ["x"])
    assert state.tolist() == [[2, 0, 0, 0, 0]]
    rounds = s_secondary.settle_lines(lines, eng, np.flatnonzero(state.ravel() > 0))
    assert rounds == 2 and state.tolist() == [[2, 0, 1, 0, 0]]  # the engine writes into ``state``
    assert eng.audit() == ([], [])


def test_step_moves_protect_what_the_lines_leave_pinned():
    """After settling the lines, a rectangle a/b of units 1 and 2 is withheld and every
    single total leaves two values; but the row totals and the marks together pin it
    (b1 = 1 cannot go down, a2 = 2 cannot go up). The moves step withholds the totals too."""
    df = pd.DataFrame({"a": [5.0, 6, 2], "b": [3.0, 1, 10]})
    df["pop"] = df.a + df.b
    counts, bd = ["a", "b", "pop"], [("pop", ["a", "b"])]
    table, state, lines, eng, rule = steps_for(df, counts, bd)
    rounds = s_secondary.settle_lines(lines, eng, np.flatnonzero(state.ravel() > 0))
    assert state.tolist() == [[0, 1, 2], [0, 2, 1], [0, 0, 0]]
    pub = published_from_state(df, counts, state)
    assert attack(df, pub, counts, 3, breakdowns=bd) == {}
    assert lp_attack(df, pub, counts, 3, breakdowns=bd) == {("a", 1), ("a", 2), ("b", 1), ("b", 2)}
    moves = _Moves(table.values, state, table.codes, 1, table.relations, rule)
    assert moves.unsafe().tolist() == [[False, True, True], [False, True, True], [False, False, False]]
    exposed, rounds = s_secondary.protect_combinations(moves, lines, eng, state, rounds)
    assert not exposed.any() and rounds > 2
    assert state.tolist() == [[0, 1, 2], [0, 2, 1], [0, 1, 1]]
    assert lp_attack(df, published_from_state(df, counts, state), counts, 3, breakdowns=bd) == set()


def test_step_marker_writes_values_signs_and_marks():
    frame = pd.DataFrame({"x": [1.0, 5, np.nan], "x_sign": [None, None, "-"], "t": ["a", " ", "c"]})
    mark = s_marks.Marker(frame, "*")
    assert mark("x", np.array([2, 1, 2], dtype=np.int8)) == 2  # the missing cell keeps its sign
    assert mark("t", np.array([0, 1, 1], dtype=np.int8)) == 1  # blank text is missing too
    assert mark("x", np.zeros(3, dtype=np.int8)) == 0
    out = mark.columns()
    assert list(out.columns) == ["x", "x_sign", "x_supp", "t", "t_sign", "t_supp"]
    assert out["x"].isna().all() and out["x_sign"].tolist() == ["*", "*", "-"]
    assert out["x_supp"].tolist() == ["primary", "secondary", None]
    assert out["t"].tolist() == ["a", " ", None] and out["t_supp"].tolist() == [None, None, "secondary"]
    assert mark.new_text == ["x_supp", "t_sign", "t_supp"]  # x_sign exists already


def test_step_indicator_states_read_reporting_and_base_year():
    """computeindicators ran with YEAR 2023 and BASE_YEAR 2022: the value follows 2023
    only, the change 2023 and 2022; 2024 matters for neither."""
    frame = pd.DataFrame(
        {
            "u6_val_2022": [1.0, 2],
            "u6_val_2023": [3.0, 4],
            "u6_val_2024": [5.0, 6],
            "u6_val": [3.0, 4],
            "u6_chg": [2.0, 2],
        }
    )
    year_state = {y: np.array(s, dtype=np.int8) for y, s in {2022: [0, 2], 2023: [1, 0], 2024: [2, 2]}.items()}
    cur, chg = s_derived.indicator_states(frame, "u6", year_state, set(frame.columns))
    assert cur.tolist() == [1, 0] and chg.tolist() == [1, 2]
    # without <id>_val the last year is the reporting year, and the change depends on every year
    cur, chg = s_derived.indicator_states(frame[["u6_chg"]], "u6", year_state, {"u6_chg"})
    assert cur.tolist() == [2, 2] and chg.tolist() == [2, 2]


def test_step_earlier_rule_warning():
    frame = pd.DataFrame({fn.SUPPRESSION_RULE: [cs.SuppressionRule(min_count=3, breakdowns=["alter"]).to_json()]})
    assert s_driver.earlier_rule_warning(frame, cs.SuppressionRule(min_count=3)) is None  # same parameters
    assert "already suppressed by another rule" in s_driver.earlier_rule_warning(frame, cs.SuppressionRule(min_count=5))
    assert s_driver.earlier_rule_warning(pd.DataFrame({fn.SUPPRESSION_RULE: ["{}"]}), cs.SuppressionRule()) is None
