"""(d) ``pdftotext -layout`` output (corpus huaian-city-2024.txt): columns aligned with spaces,
labels wrapped over 2–3 lines with the values on the middle line, the 三、本年度办理结果 group
label written one character per line, figures spaced from Chinese ("2024 年"), page footers
("-3-" and a form feed) wherever the page ends — mid-sentence included."""

from __future__ import annotations

import copy
import random
import re

from gongkai.model import keys
from gongkai.model.report import Report
from gongkai.model.template import REQUEST_NOTE, REQUEST_ROW_SPECS, TEMPLATES

from .common import Rendering, blocks, space_digits
from .grid import fmt

WIDTH = 30  # characters per narrative line (a CJK page line)
PAGE = 40  # lines per page
V = 32  # column where section 三 values start
STEP = 9  # distance between section 三 value columns


class Canvas:
    """Lines as character lists, written at character columns (pdftotext aligns by characters)."""

    def __init__(self) -> None:
        self.lines: list[list[str]] = []
        self.breakable: list[bool] = []  # may a page end after this line?

    def new(self, breakable: bool = True) -> int:
        self.lines.append([])
        self.breakable.append(breakable)
        return len(self.lines) - 1

    def put(self, i: int, col: int, text: str) -> None:
        line = self.lines[i]
        if len(line) < col + len(text):
            line.extend(" " * (col + len(text) - len(line)))
        line[col:col + len(text)] = list(text)

    def text(self, i: int) -> str:
        return "".join(self.lines[i]).rstrip()


def _wrap(text: str, width: int) -> list[str]:
    """Wrap by characters, never inside a run of digits/ASCII letters (a figure stays whole)."""
    out: list[str] = []
    while len(text) > width:
        cut = width
        while cut > 1 and re.match(r"[0-9A-Za-z.\-]", text[cut]) and re.match(r"[0-9A-Za-z.\-]", text[cut - 1]):
            cut -= 1
        out.append(text[:cut])
        text = text[cut:]
    out.append(text)
    return out


def _para(c: Canvas, text: str, indent: int = 3) -> None:
    for k, piece in enumerate(_wrap(space_digits(text), WIDTH)):
        c.put(c.new(), indent if k == 0 else 0, piece)


def _values(c: Canvas, i: int, values: list[str], start: int, step: int) -> None:
    col = start
    for k, value in enumerate(values):
        col = max(col, start + k * step)
        c.put(i, col, value)
        col += len(value) + 2


def _active(c: Canvas, report: Report, rng: random.Random) -> None:
    assert report.template is not None
    starts = (0, 14, 26, 38)
    for block in TEMPLATES[report.template].active_blocks:
        c.put(c.new(), 0, f"第二十条 {block.heading[4:]}")
        c.new(), c.new()
        i = c.new()
        c.put(i, 0, "信息内容")
        for k, column in enumerate(block.columns):
            c.put(i, starts[k + 1], column.label)
        c.new(), c.new()
        for row in block.rows:
            i = c.new()
            c.put(i, 0, row.label)
            values = [fmt(report.cell(keys.cell_key("active", row.key, col.key))) for col in block.columns]
            _values(c, i, values, starts[1], 12)
            c.new()
        c.new()


def _requests_header(c: Canvas) -> None:
    c.put(c.new(False), V + 25, "申请人情况")
    c.new(False), c.new(False)
    i = c.new(False)
    c.put(i, 0, REQUEST_NOTE[:22])
    c.put(i, V + 18, "法人或其他组织")
    c.put(c.new(False), 0, REQUEST_NOTE[22:])
    i = c.new(False)
    c.put(i, V - 1, "自然人")
    c.put(i, V + 6 * STEP, "总计")
    i = c.new(False)
    for k, word in enumerate(("商业企", "科研机", "社会公益", "法律服务")):
        c.put(i, V + (k + 1) * STEP, word)
    c.put(c.new(False), V + 5 * STEP, "其他")
    i = c.new(False)
    for k, word in enumerate(("业", "构", "组织", "机构")):
        c.put(i, V + (k + 1) * STEP, word)
    c.new(), c.new()


def _requests(c: Canvas, report: Report, rng: random.Random) -> None:
    assert report.template is not None
    _requests_header(c)
    outcome_lines: list[int] = []
    group_lines: dict[str, list[int]] = {}
    for row in TEMPLATES[report.template].request_rows:
        spec = REQUEST_ROW_SPECS[row]
        values = [fmt(report.cell(keys.cell_key("requests", row, col))) for col in keys.REQUEST_COLUMNS]
        label = spec.label.replace(".", "、", 1) if spec.group == "（六）其他处理" else spec.label
        if row in ("received", "carried_over", "carried_forward"):
            col, width = 0, 20
        elif spec.group:
            col, width = 13, 14
        else:
            col, width = 6 if row != "total" else 5, 19
        pieces = _wrap(label, width)
        if len(pieces) == 1:
            rows = [(pieces[0], True)]
        elif len(pieces) == 2:
            rows = [(pieces[0], False), ("", True), (pieces[1], False)]
        else:
            rows = [(pieces[0], False), (pieces[1], True), ("".join(pieces[2:]), False)]
        first = len(c.lines)
        for piece, with_values in rows:
            i = c.new(False)
            c.put(i, col, piece)
            if with_values:
                _values(c, i, values, V, STEP)
        for _ in range(rng.choice((1, 1, 2))):
            c.new()
        span = list(range(first, len(c.lines)))
        if row not in ("received", "carried_over", "carried_forward"):
            outcome_lines += span
        if spec.group:
            group_lines.setdefault(spec.group, []).extend(span)
    for group, lines in group_lines.items():  # "（三）不" / "予公开" in the middle of its rows
        mid = lines[len(lines) // 2]
        c.put(mid - 1, 6, group[:4])
        c.put(mid, 6, group[4:])
    chars = ["三、", *"本年度办理结果"]  # written down the left edge, one per line
    gap = max(1, len(outcome_lines) // (len(chars) + 1))
    for k, ch in enumerate(chars):
        c.put(outcome_lines[min(len(outcome_lines) - 1, (k + 1) * gap)], 0, ch)


def _appeals(c: Canvas, report: Report) -> None:
    pos = [k * 6 for k in range(15)]
    i = c.new(False)
    c.put(i, 0, "行政复议")
    c.put(i, pos[5], "行政诉讼")
    c.new(False), c.new(False)
    i = c.new(False)
    c.put(i, pos[5], "未经复议直接起诉")
    c.put(i, pos[10], "复议后起诉")
    c.new(False)
    top, bottom, totals = c.new(False), c.new(False), c.new(False)
    for g in range(3):
        for k, (a, b) in enumerate((("结果", "维持"), ("结果", "纠正"), ("其他", "结果"), ("尚未", "审结"))):
            c.put(top, pos[g * 5 + k], a)
            c.put(bottom, pos[g * 5 + k], b)
        c.put(totals, pos[g * 5 + 4], "总计")
    c.new(), c.new()
    values = [fmt(report.cell(keys.cell_key("appeals", g, col))) for g in keys.APPEAL_GROUPS for col in keys.APPEAL_COLUMNS]
    _values(c, c.new(False), values, 0, 6)
    c.new(), c.new()


def render(report: Report, rng: random.Random) -> Rendering:
    c = Canvas()
    titles = [b.text for b in blocks(report) if b.kind == "title"]
    for k, line in enumerate(titles):
        c.put(c.new(), 12 if k == 0 else 5, space_digits(line))
    c.new(), c.new()
    for block in blocks(report):
        if block.kind == "heading":
            c.put(c.new(), rng.choice((3, 5, 6)), block.text)
        elif block.kind == "para":
            _para(c, block.text)
        elif block.kind == "table":
            c.new()
            {"active": lambda: _active(c, report, rng), "requests": lambda: _requests(c, report, rng),
             "appeals": lambda: _appeals(c, report)}[block.table or ""]()
        elif block.kind == "signature":
            c.new(), c.new()
            c.put(c.new(), 40, block.text)
        elif block.kind == "date":
            c.put(c.new(), 42, space_digits(block.text))
    out: list[str] = []
    page, since = 1, 0
    for i in range(len(c.lines)):
        out.append(c.text(i))
        since += 1
        if since >= PAGE and c.breakable[i]:
            footer = f"-{page}-"
            out += ["", (" " * 42 + footer) if page % 2 else footer, "\f"]
            page, since = page + 1, 0
    text = "\n".join(out).replace("\n\f\n", "\n\f") + f"\n\n-{page}-\n\f"
    return Rendering("pdftext", "report.txt", text.encode("utf-8"), copy.deepcopy(report))
