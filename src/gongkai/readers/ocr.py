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

from gongkai.readers.document import BLANK_MARKS
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
    gray = _deskewed(np.ascontiguousarray(image))
    out = PageContent(index + 1, width, height)
    result, _elapsed = _engine()(gray, use_cls=False, return_word_box=True)
    lines: list[list[list[float]]] = []  # each recognised line's box, in image pixels
    for item in result or []:
        out.chars.extend(_tight(gray, _chars(item)))
        lines.append([[float(p[0]), float(p[1])] for p in item[0]])
    _rules(gray, out)
    cells = _second_look(gray, out)
    _lost_glyphs(gray, out, lines, cells)
    if _stops_among_numbers(out):  # with the numbers the lost-glyph pass found beside them
        _lost_glyphs(gray, out, lines, cells)
    _even_heights(out)
    return out


def _tight(gray: Any, chars: list[Char]) -> list[Char]:
    """A recognised line's characters, their top and bottom moved to the line's ink.

    The detector's boxes have a margin around the text (more for some lines than others); a text
    PDF's glyph boxes do not, and the page's line stages expect those.
    """
    if not chars:
        return chars
    top, bottom = min(c.top for c in chars), max(c.bottom for c in chars)
    x0, x1 = min(c.x0 for c in chars), max(c.x1 for c in chars)
    band = gray[max(0, int(top * SCALE)):int(bottom * SCALE) + 1, max(0, int(x0 * SCALE)):int(x1 * SCALE) + 1]
    rows: Any = (band < _INK).any(axis=1).nonzero()[0] if band.size else ()
    if len(rows) == 0:
        return chars
    upper = (int(top * SCALE) + int(rows[0])) / SCALE
    lower = (int(top * SCALE) + int(rows[-1]) + 1) / SCALE
    return [Char(c.text, c.x0, upper, c.x1, lower) for c in chars]


def _even_heights(out: PageContent) -> None:
    """Give every character at least the height of the page's Chinese characters, about its middle.

    A text PDF gives each glyph its font's full height, so a row's digits and its label share one
    band. OCR boxes are as tall as the ink: a line of digits ("16 -9") is lower than the label
    beside it ("行政事业"), and the page's line stages then put a wrapped label's pieces and the
    row's numbers on different lines, or split a row's numbers over two.
    """
    import statistics

    tall = [c.height for c in out.chars if "\u4e00" <= c.text <= "\u9fff"]
    if not tall:
        return
    height = statistics.median(tall)
    for i, c in enumerate(out.chars):
        if c.height < height:
            middle = (c.top + c.bottom) / 2
            out.chars[i] = Char(c.text, c.x0, middle - height / 2, c.x1, middle + height / 2)


_MAX_SKEW = 5.0  # degrees: a page fed askew into a scanner; more is a page scanned sideways
_MIN_SKEW = 0.1  # degrees: less moves a row's glyphs by under a pixel across a cell
_SKEW_SAMPLE = 300_000  # ink pixels the angle search looks at (a page of text has about 150,000)


def _deskewed(gray: Any) -> Any:
    """The page image turned so its text lines and table rules run level.

    A page fed a little askew (half a degree is common) tilts every table row: across the page a
    row's right end drifts by half a row, so its right-hand cells' digits land in the row above or
    below, and ruling lines break into steps that no longer close into cells. The angle is the one
    at which the ink's row profile is sharpest (lines of text and rules fall into the fewest pixel
    rows), searched coarse then fine within ``_MAX_SKEW``.
    """
    import cv2
    import numpy as np

    ys, xs = np.nonzero(gray < 160)
    if len(ys) < 1000:
        return gray  # an empty page or a cover image: nothing to level
    if len(ys) > _SKEW_SAMPLE:  # a photo or a dark banner: a sample of the ink shows the angle as well
        step = len(ys) // _SKEW_SAMPLE + 1
        ys, xs = ys[::step], xs[::step]
    xs = xs.astype(np.float64) - gray.shape[1] / 2

    def sharpness(degrees: float) -> float:
        rows = np.round(ys - xs * np.tan(np.radians(degrees))).astype(np.int64)
        counts = np.bincount(rows - rows.min()).astype(np.float64)
        return float(np.dot(counts, counts))

    coarse = max(np.arange(-_MAX_SKEW, _MAX_SKEW + 0.01, 0.25), key=sharpness)
    angle = float(max(np.arange(coarse - 0.25, coarse + 0.26, 0.025), key=sharpness))
    if abs(angle) < _MIN_SKEW:
        return gray
    h, w = gray.shape
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, turn, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


_CELL_MARGIN = 2  # pixels inside a cell's rules where its content may start
_INK = 200  # grey level under which a pixel is ink: light, thin strokes count (a serif "4")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


_Box = tuple[float, float, float, float]  # x0, top, x1, bottom in page points


def _in_box(c: Char, box: _Box) -> bool:
    """Whether character ``c``'s middle lies in ``box`` (a table cell)."""
    x0, top, x1, bottom = box
    return x0 <= (c.x0 + c.x1) / 2 <= x1 and top <= (c.top + c.bottom) / 2 <= bottom


def _second_look(gray: Any, out: PageContent) -> list[_Box]:
    """Read again, alone, each table cell the page pass left empty or unsure.

    Line detection misses small isolated glyphs — a lone "0" in a cell is the commonest — and a
    cell read alone is recognised better than as part of a page. A cell with no ink stays empty
    (a blank cell); one with ink that is still not a sure number becomes unsure ("?"). Returns the
    ruled tables' cells.
    """
    import cv2
    import numpy as np

    from gongkai.readers.pdf_tables import find_tables

    looks: list[tuple[list[Char], list[list[float]], Any, bool]] = []
    tables = [t for t in find_tables(out.h_edges, out.v_edges) if max(len(r) for r in t.rows) >= 2]
    cells: list[_Box] = [cell for table in tables for row in table.rows for cell in row]
    for table in tables:
        for row in table.rows:
            for x0, top, x1, bottom in row:
                inside = [c for c in out.chars if _in_box(c, (x0, top, x1, bottom))]
                text = any(not _latin_or_unsure(c.text) for c in inside)  # a label, a header
                sure = all(c.text != UNSURE for c in inside) and any(c.text.isdigit() for c in inside)
                # One Chinese glyph alone in a cell ("宁") may be a lone "0" misread: it is read again,
                # and kept unless that reads a sure number.
                lone = len(inside) == 1 and text and inside[0].text not in BLANK_MARKS
                if inside and (text or sure) and not lone:
                    continue
                m = _CELL_MARGIN
                crop = gray[int(top * SCALE) + m:int(bottom * SCALE) - m, int(x0 * SCALE) + m:int(x1 * SCALE) - m]
                if crop.size == 0:
                    continue
                ink = (crop < _INK).astype(np.uint8)
                count, _labels, stats, _c = cv2.connectedComponentsWithStats(ink, connectivity=8)
                h, w = ink.shape
                # Glyphs, not what is left of the cell's rules: long and thin along an edge, or a
                # fragment touching the cell's edge (a scanned rule is ragged, a tilted one steps).
                parts = [stats[i] for i in range(1, count) if stats[i][4] >= 4
                         and not (stats[i][3] >= 0.7 * h and stats[i][2] <= 4)
                         and not (stats[i][2] >= 0.7 * w and stats[i][3] <= 4)
                         and stats[i][0] > 0 and stats[i][1] > 0
                         and stats[i][0] + stats[i][2] < w and stats[i][1] + stats[i][3] < h]
                if not parts:
                    continue  # nothing printed: a blank cell
                left = min(int(p[0]) for p in parts)
                upper = min(int(p[1]) for p in parts)
                right = max(int(p[0] + p[2]) for p in parts)
                lower = max(int(p[1] + p[3]) for p in parts)
                bx0, by0 = float(int(x0 * SCALE) + m), float(int(top * SCALE) + m)
                box = [[bx0 + left, by0 + upper], [bx0 + right, by0 + upper], [bx0 + right, by0 + lower],
                       [bx0 + left, by0 + lower]]
                looks.append((inside, box, crop[upper:lower, left:right], lone))
    if not looks:
        return cells
    readings = _read_alone([glyphs for _inside, _box, glyphs, _lone in looks])
    for (inside, box, _glyphs, lone), reading in zip(looks, readings, strict=True):
        sure = reading is not None
        if inside and reading is not None and len(reading) != len(inside):
            sure = False  # the page pass saw another number of characters: not settled
        if lone and not sure:
            continue  # a Chinese glyph after all, or not settled: as the page pass read it
        for c in inside:
            out.chars.remove(c)
        out.chars.extend(_spread(box, reading if sure and reading is not None else UNSURE, 1.0))
    return cells


def _lost_glyphs(gray: Any, out: PageContent, lines: list[list[list[float]]], cells: list[_Box]) -> None:
    """Read the ink no recognised character covers: lone numbers in a table without rules.

    Where a table has no ruling lines there are no cells to look at again, and the page pass's
    line detection skips many isolated short glyphs ("0" alone between wide gaps): a row comes out
    with four of its seven numbers. Every group of ink blobs of a character's height that no
    character box covers is read alone (``_read_alone``); a sure number becomes characters at its
    place, a group shaped like digits that is not read for sure becomes unsure ("?"), so its row
    is reported unreadable instead of read one value short. The digits the page pass was unsure
    of are read again the same way; the rest of each recognised line's box is left alone.
    """
    import cv2
    import numpy as np

    sure = [c for c in out.chars if c.text != UNSURE]
    digits = [c.height for c in sure if c.text.isdigit()]
    if len(digits) < 5:
        return  # too little text to know what a character's height is here
    height = float(np.median(digits)) * SCALE
    ink = (gray < _INK).astype(np.uint8)
    for edge in out.h_edges:  # the rules are not glyphs
        y = round(edge.pos * SCALE)
        ink[max(0, y - 3):y + 4, int(edge.lo * SCALE):int(edge.hi * SCALE) + 1] = 0
    for edge in out.v_edges:
        x = round(edge.pos * SCALE)
        ink[int(edge.lo * SCALE):int(edge.hi * SCALE) + 1, max(0, x - 3):x + 4] = 0
    pad = 2
    for quad in lines:  # what the page pass read
        ink[max(0, int(min(p[1] for p in quad)) - pad):int(max(p[1] for p in quad)) + pad + 1,
            max(0, int(min(p[0] for p in quad)) - pad):int(max(p[0] for p in quad)) + pad + 1] = 0
    for c in out.chars:  # and what the cells' second look read
        ink[max(0, int(c.top * SCALE) - pad):int(c.bottom * SCALE) + pad + 1,
            max(0, int(c.x0 * SCALE) - pad):int(c.x1 * SCALE) + pad + 1] = 0
    unsure = [c for c in out.chars if c.text == UNSURE and not any(_in_box(c, cell) for cell in cells)]
    wide = 0.25 * height
    for c in unsure:  # digits the page pass was not sure of, outside ruled cells: read them again
        out.chars.remove(c)
        rows = slice(int(c.top * SCALE), int(c.bottom * SCALE) + 1)
        cols = slice(max(0, int(c.x0 * SCALE - wide)), int(c.x1 * SCALE + wide) + 1)
        ink[rows, cols] = gray[rows, cols] < _INK
    count, _labels, stats, _c = cv2.connectedComponentsWithStats(ink, connectivity=8)
    found = [(int(x), int(y), int(x + w), int(y + h)) for x, y, w, h, area in stats[1:count] if area >= 4]
    if len(found) > 10 * _MAX_LOST:
        return  # a page of specks or a photo, not a table's lone numbers (and the search below grows as n²)
    tall = sorted(b for b in found if 0.6 * height <= b[3] - b[1] <= 1.3 * height and b[2] - b[0] <= 0.8 * height)
    groups: list[list[int]] = []  # x0, top, x1, bottom of digit-sized blobs that make one number
    for x0, top, x1, bottom in tall:
        for g in groups:
            if 0 <= x0 - g[2] <= 0.5 * height and min(bottom, g[3]) - max(top, g[1]) > 0.5 * height:
                g[2], g[1], g[3] = max(g[2], x1), min(g[1], top), max(g[3], bottom)
                break
        else:
            groups.append([x0, top, x1, bottom])
    for g in groups:  # a sign or a decimal point beside the digits is part of the number
        for x0, top, x1, bottom in found:
            if bottom - top < 0.6 * height and g[1] <= top and bottom <= g[3] \
                    and (0 <= g[0] - x1 <= 0.5 * height or 0 <= x0 - g[2] <= 0.5 * height):
                g[0], g[2] = min(g[0], x0), max(g[2], x1)
    groups = [g for g in groups if _on_paper(gray, g)]
    # Only where the line holds something else: a lone mark (an icon, a speck under a menu) is no
    # number, and a table row has its label or other numbers beside it.
    bands = [(c.top * SCALE, c.bottom * SCALE) for c in out.chars] + [(g[1], g[3]) for g in groups]
    groups = [g for g in groups if sum(min(g[3], b) - max(g[1], t) > 0.5 * (g[3] - g[1]) for t, b in bands) > 1]
    if not groups or len(groups) > _MAX_LOST:
        return  # nothing lost, or too much to be a table's lone numbers
    readings = _read_alone([gray[top:bottom, x0:x1] for x0, top, x1, bottom in groups])
    for (x0, top, x1, bottom), text in zip(groups, readings, strict=True):
        box = [[float(x0), float(top)], [float(x1), float(top)], [float(x1), float(bottom)], [float(x0), float(bottom)]]
        out.chars.extend(_spread(box, text if text is not None else UNSURE, 1.0))


_MAX_LOST = 300  # groups of lost ink a page may have read again (a table page has under a hundred)
_RING = 3  # pixels around a group of glyphs that must be mostly paper


def _on_paper(gray: Any, box: list[int]) -> bool:
    """Whether the ink at ``box`` stands on paper: a printed number does, a piece of a dark banner
    or a photo left over from masking the lines read around it does not."""
    x0, top, x1, bottom = box
    h, w = gray.shape
    outer = gray[max(0, top - _RING):min(h, bottom + _RING), max(0, x0 - _RING):min(w, x1 + _RING)]
    ring = int((outer < _INK).sum()) - int((gray[top:bottom, x0:x1] < _INK).sum())
    area = outer.size - (bottom - top) * (x1 - x0)
    return area > 0 and ring <= 0.25 * area


def _latin_or_unsure(text: str) -> bool:
    """A character of a cell the page pass may have misread: a digit, an unsure mark, or a Latin
    letter or sign such as "D", "o", "O" read for a lone "0"."""
    return text == UNSURE or text.isascii()


_AGREE_SCORE = 0.5  # each view that reads the number at least this sure, when none is DIGIT_SCORE sure


def _views(glyphs: Any) -> list[Any]:
    """The ways one cell's glyphs are shown to the recogniser, as the images it takes (BGR).

    A recogniser trained on lines of text is least sure of a lone short glyph: a "0" alone in a
    cell often scores 0.6–0.9 though read right, and now and then comes out as "D" or "宁". So the
    glyphs are shown three ways — tight, with a wide margin, and enlarged — and their reading is
    settled by what the views agree on (``_read_alone``). (Written three times over as a line,
    "0 0 0" came back as "0：0": that view misleads and is not used.)
    """
    import cv2
    import numpy as np

    h = int(glyphs.shape[0])
    enlarged = cv2.resize(glyphs, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
    shown = [np.pad(glyphs, 2, constant_values=255), np.pad(glyphs, max(4, h // 2), constant_values=255),
             np.pad(enlarged, max(4, h), constant_values=255)]
    return [cv2.cvtColor(np.ascontiguousarray(v), cv2.COLOR_GRAY2BGR) for v in shown]


def _read_alone(cells: list[Any]) -> list[str | None]:
    """Each cell's number where its views read one number, else None (unsure).

    The reading is sure where at least two views read the same number, no view reads another
    number, and either one of them is at least ``DIGIT_SCORE`` sure or each at least
    ``_AGREE_SCORE``: differently drawn images read the same way by the model are firmer than one
    image read a little surer. A view that reads no number abstains: with a wide margin a small
    "0" alone is now and then taken for "。".
    """
    images = [view for glyphs in cells for view in _views(glyphs)]
    results, _elapsed = _engine().text_rec(images)
    per = len(images) // len(cells)
    out: list[str | None] = []
    for i in range(len(cells)):
        found = [(str(text).strip(), float(score)) for text, score in results[i * per:(i + 1) * per]]
        numbers = [(t, score) for t, score in found if _NUMBER.fullmatch(t)]
        texts = {t for t, _s in numbers}
        scores = [score for _t, score in numbers]
        sure = len(texts) == 1 and len(numbers) >= 2 and (max(scores) >= DIGIT_SCORE or min(scores) >= _AGREE_SCORE)
        out.append(numbers[0][0] if sure else None)
    return out


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


_STOPS = frozenset("。·")  # never between two numbers in Chinese text; a "、" or "：" may be


_STRIP = 8.0  # points: the page's height cut into strips, so a mark looks only at its own line


def _stops_among_numbers(out: PageContent) -> bool:
    """Punctuation standing between numbers is misread digits: "1 0 0 0 0 。。 0 1" (two 0s).

    Such a mark becomes unsure, so the lost-glyph pass reads its ink again. Whether any did."""
    changed = False
    stops = [i for i, c in enumerate(out.chars) if c.text in _STOPS]
    if not stops:
        return False
    rows: dict[int, list[Char]] = {}  # characters by the strips of page they touch: a line's neighbours
    for d in out.chars:
        for strip in range(int(d.top // _STRIP), int(d.bottom // _STRIP) + 1):
            rows.setdefault(strip, []).append(d)
    for i in stops:
        c = out.chars[i]
        reach = 3 * max(c.height, 1.0)
        near = {id(d): d for strip in range(int(c.top // _STRIP), int(c.bottom // _STRIP) + 1)
                for d in rows.get(strip, ())}
        band = [d for d in near.values() if d is not c
                and min(c.bottom, d.bottom) - max(c.top, d.top) > 0.5 * min(c.height, d.height)]
        x0, x1 = c.x0, c.x1  # the run of marks this one stands in ("。。")
        for d in sorted((d for d in band if d.text in _STOPS), key=lambda d: d.x0):
            if x1 - 1 <= d.x0 <= x1 + c.height:
                x1 = d.x1
        for d in sorted((d for d in band if d.text in _STOPS), key=lambda d: -d.x1):
            if x0 - c.height <= d.x1 <= x0 + 1:
                x0 = d.x0
        row = [d for d in band if d.text not in _STOPS]
        left = max((d for d in row if d.x1 <= x0 + 1 and x0 - d.x1 <= reach), key=lambda d: d.x1, default=None)
        right = min((d for d in row if d.x0 >= x1 - 1 and d.x0 - x1 <= reach), key=lambda d: d.x0, default=None)
        if left and right and all(d.text.isdigit() or d.text == UNSURE for d in (left, right)):
            out.chars[i] = Char(UNSURE, c.x0, c.top, c.x1, c.bottom)
            changed = True
    return changed


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
