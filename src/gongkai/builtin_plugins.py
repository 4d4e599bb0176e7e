"""The built-in readers, writers and rules, registered through the public hooks.

Each format or rule family is one module in ``gongkai.readers.formats``, ``gongkai.writers.formats``
or ``gongkai.audit.rules`` exporting ``READERS``, ``WRITERS`` or ``RULES``; dropping a module there
registers it. Discovery runs when the plugin manager is first built, not at import.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType
from typing import Any

from gongkai.plugins import hookimpl


def _collect(package: str, attribute: str) -> list[Any]:
    pkg: ModuleType = importlib.import_module(package)
    found: list[Any] = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        found.extend(getattr(module, attribute, ()))
    return found


@hookimpl
def register_readers() -> list[Any]:
    return _collect("gongkai.readers.formats", "READERS")


@hookimpl
def register_writers() -> list[Any]:
    return _collect("gongkai.writers.formats", "WRITERS")


@hookimpl
def register_rules() -> list[Any]:
    return _collect("gongkai.audit.rules", "RULES")
