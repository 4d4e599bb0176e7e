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
from gongkai.readers.lost_labels import LABEL_ROW_CELLS as _LABEL_ROW
from gongkai.readers.lost_labels import restore_labels, unlabelled_lines

_TABLE_OPEN = re.compile(r"<table\b", re.I)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.I)
_SPACED_NUMBERS = re.compile(r"\d+(?:\.\d+)?(?:\s+\d+(?:\.\d+)?)+")
_BR = re.compile(r"<br\s*/?>", re.I)
_SPACED = re.compile(r"[0-9０-９][ \u3000\xa0]+[0-9０-９]")  # cheap test before the exact one
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


def split_br_row(cells: list[str]) -> list[list[str]]:
    """A pipe row whose cells hold line breaks ("3<br>0"): the rows a converter stacked into one.

    marker and pandoc write a row of cells merged vertically as one row with ``<br>`` in each cell.
    When every cell that holds something holds the same number of parts, each part is its own
    row; otherwise the breaks are wrapped text or the rows cannot be told apart, and they become
    spaces (numbers stay unsplit, so the extraction reports such a cell instead of guessing).
    """
    parts = [[p.strip() for p in _BR.split(c)] for c in cells]
    values = {len(p) for p in parts if any(p) and all(_numbers(x) is not None for x in p)}
    labels = {len(p) for p in parts if any(p) and not all(_numbers(x) is not None for x in p)}
    if len(values) == 1 and (k := next(iter(values))) > 1 and labels <= {k}:
        # (a label printed once beside the stacked rows could be either row's: then no split)
        return [[p[j] if len(p) == k else "" for p in parts] for j in range(k)]
    return [[" ".join(x for x in p if x) for p in parts]]


def split_merged(rows: list[list[str]]) -> int:
    """Split cells holding two numbers ("3 0") where the row is exactly that many cells short.

    Pipe tables are rectangular (and HTML tables are once their spans are laid out), so a row
    as many cells short of the table's widest row as its cells hold extra numbers had cells
    merged by the converter. So has a row whose values would then number exactly what a section
    三 or 四 row holds (7 or 15) — a table cut into pieces may have no full-width row to compare.
    Any other row is left as printed (the extraction then reports it): a number printed with a
    space inside is never cut by a guess. Rows are changed in place; returns how many were split.
    """
    width = max((len(r) for r in rows), default=0)
    done = 0
    for row in rows:
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
        row[:] = [x for cell, p in zip(row, parts, strict=True) for x in (p if p is not None else [cell])]
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


def _spaced(text: str) -> bool:
    """Whether two numbers stand in one cell, separated by spaces (``_SPACED``); most Markdown has
    no space at all between its CJK words and tab-separated cells, told by three substring tests."""
    return ("\x20" in text or "\u3000" in text or "\xa0" in text) and _SPACED.search(text) is not None


def normalise(doc: Document) -> Document:
    """The document with its converter-damaged tables repaired (or ``doc`` itself when none are).

    Works on the document's text (a line's cells are its tab-separated parts) and makes ``Line``
    objects only when something changed and the document is rebuilt: most Markdown has nothing
    to repair, and reading it must cost little more than reading it as text.
    """
    lines = doc.lines
    texts = doc.text.split("\n")
    if "<" not in doc.text and not _spaced(doc.text):
        # No HTML table, no <br>, no two numbers in one cell: the tables are as a well-formed
        # Markdown file prints them, and only a row without its label could change a line.
        # (restore_labels looks at rows of seven cells or more, so it is given only those.)
        if not unlabelled_lines(texts):
            return doc
        wide = [texts[i].split("\t") for i in range(len(texts)) if lines.is_row(i, _LABEL_ROW)]
        restored, unplaced = restore_labels(wide)  # (which asks ``may_restore`` first)
        if not restored:  # e.g. the 2019 row "（六）其他处理", which is read by its printed label
            if unplaced:
                doc.meta["unplaced_rows"] = unplaced
            return doc
    html = _TABLE_OPEN.search(doc.text) is not None
    # (the row's cells, or None for a line kept as it is; source line index; is a table row)
    items: list[tuple[list[str] | None, int, bool]] = []
    changed = False
    i = 0
    while i < len(texts):
        is_row = lines.is_row(i, 2)
        if html and not is_row and _TABLE_OPEN.search(texts[i]):
            j = i
            while not _TABLE_CLOSE.search(texts[j]) and j + 1 < len(texts) and j - i < 2000:
                j += 1
            whole = "\n".join(t.replace("\t", " ") for t in texts[i:j + 1])
            head, _, rest = whole.partition("<")
            if head.strip():
                items.append(([head.strip()], i, False))
            items.extend((row, i, True) for row in html_table_rows("<" + rest))
            tail = _TABLE_CLOSE.split(whole)[-1].strip() if _TABLE_CLOSE.search(whole) else ""
            if tail:
                items.append(([tail], j, False))
            changed = True
            i = j + 1
            continue
        if is_row and "<" in texts[i] and _BR.search(texts[i]):
            items.extend((cells, i, True) for cells in split_br_row(texts[i].split("\t")))
            changed = True
        else:
            items.append((texts[i].split("\t") if is_row else None, i, is_row))
        i += 1
    for start, end in _table_runs(items):
        rows = [items[k][0] or [] for k in range(start, end)]
        # one search over the run: a tab ends a match of _SPACED, so none spans two cells
        if _SPACED.search("\t".join("\t".join(row) for row in rows)) and split_merged(rows):
            changed = True
    restored, unplaced = restore_labels([cells for cells, _i, is_row in items if is_row and cells is not None])
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
    for cells, index, is_row in items:
        line = lines[index]
        if cells is None:
            out.add([c.text for c in line.cells], grid=bool(line.cells) and line.cells[0].grid, kind=line.kind,
                    level=line.level, number=line.number)
        else:
            out.add(cells, grid=is_row, kind="row" if is_row else "text", number=line.number)
    return out.build()


def _table_runs(items: list[tuple[list[str] | None, int, bool]]) -> list[tuple[int, int]]:
    """Index ranges of consecutive table rows: each a table as the converter printed it."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for k, (cells, _index, is_row) in enumerate(items):
        if is_row and cells is not None and len(cells) > 1:
            if start is None:
                start = k
        elif start is not None:
            runs.append((start, k))
            start = None
    if start is not None:
        runs.append((start, len(items)))
    return runs


__all__: list[Any] = ["html_table_rows", "normalise", "split_merged"]
