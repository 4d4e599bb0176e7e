"""How many ways a run of flattened digits splits into a row's cells (capped at 2: unique or not).

A crawler's innerText writes a row as its label followed by its digits ("行政规范性文件77132470");
only a row whose split is unique — by the row's own arithmetic where it has one — can be read back.
"""

from __future__ import annotations

import re
from functools import cache

_COUNT = re.compile(r"0|[1-9]\d*")
_SIGNED = re.compile(r"-?(?:0|[1-9]\d*)")
_DECIMAL = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")


def count_plain(digits: str, patterns: tuple[re.Pattern[str], ...]) -> int:
    """Splits of ``digits`` into one token per pattern, each matching its pattern fully (≤ 2)."""

    @cache
    def go(pos: int, i: int) -> int:
        if i == len(patterns):
            return 1 if pos == len(digits) else 0
        total = 0
        for end in range(pos + 1, len(digits) + 1):
            if patterns[i].fullmatch(digits, pos, end):
                total += go(end, i + 1)
                if total >= 2:
                    return 2
        return total

    return go(0, 0)


def count_summed(digits: str, parts: int) -> int:
    """Splits into ``parts`` counts whose last equals the sum of the others (≤ 2)."""
    found = 0
    for length in range(1, len(digits)):
        last = digits[len(digits) - length:]
        if not _COUNT.fullmatch(last):
            continue
        found += _count_to(digits[: len(digits) - length], parts - 1, int(last))
        if found >= 2:
            return 2
    return found


def _count_to(prefix: str, parts: int, target: int) -> int:
    @cache
    def go(pos: int, left: int, remaining: int) -> int:
        if left == 0:
            return 1 if pos == len(prefix) and remaining == 0 else 0
        total = 0
        for end in range(pos + 1, len(prefix) - left + 2):
            token = prefix[pos:end]
            if len(token) > 1 and token[0] == "0":
                break
            value = int(token)
            if value > remaining:
                break
            total += go(end, left - 1, remaining - value)
            if total >= 2:
                return 2
        return total

    return go(0, parts, target)


def count_groups(digits: str, groups: int, parts: int) -> int:
    """Splits into ``groups`` consecutive summed groups of ``parts`` counts each (≤ 2)."""

    @cache
    def go(pos: int, left: int) -> int:
        if left == 0:
            return 1 if pos == len(digits) else 0
        total = 0
        for end in range(pos + parts, len(digits) + 1):
            inner = count_summed(digits[pos:end], parts)
            if inner:
                total += inner * go(end, left - 1)
                if total >= 2:
                    return 2
        return total

    return go(0, groups)


def patterns_for(decimal: bool, signed: bool) -> re.Pattern[str]:
    return _DECIMAL if decimal else (_SIGNED if signed else _COUNT)
