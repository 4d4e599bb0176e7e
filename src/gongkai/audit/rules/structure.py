"""The six sections and the table grid (条例第五十条; template.md §a.2, §b B5, §e 6 and 8)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from gongkai.audit import labels as L
from gongkai.audit.rule import Context, Hit, Rule
from gongkai.audit.rules.arith import outcome_rows
from gongkai.model.findings import FindingKind, Severity
from gongkai.model.keys import APPEAL_COLUMNS, APPEAL_GROUPS, REQUEST_COLUMNS, split_key
from gongkai.model.report import Report, Section
from gongkai.model.template import SECTIONS

_ARABIC = re.compile(r"[0-9０-９]")


def _where(number: int) -> str:
    return f"section.{number}"


def _name(section: Section) -> str:
    return section.title or L.section_title(section.expected or 0)


def _sections(ctx: Context) -> Iterator[Hit]:
    report = ctx.report
    found = [s for s in report.sections if s.expected is not None]
    present = {s.expected for s in found}
    for spec in SECTIONS:
        if spec.number not in present:
            yield Hit(
                _where(spec.number),
                f"缺少{L.section_zh(spec.number)}“{spec.title}”（条例第五十条规定的内容）",
                f"section {spec.number} ({spec.title}) is missing",
            )
    order = [s.expected for s in found if s.expected is not None]
    if any(b <= a for a, b in pairwise(order)):
        printed = "、".join(L.SECTION_ORDINALS[n - 1] if 1 <= n <= 6 else str(n) for n in order)
        yield Hit(
            "sections",
            f"各部分顺序错乱或重复：实际顺序为 {printed}，模板顺序为 一、二、三、四、五、六",
            f"sections out of order or repeated: {', '.join(map(str, order))} instead of 1–6",
        )
    for s in found:
        n = s.expected
        assert n is not None
        model = f"{L.SECTION_ORDINALS[n - 1]}、" if 1 <= n <= 6 else ""
        if s.number is None and not s.numeral:
            yield Hit(
                _where(n),
                f"{L.section_zh(n)}标题“{_name(s)}”未标序号，模板为“{model}{L.section_title(n)}”",
                f"the heading of section {n} (“{_name(s)}”) has no number",
                Severity.WARNING,
            )
            continue
        if s.numeral and _ARABIC.search(s.numeral):
            yield Hit(
                _where(n),
                f"{L.section_zh(n)}标题使用阿拉伯数字序号“{s.numeral.strip()}”，模板为“{model}”",
                f"the heading of section {n} is numbered “{s.numeral.strip()}” in Arabic digits; "
                f"the template prints “{model}”",
                Severity.WARNING,
            )
        if s.number is not None and s.number != n:
            shown = (s.numeral or str(s.number)).strip()
            yield Hit(
                _where(n),
                f"{L.section_zh(n)}“{_name(s)}”标为“{shown}”，按模板应为“{model}”",
                f"section {n} (“{_name(s)}”) is numbered {s.number}; the template numbers it {n}",
            )
    levels = report.meta.get("heading_levels")
    if isinstance(levels, dict) and len({int(v) for v in levels.values()}) > 1:
        shown = "，".join(f"{L.section_zh(int(k))} {int(v)} 级" for k, v in sorted(levels.items(), key=lambda kv: int(kv[0])))
        yield Hit(
            "sections",
            f"六个部分的标题层级不一致（{shown}）",
            "the six section headings use different heading levels: "
            + ", ".join(f"{int(k)}: level {int(v)}" for k, v in sorted(levels.items(), key=lambda kv: int(kv[0]))),
            Severity.INFO,
        )


# -- cells ---------------------------------------------------------------------------------------

#: Problem code → (Chinese, English, severity when printed). Whose a problem is comes from the
#: problem itself (``Problem.printed``): a blank cell, or a defect the reader knows is printed, is the
#: report's; anything else the reader could not settle is shown as a reading problem
#: ("未能可靠读取……请核对原文", a warning of kind ``reading``) and never as the agency's error.
_KINDS: dict[str, tuple[str, str, Severity]] = {
    "missing_cell": ("缺少单元格", "missing cells", Severity.ERROR),
    "row_missing": ("缺少行", "missing rows", Severity.ERROR),
    "table_missing": ("缺少表格", "missing table", Severity.ERROR),
    "extra_cells": ("多出单元格", "extra cells", Severity.ERROR),
    "ambiguous": ("数值有歧义，无法确定", "ambiguous values", Severity.ERROR),
    "unreadable_cell": ("单元格无法识读", "unreadable cells", Severity.ERROR),
    "blank_cell": ("空白单元格（空白不等于 0，应填写数字）", "blank cells (blank is not 0)", Severity.WARNING),
}
#: Blank cells of which some print a mark ("—", "/", "无") instead of a number.
_MARKED = ("空白或未填数字的单元格（空白、“—”等不等于 0，应填写数字）", "blank cells or cells with a mark instead of a number (neither is 0)")
_TABLES = ("active", "requests", "appeals")
_SHOW = 8  # cells named in one message


_APPEALS_GRID: tuple[str, ...] = tuple(f"appeals.{g}.{c}" for g in APPEAL_GROUPS for c in APPEAL_COLUMNS)
_REQUESTS_GRIDS: dict[tuple[str, ...], tuple[str, ...]] = {}


def _expected_grid(report: Report, table: str) -> tuple[str, ...]:
    """The cells section 三/四 must have (B5: 7 columns × 25 or 23 rows; 15 cells)."""
    if table == "appeals":
        return _APPEALS_GRID
    outcomes = outcome_rows(report)
    grid = _REQUESTS_GRIDS.get(outcomes)
    if grid is None:
        rows = ("received", "carried_over", *outcomes, "total", "carried_forward")
        grid = _REQUESTS_GRIDS[outcomes] = tuple(f"requests.{r}.{c}" for r in rows for c in REQUEST_COLUMNS)
    return grid


#: id of a grid → its keys as a set. Grids are the module's own cached tuples, alive for good, so
#: their ids stay theirs; hashing a 175-key tuple on every lookup would cost more than the test.
_GRID_SETS: dict[int, frozenset[str]] = {}


def _grid_set(grid: tuple[str, ...]) -> frozenset[str]:
    found = _GRID_SETS.get(id(grid))
    if found is None:
        found = _GRID_SETS[id(grid)] = frozenset(grid)
    return found


def _covered(key: str, places: set[str]) -> bool:
    table, row, _ = split_key(key)
    return key in places or f"{table}.{row}" in places or table in places


def _place(where: str, messages: dict[str, tuple[str, str]], marks: dict[str, str]) -> tuple[str, str]:
    """How a message names one problem place: a cell (with the mark printed in it instead of a
    number, "—" "/" "无": not blank, but no number either), a row, or the table (with the reader's words)."""
    parts = where.split(".")
    if len(parts) == 3:
        zh, en = L.cell_label(where)
        mark = marks.get(where)
        if mark:
            return f"{zh}（{where}，填“{mark}”）", f"{where} (“{mark}”)"
        return f"{zh}（{where}）", where
    if len(parts) == 2 and parts[0] == "requests" and parts[1] in L.REQUEST_ROWS:
        return f"“{L.REQUEST_ROWS[parts[1]][0]}”行（{where}）", where
    if len(parts) == 2 and parts[0] == "appeals" and parts[1] in L.APPEAL_GROUPS:
        return f"“{L.APPEAL_GROUPS[parts[1]][0]}”（{where}）", where
    zh, en = messages.get(where, ("", ""))
    return (zh or where), (en or zh or where)


def _cells(ctx: Context) -> Iterator[Hit]:
    report = ctx.report
    grouped: dict[tuple[str, str, bool], list[str]] = {}  # (table, code, printed) → places
    places: set[str] = set()
    messages: dict[str, tuple[str, str]] = {}
    marks: dict[str, str] = {}  # blank cells' printed marks ("—")
    seen: set[tuple[str, str]] = set()  # (code, where) already in ``grouped``
    for p in report.problems:
        if p.code not in _KINDS or not p.where:
            continue
        table = p.where.split(".", 1)[0]
        if table not in _TABLES:
            continue
        places.add(p.where)
        if p.where not in messages:
            messages[p.where] = (p.message.rstrip("。"), p.message_en)
        if p.code == "blank_cell" and isinstance(mark := p.detail.get("printed"), str) and mark.strip():
            marks[p.where] = mark.strip()
        found = grouped.setdefault((table, p.code, p.printed), [])
        if (p.code, p.where) not in seen:
            seen.add((p.code, p.where))
            found.append(p.where)
    for table in ("requests", "appeals"):
        if report.tables.get(table) is None:
            continue
        index = ctx.index()  # the grid's keys are well formed: membership is ``has_cell``
        grid = _expected_grid(report, table)
        if index.keys() >= _grid_set(grid):  # the common case: every cell read (a set test in C)
            continue
        gaps = [k for k in grid if k not in index and not _covered(k, places)]
        if gaps:  # the reader left them out without saying why: not settled, so not the report's
            grouped.setdefault((table, "missing_cell", False), []).extend(gaps)
    for table in _TABLES:
        if report.tables.get(table) is None and not grouped.get((table, "table_missing", True)):
            n = L.TABLE_SECTION[table]
            yield Hit(
                table,
                f"未能在原文中读到{L.TABLE_ZH[table]}（{L.section_zh(n)}应以表格列出），请核对原文",
                f"could not find {L.TABLE_EN[table]} in the original; check it",
                Severity.WARNING,
                FindingKind.READING,
            )
            grouped.pop((table, "table_missing", False), None)
        for printed in (True, False):
            for code, (zh, en, severity) in _KINDS.items():
                listed = grouped.get((table, code, printed))
                if listed and code == "blank_cell" and any(w in marks for w in listed):
                    zh, en = _MARKED
                if listed:
                    yield _cells_hit(table, zh, en, severity if printed else None, [_place(w, messages, marks) for w in listed])


def _cells_hit(table: str, zh: str, en: str, severity: Severity | None, names: list[tuple[str, str]]) -> Hit:
    """One finding per table and kind of problem; ``severity`` None means the reader's problem."""
    more_zh = f"等 {len(names)} 处" if len(names) > _SHOW else f"共 {len(names)} 处"
    more_en = f" and {len(names) - _SHOW} more" if len(names) > _SHOW else ""
    cells_zh = "；".join(n[0] for n in names[:_SHOW])
    cells_en = "; ".join(n[1] for n in names[:_SHOW])
    if severity is None:
        return Hit(
            table,
            f"未能可靠读取{L.TABLE_ZH[table]}的部分内容（{zh}）：{cells_zh}（{more_zh}），请核对原文",
            f"could not read part of {L.TABLE_EN[table]} reliably ({en}): {cells_en}{more_en}; check the original",
            Severity.WARNING,
            FindingKind.READING,
        )
    return Hit(
        table,
        f"{L.TABLE_ZH[table]}{zh}：{cells_zh}（{more_zh}）",
        f"{L.TABLE_EN[table]}: {en}: {cells_en}{more_en}",
        severity,
        FindingKind.REPORT,
    )

RULES: list[Rule] = [
    Rule(
        "structure.sections",
        Severity.ERROR,
        "六个部分缺失、顺序错乱或序号与位置不符（错误）；标题未标序号或用阿拉伯数字“5、”代替“五、”（警告）；标题层级不一致（提示）。",
        "One of the six sections missing, out of order or misnumbered (error); a heading without a numeral "
        "or numbered “5、” instead of “五、” (warning); headings at different levels (info).",
        _sections,
        reads=("sections", "meta.heading_levels"),
        also=(Severity.WARNING, Severity.INFO),
    ),
    Rule(
        "structure.cells",
        Severity.WARNING,
        "单元格空白（警告：空白不等于 0）；读取程序确认印刷有误的缺格、多格（错误）；表格或单元格未能可靠读取（缺少、多出、无法识读、有歧义）时"
        "作为读取问题提示核对原文，不计为报告错误。",
        "Blank cells (warning: blank is not 0); cells missing or extra where the reader is sure that is how "
        "the report is printed (error); a table or cells the reader could not settle (missing, "
        "extra, unreadable, ambiguous) are reading problems to check in the original, never report errors.",
        _cells,
        reads=("tables", "problems"),
        also=(Severity.ERROR,),
    ),
]
