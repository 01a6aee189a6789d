"""The methods of the plugin on pandas and numpy only: no QGIS, no Qt.

Everything here can be imported, tested and read without QGIS. The QGIS
adapters (``sozialplanung_plugin.adapters``) turn layers into DataFrames and
back; the Processing algorithms only read parameters, call the core and
write sinks.
"""
