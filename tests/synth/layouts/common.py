"""What every layout shares: the report as a sequence of blocks, and PDF-style text damage."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from gongkai.model.report import Report
from gongkai.model.template import SECTIONS

from .grid import Grid, appeals_grid, positions

CJK = "\u4e00-\u9fff"
_CJK_DIGIT = re.compile(rf"(?<=[{CJK}])(?=\d)|(?<=\d)(?=[{CJK}])")


@dataclass(slots=True)
class Block:
    kind: str  # title | para | heading | table | signature | date
    text: str = ""
    number: int | None = None  # section number of a heading, or of the section a para is in
    breakable: bool = False
    grid: Grid | None = None
    table: str | None = None  # active | requests | appeals


@dataclass(slots=True)
class Rendering:
    """A rendered report: the bytes, a file name whose suffix picks the reader, what must come back."""

    layout: str
    filename: str
    data: bytes
    expected: Report
    lenient: dict[str, str] = field(default_factory=dict)  # cell key → "ambiguous" | "marker" | "lost"


def blocks(report: Report) -> list[Block]:
    from .grid import active_grid, requests_grid

    synth = report.meta["synth"]
    out = [Block("title", line) for line in synth["title"]]
    if synth["preamble_first"]:
        out.append(Block("para", synth["preamble"]))
    grids = {2: ("active", active_grid(report)), 3: ("requests", requests_grid(report)),
             4: ("appeals", appeals_grid(report))}
    for section in SECTIONS:
        numeral = "一二三四五六"[section.number - 1]
        out.append(Block("heading", f"{numeral}、{section.title}", number=section.number))
        if section.number == 1 and not synth["preamble_first"]:
            out.append(Block("para", synth["preamble"], number=1))
        for text, breakable in synth["paragraphs"][section.number]:
            out.append(Block("para", text, number=section.number, breakable=breakable))
        if section.number in grids:
            name, grid = grids[section.number]
            out.append(Block("table", table=name, grid=grid, number=section.number))
    out.append(Block("signature", report.agency or ""))
    out.append(Block("date", synth["date"]))
    return out


def space_digits(text: str) -> str:
    """PDF text puts a space between a figure and the Chinese next to it: "2023 年"."""
    return _CJK_DIGIT.sub(" ", text)


def break_point(rng: random.Random, text: str) -> int | None:
    """A place to break a sentence at a page break: between two Chinese characters, far from digits."""
    candidates = [
        i for i in range(8, len(text) - 8)
        if re.match(rf"[{CJK}]", text[i - 1]) and re.match(rf"[{CJK}]", text[i])
        and not re.search(r"\d", text[max(0, i - 4):i + 4])
    ]
    return rng.choice(candidates) if candidates else None


def space_label(rng: random.Random, label: str, every: bool = False) -> str:
    """PDF text with spaces inside words: "尚 未 审 结" (every) or "信访举报投诉类 申请" (one)."""
    if every:
        return " ".join(label)
    spots = [i for i in range(2, len(label) - 1)
             if re.match(rf"[{CJK}]", label[i - 1]) and re.match(rf"[{CJK}]", label[i])]
    if not spots:
        return label
    i = rng.choice(spots)
    return label[:i] + " " + label[i:]


def is_header_row(row: list) -> bool:  # type: ignore[type-arg]
    return all(slot.cell.key is None for slot in row)


__all__ = ["Block", "Rendering", "blocks", "break_point", "is_header_row", "positions", "space_digits", "space_label"]
