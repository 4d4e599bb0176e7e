"""text.contradiction: what the narrative asserts in words against what the tables count.

``text.table_mismatch`` compares numbers stated in the text (and "no requests", "no review")
with the tables; this rule takes the other assertions supervisors list in their 通报: "均已办结"
while requests are carried into next year, "尚有…件未办结" while none are, a number carried
forward stated differently from the table, "未发出收费通知" while requests lapsed for an unpaid
fee, "无行政事业性收费" while the fee cell has an amount. A clause that is negated or that
limits itself ("均在法定期限内予以答复" speaks only of those answered) is not an assertion that
all were concluded. An unread (null) cell is never compared.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from gongkai.audit import labels as L
from gongkai.audit.rule import Context, Hit, Rule
from gongkai.audit.textscan import clause_at, context_chunks, context_text, place_zh, quote
from gongkai.model.findings import Severity
from gongkai.model.report import Value


@dataclass(frozen=True, slots=True)
class Assertion:
    """A statement in words and the cell that contradicts it when ``contradicts(value)``."""

    cell: str
    pattern: re.Pattern[str]
    contradicts: Callable[[Value, re.Match[str] | None], bool]
    zh: str  # "…但{table}为 {value}"
    en: str
    needs: tuple[str, ...]  # a chunk holding none of these cannot match (a fast no)
    sections: tuple[int, ...] = (1, 3, 6)
    about_all: bool = False  # "均已办结": only a clause about requests, not limited to some, counts
    by_value: bool = True  # ``contradicts`` reads only the value: when it is false, no match can be


def _positive(value: Value, m: re.Match[str] | None) -> bool:
    return value is not None and value > 0


def _zero(value: Value, m: re.Match[str] | None) -> bool:
    return value is not None and value == 0


def _differs(value: Value, m: re.Match[str] | None) -> bool:
    return value is not None and m is not None and value != int(m.group(1))


ASSERTIONS: tuple[Assertion, ...] = (
    Assertion(
        "requests.carried_forward.total",
        # "(?<!未)(?:均已|全部|已全部|均|全部已)…" with the look-behind moved after each word: a
        # pattern that starts with a look-behind is tried at every position, one that starts with
        # literals lets the regex engine skip to their first characters (a third of the cost).
        re.compile(
            r"(?:均已(?<!未均已)|全部(?<!未全部)|已全部(?<!未已全部)|均(?<!未均)|全部已(?<!未全部已))"
            r"(?:按时|按期|依法)?(?:办结|办理完毕|办理完成|答复完毕|予以答复|按时答复)(?![的率])"
        ),
        _positive,
        "第三部分表格“结转下年度继续办理”为 {value} 件",
        "the section 3 table carries {value} requests into next year",
        ("办结", "办理完", "答复"),
        about_all=True,
    ),
    Assertion(
        "requests.carried_forward.total",
        re.compile(r"(?:尚有|仍有|另有)(\d+)件[^。；]{0,12}?(?:未办结|正在办理|尚未答复|结转|顺延)"),
        _zero,
        "第三部分表格“结转下年度继续办理”为 0",
        "the section 3 table carries no request into next year",
        ("尚有", "仍有", "另有"),
    ),
    Assertion(
        "requests.carried_forward.total",
        re.compile(r"(\d\d*)件[^。；，,0-9]{0,16}?(?:结转|顺延)(?:至|到)?下(?:一)?年度"),
        _differs,
        "第三部分表格“结转下年度继续办理”为 {value} 件",
        "the section 3 table carries {value} requests into next year",
        ("下年度", "下一年度"),
        by_value=False,
    ),
    Assertion(
        "requests.other_no_fee.total",
        re.compile(r"(?:未|没有)(?:向申请人)?(?:发出|出具|送达)(?:过)?(?:任何)?(?:信息处理费)?收费通知"),
        _positive,
        "第三部分表格有 {value} 件申请因“逾期未按收费通知要求缴纳费用”而不再处理（即发出过收费通知）",
        "the section 3 table shows {value} requests lapsed for an unpaid fee notice",
        ("收费通知",),
    ),
    Assertion(
        "active.fees.amount",
        re.compile(r"(?:无|没有|未(?:收取|发生|开展)?)(?:任何)?行政事业性收费(?!之外|以外)"),
        _positive,
        "第二部分表格“行政事业性收费”本年收费金额为 {value} 万元",
        "the section 2 table gives {value} (10,000 yuan) of administrative fees",
        ("行政事业性收费",),
        sections=(1, 2, 6),
    ),
)

#: A clause that limits "all" to some ("对已办结的申请均已按时答复") asserts nothing about the rest.
_LIMITED = re.compile(r"已办结的|办结的申请|答复的申请|法定期限内|在规定期限内|上年结转|上年度结转|结转的")


def _contradictions(ctx: Context) -> Iterator[Hit]:
    seen: set[str] = set()
    joined = context_text(ctx)
    for assertion in ASSERTIONS:
        value = ctx.cell(assertion.cell)
        if value is None or assertion.cell in seen:
            continue
        if assertion.by_value and not assertion.contradicts(value, None):
            continue  # e.g. nothing carried forward: "均已办结" is true, whatever the text says
        if not any(word in joined for word in assertion.needs):
            continue  # no chunk can match (one test over all the prose)
        for chunk in context_chunks(ctx, sections=assertion.sections):
            if not any(word in chunk.text for word in assertion.needs):
                continue
            hit = _first(assertion, chunk.text, value)
            if hit is None:
                continue
            said = quote(hit)
            shown = L.num(value)
            seen.add(assertion.cell)
            yield Hit(
                assertion.cell,
                f"{place_zh(chunk.where)}称“{said}”，但" + assertion.zh.format(value=shown),
                f"the text says “{said}”, but " + assertion.en.format(value=shown),
            )
            break


def _first(assertion: Assertion, text: str, value: Value) -> str | None:
    for m in assertion.pattern.finditer(text):
        clause = clause_at(text, m.start(), m.end())
        if assertion.about_all and (
            _LIMITED.search(clause) or ("申请" not in clause and "答复" not in clause)
        ):
            continue
        if assertion.contradicts(value, m):
            return clause
    return None


RULES: list[Rule] = [
    Rule(
        "text.contradiction",
        Severity.WARNING,
        "正文的文字表述与表格矛盾：称申请“均已办结”“全部按时答复”而表格结转下年度大于 0，或称尚有申请未办结而结转为 0，"
        "所述结转下年度件数与表格不符；称未发出收费通知而表格有“逾期未按收费通知要求缴纳费用”；称无行政事业性收费而表格收费金额大于 0。"
        "称未收到申请、未发生复议诉讼而表格有数，由 text.table_mismatch 报告。",
        "The text's assertions contradict the tables: “all concluded / all answered on time” while requests are "
        "carried forward, or requests said to be pending while none are; a carried-forward number that differs from "
        "the table; “no fee notice issued” while requests lapsed for an unpaid fee; “no administrative fees” while "
        "the fee cell has an amount. “No requests”, “no review or lawsuit” against the tables are text.table_mismatch's.",
        _contradictions,
        reads=(
            "sections",
            "requests.carried_forward.total",
            "requests.other_no_fee.total",
            "active.fees.amount",
        ),
    ),
]
