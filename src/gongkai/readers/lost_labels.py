"""Section 三 rows whose label a converter lost: restored by row order, only if the arithmetic agrees.

A converted table can keep a row's seven numbers but lose its label ("|  |  | 3 | 0 | … | 3 |").
The extraction anchors values on labels, so such a row would be read as nobody's numbers. The
template fixes the order of the rows, so when the rows of section 三 — labelled ones and
label-lost ones together — are exactly as many as the template's, and every labelled row sits at
its own place in that order, the lost ones can only be the rows at their places. That is still
only a reading, so it is taken only when the table's arithmetic holds with it in full: every row's
six applicant columns add to its 总计, the result rows add to the 总计 row in every column, and
新收 + 结转 = 总计 + 结转下年度 in every column. Otherwise nothing is restored and the extraction
reports the rows it could not place; no value is ever put in a row by a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import NamedTuple

from gongkai.model import keys
from gongkai.model.template import REQUEST_ROW_SPECS
from gongkai.readers.document import BLANK_MARKS, fold
from gongkai.readers.extract.patterns import compact, cue_regex, loose

_WIDTH = len(keys.REQUEST_COLUMNS)
LABEL_ROW_CELLS = _WIDTH  # the fewest cells a row must have for ``may_restore`` to look at it
_DIGITS = 9  # the longest count a cell is read as
_NUMBER = re.compile(rf"\d{{1,{_DIGITS}}}")
_GROUPS = {"（三）不予公开": "withheld", "（四）无法提供": "unavailable", "（五）不予处理": "not_handled",
           "（六）其他处理": "other"}
_OUTCOMES_HEAD = re.compile(loose("三、本年度办理结果") + "|" + loose("本年度办理结果"))
_NOT_OUTCOMES = ("received", "carried_over", "total", "carried_forward")
_TEMPLATES = (keys.REQUEST_ROWS_2021, keys.REQUEST_ROWS_2019)
# What is left of a row once its numbers and spacing are gone, when it has no label of its own.
_NOT_LABEL = re.compile(r"[\s0-9０-９.．\-—/／|｜]+")
_NO_LABEL = re.compile(r"(?:三、本年度办理结果)?(?:[（(][三四五六][）)](?:不予公开|无法提供|不予处理|其他处理))?")
# Specific rows first: "3.其他" (cue 其他) and "（六）其他处理" would also match the longer labels.
_ORDER = (*tuple(k for k in REQUEST_ROW_SPECS if k not in ("other", "other_misc")), "other", "other_misc")


_Found = tuple[int, int, frozenset[str], list[int | None] | None]


class Restored(NamedTuple):
    key: str  # the row key, e.g. "withheld_secret"
    label: str  # the template label written into the row


@cache
def _group_regex() -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{name}>{loose(label)})" for label, name in _GROUPS.items()))


@lru_cache(maxsize=4096)
def _allowed(label: str) -> frozenset[str] | None:
    """The rows a printed label can be; every row if it is empty; None if it names no section 三 row.

    Cached: reports print the template's own labels, so a batch asks about the same few hundred
    labels again and again, and each answer costs a search per template row.
    """
    text = fold(label)
    text = _OUTCOMES_HEAD.sub("", text)
    group = None
    if m := _group_regex().search(text):
        group = m.lastgroup
        text = text[: m.start()] + text[m.end():]
    flat = compact(text)
    if flat:
        for key in _ORDER:
            spec = REQUEST_ROW_SPECS[key]
            if cue_regex(spec.cues, spec.numbered).search(flat):
                return frozenset({key})
        return None
    if group is None:
        return frozenset(REQUEST_ROW_SPECS)
    members = {k for k, s in REQUEST_ROW_SPECS.items() if s.group and _GROUPS[s.group] == group}
    if group == "other":
        members.add("other")  # the 2019 template's single row is the group label itself
    return frozenset(members)


def _value_start(row: list[str]) -> tuple[int, int] | None:
    """(start, end) of the seven cells a row's values would fill: its last seven, bar padding."""
    end = len(row)
    while end > _WIDTH and not row[end - 1].strip():
        end -= 1  # trailing empty cells a converter pads rows with
    return None if end < _WIDTH else (end - _WIDTH, end)


def _row_values(row: list[str], start: int, end: int) -> list[int | None] | None:
    """The seven values of ``row[start:end]``, or None when a cell holds other text or the label
    cells hold a number too (more numbers than a section 三 row holds)."""
    texts = list(map(str.strip, row[start:end]))
    values: list[int | None] | None
    if all(map(str.isdigit, texts)) and all(map(str.isascii, texts)) and max(map(len, texts)) <= _DIGITS:
        values = list(map(int, texts))  # the common row: seven plain numbers, told in C
    else:
        values = _cell_values(texts)
        if values is None:
            return None
    # (folding maps no other character to a digit, so a cell without one cannot be a number)
    if any(_NUMBER.fullmatch(fold(c).strip()) for c in row[:start] if _DIGIT.search(c)):
        return None
    return values


def _cell_values(texts: list[str]) -> list[int | None] | None:
    values: list[int | None] = []
    for text in texts:
        if not (text.isascii() and text.isdigit()):  # (plain ASCII digits need no folding)
            text = fold(text).strip()
        if _NUMBER.fullmatch(text):
            values.append(int(text))
        elif text in BLANK_MARKS:
            values.append(None)
        else:
            return None
    return values


_DIGIT = re.compile(r"\d")


#: A character that cannot stand in a row without its label: neither what ``_NOT_LABEL`` removes
#: nor a character of the group labels ``_NO_LABEL`` allows. Finding one (the label's own words,
#: nearly always at once) settles that a row has its label without the substitution below.
_LABEL_CHAR = re.compile(r"[^\s0-9０-９.．\-—/／|｜三、本年度办理结果（）()四五六不予公开无法提供处理其他]")


def _unlabelled(joined: str) -> bool:
    """Whether a row's printed text is only numbers (and at most a group label): its label was lost."""
    return _LABEL_CHAR.search(joined) is None and _NO_LABEL.fullmatch(_NOT_LABEL.sub("", joined)) is not None


def unlabelled_lines(lines: list[str]) -> bool:
    """Whether a tab-separated line of seven cells or more holds no character of a label of its
    own and at most nine filled cells: ``may_restore``'s test, asked of every line as it is, before
    the table rows are picked out and split (the first test, one search, settles nearly every line).
    A prose line has no tab: ``in`` tells that at memchr speed, where counting walks a line of CJK
    text character by character (a report's long paragraphs made counting most of the cost)."""
    least = LABEL_ROW_CELLS - 1
    search = _LABEL_CHAR.search
    return any(
        _unlabelled(line.replace("\t", "")) and sum(1 for cell in line.split("\t") if cell.strip()) <= _WIDTH + 2
        for line in lines
        if "\t" in line and line.count("\t") >= least and search(line) is None
    )


def may_restore(rows: Iterable[list[str]]) -> bool:
    """Whether any row is a row of numbers without its own label (``restore_labels`` has work)."""
    return any(len(row) >= _WIDTH and _unlabelled("".join(row)) and sum(1 for c in row if c.strip()) <= _WIDTH + 2
               for row in rows)


def restore_labels(rows: list[list[str]]) -> tuple[list[Restored], int]:
    """Write the template label into section 三 rows whose label was lost, where that is certain.

    ``rows`` are the document's table rows in order (cells as printed); changed in place. Returns
    the rows restored and how many label-lost rows could not be placed.
    """
    if not may_restore(rows):
        return [], 0  # no row of numbers without its own label: the common case, settled cheaply
    # Each row's label is looked up first (cached); a row that names one row of the template has its
    # values parsed only once a fit must be tried, which most tables that get here never need.
    found: list[_Found] = []  # row index, value start, keys, values (None: not parsed yet)
    for i, row in enumerate(rows):
        if len(row) < _WIDTH or (span := _value_start(row)) is None:
            continue
        start, end = span
        allowed = _allowed(" ".join(row[:start]))
        if allowed is None:
            continue
        values = None
        if len(allowed) > 1:
            values = _row_values(row, start, end)
            if values is None:
                continue
            if len(allowed) == len(REQUEST_ROW_SPECS) and any(v is None for v in values):
                continue  # an unlabelled row must at least be a full row of numbers
        found.append((i, start, allowed, values))
    lost = [f for f in found if len(f[2]) > 1]
    if not lost:
        return [], 0
    if _only_the_2019_other_row(lost, found):
        return [], 0
    table_rows = [(i, start, allowed, values) for i, start, allowed, parsed in found
                  if (values := _row_values(rows[i], start, start + _WIDTH) if parsed is None else parsed) is not None]
    # A row printed with the label "（六）其他处理" alone is the 2019 template's row of that name, or a
    # 2021 sub-row whose own label was lost under its group heading: the fit below decides. Left
    # unplaced, it is not counted as lost, because the 2019 row is read by its printed label.
    unsure = sum(1 for f in lost if not _prints_other(f[2]))
    fits = [t for t in _TEMPLATES
            if len(t) == len(table_rows) and all(k in f[2] for k, f in zip(t, table_rows, strict=True))]
    if len(fits) != 1:
        return [], unsure
    order = fits[0]
    table = {key: f[3] for key, f in zip(order, table_rows, strict=True)}
    if not _arithmetic_holds(table):
        return [], unsure
    out: list[Restored] = []
    for key, (i, start, allowed, _values) in zip(order, table_rows, strict=True):
        if len(allowed) == 1 or (key == "other" and _prints_other(allowed)):
            continue  # the row has its label: "（六）其他处理" is the 2019 row's own
        label = REQUEST_ROW_SPECS[key].label
        row = rows[i]
        if start and not row[start - 1].strip():
            row[start - 1] = label
        else:
            row.insert(start, label)
        out.append(Restored(key, label))
    return out, 0


_OTHER_2021 = frozenset({"other_no_correction", "other_no_fee", "other_misc"})


def _only_the_2019_other_row(lost: list[_Found], found: list[_Found]) -> bool:
    """Whether every row without a label of its own prints "（六）其他处理" and no fit can restore one.

    Such a row is the 2019 template's own row, which keeps its printed label, unless the table is
    the 2021 template's and the row is a sub-row of that group: then the group's three sub-rows
    are all in the table, those not among the lost rows labelled as themselves. Fewer than three
    (the lost rows and the distinct sub-rows named by a label: "其他结果" in section 四's header
    names "3.其他") means no fit places a lost row elsewhere, so the values need not be parsed (every 2019
    Markdown table comes here, for its "（六）其他处理" row).
    """
    if not all(_prints_other(f[2]) for f in lost):
        return False
    labelled = {key for f in found if len(f[2]) == 1 and f[2] <= _OTHER_2021 for key in f[2]}
    return len(labelled) + len(lost) < len(_OTHER_2021)


def _prints_other(allowed: frozenset[str]) -> bool:
    """Whether the rows a printed label allows are those of "（六）其他处理" (a label, not an empty cell)."""
    return "other" in allowed and len(allowed) < len(REQUEST_ROW_SPECS)


def _arithmetic_holds(table: dict[str, list[int | None]]) -> bool:
    """Every identity of the section 三 table holds, with no blank cell in it."""
    if any(v is None for values in table.values() for v in values):
        return False
    rows = {k: [int(v or 0) for v in values] for k, values in table.items()}
    if any(sum(v[:-1]) != v[-1] for v in rows.values()):
        return False
    outcomes = [k for k in rows if k not in _NOT_OUTCOMES]
    for j in range(_WIDTH):
        if sum(rows[k][j] for k in outcomes) != rows["total"][j]:
            return False
        if rows["received"][j] + rows["carried_over"][j] != rows["total"][j] + rows["carried_forward"][j]:
            return False
    return True


def rows_named(label: str) -> frozenset[str]:
    """The rows a printed label can be: every row when it is empty or names none."""
    return _allowed(label) or frozenset(REQUEST_ROW_SPECS)


def names_row(label: str, key: str) -> bool:
    """Whether a printed label names the row ``key`` and no other ("（六）其他处理" names the 2019 row)."""
    allowed = _allowed(label)
    return allowed is not None and (allowed == {key} or (key == "other" and _prints_other(allowed)))


def certain_order(rows: list[tuple[str, list[int]]]) -> tuple[str, ...] | None:
    """The template row of each of ``rows`` (printed label, seven values), where only one is possible.

    The rows must be the whole section 三 table in printed order. Each row sits at its template
    place, so when every row names its own row there is nothing to decide. A row whose label names
    no single row (lost, a group label, or words that name none: pieces of two labels interleaved)
    may be any row its words allow, and the placement is then only a reading: it is taken only when
    the table's arithmetic holds with it in full, as for ``restore_labels``.
    """
    allowed = [rows_named(label) for label, _values in rows]
    fits = [t for t in _TEMPLATES if len(t) == len(rows) and all(k in a for k, a in zip(t, allowed, strict=True))]
    if len(fits) != 1:
        return None
    order = fits[0]
    if all(names_row(label, key) for key, (label, _values) in zip(order, rows, strict=True)):
        return order  # every row printed as itself
    table: dict[str, list[int | None]] = {key: list(values) for key, (_label, values) in zip(order, rows, strict=True)}
    return order if _arithmetic_holds(table) else None
