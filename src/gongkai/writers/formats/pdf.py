"""PDF: the DOCX of ``docx.py`` printed by LibreOffice headless, with the CJK faces embedded.

Measured choice (docs/benchmarks.md): WeasyPrint from the HTML was about three times faster, but
going through the DOCX gives a PDF identical page for page to the Word file a clerk edits and
signs, needs no second layout engine, and LibreOffice is needed anyway to read .doc/.wps files.
"""

from __future__ import annotations

from gongkai.model.report import Report
from gongkai.writers.formats.docx import DocxWriter
from gongkai.writers.office import convert


class PdfWriter:
    name = "pdf"
    extension = ".pdf"
    media_type = "application/pdf"

    def write(self, report: Report, *, force: bool = False) -> bytes:
        return convert(DocxWriter().write(report, force=force), source_ext=".docx", target="pdf")


WRITERS = [PdfWriter()]
