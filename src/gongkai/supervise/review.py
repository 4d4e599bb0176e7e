"""One review of a region's year: read every file, audit, match to agencies, aggregate, find copies.

The command line (`gongkai supervise review`) and the web pages use this same engine, so a
supervisor sees the same verdict in both. Nothing here touches a database: the input is a
``Collection`` (or paths) and a ``Registry``, the output a ``ReviewResult`` of plain data.

Rules the result keeps:
- a report of another year, of an agency outside the registry, or matched only by a fuzzy
  candidate is *unmatched* with its reason, never counted (earlier years of a registry agency
  still serve as "last year" for copy detection and the cross-year audit);
- an agency with several files for the year is judged on the latest (by the date under its
  signature, then by order given); the others are listed;
- status: ``missing`` (no report), ``late`` (published after its deadline: the registry's own, else
  the kind's as configured for the ``dates.published`` rule, 条例第四十九条 by default), else
  ``submitted``;
- the region's own report, when it says it is a summary (汇总), is compared with the totals,
  not added to them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from gongkai import api
from gongkai.errors import InputError
from gongkai.model.findings import Finding, FindingKind, Severity
from gongkai.model.report import Report
from gongkai.settings import Settings, get_settings
from gongkai.supervise.aggregate import (
    Difference,
    Outlier,
    RegionTotals,
    compare_with_summary,
    jumps,
    region_totals,
    zero_columns,
)
from gongkai.supervise.collect import Collected, Collection, collect_paths
from gongkai.supervise.copied import THRESHOLD, Copied, CopyItem, find_copied, report_text
from gongkai.supervise.match import Match, Matcher, MatchStatus
from gongkai.supervise.registry import AgencyKind, Registry, RegistryAgency, deadlines_from
from gongkai.supervise.scoring import AgencyFacts, Scheme, Score, load_scheme, score

Progress = Callable[[int, int, str], None]  # (done, total, file name)


@dataclass(slots=True)
class FileReview:
    name: str
    item: Collected
    report: Report | None = None
    error: str | None = None  # why it could not be read at all
    match: Match | None = None
    findings: list[Finding] = field(default_factory=list)


@dataclass(slots=True)
class AgencyReview:
    agency: RegistryAgency
    due: date
    status: str  # "missing" | "submitted" | "late"
    files: list[FileReview] = field(default_factory=list)
    chosen: FileReview | None = None
    score: Score | None = None

    @property
    def report(self) -> Report | None:
        return self.chosen.report if self.chosen else None

    @property
    def findings(self) -> list[Finding]:
        return self.chosen.findings if self.chosen else []

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.is_report_error)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.kind is FindingKind.REPORT and f.severity is Severity.WARNING)

    @property
    def reading(self) -> int:
        return sum(1 for f in self.findings if f.kind is FindingKind.READING)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.agency.name, "kind": str(self.agency.kind), "status": self.status,
                "files": [f.name for f in self.files], "errors": self.errors, "warnings": self.warnings,
                "reading": self.reading}


@dataclass(frozen=True, slots=True)
class Unmatched:
    file: str
    agency: str | None  # as printed
    year: int | None
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "agency": self.agency, "year": self.year, "reason": self.reason}


@dataclass(slots=True)
class ReviewResult:
    year: int
    registry: Registry
    agencies: list[AgencyReview]
    unmatched: list[Unmatched]
    totals: RegionTotals
    copied: list[Copied]
    collection: Collection
    files: list[FileReview]
    summary: AgencyReview | None = None  # the region's own summary report, compared not summed
    summary_differences: list[Difference] = field(default_factory=list)
    outliers: list[Outlier] = field(default_factory=list)  # needs earlier years' reports among the inputs

    @property
    def unreadable(self) -> list[FileReview]:
        return [f for f in self.files if f.error is not None]

    def count(self, status: str) -> int:
        return sum(1 for a in self.agencies if a.status == status)

    def in_error(self, as_of: date) -> list[AgencyReview]:
        """Agencies with an error-severity finding as of a day: what exit status 1 means (contract §3).

        A report's own errors (never reading problems) count; so do ``late`` and ``missing`` once the
        deadline has passed, which is the error-severity rule ``filing.late`` ("晚于期限报送，或期限已过
        仍未报送"). An agency still inside its deadline is not in error for having no report yet.
        """
        return [a for a in self.agencies
                if a.errors or a.status == "late" or (a.status == "missing" and a.due < as_of)]

    def to_json(self) -> dict[str, Any]:
        """The CLI's JSON (issue 10): year, agencies, unmatched, totals, copied."""
        return {"year": self.year, "agencies": [a.to_json() for a in self.agencies],
                "unmatched": [u.to_json() for u in self.unmatched], "totals": self.totals.to_json(),
                "copied": [c.to_json() for c in self.copied]}


def review_paths(paths: Iterable[str | Path], registry: Registry, year: int, **options: Any) -> ReviewResult:
    """``review`` over files, folders and zips given by path."""
    return review(collect_paths(paths, by=options.pop("by", None)), registry, year, **options)


def review(collection: Collection, registry: Registry, year: int, *, settings: Settings | None = None,
           scheme: Scheme | None = None, threshold: float = THRESHOLD,
           progress: Progress | None = None) -> ReviewResult:
    """Review one year of a region; see the module docstring for what the result promises."""
    settings = settings or get_settings()
    files = _read(collection, settings, progress)
    readable = [f for f in files if f.report is not None]
    findings = api.check([f.report for f in readable if f.report is not None], settings=settings) if readable else []
    by_file: dict[str, list[Finding]] = {}
    for finding in findings:
        by_file.setdefault(finding.file or "", []).append(finding)
    for f in readable:
        assert f.report is not None
        f.findings = by_file.get(f.report.source.path, [])

    matcher = Matcher(registry)
    unmatched: list[Unmatched] = []
    per_agency: dict[str, list[FileReview]] = {a.name: [] for a in registry}
    earlier: list[CopyItem] = []
    by_year: dict[int, dict[str, Report | None]] = {}
    for f in files:
        if f.report is None:
            unmatched.append(Unmatched(f.name, None, None, f"无法读取：{f.error}"))
            continue
        report = f.report
        url = f.item.url
        f.match = matcher.match(name=report.agency, year=report.year, expected_year=year, url=url, filename=f.name)
        if f.match.status is MatchStatus.MATCHED and f.match.agency is not None:
            per_agency[f.match.agency].append(f)
            continue
        unmatched.append(Unmatched(f.name, report.agency, report.year, f.match.reason or "未能确定所属机关"))
        if report.year is not None and report.year < year:
            own = matcher.match(name=report.agency, year=report.year, expected_year=report.year, url=url)
            if own.matched and own.agency is not None:
                earlier.append(CopyItem(own.agency, report.year, f.name, report_text(report)))
                by_year.setdefault(report.year, {})[own.agency] = report

    deadlines = deadlines_from(settings)
    agencies = [_agency(a, per_agency[a.name], a.due(year, deadlines)) for a in registry]
    summary = next((a for a in agencies if a.agency.kind is AgencyKind.GOVERNMENT and a.agency.parent is None
                    and a.report is not None and a.report.scope == "summary"), None)
    counted = {a.agency.name: a.report for a in agencies if a is not summary}
    totals = region_totals(counted, year)
    differences = compare_with_summary(totals, summary.report) if summary and summary.report else []
    current = [CopyItem(a.agency.name, year, a.chosen.name, report_text(a.report))
               for a in agencies if a.chosen is not None and a.report is not None]
    copied = find_copied(current, previous=earlier, threshold=threshold)
    _score(agencies, copied, scheme or load_scheme())
    by_year[year] = {a.agency.name: a.report for a in agencies if a.report is not None}
    return ReviewResult(year, registry, agencies, unmatched, totals, copied, collection, files, summary, differences,
                        _outliers(by_year))


def _outliers(by_year: dict[int, dict[str, Report | None]]) -> list[Outlier]:
    """Tenfold jumps between consecutive years, and columns zero for three years, per agency."""
    if len(by_year) < 2:
        return []
    out = jumps(by_year)
    agencies = sorted({a for reports in by_year.values() for a in reports})
    for agency in agencies:
        cells = {y: r.cells() for y, reports in by_year.items() if (r := reports.get(agency)) is not None}
        out += zero_columns(cells, agency=agency)
    return out


def _read(collection: Collection, settings: Settings, progress: Progress | None) -> list[FileReview]:
    out: list[FileReview] = []
    total = len(collection.items)
    for done, item in enumerate(collection.items, start=1):
        review = FileReview(item.name, item)
        try:
            review.report = api.read(item.reader_name, data=item.data, settings=settings)
            review.report.source.path = item.name
        except InputError as exc:
            review.error = exc.message
        out.append(review)
        if progress is not None:
            progress(done, total, item.name)
    return out


def _agency(agency: RegistryAgency, files: Sequence[FileReview], due: date) -> AgencyReview:
    if not files:
        return AgencyReview(agency, due, "missing")
    # The latest version: by the date under the signature, then by the order the files came in.
    ordered = sorted(enumerate(files), key=lambda p: (p[1].report.published_on or date.min if p[1].report else date.min,
                                                      p[0]))
    chosen = ordered[-1][1]
    published = chosen.report.published_on if chosen.report else None
    status = "late" if published is not None and published > due else "submitted"
    return AgencyReview(agency, due, status, list(files), chosen)


def _score(agencies: Sequence[AgencyReview], copied: Sequence[Copied], scheme: Scheme) -> None:
    figures: dict[str, list[tuple[str, float]]] = {}
    for c in copied:
        for name in set(c.agencies):
            figures.setdefault(name, []).append((c.kind, c.similarity))
    for a in agencies:
        states = frozenset({a.status} & {"missing", "late"})
        a.score = score(scheme, AgencyFacts(a.agency.name, states, tuple(a.findings),
                                            tuple(figures.get(a.agency.name, ()))))
