"""Markdown that converters wrote from PDF or scans: read as text, with its tables repaired first.

Loading is the text reader's (headings, pipe rows, page furniture); ``markdown_tables`` then
turns HTML tables into rows and repairs what converters do to tables (merged cells, lost row
labels) before the shared extraction. Files without a table cost one scan of the lines more.
"""

from __future__ import annotations

import re

from gongkai.model.report import Report
from gongkai.readers.base import DocumentReader, placement_problems
from gongkai.readers.document import Document
from gongkai.readers.formats.text import TextReader
from gongkai.readers.missing_rows import flag_missing_active_rows

_HTML_TABLE = re.compile(rb"<table\b", re.I)
_PIPE_ROW = re.compile(rb"^[ \t]*\|[^\n]*\|[ \t]*\r?$", re.M)
_TEXT = TextReader()


def _has_table(head: bytes) -> bool:
    """An HTML table or a pipe row; the byte tests first, as most text files have neither."""
    return (b"|" in head and _PIPE_ROW.search(head) is not None) or (
        b"<" in head and _HTML_TABLE.search(head) is not None
    )


class MarkdownReader(DocumentReader):
    name = "markdown"
    extensions = (".md", ".markdown")

    def sniff(self, head: bytes, path: str) -> float:
        named = path.lower().endswith(self.extensions)
        if not named and not _has_table(head):
            return 0.0  # the common text file: decided before the text reader's own sniffing
        base = _TEXT.sniff(head, path)
        if base < 0.5:
            return 0.0  # binary, or an HTML page: not ours
        if named and not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            return 0.9  # Markdown holding HTML tables (MinerU) is not an HTML page
        return base + 0.06  # before the text reader, which reads the same lines unrepaired

    def load(self, data: bytes, path: str) -> Document:
        from gongkai.readers.markdown_tables import normalise  # its repairs load only for Markdown files

        return normalise(_TEXT.load(data, path))

    def read(self, data: bytes, path: str) -> Report:
        from gongkai.readers.extract import extract

        doc = self.load(data, path)
        report = extract(doc)
        flag_missing_active_rows(report)
        placement_problems(report, doc)
        return report


READERS = [MarkdownReader()]
