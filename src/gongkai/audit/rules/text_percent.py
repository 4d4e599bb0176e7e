"""text.percent: a percentage in the narrative recomputed from the count it describes.

"办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%" — 42/81 = 51.85 %. The base of a
share is rarely named, so the rule accepts any base the report offers: a count stated before it
("共受理…859件", "答复…805件", "办结…81件", or a subtotal the share is part of) or a request total
from the section 三 table (received, received + carried over, concluded). A percentage is flagged only
when some base is offered and none of them gives it, so a share of something the report does
not count ("差评数占评价总数的0.34%", "占比26%") is never judged. Printed figures are rounded or
cut: the tolerance is half of the last printed digit below and one digit above.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from gongkai.audit.rule import Context, Hit, Rule
from gongkai.audit.textscan import context_chunks, place_zh
from gongkai.model.findings import Severity

#: "42件，占51.85%" / "42件，约占总数的51.9%" / "42件（占51.85%）".
_SHARE = re.compile(r"(\d\d*)件[，,（(]?(?:约)?占(?:比)?(?:[^0-9，,。；%％]{0,12}?)(\d+(?:\.\d+)?)[%％]")
#: (Digits are written "\d\d*", not "\d+": a pattern whose first item is a character class lets the
#: regex engine skip to the next digit; one that starts with a repeat is tried at every position.)
#: Counts a share may be of: any count stated earlier ("办结81件", "予以公开及部分公开42件，其中予以
#:公开22件，占52.4%" is a share of 42, not of all requests).
_BASE = re.compile(r"(\d\d*)件")
_WINDOW = 400  # characters before a share in which its base is looked for
_TABLE_BASES: tuple[tuple[str, ...], ...] = (
    ("requests.total.total",),
    ("requests.received.total",),
    ("requests.received.total", "requests.carried_over.total"),
)


def _table_bases(ctx: Context) -> list[int]:
    out: list[int] = []
    for keys in _TABLE_BASES:
        values = [ctx.cell(k) for k in keys]
        if all(isinstance(v, int) for v in values):
            out.append(sum(v for v in values if isinstance(v, int)))
    return out


def _agrees(count: int, base: int, printed: str) -> bool:
    """``printed`` is count/base in percent, rounded or cut to the digits printed."""
    if base <= 0:
        return False
    decimals = len(printed.split(".", 1)[1]) if "." in printed else 0
    unit = Decimal(1).scaleb(-decimals)
    shown = Decimal(printed)
    actual = Decimal(count) * 100 / Decimal(base)
    return shown - unit / 2 <= actual < shown + unit


def _subject(text: str, start: int) -> str:
    """The words before a share's count back to the clause start ("予以公开及部分公开")."""
    left = max(text.rfind(p, max(0, start - 20), start) for p in "，,；;。：:）)")
    return text[max(left + 1, start - 20) : start]


def _percent(ctx: Context) -> Iterator[Hit]:
    table = _table_bases(ctx)
    for chunk in context_chunks(ctx, sections=(1, 3, 4)):
        if ("%" not in chunk.text and "％" not in chunk.text) or "占" not in chunk.text:
            continue  # every share holds both
        for m in _SHARE.finditer(chunk.text):
            count, printed = int(m.group(1)), m.group(2)
            window = chunk.text[max(0, m.start() - _WINDOW) : m.start()]
            stated = [int(b.group(1)) for b in _BASE.finditer(window)]
            bases = [b for b in (*stated, *table) if b >= count]
            if not bases or any(_agrees(count, b, printed) for b in bases):
                continue
            said = _subject(chunk.text, m.start()) + m.group(0)
            shown = "、".join(
                f"{count}/{b} = {Decimal(count) * 100 / Decimal(b):.2f}%" for b in dict.fromkeys(bases)
            )
            yield Hit(
                chunk.where,
                f"{place_zh(chunk.where)}称“{said}”，但按正文和表格中的总数计算均不是{printed}%（{shown}）",
                f"the text says {said}, but no total stated in the text or the tables gives {printed}% ({shown})",
            )


RULES: list[Rule] = [
    Rule(
        "text.percent",
        Severity.WARNING,
        "正文所述百分比与其描述的件数不符：按正文前文所述总数或第三部分表格总数（本年新收、新收加上年结转、办理结果总计）"
        "重新计算，均不等于所印百分比（允许四舍五入或截断到所印位数）。",
        "A percentage in the text does not follow from the count it describes: recomputed against every total "
        "the text states before it and the section 3 totals (received, received + carried over, concluded), "
        "none gives the printed figure (rounded or cut to the digits printed).",
        _percent,
        reads=("sections", "requests.total.total", "requests.received.total", "requests.carried_over.total"),
    ),
]
