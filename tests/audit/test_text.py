"""text.citation, text.sum and text.table_mismatch — on made-up sentences and on real reports."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from gongkai.model.provenance import Where
from gongkai.model.report import NarrativeFigure, Report, Source

CORPUS = Path(__file__).parents[1] / "data" / "corpus"


def _with_text(make, text: str, *, year: int = 2023, where: str = "section") -> Report:
    r = make(year=year)
    if where == "preamble":
        r.meta["preamble"] = text
    else:
        r.sections[0].text = text
    return r


# -- citations -----------------------------------------------------------------------------------

CITATION_CASES = [
    ("根据《中华人民共和国信息公开条例》要求", 2022, [("error", "法规名称有误：“《中华人民共和国信息公开条例》”，应为《中华人民共和国政府信息公开条例》")]),
    ("贯彻中华人民共和国信息公开条例", 2022, [("error", "法规名称有误：“中华人民共和国信息公开条例”，应为《中华人民共和国政府信息公开条例》")]),
    ("《中华人民共和国政府信息公开\n条例》", 2022, []),
    ("《政府信息公开条例》《上海市政府信息公开规定》", 2022, []),
    ("（国办公开函〔2021〕30号）", 2022, [("error", "文号有误：“国办公开函〔2021〕30号”，应为“国办公开办函〔2021〕30号”")]),
    ("国办公开函[2021]30 号", 2022, [("error", "文号有误：“国办公开函[2021]30号”，应为“国办公开办函〔2021〕30号”")]),
    ("国办公开办函〔2021〕30号", 2022, []),
    ("国办函〔2020〕109号、国办发〔2021〕30号", 2022, []),
    ("（国办公开办函〔2019〕60 号）", 2023, [("warning", "2023年度报告引用已被替代的“国办公开办函〔2019〕60号”（2019年试行格式），现行为“国办公开办函〔2021〕30号”")]),
    ("国办公开办函（2019）60号", 2021, [("warning", "2021年度报告引用已被替代的“国办公开办函（2019）60号”（2019年试行格式），现行为“国办公开办函〔2021〕30号”")]),
    ("国办公开办函〔2019〕60号", 2020, []),
    ("国办公开函〔2019〕60号", 2022, [
        ("error", "文号有误：“国办公开函〔2019〕60号”，应为“国办公开办函〔2019〕60号”"),
        ("warning", "2022年度报告引用已被替代的“国办公开函〔2019〕60号”（2019年试行格式），现行为“国办公开办函〔2021〕30号”"),
    ]),
    ("国务院办公厅政府信息公开与政务公开办公室", 2022, [("warning", "发文机关名称有误：“政府信息公开与政务公开办公室”，应为“国务院办公厅政府信息与政务公开办公室”中的“政府信息与政务公开办公室”")]),
    ("国务院办公厅政府信息与政务公开办公室", 2022, []),
    ("对申请均在15个工作日内予以答复", 2022, [("warning", "“对申请均在15个工作日内予以答复”：答复期限“15个工作日”是2008年旧条例的规定，现行条例第三十三条为20个工作日")]),
    ("书面征求第三方意见，第三方应在十五个工作日内提出意见", 2022, []),
    ("《中华人民共和国政府信息公开条例》（国务院令第492号）", 2022, [("warning", "引用“国务院令第492号”，即2008年旧条例；现行条例为国务院令第711号（2019年修订）")]),
    ("（国务院令第 711 号）（国令第711号）", 2022, []),
    ("《忻州市人民办公室关于认真做好年报的通知》", 2022, [("warning", "机关名称残缺：“忻州市人民办公室”，疑漏“政府”二字（…人民政府办公室）")]),
    ("忻州市人民政府办公室、县人大常委会办公室", 2022, []),
]


@pytest.mark.parametrize(("text", "year", "expected"), CITATION_CASES)
def test_citation(make, audit, text, year, expected) -> None:
    findings = audit(_with_text(make, text, year=year), "text.citation")
    assert [(str(f.severity), f.message) for f in findings] == expected
    assert all(f.where == "section.1" for f in findings)


def test_citation_in_the_preamble_and_reported_once(make, audit) -> None:
    r = _with_text(make, "依据国办公开函〔2021〕30号。", where="preamble")
    r.sections[3].text = "再次引用国办公开函〔2021〕30号"
    assert [(f.where, str(f.severity)) for f in audit(r, "text.citation")] == [("preamble", "error")]


def test_citation_without_a_year_does_not_judge_outdated_notices(make, audit) -> None:
    r = _with_text(make, "国办公开办函〔2019〕60号")
    r.year = None
    assert audit(r, "text.citation") == []


# -- narrative sums ------------------------------------------------------------------------------


def _figure(value, parts, section: int | None = 1) -> NarrativeFigure:
    return NarrativeFigure("公开信息", value, "条", section, Where(line=3), tuple(parts))


def test_sum_of_parts_differs(make, audit) -> None:
    r = make()
    r.narrative = [_figure(137, [("工作动态", 133), ("领导信息", 3), ("公告通告", 1), ("其他", 2)])]
    (f,) = audit(r, "text.sum")
    assert (str(f.severity), f.where) == ("warning", "section.1")
    assert f.message == "正文称“公开信息137条”，但其后所列分项 工作动态133条 + 领导信息3条 + 公告通告1条 + 其他2条 = 139条"
    assert f.message_en == "the text states 公开信息 137 条 but lists parts 133 + 3 + 1 + 2 = 139"


def test_sum_of_parts_agrees_or_has_no_parts(make, audit) -> None:
    r = make()
    r.narrative = [
        _figure(137, [("工作动态", 133), ("领导信息", 4)]),
        _figure(96, []),
        _figure(Decimal("1.5"), [("甲", Decimal("0.5")), ("乙", 1)]),
    ]
    assert audit(r, "text.sum") == []


def test_sum_without_a_section_points_at_the_narrative(make, audit) -> None:
    r = make()
    r.narrative = [_figure(10, [("甲", 4), ("乙", 5)], section=None)]
    assert [f.where for f in audit(r, "text.sum")] == ["narrative"]


# -- narrative vs tables -------------------------------------------------------------------------


def test_the_factory_narrative_agrees_with_its_tables(make, audit) -> None:
    assert audit(make(), "text.table_mismatch") == []


def test_stated_counts_differ_from_the_tables(make, audit) -> None:
    r = make()
    r.sections[0].text = "全年共受理政府信息公开申请80件。被申请行政复议 5 件，行政诉讼案件2件。"
    findings = audit(r, "text.table_mismatch")
    assert [(str(f.severity), f.where, f.message) for f in findings] == [
        ("warning", "requests.received.total", "第一部分称“受理政府信息公开申请80件”，但第三部分表格“本年新收”总计为 83"),
        ("warning", "appeals.review.total", "第一部分称“行政复议5件”，但第四部分表格“行政复议”总计为 4"),
        (
            "warning",
            "appeals.suit_direct.total",
            "第一部分称“行政诉讼案件2件”，但第四部分表格行政诉讼总计（未经复议直接起诉 + 复议后起诉）为 3",
        ),
    ]


def test_the_largest_stated_count_is_the_total(make, audit) -> None:
    r = make()
    r.sections[0].text = "共收到政府信息公开申请83件，其中通过网络收到申请60件。"
    assert audit(r, "text.table_mismatch") == []


def test_denials_contradict_non_zero_tables(make, audit) -> None:
    r = make()
    r.meta["preamble"] = ""
    r.sections[0].text = "2023年，本局未收到政府信息公开申请，也未发生因政府信息公开被申请行政复议、提起行政诉讼的情况。"
    findings = audit(r, "text.table_mismatch")
    clause = "2023年，本局未收到政府信息公开申请，也未发生因政府信息公开被申请行政复议、提起行政诉讼的情况"
    assert [(f.where, f.message) for f in findings] == [
        ("requests.received.total", f"第一部分称“{clause[:39]}…”，但第三部分表格“本年新收”总计为 83"),
        ("appeals.review.total", f"第一部分称“{clause[:39]}…”，但第四部分表格“行政复议”总计为 4"),
        ("appeals.suit_direct.total", f"第一部分称“{clause[:39]}…”，但第四部分表格行政诉讼总计（未经复议直接起诉 + 复议后起诉）为 3"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("未收到因政府信息公开申请提起的行政复议。", ["appeals.review.total"]),  # denies reviews, not requests
        ("收到行政复议申请5件。", []),  # not a disclosure request, and not a review count
        ("未经行政复议直接提起行政诉讼的案件，依法应诉。", []),  # 未经 is not a denial
        ("无论是行政复议还是行政诉讼，均认真应对。", []),
        ("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", []),
        ("行政复议、行政诉讼尚未审结2件，未审结的行政复议依法办理中。", []),
    ],
)
def test_phrases_that_are_not_claims(make, audit, text, expected) -> None:
    r = make()
    r.sections[0].text = text
    r.set_cell("appeals.review.total", 9)  # would contradict any denial or count
    assert [f.where for f in audit(r, "text.table_mismatch")] == expected


def test_denial_is_fine_when_the_table_is_zero_and_skipped_when_unknown(make, audit) -> None:
    r = make()
    r.sections[0].text = "本年度无政府信息公开申请。"
    r.set_cell("requests.received.total", 0)
    assert audit(r, "text.table_mismatch") == []
    r.set_cell("requests.received.total", None)
    assert audit(r, "text.table_mismatch") == []
    r.set_cell("requests.received.total", 2)
    assert [f.where for f in audit(r, "text.table_mismatch")] == ["requests.received.total"]


def test_sections_after_three_are_not_read(make, audit) -> None:
    r = make()
    r.sections[4].text = "受理政府信息公开申请1件"
    assert audit(r, "text.table_mismatch") == []


def _corpus(name: str, split) -> tuple[str, list]:
    text = (CORPUS / name).read_text(encoding="utf-8")
    if name.endswith(".html"):
        text = re.sub(r"<[^>]+>", "\n", text).replace("&nbsp;", " ")
    return split(text, line_start=not name.startswith("pingtan"))


# received, review, suit_direct, suit_after_review as the expected JSON gives them
CORPUS_TOTALS = {
    "huaian-city-2024.txt": (3119, 351, 26, 20),
    "pingtan-2023.txt": (81, 2, 5, 2),
    "shanghai-office-2019.html": (859, 7, 9, None),
}


def _totals_report(name: str, split, received, review, direct, after) -> Report:
    preamble, sections = _corpus(name, split)
    assert [s.expected for s in sections] == [1, 2, 3, 4, 5, 6]
    r = Report(Source(name, "text"), agency="x", year=2023, sections=sections, meta={"preamble": preamble})
    r.tables = {
        "active": None,
        "requests": {"received": {"total": received}},
        "appeals": {
            "review": {"total": review},
            "suit_direct": {"total": direct},
            "suit_after_review": {"total": after},
        },
    }
    return r


@pytest.mark.parametrize("name", sorted(CORPUS_TOTALS))
def test_real_reports_agree_with_their_tables(name, split, audit) -> None:
    r = _totals_report(name, split, *CORPUS_TOTALS[name])
    assert audit(r, "text.table_mismatch") == []
    assert audit(r, "text.citation") == []


@pytest.mark.parametrize("name", sorted(CORPUS_TOTALS))
def test_real_reports_statements_are_all_read(name, split, audit) -> None:
    received, review, direct, after = CORPUS_TOTALS[name]
    r = _totals_report(name, split, received + 1, review + 1, direct + 1, None if after is None else after)
    wheres = [f.where for f in audit(r, "text.table_mismatch")]
    # Shanghai says only "诉讼9件" and leaves 复议后起诉 blank: no lawsuit comparison there
    expected = ["requests.received.total", "appeals.review.total"]
    assert wheres == (expected if after is None else [*expected, "appeals.suit_direct.total"])
