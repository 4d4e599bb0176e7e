"""Ruled tables from ruling lines, and text lines from characters, for one PDF page.

The table finder is the classic lattice method (as in pdfplumber and Tabula): snap and join the
ruling segments, take their crossings, and close each crossing's smallest rectangle into a cell.
A cell is kept once, in the row where its top edge is, so a merged cell is one physical cell —
exactly what the extraction expects (no repeated values from spans).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field

from gongkai.readers.pdf_layout import Char, Edge

SNAP = 3.0
JOIN = 3.0
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


def is_cjk(ch: str) -> bool:
    return _CJK.match(ch) is not None


@dataclass(slots=True)
class Table:
    bbox: Box
    rows: list[list[Box]]  # physical cells of each row, left to right
    texts: list[list[str]] = field(default_factory=list)

    def locator(self) -> _Locator:
        return _Locator(self)


class _Locator:
    """Finds the cell under a point in O(log n): every grid slot a cell covers points to it."""

    def __init__(self, table: Table) -> None:
        self.xs = sorted({b[0] for row in table.rows for b in row} | {b[2] for row in table.rows for b in row})
        self.ys = sorted({b[1] for row in table.rows for b in row} | {b[3] for row in table.rows for b in row})
        xi = {x: i for i, x in enumerate(self.xs)}
        yi = {y: i for i, y in enumerate(self.ys)}
        self.slots: dict[tuple[int, int], tuple[int, int]] = {}
        for r, row in enumerate(table.rows):
            for c, (x0, top, x1, bottom) in enumerate(row):
                for i in range(xi[x0], xi[x1]):
                    for j in range(yi[top], yi[bottom]):
                        self.slots[(i, j)] = (r, c)

    def find(self, x: float, y: float) -> tuple[int, int] | None:
        xi = bisect.bisect_right(self.xs, x) - 1
        yi = bisect.bisect_right(self.ys, y) - 1
        return self.slots.get((xi, yi))


# -- edges → tables -------------------------------------------------------------------------
def _snap(edges: list[Edge]) -> list[Edge]:
    if not edges:
        return []
    edges = sorted(edges, key=lambda e: e.pos)
    out: list[Edge] = []
    group = [edges[0]]
    for e in edges[1:]:
        if e.pos - group[-1].pos <= SNAP:
            group.append(e)
            continue
        out.extend(_settle(group))
        group = [e]
    out.extend(_settle(group))
    return out


def _settle(group: list[Edge]) -> list[Edge]:
    pos = sum(e.pos for e in group) / len(group)
    spans = sorted((e.lo, e.hi) for e in group)
    joined: list[Edge] = []
    for lo, hi in spans:
        if joined and lo <= joined[-1].hi + JOIN:
            joined[-1].hi = max(joined[-1].hi, hi)
        else:
            joined.append(Edge(pos, lo, hi))
    return joined


def find_tables(h_edges: list[Edge], v_edges: list[Edge]) -> list[Table]:
    hs = _snap(h_edges)
    vs = _snap(v_edges)
    if len(hs) < 2 or len(vs) < 2:
        return []
    # Crossings, each with the ids of the edges through it.
    points: dict[tuple[float, float], tuple[set[int], set[int]]] = {}
    for vi, v in enumerate(vs):
        for hi, h in enumerate(hs):
            if v.lo - SNAP <= h.pos <= v.hi + SNAP and h.lo - SNAP <= v.pos <= h.hi + SNAP:
                entry = points.setdefault((v.pos, h.pos), (set(), set()))
                entry[0].add(hi)
                entry[1].add(vi)
    by_x: dict[float, list[float]] = defaultdict(list)
    by_y: dict[float, list[float]] = defaultdict(list)
    for x, y in sorted(points):
        by_x[x].append(y)
        by_y[y].append(x)

    def h_link(a: tuple[float, float], b: tuple[float, float]) -> bool:
        return bool(points[a][0] & points[b][0])

    def v_link(a: tuple[float, float], b: tuple[float, float]) -> bool:
        return bool(points[a][1] & points[b][1])

    cells: list[Box] = []
    for (x, y) in sorted(points, key=lambda p: (p[1], p[0])):
        found = None
        for below in (yy for yy in by_x[x] if yy > y):
            if not v_link((x, y), (x, below)):
                continue
            for right in (xx for xx in by_y[y] if xx > x):
                if not h_link((x, y), (right, y)):
                    continue
                corner = (right, below)
                if corner in points and v_link(corner, (right, y)) and h_link(corner, (x, below)):
                    found = (x, y, right, below)
                    break
            if found:
                break
        if found:
            cells.append(found)
    return [_table(group) for group in _group(cells)]


def _group(cells: list[Box]) -> list[list[Box]]:
    """Cells sharing a corner belong to the same table."""
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[float, float], int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x1, top), (x0, bottom), (x1, bottom)):
            if corner in owner:
                parent[root(i)] = root(owner[corner])
            else:
                owner[corner] = i
    groups: dict[int, list[Box]] = defaultdict(list)
    for i, cell in enumerate(cells):
        groups[root(i)].append(cell)
    return [g for g in groups.values() if len(g) > 1]


def _table(cells: list[Box]) -> Table:
    rows: dict[float, list[Box]] = defaultdict(list)
    for cell in cells:
        rows[cell[1]].append(cell)
    ordered = [sorted(rows[top]) for top in sorted(rows)]
    bbox = (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))
    return Table(bbox, ordered)


# -- characters → lines of text ----------------------------------------------------------------
@dataclass(slots=True)
class TextLine:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    em: float  # type size: the advance of a CJK ideograph (square), else the median glyph height


def group_lines(chars: list[Char]) -> list[list[Char]]:
    """Characters into visual lines (top to bottom), each sorted left to right."""
    if not chars:
        return []
    ordered = sorted(chars, key=lambda c: (c.top + c.bottom) / 2)
    lines: list[list[Char]] = []
    current = [ordered[0]]
    mid = (ordered[0].top + ordered[0].bottom) / 2
    band = 0.5 * max(ordered[0].height, 1.0)
    for ch in ordered[1:]:
        cy = (ch.top + ch.bottom) / 2
        # A glyph belongs to the line when its centre lies within the line's full-height band:
        # punctuation ("。" "，" ".") is drawn small and low, so its own height is no measure.
        if abs(cy - mid) <= max(band, 0.5 * max(ch.height, 1.0)):
            current.append(ch)
            if ch.height > 2 * band:
                mid, band = cy, 0.5 * ch.height
        else:
            lines.append(current)
            current = [ch]
            mid = cy
            band = 0.5 * max(ch.height, 1.0)
    lines.append(current)
    for line in lines:
        line.sort(key=lambda c: c.x0)
    return lines


def line_text(chars: list[Char]) -> str:
    """One visual line as text. Gaps become spaces, except the letter-spacing between CJK glyphs."""
    out: list[str] = []
    prev: Char | None = None
    pending_space = False
    for ch in chars:
        if ch.text.isspace():
            pending_space = True
            continue
        if prev is not None:
            if ch.text == prev.text and abs(ch.x0 - prev.x0) < 1.0:
                continue  # fake bold: the same glyph drawn twice
            gap = ch.x0 - prev.x1
            em = max(prev.height, ch.height, 1.0)
            cjk = is_cjk(prev.text) and is_cjk(ch.text)
            # Between a CJK glyph and a digit or letter, Word and LibreOffice add about a quarter
            # em of automatic spacing that is no character; only a wider gap or a real space is one.
            mixed = is_cjk(prev.text) != is_cjk(ch.text)
            loose = 0.55 if mixed else 0.3
            if gap > 0.8 * em or (not cjk and (pending_space or gap > loose * em)):
                out.append(" ")
        out.append(ch.text)
        prev = ch
        pending_space = False
    return "".join(out)


def to_lines(chars: list[Char]) -> list[TextLine]:
    lines = []
    for group in group_lines(chars):
        text = line_text(group)
        if text.strip():
            sizes = sorted(c.x1 - c.x0 for c in group if "\u4e00" <= c.text <= "\u9fff")
            if len(sizes) < 2:
                sizes = sorted(c.height for c in group)
            lines.append(TextLine(text.strip(), min(c.x0 for c in group), min(c.top for c in group),
                                  max(c.x1 for c in group), max(c.bottom for c in group),
                                  max(sizes[len(sizes) // 2], 1.0)))
    return lines


def join_text(a: str, b: str) -> str:
    """Join two lines of one paragraph or cell: nothing next to a CJK character, else a space.

    Chinese text wraps anywhere, including between a word and a number ("信息" | "1234条"), and a
    wrap never stands for a space there; only two Latin words or numbers need one.
    """
    if not a:
        return b
    if not b:
        return a
    return a + ("" if is_cjk(a[-1]) or is_cjk(b[0]) else " ") + b


def cell_text(chars: list[Char]) -> str:
    text = ""
    for line in to_lines(chars):
        text = join_text(text, line.text)
    return text
