"""The plugin as QGIS loads it: metadata, provider, panel."""

import configparser
import os

from conftest import PLUGIN_DIR, ROOT, register_provider

REQUIRED = [
    "name",
    "description",
    "about",
    "version",
    "qgisMinimumVersion",
    "author",
    "email",
    "tracker",
    "repository",
    "tags",
    "category",
    "icon",
    "hasProcessingProvider",
    "changelog",
]


def metadata():
    path = os.path.join(PLUGIN_DIR, "metadata.txt")
    if not os.path.exists(path):
        path = os.path.join(ROOT, "metadata.txt")
    cp = configparser.ConfigParser()
    cp.read(path, encoding="utf-8")
    return cp["general"], os.path.dirname(path)


def test_metadata_complete_for_the_plugin_repository():
    meta, folder = metadata()
    for key in REQUIRED:
        assert meta.get(key, "").strip(), key
    assert meta["qgisMinimumVersion"] == "3.22"
    assert meta["hasProcessingProvider"] == "yes"
    assert os.path.exists(os.path.join(PLUGIN_DIR, meta["icon"])) or os.path.exists(
        os.path.join(ROOT, "resources", meta["icon"])
    )


def test_plugin_loads_with_iface_and_registers_provider(qgis_app, qgis_iface, qgis_processing):
    from qgis.core import QgsApplication

    import sozialplanung_plugin

    registry = QgsApplication.processingRegistry()
    before = registry.providerById("sozialplanung")
    if before is not None:  # registered by another test: the plugin must register its own
        registry.removeProvider(before)
    plugin = sozialplanung_plugin.classFactory(qgis_iface)
    plugin.initGui()
    try:
        provider = QgsApplication.processingRegistry().providerById("sozialplanung")
        assert provider is not None and provider.name() == "Sozialplanung"
        ids = {a.id() for a in provider.algorithms()}
        assert "sozialplanung:joinindicators" in ids
        for alg in provider.algorithms():
            assert alg.name() == alg.name().lower()
            assert alg.shortHelpString().strip(), alg.id()
            for p in alg.parameterDefinitions():
                assert p.name() == p.name().upper(), (alg.id(), p.name())
                assert p.help().strip(), (alg.id(), p.name())
        plugin.toggle_panel(True)
        assert plugin.panel is not None
        assert plugin.panel.buttons["sozialplanung:joinindicators"].isEnabled()
        assert plugin.panel.parameters_for("sozialplanung:computeindicators")["CATALOGUE"].endswith(
            "katalog_berlin.csv"
        )
        assert plugin.provider is not None  # the plugin owns what it registered
    finally:
        plugin.unload()
    assert registry.providerById("sozialplanung") is None
    if before is not None:
        register_provider()  # for the tests that follow


def test_enum_parameters_use_static_strings(provider):
    from qgis.core import QgsProcessingParameterEnum

    for alg in register_provider().algorithms():
        for p in alg.parameterDefinitions():
            if isinstance(p, QgsProcessingParameterEnum):
                assert p.usesStaticStrings(), (alg.id(), p.name())
