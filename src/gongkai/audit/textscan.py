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
from gongkai.audit.rule import Context
from gongkai.model.report import Report

CLAUSE_END = re.compile(r"[。；;！!？?]")


def squeeze(text: str) -> str:
    """``text`` without whitespace; ``str.split`` and ``re``'s ``\\s`` agree on what that is, and split is faster."""
    return "".join(text.split())


@dataclass(frozen=True, slots=True)
class Chunk:
    where: str  # "preamble" or "section.N"
    text: str  # whitespace removed


_PREAMBLE = "preamble"


def _pieces(report: Report) -> Iterator[tuple[int | str | None, str, str]]:
    """(number ``chunks`` filters on, where, text before squeezing) for the preamble and each section."""
    preamble = report.meta.get("preamble")
    if isinstance(preamble, str) and preamble.strip():
        yield _PREAMBLE, "preamble", preamble
    for s in report.sections:
        n = s.expected if s.expected is not None else s.number
        yield n, f"section.{n}" if n is not None else "sections", f"{s.title}。{s.text}" if s.title else s.text


def chunks(report: Report, sections: Iterable[int] | None = None) -> Iterator[Chunk]:
    """The preamble, then each section (title and text); only ``sections`` if given."""
    wanted = set(sections) if sections is not None else None
    for n, where, text in _pieces(report):
        if wanted is None or n == _PREAMBLE or n in wanted:
            yield Chunk(where, squeeze(text))


def context_chunks(ctx: Context, sections: Iterable[int] | None = None) -> list[Chunk]:
    """``chunks(ctx.report, sections)``, squeezing the prose once for all the rules of a report."""
    every = ctx.memo("textscan.chunks", lambda: [(n, Chunk(w, squeeze(t))) for n, w, t in _pieces(ctx.report)])
    if sections is None:
        return [c for _, c in every]
    wanted = set(sections)
    return [c for n, c in every if n == _PREAMBLE or n in wanted]


def context_text(ctx: Context) -> str:
    """Every chunk's squeezed text joined by newlines (which squeezed text never holds), once per
    report: one substring test tells a rule that no chunk can match before it looks at each."""
    return ctx.memo("textscan.joined", lambda: "\n".join(c.text for c in context_chunks(ctx)))


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
