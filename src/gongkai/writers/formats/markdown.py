"""Markdown: the report as plain text that renders as a readable page (GitHub-flavoured pipe tables).

Pipe tables cannot merge cells, so each spanned cell is printed once, at its top-left position, and
the positions it covers are left blank: the rows keep the national form's columns and labels in
the same order as a portal's table, which is what readers of copied web text expect.
"""

from __future__ import annotations

from gongkai.model.report import Report
from gongkai.model.text import clean_text
from gongkai.writers.tables import Grid, expand
from gongkai.writers.view import DocumentView, Paragraph, build


def esc(text: str) -> str:
    """Text as Markdown shows it, never as markup: a report is not a place for <script> or raw HTML."""
    return clean_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell(text: str) -> str:
    return esc(text).replace("|", "\\|").replace("\n", " ")


def _pipe_rows(rows: list[list[str]]) -> list[str]:
    width = max(len(r) for r in rows)
    lines = []
    for i, row in enumerate(rows):
        padded = row + [""] * (width - len(row))
        lines.append("| " + " | ".join(_cell(t) for t in padded) + " |")
        if i == 0:
            lines.append("|" + "|".join([" --- "] * width) + "|")
    return lines


def _matrix(grid: Grid, rows: slice | None = None) -> list[list[str]]:
    return [[cell.text if cell and first else "" for cell, first in ((p or (None, False)) for p in row)]
            for row in expand(grid)[rows or slice(None)]]


def grid_lines(grid: Grid) -> list[str]:
    """Section 二 as one small table per 第二十条 block (each as wide as its own columns); 三 and 四
    as one table each, spans flattened."""
    if grid.name != "active":
        return _pipe_rows(_matrix(grid))
    out: list[str] = []
    block: list[list[str]] = []
    for row in grid.rows:
        if row[0].role == "block":
            if block:
                out += [*_pipe_rows(block), ""]
            block = [[row[0].text]]
        else:
            block.append([c.text for c in row])
    if block:
        out += _pipe_rows(block)
    return out


def _para(p: Paragraph) -> str:
    return esc(p.text)


def markdown(view: DocumentView) -> str:
    lines: list[str] = [f"# {esc(view.title)}", ""]
    for p in view.preamble:
        lines += [_para(p), ""]
    for s in view.sections:
        lines += [f"## {esc(s.heading)}", ""]
        for p in s.paragraphs:
            lines += [_para(p), ""]
        if s.grid is not None:
            lines += [*grid_lines(s.grid), ""]
    if view.signature:
        lines += [esc(view.signature), ""]
    if view.date:
        lines += [view.date, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


class MarkdownWriter:
    name = "md"
    extension = ".md"
    media_type = "text/markdown; charset=utf-8"

    def write(self, report: Report, *, force: bool = False) -> bytes:
        return markdown(build(report, force=force)).encode("utf-8")


WRITERS = [MarkdownWriter()]
