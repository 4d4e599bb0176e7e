"""Section 二 rows a converted or scanned document lost: said with a problem, never silently absent.

Converters and OCR can drop a few rows of section 二 (a piece of the table cut off at a page, a
row the OCR did not see). The extraction reads the rows it finds; a row it did not find would
otherwise be simply absent, which reads as "not in the report" rather than "not read". Each
such row gets a ``row_missing`` problem, as section 三's missing rows do; its cells stay absent
(null), as in the text reader's result for the same lines.
"""

from __future__ import annotations

from gongkai.model.keys import Template
from gongkai.model.report import Report
from gongkai.model.template import TEMPLATES, template_in_force


def flag_missing_active_rows(report: Report) -> None:
    active = report.tables.get("active")
    if active is None:
        return
    template = report.template
    if template not in (Template.V2019, Template.V2021):
        if report.year is None:
            return
        template = template_in_force(report.year)
    for block in TEMPLATES[template].active_blocks:
        for row in block.rows:
            if row.key in active:
                continue
            report.add_problem("row_missing", f"active.{row.key}", f"未找到“{row.label}”这一行",
                               f"row {row.key} not found")
