"""The rule catalogue: one row per rule, for ``gongkai rules`` and docs/rules.md."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from gongkai.audit.rule import Rule

#: Rule families in the order a reader of a report meets the problems; unknown prefixes follow.
PREFIX_ORDER: tuple[str, ...] = (
    "arith",
    "template",
    "structure",
    "dates",
    "text",
    "content",
    "values",
    "crossyear",
    "filing",  # supervision records (Rule.record)
    "publish",
)


def ordered(rules: Iterable[Rule]) -> list[Rule]:
    """Rules grouped by family in ``PREFIX_ORDER``, keeping the given order inside a family."""
    rank = {p: i for i, p in enumerate(PREFIX_ORDER)}
    return sorted(rules, key=lambda r: rank.get(r.prefix, len(PREFIX_ORDER)))


@dataclass(frozen=True, slots=True)
class CatalogueRow:
    id: str
    severity: str  # the default
    severities: tuple[str, ...]  # every severity its findings can carry
    zh: str
    en: str
    reads: tuple[str, ...]
    crossyear: bool
    record: bool = False  # judges a supervision record, not a report

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "severity": self.severity,
            "severities": list(self.severities),
            "zh": self.zh,
            "en": self.en,
            "reads": list(self.reads),
            "crossyear": self.crossyear,
            "record": self.record,
        }


def catalogue(rules: Iterable[Rule]) -> list[CatalogueRow]:
    return [
        CatalogueRow(
            r.id,
            str(r.severity),
            tuple(str(s) for s in r.severities),
            r.title_zh,
            r.title_en,
            r.reads,
            r.crossyear,
            r.record,
        )
        for r in ordered(rules)
    ]
