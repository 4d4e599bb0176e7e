"""``gongkai parse``: contract JSON for machines, Rich tables for people, exit 2 on unreadable input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from .helpers import json_lines, run


def test_one_file_prints_one_pretty_object_valid_against_the_schema(
    seed_paths: list[Path], report_schema: dict[str, Any]
) -> None:
    path = str(seed_paths[2])
    result = run("parse", path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("{\n  ")  # pretty, not JSON Lines
    data = json.loads(result.stdout)
    jsonschema.validate(data, report_schema)
    assert data["source"]["path"] == path
    assert data["agency"]["name"] == "偃师区缙氏镇人民政府"
    assert data["year"] == 2023
    assert "缙氏镇" in result.stdout  # ensure_ascii=False: Chinese stays readable
    assert result.stderr == ""


@pytest.mark.parametrize("index", range(5))
def test_every_seed_parses_to_valid_json(seed_paths: list[Path], report_schema: dict[str, Any], index: int) -> None:
    result = run("parse", str(seed_paths[index]), "-f", "json")
    assert result.exit_code == 0, result.stderr
    jsonschema.validate(json.loads(result.stdout), report_schema)


def test_several_files_print_json_lines_in_argument_order(
    seed_paths: list[Path], report_schema: dict[str, Any]
) -> None:
    paths = [str(seed_paths[3]), str(seed_paths[0])]
    result = run("parse", *paths, "--format", "json")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    objects = [json.loads(line) for line in lines]
    assert [o["source"]["path"] for o in objects] == paths
    for obj in objects:
        jsonschema.validate(obj, report_schema)


def test_a_directory_expands_to_its_report_files_sorted(seeds_dir: Path, seed_paths: list[Path]) -> None:
    result = run("parse", str(seeds_dir), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [o["source"]["path"] for o in json_lines(result.stdout)] == [str(p) for p in seed_paths]


def test_table_output_uses_the_printed_chinese_labels(seed_paths: list[Path]) -> None:
    result = run("parse", str(seed_paths[4]))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for label in ("宁武县涇山乡人民政府", "一、本年新收政府信息公开申请数量", "自然人", "行政复议", "尚未审结",
                  "行政规范性文件", "落款日期", "2024-01-10"):
        assert label in out, label


def test_table_output_in_english(seed_paths: list[Path]) -> None:
    result = run("parse", str(seed_paths[4]), "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "published on" in result.stdout
    assert "natural_person" in result.stdout


def test_unreadable_file_exits_2_names_it_and_still_prints_the_others(
    tmp_path: Path, seed_paths: list[Path], report_schema: dict[str, Any]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("parse", str(empty), str(seed_paths[1]), "--format", "json")
    assert result.exit_code == 2
    (obj,) = json_lines(result.stdout)
    jsonschema.validate(obj, report_schema)
    assert obj["source"]["path"] == str(seed_paths[1])
    lines = result.stderr.strip().splitlines()
    assert lines == [f"{empty}：文件为空，没有可读取的内容。"]


def test_unreadable_single_file_prints_nothing_on_stdout(tmp_path: Path) -> None:
    missing = tmp_path / "missing.html"
    result = run("parse", str(missing), "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip() == f"{missing}：文件不存在。"


def test_english_error_sentence(tmp_path: Path) -> None:
    missing = tmp_path / "missing.html"
    result = run("parse", str(missing), "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{missing}: no such file."


def test_many_files_stream_pure_json_lines(tmp_path: Path, seed_paths: list[Path]) -> None:
    for i in range(7):
        (tmp_path / f"r{i}.txt").write_bytes(seed_paths[i % 5].read_bytes())
    result = run("parse", str(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    paths = [o["source"]["path"] for o in json_lines(result.stdout)]
    assert paths == [str(tmp_path / f"r{i}.txt") for i in range(7)]


def test_off_a_terminal_many_files_leave_stderr_empty(tmp_path: Path, seed_paths: list[Path]) -> None:
    """The progress bar is for a terminal: in a pipe or a log it left an empty line behind."""
    import subprocess
    import sys

    for i in range(7):
        (tmp_path / f"r{i}.txt").write_bytes(seed_paths[i % 5].read_bytes())
    proc = subprocess.run([sys.executable, "-m", "gongkai", "parse", str(tmp_path), "-f", "json"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert len(proc.stdout.splitlines()) == 7
