"""Where the plugin's files are, installed (inside the plugin folder) or in
the source tree (resources/ beside sozialplanung_plugin/)."""

from __future__ import annotations

import os

PLUGIN_DIR = os.path.dirname(os.path.abspath(__file__))
_SOURCE_ROOT = os.path.dirname(PLUGIN_DIR)


def resource(*parts: str) -> str:
    """Path of a file under resources/ (example data, icon)."""
    installed = os.path.join(PLUGIN_DIR, "resources", *parts)
    if os.path.exists(installed):
        return installed
    return os.path.join(_SOURCE_ROOT, "resources", *parts)


def icon_path() -> str:
    installed = os.path.join(PLUGIN_DIR, "icon.svg")
    return installed if os.path.exists(installed) else resource("icon.svg")


def example(*parts: str) -> str:
    return resource("example", "berlin", *parts)
