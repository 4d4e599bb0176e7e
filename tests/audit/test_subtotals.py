"""arith.requests.subtotal: subtotal rows printed on the group labels must add up (template.md B2b)."""

from __future__ import annotations

from pathlib import Path

from gongkai import api

TEXT = Path(__file__).parent.parent / "data" / "text" / "subtotals-2023.txt"


def _rules(data: bytes) -> list[tuple[str, str | None]]:
    report = api.read("r.txt", data=data)
    return [(f.rule, f.where) for f in api.check([report]) if f.rule.startswith("arith.")]


def test_subtotals_that_add_up_give_no_finding() -> None:
    assert _rules(TEXT.read_bytes()) == []


def test_a_wrong_subtotal_is_an_error_naming_group_and_column() -> None:
    source = TEXT.read_text(encoding="utf-8")
    broken = source.replace("（四）无法提供\t1\t0\t0\t0\t0\t0\t1", "（四）无法提供\t2\t0\t0\t0\t0\t0\t2")
    report = api.read("r.txt", data=broken.encode("utf-8"))
    hits = [f for f in api.check([report]) if f.rule == "arith.requests.subtotal"]
    assert [(f.where, str(f.severity)) for f in hits] == [
        ("requests.unavailable.natural_person", "error"),
        ("requests.unavailable.total", "error"),
    ]
    assert "（四）无法提供" in hits[0].message and "2" in hits[0].message
