"""Plugin discovery: third-party entry points are still found, without importlib.metadata at every start."""

from __future__ import annotations

import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from gongkai import plugins

PLUGIN_MODULE = '''
from gongkai.plugins import hookimpl

class Reader:
    name = "demo-third-party"

@hookimpl
def register_readers():
    return [Reader()]
'''


def dist(root: Path, name: str, entry_points: str | None) -> None:
    info = root / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


@pytest.fixture
def fresh_manager() -> Iterator[None]:
    """The manager and hook answers are cached per process: rebuild them around the test."""
    for cached in (plugins.plugin_manager, plugins._readers, plugins._writers, plugins._rules):
        cached.cache_clear()
    yield
    for cached in (plugins.plugin_manager, plugins._readers, plugins._writers, plugins._rules):
        cached.cache_clear()


def test_only_our_own_entry_point_needs_no_scan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Only the standard finders: a package imported earlier in the run (dask imports the
    # importlib_metadata backport, which adds its own distribution finder) rightly forces a scan.
    from importlib.machinery import PathFinder

    monkeypatch.setattr(sys, "meta_path", [f for f in sys.meta_path
                                           if f is PathFinder or not hasattr(f, "find_distributions")])
    dist(tmp_path, "gongkai", "[gongkai]\nbuiltin = gongkai.builtin_plugins\n\n[console_scripts]\ngongkai = x:y\n")
    dist(tmp_path, "other", "[pytest11]\ngongkai = other.plugin\n")  # our name in another group
    dist(tmp_path, "plain", None)
    monkeypatch.setattr(sys, "path", [str(tmp_path), str(tmp_path / "missing")])
    assert plugins.third_party_entry_points("gongkai") is False


def test_a_third_party_entry_point_is_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dist(tmp_path, "gongkai", "[gongkai]\nbuiltin = gongkai.builtin_plugins\n")
    dist(tmp_path, "gongkai_extra", "[console_scripts]\nx = y:z\n\n[ gongkai ]\nextra = gongkai_extra.hooks\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    assert plugins.third_party_entry_points("gongkai") is True


def test_a_zip_on_the_path_is_left_to_importlib_metadata(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "bundle.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("x.py", "")
    monkeypatch.setattr(sys, "path", [str(archive)])
    assert plugins.third_party_entry_points("gongkai") is True


def test_third_party_plugin_is_registered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          fresh_manager: None) -> None:
    (tmp_path / "gk_demo_plugin.py").write_text(PLUGIN_MODULE, encoding="utf-8")
    dist(tmp_path, "gk_demo_plugin", "[gongkai]\ndemo = gk_demo_plugin\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "gk_demo_plugin", raising=False)
    names = [getattr(r, "name", None) for r in plugins.readers()]
    assert "demo-third-party" in names
    assert plugins.plugin_manager().has_plugin("demo")
