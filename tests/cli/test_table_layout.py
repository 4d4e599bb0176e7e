"""The report tables as people see them: every column shown whatever the console's width."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from gongkai import api
from gongkai.cli.output import report_renderable
from gongkai.model.template import REQUEST_COLUMN_LABELS


def _draw(path: Path, width: int) -> list[str]:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(report_renderable(api.read(path)))
    return console.file.getvalue().splitlines()  # type: ignore[attr-defined]


def _requests_rows(lines: list[str]) -> list[str]:
    start = next(i for i, line in enumerate(lines) if line.startswith("收到和处理政府信息公开申请情况"))
    return lines[start:]


def test_at_120_columns_section_3_keeps_every_header_whole_and_each_row_on_one_line(seed_paths: list[Path]) -> None:
    lines = _requests_rows(_draw(seed_paths[4], 120))
    header = next(line for line in lines if "自然人" in line)
    for label in REQUEST_COLUMN_LABELS.values():
        assert label in header, label  # not cut to "社会公…"
    assert "…" not in header
    assert all(len(line) <= 120 for line in lines)
    row = next(line for line in lines if "一、本年新收政府信息公开申请数量" in line)
    assert len(row.split()) == 1 + len(REQUEST_COLUMN_LABELS)  # the label whole, then the seven numbers


@pytest.mark.parametrize("width", [60, 80, 100])
def test_on_a_narrow_console_the_label_folds_and_no_number_column_disappears(
    seed_paths: list[Path], width: int
) -> None:
    lines = _requests_rows(_draw(seed_paths[4], width))
    first = next(i for i, line in enumerate(lines) if line.lstrip().startswith("一、"))
    numbers = lines[first].split()[1:]
    assert len(numbers) == len(REQUEST_COLUMN_LABELS)
    assert all(n.isdigit() or n == "—" for n in numbers), numbers
