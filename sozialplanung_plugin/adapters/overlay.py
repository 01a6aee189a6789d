"""Geometry for moving counts between unit systems: the overlap table of two
polygon layers (areas and weights of every intersection), the assignment of
fine units to coarse ones by containment, and the straddling check. The
arithmetic is ``core/areal.py``.

Speed: the pairs whose bounding boxes meet are found at once with numpy
(boxes binned into a grid, joined by cell), so no per-feature index calls;
each target geometry is prepared once (GEOS prepared geometry, only when a
pair needs GEOS); a source whose box lies inside the target's box and that
the target contains needs no intersection (its own area), nor does a target
inside a source; identical polygons are recognised vertex by vertex;
rectangles (grid cells) are clipped without GEOS."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from qgis.core import QgsFeatureRequest, QgsGeometry, QgsRectangle, QgsWkbTypes

from sozialplanung_plugin import compat
from sozialplanung_plugin.adapters.layers import iterate
from sozialplanung_plugin.core import areal as ca
from sozialplanung_plugin.core.errors import CanceledError, UserError

_RECT_TOL = 1e-9
#: a box covering more grid cells than this is compared with every box of the other layer
_MAX_CELLS = 64


@dataclass
class Shapes:
    """Geometries with their boxes (n × 4: xmin, ymin, xmax, ymax), areas and
    whether each is an axis-parallel rectangle."""

    geoms: list = field(default_factory=list)
    box: np.ndarray | None = None
    areas: np.ndarray | None = None
    rect: np.ndarray | None = None
    _engines: dict = field(default_factory=dict)
    boxes: list = field(default_factory=list)  # the boxes as tuples (fast in Python)
    area_list: list = field(default_factory=list)
    rect_list: list = field(default_factory=list)

    def __len__(self):
        return len(self.geoms)

    def engine(self, i: int):
        eng = self._engines.get(i)
        if eng is None:
            eng = QgsGeometry.createGeometryEngine(self.geoms[i].constGet())
            eng.prepareGeometry()
            self._engines[i] = eng
        return eng

    def forget(self, i: int) -> None:
        self._engines.pop(i, None)

    def rectangle(self, i: int) -> QgsRectangle:
        return QgsRectangle(*self.boxes[i])

    def set_measures(self, boxes: list, areas: list, rects: list) -> None:
        self.boxes, self.area_list, self.rect_list = boxes, areas, rects
        self.box = np.array(boxes, dtype="float64").reshape(len(boxes), 4)
        self.areas = np.array(areas, dtype="float64")
        self.rect = np.array(rects, dtype=bool)


_NO_BOX = (float("nan"),) * 4


def measure(g, polygons: bool = True) -> tuple[tuple, float, bool]:
    """Box (xmin, ymin, xmax, ymax), area and whether ``g`` is an axis-parallel rectangle."""
    if g is None or g.isNull() or g.isEmpty():
        return _NO_BOX, 0.0, False
    bb = g.boundingBox()
    box = (bb.xMinimum(), bb.yMinimum(), bb.xMaximum(), bb.yMaximum())
    if not polygons:
        return box, 0.0, False
    a = g.area()
    ba = (box[2] - box[0]) * (box[3] - box[1])
    return box, a, ba > 0 and abs(a - ba) <= _RECT_TOL * ba


def shapes_of(geoms: list, polygons: bool = True) -> Shapes:
    s = Shapes(list(geoms))
    m = [measure(g, polygons) for g in geoms]
    s.set_measures([x[0] for x in m], [x[1] for x in m], [x[2] for x in m])
    return s


@dataclass
class Units(Shapes):
    """The polygons of one layer, in the order read, with keys and feature ids."""

    name: str = ""
    keys: list = field(default_factory=list)
    fids: list = field(default_factory=list)
    values: dict = field(default_factory=dict)  # extra fields read with the geometry
    repaired: list = field(default_factory=list)
    empty: list = field(default_factory=list)
    points: bool = False


def _feedback_check(feedback, k, total, every=500):
    if feedback is not None and k % every == 0:
        if feedback.isCanceled():
            raise CanceledError()
        feedback.setProgress(100.0 * k / max(total, 1))


def _null(v):
    return v is None or (hasattr(v, "isNull") and v.isNull())


def read_units(
    source,
    key_field: str | None,
    name: str,
    transform=None,
    extra_fields=(),
    feedback=None,
    polygons: bool = True,
) -> Units:
    """Read the geometries (and the key) of a feature source. Invalid
    polygons are repaired (listed in ``repaired``), features without geometry
    are kept without area (``empty``). ``key_field`` None: the feature id.
    ``transform``: a QgsCoordinateTransform into the working CRS."""
    fields = source.fields()
    extra_fields = list(dict.fromkeys(f for f in extra_fields if f))
    wanted = ([key_field] if key_field else []) + extra_fields
    idx = []
    for f in wanted:
        i = fields.lookupField(f)
        if i < 0:
            raise UserError(f"{name}: field {f!r} not found (fields: {', '.join(fields.names())})")
        idx.append(i)
    if polygons and QgsWkbTypes.geometryType(source.wkbType()) != compat.GEOMETRY_POLYGON:
        kind = QgsWkbTypes.displayString(source.wkbType())
        raise UserError(f"{name}: the layer must hold polygons (areas), not {kind}")
    request = QgsFeatureRequest().setSubsetOfAttributes(idx)
    u = Units(name=name)
    total = source.featureCount()
    extra = [f for f in extra_fields if f]
    extra_idx = idx[1:] if key_field else idx
    extra_vals = {f: [] for f in extra}
    boxes, areas, rects = [], [], []
    for k, f in enumerate(iterate(source, request)):
        _feedback_check(feedback, k, total, 5000)
        attrs = f.attributes()
        key = attrs[idx[0]] if key_field else f.id()
        key = None if _null(key) else key
        g = f.geometry()
        if transform is not None and not g.isNull():
            g = QgsGeometry(g)
            g.transform(transform)
        box, area, is_rect = measure(g, polygons)
        if g.isNull() or g.isEmpty():
            u.empty.append(key)
        elif polygons and not is_rect and not g.isGeosValid():
            fixed = g.makeValid()
            if fixed.type() != compat.GEOMETRY_POLYGON:  # a collection: keep its polygons
                parts = [p for p in fixed.asGeometryCollection() if p.type() == compat.GEOMETRY_POLYGON]
                fixed = QgsGeometry.collectGeometry(parts) if parts else QgsGeometry()
            u.repaired.append(key)
            g = fixed
            box, area, is_rect = measure(g, polygons)
        u.keys.append(key)
        u.fids.append(f.id())
        u.geoms.append(g)
        boxes.append(box)
        areas.append(area)
        rects.append(is_rect)
        for f_name, j in zip(extra, extra_idx):
            v = attrs[j]
            extra_vals[f_name].append(None if _null(v) else v)
    u.set_measures(boxes, areas, rects)
    u.values = extra_vals
    return u


def bbox_pairs(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All (i, j) with box a[i] meeting box b[j] (boxes n × 4; NaN rows never
    meet), sorted by j then i: the boxes are binned into a grid of cells about
    twice the typical box size and joined on their cells."""
    ok_a = ~np.isnan(a).any(axis=1)
    ok_b = ~np.isnan(b).any(axis=1)
    ia_all, ib_all = np.flatnonzero(ok_a), np.flatnonzero(ok_b)
    if not len(ia_all) or not len(ib_all):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    A, B = a[ia_all], b[ib_all]
    sizes = np.concatenate([A[:, 2] - A[:, 0], A[:, 3] - A[:, 1], B[:, 2] - B[:, 0], B[:, 3] - B[:, 1]])
    sizes = sizes[sizes > 0]  # points have no size
    cell = float(np.median(sizes)) * 2.0 if len(sizes) else 0.0
    x0 = min(A[:, 0].min(), B[:, 0].min())
    y0 = min(A[:, 1].min(), B[:, 1].min())
    if not cell > 0:
        cell = max(A[:, 2].max() - x0, A[:, 3].max() - y0, B[:, 2].max() - x0, B[:, 3].max() - y0, 1.0)

    def cells(boxes):
        cx0 = np.floor((boxes[:, 0] - x0) / cell).astype(np.int64)
        cy0 = np.floor((boxes[:, 1] - y0) / cell).astype(np.int64)
        cx1 = np.floor((boxes[:, 2] - x0) / cell).astype(np.int64)
        cy1 = np.floor((boxes[:, 3] - y0) / cell).astype(np.int64)
        return cx0, cy0, cx1, cy1

    def expand(boxes):
        cx0, cy0, cx1, cy1 = cells(boxes)
        nx, ny = cx1 - cx0 + 1, cy1 - cy0 + 1
        n = nx * ny
        small = n <= _MAX_CELLS
        idx = np.flatnonzero(small)
        reps = n[idx]
        owner = np.repeat(idx, reps)
        start = np.cumsum(reps) - reps
        k = np.arange(reps.sum()) - np.repeat(start, reps)
        nxr = np.repeat(nx[idx], reps)
        ix = np.repeat(cx0[idx], reps) + k % nxr
        iy = np.repeat(cy0[idx], reps) + k // nxr
        key = ix * 4_000_037 + iy  # cells per axis stay far below this
        return owner, key, np.flatnonzero(~small)

    oa, ka, big_a = expand(A)
    ob, kb, big_b = expand(B)
    order = np.argsort(kb, kind="stable")
    kb_sorted, ob_sorted = kb[order], ob[order]
    lo = np.searchsorted(kb_sorted, ka, side="left")
    hi = np.searchsorted(kb_sorted, ka, side="right")
    cnt = hi - lo
    pa = np.repeat(oa, cnt)
    start = np.cumsum(cnt) - cnt
    pos = np.arange(cnt.sum()) - np.repeat(start, cnt) + np.repeat(lo, cnt)
    pb = ob_sorted[pos]
    extra_a, extra_b = [pa], [pb]
    for i in big_a:  # large boxes: against every box of the other layer
        extra_a.append(np.full(len(B), i))
        extra_b.append(np.arange(len(B)))
    for j in big_b:
        extra_a.append(np.arange(len(A)))
        extra_b.append(np.full(len(A), j))
    pa, pb = np.concatenate(extra_a), np.concatenate(extra_b)
    meet = (A[pa, 0] <= B[pb, 2]) & (A[pa, 2] >= B[pb, 0]) & (A[pa, 1] <= B[pb, 3]) & (A[pa, 3] >= B[pb, 1])
    pa, pb = pa[meet], pb[meet]
    code = np.unique(pb.astype(np.int64) * len(A) + pa)
    return ia_all[code % len(A)], ib_all[code // len(A)]


def _within(inner, outer) -> bool:
    return inner[0] >= outer[0] and inner[2] <= outer[2] and inner[1] >= outer[1] and inner[3] <= outer[3]


def piece(a: Shapes, i: int, b: Shapes, j: int, want_geometry: bool = False):
    """Area of a[i] ∩ b[j] (and the intersection when ``want_geometry``);
    ``b``'s geometry is the one prepared (call it for the pairs of one j in a row)."""
    ab, bb = a.boxes[i], b.boxes[j]
    ar, br = a.rect_list[i], b.rect_list[j]
    if ar and br:  # two rectangles: the overlap of their boxes
        w = min(ab[2], bb[2]) - max(ab[0], bb[0])
        h = min(ab[3], bb[3]) - max(ab[1], bb[1])
        if w <= 0 or h <= 0:
            return 0.0, None
        if not want_geometry:
            return w * h, None
    ag, bg = a.geoms[i], b.geoms[j]
    aa, ba = a.area_list[i], b.area_list[j]
    if ab == bb and abs(aa - ba) <= _RECT_TOL * ba and (ar and br or ag.equals(bg)):
        return aa, ag  # the same polygon (vertex by vertex): no GEOS needed
    if _within(ab, bb) and (br or b.engine(j).contains(ag.constGet())):
        return aa, ag  # a[i] lies inside b[j]
    if _within(bb, ab) and (ar or ag.contains(bg)):
        return ba, bg  # b[j] lies inside a[i]
    if br:
        p = ag.clipped(b.rectangle(j))
    elif ar:
        p = bg.clipped(a.rectangle(i))
    else:
        eng = b.engine(j)
        if not eng.intersects(ag.constGet()):
            return 0.0, None
        inter = eng.intersection(ag.constGet())
        p = QgsGeometry(inter) if inter is not None else bg.intersection(ag)  # GEOS failed: the robust way
    if p is None or p.isNull() or p.isEmpty():
        return 0.0, None
    return p.area(), (p if want_geometry else None)


def overlap_table(sources: Units, targets: Units, weights: Units | None = None, feedback=None) -> ca.Overlaps:
    """The overlap table of two polygon layers (and the weights inside each
    intersection when ``weights`` holds a weight layer: ``values['weight']``)."""
    ia, jb = bbox_pairs(sources.box, targets.box)
    want = weights is not None
    src, tgt, area, geoms = [], [], [], []
    n = len(ia)
    last = -1
    for k, (i, j) in enumerate(zip(ia.tolist(), jb.tolist())):
        _feedback_check(feedback, k, n, 5000)
        if j != last:
            targets.forget(last)  # one prepared geometry at a time
            last = j
        a, p = piece(sources, i, targets, j, want)
        if a > 0:
            src.append(i)
            tgt.append(j)
            area.append(a)
            if want:
                geoms.append(p)
    targets.forget(last)
    ov = ca.Overlaps(
        source=np.asarray(src, dtype=np.int64),
        target=np.asarray(tgt, dtype=np.int64),
        area=np.asarray(area, dtype="float64"),
        weight=None,
        source_area=sources.areas,
        source_weight=None,
        target_area=targets.areas,
        target_weight=None,
    )
    if want:
        ov.weight = weights_in(weights, shapes_of(geoms))
        ov.source_weight = weights_in(weights, sources)
        ov.target_weight = weights_in(weights, targets)
    return ov


def weights_in(weights: Units, shapes: Shapes) -> np.ndarray:
    """The weight inside each of ``shapes``: points count fully where they
    lie (inside or on the border), polygons in proportion to the share of
    their area inside."""
    w = np.asarray(weights.values["weight"], dtype="float64")
    out = np.zeros(len(shapes))
    ia, jb = bbox_pairs(weights.box, shapes.box)
    last = -1
    for i, j in zip(ia.tolist(), jb.tolist()):
        if not w[i]:
            continue
        if j != last:
            shapes.forget(last)
            last = j
        if weights.points:
            if shapes.rect[j] or shapes.engine(j).intersects(weights.geoms[i].constGet()):
                out[j] += w[i]
        elif weights.areas[i] > 0:
            a, _ = piece(weights, i, shapes, j)
            out[j] += w[i] * a / weights.areas[i]
    shapes.forget(last)
    return out


def read_weights(source, weight_field: str, transform=None, feedback=None) -> Units:
    """A weight layer (points or polygons, e.g. buildings, blocks, grid cells) with its weight field."""
    kind = QgsWkbTypes.geometryType(source.wkbType())
    if kind not in (compat.GEOMETRY_POLYGON, compat.GEOMETRY_POINT):
        raise UserError("WEIGHTS: the weight layer must hold points or polygons")
    polygons = kind == compat.GEOMETRY_POLYGON
    u = read_units(source, None, "WEIGHTS", transform, [weight_field], feedback, polygons=polygons)
    vals = []
    for k, v in zip(u.fids, u.values[weight_field]):
        try:
            x = float(v) if v is not None else 0.0
        except (TypeError, ValueError):
            raise UserError(f"WEIGHTS: field {weight_field!r} of feature {k} holds {v!r}, not a number") from None
        if x < 0 or x != x:
            raise UserError(f"WEIGHTS: field {weight_field!r} of feature {k} is {x:g}; weights must be >= 0")
        vals.append(x)
    u.values = {"weight": vals}
    u.points = not polygons
    return u


def assign_by_containment(fine: Units, targets: Units, feedback=None) -> np.ndarray:
    """Position of the target containing each fine unit's point on surface (-1: none;
    on a shared border the first target in layer order)."""
    out = np.full(len(fine), -1, dtype=np.int64)
    points = []
    for g in fine.geoms:
        points.append(None if g is None or g.isNull() or g.isEmpty() else g.pointOnSurface())
    pts = shapes_of(points, polygons=False)
    ia, jb = bbox_pairs(pts.box, targets.box)
    order = np.lexsort((jb, ia))  # by fine unit, then target in layer order
    for k, idx in enumerate(order.tolist()):
        _feedback_check(feedback, k, len(order), 5000)
        i, j = int(ia[idx]), int(jb[idx])
        if out[i] >= 0:
            continue
        if targets.rect[j] or targets.engine(j).intersects(points[i].constGet()):
            out[i] = j
    targets._engines.clear()
    return out


def inside_areas(fine: Units, targets: Units, assigned: np.ndarray, feedback=None) -> np.ndarray:
    """Area of each fine unit inside its assigned target (0 where unassigned)."""
    out = np.zeros(len(fine))
    order = np.argsort(assigned, kind="stable")
    last = -1
    for k, i in enumerate(order.tolist()):
        _feedback_check(feedback, k, len(order), 2000)
        j = int(assigned[i])
        if j < 0 or fine.areas[i] <= 0 or targets.areas[j] <= 0:
            continue
        if j != last:
            targets.forget(last)
            last = j
        out[i], _ = piece(fine, i, targets, j)
    targets.forget(last)
    return out


def values_frame(source, units: Units, columns: list[str]):
    """The ``columns`` read with the geometry (``read_units(extra_fields=...)``) as a
    DataFrame indexed by feature id, as ``layers.source_frame`` makes it: numeric
    fields float64 (NULL -> NaN), others object (NULL -> None)."""
    import pandas as pd

    fields = source.fields()
    data = {}
    for c in columns:
        col = units.values[c]
        if compat.is_numeric_field(fields.at(fields.lookupField(c))):
            data[c] = np.array([v if type(v) in (int, float) else np.nan for v in col], dtype="float64")
        else:
            data[c] = np.array(col, dtype=object)
    return pd.DataFrame(data, index=pd.Index(units.fids, name="fid"), columns=columns)
