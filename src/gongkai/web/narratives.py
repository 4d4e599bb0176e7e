"""The six narrative sections of an annual report as the web edits them, stored in the ledger.

The text lives in the ledger's ``report_narratives`` table (``ledger.save_narrative``, which
checks permission and writes the audit trail). Only sections that differ from the ledger's
generated text are stored: a section left as generated keeps following the tables (its figures
stay current), and clearing a section restores the generated text.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from gongkai.ledger import User, annual_report, get_narratives, save_narrative
from gongkai.ledger.narratives import MAX_SECTION_CHARS, SECTION_NUMBERS

__all__ = ["MAX_SECTION_CHARS", "SECTION_NUMBERS", "load", "merge", "normalise", "save_sections"]


def normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()[:MAX_SECTION_CHARS]


def merge(stored: Mapping[int, str], submitted: Mapping[int, str], generated: Mapping[int, str]) -> dict[int, str]:
    """The sections to store after an edit: submitted text that is neither empty nor the generated text."""
    out: dict[int, str] = {}
    for number in SECTION_NUMBERS:
        text = normalise(submitted[number]) if number in submitted else stored.get(number, "")
        if text and text != normalise(generated.get(number, "")):
            out[number] = text
    return out


def load(session: Session, agency_id: int, year: int, *, summary: bool = False) -> dict[int, str]:
    """The stored (edited) sections only: number → text."""
    return get_narratives(session=session, agency_id=agency_id, year=year, summary=summary)


def save_sections(session: Session, user: User, agency_id: int, year: int, summary: bool,
                  submitted: Mapping[int, str]) -> int:
    """Store the edit (only text that differs from the generated one); return #sections changed."""
    stored = load(session, agency_id, year, summary=summary)
    report = annual_report(session=session, agency_id=agency_id, year=year, summary=summary, stored_narrative=False)
    generated = {s.expected: s.text for s in report.sections if s.expected is not None}
    new = merge(stored, submitted, generated)
    changed = sorted(n for n in SECTION_NUMBERS if new.get(n) != stored.get(n))
    for number in changed:
        save_narrative(session=session, agency_id=agency_id, year=year, section=number, text=new.get(number, ""),
                       actor=user, summary=summary)
    return len(changed)
