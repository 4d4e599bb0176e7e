"""What a PDF page holds, in top-down page coordinates: characters, ruling lines, image count.

We read pages with PDFium (pypdfium2) rather than pdfminer: its C parser is an order of
magnitude faster on the content streams of real reports (WPS and Word export thousands of tiny
text and path operators), and it decodes CJK fonts through their ToUnicode/CID maps correctly.
Table ruling comes from path objects: stroked axis-aligned segments, and thin filled rectangles
(how Word and WPS often draw borders). Wide filled shapes are shading, not rules.
"""

from __future__ import annotations

import ctypes
import itertools
from dataclasses import dataclass, field
from typing import Any

_RULE = 2.5  # a filled shape thinner than this (pt) is a line
_MIN_EDGE = 1.5  # shorter segments are glyph details, not table rules


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(slots=True)
class Edge:
    pos: float  # y of a horizontal edge, x of a vertical one
    lo: float
    hi: float


@dataclass(slots=True)
class PageContent:
    number: int  # 1-based
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    h_edges: list[Edge] = field(default_factory=list)
    v_edges: list[Edge] = field(default_factory=list)
    images: int = 0
    unmapped: int = 0  # glyphs without a Unicode value (fonts lacking ToUnicode)


class _Frame:
    """Maps PDF user space (y up, possibly rotated page) to top-down display coordinates."""

    def __init__(self, box: tuple[float, float, float, float], rotation: int) -> None:
        self.x0, self.y0, x1, y1 = box
        self.w = x1 - self.x0
        self.h = y1 - self.y0
        self.rotation = rotation % 360

    @property
    def size(self) -> tuple[float, float]:
        return (self.h, self.w) if self.rotation in (90, 270) else (self.w, self.h)

    def point(self, x: float, y: float) -> tuple[float, float]:
        x -= self.x0
        y -= self.y0
        if self.rotation == 90:
            return y, x
        if self.rotation == 180:
            return self.w - x, y
        if self.rotation == 270:
            return self.h - y, self.w - x
        return x, self.h - y

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        ax, ay = self.point(left, bottom)
        bx, by = self.point(right, top)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def read_page(pdf: Any, index: int) -> PageContent:
    import pypdfium2.raw as raw

    page = pdf[index]
    try:
        frame = _Frame(page.get_mediabox(), page.get_rotation())
        width, height = frame.size
        out = PageContent(index + 1, width, height)
        _chars(page, frame, out, raw)
        _paths(page, frame, out, raw)
    finally:
        page.close()
    return out


def _chars(page: Any, frame: _Frame, out: PageContent, raw: Any) -> None:
    tp = page.get_textpage()
    try:
        n = raw.FPDFText_CountChars(tp)
        rect = raw.FS_RECTF()
        ref = ctypes.byref(rect)
        chars = out.chars
        for i in range(n):
            if raw.FPDFText_IsGenerated(tp, i) == 1:
                continue  # PDFium's own spaces and line breaks; we decide spacing ourselves
            u = raw.FPDFText_GetUnicode(tp, i)
            if u in (0x0D, 0x0A, 0x02):
                continue
            if u == 0 or u == 0xFFFD or 0xE000 <= u <= 0xF8FF:
                out.unmapped += 1
                continue
            if not raw.FPDFText_GetLooseCharBox(tp, i, ref):
                continue
            x0, top, x1, bottom = frame.box(rect.left, rect.bottom, rect.right, rect.top)
            chars.append(Char(chr(u), x0, top, x1, bottom))
    finally:
        tp.close()


def _paths(page: Any, frame: _Frame, out: PageContent, raw: Any) -> None:
    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    n = raw.FPDFPage_CountObjects(page)
    objs = [raw.FPDFPage_GetObject(page, i) for i in range(n)]
    _objects(objs, identity, frame, out, raw, 0)


def _compose(m: tuple[float, ...], p: tuple[float, ...]) -> tuple[float, ...]:
    """Matrix m applied first, then p (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    pa, pb, pc, pd, pe, pf = p
    return (a * pa + b * pc, a * pb + b * pd, c * pa + d * pc, c * pb + d * pd,
            e * pa + f * pc + pe, e * pb + f * pd + pf)


def _objects(objs: list[Any], parent: tuple[float, ...], frame: _Frame, out: PageContent, raw: Any,
             depth: int) -> None:
    m = raw.FS_MATRIX()
    for obj in objs:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            out.images += 1
        elif kind == raw.FPDF_PAGEOBJ_FORM and depth < 8:
            raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m))
            inner = _compose((m.a, m.b, m.c, m.d, m.e, m.f), parent)
            count = raw.FPDFFormObj_CountObjects(obj)
            _objects([raw.FPDFFormObj_GetObject(obj, i) for i in range(count)], inner, frame, out, raw,
                     depth + 1)
        elif kind == raw.FPDF_PAGEOBJ_PATH:
            raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m))
            _path(obj, _compose((m.a, m.b, m.c, m.d, m.e, m.f), parent), frame, out, raw)


def _path(obj: Any, matrix: tuple[float, ...], frame: _Frame, out: PageContent, raw: Any) -> None:
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
        return
    stroked = bool(stroke.value)
    if not stroked and not fill.value:
        return  # clipping or invisible path
    a, b, c, d, e, f = matrix
    x = ctypes.c_float()
    y = ctypes.c_float()
    subpaths: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    curved = False
    for i in range(raw.FPDFPath_CountSegments(obj)):
        seg = raw.FPDFPath_GetPathSegment(obj, i)
        kind = raw.FPDFPathSegment_GetType(seg)
        raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
        px, py = x.value, y.value
        pt = frame.point(a * px + c * py + e, b * px + d * py + f)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            if len(current) > 1 and not curved:
                subpaths.append(current)
            current, curved = [pt], False
            continue
        if kind == raw.FPDF_SEGMENT_BEZIERTO:
            curved = True
        current.append(pt)
        if raw.FPDFPathSegment_GetClose(seg) and current:
            current.append(current[0])
    if len(current) > 1 and not curved:
        subpaths.append(current)
    for points in subpaths:
        if stroked:
            for (x0, y0), (x1, y1) in itertools.pairwise(points):
                _segment(x0, y0, x1, y1, out)
        else:
            xs = [p[0] for p in points]
            ys = [p[1] for p in points]
            left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
            if bottom - top <= _RULE and right - left >= _MIN_EDGE:
                out.h_edges.append(Edge((top + bottom) / 2, left, right))
            elif right - left <= _RULE and bottom - top >= _MIN_EDGE:
                out.v_edges.append(Edge((left + right) / 2, top, bottom))


def _segment(x0: float, y0: float, x1: float, y1: float, out: PageContent) -> None:
    if abs(y1 - y0) < 1.0 and abs(x1 - x0) >= _MIN_EDGE:
        out.h_edges.append(Edge((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x1 - x0) < 1.0 and abs(y1 - y0) >= _MIN_EDGE:
        out.v_edges.append(Edge((x0 + x1) / 2, min(y0, y1), max(y0, y1)))
