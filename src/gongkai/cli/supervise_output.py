"""Rich tables for ``gongkai supervise review --format table``: the board, the unmatched files,
copied text and the headline totals, in that order, with the region's progress in one line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from gongkai.cli.output import stdout_console

if TYPE_CHECKING:
    from gongkai.supervise.review import ReviewResult

TEMPLATE_LABELS = {"2021": "2021", "2019": "2019", "mixed": "混用"}
STATUS = {"missing": ("未提交", "bold red"), "submitted": ("已提交", "green"), "late": ("逾期", "yellow")}
#: Totals shown in the table view (all cells are in the JSON and the xlsx).
HEADLINE = (
    ("requests.received.total", "本年新收申请"),
    ("requests.carried_over.total", "上年结转"),
    ("requests.granted.total", "予以公开"),
    ("requests.total.total", "办理结果总计"),
    ("requests.carried_forward.total", "结转下年度"),
    ("appeals.review.total", "行政复议"),
    ("appeals.suit_direct.total", "行政诉讼（直接起诉）"),
    ("appeals.suit_after_review.total", "行政诉讼（复议后起诉）"),
)


#: Below this width the board drops 类别 and 发布日期 and folds the three counts into one column,
#: so that an 80-column terminal shows each agency's name on one or two lines, not six.
NARROW = 120


def print_result(result: ReviewResult, console: Console | None = None) -> None:
    console = console or stdout_console()
    narrow = console.width < NARROW
    board = Table(title=f"{result.year} 年度报告审查（{len(result.agencies)} 个单位）", title_justify="left",
                  caption="窄屏省略了类别和发布日期；完整内容见 --format json 或 --xlsx" if narrow else None,
                  caption_justify="left")
    columns: tuple[tuple[str, str, bool], ...] = (  # (header, justify, folds)
        (("单位", "left", True), ("状态", "left", False), ("期限", "left", False), ("模板", "left", False),
         ("错/警/读", "right", False), ("得分", "right", False), ("文件", "left", True)) if narrow else
        (("单位", "left", True), ("类别", "left", False), ("状态", "left", False), ("期限", "left", False),
         ("发布日期", "left", False), ("模板", "left", False), ("错误", "right", False), ("警告", "right", False),
         ("读取", "right", False), ("得分", "right", False), ("文件", "left", True)))
    for name, justify, folds in columns:
        board.add_column(name, justify=justify, overflow="fold", no_wrap=not folds)  # type: ignore[arg-type]
    for a in result.agencies:
        label, style = STATUS[a.status]
        report = a.report
        template = TEMPLATE_LABELS.get(str(report.template), "—") if report else "—"
        score = f"{a.score.score:g}" if a.score else "—"
        files = "\n".join(_short(f.name) for f in a.files) or "—"
        if narrow:
            counts = Text.assemble(_count(a.errors, "red"), "/", _count(a.warnings, "yellow"), f"/{a.reading}")
            board.add_row(a.agency.name, Text(label, style=style), a.due.isoformat(), template, counts, score, files)
            continue
        board.add_row(a.agency.name, str(a.agency.kind), Text(label, style=style), a.due.isoformat(),
                      report.published_on.isoformat() if report and report.published_on else "—",
                      template, _count(a.errors, "red"), _count(a.warnings, "yellow"), str(a.reading), score, files)
    console.print(board)
    submitted = len(result.agencies) - result.count("missing")
    console.print(f"已提交 {submitted}/{len(result.agencies)}，其中逾期 {result.count('late')}；"
                  f"未提交 {result.count('missing')}；未能对应的文件 {len(result.unmatched)} 个；"
                  f"重复文件 {len(result.collection.duplicates)} 个。")
    if result.unmatched:
        table = Table(title="未计入的文件", title_justify="left")
        for name in ("文件", "报告所署机关", "年度", "原因"):
            table.add_column(name, overflow="fold")
        for u in result.unmatched:
            table.add_row(_short(u.file), u.agency or "—", str(u.year or "—"), u.reason)
        console.print(table)
    if result.copied:
        table = Table(title="内容雷同", title_justify="left")
        for name in ("单位", "对照", "雷同比例", "共同段落"):
            table.add_column(name)
        for c in result.copied:
            other = f"本单位 {c.years[1]} 年报告" if c.kind == "previous_year" else c.agencies[1]
            table.add_row(c.agencies[0], other, f"{c.similarity:.0%}", str(len(c.passages)))
        console.print(table)
    totals = Table(title="区域汇总（部分单元格；全部见 --format json 或 --xlsx）", title_justify="left")
    for name, justify in (("项目", "left"), ("合计", "right"), ("说明", "left")):
        totals.add_column(name, justify=justify)  # type: ignore[arg-type]
    for key, label in HEADLINE:
        cell = result.totals.cells.get(key)
        if cell is None:
            continue
        note = "" if cell.complete else f"不完整：{len(cell.lacking)} 个单位未计入"
        totals.add_row(label, "—" if cell.value is None else str(cell.value), Text(note, style="yellow"))
    console.print(totals)
    if result.outliers:
        table = Table(title="异常变化（与往年比较）", title_justify="left")
        table.add_column("说明", overflow="fold")
        for o in result.outliers:
            table.add_row(o.message)
        console.print(table)
    if result.summary_differences and result.summary is not None:
        from gongkai.model.keys import split_key
        from gongkai.supervise.bulletin import cell_label

        table = Table(title=f"{result.summary.agency.name}的汇总报告与各单位合计不一致（{len(result.summary_differences)} 处）",
                      title_justify="left")
        for name, justify in (("项目", "left"), ("汇总报告", "right"), ("各单位合计", "right"), ("说明", "left")):
            table.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
        for d in result.summary_differences:
            table.add_row(cell_label(*split_key(d.key), result.year), str(d.printed), str(d.total),
                          "" if d.complete else "合计不完整")
        console.print(table)


def _short(name: str) -> str:
    """A file's own name: the folder is the same for all of them and the table is narrow."""
    return name.replace("\\", "/").rsplit("!", 1)[-1].rsplit("/", 1)[-1]


def _count(n: int, style: str) -> Text:
    return Text(str(n), style=style if n else "")
