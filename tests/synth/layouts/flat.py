"""(e) Crawler-flattened innerText (corpus pingtan-2023): a header of page fields, then the body
on one line; every table row is its label followed directly by its digits, no separators."""

from __future__ import annotations

import copy
import random

from gongkai.model import keys
from gongkai.model.report import Report
from gongkai.model.template import TEMPLATES

from .common import Rendering, blocks
from .grid import fmt
from .splits import count_groups, count_plain, count_summed, patterns_for


def _flatten(grid: list) -> str:  # type: ignore[type-arg]
    return "".join(cell.text for row in grid for cell in row)


def ambiguous_cells(report: Report) -> set[str]:
    """Cells a perfect reader still cannot split from the flattened digits."""
    assert report.template is not None
    spec = TEMPLATES[report.template]
    out: set[str] = set()
    for block in spec.active_blocks:
        pats = tuple(patterns_for(c.decimal, c.signed) for c in block.columns)
        for row in block.rows:
            cells = [keys.cell_key("active", row.key, c.key) for c in block.columns]
            if count_plain("".join(fmt(report.cell(k)) for k in cells), pats) != 1:
                out.update(cells)
    for row in spec.request_rows:
        cells = [keys.cell_key("requests", row, c) for c in keys.REQUEST_COLUMNS]
        values = [report.cell(k) for k in cells]
        balanced = values[-1] == sum(v or 0 for v in values[:-1])
        if not balanced or count_summed("".join(fmt(v) for v in values), 7) != 1:
            out.update(cells)
    cells = [keys.cell_key("appeals", g, c) for g in keys.APPEAL_GROUPS for c in keys.APPEAL_COLUMNS]
    values = [report.cell(k) for k in cells]
    balanced = all(values[i + 4] == sum(v or 0 for v in values[i:i + 4]) for i in (0, 5, 10))
    if not balanced or count_groups("".join(fmt(v) for v in values), 3, 5) != 1:
        out.update(cells)
    return out


def blank_at_end(report: Report) -> set[str]:
    """The cells of section 二's last row when a space follows its digits (the next heading's): the
    space may be a blank last cell, so the digits filling the other cells is a second reading."""
    assert report.template is not None
    block = TEMPLATES[report.template].active_blocks[-1]
    row = block.rows[-1]
    cells = [keys.cell_key("active", row.key, c.key) for c in block.columns]
    pats = tuple(patterns_for(c.decimal, c.signed) for c in block.columns)
    digits = "".join(fmt(report.cell(k)) for k in cells)
    return set(cells) if len(cells) > 1 and count_plain(digits, pats[:-1]) > 0 else set()


def render(report: Report, rng: random.Random) -> Rendering:
    all_blocks = blocks(report)
    title = "".join(b.text for b in all_blocks if b.kind == "title")
    assert report.published_on is not None
    header = [
        f"标题: {title}",
        f"发布时间: {report.published_on.isoformat()} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}",
        "文号: ",
        f"发布机构: {report.agency}",
        "栏目: 政府信息公开年报",
        f"原文链接: https://www.example.gov.cn/zwgk/nb/{report.published_on:%Y%m}/t{report.published_on:%Y%m%d}_{rng.randint(10000, 99999)}.htm",
        "==================== 正文 ====================",
    ]
    body = ""
    keep_title = rng.random() < 0.5
    after_active = False  # the text so far ends with section 二's last row
    spaced: set[str] = set()
    for block in all_blocks:
        if block.kind == "title":
            body += block.text if keep_title else ""
        elif block.kind == "heading":
            lead = block.number in (1, 2) or rng.random() < 0.5
            if lead and after_active:
                spaced = blank_at_end(report)
            body += (" " if lead else "") + block.text + (" " if block.number == 1 else "")
        elif block.kind == "table":
            assert block.grid is not None
            body += _flatten(block.grid)
        else:
            body += block.text
        after_active = block.kind == "table" and block.table == "active"
    text = "\n".join(header) + "\n" + body
    lenient = {k: "ambiguous" for k in ambiguous_cells(report) | spaced}
    return Rendering("flat", "report.txt", text.encode("utf-8"), copy.deepcopy(report), lenient)
