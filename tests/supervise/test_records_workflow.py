"""The review's one door: allowed transitions, events, the acceptance gate, fingerprints across versions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from gongkai.errors import InvalidTransition, LedgerError
from gongkai.supervise import workflow
from gongkai.supervise.fingerprint import finding_values, fingerprint
from gongkai.supervise.records import ReviewEvent, ReviewState, SubmissionSource, Verdict
from gongkai.supervise.workflow import ALLOWED, AcceptBlocked, ReviewConflict, analyse
from tests.supervise.records_db import Region, sample

S = ReviewState
SRC = Path(__file__).resolve().parents[2] / "src" / "gongkai" / "supervise"


def _submit(session: Session, region: Region, name: str = "001_9e58b98aa5ba2831.txt", data: bytes | None = None,
            agency_id: int | None = None) -> workflow.Submitted:
    raw, analysis = sample(name)
    if data is not None:
        analysis = analyse(name, data)
        raw = data
    return workflow.submit(session=session, agency_id=agency_id or region.township, year=2023, file_name=name,
                           data=raw, source=SubmissionSource.UPLOAD, actor=region.clerk, analysis=analysis)


def test_every_state_has_a_row_and_unlisted_moves_are_refused(db: Session, season: Region) -> None:
    assert set(ALLOWED) == set(ReviewState)
    review = workflow.ensure_review(db, season.township, 2023)
    for target in ReviewState:
        if target in ALLOWED[S.NOT_SUBMITTED]:
            continue
        with pytest.raises(InvalidTransition, match="当前为「未提交」"):
            workflow.transition(session=db, review=review, to=target, actor=season.supervisor)
    assert review.state is S.NOT_SUBMITTED and review.events == []


def test_state_is_assigned_only_in_the_transition_function() -> None:
    assigned = [(p.name, i + 1) for p in SRC.rglob("*.py") for i, line in enumerate(p.read_text().splitlines())
                if re.search(r"\.state\s*=(?!=)", line)]
    assert assigned == [("workflow.py", _line_of("workflow.py", "    review.state = to"))]


def _line_of(file: str, text: str) -> int:
    return (SRC / file).read_text().splitlines().index(text) + 1


def test_season_return_resubmit_accept_publish_writes_one_event_per_change(db: Session, season: Region) -> None:
    first = _submit(db, season)
    assert first.created and first.submission.version == 1
    review = workflow.get_review(db, season.township, 2023)
    assert review is not None and review.state is S.SUBMITTED
    assert first.submission.errors == 3 and first.submission.template == "2019"

    workflow.return_for_correction(session=db, review=review, actor=season.supervisor, comment="统计期限有误",
                                   due_on=__import__("datetime").date(2024, 2, 20), expected_version=review.version)
    assert (review.state, review.comment, str(review.due_on)) == (S.RETURNED, "统计期限有误", "2024-02-20")

    corrected = sample("001_9e58b98aa5ba2831.txt")[0].replace("12月29日".encode(), "12月31日".encode())
    second = _submit(db, season, data=corrected)
    assert second.created and second.submission.version == 2 and review.state is S.SUBMITTED
    with pytest.raises(AcceptBlocked, match="尚有 2 个错误未处理"):
        workflow.accept(session=db, review=review, actor=season.supervisor, expected_version=review.version)
    workflow.accept(session=db, review=review, actor=season.supervisor, expected_version=review.version,
                    override_reason="模板问题已在通报中指出")
    assert review.state is S.ACCEPTED and review.override_reason == "模板问题已在通报中指出"
    workflow.record_published(session=db, review=review, actor=season.supervisor,
                               url="http://www.ningwu.gov.cn/2023.html", expected_version=review.version)
    db.commit()

    events = db.scalars(sa.select(ReviewEvent).order_by(ReviewEvent.id)).all()
    assert [(e.from_state, e.to_state, e.actor) for e in events] == [
        (S.NOT_SUBMITTED, S.SUBMITTED, "clerk"), (S.SUBMITTED, S.RETURNED, "jdr"), (S.RETURNED, S.SUBMITTED, "clerk"),
        (S.SUBMITTED, S.ACCEPTED, "jdr"), (S.ACCEPTED, S.PUBLISHED, "jdr")]
    assert events[1].comment == "统计期限有误" and str(events[1].due_on) == "2024-02-20"
    assert events[3].comment == "尚有 2 个错误，经说明理由后通过：模板问题已在通报中指出"
    assert review.published_url == "http://www.ningwu.gov.cn/2023.html"
    assert [s.version for s in db.scalars(sa.select(workflow.Submission).order_by(workflow.Submission.id))] == [1, 2]


def test_the_same_file_twice_is_one_submission(db: Session, season: Region) -> None:
    first = _submit(db, season)
    again = _submit(db, season)
    assert not again.created and again.submission.id == first.submission.id
    review = workflow.get_review(db, season.township, 2023)
    assert review is not None and len(review.events) == 1


def test_a_return_needs_a_comment_and_a_dismissal_a_reason(db: Session, season: Region) -> None:
    _submit(db, season)
    review = workflow.get_review(db, season.township, 2023)
    assert review is not None
    with pytest.raises(LedgerError, match="退回修改须填写意见"):
        workflow.return_for_correction(session=db, review=review, actor=season.supervisor, comment="  ",
                                       due_on=None, expected_version=None)
    with pytest.raises(LedgerError, match="须填写理由"):
        workflow.set_verdict(session=db, agency_id=season.township, year=2023, fingerprint="x" * 64,
                             verdict=Verdict.DISMISSED, reason="", actor=season.supervisor)


def test_a_stale_page_gets_a_conflict(db: Session, season: Region) -> None:
    _submit(db, season)
    review = workflow.get_review(db, season.township, 2023)
    assert review is not None
    seen = review.version
    workflow.return_for_correction(session=db, review=review, actor=season.supervisor, comment="请修改",
                                   due_on=None, expected_version=seen)
    with pytest.raises(ReviewConflict, match="已被他人修改，请刷新后重试"):
        workflow.accept(session=db, review=review, actor=season.supervisor, expected_version=seen,
                        override_reason="x")


def test_dismissed_finding_stays_dismissed_on_a_corrected_upload(db: Session, season: Region) -> None:
    first = _submit(db, season).submission
    errors = [f for f in first.findings if f.is_report_error]
    assert sorted(f.rule for f in errors) == ["dates.period", "dates.published", "template.version"]
    template = next(f for f in errors if f.rule == "template.version")
    workflow.set_verdict(session=db, agency_id=season.township, year=2023, fingerprint=template.fingerprint,
                         verdict=Verdict.DISMISSED, reason="上级通知允许沿用旧模板", actor=season.supervisor)
    # version 2: the agency fixed the period and the date; everything else (the old template) is unchanged
    text = sample("001_9e58b98aa5ba2831.txt")[0].decode("utf-8")
    text = text.replace("12月29日", "12月31日").replace("2023年12月25日", "2024年1月25日")
    second = _submit(db, season, data=text.encode("utf-8")).submission
    assert second.version == 2
    assert {f.rule: f.fingerprint for f in second.findings}["template.version"] == template.fingerprint
    assert workflow.blocking_findings(db, second) == []
    review = workflow.get_review(db, season.township, 2023)
    assert review is not None
    workflow.accept(session=db, review=review, actor=season.supervisor, expected_version=review.version)
    assert review.state is S.ACCEPTED and review.override_reason == ""


def test_fingerprint_is_rule_place_and_values_not_wording() -> None:
    a = fingerprint("arith.requests", "requests.received.total", "本年新收合计 12，各列之和 11")
    assert a == fingerprint("arith.requests", "requests.received.total", "新收申请合计为12件，而分项相加为11件")
    assert a != fingerprint("arith.requests", "requests.received.total", "本年新收合计 13，各列之和 11")
    assert a != fingerprint("arith.requests", "requests.carried.total", "本年新收合计 12，各列之和 11")
    assert finding_values("法规名称有误：“《中华人民共和国信息公开条例》”") == ("“《中华人民共和国信息公开条例》”",)
    assert finding_values("落款无成文日期") == ("落款无成文日期",)

