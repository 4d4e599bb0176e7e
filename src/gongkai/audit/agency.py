"""Which kind of agency published a report, and hence its publication deadline (条例第四十九条).

Kept apart from the dates rule because the request ledger and the supervision views need the
same answer: a people's government at county level or above publishes its 本级政府 report by
31 March; departments (and, by local notice, townships) by 31 January.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from gongkai.settings import Settings

_TOWNSHIP = re.compile(r"(镇人民政府|乡人民政府|街道办事处|苏木人民政府|(?:[镇乡]|街道|苏木)$)")


class AgencyKind(StrEnum):
    GOVERNMENT = "government"  # 县级以上人民政府 (its own 本级政府 report)
    DEPARTMENT = "department"  # a department or office of a people's government
    TOWNSHIP = "township"  # 乡、镇人民政府, 街道办事处


def agency_kind(name: str | None, scope: str | None = None) -> AgencyKind | None:
    """Classify an agency by its printed name; ``None`` when the name is unknown.

    A report whose scope is 本级政府 or 汇总 counts as the government's own report even when
    the name printed is the office that compiled it (e.g. "平潭综合实验区（管委会办公室汇总）").
    """
    if not name:
        return None
    plain = re.sub(r"\s+", "", name)
    if _TOWNSHIP.search(plain):
        return AgencyKind.TOWNSHIP
    if plain.endswith("人民政府") or scope in ("government", "summary"):
        return AgencyKind.GOVERNMENT
    return AgencyKind.DEPARTMENT


def deadline(kind: AgencyKind | None, year: int, settings: Settings) -> date:
    """The last day to publish the report for ``year`` (an unknown kind gets the department one)."""
    month, day = {
        AgencyKind.GOVERNMENT: settings.deadline_government,
        AgencyKind.TOWNSHIP: settings.deadline_township,
    }.get(kind or AgencyKind.DEPARTMENT, settings.deadline_department)
    return date(year + 1, month, day)
