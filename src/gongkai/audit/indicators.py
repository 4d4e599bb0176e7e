"""The figures supervisors compute from a report's tables: disclosure, correction, appeal rates.

Scoring tables and 通报 compare agencies by three ratios:

- 实质公开率 (substantive disclosure rate): (予以公开 + 部分公开) / 办理结果总计;
- 纠错率 (correction rate): appeals whose result was 纠正 / appeals concluded (total − 尚未审结),
  over 行政复议 and both kinds of 行政诉讼;
- 复议诉讼 per 100 requests: (行政复议 + 行政诉讼) / 本年新收 × 100.

They are figures, not errors. With few requests they mean nothing (one refusal out of three is
a 33 % refusal rate), so ``values.indicators`` shows them only from ``MIN_REQUESTS``
requests concluded on. A ratio whose cells are unread (null) or whose base is 0 is ``None``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from gongkai.model.keys import APPEAL_GROUPS
from gongkai.model.report import Report, Value

#: Requests concluded from which the figures are shown: below 100 one request moves a rate by
#: more than a percentage point, and "per 100 requests" has no 100 to stand on.
MIN_REQUESTS = 100


@dataclass(frozen=True, slots=True)
class Ratio:
    numerator: int
    denominator: int

    @property
    def value(self) -> Decimal:
        return Decimal(self.numerator) / Decimal(self.denominator)

    def percent(self, places: int = 1) -> Decimal:
        return (self.value * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Indicators:
    concluded: int | None  # 办理结果总计
    disclosure: Ratio | None  # 实质公开率
    correction: Ratio | None  # 纠错率
    appeals_per_request: Ratio | None  # (复议 + 诉讼) / 本年新收; ×100 = per 100 requests

    @property
    def appeals_per_100(self) -> Decimal | None:
        if self.appeals_per_request is None:
            return None
        return (self.appeals_per_request.value * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _whole(value: Value) -> int | None:
    return value if isinstance(value, int) else None


def _sum(cell: Callable[[str], Value], keys: tuple[str, ...]) -> int | None:
    values = [_whole(cell(k)) for k in keys]
    if any(v is None for v in values):
        return None
    return sum(v for v in values if v is not None)


def _ratio(numerator: int | None, denominator: int | None) -> Ratio | None:
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return Ratio(numerator, denominator)


_GRANTED = ("requests.granted.total", "requests.partial.total")
_APPEALS = tuple(f"appeals.{g}.total" for g in APPEAL_GROUPS)
_PENDING = tuple(f"appeals.{g}.pending" for g in APPEAL_GROUPS)
_CORRECTED = tuple(f"appeals.{g}.corrected" for g in APPEAL_GROUPS)


def compute(cell: Callable[[str], Value]) -> Indicators:
    """The three figures from a cell lookup (``Report.cell`` or ``Context.cell``)."""
    concluded = _whole(cell("requests.total.total"))
    granted = _sum(cell, _GRANTED)
    appeals = _sum(cell, _APPEALS)
    pending = _sum(cell, _PENDING)
    corrected = _sum(cell, _CORRECTED)
    closed = None if appeals is None or pending is None else appeals - pending
    return Indicators(
        concluded,
        _ratio(granted, concluded),
        _ratio(corrected, closed),
        _ratio(appeals, _whole(cell("requests.received.total"))),
    )


def indicators(report: Report) -> Indicators:
    """``compute`` over a report's cells."""
    return compute(report.cell)
