"""Plain text and Markdown: text copied out of Word or PDF, `pdftotext -layout`, crawler text.

The reader keeps the source's own lines. A line with tabs becomes grid cells (Word tables pasted
as text put one cell per tab); a Markdown table row becomes its pipe-separated cells; every other
line is one cell. Page-number lines and Word artifacts ("[bookmark: _GoBack]") are dropped here so
that no later stage mistakes them for table values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from gongkai.readers.base import DocumentReader
from gongkai.readers.chrome import starts_with_browser_stamp
from gongkai.readers.decode import decode, looks_binary
from gongkai.readers.document import Document, DocumentBuilder
from gongkai.readers.wrapped_text import NUMBERS_ONLY as _NUMBERS_ONLY
from gongkai.readers.wrapped_text import rejoin

if TYPE_CHECKING:
    from gongkai.readers.drawing_order import Rebuilt

_D = "[0-9０-９]"
_PAGE_NUMBER = re.compile(
    rf"^[\s\u3000]*(?:[-—–－]+\s*{_D}{{1,3}}\s*[-—–－]+|第\s*{_D}{{1,3}}\s*页(?:\s*[,，/／]?\s*共\s*{_D}{{1,3}}\s*页)?"
    rf"|{_D}{{1,3}}\s*[/／]\s*{_D}{{1,3}})[\s\u3000]*$"
)
_ARTIFACT = re.compile(r"\[(?:bookmark|anchor|image|footnote|comment)[^\]]*\]", re.I)
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_CRAWLER_FIELD = re.compile(r"^(标题|发布时间|发布日期|发文日期|发布机构|来源|文号|成文日期)\s*[:：]\s*(.*)$")


class TextReader(DocumentReader):
    name = "text"
    extensions = (".txt", ".text", ".md", ".markdown")

    def sniff(self, head: bytes, path: str) -> float:
        if head.startswith((b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")) or looks_binary(head):
            return 0.0
        stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:16].lower()  # only its start is compared
        if stripped.startswith((b"<!doctype", b"<html", b"<?xml")):
            return 0.05
        return 0.5

    def load(self, data: bytes, path: str) -> Document:
        text, _encoding = decode(data, path)
        # str.splitlines also breaks at \r, \v, \f and Unicode separators, so no line holds a break.
        lines = text.splitlines()
        # A page printed from a browser, its text extracted: the header and footer the browser put
        # on every page stand among the report's lines, in the middle of tables too.
        chrome = _print_chrome(lines, text) if "://" in text else set()
        builder = DocumentBuilder(path, "text")
        is_markdown = path.lower().endswith((".md", ".markdown"))
        # Text that PDF tools wrote line by line, with no tabs and no Markdown, may have a row label
        # wrapped around its numbers (``wrapped_text``): pdfplumber's ``extract_text`` with single
        # spaces, PyMuPDF's ``get_text(sort=True)`` with columns aligned by runs of spaces.
        # ``pdftotext -layout`` aligns them so too but keeps a row's numbers on a label's line; its
        # text (a form feed at each page's end) is not watched, at no cost.
        untabbed = not is_markdown and "\t" not in text
        watch = untabbed and ("     " not in text or "\f" not in text)
        numbered = [(i + 1, line) for i, line in enumerate(lines) if i not in chrome] if chrome else None
        if "│" in text or "┃" in text or "║" in text:  # tables drawn with box characters (``w3m -dump``)
            from gongkai.readers.box_tables import unbox  # (imported only for such text)

            numbered = unbox(numbered or enumerate(lines, start=1))
            untabbed = watch = False  # (its rows are whole: the passes below read the lines as printed)
        markdown_seen, wrapped, lone = _fill(builder, numbered or enumerate(lines, start=1), watch)
        if untabbed and lone >= _LEAST_VALUE_LINES and (rebuilt := _rebuild(lines)) is not None:
            # Section 三 as a PDF tool wrote it in drawing order, every value on its own line, its
            # labels out of place: read again with one line per row (``drawing_order``), or without
            # its values where the rows cannot be placed for certain. (Such tools write no tabs:
            # Word's text, one cell a line, is not asked.)
            builder = DocumentBuilder(path, "text")
            markdown_seen, _, _ = _fill(builder, [(n, line) for n, line in rebuilt.lines if n - 1 not in chrome], False)
            if rebuilt.restored:
                builder.meta["restored_labels"] = rebuilt.restored
            if rebuilt.unread:
                builder.meta["unplaced_rows"] = rebuilt.unread
        elif wrapped and (order := rejoin(lines, wrapped)) is not None:
            # Read again with each wrapped label's rest before its numbers.
            builder = DocumentBuilder(path, "text")
            markdown_seen, _, _ = _fill(builder, [(i + 1, lines[i]) for i in order if i not in chrome], False)
        if markdown_seen or is_markdown:
            builder.format = "markdown"
        return builder.build()


def _fill(builder: DocumentBuilder, numbered: Iterable[tuple[int, str]], watch: bool) -> tuple[bool, list[int], int]:
    """Add the lines to ``builder``; return whether Markdown was seen, when ``watch`` the indices
    of lines of numbers only right below a line of text (where a wrapped label may be split around
    them), and how many lines hold one whole number and nothing else."""
    markdown_seen = False
    lone = 0
    wrapped: list[int] = []
    text_above = False  # the line above holds text, not only numbers (nor nothing)
    gfm = False  # in a Markdown table after its delimiter row, where rows may lack outer pipes
    for number, raw in numbered:
        line = _ARTIFACT.sub("", raw) if "[" in raw else raw
        stripped = line.strip()
        if not stripped or stripped.isdigit():  # the common cells of a table: nothing else to test
            if stripped:
                lone += 1
            else:
                gfm = False  # a blank line ends a table
            if watch:
                if stripped and text_above:
                    wrapped.append(number - 1)
                text_above = False
            if "\t" in line:
                builder.add_tabbed(line, number=number)
            else:
                builder.add_text(line, number=number)
            continue
        if len(stripped) < 24 and _PAGE_NUMBER.match(line):
            continue
        if watch:
            if (stripped[0].isdigit() or stripped[0] == "-") and stripped[-1].isdigit() \
                    and _NUMBERS_ONLY.fullmatch(stripped):
                if text_above:  # (a line of numbers only: "2 0 0 0 0 0 2")
                    wrapped.append(number - 1)
                text_above = False
            else:
                text_above = True
        if number <= 12 and (m := _CRAWLER_FIELD.match(stripped)):
            builder.meta.setdefault(_META_KEYS[m.group(1)], m.group(2).strip())
        if stripped.startswith("#") and (heading := _MD_HEADING.match(line)):
            markdown_seen = True
            builder.add([line[heading.end():].strip()], kind="heading", level=len(heading.group(1)), number=number)
            continue
        if "|" in stripped:
            if stripped[0] == "|" and stripped.count("|") >= 2:
                markdown_seen = True
                if _MD_RULE.match(stripped):
                    gfm = True
                    continue
                cells = list(map(str.strip, stripped.strip("|").split("|")))  # map: no Python frame per cell
                builder.add(cells, grid=True, kind="row", number=number)
                continue
            if gfm:
                # A row of a table written without outer pipes (html2text: "一、本年新收…| 821| 35|  | 2"):
                # a pipe at its end closes an empty last cell ("（一）予以公开| 258| 12|  |  | 1| 1|").
                builder.add(list(map(str.strip, stripped.split("|"))), grid=True, kind="row", number=number)
                continue
            if "-" in stripped and _MD_RULE.match(stripped):  # its delimiter row: "---|---"
                markdown_seen = gfm = True
                continue
        if "\t" in line:
            builder.add_tabbed(line, number=number)
        else:
            builder.add_text(line, number=number)
    return markdown_seen, wrapped, lone


_SITE_TITLE = re.compile(r"报告\s*(?:_|\||｜| - | – |--)\s*\S*(?:网站|政府网|门户)\s*$")
_NEAR = 3  # lines from the browser's stamp that its header or footer may take
_TITLES = 8  # distinct page titles looked for in the whole text, at most (each look reads it all)


def _print_chrome(lines: list[str], text: str) -> set[int]:
    """The lines of a browser's print header and footer: the date and time, the page's address
    (and "2/4"), and the page title with the site's name after it. The title goes only where the
    page prints its title again (the first page's copy may be the only one, for the title search;
    a tool may also have cut it: "2023" / "年…年度报告_…门户网站")."""
    stamps = [i for i, line in enumerate(lines) if "/" in line and starts_with_browser_stamp(line.strip())]
    out = set(stamps)
    printed: dict[str, bool] = {}  # title → printed more than once (counted for the first few titles)
    for i in stamps:
        for j in range(max(0, i - _NEAR), min(len(lines), i + _NEAR + 1)):
            line = lines[j].strip()
            if j not in out and "报告" in line and (m := _SITE_TITLE.search(line)):
                title = line[:m.start() + 2]
                if title not in printed:  # (a browser prints one title: many are no print header)
                    printed[title] = len(printed) < _TITLES and text.count(title) > 1
                if printed[title]:
                    out.add(j)
    return out


#: Lines of one number each before a text may be section 三 in drawing order (a table's worth).
_LEAST_VALUE_LINES = 8 * 7


def _rebuild(lines: list[str]) -> Rebuilt | None:
    from gongkai.readers.drawing_order import rebuild  # (imported only for text of that shape)

    return rebuild(lines, _furniture)


def _furniture(line: str) -> bool:
    """A page's number or a browser's print header or footer: not the report's text."""
    return (len(line) < 24 and _PAGE_NUMBER.match(line) is not None) or starts_with_browser_stamp(line) is not None


_META_KEYS = {
    "标题": "title",
    "发布时间": "published",
    "发布日期": "published",
    "发文日期": "published",
    "成文日期": "signed",
    "发布机构": "source_agency",
    "来源": "source_agency",
    "文号": "document_number",
}

READERS = [TextReader()]
