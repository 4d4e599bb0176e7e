"""(f) Markdown with pipe tables (what converters such as pandoc or an LLM export produce)."""

from __future__ import annotations

import copy
import random

from gongkai.model.report import Report

from .common import Rendering, blocks
from .tabs import row_cells


def render(report: Report, rng: random.Random) -> Rendering:
    out: list[str] = []
    titles = [b for b in blocks(report) if b.kind == "title"]
    for block in blocks(report):
        if block.kind == "title":
            out += [("# " if block is titles[0] else "## ") + block.text, ""]
        elif block.kind == "heading":
            out += [f"## {block.text}", ""]
        elif block.kind == "table":
            assert block.grid is not None
            rows = row_cells(block.grid)
            width = len(rows[0])
            out.append("| " + " | ".join(rows[0]) + " |")
            out.append("|" + "|".join(["---"] * width) + "|")
            out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
            out.append("")
        elif block.kind in ("signature", "date"):
            out += [block.text, ""]
        else:
            out += [block.text, ""]
    text = "\n".join(out)
    return Rendering("pipes", "report.md", text.encode("utf-8"), copy.deepcopy(report))
