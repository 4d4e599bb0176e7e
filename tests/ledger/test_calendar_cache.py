"""The process-wide calendar cache: one calendar while the loaded years stay as stored, a new one as
soon as any session (any worker process) commits a year, and never one built from a rolled-back load."""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine

from gongkai.ledger import calendar_from_db, load_holiday_year, parse_holiday_bytes, session_factory

FILE_2027 = b"""\
year: 2027
holidays:
  - {name: \xe5\x85\x83\xe6\x97\xa6, start: 2027-01-01, end: 2027-01-03}
workdays:
  - 2027-02-20
"""
# The same year replaced: 元旦 moved to Monday 4 January, no make-up Saturday.
FILE_2027_REPLACED = b"year: 2027\nholidays:\n  - {start: 2027-01-04}\n"
FILE_2028 = b"year: 2028\nholidays:\n  - {start: 2028-01-03}\n"


def test_sessions_share_a_calendar_until_another_session_loads_a_year(engine: Engine) -> None:
    factory = session_factory(engine)
    with factory() as one, factory() as two:
        before = calendar_from_db(session=one)
        assert calendar_from_db(session=two) is before
        assert before.is_workday(date(2027, 1, 1)) and not before.is_workday(date(2027, 2, 20))

    with factory() as admin:  # e.g. the admin's upload, handled by another worker process
        load_holiday_year(session=admin, actor=None, arrangement=parse_holiday_bytes(FILE_2027))
        admin.commit()
    with factory() as three, factory() as four:
        loaded = calendar_from_db(session=three)
        assert loaded is not before and calendar_from_db(session=four) is loaded
        assert not loaded.is_workday(date(2027, 1, 1))  # 元旦
        assert loaded.is_workday(date(2027, 2, 20))  # make-up Saturday
        assert loaded.add_workdays(date(2026, 12, 31), 1) == (date(2027, 1, 4), False)

    with factory() as admin:
        load_holiday_year(session=admin, actor=None, arrangement=parse_holiday_bytes(FILE_2027_REPLACED))
        admin.commit()
    with factory() as five:
        replaced = calendar_from_db(session=five)
        assert replaced is not loaded
        assert replaced.is_workday(date(2027, 1, 1)) and not replaced.is_workday(date(2027, 1, 4))
        assert not replaced.is_workday(date(2027, 2, 20))


def test_a_rolled_back_load_leaves_no_trace(engine: Engine) -> None:
    factory = session_factory(engine)
    with factory() as admin:
        load_holiday_year(session=admin, actor=None, arrangement=parse_holiday_bytes(FILE_2028))
        assert not calendar_from_db(session=admin).is_workday(date(2028, 1, 3))  # its own flushed row
        admin.rollback()
    with factory() as other:
        calendar = calendar_from_db(session=other)
        assert calendar.is_workday(date(2028, 1, 3))
        assert calendar.add_workdays(date(2027, 12, 31), 1) == (date(2028, 1, 3), not calendar.known(2028))
