"""The ``gongkai`` Typer app. Command groups live in their own modules and register themselves.

Each module exposes ``register(app)``. Modules other than ``reports`` may not exist yet while the
project grows; only their own absence is tolerated — an import error inside them is a bug and
surfaces as one.
"""

from __future__ import annotations

import importlib
from typing import Annotated

import typer

from gongkai import __version__
from gongkai.cli import reports
from gongkai.cli.boundary import guard

#: Command-group modules registered after ``reports`` (parse, check, rules), in help order.
OPTIONAL_GROUPS: tuple[str, ...] = (
    "gongkai.cli.documents",  # new, render, convert
    "gongkai.cli.ledger",  # the request ledger
    "gongkai.cli.serve",  # the web app
)

app = typer.Typer(
    name="gongkai",
    help="gongkai（公开）：读取、审核政府信息公开工作年度报告。Read and audit China's government "
    "information disclosure annual reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"gongkai {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="显示版本并退出 / show the version and exit."),
    ] = False,
) -> None:
    """gongkai（公开）：政府信息公开工作年度报告的读取、审核与撰写工具。"""


def register_groups(target: typer.Typer, modules: tuple[str, ...] = OPTIONAL_GROUPS) -> list[str]:
    """Register every command-group module that exists; return the names registered."""
    reports.register(target)
    registered = ["gongkai.cli.reports"]
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(target)
        registered.append(name)
    return registered


REGISTERED = register_groups(app)


def main() -> None:
    """Console-script entry point: the app, with the same no-traceback guard around everything."""
    with guard(outside_click=True):
        app()
