"""Turning the stretch of text between two row labels into the row's cell values.

Every layout reduces to the same question: which number tokens (and, for real table cells,
blank cells) lie between this row's label and the next one, and do they fill the row exactly?
A row that does not fill exactly is never shifted: its cells become null with a problem, unless
the digits were printed glued together (crawler text) and the table's own arithmetic admits
exactly one way to split them.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from gongkai.model.provenance import Where
from gongkai.readers.document import BLANK_MARKS, Document

# A number as printed: optional sign, digits with optional thousands separators, decimals, and a
# unit printed inside the cell. An item number ("1." "2、" before a label) is not a value.
# The pattern starts with a character class so that the regex engine can skip straight to a
# digit or sign; what may precede the number (not a digit or point, or a digit before a glued
# "-5") is asserted just after that first character. A pattern starting with a lookaround is tried
# at every position, which dominated extraction time.
_NUMBER = re.compile(
    r"(?P<num>[-\d]"
    r"(?:(?<![\d.A-Za-z][-\d])|(?<=\d-)(?=\d))"
    r"(?:(?<=-)(?:\d{1,3}(?:,\d{3})+|\d+)|(?<=\d)(?:\d{0,2}(?:,\d{3})+|\d*))"
    r"(?:\.\d+)?)(?![\dA-Za-z]|\.[\dA-Za-z])"
    r"(?:[ ]?(?P<unit>万元|元|件|条|个|项|次|人次|%)|(?P<item>[ ]?[.、](?!\d))|(?P<date>[ ]?[年月日号]))?"
)
_GLUE_CHARS = frozenset(")）”\"")


def _glued_to_text(prev: str) -> bool:
    """Whether digits after the character ``prev`` touch text: a CJK character or a closing mark.

    A comparison, not a regex: a character class over the CJK ranges costs ~4 ms to compile,
    paid by every run of ``gongkai parse``.
    """
    return prev in _GLUE_CHARS or "\u3400" <= prev <= "\u9fff" or "\uf900" <= prev <= "\ufaff"


class Token(NamedTuple):
    """A number as printed, or a blank grid cell; a tuple because a report makes hundreds."""

    value: int | Decimal | None  # None: a blank table cell
    start: int
    end: int
    raw: str
    glued: bool  # digits printed directly after text, with no separator (crawler text)

    @property
    def is_blank(self) -> bool:
        return self.value is None


_MAX_DIGITS = 18  # longer than any count or amount a report prints: not read as a number


def parse_number(text: str) -> int | Decimal | None:
    text = text.replace(",", "")
    if len(text) > _MAX_DIGITS + 8:
        return None  # an absurd run ("9" * 5000) is a cell with a problem, not a value
    try:
        return Decimal(text) if "." in text else int(text)
    except (ValueError, InvalidOperation):
        return None


def _all_numbers(doc: Document, after: int = 0) -> tuple[list[int], list[Token]]:
    """The number tokens of the document from ``after`` on, found in one pass and kept.

    The tables are read in document order, so the first request says where numbers start to
    matter: the preamble and section 一 before it are not scanned unless asked for later.
    """
    cached = doc.cache.get("numbers")
    if cached is not None and cached[0] <= after:
        return cached[1], cached[2]
    text = doc.folded
    raw_text = doc.text
    out: list[Token] = []
    starts: list[int] = []
    begin = doc.lines._starts[doc.line_index(after)] if after > 0 else 0
    new = tuple.__new__  # a Token without the Python-level constructor call: hundreds per report
    for m in _NUMBER.finditer(text, begin):
        num, unit, item, date = m.groups()
        if date is not None or unit == "%":
            continue
        s = m.start()
        e = s + len(num)
        prev = text[s - 1] if s > 0 else " "
        if item is not None:
            # "…信息3100000312.没有现成…": crawler text glues a row's digits to the next label's
            # item number; the last digit is that number, the rest are values.
            if e - s > 1 and text[e - 2].isdigit() and (
                _glued_to_text(prev) or (prev == " " and (e - s > 2 or text[s] == "0"))
            ):
                e -= 1
                value = parse_number(text[s:e])
                if value is not None:
                    starts.append(s)
                    out.append(Token(value, s, e, raw_text[s:e], True))
            continue
        if prev == "第":  # "第20条"
            continue
        if prev == "(" and text.startswith(")", e):  # "第(5)项"
            continue
        value = int(num) if num.isdigit() and len(num) <= _MAX_DIGITS else parse_number(num)
        if value is None:
            continue
        end = m.end() if unit is not None else e
        starts.append(s)
        out.append(new(Token, (value, s, end, raw_text[s:end], prev in _GLUE_CHARS
                               or "\u3400" <= prev <= "\u9fff" or "\uf900" <= prev <= "\ufaff")))
    doc.cache["numbers"] = (begin, starts, out)
    return starts, out


# Letters among a row's numbers: OCR reads 0 as "O" and 1 as "l" or "I", and a table rule beside a
# number as "l" or "I", so "l8" may be 18 or 8. Digits touching a letter are no number (``_NUMBER``
# does not match them), and a row whose count of numbers falls short looks for such runs and for
# lone "O"/"l"/"I": they are its unreadable cells, not cells it lacks.
_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_LATIN = re.compile(r"[A-Za-z]+")


def damaged_in(doc: Document, start: int, end: int) -> list[Token]:
    """The runs of letters and digits in ``doc.text[start:end]``, and the lone "O"/"l"/"I"/"D"."""
    text = doc.folded
    out: list[Token] = []
    for m in _LATIN.finditer(text, start, end):
        s, e = m.span()
        if (s > start and "0" <= text[s - 1] <= "9") or (e < end and "0" <= text[e] <= "9"):
            while s > start and text[s - 1] in _ALNUM:
                s -= 1
            while e < end and text[e] in _ALNUM:
                e += 1
        elif (m.group().strip("OolI") and m.group() != "D") or (s > start and text[s - 1] in _ALNUM) \
                or (e < end and text[e] in _ALNUM):
            continue
        if out and s < out[-1].end:
            continue  # the letters after digits, already taken with them
        out.append(Token(None, s, e, doc.text[s:e], False))
    return out


def numbers_in(doc: Document, start: int, end: int) -> list[Token]:
    """Number tokens lying wholly in ``doc.text[start:end]``, in reading order."""
    starts, numbers = _all_numbers(doc, start)
    out = numbers[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
    if out and out[-1].end > end:
        out.pop()
    return out


def tokens_in(doc: Document, start: int, end: int) -> list[Token]:
    """Number tokens and blank cells in ``doc.text[start:end]``, in reading order.

    A blank cell is a grid cell that prints nothing countable, or, in text without cell
    boundaries, a run of no-break or ideographic spaces standing alone between spaces or line
    ends: what HTML-to-text tools make of an empty ``<td>&nbsp;</td>`` ("821 35 \xa0 \xa0 2 1
    859", or a line holding only "\xa0" where each cell is a line).
    """
    out = numbers_in(doc, start, end)
    blanks = [Token(None, cell.start, cell.end, cell.text, False) for cell in doc.blanks_in(start, end)]
    text = doc.text
    taken = {t.start for t in blanks}
    for m in _SPACE_CELL.finditer(text, start, end):  # (a character class: the scan skips in C)
        a, b = m.span()
        if a not in taken and (a == 0 or text[a - 1] in " \t\n") and (b == len(text) or text[b] in " \t\n"):
            blanks.append(Token(None, a, b, m.group(), False))
    if blanks:
        out.extend(blanks)
        out.sort(key=_start)
    return out


_SPACE_CELL = re.compile("[\xa0\u3000]+")


def _start(t: Token) -> int:
    return t.start


@dataclass(slots=True)
class RowResult:
    values: list[int | Decimal | None]
    wheres: list[Where | None]
    problem: str | None = None  # None | "missing_cell" | "extra_cells" | "mixed" | "ambiguous" | "blank_cell"
    found: int = 0
    candidates: list[list[int | Decimal | None]] | None = None
    printed: list[str] | None = None  # printed text of each cell, for messages about blank cells
    # Glued digits: every split the characters allow, and those whose row sums add up.
    options: list[tuple[int | Decimal | None, ...]] | None = None
    balanced: list[tuple[int | Decimal | None, ...]] | None = None
    # Where the digits were printed, when ``options`` was not listed yet: (stretch, cells, width).
    source: tuple[str, int, int] | None = None
    # Unreadable cells: the row's cell tokens (aligned with ``values``), for ``misread.repair``;
    # and the cells it read, as (column index, printed text).
    cells: list[Token] | None = None
    repaired: list[tuple[int, str]] | None = None


def row_cells(doc: Document, start: int, stop: int | None = None) -> list[Token] | None:
    """The cells after ``start`` in its own table row, one token each, or None if not a table row.

    Blank cells are tokens with value None; a cell with words but no number is a token with
    value None and its text in ``raw`` (``unreadable``).
    """
    line = doc.line_at(start)
    if line.kind != "row":
        return None
    # The anchor's own cell is label text; a later label on the line starts another row, and the
    # cell it stands in is that row's (a label cue may start inside its cell: "（二）部分公开").
    # (Cells and tokens are read by position, not by field name: this runs for every row.)
    cells = [c for c in line.cells if c[1] >= start and (stop is None or c[4] <= stop)]
    if not cells:
        return []
    found = numbers_in(doc, cells[0][1], cells[-1][4])
    out: list[Token] = []
    i = 0
    n = len(found)
    for text, c_start, _grid, _where, c_end in cells:
        first = None
        count = 0
        while i < n:
            token = found[i]
            t_start = token[1]
            if t_start >= c_end:
                break
            if t_start >= c_start:
                first = token
                count += 1
            i += 1
        if count == 1 and " " in text and _LATIN.search(text):
            count = 0  # "O 0": a number beside letters OCR made of digits, not that number
        out.append(first if count == 1 else Token(None, c_start, c_end, text, False))  # type: ignore[arg-type]
    return out


def _padding(cell: Token) -> bool:
    """Whether a cell at a row's end printed nothing at all: a merged label's continuation or the
    padding after the last cell, which may be dropped. A cell holding a no-break space printed
    that space (HTML's ``<td>&nbsp;</td>``, an empty cell of the table) and is the row's own."""
    raw = cell.raw
    return cell.value is None and (not raw or (raw.isascii() and raw.isspace()))


def resolve_cells(doc: Document, cells: list[Token], n: int) -> RowResult | None:
    """Fit a table row's own cells to ``n`` values; None when the row does not decide it."""
    nums = [t for t in cells if t.value is not None]
    if len(nums) == n:
        return RowResult([t.value for t in nums], _wheres(doc, nums), found=n)
    trimmed = list(cells)
    while len(trimmed) > n and _padding(trimmed[0]):
        trimmed.pop(0)
    while len(trimmed) > n and _padding(trimmed[-1]):
        trimmed.pop()
    if len(trimmed) != n:
        return None
    if not nums and any(t.raw.strip() not in BLANK_MARKS for t in trimmed):
        return None  # words, not values: this is not the row's own value cells
    problem = "blank_cell"
    if any(t.value is None and t.raw.strip() not in BLANK_MARKS for t in trimmed):
        problem = "unreadable_cell"
        if any(_padding(t) for t in trimmed):
            # An empty position may be a spanned label's, the row one value short: which cell
            # holds what is not known, so none is read (and no cell is called blank).
            return RowResult([None] * n, [None] * n, problem="missing_cell", found=len(nums))
    return RowResult(
        [t.value for t in trimmed], [_where(doc, t) if t.value is not None else None for t in trimmed],
        problem=problem, found=len(nums),
        printed=[t.raw.strip() for t in trimmed], cells=trimmed if problem == "unreadable_cell" else None,
    )


def _misread(doc: Document, result: RowResult, groups: tuple[int, ...] | None) -> RowResult:
    """Cells printed with letters for digits, read where the row's sums settle them (rare: loaded then)."""
    if result.problem != "unreadable_cell" or not groups:
        return result
    from gongkai.readers.extract.misread import repair

    return repair(doc, result, groups)


def resolve(
    doc: Document,
    tokens: list[Token],
    n: int,
    *,
    summed_groups: tuple[int, ...] | None = None,
    hints: frozenset[int | Decimal] = frozenset(),
    cells: list[Token] | None = None,
    kinds: tuple[tuple[bool, bool], ...] | None = None,
) -> RowResult:
    """Fit ``tokens`` to a row of ``n`` cells, or say why they do not fit.

    ``kinds`` gives each column's (signed, decimal) for splitting glued runs in section 二.

    ``summed_groups`` describes the row's own arithmetic for splitting glued digits: groups of
    cells whose last cell is the sum of the others (section 三: (7,); section 四: (5, 5, 5)).
    """
    if cells:
        fitted = resolve_cells(doc, cells, n)
        if fitted is not None:
            return fitted if fitted.problem != "unreadable_cell" else _misread(doc, fitted, summed_groups)
    nums = [t for t in tokens if not t.is_blank]
    if len(nums) == n:
        return RowResult([t.value for t in nums], _wheres(doc, nums), found=n)
    trimmed = _trim_blanks(tokens, n)
    if len(trimmed) == n and any(t.is_blank for t in trimmed):
        return RowResult(
            [t.value for t in trimmed],
            [_where(doc, t) for t in trimmed],
            problem="blank_cell",
            found=len(nums),
        )
    run = glued_run(doc, nums)
    if run is not None and 0 < len(nums) < n:
        if kinds is not None:
            return _split_typed(doc, nums, run, kinds, hints)
        if len(nums) == 1 and isinstance(nums[0].value, int) and nums[0].value >= 0:
            return _split_glued(doc, nums[0], n, summed_groups, hints)
    problem = "extra_cells" if len(nums) > n else "missing_cell"
    return RowResult([None] * n, [None] * n, problem=problem, found=len(nums))


def resolve_span(
    doc: Document,
    start: int,
    stop: int,
    n: int,
    *,
    summed_groups: tuple[int, ...] | None = None,
    hints: frozenset[int | Decimal] = frozenset(),
    kinds: tuple[tuple[bool, bool], ...] | None = None,
    width: int = 12,
    glue: bool | Callable[[], bool] = False,
    strict: bool = False,
) -> RowResult:
    """``resolve`` for the values between a row's label (ending at ``start``) and ``stop``: the
    row's own table cells first, the number tokens of the stretch only when the cells do not decide.

    ``strict``: some row of the table was not found, so a stretch may hold another row's label and
    values too; then a stretch with words among its numbers is not read, and letters among the
    numbers ("l件") are looked for even where the count fits, as one lost value and one leaked
    value would fit it by chance."""
    cells = row_cells(doc, start, stop)
    if strict and _words_among_values(doc, start, stop, cells):
        return RowResult([None] * n, [None] * n, problem="mixed", found=len(numbers_in(doc, start, stop)))
    if cells:
        fitted = resolve_cells(doc, cells, n)
        if fitted is not None and not (strict and damaged_in(doc, start, stop)):
            return fitted if fitted.problem != "unreadable_cell" else _misread(doc, fitted, summed_groups)
    nums = numbers_in(doc, start, stop)
    if len(nums) != n or strict:
        bad = damaged_in(doc, start, stop)
        if bad:
            return _misread(doc, unreadable_row(doc, nums, bad, n), summed_groups)
    text = doc.folded
    first = _FIRST_DIGIT.search(text, start, min(stop, start + _LABEL_TAIL + 1))
    if first is not None and _label_tail(text, start, first.start()) and (
        len(nums) != n or _may_be_glued(text, first.start(), stop, n, width, glue)
    ):
        if len(nums) == n and text.find("\n", start, first.start()) < 0 and _rest_on_own_lines(text, first.start(), nums):
            # The row's first values on the label's line, the others one a line below it ("3.危及
            # “三安全一稳定” 0" / "1" / "1" / …: PyMuPDF's text of a ruled table), in a table that
            # glues digits elsewhere: not a run to split, the row's numbers as printed.
            return RowResult([t.value for t in nums], _wheres(doc, nums), found=n)
        inline = split_row(doc, first.start(), stop, n, nums, width=width, kinds=kinds, groups=summed_groups,
                           hints=hints, glue=glue)
        if inline is not None:
            return inline
    if len(nums) == n:  # the common case: blank cells cannot change the answer
        return RowResult([t.value for t in nums], _wheres(doc, nums), found=n)
    return resolve(doc, tokens_in(doc, start, stop), n, summed_groups=summed_groups, hints=hints, kinds=kinds)


_WORDS = re.compile("[\u4e00-\u9fff]{2,}")


def _words_among_values(doc: Document, start: int, stop: int, cells: list[Token] | None) -> bool:
    """Whether words stand among the values (numbers and blank cells) of the stretch: another
    row's label that was not found, with that row's values after it."""
    if cells:  # a table row's own cells: its words are cells holding text, not padding
        first = next((i for i, t in enumerate(cells) if t.value is not None or (t.raw and t.raw.isspace())), None)
        end = next((i for i in range(len(cells) - 1, -1, -1) if cells[i].value is not None), None)
        return first is not None and end is not None and any(
            t.value is None and _WORDS.search(t.raw) for t in cells[first + 1:end])
    tokens = tokens_in(doc, start, stop)  # blank cells too: a row's first value may be one
    last = next((t for t in reversed(tokens) if t.value is not None), None)
    return last is not None and tokens[0] is not last and _WORDS.search(doc.folded, tokens[0].end, last.start) is not None


def unreadable_row(doc: Document, nums: list[Token], bad: list[Token], n: int) -> RowResult:
    """A row holding runs like "l8": those cells null, each an unreadable cell, the others read
    where the row has exactly its ``n`` cells; otherwise the whole row null."""
    tokens = sorted([*nums, *bad], key=_start)
    if len(tokens) != n:
        return RowResult([None] * n, [None] * n, problem="missing_cell" if len(tokens) < n else "extra_cells",
                         found=len(tokens))
    return RowResult([t.value for t in tokens], [_where(doc, t) if t.value is not None else None for t in tokens],
                     problem="unreadable_cell", found=len(nums), printed=[t.raw for t in tokens], cells=tokens)


def _rest_on_own_lines(text: str, first: int, nums: list[Token]) -> bool:
    """Whether every number after the line of ``first`` (the label's line) stands alone on a line
    of its own, at least one of them: a row whose cells a tool wrote one a line after the first."""
    end = text.find("\n", first)
    if end < 0 or nums[-1].start < end:
        return False
    for t in nums:
        if t.start < end:
            continue
        if text[t.start - 1] != "\n" and text[text.rfind("\n", 0, t.start) + 1:t.start].strip():
            return False
        after = text.find("\n", t.end)
        if text[t.end:after if after >= 0 else len(text)].strip():
            return False
    return True


def _may_be_glued(text: str, a: int, stop: int, n: int, width: int, glue: bool | Callable[[], bool]) -> bool:
    """False only when ``split_row`` could do nothing but confirm a row's ``n`` numbers as printed.

    ``split_row`` splits digits only where the print shows glue (the first number touches the
    label, a piece starts with "0" and a digit, or the table glues digits elsewhere) and reports a
    row too long for its cells; otherwise it returns the row's number tokens, or nothing, and the
    caller takes the same tokens. Each test here looks at ``text[a:stop]``, a superset of the
    stretch ``split_row`` reads, so a "no" is exact; rows printed with spaces between their
    numbers (PDF text, the common case) skip the stretch search.
    """
    if stop - a > (width + 8) * n:
        return True
    prev = text[a - 1] if a > 0 else " "
    if prev in _GLUE_CHARS or "\u3400" <= prev <= "\u9fff":
        return True
    if text.startswith("0", a) and a + 1 < len(text) and text[a + 1].isdigit():
        return True
    for m in _ZERO_DIGIT.finditer(text, a + 1, stop):  # "0" then a digit, found by its literal "0"
        if text[m.start() - 1] in " \t":  # … at the start of a piece
            return True
    return glue() if callable(glue) else glue


_ZERO_DIGIT = re.compile(r"0\d")
_FIRST_DIGIT = re.compile(r"\d")
_WHOLE = re.compile(r"0|[1-9]\d*")
_LABEL_TAIL = 80  # label text a row cue may leave unmatched before the numbers ("…申请数量")


def shows_glue(tokens: list[Token]) -> bool:
    """Whether numbers were printed glued: touching a label, or with a leading zero ("0000000")."""
    return any(t.glued or (len(t.raw) > 1 and t.raw[0] == "0" and t.raw[1].isdigit()) for t in tokens)


def _label_tail(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is the rest of a row label: short, one line, not a sentence."""
    if end - start > _LABEL_TAIL:
        return False
    tail = text[start:end]
    return "\n" not in tail and "。" not in tail


_SPLIT: Any = None


def _split_module() -> Any:
    """``gongkai.readers.extract.split``, imported on the first row printed after its label (an
    import statement in ``split_row`` itself cost a lookup on every row of every PDF text)."""
    global _SPLIT
    if _SPLIT is None:
        from gongkai.readers.extract import split as module

        _SPLIT = module
    return _SPLIT


def split_row(
    doc: Document,
    start: int,
    stop: int,
    n: int,
    nums: list[Token],
    *,
    width: int,
    kinds: tuple[tuple[bool, bool], ...] | None = None,
    groups: tuple[int, ...] | None = None,
    hints: frozenset[int | Decimal] = frozenset(),
    glue: bool | Callable[[], bool] = False,
) -> RowResult | None:
    """Read the numbers printed right after a label on its own line (crawler text), or None.

    Only the numbers touching the label belong to the row: prose after them ("5949.09(二)…107条")
    does not. Digits are split only where the print shows glue: the first number touches the
    label, a piece has a leading zero ("00", "01"), or the table glues digits elsewhere (``glue``, or a function that tells);
    spaced numbers are taken as printed.
    """
    split = _split_module()
    text = doc.folded
    bounds = split.numeric_stretch(text, start, stop)
    if bounds is None:
        return None
    a, b = bounds
    b = _before_item_number(text, a, b)
    stretch = text[a:b]
    pieces = stretch.split()
    if not pieces:
        return None
    digits = len("".join(pieces))
    if digits > (width + 8) * n:  # more digits than the whole row can hold: not a search
        return RowResult([None] * n, [None] * n, problem="too_long", found=digits)
    prev = text[a - 1] if a > 0 else " "
    touches = not stretch[0].isspace() and (prev in _GLUE_CHARS or "\u3400" <= prev <= "\u9fff")
    glued = (
        touches
        or any(len(p) > 1 and p[0] == "0" and p[1].isdigit() for p in pieces)
        or (glue() if callable(glue) else glue)  # a table's answer, asked only here (see read_requests)
    )
    if not glued:
        inner = [t for t in nums if a <= t.start and t.end <= b]
        if len(inner) == n and b < stop:
            return RowResult([t.value for t in inner], [_where(doc, t) for t in inner], found=n)
        return None
    if len(stretch) == n and stretch.isdigit():  # one digit per cell: nothing to search
        span = doc.where(a, b, raw=stretch)
        return RowResult([int(ch) for ch in stretch], [span] * n, found=n)  # type: ignore[misc]
    if len(pieces) == n and all(_WHOLE.fullmatch(p) and len(p) <= width for p in pieces):
        # One number per piece fills the row; any other split would need more cells than it has.
        inner = [t for t in nums if a <= t.start and t.end <= b]
        if len(inner) == n:
            return RowResult([t.value for t in inner], [_where(doc, t) for t in inner], found=n)
    lead = len(stretch) - len(stretch.lstrip())
    span = doc.where(a + lead, a + len(stretch.rstrip()), raw=stretch.strip())
    balanced: list[tuple[int | Decimal | None, ...]] | None = None
    if groups and kinds is None:
        # The arithmetic usually settles the row: list the splits that add up, and every split
        # only when the digits alone settle it or nothing adds up (``settle`` asks for the rest).
        if len(pieces) == 1 and stretch == pieces[0] and stretch.isdigit() and len(stretch) <= n * width:
            # Plain glued digits (the common crawler row): the summed search of ``split_digits``.
            plain = True
            balanced = list(split_digits(stretch, groups, summed=True))  # type: ignore[arg-type]
        else:
            searched = split.split_stretch(stretch, n, width, groups=groups, balanced_only=True)
            plain = searched.problem is None
            balanced = searched.options
        if plain and balanced and split.count_splits(stretch, n, width) > 1:
            result = choose(_fewest_blanks(balanced), span, n)
            result.balanced = _fewest_blanks(balanced)
            result.source = (stretch, n, width)
            return result
    found = split.split_stretch(stretch, n, width, kinds=kinds)
    if found.problem == "too_long":
        return RowResult([None] * n, [None] * n, problem="too_long", found=sum(len(p) for p in pieces))
    if found.problem is not None:
        return None
    options = found.options
    if groups:
        if found.complete:
            balanced = [o for o in options if _adds_up(o, groups)]
        elif balanced is None:
            balanced = split.split_stretch(stretch, n, width, kinds=kinds, groups=groups, balanced_only=True).options
        if balanced:
            # A split that adds up without assuming unprinted blank cells explains the print by the
            # template's own rule; one that needs blanks to add up as well is not a rival to it.
            fewest = min(o.count(None) for o in balanced)
            balanced = [o for o in balanced if o.count(None) == fewest]
    if not options and not balanced:
        return RowResult([None] * n, [None] * n, problem="missing_cell", found=len(pieces))
    if len(options) > 1 and hints:
        scored = [(len(hints.intersection(v for v in o if v is not None)), o) for o in options]
        best = max(score for score, _ in scored)
        if best > 0:
            options = [o for score, o in scored if score == best]
    result = choose(options if found.complete else [], span, n)
    result.options = options if found.complete else None
    result.balanced = balanced
    return result


def _fewest_blanks(options: list[tuple[int | Decimal | None, ...]]) -> list[tuple[int | Decimal | None, ...]]:
    """Among splits that add up, those needing the fewest unprinted blank cells (see split_row)."""
    fewest = min(o.count(None) for o in options)
    return [o for o in options if o.count(None) == fewest]


def _before_item_number(text: str, a: int, b: int) -> int:
    """Where the row's numbers end when the next label's item number ("2." "2、") is glued to them:
    "…秘密00000002.其他法律…" holds seven zeros, then the label "2.其他法律…"."""
    end = b
    while end > a and text[end - 1] == " ":
        end -= 1
    if end > a and text[end - 1] == ".":
        end -= 1
    elif not (end < len(text) and text[end] == "、" and end == b):
        return b
    if end > a and text[end - 1].isdigit():
        return end - 1
    return b


def choose(
    options: list[tuple[int | Decimal | None, ...]], span: Where, n: int
) -> RowResult:
    """The row's values when one split remains; otherwise the cells all splits agree on, and a problem."""
    if len(options) == 1:
        values = list(options[0])
        problem = "blank_cell" if any(v is None for v in values) else None
        return RowResult(values, [span if v is not None else None for v in values], problem=problem, found=n,
                         printed=["" if v is None else str(v) for v in values] if problem else None)
    agreed: list[int | Decimal | None] = [None] * n
    if options:
        agreed = [col[0] if len(set(col)) == 1 else None for col in zip(*options, strict=True)]
    return RowResult(
        agreed,
        [span if v is not None else None for v in agreed],
        problem="ambiguous",
        found=1,
        candidates=[list(o) for o in options[:20]],
    )


def _adds_up(option: tuple[int | Decimal | None, ...], groups: tuple[int, ...]) -> bool:
    i = 0
    for size in groups:
        part = option[i : i + size]
        i += size
        if sum(v or 0 for v in part[:-1]) != (part[-1] or 0):
            return False
    return True


def _trim_blanks(tokens: list[Token], n: int) -> list[Token]:
    """The ``n`` tokens left once blank cells at the ends are dropped, when only one choice gives ``n``.

    Blank cells before a row's first number or after its last may be the row's own (an empty
    自然人 or 总计 cell, common in tables that leave zeros empty) or not (the next row's padding).
    When the blanks at one end only can be dropped to leave ``n`` tokens, that is the row; when
    blanks at both ends could go, which end's are the row's cannot be told, and nothing fits.
    """
    lead = 0
    while lead < len(tokens) and tokens[lead].is_blank:
        lead += 1
    trail = 0
    while trail < len(tokens) - lead and tokens[-1 - trail].is_blank:
        trail += 1
    extra = len(tokens) - n
    if extra < 0 or extra > lead + trail:
        return tokens[lead:len(tokens) - trail]  # too few or too many tokens either way: not n
    choices = [a for a in range(max(0, extra - trail), min(lead, extra) + 1)]
    if len(choices) != 1:
        return tokens[lead:len(tokens) - trail]
    a = choices[0]
    return tokens[a:len(tokens) - (extra - a)]


def _wheres(doc: Document, tokens: list[Token]) -> list[Where | None]:
    """``_where`` of each token of a row (all numbers), in one call to the document."""
    spans: list[tuple[int, int, str | None]] = []
    for value, start, end, raw, _glued in tokens:
        if (raw.isascii() and raw.isdigit() and (raw[0] != "0" or len(raw) == 1)) or raw.strip() == str(value):
            spans.append((start, end, None))
        else:
            spans.append((start, end, raw))
    return doc.wheres(spans)  # type: ignore[return-value]


def _where(doc: Document, t: Token) -> Where:
    raw = t.raw
    # Plain digits as printed (the common case) say nothing the value does not.
    plain = raw.isascii() and raw.isdigit() and (raw[0] != "0" or len(raw) == 1)
    return doc.where(t.start, t.end, None if plain or raw.strip() == str(t.value) else raw)


def _split_glued(
    doc: Document,
    token: Token,
    n: int,
    summed_groups: tuple[int, ...] | None,
    hints: frozenset[int | Decimal],
) -> RowResult:
    """Split a digit run printed without separators into ``n`` numbers the arithmetic allows."""
    run = token.raw.strip()
    candidates: list[tuple[int | Decimal, ...]] = list(
        split_digits(run, summed_groups or (n,), summed=summed_groups is not None)
    )
    return _choose(doc, token, n, candidates, hints)


def _choose(
    doc: Document, token: Token, n: int, candidates: list[tuple[int | Decimal, ...]], hints: frozenset[int | Decimal]
) -> RowResult:
    run = token.raw.strip()
    if not candidates:
        return RowResult([None] * n, [None] * n, problem="missing_cell", found=1)
    if len(candidates) > 1 and hints:
        scored = [(len(hints.intersection(c)), c) for c in candidates]
        best = max(s for s, _ in scored)
        if best > 0:
            candidates = [c for s, c in scored if s == best]
    span = doc.where(token.start, token.end, raw=run)
    if len(candidates) == 1:
        return RowResult(list(candidates[0]), [span] * n, found=n)
    agreed: list[int | Decimal | None] = [
        col[0] if len(set(col)) == 1 else None for col in zip(*candidates, strict=True)
    ]
    return RowResult(
        agreed,
        [span if v is not None else None for v in agreed],
        problem="ambiguous",
        found=1,
        candidates=[list(c) for c in candidates[:20]],
    )


_MAX_CANDIDATES = 2000
_GLUED_RUN = re.compile(r"[-\d.]+")
_PART = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?")


def glued_run(doc: Document, nums: list[Token]) -> str | None:
    """The digits of ``nums`` as one run, if they were printed glued to the label and each other."""
    if not nums or not nums[0].glued:
        return None
    text = doc.folded[nums[0].start : nums[-1].end]
    return text if _GLUED_RUN.fullmatch(text) else None


def _split_typed(
    doc: Document, nums: list[Token], run: str, kinds: tuple[tuple[bool, bool], ...], hints: frozenset[int | Decimal]
) -> RowResult:
    """Split a glued run for a row whose columns may be signed (2019 增/减) or decimal (万元)."""
    n = len(kinds)
    candidates: list[tuple[int | Decimal, ...]] = []
    for cuts in itertools.combinations(range(1, len(run)), n - 1):
        bounds = (0, *cuts, len(run))
        parts = [run[a:b] for a, b in itertools.pairwise(bounds)]
        values: list[int | Decimal] = []
        for part, (signed, decimal) in zip(parts, kinds, strict=True):
            if not _PART.fullmatch(part) or (part.startswith("-") and not signed) or ("." in part and not decimal):
                break
            value = parse_number(part)
            if value is None:
                break
            values.append(value)
        else:
            candidates.append(tuple(values))
        if len(candidates) > _MAX_CANDIDATES:
            break
    token = Token(None, nums[0].start, nums[-1].end, run, True)
    return _choose(doc, token, n, candidates, hints)


def split_digits(run: str, groups: tuple[int, ...], *, summed: bool) -> list[tuple[int, ...]]:
    """Every way to cut ``run`` into numbers (no leading zeros) filling ``groups``.

    With ``summed``, the last number of each group must equal the sum of the others in it, which
    prunes the search to what the printed arithmetic allows. Candidates come in the order of their
    cuts, shortest numbers first.
    """
    if summed:
        return _split_summed(run, groups)
    results: list[tuple[int, ...]] = []

    def fill(i: int, left: int, acc: list[int]) -> None:
        if len(results) >= _MAX_CANDIDATES:
            return
        if left == 0:
            if i == len(run):
                results.append(tuple(acc))
            return
        if len(run) - i < left:
            return
        for j in _cuts(run, i):
            acc.append(int(run[i:j]))
            fill(j, left - 1, acc)
            acc.pop()

    fill(0, sum(groups), [])
    return results


def _cuts(run: str, i: int) -> range:
    """Where a number starting at ``i`` may end: "0" stands alone, others run up to 12 digits."""
    if i >= len(run):
        return range(0)
    if run[i] == "0":
        return range(i + 1, i + 2)
    return range(i + 1, min(len(run), i + 12) + 1)


def _split_summed(run: str, groups: tuple[int, ...]) -> list[tuple[int, ...]]:
    """``split_digits`` for groups whose last number is the sum of the others.

    The group's total is chosen first, so no part may exceed it: the search stays small even for
    long runs, where cutting every part freely would try thousands of splits.
    """
    results: list[tuple[int, ...]] = []
    n = len(run)
    limit = _MAX_CANDIDATES * 10

    def group(i: int, g: int, acc: list[int]) -> None:
        if len(results) >= limit:
            return
        if g == len(groups):
            if i == n:
                results.append(tuple(acc))
            return
        size = groups[g]
        rest = sum(groups[g + 1:])
        ends = range(n, n + 1) if rest == 0 else range(i + size, n - rest + 1)
        for j in ends:  # the group ends at j; its total is run[t:j]
            for t in range(i + size - 1, j):
                if run[t] == "0" and j - t > 1:
                    continue
                total = int(run[t:j])
                parts(i, t, size - 1, total, total, acc, j, g)

    def parts(i: int, t: int, m: int, left: int, total: int, acc: list[int], then: int, g: int) -> None:
        """Cut ``run[i:t]`` into ``m`` numbers adding up to ``left``, then close the group."""
        if m == 1:  # the last part is what is left of the run
            if 0 < t - i <= 12 and (run[i] != "0" or t - i == 1) and int(run[i:t]) == left:
                acc.append(left)
                acc.append(total)
                group(then, g + 1, acc)
                del acc[-2:]
            return
        if m == 0:  # a group of one cell: its total alone
            if i == t:
                acc.append(total)
                group(then, g + 1, acc)
                acc.pop()
            return
        longest = -(-(t - i) // m)  # some part has at least this many digits, so is this large
        if longest > 1 and 10 ** (longest - 1) > left:
            return
        for k in _cuts(run, i):
            if t - k < m - 1:
                break
            value = int(run[i:k])
            if value > left:
                break
            acc.append(value)
            parts(k, t, m - 1, left - value, total, acc, then, g)
            acc.pop()

    group(0, 0, [])
    results.sort(key=lambda c: tuple(len(str(v)) for v in c))
    return results[:_MAX_CANDIDATES]
