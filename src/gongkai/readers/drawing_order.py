"""Section 三 as a PDF tool writes it in drawing order: every value on a line of its own.

``pdftotext`` without ``-layout`` (its default) and similar tools write a ruled table cell by
cell in the order the PDF draws them, each cell on its own lines. A row whose label fits on one
line comes out as the label, then its seven values; but a label that spans rows (a group label
such as "（三）不予公开", "三、本年度办理结果") or that wraps in its cell is often drawn after the
rows around it, so runs of values stand with no label before them, and the labels follow later,
among other rows' values:

    二、上年结转政府信息公开申请数量 / 34 / 0 / … / 34 / 1288 / 21 / … / 1362 / 447 / … / 454 /
    1.属于国家秘密 / 2 / … / （一）予以公开 / （二）部分公开（区分处理的，只计这一情 / 形，不计其他情形）

The values themselves keep the rows' order. So the table is rebuilt as rows of seven values,
each with the label printed right before it, if any; the template's row order then places the
rows, and where a row has no label of its own the table's arithmetic must confirm the placement
in full (``lost_labels.certain_order``). When anything does not fit — a run of values that is not
whole rows, a label at the wrong place, arithmetic that fails — no row is placed, and the section's
values are taken out of the text: read label-then-values, a label drawn after its own row would
take the next row's values. The extraction then reports the rows unread; no value is placed by a
guess. Text whose rows all follow their own labels, in order, is left as it is.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import NamedTuple

from gongkai.model.template import REQUEST_ROW_SPECS
from gongkai.readers.document import fold
from gongkai.readers.extract.patterns import loose
from gongkai.readers.lost_labels import certain_order, names_row, rows_named

_WIDTH = 7  # values in a section 三 row
_VALUE = re.compile(r"[0-9０-９]{1,9}")
#: The start of a row label: "一、" "（一）" "1." "1、".
_ITEM = re.compile(r"\s*(?:[一二三四五六七八九十]{1,2}\s*[、.．]|[(（]\s*[一二三四五六七八九十]{1,2}\s*[)）]|\d{1,2}\s*[.、．])")
_LABEL_LINES = 6  # lines a wrapped label spans, at most
#: Each section 三 row's place in the template's order (the 2019 and 2021 rows share one order).
_PLACE = {key: i for i, key in enumerate(REQUEST_ROW_SPECS)}


@cache
def _heading(n: int) -> re.Pattern[str]:
    title = "收到和处理政府信息公开申请情况" if n == 3 else "政府信息公开行政复议"
    numeral = "三" if n == 3 else "四"
    return re.compile(rf"\s*{numeral}\s*[、.．]\s*{loose(title)}")


class _Row(NamedTuple):
    label: str  # the label printed right before the row's values, folded, or ""
    values: list[int]
    line: int  # index of the line of its first value
    leads: bool  # the first row of a run of several rows


class Rebuilt(NamedTuple):
    """What ``rebuild`` made of section 三."""

    lines: list[tuple[int, str]]  # the text's lines, numbered from 1, section 三 rebuilt or emptied
    restored: list[tuple[str, str]]  # (row key, label) of the rows placed without a label of their own
    unread: int  # rows of values left unread because their labels are out of place (then 0 restored)


def rebuild(lines: Sequence[str], furniture: Callable[[str], bool]) -> Rebuilt | None:
    """Section 三 rebuilt as one tab-separated line per row; None when it is not in this shape.

    Lines for which ``furniture`` is true (page numbers, a browser's print header: a page may end
    inside a row) are passed over.

    When the labels are out of place (several rows' values stand together, or a row label stands
    after a later row's) and the rows cannot be placed for certain, the section's values are taken
    out, so that no label is read with values that are not its own: the rows are then reported
    unread, with ``unread`` rows of values counted.
    """
    start = end = None
    for i, line in enumerate(lines):
        if start is None:
            if "三" in line and _heading(3).match(fold(line)):
                start = i + 1
        elif "四" in line and _heading(4).match(fold(line)):
            end = i
            break
    if start is None or end is None:
        return None
    rows, first_label, values_at, displaced = _rows(lines, start, end, furniture)
    if not displaced:
        return None  # every row printed right after its own label, in order: read as it is
    order = labels = None
    if rows is not None:
        labels = [r.label for r in rows]
        order = certain_order(list(zip(labels, (r.values for r in rows), strict=True)))
        if order is None:
            # The labels printed before a run of several rows may be those of all of them ("（一）予以
            # 公开" / "（二）部分公开" / both rows' values): the run's first row is then placed like the rest.
            labels = ["" if r.leads else r.label for r in rows]
            order = certain_order(list(zip(labels, (r.values for r in rows), strict=True)))
    if order is None or rows is None or labels is None or first_label is None:
        unread = max(1, len(values_at) // _WIDTH)
        kept = [(i + 1, lines[i]) for i in range(len(lines)) if i not in values_at]
        return Rebuilt(kept, [], unread)
    out = [(i + 1, lines[i]) for i in range(first_label)]
    restored = []
    for key, row, printed in zip(order, rows, labels, strict=True):
        label = REQUEST_ROW_SPECS[key].label
        out.append((row.line + 1, "\t".join([label, *map(str, row.values)])))
        if not names_row(printed, key):
            restored.append((key, label))
    out += [(i + 1, lines[i]) for i in range(end, len(lines))]
    return Rebuilt(out, restored, 0)


def _rows(lines: Sequence[str], start: int, end: int, furniture: Callable[[str], bool]) -> tuple[list[_Row] | None, int | None, set[int], bool]:
    """Section 三's rows in printed order (None when a run of values is not whole rows), the line
    where the first row's label starts, the lines of values, and whether the labels are out of
    place: several rows' values stand together, or the labels name rows out of the template's order."""
    rows: list[_Row] = []
    text: list[int] = []  # lines of text since the last value
    run: list[int] = []  # lines of the current run of values
    values_at: set[int] = set()
    first_label: int | None = None
    whole = True  # every run of values is whole rows
    displaced = False
    named: list[int] = []  # template places of the rows named by their labels, in printed order

    unlabelled = False  # the last run of values had no label before it

    def close() -> None:
        nonlocal first_label, whole, displaced, unlabelled
        if len(run) > _WIDTH:
            displaced = True
        values_at.update(run)  # (all of them: taken out if the rows cannot be placed)
        if len(run) % _WIDTH:
            if len(run) < _WIDTH:
                run.clear()  # a page number or a year in a page header, not a row (if it was one,
                return  # the rows are one short and no template fits)
            whole = False
        at = _label_start(lines, text)
        label = "".join(fold(lines[i]).strip() for i in text[text.index(at):]) if at is not None else ""
        if unlabelled and _labels_named(lines, text) > 1:
            displaced = True  # a row's values without a label, then two labels before the next row's
        unlabelled = at is None
        if label and len(place := rows_named(label)) == 1:
            named.append(_PLACE[next(iter(place))])
        if first_label is None:
            first_label = at if at is not None else run[0]
        several = len(run) > _WIDTH
        for k in range(0, len(run) - len(run) % _WIDTH, _WIDTH):
            values = [int(lines[i]) for i in run[k:k + _WIDTH]]  # (int reads full-width digits too)
            rows.append(_Row(label if k == 0 else "", values, run[k], several and k == 0))
        run.clear()
        text.clear()

    for i in range(start, end):
        stripped = lines[i].strip()
        if not stripped:
            continue
        if _VALUE.fullmatch(stripped):
            run.append(i)
            continue
        if furniture(stripped):
            continue
        if run:
            close()
        text.append(i)
    if run:
        close()
    displaced = displaced or any(a > b for a, b in itertools.pairwise(named))
    return (rows if whole and rows else None), first_label, values_at, displaced and bool(values_at)


def _labels_named(lines: Sequence[str], text: list[int]) -> int:
    """How many row labels the lines ``text`` hold, each from its item number on, that name one
    row each ("一、本年新收…" "二、上年结转…"; group labels such as "三、本年度办理结果" name none)."""
    count = 0
    chunk: list[str] = []
    for i in [*text[-2 * _LABEL_LINES:], None]:
        line = fold(lines[i]) if i is not None else ""
        if i is None or _ITEM.match(line):
            if chunk and len(rows_named("".join(chunk))) == 1:
                count += 1
            chunk = []
        chunk.append(line.strip())
    return count


def _label_start(lines: Sequence[str], text: list[int]) -> int | None:
    """The last line among ``text`` (a few at most before the values) that starts a row label."""
    for i in reversed(text[-_LABEL_LINES:]):
        if _ITEM.match(fold(lines[i])):
            return i
    return None
