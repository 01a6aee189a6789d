"""The structure of the plugin, read from its source (no QGIS needed):

* no import cycle between the plugin's modules (module-level and deferred
  imports inside functions alike: a deferred import hides a cycle, it does
  not remove it);
* ``core/`` imports nothing above it (no adapters, processing, gui, plugin,
  and no QGIS or Qt);
* the QGIS version is asked in one module only (``compat.py``).
"""

from __future__ import annotations

import ast
import os

from conftest import ROOT

PACKAGE = "sozialplanung_plugin"
SOURCE = os.path.join(ROOT, PACKAGE)
CORE_MAY_IMPORT = {"numpy", "pandas", "jinja2", "markupsafe"}


def modules() -> dict[str, str]:
    """{dotted module name: path} of every module of the plugin."""
    out = {}
    for folder, _dirs, files in os.walk(SOURCE):
        if "__pycache__" in folder:
            continue
        for f in files:
            if f.endswith(".py"):
                rel = os.path.relpath(os.path.join(folder, f), ROOT)[:-3].replace(os.sep, ".")
                out[rel[: -len(".__init__")] if rel.endswith(".__init__") else rel] = os.path.join(folder, f)
    return out


def imports_of(name: str, path: str, known: set[str]) -> tuple[set[str], set[str]]:
    """(plugin modules, other top-level packages) that a module imports."""
    tree = ast.parse(open(path, encoding="utf-8").read(), path)
    is_pkg = path.endswith("__init__.py")
    base = name if is_pkg else name.rsplit(".", 1)[0]
    ours, others = set(), set()

    def add(target: str) -> None:
        # the longest known module that the dotted name starts with
        while target and target not in known:
            target = target.rsplit(".", 1)[0] if "." in target else ""
        if target and target != name:
            ours.add(target)

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == PACKAGE:
                    add(a.name)
                else:
                    others.add(a.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = base.split(".")
                anchor = ".".join(parts[: len(parts) - node.level + 1])
                mod = f"{anchor}.{node.module}" if node.module else anchor
            else:
                mod = node.module or ""
            if mod.split(".")[0] != PACKAGE:
                others.add(mod.split(".")[0])
                continue
            for a in node.names:  # `from . import x` may name a module
                if f"{mod}.{a.name}" in known:
                    add(f"{mod}.{a.name}")
                else:
                    add(mod)
    return ours, others


def graph() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    mods = modules()
    known = set(mods)
    edges, external = {}, {}
    for name, path in mods.items():
        edges[name], external[name] = imports_of(name, path, known)
    return edges, external


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycles():
    edges, _ = graph()
    # a package's __init__ that re-exports its own submodules is not a cycle
    # as long as the submodules do not import the package back
    found = cycles(edges)
    assert not found, f"import cycles: {found}"


def test_core_imports_nothing_above_it():
    edges, external = graph()
    core = f"{PACKAGE}.core"
    bad = {}
    for name, targets in edges.items():
        if name == core or name.startswith(core + "."):
            above = sorted(t for t in targets if not (t == core or t.startswith(core + ".")))
            if above:
                bad[name] = above
    assert not bad, f"core modules importing layers above core: {bad}"
    stdlib_or_allowed = CORE_MAY_IMPORT | set(getattr(__import__("sys"), "stdlib_module_names", ()))
    foreign = {}
    for name, others in external.items():
        if name == core or name.startswith(core + "."):
            extra = sorted(o for o in others if o and o not in stdlib_or_allowed and o != "__future__")
            if extra:
                foreign[name] = extra
    assert not foreign, (
        f"core modules importing packages other than the standard library, numpy, pandas, jinja2: {foreign}"
    )


def test_the_qgis_version_is_asked_in_compat_only():
    asking = []
    for name, path in modules().items():
        if name == f"{PACKAGE}.compat":
            continue
        text = open(path, encoding="utf-8").read()
        for needle in ("versionInt(", "QGIS_VERSION", "Qgis.version(", "QT_VERSION", "PYQT_VERSION"):
            if needle in text:
                asking.append(f"{name}: {needle}")
    assert not asking, asking


def test_the_graph_is_read():
    """The checks above see the real structure (a reader that found nothing
    would pass them all)."""
    edges, external = graph()
    assert f"{PACKAGE}.core.catalogue" in edges[f"{PACKAGE}.core.indicators"] or any(
        t.startswith(f"{PACKAGE}.core.") for t in edges[f"{PACKAGE}.core.indicators"]
    )
    assert "qgis" in external[f"{PACKAGE}.compat"]
    assert len(edges) > 30
    # a cycle is found when there is one
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_core_error_a_user_can_cause_is_a_user_error():
    """One base class for bad input: the algorithms show a UserError's message
    as it is and report anything else as a defect of the plugin."""
    import importlib
    import inspect

    from sozialplanung_plugin.core.errors import CanceledError, UserError

    found = {}
    for name in modules():
        if not name.startswith(f"{PACKAGE}.core"):
            continue
        mod = importlib.import_module(name)
        for obj in vars(mod).values():
            if inspect.isclass(obj) and issubclass(obj, Exception) and obj.__module__.startswith(f"{PACKAGE}.core"):
                found[obj.__qualname__] = obj
    assert len(found) >= 10, sorted(found)
    others = sorted(n for n, c in found.items() if c is not CanceledError and not issubclass(c, UserError))
    assert not others, f"errors of the core that are not UserError: {others}"
