"""The statutory reply clock (条例第三十条、第三十三条; 信息处理费管理办法), explained step by step.

Rules as implemented (docs/ledger.md «答复期限» states them for users):

* Counting starts the day after receipt (第三十一条 fixes the receipt day); 20 working days.
* A 补正 notice is due within 7 working days of receipt; once sent, the clock stops, and it
  restarts from the day after the corrected application arrives (full 20 days again).
* One extension of at most 20 working days (第三十三条第二款).
* Consultation of third parties or other agencies (第三十二条、第三十四条) is not counted: the
  working days from the day the consultation is sent through the day the answer arrives are skipped
  (第三十二条: 征求意见所需时间不计算在答复期限内).
  The other side is expected to answer within 15 working days.
* A fee notice stops the clock the same way until payment; the applicant pays within 20 working
  days counted from the day after the notice, else the request is abandoned (→ other_no_fee).

The function is pure: events in, a ``Deadline`` (with Chinese steps) out. The ledger stores the
result on the request and recomputes it on every event and when a holiday year is loaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from gongkai.ledger.enums import EventKind
from gongkai.ledger.workdays import WorkCalendar, china_today, fmt

REPLY_DAYS = 20
MAX_EXTENSION = 20
CORRECTION_NOTICE_DAYS = 7
CONSULTATION_DAYS = 15
FEE_DAYS = 20
_MAX_WALK = 2000  # calendar days; far beyond any legal deadline, guards against bad data


@dataclass(frozen=True, slots=True)
class ClockEvent:
    kind: EventKind
    on: date
    days: int | None = None


@dataclass(slots=True)
class Deadline:
    start_on: date  # counting starts the day after this (receipt or corrected application)
    allowed: int  # working days allowed: 20 + extension
    due_on: date | None  # None while the clock is stopped
    provisional: bool  # depends on a year whose holiday arrangement is not known
    paused: bool
    used: int  # working days counted up to today (or up to the due date)
    remaining: int | None  # working days left after today; None when due_on passed or unknown
    waiting_due_on: date | None  # while stopped: the date the other side should answer by
    correction_notice_due: date
    extended: int = 0
    steps: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Pause:
    kind: str  # consultation | fee
    start: date
    end: date | None


_PAUSE_EVENTS = {
    EventKind.CONSULTATION_START: ("consultation", True),
    EventKind.CONSULTATION_END: ("consultation", False),
    EventKind.FEE_NOTICE: ("fee", True),
    EventKind.FEE_PAID: ("fee", False),
}


def compute_deadline(
    *,
    received_on: date,
    events: Sequence[ClockEvent],
    calendar: WorkCalendar,
    today: date | None = None,
) -> Deadline:
    today = today or china_today()
    ordered = sorted(events, key=lambda e: e.on)
    steps = [f"{fmt(received_on)}收到申请（条例第三十一条），答复期限自次日{received_on + timedelta(days=1)}起计算。"]
    notice_due, notice_prov = calendar.add_workdays(received_on, CORRECTION_NOTICE_DAYS)

    # 补正: the latest corrected application restarts the clock; an unanswered notice stops it.
    start = received_on
    open_correction: ClockEvent | None = None
    for ev in ordered:
        if ev.kind is EventKind.CORRECTION_NOTICE:
            late = "，已超过7个工作日的期限" if ev.on > notice_due else ""
            steps.append(
                f"{ev.on}发出补正通知（条例第三十条：应在收到申请之日起7个工作日内，最迟于{notice_due}发出{late}），"
                "答复期限暂不计算。"
            )
            open_correction = ev
        elif ev.kind is EventKind.CORRECTION_RECEIVED:
            steps.append(f"{ev.on}收到补正后的申请，答复期限自次日{ev.on + timedelta(days=1)}起重新计算20个工作日。")
            start, open_correction = ev.on, None

    extended = sum(e.days or 0 for e in ordered if e.kind is EventKind.EXTENSION)
    allowed = REPLY_DAYS + extended
    steps.append("依条例第三十三条，应当自起算之日起20个工作日内答复；周六、周日和法定节假日不计入，调休上班日计入。")
    for ev in ordered:
        if ev.kind is EventKind.EXTENSION:
            steps.append(
                f"{ev.on}经政府信息公开工作机构负责人同意延长答复期限{ev.days}个工作日"
                f"（条例第三十三条第二款，最长20个工作日），共{allowed}个工作日。"
            )

    if open_correction is not None:
        waiting = None
        if open_correction.days:
            waiting, _ = calendar.add_workdays(open_correction.on, open_correction.days)
            steps.append(f"申请人应在{open_correction.days}个工作日内（最迟于{waiting}）补正；逾期不补正视为放弃申请。")
        steps.append("等待申请人补正，答复期限尚未起算。")
        return Deadline(start, allowed, None, notice_prov, True, 0, allowed, waiting, notice_due, extended, steps)

    pauses = _pauses(ordered, start)
    return _walk(start, allowed, pauses, calendar, today, notice_due, extended, steps)


def _pauses(ordered: Sequence[ClockEvent], start: date) -> list[_Pause]:
    pauses: list[_Pause] = []
    current: dict[str, _Pause] = {}
    for ev in ordered:
        if ev.kind not in _PAUSE_EVENTS or ev.on < start:
            continue
        kind, opens = _PAUSE_EVENTS[ev.kind]
        if opens and kind not in current:
            current[kind] = _Pause(kind, ev.on, None)
            pauses.append(current[kind])
        elif not opens and kind in current:
            current.pop(kind).end = ev.on
    return pauses


def _paused(d: date, pauses: Sequence[_Pause]) -> _Pause | None:
    """The pause covering ``d``: a consultation from the day it is sent, a fee from the day after
    the notice (the applicant's 20 days are counted from then), each through the day it ends."""
    for p in pauses:
        first = p.start if p.kind == "consultation" else p.start + timedelta(days=1)
        if first <= d and (p.end is None or d <= p.end):
            return p
    return None


def _walk(
    start: date,
    allowed: int,
    pauses: list[_Pause],
    calendar: WorkCalendar,
    today: date,
    notice_due: date,
    extended: int,
    steps: list[str],
) -> Deadline:
    """Count working days after ``start``, skipping paused days, narrating what is not obvious."""
    count = used = 0
    provisional = False
    noted_years: set[int] = set()
    skipped: dict[int, int] = {}
    run: list[date] = []
    run_names: list[str] = []
    d = start
    due: date | None = None
    open_pause: _Pause | None = None

    def flush_run() -> None:
        if run:
            span = fmt(run[0]) if len(run) == 1 else f"{run[0]}至{run[-1]}"
            steps.append(f"{span}为{'、'.join(dict.fromkeys(run_names))}假期，不计入。")
            run.clear()
            run_names.clear()

    reported: set[int] = set()

    def report_pauses(before: date) -> None:
        for p in pauses:
            if p.end is not None and p.end < before and id(p) not in reported:
                reported.add(id(p))
                flush_run()
                days = skipped.get(id(p), 0)
                if p.kind == "consultation":
                    steps.append(f"{p.start}征求第三方或其他机关意见，{p.end}收到答复；自发出征求意见之日至收到答复之日"
                                 f"共{days}个工作日不计入答复期限（条例第三十二条：征求意见所需时间不计算在内）。")
                else:
                    steps.append(f"{p.start}发出收费通知，{p.end}申请人缴纳费用，其间{days}个工作日不计入答复期限。")

    for _ in range(_MAX_WALK):
        d += timedelta(days=1)
        report_pauses(d)
        pause = _paused(d, pauses)
        if pause is not None and pause.end is None:
            open_pause = pause
            break
        info = calendar.day(d)
        if info.provisional and d.year not in noted_years:
            noted_years.add(d.year)
            steps.append(
                f"{d.year}年的国务院节假日安排尚未导入（内置日历只到已公布的年份），{d.year}年的日期暂按周末计算，"
                "结果为暂定；管理员导入该年安排后自动重算。"
            )
        provisional = provisional or info.provisional
        if info.kind == "holiday":
            run.append(d)
            run_names.append(info.name or "节假日")
            continue
        if run and (info.workday or info.kind == "weekday"):
            flush_run()
        if pause is not None:
            skipped[id(pause)] = skipped.get(id(pause), 0) + info.workday
            continue
        if not info.workday:
            continue
        count += 1
        if d <= today:
            used = count
        if info.kind == "makeup":
            steps.append(f"{fmt(d)}为调休上班日，计为第{count}个工作日。")
        if count == allowed:
            due = d
            break
    flush_run()
    waiting = None
    if open_pause is not None:
        if open_pause.kind == "consultation":
            waiting, _ = calendar.add_workdays(open_pause.start, CONSULTATION_DAYS)
            steps.append(
                f"{open_pause.start}起征求第三方或其他机关意见（条例第三十二条、第三十四条），自发出之日起计时暂停；"
                f"对方应在15个工作日内（最迟于{waiting}）答复。已计{count}个工作日，剩余{allowed - count}个工作日。"
            )
        else:
            waiting, _ = calendar.add_workdays(open_pause.start, FEE_DAYS)
            steps.append(
                f"{open_pause.start}发出收费通知，计时暂停；申请人应自通知次日起20个工作日内（最迟于{waiting}）缴费，"
                f"逾期视为放弃申请。已计{count}个工作日，剩余{allowed - count}个工作日。"
            )
        return Deadline(start, allowed, None, provisional, True, count, allowed - count, waiting, notice_due,
                        extended, steps)
    if due is not None:
        steps.append(f"第{allowed}个工作日为{fmt(due)}，即答复期限{'（暂定）' if provisional else ''}。")
    remaining = None
    if due is not None and today <= due:
        remaining = count - used
    return Deadline(start, allowed, due, provisional, False, used, remaining, None, notice_due, extended, steps)
