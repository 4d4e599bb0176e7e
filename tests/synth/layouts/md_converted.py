"""(h) Markdown that a PDF or OCR converter wrote (MinerU, marker, pandoc, OCR tools).

What such tools do to the report's tables, each drawn at random (or forced with ``shapes``):

- ``html``: tables written as one-line HTML ``<table>`` blocks with rowspan/colspan (MinerU);
  otherwise pipe tables with every grid position (marker, pandoc);
- ``groups``: section 三 cut into one table per group of rows and section 二 into one table per
  block — each piece's first row becomes its header row;
- ``header``: the header rows of section 三 lost, or replaced by a generic header (``列1 | 列2``);
- ``lost``: the labels of a few section 三 rows lost (the label cell is empty);
- ``merged``: two neighbouring value cells merged into one, with a space ("3 0");
- ``section2``: some rows of section 二 lost altogether;
- ``stacked``: two neighbouring rows of section 三 written as one pipe row, each cell holding
  both rows' contents separated by ``<br>`` (marker, pandoc; pipe tables only).

A perfect reader reads every cell; where labels or rows were lost it may leave cells null (with a
problem), never put a value in a wrong cell: those cells are ``lenient`` ("lost").
"""

from __future__ import annotations

import copy
import itertools
import random
from html import escape

from gongkai.model import keys
from gongkai.model.report import Report

from .common import Rendering, blocks, positions
from .grid import GCell, Grid

SHAPES: tuple[str, ...] = ("html", "groups", "header", "lost", "merged", "section2", "stacked")


def _pieces(name: str, grid: Grid, split: bool) -> list[Grid]:
    """The table, or its per-group pieces: section 三 at each group, section 二 at each block."""
    if not split or name == "appeals":
        return [grid]
    cuts: list[int] = []
    for r, row in enumerate(grid):
        if name == "active" and row and row[0].header and row[0].colspan == 4 and r > 0:
            cuts.append(r)
        if name == "requests" and any(c.rowspan > 1 and c.text.startswith("（") for c in row):
            cuts.append(r)
        if name == "requests" and row and row[0].text.startswith("（七）"):
            cuts.append(r)
    bounds = sorted({0, *cuts, len(grid)})
    out: list[Grid] = []
    for lo, hi in itertools.pairwise(bounds):
        piece = [list(row) for row in grid[lo:hi]]
        # A cell spanning into the next piece is cut at the piece's end, as a page break cuts it.
        for r, row in enumerate(piece):
            for c, cell in enumerate(row):
                if r + cell.rowspan > len(piece):
                    row[c] = GCell(cell.text, cell.colspan, len(piece) - r, cell.key, cell.header)
        out.append(piece)
    return out


def _cells_of(grid: Grid) -> list[list[tuple[str, str | None]]]:
    """Pipe-table rows: every grid position, covered ones empty; (text, cell key)."""
    return [[(s.cell.text, s.cell.key) if s.kind == "start" else ("", None) for s in row] for row in positions(grid)]


def _html(rows: list[list[tuple[GCell, str]]]) -> str:
    out = []
    for row in rows:
        tds = []
        for cell, text in row:
            attrs = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
                f' colspan="{cell.colspan}"' if cell.colspan > 1 else "")
            tds.append(f"<td{attrs}>{escape(text)}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    return "<table>" + "".join(out) + "</table>"


def _pipes(rows: list[list[str]], header: list[str] | None) -> list[str]:
    width = max(len(r) for r in rows)
    lines: list[str] = []
    if header is not None:
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "|".join(["---"] * len(header)) + "|")
    for i, row in enumerate(rows):
        lines.append("| " + " | ".join(row) + " |")
        if header is None and i == 0:
            lines.append("|" + "|".join(["---"] * width) + "|")
    return lines


def render(report: Report, rng: random.Random, *, shapes: frozenset[str] | None = None) -> Rendering:
    chosen = shapes if shapes is not None else frozenset(s for s in SHAPES if rng.random() < 0.4)
    expected = copy.deepcopy(report)
    lenient: dict[str, str] = {}
    header_mode = rng.choice(("missing", "generic")) if "header" in chosen else None
    out: list[str] = []
    titles = [b for b in blocks(report) if b.kind == "title"]
    request_rows = [r for r in keys.REQUEST_ROWS_2021 + keys.REQUEST_ROWS_2019 if report.tables["requests"] and
                    r in report.tables["requests"]]
    # A row whose own label is a group label (2019's "（六）其他处理") keeps it: a converter loses a
    # row's label cell, and that cell is the group's, shared with nothing else to lose.
    losable = [r for r in request_rows if not _LABELS.get(r, "").startswith(_GROUP_PREFIXES)]
    lost_rows = set(rng.sample(losable, rng.randint(1, 3))) if "lost" in chosen else set()
    lost_active: set[str] = set()
    if "section2" in chosen:
        active_rows = list(report.tables["active"] or {})
        lost_active = set(rng.sample(active_rows, rng.randint(1, 2)))
    for row in lost_rows:
        for column in keys.REQUEST_COLUMNS:
            lenient[keys.cell_key("requests", row, column)] = "lost"
    for row in lost_active:
        for column in (report.tables["active"] or {})[row]:
            lenient[keys.cell_key("active", row, column)] = "lost"
    for block in blocks(report):
        if block.kind == "title":
            out += [("# " if block is titles[0] else "") + block.text, ""]
        elif block.kind == "heading":
            out += [f"# {block.text}" if rng.random() < 0.8 else block.text, ""]
        elif block.kind == "table":
            assert block.grid is not None and block.table is not None
            grid = block.grid
            if block.table == "active" and lost_active:
                grid = [row for row in grid if not any(c.key and c.key.split(".")[1] in lost_active for c in row)]
            if block.table == "requests" and header_mode:
                grid = grid[3:]
            for piece in _pieces(block.table, grid, "groups" in chosen):
                out += [*_table(rng, piece, block.table, chosen, header_mode, lost_rows, lenient), ""]
        else:
            out += [block.text, ""]
    return Rendering("md_converted", "report.md", "\n".join(out).encode("utf-8"), expected, lenient)


_GROUP_PREFIXES = ("（三）", "（四）", "（五）", "（六）", "三、本年度")


def _lost_label(cell: GCell, lost_rows: set[str]) -> bool:
    """The row's own label (not the group's) of a row whose label the converter lost."""
    return cell.key is None and not cell.text.startswith(_GROUP_PREFIXES) and any(
        cell.text == _LABELS.get(r) for r in lost_rows)


def _table(rng: random.Random, grid: Grid, name: str, chosen: frozenset[str], header_mode: str | None,
           lost_rows: set[str], lenient: dict[str, str]) -> list[str]:
    merge_rows = {r for r in range(len(grid)) if "merged" in chosen and name == "requests" and rng.random() < 0.15}
    if "html" in chosen:
        rows_h: list[list[tuple[GCell, str]]] = []
        for r, row in enumerate(grid):
            cells = [(c, "" if _lost_label(c, lost_rows) else c.text) for c in row]
            if r in merge_rows:
                cells = _merge_html(rng, cells)
            rows_h.append(cells)
        return [_html(rows_h)]
    rows: list[list[str]] = []
    keyed = _cells_of(grid)
    for r, row in enumerate(keyed):
        texts = [text for text, _key in row]
        if lost_rows:
            texts = ["" if key is None and text in {_LABELS[k] for k in lost_rows} else text for text, key in row]
        if r in merge_rows:
            texts = _merge(rng, texts, [key for _text, key in row])
        rows.append(texts)
    if "stacked" in chosen and name == "requests":
        rows = _stack(rng, rows, [[key for _text, key in row] for row in keyed], lenient)
    header = None
    if header_mode == "generic" and name == "requests" and rows and rows[0][0].startswith("一"):
        header = [f"列{i + 1}" for i in range(len(rows[0]))]
    return _pipes(rows, header)


def _stack(rng: random.Random, rows: list[list[str]], keys_: list[list[str | None]],
           lenient: dict[str, str]) -> list[list[str]]:
    """One or two pairs of neighbouring value rows printed as one row, cells joined by <br>.

    Where a label is printed once beside the stacked rows, a reader cannot tell whose it is: the
    two rows' cells may then be left null ("lost").
    """
    def values(row: list[str]) -> bool:
        return sum(1 for c in row if c.replace(" ", "").isdigit()) >= 7

    out, out_keys = list(rows), list(keys_)
    for _ in range(rng.randint(1, 2)):
        spots = [i for i in range(len(out) - 1) if values(out[i]) and values(out[i + 1])
                 and len(out[i]) == len(out[i + 1]) and "<br>" not in "".join(out[i] + out[i + 1])]
        if not spots:
            break
        i = rng.choice(spots)
        joined = [a if not b else (b if not a else f"{a}<br>{b}") for a, b in zip(out[i], out[i + 1], strict=True)]
        for key in out_keys[i] + out_keys[i + 1]:
            if key:
                lenient[key] = "lost"
        out[i:i + 2] = [joined]
        out_keys[i:i + 2] = [[a or b for a, b in zip(out_keys[i], out_keys[i + 1], strict=True)]]
    return out


def _merge(rng: random.Random, texts: list[str], keys_: list[str | None]) -> list[str]:
    spots = [i for i in range(len(texts) - 1) if keys_[i] and keys_[i + 1] and texts[i] and texts[i + 1]]
    if not spots:
        return texts
    i = rng.choice(spots)
    return [*texts[:i], f"{texts[i]} {texts[i + 1]}", *texts[i + 2:]]


def _merge_html(rng: random.Random, cells: list[tuple[GCell, str]]) -> list[tuple[GCell, str]]:
    spots = [i for i in range(len(cells) - 1) if cells[i][0].key and cells[i + 1][0].key and cells[i][1] and cells[i + 1][1]]
    if not spots:
        return cells
    i = rng.choice(spots)
    return [*cells[:i], (cells[i][0], f"{cells[i][1]} {cells[i + 1][1]}"), *cells[i + 2:]]


def _labels() -> dict[str, str]:
    from gongkai.model.template import REQUEST_ROW_SPECS

    return {k: spec.label for k, spec in REQUEST_ROW_SPECS.items()}


_LABELS = _labels()
