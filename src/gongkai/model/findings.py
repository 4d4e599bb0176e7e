"""Audit findings (contract §3)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    where: str | None
    message: str
    message_en: str
    file: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": str(self.severity),
            "where": self.where,
            "message": self.message,
            "message_en": self.message_en,
        }
        if self.file is not None:
            out["file"] = self.file
        return out
