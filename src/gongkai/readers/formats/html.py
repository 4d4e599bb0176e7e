"""HTML reader: a published web page (or a bare HTML fragment) → Document.

Decoding, finding the report inside the portal page and linearising it live in
``decode``, ``html_layout`` and ``html_lines``; this module checks the input and wires them.
Parsing uses lexbor (selectolax): an HTML5 parser in C, about 0.3 ms for a 40 KB page.
"""

from __future__ import annotations

import codecs
import re
from functools import cache

from gongkai.errors import Unreadable
from gongkai.readers.base import DocumentReader
from gongkai.readers.decode import decode
from gongkai.readers.document import Document, DocumentBuilder

_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")
_STARTS = ((b"<!doctype html", 0.95), (b"<html", 0.95), (b"<table", 0.9), (b"<head", 0.9), (b"<body", 0.9),
           (b"<meta", 0.9), (b"<div", 0.85), (b"<p", 0.85), (b"<h1", 0.85), (b"<h2", 0.85), (b"<h3", 0.85),
           (b"<section", 0.85), (b"<article", 0.85), (b"<span", 0.8), (b"<center", 0.8), (b"<font", 0.8))
_CLOSING = (b"</p>", b"</div>", b"</td>", b"</span>", b"</html>", b"</body>", b"<br")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# Containers whose nesting costs quadratic time (lexbor for blocks, the table scan for tables).
@cache
def _container_tag() -> re.Pattern[str]:
    """Compiled on the first HTML page (case-insensitive: costs a few ms that a text file need not pay)."""
    return re.compile(
        r"<(/?)(?:div|section|article|ul|ol|dl|blockquote|center|form|fieldset|main|aside|nav|table)\b[^>]*?(/?)>",
        re.I,
    )
_TAGS_ABOVE = 4000  # pages with fewer tags and tables than these are not scanned: < 10 ms at worst
_TABLES_ABOVE = 100


class HtmlReader(DocumentReader):
    name = "html"
    extensions = (".html", ".htm", ".shtml", ".xhtml", ".jhtml")

    def sniff(self, head: bytes, path: str) -> float:
        if head.startswith(_BINARY_MAGIC) or b"<" not in head:  # every encoding of "<" holds byte 0x3C
            return 0.0
        start = head[:1024]
        for bom in _BOMS:
            if start.startswith(bom):
                start = start[len(bom):]
                if bom != _BOMS[0]:
                    start = start.decode("utf-16", "ignore").encode("utf-8", "ignore")
                break
        start = _skip_preamble(start.lstrip().lower())
        lowered = head.lower()
        for prefix, score in _STARTS:
            if start.startswith(prefix):
                return score
        if b"<table" in lowered and b"</td>" in lowered:
            return 0.8
        if any(tag in lowered for tag in _CLOSING):
            # Text with markup: a page if it is named like one, else Markdown or text that quotes HTML.
            return 0.7 if path.lower().endswith(self.extensions) else 0.4
        return 0.0

    def load(self, data: bytes, path: str) -> Document:
        # Imported on first use: reading a text file never pays for the HTML parser and its rules.
        from selectolax.lexbor import LexborHTMLParser

        from gongkai.readers.html_layout import measure
        from gongkai.readers.html_lines import linearise
        from gongkai.readers.html_meta import head_meta, printed_meta

        text, encoding = decode(data, path)
        _refuse_deep_nesting(text, path)
        # lexbor parses UTF-8: valid UTF-8 input is its own encoding of ``text``, so skip re-encoding.
        tree = LexborHTMLParser(data if codecs.lookup(encoding).name == "utf-8" else text)
        body = tree.body
        root = tree.root
        if body is None or root is None:
            raise _no_text(path)
        layout = measure(tree, body, path)
        builder = DocumentBuilder(path, "html")  # the source's sha256 is set once, by select.read_bytes
        linearise(body, layout, builder)
        if not builder.lines:
            raise _no_text(path)
        builder.meta.update(head_meta(tree))
        printed_meta(builder.meta, builder.lines)
        builder.meta["encoding"] = encoding
        return builder.build()


def _skip_preamble(start: bytes) -> bytes:
    """Drop a leading XML prolog and comments (CMS banners) so the first element decides."""
    while start.startswith((b"<?", b"<!--")):
        end = start.find(b"?>" if start.startswith(b"<?") else b"-->")
        if end < 0:
            return start
        start = start[end + (2 if start.startswith(b"<?") else 3):].lstrip()
    return start


def _refuse_deep_nesting(text: str, path: str) -> None:
    """Refuse absurd nesting before it costs quadratic time; ordinary pages skip the scan."""
    if text.count("<") <= _TAGS_ABOVE and text.count("<table") + text.count("<TABLE") <= _TABLES_ABOVE:
        return
    from gongkai.readers.html_layout import MAX_DEPTH

    depth = deepest = 0
    for m in _container_tag().finditer(text):
        if m.group(1):
            depth = max(0, depth - 1)
        elif not m.group(2):
            depth += 1
            deepest = max(deepest, depth)
    if deepest > MAX_DEPTH:
        raise Unreadable(f"HTML 嵌套超过 {MAX_DEPTH} 层，结构异常，无法读取", path=path,
                         message_en=f"HTML nested deeper than {MAX_DEPTH} levels")


def _no_text(path: str) -> Unreadable:
    return Unreadable("HTML 页面中没有可读的文字", path=path, message_en="the HTML page holds no readable text")


READERS = [HtmlReader()]
