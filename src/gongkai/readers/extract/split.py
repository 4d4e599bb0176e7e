"""Every way a stretch of crawler digits can fill a table row, found with bounded work.

Crawlers that save a page's innerText print a table row as its label followed by the cells'
contents with nothing between them ("5100000"), with the spaces that cells held ("0 0 00 0 0 0":
cells of "0&nbsp;" and "&nbsp;0"), or with a blank cell left as a lone space ("0 00000"). What the
characters allow is therefore:

- a space always ends a number (no number prints a space inside it);
- a run of digits may hold several numbers; a number has no leading zero ("0" stands alone);
- a blank cell prints as whitespace, so a blank may stand only where whitespace is; whether a
  space is a blank or a cell's padding ("0&nbsp;") is left to the digits and the arithmetic;
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
from itertools import accumulate
from math import comb

Value = int | Decimal | None

#: Numbers and the whitespace between them; the unit some cells print after the amount.
_STRETCH = re.compile(r"[ \t]*(?:-?[\d.,]+[ \t]*)+(?:万元|元)?")
_PIECE = re.compile(r"(?:-?[\d.]+)+|-?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_THOUSANDS = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_UNIT = re.compile(r"(?:万元|元)$")
_DIGIT = re.compile(r"\d")

_MAX_DECIMALS = 6
MAX_SPLITS = 2000  # splits listed per row; more means the digits do not decide
STEP_BUDGET = 10000  # search steps per row: bounds the work whatever the input


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
    if m is None or _DIGIT.search(text, start, m.end()) is None:  # (the stretch may be only "., ")
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
    if len(pieces) == 1 and len(pieces[0]) == n and pieces[0].isdigit() and not body[0].isspace() \
            and not body[-1].isspace():
        # As many digits as cells and no space: one digit per cell, whatever the arithmetic says.
        TALLY.steps += 1
        option: tuple[Value, ...] = tuple(int(ch) for ch in pieces[0])
        ok = not balanced_only or not groups or _sums_hold(option, groups)
        return Splits([option] if ok else [], True)
    digits = sum(len(p) for p in pieces)
    if digits > sum(width + int(signed) + (_MAX_DECIMALS + 1) * int(decimal) for signed, decimal in kinds):
        return Splits([], True, "too_long")
    # Where a blank may stand: between pieces, and before or after them where whitespace is.
    slots = [bool(body[: len(body) - len(body.lstrip())])] + [True] * (len(pieces) - 1)
    slots.append(bool(body[len(body.rstrip()):]))
    if balanced_only and groups:
        return _balanced(pieces, slots, n, width, kinds, groups)
    return _all(pieces, slots, n, width, kinds)


def count_splits(stretch: str, n: int, width: int) -> int:
    """How many splits ``split_stretch`` would list for a row of plain counts: 0, 1, or 2 (more).

    Counting costs a table of positions × cells, so a row the table's arithmetic will settle
    anyway need not have every split listed."""
    body = _UNIT.sub("", stretch.rstrip()) if stretch.rstrip().endswith("元") else stretch
    pieces = body.split()
    if not pieces or any(not p.isdigit() for p in pieces):
        return 2
    if sum(len(p) for p in pieces) > n * width:
        return 0
    slots = [bool(body[: len(body) - len(body.lstrip())])] + [True] * (len(pieces) - 1)
    slots.append(bool(body[len(body.rstrip()):]))
    if len(pieces) == 1 and not slots[0] and not slots[1]:
        return _count_glued(pieces[0], n, width)
    # (capped at one more than 1: 0, 1 or 2, as the callers ask)
    return _count_all(pieces, slots, n, width, ((False, False),) * n, _Numbers(pieces, width), 1)


def _count_glued(run: str, n: int, width: int) -> int:
    """``count_splits`` for one run of digits with no space: positions × cells, capped at 2."""
    size = len(run)
    if size == n:
        return 1
    # ways[i]: splits of run[i:] into the cells still to fill, for the current number of cells.
    ways = [0] * (size + 1)
    ways[size] = 1  # zero cells left
    zeros = [ch == "0" for ch in run]
    stops = [min(size, i + width) + 1 for i in range(size)]  # a number at i ends before stops[i]
    for _ in range(n):
        # after[j] = ways[j] + ways[j + 1] + …: a window of ways is a difference of two of them
        after = list(accumulate(reversed(ways)))
        after.reverse()
        after.append(0)
        ways = [ways[i + 1] if zeros[i] else min(after[i + 1] - after[stops[i]], 2) for i in range(size)]
        ways.append(0)
        TALLY.steps += 1
    return ways[0]


def _sums_hold(option: tuple[Value, ...], groups: tuple[int, ...]) -> bool:
    i = 0
    for size in groups:
        part = option[i : i + size]
        i += size
        if sum(v or 0 for v in part[:-1]) != (part[-1] or 0):
            return False
    return True


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
    """Every split, fewest blanks first; stops at ``MAX_SPLITS`` or the step budget.

    A listing that cannot complete is of no use to any caller (only whether it found a split at
    all is): when the splits are certainly more than ``MAX_SPLITS`` — counted first, when a bound
    on them allows that many — the search stops at its first split, which it reaches after the
    same steps as the whole listing would.
    """
    found: list[tuple[tuple[Value, ...], int]] = []
    budget = [STEP_BUDGET]
    acc: list[Value] = []
    numbers = _Numbers(pieces, width)
    lengths = [len(p) for p in pieces]
    after = [sum(lengths[k:]) for k in range(len(pieces) + 1)]
    free = [sum(slots[k:]) for k in range(len(slots))]  # blank slots from piece k on
    # Splits are at most the ways to cut the characters and leave blanks at the slots.
    bound = comb(after[0] - 1 + sum(slots), n - 1) if after[0] else 1
    limit = MAX_SPLITS
    if bound > MAX_SPLITS and _count_all(pieces, slots, n, width, kinds, numbers, MAX_SPLITS) > MAX_SPLITS:
        limit = 1

    def walk(p: int, at: int, blank_here: bool, blanks: int) -> bool:
        """False once a cap is reached."""
        budget[0] -= 1
        TALLY.steps += 1
        if budget[0] < 0 or len(found) >= limit:
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
        if left_digits + (free[p] if at == 0 and not blank_here else free[min(p + 1, len(pieces))]) < left_cells:
            return True  # too few digits and blank slots left for the cells
        if at == 0 and slots[p] and not blank_here:
            acc.append(None)
            ok = walk(p, 0, True, blanks + 1)
            acc.pop()
            if not ok:
                return False
        if p >= len(pieces):
            return True
        signed, decimal = kinds[c]
        for end, value in numbers.starting(p, at, signed, decimal):
            acc.append(value)
            ok = walk(p, end, False, blanks)
            acc.pop()
            if not ok:
                return False
        return True

    complete = walk(0, 0, False, 0) and limit == MAX_SPLITS
    found.sort(key=lambda f: f[1])  # fewest blanks first; a blank or padding is never chosen silently
    return Splits([o for o, _ in found], complete)


def _count_all(
    pieces: list[str],
    slots: list[bool],
    n: int,
    width: int,
    kinds: tuple[tuple[bool, bool], ...],
    numbers: _Numbers,
    cap: int,
) -> int:
    """How many splits ``_all``'s search would list without its caps (more than ``cap``: cap + 1).

    The same moves and the same dead-end tests as the search, counted over its states
    (piece, offset, cells filled, blank just placed) instead of walked path by path.
    """
    lengths = [len(p) for p in pieces]
    after = [sum(lengths[k:]) for k in range(len(pieces) + 1)]
    free = [sum(slots[k:]) for k in range(len(slots))]
    memo: dict[tuple[int, int, int, bool], int] = {}

    def count(p: int, at: int, c: int, blank_here: bool) -> int:
        if p < len(pieces) and at == lengths[p]:
            return count(p + 1, 0, c, False)
        key = (p, at, c, blank_here)
        known = memo.get(key)
        if known is not None:
            return known
        TALLY.steps += 1
        left_digits = after[p] - at
        left_cells = n - c
        total = 0
        if left_cells == 0:
            total = 1 if left_digits == 0 else 0
        elif left_digits > left_cells * (width + _MAX_DECIMALS + 2) or left_digits + (
            free[p] if at == 0 and not blank_here else free[min(p + 1, len(pieces))]
        ) < left_cells:
            total = 0
        else:
            if at == 0 and slots[p] and not blank_here:
                total += count(p, 0, c + 1, True)
            if p < len(pieces):
                signed, decimal = kinds[c]
                for end, _value in numbers.starting(p, at, signed, decimal):
                    if total > cap:
                        break
                    total += count(p, end, c + 1, False)
        memo[key] = min(total, cap + 1)
        return memo[key]

    return count(0, 0, 0, False)


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
    rslots = slots[::-1]
    found: list[tuple[tuple[Value, ...], int]] = []
    budget = [STEP_BUDGET]
    acc: list[Value] = []  # cells from the last one backwards
    numbers = _Numbers(pieces, width)
    lengths = [len(p) for p in rev]
    after = [sum(lengths[k:]) for k in range(len(rev) + 1)]
    free = [sum(rslots[k:]) for k in range(len(rslots))]
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
        if left_digits + (free[p] if at == 0 and not blank_here else free[min(p + 1, len(rev))]) < n - c:
            return True
        _total_index, is_total = ends[c]
        closing = c + 1 == n or ends[c + 1][1]  # the group's first cell: what is left must be 0
        if not is_total and left < 0:
            return True
        if at == 0 and rslots[p] and not blank_here and (is_total or not closing or left == 0):
            acc.append(None)
            ok = walk(p, 0, True, blanks + 1, 0 if is_total else left)
            acc.pop()
            if not ok:
                return False
        if p >= len(rev):
            return True
        signed, decimal = kinds[n - 1 - c]
        q = len(pieces) - 1 - p  # the piece as printed
        for start, value in numbers.ending(q, lengths[p] - at, signed, decimal):
            end = lengths[p] - start
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
    found.sort(key=lambda f: f[1])  # fewest blanks first; a blank or padding is never chosen silently
    return Splits([o for o, _ in found], complete)


class _Numbers:
    """The numbers each piece can hold, computed once per piece and kind of cell."""

    __slots__ = ("_ends", "_pieces", "_starts", "_width")

    def __init__(self, pieces: list[str], width: int) -> None:
        self._pieces = pieces
        self._width = width
        self._starts: dict[tuple[int, bool, bool], list[list[tuple[int, Value]]]] = {}
        self._ends: dict[tuple[int, bool, bool], list[list[tuple[int, Value]]]] = {}

    def starting(self, p: int, at: int, signed: bool, decimal: bool) -> list[tuple[int, Value]]:
        """(end, value) of each number starting at ``pieces[p][at]``."""
        key = (p, signed, decimal)
        table = self._starts.get(key)
        if table is None:
            piece = self._pieces[p]
            if piece.isascii() and piece.isdigit():  # the common piece: plain digits, no sign or point
                size, width = len(piece), self._width
                table = [
                    [(i + 1, 0)] if piece[i] == "0"
                    else [(end, int(piece[i:end])) for end in range(i + 1, min(size, i + width) + 1)]
                    for i in range(size)
                ]
            else:
                table = [_numbers(piece, i, self._width, signed, decimal) for i in range(len(piece))]
            self._starts[key] = table
        return table[at]

    def ending(self, p: int, stop: int, signed: bool, decimal: bool) -> list[tuple[int, Value]]:
        """(start, value) of each number ending at ``pieces[p][stop]``."""
        key = (p, signed, decimal)
        table = self._ends.get(key)
        if table is None:
            piece = self._pieces[p]
            table = [[] for _ in range(len(piece) + 1)]
            for i in range(len(piece)):
                for end, value in self.starting(p, i, signed, decimal):
                    table[end].append((i, value))
            self._ends[key] = table
        return table[stop]
