"""What the audit needs to know of one report's way through a supervising office.

Supervision (``gongkai.supervise``) keeps the workflow: who must file, by when, what was
returned and corrected, which file was accepted and which is published where. The audit only
judges it, with the same declared rules, sentences and findings as for reports. So supervision
hands over one plain ``SubmissionRecord`` per copy of a report and calls
``gongkai.audit.engine.run_records``::

    from gongkai.audit import SubmissionRecord, builtin_rules, run_records
    findings = run_records(records, builtin_rules(), settings=settings, as_of=date.today())

Records of one agency and year are checked together (``publish.divergent`` compares their
cells); each finding's ``file`` is the record's ``source``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from gongkai.model.report import Report, Source, Value


@dataclass(frozen=True, slots=True)
class SubmissionRecord:
    """One copy of one agency's report for one year, as the supervising office knows it.

    Times are naive local times or aware ones, but all of one record alike. ``cells`` are
    contract cell keys → value as read; a key in ``unread`` is a cell the reader could not
    settle (null with a reading problem), which no rule compares.
    """

    agency: str
    year: int
    source: str  # where this copy is: an upload id, a URL, a platform name; names it in findings
    deadline: date | None = None  # the office's deadline for submitting (inclusive)
    submitted_at: datetime | None = None  # first submission to the office
    returned_at: datetime | None = None  # returned for correction
    returned_due: date | None = None  # the date the correction was due (inclusive)
    corrected_at: datetime | None = None  # the corrected version was submitted
    accepted_hash: str | None = None  # sha256 of the file the office accepted
    published_hash: str | None = None  # sha256 of the file published now at ``source``
    cells: Mapping[str, Value] = field(default_factory=dict)
    unread: frozenset[str] = frozenset()

    def as_report(self) -> Report:
        """A bare report naming this record, so record findings look like report findings."""
        tables: dict[str, dict[str, dict[str, Value]]] = {}
        for key, value in self.cells.items():
            table, row, column = key.split(".", 2)
            tables.setdefault(table, {}).setdefault(row, {})[column] = value
        return Report(
            source=Source(self.source, "record"),
            agency=self.agency,
            year=self.year,
            tables=dict(tables),
        )


def group_key(record: SubmissionRecord) -> tuple[str, int]:
    """Copies of one report: the same agency (whitespace ignored) and year."""
    return "".join(record.agency.split()), record.year
