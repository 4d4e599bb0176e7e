"""The admin functions and the clerk's-year helpers at the ledger level, including lost races."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gongkai.errors import LedgerError, PermissionDenied
from gongkai.ledger import AgencyKind, AuditLog, Outcome, Role, create_agency, create_user
from gongkai.ledger.admin import move_agency, rename_agency, retire_agency, update_user
from gongkai.ledger.letters import OUTCOME_BASIS, legal_basis
from gongkai.ledger.models import ReportMeta
from gongkai.ledger.report_meta import get_published_on, set_published_on


@pytest.fixture
def admin(session: Session):  # type: ignore[no-untyped-def]
    user = create_user(session=session, username="root", password="long-enough-1", role=Role.ADMIN)
    session.commit()
    return user


def blind_first_check(session: Session, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The next existence check sees nothing, as if another admin's insert committed just after it.
    Returns the blinded statement's SQL (for the test to check it hid the right thing)."""
    real = session.scalar
    blinded: list[str] = []

    def scalar(statement: Any, *args: Any, **kwargs: Any) -> Any:
        if not blinded:
            blinded.append(str(statement))
            return None
        return real(statement, *args, **kwargs)

    monkeypatch.setattr(session, "scalar", scalar)
    return blinded


def test_two_admins_creating_the_same_username_get_a_sentence_not_a_crash(
        session: Session, admin: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    county = create_agency(session=session, name="县政府", kind=AgencyKind.GOVERNMENT)
    create_user(session=session, username="twin", password="long-enough-1", role=Role.CLERK, agency_id=county.id)
    session.commit()
    blinded = blind_first_check(session, monkeypatch)
    with pytest.raises(LedgerError, match="用户名「twin」已被使用"):
        create_user(session=session, username="twin", password="long-enough-1", role=Role.CLERK,
                    agency_id=county.id, actor=admin)
    assert "FROM users" in blinded[0]
    session.rollback()


def test_two_admins_adding_the_same_agency(session: Session, admin: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    create_agency(session=session, name="县教育局", kind=AgencyKind.DEPARTMENT)
    session.commit()
    blinded = blind_first_check(session, monkeypatch)
    with pytest.raises(LedgerError, match="机关「县教育局」已存在"):
        create_agency(session=session, name="县教育局", kind=AgencyKind.DEPARTMENT, actor=admin)
    assert "FROM agencies" in blinded[0]


def test_the_tree_never_gets_a_cycle(session: Session, admin: Any) -> None:
    county = create_agency(session=session, name="县政府", kind=AgencyKind.GOVERNMENT)
    town = create_agency(session=session, name="某镇", kind=AgencyKind.TOWNSHIP, parent_id=county.id)
    with pytest.raises(LedgerError, match="不能把「县政府」移到它自己或它的下级机关「某镇」之下"):
        move_agency(session=session, actor=admin, agency_id=county.id, parent_id=town.id)
    with pytest.raises(LedgerError, match="移到它自己"):
        move_agency(session=session, actor=admin, agency_id=town.id, parent_id=town.id)
    moved = move_agency(session=session, actor=admin, agency_id=town.id, parent_id=None)
    assert moved.parent_id is None


def test_only_an_admin_may(session: Session, admin: Any) -> None:
    county = create_agency(session=session, name="县政府", kind=AgencyKind.GOVERNMENT)
    clerk = create_user(session=session, username="c", password="long-enough-1", role=Role.CLERK,
                        agency_id=county.id)
    for call in (lambda: rename_agency(session=session, actor=clerk, agency_id=county.id, name="x"),
                 lambda: retire_agency(session=session, actor=clerk, agency_id=county.id),
                 lambda: update_user(session=session, actor=clerk, user_id=clerk.id, role=Role.ADMIN)):
        with pytest.raises(PermissionDenied, match="只有管理员可以执行该操作"):
            call()


def test_published_on_two_clerks_saving_the_first_date_at_once(session: Session, admin: Any,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    county = create_agency(session=session, name="县政府", kind=AgencyKind.GOVERNMENT)
    assert set_published_on(session=session, actor=admin, agency_id=county.id, year=2024, summary=False,
                            published_on=date(2025, 1, 20))
    session.commit()
    blinded = blind_first_check(session, monkeypatch)  # the row looks absent; the insert collides
    changed = set_published_on(session=session, actor=admin, agency_id=county.id, year=2024, summary=False,
                               published_on=date(2025, 3, 1))
    session.commit()
    monkeypatch.undo()
    assert "FROM report_meta" in blinded[0]
    assert changed
    assert get_published_on(session=session, agency_id=county.id, year=2024) == date(2025, 3, 1)
    assert session.scalar(select(func.count()).select_from(ReportMeta)) == 1
    assert session.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.entity == "report")) == 2


def test_published_on_must_follow_the_year(session: Session, admin: Any) -> None:
    county = create_agency(session=session, name="县政府", kind=AgencyKind.GOVERNMENT)
    with pytest.raises(LedgerError, match="成文日期 2024-12-31 不晚于 2024 年底"):
        set_published_on(session=session, actor=admin, agency_id=county.id, year=2024, summary=False,
                         published_on=date(2024, 12, 31))


def test_every_outcome_row_has_a_reply_and_a_basis_in_words() -> None:
    assert set(OUTCOME_BASIS) == set(Outcome)
    assert legal_basis(Outcome.WITHHELD_SECRET) == "条例第十四条"
    assert legal_basis(Outcome.OTHER_NO_FEE) == "《政府信息公开信息处理费管理办法》"
    assert legal_basis(Outcome.NOT_HANDLED_CONFIRMATION) == "条例无对应条款"
    for outcome, basis in OUTCOME_BASIS.items():
        assert basis.text.count("{basis}") == (0 if basis.article is None else 1), outcome


def test_a_retired_agency_takes_no_new_requests(session: Session, admin: Any) -> None:
    from gongkai.ledger import ApplicantType, Channel, RequestIn, create_request

    old = create_agency(session=session, name="已撤并的局", kind=AgencyKind.DEPARTMENT)
    retire_agency(session=session, actor=admin, agency_id=old.id)
    data = RequestIn(agency_id=old.id, applicant_type=ApplicantType.NATURAL_PERSON, applicant_name="张三",
                     channel=Channel.ONLINE, content="某文件", received_on=date(2025, 6, 2))
    with pytest.raises(LedgerError, match="「已撤并的局」已撤销，不能再登记新申请"):
        create_request(session=session, actor=admin, data=data, today=date(2025, 6, 16))
    retire_agency(session=session, actor=admin, agency_id=old.id, retired=False)
    assert create_request(session=session, actor=admin, data=data, today=date(2025, 6, 16)).number == "2025-0001"
