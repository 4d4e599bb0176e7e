"""Searches started where a match can begin: the statistics period from the first date, the section
headings from their cue words one by one. Each finds exactly what the plain search finds."""

from __future__ import annotations

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
