"""Sozialplanung: integrated, strategic social planning for QGIS."""


def classFactory(iface):  # noqa: N802 (QGIS API name)
    from sozialplanung_plugin.plugin import SozialplanungPlugin

    return SozialplanungPlugin(iface)
