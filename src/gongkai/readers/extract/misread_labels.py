"""Row labels that OCR misread ("2.重口申请" for "2.重复申请"), found by number and place.

A row's cues are exact phrases; one wrong character in a short label ("重复申请") leaves the row
unfound, its values then run into the row before it, and both rows are lost. A misread label still
keeps its item number ("2." "（一）" "四、") and its place between the rows found around it. So,
for a row not found, the stretch between its found neighbours is searched for its item number
followed by text close to the template's label (most characters in order); only a stretch with
exactly one such candidate gives the row, which then carries a problem naming what was printed.
Section 二's rows, without item numbers, are looked for only on lines that hold a label and numbers.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import NamedTuple

from gongkai.model.template import REQUEST_ROW_SPECS
from gongkai.readers.document import Document

_MARKER = re.compile(r"^(?:(?P<digit>\d)[.、]|[（(](?P<paren>[一二三四五六七八九十])[）)]|(?P<numeral>[一二三四五六七八九十])、)")
_TEXT = re.compile(r"[^\d\n|\t]{2,60}")
_KEEP = 8  # label characters compared: enough to tell rows apart, before wrapping cuts them
_SIMILAR = 0.7  # one wrong character in four, two in eight


class Found(NamedTuple):
    key: str
    start: int
    end: int
    printed: str


def _marker_pattern(label: str) -> tuple[re.Pattern[str], str] | None:
    """The item number printed before ``label`` as a pattern, and the label's words after it."""
    m = _MARKER.match(label.replace("（", "(").replace("）", ")"))
    if m is None:
        return None
    if m.group("digit"):
        pattern = rf"(?<![\d.]){m.group('digit')}\s*[.、]"
    elif m.group("paren"):
        pattern = rf"\(\s*{m.group('paren')}\s*\)"
    else:
        pattern = rf"(?<![一二三四五六七八九十]){m.group('numeral')}\s*、"
    words = label[m.end():].split("（")[0]
    return re.compile(pattern), words


def find(text: str, key: str, lo: int, hi: int) -> Found | None:
    """Row ``key``'s misread label in ``text[lo:hi]`` (folded text), if exactly one is there."""
    spec = _marker_pattern(REQUEST_ROW_SPECS[key].label)
    if spec is None:
        return None
    pattern, words = spec
    want = words[:_KEEP]
    if len(want) < 4:
        return None  # "3.其他": too short to tell a misreading from another label
    found: list[Found] = []
    for m in pattern.finditer(text, lo, hi):
        t = _TEXT.match(text, m.end(), hi)
        if t is None:
            continue
        printed = "".join(t.group().split())
        if _similar(want, printed[: len(want)]) < _SIMILAR:
            continue
        end = t.start() + _end_of(t.group(), len(want))
        found.append(Found(key, m.start(), end, text[m.start():end].strip()))
        if len(found) > 1:
            return None
    return found[0] if found else None


def _end_of(stretch: str, chars: int) -> int:
    """Where the label ends in ``stretch``: after its first ``chars`` non-space characters, then
    any more label text up to the first space run, digit or line end."""
    seen = 0
    for i, ch in enumerate(stretch):
        if not ch.isspace():
            seen += 1
            if seen == chars:
                rest = re.match(r"[^\s\d]*", stretch[i + 1:])
                return i + 1 + (rest.end() if rest else 0)
    return len(stretch)


def find_active(doc: Document, key: str, labels: dict[str, str], lo: int, hi: int) -> Found | None:
    """Section 二 row ``key``'s misread label in ``doc.text[lo:hi]``: a line that holds only a
    label and the row's numbers (or only the label, its numbers on the next line), the label
    closer to this row's than to any other's, and close enough.

    Section 二's labels have no item number and are short ("行政许可"), so running text is never
    asked: "行政收费" in a sentence would pass for a row.
    """
    want = labels[key]
    if len(want) < 4:
        return None  # "规章": too short to tell a misreading from another word
    found: list[Found] = []
    text = doc.folded
    i = doc.line_index(lo)
    starts = doc.lines._starts
    count = len(starts)
    while i < count and starts[i] < hi:
        start = max(starts[i], lo)
        end = starts[i + 1] - 1 if i + 1 < count else len(text)
        i += 1
        m = _ROW_LINE.match(text, start, min(end, hi))
        if m is None:
            continue
        printed = "".join(m.group("label").split())
        if abs(len(printed) - len(want)) > 1 or _similar(want, printed) < _SIMILAR:
            continue
        if not m.group("values") and not _VALUES_NEXT.match(text, end + 1, hi):
            continue
        if any(_similar(other, printed) >= _similar(want, printed) for k, other in labels.items() if k != key):
            continue
        found.append(Found(key, m.start("label"), m.end("label"), printed))
        if len(found) > 1:
            return None
    return found[0] if found else None


# A line of a table row: the label (no digit), then only numbers, or nothing (cells one a line).
_ROW_LINE = re.compile(
    r"[\s|]*(?P<label>[^\d\s|][^\d|\t]{1,14}?)[\s|]*(?P<values>(?:[\dOolI][\d.,OolI]*[\s|]*)*)$")
_VALUES_NEXT = re.compile(r"[\s|]*[\dOolI]")


def _similar(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()
