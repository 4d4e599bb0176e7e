"""The report: what a reader produces, what the audit reads and what writers render.

The JSON form is the public contract (contract.md §1); ``to_json``/``from_json`` are its only
serialisers so that parse output, authoring files and round-trip tests cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from gongkai.model.keys import Template, split_key
from gongkai.model.provenance import Problem, Where

SCHEMA_ID = "gongkai/report@1"

Value = int | Decimal | None
Rows = dict[str, dict[str, Value]]


@dataclass(slots=True)
class Source:
    path: str
    format: str  # text | html | markdown | docx | pdf | yaml
    sha256: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "format": self.format}
        if self.sha256:
            out["sha256"] = self.sha256
        return out


@dataclass(frozen=True, slots=True)
class Period:
    start: date | None
    end: date | None

    @property
    def is_calendar_year(self) -> bool:
        return (
            self.start is not None
            and self.end is not None
            and self.start.year == self.end.year
            and (self.start.month, self.start.day) == (1, 1)
            and (self.end.month, self.end.day) == (12, 31)
        )


@dataclass(slots=True)
class Section:
    number: int | None  # the number as printed (5 for "5、"); None when printed without one
    title: str
    text: str
    numeral: str | None = None  # the numbering as printed: "五、", "5、", or None
    where: Where | None = None
    expected: int | None = None  # which of the six template sections this is (1..6)


@dataclass(frozen=True, slots=True)
class NarrativeFigure:
    """A figure stated in the narrative, e.g. 公开信息137条, with the parts listed after it."""

    subject: str  # the words before the number, e.g. "公开信息"
    value: int | Decimal
    unit: str
    section: int | None
    where: Where
    parts: tuple[tuple[str, int | Decimal], ...] = ()  # "其中工作动态133条、领导信息3条…"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "subject": self.subject,
            "value": _num_json(self.value),
            "unit": self.unit,
            "section": self.section,
            "where": self.where.to_json(),
        }
        if self.parts:
            out["parts"] = [{"subject": s, "value": _num_json(v)} for s, v in self.parts]
        return out


@dataclass(slots=True)
class Report:
    source: Source
    template: Template | None = None
    agency: str | None = None
    year: int | None = None
    period: Period | None = None
    published_on: date | None = None
    scope: str | None = None  # agency | government | summary
    sections: list[Section] = field(default_factory=list)
    tables: dict[str, Rows | None] = field(
        default_factory=lambda: {"active": None, "requests": None, "appeals": None}
    )
    problems: list[Problem] = field(default_factory=list)
    provenance: dict[str, Where] = field(default_factory=dict)  # cell key or field name → where
    narrative: list[NarrativeFigure] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # e.g. detected fingerprints, heading styles

    # -- cells -----------------------------------------------------------------------------
    def cell(self, key: str) -> Value:
        """The value of a dotted cell key; ``None`` when the table, row or cell is absent."""
        table, row, column = split_key(key)
        rows = self.tables.get(table)
        if not rows:
            return None
        return rows.get(row, {}).get(column)

    def has_cell(self, key: str) -> bool:
        table, row, column = split_key(key)
        rows = self.tables.get(table)
        cols = rows.get(row) if rows else None
        return cols is not None and column in cols

    def set_cell(self, key: str, value: Value, where: Where | None = None) -> None:
        table, row, column = split_key(key)
        rows = self.tables.get(table)
        if rows is None:
            rows = self.tables[table] = {}
        rows.setdefault(row, {})[column] = value
        if where is not None:
            self.provenance[key] = where

    def cells(self) -> dict[str, Value]:
        """All cells as a flat ``{key: value}`` mapping, in table order."""
        out: dict[str, Value] = {}
        for table, rows in self.tables.items():
            for row, cols in (rows or {}).items():
                prefix = f"{table}.{row}."  # once per row: the audit builds this for every report
                for column, value in cols.items():
                    out[prefix + column] = value
        return out

    def section(self, number: int) -> Section | None:
        """The section standing for template section ``number`` (1..6), if found."""
        for s in self.sections:
            if s.expected == number:
                return s
        return None

    def add_problem(self, code: str, where: str | None, message: str, message_en: str = "", **detail: Any) -> None:
        self.problems.append(Problem(code, where, message, message_en, dict(detail)))

    # -- JSON ------------------------------------------------------------------------------
    def to_json(self, *, provenance: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "schema": SCHEMA_ID,
            "source": self.source.to_json(),
            "template": str(self.template) if self.template else None,
            "agency": {"name": self.agency},
            "year": self.year,
            "period": (
                {"start": _date_json(self.period.start), "end": _date_json(self.period.end)}
                if self.period
                else None
            ),
            "published_on": _date_json(self.published_on),
            "scope": self.scope,
            "sections": [
                {"number": s.number, "title": s.title, "text": s.text}
                | ({"expected": s.expected} if s.expected is not None else {})
                | ({"numeral": s.numeral} if s.numeral else {})
                for s in self.sections
            ],
            "tables": {
                name: (
                    {row: {col: _num_json(v) for col, v in cols.items()} for row, cols in rows.items()}
                    if rows is not None
                    else None
                )
                for name, rows in self.tables.items()
            },
            "problems": [p.to_json() for p in self.problems],
            "narrative": [n.to_json() for n in self.narrative],
        }
        if provenance:
            out["provenance"] = {k: w.to_json() for k, w in self.provenance.items()}
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Report:
        """Rebuild a report from its contract JSON (provenance and narrative are not restored)."""
        src = data.get("source") or {}
        period = data.get("period")
        tables: dict[str, Rows | None] = {"active": None, "requests": None, "appeals": None}
        for name, rows in (data.get("tables") or {}).items():
            tables[name] = (
                {row: {col: _num_from_json(v) for col, v in cols.items()} for row, cols in rows.items()}
                if rows is not None
                else None
            )
        agency = data.get("agency")
        return cls(
            source=Source(src.get("path", ""), src.get("format", "yaml"), src.get("sha256")),
            template=Template(data["template"]) if data.get("template") else None,
            agency=agency.get("name") if isinstance(agency, dict) else agency,
            year=data.get("year"),
            period=(
                Period(_date_from_json(period.get("start")), _date_from_json(period.get("end")))
                if period
                else None
            ),
            published_on=_date_from_json(data.get("published_on")),
            scope=data.get("scope"),
            sections=[
                Section(s.get("number"), s.get("title", ""), s.get("text", ""), expected=s.get("expected"))
                for s in data.get("sections") or []
            ],
            tables=tables,
            problems=[
                Problem(p["code"], p.get("where"), p.get("message", ""), p.get("message_en", ""), p.get("detail") or {})
                for p in data.get("problems") or []
            ],
        )


def _date_json(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _date_from_json(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def _num_json(v: Value) -> int | float | None:
    if v is None or isinstance(v, int):
        return v
    exponent = v.as_tuple().exponent  # "n", "N" or "F" for NaN and infinity
    if isinstance(exponent, int) and exponent >= 0 and v == v.to_integral_value():
        return int(v)
    return float(v)


def _num_from_json(v: Any) -> Value:
    if v is None or isinstance(v, int):
        return v
    if isinstance(v, float):
        return Decimal(repr(v))
    if isinstance(v, str):
        return Decimal(v)
    raise TypeError(f"cell value {v!r} is not a number")
