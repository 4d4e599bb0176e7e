"""Scanned PDF pages read by OCR (the optional ``ocr`` extra), as the glyphs a text PDF would give.

The engine is RapidOCR on ONNX Runtime: its Chinese detection and recognition models ship inside
the wheel, so nothing is downloaded when it runs (a supervisor's machine may have no network).
It is asked for the box of every character, not of every text line: a whole-line box glues a
table row's numbers into one run ("3001 53 0 0 61 4 3119" as "30015300614 3119"), while character
boxes let the PDF reader's own layout stages put each character in its cell. The page image's
ruling lines are found with OpenCV (installed with RapidOCR) and become the ``Edge``s a vector
PDF would have, so ruled tables are rebuilt cell by cell exactly as for text PDFs.

A reader never guesses: a digit the engine is not sure of becomes "?", so its cell is reported
unreadable instead of read as a possibly wrong number.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from gongkai.readers.pdf_layout import Char, Edge, PageContent

SCALE = 150 / 72  # render at 150 dpi: the models' sweet spot for body text
DIGIT_SCORE = 0.9  # a digit recognised with less confidence than this is not trusted
_RULE_FRACTION = 40  # a ruling line is at least 1/40 of the page's width or height
UNSURE = "?"


class OcrUnavailable(ImportError):
    """The optional OCR engine is not installed."""


@cache
def _engine() -> Any:
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:  # the extra is optional
        raise OcrUnavailable("pip install 'gongkai[ocr]'") from exc
    return RapidOCR(use_cls=False, print_verbose=False)


def available() -> bool:
    try:
        _engine()
    except OcrUnavailable:
        return False
    return True


def ocr_page(pdf: Any, index: int) -> PageContent:
    """Page ``index`` of an open PDFium document, read by OCR into characters and ruling edges."""
    import numpy as np

    page = pdf[index]
    try:
        width, height = page.get_size()
        image = page.render(scale=SCALE, grayscale=True).to_numpy()
    finally:
        page.close()
    if image.ndim == 3:
        image = image[:, :, 0]
    gray = np.ascontiguousarray(image)
    out = PageContent(index + 1, width, height)
    result, _elapsed = _engine()(gray, use_cls=False, return_word_box=True)
    for item in result or []:
        out.chars.extend(_chars(item))
    _rules(gray, out)
    _second_look(gray, out)
    return out


_CELL_MARGIN = 2  # pixels inside a cell's rules where its content may start
_INK = 200  # grey level under which a pixel is ink: light, thin strokes count (a serif "4")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _second_look(gray: Any, out: PageContent) -> None:
    """Read again, alone, each table cell the page pass left empty or unsure.

    Line detection misses small isolated glyphs — a lone "0" in a cell is the commonest — and a
    cell read alone is recognised better than as part of a page. A cell with no ink stays empty
    (a blank cell); one with ink that is still not a sure number becomes unsure ("?").
    """
    import cv2
    import numpy as np

    from gongkai.readers.pdf_tables import find_tables

    tables = [t for t in find_tables(out.h_edges, out.v_edges) if max(len(r) for r in t.rows) >= 2]
    for table in tables:
        for row in table.rows:
            for x0, top, x1, bottom in row:
                inside = [c for c in out.chars
                          if x0 <= (c.x0 + c.x1) / 2 <= x1 and top <= (c.top + c.bottom) / 2 <= bottom]
                if inside and all(c.text != UNSURE for c in inside):
                    continue
                m = _CELL_MARGIN
                crop = gray[int(top * SCALE) + m:int(bottom * SCALE) - m, int(x0 * SCALE) + m:int(x1 * SCALE) - m]
                if crop.size == 0:
                    continue
                ink = (crop < _INK).astype(np.uint8)
                count, _labels, stats, _c = cv2.connectedComponentsWithStats(ink, connectivity=8)
                h, w = ink.shape
                # Glyphs, not what is left of the cell's rules (long and thin along an edge).
                parts = [stats[i] for i in range(1, count) if stats[i][4] >= 4
                         and not (stats[i][3] >= 0.7 * h and stats[i][2] <= 4)
                         and not (stats[i][2] >= 0.7 * w and stats[i][3] <= 4)]
                if not parts:
                    continue  # nothing printed: a blank cell
                left = min(int(p[0]) for p in parts)
                upper = min(int(p[1]) for p in parts)
                right = max(int(p[0] + p[2]) for p in parts)
                lower = max(int(p[1] + p[3]) for p in parts)
                glyphs = np.pad(crop[upper:lower, left:right], max(4, (lower - upper) // 2), constant_values=255)
                result, _elapsed = _engine()(np.ascontiguousarray(glyphs), use_det=False, use_cls=False, use_rec=True)
                text, score = (str(result[0][0]).strip(), float(result[0][1])) if result else ("", 0.0)
                bx0, by0 = float(int(x0 * SCALE) + m), float(int(top * SCALE) + m)
                box = [[bx0 + left, by0 + upper], [bx0 + right, by0 + upper], [bx0 + right, by0 + lower],
                       [bx0 + left, by0 + lower]]
                sure = _NUMBER.fullmatch(text) is not None and score >= DIGIT_SCORE
                if inside and len(text) != len(inside):
                    sure = False  # the page pass saw another number of characters: not settled
                for c in inside:
                    out.chars.remove(c)
                out.chars.extend(_spread(box, text if sure else UNSURE, 1.0))


def _chars(item: list[Any]) -> list[Char]:
    """The characters of one recognised text line, in page points, left to right."""
    box, text, _score = item[0], item[1], item[2]
    boxes = item[3] if len(item) > 3 else None
    words = item[4] if len(item) > 4 else None
    scores = item[5] if len(item) > 5 else None
    out: list[Char] = []
    if boxes and words and len(boxes) == len(words):
        for quad, word, score in zip(boxes, words, scores or [1.0] * len(words), strict=False):
            out.extend(_spread(quad, word, float(score)))
    else:
        out = _spread(box, str(text), float(item[2]))
    return _unsure_numbers(out)


def _unsure_numbers(chars: list[Char]) -> list[Char]:
    """A number with one unsure digit is unsure as a whole: "3?" must not read as 3."""
    runs: list[list[int]] = []
    for i, ch in enumerate(chars):
        if ch.text.isdigit() or ch.text in (UNSURE, "."):
            prev = chars[i - 1] if i else None
            if runs and prev is not None and runs[-1][-1] == i - 1 and ch.x0 - prev.x1 < 0.5 * max(ch.height, 1.0):
                runs[-1].append(i)
            else:
                runs.append([i])
    for run in runs:
        if any(chars[i].text == UNSURE for i in run):
            for i in run:
                c = chars[i]
                chars[i] = Char(UNSURE, c.x0, c.top, c.x1, c.bottom)
    return chars


def _spread(quad: list[list[float]], text: str, score: float) -> list[Char]:
    """A box holding ``text``: one ``Char`` per character, sharing the box's width evenly."""
    xs = [p[0] / SCALE for p in quad]
    ys = [p[1] / SCALE for p in quad]
    x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return []
    step = (x1 - x0) / len(chars)
    out = []
    for i, ch in enumerate(chars):
        if ch.isdigit() and score < DIGIT_SCORE:
            ch = UNSURE
        out.append(Char(ch, x0 + i * step, top, x0 + (i + 1) * step, bottom))
    return out


def _rules(gray: Any, out: PageContent) -> None:
    """Horizontal and vertical ruling lines of the page image, as edges in page points."""
    import cv2

    h, w = gray.shape
    # Against the local background, not one global threshold: a thin rule scanned or compressed
    # comes out light grey, lighter than text, and a global (Otsu) cut loses it.
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)
    for horizontal in (True, False):
        size = max(10, (w if horizontal else h) // _RULE_FRACTION)
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (size, 1) if horizontal else (1, size))
        lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
        count, _labels, stats, _centroids = cv2.connectedComponentsWithStats(lines, connectivity=8)
        for i in range(1, count):
            x, y, bw, bh, _area = (int(v) for v in stats[i])
            if horizontal and bh <= 8:
                out.h_edges.append(Edge((y + bh / 2) / SCALE, x / SCALE, (x + bw) / SCALE))
            elif not horizontal and bw <= 8:
                out.v_edges.append(Edge((x + bw / 2) / SCALE, y / SCALE, (y + bh) / SCALE))
