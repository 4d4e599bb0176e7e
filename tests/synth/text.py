"""The words of a synthetic report: title, preamble with the period sentence, six sections.

Paragraphs are ``(text, breakable)``: renderers may break a breakable paragraph at a page break
(between two Chinese characters, never near a figure), as PDF-extracted text does.
"""

from __future__ import annotations

import random
from typing import Any

from gongkai.model.keys import Template
from gongkai.model.report import Report
from gongkai.model.template import NOTICE_2019, NOTICE_2021

from .names import Agency

PERIOD_SENTENCES: tuple[str, ...] = (
    "本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。",
    "报告所列统计期限自{y}年1月1日至{y}年12月31日。",
    "本年度报告中所列数据统计期限从{y}年1月1日到12月31日止。",
    "报告统计数据时限为{y}年1月1日至{y}年12月31日。",
)
NOTICE_TITLES = {
    Template.V2021: "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》",
    Template.V2019: "《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》",
}
MANAGEMENT = (
    "（三）政府信息管理情况。坚持“先审查、后公开”和“谁公开、谁审查、谁负责”原则，严格落实保密审查制度，"
    "规范信息发布流程，及时更新政府信息公开指南和主动公开目录，确保公开信息准确规范。",
    "（三）政府信息管理情况。建立健全信息公开收集、审查、处理机制，明确专人负责信息的采集、审核和发布，"
    "对拟公开的信息逐级审核，做到内容准确、表述规范、有据可查。",
)
PLATFORM = (
    "（四）政府信息公开平台建设情况。持续优化政府网站政务公开专栏设置，加强政务新媒体管理，"
    "及时调整政务公开目录，按要求公开机构职能、政策文件、财政预决算、通知公告等内容。",
    "（四）政府信息公开平台建设情况。充分发挥政府门户网站第一平台作用，同步利用政务公开栏、"
    "便民服务中心等线下渠道公开信息，方便群众查询获取。",
)
OVERSIGHT = (
    "（五）政府信息公开监督保障情况。将政务公开工作纳入年度考核，开展社会评议，定期开展栏目巡查和自查整改，"
    "组织工作人员参加业务培训，全年未发生责任追究情况。",  # 考核、评议、追究: 条例第五十条（四）
    "（五）政府信息公开监督保障情况。健全政务公开责任、评议、考核和责任追究制度，对发现的问题及时督促整改，"
    "全年未发生因政务公开工作引发的责任追究情况。",
)
PROBLEMS = (
    "政府信息公开工作虽然取得了一定成效，但仍存在一些不足：一是公开内容的深度和广度有待拓展；"
    "二是政策解读的形式较为单一，群众知晓度不高；三是工作人员业务能力仍需提升。",
    "对照上级新要求和公众新期待，还有一些需要加强和改进的地方：主动公开的时效性不够强，"
    "重点领域信息公开还需细化，政务公开队伍建设有待加强。",
)
IMPROVEMENTS = (
    "下一步，将从以下方面加以改进：一是加大主动公开力度，及时准确发布重点领域信息；"
    "二是丰富政策解读形式，提升解读质量；三是加强业务培训，提高工作人员能力和水平。",
    "针对存在的问题，将进一步健全工作机制，强化审查把关，加强平台建设和队伍建设，"
    "推动政务公开工作持续规范有序开展。",
)


def _date(d: Any) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def narrative(rng: random.Random, report: Report, agency: Agency, wrong_sum: bool) -> dict[str, Any]:
    y = report.year
    assert y is not None and report.template is not None and report.published_on is not None
    notice = NOTICE_2021 if report.template is Template.V2021 else NOTICE_2019
    period = rng.choice(PERIOD_SENTENCES).format(y=y)
    phone = f"0{rng.randint(350, 919)}-{rng.randint(2000000, 8999999)}"
    preamble = (f"本报告由{agency.office}根据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称《条例》）"
                f"和{NOTICE_TITLES[report.template]}（{notice}）要求编制。{period}"
                f"如对本报告有疑问，请与{agency.office}联系（联系电话：{phone}）。")
    style = rng.choice(("two_lines", "two_lines", "year_first", "one_line"))
    if style == "two_lines":
        title = [agency.name, f"{y}年政府信息公开工作年度报告"]
    elif style == "year_first":
        title = [f"{y}年{agency.name}政府信息公开工作年度报告"]
    else:
        title = [f"{agency.name}{y}年度政府信息公开工作年度报告"]

    requests = report.tables["requests"] or {}
    active = report.tables["active"] or {}
    parts = sorted((rng.randint(1, 60) for _ in range(4)), reverse=True)
    stated = sum(parts) + (rng.randint(1, 3) if wrong_sum else 0)
    names = ("工作动态", "通知公告", "政策文件", "人事信息")
    listed = "、".join(f"{n}{v}条" for n, v in zip(names, parts, strict=True))
    norm = active.get("normative_documents", {})
    issued = norm.get("issued", norm.get("made", 0))
    proactive = (f"（一）主动公开情况。{y}年，{agency.short}通过政府门户网站主动公开政府信息{stated}条，"
                 f"其中{listed}。全年制发行政规范性文件{issued}件。")
    received = requests.get("received", {}).get("total", 0)
    if received:
        requests_text = (f"（二）依申请公开情况。{y}年，共收到政府信息公开申请{received}件，"
                         f"上年结转{requests['carried_over']['total']}件，办结{requests['total']['total']}件，"
                         f"结转下年度办理{requests['carried_forward']['total']}件。")
    else:
        requests_text = f"（二）依申请公开情况。{y}年，{agency.short}未收到政府信息公开申请。"
    overview = (f"{y}年，{agency.short}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》各项规定，"
                "围绕中心工作，扎实推进政府信息公开工作，进一步提升政务公开质量和实效。")
    fee_cases = requests.get("other_no_fee", {}).get("total", 0) or 0
    if fee_cases:
        fees = f"{y}年，本机关发出收费通知{fee_cases}件，收取信息处理费{fee_cases * 100}元。"
    else:
        fees = rng.choice((f"{y}年，本机关未收取信息处理费。",
                           f"按照《政府信息公开信息处理费管理办法》规定，{y}年本机关未收取政府信息公开信息处理费。",
                           "无。"))
    paragraphs: dict[int, list[tuple[str, bool]]] = {
        1: [(overview, True), (proactive, False), (requests_text, False), (rng.choice(MANAGEMENT), True),
            (rng.choice(PLATFORM), True), (rng.choice(OVERSIGHT), True)],
        2: [], 3: [], 4: [],
        5: [(rng.choice(PROBLEMS), True), (rng.choice(IMPROVEMENTS), True)],
        6: [(fees, False)],
    }
    return {
        "title": title,
        "preamble": preamble,
        "preamble_first": rng.random() < 0.7,  # before "一、总体情况", else its first paragraph
        "paragraphs": paragraphs,
        "date": _date(report.published_on),
        "stated_items": stated,
        "listed_items": parts,
    }
