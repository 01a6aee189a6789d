"""Synthetic units for the benchmarks: a square grid of 100 m cells, one per
row of a DataFrame, written to a GeoPackage layer with the frame's columns
(text columns as strings, the others as doubles)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def write_square_units(df: pd.DataFrame, path: str, layer_name: str) -> None:
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransformContext,
        QgsFeature,
        QgsFeatureSink,
        QgsField,
        QgsFields,
        QgsGeometry,
        QgsVectorFileWriter,
        QgsWkbTypes,
    )
    from qgis.PyQt.QtCore import QVariant

    fields = QgsFields()
    for c in df.columns:
        fields.append(QgsField(c, QVariant.String if df[c].dtype == object else QVariant.Double))
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "GPKG"
    opts.layerName = layer_name
    w = QgsVectorFileWriter.create(
        path,
        fields,
        QgsWkbTypes.Polygon,
        QgsCoordinateReferenceSystem("EPSG:25832"),
        QgsCoordinateTransformContext(),
        opts,
    )
    side = int(np.ceil(np.sqrt(len(df))))
    rows = df.astype(object).where(df.notna(), None).to_numpy().tolist()
    batch = []
    for i, r in enumerate(rows):
        x, y = 300000 + (i % side) * 100, 5600000 + (i // side) * 100
        f = QgsFeature(fields)
        ring = f"{x} {y},{x + 100} {y},{x + 100} {y + 100},{x} {y + 100},{x} {y}"
        f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({ring}))"))
        f.setAttributes(r)
        batch.append(f)
    w.addFeatures(batch, QgsFeatureSink.FastInsert)
    del w
