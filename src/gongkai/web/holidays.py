"""Shared by the holiday page and API: who may load a year, upload limits, and the load itself.

Loading a year changes every agency's deadlines, so only an admin may; the ledger checks that
too (``load_holiday_year``). The file is small (one year's notice), so the limit is tight.
"""

from __future__ import annotations

import functools
from pathlib import PurePath

from fastapi import UploadFile
from sqlalchemy.orm import Session

from gongkai.errors import Unreadable
from gongkai.ledger import HolidayArrangement, Role, User, load_holiday_year, parse_holiday_bytes
from gongkai.ledger.workdays import builtin_known
from gongkai.web.routers.upload import UploadRejected, safe_name

HOLIDAY_SUFFIXES = (".yaml", ".yml", ".json")
HOLIDAY_LIMIT = 64 * 1024


def is_admin(user: User) -> bool:
    return user.active and user.role is Role.ADMIN


async def read_holiday_upload(file: UploadFile) -> tuple[str, bytes]:
    name = safe_name(file.filename)
    suffix = PurePath(name).suffix.lower()
    if suffix not in HOLIDAY_SUFFIXES:
        raise UploadRejected(f"不支持的文件类型“{suffix or '无扩展名'}”；节假日安排文件应为 "
                             f"{'、'.join(HOLIDAY_SUFFIXES)} 文件")
    data = await file.read(HOLIDAY_LIMIT + 1)
    if len(data) > HOLIDAY_LIMIT:
        raise UploadRejected(f"{name} 超过 {HOLIDAY_LIMIT // 1024} KB，不像是节假日安排文件")
    if not data.strip():
        raise UploadRejected(f"{name} 是空文件")
    return name, data


def load_upload(session: Session, user: User, name: str, data: bytes) -> tuple[HolidayArrangement, int]:
    """Parse and store; ``UploadRejected`` carries the Chinese sentence naming file and problem."""
    try:
        arrangement = parse_holiday_bytes(data, name=name)
    except Unreadable as exc:
        raise UploadRejected(str(exc)) from None
    return arrangement, load_holiday_year(session=session, actor=user, arrangement=arrangement)


@functools.cache
def builtin_years() -> tuple[int, int] | None:
    """The first and last year the installed chinese-calendar knows (None if it knows none)."""
    known = [year for year in range(2004, 2100) if builtin_known(year)]
    return (known[0], known[-1]) if known else None
