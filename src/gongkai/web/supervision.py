"""What the supervision pages share: whose region a page is about, the year, and the original's text.

A supervisor's region is the subtree under the agency they supervise; an admin picks any region
root; a clerk has no region (their pages are /my-report). Anything outside the region answers 404,
exactly like a missing id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from fastapi import APIRouter, HTTPException, Request
from sqlalchemy.orm import Session

from gongkai.errors import NotFound
from gongkai.ledger import Agency, Role, User
from gongkai.settings import Settings
from gongkai.supervise.records import Review, Submission
from gongkai.supervise.season import season_year
from gongkai.web.deps import SAFE_METHODS, ApiUser, CurrentUser

YEARS_BACK = 6


@dataclass(frozen=True, slots=True)
class RegionView:
    root: Agency
    year: int
    choices: list[tuple[int, str]]  # regions an admin may switch to
    years: list[int]

    @property
    def query(self) -> str:
        return f"region={self.root.id}&year={self.year}"


def region_view(session: Session, user: User, visible: frozenset[int], region: int | None, year: int | None,
                today: date) -> RegionView:
    """The region and year a supervision page shows; clerks have none (404)."""
    if user.role is Role.SUPERVISOR and user.agency_id is not None:
        roots = [user.agency_id]
    elif user.role is Role.ADMIN:
        roots = list(session.scalars(sa.select(Agency.id).where(Agency.parent_id.is_(None)).order_by(Agency.id)))
    else:
        raise NotFound("监督页面仅供监督人使用")
    chosen = region if region in roots else (roots[0] if roots else None)
    if chosen is None or chosen not in visible:
        raise NotFound("没有可监督的地区")
    root = session.get(Agency, chosen)
    assert root is not None
    names = dict(session.execute(sa.select(Agency.id, Agency.name).where(Agency.id.in_(roots))).all())
    current = season_year(today)
    chosen_year = year or current
    years = sorted({*range(current - YEARS_BACK + 1, current + 1), chosen_year}, reverse=True)
    return RegionView(root, chosen_year, [(i, names[i]) for i in roots], years)


def scoped_submission(session: Session, submission_id: int, visible: frozenset[int]) -> Submission:
    submission = session.get(Submission, submission_id)
    if submission is None or submission.agency_id not in visible:
        raise NotFound("未找到该报告", message_en=f"submission {submission_id} not found")
    return submission


def scoped_review(session: Session, agency_id: int, year: int, visible: frozenset[int]) -> Review:
    if agency_id not in visible:
        raise NotFound("未找到该机关", message_en=f"agency {agency_id} not visible")
    from gongkai.supervise.workflow import ensure_review

    return ensure_review(session, agency_id, year)


def is_supervisor(user: User) -> bool:
    return user.role in (Role.SUPERVISOR, Role.ADMIN)


def source_text(file_name: str, data: bytes, settings: Settings) -> str | None:
    """The text the reader extracted (what provenance offsets point into), or None if it cannot say."""
    from gongkai import plugins
    from gongkai.errors import GongkaiError
    from gongkai.readers.base import DocumentReader
    from gongkai.readers.select import pick_reader

    try:
        reader = pick_reader(data, file_name, plugins.readers())
        if not isinstance(reader, DocumentReader):
            return None
        return reader.load(data, file_name).text
    except (GongkaiError, ValueError, RecursionError):
        return None


_QUOTED = re.compile(r"“([^”]{2,80})”")


def locate(report: dict[str, Any], where: str | None, message: str, text: str) -> tuple[int, int, str] | None:
    """Where in the extracted text a finding points: (start, end, how it was found), or None.

    The reader's provenance for the cell or field first; then a passage the message quotes; then a
    section's heading; then the first cell of a table the finding names as a whole.
    """
    provenance: dict[str, dict[str, Any]] = report.get("provenance") or {}
    place = provenance.get(where) if where else None
    if place and place.get("start") is not None and place.get("end") is not None:
        return int(place["start"]), int(place["end"]), "读取位置"
    for quoted in _QUOTED.findall(message):
        found = text.find(quoted.strip("《》"))
        if found >= 0:
            return found, found + len(quoted.strip("《》")), "问题所引原文"
    if where and where.startswith("section."):
        number = where.split(".", 1)[1]
        for section in report.get("sections") or []:
            if str(section.get("expected")) == number and section.get("title"):
                found = text.find(section["title"])
                if found >= 0:
                    return found, found + len(section["title"]), "该部分标题"
    if where:
        starts = [(int(p["start"]), int(p["end"])) for key, p in provenance.items()
                  if key.startswith(where + ".") and p.get("start") is not None and p.get("end") is not None]
        if starts:
            start, end = min(starts)
            return start, end, "该表格的第一个单元格"
    return None


def excerpt(text: str, start: int, end: int, context: int = 6) -> list[tuple[int, str, str, str]]:
    """Numbered lines around [start, end), each split as (number, before, marked, after)."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    first = max(0, next((i for i in range(len(lines)) if offsets[i + 1] > start), len(lines) - 1))
    last = next((i for i in range(first, len(lines)) if offsets[i + 1] >= end), first)
    out: list[tuple[int, str, str, str]] = []
    for i in range(max(0, first - context), min(len(lines), last + context + 1)):
        line, at = lines[i], offsets[i]
        a, b = max(0, start - at), min(len(line), end - at)
        if first <= i <= last and a < b:
            out.append((i + 1, line[:a], line[a:b], line[b:]))
        else:
            out.append((i + 1, line, "", ""))
    return out


def _refuse_supervisor_edit(request: Request, user: User) -> None:
    if request.method in SAFE_METHODS or user.role is not Role.SUPERVISOR:
        return
    settings: Settings = request.app.state.settings
    if getattr(settings, "supervisor_edits_ledger", False):
        return
    raise HTTPException(403, "监督人只能查看下级机关的台账，不能修改；如需由监督人代为登记，请管理员开启相应设置"
                             "（GONGKAI_SUPERVISOR_EDITS_LEDGER）")


async def ledger_read_only(request: Request, user: CurrentUser) -> None:
    """A supervisor reads the region's ledgers but does not change them (条例: each agency answers for
    its own requests), unless ``GONGKAI_SUPERVISOR_EDITS_LEDGER`` allows it. Installed on the
    ledger's page routers by the app factory; safe methods pass untouched."""
    _refuse_supervisor_edit(request, user)


async def api_ledger_read_only(request: Request, user: ApiUser) -> None:
    """The same rule for the JSON API (bearer tokens or a session), on the ledger's API routers."""
    _refuse_supervisor_edit(request, user)


def ledger_routers() -> tuple[APIRouter, ...]:
    """The page routers that change ledger records (requests, events, appeals, documents, figures,
    case files). Not the annual report's text: the office writes the region's 汇总 report itself."""
    from gongkai.web.routers import appeals, documents, events, figures, requests

    found: list[APIRouter] = [appeals.router, documents.router, events.router, figures.router, requests.router]
    try:
        from gongkai.web.routers import casefile
    except ImportError:  # pragma: no cover - older trees
        return tuple(found)
    return (*found, casefile.router)
