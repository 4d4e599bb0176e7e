"""Word automatic numbering: the "一、" or "1." that Word draws but does not store as text.

Reports often number section headings (一、总体情况) and table labels (1.属于国家秘密) with list
numbering, so the printed label exists only as ``numbering.xml`` rules plus a counter. We replay
the counters in document order — per list instance (``numId``), as LibreOffice does — for the
common formats; bullets and exotic formats give no prefix rather than a wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

_DIGITS = "零一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PLACEHOLDER = re.compile(r"%([1-9])")


def chinese(n: int, digits: str = _DIGITS, units: str = "十百千") -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (counting style used in headings)."""
    if n <= 0 or n >= 10000:
        return str(n)
    out = []
    parts = [n // 1000, n // 100 % 10, n // 10 % 10, n % 10]
    names = [units[2], units[1], units[0], ""]
    zero = False
    started = False
    for d, unit in zip(parts, names, strict=True):
        if d == 0:
            zero = started
            continue
        if zero:
            out.append(digits[0])
            zero = False
        out.append(digits[d] + unit)
        started = True
    text = "".join(out)
    if 10 <= n < 20 and text.startswith(digits[1] + units[0]):
        text = text[1:]  # 十一, not 一十一
    return text


def _letters(n: int, upper: bool) -> str:
    base = ord("A" if upper else "a")
    return chr(base + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    vals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for v, s in vals:
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)}),
    "decimalHalfWidth": str,
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": lambda n: _letters(n, True),
    "lowerLetter": lambda n: _letters(n, False),
    "chineseCounting": chinese,
    "chineseCountingThousand": chinese,
    "japaneseCounting": chinese,
    "ideographDigital": lambda n: "".join(_DIGITS[int(d)] for d in str(n)),
    "chineseLegalSimplified": lambda n: chinese(n, _LEGAL, "拾佰仟"),
    "ideographTraditional": lambda n: _TIANGAN[(n - 1) % 10],
    "ideographZodiac": lambda n: _DIZHI[(n - 1) % 12],
    "decimalEnclosedCircle": lambda n: _CIRCLED[n - 1] if 1 <= n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: _CIRCLED[n - 1] if 1 <= n <= 20 else str(n),
}


@dataclass(slots=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass(slots=True)
class _List:
    levels: dict[int, _Level]
    counters: list[int | None] = field(default_factory=lambda: [None] * 9)


class Numbering:
    """Counters for every list instance of one document, advanced as paragraphs are read."""

    def __init__(self, root: etree._Element | None, ns: str) -> None:
        self._lists: dict[str, _List] = {}
        if root is None:
            return
        w = f"{{{ns}}}"
        abstract: dict[str, dict[int, _Level]] = {}
        for a in root.iter(f"{w}abstractNum"):
            abstract[a.get(f"{w}abstractNumId", "")] = {
                int(lvl.get(f"{w}ilvl", "0")): _level(lvl, w) for lvl in a.iter(f"{w}lvl")
            }
        for num in root.iter(f"{w}num"):
            ref = num.find(f"{w}abstractNumId")
            levels = dict(abstract.get(ref.get(f"{w}val", "") if ref is not None else "", {}))
            for override in num.iter(f"{w}lvlOverride"):
                ilvl = int(override.get(f"{w}ilvl", "0"))
                lvl = override.find(f"{w}lvl")
                base = _level(lvl, w) if lvl is not None else levels.get(ilvl, _Level())
                start = override.find(f"{w}startOverride")
                if start is not None:
                    base = _Level(_int(start.get(f"{w}val"), base.start), base.fmt, base.text)
                levels[ilvl] = base
            self._lists[num.get(f"{w}numId", "")] = _List(levels)

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the counter of (num_id, ilvl) and return the number as printed, e.g. "（三）"."""
        lst = self._lists.get(num_id)
        if lst is None or not 0 <= ilvl <= 8:
            return None
        level = lst.levels.get(ilvl)
        if level is None:
            return None
        c = lst.counters
        c[ilvl] = level.start if c[ilvl] is None else c[ilvl] + 1  # type: ignore[operator]
        for deeper in range(ilvl + 1, 9):
            c[deeper] = None
        if level.fmt in ("bullet", "none") or level.fmt not in _FORMATS:
            return None

        def sub(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lv = lst.levels.get(k, _Level())
            value = c[k] if c[k] is not None else lv.start
            return _FORMATS.get(lv.fmt, str)(value)  # type: ignore[arg-type]

        return _PLACEHOLDER.sub(sub, level.text)


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _level(lvl: etree._Element, w: str) -> _Level:
    def val(tag: str) -> str | None:
        el = lvl.find(f"{w}{tag}")
        return el.get(f"{w}val") if el is not None else None

    return _Level(_int(val("start"), 1), val("numFmt") or "decimal", val("lvlText") or "")
