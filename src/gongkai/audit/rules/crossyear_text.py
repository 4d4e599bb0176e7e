"""Cross-year rules on the prose: repeated text, and year-over-year statements.

``crossyear.similar``: scoring tables deduct points when a report repeats more than half of
last year's. The figure is ``gongkai.similarity.similarity`` — the share of this year's own
words (template wording, headings, stock sentences and digits excluded) also found in last
year's report — with the longest shared passages quoted. Section 五 (problems and
improvements) copied from last year is named on its own: supervisors single it out.

``crossyear.claims``: "申请数量较去年回落12.3%", "行政复议同比减少5件" are checked against last
year's report when it is checked together. A statement whose subject has no table cell in both
reports (e.g. 主动公开信息条数) is not judged, nor is one whose cells are unread.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from gongkai.audit.rule import Context, Hit, Rule
from gongkai.audit.textscan import context_chunks, place_zh, quote
from gongkai.model.findings import Severity
from gongkai.model.report import Report
from gongkai.similarity import shared_passages, shingle_set, similarity
from gongkai.similarity.shingles import containment
from gongkai.similarity.words import own_words

#: Published scoring rules deduct when more than half of a report repeats last year's.
SIMILAR_THRESHOLD = 0.5
#: Section 五 repeated at least this much is named on its own.
SECTION5_THRESHOLD = 0.8
#: Below this many own characters a text is too short to call copied.
MIN_OWN = 80
_QUOTED = 3  # passages quoted in a message


def narrative(report: Report) -> str:
    """What the similarity rules compare: each section's title and text.

    Not what precedes section 一: the title, the stock opening ("本报告根据……编制"), the contact
    details and, in crawled pages, the crawler's header, which two years of one agency share
    without either having been copied.
    """
    return "\n".join(f"{s.title}\n{s.text}" for s in report.sections)


def _section5(report: Report) -> str:
    section = report.section(5)
    return section.text if section is not None else ""


def _similar(ctx: Context) -> Iterator[Hit]:
    last = ctx.previous
    if last is None:
        return
    path = last.source.path
    this_text, last_text = narrative(ctx.report), narrative(last)
    if len(own_words(this_text)) >= MIN_OWN:
        figure = similarity(this_text, last_text)
        if figure > SIMILAR_THRESHOLD:
            passages = sorted(shared_passages(this_text, last_text), key=lambda p: p.a_start - p.a_end)
            quoted = "；".join(f"“{quote(''.join(p.text.split()), 30)}”" for p in passages[:_QUOTED])
            more = f"，相同段落如{quoted}" if quoted else ""
            yield Hit(
                "sections",
                f"本年度报告正文有 {figure:.0%} 与同一机关上一年度报告相同（不计模板文字、标题、固定表述和数字，"
                f"超过 {SIMILAR_THRESHOLD:.0%}）{more}（上一年度报告：{path}）",
                f"{figure:.0%} of this report's own text repeats last year's report (template wording, headings "
                f"and digits excluded; threshold {SIMILAR_THRESHOLD:.0%}) (last year's report: {path})",
            )
    this5, last5 = _section5(ctx.report), _section5(last)
    words5 = own_words(this5)
    if len(words5) >= MIN_OWN // 2:
        figure5 = containment(shingle_set(words5), shingle_set(own_words(last5)))
        if figure5 >= SECTION5_THRESHOLD:
            yield Hit(
                "section.5",
                f"第五部分“存在的主要问题及改进情况”有 {figure5:.0%} 与上一年度报告相同，问题和改进措施照抄上年（上一年度报告：{path}）",
                f"{figure5:.0%} of section 5 (problems and improvements) repeats last year's (last year's report: {path})",
            )


# -- year-over-year statements -----------------------------------------------------------------

_CHANGE = re.compile(
    r"(?:较|比|同比)(?:去年|上年|上一年|前一年|\d{4}年)?(?:度)?(?:同期)?"
    r"(增长|增加|上升|提高|减少|下降|回落|降低)(?:了)?(\d+(?:\.\d+)?)(%|％|件)"
)
_UP = ("增长", "增加", "上升", "提高")
#: Subject words → the cells (summed) they count; the nearest one before the statement wins.
_SUBJECTS: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    ("行政复议", (("appeals.review.total",),)),
    ("行政诉讼", (("appeals.suit_direct.total", "appeals.suit_after_review.total"),)),
    ("申请", (("requests.received.total",), ("requests.received.total", "requests.carried_over.total"))),
)


def _total(report_cells: dict[str, object], keys: tuple[str, ...]) -> int | None:
    values = [report_cells.get(k) for k in keys]
    if not all(isinstance(v, int) for v in values):
        return None
    return sum(v for v in values if isinstance(v, int))


_SUBJECT_WORD = re.compile(r"行政复议(?:申请)?|行政诉讼|申请")


def _subject(before: str) -> tuple[str, tuple[tuple[str, ...], ...]] | None:
    """The last subject named before a statement ("行政复议申请" is a review, not a request)."""
    found = _SUBJECT_WORD.findall(before)
    if not found:
        return None
    word = found[-1][:4] if found[-1].startswith("行政") else found[-1]
    return next((w, cells) for w, cells in _SUBJECTS if w == word)


def _agrees(this: int, last: int, direction: str, amount: str, unit: str) -> bool | None:
    """Whether the statement holds; ``None`` when it cannot be judged (last year was 0)."""
    up = direction in _UP
    if unit == "件":
        return (this - last) == (int(amount) if up else -int(amount))
    if last == 0:
        return None
    change = Decimal(this - last) * 100 / Decimal(last)
    shown = Decimal(amount) if up else -Decimal(amount)
    decimals = len(amount.split(".", 1)[1]) if "." in amount else 0
    unit_ = Decimal(1).scaleb(-decimals)
    return abs(change - shown) < unit_  # rounded or cut to the digits printed


def _claims(ctx: Context) -> Iterator[Hit]:
    last = ctx.previous
    last_cells = ctx.previous_index()
    if last is None or last_cells is None:
        return
    this_cells = ctx.index()
    for chunk in context_chunks(ctx, sections=(1, 3, 4)):
        for m in _CHANGE.finditer(chunk.text):
            clause_start = max(chunk.text.rfind(p, 0, m.start()) for p in "。；;")
            subject = _subject(chunk.text[clause_start + 1 : m.start()])
            if subject is None:
                continue
            word, choices = subject
            verdicts: list[tuple[int, int, bool]] = []
            for keys in choices:
                this, before = _total(this_cells, keys), _total(last_cells, keys)  # type: ignore[arg-type]
                if this is None or before is None:
                    continue
                ok = _agrees(this, before, m.group(1), m.group(2), m.group(3))
                if ok is not None:
                    verdicts.append((this, before, ok))
            if not verdicts or any(ok for _, _, ok in verdicts):
                continue
            this, before, _ = verdicts[0]
            said = quote(chunk.text[clause_start + 1 : m.end()], 50)
            if m.group(3) == "件":
                actual_zh, actual_en = f"实际变化 {this - before:+d} 件", f"the change is {this - before:+d}"
            else:
                pct = Decimal(this - before) * 100 / Decimal(before)
                actual_zh, actual_en = f"实际变化 {pct:+.1f}%", f"the change is {pct:+.1f}%"
            yield Hit(
                chunk.where,
                f"{place_zh(chunk.where)}称“{said}”，但表格中{word}本年 {this} 件、上一年度报告 {before} 件，"
                f"{actual_zh}（上一年度报告：{last.source.path}）",
                f"the text says “{said}”, but the tables give {this} this year and {before} last year: "
                f"{actual_en} (last year's report: {last.source.path})",
            )


RULES: list[Rule] = [
    Rule(
        "crossyear.similar",
        Severity.WARNING,
        f"本年度报告正文与同一机关上一年度报告雷同：不计模板文字、标题、固定表述和数字，本年正文超过 {SIMILAR_THRESHOLD:.0%} "
        f"见于上年报告（列出相同段落）；第五部分“存在的主要问题及改进情况”{SECTION5_THRESHOLD:.0%} 以上照抄上年。",
        f"This report's narrative repeats the same agency's previous report: more than {SIMILAR_THRESHOLD:.0%} of its own "
        f"words (template wording, headings, stock sentences and digits excluded) are found in last year's, with the "
        f"shared passages; section 5 (problems and improvements) {SECTION5_THRESHOLD:.0%} or more the same as last year's.",
        _similar,
        reads=("sections", "sections (last year)"),
        crossyear=True,
    ),
    Rule(
        "crossyear.claims",
        Severity.WARNING,
        "正文所述同比变化（如“申请数量较去年回落12.3%”“行政复议同比减少5件”）与本年和上一年度报告的表格数值不符。",
        "A year-over-year statement in the text (e.g. “requests fell 12.3% on last year”, “5 fewer reviews”) "
        "disagrees with this year's and last year's tables.",
        _claims,
        reads=(
            "sections",
            "requests.received.total",
            "requests.carried_over.total",
            "appeals.*.total",
            "the same cells (last year)",
        ),
        crossyear=True,
    ),
]
