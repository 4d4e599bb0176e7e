"""``gongkai.__all__`` is sorted and names exactly the public members (as httpx tests its API)."""

from __future__ import annotations

import gongkai


def test_all_is_sorted() -> None:
    assert gongkai.__all__ == sorted(gongkai.__all__)


def test_all_names_exactly_the_public_members() -> None:
    exported = set(gongkai.__all__)
    members = {name: getattr(gongkai, name) for name in dir(gongkai)}  # names load on first use (PEP 562)
    public = {
        name
        for name, value in members.items()
        if not name.startswith("_") and getattr(value, "__module__", "").startswith("gongkai")
        and not isinstance(value, type(gongkai))
    }
    assert exported == public


def test_every_exported_name_comes_from_a_private_home() -> None:
    """Members are defined in submodules and re-exported, never defined in ``__init__`` itself."""
    for name in gongkai.__all__:
        assert getattr(gongkai, name).__module__.startswith("gongkai."), name
