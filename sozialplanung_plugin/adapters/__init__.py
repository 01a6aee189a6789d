"""QGIS adapters: layers <-> DataFrames, sinks, styles, layouts."""
