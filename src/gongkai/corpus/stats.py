"""What a dataset holds, as figures for ``gongkai corpus stats`` and its HTML summary page.

Every figure is one SQL query over the views (``query.connect``), so the page and the terminal
tables always agree with what a researcher's own query would return.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gongkai.corpus.query import connect

QUERIES: dict[str, tuple[str, str, str]] = {
    # name: (Chinese title, English title, SQL)
    "status": ("文件", "files", "SELECT status, count(*) AS n FROM reports GROUP BY status ORDER BY n DESC"),
    "formats": ("格式", "formats", "SELECT coalesce(format, '—') AS format, count(*) AS n FROM reports "
                "GROUP BY 1 ORDER BY n DESC"),
    "years": ("年度", "years", "SELECT year, count(*) AS reports, count(DISTINCT agency) AS agencies FROM reports "
              "WHERE status = 'ok' GROUP BY year ORDER BY year"),
    "templates": ("模板", "templates", "SELECT coalesce(template, '—') AS template, count(*) AS n FROM reports "
                  "WHERE status = 'ok' GROUP BY 1 ORDER BY n DESC"),
    "agencies": ("机关", "agencies", "SELECT count(DISTINCT agency) AS agencies, count(*) FILTER (agency IS NULL) "
                 "AS without_name FROM reports WHERE status = 'ok'"),
    "problems": ("读取时记录的问题", "problems recorded by the reader", "SELECT code, count(*) AS n, count(DISTINCT report_id) AS reports "
                 "FROM problems GROUP BY code ORDER BY n DESC"),
    "findings": ("审核发现", "findings", "SELECT rule, kind, severity, count(*) AS n, count(DISTINCT report_id) "
                 "AS reports FROM findings GROUP BY rule, kind, severity ORDER BY n DESC, rule"),
    "received": ("本年新收申请", "requests received", "SELECT year, CAST(sum(value) AS BIGINT) AS received, count(value) AS reports "
                 "FROM cells WHERE key = 'requests.received.total' GROUP BY year ORDER BY year"),
}


@dataclass(slots=True)
class Stat:
    name: str
    title_zh: str
    title_en: str
    columns: list[str]
    rows: list[tuple[Any, ...]] = field(default_factory=list)


def collect(root: Path) -> list[Stat]:
    con = connect(root)
    try:
        out: list[Stat] = []
        for name, (zh, en, sql) in QUERIES.items():
            cursor = con.execute(sql)
            out.append(Stat(name, zh, en, [d[0] for d in cursor.description], cursor.fetchall()))
        return out
    finally:
        con.close()


_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
_WHOSE = {"reading": "读取问题"}


def _year(year: int) -> str:
    return str(year) if year else "年度不明"


def _text_width(text: str) -> int:
    """Pixels a label takes at 13px: a CJK character is a full em, anything else about half."""
    return sum(13 if ord(ch) > 0x2E80 else 7 for ch in text)


def _bars(title: str, pairs: list[tuple[str, float]], unit: str = "") -> str:
    """A horizontal bar chart as inline SVG (no script, prints and archives well)."""
    if not pairs:
        return f"<h2>{html.escape(title)}</h2><p class='empty'>（无数据）</p>"
    top = max(v for _, v in pairs) or 1
    row_h, bar_w = 22, 420
    label_w = max(60, max(_text_width(label) for label, _ in pairs) + 12)  # a long rule id is never cut
    width, height = label_w + bar_w + 90, row_h * len(pairs) + 6
    parts = [f"<h2>{html.escape(title)}</h2>",  # viewBox: the chart shrinks with a narrow window
             f"<svg viewBox='0 0 {width} {height}' width='{width}' height='{height}' role='img' "
             f"aria-label='{html.escape(title)}'>"]
    for i, (label, value) in enumerate(pairs):
        y = i * row_h + 3
        w = max(1, int(bar_w * value / top)) if value else 0
        shown = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
        parts.append(f"<text x='{label_w - 6}' y='{y + 15}' text-anchor='end'>{html.escape(label)}</text>"
                     f"<rect x='{label_w}' y='{y + 2}' width='{w}' height='{row_h - 6}' fill='#2f6fb0'/>"
                     f"<text x='{label_w + w + 6}' y='{y + 15}'>{shown}{html.escape(unit)}</text>")
    parts.append("</svg>")
    return "".join(parts)


def _table(stat: Stat) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in stat.columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape('' if v is None else str(v))}</td>" for v in row) + "</tr>"
                   for row in stat.rows[:50])
    return f"<h2>{html.escape(stat.title_zh)} · {html.escape(stat.title_en)}</h2><table><tr>{head}</tr>{body}</table>"


def html_page(root: Path, stats: list[Stat]) -> str:
    by = {s.name: s for s in stats}
    files = sum(n for _, n in by["status"].rows)
    charts = [
        _bars("各年度报告数 · reports per year", [(_year(y), float(n)) for y, n, _ in by["years"].rows], " 份"),
        _bars("各年度本年新收申请合计 · requests received per year",
              [(_year(y), float(v or 0)) for y, v, _ in by["received"].rows if y], " 件"),
        _bars("最常见的审核发现 · most frequent findings",
              [(f"{r}（{_WHOSE.get(k, '') or _SEVERITY.get(s, s)}）", float(n))
               for r, k, s, n, _ in by["findings"].rows[:12]], " 项"),
    ]
    tables = "".join(_table(by[name]) for name in ("status", "formats", "templates", "agencies", "problems"))
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>语料库概况 · {html.escape(str(root))}</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 2rem auto; max-width: 860px; padding: 0 1rem;
  color: #1f2328; }}
h1 {{ font-size: 1.5rem; }} h2 {{ font-size: 1.1rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; }}
svg text {{ font-size: 13px; fill: #1f2328; }} svg {{ max-width: 100%; height: auto; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #d0d7de; padding: .2rem .6rem; text-align: left; }}
th {{ background: #f6f8fa; }} .empty {{ color: #656d76; }}
</style></head><body>
<h1>语料库概况 · Corpus summary</h1>
<p>{html.escape(str(root))}：共 {files} 个文件。</p>
{''.join(charts)}
{tables}
</body></html>
"""
