"""Text shapes beyond the seeds: subtotal rows, Markdown pipe tables, blank cells, glued digits."""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai import api
from gongkai.readers.extract.values import split_digits

DATA = Path(__file__).parent.parent / "data" / "text"


def test_group_subtotal_rows_do_not_leak_into_neighbouring_rows() -> None:
    report = api.read(DATA / "subtotals-2023.txt")
    assert report.cell("requests.partial.total") == 1
    assert report.cell("requests.withheld_secret.total") == 0
    assert report.cell("requests.withheld_law.natural_person") == 1
    assert report.cell("requests.unavailable_not_held.total") == 1
    assert report.cell("requests.other_no_correction.total") == 1
    assert report.meta["request_subtotals"] == {
        "withheld": [1, 0, 0, 0, 0, 0, 1],
        "unavailable": [1, 0, 0, 0, 0, 0, 1],
        "not_handled": [0, 0, 0, 0, 0, 0, 0],
        "other": [1, 0, 0, 0, 0, 0, 1],
    }
    assert report.problems == []
    assert [report.cell(f"appeals.suit_direct.{c}") for c in ("upheld", "pending", "total")] == [0, 1, 1]


def _as_markdown(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if "\t" in line:
            cells = line.split("\t")
            lines.append("| " + " | ".join(cells) + " |")
            if len(lines) == 1 or not lines[-2].startswith("|"):
                lines.append("|" + "---|" * len(cells))
        else:
            lines.append(line if not line.startswith(("一、", "二、", "三、", "四、", "五、", "六、")) or "\t" in line
                         else "## " + line)
    return "\n".join(lines) + "\n"


def test_markdown_pipe_tables_read_like_tab_rows() -> None:
    source = (DATA / "subtotals-2023.txt").read_text(encoding="utf-8")
    md = _as_markdown(source).encode("utf-8")
    report = api.read("report.md", data=md)
    assert report.source.format == "markdown"
    expected = api.read(DATA / "subtotals-2023.txt")
    assert report.cells() == expected.cells()
    assert [s.expected for s in report.sections] == [1, 2, 3, 4, 5, 6]


def test_a_blank_cell_inside_a_tab_row_is_null_not_shifted() -> None:
    source = (DATA / "subtotals-2023.txt").read_text(encoding="utf-8")
    broken = source.replace("二、上年结转政府信息公开申请数量\t1\t0\t0", "二、上年结转政府信息公开申请数量\t1\t\t0")
    report = api.read("r.txt", data=broken.encode("utf-8"))
    assert [report.cell(f"requests.carried_over.{c}") for c in ("natural_person", "enterprise", "research")] == [1, None, 0]
    assert [p.code for p in report.problems if p.where == "requests.carried_over.enterprise"] == ["blank_cell"]


def test_a_missing_value_in_a_spaced_row_nulls_the_row() -> None:
    source = (DATA / "subtotals-2023.txt").read_text(encoding="utf-8")
    spaced = source.replace("\t", "  ")
    broken = spaced.replace("（一）予以公开  2  1  0  0  0  0  3", "（一）予以公开  2  1  0  0  0  3")
    report = api.read("r.txt", data=broken.encode("utf-8"))
    assert all(report.cell(f"requests.granted.{c}") is None for c in ("natural_person", "total"))
    [problem] = [p for p in report.problems if p.where == "requests.granted"]
    assert (problem.code, problem.detail["found"]) == ("missing_cell", 6)
    assert report.cell("requests.partial.natural_person") == 1


def test_glued_digits_split_only_where_the_arithmetic_allows() -> None:
    assert split_digits("801000081", (7,), summed=True) == [(80, 1, 0, 0, 0, 0, 81)]
    assert split_digits("110024001510102", (5, 5, 5), summed=True) == [
        (1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2)
    ]
    assert sorted(split_digits("220000022", (7,), summed=True)) == [(2, 20, 0, 0, 0, 0, 22), (22, 0, 0, 0, 0, 0, 22)]
    assert split_digits("12", (7,), summed=True) == []


def _brute_force(run: str, groups: tuple[int, ...]) -> list[tuple[int, ...]]:
    """Every cut of ``run`` into numbers without leading zeros, kept when each group sums."""
    cells = sum(groups)
    out = []
    for cuts in itertools.combinations(range(1, len(run)), cells - 1):
        pieces = [run[a:b] for a, b in itertools.pairwise((0, *cuts, len(run)))]
        if any(len(p) > 12 or (p[0] == "0" and len(p) > 1) for p in pieces):
            continue
        values = tuple(int(p) for p in pieces)
        start = 0
        for size in groups:
            if sum(values[start:start + size - 1]) != values[start + size - 1]:
                break
            start += size
        else:
            out.append(values)
    return sorted(out, key=lambda c: tuple(len(str(v)) for v in c))


@settings(max_examples=200, deadline=None)
@given(
    groups=st.sampled_from([(7,), (5, 5, 5), (3,), (2, 2)]),
    parts=st.lists(st.integers(0, 150), min_size=6, max_size=12),
    noise=st.text("0123456789", max_size=3),
)
def test_glued_split_finds_exactly_the_splits_that_sum(groups: tuple[int, ...], parts: list[int], noise: str) -> None:
    run, k = "", 0
    for size in groups:
        chosen = [parts[(k + j) % len(parts)] for j in range(size - 1)]
        k += size
        run += "".join(map(str, chosen)) + str(sum(chosen))
    run += noise  # sometimes a run that no longer sums
    run = run[:16]  # keeps the brute force small
    assert split_digits(run, groups, summed=True) == _brute_force(run, groups)


def test_full_width_digits_and_units_in_cells() -> None:
    source = (DATA / "subtotals-2023.txt").read_text(encoding="utf-8")
    wide = source.replace("行政规范性文件\t3\t1\t12", "行政规范性文件\t３件\t１件\t１２件")
    report = api.read("r.txt", data=wide.encode("utf-8"))
    assert [report.cell(f"active.normative_documents.{c}") for c in ("issued", "repealed", "in_force")] == [3, 1, 12]
    assert report.provenance["active.normative_documents.in_force"].raw == "１２件"
