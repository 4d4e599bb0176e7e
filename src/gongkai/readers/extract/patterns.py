"""Whitespace-tolerant patterns for printed labels.

Printed labels arrive wrapped over lines, spaced out by PDF extraction ("尚 未 审 结") or split into
cells ("商业\\n企业"); a cue therefore matches with any whitespace between its characters. All
matching runs on folded text (full-width ASCII folded), so "（" is "(" and "１" is "1" here.
"""

from __future__ import annotations

import re
from functools import cache

from gongkai.readers.document import fold

CJK = "\u3400-\u9fff\uf900-\ufaff"
CN_DIGITS = "一二三四五六七八九十"
_PUNCT_VARIANTS = {
    "(": "[(（]",
    ")": "[)）]",
    "、": "[、,，.．]",
    "/": "[/／]",
    "“": "[“\"'”]?",
    "”": "[”\"'“]?",
    ":": "[:：]",
}


@cache
def loose(phrase: str) -> str:
    """A regex source matching ``phrase`` with optional whitespace between its characters."""
    parts = []
    for ch in fold(phrase):
        if ch.isspace():
            continue
        parts.append(_PUNCT_VARIANTS.get(ch, re.escape(ch)))
    return r"\s*".join(parts)


@cache
def cue_regex(cues: tuple[str, ...], numbered: bool) -> re.Pattern[str]:
    """Match any of ``cues``; with ``numbered`` an item number ("2." "2、") in front belongs to it.

    The item number is on the label's line: where OCR lost a label's numeral ("二、上年结转" read
    as "、上年结转" at a line's start), the last digit of the row above ("…1002" / "、上年结转") must
    not be taken for it.
    """
    body = "|".join(loose(c) for c in cues)
    prefix = r"(?:\d[ \t]*[.、]\s*)?" if numbered else ""
    return re.compile(f"{prefix}(?:{body})")


def compact(text: str) -> str:
    """Text with all whitespace removed, for label comparisons."""
    return "".join(text.split())
