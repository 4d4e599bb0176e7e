"""The ledger's public surface: __all__ is exact, and API.md names only things that exist."""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

import gongkai.ledger as ledger


def test_all_lists_exactly_the_public_names() -> None:
    assert len(ledger.__all__) == len(set(ledger.__all__))
    # submodules are importable, not re-exported names
    public = {n for n, v in vars(ledger).items() if not n.startswith("_") and not isinstance(v, ModuleType)}
    assert set(ledger.__all__) == public


def test_api_md_names_exist() -> None:
    text = (Path(ledger.__file__).parent / "API.md").read_text(encoding="utf-8")
    called = set(re.findall(r"^\s*([a-z_]+)\(\*", text, flags=re.M))
    assert called, "API.md lists functions as name(*, ...)"
    missing = sorted(n for n in called if not hasattr(ledger, n))
    assert missing == []
