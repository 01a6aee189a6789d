"""Facilities and demand points from QGIS layers and tables, for core/supply.

* facilities from a point layer, or from a CSV/XLSX/ODS table with coordinate
  columns (read with core/tables.py, as joinindicators reads its tables: German
  number formats, keys as text), in a CRS the user names, transformed into the
  units' CRS;
* the unit of each point by a spatial index: the first unit (in layer order)
  whose polygon holds the point or has it on its border, so that a point on a
  shared border is counted once;
* each unit's representative point: its centroid, or its point on surface
  where the centroid falls outside it;
* optional population points or polygons (a polygon by its point on surface);
* optional nearest distances along a road network (QGIS network analysis).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsSpatialIndex,
)

from sozialplanung_plugin.adapters.layers import iterate, source_frame
from sozialplanung_plugin.core.errors import CanceledError, UserError
from sozialplanung_plugin.core.tables import read_table


class FacilityInputError(UserError):
    """A facility or population input that cannot be read as asked."""


@dataclass
class Units:
    """The units: keys, names, representative points and a point locator."""

    fids: list
    keys: list
    names: list
    rep_x: np.ndarray
    rep_y: np.ndarray
    geometries: list
    index: QgsSpatialIndex
    engines: dict
    crs: QgsCoordinateReferenceSystem

    def locate(self, x: np.ndarray, y: np.ndarray, feedback=None) -> np.ndarray:
        """Position of the unit that holds each point (-1: none). A point on the border of several
        units goes to the first of them in layer order (counted once)."""
        out = np.full(len(x), -1, dtype=np.int64)
        for k in range(len(x)):
            if feedback is not None and k % 2000 == 0 and feedback.isCanceled():
                raise CanceledError()
            if not (np.isfinite(x[k]) and np.isfinite(y[k])):
                continue
            p = QgsPointXY(float(x[k]), float(y[k]))
            cands = sorted(self.index.intersects(_rect(p)))
            if not cands:
                continue
            g = QgsGeometry.fromPointXY(p)
            for c in cands:
                if self._engine(c).intersects(g.constGet()):
                    out[k] = c
                    break
        return out

    def _engine(self, pos: int):
        e = self.engines.get(pos)
        if e is None:
            e = QgsGeometry.createGeometryEngine(self.geometries[pos].constGet())
            e.prepareGeometry()
            self.engines[pos] = e
        return e


def _rect(p: QgsPointXY):
    from qgis.core import QgsRectangle

    return QgsRectangle(p.x(), p.y(), p.x(), p.y())


def read_units(source, key_field: str | None, name_field: str | None, feedback=None) -> Units:
    """Keys, names, geometries and representative points of the units (the spatial index
    uses the position in layer order as id)."""
    fields = source.fields()
    ki = fields.lookupField(key_field) if key_field else -1
    ni = fields.lookupField(name_field) if name_field else -1
    fids, keys, names, geoms = [], [], [], []
    rx, ry = [], []
    index = QgsSpatialIndex()
    for pos, f in enumerate(iterate(source)):
        if feedback is not None and pos % 2000 == 0 and feedback.isCanceled():
            raise CanceledError()
        fids.append(f.id())
        keys.append(_plain(f.attribute(ki)) if ki >= 0 else f.id())
        names.append(_plain(f.attribute(ni)) if ni >= 0 else None)
        g = f.geometry()
        geoms.append(g)
        if g is None or g.isNull() or g.isEmpty():
            rx.append(np.nan)
            ry.append(np.nan)
            continue
        index.addFeature(pos, g.boundingBox())
        c = g.centroid()
        if c.isNull() or not g.intersects(c):
            c = g.pointOnSurface()
        pt = c.asPoint()
        rx.append(pt.x())
        ry.append(pt.y())
    rep_x, rep_y = np.array(rx, "float64"), np.array(ry, "float64")
    return Units(fids, keys, names, rep_x, rep_y, geoms, index, {}, source.sourceCrs())


def _plain(v):
    if v is None:
        return None
    if hasattr(v, "isNull") and v.isNull():
        return None
    s = str(v)
    return None if s == "NULL" else v


def _transform(crs_from, crs_to, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, list]:
    """Coordinates from one CRS into another; points that cannot be transformed become NaN
    with a note."""
    notes = [None] * len(x)
    if not crs_from.isValid() or not crs_to.isValid() or crs_from == crs_to:
        return x, y, notes
    tr = QgsCoordinateTransform(crs_from, crs_to, QgsProject.instance())
    ox, oy = np.full(len(x), np.nan), np.full(len(y), np.nan)
    for k in range(len(x)):
        if not (np.isfinite(x[k]) and np.isfinite(y[k])):
            continue
        try:
            p = tr.transform(QgsPointXY(float(x[k]), float(y[k])))
        except Exception:  # QgsCsException: outside the CRS's area
            notes[k] = "cannot be transformed into the units' CRS"
            continue
        ox[k], oy[k] = p.x(), p.y()
    return ox, oy, notes


def _column(df: pd.DataFrame, name: str | None, what: str, where: str):
    if not name:
        return None
    if name not in df.columns:
        raise FacilityInputError(
            f"{what}: field {name!r} is not in {where} (fields: {', '.join(str(c) for c in df.columns)})"
        )
    return df[name]


def facilities_from_layer(source, units: Units, id_field, category_field, capacity_field, year_field, feedback=None):
    """The facility frame (see core/supply/facilities.py) of a point layer."""
    names = [n for n in dict.fromkeys([id_field, category_field, capacity_field, year_field]) if n]
    for n in names:
        if source.fields().lookupField(n) < 0:
            raise FacilityInputError(
                f"field {n!r} is not in the facilities layer (fields: {', '.join(source.fields().names())})"
            )
    attrs = source_frame(source, names, feedback)
    xs, ys, notes = [], [], []
    req = QgsFeatureRequest().setNoAttributes()
    for f in iterate(source, req):
        g = f.geometry()
        if g is None or g.isNull() or g.isEmpty():
            xs.append(np.nan)
            ys.append(np.nan)
            notes.append("no geometry")
            continue
        if g.isMultipart():
            pts = g.asMultiPoint() if g.type() == 0 else []
            p = pts[0] if pts else g.centroid().asPoint()
            notes.append("multipoint: first point used" if len(pts) > 1 else None)
        else:
            p = g.asPoint() if g.type() == 0 else g.centroid().asPoint()
            notes.append(None)
        xs.append(p.x())
        ys.append(p.y())
    x, y = np.array(xs, "float64"), np.array(ys, "float64")
    tx, ty, tnotes = _transform(source.sourceCrs(), units.crs, x, y)
    frame = pd.DataFrame(index=attrs.index)
    frame["id"] = attrs[id_field].map(_id_text) if id_field else [str(i) for i in attrs.index]
    frame["category"] = attrs[category_field] if category_field else None
    cap = attrs[capacity_field] if capacity_field else np.nan
    frame["capacity"] = cap
    frame["capacity_sign"] = None
    frame["year"] = attrs[year_field] if year_field else np.nan
    frame["x"], frame["y"] = tx, ty
    frame["where"] = [f"feature {fid}" for fid in attrs.index]
    frame["xy_note"] = [a or b for a, b in zip(notes, tnotes)]
    frame["unit"] = units.locate(tx, ty, feedback)
    return frame.reset_index(drop=True)


def _id_text(v):
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def facilities_from_table(
    path,
    units: Units,
    crs,
    x_field,
    y_field,
    id_field,
    category_field,
    capacity_field,
    year_field,
    sheet=None,
    feedback=None,
):
    """The facility frame of a CSV/XLSX/ODS table with coordinate columns in ``crs``."""
    if not x_field or not y_field:
        raise FacilityInputError("A facility table needs X_FIELD and Y_FIELD (the columns of the coordinates).")
    table = read_table(path, key=id_field or None, sheet=sheet)
    df = table.data
    where = f"{path}"
    xcol = _column(df, x_field, "X_FIELD", where)
    ycol = _column(df, y_field, "Y_FIELD", where)
    for what, name in (("CATEGORY_FIELD", category_field), ("CAPACITY_FIELD", capacity_field)):
        _column(df, name, what, where)
    _column(df, year_field, "YEAR_FIELD", where)
    x = pd.to_numeric(xcol, errors="coerce").to_numpy(dtype="float64")
    y = pd.to_numeric(ycol, errors="coerce").to_numpy(dtype="float64")
    notes = []
    for k, ix in enumerate(df.index):
        n = []
        for col, name in ((x_field, "x"), (y_field, "y")):
            s = table.signs.get(col)
            if s is not None and s.get(ix) is not None and not np.isfinite((x if name == "x" else y)[k]):
                n.append(f"{name}: {s.get(ix)}")
        notes.append(", ".join(n) or None)
    src_crs = crs if crs is not None and crs.isValid() else units.crs
    tx, ty, tnotes = _transform(src_crs, units.crs, x, y)
    frame = pd.DataFrame(index=df.index)
    frame["id"] = df[id_field].map(_id_text) if id_field else [table.where(ix) for ix in df.index]
    frame["category"] = df[category_field] if category_field else None
    if capacity_field:
        frame["capacity"] = pd.to_numeric(df[capacity_field], errors="coerce")
        sg = table.signs.get(capacity_field)
        frame["capacity_sign"] = sg.reindex(df.index) if sg is not None else None
    else:
        frame["capacity"] = np.nan
        frame["capacity_sign"] = None
    frame["year"] = pd.to_numeric(df[year_field], errors="coerce") if year_field else np.nan
    frame["x"], frame["y"] = tx, ty
    frame["where"] = [table.where(ix) for ix in df.index]
    frame["xy_note"] = [a or b for a, b in zip(notes, tnotes)]
    frame["unit"] = units.locate(tx, ty, feedback)
    extra = []
    if table.totals is not None and len(table.totals):
        for ix in table.totals.index:
            extra.append({"where": table.where(ix), "reason": "total row"})
    return frame.reset_index(drop=True), table.notes, extra


def population_points(source, field: str, units: Units, feedback=None) -> dict:
    """Demand points of a population layer: points as they are, polygons by their point on surface;
    weight = the population field (missing or <= 0: not used)."""
    if source.fields().lookupField(field) < 0:
        raise FacilityInputError(
            f"POPULATION_FIELD {field!r} is not in the population layer (fields: {', '.join(source.fields().names())})"
        )
    w = source_frame(source, [field], feedback)[field].to_numpy(dtype="float64")
    xs, ys = [], []
    for f in iterate(source, QgsFeatureRequest().setNoAttributes()):
        g = f.geometry()
        if g is None or g.isNull() or g.isEmpty():
            xs.append(np.nan)
            ys.append(np.nan)
            continue
        if g.type() == 0 and not g.isMultipart():
            p = g.asPoint()
        else:
            p = g.pointOnSurface().asPoint()
        xs.append(p.x())
        ys.append(p.y())
    x, y, _ = _transform(source.sourceCrs(), units.crs, np.array(xs, "float64"), np.array(ys, "float64"))
    unit = units.locate(x, y, feedback)
    return {"unit": unit, "x": x, "y": y, "weight": w}


def network_distances(source, crs, tolerance: float = 0.0, feedback=None):
    """A function (category, px, py, fx, fy, within) -> (nearest, pairs) along the line layer
    ``source`` (metres of the units' CRS), through QGIS's network analysis: each demand point
    and facility is tied to the nearest point of the network (plus the straight distance to
    it). ``nearest``: per demand point the distance to the nearest facility (inf where the
    network connects it to none); ``pairs``: chunks (i, j, d) of every demand point i and
    facility j with d <= ``within`` (None without ``within``), for the catchments."""
    from qgis.analysis import QgsGraphAnalyzer, QgsGraphBuilder, QgsNetworkDistanceStrategy, QgsVectorLayerDirector
    from qgis.core import QgsVectorLayer

    from sozialplanung_plugin import compat

    layer = source
    if not isinstance(layer, QgsVectorLayer):
        layer = source.materialize(QgsFeatureRequest()) if hasattr(source, "materialize") else None
    if layer is None:
        raise FacilityInputError("NETWORK: the line layer could not be read")

    def run(category, px, py, fx, fy, within=None):
        n, m = len(px), len(fx)
        out = np.full(n, np.inf)
        pairs = [] if within is not None else None
        if not m:
            return out, pairs
        director = QgsVectorLayerDirector(layer, -1, "", "", "", compat.network_both_directions())
        director.addStrategy(QgsNetworkDistanceStrategy())
        builder = QgsGraphBuilder(crs, True, tolerance, "NONE")  # planar metres, as the straight lines
        pts = [QgsPointXY(float(a), float(b)) for a, b in zip(np.concatenate([fx, px]), np.concatenate([fy, py]))]
        tied = director.makeGraph(builder, pts)
        graph = builder.graph()
        fv = [graph.findVertex(tied[k]) for k in range(m)]
        pv = np.array([graph.findVertex(tied[m + k]) for k in range(n)], dtype=np.int64)
        f_off = np.array([pts[k].distance(tied[k]) for k in range(m)])
        p_off = np.array([pts[m + k].distance(tied[m + k]) for k in range(n)])
        untied = pv < 0
        pv_safe = np.where(untied, 0, pv)
        # one Dijkstra per facility over the whole graph, keeping the demand points' costs:
        # fine for hundreds of facilities, minutes for thousands on a city's full road graph
        for j, v in enumerate(fv):
            if feedback is not None and feedback.isCanceled():
                raise CanceledError()
            if v < 0:
                continue
            _tree, cost = QgsGraphAnalyzer.dijkstra(graph, v, 0)
            cost = np.asarray(cost, dtype="float64")
            c = cost[pv_safe]
            c[(c < 0) | untied] = np.inf
            c = c + f_off[j] + p_off
            np.minimum(out, c, out=out)
            if pairs is not None:
                i = np.flatnonzero(c <= within)
                if len(i):
                    pairs.append((i, np.full(len(i), j, dtype=np.int64), c[i]))
        return out, pairs

    return run


#: fields of the facility points written beside the units (for maps and print)
POINT_FIELDS = (
    ("fac_id", "text"),
    ("category", "text"),
    ("capacity", "number"),
    ("unit_key", "text"),
    ("fac_note", "text"),
)


def point_fields():
    from qgis.core import QgsFields

    from sozialplanung_plugin import compat
    from sozialplanung_plugin.adapters.layers import KIND_TO_TYPE

    out = QgsFields()
    for name, kind in POINT_FIELDS:
        out.append(compat.new_field(name, KIND_TO_TYPE[kind]))
    return out


def write_points(sink, usable: pd.DataFrame, units: Units, notes: dict, fields, feedback=None) -> int:
    """The usable facilities as points in the units' CRS: id, category, capacity, the key of
    their unit (empty outside every unit) and what the check noted (German)."""
    from qgis.core import QgsFeature, QgsFeatureSink

    batch = []
    for k, r in enumerate(usable.itertuples(index=False)):
        if feedback is not None and k % 2000 == 0 and feedback.isCanceled():
            raise CanceledError()
        f = QgsFeature(fields)
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(r.x), float(r.y))))
        cap = None if r.capacity is None or not np.isfinite(r.capacity) else float(r.capacity)
        key = units.keys[r.unit] if r.unit >= 0 else None
        f.setAttributes([r.id, r.category, cap, None if key is None else str(key), notes.get(k)])
        batch.append(f)
    sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert)
    return len(batch)
