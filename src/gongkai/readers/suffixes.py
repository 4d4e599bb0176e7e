"""The file names a folder, an archive or an upload form takes as reports.

One list for every place that picks report files by name (``gongkai check DIR``, a corpus folder,
a region's collection, the upload page), so that a format added to the readers is taken
everywhere at once; ``tests/readers/test_suffixes.py`` holds it to the registered readers. Word
97–2003 and WPS files are not in it: they need LibreOffice, which a supervisor's or researcher's
machine may lack (``gongkai parse`` still reads one named on the command line); nor Word templates
(.dotx) and server-page names (.jhtml) that the readers accept when named.
"""

from __future__ import annotations

REPORT_SUFFIXES: tuple[str, ...] = (
    ".txt", ".text", ".md", ".markdown", ".html", ".htm", ".shtml", ".xhtml", ".mhtml", ".mht",
    ".docx", ".docm", ".pdf", ".yaml", ".yml",
)
