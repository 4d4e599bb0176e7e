"""The region's year from the database, in the library's terms: totals, copies, scores, the 通报.

Each function reads the latest submission of every agency (``season``), turns the stored report
JSON and findings back into ``Report``/``Finding`` objects, and calls the pure library
(``aggregate``, ``copied``, ``scoring``, ``bulletin``), so the pages show what the command line
computes.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from gongkai.model.bulletin import Bulletin
from gongkai.model.findings import Finding, FindingKind, Severity
from gongkai.supervise.aggregate import RegionTotals, region_totals
from gongkai.supervise.bulletin import AgencyLine, draft_bulletin
from gongkai.supervise.copied import Copied, CopyItem, find_copied, report_text
from gongkai.supervise.records import (
    FindingReview,
    ReviewEvent,
    ReviewState,
    Submission,
    SubmissionFinding,
    Verdict,
)
from gongkai.supervise.scoring import AgencyFacts, Scheme, Score, load_scheme, scheme_from_data, score
from gongkai.supervise.season import (
    BoardRow,
    board,
    engine_cache,
    latest_choice,
    latest_choices,
    latest_submission_ids,
    members,
    reports_by_id,
    reports_of,
)

#: Region totals by (year, the submissions summed). Submissions never change, so the same ids give
#: the same totals; a new version or another state changes the key. Σ over 200 agencies × 200 cells
#: takes a quarter of a second, and the totals page wants five years of them.
_TOTALS: weakref.WeakKeyDictionary[object, OrderedDict[Any, Any]] = weakref.WeakKeyDictionary()
_TOTALS_MAX = 256
_TOTALS_LOCK = threading.Lock()


def totals(session: Session, root_id: int, year: int, *, accepted_only: bool = False) -> RegionTotals:
    """Σ of the agencies' latest reports (the root's own report left out); missing ones named."""
    return summed(session, year, latest_choice(session, root_id, year, accepted_only=accepted_only))


def summed(session: Session, year: int, choice: dict[str, int | None]) -> RegionTotals:
    """The totals of the chosen submissions ({agency: submission id or None}), kept by their ids."""
    key = (year, tuple(choice.items()))
    with _TOTALS_LOCK:
        cache = engine_cache(_TOTALS, session)
        found = cache.get(key)
    if found is not None:
        return found
    result = region_totals(reports_of(session, choice), year)
    with _TOTALS_LOCK:
        cache[key] = result
        while len(cache) > _TOTALS_MAX:
            cache.popitem(last=False)
    return result


def totals_by_year(session: Session, root_id: int, years: list[int]) -> dict[int, RegionTotals]:
    """The totals of every year that has at least one report."""
    choices = latest_choices(session, root_id, years)
    out: dict[int, RegionTotals] = {}
    for year in years:
        result = summed(session, year, choices[year])
        if result.included:
            out[year] = result
    return out


@dataclass(frozen=True, slots=True)
class CopyText:
    """Where a compared text came from, so the page can show both sides."""

    agency: str
    year: int
    submission_id: int
    text: str


def _items(session: Session, root_id: int, years: range | list[int]) -> list[tuple[CopyItem, int]]:
    region = {m.id: m.name for m in members(session, root_id)}
    chosen = latest_submission_ids(session, list(region), list(years))
    parsed = reports_by_id(session, list(chosen.values()))
    out = []
    for (agency_id, year), sid in sorted(chosen.items()):
        report = parsed.get(sid)
        if report is not None:
            out.append((CopyItem(region[agency_id], year, f"#{sid}", report_text(report)), sid))
    return out


def copies(session: Session, root_id: int, year: int, *, years_back: int = 3) -> tuple[list[Copied], dict[str, CopyText]]:
    """Near-duplicate reports of ``year`` (same year between agencies; each against its own earlier
    years), and the texts by their file tag ("#<submission id>") for side-by-side display."""
    found = _items(session, root_id, range(year - years_back, year + 1))
    current = [item for item, _ in found if item.year == year]
    previous = [item for item, _ in found if item.year < year]
    texts = {item.file: CopyText(item.agency, item.year, sid, item.text) for item, sid in found}
    return find_copied(current, previous=previous), texts


def effective_findings(session: Session, submission_ids: list[int], *, confirmed_only: bool) -> dict[int, list[Finding]]:
    """Per submission, its report findings the supervisor did not dismiss (or only the confirmed ones)."""
    if not submission_ids:
        return {}
    rows = session.execute(
        sa.select(SubmissionFinding, Submission.agency_id, Submission.year)
        .join(Submission, Submission.id == SubmissionFinding.submission_id)
        .where(SubmissionFinding.submission_id.in_(submission_ids))
        .order_by(SubmissionFinding.submission_id, SubmissionFinding.position)).all()
    keys = {(a, y) for _, a, y in rows}
    verdicts: dict[tuple[int, int, str], Verdict] = {}
    if keys:
        for fr in session.scalars(sa.select(FindingReview).where(
                sa.tuple_(FindingReview.agency_id, FindingReview.year).in_(list(keys)))):
            verdicts[(fr.agency_id, fr.year, fr.fingerprint)] = fr.verdict
    out: dict[int, list[Finding]] = {sid: [] for sid in submission_ids}
    for f, agency_id, year in rows:
        verdict = verdicts.get((agency_id, year, f.fingerprint))
        if verdict is Verdict.DISMISSED or (confirmed_only and verdict is not Verdict.CONFIRMED):
            continue
        out[f.submission_id].append(Finding(f.rule, Severity(f.severity), f.where, f.message, "", None,
                                            FindingKind(f.kind)))
    return out


def _states(row: BoardRow, today: date, published_late: bool) -> frozenset[str]:
    states: set[str] = set()
    if row.state is ReviewState.NOT_SUBMITTED:
        if row.timeliness == "overdue":
            states.add("missing")
    elif row.timeliness == "late":
        states.add("late")
    if row.state is ReviewState.RETURNED and row.review_due is not None and row.review_due < today:
        states.add("returned_overdue")
    if published_late:
        states.add("published_late")
    return frozenset(states)


def _published_late(session: Session, rows: list[BoardRow], year: int) -> set[int]:
    """Agencies whose report was recorded as published after their deadline."""
    due = {r.agency_id: r.due for r in rows}
    from gongkai.supervise.records import Review

    out: set[int] = set()
    for agency_id, at in session.execute(
            sa.select(Review.agency_id, sa.func.min(ReviewEvent.at)).join(ReviewEvent, ReviewEvent.review_id == Review.id)
            .where(Review.year == year, ReviewEvent.to_state == ReviewState.PUBLISHED).group_by(Review.agency_id)):
        if agency_id in due and at.date() > due[agency_id]:
            out.add(agency_id)
    return out


def region_scheme(session: Session, root_id: int) -> Scheme:
    from gongkai.supervise.records import ScoringScheme

    stored = session.get(ScoringScheme, root_id)
    return scheme_from_data(stored.scheme, source="评分方案") if stored is not None else load_scheme()


@dataclass(frozen=True, slots=True)
class Season:
    """Everything the scores and the 通报 read, computed once."""

    rows: list[BoardRow]
    scores: dict[int, Score]
    findings: dict[int, list[Finding]]  # agency id → findings counted (not dismissed)
    confirmed: dict[int, list[Finding]]  # agency id → confirmed findings
    copied: list[Copied]
    copy_notes: dict[str, list[str]]  # agency name → "与…雷同（72%）"


def season(session: Session, root_id: int, year: int, today: date, scheme: Scheme | None = None) -> Season:
    rows, _ = board(session, root_id, year, today)
    scheme = scheme or region_scheme(session, root_id)
    subs = [r.submission_id for r in rows if r.submission_id is not None]
    counted = effective_findings(session, subs, confirmed_only=False)
    confirmed = effective_findings(session, subs, confirmed_only=True)
    copied, _texts = copies(session, root_id, year)
    notes: dict[str, list[str]] = {}
    facts_copied: dict[str, list[tuple[str, float]]] = {}
    for c in copied:
        a, b = c.agencies
        if c.kind == "previous_year":
            notes.setdefault(a, []).append(f"与本单位{c.years[1]}年报告雷同（{c.similarity:.0%}）")
            facts_copied.setdefault(a, []).append((c.kind, c.similarity))
        else:
            notes.setdefault(a, []).append(f"与{b}报告雷同（{c.similarity:.0%}）")
            notes.setdefault(b, []).append(f"与{a}报告雷同（{c.similarity:.0%}）")
            facts_copied.setdefault(a, []).append((c.kind, c.similarity))
            facts_copied.setdefault(b, []).append((c.kind, c.similarity))
    late_published = _published_late(session, rows, year)
    scores: dict[int, Score] = {}
    by_agency: dict[int, list[Finding]] = {}
    confirmed_by_agency: dict[int, list[Finding]] = {}
    for r in rows:
        found = counted.get(r.submission_id, []) if r.submission_id else []
        by_agency[r.agency_id] = found
        confirmed_by_agency[r.agency_id] = confirmed.get(r.submission_id, []) if r.submission_id else []
        facts = AgencyFacts(r.name, _states(r, today, r.agency_id in late_published), tuple(found),
                            tuple(facts_copied.get(r.name, ())))
        scores[r.agency_id] = score(scheme, facts)
    return Season(rows, scores, by_agency, confirmed_by_agency, copied, notes)


STATUS_KEYS = {ReviewState.NOT_SUBMITTED: "missing", ReviewState.SUBMITTED: "submitted",
               ReviewState.RETURNED: "returned", ReviewState.ACCEPTED: "accepted",
               ReviewState.PUBLISHED: "published"}


def bulletin_draft(session: Session, root_id: int, year: int, today: date, *, region: str, issuer: str) -> Bulletin:
    """The generated 通报: confirmed findings per agency, the board, the region totals."""
    data = season(session, root_id, year, today)
    files = dict(session.execute(sa.select(Submission.id, Submission.file_name)
                                 .where(Submission.id.in_([r.submission_id for r in data.rows if r.submission_id]))).all())
    lines = []
    for r in data.rows:
        status = STATUS_KEYS[r.state]
        if status == "submitted" and r.timeliness == "late":
            status = "late"
        lines.append(AgencyLine(r.name, r.kind_label, status, r.due, None, r.template,
                                tuple(data.confirmed.get(r.agency_id, [])), data.scores.get(r.agency_id),
                                tuple(data.copy_notes.get(r.name, ())),
                                (files[r.submission_id],) if r.submission_id in files else ()))
    return draft_bulletin(lines, year=year, region=region, issuer=issuer, issued_on=today,
                          totals=totals(session, root_id, year))
