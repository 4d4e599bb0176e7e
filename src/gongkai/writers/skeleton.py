"""``gongkai new``: a source file to start from, in the template in force for the year.

The skeleton carries the standard opening sentence (citing the regulation and the notice that
issued the template in force), the six headings with the sub-headings 30号 asks section 一 to
cover, every table cell at 0 and the date left empty, so that the first ``gongkai render`` already
gives a complete, balanced document and the clerk only replaces the 【请填写】 marks.
"""

from __future__ import annotations

from datetime import date

from gongkai.model.keys import Template
from gongkai.model.report import Period, Report, Section, Source
from gongkai.model.template import (
    NOTICE_2019,
    NOTICE_2021,
    OFFICE_NAME,
    REGULATION_TITLE,
    SECTIONS,
    template_in_force,
)
from gongkai.writers.source import source_yaml

FILL = "【请填写】"
NOTICE_TITLE_2021 = f"《{OFFICE_NAME}关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
NOTICE_TITLE_2019 = f"《{OFFICE_NAME}关于政府信息公开工作年度报告有关事项的通知》"
SUBHEADINGS_1 = ("（一）主动公开情况", "（二）依申请公开情况", "（三）政府信息管理情况", "（四）政府信息公开平台建设情况",
                 "（五）监督保障情况")


def opening(agency: str, year: int, template: Template) -> str:
    """The standard opening sentence(s) of section 一."""
    notice = f"{NOTICE_TITLE_2021}（{NOTICE_2021}）" if template == Template.V2021 else \
        f"{NOTICE_TITLE_2019}（{NOTICE_2019}）"
    return (f"本报告根据《{REGULATION_TITLE}》（以下简称《条例》）和{notice}要求编制。"
            f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
            f"如对本报告有疑问，请与{agency}联系（地址：{FILL}；电话：{FILL}）。")


def skeleton_report(agency: str, year: int) -> Report:
    template = template_in_force(year)
    texts = {
        1: "\n".join([opening(agency, year, template), *(f"{h}\n{FILL}" for h in SUBHEADINGS_1)]),
        5: f"（一）存在的主要问题\n{FILL}\n（二）改进情况\n{FILL}",
        6: (f"本年度{FILL}（未收取／收取）信息处理费。" if template == Template.V2021 else FILL),
    }
    return Report(
        source=Source("new.yaml", "yaml"),
        template=template,
        agency=agency,
        year=year,
        period=Period(date(year, 1, 1), date(year, 12, 31)),
        published_on=None,
        sections=[Section(s.number, s.title, texts.get(s.number, ""), expected=s.number) for s in SECTIONS],
    )


def new_source(agency: str, year: int) -> str:
    """The skeleton source file (YAML text) for ``agency``'s report on ``year``."""
    return source_yaml(skeleton_report(agency.strip(), year), zero_tables=True)
