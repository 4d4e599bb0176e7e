"""Copy detection on constructed pairs: copied with small edits → found; sharing only the template → not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gongkai.api import read
from gongkai.supervise.copied import CopyItem, find_copied, report_text

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "gongkai" / "sample_reports"


def _text(name: str) -> str:
    return report_text(read(SAMPLES / name))


def _edited(text: str) -> str:
    """A clerk's copy: the numbers changed, one place name swapped, one sentence added."""
    text = re.sub(r"\d+", lambda m: str(int(m.group()) + 7), text)
    return text.replace("平型关镇", "砂河镇") + "\n今年我镇还新建了政务公开专区，方便群众查阅。"


@pytest.fixture(scope="module")
def seed_000() -> str:
    return _text("000_11de511653868c0f.txt")


def test_copied_with_small_edits_is_found(seed_000: str) -> None:
    items = [CopyItem("平型关镇", 2023, "a.txt", seed_000), CopyItem("砂河镇", 2023, "b.txt", _edited(seed_000)),
             CopyItem("缙氏镇", 2023, "c.txt", _text("002_fdae73c5d0e03e9f.txt"))]
    found = find_copied(items)
    assert [(c.kind, c.files, c.agencies) for c in found] == [("same_year", ("a.txt", "b.txt"), ("平型关镇", "砂河镇"))]
    assert found[0].similarity > 0.8
    assert found[0].passages and all(len(p.text) >= 20 for p in found[0].passages)
    first = found[0].passages[0]
    assert seed_000[first.a_start:first.a_end] == first.text
    js = found[0].to_json()
    assert list(js) == ["files", "agencies", "similarity", "passages"]
    assert js["files"] == ["a.txt", "b.txt"] and js["agencies"] == ["平型关镇", "砂河镇"]


def test_independent_reports_sharing_only_the_template_are_not_found() -> None:
    names = ["000_11de511653868c0f.txt", "001_9e58b98aa5ba2831.txt", "002_fdae73c5d0e03e9f.txt",
             "003_ab0ddd5dad9ab753.txt", "004_c64f7a519d6f195b.txt", "pingtan-2023.txt"]
    items = [CopyItem(f"机关{i}", 2023, n, _text(n)) for i, n in enumerate(names)]
    assert find_copied(items) == []


def test_own_previous_year_repeated(seed_000: str) -> None:
    this_year = CopyItem("平型关镇", 2023, "2023.txt", _edited(seed_000))
    older = [CopyItem("平型关镇", 2021, "2021.txt", _text("002_fdae73c5d0e03e9f.txt")),
             CopyItem("平型关镇", 2022, "2022.txt", seed_000),
             CopyItem("砂河镇", 2022, "other.txt", seed_000)]
    found = find_copied([this_year], previous=older)
    assert [(c.kind, c.files, c.years) for c in found] == [("previous_year", ("2023.txt", "2022.txt"), (2023, 2022))]


def test_two_files_of_one_agency_are_versions_not_copies(seed_000: str) -> None:
    items = [CopyItem("平型关镇", 2023, "v1.txt", seed_000), CopyItem("平型关镇", 2023, "v2.txt", _edited(seed_000))]
    assert find_copied(items) == []


def test_template_wording_alone_does_not_make_reports_copies() -> None:
    """Two reports made of the same headings, table labels and stock sentences, each with a few
    words of its own: the shared part is the form, not copying."""
    from gongkai.model.template import REQUEST_ROW_SPECS, SECTIONS

    heads = "\n".join(f"{'一二三四五六'[i]}、{s.title}" for i, s in enumerate(SECTIONS))
    labels = "\n".join(r.label for r in REQUEST_ROW_SPECS.values())
    stock = ("本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室"
             "关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。"
             "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。本报告电子版可在本机关门户网站查阅或下载。"
             "如对本报告有疑问，请与本机关联系。")
    a = f"{stock}\n{heads}\n{labels}\n今年我镇围绕乡村振兴主线，在村务公开栏张贴惠农补贴名单，组织网格员入户宣讲医保缴费政策。"
    b = f"{stock}\n{heads}\n{labels}\n本局聚焦营商环境优化，推行企业开办一窗通办，把许可事项清单逐项挂网并标注办理时限。"
    assert find_copied([CopyItem("甲镇", 2023, "a.txt", a), CopyItem("乙局", 2023, "b.txt", b)]) == []
    # the same two with the second copying the first's own words is found
    c = b + "\n今年我镇围绕乡村振兴主线，在村务公开栏张贴惠农补贴名单，组织网格员入户宣讲医保缴费政策。"
    assert [x.agencies for x in find_copied([CopyItem("甲镇", 2023, "a.txt", a), CopyItem("乙局", 2023, "c.txt", c)])] \
        == [("甲镇", "乙局")]
