"""Row labels wrapped around their numbers, in text that a PDF tool wrote line by line.

A table row whose label wraps over three lines has its numbers centred beside the middle line. A
tool that writes the page line by line (pdfplumber's ``extract_text``, pdfminer) puts them between
the label's pieces: "1.属于国" / "1 0 0 0 0 0 1" / "家秘密", "行政" / "1" / "处罚". Then no cue of
the row is whole and the row is not found, or only a later cue is, after the numbers, and the row
would take the next row's numbers ("5.属" / "于三类" / numbers / "内部事" / "务信息"). Where a
template row's cue reads whole only across such a line of numbers, and no cue of that row is whole
above it, the label's rest is moved before the numbers: the label whole, then its values, as the
page shows them. Lines keep their own numbers for provenance; nothing else moves. The text reader
asks this only of text written that way (single spaces, no tabs: see ``formats.text``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from gongkai.model.template import ACTIVE_BLOCKS_2019, ACTIVE_BLOCKS_2021, REQUEST_ROW_SPECS
from gongkai.readers.document import fold

#: A line of numbers only: one number, or several separated by spaces ("2 0 0 0 0 0 2"); section
#: 二's 本年增/减 may be negative ("16   -9").
NUMBERS_ONLY = re.compile(r"-?[0-9０-９][0-9０-９.]*(?:[ \t]+-?[0-9０-９][0-9０-９.]*)*[ \t]*")
_DIGIT = re.compile(r"[0-9０-９]")
_PIECES = 3  # lines a wrapped label has on either side of its numbers, at most
#: A line that starts something new, not a label's next piece: a heading, an item, a block heading.
_STARTS = re.compile(r"\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]|第[一二三四五六七八九十]+条"
                     r"|信息内容|申请人情况)")


@cache
def _cues() -> dict[str, tuple[str, ...]]:
    """Each row cue without spaces → all cues of its row (section 三 and section 二 rows)."""
    rows = [spec.cues for spec in REQUEST_ROW_SPECS.values()]
    rows += [row.cues for block in ACTIVE_BLOCKS_2019 + ACTIVE_BLOCKS_2021 for row in block.rows]
    out: dict[str, tuple[str, ...]] = {}
    for cues in rows:
        flat = tuple("".join(c.split()) for c in cues)
        for cue in flat:
            if len(cue) >= 2:
                out[cue] = tuple(sorted({*out.get(cue, ()), *flat}))
    return out


@cache
def _lengths() -> tuple[int, ...]:
    return tuple(sorted({len(cue) for cue in _cues()}))


def _split_cue(before: str, after: str) -> bool:
    """Whether a row's cue reads whole in ``before + after`` only across the boundary between them,
    and no cue of that row is whole before it (then the row is found where it starts).

    Only the pieces of text that hold the boundary are looked up, each length of cue once, and only
    the ends of the two sides that a cue across the boundary can reach are folded (the lines of
    text that ``pdftotext -layout`` or PyMuPDF align with spaces are long)."""
    lengths = _lengths()
    reach = lengths[-1] - 1
    spaced = "".join(before.split())
    tail = fold(spaced[-reach:])
    flat = tail + fold("".join(after.split())[:reach])
    cut = len(tail)
    cues = _cues()
    head: str | None = None
    for size in lengths:
        for at in range(max(0, cut - size + 1), min(cut, len(flat) - size + 1)):
            row = cues.get(flat[at:at + size])
            if row is not None:
                head = fold(spaced) if head is None else head
                if not any(c in head for c in row):
                    return True
    return False


def rejoin(lines: list[str], candidates: Iterable[int]) -> list[int] | None:
    """The order to read ``lines`` in, as indices, or None when no label is wrapped around numbers.

    ``candidates`` are the indices of lines of numbers only right below a line of text (the reader
    notes them as it reads each line). The label's pieces before the
    numbers are the lines above them back to the row before (a line of numbers only), at most
    three; its rest, the lines below without a digit, at most three, that make the cue whole and
    carry on from it (the next row's label starts with its item number, "2.", or a heading).
    """
    order: list[int] | None = None
    moved = -1  # the last line a move has placed: the pieces of two labels never overlap
    for k in candidates:
        if k <= moved:
            continue
        below = lines[k + 1].strip() if k + 1 < len(lines) else ""
        if not below or below[0].isdigit() or _DIGIT.search(below) is not None:
            continue
        first = k
        while first > 0 and k - first < _PIECES and lines[first - 1].strip() \
                and not NUMBERS_ONLY.fullmatch(lines[first - 1].strip()):
            first -= 1
        if first == k:
            continue
        # The label's rest: the lines below that make its cue whole, and those that carry on from
        # them; not a heading or another item ("政府集中" / "7 137.2" / "采购" / "三、收到和处理…":
        # a row that ends a block has the next block's heading below it).
        before = "".join(lines[first:k])
        last = None
        for end in range(k + 1, min(len(lines), k + 1 + _PIECES)):
            piece = lines[end]
            if not piece.strip() or _DIGIT.search(piece) is not None or (end > k + 1 and _STARTS.match(piece)):
                break
            if last is not None or _split_cue(before, "".join(lines[k + 1:end + 1])):
                last = end
        if last is None:
            continue
        if order is None:
            order = list(range(len(lines)))
        order[k:last + 1] = [*range(k + 1, last + 1), k]  # the label's rest, then the numbers
        moved = last
    return order
