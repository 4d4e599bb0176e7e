"""(i) A PDF page whose tables have no ruling lines and whose labels wrap around their numbers.

Renders a synthetic report as the characters a PDF page holds (``PageContent``: each glyph with
its box), the way a WPS/Word or browser PDF draws a borderless table with a narrow label column:
every label cell wraps at the column's width, and the value cells are centred vertically in the
row — so a label of two or four lines has its numbers on a line of their own between its lines
("行政" / "24867" / "处罚"). Paragraphs wrap at the text width; pages break between lines.

``read(pages)`` runs the PDF reader's own page stages (blocks, furniture, assembly) and the
shared extraction, so the round trip covers exactly what a real PDF of this shape goes through
after PDFium has given its glyphs.
"""

from __future__ import annotations

import random

from gongkai.model.report import Report
from gongkai.readers.document import DocumentBuilder
from gongkai.readers.extract import extract
from gongkai.readers.pdf_layout import Char, PageContent
from gongkai.readers.pdf_pages import Assembler, page_blocks, strip_furniture

from .layouts.common import blocks, positions

EM = 10.5
PITCH = 15.0  # line pitch inside a cell and in paragraphs
LEFT, RIGHT, TOP, BOTTOM = 72.0, 523.0, 72.0, 770.0
DIGIT = 0.55 * EM


class _Pages:
    def __init__(self) -> None:
        self.pages: list[PageContent] = [PageContent(1, 595, 842)]
        self.y = TOP

    def need(self, height: float) -> None:
        if self.y + height > BOTTOM:
            self.pages.append(PageContent(len(self.pages) + 1, 595, 842))
            self.y = TOP

    def text(self, x: float, y: float, text: str) -> None:
        for ch in text:
            w = EM if ord(ch) > 0x2E80 else DIGIT
            if ch != " ":
                self.pages[-1].chars.append(Char(ch, x, y, x + w, y + EM))
            x += w


def _wrap(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def _fill(text: str, width: float) -> list[str]:
    """Paragraph lines filled to the text width, as a word processor sets them (digits are narrow)."""
    lines, line, used = [], "", 0.0
    for ch in text:
        w = EM if ord(ch) > 0x2E80 else DIGIT
        if used + w > width and line:
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += w
    return [*lines, line]


def render(report: Report, rng: random.Random) -> list[PageContent]:
    out = _Pages()
    label_width = rng.randint(3, 6)  # characters per line in the narrow label columns
    for block in blocks(report):
        if block.kind == "table":
            assert block.grid is not None
            _table(out, block.grid, label_width)
            out.y += PITCH
            continue
        text = block.text
        indent = 2 if block.kind == "para" else 0
        lines = _fill("\u3000" * indent + text, RIGHT - LEFT) if block.kind == "para" else [text]
        for line in lines:
            out.need(PITCH)
            x = LEFT if block.kind != "signature" and block.kind != "date" else RIGHT - len(line) * EM
            out.text(x, out.y, line.replace("\u3000", " "))
            out.y += PITCH
        out.y += 0.5 * PITCH
    return out.pages


def _table(out: _Pages, grid: list, label_width: int) -> None:  # type: ignore[type-arg]
    rows = positions(grid)
    first_value = min((c for row in rows for c, slot in enumerate(row) if slot.cell.key), default=0)
    n_values = max(sum(1 for slot in row if slot.cell.key) for row in rows)
    value_x = LEFT + min(first_value, 3) * (label_width + 1) * EM  # the label columns, then the values
    widest = max((len(slot.cell.text) for row in rows for slot in row if slot.cell.key), default=1)
    # Columns wide enough for the widest number, as a table's columns are: numbers never touch.
    step = max((widest + 1.5) * DIGIT, min(7 * DIGIT, (RIGHT - 3 * EM - value_x) / max(n_values, 1)))
    for row in rows:
        cells: list[tuple[float, list[str], bool]] = []  # x, lines, is a value
        for col, slot in enumerate(row):
            if slot.kind != "start" or not slot.cell.text:
                continue
            if col >= first_value:  # over the value columns: values, or header cells at their width
                x = value_x + (col - first_value) * step
                width = max(2, int(step * slot.cell.colspan / EM))
                lines = [slot.cell.text] if slot.cell.key else _wrap(slot.cell.text, width)
                cells.append((x, lines, slot.cell.key is not None))
            else:
                x = LEFT + col * (label_width + 1) * EM
                cells.append((x, _wrap(slot.cell.text, label_width * slot.cell.colspan), False))
        height = max([len(lines) for _x, lines, _v in cells] + [1]) * PITCH
        out.need(height + 6)
        top = out.y + 3
        for x, lines, _value in cells:
            first = top + (height - len(lines) * PITCH) / 2  # every cell centred vertically
            for k, line in enumerate(lines):
                out.text(x, first + k * PITCH, line)
        out.y = top + height + 3


def read(pages: list[PageContent], path: str = "wrapped.pdf") -> Report:
    page_lists = [page_blocks(p) for p in pages]
    strip_furniture(pages, page_lists)
    builder = DocumentBuilder(path, "pdf")
    Assembler(builder, page_lists).run()
    return extract(builder.build())


def as_text(pages: list[PageContent], *, aligned: bool = False) -> str:
    """The pages as a tool that writes a PDF page line by line gives them (pdfplumber's
    ``extract_text``, pdfminer): the glyphs of one baseline in x order, a space where a gap is wider
    than a glyph's half, pages one after another. A label wrapped around its centred numbers comes
    out as its first line, the numbers, then its rest. With ``aligned``, as PyMuPDF's
    ``get_text(sort=True)`` writes them: each line indented and each gap filled with as many spaces
    as it is wide, so the columns line up."""
    out: list[str] = []
    for page in pages:
        rows: dict[float, list[Char]] = {}
        for ch in page.chars:
            rows.setdefault(round(ch.top, 1), []).append(ch)
        for top in sorted(rows):
            line = ""
            last: Char | None = None
            for ch in sorted(rows[top], key=lambda c: c.x0):
                if aligned:
                    gap = ch.x0 - (last.x1 if last is not None else LEFT)
                    line += " " * (round(gap / DIGIT) if gap > EM / 2 or last is None else 0)
                elif last is not None and ch.x0 - last.x1 > EM / 2:
                    line += " "
                line += ch.text
                last = ch
            out.append(line)
    return "\n".join(out) + "\n"
