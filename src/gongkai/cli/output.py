"""Rendering for people (Rich) and machines (JSON); no logic beyond choosing words and colours."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from copy import copy
from decimal import Decimal
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from gongkai.cli.boundary import dump_json as dump_json  # re-exported: command modules use output.*
from gongkai.cli.boundary import write_line as write_line
from gongkai.model import keys
from gongkai.model.findings import Finding, FindingKind, Severity
from gongkai.model.report import Report, Value
from gongkai.model.template import (
    APPEAL_COLUMN_LABELS,
    APPEAL_GROUP_LABELS,
    REQUEST_COLUMN_LABELS,
    REQUEST_ROW_SPECS,
    SECTIONS,
    TEMPLATE_2019,
    TEMPLATE_2021,
    TEMPLATES,
)

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
SEVERITY_LABEL = {
    "zh": {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
}
_BLANK = "—"


def stdout_console() -> Console:
    """A console for stdout; wide enough for the tables when stdout is a pipe or a file."""
    probe = Console()
    return Console(width=None if probe.is_terminal else max(probe.width, 120))


# -- reports ------------------------------------------------------------------------------------


def _num(value: Value) -> Text:
    if value is None:
        return Text(_BLANK, style="dim")
    return Text(str(value) if isinstance(value, Decimal) else f"{value}", justify="right")


class _Fixed:
    """A table of a label column and number columns, drawn as two columns when the console has room.

    Why: Rich lays a table out by measuring every cell, then renders each cell through its
    generic wrap/pad/crop pipeline; section 三's 200 cells were most of a one-file ``gongkai
    parse``'s drawing time. Number cells are plain text of known width, so when they fit beside a
    readable label column (``_LABEL_MIN``) each row's numbers are laid out here, right-aligned in
    their columns with the spacing Rich would put between them, as one cell: the same picture,
    a seventh of the cells. On a narrower console the table is left to Rich's own layout, which
    wraps headers rather than hide a column.
    """

    def __init__(self, table: Table) -> None:
        self.table = table
        self.widths = [
            max(_plain_len(c.header), *(_plain_len(v) for v in c.cells)) for c in table.columns[1:]
        ]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table = self.table
        padding = table.padding[1] + table.padding[3]
        gap = padding + 1  # a cell's right padding, the column rule (a space in these boxes), the next's left padding
        needed = sum(self.widths) + padding * len(table.columns) + len(table.columns) + 1 + _LABEL_MIN
        if needed > options.max_width or len(table.columns) < 2:
            yield table
            return
        labels, *numbers = table.columns
        compact = copy(table)  # the table's own title, box and styles; its columns and rows anew
        compact.columns, compact.rows = [], []
        compact.add_column(labels.header, overflow=labels.overflow, max_width=labels.max_width)
        compact.add_column(_joined([c.header for c in numbers], self.widths, gap), justify="right", no_wrap=True)
        for label, *cells in zip(labels.cells, *(c.cells for c in numbers), strict=True):
            compact.add_row(label, _joined(cells, self.widths, gap))
        yield compact


def _plain_len(cell: Any) -> int:
    return cell_len(cell.plain if isinstance(cell, Text) else str(cell))


def _joined(cells: Sequence[Any], widths: Sequence[int], gap: int) -> Text:
    """Cells right-aligned in their widths, ``gap`` spaces apart, keeping each cell's style."""
    out = Text()
    for i, (cell, width) in enumerate(zip(cells, widths, strict=True)):
        text = cell.plain if isinstance(cell, Text) else str(cell)
        out.append(" " * ((gap if i else 0) + width - cell_len(text)))
        out.append(text, cell.style if isinstance(cell, Text) else None)
    return out


_LABEL_MIN = 16  # display cells of a label column still worth reading (eight Chinese characters)


def _metadata(report: Report, lang: str) -> Panel:
    period = report.period
    period_text = (
        f"{period.start or '?'} — {period.end or '?'}" if period is not None else _none(lang)
    )
    rows = [
        ("文件", "file", report.source.path),
        ("格式", "format", report.source.format),
        ("模板", "template", str(report.template) if report.template else _none(lang)),
        ("机关", "agency", report.agency or _none(lang)),
        ("年度", "year", str(report.year) if report.year else _none(lang)),
        ("统计期限", "period", period_text),
        ("落款日期", "published on", str(report.published_on) if report.published_on else _none(lang)),
        ("范围", "scope", report.scope or _none(lang)),
        ("章节", "sections", _sections_line(report)),
    ]
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for zh, en, value in rows:
        grid.add_row(en if lang == "en" else zh, value)
    return Panel(grid, title=report.source.path, title_align="left", box=box.ROUNDED)


def _none(lang: str) -> str:
    return "(none)" if lang == "en" else "（无）"


def _sections_line(report: Report) -> str:
    if not report.sections:
        return "（无）"
    return "  ".join(
        f"{s.numeral or ''}{s.title}" if s.numeral else s.title for s in report.sections
    )


def _active_tables(report: Report, lang: str) -> list[Table | Text | _Fixed]:
    rows = report.tables.get("active")
    if not rows:
        return []
    template = TEMPLATES.get(report.template) if report.template is not None else None
    blocks = template.active_blocks if template else TEMPLATE_2021.active_blocks + TEMPLATE_2019.active_blocks
    shown: set[str] = set()
    out: list[Table | Text | _Fixed] = [Text(SECTIONS[1].title if lang != "en" else "active disclosure", style="italic")]
    for block in blocks:
        columns = {c.key for c in block.columns}
        present = [r for r in block.rows if r.key in rows and r.key not in shown
                   and (template is not None or set(rows[r.key]) <= columns)]
        if not present:
            continue
        shown.update(r.key for r in present)
        table = Table(title=block.heading, title_justify="left", box=box.SIMPLE_HEAVY)
        table.add_column("信息内容" if lang != "en" else "row")
        for column in block.columns:
            table.add_column(column.key if lang == "en" else column.label, justify="right")
        for row in present:
            cells = rows[row.key]
            table.add_row(row.key if lang == "en" else row.label, *(_num(cells.get(c.key)) for c in block.columns))
        out.append(_Fixed(table))
    leftover = [r for r in rows if r not in shown]
    if leftover:  # rows under no known block: show them plainly rather than hide them
        table = Table(title=SECTIONS[1].title, title_justify="left", box=box.SIMPLE_HEAVY)
        table.add_column("row")
        table.add_column("cells")
        for name in leftover:
            table.add_row(name, "  ".join(f"{k}={v}" for k, v in rows[name].items()))
        out.append(table)
    return out


def _request_label(row: str, lang: str, previous_group: str | None) -> str:
    """The printed label; a group label ("（三）不予公开") only on its first row, like the form."""
    if lang == "en":
        return row
    spec = REQUEST_ROW_SPECS.get(row)
    if spec is None:
        return row
    if spec.group and spec.numbered:
        return f"{spec.group} {spec.label}" if spec.group != previous_group else f"{'　' * 7}{spec.label}"
    return spec.label


def _requests_table(report: Report, lang: str) -> _Fixed | None:
    rows = report.tables.get("requests")
    if not rows:
        return None
    order = list(keys.REQUEST_ROWS_2021)
    for extra in keys.REQUEST_ROWS_2019:
        if extra not in order:
            order.insert(order.index("total"), extra)
    order += [r for r in rows if r not in order]
    table = Table(title=SECTIONS[2].title if lang != "en" else "requests", title_justify="left",
                  box=box.SIMPLE_HEAVY)
    table.add_column("项目" if lang != "en" else "row", overflow="fold", max_width=40)
    for column in keys.REQUEST_COLUMNS:
        table.add_column(column if lang == "en" else REQUEST_COLUMN_LABELS[column], justify="right")
    group: str | None = None
    for row in order:
        if row in rows:
            table.add_row(_request_label(row, lang, group), *(_num(rows[row].get(c)) for c in keys.REQUEST_COLUMNS))
            spec = REQUEST_ROW_SPECS.get(row)
            group = spec.group if spec else None
    return _Fixed(table)


def _appeals_table(report: Report, lang: str) -> _Fixed | None:
    rows = report.tables.get("appeals")
    if not rows:
        return None
    table = Table(title=SECTIONS[3].title if lang != "en" else "appeals", title_justify="left",
                  box=box.SIMPLE_HEAVY)
    table.add_column("类别" if lang != "en" else "group")
    for column in keys.APPEAL_COLUMNS:
        table.add_column(column if lang == "en" else APPEAL_COLUMN_LABELS[column], justify="right")
    for group in keys.APPEAL_GROUPS:
        if group in rows:
            label = group if lang == "en" else (
                APPEAL_GROUP_LABELS[group] if group == "review" else f"行政诉讼·{APPEAL_GROUP_LABELS[group]}")
            table.add_row(label, *(_num(rows[group].get(c)) for c in keys.APPEAL_COLUMNS))
    return _Fixed(table)


def _problems_table(report: Report, lang: str) -> Table | Text:
    if not report.problems:
        return Text("没有读取问题。" if lang != "en" else "No reading problems.", style="green")
    table = Table(title="读取问题" if lang != "en" else "problems", title_justify="left", box=box.SIMPLE)
    table.add_column("代码" if lang != "en" else "code", style="magenta")
    table.add_column("位置" if lang != "en" else "where")
    table.add_column("说明" if lang != "en" else "message", overflow="fold")
    for p in report.problems:
        table.add_row(p.code, p.where or "", (p.message_en or p.message) if lang == "en" else p.message)
    return table


def report_renderable(report: Report, lang: str = "zh") -> Group:
    parts: list[Any] = [_metadata(report, lang)]
    parts += _active_tables(report, lang)
    for table in (_requests_table(report, lang), _appeals_table(report, lang)):
        if table is not None:
            parts.append(table)
    missing = [name for name, rows in report.tables.items() if not rows]
    if missing:
        word = "tables not found: " if lang == "en" else "未找到的表格："
        parts.append(Text(word + "、".join(missing), style="yellow"))
    parts.append(_problems_table(report, lang))
    return Group(*parts)


# -- findings -----------------------------------------------------------------------------------


def findings_renderable(
    files: Sequence[str], findings: Sequence[Finding], unreadable: Sequence[str], lang: str = "zh"
) -> Group:
    """One table per file (in the order given), coloured by severity."""
    by_file: dict[str | None, list[Finding]] = {}
    for f in findings:
        by_file.setdefault(f.file, []).append(f)
    parts: list[Any] = []
    ordered = list(files) + [f for f in by_file if f is not None and f not in files]
    if None in by_file:
        ordered.append(None)  # type: ignore[arg-type]
    bad = set(unreadable)
    for path in ordered:
        if path in bad:
            continue
        items = by_file.get(path, [])
        title = path if path is not None else ("(no file)" if lang == "en" else "（未注明文件）")
        if not items:
            ok = "no findings" if lang == "en" else "未发现问题"
            parts.append(Text.assemble((f"{title}  ", "bold"), (ok, "green")))
            continue
        table = Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE, expand=False)
        table.add_column("严重程度" if lang != "en" else "severity")
        table.add_column("规则" if lang != "en" else "rule", style="magenta", no_wrap=True)
        table.add_column("位置" if lang != "en" else "where", overflow="fold")
        table.add_column("说明" if lang != "en" else "message", overflow="fold")
        for f in sorted(items, key=_severity_rank):
            table.add_row(
                _severity_text(f, lang),
                f.rule,
                f.where or "",
                (f.message_en or f.message) if lang == "en" else f.message,
            )
        parts.append(table)
    return Group(*parts)


#: How a reading finding is labelled in place of its severity: it is not the agency's error.
READING_LABEL = {"zh": "读取问题", "en": "reading"}


def _severity_text(f: Finding, lang: str) -> Text:
    if f.kind is FindingKind.READING:
        return Text(READING_LABEL[lang], style="magenta")
    return Text(SEVERITY_LABEL[lang][f.severity], style=SEVERITY_STYLE[f.severity])


def _severity_rank(f: Finding) -> tuple[int, int]:
    """The report's errors first, then warnings, notes, and last what the reader could not settle."""
    return (f.kind is FindingKind.READING, (Severity.ERROR, Severity.WARNING, Severity.INFO).index(f.severity))


def summary_line(files: int, findings: Iterable[Finding], unreadable: int, lang: str = "zh") -> Text:
    counts = {s: 0 for s in Severity}
    reading = 0
    for f in findings:
        if f.kind is FindingKind.READING:
            reading += 1
        else:
            counts[f.severity] += 1
    e, w, i = counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO]
    if lang == "en":
        text = f"Checked {files} file(s): {e} error(s), {w} warning(s), {i} note(s)"
        if reading:
            text += f"; {reading} reading problem(s) to check in the original"
        if unreadable:
            text += f"; {unreadable} file(s) could not be read"
        text += "."
    else:
        text = f"共检查 {files} 个文件：错误 {e} 项，警告 {w} 项，提示 {i} 项"
        if reading:
            text += f"；读取问题 {reading} 项（请核对原文）"
        if unreadable:
            text += f"；{unreadable} 个文件无法读取"
        text += "。"
    style = "bold red" if e or unreadable else ("yellow" if w else "green")
    return Text(text, style=style)


# -- rule catalogue -----------------------------------------------------------------------------


def catalogue_rows(entries: Iterable[Any]) -> list[dict[str, Any]]:
    """Catalogue entries as plain dicts (``CatalogueRow.to_json()``; Rule-like objects adapted)."""
    rows: list[dict[str, Any]] = []
    for entry in entries:
        if hasattr(entry, "to_json"):
            rows.append(entry.to_json())
            continue
        severities = getattr(entry, "severities", None) or (entry.severity,)
        rows.append({
            "id": entry.id,
            "severity": str(entry.severity),
            "severities": [str(s) for s in severities],
            "zh": getattr(entry, "title_zh", ""),
            "en": getattr(entry, "title_en", ""),
            "reads": list(getattr(entry, "reads", ())),
            "crossyear": bool(getattr(entry, "crossyear", False)),
        })
    return rows


def catalogue_table(rows: Sequence[dict[str, Any]], lang: str = "zh") -> Table:
    table = Table(title="审核规则" if lang != "en" else "audit rules", title_justify="left", box=box.SIMPLE_HEAVY)
    table.add_column("规则" if lang != "en" else "rule", style="magenta", no_wrap=True)
    table.add_column("严重程度" if lang != "en" else "severity")
    table.add_column("说明" if lang != "en" else "what it catches", overflow="fold")
    table.add_column("English" if lang != "en" else "说明", overflow="fold", style="dim")
    for row in rows:
        sev = "/".join(SEVERITY_LABEL[lang][Severity(s)] for s in row["severities"] or [row["severity"]])
        zh, en = row["zh"], row["en"]
        table.add_row(row["id"], sev, en if lang == "en" else zh, zh if lang == "en" else en)
    return table


def catalogue_markdown(rows: Sequence[dict[str, Any]]) -> str:
    lines = ["| 规则 rule | 严重程度 severity | 说明 | what it catches |", "|---|---|---|---|"]
    for row in rows:
        sev = ", ".join(row["severities"] or [row["severity"]])
        cells = [f"`{row['id']}`", sev, row["zh"], row["en"]]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)
