"""Tables in Markdown that a PDF or OCR converter wrote, made into the rows the extraction expects.

Converters (MinerU, marker, pandoc, OCR tools) damage tables in a few typical ways. MinerU writes
each table as one line of HTML (``<table><tr><td rowspan="3">…``); a page break or a ruled group
cuts one table into several; two neighbouring cells come out as one cell holding both numbers
("3 0"); a row's label is lost. This module turns a loaded Markdown ``Document`` into a cleaner
one before extraction: HTML tables become grid rows with every position (a spanned position is
an empty cell, as in a pipe table), a row one cell short whose cell holds exactly the missing
numbers is split, and lost section 三 labels are restored only where the template's row order
and the table's arithmetic agree (see ``lost_labels``). Nothing else is changed.
"""

from __future__ import annotations

import re
from typing import Any

from gongkai.readers.document import BLANK_MARKS, Document, DocumentBuilder, fold
from gongkai.readers.lost_labels import restore_labels

_TABLE_OPEN = re.compile(r"<table\b", re.I)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.I)
_SPACED_NUMBERS = re.compile(r"\d+(?:\.\d+)?(?:\s+\d+(?:\.\d+)?)+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_ROW_VALUES = (7, 15)  # values in a row of section 三, and in section 四's one row
_MAX_SPAN = 64  # a span larger than any report table is a broken attribute, read as 1


def html_table_rows(fragment: str) -> list[list[str]]:
    """Every grid position of an HTML table, row by row; positions a span covers are empty."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(fragment)
    out: list[list[str]] = []
    covered: dict[tuple[int, int], bool] = {}
    for r, tr in enumerate(tree.css("tr")):
        row: list[str] = []
        col = 0
        for td in tr.iter():
            if td.tag not in ("td", "th"):
                continue
            while covered.pop((r, col), False):
                row.append("")
                col += 1
            text = " ".join(td.text(deep=True, separator=" ").split())
            rowspan, colspan = _span(td.attributes.get("rowspan")), _span(td.attributes.get("colspan"))
            row.append(text)
            for dc in range(colspan):
                if dc:
                    row.append("")
                for dr in range(1, rowspan):
                    covered[(r + dr, col + dc)] = True
            col += colspan
        while covered.pop((r, col), False):
            row.append("")
            col += 1
        out.append(row)
    return out


def _span(value: str | None) -> int:
    if value is None or not value.strip().isdigit():
        return 1
    n = int(value.strip())
    return n if 1 <= n <= _MAX_SPAN else 1


def split_merged(rows: list[list[str]]) -> int:
    """Split cells holding two numbers ("3 0") where the row is exactly that many cells short.

    Pipe tables are rectangular (and HTML tables are once their spans are laid out), so a row
    as many cells short of the table's widest row as its cells hold extra numbers had cells
    merged by the converter. So has a row whose values would then number exactly what a section
    三 or 四 row holds (7 or 15) — a table cut into pieces may have no full-width row to compare.
    Any other row is left as printed (the extraction then reports it): a number printed with a
    space inside is never cut by a guess. Returns how many rows were split.
    """
    width = max((len(r) for r in rows), default=0)
    done = 0
    for i, row in enumerate(rows):
        parts = [_numbers(c) for c in row]
        extra = sum(len(p) - 1 for p in parts if p is not None)
        if not extra:
            continue
        values = 0  # value cells at the row's end, not counting the blank positions before them
        blanks = 0
        for cell, p in zip(reversed(row), reversed(parts), strict=True):
            if p is None:
                break
            if cell.strip():
                values += 1 + blanks
                blanks = 0
            else:
                blanks += 1
        if width - len(row) != extra and not (values not in _ROW_VALUES and values + extra in _ROW_VALUES):
            continue
        rows[i] = [x for cell, p in zip(row, parts, strict=True) for x in (p if p is not None else [cell])]
        done += 1
    return done


def _numbers(cell: str) -> list[str] | None:
    """The numbers a value cell holds (one, or several separated by spaces); None for other text."""
    text = fold(cell).strip()
    if text in BLANK_MARKS or _NUMBER.fullmatch(text):
        return [cell]
    if _SPACED_NUMBERS.fullmatch(text):
        return text.split()
    return None


def normalise(doc: Document) -> Document:
    """The document with its converter-damaged tables repaired (or ``doc`` itself when none are)."""
    lines = doc.lines
    items: list[tuple[list[str], bool, str, int | None, int]] = []  # cells, grid, kind, level, number
    changed = False
    i = 0
    while i < len(lines):
        line = lines[i]
        texts = [c.text for c in line.cells]
        joined = "\t".join(texts)
        if line.kind != "row" and _TABLE_OPEN.search(joined):
            fragment = [joined]
            j = i
            while not _TABLE_CLOSE.search(fragment[-1]) and j + 1 < len(lines) and j - i < 2000:
                j += 1
                fragment.append("\t".join(c.text for c in lines[j].cells))
            whole = "\n".join(fragment)
            head, _, rest = whole.partition("<")
            if head.strip():
                items.append(([head.strip()], False, "text", None, line.number))
            rows = html_table_rows("<" + rest)
            tail = _TABLE_CLOSE.split(whole)[-1].strip() if _TABLE_CLOSE.search(whole) else ""
            items.extend((row, True, "row", None, line.number) for row in rows)
            if tail:
                items.append(([tail], False, "text", None, lines[j].number))
            changed = True
            i = j + 1
            continue
        grid = bool(line.cells) and line.cells[0].grid
        items.append((texts, grid, line.kind, line.level, line.number))
        i += 1
    for start, end in _table_runs(items):
        rows = [items[k][0] for k in range(start, end)]
        if split_merged(rows):
            changed = True
            for k, row in zip(range(start, end), rows, strict=True):
                items[k] = (row, *items[k][1:])
    row_cells = [item[0] for item in items if item[2] == "row"]
    restored, unplaced = restore_labels(row_cells)
    if restored:
        changed = True
    if unplaced:
        doc.meta["unplaced_rows"] = unplaced
    if not changed:
        return doc
    out = DocumentBuilder(doc.path, doc.format, doc.sha256)
    out.meta.update(doc.meta)
    if restored:
        out.meta["restored_labels"] = restored
    for cells, grid, kind, level, number in items:
        out.add(cells, grid=grid, kind=kind, level=level, number=number)
    return out.build()


def _table_runs(items: list[tuple[list[str], bool, str, int | None, int]]) -> list[tuple[int, int]]:
    """Index ranges of consecutive table rows: each a table as the converter printed it."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for k, item in enumerate(items):
        if item[2] == "row" and len(item[0]) > 1:
            if start is None:
                start = k
        elif start is not None:
            runs.append((start, k))
            start = None
    if start is not None:
        runs.append((start, len(items)))
    return runs


__all__: list[Any] = ["html_table_rows", "normalise", "split_merged"]
