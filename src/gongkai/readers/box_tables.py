"""Tables drawn with box characters, as text browsers and console tools write them (``w3m -dump``).

    ├──────────────────┼──────┼────────┼──
    │一、本年新收政府信息公开申请数量 │ 821  │   35   │        │
    │                  │（三）不予公开├──────────┼──────┼──

A line of cells between "│" becomes one tab-separated line, an empty cell staying an empty cell,
so a row keeps every position. A rule that runs under some columns only ("├──┼──") stands where
a cell spanning several rows (a group label such as "（三）不予公开") prints its text; that text is
kept as a line of its own, where the extraction reads group labels.

A cell too narrow for its text goes on over the next line: "（七）总计 │４８│５ │" / "│ │ │６│" is
56 in the last column. Lines are joined only where that is certain: the table rules every row
(so two lines between rules are one row), and every cell the second line prints text in is filled
to its edge on the first. Otherwise each line stays a row of its own: joining two rows' cells would
glue their numbers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

#: Characters that separate cells: vertical lines and the junctions a rule makes with them.
_SEPARATORS = re.compile("[│┃║├┤┼┬┴┌┐└┘╞╡╪╟╢╫┣┫╋┳┻┏┓┗┛╠╣╬╦╩╔╗╚╝]")
_RULE = re.compile("[─━═╌╍┄┅┈┉]+")  # a cell's width of rule
VERTICALS = ("│", "┃", "║")
_RULE_CHARS = ("─", "━", "═")


def unbox(numbered: Iterable[tuple[int, str]]) -> list[tuple[int, str]]:
    """The lines with every box-drawn table row as one tab-separated line; other lines unchanged."""
    out: list[tuple[int, str]] = []
    block: list[tuple[int, str]] = []
    for number, line in numbered:
        if any(v in line for v in VERTICALS) or any(r in line for r in _RULE_CHARS):
            block.append((number, line))
            continue
        if block:
            out += _table(block)
            block = []
        out.append((number, line))
    if block:
        out += _table(block)
    return out


def _table(block: list[tuple[int, str]]) -> list[tuple[int, str]]:
    lines: list[tuple[int, list[str] | None, str]] = []  # (number, raw cells or None for a rule, spanning text)
    for number, line in block:
        raw = _SEPARATORS.split(line.strip())
        if raw and not raw[0].strip():
            raw = raw[1:]  # before the first vertical line
        if raw and not raw[-1].strip():
            raw = raw[:-1]  # after the last
        ruled = [_RULE.fullmatch(p.strip()) is not None for p in raw]
        if any(ruled) or not raw:
            texts = [p.strip() for p, r in zip(raw, ruled, strict=True) if p.strip() and not r]
            lines.append((number, None, " ".join(texts)))
        else:
            lines.append((number, raw, ""))
    # Rows between rules: the table rules every row when its lines of cells come in more than two runs.
    runs = sum(1 for i, (_n, cells, _t) in enumerate(lines) if cells is not None and (i == 0 or lines[i - 1][1] is None))
    out: list[tuple[int, str]] = []
    row: tuple[int, list[str]] | None = None  # the row read so far, its cells as printed
    for number, cells, text in lines:
        if cells is None:
            if row is not None:
                out.append(_joined(row))
                row = None
            if text:  # the text of a cell spanning rows, printed beside the rule
                out.append((number, text))
            continue
        if row is not None and runs > 2 and _goes_on(row[1], cells):
            row = (row[0], [a.rstrip() + b.strip() if b.strip() else a for a, b in zip(row[1], cells, strict=True)])
            continue
        if row is not None:
            out.append(_joined(row))
        row = (number, cells)
    if row is not None:
        out.append(_joined(row))
    return out


def _joined(row: tuple[int, list[str]]) -> tuple[int, str]:
    return row[0], "\t".join(cell.strip() for cell in row[1])


def _goes_on(above: list[str], below: list[str]) -> bool:
    """Whether ``below`` continues the cells of ``above``: as many cells, and each that ``below``
    prints text in is filled to its edge in ``above`` (its text wrapped there)."""
    if len(above) != len(below):
        return False
    return any(b.strip() for b in below) and all(
        not b.strip() or (a.strip() and _width(a.rstrip()) >= _width(b)) for a, b in zip(above, below, strict=True)
    )


def _width(text: str) -> int:
    """Display columns: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
