"""Holiday arrangements for years chinese-calendar lacks (admin only): list, and upload a year's file."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, File, HTTPException, UploadFile
from pydantic import BaseModel, ConfigDict
from starlette.concurrency import run_in_threadpool

from gongkai.ledger import User, list_holiday_years, list_provisional_requests
from gongkai.web.deps import ApiAgencies, ApiUser, SessionDep
from gongkai.web.holidays import is_admin, load_upload, read_holiday_upload
from gongkai.web.routers.upload import UploadRejected

router = APIRouter(tags=["节假日安排 holidays"])
ADMIN_ONLY = "只有管理员可以查看和导入节假日安排"


class HolidayYearOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    year: int
    holidays: list[str]
    workdays: list[str]
    source: str
    loaded_at: datetime


class ProvisionalOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    agency_id: int
    number: str
    received_on: date
    due_on: date | None


class HolidaysOut(BaseModel):
    years: list[HolidayYearOut]
    provisional: list[ProvisionalOut]


class HolidayLoadOut(BaseModel):
    year: int
    holidays: int
    workdays: int
    recomputed: int


def _admin(user: User) -> None:
    if not is_admin(user):
        raise HTTPException(403, detail=ADMIN_ONLY)


@router.get("/holidays", response_model=HolidaysOut, summary="已导入的节假日安排及期限仍为暂定的未办结申请（管理员）")
def holidays(session: SessionDep, user: ApiUser, visible: ApiAgencies) -> HolidaysOut:
    _admin(user)
    return HolidaysOut(
        years=[HolidayYearOut.model_validate(y) for y in list_holiday_years(session=session)],
        provisional=[ProvisionalOut.model_validate(r)
                     for r in list_provisional_requests(session=session, agency_ids=visible)],
    )


@router.post("/holidays", response_model=HolidayLoadOut, status_code=201,
             summary="上传某年度节假日安排文件（YAML/JSON，格式见 docs/ledger.md），重新计算未办结申请的期限（管理员）",
             responses={400: {"description": "文件类型、大小或内容不正确"}, 403: {"description": ADMIN_ONLY}})
async def upload_holidays(session: SessionDep, user: ApiUser, file: Annotated[UploadFile, File()]) -> HolidayLoadOut:
    _admin(user)
    try:
        name, data = await read_holiday_upload(file)
        arrangement, count = await run_in_threadpool(load_upload, session, user, name, data)
    except UploadRejected as exc:
        raise HTTPException(400, detail=exc.message) from None
    return HolidayLoadOut(year=arrangement.year, holidays=len(arrangement.holidays),
                          workdays=len(arrangement.workdays), recomputed=count)
