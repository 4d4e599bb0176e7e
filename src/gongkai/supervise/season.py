"""A region's supervision season in the database: the registry, the board, batches, the reports.

The pure library (registry, match, collect, aggregate, ...) knows nothing of the ledger; this
module maps its plain data onto ledger agencies and the records of ``records.py``. The web pages
and the demo call these functions, so a page is a query plus a template.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from gongkai.errors import LedgerError, NotFound
from gongkai.ledger.access import subtree_ids
from gongkai.ledger.enums import AgencyKind
from gongkai.ledger.models import Agency, User
from gongkai.ledger.trail import actor_name, record_change
from gongkai.model.report import Report
from gongkai.settings import Settings
from gongkai.supervise import registry as reg
from gongkai.supervise.collect import Collection
from gongkai.supervise.match import Matcher, MatchStatus
from gongkai.supervise.records import (
    STATE_LABELS,
    PendingFile,
    Review,
    ReviewState,
    Submission,
    SubmissionSource,
    SupervisedAgency,
)
from gongkai.supervise.workflow import Analysis, analyse, submit

#: ledger kind ↔ the registry's kinds (the words users write in 类别)
TO_REGISTRY: dict[AgencyKind, reg.AgencyKind] = {
    AgencyKind.GOVERNMENT: reg.AgencyKind.GOVERNMENT,
    AgencyKind.DEPARTMENT: reg.AgencyKind.DEPARTMENT,
    AgencyKind.TOWNSHIP: reg.AgencyKind.TOWNSHIP,
    AgencyKind.OTHER: reg.AgencyKind.OTHER,
}
FROM_REGISTRY: dict[reg.AgencyKind, AgencyKind] = {v: k for k, v in TO_REGISTRY.items()}
#: kept here, not in the ledger's label table: there "other" would collide with AppealResult.OTHER
KIND_LABELS: dict[AgencyKind, str] = {
    AgencyKind.GOVERNMENT: "人民政府", AgencyKind.DEPARTMENT: "政府部门", AgencyKind.TOWNSHIP: "乡镇（街道）",
    AgencyKind.OTHER: "其他",
}


def season_year(today: date) -> int:
    """The report year being collected: reports on year Y are due in Y+1 (条例第四十九条), so all
    through Y+1 the office is chasing, reviewing or scoring Y's reports."""
    return today.year - 1


# --- the registry ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Member:
    """One agency of the region as the board needs it."""

    id: int
    name: str
    kind: AgencyKind
    parent_id: int | None
    portal_url: str
    deadline: tuple[int, int] | None  # override (month, day), None = by kind
    publishes_only: bool

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    def due(self, year: int) -> date:
        month, day = self.deadline or reg.DEFAULT_DEADLINES[TO_REGISTRY[self.kind]]
        return date(year + 1, month, day)


_MEMBER_COLUMNS = (Agency.id, Agency.name, Agency.kind, Agency.parent_id, SupervisedAgency.portal_url,
                   SupervisedAgency.deadline_month, SupervisedAgency.deadline_day, SupervisedAgency.publishes_only)


def _member(r: Any) -> Member:  # a row of _MEMBER_COLUMNS
    return Member(r[0], r[1], AgencyKind(r[2]), r[3], r[4] or "", (r[5], r[6]) if r[5] and r[6] else None, bool(r[7]))


def member(session: Session, agency_id: int) -> Member | None:
    """One agency with its supervision attributes (one query: the clerk's dashboard asks for it)."""
    row = session.execute(sa.select(*_MEMBER_COLUMNS)
                          .outerjoin(SupervisedAgency, SupervisedAgency.agency_id == Agency.id)
                          .where(Agency.id == agency_id)).first()
    return _member(row) if row is not None else None


def members(session: Session, root_id: int) -> list[Member]:
    """The region's agencies (the root included: its own report is due too), root first, then by id."""
    ids = subtree_ids(session=session, root_id=root_id)
    rows = session.execute(sa.select(*_MEMBER_COLUMNS)
                           .outerjoin(SupervisedAgency, SupervisedAgency.agency_id == Agency.id)
                           .where(Agency.id.in_(ids)).order_by(Agency.id))
    out = [_member(r) for r in rows]
    out.sort(key=lambda m: (m.id != root_id, m.id))
    return out


def registry_of(session: Session, root_id: int) -> tuple[reg.Registry, dict[str, int]]:
    """The region as the library's Registry, and agency name → ledger id."""
    found = members(session, root_id)
    names = {m.id: m.name for m in found}
    agencies = [reg.RegistryAgency(m.name, TO_REGISTRY[m.kind], names.get(m.parent_id) if m.parent_id else None,
                                   m.portal_url or None, m.deadline) for m in found]
    return reg.Registry(agencies, source=None), {m.name: m.id for m in found}


@dataclass(slots=True)
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)


def import_registry(*, session: Session, registry: reg.Registry, root_id: int, actor: User | None) -> ImportResult:
    """Create the registry's agencies under ``root_id`` and record portal, deadline and flags.

    An agency named in the file that exists in the ledger keeps its id and ledger data; one that
    exists outside this region is refused (it belongs to someone else). A row without 上级机关 hangs
    under the region's root, or is the root itself when it has the root's name.
    """
    from gongkai.ledger.access import create_agency

    region = subtree_ids(session=session, root_id=root_id)
    root = session.get(Agency, root_id)
    if root is None:
        raise NotFound(f"机关（编号 {root_id}）不存在")
    result = ImportResult()
    ids: dict[str, int] = {}
    for item in _parents_first(registry):
        existing = session.scalar(sa.select(Agency).where(Agency.name == item.name))
        if existing is not None and existing.id not in region:
            raise LedgerError(f"名录中的“{item.name}”已属于其他地区，不能导入到{root.name}")
        parent_id = ids.get(item.parent) if item.parent else None
        if item.parent and parent_id is None:
            parent = session.scalar(sa.select(Agency.id).where(Agency.name == item.parent))
            parent_id = parent if parent in region else None
        if existing is None:
            agency = create_agency(session=session, name=item.name, kind=FROM_REGISTRY[item.kind],
                                   parent_id=parent_id or root_id, actor=actor)
            result.created.append(item.name)
        else:
            agency = existing
            result.updated.append(item.name)
        ids[item.name] = agency.id
        attrs = session.get(SupervisedAgency, agency.id) or SupervisedAgency(agency_id=agency.id)
        attrs.portal_url = (item.portal or attrs.portal_url or "")[:300]
        if item.deadline:
            attrs.deadline_month, attrs.deadline_day = item.deadline
        attrs.publishes_only = bool(attrs.publishes_only)
        session.add(attrs)
    session.flush()
    record_change(session=session, actor=actor, entity="registry", entity_id=root_id, action="import",
                  after={"created": len(result.created), "updated": len(result.updated)})
    return result


_HOST = re.compile(r"^[\w-]+(\.[\w-]+)+(:\d+)?$")


def update_member(*, session: Session, agency_id: int, portal_url: str, deadline: tuple[int, int] | None,
                  publishes_only: bool, actor: User | None) -> SupervisedAgency:
    """Set one agency's portal, own deadline (None: by kind) and whether it only publishes."""
    portal_url = portal_url.strip()
    if portal_url and not _HOST.match(reg.host_of(portal_url) or ""):
        raise LedgerError(f"门户网址“{portal_url}”不是有效的网址")
    if deadline is not None:
        try:
            date(2001, *deadline)
        except ValueError as exc:
            raise LedgerError("报告期限不是有效的日期") from exc
    attrs = session.get(SupervisedAgency, agency_id) or SupervisedAgency(agency_id=agency_id)
    before = {"portal_url": attrs.portal_url, "deadline": [attrs.deadline_month, attrs.deadline_day],
              "publishes_only": attrs.publishes_only}
    attrs.portal_url = portal_url[:300]
    attrs.deadline_month, attrs.deadline_day = deadline if deadline else (None, None)
    attrs.publishes_only = publishes_only
    session.add(attrs)
    session.flush()
    record_change(session=session, actor=actor, entity="supervised_agency", entity_id=agency_id, action="update",
                  before=before, after={"portal_url": attrs.portal_url, "deadline": list(deadline or (None, None)),
                                        "publishes_only": publishes_only})
    return attrs


def _parents_first(registry: reg.Registry) -> list[reg.RegistryAgency]:
    done: set[str] = set()
    out: list[reg.RegistryAgency] = []
    pending = list(registry)
    while pending:
        rest = [a for a in pending if a.parent and a.parent in registry and a.parent not in done]
        for a in pending:
            if a not in rest:
                out.append(a)
                done.add(a.name)
        if len(rest) == len(pending):  # a cycle: the registry refuses those, but never loop
            out.extend(rest)
            break
        pending = rest
    return out


# --- the board ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BoardRow:
    agency_id: int
    name: str
    kind: AgencyKind
    state: ReviewState
    due: date
    submitted_at: datetime | None  # the first submission
    timeliness: str  # on_time | late | overdue (nothing yet, past the deadline) | pending
    template: str | None
    errors: int
    warnings: int
    reading: int
    versions: int
    submission_id: int | None  # the latest
    review_due: date | None  # a return's due date
    publishes_only: bool

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def late(self) -> bool:
        return self.timeliness in ("late", "overdue")


TIMELINESS_LABELS = {"on_time": "按时", "late": "逾期提交", "overdue": "逾期未交", "pending": "未到期限"}


@dataclass(frozen=True, slots=True)
class Progress:
    total: int
    submitted: int
    late: int
    returned: int
    accepted: int
    published: int


def board(session: Session, root_id: int, year: int, today: date) -> tuple[list[BoardRow], Progress]:
    """Every agency of the region with its state for ``year``: three queries whatever the region's size."""
    region = members(session, root_id)
    ids = [m.id for m in region]
    reviews = {r[0]: r[1:] for r in session.execute(
        sa.select(Review.agency_id, Review.state, Review.first_submitted_at, Review.due_on)
        .where(Review.year == year, Review.agency_id.in_(ids)))}
    latest = (sa.select(Submission.agency_id, sa.func.max(Submission.version).label("v"),
                        sa.func.count().label("n"))
              .where(Submission.year == year, Submission.agency_id.in_(ids)).group_by(Submission.agency_id).subquery())
    subs = {r[0]: r[1:] for r in session.execute(
        sa.select(Submission.agency_id, Submission.id, Submission.template, Submission.errors, Submission.warnings,
                  Submission.reading, latest.c.n)
        .join(latest, sa.and_(latest.c.agency_id == Submission.agency_id, latest.c.v == Submission.version))
        .where(Submission.year == year))}
    rows: list[BoardRow] = []
    for m in region:
        state, first, review_due = reviews.get(m.id, (ReviewState.NOT_SUBMITTED, None, None))
        sub = subs.get(m.id)
        due = m.due(year)
        if first is not None:
            timeliness = "late" if first.date() > due else "on_time"
        else:
            timeliness = "overdue" if today > due else "pending"
        rows.append(BoardRow(m.id, m.name, m.kind, ReviewState(state), due, first, timeliness,
                             sub[1] if sub else None, sub[2] if sub else 0, sub[3] if sub else 0,
                             sub[4] if sub else 0, sub[5] if sub else 0, sub[0] if sub else None, review_due,
                             m.publishes_only))
    states = [r.state for r in rows]
    progress = Progress(
        total=len(rows), submitted=sum(1 for s in states if s is not ReviewState.NOT_SUBMITTED),
        late=sum(1 for r in rows if r.late), returned=states.count(ReviewState.RETURNED),
        accepted=sum(1 for s in states if s in (ReviewState.ACCEPTED, ReviewState.PUBLISHED)),
        published=states.count(ReviewState.PUBLISHED))
    return rows, progress


# --- batches --------------------------------------------------------------------------------------


@dataclass(slots=True)
class BatchLine:
    file: str
    outcome: str  # submitted | same | pending | unmatched | unreadable
    agency: str = ""
    message: str = ""
    submission_id: int | None = None


def take_collection(*, session: Session, root_id: int, year: int, collection: Collection, actor: User | None,
                    source: SubmissionSource, settings: Settings | None = None,
                    analyses: Sequence[Analysis] | None = None) -> list[BatchLine]:
    """Match every collected file to an agency of the region and store it.

    A sure match becomes a submission at once; a fuzzy one waits as a ``PendingFile`` for the
    supervisor's choice; another year's report or an agency outside the region is listed, not
    stored. ``analyses`` (same order as the items) lets a caller read the files outside the transaction.
    """
    registry, ids = registry_of(session, root_id)
    matcher = Matcher(registry)
    lines: list[BatchLine] = [BatchLine(d.name, "same", message=f"与 {d.same_as} 内容相同，只收一份")
                              for d in collection.duplicates]
    lines += [BatchLine(e.source, "unreadable", message=e.message) for e in collection.errors]
    for i, item in enumerate(collection.items):
        analysis = analyses[i] if analyses is not None else analyse(item.reader_name, item.data, settings)
        url = item.url or (item.source if source is SubmissionSource.URL else "")
        if analysis.error:
            lines.append(BatchLine(item.name, "unreadable", message=analysis.error))
            continue
        match = matcher.match(name=analysis.agency, year=analysis.year, expected_year=year, url=url or None,
                              filename=item.name)
        if match.status is MatchStatus.MATCHED and match.agency in ids:
            done = submit(session=session, agency_id=ids[match.agency], year=year, file_name=_short(item.name),
                          data=item.data, source=source, actor=actor, analysis=analysis, source_url=url)
            lines.append(BatchLine(item.name, "submitted" if done.created else "same", match.agency,
                                   f"{match.basis}（第 {done.submission.version} 版）" if done.created
                                   else "该机关已提交过相同文件", done.submission.id))
        elif match.status is MatchStatus.CANDIDATES:
            pending = PendingFile(
                region_id=root_id, year=year, file_name=_short(item.name), sha256=item.sha256, data=item.data,
                source=source, source_url=url[:500], uploaded_by=actor_name(actor), printed_name=analysis.agency or "",
                printed_year=analysis.year, reason=match.reason,
                candidates=[{"agency_id": ids[c.agency], "name": c.agency, "score": c.score, "basis": c.basis}
                            for c in match.candidates if c.agency in ids])
            session.add(pending)
            lines.append(BatchLine(item.name, "pending", analysis.agency or "", match.reason or ""))
        else:
            lines.append(BatchLine(item.name, "unmatched", analysis.agency or "", match.reason or ""))
    session.flush()
    return lines


def _short(name: str) -> str:
    """"a.zip!folder/x.docx" → "x.docx"; a URL keeps its last path part."""
    tail = name.rsplit("!", 1)[-1].rstrip("/").rsplit("/", 1)[-1]
    return (tail or name)[:200]


def confirm_pending(*, session: Session, pending: PendingFile, agency_id: int, actor: User | None,
                    settings: Settings | None = None) -> Submission:
    """The supervisor's choice for a fuzzy match: the file becomes that agency's submission."""
    allowed = {c["agency_id"] for c in pending.candidates} | subtree_ids(session=session, root_id=pending.region_id)
    if agency_id not in allowed:
        raise NotFound("所选机关不在本地区")
    analysis = analyse(pending.file_name, pending.data, settings)
    done = submit(session=session, agency_id=agency_id, year=pending.year, file_name=pending.file_name,
                  data=pending.data, source=pending.source, actor=actor, analysis=analysis,
                  source_url=pending.source_url)
    session.delete(pending)
    return done.submission


# --- reports for the region's pages ---------------------------------------------------------------


#: Parsed reports by submission id, per database engine. A submission never changes once stored (a
#: correction is a new version with a new id), so a parsed copy stays exact; the totals page for 200
#: agencies over five years would otherwise decode a thousand report JSONs on every view.
_PARSED: weakref.WeakKeyDictionary[object, OrderedDict[int, Report]] = weakref.WeakKeyDictionary()
_PARSED_MAX = 20_000
_PARSED_LOCK = threading.Lock()


def engine_cache(caches: weakref.WeakKeyDictionary[object, OrderedDict[Any, Any]], session: Session) -> OrderedDict[Any, Any]:
    """The cache of the session's database (ids are per database; tests open many in one process)."""
    engine = session.get_bind()
    found = caches.get(engine)
    if found is None:
        found = caches[engine] = OrderedDict()
    return found


def reports_by_id(session: Session, ids: Sequence[int]) -> dict[int, Report]:
    """The parsed report of each submission id that has one (read from the database once per process)."""
    with _PARSED_LOCK:
        cache = engine_cache(_PARSED, session)
        out = {i: cache[i] for i in ids if i in cache}
    missing = [i for i in ids if i not in out]
    if missing:
        rows = session.execute(sa.select(Submission.id, Submission.report)
                               .where(Submission.id.in_(missing), Submission.report.is_not(None))).all()
        parsed = {i: Report.from_json(data) for i, data in rows}
        with _PARSED_LOCK:
            cache.update(parsed)
            while len(cache) > _PARSED_MAX:
                cache.popitem(last=False)
        out.update(parsed)
    return out


def latest_submission_ids(session: Session, agency_ids: Sequence[int], years: Sequence[int]) -> dict[tuple[int, int], int]:
    """(agency id, year) → the id of the latest readable submission."""
    latest = (sa.select(Submission.agency_id, Submission.year, sa.func.max(Submission.version).label("v"))
              .where(Submission.year.in_(list(years)), Submission.agency_id.in_(list(agency_ids)),
                     Submission.read_error == "")
              .group_by(Submission.agency_id, Submission.year).subquery())
    rows = session.execute(
        sa.select(Submission.agency_id, Submission.year, Submission.id)
        .join(latest, sa.and_(latest.c.agency_id == Submission.agency_id, latest.c.year == Submission.year,
                              latest.c.v == Submission.version)))
    return {(a, y): i for a, y, i in rows}


def latest_choices(session: Session, root_id: int, years: Sequence[int], *, accepted_only: bool = False,
                   include_root: bool = False) -> dict[int, dict[str, int | None]]:
    """Per year, {agency name: the submission id whose report counts, or None}, in registry order:
    three queries whatever the number of years. The root's own report is left out by default (a
    region's report summarises the others)."""
    region = [m for m in members(session, root_id) if include_root or m.id != root_id]
    ids = [m.id for m in region]
    states = {(a, y): st for a, y, st in session.execute(
        sa.select(Review.agency_id, Review.year, Review.state)
        .where(Review.year.in_(list(years)), Review.agency_id.in_(ids)))}
    chosen = latest_submission_ids(session, ids, years)
    out: dict[int, dict[str, int | None]] = {}
    for year in years:
        by_name: dict[str, int | None] = {}
        for m in region:
            ok = not accepted_only or states.get((m.id, year)) in (ReviewState.ACCEPTED, ReviewState.PUBLISHED)
            by_name[m.name] = chosen.get((m.id, year)) if ok else None
        out[year] = by_name
    return out


def latest_choice(session: Session, root_id: int, year: int, *, accepted_only: bool = False,
                  include_root: bool = False) -> dict[str, int | None]:
    """{agency name: the submission id whose report counts for ``year``, or None}, in registry order."""
    return latest_choices(session, root_id, [year], accepted_only=accepted_only, include_root=include_root)[year]


def reports_of(session: Session, choice: dict[str, int | None]) -> dict[str, Report | None]:
    parsed = reports_by_id(session, [i for i in choice.values() if i is not None])
    return {name: parsed.get(sid) if sid is not None else None for name, sid in choice.items()}


def latest_reports(session: Session, root_id: int, year: int, *, accepted_only: bool = False,
                   include_root: bool = False) -> dict[str, Report | None]:
    """{agency name: its latest readable report for ``year``, or None}: what the totals sum."""
    return reports_of(session, latest_choice(session, root_id, year, accepted_only=accepted_only,
                                             include_root=include_root))
