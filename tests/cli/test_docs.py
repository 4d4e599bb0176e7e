"""docs/cli.md embeds the real ``--help`` of every command; it must match the code."""

from __future__ import annotations

from pathlib import Path

from gongkai.cli.main import app
from gongkai.cli.reference import END, START, reference


def test_cli_reference_is_current(repo_root: Path) -> None:
    text = (repo_root / "docs" / "cli.md").read_text(encoding="utf-8")
    embedded = text.split(START, 1)[1].split(END, 1)[0].strip("\n")
    assert embedded == reference(app).strip("\n"), (
        "docs/cli.md is stale: run `.venv/bin/python -m gongkai.cli.reference --write docs/cli.md`")


def test_every_command_is_documented(repo_root: Path) -> None:
    text = (repo_root / "docs" / "cli.md").read_text(encoding="utf-8")
    for command in ("parse", "check", "rules"):
        assert f"### `gongkai {command}`" in text
