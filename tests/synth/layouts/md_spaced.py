"""(c) Seed 004: PDF text turned into Markdown — headings marked with #, tab-separated rows, spaces
inside words ("尚 未 审 结") and after figures ("2023 年"), sentences broken at page breaks, rows
whose leading empty cells were lost."""

from __future__ import annotations

import copy
import random
import re

from gongkai.model.report import Report

from .common import Rendering, blocks, break_point, positions, space_digits, space_label


def _label(rng: random.Random, text: str) -> str:
    text = re.sub(r"^(\d)\.", r"\1. ", text) if rng.random() < 0.7 else text
    text = text.replace("（", "(").replace("）", ")") if rng.random() < 0.2 else text
    roll = rng.random()
    if roll < 0.15 and len(text) <= 6:
        return space_label(rng, text, every=True)
    if roll < 0.45 and len(text) >= 6:
        return space_label(rng, text)
    return text


def render(report: Report, rng: random.Random) -> Rendering:
    levels = [rng.choice(("##", "###", "####")) for _ in range(6)]
    lose_lead = rng.random() < 0.5
    out: list[str] = ["", ""]
    first_title = True
    for block in blocks(report):
        if block.kind == "title":
            out += [("# " if first_title else "## ") + block.text, ""]
            first_title = False
        elif block.kind == "heading":
            assert block.number is not None
            out += [f"{levels[block.number - 1]} {block.text}", ""]
        elif block.kind == "para":
            text = space_digits(block.text) if rng.random() < 0.5 else block.text
            cut = break_point(rng, text) if block.breakable and rng.random() < 0.3 else None
            if cut is not None:  # the page ended mid-sentence
                out += [text[:cut], "", text[cut:], ""]
            else:
                out += [text, ""]
        elif block.kind == "table":
            assert block.grid is not None
            for row in positions(block.grid):
                cells = [(_label(rng, s.cell.text) if s.cell.key is None else s.cell.text) if s.kind == "start" else ""
                         for s in row]
                if lose_lead and row and row[0].kind == "below" and rng.random() < 0.5:
                    cells = cells[1:]
                if rng.random() < 0.05:
                    out.append("")
                out.append("\t".join(cells))
            out.append("")
        else:  # signature, date
            out += [space_digits(block.text) if rng.random() < 0.3 else block.text, ""]
    text = "\n".join(out)
    return Rendering("md_spaced", "report.txt", text.encode("utf-8"), copy.deepcopy(report))
