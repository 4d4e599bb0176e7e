"""Region totals: every cell of sections 二, 三 and 四 summed over the agencies' reports.

A total never pretends to be complete: each cell says which agencies are in its sum and which
should be but are not (no report yet, or the cell unreadable/absent in theirs). Which reports count
(every one submitted, or the accepted ones only) is the caller's choice: it passes those reports.

The region's own report, when it is meant to be a summary (汇总), is compared with the totals
rather than added to them. Year over year, per cell and per agency, and two kinds of outlier
(an agency whose figure jumps or falls tenfold; a column that stays zero for years while its
table is not empty) complete the picture a supervisor looks for.

Interface (stable; the web stage uses it):

    totals = region_totals({agency: report_or_None, ...}, year)     # -> RegionTotals
    totals.cells[key].value / .counted / .lacking / .complete; totals.missing; totals.to_json()
    compare_with_summary(totals, summary_report)                    # -> [Difference]
    year_over_year(previous_totals, totals)                         # -> {key: Change}
    agency_series(reports_by_year, agency, key)                     # -> [(year, value)]
    jumps(reports_by_year, key=...), zero_columns(cells_by_year, ...)  # -> [Outlier]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from gongkai.model.keys import split_key
from gongkai.model.report import Report
from gongkai.model.template import (
    APPEAL_COLUMN_LABELS,
    REQUEST_COLUMN_LABELS,
    TEMPLATES,
    template_in_force,
)

Number = int | Decimal

#: The figure the tenfold check reads by default: requests received in the year, all applicants.
RECEIVED = "requests.received.total"


@dataclass(frozen=True, slots=True)
class CellTotal:
    key: str
    value: Number | None  # the sum of the values present; None when no agency gave one
    counted: tuple[str, ...]  # agencies whose value is in the sum
    lacking: tuple[str, ...]  # agencies that should be in it but are not

    @property
    def complete(self) -> bool:
        return not self.lacking


@dataclass(frozen=True, slots=True)
class RegionTotals:
    year: int
    keys: tuple[str, ...]  # the cells of the template in force, printed order
    cells: dict[str, CellTotal]
    included: tuple[str, ...]  # agencies whose report is summed
    missing: tuple[str, ...]  # agencies with no report in the sum

    @property
    def complete(self) -> bool:
        return all(c.complete for c in self.cells.values())

    def value(self, key: str) -> Number | None:
        cell = self.cells.get(key)
        return cell.value if cell else None

    def to_json(self) -> dict[str, int | float | None]:
        """``{cell key: number}`` — the CLI's ``totals`` object."""
        return {key: _json_number(self.cells[key].value) for key in self.keys}


def region_totals(reports: Mapping[str, Report | None], year: int, *, keys: Sequence[str] | None = None) -> RegionTotals:
    """Sum every cell over ``reports`` ({agency: its report, or None when it has none that counts})."""
    order = tuple(keys) if keys is not None else TEMPLATES[template_in_force(year)].cell_keys()
    agencies = list(reports)
    flat = {a: (r.cells() if r is not None else None) for a, r in reports.items()}
    cells: dict[str, CellTotal] = {}
    for key in order:
        total: Number = 0
        counted: list[str] = []
        lacking: list[str] = []
        for agency in agencies:
            values = flat[agency]
            value = values.get(key) if values is not None else None
            if value is None:
                lacking.append(agency)
            else:
                total += value
                counted.append(agency)
        cells[key] = CellTotal(key, total if counted else None, tuple(counted), tuple(lacking))
    included = tuple(a for a in agencies if reports[a] is not None)
    missing = tuple(a for a in agencies if reports[a] is None)
    return RegionTotals(year, order, cells, included, missing)


@dataclass(frozen=True, slots=True)
class Difference:
    key: str
    printed: Number | None  # in the region's own (summary) report
    total: Number | None  # the sum of the agencies' reports
    complete: bool  # whether the sum had every agency


def compare_with_summary(totals: RegionTotals, summary: Report) -> list[Difference]:
    """Cells where the region's summary report differs from the agencies' sum (both known)."""
    out = []
    for key in totals.keys:
        printed = summary.cell(key)
        cell = totals.cells[key]
        if printed is None or cell.value is None or printed == cell.value:
            continue
        out.append(Difference(key, printed, cell.value, cell.complete))
    return out


@dataclass(frozen=True, slots=True)
class Change:
    key: str
    previous: Number | None
    current: Number | None

    @property
    def delta(self) -> Number | None:
        if self.previous is None or self.current is None:
            return None
        return self.current - self.previous

    @property
    def ratio(self) -> float | None:
        """current / previous; None when either is unknown or the previous is zero."""
        if self.previous is None or self.current is None or self.previous == 0:
            return None
        return float(self.current) / float(self.previous)


def year_over_year(previous: RegionTotals, current: RegionTotals) -> dict[str, Change]:
    """Per cell of the current template: last year's total beside this year's."""
    return {key: Change(key, previous.value(key), current.value(key)) for key in current.keys}


def agency_series(reports_by_year: Mapping[int, Mapping[str, Report | None]], agency: str,
                  key: str) -> list[tuple[int, Number | None]]:
    """One agency's value of ``key``, year by year (None where no report or no value)."""
    out = []
    for year in sorted(reports_by_year):
        report = reports_by_year[year].get(agency)
        out.append((year, report.cell(key) if report is not None else None))
    return out


@dataclass(frozen=True, slots=True)
class Outlier:
    kind: str  # "jump" | "zero_column"
    agency: str | None  # None for the region's totals
    key: str  # a cell key, or "requests.*.enterprise" for a column
    years: tuple[int, ...]
    values: tuple[Number | None, ...]
    message: str  # Chinese, one sentence


def jumps(reports_by_year: Mapping[int, Mapping[str, Report | None]], *, key: str = RECEIVED,
          factor: float = 10.0, floor: int = 10) -> list[Outlier]:
    """Agencies whose ``key`` rises or falls ``factor``-fold from one year to the next.

    The larger of the two figures must reach ``floor`` (1 → 12 requests is a jump, 0 → 3 is not),
    and a zero counts as one so that 0 → 40 is a jump too.
    """
    agencies = sorted({a for by_agency in reports_by_year.values() for a in by_agency})
    out = []
    for agency in agencies:
        series = agency_series(reports_by_year, agency, key)
        for (y0, v0), (y1, v1) in pairwise(series):
            if v0 is None or v1 is None or y1 != y0 + 1 or max(v0, v1) < floor:
                continue
            low, high = sorted((max(float(v0), 1.0), max(float(v1), 1.0)))
            if high / low >= factor:
                way = "增至" if v1 > v0 else "降至"
                out.append(Outlier("jump", agency, key, (y0, y1), (v0, v1),
                                   f"{agency} {key} 由 {y0} 年的 {v0} {way} {y1} 年的 {v1}，变化超过 {factor:g} 倍，请核实"))
    return out


def zero_columns(cells_by_year: Mapping[int, Mapping[str, Number | None]], *, agency: str | None = None,
                 min_years: int = 3) -> list[Outlier]:
    """Columns of sections 三/四 that are zero in each of the last ``min_years`` years while their
    table is not empty (e.g. no enterprise applicant for three years although requests came in).

    ``cells_by_year``: {year: {cell key: value}} — one agency's ``report.cells()`` or the region's totals.
    """
    years = sorted(cells_by_year)[-min_years:]
    if len(years) < min_years or years[-1] - years[0] != min_years - 1:
        return []
    labels = {"requests": REQUEST_COLUMN_LABELS, "appeals": APPEAL_COLUMN_LABELS}
    out = []
    for table, columns in labels.items():
        for column, label in columns.items():
            if column == "total":
                continue
            zero_every_year = True
            for year in years:
                cells = cells_by_year[year]
                col = [v for k, v in cells.items() if k.startswith(table + ".") and split_key(k)[2] == column]
                busy = any(v for k, v in cells.items() if k.startswith(table + ".") and v)
                if not col or any(v is None or v != 0 for v in col) or not busy:
                    zero_every_year = False
                    break
            if zero_every_year:
                who = agency or "全区域"
                out.append(Outlier("zero_column", agency, f"{table}.*.{column}", tuple(years), (0,) * len(years),
                                   f"{who}“{label}”一列 {years[0]}–{years[-1]} 年连续 {len(years)} 年全为 0，请核实是否漏填"))
    return out


def _json_number(value: Number | None) -> int | float | None:
    if value is None or isinstance(value, int):
        return value
    return int(value) if value == value.to_integral_value() else float(value)
