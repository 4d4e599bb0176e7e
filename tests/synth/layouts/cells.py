"""(a) Word exported to text, seeds 000/001/003: one cell per line, tab-indented, blank line
between rows, header cells split over lines, an empty cell where a merged cell continues down,
stray spaces around values and Word's "[bookmark: _GoBack]" artifact."""

from __future__ import annotations

import copy
import random

from gongkai.model.report import Report

from .common import Rendering, blocks, is_header_row, positions
from .grid import Grid


def _split(rng: random.Random, text: str, blank: bool) -> str:
    if not 3 <= len(text) <= 7 or rng.random() < 0.4:
        return text
    k = rng.randint(1, len(text) - 1)
    return text[:k] + ("\n\n" if blank else "\n") + text[k:]


def table_lines(rng: random.Random, grid: Grid) -> list[str]:
    blank_splits = rng.random() < 0.3  # seed 001 puts an empty line inside split header cells
    stray = rng.random() < 0.3  # seed 003: "\t 0" and "\t0 "
    lines: list[str] = []
    for row in positions(grid):
        header = is_header_row(row)
        for slot in row:
            if slot.kind == "start":
                text = slot.cell.text
                if header:
                    text = _split(rng, text, blank_splits)
                elif stray and slot.cell.key is not None:
                    text = rng.choice((f" {text}", f"{text} ", text))
                lines.append("\t" + text)
            elif slot.kind == "below" and slot.first_of_cover:
                lines.append("\t")
        lines.append("")
    return lines


def render(report: Report, rng: random.Random) -> Rendering:
    lines: list[str] = []
    for block in blocks(report):
        if block.kind == "table":
            assert block.grid is not None
            lines.append("")
            lines += table_lines(rng, block.grid)
            lines.append("")
        elif block.kind == "signature" or block.kind == "date":
            lines += ["", " " * rng.choice((0, 23)) + block.text]
        elif block.kind == "heading" and block.number == 6 and rng.random() < 0.3:
            lines.append("[bookmark: _GoBack]" + block.text)  # a Word artifact, as in seed 003
        else:
            lines.append(block.text)
    text = "\n".join(lines) + "\n"
    return Rendering("cells", "report.txt", text.encode("utf-8"), copy.deepcopy(report))
