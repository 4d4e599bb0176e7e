"""Copied text: reports that repeat another agency's report of the same year, or their own last one.

"内容与上年雷同" is the criticism 通报 make most often. What counts is a report's own words —
``gongkai.similarity`` removes the template's headings, the regulation's stock sentences and the
digits first, so two honest reports that share only the form are not flagged, while a report
copied with its numbers updated still is. The figure is the share of one report's own words
found in the other (the direction that copies more), as the scoring tables put it ("more than
50% repeated"); the passages are located in both originals so a page can highlight them.

Interface (stable; the web stage uses it):

    items = [CopyItem(agency, year, file, report_text(report)), ...]
    find_copied(items, previous=[CopyItem of earlier years], threshold=0.5) -> [Copied]
    Copied.kind: "same_year" | "previous_year"; Copied.to_json() -> the CLI's "copied" entry
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gongkai.model.report import Report
from gongkai.similarity import Passage, near_duplicates, shared_passages, similarity

#: Default share of own words repeated that makes two reports 雷同 (one county's scoring rule).
THRESHOLD = 0.5
#: A passage shorter than this many own characters is a phrase, not copied text.
MIN_PASSAGE = 20


@dataclass(frozen=True, slots=True)
class CopyItem:
    agency: str
    year: int
    file: str
    text: str


@dataclass(frozen=True, slots=True)
class Copied:
    kind: str  # "same_year" | "previous_year"
    files: tuple[str, str]
    agencies: tuple[str, str]
    years: tuple[int, int]
    similarity: float  # 0..1, the share of own words repeated
    passages: tuple[Passage, ...]  # offsets into the first file's text (a) and the second's (b)

    def to_json(self) -> dict[str, Any]:
        return {
            "files": list(self.files),
            "agencies": list(self.agencies),
            "similarity": round(self.similarity, 3),
            "passages": [{"text": p.text, "a_start": p.a_start, "a_end": p.a_end,
                          "b_start": p.b_start, "b_end": p.b_end} for p in self.passages],
        }


def report_text(report: Report) -> str:
    """The narrative a reader compares: each section's title and text, in order."""
    return "\n".join(f"{s.title}\n{s.text}" for s in report.sections)


def find_copied(items: Sequence[CopyItem], *, previous: Sequence[CopyItem] = (),
                threshold: float = THRESHOLD) -> list[Copied]:
    """Pairs of different agencies' reports of one year, and each report against the same
    agency's latest earlier report in ``previous``, whose figure is at least ``threshold``.

    Same-year pairs: the first of the pair is the one listed first in ``items``.
    """
    out: list[Copied] = []
    pairs = near_duplicates(((str(i), item.text) for i, item in enumerate(items)), threshold)
    for id_a, id_b, figure in pairs:
        first, second = sorted((int(id_a), int(id_b)))
        a, b = items[first], items[second]
        if a.agency == b.agency:
            continue  # two files of one agency: versions, not copying
        out.append(_copied("same_year", a, b, figure))
    latest: dict[str, CopyItem] = {}
    for item in previous:
        held = latest.get(item.agency)
        if held is None or item.year > held.year:
            latest[item.agency] = item
    for item in items:
        before = latest.get(item.agency)
        if before is None or before.year >= item.year:
            continue
        figure = similarity(item.text, before.text)
        if figure >= threshold:
            out.append(_copied("previous_year", item, before, figure))
    out.sort(key=lambda c: (c.kind != "previous_year", -c.similarity, c.files))
    return out


def _copied(kind: str, a: CopyItem, b: CopyItem, figure: float) -> Copied:
    passages = tuple(shared_passages(a.text, b.text, MIN_PASSAGE))
    return Copied(kind, (a.file, b.file), (a.agency, b.agency), (a.year, b.year), figure, passages)
