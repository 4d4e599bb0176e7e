"""The ``gongkai`` Typer app. Command modules register themselves; the heavy ones only when used.

Each command module exposes ``register(app)``, which adds its commands (or a sub-``Typer``) to
``app``. ``EAGER_MODULES`` are imported at start-up: they keep their heavy imports inside the
command functions, so ``gongkai parse FILE`` pays only for reading. ``LAZY_COMMANDS`` names the
commands whose modules need a database, the web stack or a data engine: the module is imported
only when that command runs (or when ``--help`` lists it). Adding a command group is one line in
``LAZY_COMMANDS``; see docs/DEVELOPING.md ("Adding a command").

A module that does not exist yet is skipped; an import error inside a module is a bug and surfaces.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from gongkai import __version__
from gongkai.cli.boundary import guard

#: Modules registered at start-up, in help order (parse, check, rules).
EAGER_MODULES: tuple[str, ...] = ("gongkai.cli.reports",)

#: Command name → module whose ``register(app)`` defines it; imported on first use only. Typer
#: builds every registered command on each run (~2 ms each), so only the read commands are eager.
LAZY_COMMANDS: dict[str, str] = {
    "new": "gongkai.cli.documents",  # writing reports: new, render, convert
    "render": "gongkai.cli.documents",
    "convert": "gongkai.cli.documents",
    "serve": "gongkai.cli.serve",  # the web app (FastAPI, uvicorn)
    "ledger": "gongkai.cli.ledger",  # the request ledger (SQLAlchemy)
    "corpus": "gongkai.cli.corpus",  # the corpus dataset (pyarrow, DuckDB, Dask)
    "supervise": "gongkai.cli.supervise",  # a region's review (httpx, openpyxl, similarity)
}


def module_exists(name: str) -> bool:
    """True when ``name`` can be imported, without importing it (its parent package is imported)."""
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def load_command(name: str, module_name: str) -> Any:
    """Import ``module_name``, let it register on a scratch app and return its command ``name``."""
    module = importlib.import_module(module_name)
    scratch = typer.Typer()

    @scratch.callback()
    def _scratch() -> None:  # a callback keeps a single command a sub-command of a group
        """scratch"""

    module.register(scratch)
    group = typer.main.get_command(scratch)
    command = getattr(group, "commands", {}).get(name)
    if command is None:
        raise RuntimeError(f"{module_name}.register() did not define the command {name!r}")
    return command


class LazyGroup(TyperGroup):
    """The root group: lists the lazy commands by name and imports one only when it is asked for."""

    lazy: dict[str, str] = LAZY_COMMANDS

    def list_commands(self, ctx: Any) -> list[str]:
        eager = [n for n in super().list_commands(ctx) if n not in self.lazy]
        return eager + [n for n, m in self.lazy.items() if module_exists(m)]  # same order, loaded or not

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in self.lazy and module_exists(self.lazy[cmd_name]):
            self.commands[cmd_name] = load_command(cmd_name, self.lazy[cmd_name])
        return super().get_command(ctx, cmd_name)


app = typer.Typer(
    name="gongkai",
    cls=LazyGroup,
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


def register_groups(target: typer.Typer, modules: tuple[str, ...] = EAGER_MODULES) -> list[str]:
    """Register every eager command module that exists; return the names registered."""
    registered = []
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
    """Console-script entry point: the app, with the same no-traceback guard around everything.

    Click's own error handling is off (``standalone_mode=False``) so that a usage error (an
    unknown option, a missing argument) is said in Chinese by ``cli.usage``, not in Click's
    English box; help, ``typer.Exit`` and Ctrl-C end with their statuses as before.
    """
    from typer._click import exceptions as click_errors

    with guard(outside_click=True):
        try:
            status = app(standalone_mode=False)
        except click_errors.ClickException as exc:
            from gongkai.cli.usage import report

            raise SystemExit(report(exc, sys.argv[1:])) from None
        except click_errors.Abort:
            sys.stderr.write("已中止。\n")
            raise SystemExit(1) from None
        raise SystemExit(status if isinstance(status, int) else 0)
