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
