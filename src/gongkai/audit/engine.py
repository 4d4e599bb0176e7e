"""Run rules over reports and collect findings; a failing rule is a finding, never a crash.

Cross-year rules see pairs (last year, this year) of the same agency among the reports checked
together, so ``gongkai check 2022.pdf 2023.pdf`` compares carry-over without any extra flag.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from gongkai.audit.catalogue import ordered
from gongkai.audit.rule import Context, Hit, Rule
from gongkai.audit.submission import SubmissionRecord, group_key
from gongkai.model import template
from gongkai.model.findings import Finding, FindingKind, Severity
from gongkai.model.provenance import PAGES_UNREAD_CODES, TEXT_UNREAD_CODES
from gongkai.model.report import Report
from gongkai.settings import Settings


def agency_key(name: str | None) -> str | None:
    """Agency names compare equal when they differ only in whitespace."""
    if not name:
        return None
    return "".join(name.split()) or None  # str.split drops what re's \s matches, only faster


def pairs(reports: Sequence[Report]) -> list[tuple[Report, Report]]:
    """(last year's, this year's) report of one agency, for consecutive years; first match wins."""
    by_key: dict[tuple[str, int], Report] = {}
    for report in reports:
        key = agency_key(report.agency)
        if key is not None and report.year is not None:
            by_key.setdefault((key, report.year), report)
    out: list[tuple[Report, Report]] = []
    for report in reports:
        key = agency_key(report.agency)
        if key is None or report.year is None:
            continue
        previous = by_key.get((key, report.year - 1))
        if previous is not None and previous is not report:
            out.append((previous, report))
    return out


def _apply(rule: Rule, ctx: Context) -> list[Finding]:
    file = ctx.report.source.path
    try:
        hits: list[Hit] = list(rule.check(ctx))
    except Exception as exc:  # a rule bug must not hide the other findings
        return [
            Finding(
                rule.id,
                Severity.WARNING,
                None,
                f"本条规则运行出错：{type(exc).__name__}: {exc}",
                f"the rule failed: {type(exc).__name__}: {exc}",
                file,
            )
        ]
    findings = [
        Finding(rule.id, h.severity or rule.severity, h.where, h.message, h.message_en, file, h.kind or rule.kind)
        for h in hits
    ]
    if not findings:
        return findings
    problems = ctx.report.problems
    if any(p.code == "ocr_read" for p in problems):
        # What OCR read is never settled: a digit (3 for 8), a heading's numeral (二 for 三), a
        # character of a citation or a date may be misread, and looks just like the agency's slip.
        if rule.id.startswith(_FROM_VALUES):
            findings = [_as_reading(f, "本报告由 OCR 识别读取，也可能是数字识别有误，请核对原文",
                                    "read by OCR: a digit may be misread; check the original") for f in findings]
        else:
            findings = [_as_reading(f, "本报告由 OCR 识别读取，也可能是文字识别有误，请核对原文",
                                    "read by OCR: a character may be misread; check the original") for f in findings]
    if rule.id.startswith(_FROM_ABSENCE):
        unread = sorted({n for p in problems if p.code in PAGES_UNREAD_CODES for n in p.detail.get("pages", ())})
        if unread:
            listed = "、".join(map(str, unread))
            findings = [_as_reading(f, f"第 {listed} 页未能读取，相关内容可能在该页中，请核对原文",
                                    f"pages {unread} were not read: what is missing may be there; check the original")
                        for f in findings]
    return findings


#: Rules that judge the values themselves: in a report read by OCR their findings may come from a
#: misread digit (3 for 8); those of the other rules from a misread character. Either way they are
#: the reader's to check, never counted as the agency's error.
_FROM_VALUES = ("arith.", "text.sum", "text.table_mismatch", "text.percent", "values.", "crossyear.carry",
                "crossyear.stock")
#: Rules that find something absent (a section, a date, a required statement): where pages were not
#: read (scanned pages without OCR — often the last one, with the seal and the date — or text that
#: cannot be decoded), what they miss may stand on those pages.
_FROM_ABSENCE = ("structure.sections", "structure.outline", "dates.", "content.")


def _as_reading(finding: Finding, note_zh: str, note_en: str) -> Finding:
    """``finding`` as the reader's to check: a reading finding, never an error (contract §3). A note
    (severity info: the indicators, a figure to know) is no defect of anyone's: it keeps its kind and
    only says how it was read."""
    if finding.kind is FindingKind.READING:
        return finding
    kind = finding.kind if finding.severity is Severity.INFO else FindingKind.READING
    return Finding(
        finding.rule, Severity.WARNING if finding.severity is Severity.ERROR else finding.severity, finding.where,
        f"{finding.message}（{note_zh}）", f"{finding.message_en} ({note_en})", finding.file, kind,
    )


def _where_order() -> dict[str, int]:
    keys = list(template.TEMPLATE_2021.cell_keys())
    keys += [k for k in template.TEMPLATE_2019.cell_keys() if k not in set(keys)]
    order: dict[str, int] = {}
    for i, key in enumerate(keys):
        table, row, _ = key.split(".")
        order.setdefault(table, i)
        order.setdefault(f"{table}.{row}", i)
        order[key] = i
    return order


_WHERE_ORDER = _where_order()


def _where_key(where: str | None) -> tuple[int, int, str]:
    """Cells sort in printed order (rows, then columns); other places alphabetically, first."""
    if where is None:
        return (0, 0, "")
    if where in _WHERE_ORDER:
        return (2, _WHERE_ORDER[where], where)
    return (1, 0, where)


#: Rule lists seen lately → (single-report rules, cross-year rules), each rule with its rank.
#: Keyed by the rules' ids; the cached value holds the rules, so those ids cannot be reused.
_PLANS: dict[tuple[int, ...], tuple[list[tuple[int, Rule]], list[tuple[int, Rule]]]] = {}
_PLANS_MAX = 8


def _plan(rules: Iterable[Rule]) -> tuple[list[tuple[int, Rule]], list[tuple[int, Rule]]]:
    """The rules in catalogue order with their rank, split into single and cross-year ones."""
    given = rules if isinstance(rules, (list, tuple)) else list(rules)
    key = tuple(map(id, given))
    plan = _PLANS.get(key)
    if plan is None:
        rule_list = ordered(given)
        rank = {id(rule): i for i, rule in enumerate(rule_list)}  # a rule listed twice ranks last
        ranked = [(rank[id(r)], r) for r in rule_list]
        plan = (
            [(i, r) for i, r in ranked if not r.crossyear and not r.record],
            [(i, r) for i, r in ranked if r.crossyear and not r.record],
        )
        if len(_PLANS) >= _PLANS_MAX:
            _PLANS.clear()
        _PLANS[key] = plan
    return plan


def run(reports: Sequence[Report], rules: Iterable[Rule], *, settings: Settings) -> list[Finding]:
    """Every finding of every rule on every report, sorted by file, rule order, then place."""
    single, cross = _plan(rules)
    tagged: list[tuple[int, Finding]] = []
    for report in reports:
        ctx = Context(report, settings)
        # None of its text was read: every check would report what the reader could not see as
        # the agency's lack (six sections missing, no date). Only the rules made for that case run.
        unread = any(p.code in TEXT_UNREAD_CODES for p in report.problems)
        for rank, rule in single:
            if rule.unread == unread:
                tagged += [(rank, f) for f in _apply(rule, ctx)]
    if cross:
        for previous, report in pairs(reports):  # (an unread report has no agency and year to pair)
            ctx = Context(report, settings, previous)
            for rank, rule in cross:
                tagged += [(rank, f) for f in _apply(rule, ctx)]
    tagged.sort(key=lambda t: (t[1].file or "", t[0], _where_key(t[1].where)))
    return [f for _, f in tagged]


def run_records(
    records: Sequence[SubmissionRecord], rules: Iterable[Rule], *, settings: Settings, as_of: date
) -> list[Finding]:
    """Findings of the record rules (``Rule.record``) on supervision records, judged on ``as_of``.

    Each record is checked with the other copies of the same agency's report for the same year
    beside it; report rules are not run here (supervision runs ``run`` on the reports).
    """
    chosen = [(i, r) for i, r in enumerate(ordered(list(rules))) if r.record]
    groups: dict[tuple[str, int], list[SubmissionRecord]] = {}
    for record in records:
        groups.setdefault(group_key(record), []).append(record)
    tagged: list[tuple[int, Finding]] = []
    for record in records:
        copies = tuple(r for r in groups[group_key(record)] if r is not record)
        ctx = Context(record.as_report(), settings, record=record, copies=copies, as_of=as_of)
        for rank, rule in chosen:
            tagged += [(rank, f) for f in _apply(rule, ctx)]
    tagged.sort(key=lambda t: (t[1].file or "", t[0], _where_key(t[1].where)))
    return [f for _, f in tagged]
