"""The prose: citations (template.md §a.1, §c.1, §d, §e 2), narrative sums and narrative vs tables (§b S3)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from gongkai.audit import labels as L
from gongkai.audit.rule import Context, Hit, Rule
from gongkai.audit.textscan import Chunk, clause_at, context_chunks, context_text, place_zh, quote
from gongkai.model.findings import Severity
from gongkai.model.report import Report
from gongkai.model.template import NOTICE_2019, NOTICE_2021, OFFICE_NAME, REGULATION_TITLE

_OPEN, _CLOSE = r"[〔\[［（(【]", r"[〕\]］）)】]"

# -- citations -----------------------------------------------------------------------------------

Verdict = tuple[Severity, str, str]  # severity, Chinese, English
Judge = Callable[[re.Match[str], Report], list[Verdict]]


@dataclass(frozen=True, slots=True)
class Citation:
    """One pattern of wrong citation: a regex over whitespace-free text and how to judge a match."""

    name: str
    pattern: re.Pattern[str]
    judge: Judge
    needs: str = ""  # text every match contains: a chunk without it is not scanned (a fast no)


def _title(m: re.Match[str], report: Report) -> list[Verdict]:
    title = m.group(1)
    if title == REGULATION_TITLE or (title.endswith("政府信息公开条例") and not title.startswith("中华人民共和国")):
        return []
    return [
        (
            Severity.ERROR,
            f"法规名称有误：“{m.group(0)}”，应为《{REGULATION_TITLE}》",
            f"wrong title of the regulation: “{m.group(0)}”; it is 《{REGULATION_TITLE}》",
        )
    ]


def _notice(m: re.Match[str], report: Report) -> list[Verdict]:
    prefix, year, number = m.group(1), int(m.group(2)), int(m.group(3))
    known = {(2021, 30): NOTICE_2021, (2019, 60): NOTICE_2019}.get((year, number))
    if known is None:
        return []
    out: list[Verdict] = []
    if prefix != "国办公开办函" and "公开" in prefix:
        out.append(
            (
                Severity.ERROR,
                f"文号有误：“{m.group(0)}”，应为“{known}”",
                f"wrong document number “{m.group(0)}”; it is {known}",
            )
        )
    if (year, number) == (2019, 60) and report.year is not None and report.year >= 2021:
        out.append(
            (
                Severity.WARNING,
                f"{report.year}年度报告引用已被替代的“{m.group(0)}”（2019年试行格式），现行为“{NOTICE_2021}”",
                f"a {report.year} report cites the superseded {NOTICE_2019} (2019 trial form); "
                f"{NOTICE_2021} is in force",
            )
        )
    return out


def _always(severity: Severity, zh: str, en: str) -> Judge:
    def judge(m: re.Match[str], report: Report) -> list[Verdict]:
        return [(severity, zh.format(m=m.group(0)), en.format(m=m.group(0)))]

    return judge


def _working_days(m: re.Match[str], report: Report) -> list[Verdict]:
    clause = clause_at(m.string, m.start(), m.end())
    if re.search("第三方|征求|意见|协商", clause):  # 第三十二、三十四条 still give 15 working days
        return []
    return [
        (
            Severity.WARNING,
            f"“{quote(clause)}”：答复期限“{m.group(0)}”是2008年旧条例的规定，现行条例第三十三条为20个工作日",
            f"“{m.group(0)}” is the reply period of the 2008 regulation; the current one gives 20 working days",
        )
    ]


CITATIONS: tuple[Citation, ...] = (
    Citation("title", re.compile(r"《([^《》]{1,40}?信息公开条例)》"), _title, "信息公开条例》"),
    Citation(
        "title_unbracketed",
        re.compile(r"(?<!《)中华人民共和国信息公开条例"),
        _always(
            Severity.ERROR,
            f"法规名称有误：“{{m}}”，应为《{REGULATION_TITLE}》",
            f"wrong title of the regulation: “{{m}}”; it is 《{REGULATION_TITLE}》",
        ),
        "中华人民共和国信息公开条例",
    ),
    Citation(
        "notice", re.compile(rf"(国办[^〔\[［（(【0-9，。；、]{{0,4}}){_OPEN}(\d{{4}}){_CLOSE}(\d{{1,4}})号"), _notice, "国办"
    ),
    Citation(
        "office",
        re.compile(r"政府信息公开与政务公开办公室"),
        _always(
            Severity.WARNING,
            f"发文机关名称有误：“{{m}}”，应为“{OFFICE_NAME}”中的“政府信息与政务公开办公室”",
            "wrong name of the issuing office: “{m}”; it is 政府信息与政务公开办公室",
        ),
        "政府信息公开与政务公开办公室",
    ),
    Citation("working_days", re.compile(r"(?:15|１５|十五)个工作日"), _working_days, "个工作日"),
    Citation(
        "decree_492",
        re.compile(r"(?:国务院令|国令)第?(?:492|四百九十二)号"),
        _always(
            Severity.WARNING,
            "引用“{m}”，即2008年旧条例；现行条例为国务院令第711号（2019年修订）",
            "cites “{m}”, the 2008 regulation; the current one is State Council Decree No. 711 (2019)",
        ),
        "令",
    ),
    Citation(
        "garbled_agency",
        re.compile(r"[\u4e00-\u9fff]{0,6}?[省市县区州旗盟]人民办公室"),
        _always(
            Severity.WARNING,
            "机关名称残缺：“{m}”，疑漏“政府”二字（…人民政府办公室）",
            "garbled agency name “{m}”: “政府” seems to be missing (…人民政府办公室)",
        ),
        "人民办公室",
    ),
)


def _citations(ctx: Context) -> Iterator[Hit]:
    seen: set[tuple[str, str]] = set()
    for chunk in context_chunks(ctx):
        for citation in CITATIONS:
            if citation.needs not in chunk.text:
                continue
            for m in citation.pattern.finditer(chunk.text):
                if (citation.name, m.group(0)) in seen:
                    continue
                seen.add((citation.name, m.group(0)))
                for severity, zh, en in citation.judge(m, ctx.report):
                    yield Hit(chunk.where, zh, en, severity)


# -- narrative sums ------------------------------------------------------------------------------


def _sums(ctx: Context) -> Iterator[Hit]:
    for fig in ctx.report.narrative:
        if not fig.parts:
            continue
        total: int | Decimal = sum((v for _, v in fig.parts), 0)
        if total == fig.value:
            continue
        where = f"section.{fig.section}" if fig.section is not None else "narrative"
        parts_zh = " + ".join(f"{s}{L.num(v)}{fig.unit}" for s, v in fig.parts)
        parts_en = " + ".join(L.num(v) for _, v in fig.parts)
        yield Hit(
            where,
            f"正文称“{fig.subject}{L.num(fig.value)}{fig.unit}”，但其后所列分项 {parts_zh} = {L.num(total)}{fig.unit}",
            f"the text states {fig.subject} {L.num(fig.value)} {fig.unit} but lists parts "
            f"{parts_en} = {L.num(total)}",
        )


# -- narrative vs tables -------------------------------------------------------------------------

_COUNT = r"(?:共计|合计|总计|共|数量为|数为|为|达)?(\d+)件"
_RECEIVED = re.compile(r"(?:受理|收到|接收|接到|新收)([^。；，,0-9]{0,30}?)申请" + _COUNT)
_NO_REQUESTS = re.compile(
    r"(?:(?:未|没有)(?:收到|接到|受理|接收)[^。；，,0-9]{0,25}?|(?:无(?![论法])|没有)[^。；，,、0-9]{0,8}?)"
    r"(?:信息公开申请|依申请公开)(?!引起|提起|引发|的行政|行政复议|行政诉讼|复议|诉讼)"
)
_REVIEW = re.compile(r"行政复议(?:案件|案)?" + _COUNT)
_SUIT = re.compile(r"行政诉讼(?:案件|案)?" + _COUNT)
_NO_REVIEW = re.compile(r"(?:未(?![经审结])|没有|无(?![论法]))[^。；，,0-9]{0,20}?行政复议")
_NO_SUIT = re.compile(r"(?:未(?![经审结])|没有|无(?![论法]))[^。；，,0-9]{0,20}?行政诉讼")
_HAS_COUNT = re.compile(r"\d\d*件")  # "\d\d*", not "\d+": see text_percent._SHARE


def _known_total(ctx: Context, *keys: str) -> int | Decimal | None:
    values = [ctx.cell(k) for k in keys]
    if any(v is None for v in values):
        return None
    return sum((v for v in values if v is not None), 0)


@dataclass(frozen=True, slots=True)
class Claim:
    """A kind of statement about a table total: what it counts, which cells, which patterns."""

    where: str
    zh: str
    en: str
    cells: tuple[str, ...]
    count: re.Pattern[str]
    none: re.Pattern[str]
    gap_ok: Callable[[re.Match[str]], bool] = lambda m: True
    needs: str = ""  # text every match of ``count`` and ``none`` contains (a fast no)
    decimal: bool = False  # an amount (万元), not a count


def _request_gap(m: re.Match[str]) -> bool:
    gap = m.group(1)
    return (not gap or "公开" in gap) and not re.search("复议|诉讼|信访|举报", gap)


CLAIMS: tuple[Claim, ...] = (
    Claim(
        "requests.received.total",
        "第三部分表格“本年新收”总计",
        "received this year (section 3 total)",
        ("requests.received.total",),
        _RECEIVED,
        _NO_REQUESTS,
        _request_gap,
        needs="申请",
    ),
    Claim(
        "appeals.review.total",
        "第四部分表格“行政复议”总计",
        "administrative reviews (section 4 total)",
        ("appeals.review.total",),
        _REVIEW,
        _NO_REVIEW,
        needs="行政复议",
    ),
    Claim(
        "appeals.suit_direct.total",
        "第四部分表格行政诉讼总计（未经复议直接起诉 + 复议后起诉）",
        "lawsuits (section 4, both groups)",
        ("appeals.suit_direct.total", "appeals.suit_after_review.total"),
        _SUIT,
        _NO_SUIT,
        needs="行政诉讼",
    ),
)


_NEVER = re.compile(r"(?!)")  # claims with no "there were none" form

#: Section 二 figures stated in the text (issue 11): documents issued and in force, decisions, fees.
_ACTIVE_CLAIMS: tuple[Claim, ...] = (
    Claim(
        "active.rules.issued",
        "第二部分“规章”本年制发件数",
        "rules issued (section 2)",
        ("active.rules.issued",),
        re.compile(r"(?:制发|出台|印发|制定)(?:了)?(?:政府)?规章(?:共|共计|数量为|为)?(\d+)件"),
        _NEVER,
        needs="规章",
    ),
    Claim(
        "active.normative_documents.issued",
        "第二部分“行政规范性文件”本年制发件数",
        "normative documents issued (section 2)",
        ("active.normative_documents.issued",),
        re.compile(r"(?:制发|出台|印发|制定)(?:了)?(?:行政)?规范性文件(?:共|共计|数量为|为)?(\d+)件"),
        _NEVER,
        needs="规范性文件",
    ),
    Claim(
        "active.normative_documents.in_force",
        "第二部分“行政规范性文件”现行有效件数",
        "normative documents in force (section 2)",
        ("active.normative_documents.in_force",),
        re.compile(r"现行有效(?:的)?(?:行政)?规范性文件(?:共|共计|数量为|为)?(\d+)件"),
        _NEVER,
        needs="规范性文件",
    ),
    *(
        Claim(
            f"active.{row}.decisions",
            f"第二部分“{label}”本年处理决定数量",
            f"{row} decisions (section 2)",
            (f"active.{row}.decisions",),
            # "(?:作出|办理)?{label}决定…" with the optional words as an alternative of their own, tried
            # first as the "?" does: a pattern that starts with an optional item is tried at every
            # position, one whose alternatives all start with a character lets the engine skip ahead.
            re.compile(
                rf"(?:作出|办理){label}决定(?:共|共计|数量为|为)?(\d+)件|{label}决定(?:共|共计|数量为|为)?(\d+)件"
                rf"|作出{label}(\d+)件"
            ),
            _NEVER,
            needs=label,
        )
        for row, label in (("licensing", "行政许可"), ("punishment", "行政处罚"), ("coercion", "行政强制"))
    ),
    Claim(
        "active.fees.amount",
        "第二部分“行政事业性收费”本年收费金额",
        "administrative fees (section 2)",
        ("active.fees.amount",),
        re.compile(r"行政事业性收费(?:金额)?(?:共|共计|合计|为|达)?(\d+(?:\.\d+)?)万元"),
        _NEVER,
        needs="行政事业性收费",
        decimal=True,
    ),
)

_APPEAL_PARTS = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"))

#: Section 四 parts stated after a total ("行政复议351件，其中结果维持72件，结果纠正64件……").
_APPEAL_CLAIMS: tuple[Claim, ...] = tuple(
    Claim(
        f"appeals.{group}.{column}",
        f"第四部分表格{zh}“{label}”",
        f"{en}, {column} (section 4)",
        tuple(k.format(c=column) for k in patterns),
        re.compile(rf"{word}(?:案件|案)?\d+件[，,]?其中[^。；]*?{label}(\d+)件"),
        _NEVER,
        needs=label,
    )
    for group, word, zh, en, patterns in (
        ("review", "行政复议", "“行政复议”", "administrative reviews", ("appeals.review.{c}",)),
        (
            "suit_direct",
            "行政诉讼",
            "行政诉讼（两类起诉之和）",
            "lawsuits",
            ("appeals.suit_direct.{c}", "appeals.suit_after_review.{c}"),
        ),
    )
    for column, label in _APPEAL_PARTS
)

CLAIMS = (*CLAIMS, *_ACTIVE_CLAIMS, *_APPEAL_CLAIMS)


def _denial(claim: Claim, texts: list[Chunk]) -> tuple[str, str] | None:
    """(where, quoted clause) of the first statement that there were none, without a count in it."""
    if claim.none is _NEVER:
        return None  # (finditer would still try the empty pattern at every position)
    for chunk in texts:
        for m in claim.none.finditer(chunk.text):
            clause = clause_at(chunk.text, m.start(), m.end())
            if not _HAS_COUNT.search(clause):
                return chunk.where, quote(clause)
    return None


def _table_mismatch(ctx: Context) -> Iterator[Hit]:
    texts = context_chunks(ctx, sections=(1, 2, 3))
    joined = context_text(ctx)
    for claim in CLAIMS:
        # Without ``needs`` in any chunk there is neither a count nor a denial: test that first,
        # the cheaper question (a few of the claims' words appear in most reports).
        if claim.needs not in joined:
            continue
        scanned = [c for c in texts if claim.needs in c.text]
        if not scanned:
            continue
        total = _known_total(ctx, *claim.cells)
        if total is None:
            continue
        stated: list[tuple[int | Decimal, str, str]] = []  # value, where, quoted clause
        for chunk in scanned:
            for m in claim.count.finditer(chunk.text):
                if claim.gap_ok(m):
                    number = m.group(m.lastindex or 1)
                    stated.append((Decimal(number) if claim.decimal else int(number), chunk.where, m.group(0)))
        # A denial only matters when no number is stated and the table has some: look for one
        # only then (whole-number totals ≤ 0 cannot raise when compared, so they skip it too).
        denial: tuple[str, str] | None = None
        if not stated and not (type(total) is int and total <= 0):
            denial = _denial(claim, scanned)
        if stated:
            value, where, said = max(stated, key=lambda s: s[0])
            if value != total:
                yield Hit(
                    claim.where,
                    f"{place_zh(where)}称“{said}”，但{claim.zh}为 {L.num(total)}",
                    f"the text says {value} ({said}) but the table gives {L.num(total)} for {claim.en}",
                )
        elif denial is not None and total > 0:
            yield Hit(
                claim.where,
                f"{place_zh(denial[0])}称“{denial[1]}”，但{claim.zh}为 {L.num(total)}",
                f"the text says there were none (“{denial[1]}”) but the table gives {L.num(total)} for {claim.en}",
            )


RULES: list[Rule] = [
    Rule(
        "text.citation",
        Severity.ERROR,
        "法规或文件名称、文号引用错误（错误），或引用已过时的文件与规定（警告）：如《中华人民共和国信息公开条例》、"
        "“国办公开函〔2021〕30号”；2021年度起仍引用国办公开办函〔2019〕60号；“15个工作日”、国务院令第492号（2008年旧条例）；"
        "“政府信息公开与政务公开办公室”；“…市人民办公室”。",
        "A regulation or governing document cited under a wrong title or number (error), or an outdated one "
        "(warning): e.g. 《中华人民共和国信息公开条例》, “国办公开函〔2021〕30号”; 国办公开办函〔2019〕60号 in a "
        "2021+ report; “15个工作日” or Decree No. 492 (2008 regulation); a wrong office name; “…市人民办公室”.",
        _citations,
        reads=("meta.preamble", "sections", "year"),
        also=(Severity.WARNING,),
    ),
    Rule(
        "text.sum",
        Severity.WARNING,
        "正文所述总数与其后所列分项之和不符（如“公开信息137条，其中……”分项合计139条）。",
        "A total stated in the text differs from the sum of the parts listed with it.",
        _sums,
        reads=("narrative",),
    ),
    Rule(
        "text.table_mismatch",
        Severity.WARNING,
        "正文与表格矛盾：如称未收到申请而表格本年新收大于 0，或正文所述受理申请、行政复议、行政诉讼件数与表格总计不符；"
        "正文所述制发、现行有效的规章和行政规范性文件件数，行政许可、处罚、强制决定数，行政事业性收费金额，"
        "以及行政复议、诉讼“其中结果维持……”各项与表格不符。",
        "The text contradicts the tables: e.g. “no requests received” while the table shows some, or the "
        "numbers of requests, reviews or lawsuits stated differ from the table totals; rules and normative "
        "documents issued or in force, licensing, penalty and coercion decisions, administrative fees, and the "
        "upheld/corrected/other/pending parts of reviews and lawsuits stated in the text differ from the tables.",
        _table_mismatch,
        reads=(
            "meta.preamble",
            "sections",
            "requests.received.total",
            "appeals.review.total",
            "appeals.suit_direct.total",
            "appeals.suit_after_review.total",
            "active.rules.issued",
            "active.normative_documents.issued",
            "active.normative_documents.in_force",
            "active.licensing.decisions",
            "active.punishment.decisions",
            "active.coercion.decisions",
            "active.fees.amount",
            "appeals.*.upheld|corrected|other|pending",
        ),
    ),
]
