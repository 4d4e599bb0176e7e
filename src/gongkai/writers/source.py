"""The authoring source (YAML, gongkai/source@1) written from a Report, with comments for the clerk.

The file is generated as text rather than dumped, so that it reads like a form: one commented
line per table row in printed order, each row's cells inline, section texts as literal blocks.
Every scalar that is not a plain number goes through PyYAML's own emitter (double-quoted), so
whatever the text holds, ``yaml.safe_load`` gives it back unchanged.
"""

from __future__ import annotations

import re
from datetime import date

import yaml

from gongkai.model import keys
from gongkai.model.report import Report, Value
from gongkai.model.template import (
    APPEAL_COLUMN_LABELS,
    APPEAL_GROUP_LABELS,
    REQUEST_COLUMN_LABELS,
    REQUEST_ROW_SPECS,
    SECTIONS,
    TemplateSpec,
)
from gongkai.writers.formatting import fmt_value
from gongkai.writers.view import resolve_template

SCHEMA_ID = "gongkai/source@1"
_UNSAFE_BLOCK = re.compile(r"[\r\x85\u2028\u2029\ufeff\t]|[^\S\n]\n|[^\S\n]$|[\x00-\x08\x0b-\x1f\x7f-\x9f]")

HEADER = """\
# 政府信息公开工作年度报告 · 源文件（gongkai/source@1）
# 这是一份可以直接编辑的数据文件：填好文字和数字后，
#   gongkai check 本文件                     核对表格勾稽关系、日期、引用的文件名等
#   gongkai render 本文件 --to docx          生成公文格式的 Word 文件（--to pdf、html、md 同理）
# 以 # 开头的行是说明，不会进入报告。缩进必须用空格，不能用 Tab。
# 各字段的含义见 docs/authoring.md；机器可读的格式见 report-source.schema.json。
"""

SECTION_NOTES = {
    1: "一、总体情况：概述贯彻《条例》的情况，主要包括主动公开、依申请公开、政府信息管理、"
       "政府信息公开平台建设、监督保障等方面（人民政府还应写明工作考核、社会评议和责任追究结果）。",
    2: "二、主动公开政府信息情况：数字填在下面 tables.active 中；这里的文字可以留空。",
    3: "三、收到和处理政府信息公开申请情况：数字填在 tables.requests 中；文字可以留空。",
    4: "四、政府信息公开行政复议、行政诉讼情况：数字填在 tables.appeals 中；文字可以留空。",
    5: "五、存在的主要问题及改进情况：如实写明问题和改进措施，不要照抄往年或其他单位的内容。",
    6: "六、其他需要报告的事项：如信息处理费收取情况、人大代表建议和政协提案办理结果公开情况等。",
}


def quoted(text: str) -> str:
    """A one-line double-quoted YAML scalar for any string."""
    out = yaml.safe_dump(text, allow_unicode=True, default_style='"', width=1 << 30)
    return out.removesuffix("\n...\n").rstrip("\n")


def _text_block(text: str, indent: str) -> str:
    """A literal block (``|-``) when the text survives one exactly, else a quoted scalar."""
    if not text:
        return '""'
    if _UNSAFE_BLOCK.search(text) or text[0] in " \n" or text.endswith("\n"):
        return quoted(text)
    return "|-\n" + "\n".join(f"{indent}{line}" if line else "" for line in text.split("\n"))


def _num(v: Value) -> str:
    return "null" if v is None else fmt_value(v)


def _date(d: date | None) -> str:
    return d.isoformat() if d else ""


def _row(report: Report, table: str, row: str, columns: tuple[str, ...], *, zero: bool) -> str:
    cells = ", ".join(f"{c}: {'0' if zero else _num(report.cell(keys.cell_key(table, row, c)))}" for c in columns)
    return f"{row}: {{{cells}}}"


def _active(report: Report, spec: TemplateSpec, zero: bool) -> list[str]:
    out = ["  # 二、主动公开政府信息情况（第二十条各项）"]
    out.append("  active:")
    for block in spec.active_blocks:
        cols = " · ".join(f"{c.key} {c.label}" for c in block.columns)
        out.append(f"    # {block.heading}：{cols}")
        for row in block.rows:
            line = _row(report, "active", row.key, tuple(c.key for c in block.columns), zero=zero)
            out.append(f"    {line}  # {row.label}")
    return out


def _requests(report: Report, spec: TemplateSpec, zero: bool) -> list[str]:
    cols = " · ".join(f"{c} {REQUEST_COLUMN_LABELS[c]}" for c in keys.REQUEST_COLUMNS)
    out = [
        "  # 三、收到和处理政府信息公开申请情况",
        "  # 列：" + cols,
        "  # 勾稽关系：每一列 本年新收 + 上年结转 = （七）总计 + 结转下年度；总计列 = 前六列之和；",
        "  # （七）总计 = （一）至（六）各行之和。",
        "  requests:",
    ]
    group: str | None = None
    for row in spec.request_rows:
        rs = REQUEST_ROW_SPECS[row]
        if rs.group and rs.group != group:
            out.append(f"    # {rs.group}")
        group = rs.group
        out.append(f"    # {rs.label}")
        out.append("    " + _row(report, "requests", row, keys.REQUEST_COLUMNS, zero=zero))
    return out


def _appeals(report: Report, zero: bool) -> list[str]:
    cols = " · ".join(f"{c} {APPEAL_COLUMN_LABELS[c]}" for c in keys.APPEAL_COLUMNS)
    out = ["  # 四、政府信息公开行政复议、行政诉讼情况", f"  # 列：{cols}（总计 = 前四列之和）", "  appeals:"]
    for g in keys.APPEAL_GROUPS:
        label = APPEAL_GROUP_LABELS[g] if g == "review" else f"行政诉讼 · {APPEAL_GROUP_LABELS[g]}"
        out.append(f"    {_row(report, 'appeals', g, keys.APPEAL_COLUMNS, zero=zero)}  # {label}")
    return out


def source_yaml(report: Report, *, zero_tables: bool = False) -> str:
    """The report as an editable source file; ``zero_tables`` fills every cell with 0 (skeletons)."""
    spec = resolve_template(report)
    lines = [HEADER, f"schema: {SCHEMA_ID}", ""]
    lines += ["# agency：机关全称，与标题和落款一致。", f"agency: {quoted(report.agency or '')}"]
    lines += ["# year：报告所属的年度（不是发布的年度）。", f"year: {report.year if report.year else ''}".rstrip()]
    notice = "国办公开办函〔2021〕30号" if spec.version == keys.Template.V2021 else "国办公开办函〔2019〕60号"
    lines += [f"# template：表格采用的国家模板：\"2021\"（2021 年度起，{notice}）或 \"2019\"（2019、2020 年度）。"
              if spec.version == keys.Template.V2021 else
              f"# template：表格采用的国家模板：\"2019\"（2019、2020 年度，{notice}）或 \"2021\"（2021 年度起）。",
              f'template: "{spec.version}"']
    lines += ["# period：统计期限，一般为整个自然年度。"]
    if report.period is not None:
        lines += ["period:", f"  start: {_date(report.period.start)}".rstrip(), f"  end: {_date(report.period.end)}".rstrip()]
    else:
        lines += ["period:"]
    lines += ["# published_on：落款日期（成文日期），如 2025-01-20；留空表示尚未确定。",
              f"published_on: {_date(report.published_on)}".rstrip()]
    lines += ["# scope：报告范围：agency（本机关）、government（本级政府）或 summary（汇总）；可留空。",
              f"scope: {report.scope or ''}".rstrip(), ""]
    lines += ["# 正文六个部分：number 为序号（1～6），title 为标题（不含“一、”），text 为正文，",
              "# 每行一段；以“（一）”开头的短行是二级标题。", "sections:"]
    by_number = {s.expected or s.number: s for s in report.sections}
    for spec_section in SECTIONS:
        n = spec_section.number
        s = by_number.get(n)
        title = s.title if s and s.title else spec_section.title
        lines += [f"  # {SECTION_NOTES[n]}", f"  - number: {n}", f"    title: {quoted(title)}",
                  f"    text: {_text_block(s.text if s else '', '      ')}"]
    lines += ["", "# 表格：键名见 docs/authoring.md。没有发生的填 0；确实无法取得的数字写 null（留空），不要用 0 冒充。", "tables:"]
    lines += _active(report, spec, zero_tables)
    lines += _requests(report, spec, zero_tables)
    lines += _appeals(report, zero_tables)
    return "\n".join(lines) + "\n"

