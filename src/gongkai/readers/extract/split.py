"""Every way a stretch of crawler digits can fill a table row, found with bounded work.

Crawlers that save a page's innerText print a table row as its label followed by the cells'
contents with nothing between them ("5100000"), with the spaces that cells held ("0 0 00 0 0 0":
cells of "0&nbsp;" and "&nbsp;0"), or with a blank cell left as a lone space ("0 00000"). What the
characters allow is therefore:

- a space always ends a number (no number prints a space inside it);
- a run of digits may hold several numbers; a number has no leading zero ("0" stands alone);
- a blank cell prints as whitespace, so a blank may stand only where whitespace is, and the fewest
  blanks that fill the row win (the spaces of "0&nbsp;" cells are padding, not blanks);
- a number is at most ``width`` digits long: what a table cell of that kind can hold. A stretch
  longer than its cells can hold is reported, never searched.

Choosing among the splits is the table's business (its arithmetic, see ``settle``); this module
only lists them, each search capped by a step budget so that hostile input costs time in
proportion to its size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

Value = int | Decimal | None

#: Numbers and the whitespace between them; the unit some cells print after the amount.
_STRETCH = re.compile(r"[ \t]*(?:-?[\d.,]+[ \t]*)+(?:万元|元)?")
_PIECE = re.compile(r"(?:-?[\d.]+)+|-?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_THOUSANDS = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_UNIT = re.compile(r"(?:万元|元)$")

_MAX_DECIMALS = 6
MAX_SPLITS = 2000  # splits listed per row; more means the digits do not decide
STEP_BUDGET = 40000  # search steps per row: bounds the work whatever the input


@dataclass(slots=True)
class Tally:
    """Search steps taken since the last reset: lets tests check that work grows linearly."""

    steps: int = 0


TALLY = Tally()


@dataclass(slots=True)
class Splits:
    """The splits of one stretch. ``complete`` is False when the listing stopped at a cap."""

    options: list[tuple[Value, ...]]
    complete: bool
    problem: str | None = None  # "too_long": more digits than the row's cells can hold


def numeric_stretch(text: str, start: int, stop: int) -> tuple[int, int] | None:
    """The numbers printed right after a label on the same line: ``text[a:b]``, or None.

    In one-line crawler text the stretch up to the next label also holds whatever prose follows
    the table ("5949.09(二)主动公开…107条"); only the numbers touching the label are the row's.
    """
    m = _STRETCH.match(text, start, stop)
    if m is None or not any(ch.isdigit() for ch in m.group(0)):
        return None
    return start, m.end()


def split_stretch(
    stretch: str,
    n: int,
    width: int,
    *,
    kinds: tuple[tuple[bool, bool], ...] | None = None,
    groups: tuple[int, ...] | None = None,
    balanced_only: bool = False,
) -> Splits:
    """List the ways ``stretch`` (numbers and spaces) fills ``n`` cells of at most ``width`` digits.

    ``kinds`` gives each cell's (signed, decimal); ``groups`` the row's own sums (each group's last
    cell is the total of the others); with ``balanced_only`` only splits whose groups add up are
    listed, which prunes the search for long runs.
    """
    body = _UNIT.sub("", stretch.rstrip()) if stretch.rstrip().endswith("元") else stretch
    pieces = body.split()
    if not pieces or any(_PIECE.fullmatch(p) is None for p in pieces):
        return Splits([], True, "unreadable")
    if kinds is None:
        kinds = ((False, False),) * n
    digits = sum(len(p) for p in pieces)
    if digits > sum(width + int(signed) + (_MAX_DECIMALS + 1) * int(decimal) for signed, decimal in kinds):
        return Splits([], True, "too_long")
    # Where a blank may stand: between pieces, and before or after them where whitespace is.
    slots = [bool(body[: len(body) - len(body.lstrip())])] + [True] * (len(pieces) - 1)
    slots.append(bool(body[len(body.rstrip()):]))
    if balanced_only and groups:
        return _balanced(pieces, slots, n, width, kinds, groups)
    return _all(pieces, slots, n, width, kinds)


def _numbers(piece: str, at: int, width: int, signed: bool, decimal: bool) -> list[tuple[int, Value]]:
    """(end, value) of each number that may start at ``piece[at]``."""
    out: list[tuple[int, Value]] = []
    if _THOUSANDS.fullmatch(piece):
        if at == 0:
            value = _parse(piece.replace(",", ""), decimal)
            if value is not None:
                out.append((len(piece), value))
        return out
    i = at
    if piece[i] == "-":
        if not signed:
            return out
        i += 1
    if i >= len(piece) or not piece[i].isdigit():
        return out
    ends: list[int] = []
    whole = 0  # digits before the point
    frac = -1  # digits after it; -1: no point yet
    j = i
    while j < len(piece):
        ch = piece[j]
        if ch.isdigit():
            if frac < 0:
                if whole == width or (whole == 1 and piece[i] == "0"):
                    break
                whole += 1
            else:
                if frac == _MAX_DECIMALS:
                    break
                frac += 1
            j += 1
            ends.append(j)
        elif ch == "." and decimal and frac < 0:
            frac = 0
            j += 1
        else:
            break
    for end in ends:
        text = piece[at:end]
        if text.endswith("."):
            continue
        value = _parse(text, decimal)
        if value is not None:
            out.append((end, value))
    return out


def _parse(text: str, decimal: bool) -> Value:
    if "." in text:
        if not decimal:
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            return None
    return int(text)


def _all(
    pieces: list[str], slots: list[bool], n: int, width: int, kinds: tuple[tuple[bool, bool], ...]
) -> Splits:
    """Every split, fewest blanks first; stops at ``MAX_SPLITS`` or the step budget."""
    found: list[tuple[tuple[Value, ...], int]] = []
    budget = [STEP_BUDGET]
    acc: list[Value] = []
    lengths = [len(p) for p in pieces]
    after = [sum(lengths[k:]) for k in range(len(pieces) + 1)]

    def walk(p: int, at: int, blank_here: bool, blanks: int) -> bool:
        """False once a cap is reached."""
        budget[0] -= 1
        TALLY.steps += 1
        if budget[0] < 0 or len(found) >= MAX_SPLITS:
            return False
        if p < len(pieces) and at == lengths[p]:  # a piece is used up: a blank slot lies after it
            return walk(p + 1, 0, False, blanks)
        c = len(acc)
        left_digits = after[p] - at
        left_cells = n - c
        if left_cells == 0:
            if left_digits == 0:
                found.append((tuple(acc), blanks))
            return True
        if left_digits > left_cells * (width + _MAX_DECIMALS + 2):
            return True
        if at == 0 and slots[p] and not blank_here:
            acc.append(None)
            ok = walk(p, 0, True, blanks + 1)
            acc.pop()
            if not ok:
                return False
        if p >= len(pieces):
            return True
        signed, decimal = kinds[c]
        for end, value in _numbers(pieces[p], at, width, signed, decimal):
            acc.append(value)
            ok = walk(p, end, False, blanks)
            acc.pop()
            if not ok:
                return False
        return True

    complete = walk(0, 0, False, 0)
    if not found:
        return Splits([], complete)
    fewest = min(b for _, b in found)
    return Splits([o for o, b in found if b == fewest], complete)


def _balanced(
    pieces: list[str],
    slots: list[bool],
    n: int,
    width: int,
    kinds: tuple[tuple[bool, bool], ...],
    groups: tuple[int, ...],
) -> Splits:
    """Splits whose groups add up, searched from the right: each group's total is chosen first,
    so no part of the group may exceed what is left of it."""
    rev = [p[::-1] for p in reversed(pieces)]
    slots[::-1]
    found: list[tuple[tuple[Value, ...], int]] = []
    budget = [STEP_BUDGET]
    acc: list[Value] = []  # cells from the last one backwards
    lengths = [len(p) for p in rev]
    after = [sum(lengths[k:]) for k in range(len(rev) + 1)]
    # For each cell (counted from the right): its group's total index and whether it is the total.
    ends: list[tuple[int, bool]] = []
    for size in reversed(groups):
        base = len(ends)
        ends.extend((base, k == 0) for k in range(size))

    def walk(p: int, at: int, blank_here: bool, blanks: int, left: int) -> bool:
        budget[0] -= 1
        TALLY.steps += 1
        if budget[0] < 0 or len(found) >= MAX_SPLITS:
            return False
        if p < len(rev) and at == lengths[p]:
            return walk(p + 1, 0, False, blanks, left)
        c = len(acc)
        left_digits = after[p] - at
        if c == n:
            if left_digits == 0 and left == 0:
                found.append((tuple(reversed(acc)), blanks))
            return True
        if left_digits > (n - c) * (width + _MAX_DECIMALS + 2):
            return True
        _total_index, is_total = ends[c]
        closing = c + 1 == n or ends[c + 1][1]  # the group's first cell: what is left must be 0
        if not is_total and left < 0:
            return True
        if at == 0 and slots[p] and not blank_here and (is_total or not closing or left == 0):
            acc.append(None)
            ok = walk(p, 0, True, blanks + 1, 0 if is_total else left)
            acc.pop()
            if not ok:
                return False
        if p >= len(rev):
            return True
        signed, decimal = kinds[n - 1 - c]
        for end, value in _numbers_reversed(rev[p], at, width, signed, decimal):
            if is_total:
                remaining = value if value is not None else 0
            else:
                remaining = left - (value or 0)
                if remaining < 0 or (closing and remaining != 0):
                    continue
            acc.append(value)
            ok = walk(p, end, False, blanks, remaining)  # type: ignore[arg-type]
            acc.pop()
            if not ok:
                return False
        return True

    complete = walk(0, 0, False, 0, 0)
    if not found:
        return Splits([], complete)
    fewest = min(b for _, b in found)
    return Splits([o for o, b in found if b == fewest], complete)


def _numbers_reversed(rpiece: str, at: int, width: int, signed: bool, decimal: bool) -> list[tuple[int, Value]]:
    """(end, value) of each number ending where ``rpiece`` (a piece reversed) is at ``at``."""
    out: list[tuple[int, Value]] = []
    piece = rpiece[::-1]
    stop = len(piece) - at  # the number ends here in the piece as printed
    for start in range(stop - 1, max(-1, stop - width - _MAX_DECIMALS - 3), -1):
        for end, value in _numbers(piece, start, width, signed, decimal):
            if end == stop:
                out.append((len(piece) - start, value))
    return out
