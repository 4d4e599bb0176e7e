"""The arithmetic a writer refuses to print wrong (template.md §b B1–B4).

A government document whose tables do not add up is worse than no document, so every writer of a
finished document calls ``guard`` first; ``force`` is the clerk's explicit override. The equations
and their evaluator are the audit's own (``gongkai.audit.rules.arith``), so a report the writer
accepts is one ``gongkai check`` finds balanced, and the refusal names cells the same way. An
equation with a blank cell is skipped: blanks are the audit's business, not a reason to refuse.
"""

from __future__ import annotations

from functools import cache

from gongkai.audit.equations import Equation, evaluate
from gongkai.audit.rule import Context
from gongkai.audit.rules.arith import APPEALS_TOTAL, BALANCE, OUTCOME_TOTAL, ROW_TOTAL
from gongkai.errors import RenderError
from gongkai.model import keys
from gongkai.model.keys import Template
from gongkai.model.report import Report
from gongkai.model.template import TemplateSpec
from gongkai.settings import Settings, get_settings

MAX_LISTED = 6  # failures spelled out in the error message; the rest are counted


def equations(spec: TemplateSpec) -> tuple[Equation, ...]:
    """B1 balance, B2a outcome totals and B3 row totals of 三, B4 group totals of 四, for ``spec``."""
    outcomes = keys.OUTCOME_ROWS_2019 if spec.version == Template.V2019 else keys.OUTCOME_ROWS_2021
    rows = set(spec.request_rows)
    row_totals = tuple(eq for eq in ROW_TOTAL if keys.split_key(eq.where)[1] in rows)
    return (*BALANCE, *row_totals, *OUTCOME_TOTAL[outcomes], *APPEALS_TOTAL)


@cache
def _settings() -> Settings:
    return get_settings()  # the arithmetic reads no setting; building them per report costs more than it


def failures(report: Report, spec: TemplateSpec) -> list[str]:
    """Every reason not to print: failing equations, then filled cells the template has no room for."""
    ctx = Context(report, _settings())
    found = [f"{hit.where}：{hit.message}" for eq in equations(spec) if (hit := evaluate(eq, ctx)) is not None]
    allowed = set(spec.cell_keys())
    stray = [k for k, v in report.cells().items() if v is not None and k not in allowed]
    if stray:
        more = f" 等 {len(stray)} 个" if len(stray) > MAX_LISTED else ""
        found.append(f"{spec.version} 年版模板中没有这些单元格：{'、'.join(stray[:MAX_LISTED])}{more}")
    return found


def guard(report: Report, spec: TemplateSpec, *, force: bool) -> None:
    """Raise ``RenderError`` naming the failing cells, unless ``force``."""
    if force:
        return
    if report.template == Template.MIXED:
        raise RenderError("报告的表格混用了 2019 和 2021 两版模板，拒绝生成；请先改正，或用 --force 按该年度适用的模板强制生成",
                          path=report.source.path or None,
                          message_en="the tables mix the 2019 and 2021 templates; fix them or use --force")
    found = failures(report, spec)
    if not found:
        return
    listed = "；".join(found[:MAX_LISTED])
    more = f"；另有 {len(found) - MAX_LISTED} 处" if len(found) > MAX_LISTED else ""
    raise RenderError(f"报告的数字不平衡，拒绝生成（请核对改正，或用 --force 强制生成）：{listed}{more}",
                      path=report.source.path or None,
                      message_en=f"the tables do not add up ({len(found)} failures); fix them or use --force")
