"""The plugin in the real QGIS desktop (under Xvfb), as a user starts it.

QGIS starts with a fresh profile in which the plugin is enabled, so it is
loaded by QGIS's own start-up. A script passed with ``--code`` then checks
that it is active, unloads it and loads it again while recording the message
log and Python warnings, opens the guided panel, saves a screenshot and
writes what it saw to a JSON file. The test fails on any message or warning
that comes from our code.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import textwrap

import pytest
from conftest import PLUGIN_DIR

SCRIPT = textwrap.dedent(
    r"""
    import json, os, sys, traceback, warnings
    from qgis.core import Qgis, QgsApplication
    from qgis.PyQt.QtCore import QTimer
    from qgis.PyQt.QtWidgets import QApplication
    import qgis.utils

    OUT = os.environ["SOZIALPLANUNG_DESKTOP_OUT"]
    NAME = "sozialplanung_plugin"
    result = {"version": Qgis.QGIS_VERSION, "messages": [], "warnings": [], "errors": []}
    result["active_at_start"] = NAME in qgis.utils.active_plugins


    def on_message(text, tag, level):
        result["messages"].append({"tag": tag, "level": int(level.value if hasattr(level, "value") else level),
                                   "text": text})


    QgsApplication.messageLog().messageReceived.connect(on_message)


    def finish():
        try:
            plugin = qgis.utils.plugins.get(NAME)
            panel = getattr(plugin, "panel", None)
            result["panel_visible"] = bool(panel is not None and panel.isVisible())
            result["panel_title"] = panel.windowTitle() if panel is not None else ""
            shot = QApplication.primaryScreen().grabWindow(0)
            shot.save(os.path.join(os.path.dirname(OUT), "desktop.png"))
        except Exception:
            result["errors"].append(traceback.format_exc())
        with open(OUT, "w", encoding="utf-8") as f:
            json.dump(result, f)
        QApplication.exit(0)


    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            qgis.utils.unloadPlugin(NAME)
            result["reloaded"] = bool(qgis.utils.loadPlugin(NAME) and qgis.utils.startPlugin(NAME))
            plugin = qgis.utils.plugins[NAME]
            plugin.panel_action.trigger()  # what a click on the toolbar button does
            QApplication.processEvents()
        result["warnings"] = [f"{w.filename}:{w.lineno}: {w.category.__name__}: {w.message}" for w in caught]
    except Exception:
        result["errors"].append(traceback.format_exc())
    QTimer.singleShot(3000, finish)
    """
)


def test_plugin_loads_in_the_desktop_and_the_panel_opens(tmp_path):
    qgis = shutil.which("qgis")
    xvfb = shutil.which("xvfb-run")
    if not qgis or not xvfb or not os.path.exists(os.path.join(PLUGIN_DIR, "metadata.txt")):
        pytest.skip("needs the QGIS desktop, xvfb-run and the built plugin (make test installs and builds them)")
    profiles = tmp_path / "profiles"
    ini = profiles / "profiles" / "default" / "QGIS"
    ini.mkdir(parents=True)
    (ini / "QGIS3.ini").write_text(
        "[PythonPlugins]\nsozialplanung_plugin=true\n"
        "[locale]\noverrideFlag=true\nuserLocale=de_DE\n"
        "[qgis]\ncheckVersion=false\nshowTips=false\n",
        encoding="utf-8",
    )
    script = tmp_path / "check.py"
    script.write_text(SCRIPT, encoding="utf-8")
    out = tmp_path / "result.json"
    env = dict(
        os.environ,
        QGIS_PLUGINPATH=os.path.dirname(PLUGIN_DIR),
        SOZIALPLANUNG_DESKTOP_OUT=str(out),
        QT_QPA_PLATFORM="xcb",
    )
    cmd = [xvfb, "-a", "-s", "-screen 0 1400x900x24", qgis, "--nologo", "--noversioncheck", "--noplugins"]
    cmd = cmd[:-1]  # plugins on: the point is QGIS's own start-up of ours
    cmd += ["--profiles-path", str(profiles), "--code", str(script)]
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert out.exists(), f"QGIS ended ({p.returncode}) without a result:\n{p.stdout[-3000:]}\n{p.stderr[-3000:]}"
    result = json.loads(out.read_text(encoding="utf-8"))
    assert not result["errors"], result["errors"]
    assert result["active_at_start"], f"QGIS {result['version']} did not start the plugin: {result['messages']}"
    assert result["reloaded"]
    ours = [w for w in result["warnings"] if "sozialplanung_plugin" in w]
    assert not ours, ours
    bad = [
        m
        for m in result["messages"]
        if m["level"] >= 1 and ("sozialplanung" in m["text"].lower() or m["tag"].lower().startswith("python"))
    ]
    assert not bad, bad
    stderr_ours = [line for line in p.stderr.splitlines() if "sozialplanung_plugin" in line]
    assert not stderr_ours, stderr_ours
    assert result["panel_visible"], result
    assert result["panel_title"], result
    assert (tmp_path / "desktop.png").stat().st_size > 10_000
