"""Reading the three tables: anchor each printed row label, then fit the values between anchors.

The same procedure reads every layout: one cell per line, tab rows, Markdown tables, HTML/DOCX
grids, `pdftotext -layout` columns with wrapped labels, and crawler text with glued digits. Only
the row labels and their order are trusted; column positions come from the template.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from gongkai.model import keys
from gongkai.model.provenance import Where
from gongkai.model.report import Report
from gongkai.model.template import (
    ACTIVE_BLOCKS_2019,
    ACTIVE_BLOCKS_2021,
    FINGERPRINTS_2019,
    FINGERPRINTS_2021,
    REQUEST_ROW_SPECS,
    ActiveBlock,
    ColumnSpec,
)
from gongkai.readers.document import Document
from gongkai.readers.extract.patterns import compact, cue_regex, loose
from gongkai.readers.extract.settle import settle_requests
from gongkai.readers.extract.values import (
    BLANK_MARKS,
    RowResult,
    Token,
    choose,
    damaged_in,
    numbers_in,
    resolve,
    resolve_span,
    row_cells,
    shows_glue,
    split_row,
    tokens_in,
    unreadable_row,
)

if TYPE_CHECKING:
    from gongkai.readers.extract.misread_labels import Found

_TABLE_NAMES = {"active": "第二部分（主动公开）", "requests": "第三部分（依申请公开）", "appeals": "第四部分（复议诉讼）"}


@dataclass(slots=True)
class Anchor:
    key: str
    start: int
    end: int


@dataclass(slots=True)
class TableScan:
    """What reading the tables found out, beyond the values themselves."""

    fingerprints: dict[str, list[str]] = field(default_factory=lambda: {"2019": [], "2021": []})
    table_starts: dict[str, int] = field(default_factory=dict)


def _find(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> re.Match[str] | None:
    return pattern.search(text, lo, hi) if lo < hi else None


def _cut_at_prose(doc: Document, start: int, end: int) -> int:
    """End a table's last row before the first line of running prose after it."""
    lines = doc.lines
    for i in range(doc.line_index(start), len(lines)):
        line = lines[i]
        if not line.cells or line.cells[0].start <= start:
            continue
        if line.cells[0].start >= end:
            break
        if len(line.cells) == 1 and not line.cells[0].grid:
            text = line.cells[0].text.strip()
            if len(text) >= 20 and "。" in text:
                return line.cells[0].start
    return end


def _store(
    report: Report,
    table: str,
    row: str,
    columns: tuple[str, ...],
    result: RowResult,
) -> None:
    rows = report.tables[table]
    if rows is None:
        rows = report.tables[table] = {}
    cells = rows.setdefault(row, {})
    provenance = report.provenance
    prefix = f"{table}.{row}."
    blanks = result.problem in ("blank_cell", "unreadable_cell")
    for column, value, found_at in zip(columns, result.values, result.wheres, strict=True):
        key = prefix + column
        cells[column] = value
        if found_at is not None:
            provenance[key] = found_at
        if blanks and value is None:
            printed = ""
            if result.printed and len(result.printed) == len(columns):
                printed = result.printed[columns.index(column)]
            if printed and printed not in BLANK_MARKS:
                report.add_problem("unreadable_cell", key, f"单元格内容“{printed}”不是数字", f"cell text {printed!r} is not a number",
                                   printed=printed)
            else:
                report.add_problem("blank_cell", key, "单元格空白（空白不等于 0）" if not printed else f"单元格填写为“{printed}”，未按 0 处理",
                                   "blank cell (blank is not zero)", printed=printed)
    for i, printed in result.repaired if result.repaired else ():
        report.add_problem(
            "misread_cell", prefix + columns[i],
            f"单元格“{printed}”中有字母（常见于 OCR 识别），按本行合计关系读作 {_plain(result.values[i])}，请核对原文",
            f"cell text {printed!r} holds letters (as OCR prints digits); read as {_plain(result.values[i])}, "
            "the only reading for which the row's sums hold", printed=printed,
        )
    if result.problem in ("missing_cell", "extra_cells", "mixed", "ambiguous", "too_long"):
        n = len(columns)
        where = f"{table}.{row}"
        if result.problem == "mixed":
            report.add_problem(
                "extra_cells", where, "该行数字之间夹有其他文字，可能混入了未识别出行名的下一行，无法确定哪些数值属于本行，整行置空",
                "words stand among the row's numbers (the next row, its label not found, may have run into it); "
                "which values are the row's is unknown", found=result.found,
            )
        elif result.problem == "too_long":
            report.add_problem(
                "unreadable_cell", where, f"该行数字连写长达 {result.found} 位，超出 {n} 个单元格所能容纳，整行置空",
                f"a run of {result.found} digits is longer than the row's {n} cells can hold", digits=result.found,
            )
        elif result.problem == "missing_cell":
            report.add_problem(
                "missing_cell", where, f"该行应有 {n} 个数值，只读到 {result.found} 个，无法确定缺少哪一格，整行置空",
                f"row needs {n} values but {result.found} were found; cannot tell which is missing",
                found=result.found, expected=n,
            )
        elif result.problem == "extra_cells":
            report.add_problem(
                "extra_cells", where, f"该行应有 {n} 个数值，却读到 {result.found} 个，整行置空",
                f"row needs {n} values but {result.found} were found", found=result.found, expected=n,
            )
        else:
            unknown = [c for c, v in zip(columns, result.values, strict=True) if v is None]
            report.add_problem(
                "ambiguous", where,
                f"数字连写在一起，拆分方式不唯一（{', '.join(unknown)} 无法确定），未作猜测",
                f"digits printed without separators split in more than one way ({', '.join(unknown)} unknown)",
                candidates=[[_plain(v) for v in c] for c in (result.candidates or [])],
            )


def _plain(v: int | Decimal | None) -> int | float | None:
    return float(v) if isinstance(v, Decimal) else v


# -- section 三 -------------------------------------------------------------------------------

_COMMON = keys.OUTCOME_ROWS_COMMON


def _row_pattern(key: str) -> re.Pattern[str]:
    spec = REQUEST_ROW_SPECS[key]
    if key == "other_misc":
        return re.compile(r"3\s*[.、]\s*其\s*他")
    return cue_regex(spec.cues, spec.numbered)


def read_requests(doc: Document, report: Report, lo: int, hi: int, scan: TableScan) -> None:
    text = doc.folded
    anchors: list[Anchor] = []
    pos = lo

    def seek(key: str, limit: int = hi) -> Anchor | None:
        nonlocal pos
        m = _find(_row_pattern(key), text, pos, limit)
        if m is None:
            return None
        anchor = Anchor(key, m.start(), m.end())
        anchors.append(anchor)
        pos = m.end()
        return anchor

    for key in ("received", "carried_over", *_COMMON):
        seek(key)
    total_at = _find(_row_pattern("total"), text, pos, hi)
    limit = total_at.start() if total_at else hi
    start_six = pos
    form: str | None = None
    if seek("other_no_correction", limit) or seek("other_no_fee", limit):
        form = "2021"
        if not any(a.key == "other_no_fee" for a in anchors):
            seek("other_no_fee", limit)
        seek("other_misc", limit)
    else:
        pos = start_six
        if seek("other", limit):
            form = "2019"
    seek("total")
    seek("carried_forward")
    misread = _misread_labels(text, anchors, form, lo, hi)
    if not anchors:
        report.tables["requests"] = None
        report.add_problem("table_missing", "requests", "未找到第三部分“收到和处理政府信息公开申请情况”表格",
                           "section 三 table not found")
        return
    header = _find(re.compile(r"[(]?\s*本\s*列\s*数\s*据|勾\s*稽|申\s*请\s*人\s*情\s*况"), text, lo, anchors[0].start)
    first = anchors[0].start
    line = doc.line_at(first)
    if line.cells and first - line.cells[0].start <= 4:
        first = max(lo, line.cells[0].start)  # the row's own numbering ("一、") belongs to the table
    scan.table_starts["requests"] = header.start() if header else first
    if form == "2019":
        scan.fingerprints["2019"].append("（六）其他处理（单行）")
    elif form == "2021":
        scan.fingerprints["2021"].append("（六）其他处理分三项")
    end = _cut_at_prose(doc, anchors[-1].start, hi)
    strict = len(anchors) < len(keys.REQUEST_ROWS_2019 if form == "2019" else keys.REQUEST_ROWS_2021)
    anchors = _with_group_anchors(text, anchors, form)
    report.tables["requests"] = {}
    first_anchor = anchors[0].start
    glue_seen: list[bool] = []

    def glue() -> bool:  # only a row printed right after its label (crawler text) asks, once
        if not glue_seen:
            glue_seen.append(shows_glue(numbers_in(doc, first_anchor, end)))
        return glue_seen[0]

    results: dict[str, RowResult] = {}
    subtotals: dict[str, list[int | Decimal | None]] = {}
    previous: str | None = None
    for i, anchor in enumerate(anchors):
        stop = anchors[i + 1].start if i + 1 < len(anchors) else end
        result = resolve_span(doc, anchor.end, stop, 7, summed_groups=(7,), width=_REQUEST_WIDTH,
                              glue=glue, strict=strict)
        if anchor.key.startswith("group:"):
            if result.problem is None:
                if previous is not None and results[previous].found == 0:
                    # The group label was printed between a wrapped row label and its values.
                    results[previous] = result
                else:
                    subtotals[anchor.key[6:]] = result.values
            continue
        results[anchor.key] = result
        previous = anchor.key
        report.provenance[f"requests.{anchor.key}"] = doc.where(anchor.start, anchor.end)
    if subtotals:
        report.meta["request_subtotals"] = {k: [_plain(v) for v in vals] for k, vals in subtotals.items()}
    settle_requests(results)
    for key, result in results.items():
        _store(report, "requests", key, keys.REQUEST_COLUMNS, result)
    for row_found in misread:
        label = REQUEST_ROW_SPECS[row_found.key].label
        report.add_problem(
            "label_misread", f"requests.{row_found.key}",
            f"行名“{row_found.printed}”与模板不一致（可能是 OCR 识别错误），按其编号和位置读作“{label}”，请核对原文",
            f"row label {row_found.printed!r} differs from the template's (an OCR misreading?); read as {label!r} "
            "by its item number and place", printed=row_found.printed,
        )
    rows = keys.REQUEST_ROWS_2019 if form == "2019" else keys.REQUEST_ROWS_2021
    found = {a.key for a in anchors}
    if form is None:
        # Neither the 2021 rows of （六）其他处理 nor the 2019 single row were found: the 2021 rows are
        # reported below, and the 2019 row too, so that whichever template the report follows, its
        # missing row is named rather than silently absent.
        report.add_problem("row_missing", "requests.other", "未找到“（六）其他处理”这一行",
                           "row other (2019 template) not found")
    for row in rows:
        if row not in found:
            for column in keys.REQUEST_COLUMNS:
                report.set_cell(keys.cell_key("requests", row, column), None)
            report.add_problem("row_missing", f"requests.{row}", f"未找到“{REQUEST_ROW_SPECS[row].label}”这一行",
                               f"row {row} not found")


def _misread_labels(text: str, anchors: list[Anchor], form: str | None, lo: int, hi: int) -> list[Found]:
    """Rows not found by their cues, found by item number and place where OCR misread a label;
    added to ``anchors`` in place (kept in reading order)."""
    if form is None:
        return []
    rows = keys.REQUEST_ROWS_2019 if form == "2019" else keys.REQUEST_ROWS_2021
    if len(anchors) >= len(rows) or len(anchors) < 2:
        return []
    from gongkai.readers.extract.misread_labels import find

    return _found_between(anchors, rows, lambda key, a, b: find(text, key, a, b), lo, hi)


def _found_between(
    anchors: list[Anchor], rows: tuple[str, ...], find: Callable[[str, int, int], Found | None], lo: int, hi: int
) -> list[Found]:
    """Each row of ``rows`` not among ``anchors``, looked for by ``find`` between the rows found
    before and after it; what is found is added to ``anchors`` in place (kept in reading order)."""
    at = {a.key: a for a in anchors}
    found: list[Found] = []
    for i, key in enumerate(rows):
        if key in at:
            continue
        before = next((at[k] for k in reversed(rows[:i]) if k in at), None)
        after = next((at[k] for k in rows[i + 1:] if k in at), None)
        hit = find(key, before.end if before else lo, after.start if after else hi)
        if hit is not None:
            found.append(hit)
    if found:
        anchors.extend(Anchor(f.key, f.start, f.end) for f in found)
        anchors.sort(key=lambda a: a.start)
    return found


# Group labels of section 三 (template.md B2b): some reports print subtotals on them.
_GROUPS: tuple[tuple[str, re.Pattern[str], str, str], ...] = tuple(
    (name, re.compile(pattern), first, after)
    for name, pattern, first, after in (
    ("withheld", r"(?:\(\s*三\s*\)\s*)?不\s*予\s*公\s*开", "withheld_secret", "unavailable_not_held"),
    ("unavailable", r"(?:\(\s*四\s*\)\s*)?无\s*法\s*提\s*供", "unavailable_not_held", "not_handled_petition"),
    ("not_handled", r"(?:\(\s*五\s*\)\s*)?不\s*予\s*处\s*理", "not_handled_petition", "other_no_correction"),
    ("other", r"(?:\(\s*六\s*\)\s*)?其\s*他\s*处\s*理", "other_no_correction", "total"),
    )
)


def _with_group_anchors(text: str, anchors: list[Anchor], form: str | None) -> list[Anchor]:
    """Add the group labels that stand between rows, so their own numbers go nowhere else."""
    at = {a.key: a for a in anchors}
    order = [a.key for a in anchors]
    out = list(anchors)
    for name, pattern, first, after in _GROUPS:
        if name == "other" and form != "2021":
            continue
        if first not in at:
            continue
        i = order.index(first)
        lo = at[order[i - 1]].end if i > 0 else at[first].start
        hi = at[after].start if after in at else (at["total"].start if "total" in at else len(text))
        for m in pattern.finditer(text, lo, hi):
            if any(a.start <= m.start() < a.end or m.start() <= a.start < m.end() for a in out):
                continue
            out.append(Anchor(f"group:{name}", m.start(), m.end()))
            break
    return sorted(out, key=lambda a: a.start)


_REQUEST_WIDTH = 7  # digits a section-三 count can have (ten million requests)
_APPEAL_WIDTH = 6
_ACTIVE_WIDTH = 12


# -- section 四 -------------------------------------------------------------------------------

_APPEAL_HEADER = re.compile(r"总\s*计|审\s*结|结\s*果|起\s*诉|维\s*持|纠\s*正")


_APPEAL_ANCHORS = (re.compile(loose("行政复议")), re.compile(loose("行政诉讼")), re.compile(loose("尚未审结")))


def read_appeals(doc: Document, report: Report, lo: int, hi: int, scan: TableScan) -> None:
    text = doc.folded
    first = None
    for pattern in _APPEAL_ANCHORS:  # the next where OCR misread the first ("田政复议")
        first = _find(pattern, text, lo, hi)
        if first is not None:
            break
    if first is None:
        report.tables["appeals"] = None
        report.add_problem("table_missing", "appeals", "未找到第四部分“行政复议、行政诉讼”表格",
                           "section 四 table not found")
        return
    scan.table_starts["appeals"] = first.start()
    start = first.end()
    for m in _APPEAL_HEADER.finditer(text, start, hi):
        start = m.end()
    end = _cut_at_prose(doc, start, hi)
    tokens = tokens_in(doc, start, end)
    cells = None
    first_value = next((t for t in tokens if not t.is_blank), None)
    if first_value is not None:
        line = doc.line_at(first_value.start)
        if line.kind == "row" and line.cells:
            # The values' own line, or, where the header shares it (a page's text with each cell
            # tab-separated and no line break between table rows), the cells after the header.
            at = start if doc.line_index(start) == doc.line_index(first_value.start) else line.cells[0].start
            cells = row_cells(doc, at)
    requests_at = scan.table_starts.get("requests")
    # Section 三 glued its digits ("00000005"): section 四's runs may be glued too ("3091711").
    glue = (lambda: shows_glue(numbers_in(doc, requests_at, start))) if requests_at is not None else False
    result = _read_appeal_values(doc, start, end, tokens, cells, glue)
    report.tables["appeals"] = {}
    n_cols = len(keys.APPEAL_COLUMNS)
    for g, group in enumerate(keys.APPEAL_GROUPS):
        part = RowResult(
            result.values[g * n_cols : (g + 1) * n_cols],
            result.wheres[g * n_cols : (g + 1) * n_cols],
            problem=None if result.problem in ("missing_cell", "extra_cells", "ambiguous", "too_long") else result.problem,
            found=result.found,
            candidates=None,
            printed=result.printed[g * n_cols : (g + 1) * n_cols] if result.printed else None,
            repaired=[(i - g * n_cols, p) for i, p in result.repaired if g * n_cols <= i < (g + 1) * n_cols]
            if result.repaired else None,
        )
        _store(report, "appeals", group, keys.APPEAL_COLUMNS, part)
    if result.problem == "missing_cell":
        report.add_problem(
            "missing_cell", "appeals", f"第四部分表格应有 15 个数值，只读到 {result.found} 个，无法确定缺少哪一格，全部置空",
            f"section 四 needs 15 values but {result.found} were found; cannot tell which is missing",
            found=result.found, expected=15,
        )
    elif result.problem == "extra_cells":
        report.add_problem(
            "extra_cells", "appeals", f"第四部分表格应有 15 个数值，却读到 {result.found} 个，全部置空",
            f"section 四 needs 15 values but {result.found} were found", found=result.found, expected=15,
        )
    elif result.problem == "too_long":
        report.add_problem("unreadable_cell", "appeals", f"第四部分数字连写长达 {result.found} 位，超出 15 个单元格所能容纳，全部置空",
                           f"section 四: a run of {result.found} digits is longer than 15 cells can hold",
                           digits=result.found)
    elif result.problem == "ambiguous":
        report.add_problem("ambiguous", "appeals", "第四部分数字连写在一起，拆分方式不唯一，未作猜测",
                           "section 四 digits split in more than one way",
                           candidates=[[_plain(v) for v in c] for c in (result.candidates or [])])


def _read_appeal_values(
    doc: Document, start: int, end: int, tokens: list[Token], cells: list[Token] | None,
    glue: bool | Callable[[], bool] = False,
) -> RowResult:
    """Section 四's fifteen values; glued crawler digits split by the three group totals."""
    nums = [t for t in tokens if not t.is_blank]
    if cells is None and len(nums) != 15:
        bad = damaged_in(doc, start, end)
        if bad:
            from gongkai.readers.extract.misread import repair  # letters among the numbers: rare

            return repair(doc, unreadable_row(doc, nums, bad, 15), _APPEAL_GROUPS)
    if cells is None:
        inline = split_row(doc, start, end, 15, nums, width=_APPEAL_WIDTH, groups=_APPEAL_GROUPS, glue=glue)
        if inline is not None:
            if inline.problem == "ambiguous" and inline.balanced:
                # One row: the splits whose groups add up, when the digits alone allow several.
                return choose(inline.balanced, _span_of(inline, doc, start, end), 15)
            return inline
    return resolve(doc, tokens, 15, summed_groups=_APPEAL_GROUPS, cells=cells)


def _span_of(result: RowResult, doc: Document, start: int, end: int) -> Where:
    """Where the row's digits were printed, for the provenance of the cells settled from them."""
    return next((w for w in result.wheres if w is not None), None) or doc.where(start, end)


_APPEAL_GROUPS = (5, 5, 5)


# -- section 二 -------------------------------------------------------------------------------

_BLOCK_HEADING = re.compile(r"第\s*二\s*十\s*条\s*第?\s*\(\s*(?P<item>[一二三四五六七八九十]+)\s*\)\s*项")
_ACTIVE_ORDER = ("rules", "normative_documents", "licensing", "other_services", "punishment", "coercion", "fees", "procurement")
_BLOCKS: dict[str, dict[str, ActiveBlock]] = {
    "2021": {b.item: b for b in ACTIVE_BLOCKS_2021},
    "2019": {b.item: b for b in ACTIVE_BLOCKS_2019},
}
_ROW_CUES = {r.key: r.cues for b in ACTIVE_BLOCKS_2019 + ACTIVE_BLOCKS_2021 for r in b.rows}
_ROW_ITEM = {r.key: b.item for b in ACTIVE_BLOCKS_2019 for r in b.rows}
_BLOCK_ROWS = {b.item: tuple(r.key for r in b.rows) for b in ACTIVE_BLOCKS_2021}
_ROW_LABELS = {r.key: r.label for b in ACTIVE_BLOCKS_2019 + ACTIVE_BLOCKS_2021 for r in b.rows}
_ROWS_2021 = frozenset(r.key for b in ACTIVE_BLOCKS_2021 for r in b.rows)
_ROWS_2019 = frozenset(r.key for b in ACTIVE_BLOCKS_2019 for r in b.rows)


#: A row label followed by a count and its unit is a figure in a sentence ("制发规章0件"), not a row.
_FIGURE_AFTER = re.compile(r"\s*\d+(?:\.\d+)?\s*(?:件|条|个|项|份|次|人次|万元|元)")


def _row_anchor(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> re.Match[str] | None:
    """The first printing of a row label that is not a figure in a sentence, if there is one.

    Section 二 often opens with a sentence naming the rows' own figures ("本年度制发规章0件、行政规范性
    文件3件"), and gongkai's own writers print one; taking it for the table would read the table's
    rows from the sentence. When every printing looks like a figure, the first one is kept.
    """
    first = m = _find(pattern, text, lo, hi)
    while m is not None and _FIGURE_AFTER.match(text, m.end(), hi):
        m = _find(pattern, text, m.end(), hi)
    return m or first


@cache
def _distinctive(version: str, item: str) -> tuple[tuple[str, ...], ...]:
    """Each column's cues that the other template's header for the block does not also print:
    2019's "处理决定数量" is inside 2021's "本年处理决定数量", so it tells neither apart (a 2021
    header with a misread word would otherwise pass for 2019's, and its padding for blank cells)."""
    other = _BLOCKS["2019" if version == "2021" else "2021"].get(item)
    labels = [compact(c.label) for c in other.columns] if other else []
    return tuple(tuple(compact(cue) for cue in c.cues if not any(compact(cue) in label for label in labels))
                 for c in _BLOCKS[version][item].columns)


def _columns_for(item: str, header: str, default: str) -> tuple[str, tuple[ColumnSpec, ...]]:
    """Which template's columns a block prints, judged by its header labels."""
    flat = compact(header)
    scores = {}
    for version in ("2021", "2019"):
        block = _BLOCKS[version].get(item)
        if block is None:
            continue
        scores[version] = sum(1 for cues in _distinctive(version, item) if any(cue in flat for cue in cues))
    if not scores:
        return default, ()
    best = max(scores, key=lambda v: (scores[v], v == default))
    if scores[best] == 0:
        best = default if default in scores else best
    return best, _BLOCKS[best][item].columns


def read_active(
    doc: Document,
    report: Report,
    lo: int,
    hi: int,
    scan: TableScan,
    default: str,
    hints: dict[str, frozenset[int | Decimal]],
) -> None:
    text = doc.folded
    blocks = [(m.group("item"), m.start(), m.end()) for m in _BLOCK_HEADING.finditer(text, lo, hi)]
    anchors: list[Anchor] = []
    pos = lo
    for key in _ACTIVE_ORDER:
        m = _row_anchor(cue_regex(_ROW_CUES[key], False), text, pos, hi)
        if m is None:
            continue
        anchors.append(Anchor(key, m.start(), m.end()))
        pos = m.end()
        if key == "normative_documents" and not compact(m.group(0)).startswith("行政"):
            scan.fingerprints["2019"].append("规范性文件（行名）")
    misread = _misread_active(doc, anchors, lo, hi, default)
    strict = not {a.key for a in anchors} >= (_ROWS_2019 if default == "2019" else _ROWS_2021)
    if not anchors:
        report.tables["active"] = None
        report.add_problem("table_missing", "active", "未找到第二部分“主动公开政府信息情况”表格",
                           "section 二 table not found")
        return
    scan.table_starts["active"] = min([anchors[0].start] + [b[1] for b in blocks])
    report.tables["active"] = {}
    end = _cut_at_prose(doc, anchors[-1].start, hi)
    seen: dict[tuple[str, int, int], tuple[tuple[ColumnSpec, ...], tuple[str, ...], tuple[tuple[bool, bool], ...]]] = {}
    found_in: dict[str, tuple[str, ...]] = {}
    leaked: list[str] = []  # rows that read too many values
    for i, anchor in enumerate(anchors):
        block = None
        for item, b_start, b_end in blocks:
            if b_start < anchor.start:
                block = (item, b_end)
        own = _ROW_ITEM.get(anchor.key)
        if block is not None and own is not None and block[0] != own:
            # The row's own block heading was lost or misread ("第二十目第（五）项"): the heading
            # before it is an earlier block's, whose columns are not this row's.
            block = (own, anchors[i - 1].end if i > 0 else lo)
        item = block[0] if block else _ROW_ITEM.get(anchor.key, "一")
        header_lo = block[1] if block else lo
        header_hi = next((a.start for a in anchors if a.start >= header_lo), anchor.start)
        known = seen.get((item, header_lo, header_hi))
        if known is None:
            _version, columns = _columns_for(item, text[header_lo:header_hi], default)
            if not columns:
                _version, columns = _columns_for(_ROW_ITEM.get(anchor.key, item), "", default)
            known = seen[(item, header_lo, header_hi)] = (columns, tuple(c.key for c in columns),
                                                         tuple((c.signed, c.decimal) for c in columns))
        columns, column_keys, kinds = known
        stop = anchors[i + 1].start if i + 1 < len(anchors) else end
        result = resolve_span(
            doc, anchor.end, stop, len(columns), hints=hints.get(anchor.key, frozenset()),
            kinds=kinds, strict=strict,
        )
        if result.problem == "ambiguous" and result.options:
            result = _narrow_items(result, column_keys)
        if result.problem in ("extra_cells", "mixed"):
            leaked.append(anchor.key)
        _store(report, "active", anchor.key, column_keys, result)
        report.provenance[f"active.{anchor.key}"] = doc.where(anchor.start, anchor.end)
        found_in[item] = column_keys
    for row_found in misread:
        label = _ROW_LABELS[row_found.key]
        report.add_problem(
            "label_misread", f"active.{row_found.key}",
            f"行名“{row_found.printed}”与模板不一致（可能是 OCR 识别错误），按表中位置读作“{label}”，请核对原文",
            f"row label {row_found.printed!r} differs from the template's (an OCR misreading?); read as {label!r} "
            "by its place in the table", printed=row_found.printed,
        )
    _missing_active_rows(report, anchors, found_in)
    if strict or leaked:
        _unfound_rows(report, anchors, leaked, default)


def _unfound_rows(report: Report, anchors: list[Anchor], leaked: list[str], default: str) -> None:
    """Rows not found where the table shows it went on through them: between two rows found, or
    after a row that read too many values (their labels lost or misread, as by OCR, and their
    values run into that row's). Said, as rows the reader missed, not left absent; a row missing
    at the table's end may be one the report left out, and stays as it is."""
    rows = [r.key for b in (ACTIVE_BLOCKS_2019 if default == "2019" else ACTIVE_BLOCKS_2021) for r in b.rows]
    seen = {a.key for a in anchors}
    found = [i for i, row in enumerate(rows) if row in seen]
    if not found or len(found) == len(rows):
        return
    missed = {rows[i] for i in range(found[0] + 1, found[-1]) if rows[i] not in seen}
    for key in leaked:
        for row in rows[rows.index(key) + 1:] if key in rows else ():
            if row in seen:
                break
            missed.add(row)
    for row in rows:
        if row not in missed or any(k.startswith(f"active.{row}.") for k in report.cells()):
            continue
        if not any(p.where == f"active.{row}" for p in report.problems):
            report.add_problem("row_missing", f"active.{row}", f"第二部分未找到“{_ROW_LABELS[row]}”这一行",
                               f"row {row} not found in section 二")


def _misread_active(doc: Document, anchors: list[Anchor], lo: int, hi: int, default: str) -> list[Found]:
    """Section 二 rows not found by their cues, found among table rows where OCR misread a label."""
    at = {a.key: a for a in anchors}
    if not anchors or at.keys() >= (_ROWS_2019 if default == "2019" else _ROWS_2021):
        return []  # the common case: every row of the year's template was found
    from gongkai.readers.extract.misread_labels import find_active

    return _found_between(anchors, _ACTIVE_ORDER, lambda key, a, b: find_active(doc, key, _ROW_LABELS, a, b), lo, hi)


def _narrow_items(result: RowResult, column_keys: tuple[str, ...]) -> RowResult:
    """2019 blocks: 上一年项目数量 + 本年增/减 is this year's item count, which cannot be negative."""
    if "previous" not in column_keys or "change" not in column_keys or not result.options:
        return result
    p, c = column_keys.index("previous"), column_keys.index("change")
    kept = [o for o in result.options if (o[p] or 0) + (o[c] or 0) >= 0]  # type: ignore[operator]
    if not kept or len(kept) == len(result.options):
        return result
    span = next((w for w in result.wheres if w is not None), None)
    if span is None:
        return result
    narrowed = choose(kept, span, len(column_keys))
    narrowed.options = kept
    return narrowed


def _missing_active_rows(report: Report, anchors: list[Anchor], found_in: dict[str, tuple[str, ...]]) -> None:
    """A row the template puts in a block that was printed, but that the report left out: null."""
    seen = {a.key for a in anchors}
    for item, column_keys in found_in.items():
        for row in _BLOCK_ROWS.get(item, ()):
            if row in seen or row not in _ACTIVE_ORDER:
                continue
            if any(k.startswith(f"active.{row}.") for k in report.cells()):
                continue
            for column in column_keys:
                report.set_cell(f"active.{row}.{column}", None)
            report.add_problem("row_missing", f"active.{row}", f"第二部分未找到“{_ROW_LABELS[row]}”这一行",
                               f"row {row} not found in section 二")


def fingerprint_headers(doc: Document, lo: int, hi: int, scan: TableScan) -> None:
    flat = compact(doc.folded[lo:hi])
    for version, phrases in (("2019", FINGERPRINTS_2019), ("2021", FINGERPRINTS_2021)):
        for phrase in phrases:
            if compact(phrase) in flat and phrase not in scan.fingerprints[version]:
                scan.fingerprints[version].append(phrase)


TABLE_NAMES = _TABLE_NAMES
