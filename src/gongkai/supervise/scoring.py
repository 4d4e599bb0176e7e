"""Scoring (考评): a scheme of items, each with its points and the finding, state or copying it reads.

Offices score each agency's annual report in their yearly 政务公开 考评, and every office words its
table a little differently — so the scheme is data (``scoring_default.yaml``, shipped and
documented; a supervisor edits a copy), not ``if`` chains. ``score`` applies a scheme to the facts
about one agency and returns the score with each item that cost points and why.

Only the agency's own faults count: findings of kind "reading" (the reader could not settle
something) never cost points, and the caller passes only findings not dismissed in review.

Interface (stable; the web stage uses it):

    scheme = load_scheme(None)            # the default; or a path; scheme_from_data(dict) for a form
    score(scheme, AgencyFacts(agency, states={"late"}, findings=(...), copied=(("previous_year", 0.7),)))
    -> Score(agency, full_marks, score, deductions=[Deduction(item, label, points, count, detail)])
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from gongkai.errors import ConfigError
from gongkai.model.findings import Finding, FindingKind, Severity

STATES = ("missing", "late", "published_late", "returned_overdue")
COPIED_KINDS = ("same_year", "previous_year")


class SchemeError(ConfigError):
    """A scoring scheme that cannot be used; the message names the file and the item."""


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    label: str
    points: float
    per: str = "once"  # "once" | "each"
    max: float | None = None
    state: str | None = None
    rules: tuple[str, ...] = ()
    severities: tuple[Severity, ...] = (Severity.ERROR,)
    copied: str | None = None
    over: float = 0.5

    def to_data(self) -> dict[str, Any]:
        reads: dict[str, Any]
        if self.state:
            reads = {"state": self.state}
        elif self.copied:
            reads = {"copied": self.copied, "over": self.over}
        else:
            reads = {"rules": list(self.rules), "severities": [str(s) for s in self.severities]}
        out: dict[str, Any] = {"id": self.id, "label": self.label, "points": self.points, "per": self.per}
        if self.max is not None:
            out["max"] = self.max
        return out | {"reads": reads}


@dataclass(frozen=True, slots=True)
class Scheme:
    name: str
    full_marks: float
    items: tuple[Item, ...]

    def to_data(self) -> dict[str, Any]:
        return {"name": self.name, "full_marks": self.full_marks, "items": [i.to_data() for i in self.items]}


@dataclass(frozen=True, slots=True)
class AgencyFacts:
    agency: str
    states: frozenset[str] = frozenset()
    findings: tuple[Finding, ...] = ()
    copied: tuple[tuple[str, float], ...] = ()  # (kind, similarity)


@dataclass(frozen=True, slots=True)
class Deduction:
    item: str
    label: str
    points: float
    count: int  # findings or copies that triggered it (1 for a state)
    detail: str  # e.g. the rule ids, or "雷同 72%"


@dataclass(frozen=True, slots=True)
class Score:
    agency: str
    full_marks: float
    score: float
    deductions: tuple[Deduction, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {"agency": self.agency, "full_marks": self.full_marks, "score": self.score,
                "deductions": [{"item": d.item, "label": d.label, "points": d.points, "count": d.count,
                                "detail": d.detail} for d in self.deductions]}


def score(scheme: Scheme, facts: AgencyFacts) -> Score:
    """The agency's score: full marks less each item's deduction (never below zero)."""
    deductions: list[Deduction] = []
    for item in scheme.items:
        count, detail = _hits(item, facts)
        if not count:
            continue
        points = item.points * (count if item.per == "each" else 1)
        if item.max is not None:
            points = min(points, item.max)
        deductions.append(Deduction(item.id, item.label, round(points, 2), count, detail))
    total = round(max(0.0, scheme.full_marks - sum(d.points for d in deductions)), 2)
    return Score(facts.agency, scheme.full_marks, total, tuple(deductions))


def _hits(item: Item, facts: AgencyFacts) -> tuple[int, str]:
    if item.state is not None:
        return (1, "") if item.state in facts.states else (0, "")
    if item.copied is not None:
        figures = [s for kind, s in facts.copied if kind == item.copied and s > item.over]
        return len(figures), (f"雷同 {max(figures):.0%}" if figures else "")
    matched = [f for f in facts.findings
               if f.kind is FindingKind.REPORT and f.severity in item.severities
               and any(fnmatch.fnmatchcase(f.rule, pattern) for pattern in item.rules)]
    return len(matched), "、".join(sorted({f.rule for f in matched}))


# -- loading ------------------------------------------------------------------------------------

def load_scheme(path: str | Path | None = None) -> Scheme:
    """The scheme in a YAML or JSON file; the shipped default when ``path`` is None."""
    if path is None:
        text = (resources.files("gongkai.supervise") / "scoring_default.yaml").read_text("utf-8")
        return scheme_from_data(yaml.safe_load(text), source="scoring_default.yaml")
    p = Path(path)
    try:
        text = p.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemeError("无法读取评分方案文件", path=str(path), message_en=f"cannot read scheme: {exc}") from exc
    try:
        data = json.loads(text) if p.suffix.lower() == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:
        raise SchemeError(f"评分方案不是有效的 {'JSON' if p.suffix.lower() == '.json' else 'YAML'} 文件",
                          path=str(path), message_en=f"invalid scheme file: {exc}") from exc
    return scheme_from_data(data, source=str(path))


def scheme_from_data(data: object, *, source: str | None = None) -> Scheme:
    """Validate a scheme given as data (from a file or a web form); errors name the item."""
    if not isinstance(data, Mapping):
        raise SchemeError("评分方案应为一个包含 name、full_marks、items 的对象", path=source)
    items_data = data.get("items")
    if not isinstance(items_data, list) or not items_data:
        raise SchemeError("评分方案没有任何评分项（items）", path=source)
    full = _number(data.get("full_marks", 100), "full_marks", source)
    items = tuple(_item(raw, n, source) for n, raw in enumerate(items_data, start=1))
    ids = [i.id for i in items]
    dup = next((i for i in ids if ids.count(i) > 1), None)
    if dup:
        raise SchemeError(f"评分项编号“{dup}”重复", path=source)
    return Scheme(str(data.get("name") or "评分方案"), full, items)


def _item(raw: object, n: int, source: str | None) -> Item:
    where = f"第 {n} 个评分项"
    if not isinstance(raw, Mapping):
        raise SchemeError(f"{where}应为一个对象", path=source)
    item_id = str(raw.get("id") or "").strip()
    label = str(raw.get("label") or "").strip()
    if not item_id or not label:
        raise SchemeError(f"{where}缺少 id 或 label", path=source)
    where = f"评分项“{item_id}”"
    points = _number(raw.get("points"), f"{where}的 points", source)
    per = str(raw.get("per", "once"))
    if per not in ("once", "each"):
        raise SchemeError(f"{where}的 per 应为 once 或 each", path=source)
    cap = raw.get("max")
    reads = raw.get("reads")
    if not isinstance(reads, Mapping) or sum(k in reads for k in ("state", "rules", "copied")) != 1:
        raise SchemeError(f"{where}的 reads 应且只应包含 state、rules、copied 之一", path=source)
    common: dict[str, Any] = {"id": item_id, "label": label, "points": points, "per": per,
                              "max": None if cap is None else _number(cap, f"{where}的 max", source)}
    if "state" in reads:
        if reads["state"] not in STATES:
            raise SchemeError(f"{where}的状态“{reads['state']}”无效（应为 {'、'.join(STATES)}）", path=source)
        return Item(**common, state=str(reads["state"]))
    if "copied" in reads:
        if reads["copied"] not in COPIED_KINDS:
            raise SchemeError(f"{where}的 copied 应为 same_year 或 previous_year", path=source)
        over = _number(reads.get("over", 0.5), f"{where}的 over", source)
        if not 0 <= over <= 1:
            raise SchemeError(f"{where}的 over 应在 0 到 1 之间", path=source)
        return Item(**common, copied=str(reads["copied"]), over=over)
    rules = reads["rules"]
    if isinstance(rules, str):
        rules = [rules]
    if not isinstance(rules, list) or not rules or not all(isinstance(r, str) and r for r in rules):
        raise SchemeError(f"{where}的 rules 应为规则编号列表", path=source)
    try:
        severities = tuple(Severity(s) for s in _strings(reads.get("severities", ["error"])))
    except ValueError as exc:
        raise SchemeError(f"{where}的 severities 只能是 error、warning、info", path=source) from exc
    return Item(**common, rules=tuple(rules), severities=severities)


def _strings(value: object) -> Iterable[str]:
    return [value] if isinstance(value, str) else [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _number(value: object, what: str, source: str | None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise SchemeError(f"{what}应为不小于 0 的数", path=source)
    return float(value)
