"""Built-in rules: one module per rule-id prefix, each exporting ``RULES``.

``gongkai.builtin_plugins`` registers these through the plugin hook; ``builtin_rules`` gives
the same list without the plugin manager (for the docs, which must not depend on what else is
installed).
"""

from __future__ import annotations

import importlib
import pkgutil

from gongkai.audit.catalogue import ordered
from gongkai.audit.rule import Rule


def builtin_rules() -> list[Rule]:
    found: list[Rule] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            found.extend(importlib.import_module(f"{__name__}.{info.name}").RULES)
    return ordered(found)
