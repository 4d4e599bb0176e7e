"""Small builders shared by the ledger tests."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from gongkai.ledger import ApplicantType, Channel, Request, RequestIn, User, create_request

TODAY = date(2025, 12, 31)


def new_request(
    session: Session,
    actor: User | None,
    agency_id: int,
    received_on: date = date(2025, 3, 3),
    applicant_type: ApplicantType = ApplicantType.NATURAL_PERSON,
    **extra: object,
) -> Request:
    data = RequestIn(
        agency_id=agency_id,
        applicant_type=applicant_type,
        applicant_name=str(extra.pop("applicant_name", "张三")),
        channel=Channel(str(extra.pop("channel", Channel.ONLINE))),
        content=str(extra.pop("content", "请公开2024年度部门预算")),
        received_on=received_on,
        **extra,  # type: ignore[arg-type]
    )
    return create_request(session=session, actor=actor, data=data, today=TODAY)
