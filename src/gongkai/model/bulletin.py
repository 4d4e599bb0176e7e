"""The 通报 a region's office issues on its agencies' annual reports, as pure data.

``gongkai.supervise.bulletin`` drafts it from a review; the supervisor edits any paragraph
(every paragraph is plain text in a list, so a web form can show it as a textarea and store the
result with ``to_json``); writers render it (``writers/bulletin_docx.py``, ``bulletin_xlsx.py``).
The status board and region totals travel with it so that the DOCX's annex and the xlsx agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

SCHEMA_ID = "gongkai/bulletin@1"


@dataclass(slots=True)
class BulletinSection:
    heading: str  # "一、总体情况" (numbering included, as printed)
    paragraphs: list[str] = field(default_factory=list)
    subsections: list[BulletinSection] = field(default_factory=list)  # "（一）某某局" and its paragraphs

    def to_json(self) -> dict[str, Any]:
        return {"heading": self.heading, "paragraphs": list(self.paragraphs),
                "subsections": [s.to_json() for s in self.subsections]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BulletinSection:
        return cls(str(data.get("heading", "")), [str(p) for p in data.get("paragraphs") or []],
                   [cls.from_json(s) for s in data.get("subsections") or []])


@dataclass(frozen=True, slots=True)
class StatusRow:
    """One agency on the status board."""

    agency: str
    kind: str  # 政府 / 部门 / 乡镇街道 / 其他
    status: str  # as shown: 未提交 / 已提交 / 逾期 / 退回修改 / 已通过 / 已发布
    due: date | None = None
    published_on: date | None = None
    on_time: bool | None = None  # None: not submitted or no date to judge by
    template: str | None = None
    errors: int = 0
    warnings: int = 0
    reading: int = 0
    score: float | None = None
    deductions: str = ""  # "逾期报送（-2）；数据不准确（-1.5）"
    files: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"agency": self.agency, "kind": self.kind, "status": self.status, "due": _d(self.due),
                "published_on": _d(self.published_on), "on_time": self.on_time, "template": self.template,
                "errors": self.errors, "warnings": self.warnings, "reading": self.reading, "score": self.score,
                "deductions": self.deductions, "files": list(self.files)}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> StatusRow:
        return cls(d["agency"], d.get("kind", ""), d.get("status", ""), _date(d.get("due")),
                   _date(d.get("published_on")), d.get("on_time"), d.get("template"), int(d.get("errors", 0)),
                   int(d.get("warnings", 0)), int(d.get("reading", 0)), d.get("score"), d.get("deductions", ""),
                   tuple(d.get("files") or ()))


@dataclass(frozen=True, slots=True)
class TotalRow:
    """One cell of the region totals, with its label as the template prints it."""

    key: str
    section: str  # "二" / "三" / "四"
    label: str  # e.g. "本年新收政府信息公开申请数量 · 总计"
    value: int | Decimal | None
    lacking: tuple[str, ...] = ()  # agencies not in the sum

    @property
    def complete(self) -> bool:
        return not self.lacking

    def to_json(self) -> dict[str, Any]:
        value = self.value if self.value is None or isinstance(self.value, int) else str(self.value)
        return {"key": self.key, "section": self.section, "label": self.label, "value": value,
                "lacking": list(self.lacking)}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> TotalRow:
        v = d.get("value")
        return cls(d["key"], d.get("section", ""), d.get("label", ""), Decimal(v) if isinstance(v, str) else v,
                   tuple(d.get("lacking") or ()))


@dataclass(slots=True)
class Bulletin:
    title: str  # "关于2023年度政府信息公开工作年度报告检查情况的通报"
    year: int
    issuer: str  # 落款 (the office issuing it)
    issued_on: date
    salutation: str = ""  # 主送: "各县（市、区）人民政府办公室，市直各部门："
    number: str | None = None  # 文号: "忻政公开办〔2024〕3号"
    sections: list[BulletinSection] = field(default_factory=list)
    board: list[StatusRow] = field(default_factory=list)
    totals: list[TotalRow] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"schema": SCHEMA_ID, "title": self.title, "year": self.year, "issuer": self.issuer,
                "issued_on": self.issued_on.isoformat(), "salutation": self.salutation, "number": self.number,
                "sections": [s.to_json() for s in self.sections], "board": [r.to_json() for r in self.board],
                "totals": [t.to_json() for t in self.totals]}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Bulletin:
        return cls(d["title"], int(d["year"]), d.get("issuer", ""), date.fromisoformat(d["issued_on"]),
                   d.get("salutation", ""), d.get("number"),
                   [BulletinSection.from_json(s) for s in d.get("sections") or []],
                   [StatusRow.from_json(r) for r in d.get("board") or []],
                   [TotalRow.from_json(t) for t in d.get("totals") or []])


def _d(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None
