"""The 通报 as one editable text, and back.

The supervisor edits the draft in a plain textarea: a line "一、…" starts a section, "（一）…" a
sub-section (an agency), every other non-empty line is a paragraph. What they typed is stored
as is (``records.Bulletin``); the DOCX is made from the parsed text plus the live board and totals.
"""

from __future__ import annotations

import re
from dataclasses import replace

from gongkai.model.bulletin import Bulletin, BulletinSection

_SECTION = re.compile(r"^[一二三四五六七八九十]+、")
_SUBSECTION = re.compile(r"^（[一二三四五六七八九十]+）")
MAX_CHARS = 100_000


def to_text(bulletin: Bulletin) -> str:
    lines: list[str] = []
    for section in bulletin.sections:
        lines.append(section.heading)
        lines.extend(section.paragraphs)
        for sub in section.subsections:
            lines.append(sub.heading)
            lines.extend(sub.paragraphs)
        lines.append("")
    return "\n".join(lines).strip() + "\n"


def sections_of(text: str) -> list[BulletinSection]:
    sections: list[BulletinSection] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        if _SECTION.match(line):
            sections.append(BulletinSection(line))
        elif _SUBSECTION.match(line) and sections and _heading_like(line):
            sections[-1].subsections.append(BulletinSection(line))
        else:
            if not sections:
                sections.append(BulletinSection(""))
            target = sections[-1].subsections[-1] if sections[-1].subsections else sections[-1]
            target.paragraphs.append(line)
    return sections


def _heading_like(line: str) -> bool:
    """"（一）某某局" is a heading; "（一）逾期报送。共 4 个单位……" is a numbered paragraph."""
    return len(line) <= 40 and "。" not in line and "：" not in line


def edited(draft: Bulletin, title: str | None, text: str | None) -> Bulletin:
    """The draft with the supervisor's title and text (board and totals stay live)."""
    if text is None:
        return replace(draft, title=title or draft.title)
    return replace(draft, title=title or draft.title, sections=sections_of(text))
