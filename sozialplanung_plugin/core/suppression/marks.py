"""Writing withheld cells: the value becomes missing (NaN/None),
``<field>_sign`` gets the rule's sign and ``<field>_supp`` "primary" or
"secondary". Sign and mark fields are written only for fields with at least
one withheld cell; existing signs and marks (an earlier run) are kept."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import fields as fn
from .rule import PRIMARY, SuppressionRule, note


class Marker:
    """Collects the output fields of a suppression of ``frame``: call it with a
    field and a state per unit (0 published, SECONDARY, PRIMARY)."""

    def __init__(self, frame: pd.DataFrame, sign: str):
        self.frame = frame
        self.sign = sign
        self.existing = set(frame.columns)
        self.out: dict[str, pd.Series] = {}  # every field to write, in order
        self.new_text: list[str] = []  # fields that are new text fields

    def __call__(self, name: str, st_arr: np.ndarray) -> int:
        """Withhold ``name`` where st_arr > 0 and the value is present; returns the cells withheld."""
        s = self.frame[name]
        hit = (st_arr > 0) & _present(s)
        if not hit.any():
            return 0
        self.out[name] = _without(s, hit)
        self._annotate(name + fn.SIGN, hit, self.sign)
        self._annotate(name + fn.SUPP, hit, np.where(st_arr[hit] == PRIMARY, fn.SUPP_PRIMARY, fn.SUPP_SECONDARY))
        return int(hit.sum())

    def _annotate(self, fname: str, hit: np.ndarray, text) -> None:
        """The sign or mark field ``fname``: ``text`` where hit, earlier entries kept."""
        if fname in self.existing:
            col = self.frame[fname].to_numpy(dtype=object, copy=True)
        else:
            col = np.full(len(self.frame), None, object)
        col[pd.isna(col)] = None
        col[hit] = text
        self.out[fname] = pd.Series(col, index=self.frame.index, dtype=object)
        if fname not in self.existing and fname not in self.new_text:
            self.new_text.append(fname)

    def state_rule(self, rule: SuppressionRule) -> None:
        """The rule in words (``suppression_note``) and as JSON (``suppression_rule``) for every unit."""
        idx = self.frame.index
        self.out[fn.SUPPRESSION_NOTE] = pd.Series(note(rule, "de"), index=idx, dtype=object)
        self.out[fn.SUPPRESSION_RULE] = pd.Series(rule.to_json(), index=idx, dtype=object)
        for f_ in (fn.SUPPRESSION_NOTE, fn.SUPPRESSION_RULE):
            if f_ not in self.existing:
                self.new_text.append(f_)

    def columns(self) -> pd.DataFrame:
        return pd.DataFrame(self.out, index=self.frame.index)


def _present(s: pd.Series) -> np.ndarray:
    """Cells with a value (text: not empty)."""
    present = s.notna().to_numpy()
    if s.dtype == object:
        present &= (s.astype(str).str.strip() != "").to_numpy()
    return present


def _without(s: pd.Series, hit: np.ndarray) -> pd.Series:
    """``s`` with the cells ``hit`` missing (text stays text, numbers become float)."""
    if s.dtype == object:
        arr = s.to_numpy(dtype=object, copy=True)
        arr[hit] = None
        return pd.Series(arr, index=s.index, dtype=object)
    arr = s.to_numpy(dtype="float64", copy=True)
    arr[hit] = np.nan
    return pd.Series(arr, index=s.index)
