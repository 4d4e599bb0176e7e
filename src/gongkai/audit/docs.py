"""Generate docs/rules.md from the rule declarations, so the catalogue cannot drift.

    python -m gongkai.audit.docs > docs/rules.md
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from gongkai.audit.catalogue import CatalogueRow, catalogue
from gongkai.audit.rule import Rule
from gongkai.audit.rules import builtin_rules

_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _reads(row: CatalogueRow) -> str:
    return "<br>".join(f"`{r}`" for r in row.reads)


def render(rules: Iterable[Rule] | None = None) -> str:
    rows = catalogue(builtin_rules() if rules is None else rules)
    out = [
        "# 审核规则 · Audit rules",
        "",
        "<!-- 本文件由 `python -m gongkai.audit.docs > docs/rules.md` 从规则声明生成，请勿手工修改。",
        "     Generated from the rule declarations; do not edit by hand. -->",
        "",
        "## 中文",
        "",
        "`gongkai check` 逐条运行以下规则。严重程度：**error**（错误，有错误时退出码为 1）、"
        "**warning**（警告）、**info**（提示）；一条规则的不同情形可能有不同的严重程度，首个为默认。"
        "标注“跨年度”的规则需要同时审核同一机关相邻两年的报告。标注“报送记录”的规则不审核报告本身，而审核督查工作中的报送、"
        "退回修改、发布记录（`gongkai.audit.run_records`，由督查模块调用）。规则编号一经发布保持不变。",
        "",
        "每条发现还注明归属（JSON 字段 `kind`）：`report` 是报告本身的问题（如空白单元格、勾稽关系不平、引用错误）；"
        "`reading` 是读取问题——程序未能可靠读取的内容（如粘连的数字无法唯一拆分、表格行标签丢失、扫描件识别），"
        "显示为“未能可靠读取……请核对原文”，不计为报告的错误，也不影响退出码。依赖未读出单元格的检查（勾稽关系、"
        "正文与表格比对）对该单元格保持沉默。由 OCR 识别读取的报告，依据数值的检查（勾稽关系、正文与表格比对、数值合理性、"
        "跨年度结转）所得发现也归为读取问题，并注明“也可能是数字识别有误”。",
        "",
        f"共 {len(rows)} 条规则。",
        "",
        "| 规则 | 严重程度 | 说明 | 读取 |",
        "|---|---|---|---|",
    ]
    for row in rows:
        sev = " / ".join(f"{s}（{_SEVERITY_ZH.get(s, s)}）" for s in row.severities)
        note = "（跨年度）" if row.crossyear else "（报送记录）" if row.record else ""
        out.append(f"| `{row.id}` | {sev} | {_cell(row.zh)}{note} | {_reads(row)} |")
    out += [
        "",
        "## English",
        "",
        "`gongkai check` runs the rules below. Severities: **error** (exit status 1 when any), **warning**, "
        "**info**; the cases of one rule may differ in severity, the first listed is the default. Rules marked "
        "“cross-year” need the same agency's reports for consecutive years checked together. Rules marked "
        "“supervision record” judge a report's submission, return-for-correction and publication records, not "
        "the report itself (`gongkai.audit.run_records`, called by supervision). Rule ids are stable once released.",
        "",
        "Every finding also says whose it is (JSON field `kind`): `report` is the report's own defect (a blank "
        "cell as printed, arithmetic that fails, a wrong citation); `reading` is something the reader could not "
        "settle (glued digits with several splits, lost row labels, OCR). Reading findings are shown as "
        "“未能可靠读取……请核对原文”, are never counted as the agency's errors and never set the exit status. "
        "Checks that depend on an unread cell (arithmetic, text vs table) stay silent for that cell. In a report "
        "read by OCR, the findings of the checks that judge values (arithmetic, text vs table, plausibility, "
        "cross-year carry) are reading findings too, saying a digit may be misread.",
        "",
        f"{len(rows)} rules.",
        "",
        "| rule | severity | what it catches | reads |",
        "|---|---|---|---|",
    ]
    for row in rows:
        note = " (cross-year)" if row.crossyear else " (supervision record)" if row.record else ""
        out.append(f"| `{row.id}` | {' / '.join(row.severities)} | {_cell(row.en)}{note} | {_reads(row)} |")
    return "\n".join(out) + "\n"


def main() -> None:
    sys.stdout.write(render())


if __name__ == "__main__":
    main()
