"""Row labels wrapped around their numbers in tables drawn without ruling lines.

A borderless table (a web page printed to PDF, a WPS table whose borders are white or images)
has no cells to read, only lines of text. When a row's label wraps over two lines and the value
cells are centred vertically, the numbers sit on a line of their own between the label's lines:

    行政                    （二）部分公开（区分处理的，只计这一情 形，不
    24867                   9 0 0 0 0 0 9        ← in reading order, after both label lines
    处罚                    计其他情形）

Read as lines, the label is cut by its own numbers and the extraction finds neither. Here the
label's lines are joined — column by column, so that a group label printed beside the row label
("（四）无 | 1.本机关" / "法提供 | 不掌握相") stays apart from it — and the numbers put after them,
but only when the geometry says they are one cell's lines around one row's numbers: the label
lines lie left of the numbers, follow each other at one line pitch, and the numbers' line is
centred between them.
"""

from __future__ import annotations

import re

from gongkai.readers.document import fold
from gongkai.readers.pdf_layout import Char
from gongkai.readers.pdf_tables import TextLine, group_lines, join_text, line_text

_TOKEN = r"(?:[-—]?\d+(?:\.\d+)?|[-—])"
_NUMBERS = re.compile(rf"{_TOKEN}(?:\s+{_TOKEN})*")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ENDS_IN_NUMBER = re.compile(r"\d\s*$")
_ITEM_MARKS = frozenset(".．、")  # after a row label's item number: "1.本机关…"
_ITEM_GAP = 0.55  # ems: wider than the automatic spacing Word puts between Chinese and a digit


def _make(group: list[Char], text: str | None = None) -> TextLine:
    sizes = sorted(c.x1 - c.x0 for c in group if "\u4e00" <= c.text <= "\u9fff")
    if len(sizes) < 2:
        sizes = sorted(c.height for c in group)
    return TextLine((text if text is not None else line_text(group)).strip(), min(c.x0 for c in group),
                    min(c.top for c in group), max(c.x1 for c in group), max(c.bottom for c in group),
                    max(sizes[len(sizes) // 2], 1.0))


def _fragment(line: TextLine, values_x: float, em: float) -> bool:
    """A piece of a label: Chinese, short, no sentence end, no number at its end, left of the numbers."""
    text = fold(line.text).strip()
    return (len(text) <= 40 and _CJK.search(text) is not None and not text.endswith("。")
            and not _ENDS_IN_NUMBER.search(text) and line.x1 <= values_x + 0.5 * em)


def _centre(line: TextLine) -> float:
    return (line.top + line.bottom) / 2


def _segments(group: list[Char], em: float) -> list[list[Char]]:
    """A line's runs of characters separated by a gap wider than a character: its table columns.

    A row label's item number ("1.本机关…") printed beside a group label ("（四）无") may stand
    closer than a character to it, and OCR's boxes place it less exactly still; a gap over 0.55 em
    before an item number is a column's edge too (the automatic spacing Word puts between Chinese
    and a digit is a quarter em)."""
    out: list[list[Char]] = []
    glyphs = [ch for ch in group if not ch.text.isspace()]
    for i, ch in enumerate(glyphs):
        if out:
            gap = ch.x0 - out[-1][-1].x1
            item = (gap > _ITEM_GAP * em and ch.text.isdigit() and i + 1 < len(glyphs)
                    and glyphs[i + 1].text in _ITEM_MARKS and not out[-1][-1].text.isdigit())
            if gap <= 0.8 * em and not item:
                out[-1].append(ch)
                continue
        out.append([ch])
    return out


def _label(lines: list[list[list[Char]]]) -> str:
    """The label lines' text, column by column (left to right), each column's lines top to bottom.

    ``lines`` holds each line's segments (see ``_segments``), top to bottom.
    """
    columns: list[tuple[float, float, list[str]]] = []
    for segments in lines:
        for seg in segments:
            x0, x1 = seg[0].x0, seg[-1].x1
            for k, (c0, c1, texts) in enumerate(columns):
                if x0 < c1 and c0 < x1:
                    columns[k] = (min(c0, x0), max(c1, x1), texts)
                    texts.append(line_text(seg))
                    break
            else:
                columns.append((x0, x1, [line_text(seg)]))
    parts = []
    for _c0, _c1, texts in sorted(columns, key=lambda c: c[0]):
        text = ""
        for t in texts:
            text = join_text(text, t.strip())
        parts.append(text)
    return " ".join(parts)


def _values(group: list[Char], line: TextLine) -> tuple[list[list[Char]], str, float] | None:
    """(label segments before the numbers, the numbers' text, where they start) of a line ending in numbers."""
    if not _ENDS_IN_NUMBER.search(line.text):
        return None
    segments = _segments(group, line.em)
    k = len(segments)
    while k > 0 and _NUMBERS.fullmatch(fold(line_text(segments[k - 1])).strip()):
        k -= 1
    if k == len(segments):
        return None
    head = segments[:k]
    if any(not _CJK.search(line_text(seg)) for seg in head):
        return None  # something other than label text before the numbers
    numbers = " ".join(line_text(seg).strip() for seg in segments[k:])
    return head, numbers, segments[k][0].x0


_WINDOW = 8  # label lines looked at on each side of a row's numbers
_MAX_PITCH = 1.7  # line pitch inside a cell, in ems: beyond it, lines are different rows


def _label_lines(lines: list[TextLine], groups: list[list[Char]], i: int, head: list[list[Char]], values_x: float,
                 used: set[int]) -> list[int] | None:
    """The lines (with ``i``, top to bottom) of the labels centred on line ``i``'s numbers, if any.

    Every label column of the row is centred on the numbers, so in each column the label's lines
    pair up at equal distances above and below them. Only whole lines of such pairs are taken;
    a line with a piece that pairs with nothing makes the row too unclear to join (left as is).
    """
    em = lines[i].em
    centre = _centre(lines[i])
    near: list[int] = []
    for step in (-1, 1):
        k = i + step
        while 0 <= k < len(lines) and abs(k - i) <= _WINDOW and k not in used:
            if not _fragment(lines[k], values_x, max(em, lines[k].em)):
                break
            near.append(k)
            k += step
    if not near:
        return None
    columns: list[tuple[float, float, list[tuple[float, int, int]]]] = []  # x0, x1, (offset, line, piece)
    pieces = [(k, seg) for k in near for seg in _segments(groups[k], lines[k].em)] + [(i, seg) for seg in head]
    for p, (k, seg) in sorted(enumerate(pieces), key=lambda e: e[1][1][0].x0):
        x0, x1 = seg[0].x0, seg[-1].x1
        offset = _centre(lines[k]) - centre
        for n, (c0, c1, members) in enumerate(columns):
            if x0 < c1 and c0 < x1:
                columns[n] = (min(c0, x0), max(c1, x1), members)
                members.append((offset, k, p))
                break
        else:
            columns.append((x0, x1, [(offset, k, p)]))
    tolerance = 0.3 * em
    first_pitch = 0.0
    paired: set[int] = set()  # pieces
    for _c0, _c1, members in columns:
        ups = sorted((-off, k, p) for off, k, p in members if off < -tolerance)
        downs = sorted((off, k, p) for off, k, p in members if off > tolerance)
        # Lines of one cell follow at one pitch (at most single-and-a-half spacing): the first pair
        # is half a pitch from the numbers (an even count) or a whole pitch (the label has a line
        # on the numbers' line), and each further pair one pitch further out.
        odd = any(k == i for _off, k, _p in members)
        pairs = 0
        while pairs < min(len(ups), len(downs)) and abs(ups[pairs][0] - downs[pairs][0]) <= tolerance:
            distance = ups[pairs][0]
            pitch = distance if odd else 2 * distance
            if pairs == 0 and pitch > _MAX_PITCH * em:
                break
            if pairs and abs(distance - ups[pairs - 1][0] - first_pitch) > tolerance:
                break
            if pairs == 0:
                first_pitch = pitch
            pairs += 1
        paired.update(p for _d, _k, p in ups[:pairs] + downs[:pairs])
        paired.update(p for off, k, p in members if k == i)
    taken = {pieces[p][0] for p in paired if pieces[p][0] != i}
    if not taken:
        return None
    # A line is taken whole or not at all: a piece on it that pairs with nothing is allowed only in
    # a column where nothing pairs — another cell on the same lines, such as a group label
    # ("（四）无法提供") centred over several rows.
    loose_columns = {p for _c0, _c1, members in columns if not any(q in paired for _o, _k, q in members)
                     for _o, _k, p in members}
    for p, (k, _seg) in enumerate(pieces):
        if k in taken and p not in paired and p not in loose_columns:
            return None
    lo, hi = min(taken | {i}), max(taken | {i})
    if any(k not in taken for k in range(lo, hi + 1) if k != i):
        return None  # a line between the label's lines that is not the label's: not one cell
    return sorted(taken | {i})


def wrapped_lines(chars: list[Char]) -> list[TextLine]:
    """Characters outside tables as text lines (top to bottom), wrapped labels joined to their numbers."""
    groups: list[list[Char]] = []
    lines: list[TextLine] = []
    for group in group_lines(chars):
        text = line_text(group)
        if text.strip():
            groups.append(group)
            lines.append(_make(group, text))
    merged: dict[int, TextLine] = {}
    used: set[int] = set()
    for i, line in enumerate(lines):
        if i in used:
            continue
        found = _values(groups[i], line)
        if found is None:
            continue
        head, numbers, values_x = found
        taken = _label_lines(lines, groups, i, head, values_x, used)
        if taken is None:
            continue
        label = _label([head if k == i else _segments(groups[k], lines[k].em) for k in taken])
        every = [c for k in taken for c in groups[k]]
        merged[taken[0]] = _make(every, f"{label} {numbers}")
        used.update(taken)
    if not merged:
        return lines
    return [merged.get(k, line) for k, line in enumerate(lines) if k in merged or k not in used]
