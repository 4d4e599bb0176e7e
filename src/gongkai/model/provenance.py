"""Where a value came from, and what went wrong reading it.

Every extracted value carries a ``Where`` so that a supervisor can click from a finding to the
printed cell; every gap carries a ``Problem`` so that nothing is silently guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple


class Where(NamedTuple):
    """A place in the source: text lines/offsets, or an element path for structured inputs.

    A tuple: a report records hundreds of them, and none changes once made.
    """

    line: int | None = None  # 1-based line of the first character
    start: int | None = None  # character offset in the decoded source text
    end: int | None = None
    path: str | None = None  # e.g. "table[2]/tr[5]/td[3]" or "page 4, table 1, row 3, cell 2"
    page: int | None = None
    raw: str | None = None  # the text as printed, when it differs from the value (e.g. "251000元")

    def to_json(self) -> dict[str, Any]:
        # Spelled out: a report's JSON holds hundreds of these (a corpus build, millions).
        line, start, end, path, page, raw = self
        out: dict[str, Any] = {}
        if line is not None:
            out["line"] = line
        if start is not None:
            out["start"] = start
        if end is not None:
            out["end"] = end
        if path is not None:
            out["path"] = path
        if page is not None:
            out["page"] = page
        if raw is not None:
            out["raw"] = raw
        return out


#: Problem codes that describe the report as printed (a blank cell is the agency's); every other
#: code says the reader could not settle something, which is never the agency's error.
PRINTED_CODES: frozenset[str] = frozenset({"blank_cell"})
#: Problem codes that say none of the document's text could be read (a scan without OCR, a PDF
#: whose fonts carry no Unicode mapping): such a report has nothing to audit, and what it lacks is
#: the reader's, never the agency's.
TEXT_UNREAD_CODES: frozenset[str] = frozenset({"scanned_pdf", "unmapped_text"})
#: Problem codes that say some pages were not read (``detail["pages"]``): what a check finds
#: missing may stand there.
PAGES_UNREAD_CODES: frozenset[str] = frozenset({"scanned_pages", "undecodable_pages"})


@dataclass(frozen=True, slots=True)
class Problem:
    """A parse problem: a cell or field that could not be read with certainty."""

    code: str  # e.g. "missing_cell", "ambiguous", "blank_cell", "extra_cells", "not_found"
    where: str | None  # a cell key ("requests.received.total"), a table ("appeals") or a field
    message: str  # Chinese, one sentence
    message_en: str = ""
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def printed(self) -> bool:
        """True when the problem is the report's as printed, not the reader's.

        A reader that is sure a defect is printed (e.g. a row of a cell-per-line Word table printed
        with one value too few) says so with ``detail["printed"] = True``.
        """
        return self.code in PRINTED_CODES or self.detail.get("printed") is True

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "where": self.where, "message": self.message}
        if self.message_en:
            out["message_en"] = self.message_en
        if self.detail:
            out["detail"] = self.detail
        return out
