"""The installed ``gongkai`` console script and ``python -m gongkai``, as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(sys.executable).with_name("gongkai")


def test_console_script_checks_a_seed(seed_paths: list[Path]) -> None:
    path = str(seed_paths[1])
    proc = subprocess.run([str(SCRIPT), "check", path, "--format", "json"], capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.returncode == 1, proc.stderr
    findings = json.loads(proc.stdout)
    assert any(f["rule"] == "template.version" and f["file"] == path for f in findings)


def test_console_script_reports_bad_input_without_traceback(tmp_path: Path) -> None:
    proc = subprocess.run([str(SCRIPT), "parse", str(tmp_path / "nope.pdf")], capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"{tmp_path / 'nope.pdf'}：文件不存在。"


def test_python_dash_m() -> None:
    proc = subprocess.run([sys.executable, "-m", "gongkai", "--version"], capture_output=True, text=True,
                          timeout=60, check=False)
    assert proc.returncode == 0
    assert proc.stdout.startswith("gongkai ")


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, **(env or {})})


def test_usage_errors_are_said_in_chinese_with_the_usage_line_and_where_help_is() -> None:
    unknown = _run("corpus", "build", "--bogus", "x")
    assert unknown.returncode == 2 and unknown.stdout == ""
    assert unknown.stderr.splitlines()[1:] == [
        "错误：没有这个选项：--bogus（是否想用：--out）",
        "运行 'gongkai corpus build --help' 查看帮助。",
    ]
    assert unknown.stderr.startswith("用法：gongkai corpus build [OPTIONS]")
    missing = _run("parse")
    assert missing.returncode == 2 and missing.stderr.splitlines()[1].startswith("错误：缺少参数 ")
    bad = _run("parse", "-f", "xml", "x.txt")
    assert bad.returncode == 2 and bad.stderr.splitlines()[1].startswith("错误：'--format' / '-f' 的值无效：'xml'")
    command = _run("nosuch")
    assert command.returncode == 2 and command.stderr.splitlines()[1] == "错误：没有这个子命令：nosuch"


def test_usage_errors_in_english_on_request() -> None:
    flag = _run("parse", "--lang", "en", "--bogus")
    assert flag.returncode == 2
    assert flag.stderr.splitlines()[1:] == ["Error: No such option: --bogus", "Try 'gongkai parse --help' for help."]
    env = _run("parse", "--bogus", env={"GONGKAI_LANG": "en"})
    assert env.stderr.splitlines()[1] == "Error: No such option: --bogus"


def test_help_and_exit_statuses_are_unchanged(seed_paths: list[Path]) -> None:
    assert _run("--help").returncode == 0
    assert _run("parse", "--help").returncode == 0
    assert _run("parse", "-f", "json", str(seed_paths[0])).returncode == 0
