"""Matching reports to the registry with agency names as real reports print them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.supervise.match import Matcher, MatchStatus
from gongkai.supervise.registry import AgencyKind, Registry, RegistryAgency


@pytest.mark.parametrize(("printed", "agency", "basis"), [
    ("繁峙县平型关镇人民政府", "繁峙县平型关镇人民政府", "名称相同"),  # seed 000 prints the full name
    ("平型关镇人民政府", "繁峙县平型关镇人民政府", "名称规范化后相同"),  # county dropped
    ("平型关镇", "繁峙县平型关镇人民政府", "名称规范化后相同"),  # 人民政府 dropped too
    ("山西省繁峙县平型关镇人民政府", "繁峙县平型关镇人民政府", "名称规范化后相同"),  # province added
    ("繁峙县平型关镇人民政府 ", "繁峙县平型关镇人民政府", "名称相同"),
    ("县市场监管局", "繁峙县市场监督管理局", "名称规范化后相同"),  # short form, bare 县
    ("繁峙县市场监督管理局", "繁峙县市场监督管理局", "名称相同"),
    ("繁峙县人民政府办公室", "繁峙县人民政府办公室", "名称相同"),
    ("县政府办", "繁峙县人民政府办公室", "名称规范化后相同"),
    ("繁峙县府办", "繁峙县人民政府办公室", "名称相同"),  # same normal form
    ("繁峙县人社局", "繁峙县人力资源和社会保障局", "名称相同"),
    ("繁峙县人民政府", "繁峙县人民政府", "名称相同"),
    ("繁峙县", "繁峙县人民政府", "名称规范化后相同"),
    ("繁峙县城市管理局", "繁峙县城市管理局", "名称相同"),
    ("城市管理局", "繁峙县城市管理局", "名称规范化后相同"),
    ("繁峙县（平型关镇人民政府）", "繁峙县平型关镇人民政府", "名称相近"),  # odd print: offered, not taken
])
def test_printed_names(county: Registry, printed: str, agency: str, basis: str) -> None:
    m = Matcher(county).match(name=printed, year=2023, expected_year=2023)
    if basis == "名称相近":
        assert m.status is MatchStatus.CANDIDATES and m.agency is None
        assert [(c.agency, c.basis) for c in m.candidates[:2]] == [
            ("繁峙县人民政府", "去掉括号内文字后相同"), (agency, basis)]
        assert 0.6 <= m.candidates[1].score < 0.9
    else:
        assert (m.status, m.agency, m.basis) == (MatchStatus.MATCHED, agency, basis)


def test_similar_name_is_offered_never_taken(county: Registry) -> None:
    m = Matcher(county).match(name="繁峙县平型镇人民政府", year=2023, expected_year=2023)
    assert m.status is MatchStatus.CANDIDATES
    assert m.agency is None
    assert m.candidates[0].agency == "繁峙县平型关镇人民政府"
    assert m.reason is not None and m.reason.startswith("名录中没有“繁峙县平型镇人民政府”")


def test_agency_outside_registry(county: Registry) -> None:
    m = Matcher(county).match(name="上海市人民政府办公厅", year=2023, expected_year=2023)
    assert (m.status, m.agency, m.candidates) == (MatchStatus.UNMATCHED, None, ())
    assert m.reason == "机关“上海市人民政府办公厅”不在名录中"


def test_other_year_is_unmatched(county: Registry) -> None:
    m = Matcher(county).match(name="繁峙县平型关镇人民政府", year=2022, expected_year=2023)
    assert m.status is MatchStatus.UNMATCHED
    assert m.reason == "报告年度为 2022 年，不是本次审查的 2023 年"
    assert Matcher(county).match(name="繁峙县财政局", year=None, expected_year=2023).reason == "未能读出报告所属年度"


def _two_counties() -> Registry:
    return Registry([
        RegistryAgency("忻州市人民政府", AgencyKind.GOVERNMENT),
        RegistryAgency("繁峙县财政局", AgencyKind.DEPARTMENT, portal="http://czj.fanshi.gov.cn"),
        RegistryAgency("宁武县财政局", AgencyKind.DEPARTMENT, portal="http://www.ningwu.gov.cn/czj/"),
    ])


def test_same_short_name_in_two_counties_needs_confirmation() -> None:
    m = Matcher(_two_counties()).match(name="县财政局", year=2023, expected_year=2023)
    assert m.status is MatchStatus.CANDIDATES
    assert [c.agency for c in m.candidates] == ["宁武县财政局", "繁峙县财政局"]
    assert m.reason == "名称“县财政局”可能指 2 个机关，需确认"


def test_portal_host_settles_a_tie() -> None:
    m = Matcher(_two_counties()).match(name="县财政局", year=2023, expected_year=2023,
                                       url="https://czj.fanshi.gov.cn/xxgk/2024/01/report.html")
    assert (m.status, m.agency) == (MatchStatus.MATCHED, "繁峙县财政局")
    assert m.basis == "名称规范化后相同，门户网站域名相符"


def test_host_alone_is_only_a_candidate() -> None:
    m = Matcher(_two_counties()).match(name=None, year=2023, expected_year=2023, url="http://czj.fanshi.gov.cn/a.html")
    assert m.status is MatchStatus.CANDIDATES
    assert [(c.agency, c.basis) for c in m.candidates] == [("繁峙县财政局", "门户网站域名相同")]


def test_file_name_alone_is_only_a_candidate(county: Registry) -> None:
    m = Matcher(county).match(name=None, year=2023, expected_year=2023, filename="zip/砂河镇2023年政府信息公开工作年度报告.docx")
    assert m.status is MatchStatus.CANDIDATES
    assert [c.agency for c in m.candidates] == ["繁峙县砂河镇人民政府"]
    none = Matcher(county).match(name=None, year=2023, expected_year=2023, filename="scan_001.pdf")
    assert (none.status, none.reason) == (MatchStatus.UNMATCHED, "报告中未读出机关名称")


def test_alias_column() -> None:
    reg = Registry([RegistryAgency("某市某区综合行政执法局", AgencyKind.DEPARTMENT, aliases=("城管执法局",))])
    m = Matcher(reg).match(name="城管执法局", year=2023, expected_year=2023)
    assert (m.status, m.agency) == (MatchStatus.MATCHED, "某市某区综合行政执法局")


def test_sample_reports_printed_names() -> None:
    """The names the shipped sample reports print, against a registry of their full names."""
    reg = Registry([
        RegistryAgency("洛阳市偃师区缙氏镇人民政府", AgencyKind.TOWNSHIP),
        RegistryAgency("宁武县涔山乡人民政府", AgencyKind.TOWNSHIP),
        RegistryAgency("平潭综合实验区管理委员会", AgencyKind.GOVERNMENT),
    ])
    matcher = Matcher(reg)
    assert matcher.match(name="偃师区缙氏镇人民政府", year=2023, expected_year=2023).agency == "洛阳市偃师区缙氏镇人民政府"
    # 涇 printed for 涔 (a mis-typed character in seed 004): similar, offered for confirmation
    m = matcher.match(name="宁武县涇山乡人民政府", year=2023, expected_year=2023)
    assert m.status is MatchStatus.CANDIDATES and m.candidates[0].agency == "宁武县涔山乡人民政府"
    m = matcher.match(name="平潭综合实验区", year=2023, expected_year=2023)
    assert m.status is MatchStatus.CANDIDATES and m.candidates[0].agency == "平潭综合实验区管理委员会"


COUNTIES = ("繁峙县", "宁武县", "五台县", "偃师区", "汝阳县", "城区", "平定县", "盂县")
UNITS = ("财政局", "市场监督管理局", "人力资源和社会保障局", "城市管理局", "人民政府办公室", "教育局",
         "平型关镇人民政府", "砂河镇人民政府", "城关镇人民政府", "东城街道办事处", "卫生健康局", "交通运输局")


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(COUNTIES), st.sampled_from(UNITS)), min_size=1, max_size=25, unique=True))
def test_never_silently_takes_a_wrong_agency(pairs: list[tuple[str, str]]) -> None:
    """Every full name matches itself; a name without its county matches itself or is offered for
    confirmation with it among the candidates; the same unit of another county is never taken."""
    reg = Registry([RegistryAgency(c + u, AgencyKind.DEPARTMENT) for c, u in pairs])
    matcher = Matcher(reg)
    for county, unit in pairs:
        name = county + unit
        full = matcher.match(name=name, year=2023, expected_year=2023)
        assert (full.status, full.agency) == (MatchStatus.MATCHED, name)
        short = matcher.match(name=unit, year=2023, expected_year=2023)
        if short.status is MatchStatus.MATCHED:
            assert short.agency == name
            assert sum(1 for c, u in pairs if u == unit) == 1
        else:
            assert short.status is MatchStatus.CANDIDATES
            assert name in [c.agency for c in short.candidates]
        for elsewhere in COUNTIES:  # the same unit of a county outside the registry: never taken
            if (elsewhere, unit) not in pairs:
                other = matcher.match(name=elsewhere + unit, year=2023, expected_year=2023)
                assert other.status is not MatchStatus.MATCHED, (elsewhere + unit, other)


def test_same_unit_of_another_region_is_not_taken(county: Registry) -> None:
    m = Matcher(county).match(name="忻州市财政局", year=2023, expected_year=2023)
    assert m.status is MatchStatus.CANDIDATES
    assert [(c.agency, c.basis) for c in m.candidates] == [("繁峙县财政局", "名称主体相同，所属地区不同")]
    assert m.reason == "“忻州市财政局”与名录中的“繁峙县财政局”名称主体相同但地区不同，需确认"
    other = Matcher(county).match(name="宁武县人民政府办公室", year=2023, expected_year=2023)
    assert other.status is MatchStatus.CANDIDATES and other.agency is None


def test_unknown_district_prefix_still_matches_by_tail() -> None:
    reg = Registry([RegistryAgency("城区砂河镇人民政府", AgencyKind.TOWNSHIP)])
    m = Matcher(reg).match(name="砂河镇人民政府", year=2023, expected_year=2023)
    assert (m.status, m.agency) == (MatchStatus.MATCHED, "城区砂河镇人民政府")
