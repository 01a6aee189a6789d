"""The shared pieces: constants, the overlap table, the plan of one field."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import fields as fn
from ..errors import UserError

METHODS = ("aggregate", "area", "population")
#: a source with a share of at least 1 - SPLIT_TOLERANCE in one target lies in it (its part there
#: is exact): digitising slivers of two editions of the same borders do not make every value an estimate
SPLIT_TOLERANCE = 0.01
#: a fine unit straddles when more than this share of its area lies outside its target
STRADDLE_SHARE = 0.01
#: signs chosen first when a target depends on several missing cells
SIGN_PRIORITY = ("*", ".", "/", "x", "…", "()", "k.A.")
TRUE_ZERO_SIGN = "-"
EST = fn.EST
#: a value with at most this share of estimate counts as exact in the summaries (slivers)
EXACT_SHARE = 0.01
NOTE = "_note"

KIND_COUNT = "count"
KIND_RATE_COUNTS = "rate_counts"
KIND_RATE_WEIGHTED = "rate_weighted"
KIND_RATE_MEAN = "rate_mean"

_DERIVED = re.compile(r"^(?P<id>.+)_(?P<m>val|ref|diff|ratio|z|pct|flag|chg|ref_chg|rank|prank|pflag)(_(?P<y>\d{4}))?$")

AREA_MEAN_NOTE_DE = "flächengewichteter Mittelwert der Quoten (Schätzung, nicht aus Fallzahlen)"


class ArealError(UserError):
    """Bad input for moving counts between unit systems."""


def est_of(name: str) -> str:
    return fn.estimate_of(name)


def note_of(name: str) -> str:
    return name + NOTE


@dataclass
class FieldPlan:
    """How one output field is made."""

    name: str
    kind: str  # KIND_*
    numerator: str | None = None  # rate_counts: the count fields; rate_weighted: the rate column
    denominator: str | None = None
    weight: str | None = None
    multiplier: float = 1.0
    indicator: str | None = None


@dataclass
class Overlaps:
    """The overlap table in positions: row r joins source ``source[r]`` and
    target ``target[r]`` with ``area[r]`` (and ``weight[r]``)."""

    source: np.ndarray
    target: np.ndarray
    area: np.ndarray
    weight: np.ndarray | None
    source_area: np.ndarray
    source_weight: np.ndarray | None
    target_area: np.ndarray
    target_weight: np.ndarray | None

    @property
    def n_sources(self) -> int:
        return len(self.source_area)

    @property
    def n_targets(self) -> int:
        return len(self.target_area)


def overlaps_from_table(
    table: pd.DataFrame,
    source_keys,
    target_keys,
    target_area,
    target_weight=None,
) -> Overlaps:
    """An :class:`Overlaps` from a table with the columns ``source_key``,
    ``target_key``, ``area``, ``source_area`` and optionally ``weight``,
    ``source_weight`` (one row per pair; a source without a row has no
    overlap; its area may then be given by a row with area 0)."""
    sk = pd.Index(list(source_keys))
    tk = pd.Index(list(target_keys))
    for what, idx in (("source", sk), ("target", tk)):
        if idx.has_duplicates:
            dup = idx[idx.duplicated()].unique().tolist()[:5]
            raise ArealError(f"{what} keys are not unique: {', '.join(map(str, dup))}")
    s = sk.get_indexer(table["source_key"].tolist())
    t = tk.get_indexer(table["target_key"].tolist())
    for what, pos in (("source", s), ("target", t)):
        if (pos < 0).any():
            bad = table[f"{what}_key"].iloc[int(np.flatnonzero(pos < 0)[0])]
            raise ArealError(f"overlap table: {what} key {bad!r} is not a key of the {what} units")
    sa = np.full(len(sk), np.nan)
    sa[s] = table["source_area"].to_numpy(dtype="float64")
    sw = None
    w = None
    if "weight" in table.columns:
        w = table["weight"].to_numpy(dtype="float64")
        sw = np.full(len(sk), np.nan)
        sw[s] = table["source_weight"].to_numpy(dtype="float64")
    return Overlaps(
        source=s.astype(np.int64),
        target=t.astype(np.int64),
        area=table["area"].to_numpy(dtype="float64"),
        weight=w,
        source_area=sa,
        source_weight=sw,
        target_area=np.asarray(target_area, dtype="float64"),
        target_weight=None if target_weight is None else np.asarray(target_weight, dtype="float64"),
    )
