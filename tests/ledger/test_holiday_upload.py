"""Loading a holiday year from uploaded bytes: admin only, provisional deadlines listed and resolved."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from gongkai.errors import PermissionDenied, Unreadable
from gongkai.ledger import (
    AuditLog,
    Request,
    RequestIn,
    User,
    create_request,
    list_holiday_years,
    list_provisional_requests,
    load_holiday_year,
    parse_holiday_bytes,
)

from .conftest import Region

FILE_2027 = """\
year: 2027
source: 国务院办公厅关于2027年部分节假日安排的通知
holidays:
  - {name: 元旦, start: 2027-01-01, end: 2027-01-03}
workdays:
  - {date: 2027-02-20, name: 春节}
""".encode()


def _request(session: Session, actor: User, agency_id: int, received_on: date) -> Request:
    return create_request(session=session, actor=actor, today=date(2026, 12, 20), data=RequestIn(
        agency_id=agency_id, applicant_type="enterprise", applicant_name="某公司", channel="letter",
        content="x", received_on=received_on))


def test_parse_holiday_bytes() -> None:
    arrangement = parse_holiday_bytes(b"\xef\xbb\xbf" + FILE_2027, name="2027.yaml")
    assert arrangement.year == 2027
    assert sorted(arrangement.holidays) == [date(2027, 1, 1), date(2027, 1, 2), date(2027, 1, 3)]
    assert arrangement.workdays == frozenset({date(2027, 2, 20)})
    assert arrangement.source == "国务院办公厅关于2027年部分节假日安排的通知"
    json_file = b'{"year": 2027, "holidays": [{"name": "\\u5143\\u65e6", "start": "2027-01-01"}]}'
    assert parse_holiday_bytes(json_file).holidays == frozenset({date(2027, 1, 1)})


@pytest.mark.parametrize(("data", "message"), [
    (b"\xff\xfe\x00", "不是 UTF-8 编码的文本"),
    (b"year: [2027", "不是有效的 YAML 或 JSON"),
    (b"- 1\n- 2\n", "内容应为包含 year、holidays、workdays 的映射"),
    (b"year: 2027\nholidays: []\n", "holidays 为空"),
])
def test_bad_bytes_name_the_problem(data: bytes, message: str) -> None:
    with pytest.raises(Unreadable, match=message) as info:
        parse_holiday_bytes(data, name="上传.yaml")
    assert "上传.yaml" in str(info.value)


def test_only_an_admin_loads_a_year(session: Session, region: Region) -> None:
    arrangement = parse_holiday_bytes(FILE_2027)
    for user in (region.clerk, region.supervisor):
        with pytest.raises(PermissionDenied, match="只有管理员可以导入节假日安排"):
            load_holiday_year(session=session, actor=user, arrangement=arrangement)
    assert list_holiday_years(session=session) == []


def test_provisional_requests_are_listed_until_the_year_is_loaded(session: Session, region: Region) -> None:
    late = _request(session, region.clerk, region.dept.id, date(2026, 12, 10))
    _request(session, region.clerk, region.dept.id, date(2025, 3, 3))
    other = _request(session, region.other_clerk, region.other_dept.id, date(2026, 12, 11))
    session.flush()
    assert [r.id for r in list_provisional_requests(session=session, agency_ids={region.dept.id})] == [late.id]
    assert {r.id for r in list_provisional_requests(session=session, agency_ids={region.dept.id,
                                                                                   region.other_dept.id})} == {
        late.id, other.id}
    assert list_provisional_requests(session=session, agency_ids=set()) == []
    load_holiday_year(session=session, actor=region.admin, arrangement=parse_holiday_bytes(FILE_2027))
    session.commit()
    assert list_provisional_requests(session=session, agency_ids={region.dept.id, region.other_dept.id}) == []
    assert [y.year for y in list_holiday_years(session=session)] == [2027]
    audit = session.scalars(select(AuditLog).where(AuditLog.entity == "holiday_year")).all()
    assert [(a.actor, a.action, a.entity_id) for a in audit] == [("admin", "load", 2027)]
