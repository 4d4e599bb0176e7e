"""Drafting the 通报: the year's review told as an office tells it, for the supervisor to edit.

The draft follows the shape published 通报 share: 总体情况 (how many agencies reported, how many on
time, who did not), 存在的主要问题 (each kind of problem with how many agencies have it and which),
各单位存在的问题 (per agency, the confirmed findings), 工作要求. Every paragraph is plain text
in ``gongkai.model.bulletin.Bulletin`` so the web stage can offer it for editing before issuing.

Only the agency's own faults appear: findings of kind "reading" never do, and the caller passes
only confirmed findings (the command line, having no review step, passes all report findings).

Interface (stable; the web stage uses it):

    lines = lines_from_review(result)            # or build AgencyLine rows from the database
    bulletin = draft_bulletin(lines, year=2023, region="某县", issuer="某县政务公开办公室",
                              issued_on=date(...), totals=result.totals)
"""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from gongkai.model.bulletin import Bulletin, BulletinSection, StatusRow, TotalRow
from gongkai.model.findings import Finding, FindingKind, Severity
from gongkai.model.keys import split_key
from gongkai.model.template import (
    APPEAL_COLUMN_LABELS,
    APPEAL_GROUP_LABELS,
    CN_NUMERALS,
    REQUEST_COLUMN_LABELS,
    REQUEST_ROW_SPECS,
    TEMPLATES,
    template_in_force,
)
from gongkai.supervise.aggregate import RegionTotals
from gongkai.supervise.scoring import Score

if TYPE_CHECKING:
    from gongkai.supervise.review import ReviewResult

#: How each state reads on the board and in the 通报 (review states of the web stage included).
STATUS_LABELS: dict[str, str] = {
    "missing": "未提交", "submitted": "已提交", "late": "逾期提交", "returned": "退回修改",
    "accepted": "已通过", "published": "已发布",
}

#: The kinds of problem a 通报 names, each with the audit rules that show it (order = printed order).
PROBLEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("数据不准确、勾稽关系错误", ("arith.*", "text.sum", "text.table_mismatch", "crossyear.*")),
    ("使用旧模板或模板混用", ("template.*",)),
    ("缺少规定内容或表格不完整", ("structure.*", "content.*")),
    ("统计期间或发布日期不规范", ("dates.*",)),
    ("法规名称或文号引用错误", ("text.citation",)),
)

REQUIREMENTS = (
    "请存在问题的单位对照本通报逐项整改，于收到本通报之日起10个工作日内修改并重新发布年度报告，"
    "将整改情况报送{issuer}。",
    "各单位要严格执行《中华人民共和国政府信息公开条例》第四十九条、第五十条的规定，使用国务院办公厅"
    "政府信息与政务公开办公室规定的年度报告格式，认真核对数据，按时报送、发布年度报告。",
)


@dataclass(frozen=True, slots=True)
class AgencyLine:
    """What the 通报 needs to know about one agency."""

    name: str
    kind: str
    status: str  # a key of STATUS_LABELS
    due: date | None = None
    published_on: date | None = None
    template: str | None = None
    findings: tuple[Finding, ...] = ()  # confirmed (or, from the command line, all) findings
    score: Score | None = None
    copied: tuple[str, ...] = ()  # e.g. "与上年报告雷同（72%）"
    files: tuple[str, ...] = ()

    @property
    def own_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.kind is FindingKind.REPORT and f.severity is not Severity.INFO]

    @property
    def submitted(self) -> bool:
        return self.status != "missing"


def lines_from_review(result: ReviewResult) -> list[AgencyLine]:
    """The command line's lines: every agency of a ``ReviewResult``, all its report findings."""
    copies: dict[str, list[str]] = {}
    for c in result.copied:
        first, second = c.agencies
        if c.kind == "previous_year":
            copies.setdefault(first, []).append(f"与本单位{c.years[1]}年报告雷同（{c.similarity:.0%}）")
        else:
            copies.setdefault(first, []).append(f"与{second}报告雷同（{c.similarity:.0%}）")
            copies.setdefault(second, []).append(f"与{first}报告雷同（{c.similarity:.0%}）")
    out = []
    for a in result.agencies:
        report = a.report
        out.append(AgencyLine(a.agency.name, str(a.agency.kind), a.status, a.due,
                              report.published_on if report else None,
                              str(report.template) if report and report.template else None,
                              tuple(a.findings), a.score, tuple(copies.get(a.agency.name, ())),
                              tuple(f.name for f in a.files)))
    return out


def draft_bulletin(lines: Sequence[AgencyLine], *, year: int, region: str, issuer: str, issued_on: date,
                   totals: RegionTotals | None = None, number: str | None = None,
                   salutation: str | None = None) -> Bulletin:
    """A first draft of the year's 通报 with its status board and totals."""
    title = f"关于{region}{year}年度政府信息公开工作年度报告检查情况的通报"
    sections = [
        BulletinSection("一、总体情况", [_overview(lines, year, region)]),
        BulletinSection("二、存在的主要问题", _problems(lines)),
        BulletinSection("三、各单位存在的问题", [], _per_agency(lines)),
        BulletinSection("四、工作要求", [p.format(issuer=issuer) for p in REQUIREMENTS]),
    ]
    if not sections[2].subsections:
        sections[2].paragraphs.append("经检查，已报送的年度报告未发现需要通报的问题。")
    return Bulletin(title, year, issuer, issued_on, salutation if salutation is not None else "各有关单位：",
                    number, sections, board_rows(lines), total_rows(totals) if totals else [])


def _overview(lines: Sequence[AgencyLine], year: int, region: str) -> str:
    submitted = [x for x in lines if x.submitted]
    late = [x for x in submitted if x.status == "late" or (x.due and x.published_on and x.published_on > x.due)]
    missing = [x.name for x in lines if not x.submitted]
    text = (f"{region}共有 {len(lines)} 个单位应报送{year}年度政府信息公开工作年度报告，"
            f"已报送 {len(submitted)} 个，其中按时报送 {len(submitted) - len(late)} 个、逾期报送 {len(late)} 个")
    if missing:
        text += f"；未报送 {len(missing)} 个：{'、'.join(missing)}。"
    else:
        text += "；全部单位均已报送。"
    scored = [x.score for x in lines if x.score is not None]
    if scored:
        average = sum(s.score for s in scored) / len(scored)
        text += f"按考评方案计分（满分 {scored[0].full_marks:g} 分），平均得分 {average:.1f} 分。"
    return text


def _problem_of(rule: str) -> str | None:
    for label, patterns in PROBLEMS:
        if any(fnmatch.fnmatchcase(rule, p) for p in patterns):
            return label
    return None


def _problems(lines: Sequence[AgencyLine]) -> list[str]:
    found: dict[str, tuple[int, list[str]]] = {}
    for x in lines:
        labels: dict[str, int] = {}
        for f in x.own_findings:
            label = _problem_of(f.rule)
            if label:
                labels[label] = labels.get(label, 0) + 1
        if x.status == "late":
            labels["逾期报送"] = 1
        if x.copied:
            labels["内容雷同"] = len(x.copied)
        for label, n in labels.items():
            count, names = found.get(label, (0, []))
            found[label] = (count + n, [*names, x.name])
    order = [p[0] for p in PROBLEMS] + ["内容雷同", "逾期报送"]
    out = []
    for n, label in enumerate((lb for lb in order if lb in found), start=0):
        count, names = found[label]
        out.append(f"（{CN_NUMERALS[n]}）{label}。共 {len(names)} 个单位存在此类问题（{count} 处）：{'、'.join(names)}。")
    return out or ["经检查，未发现共性问题。"]


def _per_agency(lines: Sequence[AgencyLine]) -> list[BulletinSection]:
    out: list[BulletinSection] = []
    for x in lines:
        items = [f"{f.message}{f'（{place}）' if (place := _place(f.where or '')) else ''}" for f in x.own_findings]
        items += list(x.copied)
        if x.status == "late" and x.due:
            when = f"于{_cn_date(x.published_on)}发布" if x.published_on else "逾期"
            items.insert(0, f"年度报告{when}，晚于{_cn_date(x.due)}的期限。")
        if not items:
            continue
        paragraphs = [f"{i}. {_sentence(text)}" for i, text in enumerate(items, start=1)]
        n = len(out)
        numeral = CN_NUMERALS[n] if n < len(CN_NUMERALS) else str(n + 1)
        out.append(BulletinSection(f"（{numeral}）{x.name}", paragraphs))
    return out


def _cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


#: Report fields as a reader of the 通报 names them.
FIELD_LABELS = {"published_on": "落款日期", "period": "统计期间", "template": "表格格式", "agency": "机关名称",
                "year": "报告年度", "title": "标题", "scope": "报告范围"}


def _place(where: str) -> str:
    """A finding's place in words ("第一部分", "本年新收政府信息公开申请数量 · 总计"), never a code."""
    parts = where.split(".")
    if parts[0] == "section" and len(parts) == 2 and parts[1].isdigit() and 1 <= int(parts[1]) <= 10:
        return f"位置：第{CN_NUMERALS[int(parts[1]) - 1]}部分"
    if where in FIELD_LABELS:
        return f"位置：{FIELD_LABELS[where]}"
    if parts[0] in ("active", "requests", "appeals") and len(parts) in (2, 3):
        return f"位置：{cell_label(parts[0], parts[1], parts[2] if len(parts) == 3 else None, None)}"
    return ""


def cell_label(table: str, row: str, column: str | None, year: int | None) -> str:
    """The template's words for a cell (or a whole row when ``column`` is None)."""
    spec = TEMPLATES[template_in_force(year or 2021)]
    if table == "active":
        active = {r.key: r.label for r in spec.active_rows()}
        label = active.get(row, row)
        if column is None:
            return label
        try:
            col = next((c.label for c in spec.active_columns(row) if c.key == column), column)
        except KeyError:
            col = column
        return f"{label} · {col}"
    if table == "requests":
        row_spec = REQUEST_ROW_SPECS.get(row)
        label = row_spec.label if row_spec else ("（七）总计" if row == "total" else row)
        if row_spec and row_spec.group and not label.startswith(row_spec.group):
            label = f"{row_spec.group}{label}"  # "1.属于国家秘密" alone would not say which group
        return label if column is None else f"{label} · {REQUEST_COLUMN_LABELS.get(column, column)}"
    label = APPEAL_GROUP_LABELS.get(row, row)
    return label if column is None else f"{label} · {APPEAL_COLUMN_LABELS.get(column, column)}"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith(("。", "！", "？", ".")) else text + "。"


def board_rows(lines: Sequence[AgencyLine]) -> list[StatusRow]:
    out = []
    for x in lines:
        on_time = None
        if x.submitted and x.due and x.published_on:
            on_time = x.published_on <= x.due
        elif x.status == "late":
            on_time = False
        own = x.own_findings
        deductions = "；".join(f"{d.label}（-{d.points:g}）" for d in x.score.deductions) if x.score else ""
        out.append(StatusRow(x.name, x.kind, STATUS_LABELS.get(x.status, x.status), x.due, x.published_on, on_time,
                             x.template, sum(f.severity is Severity.ERROR for f in own),
                             sum(f.severity is Severity.WARNING for f in own),
                             sum(f.kind is FindingKind.READING for f in x.findings),
                             x.score.score if x.score else None, deductions, x.files))
    return out


def total_rows(totals: RegionTotals) -> list[TotalRow]:
    out: list[TotalRow] = []
    sections = {"active": "二", "requests": "三", "appeals": "四"}
    for key in totals.keys:
        table, row, column = split_key(key)
        cell = totals.cells[key]
        out.append(TotalRow(key, sections[table], cell_label(table, row, column, totals.year), cell.value,
                            cell.lacking))
    return out
