"""Hypothesis strategies for random reports whose arithmetic holds by construction.

Section 三: for each applicant column, outcome rows are drawn first; the （七）总计 row is their sum,
the carry-forward is drawn, the carry-over is drawn no larger than total + carry-forward, and the
new requests make up the difference (B1, B2a). The 总计 column is the row sum (B3). Section 四 totals
are the sum of the four results (B4).

Texts are drawn from phrases of real reports, minus two cases with their own example tests in
test_roundtrip.py (an undated signature; a body line holding a section title's words).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import strategies as st

from gongkai.model import keys
from gongkai.model.keys import Template
from gongkai.model.report import Period, Report, Section, Source
from gongkai.model.template import SECTIONS, TEMPLATES

AGENCIES = (
    "繁峙县平型关镇人民政府",
    "淮安市人民政府",
    "上海市人民政府办公厅",
    "北京市海淀区教育委员会",
    "平潭综合实验区管理委员会",
    "忻州市市场监督管理局",
    "杭州市西湖区人民政府北山街道办事处",
)
PHRASES = (
    "本年度我单位认真贯彻落实《中华人民共和国政府信息公开条例》",
    "进一步规范政府信息公开申请办理工作",
    "全年主动公开政府信息1234条",
    "持续加强政府网站和政务新媒体建设",
    "严格落实保密审查机制",
    "依申请公开工作平稳有序",
    "一是公开形式较为传统，群众认知程度不高",
    "二是政务公开长效机制有待进一步完善",
    "下一步将积极创新公开形式，丰富公开内容",
    "本年度未收取信息处理费",
    "强化工作监督和考核评估",
)
SUBHEADINGS = ("（一）主动公开情况", "（二）依申请公开情况", "（三）政府信息管理情况", "（四）平台建设情况", "（五）监督保障情况")

counts = st.one_of(st.just(0), st.integers(0, 30), st.integers(0, 70_000))
big_counts = st.one_of(st.just(0), st.integers(0, 99), st.integers(0, 10**7))


@st.composite
def amounts(draw: st.DrawFn) -> Decimal | int:
    """Amounts as printed: 0, 12, 96171.6, 5949.088667."""
    places = draw(st.integers(0, 6))
    n = draw(st.integers(0, 10**9 if places else 10**7))
    if places == 0:
        return n
    d = Decimal(n).scaleb(-places)
    return d if d != d.to_integral_value() else int(d)


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(PHRASES), min_size=1, max_size=4))
    return "，".join(parts) + "。"


@st.composite
def section_text(draw: st.DrawFn, allow_empty: bool = True) -> str:
    n = draw(st.integers(0 if allow_empty else 1, 4))
    lines: list[str] = []
    for i in range(n):
        if draw(st.booleans()) and i < len(SUBHEADINGS):
            lines.append(SUBHEADINGS[i])
        lines.append(draw(paragraph()))
    return "\n".join(lines)


def _requests(draw: st.DrawFn, template: Template) -> dict[str, dict[str, int | Decimal | None]]:
    outcomes = keys.OUTCOME_ROWS_2019 if template == Template.V2019 else keys.OUTCOME_ROWS_2021
    rows: dict[str, dict[str, int | Decimal | None]] = {
        r: {} for r in TEMPLATES[template].request_rows
    }
    for col in keys.APPLICANT_COLUMNS:
        sparse = draw(st.booleans())
        for r in outcomes:
            rows[r][col] = 0 if sparse and draw(st.integers(0, 3)) else draw(counts)
        total = sum(int(rows[r][col] or 0) for r in outcomes)
        forward = draw(counts)
        over = draw(st.integers(0, total + forward))
        rows["total"][col] = total
        rows["carried_forward"][col] = forward
        rows["carried_over"][col] = over
        rows["received"][col] = total + forward - over
    for r, cols in rows.items():
        cols["total"] = sum(int(cols[c] or 0) for c in keys.APPLICANT_COLUMNS)
        rows[r] = {c: cols[c] for c in keys.REQUEST_COLUMNS}
    return rows


def _active(draw: st.DrawFn, template: Template) -> dict[str, dict[str, int | Decimal | None]]:
    out: dict[str, dict[str, int | Decimal | None]] = {}
    for block in TEMPLATES[template].active_blocks:
        for row in block.rows:
            out[row.key] = {}
            for col in block.columns:
                if col.decimal:
                    v: int | Decimal = draw(amounts())
                elif col.signed:
                    v = draw(st.integers(-5000, 5000))
                else:
                    v = draw(big_counts)
                out[row.key][col.key] = v
    return out


def _appeals(draw: st.DrawFn) -> dict[str, dict[str, int | Decimal | None]]:
    out: dict[str, dict[str, int | Decimal | None]] = {}
    for g in keys.APPEAL_GROUPS:
        parts = [draw(counts) for _ in range(4)]
        out[g] = dict(zip(keys.APPEAL_COLUMNS, [*parts, sum(parts)], strict=True))
    return out


@st.composite
def reports(draw: st.DrawFn, template: Template | None = None) -> Report:
    tpl = template or draw(st.sampled_from([Template.V2019, Template.V2021]))
    year = draw(st.integers(2019, 2020) if tpl == Template.V2019 else st.integers(2021, 2030))
    sections = []
    for spec in SECTIONS:
        text = draw(section_text()) if spec.number in (1, 5, 6) else ""
        sections.append(Section(spec.number, spec.title, text, numeral=None, expected=spec.number))
    published = draw(st.dates(date(year + 1, 1, 1), date(year + 1, 3, 31)))
    period = draw(st.sampled_from([None, Period(date(year, 1, 1), date(year, 12, 31))]))
    return Report(
        source=Source("random.yaml", "yaml"),
        template=tpl,
        agency=draw(st.sampled_from(AGENCIES)),
        year=year,
        period=period,
        published_on=published,
        scope=None,
        sections=sections,
        tables={"active": _active(draw, tpl), "requests": _requests(draw, tpl), "appeals": _appeals(draw)},
    )
