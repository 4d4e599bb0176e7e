"""(i) Crawled page text in all its shapes (corpus pt-*.txt): the crawler's metadata header, the
portal's chrome (breadcrumb, share buttons, a leaked Word style block, an HTML comment, footer)
around the body on one line, and table rows printed each in its own way: digits glued to the
label, cells separated by spaces, or cells that held "&nbsp;0" / "0&nbsp;" so that spaces fall
between some cells and not others. Header words are broken by spaces ("自 然 人")."""

from __future__ import annotations

import copy
import random

from gongkai.model.report import Report

from .common import Block, Rendering, blocks
from .flat import ambiguous_cells

_WORD_CSS = (
    "Normal 0 7.8 磅 0 2 false false false EN-US ZH-CN X-NONE /* Style Definitions */ table.MsoNormalTable "
    "{mso-style-name:普通表格; mso-tstyle-rowband-size:0; mso-tstyle-colband-size:0; mso-style-noshow:yes; "
    "mso-padding-alt:0cm 5.4pt 0cm 5.4pt; font-size:10.5pt; font-family:\"Calibri\",sans-serif;}"
)
_COMMENT = "<!--[if !supportMisalignedColumns]--><!--[endif]-->"
_SHARE = "微信 微博 QQ空间 全真版 文字版"


def _spaced_label(text: str, rng: random.Random) -> str:
    """A header word broken by the spaces of a narrow cell: "自 然 人", "社会公 益组织"."""
    if len(text) < 3 or rng.random() < 0.6:
        return text
    cut = rng.randint(1, len(text) - 1)
    return text[:cut] + " " + text[cut:] if rng.random() < 0.5 else " ".join(text)


def _row(values: list[str], style: str, rng: random.Random) -> str:
    if style == "glued":
        return "".join(values)
    if style == "spaced":
        return " " + " ".join(values) + rng.choice(("", " "))
    # "nbsp": each cell held "&nbsp;v" or "v&nbsp;" or just "v" (corpus pt-jinjing-2019).
    return "".join(rng.choice((" " + v, v + " ", v)) for v in values)


def _table(block: Block, rng: random.Random, spaced_active: set[str]) -> str:
    assert block.grid is not None
    out = ""
    for grid_row in block.grid:
        values = [c for c in grid_row if c.key is not None]
        labels = [c for c in grid_row if c.key is None]
        out += "".join(_spaced_label(c.text, rng) if block.table != "active" else c.text for c in labels)
        if not values:
            continue
        if block.table == "active":
            style = rng.choice(("glued", "spaced"))
            if style == "spaced":
                spaced_active.update(c.key for c in values if c.key)
        else:
            style = rng.choice(("glued", "spaced", "nbsp"))
        out += _row([c.text for c in values], style, rng)
    return out


def render(report: Report, rng: random.Random) -> Rendering:
    all_blocks = blocks(report)
    title = "".join(b.text for b in all_blocks if b.kind == "title")
    assert report.published_on is not None
    stamp = f"{report.published_on.isoformat()} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}"
    header = [
        f"标题: {title}",
        f"发布时间: {stamp}",
        "文号: ",
        f"发布机构: {report.agency}",
        "栏目: 政府信息公开年报",
        f"原文链接: https://www.example.gov.cn/zwgk/nb/{report.published_on:%Y%m}/t{rng.randint(10000, 99999)}.htm",
        "==================== 正文 ====================",
    ]
    chrome = rng.random() < 0.7
    body = f"当前位置： 首页政务公开政府信息公开年报 来源： 时间：{stamp} --> {_SHARE} " if chrome else ""
    if chrome and rng.random() < 0.5:
        body += _WORD_CSS + " "
    spaced_active: set[str] = set()
    for block in all_blocks:
        if block.kind == "title":
            body += block.text if rng.random() < 0.5 else ""
        elif block.kind == "heading":
            body += rng.choice(("", " ")) + block.text + rng.choice(("", " "))
        elif block.kind == "table":
            if block.table == "active" and rng.random() < 0.3:
                body += _COMMENT
            body += _table(block, rng, spaced_active)
        elif block.kind in ("signature", "date"):
            body += " " + block.text
        else:
            body += block.text
    if chrome:
        body += " " + (_WORD_CSS + " " if rng.random() < 0.5 else "") + "附件下载 相关链接： 中国政府网 打印本页 关闭窗口"
    text = "\n".join(header) + "\n" + body + "\n"
    # Spaces only ever remove splits (a space always ends a number), so what a perfect reader
    # cannot settle is at most what it cannot settle in fully glued text; a section-二 row printed
    # with a space between every cell is settled by its spaces alone.
    lenient = {k: "ambiguous" for k in ambiguous_cells(report) if k not in spaced_active}
    return Rendering("crawl", "report.txt", text.encode("utf-8"), copy.deepcopy(report), lenient)
