"""(k) ``pdftotext`` without ``-layout`` (its default): a ruled table written cell by cell in the
order the PDF draws the cells, each cell a block of its own lines, blocks parted by a blank line.

Measured on the real PDFs in ``tests/data`` (``tests/data/text/pdftotext``): a label cell wraps at
its column's width; a row whose label fits where it is drawn comes out as the label, then its
seven values one per line; the spanning labels (三、本年度办理结果, （三）不予公开, …) and some row
labels are drawn later, after the rows they belong to — before a later row's own label, or after
the table — so their rows' values follow the previous row's with no label between them; a row's
label may be drawn before the previous row's values, both labels then standing before both rows
("（一）予以公开" / "（二）部分公开…" / values / values); and a page may end anywhere, its number
and a form feed standing among the values. Section 二 and 四 come in order here.

A row without its own label before its values can be read only by the template's row order with
the table's arithmetic confirming it; so in an unbalanced report, where a cell is blank, or where
a label drawn late stands right before such a row (it cannot be told from the row's own), the
section 三 cells may be null (``lenient`` "lost"), never wrong.
"""

from __future__ import annotations

import copy
import random

from gongkai.model.report import Report

from .cells import table_lines
from .common import Rendering, blocks
from .grid import GCell, Grid

_SECTION_3_DEFECTS = frozenset({"row_total", "balance", "outcome_total"})  # generate.DEFECTS that unbalance it


def _wrap(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def _block(text: str, width: int) -> list[str]:
    return [*_wrap(text, width), ""]


def requests_lines(rng: random.Random, grid: Grid) -> tuple[list[str], bool, bool]:
    """Section 三's grid in drawing order; whether a data row came out without its own label right
    before its values (then only the arithmetic can place it); and whether another row's label
    stands right before such a row's values."""
    width = rng.randint(4, 16)  # characters of the label column
    lines: list[str] = []
    for row in grid[:3]:  # the header: in order
        for cell in row:
            lines += _block(cell.text, rng.randint(4, 12))
    data = grid[3:]
    pending: list[list[str]] = []  # labels drawn later, in the order they were deferred
    unlabelled = stray = False
    skip_label: set[int] = set()  # rows whose label was drawn before the previous row's values
    late = rng.choice((0.0, 0.1, 0.25))  # how often a row's label is drawn late (0: every row in order)
    for i, row in enumerate(data):
        labels = [c for c in row if c.key is None]
        values = [c for c in row if c.key is not None]
        own = labels[-1]
        for cell in labels[:-1]:  # spanning labels: always drawn later
            pending.append(_block(cell.text, width))
        deferred = i not in skip_label and rng.random() < late
        hoist = not deferred and i not in skip_label and i + 1 < len(data) and rng.random() < late / 2
        if deferred:
            if pending and rng.random() < 0.1:
                # Labels drawn late may also stand right before a row with no label of its own: then
                # no label can be trusted to be its values' own, and the section may be left unread.
                for block in pending:
                    lines += block
                pending = []
                stray = True
            pending.append(_block(own.text, width))
            unlabelled = True
        elif i not in skip_label:
            for block in pending:  # labels drawn late stand before a row's own label
                lines += block
            pending = []
            lines += _block(own.text, width)
        if hoist:
            nxt = [c for c in data[i + 1] if c.key is None][-1]
            lines += _block(nxt.text, width)
            skip_label.add(i + 1)
            unlabelled = True
        lines += [x for cell in values for x in _value(cell)]
    for block in pending:
        lines += block
    if rng.random() < 0.5:  # a page ends inside the table, in a row or between two
        at = rng.randrange(len(lines))
        lines[at:at] = ["", f"-{rng.randint(2, 9)}-", "\f"]
    return lines, unlabelled, stray


def _value(cell: GCell) -> list[str]:
    return [cell.text, ""] if cell.text else []  # a blank cell draws nothing


def render(report: Report, rng: random.Random) -> Rendering:
    lines: list[str] = []
    lenient: dict[str, str] = {}
    for block in blocks(report):
        if block.kind == "table":
            assert block.grid is not None
            lines.append("")
            if block.table == "requests":
                table, unlabelled, stray = requests_lines(rng, block.grid)
                keys_ = [c.key for row in block.grid for c in row if c.key is not None]
                blank = any(report.cell(k) is None for k in keys_)
                unbalanced = bool(_SECTION_3_DEFECTS & set(report.meta["synth"]["defects"]))
                if blank or stray or (unlabelled and unbalanced):
                    lenient.update({k: "lost" for k in keys_})
                lines += table
            else:
                lines += [line.lstrip("\t") for line in table_lines(rng, block.grid)]
            lines.append("")
        else:
            lines += [block.text, ""]
    text = "\n".join(lines) + "\n"
    assert all(k.startswith(("active.", "requests.", "appeals.")) for k in lenient)
    return Rendering("drawing", "report.txt", text.encode("utf-8"), copy.deepcopy(report), lenient)


__all__ = ["render", "requests_lines"]
