"""The app: version, help, command groups registered when their modules exist."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import typer

from gongkai import __version__
from gongkai.cli.main import register_groups

from .helpers import run


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"gongkai {__version__}"


def test_no_arguments_shows_the_commands() -> None:
    result = run()
    for command in ("parse", "check", "rules"):
        assert command in result.stdout


def test_missing_group_module_is_skipped() -> None:
    app = typer.Typer()
    assert register_groups(app, ("gongkai.cli.not_written_yet",)) == ["gongkai.cli.reports"]


def test_broken_group_module_is_not_hidden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "gk_broken_group.py").write_text("import gk_dependency_that_is_missing\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModuleNotFoundError) as excinfo:
        register_groups(typer.Typer(), ("gk_broken_group",))
    assert excinfo.value.name == "gk_dependency_that_is_missing"
    sys.modules.pop("gk_broken_group", None)


def test_present_group_module_registers_its_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "gk_extra_group.py").write_text(
        "def register(app):\n    app.command('hello')(lambda: print('hi'))\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    app = typer.Typer()
    assert register_groups(app, ("gk_extra_group",)) == ["gongkai.cli.reports", "gk_extra_group"]
    assert {c.name for c in app.registered_commands} >= {"parse", "check", "rules", "hello"}
    sys.modules.pop("gk_extra_group", None)
