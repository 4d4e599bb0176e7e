"""The CLI reference in docs/cli.md: the real ``--help`` of every command, so it cannot drift.

    python -m gongkai.cli.reference                        # print the reference
    python -m gongkai.cli.reference --write docs/cli.md    # refresh the generated part in place

Only the text between the markers is replaced; tests/cli/test_docs.py fails when it is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer
from typer.testing import CliRunner

START = "<!-- cli-reference:start -->"
END = "<!-- cli-reference:end -->"
WIDTH = "100"


def _help(app: typer.Typer, path: list[str]) -> str:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": WIDTH, "NO_COLOR": "1", "TERM": "dumb"})
    return "\n".join(line.rstrip() for line in result.stdout.strip("\n").splitlines())


def _walk(app: typer.Typer, command: Any, path: list[str]) -> list[str]:
    lines = [f"### `gongkai {' '.join(path)}`", "", "```text", _help(app, path), "```", ""]
    for name, sub in getattr(command, "commands", {}).items():  # Typer vendors Click: recognise groups by shape
        lines += _walk(app, sub, [*path, name])
    return lines


def reference(app: typer.Typer) -> str:
    root: Any = typer.main.get_command(app)
    lines = ["### `gongkai`", "", "```text", _help(app, []), "```", ""]
    context = typer.Context(root)
    for name in root.list_commands(context):  # lazily registered commands included
        lines += _walk(app, root.get_command(context, name), [name])
    return "\n".join(lines).rstrip() + "\n"


def splice(document: str, generated: str) -> str:
    head, rest = document.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{generated}{END}{tail}"


def main(argv: list[str] | None = None) -> None:
    from gongkai.cli.main import app

    argv = sys.argv[1:] if argv is None else argv
    generated = reference(app)
    if argv[:1] == ["--write"] and len(argv) == 2:
        path = Path(argv[1])
        path.write_text(splice(path.read_text(encoding="utf-8"), generated), encoding="utf-8")
    else:
        sys.stdout.write(generated)


if __name__ == "__main__":
    main()
