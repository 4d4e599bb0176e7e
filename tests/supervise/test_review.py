"""The review engine over the shipped sample reports and the sample registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.supervise.registry import AgencyKind, Registry, RegistryAgency, load_registry
from gongkai.supervise.review import ReviewResult, review_paths

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "gongkai" / "sample_reports"


@pytest.fixture(scope="module")
def result() -> ReviewResult:
    return review_paths([SAMPLES], load_registry(SAMPLES / "sample_registry.csv"), 2023)


def test_statuses_and_files(result: ReviewResult) -> None:
    rows = [(a["name"], a["status"], [Path(f).name for f in a["files"]]) for a in result.to_json()["agencies"]]
    assert rows == [
        ("忻州市人民政府", "missing", []),
        ("忻州市财政局", "missing", []),
        ("繁峙县平型关镇人民政府", "submitted", ["000_11de511653868c0f.txt"]),
        ("五台县白家庄镇人民政府", "submitted", ["001_9e58b98aa5ba2831.txt"]),  # printed "白家庄镇人民政府"
        ("宁武县涔山乡人民政府", "missing", []),  # its report prints 涇山乡: offered, not taken
        ("保德县孙家沟镇人民政府", "missing", []),  # its report is of 2022
    ]
    assert (result.count("missing"), result.count("submitted"), result.count("late")) == (4, 2, 0)


def test_unmatched_with_reasons(result: ReviewResult) -> None:
    rows = [(Path(u["file"]).name, u["agency"], u["year"], u["reason"]) for u in result.to_json()["unmatched"]]
    assert rows == [
        ("002_fdae73c5d0e03e9f.txt", "偃师区缙氏镇人民政府", 2023, "机关“偃师区缙氏镇人民政府”不在名录中"),
        ("003_ab0ddd5dad9ab753.txt", "保德县孙家沟镇人民政府", 2022, "报告年度为 2022 年，不是本次审查的 2023 年"),
        ("004_c64f7a519d6f195b.txt", "宁武县涇山乡人民政府", 2023,
         "名录中没有“宁武县涇山乡人民政府”，名称相近的有：宁武县涔山乡人民政府（0.83），需确认"),
        ("huaian-city-2024.txt", "淮安市人民政府", 2024, "报告年度为 2024 年，不是本次审查的 2023 年"),
        ("pingtan-2023.txt", "平潭综合实验区", 2023, "机关“平潭综合实验区”不在名录中"),
        ("shanghai-office-2019.html", "上海市人民政府办公厅", 2019, "报告年度为 2019 年，不是本次审查的 2023 年"),
    ]


def test_totals_count_only_matched_reports(result: ReviewResult) -> None:
    fanshi = next(a.report for a in result.agencies if a.agency.name == "繁峙县平型关镇人民政府")
    baijia = next(a.report for a in result.agencies if a.agency.name == "五台县白家庄镇人民政府")
    assert fanshi is not None and baijia is not None
    key = "requests.received.total"
    assert result.totals.to_json()[key] == (fanshi.cell(key) or 0) + (baijia.cell(key) or 0)
    assert result.totals.missing == ("忻州市人民政府", "忻州市财政局", "宁武县涔山乡人民政府", "保德县孙家沟镇人民政府")
    assert set(result.to_json()) == {"year", "agencies", "unmatched", "totals", "copied"}


def test_counts_and_scores(result: ReviewResult) -> None:
    fanshi = next(a for a in result.agencies if a.agency.name == "繁峙县平型关镇人民政府")
    kinds = [(f.severity.value, f.kind.value) for f in fanshi.findings]
    assert fanshi.errors == kinds.count(("error", "report"))
    assert fanshi.warnings == kinds.count(("warning", "report"))
    assert fanshi.reading == sum(k == "reading" for _, k in kinds) >= 1  # seed 000 has a glued number
    missing = next(a for a in result.agencies if a.agency.name == "忻州市财政局")
    assert missing.score is not None and missing.score.score == 0.0
    assert [d.item for d in missing.score.deductions] == ["missing"]


def test_late_against_registry_deadline_and_latest_version(tmp_path: Path) -> None:
    reg = Registry([RegistryAgency("宁武县涇山乡人民政府", AgencyKind.TOWNSHIP, deadline=(1, 5))])
    old = tmp_path / "v1.txt"
    text = (SAMPLES / "004_c64f7a519d6f195b.txt").read_text("utf-8")
    old.write_text(text.replace("2024年1月10日", "2024年1月3日"), "utf-8")
    result = review_paths([old, SAMPLES / "004_c64f7a519d6f195b.txt", SAMPLES / "004_c64f7a519d6f195b.txt"], reg, 2023)
    (agency,) = result.agencies
    assert agency.status == "late"  # the latest version, published 2024-01-10, after 1月5日
    assert agency.chosen is not None and agency.chosen.name.endswith("004_c64f7a519d6f195b.txt")
    assert [Path(f.name).name for f in agency.files] == ["v1.txt", "004_c64f7a519d6f195b.txt"]
    assert len(result.collection.duplicates) == 1  # the same file twice is one submission


def test_region_summary_compared_not_summed() -> None:
    reg = Registry([RegistryAgency("平潭综合实验区", AgencyKind.GOVERNMENT),
                    RegistryAgency("繁峙县平型关镇人民政府", AgencyKind.TOWNSHIP, "平潭综合实验区")])
    result = review_paths([SAMPLES / "pingtan-2023.txt", SAMPLES / "000_11de511653868c0f.txt"], reg, 2023)
    assert result.summary is not None and result.summary.agency.name == "平潭综合实验区"
    assert result.totals.included == ("繁峙县平型关镇人民政府",)
    key = "requests.received.total"
    pingtan = result.summary.report
    assert pingtan is not None
    diff = {d.key: (d.printed, d.total) for d in result.summary_differences}
    assert diff[key] == (pingtan.cell(key), result.totals.value(key))


def test_unreadable_file_is_unmatched_with_its_reason(tmp_path: Path) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    result = review_paths([bad], Registry([RegistryAgency("甲局", AgencyKind.DEPARTMENT)]), 2023)
    (u,) = result.unmatched
    assert (u.file, u.agency, u.year) == (str(bad), None, None) and u.reason.startswith("无法读取：")
    assert len(result.unreadable) == 1


def test_earlier_years_give_outliers_and_last_year_copies(tmp_path: Path) -> None:
    text = (SAMPLES / "000_11de511653868c0f.txt").read_text("utf-8")
    last = tmp_path / "2022.txt"  # last year's report: the same words, ten times fewer requests
    last.write_text(text.replace("2023", "2022").replace("2024", "2023"), "utf-8")
    reg = Registry([RegistryAgency("繁峙县平型关镇人民政府", AgencyKind.TOWNSHIP)])
    result = review_paths([last, SAMPLES / "000_11de511653868c0f.txt"], reg, 2023)
    assert [(c.kind, c.agencies, c.years) for c in result.copied] == [
        ("previous_year", ("繁峙县平型关镇人民政府", "繁峙县平型关镇人民政府"), (2023, 2022))]
    assert result.unmatched[0].reason == "报告年度为 2022 年，不是本次审查的 2023 年"
    fanshi = result.agencies[0]
    assert fanshi.score is not None and "copied_previous" in [d.item for d in fanshi.score.deductions]
    assert result.outliers == []  # identical tables: nothing jumped


def test_outliers_over_the_years() -> None:
    from gongkai.model.report import Report, Source
    from gongkai.supervise.review import _outliers

    def report(received: int, enterprise: int) -> Report:
        r = Report(Source("x", "text"))
        r.set_cell("requests.received.total", received)
        r.set_cell("requests.received.natural_person", received - enterprise)
        r.set_cell("requests.received.enterprise", enterprise)
        return r

    found = _outliers({2021: {"甲局": report(5, 0)}, 2022: {"甲局": report(6, 0)}, 2023: {"甲局": report(80, 0)}})
    assert [(o.kind, o.agency, o.key, o.years) for o in found] == [
        ("jump", "甲局", "requests.received.total", (2022, 2023)),
        ("zero_column", "甲局", "requests.*.enterprise", (2021, 2022, 2023)),
    ]


def test_progress_reports_every_file() -> None:
    from gongkai.supervise.collect import collect_paths
    from gongkai.supervise.review import review

    calls: list[tuple[int, int, str]] = []
    files = [SAMPLES / "000_11de511653868c0f.txt", SAMPLES / "001_9e58b98aa5ba2831.txt"]
    review(collect_paths(files), load_registry(SAMPLES / "sample_registry.csv"), 2023,
           progress=lambda done, total, name: calls.append((done, total, Path(name).name)))
    assert calls == [(1, 2, "000_11de511653868c0f.txt"), (2, 2, "001_9e58b98aa5ba2831.txt")]
