"""What a rule is: one declarative row (id, severity, sentences, cells read, check).

A rule never builds ``Finding`` objects itself: it yields ``Hit``s (where + message) and the
engine adds the rule id, the file and the default severity, so that every finding of one rule
looks the same and a broken rule cannot forge another rule's id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from gongkai.model.findings import Severity
from gongkai.model.report import Report
from gongkai.settings import Settings


@dataclass(frozen=True, slots=True)
class Hit:
    """One thing a rule found. ``severity`` overrides the rule's default (e.g. warning vs error)."""

    where: str | None
    message: str
    message_en: str
    severity: Severity | None = None


@dataclass(frozen=True, slots=True)
class Context:
    """What a check sees: the report, the settings and, for cross-year rules, last year's report."""

    report: Report
    settings: Settings
    previous: Report | None = None


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

    @property
    def prefix(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def severities(self) -> tuple[Severity, ...]:
        order = (Severity.ERROR, Severity.WARNING, Severity.INFO)
        present = {self.severity, *self.also}
        return tuple(s for s in order if s in present)
