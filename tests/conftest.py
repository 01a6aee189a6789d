"""Test setup: the plugin under test is the built one (``make test`` puts the
unpacked zip first on PYTHONPATH), QGIS runs headless through pytest-qgis."""

from __future__ import annotations

import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
ROOT = os.path.dirname(HERE)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_built = os.environ.get("SOZIALPLANUNG_PLUGIN_DIR")
if _built:
    sys.path.insert(0, os.path.dirname(os.path.abspath(_built)))
else:  # running the tests straight from the source tree
    sys.path.insert(0, ROOT)

import sozialplanung_plugin  # noqa: E402

PLUGIN_DIR = os.path.dirname(os.path.abspath(sozialplanung_plugin.__file__))
EXAMPLE = os.path.join(PLUGIN_DIR, "resources", "example", "berlin")
if not os.path.isdir(EXAMPLE):
    EXAMPLE = os.path.join(ROOT, "resources", "example", "berlin")


def data(name: str) -> str:
    return os.path.join(DATA, name)


def example(name: str) -> str:
    return os.path.join(EXAMPLE, name)


def is_core_test(path) -> bool:
    """Tests of the core (``test_core_*.py``) run on a plain Python without
    QGIS (``make test-core``): no fixture of theirs may start QGIS."""
    return os.path.basename(str(path)).startswith("test_core_")


@pytest.fixture(scope="module", autouse=True)
def english_locale(request):
    """Tests expect English texts unless they switch to German themselves;
    the settings folder of pytest-qgis survives between runs, so set it.
    Core tests need no QGIS and get none."""
    if is_core_test(request.node.fspath):
        yield
        return
    request.getfixturevalue("qgis_app")
    from qgis.core import QgsSettings

    s = QgsSettings()
    s.setValue("locale/overrideFlag", True)
    s.setValue("locale/userLocale", "en_US")
    yield


_KEEP = []  # a Python reference to the registered provider, or its wrapper dies


def register_provider():
    """Register the sozialplanung provider unless it is; return the registered one."""
    from qgis.core import QgsApplication

    from sozialplanung_plugin.processing.provider import SozialplanungProvider

    reg = QgsApplication.processingRegistry()
    existing = reg.providerById("sozialplanung")
    if existing is None:
        existing = SozialplanungProvider()
        assert reg.addProvider(existing)
        _KEEP[:] = [existing]
    return existing


@pytest.fixture(scope="session")
def provider(qgis_app, qgis_processing):
    """Makes sure the provider is registered. Tests that need the provider
    object itself call register_provider() (a test may re-register it)."""
    return register_provider()


@pytest.fixture()
def run(provider):
    """Run an algorithm like a user does (processing.run), raising on errors."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    class Feedback(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.warnings: list[str] = []
            self.infos: list[str] = []

        def pushWarning(self, text):  # noqa: N802
            self.warnings.append(text)

        def reportError(self, text, fatal=False):  # noqa: N802
            self.warnings.append(text)

        def pushInfo(self, text):  # noqa: N802
            self.infos.append(text)

    def _run(alg: str, params: dict, feedback=None):
        fb = feedback or Feedback()
        ctx = QgsProcessingContext()
        ctx.setProject(QgsProject.instance())
        res = processing.run(alg, params, feedback=fb, context=ctx)
        res["_feedback"] = fb
        return res

    return _run


def layer_rows(path_or_layer, key: str) -> dict:
    """Features of an output as {key: {field: value}} with NULL as None."""
    from qgis.core import QgsVectorLayer

    layer = path_or_layer if isinstance(path_or_layer, QgsVectorLayer) else QgsVectorLayer(path_or_layer, "t", "ogr")
    assert layer.isValid(), path_or_layer
    names = layer.fields().names()
    out = {}
    for f in layer.getFeatures():
        row = {}
        for n, v in zip(names, f.attributes()):
            row[n] = None if v is None or (hasattr(v, "isNull") and v.isNull()) or str(v) == "NULL" else v
        out[row[key]] = row
    return out


@pytest.fixture(scope="session")
def qgis_process(tmp_path_factory):
    """Run an algorithm through /usr/bin/qgis_process.bin as a user does, with
    the plugin under test enabled in a QGIS profile of its own. Only against
    a built plugin (``make test``); skipped when run from the source tree."""
    import json
    import shutil
    import subprocess

    exe = shutil.which("qgis_process.bin") or "/usr/bin/qgis_process.bin"
    if not os.path.exists(os.path.join(PLUGIN_DIR, "metadata.txt")) or not os.path.exists(exe):
        pytest.skip("needs the built plugin (make test) and qgis_process.bin")
    profile = tmp_path_factory.mktemp("qgis_profile")
    env = dict(
        os.environ,
        QGIS_PLUGINPATH=os.path.dirname(PLUGIN_DIR),
        QT_QPA_PLATFORM="offscreen",
        QGIS_CUSTOM_CONFIG_PATH=str(profile),
        QGIS_OPTIONS_PATH=str(profile),
    )
    subprocess.run(
        [exe, "plugins", "enable", os.path.basename(PLUGIN_DIR)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )

    def _run(alg: str, params: dict) -> dict:
        args = [exe, "run", alg, "--json", "--"] + [f"{k}={v}" for k, v in params.items()]
        p = subprocess.run(args, capture_output=True, text=True, env=env, timeout=600)
        if p.returncode != 0:
            raise RuntimeError(f"qgis_process failed ({p.returncode}): {p.stdout[-3000:]} {p.stderr[-3000:]}")
        return json.loads(p.stdout[p.stdout.index("{") :])

    return _run


# --------------------------------------------------------------------------
# Ending the test process. After the last test has run, pytest-qgis has
# exited QGIS and pytest has printed its summary, Python's own shutdown
# destroys the remaining sip wrappers of Qt/QGIS objects in no fixed order,
# and with several hundred tests in one process that crashes now and then
# (seen as "Segmentation fault" after "N passed" on QGIS 3.22 and 3.40).
# That crash is in the test process's teardown, not in anything a user runs;
# so the process ends right after pytest is done, with pytest's exit status.


def pytest_sessionfinish(session, exitstatus):
    session.config._sozialplanung_exitstatus = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    status = getattr(config, "_sozialplanung_exitstatus", None)
    if status is None or os.environ.get("SOZIALPLANUNG_NORMAL_EXIT") == "1":
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
