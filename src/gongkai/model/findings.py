"""Audit findings (contract §3)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class FindingKind(StrEnum):
    """Whose the finding is.

    ``report``: the agency's report as printed (arithmetic that fails, a blank cell, a wrong
    citation). ``reading``: something the reader could not settle (glued digits, lost labels, OCR):
    the user must look at the original, and the agency is not to blame. Reading findings never count
    as the agency's errors and never set the exit status.
    """

    REPORT = "report"
    READING = "reading"


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    where: str | None
    message: str
    message_en: str
    file: str | None = None
    kind: FindingKind = FindingKind.REPORT

    @property
    def is_report_error(self) -> bool:
        """An error of the agency's report: what exit statuses, counts and gates go by."""
        return self.severity is Severity.ERROR and self.kind is FindingKind.REPORT

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": str(self.severity),
            "kind": str(self.kind),
            "where": self.where,
            "message": self.message,
            "message_en": self.message_en,
        }
        if self.file is not None:
            out["file"] = self.file
        return out
