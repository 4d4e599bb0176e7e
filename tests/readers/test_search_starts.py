"""Searches started where a match can begin: the statistics period from the first date, the section
headings from their cue words one by one. Each finds exactly what the plain search finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.readers.extract.meta import _PERIOD, _period, find_period

_PIECES = st.sampled_from(
    ["2024", "2023", "12", "1", "31", "年", "月", "日", "至", "到", "-", "起", " ", "\u3000", "\n", "自", "从",
     "为", "期限", "时限", "时间", "本报告", "统计", "，", "。", "0"]
)


_SPACE = st.sampled_from(["", " ", "  ", "\u3000", "\n"])
_PERIODS = st.builds(
    lambda word, s1, y, s2, m, d, s3, to, y2, m2, d2: f"{word}{s1}{y}{s2}年{m}月{d}日{s3}{to}{y2}{m2}月{d2}日",
    st.sampled_from(["", "自", "从", "为", "期限", "时限", "时间", "统计"]), _SPACE, st.sampled_from(["2024", "12024"]),
    _SPACE, st.sampled_from(["1", "12"]), st.sampled_from(["1", "31"]), _SPACE, st.sampled_from(["至", "到", "-", "起至"]),
    st.sampled_from(["", "2024年"]), st.sampled_from(["12", "6"]), st.sampled_from(["31", "3"]),
)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(_PIECES, _PERIODS), max_size=12))
def test_the_period_search_finds_what_a_whole_search_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    want = _PERIOD.search(text)
    got = _period(text)
    assert (got.span() if got else None) == (want.span() if want else None)
    if want is not None:
        assert got is not None and got.groupdict() == want.groupdict()


def test_a_period_after_spaces_and_words() -> None:
    text = "本报告统计时限为  2024年1月1日至2024年12月31日。"
    period, start, end = find_period(text)  # type: ignore[misc]
    assert (str(period.start), str(period.end)) == ("2024-01-01", "2024-12-31")
    assert text[start:end] == "为  2024年1月1日至2024年12月31日"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=list("情况事项问题申请 \u3000\n\t一、总体"), max_size=60))
def test_heading_cues_found_one_by_one_are_the_alternations_matches(text: str) -> None:
    from gongkai.readers.extract.sections import _LIKELY, _LIKELY_EACH

    together = [m.start() for m in _LIKELY.finditer(text)]
    assert sorted(m.start() for p in _LIKELY_EACH for m in p.finditer(text)) == together


_CHROME_PIECES = st.sampled_from(
    ["12", "3", "2026", "/", ".", "-", ":", ",", " ", "10", "22", "AM", "下午", "http", "https://", "file://",
     "about:blank", "HTTP://", "x", "年", "度", "报告", "门户网站", "当前位置", "首", "页", "首页", ">", "》", "字号",
     "[", "大", "浏览次数", "登录", "搜索", "政务公开", "您现在的位置"]
)


@settings(max_examples=800, deadline=None)
@given(st.lists(_CHROME_PIECES, max_size=10))
def test_the_page_chrome_prefilters_answer_as_the_patterns(pieces: list[str]) -> None:
    """``starts_with_browser_stamp`` and ``is_head_chrome`` skip compiling their patterns for lines
    that cannot match; wherever they answer, the patterns answer the same."""
    from gongkai.readers.chrome import browser, head_chrome, is_head_chrome, starts_with_browser_stamp

    text = "".join(pieces)
    stamp = starts_with_browser_stamp(text)
    want = browser().match(text)
    assert (stamp is None) == (want is None) and (stamp is None or stamp.group() == want.group())  # type: ignore[union-attr]
    assert is_head_chrome(text) == (head_chrome().search(text) is not None)


@pytest.mark.parametrize("own_title", [True, False])
def test_a_page_title_under_the_browsers_print_header_names_the_report(own_title: bool) -> None:
    """pdfplumber's text of a portal page printed to PDF: the print header holds the page title and
    the site's name, then the site's banner and navigation, then (or not) the report's own title."""
    from gongkai import api

    lines = [
        "12/3/26, 10:22 AM 2023年柳林镇人民政府政府信息公开工作年度报告_偃师区人民政府门户网站",
        "偃师区人民政府门户网站",
        "首页 政务公开 政务服务",
        "当前位置：首页 > 政府信息公开 > 政府信息公开年报",
        "2023年柳林镇人民政府政府信息公开工作年度报告",
        "发布日期：2024-01-08 来源：柳林镇人民政府 浏览次数：12",
        "一、总体情况",
        "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
    ]
    if not own_title:
        del lines[4]
    report = api.read("page.txt", data="\n".join(lines).encode())
    assert (report.agency, report.year) == ("柳林镇人民政府", 2023)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from([" ", "\t", "_", "|", "｜", "-", "–", "a", "报告"]), max_size=14))
def test_the_page_title_split_splits_as_the_plain_pattern(pieces: list[str]) -> None:
    """The site-name split takes leading spaces only from a run's start (linear on long runs); it
    must cut every title where ``\\s*(?:_|\\||｜| - | – |--)\\s*`` cuts it."""
    import re

    from gongkai.readers.chrome import _title_split

    text = "".join(pieces)
    assert _title_split().split(text) == re.split(r"\s*(?:_|\||｜| - | – |--)\s*", text)
