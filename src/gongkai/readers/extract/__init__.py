"""Document → Report: the extraction every format shares.

Order matters only where one field informs another: headings first (they bound everything),
then title and year (the year picks the default template for section 二's columns), then the
three tables, then dates, scope and narrative figures.
"""

from __future__ import annotations

import re
from decimal import Decimal

from gongkai.model.keys import Template
from gongkai.model.report import Report, Section, Source
from gongkai.model.template import SECTIONS, template_in_force
from gongkai.readers.document import Document, fold
from gongkai.readers.extract.meta import (
    find_period,
    find_scope,
    find_signature,
    find_title,
    parse_any_date,
    parse_title,
)
from gongkai.readers.extract.narrative import find_figures
from gongkai.readers.extract.sections import Heading, find_headings
from gongkai.readers.extract.tables import (
    TableScan,
    fingerprint_headers,
    read_active,
    read_appeals,
    read_requests,
)

__all__ = ["extract"]

_SENTENCE_END = "。！？!?：:；;…”’」）)"
_TABS = re.compile(r"\t+")
_RULE_LINE = re.compile(r"[=\-—*#\s]+")
_ITEM_START = re.compile(r"^[(（]?[一二三四五六七八九十\d]+[)）、.]")


def extract(doc: Document) -> Report:
    report = Report(source=Source(doc.path, doc.format, doc.sha256))
    headings = find_headings(doc)
    by_number = {h.expected: h for h in headings}
    size = len(doc.text)

    def start_of(n: int, default: int) -> int:
        return by_number[n].start if n in by_number else default

    def end_of(n: int, default: int) -> int:
        return by_number[n].end if n in by_number else default

    def next_start(n: int) -> int:
        return min((h.start for h in headings if h.expected > n), default=size)

    first_heading = headings[0].start if headings else size
    title = find_title(doc, first_heading)
    preamble_start = title.end if title else 0
    preamble = doc.text[preamble_start:first_heading] if preamble_start < first_heading else ""
    # Plain text breaks sentences at page and column edges; structured readers already joined them.
    rejoin = doc.format in ("text", "markdown")
    report.meta["preamble"] = clean_text(preamble, rejoin=rejoin)

    # Title, agency and year.
    agency, year = parse_title(title.text) if title else (None, None)
    if title:
        report.provenance["agency"] = doc.where(title.start, title.end, raw=title.text)
    meta_title = doc.meta.get("title")
    if (agency is None or year is None) and meta_title:
        m_agency, m_year = parse_title(re.sub(r"\s+", "", meta_title))
        agency = agency or m_agency
        year = year or m_year
    intro_end = start_of(2, min(size, 6000))
    period_hit = find_period(doc.folded[:intro_end])
    if period_hit:
        report.period = period_hit[0]
        report.provenance["period"] = doc.where(period_hit[1], period_hit[2])
    if year is None and report.period and report.period.start:
        year = report.period.start.year
    if year is None:
        m = re.search(r"((?:19|20)\d{2})\s*年", doc.folded[:intro_end])
        year = int(m.group(1)) if m else None
    report.year = year

    # Tables.
    scan = TableScan()
    lo2 = end_of(2, end_of(1, 0))
    hi2 = start_of(3, start_of(4, size))
    lo3 = end_of(3, hi2 if 2 in by_number else lo2)
    hi3 = start_of(4, start_of(5, size))
    lo4 = end_of(4, hi3)
    hi4 = start_of(5, start_of(6, size))
    default = str(template_in_force(year)) if year else "2021"
    fingerprint_headers(doc, lo2, hi2, scan)
    fingerprint_headers(doc, lo3, hi3, scan)
    read_active(doc, report, lo2, hi2, scan, default, _hints(doc.folded[: start_of(2, intro_end)]))
    read_requests(doc, report, lo3, hi3, scan)
    read_appeals(doc, report, lo4, hi4, scan)
    report.meta["fingerprints"] = scan.fingerprints
    has21 = bool(scan.fingerprints["2021"])
    # The short row label "规范性文件" alone is how many 2021-form reports still print the row: it
    # makes a report mixed only beside a 2019 header or row, not against 2021 headers.
    strong19 = [f for f in scan.fingerprints["2019"] if f != "规范性文件（行名）"]
    has19 = bool(strong19) or (bool(scan.fingerprints["2019"]) and not has21)
    report.template = (
        Template.MIXED if has19 and has21 else Template.V2019 if has19 else Template.V2021 if has21 else None
    )

    # Signature and date.
    signer, signed_on, signer_where, date_where = find_signature(doc, start_of(6, start_of(5, 0)))
    sig_start = min(
        (w.start for w in (signer_where, date_where) if w is not None and w.start is not None), default=size
    )
    if signed_on:
        report.published_on = signed_on
        report.provenance["published_on"] = date_where  # type: ignore[assignment]
    else:
        for key in ("signed", "published"):
            if doc.meta.get(key) and (d := parse_any_date(str(doc.meta[key]))):
                report.published_on = d
                report.meta["published_on_from"] = key
                break
    report.agency = _best_agency(agency, signer, doc.meta.get("source_agency"))
    if report.agency == signer and signer_where:
        report.provenance["agency"] = signer_where
    report.scope = find_scope(preamble)

    # Sections.
    levels: dict[int, int] = {}
    for i, h in enumerate(headings):
        end = headings[i + 1].start if i + 1 < len(headings) else size
        if h.expected == 6 or i + 1 == len(headings):
            end = min(end, sig_start) if sig_start > h.end else end
        table = {2: "active", 3: "requests", 4: "appeals"}.get(h.expected)
        if table and table in scan.table_starts and h.end <= scan.table_starts[table] < end:
            end = scan.table_starts[table]
        text = clean_text(doc.text[h.end:end], rejoin=rejoin)
        if table:
            text = _drop_table_lead(text)
        report.sections.append(
            Section(h.number, h.title.strip(), text, h.numeral, doc.where(h.start, h.end), h.expected)
        )
        if h.level is not None:
            levels[h.expected] = h.level
    if levels:
        report.meta["heading_levels"] = levels
    missing = [s.number for s in SECTIONS if s.number not in by_number]
    for n in missing:
        report.add_problem("section_missing", f"section.{n}", f"未找到第{n}部分“{SECTIONS[n - 1].title}”",
                           f"section {n} ({SECTIONS[n - 1].title}) not found")

    # Narrative figures: the opening and section 一, where reports state their totals.
    report.narrative = find_figures(doc, 0, start_of(2, next_start(1)), 1)
    for n in (5, 6):
        if n in by_number:
            report.narrative += find_figures(doc, by_number[n].end, next_start(n), n)
    return report


def _best_agency(title_agency: str | None, signer: str | None, meta_agency: object) -> str | None:
    """The fullest printed form: "白家庄镇" in the title and "白家庄镇人民政府" as signer → the latter."""
    if title_agency and signer:
        if signer.startswith(title_agency) or title_agency in signer:
            return signer
        return title_agency
    if title_agency:
        return title_agency
    if signer:
        return signer
    return str(meta_agency) if meta_agency else None


_HINTS = {
    "rules": re.compile(r"规\s*章\s*(\d{1,12})\s*件"),
    "normative_documents": re.compile(r"规\s*范\s*性\s*文\s*件\s*(\d{1,12})\s*件"),
}


def _hints(text: str) -> dict[str, frozenset[int | Decimal]]:
    """Counts the narrative states right after a row's own name ("制发规范性文件77件"), per row;
    used only to settle digits printed glued together."""
    return {row: frozenset(int(m) for m in pattern.findall(text)) for row, pattern in _HINTS.items()}


def clean_text(text: str, *, rejoin: bool = True) -> str:
    """Section text as lines of prose: cells joined, indentation dropped, broken lines rejoined."""
    out: list[str] = []
    for raw in text.split("\n"):
        line = (_TABS.sub(" ", raw) if "\t" in raw else raw).strip()
        if not line or _RULE_LINE.fullmatch(line):
            continue
        if rejoin and out and _continues(out[-1], line):
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)


def _continues(prev: str, line: str) -> bool:
    """A line broken at a page or column edge: the previous one is long and has no sentence end."""
    return len(prev) >= 28 and prev[-1] not in _SENTENCE_END and not _ITEM_START.match(fold(line))


def _drop_table_lead(text: str) -> str:
    lines = [ln for ln in text.split("\n") if not re.match(r"^第二十条", fold(ln))]
    return "\n".join(lines)


Heading = Heading
