"""gongkai (公开): read, audit, write and ledger China's government information disclosure annual reports.

The public names below load on first use (PEP 562), so ``import gongkai`` — and ``gongkai
--version``, which needs only ``__version__`` — does not pay for the reading machinery.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gongkai.api import ReadResult, check, read, read_many
    from gongkai.errors import GongkaiError, InputError
    from gongkai.model import Finding, Report, Severity, Template

__all__ = [
    "Finding",
    "GongkaiError",
    "InputError",
    "ReadResult",
    "Report",
    "Severity",
    "Template",
    "check",
    "read",
    "read_many",
]
__version__ = "0.1.0"

#: Public name → the module that defines it.
_HOMES = {
    "ReadResult": "gongkai.api",
    "check": "gongkai.api",
    "read": "gongkai.api",
    "read_many": "gongkai.api",
    "GongkaiError": "gongkai.errors",
    "InputError": "gongkai.errors",
    "Finding": "gongkai.model",
    "Report": "gongkai.model",
    "Severity": "gongkai.model",
    "Template": "gongkai.model",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'gongkai' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # once loaded, a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])
