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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, overload

from gongkai.model.provenance import Where
from gongkai.readers.radicals import RADICALS

# Full-width ASCII → ASCII, the ideographic space → space and radical code points → ideographs
# (``radicals``), one character for one, so that offsets in the folded text are offsets in the original.
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


_FOLD_CHARS = {chr(k): chr(v) for k, v in _FOLD.items()} | RADICALS  # pdfminer's "⼀" for 一


def _char_class(chars: set[str]) -> str:
    """A regex character class of ``chars`` with each run of consecutive code points as one range:
    compiling a class of three hundred single characters cost ten million instructions at start-up."""
    points = sorted(map(ord, chars))
    parts: list[str] = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        first, last = re.escape(chr(points[i])), re.escape(chr(points[j]))
        parts.append(first if i == j else f"{first}-{last}")
        i = j + 1
    return "[" + "".join(parts) + "]"


_FOLDABLE = re.compile(_char_class(set(_FOLD_CHARS)))


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


class Lines(Sequence[Line]):
    """The document's lines, made into ``Line`` objects only when asked for.

    A report has hundreds of lines (one per table cell in text copied out of Word) but extraction
    looks at few of them one by one: it works on the joined text, and needs a line's cells only
    around anchors, headings and the signature. Keeping each line as its text and offset until
    then makes loading several times cheaper.
    """

    __slots__ = ("_info", "_made", "_parts", "_starts")

    def __init__(self, parts: list[str], starts: list[int],
                 info: list[tuple[int, str, int | None, bool, list[Where | None] | None]]) -> None:
        self._parts = parts  # each line's text, cells joined by "\t" (cells hold no tabs)
        self._starts = starts  # each line's offset in the document text
        self._info = info  # (number, kind, level, grid, wheres) of each line
        self._made: dict[int, Line] = {}

    def __len__(self) -> int:
        return len(self._parts)

    @overload
    def __getitem__(self, index: int) -> Line: ...
    @overload
    def __getitem__(self, index: slice) -> list[Line]: ...

    def __getitem__(self, index: int | slice) -> Line | list[Line]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._parts)))]
        if index < 0:
            index += len(self._parts)
        line = self._made.get(index)
        if line is None:
            line = self._made[index] = self._make(index)
        return line

    def __iter__(self) -> Iterator[Line]:
        for i in range(len(self._parts)):
            yield self[i]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Lines, list)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Lines({len(self)} lines)"

    def is_grid(self, index: int) -> bool:
        return self._info[index][3]

    def is_row(self, index: int, cells: int) -> bool:
        """Whether line ``index`` is a table row (grid cells) of at least ``cells`` cells."""
        info = self._info[index]
        return info[1] == "row" and info[3] and self._parts[index].count("\t") >= cells - 1

    def _make(self, index: int) -> Line:
        number, kind, level, grid, wheres = self._info[index]
        offset = self._starts[index]
        cells: list[Cell] = []
        append = cells.append
        new = tuple.__new__
        if wheres is None:
            for text in self._parts[index].split("\t"):
                end = offset + len(text)
                append(new(Cell, (text, offset, grid, None, end)))
                offset = end + 1
        else:
            for text, where in zip(self._parts[index].split("\t"), wheres, strict=True):
                end = offset + len(text)
                append(new(Cell, (text, offset, grid, where, end)))
                offset = end + 1
        return Line(cells, number, kind, level)


@dataclass(slots=True)
class Document:
    path: str
    format: str  # contract source format: text | markdown | html | docx | pdf
    lines: Lines
    sha256: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # e.g. {"title": ..., "published": "2024-03-08"}
    _text: str | None = None
    _folded: str | None = None
    _paths: bool = False  # some cell has structured provenance (an element path or page)
    cache: dict[str, Any] = field(default_factory=dict)  # derived data extraction computes once

    @property
    def text(self) -> str:
        """All lines joined by "\n", cells by "\t": the string cell offsets refer to."""
        if self._text is None:
            self._text = "\n".join(self.lines._parts)
        return self._text

    @property
    def folded(self) -> str:
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    def blanks_in(self, start: int, end: int) -> list[Cell]:
        """Grid cells lying in ``text[start:end]`` that print nothing countable ("", "—", "/", "无")."""
        out: list[Cell] = []
        lines = self.lines
        starts = lines._starts
        i = self.line_index(start)
        while i < len(starts) and starts[i] < end:
            if lines.is_grid(i):
                for cell in lines[i].cells:
                    if start <= cell.start < end and cell.end <= end and cell.text.strip() in BLANK_MARKS:
                        out.append(cell)
            i += 1
        return out

    def line_index(self, offset: int) -> int:
        """Index in ``lines`` of the line holding ``offset`` of ``text``."""
        i = bisect.bisect_right(self.lines._starts, offset) - 1
        return i if i > 0 else 0

    def line_at(self, offset: int) -> Line:
        return self.lines[self.line_index(offset)]

    def wheres(self, spans: list[tuple[int, int, str | None]]) -> list[Where]:
        """``where`` for each (start, end, raw) of a row's values: one call for the row, as this
        runs for every value of every table."""
        if self._paths:
            return [self.where(start, end, raw) for start, end, raw in spans]
        starts = self.lines._starts
        info = self.lines._info
        new = tuple.__new__
        find = bisect.bisect_right
        out = []
        for start, end, raw in spans:
            i = find(starts, start) - 1
            out.append(new(Where, (info[i if i > 0 else 0][0], start, end, None, None, raw)))
        return out

    def where(self, start: int, end: int, raw: str | None = None) -> Where:
        """Provenance for ``text[start:end]``: line and offsets, plus the cell's own path/page."""
        i = bisect.bisect_right(self.lines._starts, start) - 1
        i = i if i > 0 else 0
        if not self._paths:  # plain text: the line and the offsets say it all
            # the line number without making the line
            return tuple.__new__(Where, (self.lines._info[i][0], start, end, None, None, raw))
        line = self.lines[i]
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
        self._offset = 0
        self.meta: dict[str, Any] = {}
        self._parts: list[str] = []  # each line's text
        self._starts: list[int] = []  # each line's offset
        self._info: list[tuple[int, str, int | None, bool, list[Where | None] | None]] = []
        self._paths = False  # some cell has structured provenance
        self.lines = Lines(self._parts, self._starts, self._info)

    def add(
        self,
        texts: list[str],
        *,
        grid: bool = False,
        wheres: list[Where | None] | None = None,
        kind: str = "text",
        level: int | None = None,
        number: int | None = None,
    ) -> None:
        """Append one line of cells. Tabs and newlines inside a cell are turned into spaces."""
        if len(texts) < 2:
            if not texts:
                texts = [""]
            if wheres is None:
                self.add_text(texts[0], grid=grid, kind=kind, level=level, number=number)
                return
        joined = "\t".join(texts)
        if "\n" in joined or "\r" in joined or joined.count("\t") != len(texts) - 1:
            texts = [_BREAKS.sub(" ", t) for t in texts]
            joined = "\t".join(texts)
        if wheres is not None:
            if len(wheres) != len(texts):
                raise ValueError("one provenance per cell")
            if not self._paths:
                self._paths = any(w is not None for w in wheres)
        self._parts.append(joined)
        self._starts.append(self._offset)
        self._info.append((number if number is not None else len(self._parts), kind, level, grid, wheres))
        self._offset += len(joined) + 1

    def add_tabbed(self, line: str, *, kind: str = "row", number: int | None = None) -> None:
        """Append a line of text whose cells are already separated by tabs (no line breaks in it)."""
        self._parts.append(line)
        self._starts.append(self._offset)
        self._info.append((number if number is not None else len(self._parts), kind, None, True, None))
        self._offset += len(line) + 1

    def add_text(
        self, text: str, *, grid: bool = False, kind: str = "text", level: int | None = None, number: int | None = None
    ) -> None:
        """Append a line of one cell: the common case of plain text, kept cheap."""
        if "\t" in text or "\n" in text or "\r" in text:
            text = _BREAKS.sub(" ", text)
        self._parts.append(text)
        self._starts.append(self._offset)
        self._info.append((number if number is not None else len(self._parts), kind, level, grid, None))
        self._offset += len(text) + 1

    def build(self) -> Document:
        return Document(self.path, self.format, self.lines, self.sha256, self.meta, _paths=self._paths)
