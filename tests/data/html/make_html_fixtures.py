"""Build the HTML reader fixtures: three pages in the shapes and encodings found on portals.

Not part of the test suite; the files it writes are checked in. Run:

    .venv/bin/python tests/data/html/make_html_fixtures.py

Writes, next to this file:
    portal-2021-gbk.html     a div-based county portal page (nav, breadcrumbs, sidebar, share bar,
                             footer, scripts, a hidden block) declared and encoded GBK; the report
                             (2021 template, non-zero numbers) sits in #zoom, its title and
                             "发布日期：… 来源：…" line above it; cells hold "/", "—", "无", "12件",
                             "3.5万元" and full-width digits; section 六 holds a nested table
    layout-2021-utf8.html    an old table-layout page (TRS era), UTF-8 with no declaration at
                             all; <th> headers, full-width digits, a signature split by <br>
    fragment-gb18030.html    a bare fragment (like the Shanghai corpus page) in GB18030 without a
                             declaration, with <h2>/<h3> headings and a character outside GBK
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANTS = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
# (group label or None, row label, seven values as printed)
REQUESTS_2021: list[tuple[str | None, str, list[str]]] = [
    (None, "（一）予以公开", ["20", "3", "0", "1", "1", "0", "25"]),
    (None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ["4", "1", "0", "0", "0", "0", "5"]),
    ("（三）不予公开", "1.属于国家秘密", ["1", "0", "0", "0", "0", "0", "1"]),
    ("（三）不予公开", "2.其他法律行政法规禁止公开", ["0", "0", "0", "0", "0", "0", "0"]),
    ("（三）不予公开", "3.危及“三安全一稳定”", ["0", "0", "0", "0", "0", "0", "0"]),
    ("（三）不予公开", "4.保护第三方合法权益", ["2", "0", "0", "0", "0", "0", "2"]),
    ("（三）不予公开", "5.属于三类内部事务信息", ["1", "0", "0", "0", "0", "0", "1"]),
    ("（三）不予公开", "6.属于四类过程性信息", ["2", "0", "0", "0", "1", "0", "3"]),
    ("（三）不予公开", "7.属于行政执法案卷", ["0", "0", "0", "0", "0", "0", "0"]),
    ("（三）不予公开", "8.属于行政查询事项", ["1", "0", "0", "0", "0", "0", "1"]),
    ("（四）无法提供", "1.本机关不掌握相关政府信息", ["8", "1", "0", "0", "0", "0", "9"]),
    ("（四）无法提供", "2.没有现成信息需要另行制作", ["2", "0", "0", "0", "0", "0", "2"]),
    ("（四）无法提供", "3.补正后申请内容仍不明确", ["1", "0", "0", "0", "0", "0", "1"]),
    ("（五）不予处理", "1.信访举报投诉类申请", ["3", "0", "0", "0", "0", "0", "3"]),
    ("（五）不予处理", "2.重复申请", ["1", "0", "0", "0", "0", "0", "1"]),
    ("（五）不予处理", "3.要求提供公开出版物", ["0", "0", "0", "0", "0", "0", "0"]),
    ("（五）不予处理", "4.无正当理由大量反复申请", ["0", "0", "0", "0", "0", "0", "0"]),
    ("（五）不予处理", "5.要求行政机关确认或重新出具已获取信息", ["1", "0", "0", "0", "0", "0", "1"]),
    ("（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
     ["1", "0", "0", "0", "0", "0", "1"]),
    ("（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
     ["0", "0", "0", "0", "0", "0", "0"]),
    ("（六）其他处理", "3.其他", ["0", "0", "0", "0", "0", "0", "0"]),
]
RECEIVED = ["45", "6", "0", "1", "2", "0", "54"]
CARRIED_OVER = ["3", "1", "0", "0", "0", "0", "4"]
TOTAL = ["48", "5", "0", "1", "2", "0", "56"]
CARRIED_FORWARD = ["0", "2", "0", "0", "0", "0", "2"]
APPEALS = ["2", "1", "0", "0", "3", "1", "0", "0", "1", "2", "0", "0", "1", "0", "1"]
FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def cell(text: str, tag: str = "td", rowspan: int = 1, colspan: int = 1, style: str = "") -> str:
    attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
    attrs += f' style="{style}"' if style else ""
    return f"<{tag}{attrs}>{text}</{tag}>"


def requests_table(*, head: str = "td", full_rows: tuple[str, ...] = (), wrap: str = "{}") -> str:
    """Section 三 in the official 2021 shape (rowspan/colspan as the template prints them)."""
    def values(label: str, vals: list[str]) -> str:
        shown = [v.translate(FULL) if label in full_rows else v for v in vals]
        return "".join(cell(wrap.format(v)) for v in shown)

    rows = [
        cell(NOTE, head, rowspan=3, colspan=3) + cell("申请人情况", head, colspan=7),
        cell("自然人", head, rowspan=2) + cell("法人或其他组织", head, colspan=5) + cell("总计", head, rowspan=2),
        "".join(cell(a, head) for a in APPLICANTS),
        cell("一、本年新收政府信息公开申请数量", colspan=3) + values("received", RECEIVED),
        cell("二、上年结转政府信息公开申请数量", colspan=3) + values("carried_over", CARRIED_OVER),
    ]
    group_sizes: dict[str, int] = {}
    for group, _, _ in REQUESTS_2021:
        if group:
            group_sizes[group] = group_sizes.get(group, 0) + 1
    seen: set[str] = set()
    for i, (group, label, vals) in enumerate(REQUESTS_2021):
        row = cell("三、本年度办理结果", rowspan=len(REQUESTS_2021) + 1) if i == 0 else ""
        if group is None:
            row += cell(label, colspan=2)
        else:
            if group not in seen:
                seen.add(group)
                row += cell(group, rowspan=group_sizes[group])
            row += cell(label)
        rows.append(row + values(label, vals))
    rows.append(cell("（七）总计", colspan=2) + values("total", TOTAL))
    rows.append(cell("四、结转下年度继续办理", colspan=3) + values("carried_forward", CARRIED_FORWARD))
    return "<table border=\"1\" cellspacing=\"0\">\n" + "\n".join(f"<tr>{r}</tr>" for r in rows) + "\n</table>"


def appeals_table(*, head: str = "td", values: list[str] = APPEALS) -> str:
    labels = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rows = [
        cell("行政复议", head, colspan=5) + cell("行政诉讼", head, colspan=10),
        "".join(cell(x, head, rowspan=2) for x in labels)
        + cell("未经复议直接起诉", head, colspan=5) + cell("复议后起诉", head, colspan=5),
        "".join(cell(x, head) for x in labels * 2),
        "".join(cell(v) for v in values),
    ]
    return "<table border=\"1\">\n" + "\n".join(f"<tr>{r}</tr>" for r in rows) + "\n</table>"


PORTAL_ACTIVE = """<table class="MsoNormalTable" border="1" cellspacing="0" style="border-collapse:collapse;border:none">
<tbody>
<tr><td colspan="4" style="border:solid windowtext 1.0pt"><p align="center"><b>第二十条第（一）项</b></p></td></tr>
<tr><td><p>信息内容</p></td><td><p>本年<br/>制发件数</p></td><td><p>本年<br/>废止件数</p></td><td><p>现行<br>有效件数</p></td></tr>
<tr><td><p>规章</p></td><td><p>/</p></td><td><p>/</p></td><td><p>/</p></td></tr>
<tr><td><p>行政规范性文件</p></td><td><p>１２</p></td><td><p>3</p></td><td><p><span>4</span><span>5</span></p></td></tr>
<tr><td colspan="4"><p align="center"><b>第二十条第（五）项</b></p></td></tr>
<tr><td><p>信息内容</p></td><td colspan="3"><p>本年处理决定数量</p></td></tr>
<tr><td><p>行政许可</p></td><td colspan="3"><p>1286</p></td></tr>
<tr><td colspan="4"><p align="center"><b>第二十条第（六）项</b></p></td></tr>
<tr><td><p>信息内容</p></td><td colspan="3"><p>本年处理决定数量</p></td></tr>
<tr><td><p>行政处罚</p></td><td colspan="3"><p>12件</p></td></tr>
<tr><td><p>行政强制</p></td><td colspan="3"><p>无</p></td></tr>
<tr><td colspan="4"><p align="center"><b>第二十条第（八）项</b></p></td></tr>
<tr><td><p>信息内容</p></td><td colspan="3"><p>本年收费金额（单位：万元）</p></td></tr>
<tr><td><p>行政事业性收费</p></td><td colspan="3"><p>3.5万元</p></td></tr>
</tbody>
</table>"""

PORTAL = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="gbk">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>青山县人民政府办公室2023年政府信息公开工作年度报告_青山县人民政府</title>
<meta name="SiteName" content="青山县人民政府">
<meta name="ColumnName" content="政府信息公开年报">
<meta name="ArticleTitle" content="青山县人民政府办公室2023年政府信息公开工作年度报告">
<meta name="PubDate" content="2024-01-19 16:02">
<meta name="ContentSource" content="青山县人民政府办公室">
<link rel="stylesheet" href="/css/common.css">
<style>.nav li{float:left}.footer{color:#666}</style>
<script>var _hmt = _hmt || []; document.write("统计脚本不应出现");</script>
</head>
<body>
<!-- 头部开始 -->
<div class="header">
  <div class="logo"><a href="/"><img src="/images/logo.png" alt="青山县人民政府"></a></div>
  <div class="top-search"><form action="/search"><input type="text" name="q" value="请输入关键字"><button>搜索</button></form></div>
  <ul class="nav">
    <li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li>
    <li><a href="/hdjl/">互动交流</a></li><li><a href="/zjqs/">走进青山</a></li>
  </ul>
</div>
<!-- 头部结束 -->
<div class="main w1200">
  <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/ndbg/">政府信息公开年报</a></div>
  <div class="sidebar">
    <h3>信息公开目录</h3>
    <ul>
      <li><a href="/zwgk/zn/">政府信息公开指南</a></li><li><a href="/zwgk/zd/">政府信息公开制度</a></li>
      <li><a href="/zwgk/ndbg/">政府信息公开年报</a></li><li><a href="/zwgk/fdgk/">法定主动公开内容</a></li>
    </ul>
    <p>咨询电话：0551-1234567（工作日 9:00—17:00）</p>
  </div>
  <div class="article">
    <h1 class="title">青山县人民政府办公室2023年政府信息公开工作年度报告</h1>
    <div class="info">
      <span>发布日期：2024-01-19</span>&nbsp;&nbsp;<span>来源：青山县人民政府办公室</span>&nbsp;&nbsp;
      <span>浏览次数：<script>document.write(1024)</script></span>&nbsp;&nbsp;
      <span>【字体：<a href="javascript:void(0)">大</a> <a href="javascript:void(0)">中</a> <a href="javascript:void(0)">小</a>】</span>
    </div>
    <div id="zoom" class="TRS_Editor">
<p style="text-indent:2em">　　本报告由青山县人民政府办公室根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定编制。
本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。</p>
<p><strong>一、总体情况</strong></p>
<p>　　2023年，青山县人民政府办公室认真贯彻落实《条例》和上级关于政务公开工作的部署要求，全年通过政府门户网站主动公开政府信息2156条。</p>
<p>　　（一）主动公开情况。全年制发行政规范性文件12件，发布政策解读材料64篇。</p>
<p>　　（二）依申请公开情况。全年共收到政府信息公开申请54件，上年结转4件，结转下年度继续办理2件。</p>
<p>&nbsp;</p>
<p><strong>二、主动公开政府信息情况</strong></p>
{active}
<p><strong>三、收到和处理政府信息公开申请情况</strong></p>
{requests}
<p><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p>
{appeals}
<p><strong>五、存在的主要问题及改进情况</strong></p>
<p>　　一是政策解读形式不够丰富；二是依申请办理的规范化水平有待提升。2024年将加强业务培训，完善办理流程。</p>
<p><strong>六、其他需要报告的事项</strong></p>
<p>　　本年度收取信息处理费情况如下：</p>
<table border="1">
<tr><td>信息处理费</td><td><table border="1"><tr><td>发出收费通知件数</td><td>2</td></tr><tr><td>实际收取金额（元）</td><td>300</td></tr></table></td></tr>
<tr><td>本年度政务公开工作要点落实情况</td><td>已全部落实</td></tr>
</table>
<p style="text-align:right">青山县人民政府办公室<br>2024年1月19日</p>
    </div>
    <div class="bdsharebuttonbox"><span>分享到：</span><a class="bds_weixin" title="分享到微信">微信</a><a class="bds_tsina" title="分享到新浪微博">微博</a></div>
    <div class="print-close"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
    <div style="display:none">隐藏内容不应出现</div>
  </div>
</div>
<!-- 底部 -->
<div class="footer">
  <p>主办单位：青山县人民政府办公室　承办单位：青山县数据资源管理局</p>
  <p>版权所有：青山县人民政府　地址：青山县人民路1号　联系电话：0551-1234567</p>
  <p>网站标识码：3415000001　<a href="https://beian.miit.gov.cn">皖ICP备12345678号</a>　皖公网安备 34150002000001号</p>
</div>
<script src="/js/jquery.min.js"></script>
</body>
</html>
"""

LAYOUT = """<html>
<head>
<title>青山县交通运输局2023年政府信息公开工作年度报告</title>
<meta name="pubdate" content="2024/01/15">
</head>
<body topmargin="0">
<table width="1000" align="center" cellpadding="0" cellspacing="0">
<tr><td colspan="2" class="banner"><img src="banner.jpg"></td></tr>
<tr><td colspan="2" class="menu"><a href="/">网站首页</a> | <a href="/jtxw/">交通新闻</a> | <a href="/zwgk/">政务公开</a> | <a href="/bsfw/">办事服务</a></td></tr>
<tr>
<td width="220" valign="top" class="left">
  <table width="100%"><tr><td class="lmtitle">政务公开</td></tr>
  <tr><td><a href="/zwgk/1/">机构概况</a></td></tr><tr><td><a href="/zwgk/2/">规划计划</a></td></tr>
  <tr><td><a href="/zwgk/3/">年度报告</a></td></tr><tr><td><a href="/zwgk/4/">财政预决算</a></td></tr></table>
</td>
<td width="780" valign="top">
  <table width="100%"><tr><td align="center" class="bt">青山县交通运输局2023年政府信息公开工作年度报告</td></tr>
  <tr><td align="center">发布时间：2024-01-15 09:30:12　　信息来源：青山县交通运输局　　点击数：512</td></tr>
  <tr><td class="TRS_Editor">
<div>根据《中华人民共和国政府信息公开条例》规定，现公布青山县交通运输局2023年政府信息公开工作年度报告。</div>
<div>一、总体情况</div>
<div>2023年，我局全面落实政务公开各项工作要求，主动公开政府信息318条。</div>
<div>二、主动公开政府信息情况</div>
<table border="1">
<tr><th colspan="4">第二十条第（一）项</th></tr>
<tr><th>信息内容</th><th>本年制发件数</th><th>本年废止件数</th><th>现行有效件数</th></tr>
<tr><td>规章</td><td>—</td><td>—</td><td>—</td></tr>
<tr><td>行政规范性文件</td><td>２</td><td>１</td><td>７</td></tr>
<tr><th colspan="4">第二十条第（五）项</th></tr>
<tr><th>信息内容</th><th colspan="3">本年处理决定数量</th></tr>
<tr><td>行政许可</td><td colspan="3">４３７</td></tr>
</table>
<div>三、收到和处理政府信息公开申请情况</div>
{requests}
<div>四、政府信息公开行政复议、行政诉讼情况</div>
{appeals}
<div>五、存在的主要问题及改进情况</div>
<div>主动公开的及时性有待提高。下一步将完善信息发布审核机制。</div>
<div>六、其他需要报告的事项</div>
<div>本年度未收取信息处理费。</div>
<div>青山县交通运输局<br>2024年1月15日</div>
  </td></tr></table>
</td>
</tr>
<tr><td colspan="2" align="center" class="foot">版权所有 青山县交通运输局　网站标识码：3415000012　技术支持：某某网络公司</td></tr>
</table>
</body>
</html>
"""

FRAGMENT = """<h2 style="text-align:center">青山县林业局2022年政府信息公开工作年度报告</h2>
<p style="text-align:center">发文日期：2023年1月20日</p>
<p>　　本报告依据《中华人民共和国政府信息公开条例》编制，统计期限自2022年1月1日至2022年12月31日。</p>
<h3>一、总体情况</h3>
<p>　　2022年，我局在吉林𠮷林业站等基层站点设立政务公开专区，主动公开政府信息86条。</p>
<h3>二、主动公开政府信息情况</h3>
<p>　　本年度未制发规章和行政规范性文件。</p>
<h3>三、收到和处理政府信息公开申请情况</h3>
<p>　　本年度收到政府信息公开申请3件，均已按期答复。</p>
<h3>四、政府信息公开行政复议、行政诉讼情况</h3>
{appeals}
<h3>五、存在的主要问题及改进情况</h3>
<p>　　公开内容的规范性仍需加强。</p>
<h3>六、其他需要报告的事项</h3>
<p>　　无。</p>
"""


def main() -> None:
    portal = PORTAL.replace("{active}", PORTAL_ACTIVE).replace(
        "{requests}", requests_table(full_rows=("received",), wrap="<p align=\"center\">{}</p>")
    ).replace("{appeals}", appeals_table())
    (HERE / "portal-2021-gbk.html").write_bytes(portal.encode("gbk"))
    layout = LAYOUT.replace("{requests}", requests_table(head="th", full_rows=("total",))).replace(
        "{appeals}", appeals_table(head="th"))
    (HERE / "layout-2021-utf8.html").write_bytes(layout.encode("utf-8"))
    fragment = FRAGMENT.replace("{appeals}", appeals_table(values=["1", "0", "0", "0", "1"] + ["0"] * 10))
    (HERE / "fragment-gb18030.html").write_bytes(fragment.encode("gb18030"))


if __name__ == "__main__":
    main()
