"""What a rule is: one declarative row (id, severity, sentences, cells read, check).

A rule never builds ``Finding`` objects itself: it yields ``Hit``s (where + message) and the
engine adds the rule id, the file and the default severity, so that every finding of one rule
looks the same and a broken rule cannot forge another rule's id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from typing import Any, TypeVar

from gongkai.audit.submission import SubmissionRecord
from gongkai.model.findings import FindingKind, Severity
from gongkai.model.keys import split_key
from gongkai.model.report import Report, Value
from gongkai.settings import Settings

T = TypeVar("T")
_COUNT_TYPES = frozenset({int, type(None)})


@dataclass(frozen=True, slots=True)
class Hit:
    """One thing a rule found. ``severity`` and ``kind`` override the rule's defaults."""

    where: str | None
    message: str
    message_en: str
    severity: Severity | None = None
    kind: FindingKind | None = None


def _addressable(report: Report) -> bool:
    """No table or row name has a dot in it, so every cell ``Report.cells`` lists is addressable."""
    return all(
        "." not in table and not (rows and any("." in row for row in rows)) for table, rows in report.tables.items()
    )


def cell_index(report: Report, cells: dict[str, Value] | None = None) -> dict[str, Value]:
    """Every cell ``Report.cell`` can address, by key: one dict lookup instead of a key split.

    A table or row name with a dot in it can never be addressed (``split_key`` splits at the
    first two dots), so such cells are left out, and the index agrees with ``has_cell``.
    Otherwise the index is ``report.cells()`` (passed in as ``cells`` when already built).
    """
    if _addressable(report):
        return report.cells() if cells is None else cells
    out: dict[str, Value] = {}
    for table, rows in report.tables.items():
        if not rows or "." in table:
            continue
        for row, cols in rows.items():
            if "." in row:
                continue
            for column, value in cols.items():
                out[f"{table}.{row}.{column}"] = value
    return out


def table_values(report: Report, table: str) -> Iterator[Value]:
    """Every cell value of ``table``, row by row, iterated in C (no Python frame per cell)."""
    rows = report.tables.get(table) or {}
    return chain.from_iterable(map(dict.values, rows.values()))


@dataclass(frozen=True, slots=True)
class Context:
    """What a check sees: the report, the settings and, for cross-year rules, last year's report.

    Every rule of one report shares one context, so what several rules derive from the report
    (the flat cells, the squeezed prose) is computed once, in ``memo``. Rules must not change
    the report while they read it.
    """

    report: Report
    settings: Settings
    previous: Report | None = None
    #: For record rules (``Rule.record``): the supervision record, the other copies of the same
    #: agency's report for the same year, and the day the workflow is judged on.
    record: SubmissionRecord | None = None
    copies: tuple[SubmissionRecord, ...] = ()
    as_of: date | None = None
    _memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def memo(self, name: str, build: Callable[[], T]) -> T:
        """``build()``, computed once per context under ``name``."""
        try:
            return self._memo[name]  # type: ignore[no-any-return]
        except KeyError:
            value = self._memo[name] = build()
            return value

    def cells(self) -> dict[str, Value]:
        """``report.cells()``, once per context (do not modify the dict)."""
        cells = self._memo.get("cells")
        if cells is None:
            cells = self._memo["cells"] = self.report.cells()
        return cells  # type: ignore[no-any-return]

    def counts_only(self, table: str) -> bool:
        """Whether every cell of ``table`` is blank or a plain ``int`` (no ``Decimal``, no ``bool``),
        once per context and table.

        The common case by far (only section 二's amounts have decimals). It lets the arithmetic
        rules skip a type test per equation and ``arith.cells.domain`` skip the table's cells one by
        one: a C-level pass over the values instead.
        """
        memo = self._memo
        key = "counts_only." + table
        known = memo.get(key)
        if known is None:
            known = memo[key] = set(map(type, table_values(self.report, table))) <= _COUNT_TYPES
        return known  # type: ignore[no-any-return]

    def index(self) -> dict[str, Value]:
        """``cell_index(report)``, once per context (do not modify the dict)."""
        index = self._memo.get("index")
        if index is None:
            index = self._memo["index"] = cell_index(self.report, self.cells())
        return index  # type: ignore[no-any-return]

    def previous_index(self) -> dict[str, Value] | None:
        """``cell_index`` of last year's report; ``None`` when there is none."""
        last = self.previous
        return None if last is None else self.memo("previous_index", lambda: cell_index(last))

    def has_cell(self, key: str) -> bool:
        """``report.has_cell(key)``, by lookup."""
        if key in self.index():
            return True
        split_key(key)  # a malformed key raises, as Report.has_cell does
        return False

    def cell(self, key: str) -> Value:
        """``report.cell(key)``, by lookup."""
        index = self.index()
        if key in index:
            return index[key]
        split_key(key)
        return None


Check = Callable[[Context], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str  # stable, e.g. "arith.requests.balance" (contract §3)
    severity: Severity  # the default; hits may override it
    title_zh: str  # one sentence for the catalogue
    title_en: str
    check: Check
    reads: tuple[str, ...] = ()  # cell keys (with * wildcards) or report fields, for the docs
    crossyear: bool = False  # needs (last year's report, this year's report) of one agency
    also: tuple[Severity, ...] = ()  # other severities its hits may carry, for the docs
    kind: FindingKind = FindingKind.REPORT  # whose its findings are, unless a hit says otherwise
    record: bool = False  # reads a supervision record (``engine.run_records``), not a report
    unread: bool = False  # runs (alone) on a report none of whose text was read (``TEXT_UNREAD_CODES``)

    @property
    def prefix(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def severities(self) -> tuple[Severity, ...]:
        order = (Severity.ERROR, Severity.WARNING, Severity.INFO)
        present = {self.severity, *self.also}
        return tuple(s for s in order if s in present)
