"""Who sees what: a clerk their agency, a supervisor their region, an admin everything."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from gongkai.errors import LedgerError, NotFound, PermissionDenied
from gongkai.ledger import (
    AgencyKind,
    AppealIn,
    AppealKind,
    EventKind,
    Outcome,
    Role,
    authenticate,
    create_agency,
    create_appeal,
    create_user,
    decide,
    get_request,
    list_requests,
    record_event,
    require_agency,
    set_annual_figure,
    visible_agency_ids,
)

from .conftest import Region
from .helpers import TODAY, new_request


def test_visible_agency_ids(session: Session, region: Region) -> None:
    r = region
    everything = {r.county.id, r.dept.id, r.other_dept.id, r.town.id}
    assert visible_agency_ids(session=session, user=r.clerk) == {r.dept.id}
    assert visible_agency_ids(session=session, user=r.town_clerk) == {r.town.id}
    assert visible_agency_ids(session=session, user=r.supervisor) == everything
    assert visible_agency_ids(session=session, user=r.admin) == everything
    assert visible_agency_ids(session=session, user=None) == everything


def test_supervisor_of_a_subregion_sees_only_it(session: Session, region: Region) -> None:
    other_county = create_agency(session=session, name="邻县人民政府", kind=AgencyKind.GOVERNMENT)
    bureau = create_agency(session=session, name="邻县财政局", kind=AgencyKind.DEPARTMENT, parent_id=other_county.id)
    sup = create_user(session=session, username="sup2", password="password-123", role=Role.SUPERVISOR,
                      agency_id=other_county.id)
    assert visible_agency_ids(session=session, user=sup) == {other_county.id, bureau.id}
    assert region.dept.id not in visible_agency_ids(session=session, user=sup)


def test_inactive_user_sees_nothing(session: Session, region: Region) -> None:
    region.clerk.active = False
    assert visible_agency_ids(session=session, user=region.clerk) == frozenset()
    assert authenticate(session=session, username="clerk", password="password-123") is None


def test_authenticate(session: Session, region: Region) -> None:
    assert authenticate(session=session, username="clerk", password="password-123") is region.clerk
    assert authenticate(session=session, username="clerk", password="wrong-password") is None
    assert authenticate(session=session, username="nobody", password="password-123") is None
    assert region.clerk.password_hash.startswith("$argon2")


def test_clerk_cannot_read_or_change_another_agency(session: Session, region: Region) -> None:
    theirs = new_request(session, region.other_clerk, region.other_dept.id)
    mine = new_request(session, region.clerk, region.dept.id)
    session.commit()
    with pytest.raises(PermissionDenied, match="无权查看申请"):
        get_request(session=session, user=region.clerk, request_id=theirs.id)
    assert get_request(session=session, user=region.clerk, request_id=mine.id) is mine
    assert get_request(session=session, user=region.supervisor, request_id=theirs.id) is theirs
    with pytest.raises(NotFound):
        get_request(session=session, user=region.admin, request_id=10_000)
    with pytest.raises(PermissionDenied, match="示范县公安局"):
        new_request(session, region.clerk, region.other_dept.id)
    with pytest.raises(PermissionDenied):
        decide(session=session, actor=region.clerk, request=theirs, outcome=Outcome.GRANTED, on=date(2025, 3, 5),
               today=TODAY)
    with pytest.raises(PermissionDenied):
        record_event(session=session, actor=region.clerk, request=theirs, kind=EventKind.FEE_NOTICE,
                     on=date(2025, 3, 5), today=TODAY)
    with pytest.raises(PermissionDenied):
        create_appeal(session=session, actor=region.clerk,
                      data=AppealIn(agency_id=region.other_dept.id, kind=AppealKind.REVIEW, filed_on=date(2025, 5, 1)))
    with pytest.raises(PermissionDenied):
        set_annual_figure(session=session, actor=region.clerk, agency_id=region.other_dept.id, year=2025,
                          key="active.licensing.decisions", value=3)
    assert theirs.status.value == "received"
    ids = visible_agency_ids(session=session, user=region.clerk)
    assert list_requests(session=session, agency_ids=ids) == [mine]
    sup_ids = visible_agency_ids(session=session, user=region.supervisor)
    assert set(list_requests(session=session, agency_ids=sup_ids)) == {mine, theirs}


def test_supervisor_can_act_in_the_region(session: Session, region: Region) -> None:
    r = new_request(session, region.supervisor, region.town.id)
    decide(session=session, actor=region.supervisor, request=r, outcome=Outcome.GRANTED, on=date(2025, 3, 5),
           today=TODAY)
    assert r.events[-1].actor == "sup"


def test_require_agency(session: Session, region: Region) -> None:
    assert require_agency(session=session, user=region.clerk, agency_id=region.dept.id) is region.dept
    with pytest.raises(NotFound):
        require_agency(session=session, user=region.admin, agency_id=999)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"username": "x", "password": "short", "role": Role.ADMIN}, "至少需要 8 个字符"),
        ({"username": "x", "password": "password-123", "role": Role.CLERK}, "必须指定所属机关"),
        ({"username": "clerk", "password": "password-123", "role": Role.ADMIN}, "已被使用"),
        ({"username": " ", "password": "password-123", "role": Role.ADMIN}, "不能为空"),
    ],
)
def test_create_user_validation(session: Session, region: Region, kwargs: dict, message: str) -> None:
    with pytest.raises(LedgerError, match=message):
        create_user(session=session, **kwargs)
