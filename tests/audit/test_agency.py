"""The agency-kind classifier shared with the ledger and supervision."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.audit import AgencyKind, agency_kind, deadline
from gongkai.settings import Settings


@pytest.mark.parametrize(
    ("name", "scope", "kind"),
    [
        ("淮安市人民政府", None, AgencyKind.GOVERNMENT),
        ("繁峙县 人民政府", None, AgencyKind.GOVERNMENT),
        ("宁乡市人民政府", None, AgencyKind.GOVERNMENT),
        ("镇江市人民政府", None, AgencyKind.GOVERNMENT),
        ("繁峙县平型关镇人民政府", None, AgencyKind.TOWNSHIP),
        ("宁武县涇山乡人民政府", None, AgencyKind.TOWNSHIP),
        ("白家庄镇", None, AgencyKind.TOWNSHIP),
        ("某区某某街道办事处", None, AgencyKind.TOWNSHIP),
        ("某某镇人民政府", "government", AgencyKind.TOWNSHIP),
        ("上海市人民政府办公厅", None, AgencyKind.DEPARTMENT),
        ("某市生态环境局", None, AgencyKind.DEPARTMENT),
        ("某县城乡建设局", None, AgencyKind.DEPARTMENT),
        ("平潭综合实验区（管委会办公室汇总）", "summary", AgencyKind.GOVERNMENT),
        ("上海市人民政府办公厅", "government", AgencyKind.GOVERNMENT),
        (None, None, None),
        ("", "government", None),
    ],
)
def test_agency_kind(name, scope, kind) -> None:
    assert agency_kind(name, scope) == kind


def test_deadline_per_kind() -> None:
    s = Settings(deadline_department=(1, 31), deadline_township=(2, 20), deadline_government=(3, 31))
    assert deadline(AgencyKind.DEPARTMENT, 2023, s) == date(2024, 1, 31)
    assert deadline(AgencyKind.TOWNSHIP, 2023, s) == date(2024, 2, 20)
    assert deadline(AgencyKind.GOVERNMENT, 2023, s) == date(2024, 3, 31)
    assert deadline(None, 2023, s) == date(2024, 1, 31)
