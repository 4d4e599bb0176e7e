"""Extension points. Built-in readers, writers and rules register through the same hooks as
third-party plugins (entry point group ``gongkai``), so adding a format or a rule is one module.

The plugin manager is built on first use, never as a side effect of import.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from importlib.machinery import PathFinder
from typing import Any

import pluggy

hookspec = pluggy.HookspecMarker("gongkai")
hookimpl = pluggy.HookimplMarker("gongkai")


class Hooks:
    @hookspec
    def register_readers(self) -> list[Any]:  # type: ignore[empty-body]
        """Return Reader objects (see ``gongkai.readers.base.Reader``)."""

    @hookspec
    def register_writers(self) -> list[Any]:  # type: ignore[empty-body]
        """Return Writer objects (see ``gongkai.writers.base.Writer``)."""

    @hookspec
    def register_rules(self) -> list[Any]:  # type: ignore[empty-body]
        """Return audit Rule objects (see ``gongkai.audit.rule.Rule``)."""


@cache
def plugin_manager() -> pluggy.PluginManager:
    from gongkai import builtin_plugins

    pm = pluggy.PluginManager("gongkai")
    pm.add_hookspecs(Hooks)
    pm.register(builtin_plugins, name="builtin")
    if third_party_entry_points("gongkai"):
        pm.load_setuptools_entrypoints("gongkai")
    return pm


def third_party_entry_points(group: str) -> bool:
    """Whether any installed distribution may declare an entry point in ``group`` besides ours.

    Why not just ask ``importlib.metadata``: importing it (it pulls in the ``email`` package) and
    parsing every installed distribution's metadata cost ~40 ms, a sixth of ``gongkai parse
    FILE``, on every start — to find, nearly always, only the project's own ``builtin`` entry
    point, registered directly above. This pre-check only reads the ``entry_points.txt`` of each
    ``*.dist-info``/``*.egg-info`` directory on ``sys.path`` (a few ms); when it finds any other
    name in the group, pluggy's ``importlib.metadata`` scan loads the plugins as before.
    Anything it cannot look into — a zip archive on ``sys.path``, a custom distribution finder —
    answers True, so a plugin is never missed.
    """
    if any(hasattr(f, "find_distributions") and f is not PathFinder for f in sys.meta_path):
        return True
    for entry in sys.path:
        if not isinstance(entry, str):
            continue
        try:
            names = os.listdir(entry or ".")
        except NotADirectoryError:
            return True  # a zip archive: importlib.metadata looks inside it
        except OSError:
            continue
        for name in names:
            if not name.lower().endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(entry or ".", name, "entry_points.txt"), encoding="utf-8") as fh:
                    text = fh.read()
            except (OSError, UnicodeDecodeError):
                continue
            if f"[{group}]" in text.replace(" ", "") and _names_in(text, group) - {"builtin"}:
                return True
    return False


def _names_in(entry_points_txt: str, group: str) -> set[str]:
    """Entry-point names declared in ``group`` of an ``entry_points.txt`` (an INI-like file)."""
    names: set[str] = set()
    section = None
    for line in entry_points_txt.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
        elif section == group:
            names.add(line.partition("=")[0].strip())
    return names


def _flatten(results: list[list[Any]]) -> list[Any]:
    return [item for group in results for item in group]


# The registered objects do not change once the manager is built: ask the hooks once.
@cache
def _readers() -> tuple[Any, ...]:
    return tuple(_flatten(plugin_manager().hook.register_readers()))


@cache
def _writers() -> tuple[Any, ...]:
    return tuple(_flatten(plugin_manager().hook.register_writers()))


@cache
def _rules() -> tuple[Any, ...]:
    return tuple(_flatten(plugin_manager().hook.register_rules()))


def readers() -> list[Any]:
    return list(_readers())


def writers() -> list[Any]:
    return list(_writers())


def rules() -> list[Any]:
    return list(_rules())
