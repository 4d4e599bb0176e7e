"""text.quality: proof-reading slips, each found and each look-alike left alone."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

FIRES = [
    (
        "进一步进一步加强政务公开。",
        "info",
        "第一部分有重复字词“进一步进一步”（“进一步进一步加强政务公开。”）",
    ),
    ("公开的的信息。", "info", "第一部分有重复字词“的的”（“公开的的信息。”）"),
    (
        "坚持应公开尽公开,持续推进。",
        "info",
        "第一部分中文句子中使用了半角标点（“坚持应公开尽公开,持续推进。”），应使用全角标点",
    ),
    (
        "按照要求(见附件)办理。",
        "info",
        "第一部分中文句子中使用了半角标点（“按照要求(见附件)办理。”），应使用全角标点",
    ),
    ("全年公开信息1２3条。", "warning", "第一部分同一数字中混用半角和全角数字（“全年公开信息1２3条。”）"),
    ("开展“政务公开日活动。", "warning", "第一部分双引号不成对：“ 1 个，” 0 个"),
    ("依据《条例规定办理。", "warning", "第一部分书名号不成对：《 1 个，》 0 个"),
]


@pytest.mark.parametrize(("text", "severity", "message"), FIRES)
def test_slips(make, audit, text, severity, message) -> None:
    report = make()
    report.sections[0].text = text
    assert [(str(f.severity), f.where, f.message) for f in audit(report, "text.quality")] == [
        (severity, "section.1", message)
    ]


SILENT = [
    "把政府信息公开主体责任层层压实，一一对应整改。",
    "(一)主动公开方面。(二)依申请公开方面。",
    "访问http://www.example.gov.cn/a,b查阅，联系电话:0350-1234567。",
    "开展“政务公开日”活动（见附件），依据《条例》办理。",
    "全年公开信息１２３条，另有456条。",
    "2023年，本局认真贯彻落实条例。",
    "一件一件抓落实，一步一步推进，实实在在为民办事，的的确确不能不了了之。",
]


@pytest.mark.parametrize("text", SILENT)
def test_look_alikes_are_silent(make, audit, text) -> None:
    report = make()
    report.sections[0].text = text
    assert audit(report, "text.quality") == []


def test_the_preamble_is_not_proofread(make, audit) -> None:
    report = make()
    report.meta["preamble"] = "标题: 某局2023年度报告\n页面链接详见 links.tsv(同目录)\n"
    assert audit(report, "text.quality") == []


def test_a_paragraph_cut_off_before_the_next_heading(make, audit) -> None:
    report = make()
    report.sections[0].text = (
        "（一）主动公开方面\n全年主动公开政府信息1200条，其中政策文件35条，同时进一步加强\n"
        "（二）依申请公开方面\n全年受理申请83件。"
    )
    assert [(f.where, f.message) for f in audit(report, "text.quality")] == [
        (
            "section.1",
            "第一部分有一段话未写完即转入下一标题（“……政策文件35条，同时进一步加强”），疑为分页或粘贴时内容缺失",
        )
    ]


def test_wrapped_lines_and_short_headings_are_not_cut_paragraphs(make, audit) -> None:
    report = make()
    report.sections[0].text = (
        "（一）主动公开方面\n全年主动公开政府信息1200条，其中政策文件35条，\n同时进一步加强了解读工作。\n"
        "（二）依申请公开方面\n全年受理申请83件。\n（三）平台建设\n（四）监督保障\n无。"
    )
    assert audit(report, "text.quality") == []


def test_text_read_by_ocr_is_not_proofread(make, audit) -> None:
    report = make()
    report.sections[0].text = "进一步进一步加强政务公开,持续推进。"
    report.add_problem("ocr_read", None, "第 1 页是扫描图像，内容由 OCR 识别读取，请核对原文")
    assert audit(report, "text.quality") == []


def test_the_same_cut_paragraph_printed_twice_is_one_finding(make, audit) -> None:
    report = make()
    cut = "（四）平台建设情况。持续优化政府网站栏目设置，完善政务新媒体管理机制\n"
    report.sections[0].text = cut * 2 + "（五）监督保障情况。开展检查4次。"
    assert len(audit(report, "text.quality")) == 1


_CHARS = "".join(chr(c) for c in range(0x4E00, 0x4E30)) + "，。、0123456789 ab\U00020000"


@settings(max_examples=300, deadline=None)
@given(
    before=st.text(alphabet=_CHARS, max_size=30),
    phrase=st.text(alphabet=_CHARS[:48], min_size=2, max_size=4),
    after=st.text(alphabet=_CHARS, max_size=30),
    doubled=st.booleans(),
)
def test_the_fast_no_never_hides_a_doubled_phrase(before: str, phrase: str, after: str, doubled: bool) -> None:
    """``_may_double`` only ever skips texts in which the doubled-phrase search finds nothing."""
    from gongkai.audit.rules.text_quality import _REPEATED_PHRASE, _may_double

    text = before + phrase + (phrase if doubled else "") + after
    if _REPEATED_PHRASE.search(text):
        assert _may_double(text)
    if doubled:
        assert _may_double(text)


_LINE = st.text(alphabet=list("一二三（）、.1政务公开工作。；”　 \t\xa0a"), max_size=14)


@settings(max_examples=300, deadline=None)
@given(sections=st.lists(st.tuples(st.sampled_from([1, 3, 5, 6]), st.lists(_LINE, max_size=8)), max_size=3))
def test_cut_paragraphs_squeeze_only_what_they_report(sections: list[tuple[int, list[str]]]) -> None:
    """Deciding by the paragraph's last character first finds exactly the cut paragraphs that
    squeezing every paragraph finds."""
    from gongkai.audit.rules.text_quality import _ENDS, _HEADING, _MIN_PARAGRAPH, _PROSE, _cut_paragraphs
    from gongkai.model.report import Report, Section, Source

    report = Report(Source("r.txt", "text"), sections=[Section(n, "", "\n".join(lines), expected=n)
                                                       for n, lines in sections])
    want = []
    for n, lines in sections:
        if n not in _PROSE:
            continue
        paragraph: list[str] = []
        for line in lines or [""]:
            if _HEADING.match(line):
                body = "".join("".join(paragraph).split())
                if len(body) >= _MIN_PARAGRAPH and body[-1] not in _ENDS and "\u4e00" <= body[-1] <= "\u9fff":
                    want.append((f"section.{n}", body[-15:]))
                paragraph = []
            paragraph.append(line)
    assert list(_cut_paragraphs(report)) == want
