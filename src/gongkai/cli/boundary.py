"""The command boundary: bad input becomes one sentence and an exit status, never a traceback.

Every command body runs inside ``guard``; ``main()`` wraps the whole app in the same guard so that
commands other modules register get the same treatment. ``GONGKAI_DEBUG=1`` re-raises, for us.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn, ParamSpec, TypeVar

import typer

from gongkai.errors import GongkaiError

#: Exit statuses of the contract (§3): 0 clean, 1 error findings, 2 input not readable at all.
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2

P = ParamSpec("P")
R = TypeVar("R")


def dump_json(data: Any, *, pretty: bool = True) -> str:
    """JSON as the contract prints it (here, not in ``output``: JSON output needs no Rich)."""
    if pretty:
        return json.dumps(data, ensure_ascii=False, indent=2)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def write_line(text: str) -> None:
    """Write one line to stdout unchanged by Rich (no wrapping, no markup)."""
    sys.stdout.write(text + "\n")


def debugging() -> bool:
    return os.environ.get("GONGKAI_DEBUG", "").strip() not in ("", "0", "false", "no")


def sentence(text: str) -> str:
    """End a message with one full stop (Chinese or English, whichever fits)."""
    text = text.rstrip()
    if not text or text[-1] in "。.!！?？":
        return text
    return text + ("." if text[-1].isascii() else "。")


def one_line(text: str) -> str:
    """Line breaks inside a message (a parser's multi-line error, a file name) become spaces."""
    if "\n" not in text and "\r" not in text:
        return text
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


def error_line(exc: GongkaiError, lang: str = "zh") -> str:
    """One sentence on one line, naming the subject (file, record) and the problem."""
    if lang == "en" and exc.message_en:
        return sentence(one_line(f"{exc.path}: {exc.message_en}" if exc.path else exc.message_en))
    return sentence(one_line(str(exc)))


def unexpected_line(exc: BaseException, lang: str = "zh") -> str:
    detail = one_line(f"{type(exc).__name__}: {exc}")
    if lang == "en":
        return sentence(f"gongkai failed unexpectedly ({detail}); set GONGKAI_DEBUG=1 for the traceback")
    return sentence(f"gongkai 意外出错（{detail}），设置 GONGKAI_DEBUG=1 可查看详细信息")


@contextmanager
def guard(lang: str = "zh", *, outside_click: bool = False) -> Iterator[None]:
    """Turn gongkai errors and unexpected exceptions into one stderr sentence and exit status 2.

    Inside a command the exit is ``typer.Exit`` (Click turns it into the status); around the
    whole app (``outside_click``) it is ``SystemExit``.
    """
    try:
        yield
    except (typer.Exit, typer.Abort, SystemExit, KeyboardInterrupt):
        raise
    except BrokenPipeError:
        # The reader of our output has gone (``gongkai parse DIR -f json | head``): stop quietly,
        # as Unix tools do, with the status a shell reports for SIGPIPE. Standard output is pointed
        # at /dev/null so that the interpreter's final flush does not fail a second time.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        _exit(EXIT_BROKEN_PIPE, outside_click)
    except GongkaiError as exc:
        if debugging():
            raise
        typer.echo(error_line(exc, lang), err=True)
        _exit(EXIT_UNREADABLE, outside_click)
    except Exception as exc:
        if debugging():
            raise
        typer.echo(unexpected_line(exc, lang), err=True)
        _exit(EXIT_UNREADABLE, outside_click)


#: 128 + SIGPIPE: what a shell reports for a command whose reader went away.
EXIT_BROKEN_PIPE = 141


def _exit(code: int, outside_click: bool) -> NoReturn:
    if outside_click:
        raise SystemExit(code) from None
    raise typer.Exit(code) from None


def guarded(func: Callable[P, R]) -> Callable[P, R]:
    """Decorator form of ``guard`` for command functions (uses a ``lang`` argument if present)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        lang = kwargs.get("lang", "zh")
        with guard(str(getattr(lang, "value", lang))):
            return func(*args, **kwargs)

    return wrapper
