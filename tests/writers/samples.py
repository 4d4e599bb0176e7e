"""Fixed, balanced, non-zero reports of both templates (all-zero reports hide misplaced cells)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gongkai.model import keys
from gongkai.model.keys import Template
from gongkai.model.report import Period, Report, Section, Source
from gongkai.model.template import SECTIONS, TEMPLATES

SECTION_TEXT = {
    1: "本报告根据《中华人民共和国政府信息公开条例》要求编制。\n（一）主动公开情况\n全年主动公开政府信息1234条。\n"
       "（二）依申请公开情况。全年共受理政府信息公开申请，均在法定期限内予以答复。",
    5: "一是公开形式较为传统，群众认知程度不高。\n下一步将积极创新公开形式，丰富公开内容。",
    6: "本年度未收取信息处理费。",
}


def sample(template: Template = Template.V2021, *, year: int | None = None) -> Report:
    """A report whose every cell differs from its neighbours, and whose arithmetic holds."""
    spec = TEMPLATES[template]
    year = year or (2023 if template == Template.V2021 else 2019)
    outcomes = keys.OUTCOME_ROWS_2019 if template == Template.V2019 else keys.OUTCOME_ROWS_2021
    requests: dict[str, dict[str, int | Decimal | None]] = {r: {} for r in spec.request_rows}
    for j, col in enumerate(keys.APPLICANT_COLUMNS):
        for i, row in enumerate(outcomes):
            requests[row][col] = (i * 7 + j * 3) % 11
        total = sum(int(requests[r][col] or 0) for r in outcomes)
        requests["total"][col] = total
        requests["carried_forward"][col] = j + 2
        requests["carried_over"][col] = j + 1
        requests["received"][col] = total + 1
    for cols in requests.values():
        cols["total"] = sum(int(cols[c] or 0) for c in keys.APPLICANT_COLUMNS)
    active: dict[str, dict[str, int | Decimal | None]] = {}
    n = 1
    for block in spec.active_blocks:
        for row in block.rows:
            active[row.key] = {}
            for col in block.columns:
                if col.decimal:
                    active[row.key][col.key] = Decimal("96171.6") if row.key == "fees" else Decimal("5949.088667")
                elif col.signed:
                    active[row.key][col.key] = -417 + n
                else:
                    active[row.key][col.key] = 447228 if row.key == "licensing" and col.key == "decisions" else n
                n += 1
    appeals = {}
    for g, group in enumerate(keys.APPEAL_GROUPS):
        parts = [g + 1, g + 2, 0, g + 4]
        appeals[group] = dict(zip(keys.APPEAL_COLUMNS, [*parts, sum(parts)], strict=True))
    return Report(
        source=Source("sample.yaml", "yaml"),
        template=template,
        agency="繁峙县平型关镇人民政府",
        year=year,
        period=Period(date(year, 1, 1), date(year, 12, 31)),
        published_on=date(year + 1, 1, 10),
        scope="agency",
        sections=[Section(s.number, s.title, SECTION_TEXT.get(s.number, ""), expected=s.number) for s in SECTIONS],
        tables={"active": active, "requests": requests, "appeals": appeals},
    )

