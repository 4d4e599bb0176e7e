"""Supervision records: filed on time, corrected on time (scoring tables deduct for both).

These rules judge a ``SubmissionRecord`` (``Rule.record``), run by ``engine.run_records``;
``gongkai check`` never runs them on a report.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

from gongkai.audit.rule import Context, Hit, Rule
from gongkai.model.findings import Severity


def zh_date(d: date | datetime) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _day(moment: datetime | date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def _late(ctx: Context) -> Iterator[Hit]:
    record = ctx.record
    if record is None or record.deadline is None:
        return
    due = record.deadline
    if record.submitted_at is None:
        if ctx.as_of is not None and ctx.as_of > due:
            yield Hit(
                "submission",
                f"截至{zh_date(ctx.as_of)}仍未报送{record.year}年度报告（报送期限{zh_date(due)}）",
                f"the {record.year} report has not been submitted by {ctx.as_of} (deadline {due})",
            )
        return
    submitted = _day(record.submitted_at)
    if submitted > due:
        days = (submitted - due).days
        yield Hit(
            "submission",
            f"{record.year}年度报告于{zh_date(submitted)}报送，晚于报送期限{zh_date(due)}（逾期{days}天）",
            f"the {record.year} report was submitted on {submitted}, {days} days after the deadline {due}",
        )


def _not_corrected(ctx: Context) -> Iterator[Hit]:
    record = ctx.record
    if record is None or record.returned_due is None:
        return
    due = record.returned_due
    if record.corrected_at is None:
        if ctx.as_of is not None and ctx.as_of > due:
            yield Hit(
                "correction",
                f"报告被退回修改，截至{zh_date(ctx.as_of)}仍未改正（改正期限{zh_date(due)}）",
                f"returned for correction and not corrected by {ctx.as_of} (due {due})",
            )
        return
    corrected = _day(record.corrected_at)
    if corrected > due:
        days = (corrected - due).days
        yield Hit(
            "correction",
            f"报告被退回修改，于{zh_date(corrected)}才改正，晚于改正期限{zh_date(due)}（逾期{days}天）",
            f"returned for correction and corrected on {corrected}, {days} days after the due date {due}",
            Severity.WARNING,
        )


RULES: list[Rule] = [
    Rule(
        "filing.late",
        Severity.ERROR,
        "年度报告晚于督查机构规定的报送期限报送，或期限已过仍未报送。",
        "The annual report was submitted to the supervising office after its deadline, or not at all by now.",
        _late,
        reads=("record.deadline", "record.submitted_at", "as_of"),
        record=True,
    ),
    Rule(
        "filing.not_corrected",
        Severity.ERROR,
        "报告被退回修改后，改正期限已过仍未改正（错误）或逾期才改正（警告）。",
        "A report returned for correction was not corrected by its due date (error), or was corrected late (warning).",
        _not_corrected,
        reads=("record.returned_due", "record.corrected_at", "as_of"),
        also=(Severity.WARNING,),
        record=True,
    ),
]
