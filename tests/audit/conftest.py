"""A balanced, realistic report to mutate: every rule must stay silent on it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal

import pytest

from gongkai.audit import Rule, builtin_rules, run
from gongkai.model.findings import Finding
from gongkai.model.keys import APPEAL_COLUMNS, OUTCOME_ROWS_2019, OUTCOME_ROWS_2021, REQUEST_COLUMNS, Template
from gongkai.model.report import Period, Report, Section, Source
from gongkai.model.template import SECTIONS
from gongkai.settings import Settings

# Non-zero cells per column (2021 rows); every other request cell is 0.
_COLUMNS: dict[str, dict[str, int]] = {
    "natural_person": {
        "received": 72, "carried_over": 5, "granted": 40, "partial": 10, "withheld_third_party": 2,
        "unavailable_not_held": 15, "not_handled_repeat": 3, "other_no_correction": 2, "other_misc": 1,
        "carried_forward": 4,
    },
    "enterprise": {"received": 9, "granted": 5, "partial": 1, "unavailable_not_held": 2, "carried_forward": 1},
    "legal_service": {"received": 2, "granted": 2},
}
_APPEALS = {"review": (2, 1, 0, 1), "suit_direct": (1, 0, 0, 1), "suit_after_review": (1, 0, 0, 0)}

ACTIVE_2021 = {
    "rules": {"issued": 1, "repealed": 0, "in_force": 12},
    "normative_documents": {"issued": 5, "repealed": 2, "in_force": 40},
    "licensing": {"decisions": 320},
    "punishment": {"decisions": 45},
    "coercion": {"decisions": 3},
    "fees": {"amount": Decimal("12.5")},
}
ACTIVE_2019 = {
    "rules": {"made": 1, "published": 1, "total": 12},
    "normative_documents": {"made": 5, "published": 5, "total": 40},
    "licensing": {"previous": 30, "change": -2, "decisions": 320},
    "other_services": {"previous": 10, "change": 0, "decisions": 15},
    "punishment": {"previous": 20, "change": 1, "decisions": 45},
    "coercion": {"previous": 5, "change": 0, "decisions": 3},
    "fees": {"previous": 4, "change": 0},
    "procurement": {"items": 6, "amount": Decimal("251000")},
}

SECTION_TEXT = {
    1: "2023年，本局认真贯彻落实条例。全年共受理政府信息公开申请83件，均按期答复。"
    "因政府信息公开工作被申请行政复议4件、提起行政诉讼3件。",
    2: "（见下表）",
    3: "（见下表）",
    4: "（见下表）",
    5: "一是公开内容有待深化；二是平台建设有待加强。",
    6: "本年度未收取信息处理费。",
}
PREAMBLE = (
    "根据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号要求编制本报告。"
    "本报告统计期限自2023年1月1日起至2023年12月31日止。"
)


def requests_table(version: str) -> dict[str, dict[str, int | Decimal | None]]:
    outcomes = OUTCOME_ROWS_2021 if version == "2021" else OUTCOME_ROWS_2019
    rows = ("received", "carried_over", *outcomes, "total", "carried_forward")
    table: dict[str, dict[str, int | Decimal | None]] = {r: dict.fromkeys(REQUEST_COLUMNS, 0) for r in rows}
    for column, cells in _COLUMNS.items():
        for row, value in cells.items():
            target = "other" if version == "2019" and row.startswith("other_") else row
            table[target][column] = (table[target][column] or 0) + value
    for row in rows:
        if row != "total":
            table[row]["total"] = sum(table[row][c] or 0 for c in REQUEST_COLUMNS[:6])
    for column in REQUEST_COLUMNS:
        table["total"][column] = sum(table[r][column] or 0 for r in outcomes)
    return table


def appeals_table() -> dict[str, dict[str, int | Decimal | None]]:
    return {
        g: dict(zip(APPEAL_COLUMNS, (*parts, sum(parts)), strict=True)) for g, parts in _APPEALS.items()
    }


def make_report(version: str = "2021", *, year: int | None = None, path: str = "report.txt",
                agency: str = "某市生态环境局") -> Report:
    year = year if year is not None else (2023 if version == "2021" else 2019)
    active = ACTIVE_2021 if version == "2021" else ACTIVE_2019
    return Report(
        source=Source(path, "text"),
        template=Template(version),
        agency=agency,
        year=year,
        period=Period(date(year, 1, 1), date(year, 12, 31)),
        published_on=date(year + 1, 1, 20),
        scope="agency",
        sections=[
            Section(s.number, s.title, SECTION_TEXT[s.number].replace("2023", str(year)),
                    numeral=f"{'一二三四五六'[s.number - 1]}、", expected=s.number)
            for s in SECTIONS
        ],
        tables={
            "active": {row: dict(cols) for row, cols in active.items()},
            "requests": requests_table(version),
            "appeals": appeals_table(),
        },
        meta={"preamble": PREAMBLE.replace("2023", str(year)).replace(
            "国办公开办函〔2021〕30号", "国办公开办函〔2021〕30号" if year >= 2021 else "国办公开办函〔2019〕60号")},
    )


@pytest.fixture
def make() -> Callable[..., Report]:
    return make_report


@pytest.fixture
def settings() -> Settings:
    return Settings(database_url="sqlite://")


AuditFn = Callable[..., list[Finding]]


@pytest.fixture
def audit(settings: Settings) -> AuditFn:
    """``audit(report_or_reports, "rule.id")`` → the findings of that rule only (all rules if None)."""

    rules: list[Rule] = builtin_rules()

    def go(reports: Report | Sequence[Report], rule_id: str | None = None) -> list[Finding]:
        batch = [reports] if isinstance(reports, Report) else list(reports)
        chosen = [r for r in rules if rule_id is None or r.id == rule_id]
        assert chosen, f"no rule {rule_id}"
        return run(batch, chosen, settings=settings)

    return go


# -- real texts cut into sections (a stand-in for the reader, for rules that read prose) ----------

HEADINGS: tuple[str, ...] = (
    r"(?:[一1]、\s*)?总体情况",
    r"(?:[二2]、\s*)?主动公开政府信息情况",
    r"(?:[三3]、\s*)?收到和处理政府信息公开申请情况",
    r"(?:[四4]、\s*)?(?:政府信息公开|因政府信息公开工作被申请)?行政复议、\s*(?:提起)?行政诉讼(?:的)?情况",
    r"(?:[五5]、\s*)?(?:政府信息公开工作)?存在的主要问题(?:及|和)改进(?:情况|措施)",
    r"(?:[六6]、\s*)?其他需要报告的事项",
)
_CN = "一二三四五六"


def split_sections(text: str, *, line_start: bool = True) -> tuple[str, list[Section]]:
    """Cut ``text`` at the six headings, in order; the preamble is what precedes the first."""
    found: list[tuple[int, int, int, str]] = []  # start, end, expected, heading
    pos = 0
    for expected, pattern in enumerate(HEADINGS, start=1):
        anchor = r"(?m)^[#\s\[\]a-zA-Z_:]*" if line_start else ""
        m = re.compile(anchor + f"({pattern})").search(text, pos)
        if m is None:
            continue
        found.append((m.start(1), m.end(1), expected, m.group(1)))
        pos = m.end(1)
    preamble = text[: found[0][0]] if found else text
    sections: list[Section] = []
    for i, (_start, end, expected, heading) in enumerate(found):
        stop = found[i + 1][0] if i + 1 < len(found) else len(text)
        nm = re.match(r"([一二三四五六]|[0-9])、\s*", heading)
        numeral = nm.group(0).strip() if nm else None
        number = None if nm is None else (_CN.index(nm.group(1)) + 1 if nm.group(1) in _CN else int(nm.group(1)))
        title = heading[nm.end():] if nm else heading
        sections.append(Section(number, title, text[end:stop].strip(), numeral=numeral, expected=expected))
    return preamble, sections


@pytest.fixture
def split() -> Callable[..., tuple[str, list[Section]]]:
    return split_sections


def zero_tables(active: str, requests: str) -> dict[str, dict[str, dict[str, int | Decimal | None]] | None]:
    """All-zero tables: ``active`` and ``requests`` each "2021" or "2019" (mixed seeds mix them)."""
    act = ACTIVE_2021 if active == "2021" else ACTIVE_2019
    req = requests_table(requests)
    return {
        "active": {row: dict.fromkeys(cols, 0) for row, cols in act.items()},
        "requests": {row: dict.fromkeys(cols, 0) for row, cols in req.items()},
        "appeals": {g: dict.fromkeys(APPEAL_COLUMNS, 0) for g in _APPEALS},
    }


@pytest.fixture
def zeros() -> Callable[[str, str], dict[str, dict[str, dict[str, int | Decimal | None]] | None]]:
    return zero_tables
