"""No DeprecationWarning or FutureWarning from the plugin's own code, on any
QGIS/pandas version the plugin runs on (3.22 to 3.44; pandas 1.5 to 2.3): a
deprecated call of ours is an API that QGIS 4 or pandas 3 removes.

Warnings are attributed by the file they are raised for: sip (QGIS's deprecated
methods), pandas and numpy name the caller's frame, i.e. our module. Warnings of
QGIS's or pandas' own code are not ours and are left to them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings

from conftest import PLUGIN_DIR, register_provider

from sozialplanung_plugin import example

WATCHED = (DeprecationWarning, FutureWarning)
MONITORING_CATALOGUE = (
    "id;Bezeichnung;Zähler;Nenner;Faktor;Polarität;Kern;Nachkommastellen\n"
    "u6;Kinder unter 6;inhabitants_age_below_6;inhabitants;100;+;ja;1\n"
    "ue65;65 und älter;inhabitants_age_above_65;inhabitants;100;-;ja;1\n"
)
_PACKAGE = os.path.realpath(PLUGIN_DIR) + os.sep


def ours(caught) -> list[str]:
    """The watched warnings raised for a file of the plugin package, as text."""
    out = []
    for w in caught:
        if issubclass(w.category, WATCHED) and os.path.realpath(w.filename).startswith(_PACKAGE):
            rel = os.path.relpath(os.path.realpath(w.filename), os.path.dirname(_PACKAGE.rstrip(os.sep)))
            out.append(f"{rel}:{w.lineno}: {w.category.__name__}: {w.message}")
    return sorted(set(out))


def plugin_and_pipeline(iface, folder: str) -> tuple[list[str], list[str]]:
    """Load the plugin (provider, toolbar action, panel) and run the main job on the
    bundled Berlin example: joinindicators, suppress, computeindicators,
    classifyburden, compositeindex, and monitoring on the joined years. Returns (our warnings, the steps run); QGIS
    objects stay in here, so that a failing test does not keep them alive."""
    import processing
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback, QgsProject

    import sozialplanung_plugin

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = QgsProcessingFeedback()

    def run(alg: str, params: dict) -> dict:
        return processing.run(alg, params, context=context, feedback=feedback)

    registry = QgsApplication.processingRegistry()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        before = registry.providerById("sozialplanung")
        if before is not None:  # registered by another test: the plugin registers (and loads) its own
            registry.removeProvider(before)
        plugin = sozialplanung_plugin.classFactory(iface)
        plugin.initGui()
        try:
            assert registry.providerById("sozialplanung") is not None
            plugin.toggle_panel(True)
            plugin.panel.parameters_for("sozialplanung:computeindicators")
        finally:
            plugin.unload()
        register_provider()
        gpkg = os.path.join(folder, "berlin.gpkg")
        results = example.pipeline(run, gpkg, years=(2023, 2024), report_folder=os.path.join(folder, "reports"))
        catalogue = os.path.join(folder, "katalog_monitoring.csv")
        with open(catalogue, "w", encoding="utf-8") as f:
            f.write(MONITORING_CATALOGUE)
        run(
            "sozialplanung:monitoring",
            {
                "INPUT": f"{gpkg}|layername={example.PIPELINE_TABLES[0]}",
                "CATALOGUE": catalogue,
                "KEY_FIELD": "PLR_ID",
                "NAME_FIELD": "PLR_NAME",
                "OUTPUT": os.path.join(folder, "monitoring.gpkg"),
                "REPORT": os.path.join(folder, "reports", "monitoring.html"),
            },
        )
    return ours(caught), sorted(results)


def test_plugin_and_pipeline_raise_no_deprecation_warning(qgis_app, qgis_iface, qgis_processing, tmp_path):
    found, steps = plugin_and_pipeline(qgis_iface, str(tmp_path))
    assert steps == sorted(example.PIPELINE_TABLES)
    assert found == [], "\n".join(found)


def test_modules_import_without_deprecation_warning():
    """Import-time warnings (module-level constants) show only at the first import,
    which other tests did before: every module is imported in a fresh interpreter."""
    code = r"""
import importlib, json, os, pkgutil, sys, warnings
root = sys.argv[1]
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    import sozialplanung_plugin
    failed = []
    for m in pkgutil.walk_packages(sozialplanung_plugin.__path__, "sozialplanung_plugin."):
        try:
            importlib.import_module(m.name)
        except Exception as e:
            failed.append(f"{m.name}: {type(e).__name__}: {e}")
out = [
    (w.category.__name__, w.filename, w.lineno, str(w.message))
    for w in caught
    if issubclass(w.category, (DeprecationWarning, FutureWarning))
    and os.path.realpath(w.filename).startswith(root)
]
print(json.dumps({"warnings": out, "failed": failed}))
"""
    path = [os.path.dirname(_PACKAGE.rstrip(os.sep)), os.environ.get("PYTHONPATH", "")]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in path if p))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    p = subprocess.run(
        [sys.executable, "-c", code, _PACKAGE], capture_output=True, text=True, env=env, timeout=300, check=True
    )
    result = json.loads(p.stdout.strip().splitlines()[-1])
    assert result["failed"] == []
    assert result["warnings"] == [], "\n".join(map(str, result["warnings"]))
