"""(b) Seed 002: one table row per line, cells separated by tabs, leading tabs for merged cells and
sometimes trailing tabs; headings and paragraphs as plain lines with blank lines between; labels
sometimes misprinted as in real reports ("2.其他法律行政止公开", "现行有效件")."""

from __future__ import annotations

import copy
import random

from gongkai.model.report import Report

from .common import Rendering, blocks, positions
from .grid import Grid

#: Misprints seen in published reports (seed 004, corpus notes): the reader must still place the row.
MISPRINTS = {"2.其他法律行政法规禁止公开": "2.其他法律行政止公开", "现行有效件数": "现行有效件"}


def row_cells(grid: Grid, rng: random.Random | None = None) -> list[list[str]]:
    """Every grid position; covered positions are empty strings. With ``rng``, some misprints."""
    def text(cell_text: str) -> str:
        if rng is not None and cell_text in MISPRINTS and rng.random() < 0.3:
            return MISPRINTS[cell_text]
        return cell_text

    return [[text(slot.cell.text) if slot.kind == "start" else "" for slot in row] for row in positions(grid)]


def render(report: Report, rng: random.Random) -> Rendering:
    trailing = rng.random() < 0.5
    out: list[str] = ["", ""] if rng.random() < 0.5 else []
    for block in blocks(report):
        if block.kind == "table":
            assert block.grid is not None
            for cells in row_cells(block.grid, rng):
                out.append("\t".join(cells) + ("\t" if trailing and rng.random() < 0.5 else ""))
            out.append("")
        elif block.kind == "title":
            out.append(block.text)
        else:
            out += [block.text, ""]
    text = "\n".join(out)
    return Rendering("tabs", "report.txt", text.encode("utf-8"), copy.deepcopy(report))
