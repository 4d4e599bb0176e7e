"""The one intermediate shape every format reader produces before extraction.

A ``Document`` is the source's text laid out as lines of cells. Plain text keeps its own lines
(cells split at tabs or Markdown pipes); HTML, DOCX and PDF readers emit a paragraph as a line of
one cell and a table row as a line of its cells. Extraction then works on ``text`` — the lines
joined with "\\n" and cells with "\\t" — so that one set of rules reads every format, while each
cell keeps the structured provenance (element path, page) its reader knew.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from gongkai.model.provenance import Where

# Full-width ASCII → ASCII and the ideographic space → space, one character for one, so that
# offsets in the folded text are offsets in the original.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20
_FOLD[0xA0] = 0x20  # no-break space (&nbsp;)
_FOLD[0x2002] = 0x20
_FOLD[0x2003] = 0x20
_FOLD[0x2009] = 0x20
_FOLD[0x200B] = 0x20  # zero-width space; kept as a space so that lengths stay equal
_FOLD[0xFEFF] = 0x20
_FOLD[0x2212] = ord("-")  # minus sign
_FOLD[0xFF0E] = ord(".")


_BREAKS = re.compile(r"[\t\r\n]")


_FOLD_CHARS = {chr(k): chr(v) for k, v in _FOLD.items()}
_FOLDABLE = re.compile("[" + re.escape("".join(_FOLD_CHARS)) + "]")


def fold(text: str) -> str:
    """Fold full-width forms to ASCII without changing the length of ``text``.

    Replacing each distinct foldable character is several times faster than ``str.translate``,
    which looks up every character of a CJK text in the table.
    """
    for ch in set(_FOLDABLE.findall(text)):
        text = text.replace(ch, _FOLD_CHARS[ch])
    return text


#: What a table cell may print instead of a number; read as blank, never as 0.
BLANK_MARKS = frozenset({"", "-", "—", "——", "－", "/", "／", "无", "空", "\\"})


class Cell(NamedTuple):
    """One cell of a line; a tuple because a report makes hundreds of them (readers never change one)."""

    text: str  # as printed
    start: int  # offset of the first character in ``Document.text``
    grid: bool  # the cell boundary is structural (table cell, tab, pipe): blank cells count
    where: Where | None  # structured provenance (element path, page), if the reader knows it
    end: int  # offset after the last character


@dataclass(slots=True)
class Line:
    cells: list[Cell]
    number: int  # 1-based line number in the source (plain text) or in the linearised document
    kind: str = "text"  # "text" | "row" (a table row) | "heading"
    level: int | None = None  # heading level when the source marks it (Markdown #, Word style, <h2>)


@dataclass(slots=True)
class Document:
    path: str
    format: str  # contract source format: text | markdown | html | docx | pdf
    lines: list[Line]
    sha256: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # e.g. {"title": ..., "published": "2024-03-08"}
    _text: str | None = None
    _folded: str | None = None
    _starts: list[int] | None = None
    _blanks: tuple[list[int], list[Cell]] | None = None
    _paths: bool = False
    cache: dict[str, Any] = field(default_factory=dict)  # derived data extraction computes once

    @property
    def text(self) -> str:
        """All lines joined by "\\n", cells by "\\t": the string cell offsets refer to."""
        if self._text is None:
            self._text = "\n".join("\t".join(c.text for c in line.cells) for line in self.lines)
        return self._text

    @property
    def folded(self) -> str:
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    def blank_cells(self) -> tuple[list[int], list[Cell]]:
        """Grid cells that print nothing countable ("", "—", "/", "无"), sorted by offset."""
        if self._blanks is None:
            cells = [
                c for line in self.lines for c in line.cells if c.grid and c.text.strip() in BLANK_MARKS
            ]
            self._blanks = ([c.start for c in cells], cells)
        return self._blanks

    def line_index(self, offset: int) -> int:
        """Index in ``lines`` of the line holding ``offset`` of ``text``."""
        if self._starts is None:
            self._starts = [line.cells[0].start if line.cells else 0 for line in self.lines]
            self._paths = any(c.where is not None for line in self.lines for c in line.cells)
        i = bisect.bisect_right(self._starts, offset) - 1
        return i if i > 0 else 0

    def line_at(self, offset: int) -> Line:
        return self.lines[self.line_index(offset)]

    def cell_at(self, offset: int) -> Cell | None:
        for cell in self.line_at(offset).cells:
            if cell.start <= offset <= cell.end:
                return cell
        return None

    def where(self, start: int, end: int, raw: str | None = None) -> Where:
        """Provenance for ``text[start:end]``: line and offsets, plus the cell's own path/page."""
        if self._starts is None:
            self.line_index(0)
        i = bisect.bisect_right(self._starts, start) - 1  # type: ignore[arg-type]
        line = self.lines[i if i > 0 else 0]
        if not self._paths:  # plain text: the line and the offsets say it all
            return Where(line.number, start, end, None, None, raw)
        base = None
        for cell in line.cells:
            if cell.start <= start <= cell.end:
                base = cell.where
                break
        return Where(
            line=line.number,
            start=start if base is None or base.start is None else base.start,
            end=end if base is None or base.end is None else base.end,
            path=base.path if base else None,
            page=base.page if base else None,
            raw=raw,
        )


class DocumentBuilder:
    """Builds a Document line by line, keeping cell offsets consistent with ``Document.text``."""

    def __init__(self, path: str, format: str, sha256: str | None = None) -> None:
        self.path = path
        self.format = format
        self.sha256 = sha256
        self.lines: list[Line] = []
        self._offset = 0
        self.meta: dict[str, Any] = {}
        # Built as lines are added, so that the document needs no further pass over its cells.
        self._parts: list[str] = []  # each line's text
        self._starts: list[int] = []  # each line's offset
        self._blanks: list[Cell] = []  # grid cells printing a blank mark
        self._paths = False  # some cell has structured provenance

    def add(
        self,
        texts: list[str],
        *,
        grid: bool = False,
        wheres: list[Where | None] | None = None,
        kind: str = "text",
        level: int | None = None,
        number: int | None = None,
    ) -> Line:
        """Append one line of cells. Tabs and newlines inside a cell are turned into spaces."""
        if len(texts) < 2:
            if not texts:
                texts = [""]
            if wheres is None:
                return self.add_text(texts[0], grid=grid, kind=kind, level=level, number=number)
        joined = "\t".join(texts)
        if "\n" in joined or "\r" in joined or joined.count("\t") != len(texts) - 1:
            texts = [_BREAKS.sub(" ", t) for t in texts]
            joined = "\t".join(texts)
        start = offset = self._offset
        cells: list[Cell] = []
        append = cells.append
        new = tuple.__new__
        if wheres is None:
            for text in texts:
                end = offset + len(text)
                append(new(Cell, (text, offset, grid, None, end)))
                offset = end + 1  # the "\t" between cells, or the "\n" after the line
        else:
            for text, where in zip(texts, wheres, strict=True):
                end = offset + len(text)
                append(new(Cell, (text, offset, grid, where, end)))
                offset = end + 1
            if not self._paths:
                self._paths = any(w is not None for w in wheres)
        if grid:
            blanks = self._blanks
            for cell in cells:
                if cell.text.strip() in BLANK_MARKS:
                    blanks.append(cell)
        self._parts.append(joined)
        self._starts.append(start)
        self._offset = offset
        line = Line(cells, number if number is not None else len(self.lines) + 1, kind, level)
        self.lines.append(line)
        return line

    def add_text(
        self, text: str, *, grid: bool = False, kind: str = "text", level: int | None = None, number: int | None = None
    ) -> Line:
        """Append a line of one cell: the common case of plain text, kept cheap."""
        if "\t" in text or "\n" in text or "\r" in text:
            text = _BREAKS.sub(" ", text)
        offset = self._offset
        end = offset + len(text)
        self._offset = end + 1
        cell = tuple.__new__(Cell, (text, offset, grid, None, end))
        if grid and text.strip() in BLANK_MARKS:
            self._blanks.append(cell)
        self._parts.append(text)
        self._starts.append(offset)
        line = Line([cell], number if number is not None else len(self.lines) + 1, kind, level)
        self.lines.append(line)
        return line

    def build(self) -> Document:
        return Document(
            self.path, self.format, self.lines, self.sha256, self.meta,
            _text="\n".join(self._parts), _starts=self._starts,
            _blanks=([c.start for c in self._blanks], self._blanks), _paths=self._paths,
        )
