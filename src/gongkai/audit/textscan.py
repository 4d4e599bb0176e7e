"""The report's prose, cut into places a finding can point at, with whitespace removed.

Printed reports break lines and pad numbers ("〔2019〕60 号", "受理政府信息公开申请 3119 件，答\\n复");
text rules match against the text with all whitespace removed, so one pattern serves every
format, and report the place (preamble or section) where the match was found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from gongkai.audit.labels import section_zh
from gongkai.model.report import Report

_SPACE = re.compile(r"\s+")
CLAUSE_END = re.compile(r"[。；;！!？?]")


def squeeze(text: str) -> str:
    return _SPACE.sub("", text)


@dataclass(frozen=True, slots=True)
class Chunk:
    where: str  # "preamble" or "section.N"
    text: str  # whitespace removed


def chunks(report: Report, sections: Iterable[int] | None = None) -> Iterator[Chunk]:
    """The preamble, then each section (title and text); only ``sections`` if given."""
    wanted = set(sections) if sections is not None else None
    preamble = report.meta.get("preamble")
    if isinstance(preamble, str) and preamble.strip():
        yield Chunk("preamble", squeeze(preamble))
    for s in report.sections:
        n = s.expected if s.expected is not None else s.number
        if wanted is not None and n not in wanted:
            continue
        yield Chunk(f"section.{n}" if n is not None else "sections", squeeze(f"{s.title}。{s.text}" if s.title else s.text))


def clause_at(text: str, start: int, end: int) -> str:
    """The clause (between 。；！？) around ``text[start:end]``."""
    left = max((m.end() for m in CLAUSE_END.finditer(text, 0, start)), default=0)
    right_match = CLAUSE_END.search(text, end)
    right = right_match.start() if right_match else len(text)
    return text[left:right]


def quote(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def place_zh(where: str) -> str:
    """"报告开头" / "第三部分" for a chunk's ``where``."""
    if where == "preamble":
        return "报告开头"
    if where.startswith("section."):
        try:
            return section_zh(int(where.split(".", 1)[1]))
        except ValueError:
            pass
    return "正文"
