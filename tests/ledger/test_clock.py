"""The statutory clock (条例第三十条、第三十三条) on the official calendar, step by step."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.errors import Unreadable
from gongkai.ledger.clock import ClockEvent, compute_deadline
from gongkai.ledger.enums import EventKind as K
from gongkai.ledger.workdays import WorkCalendar, load_holiday_file, parse_arrangement

CAL = WorkCalendar()
HOLIDAYS_2027 = {
    "year": 2027,
    "source": "测试用安排",
    "holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"},
                 {"name": "春节", "start": "2027-02-06", "end": "2027-02-12"}],
    "workdays": ["2027-02-20", {"date": "2027-02-21", "name": "春节"}],
}


def due(received: date, *events: ClockEvent, cal: WorkCalendar = CAL, today: date = date(2030, 1, 1)):
    return compute_deadline(received_on=received, events=list(events), calendar=cal, today=today)


def test_national_day_2025_explained_exactly() -> None:
    d = due(date(2025, 9, 26), today=date(2025, 10, 9))
    assert d.due_on == date(2025, 10, 30)
    assert not d.provisional and not d.paused
    assert d.steps == [
        "2025-09-26（星期五）收到申请（条例第三十一条），答复期限自次日2025-09-27起计算。",
        "依条例第三十三条，应当自起算之日起20个工作日内答复；周六、周日和法定节假日不计入，调休上班日计入。",
        "2025-09-28（星期日）为调休上班日，计为第1个工作日。",
        "2025-10-01至2025-10-08为国庆节、中秋假期，不计入。",
        "2025-10-11（星期六）为调休上班日，计为第6个工作日。",
        "第20个工作日为2025-10-30（星期四），即答复期限。",
    ]
    # 9-28, 9-29, 9-30, 10-09 counted by 10-09; 16 left
    assert (d.used, d.remaining) == (4, 16)
    assert d.correction_notice_due == date(2025, 10, 13)


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (date(2025, 3, 3), date(2025, 3, 31)),  # plain weeks
        (date(2025, 1, 20), date(2025, 2, 21)),  # 春节 1-28..2-4, 调休 1-26 (Sun) and 2-8 (Sat)
        (date(2024, 12, 20), date(2025, 1, 20)),  # across the year end, 元旦 2025-01-01
        (date(2025, 4, 30), date(2025, 6, 3)),  # 劳动节 5-1..5-5 (调休 4-27 before receipt), 端午 5-31..6-2
        (date(2025, 3, 8), date(2025, 4, 7)),  # received on a Saturday: counting starts Sunday anyway
    ],
)
def test_twenty_working_days(received: date, expected: date) -> None:
    assert due(received).due_on == expected


def test_spring_festival_steps_name_the_makeup_days() -> None:
    steps = due(date(2025, 1, 20)).steps
    assert "2025-01-26（星期日）为调休上班日，计为第5个工作日。" in steps
    assert "2025-01-28至2025-02-04为春节假期，不计入。" in steps
    assert "2025-02-08（星期六）为调休上班日，计为第10个工作日。" in steps


def test_correction_restarts_the_clock() -> None:
    d = due(date(2025, 3, 3), ClockEvent(K.CORRECTION_NOTICE, date(2025, 3, 5)),
            ClockEvent(K.CORRECTION_RECEIVED, date(2025, 3, 10)))
    assert d.start_on == date(2025, 3, 10)
    assert d.due_on == date(2025, 4, 8)  # 清明 4-4..4-6 skipped
    assert d.correction_notice_due == date(2025, 3, 12)
    assert "2025-03-10收到补正后的申请，答复期限自次日2025-03-11起重新计算20个工作日。" in d.steps


def test_correction_pending_stops_the_clock_and_notes_a_late_notice() -> None:
    d = due(date(2025, 9, 26), ClockEvent(K.CORRECTION_NOTICE, date(2025, 10, 14), days=10))
    assert d.due_on is None and d.paused
    assert d.waiting_due_on == date(2025, 10, 28)
    assert d.correction_notice_due == date(2025, 10, 13)
    assert any("已超过7个工作日的期限" in s for s in d.steps)


def test_extension_adds_working_days() -> None:
    d = due(date(2025, 3, 3), ClockEvent(K.EXTENSION, date(2025, 3, 20), days=10))
    assert (d.allowed, d.extended, d.due_on) == (30, 10, date(2025, 4, 15))
    assert "共30个工作日" in d.steps[2]


def test_consultation_days_are_not_counted() -> None:
    d = due(date(2025, 3, 3), ClockEvent(K.CONSULTATION_START, date(2025, 3, 10)),
            ClockEvent(K.CONSULTATION_END, date(2025, 3, 14)))
    # 条例第三十二条: from the day the consultation is sent (Mon 03-10) through the day the answer
    # arrives (Fri 03-14): five working days not counted; 03-04..03-07 are days 1-4, 03-17 is day 5
    assert d.due_on == date(2025, 4, 8)
    assert ("2025-03-10征求第三方或其他机关意见，2025-03-14收到答复；自发出征求意见之日至收到答复之日共5个工作日"
            "不计入答复期限（条例第三十二条：征求意见所需时间不计算在内）。") in d.steps


def test_consultation_sent_and_answered_the_same_day_skips_that_day() -> None:
    plain = due(date(2025, 3, 3))
    same_day = due(date(2025, 3, 3), ClockEvent(K.CONSULTATION_START, date(2025, 3, 5)),
                   ClockEvent(K.CONSULTATION_END, date(2025, 3, 5)))
    assert plain.due_on == date(2025, 3, 31)
    assert same_day.due_on == date(2025, 4, 1)


def test_open_consultation_pauses_with_the_answer_date() -> None:
    d = due(date(2025, 3, 3), ClockEvent(K.CONSULTATION_START, date(2025, 3, 10)), today=date(2025, 3, 20))
    assert d.due_on is None and d.paused
    assert (d.used, d.remaining) == (4, 16)  # 03-04..03-07; the day it was sent is not counted
    assert d.waiting_due_on == date(2025, 3, 31)  # third party answers within 15 working days


def test_fee_period() -> None:
    paid = due(date(2025, 3, 3), ClockEvent(K.FEE_NOTICE, date(2025, 3, 5)), ClockEvent(K.FEE_PAID, date(2025, 3, 12)))
    assert paid.due_on == date(2025, 4, 8)
    waiting = due(date(2025, 3, 3), ClockEvent(K.FEE_NOTICE, date(2025, 3, 5)), today=date(2025, 3, 6))
    assert waiting.due_on is None
    assert waiting.waiting_due_on == date(2025, 4, 2)  # 20 working days from the day after the notice


def test_unknown_year_is_provisional_on_weekends_alone() -> None:
    d = due(date(2026, 12, 10))
    assert d.due_on == date(2027, 1, 7)  # 2027-01-01 (Friday) counted: no arrangement known
    assert d.provisional
    assert d.steps[-1] == "第20个工作日为2027-01-07（星期四），即答复期限（暂定）。"
    assert any(s.startswith("2027年的国务院节假日安排尚未导入") for s in d.steps)


def test_loaded_year_replaces_the_provisional_date() -> None:
    cal = WorkCalendar({2027: parse_arrangement(HOLIDAYS_2027)})
    d = due(date(2026, 12, 10), cal=cal)
    assert (d.due_on, d.provisional) == (date(2027, 1, 8), False)
    assert "2027-01-01至2027-01-03为元旦假期，不计入。" in d.steps
    assert cal.is_workday(date(2027, 2, 20)) and not cal.is_workday(date(2027, 2, 8))
    assert cal.day(date(2027, 2, 21)).name == "春节"


def test_holiday_file_yaml(tmp_path) -> None:
    path = tmp_path / "2027.yaml"
    path.write_text(
        "year: 2027\nsource: 国办发明电\nholidays:\n  - {name: 元旦, start: 2027-01-01, end: 2027-01-03}\n"
        "workdays: [2027-02-20]\n",
        encoding="utf-8",
    )
    arrangement = load_holiday_file(path)
    assert arrangement.year == 2027
    assert arrangement.holidays == {date(2027, 1, 1), date(2027, 1, 2), date(2027, 1, 3)}
    assert arrangement.workdays == {date(2027, 2, 20)}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "内容应为包含"),
        ({"year": "2027", "holidays": []}, "year 应为"),
        ({"year": 2027, "holidays": [{"name": "元旦", "start": "2028-01-01"}]}, "不在 2027 年内"),
        ({"year": 2027, "holidays": [{"name": "x", "start": "2027-13-01"}]}, "不是 YYYY-MM-DD"),
        ({"year": 2027, "holidays": [{"name": "x", "start": "2027-01-03", "end": "2027-01-01"}]}, "结束日期早于"),
        ({"year": 2027, "holidays": [{"start": "2027-01-01"}], "workdays": ["2027-01-04"]}, "应为周六或周日"),
        ({"year": 2027, "holidays": []}, "holidays 为空"),
    ],
)
def test_bad_holiday_files_are_refused(data: object, message: str) -> None:
    with pytest.raises(Unreadable, match=message):
        parse_arrangement(data, path="x.yaml")


def test_unreadable_holiday_file(tmp_path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("year: [", encoding="utf-8")
    with pytest.raises(Unreadable) as err:
        load_holiday_file(path)
    assert str(path) in str(err.value)


def test_today_is_the_date_in_china_whatever_the_server_zone(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import os
    import time
    from datetime import UTC, datetime

    import gongkai.ledger.workdays as workdays

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[no-untyped-def,override]
            instant = datetime(2025, 12, 31, 17, 30, tzinfo=UTC)  # 01:30 on 1 January in Beijing
            return instant.astimezone(tz) if tz else instant.replace(tzinfo=None)

    monkeypatch.setattr(workdays, "datetime", Clock)
    monkeypatch.setenv("TZ", "America/Los_Angeles")  # where it is still 30 December, 09:30
    if hasattr(time, "tzset"):
        time.tzset()
    try:
        assert workdays.china_today() == date(2026, 1, 1)
        assert workdays.china_now().utcoffset().total_seconds() == 8 * 3600  # type: ignore[union-attr]
    finally:
        monkeypatch.delenv("TZ")
        if hasattr(time, "tzset"):
            time.tzset()
        assert "TZ" not in os.environ
