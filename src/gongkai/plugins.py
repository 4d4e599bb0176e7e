"""Extension points. Built-in readers, writers and rules register through the same hooks as
third-party plugins (entry point group ``gongkai``), so adding a format or a rule is one module.

The plugin manager is built on first use, never as a side effect of import.
"""

from __future__ import annotations

from functools import cache
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
    pm.load_setuptools_entrypoints("gongkai")
    return pm


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
