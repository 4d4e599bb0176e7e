"""Cells that OCR printed with letters for digits ("l8", "1O", "O"), read where the row's sums settle them.

OCR reads 0 as "O" or "o" and 1 as "l" or "I"; it also reads a table rule beside a number as "l" or
"I", so "l8" is 18, or 8 beside a rule. A "0" alone in a cell, which a recogniser made for lines of
text sees without neighbours, now and then comes out as "D" (only a cell of that letter alone). Alone such a cell is unreadable. In sections 三 and 四 every
cell of a row is part of a sum (the six applicant columns add up to 总计; each group's four results
to its total), so where exactly one reading of the row's misread cells makes all its sums hold,
that reading is the row's, and each cell so read carries a problem asking to check it. Otherwise
the cells stay null.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from gongkai.readers.document import Document, fold
from gongkai.readers.extract.values import RowResult

_ZERO = frozenset("Oo")
_LONE_ZERO = "D"  # a lone "0" read without neighbours
_ONE = frozenset("lI")
_MAX_ONES = 4  # letters that may be 1 or a rule, per cell: 2**4 readings
_MAX_READINGS = 256  # readings of a whole row tried


def readings(printed: str) -> list[int]:
    """The numbers a misread cell may stand for; none when it holds anything else."""
    text = fold(printed).strip()
    if not text or len(text) > 12:
        return []
    if text == _LONE_ZERO:
        return [0]
    choices: list[tuple[str, ...]] = []
    ones = 0
    for ch in text:
        if "0" <= ch <= "9":
            choices.append((ch,))
        elif ch in _ZERO:
            choices.append(("0",))
        elif ch in _ONE:
            ones += 1
            choices.append(("1", ""))
        else:
            return []
    if ones > _MAX_ONES:
        return []
    out: set[int] = set()
    for combo in itertools.product(*choices):
        digits = "".join(combo)
        if digits and (digits[0] != "0" or len(digits) == 1):
            out.add(int(digits))
    return sorted(out)


def _sums_hold(values: list[int | Decimal | None], groups: tuple[int, ...]) -> bool:
    at = 0
    for size in groups:
        part = values[at : at + size]
        at += size
        if any(v is None for v in part) or sum(part[:-1]) != part[-1]:  # type: ignore[arg-type, misc]
            return False
    return at == len(values)


def repair(doc: Document, result: RowResult, groups: tuple[int, ...] | None) -> RowResult:
    """``result`` with its misread cells read, where exactly one reading makes the row's sums hold."""
    cells = result.cells
    if result.problem != "unreadable_cell" or not groups or cells is None or len(cells) != len(result.values):
        return result
    unread = [i for i, v in enumerate(result.values) if v is None]
    options: list[list[int]] = []
    count = 1
    for i in unread:
        found = readings(cells[i].raw)
        if not found:
            return result
        options.append(found)
        count *= len(found)
        if count > _MAX_READINGS:
            return result
    fits: list[list[int | Decimal | None]] = []
    for combo in itertools.product(*options):
        values = list(result.values)
        for i, v in zip(unread, combo, strict=True):
            values[i] = v
        if _sums_hold(values, groups):
            fits.append(values)
            if len(fits) > 1:
                return result
    if not fits:
        return result
    wheres = list(result.wheres)
    for i in unread:
        wheres[i] = doc.where(cells[i].start, cells[i].end, cells[i].raw.strip())
    return RowResult(fits[0], wheres, found=len(fits[0]),
                     repaired=[(i, cells[i].raw.strip()) for i in unread])
