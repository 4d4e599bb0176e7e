"""Markdown: headings, the national tables as pipe tables, signature and date."""

from __future__ import annotations

from gongkai.model.keys import Template
from gongkai.writers.base import render

from .samples import sample


def _md(template: Template) -> str:
    return render(sample(template), "md").decode("utf-8")


def _table_after(md: str, heading: str) -> list[list[str]]:
    """The pipe rows of the first table after ``heading`` (separator row dropped)."""
    lines = md[md.index(heading):].split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        if set(line) <= set("|- "):
            continue
        rows.append([c.strip() for c in line.strip("|").split("|")])
    return rows


def test_title_headings_and_signature() -> None:
    md = _md(Template.V2021)
    assert md.startswith("# 繁峙县平型关镇人民政府2023年政府信息公开工作年度报告\n\n"
                         "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n")
    headings = [line for line in md.split("\n") if line.startswith("## ")]
    assert headings == ["## 一、总体情况", "## 二、主动公开政府信息情况", "## 三、收到和处理政府信息公开申请情况",
                        "## 四、政府信息公开行政复议、行政诉讼情况", "## 五、存在的主要问题及改进情况",
                        "## 六、其他需要报告的事项"]
    assert md.endswith("本年度未收取信息处理费。\n\n繁峙县平型关镇人民政府\n\n2024年1月10日\n")


def test_requests_table_2021_has_25_rows_with_note_and_groups() -> None:
    rows = _table_after(_md(Template.V2021), "## 三、")
    assert rows[0][0] == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert rows[0][3] == "申请人情况"
    assert rows[2][4:9] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    data = rows[3:]
    assert len(data) == 25
    assert all(len(r) == 10 for r in rows)
    assert data[0][:3] == ["一、本年新收政府信息公开申请数量", "", ""]
    assert data[2][:2] == ["三、本年度办理结果", "（一）予以公开"]
    assert data[4][1:3] == ["（三）不予公开", "1.属于国家秘密"]
    assert data[20][1:3] == ["（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"]
    assert data[-2][1] == "（七）总计"
    assert data[-1][0] == "四、结转下年度继续办理"
    assert data[-1][3:] == ["2", "3", "4", "5", "6", "7", "27"]


def test_requests_table_2019_has_23_rows_and_single_other_row() -> None:
    data = _table_after(_md(Template.V2019), "## 三、")[3:]
    assert len(data) == 23
    assert data[20][1:3] == ["（六）其他处理", ""]


def test_active_blocks_are_shaped_like_the_template() -> None:
    md = _md(Template.V2021)
    licensing = _table_after(md, "| 第二十条第（五）项")
    assert licensing == [["第二十条第（五）项", ""], ["信息内容", "本年处理决定数量"], ["行政许可", "447228"]]
    fees = _table_after(md, "| 第二十条第（八）项")
    assert fees == [["第二十条第（八）项", ""], ["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费", "96171.6"]]
    procurement = _table_after(_md(Template.V2019), "| 第二十条第（九）项")
    assert procurement[-1] == ["政府集中采购", "21", "5949.088667"]


def test_appeals_table_has_three_header_rows_and_fifteen_values() -> None:
    rows = _table_after(_md(Template.V2021), "## 四、")
    assert rows[0][0] == "行政复议" and rows[0][5] == "行政诉讼"
    assert rows[1][5] == "未经复议直接起诉" and rows[1][10] == "复议后起诉"
    assert rows[2][5:10] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert rows[3] == ["1", "2", "0", "4", "7", "2", "3", "0", "5", "10", "3", "4", "0", "6", "13"]
