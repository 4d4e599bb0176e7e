"""Realistic synthetic reports as ``gongkai.model.report.Report`` objects.

Numbers are generated so that the template's arithmetic holds (every column balances, row
totals add up, appeal totals add up); with ``balanced=False`` one or two deliberate defects are
planted and listed in ``report.meta["synth"]["defects"]``. Everything a renderer needs beyond
the model (title style, preamble with the period sentence, paragraphs) sits in
``report.meta["synth"]`` so that every layout prints the same report.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from gongkai.model import keys
from gongkai.model.keys import Template
from gongkai.model.report import Period, Report, Section, Source
from gongkai.model.template import SECTIONS, TEMPLATES, template_in_force

from . import names, text

#: How often each outcome row is used, roughly as in published reports (weights, not shares).
OUTCOME_WEIGHTS: dict[str, float] = {
    "granted": 30, "partial": 10, "withheld_secret": 0.5, "withheld_law": 1, "withheld_safety": 0.5,
    "withheld_third_party": 2, "withheld_internal": 1.5, "withheld_process": 2, "withheld_enforcement": 1,
    "withheld_query": 3, "unavailable_not_held": 25, "unavailable_needs_creation": 3, "unavailable_unclear": 1.5,
    "not_handled_petition": 3, "not_handled_repeat": 2, "not_handled_publication": 0.5,
    "not_handled_excessive": 0.5, "not_handled_confirmation": 0.5, "other_no_correction": 3,
    "other_no_fee": 0.7, "other_misc": 4, "other": 8,
}
#: Typical upper bound of requests from natural persons, by agency scale (1 township … 4 city).
VOLUME = {1: 8, 2: 60, 3: 300, 4: 3500}
DEFECTS: tuple[str, ...] = ("row_total", "balance", "outcome_total", "appeals_total", "text_sum")


def make_report(
    rng: random.Random,
    *,
    template: Template | None = None,
    year: int | None = None,
    balanced: bool = True,
    kind: str | None = None,
) -> Report:
    """One complete report. The same ``rng`` state always gives the same report."""
    year = year if year is not None else rng.randint(2019, 2025)
    template = template or template_in_force(year)
    spec = TEMPLATES[template]
    agency = names.agency(rng, kind)
    report = Report(Source("synthetic", "text"), template=template, agency=agency.name, year=year,
                    period=Period(date(year, 1, 1), date(year, 12, 31)))
    report.published_on = _published_on(rng, year, agency)
    report.tables = {"active": _active(rng, spec.active_blocks, agency.scale),
                     "requests": _requests(rng, spec.request_rows, agency.scale),
                     "appeals": _appeals(rng, agency.scale)}
    defects = [] if balanced else rng.sample(DEFECTS, rng.randint(1, 2))
    _plant(rng, report, defects)
    synth = text.narrative(rng, report, agency, "text_sum" in defects)
    synth["agency"] = agency
    synth["defects"] = defects
    report.meta["synth"] = synth
    report.sections = [
        Section(s.number, s.title, "\n".join(p for p, _ in synth["paragraphs"][s.number]),
                numeral=f"{keys_numeral(s.number)}、", expected=s.number)
        for s in SECTIONS
    ]
    return report


def keys_numeral(n: int) -> str:
    return "一二三四五六"[n - 1]


def _published_on(rng: random.Random, year: int, agency: names.Agency) -> date:
    last = date(year + 1, 3, 31) if agency.kind in ("county_government", "city_government") else date(year + 1, 1, 31)
    first = date(year + 1, 1, 5)
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _amount(rng: random.Random, top: float) -> Decimal:
    value = rng.uniform(0, top)
    places = rng.choice((0, 1, 2, 2, 4, 6))
    out = Decimal(f"{value:.{places}f}")
    return out.normalize() if out != out.to_integral_value() else Decimal(int(out))


def _count(rng: random.Random, top: int, zero: float = 0.2) -> int:
    """A count up to ``top``, zero with probability ``zero``, skewed towards small values."""
    if top <= 0 or rng.random() < zero:
        return 0
    return max(1, int(top * rng.random() ** 2.5))


def _active(rng: random.Random, blocks: Any, scale: int) -> dict[str, dict[str, Any]]:
    tops = {"rules": [0, 0, 2, 4][scale - 1], "normative_documents": [2, 10, 30, 120][scale - 1],
            "licensing": [40, 6000, 30000, 500000][scale - 1], "punishment": [20, 2500, 40000, 4000000][scale - 1],
            "coercion": [5, 300, 3000, 90000][scale - 1], "other_services": [30, 800, 3000, 20000][scale - 1],
            "fees": [0, 800, 5000, 100000][scale - 1], "procurement": [5, 40, 150, 400][scale - 1]}
    out: dict[str, dict[str, Any]] = {}
    for block in blocks:
        for row in block.rows:
            top = tops[row.key]
            cells: dict[str, Any] = {}
            for column in block.columns:
                if column.key in ("issued", "made", "published"):
                    cells[column.key] = _count(rng, max(top, 1) if row.key == "normative_documents" else top)
                elif column.key == "repealed":
                    cells[column.key] = _count(rng, top, zero=0.5)
                elif column.key in ("in_force", "total"):
                    cells[column.key] = _count(rng, top * 10, zero=0.1) + cells.get("issued", cells.get("made", 0))
                elif column.key == "amount" and row.key == "fees":
                    cells[column.key] = _amount(rng, top) if top and rng.random() < 0.7 else Decimal(0)
                elif column.key == "amount":  # 2019 procurement, printed in 元 or 万元
                    cells[column.key] = _amount(rng, rng.choice((300.0, 900000.0)))
                elif column.key == "previous":
                    cells[column.key] = _count(rng, 60 if row.key == "fees" else top // 10 + 5, zero=0.25)
                elif column.key == "change":
                    prev = cells.get("previous", 0)
                    cells[column.key] = rng.randint(-prev, max(3, prev // 2)) if rng.random() < 0.7 else 0
                else:  # decisions, items
                    cells[column.key] = _count(rng, top)
            out[row.key] = cells
    return out


def _requests(rng: random.Random, rows: tuple[str, ...], scale: int) -> dict[str, dict[str, Any]]:
    outcomes = [r for r in rows if r not in ("received", "carried_over", "total", "carried_forward")]
    weights = [OUTCOME_WEIGHTS[r] for r in outcomes]
    natural = _count(rng, VOLUME[scale], zero=0.1)
    volumes = {
        "natural_person": natural,
        "enterprise": _count(rng, max(1, natural // 8), zero=0.4),
        "research": _count(rng, max(1, natural // 150), zero=0.85),
        "social_org": _count(rng, max(1, natural // 150), zero=0.85),
        "legal_service": _count(rng, max(1, natural // 20), zero=0.7),
        "other_org": _count(rng, max(1, natural // 40), zero=0.7),
    }
    table: dict[str, dict[str, Any]] = {r: {} for r in rows}
    for column, volume in volumes.items():
        counts = Counter(rng.choices(outcomes, weights, k=volume))
        for row in outcomes:
            table[row][column] = counts.get(row, 0)
        handled = volume
        forward = rng.randint(0, max(0, volume // 8)) if rng.random() < 0.5 else 0
        over = rng.randint(0, handled + forward) if rng.random() < 0.4 else 0
        over = min(over, max(0, volume // 6))
        table["total"][column] = handled
        table["carried_forward"][column] = forward
        table["carried_over"][column] = over
        table["received"][column] = handled + forward - over
    for row in rows:
        table[row]["total"] = sum(table[row][c] for c in keys.APPLICANT_COLUMNS)
    return {r: {c: table[r][c] for c in keys.REQUEST_COLUMNS} for r in rows}


def _appeals(rng: random.Random, scale: int) -> dict[str, dict[str, Any]]:
    top = {1: 1, 2: 4, 3: 30, 4: 350}[scale]
    out: dict[str, dict[str, Any]] = {}
    for group in keys.APPEAL_GROUPS:
        n = _count(rng, top if group == "review" else max(1, top // 5), zero=0.5)
        counts = Counter(rng.choices(("upheld", "corrected", "other", "pending"), (50, 15, 25, 10), k=n))
        cells = {c: counts.get(c, 0) for c in ("upheld", "corrected", "other", "pending")}
        cells["total"] = sum(cells.values())
        out[group] = cells
    return out


def _plant(rng: random.Random, report: Report, defects: list[str]) -> None:
    """Break the arithmetic on purpose, one way per defect (values stay non-negative)."""
    requests = report.tables["requests"]
    appeals = report.tables["appeals"]
    assert requests is not None and appeals is not None
    delta = rng.randint(1, 3)
    if "row_total" in defects:
        row = rng.choice(list(requests))
        requests[row]["total"] = requests[row]["total"] + delta  # type: ignore[operator]
    if "balance" in defects:  # received moves with its row total: only the column balance breaks
        column = rng.choice(keys.APPLICANT_COLUMNS)
        requests["received"][column] = requests["received"][column] + delta  # type: ignore[operator]
        requests["received"]["total"] = requests["received"]["total"] + delta  # type: ignore[operator]
    if "outcome_total" in defects:
        column = rng.choice(keys.APPLICANT_COLUMNS)
        other = delta + 1  # differs from the balance defect's delta, so the two never cancel out
        requests["total"][column] = requests["total"][column] + other  # type: ignore[operator]
        requests["total"]["total"] = requests["total"]["total"] + other  # type: ignore[operator]
    if "appeals_total" in defects:
        group = rng.choice(keys.APPEAL_GROUPS)
        appeals[group]["total"] = appeals[group]["total"] + delta  # type: ignore[operator]


def report_for_seed(seed: int, **kwargs: Any) -> Report:
    """Convenience for the benchmark and for reproducing a failing example."""
    return make_report(random.Random(seed), **kwargs)
