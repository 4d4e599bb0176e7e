"""Linearising a parsed page into Document lines: paragraphs as one cell, table rows as cells.

The walk is a loop over an explicit stack (no recursion), visits the page from the top and stops
when the report container closes. Before the container only the article's own header lines are
kept (its title and the "发布日期：…　来源：…" line); inside it every block becomes a line, a
<br> ends a line, and every data table row becomes a line of its cells (see ``html_tables``).
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from gongkai.model.provenance import Where
from gongkai.readers.document import DocumentBuilder
from gongkai.readers.html_layout import Layout
from gongkai.readers.html_tables import emit, scan
from gongkai.readers.html_text import BLOCK_TAGS, SKIP_TAGS, clean

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}

_JUNK_LINE = re.compile(
    r"(?:打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|返回顶部|返回|分享到|分享|收藏本页|收藏|"
    r"字体|字号|[大中小]|默认|[【】\[\]（）()]|[:：|｜/·\s])+"
)
_JUNK_TOKENS = re.compile(
    r"[【\[](?:[^】\]]*?(?:字体|字号|打印|关闭|分享|收藏)[^】\]]*)[】\]]|"
    r"(?:字体|字号)\s*[:：]?\s*[大中小](?:\s*[大中小]){1,2}|打印本页|关闭窗口|分享到[:：]?|"
    r"(?:浏览次数|浏览量|点击数|点击量|阅读次数|访问量)\s*[:：]\s*\d*"
)
_HEADER_TITLE = re.compile(r"报告|年报")
_HEADER_INFO = re.compile(r"(?:发布日期|发布时间|发文日期|成文日期|发布机构|信息来源|来源)\s*[:：]")
_CRUMB = re.compile(r"^\s*(?:当前位置|您的位置|您现在的位置|现在位置|所在位置)|[>»›]")


def linearise(body: LexborNode, layout: Layout, builder: DocumentBuilder) -> None:
    _Walk(layout, builder).run(body)


class _Walk:
    def __init__(self, layout: Layout, builder: DocumentBuilder) -> None:
        self.layout = layout
        self.builder = builder
        self.inside = False
        self.pieces: list[str] = []
        self.link_chars = 0  # visible characters of the pending line that sit inside links
        self.heading: int | None = None
        self.paths: list[str] = ["body"]

    def run(self, body: LexborNode) -> None:
        """One visit of each element up to the container's end; the hot state lives in locals."""
        layout = self.layout
        ordinal, skip, container, grids = layout.ordinal, layout.skip, layout.container_id, layout.grids
        pieces, paths, flush = self.pieces, self.paths, self.flush
        self.inside = body.mem_id == container
        links = 0
        stack: list[LexborNode | str] = [body]
        pop, push = stack.pop, stack.append
        while stack:
            item = pop()
            if item.__class__ is str:
                if item == "a":
                    links -= 1
                elif self._leave(item):  # type: ignore[arg-type]
                    return
                continue
            node: LexborNode = item  # type: ignore[assignment]
            tag = node.tag
            if tag == "-text":
                text = node.text_content or ""
                pieces.append(text)
                if links:
                    self.link_chars += len(text.strip())
                continue
            if tag is None or tag[0] == "-" or tag in SKIP_TAGS:
                continue
            mid = node.mem_id
            if mid in skip:
                continue
            if mid == container and not self.inside:
                if pieces:
                    flush()
                self.inside = True
                push("container")
            if tag == "br":
                if self.heading is None:
                    if pieces:
                        flush()
                else:
                    pieces.append("\n")
                continue
            if tag == "table" and self.inside:
                grid = grids[mid] if mid in grids else scan(node)
                if grid is not None:
                    if pieces:
                        flush()
                    emit(node, grid, self.builder, ordinal)
                    continue
            if tag == "pre" and self.inside and self.heading is None:
                if pieces:
                    flush()
                self._pre(node, f"pre[{ordinal(tag, mid)}]")
                continue
            if tag == "a":
                links += 1
                push("a")
            elif tag in HEADINGS and self.heading is None:
                if pieces:
                    flush()
                self.heading = HEADINGS[tag]
                paths.append(f"{tag}[{ordinal(tag, mid)}]")
                push("heading")
            elif tag in BLOCK_TAGS:
                if self.heading is None:
                    if pieces:
                        flush()
                    paths.append(f"{tag}[{ordinal(tag, mid)}]")
                    push("block")
                else:  # a block inside a heading: its own piece of the one heading line
                    pieces.append("\n")
                    push("soft")
            child = node.last_child
            while child is not None:
                push(child)
                child = child.prev
        flush()

    def _pre(self, pre: LexborNode, path: str) -> None:
        """Preformatted text (often a pasted text export): its own lines, inner spacing kept."""
        for raw in pre.text(deep=True).split("\n"):
            text = raw.replace("\xa0", " ").rstrip()
            if text.strip():
                self.builder.add([text], wheres=[Where(len(self.builder.lines) + 1, None, None, path)])

    def _leave(self, kind: str) -> bool:
        """Close an element; True when the report container closes and the walk is done."""
        if kind == "soft":
            self.pieces.append("\n")
        elif kind == "heading":
            self.flush()
            self.heading = None
            self.paths.pop()
        elif kind == "block":
            self.flush()
            self.paths.pop()
        else:  # the container
            self.flush()
            return True
        return False

    def flush(self) -> None:
        pieces = self.pieces
        if not pieces:
            return
        text = clean("".join(pieces))
        link_chars = self.link_chars
        self.link_chars = 0
        chars = sum(len(piece.strip()) for piece in pieces) if text and not self.inside else 0  # header lines only
        pieces.clear()
        if not text:
            return
        if self.inside:
            if _JUNK_LINE.fullmatch(text):
                return
        else:
            text = _header_line(text, chars, link_chars)
            if not text:
                return
        builder = self.builder
        where = Where(len(builder.lines) + 1, None, None, self.paths[-1])
        if self.heading is not None:
            builder.add([text], wheres=[where], kind="heading", level=self.heading)
        else:
            builder.add([text], wheres=[where])


def _header_line(text: str, chars: int, link_chars: int) -> str:
    """Keep an outside-the-report line only if it is the article's title or date/source line."""
    if link_chars * 5 > chars or _CRUMB.search(text):
        return ""
    if _HEADER_INFO.search(text):
        return clean(_JUNK_TOKENS.sub(" ", text))
    if _HEADER_TITLE.search(text) and len(text) <= 100:
        return text
    return ""
