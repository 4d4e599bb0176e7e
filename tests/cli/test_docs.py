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


def test_developing_guide_speaks_of_the_project_only(repo_root: Path) -> None:
    """No machine paths and no roles of the people working on it: it is for any contributor."""
    import re

    text = (repo_root / "docs" / "DEVELOPING.md").read_text(encoding="utf-8")
    assert not re.search(r"(?<![\w.])/(?:work|tmp|root|home)/", text)
    assert not re.search(r"\b(?:helpers?|the lead|your brief|final report)\b", text, re.I)
    for setting in ("GONGKAI_READ_TIMEOUT", "GONGKAI_MAX_INPUT_BYTES", "LAZY_COMMANDS"):
        assert setting in text
