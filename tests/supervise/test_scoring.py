from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.model.findings import Finding, FindingKind, Severity
from gongkai.supervise.scoring import AgencyFacts, SchemeError, load_scheme, scheme_from_data, score


def _f(rule: str, severity: Severity = Severity.ERROR, kind: FindingKind = FindingKind.REPORT) -> Finding:
    return Finding(rule, severity, None, "m", "m", kind=kind)


def test_default_scheme_loads_and_round_trips() -> None:
    scheme = load_scheme()
    assert scheme.full_marks == 10
    assert [i.id for i in scheme.items] == ["missing", "late", "published_late", "data", "template", "content",
                                            "form", "copied_previous", "copied_other", "not_corrected"]
    assert scheme_from_data(scheme.to_data()) == scheme


def test_clean_agency_keeps_full_marks() -> None:
    assert score(load_scheme(), AgencyFacts("甲局")).score == 10


def test_each_item_that_costs_points_is_listed() -> None:
    facts = AgencyFacts("甲局", states=frozenset({"late"}), findings=(
        _f("arith.requests.balance"), _f("arith.requests.row_total"), _f("arith.requests.row_total"),
        _f("arith.appeals.total", kind=FindingKind.READING),  # the reader's problem: free
        _f("template.version"),
        _f("structure.sections", Severity.WARNING),
        _f("text.citation", Severity.WARNING),  # the form item counts errors only
    ), copied=(("previous_year", 0.72), ("same_year", 0.3)))
    result = score(load_scheme(), facts)
    assert [(d.item, d.points, d.count, d.detail) for d in result.deductions] == [
        ("late", 2.0, 1, ""),
        ("data", 1.5, 3, "arith.requests.balance、arith.requests.row_total"),
        ("template", 2.0, 1, "template.version"),
        ("content", 1.0, 1, "structure.sections"),
        ("copied_previous", 2.0, 1, "雷同 72%"),
    ]
    assert result.score == 1.5


def test_caps_and_floor() -> None:
    many = tuple(_f("arith.requests.balance") for _ in range(20))
    result = score(load_scheme(), AgencyFacts("乙镇", states=frozenset({"missing", "late"}), findings=many))
    assert [(d.item, d.points) for d in result.deductions] == [("missing", 10.0), ("late", 2.0), ("data", 3.0)]
    assert result.score == 0.0


def test_edited_scheme_from_yaml(tmp_path: Path) -> None:
    path = tmp_path / "本县方案.yaml"
    path.write_text("name: 某县考评\nfull_marks: 5\nitems:\n"
                    "  - {id: late, label: 逾期, points: 5, reads: {state: late}}\n", "utf-8")
    scheme = load_scheme(path)
    assert score(scheme, AgencyFacts("甲", states=frozenset({"late"}))).score == 0


@pytest.mark.parametrize(("data", "message"), [
    ({"items": []}, "没有任何评分项"),
    ({"items": [{"id": "a", "label": "A", "points": -1, "reads": {"state": "late"}}]}, "评分项“a”的 points应为不小于 0 的数"),
    ({"items": [{"id": "a", "label": "A", "points": 1, "reads": {"state": "late", "rules": ["x"]}}]}, "应且只应包含"),
    ({"items": [{"id": "a", "label": "A", "points": 1, "reads": {"state": "lost"}}]}, "状态“lost”无效"),
    ({"items": [{"id": "a", "label": "A", "points": 1, "reads": {"copied": "x"}}]}, "copied 应为"),
    ({"items": [{"id": "a", "label": "A", "points": 1, "reads": {"rules": ["x"], "severities": ["bad"]}}]}, "severities"),
    ({"items": [{"id": "a", "label": "A", "points": 1, "reads": {"state": "late"}},
                {"id": "a", "label": "B", "points": 1, "reads": {"state": "late"}}]}, "“a”重复"),
    ({"items": [{"label": "A", "points": 1}]}, "第 1 个评分项缺少 id 或 label"),
])
def test_bad_schemes_named(data: dict[str, object], message: str) -> None:
    with pytest.raises(SchemeError, match=message):
        scheme_from_data(data, source="s.yaml")


def test_bad_file(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text("{bad", "utf-8")
    with pytest.raises(SchemeError) as info:
        load_scheme(path)
    assert str(info.value) == f"{path}：评分方案不是有效的 JSON 文件"
