"""What every document writer prints, decided once: title, the six sections, tables, signature.

Writers differ only in markup. Deciding the words here (which template, which heading, whether the
statistical period must be stated, how a date or an amount is printed) keeps the four formats
identical in content, which is what makes them read back into the same report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from gongkai.model.keys import Template
from gongkai.model.report import Report, Section
from gongkai.model.template import CN_NUMERALS, SECTIONS, TEMPLATES, TemplateSpec, template_in_force
from gongkai.model.text import clean_text
from gongkai.writers.formatting import cn_date
from gongkai.writers.guard import guard
from gongkai.writers.tables import Grid, grid_for

DOC_TITLE = "政府信息公开工作年度报告"
_SUBHEADING = re.compile(r"^（[一二三四五六七八九十]+）")


@dataclass(slots=True)
class Paragraph:
    text: str
    kind: str = "body"  # "body" | "subheading" (a whole-line "（一）…") | "runin" ("（一）…。" then body)
    lead: str = ""  # for "runin": the heading part, printed in 楷体


@dataclass(slots=True)
class SectionView:
    number: int
    heading: str  # "一、总体情况"
    paragraphs: list[Paragraph]
    grid: Grid | None = None


@dataclass(slots=True)
class DocumentView:
    spec: TemplateSpec
    title_lines: tuple[str, ...]  # agency, "2024年政府信息公开工作年度报告"
    title: str  # one line, for <title> and document properties
    preamble: list[Paragraph]
    sections: list[SectionView]
    signature: str
    date: str  # "2025年1月20日", or "" when not known
    agency: str
    year: int | None


def text_width(text: str) -> float:
    """Width in characters of the body font: CJK full width, ASCII (digits) half width."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def signature_indents(signature: str, date_text: str) -> tuple[float, float]:
    """Right indents (in characters) of the signature and the date (GB/T 9704 §7.3.5.2, no seal):
    the signature ends two characters from the right margin and the date starts two characters
    to the right of the signature's first character; a signature shorter than that is centred
    over a date that ends four characters from the margin."""
    sig, day = text_width(signature), text_width(date_text)
    if not date_text:
        return 2.0, 0.0
    if sig >= day + 2:
        return 2.0, sig - day
    return 4.0 + (day - sig) / 2, 4.0


def resolve_template(report: Report) -> TemplateSpec:
    """The template the report declares; for none or "mixed", the one in force for its year."""
    if report.template in (Template.V2019, Template.V2021):
        return TEMPLATES[Template(report.template)]
    return TEMPLATES[template_in_force(report.year or date.today().year)]


def paragraphs(text: str) -> list[Paragraph]:
    """Split a section's text into paragraphs (one per line) and mark 二级标题 "（一）…" lines."""
    out: list[Paragraph] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        m = _SUBHEADING.match(line)
        if m:
            stop = line.find("。")
            if 0 < stop < len(line) - 1:
                out.append(Paragraph(line, "runin", line[: stop + 1]))
            elif len(line) <= 40:
                out.append(Paragraph(line, "subheading"))
            else:
                out.append(Paragraph(line))
        else:
            out.append(Paragraph(line))
    return out


def period_sentence(report: Report) -> str | None:
    """The statement of the statistical period, unless the text already makes it."""
    p = report.period
    if p is None or p.start is None or p.end is None:
        return None
    start, end = cn_date(p.start), cn_date(p.end)
    text = "\n".join(s.text for s in report.sections)
    if "统计期限" in text and start in text:
        return None
    return f"本报告所列数据的统计期限自{start}起至{end}止。"


def _section_for(report: Report, number: int) -> Section | None:
    found = report.section(number)
    if found is not None:
        return found
    for s in report.sections:
        if s.expected is None and s.number == number:
            return s
    return None


def build(report: Report, *, force: bool = False) -> DocumentView:
    """Check the arithmetic (see ``guard``) and lay the report out for a document writer."""
    spec = resolve_template(report)
    guard(report, spec, force=force)
    agency = clean_text(report.agency or "").strip()
    year_title = f"{report.year}年{DOC_TITLE}" if report.year else DOC_TITLE
    sections: list[SectionView] = []
    for spec_section in SECTIONS:
        n = spec_section.number
        found = _section_for(report, n)
        title = clean_text(found.title if found and found.title else spec_section.title).strip()
        text = clean_text(found.text) if found else ""  # a pasted U+000B must not break the XML
        sections.append(SectionView(n, f"{CN_NUMERALS[n - 1]}、{title}", paragraphs(text), grid_for(report, spec, n)))
    sentence = period_sentence(report)
    return DocumentView(
        spec=spec,
        title_lines=tuple(t for t in (agency, year_title) if t),
        title=f"{agency}{year_title}",
        preamble=[Paragraph(sentence)] if sentence else [],
        sections=sections,
        signature=agency,
        date=cn_date(report.published_on) if report.published_on else "",
        agency=agency,
        year=report.year,
    )
