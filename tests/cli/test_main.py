"""The app: version, help, command groups registered when their modules exist."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer

from gongkai import __version__
from gongkai.cli.main import LAZY_COMMANDS, load_command, module_exists, register_groups

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
    assert register_groups(app, ("gongkai.cli.reports", "gongkai.cli.not_written_yet")) == ["gongkai.cli.reports"]


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
    assert register_groups(app, ("gongkai.cli.reports", "gk_extra_group")) == ["gongkai.cli.reports", "gk_extra_group"]
    assert {c.name for c in app.registered_commands} >= {"parse", "check", "rules", "hello"}
    sys.modules.pop("gk_extra_group", None)


LAZY_GROUP_MODULE = """
import typer

def register(app):
    group = typer.Typer(name="hello", help="打招呼 / greetings.", no_args_is_help=True)
    app.add_typer(group)

    @group.command("world")
    def world(name: str = "世界") -> None:
        print(f"你好，{name}")
"""


@pytest.fixture
def lazy_hello(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    (tmp_path / "gk_lazy_hello.py").write_text(LAZY_GROUP_MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(LAZY_COMMANDS, "hello", "gk_lazy_hello")
    yield
    sys.modules.pop("gk_lazy_hello", None)


def test_lazy_group_is_imported_only_when_its_command_runs(lazy_hello: None, tmp_path: Path) -> None:
    sample = tmp_path / "r.txt"
    sample.write_text("二、主动公开政府信息情况\n", encoding="utf-8")
    run("parse", "-f", "json", str(sample))
    assert "gk_lazy_hello" not in sys.modules
    result = run("hello", "world", "--name", "公开")
    assert result.exit_code == 0, result.output
    assert result.stdout == "你好，公开\n"
    assert "gk_lazy_hello" in sys.modules


def test_lazy_group_is_listed_in_help(lazy_hello: None) -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "hello" in result.stdout and "打招呼" in result.stdout


def test_lazy_command_whose_module_is_missing_is_not_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(LAZY_COMMANDS, "nothing", "gongkai.cli.not_written_yet")
    assert "nothing" not in run("--help").stdout
    assert run("nothing").exit_code == 2


def test_every_lazy_module_defines_its_command() -> None:
    for name, module in LAZY_COMMANDS.items():
        if module_exists(module):
            assert load_command(name, module).name == name
