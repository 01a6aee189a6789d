"""Run the plugin's algorithms from a plain Python script, without the QGIS desktop.

    from sozialplanung_plugin.standalone import start_qgis
    app = start_qgis()
    import processing
    processing.run("sozialplanung:joinindicators", {...})

Uses Debian's /usr/bin/python3 (or the Python that ships with QGIS).
"""

from __future__ import annotations

import os
import sys

_app = None
_provider = None  # keep a Python reference, or the registry holds a dead wrapper


def start_qgis(prefix: str | None = None, locale: str | None = None):
    """Start a headless QGIS with Processing and the sozialplanung provider (once).

    ``locale`` ('de_DE', 'en_US') sets the language of texts, legends and print
    layouts for this process only; by default the QGIS settings decide."""
    global _app, _provider
    if _app is not None:
        return _app
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    runtime = os.environ.setdefault("XDG_RUNTIME_DIR", f"/tmp/runtime-{os.getuid()}")
    os.makedirs(runtime, mode=0o700, exist_ok=True)
    from qgis.core import QgsApplication

    QgsApplication.setPrefixPath(prefix or os.environ.get("QGIS_PREFIX_PATH", "/usr"), True)
    app = QgsApplication([], False)
    app.initQgis()
    for p in ("/usr/share/qgis/python/plugins", os.path.join(QgsApplication.prefixPath(), "python", "plugins")):
        if os.path.isdir(p) and p not in sys.path:
            sys.path.append(p)
    from processing.core.Processing import Processing

    Processing.initialize()
    from sozialplanung_plugin.translation import install_translator, set_locale

    if locale:
        set_locale(locale)
    from sozialplanung_plugin.processing.provider import SozialplanungProvider

    install_translator()
    reg = QgsApplication.processingRegistry()
    if reg.providerById("sozialplanung") is None:
        _provider = SozialplanungProvider()
        reg.addProvider(_provider)
    _app = app
    return app
