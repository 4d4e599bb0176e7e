"""(g) A report as a government portal publishes it: navigation, breadcrumbs, the report in a
content div, tables with rowspan/colspan, a footer; GBK/GB2312/GB18030 or UTF-8, declared in a
meta tag (or not); full-width digits, "件" attached, zero cells left blank (``&nbsp;``)."""

from __future__ import annotations

import copy
import random
from datetime import timedelta
from html import escape

from gongkai.model.report import Report

from .common import Rendering, blocks
from .grid import GCell, Grid

ENCODINGS = (("gbk", "gbk"), ("gb2312", "gb18030"), ("gb18030", "gb18030"), ("utf-8", "utf-8"), (None, "gbk"))
_FULLWIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


def _cell_html(rng: random.Random, cell: GCell, mode: dict[str, bool], expected: Report, lenient: dict[str, str]) -> str:
    attrs = ""
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    text = cell.text
    if cell.key is None:
        if mode["br"] and 4 <= len(text) <= 7 and rng.random() < 0.3:
            k = rng.randint(2, len(text) - 2)
            inner = escape(text[:k]) + "<br />" + escape(text[k:])
        else:
            inner = escape(text)
        return f'<td{attrs} nowrap="nowrap"><p align="center">{inner}</p></td>'
    if text == "0" and mode["blank_zero"]:
        expected.set_cell(cell.key, None)
        return f"<td{attrs}>&nbsp;</td>"
    if text == "0" and mode["markers"] and rng.random() < 0.5:
        lenient[cell.key] = "marker"
        return f"<td{attrs}><p>{rng.choice(('—', '/', '无', '-'))}</p></td>"
    if mode["fullwidth"] and rng.random() < 0.5:
        text = text.translate(_FULLWIDTH)
    if mode["units"] and rng.random() < 0.3:
        text += "万元" if cell.key == "active.fees.amount" else ("" if "." in text else "件")
    return f'<td{attrs}><p align="center"><span style="font-family:仿宋_GB2312">{text}</span></p></td>'


def _table(rng: random.Random, grid: Grid, mode: dict[str, bool], expected: Report, lenient: dict[str, str]) -> str:
    rows = ["<tr>" + "".join(_cell_html(rng, c, mode, expected, lenient) for c in row) + "</tr>" for row in grid]
    return '<table align="center" border="1" cellspacing="0" cellpadding="0"><tbody>' + "".join(rows) + "</tbody></table>"


def render(report: Report, rng: random.Random, *, markers: bool = False) -> Rendering:
    """``markers=True`` also writes zero cells as "—", "/", "无" or "-" (then 0 or null is accepted)."""
    expected = copy.deepcopy(report)
    lenient: dict[str, str] = {}
    mode = {"br": rng.random() < 0.5, "blank_zero": rng.random() < 0.25, "markers": markers,
            "fullwidth": rng.random() < 0.2, "units": rng.random() < 0.3}
    declared, codec = rng.choice(ENCODINGS)
    assert report.published_on is not None
    posted = report.published_on + timedelta(days=rng.randint(0, 10))
    agency = report.agency or ""
    title = next(b.text for b in blocks(report) if b.kind == "title")
    full_title = "".join(b.text for b in blocks(report) if b.kind == "title")
    body: list[str] = []
    for block in blocks(report):
        if block.kind == "title":
            body.append(f'<p style="text-align:center;font-weight:bold;font-size:22px">{escape(block.text)}</p>')
        elif block.kind == "heading":
            tag = rng.choice(("p", "p", "h3"))
            body.append(f'<{tag} style="text-indent:2em"><strong>{escape(block.text)}</strong></{tag}>')
        elif block.kind == "table":
            assert block.grid is not None
            body.append(_table(rng, block.grid, mode, expected, lenient))
        elif block.kind in ("signature", "date"):
            body.append(f'<p style="text-align:right">{escape(block.text)}</p>')
        else:
            body.append(f'<p style="text-indent:2em">{escape(block.text)}</p>')
    meta = ""
    if declared:
        meta = (f'<meta charset="{declared}">' if rng.random() < 0.5
                else f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">')
    site = agency.split("县")[0] + "县" if "县" in agency else agency[:3]
    page = f"""<!DOCTYPE html>
<html>
<head>
{meta}
<title>{escape(full_title)}_{escape(site)}人民政府门户网站</title>
<link rel="stylesheet" href="/css/style.css">
<script type="text/javascript">var siteId = "{rng.randint(1000, 9999)}";</script>
</head>
<body>
<div class="header"><div class="logo">{escape(site)}人民政府门户网站</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjxx/">走进{escape(site)}</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; <a href="/zwgk/nb/">政府信息公开年报</a></div>
<div class="article">
<h1 class="title">{escape(title)}</h1>
<div class="info"><span>发布日期：{posted.isoformat()}</span> <span>来源：{escape(agency)}</span> <span>浏览次数：<script>document.write(12)</script></span> <span>字号：[ 大 中 小 ]</span></div>
<div class="content" id="zoom">
{chr(10).join(body)}
</div>
<div class="share">【打印本页】【关闭窗口】</div>
</div>
<div class="footer"><p>主办单位：{escape(site)}人民政府办公室　承办：{escape(site)}政务服务和大数据中心</p>
<p>网站标识码：{rng.randint(1000000000, 9999999999)}　ICP备{rng.randint(10000000, 99999999)}号-1　公安机关备案号：{rng.randint(10000000000000, 99999999999999)}</p>
<p>联系电话：0{rng.randint(350, 919)}-{rng.randint(2000000, 8999999)}　建议使用1920×1080分辨率</p></div>
</body>
</html>
"""
    data = page.encode(codec, errors="xmlcharrefreplace")
    return Rendering("html", "report.html", data, expected, lenient)
