"""PDF pages → Document lines: reading order, page furniture removed, paragraphs rejoined.

A page is a top-to-bottom sequence of blocks (text lines outside tables, and ruled tables). The
document is read as one stream of blocks so that a paragraph or a table continued on the next
page is continued, not restarted: wrapped lines of a paragraph are joined back (a line that
reaches the right margin continues into an unindented next line), and a table that resumes at
the top of a page keeps its number, drops the header rows it repeats, and keeps counting rows.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from gongkai.model.provenance import Where
from gongkai.readers.document import DocumentBuilder, fold
from gongkai.readers.pdf_layout import Char, PageContent
from gongkai.readers.pdf_tables import Table, TextLine, cell_text, find_tables, join_text
from gongkai.readers.pdf_wrapped import wrapped_lines

_MARGIN = 0.12  # top/bottom share of the page where page numbers and running heads live
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–~·_\s]*\d{1,4}[-—–~·_\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[,，/]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page\s*)?\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.I,
)


_SENTENCE_END = set("。！？；：!?;:")
_ITEM = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])")


_ROW_END = re.compile(r"(?:^|\s)\d+(?:\.\d+)?(?:\s+-?\d+(?:\.\d+)?)+\s*$")


@dataclass(slots=True)
class Block:
    page: int
    top: float
    line: TextLine | None = None
    table: Table | None = None


def page_blocks(page: PageContent) -> list[Block]:
    """Text lines outside tables and tables, sorted top to bottom."""
    tables = [t for t in find_tables(page.h_edges, page.v_edges) if max(len(r) for r in t.rows) >= 2]
    locators = [t.locator() for t in tables]
    cell_chars: list[list[list[list[Char]]]] = [[[[] for _ in row] for row in t.rows] for t in tables]
    free: list[Char] = []
    for ch in page.chars:
        cx = (ch.x0 + ch.x1) / 2
        cy = (ch.top + ch.bottom) / 2
        for ti, table in enumerate(tables):
            x0, top, x1, bottom = table.bbox
            if x0 <= cx <= x1 and top <= cy <= bottom:
                hit = locators[ti].find(cx, cy)
                if hit is not None:
                    cell_chars[ti][hit[0]][hit[1]].append(ch)
                    break
        else:
            free.append(ch)
    for table, chars in zip(tables, cell_chars, strict=True):
        table.texts = [[cell_text(c) for c in row] for row in chars]
    blocks = [Block(page.number, line.top, line=line) for line in wrapped_lines(free)]
    blocks += [Block(page.number, t.bbox[1], table=t) for t in tables]
    blocks.sort(key=lambda b: b.top)
    return blocks


def strip_furniture(pages: list[PageContent], blocks: list[list[Block]]) -> None:
    """Remove page numbers and running heads/footers (text repeated in the margins of most pages)."""
    candidates: list[tuple[int, Block, str]] = []
    for page, page_blocks_ in zip(pages, blocks, strict=True):
        edge = page_blocks_[:2] + page_blocks_[-2:]
        for block in edge:
            line = block.line
            if line is None or not (line.bottom < page.height * _MARGIN or line.top > page.height * (1 - _MARGIN)):
                continue
            text = fold(line.text).strip()
            candidates.append((page.number, block, text))
    doomed = {id(b) for _, b, text in candidates if _PAGE_NUMBER.match(text)}
    signature: Counter[tuple[str, int]] = Counter()
    seen: set[tuple[int, str, int]] = set()
    keyed = []
    for number, block, text in candidates:
        key = (re.sub(r"\d+", "#", text), round(block.top / 4))
        if (number, *key) not in seen:
            seen.add((number, *key))
            signature[key] += 1
        keyed.append((key, block))
    threshold = max(3, (len(pages) + 1) // 2)
    doomed |= {id(b) for key, b in keyed if signature[key] >= threshold}
    for i, page_blocks_ in enumerate(blocks):
        blocks[i] = [b for b in page_blocks_ if id(b) not in doomed]


def _trimmed(texts: list[str]) -> list[str]:
    end = len(texts)
    while end and not texts[end - 1].strip():
        end -= 1
    return texts[:end]


def join_prose(a: str, b: str) -> str:
    """Join two lines of a paragraph: as ``join_text``, except that a digit wrapped onto the next
    line continues its number. Chinese prose wraps anywhere, inside "2020年" too ("自2" | "020年"),
    and never separates two numbers by a line break alone; table cells keep ``join_text``."""
    if a and b and a[-1].isdigit() and b[0].isdigit():
        return a + b
    return join_text(a, b)


class Assembler:
    """Turns the block stream of all pages into Document lines."""

    def __init__(self, out: DocumentBuilder, blocks: list[list[Block]]) -> None:
        self.out = out
        self.stream = [b for page in blocks for b in page]
        lines = [b.line for b in self.stream if b.line is not None]
        lefts = Counter(round(line.x0) for line in lines)
        # The text block's left edge: the smallest line start that recurs. Not the most common
        # start, which in a report of short paragraphs is the two-character indent.
        frequent = [x for x, n in lefts.items() if n >= min(3, max(2, 0.05 * len(lines)))]
        self.left = float(min(frequent or lefts or [0]))
        rights = sorted(line.x1 for line in lines)
        self.right = rights[int(len(rights) * 0.95)] if rights else 0.0
        self.paragraph_no = 0
        self.table_no = 0

    def run(self) -> None:
        para: list[TextLine] = []
        para_page = 0
        prev: Block | None = None
        head: list[list[str]] = []
        row_no = 0
        table_box: tuple[float, float] | None = None
        for block in self.stream:
            if block.line is not None:
                if para and not self._continues(para[-1], prev, block):
                    self._paragraph(para, para_page)
                    para = []
                if not para:
                    para_page = block.page
                para.append(block.line)
            else:
                table = block.table
                assert table is not None
                if para:
                    self._paragraph(para, para_page)
                    para = []
                continued = (
                    prev is not None and prev.table is not None and prev.page != block.page
                    and table_box is not None
                    and abs(table_box[0] - table.bbox[0]) <= 6 and abs(table_box[1] - table.bbox[2]) <= 6
                )
                if not continued:
                    self.table_no += 1
                    row_no = 0
                    head = []
                skipping = continued
                for i, (boxes, texts) in enumerate(zip(table.rows, table.texts, strict=True)):
                    if skipping and i < len(head) and _trimmed(texts) == head[i]:
                        continue  # header row repeated on the continuation page
                    skipping = False
                    row_no += 1
                    if not continued and i < 5:
                        head.append(_trimmed(texts))
                    wheres: list[Where | None] = [
                        Where(path=f"table[{self.table_no}]/row[{row_no}]/cell[{c}]", page=block.page)
                        for c in range(1, len(boxes) + 1)
                    ]
                    self.out.add(texts, grid=True, wheres=wheres, kind="row")
                table_box = (table.bbox[0], table.bbox[2])
            prev = block
        if para:
            self._paragraph(para, para_page)

    def _continues(self, last: TextLine, prev: Block | None, block: Block) -> bool:
        line = block.line
        assert line is not None
        if prev is None or prev.line is not last:
            return False
        if line.x0 > self.left + 0.6 * line.em:
            return False  # indented: a new paragraph
        if abs(line.em - last.em) > 0.2 * max(line.em, last.em):
            return False  # a different type size: title and body, heading and text
        if prev.page == block.page and line.top - last.bottom > 1.5 * max(last.em, line.em):
            return False
        if _ROW_END.search(last.text) or _ROW_END.match(line.text):
            return False  # a row of a table drawn without rules: its numbers end it, prose never does
        ends_sentence = last.text[-1] in _SENTENCE_END
        if ends_sentence and _ITEM.match(line.text):
            return False  # "…。" then "二、…": a heading or list item, even after a full line
        if last.x1 >= self.right - 1.5 * last.em:
            return True  # the line runs to the margin: the paragraph goes on
        # Line breaking rules (no closing bracket at a line start) can end a line a few
        # characters short of the margin; a sentence end there means the paragraph ended.
        return (last.x1 >= self.right - 4 * last.em and last.x0 <= self.left + 2.5 * last.em
                and not ends_sentence)

    def _paragraph(self, lines: list[TextLine], page: int) -> None:
        text = ""
        for line in lines:
            text = join_prose(text, line.text)
        self.paragraph_no += 1
        self.out.add([text], wheres=[Where(path=f"paragraph[{self.paragraph_no}]", page=page)])
