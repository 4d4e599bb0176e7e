"""Which days are working days: chinese-calendar, plus arrangements an admin loads for later years.

chinese-calendar knows the State Council's holiday notices (including 调休 make-up workdays) up
to the year it was released for. A request received in December already has its deadline in
the next year, which may not be announced yet: such a year is computed on weekends alone and
every date that depends on it is marked provisional until its arrangement is loaded.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import chinese_calendar
import yaml

from gongkai.errors import Unreadable

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_CN_HOLIDAY = {h.value: h.chinese for h in chinese_calendar.Holiday}


CHINA = ZoneInfo("Asia/Shanghai")


def china_now() -> datetime:
    """The time in China (Asia/Shanghai), whatever the server's own time zone."""
    return datetime.now(CHINA)


def china_today() -> date:
    """Today's date in China: statutory days are counted on the Chinese calendar, so a server in
    UTC must not call 07:00 in Beijing yesterday."""
    return china_now().date()


def weekday_cn(d: date) -> str:
    return WEEKDAYS[d.weekday()]


def fmt(d: date) -> str:
    """A date as printed in explanations: 2025-09-26（星期五）."""
    return f"{d.isoformat()}（{weekday_cn(d)}）"


@dataclass(frozen=True, slots=True)
class HolidayArrangement:
    """One year's official arrangement: days off and 调休 make-up working days."""

    year: int
    holidays: frozenset[date]
    workdays: frozenset[date]
    names: Mapping[date, str] = field(default_factory=dict)
    source: str = ""


@dataclass(frozen=True, slots=True)
class DayInfo:
    workday: bool
    kind: str  # weekday | weekend | holiday | makeup
    name: str | None  # holiday name for holidays and make-up days
    provisional: bool  # the year's arrangement is unknown; weekends alone decided


@cache
def builtin_known(year: int) -> bool:
    """Whether the installed chinese-calendar has the official arrangement for ``year``."""
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


@functools.lru_cache(maxsize=16384)
def _builtin_day(d: date) -> DayInfo:
    """A day per chinese-calendar (or weekends alone, provisionally, for years it does not know).

    Cached for the process: chinese-calendar checks its whole table on every lookup, and a new
    WorkCalendar is built for every web request.
    """
    weekend = d.weekday() >= 5
    if builtin_known(d.year):
        holiday, name = chinese_calendar.get_holiday_detail(d)
        cn = _CN_HOLIDAY.get(name, name) if name else None
        if holiday and cn:
            return DayInfo(False, "holiday", cn, False)
        if not holiday and weekend:
            return DayInfo(True, "makeup", cn, False)
        return DayInfo(not holiday, "weekend" if weekend else "weekday", None, False)
    return DayInfo(not weekend, "weekend" if weekend else "weekday", None, True)


class WorkCalendar:
    """Working days per the official arrangements; loaded years take precedence over the built-in."""

    def __init__(self, loaded: Mapping[int, HolidayArrangement] | None = None) -> None:
        self.loaded: dict[int, HolidayArrangement] = dict(loaded or {})
        self._memo: dict[date, DayInfo] = {}

    def known(self, year: int) -> bool:
        return year in self.loaded or builtin_known(year)

    def day(self, d: date) -> DayInfo:
        info = self._memo.get(d)
        if info is None:
            info = self._memo[d] = self._day(d)
        return info

    def _day(self, d: date) -> DayInfo:
        weekend = d.weekday() >= 5
        arrangement = self.loaded.get(d.year)
        if arrangement is not None:
            name = arrangement.names.get(d)
            if d in arrangement.holidays:
                return DayInfo(False, "holiday", name, False)
            if d in arrangement.workdays:
                return DayInfo(True, "makeup", name, False)
            return DayInfo(not weekend, "weekend" if weekend else "weekday", None, False)
        return _builtin_day(d)

    def is_workday(self, d: date) -> bool:
        return self.day(d).workday

    def add_workdays(self, start: date, n: int) -> tuple[date, bool]:
        """The ``n``-th working day after ``start`` (counting starts the next day); provisional flag."""
        d, count, provisional = start, 0, False
        while count < n:
            d += timedelta(days=1)
            info = self.day(d)
            provisional = provisional or info.provisional
            count += info.workday
        return d, provisional


# -- holiday files ----------------------------------------------------------------------------


def parse_arrangement(data: Any, *, path: str = "") -> HolidayArrangement:
    """Validate a holiday file's content (format: docs/ledger.md «节假日安排文件»)."""

    def bad(message: str) -> Unreadable:
        return Unreadable(f"节假日安排文件无效：{message}", path=path or None, message_en="invalid holiday file")

    if not isinstance(data, dict):
        raise bad("内容应为包含 year、holidays、workdays 的映射")
    year = data.get("year")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise bad("year 应为 2000 到 2100 之间的年份")

    def as_date(value: Any, what: str) -> date:
        if isinstance(value, date):
            d = value
        else:
            try:
                d = date.fromisoformat(str(value))
            except ValueError:
                raise bad(f"{what}「{value}」不是 YYYY-MM-DD 格式的日期") from None
        if d.year != year:
            raise bad(f"{what} {d.isoformat()} 不在 {year} 年内")
        return d

    holidays: set[date] = set()
    names: dict[date, str] = {}
    for item in data.get("holidays") or []:
        if not isinstance(item, dict) or "start" not in item:
            raise bad("holidays 的每一项应包含 name、start（可选 end）")
        name = str(item.get("name") or "节假日")
        start = as_date(item["start"], "假期开始日期")
        end = as_date(item.get("end", start), "假期结束日期")
        if end < start:
            raise bad(f"假期「{name}」的结束日期早于开始日期")
        d = start
        while d <= end:
            holidays.add(d)
            names[d] = name
            d += timedelta(days=1)
    workdays: set[date] = set()
    for item in data.get("workdays") or []:
        raw, day_name = (item.get("date"), item.get("name")) if isinstance(item, dict) else (item, None)
        d = as_date(raw, "调休上班日期")
        if d.weekday() < 5:
            raise bad(f"调休上班日 {d.isoformat()} 是工作日（{weekday_cn(d)}），应为周六或周日")
        if d in holidays:
            raise bad(f"{d.isoformat()} 同时列为假期和调休上班日")
        workdays.add(d)
        if day_name:
            names[d] = str(day_name)
    if not holidays:
        raise bad("holidays 为空")
    return HolidayArrangement(year, frozenset(holidays), frozenset(workdays), names, str(data.get("source") or ""))


def parse_holiday_bytes(data: bytes, *, name: str = "") -> HolidayArrangement:
    """Decode and validate an uploaded YAML or JSON holiday file (UTF-8, BOM allowed)."""
    try:
        parsed = yaml.safe_load(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise Unreadable("节假日安排文件不是 UTF-8 编码的文本", path=name or None,
                         message_en="the holiday file is not UTF-8 text") from exc
    except yaml.YAMLError as exc:
        raise Unreadable("节假日安排文件不是有效的 YAML 或 JSON", path=name or None,
                         message_en="the holiday file is not valid YAML or JSON") from exc
    return parse_arrangement(parsed, path=name)


def load_holiday_file(path: str | Path) -> HolidayArrangement:
    """Read a YAML or JSON holiday arrangement file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
        data = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise Unreadable(f"无法读取节假日安排文件：{exc.__class__.__name__}", path=str(p),
                         message_en="cannot read the holiday file") from exc
    return parse_arrangement(data, path=str(p))
