"""Command-line usage errors in Chinese: an unknown option, a missing argument, a bad value.

Typer (and the Click it carries) words these in English only and draws them in a box. Users of
gongkai read Chinese, so the console script runs the app without Click's own error handling and
says the same thing here: the usage line, one sentence naming the option or argument, and where
help is. The English wording stays available with ``--lang en`` (or ``GONGKAI_LANG=en``). The
exit status is Click's (2 for a usage error), as the contract's "could not be read at all".
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence

from typer._click import exceptions as click_errors


def wants_english(argv: Sequence[str]) -> bool:
    """``--lang en`` / ``--lang=en`` anywhere on the command line, or GONGKAI_LANG=en."""
    for i, arg in enumerate(argv):
        if arg == "--lang=en" or (arg == "--lang" and i + 1 < len(argv) and argv[i + 1] == "en"):
            return True
    return os.environ.get("GONGKAI_LANG", "").lower() == "en"


def _param_hint(error: click_errors.UsageError) -> str:
    hint = getattr(error, "param_hint", None)
    param = getattr(error, "param", None)
    if hint is None and param is not None:
        ctx = error.ctx
        hint = param.get_error_hint(ctx) if ctx is not None else param.name
    if isinstance(hint, (list, tuple)):
        hint = " / ".join(str(h) for h in hint)
    return str(hint) if hint else ""


def sentence_zh(error: click_errors.UsageError) -> str:
    """The error as one Chinese sentence (Click's own message kept where it quotes the value)."""
    if isinstance(error, click_errors.NoSuchOption):
        out = f"没有这个选项：{error.option_name}"
        if error.possibilities:
            out += f"（是否想用：{'、'.join(sorted(error.possibilities))}）"
        return out
    if isinstance(error, click_errors.MissingParameter):
        kind = getattr(error.param, "param_type_name", "") if error.param is not None else ""
        what = {"argument": "参数", "option": "选项"}.get(kind, "参数")
        return f"缺少{what} {_param_hint(error)}".rstrip()
    if isinstance(error, click_errors.BadParameter):
        hint = _param_hint(error)
        return f"{hint} 的值无效：{error.message}" if hint else f"参数值无效：{error.message}"
    if isinstance(error, click_errors.BadOptionUsage):
        return f"选项 {error.option_name} 用法有误：{error.message}"
    if isinstance(error, click_errors.NoArgsIsHelpError):
        return "请给出子命令或参数"
    m = _NO_SUCH_COMMAND.match(error.message)
    if m:
        return f"没有这个子命令：{m.group(1)}"
    return f"用法有误：{error.message}"


_NO_SUCH_COMMAND = re.compile(r"No such command '(.+)'\.")


def report(error: click_errors.ClickException, argv: Sequence[str]) -> int:
    """Print ``error`` to stderr in the user's language; return the exit status."""
    english = wants_english(argv)
    if not isinstance(error, click_errors.UsageError):
        sys.stderr.write(("Error: " if english else "错误：") + error.format_message() + "\n")
        return error.exit_code
    ctx = error.ctx
    if isinstance(error, click_errors.NoArgsIsHelpError) and ctx is not None:
        sys.stderr.write(ctx.get_help() + "\n")
        return error.exit_code
    lines: list[str] = []
    if ctx is not None:
        usage = ctx.get_usage()
        lines.append(usage if english else usage.replace("Usage: ", "用法：", 1))
    lines.append(("Error: " + error.format_message()) if english else ("错误：" + sentence_zh(error)))
    if ctx is not None and ctx.command.get_help_option(ctx) is not None:
        help_cmd = f"{ctx.command_path} {ctx.help_option_names[0]}"
        lines.append(f"Try '{help_cmd}' for help." if english else f"运行 '{help_cmd}' 查看帮助。")
    sys.stderr.write("\n".join(lines) + "\n")
    return error.exit_code
