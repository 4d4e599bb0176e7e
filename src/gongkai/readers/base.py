"""The Reader interface: a format says which inputs it takes and turns bytes into a Report.

Most readers only build a ``Document`` (lines of cells with provenance) and leave the rest to the
shared extraction in ``gongkai.readers.extract``; see ``DocumentReader``.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from gongkai.model.report import Report
from gongkai.readers.decode import collect_notes
from gongkai.readers.document import Document


@runtime_checkable
class Reader(Protocol):
    name: str  # e.g. "text", "html", "docx", "pdf", "yaml"
    extensions: tuple[str, ...]  # lower-case, with dot: (".html", ".htm")

    def sniff(self, head: bytes, path: str) -> float:
        """How sure this reader is that it can read the input, from 0 (no) to 1 (certain)."""
        ...

    def read(self, data: bytes, path: str) -> Report:
        """Read the whole input. Raise ``gongkai.errors.InputError`` if it cannot be read at all."""
        ...


class DocumentReader:
    """Base for readers that produce a Document and share the extraction rules."""

    name = "document"
    extensions: tuple[str, ...] = ()

    def sniff(self, head: bytes, path: str) -> float:
        raise NotImplementedError

    def load(self, data: bytes, path: str) -> Document:
        raise NotImplementedError

    def read(self, data: bytes, path: str) -> Report:
        """Load and extract; bad bytes replaced while decoding become one reading problem each."""
        from gongkai.readers.extract import extract

        with collect_notes() as notes:
            document = self.load(data, path)
        report = extract(document)
        for note in notes:
            report.add_problem("bad_bytes", "source", note.message(), note.message_en(),
                               count=note.count, places=[list(p) for p in note.places], truncated=note.truncated)
        placement_problems(report, document)
        return report


def placement_problems(report: Report, document: Document) -> None:
    """The section 三 rows a loader placed by the template's order and the table's arithmetic
    (their labels lost or out of place in the source), and the rows of values it could not place."""
    for key, label in document.meta.get("restored_labels", ()):
        report.add_problem(
            "label_restored", f"requests.{key}",
            f"该行行名在原文中缺失或错位，已按模板行序并经表格勾稽关系核实，读作“{label}”，请核对原文",
            f"the row's label was lost or out of place in the source; read as {label!r} by the template's "
            "row order, confirmed by the table's arithmetic",
        )
    unplaced = document.meta.get("unplaced_rows", 0)
    if unplaced:
        report.add_problem(
            "label_lost", "requests",
            f"第三部分有 {unplaced} 行数字的行名在原文中缺失或错位，无法确定属于哪一行，未读取，请核对原文",
            f"{unplaced} rows of section 三 lost their labels or have them out of place, and could not be placed",
            rows=unplaced,
        )
