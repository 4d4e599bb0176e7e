"""Figures stated in the narrative: "公开信息137条。其中工作动态133条、领导信息3条…".

A figure with parts is what ``text.sum`` audits; the parts list ends where its separator
changes or a clause no longer reads as a part, so that the next statement is not swallowed.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from gongkai.model.report import NarrativeFigure
from gongkai.readers.document import Document
from gongkai.readers.extract.patterns import CJK
from gongkai.readers.extract.values import parse_number

_UNITS = "条|件|篇|个|次|期|场|项|人次|份"
_SUCH_AS = re.compile("其中")


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The figure and part patterns, compiled when a text first says "其中".

    Their CJK character classes cost ~10 ms to compile, which a report without listed parts
    (and every ``gongkai parse`` of one) need not pay.
    """
    with_parts = re.compile(
        rf"(?P<subject>[{CJK}“”\"]{{2,16}}?)\s*(?P<value>\d+)\s*(?P<unit>{_UNITS})\s*[。，,;；]?\s*"
        rf"(?:\([^)]{{0,30}}\)\s*)?其中\s*[:：,，]?\s*"
    )
    part = re.compile(
        rf"(?P<subject>[{CJK}“”\"A-Za-z][{CJK}“”\"A-Za-z\s]{{0,13}}?)\s*(?P<value>\d+)\s*(?P<unit>{_UNITS})"
        r"(?:\s*[，,]?\s*占[^，,;；。、]{0,12}%)?\s*(?P<sep>[、，,;；]?)"
    )
    return with_parts, part


def find_figures(doc: Document, lo: int, hi: int, section: int | None) -> list[NarrativeFigure]:
    """Figures with listed parts ("其中…") in ``doc.text[lo:hi]``."""
    text = doc.folded
    out: list[NarrativeFigure] = []
    for k in _SUCH_AS.finditer(text, lo, hi):
        with_parts, part = _patterns()
        matches = list(with_parts.finditer(text, max(lo, k.start() - 48), min(hi, k.end() + 4)))
        if not matches or matches[-1].end() <= k.start():
            continue
        m = matches[-1]
        parts: list[tuple[str, int | Decimal]] = []
        pos = m.end()
        sep: str | None = None
        while True:
            p = part.match(text, pos, hi)
            if p is None or p.group("unit") != m.group("unit"):
                break
            value = parse_number(p.group("value"))
            if value is None:
                break
            parts.append((re.sub(r"\s+", "", p.group("subject")).strip("“”\""), value))
            pos = p.end()
            this_sep = _kind(p.group("sep"))
            if not this_sep:
                break
            if sep is None:
                sep = this_sep
            elif this_sep != sep:
                break
        total = parse_number(m.group("value"))
        if len(parts) >= 2 and total is not None:
            out.append(
                NarrativeFigure(
                    _short_subject(m.group("subject")), total, m.group("unit"), section,
                    doc.where(m.start("value"), m.end("unit")), tuple(parts),
                )
            )
    return out


def _kind(sep: str) -> str:
    if sep in ("、",):
        return "enum"
    if sep in (",", "，"):
        return "comma"
    if sep in (";", "；"):
        return "semicolon"
    return ""


_LEAD_IN = re.compile(r"^.*(?:通过|共|累计|全年|合计|网站|平台|[在向对])")


def _short_subject(subject: str) -> str:
    """The words that name the figure: "通过…门户网站公开信息" → "公开信息"."""
    short = _LEAD_IN.sub("", subject)
    return short if len(short) >= 2 else subject
