"""Text shapes beyond the seeds: subtotal rows, Markdown pipe tables, blank cells, glued digits."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gongkai import api
from gongkai.readers.extract.settle import settle_requests
from gongkai.readers.extract.split import STEP_BUDGET, TALLY, split_stretch
from gongkai.readers.extract.values import RowResult, _adds_up, split_digits

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


# -- crawler stretches: spaces, blanks, bounded work ------------------------------------------

CORPUS = Path(__file__).parent.parent / "data" / "corpus"


def _options(stretch: str, n: int, width: int = 7, **kw: object) -> list[tuple[object, ...]]:
    found = split_stretch(stretch, n, width, **kw)  # type: ignore[arg-type]
    assert found.complete
    return found.options


def test_spaces_end_numbers_and_blanks_stand_only_where_whitespace_is() -> None:
    assert _options(" 0 0 00 0 0 0", 7) == [(0, 0, 0, 0, 0, 0, 0)]  # cells of "0&nbsp;" and "&nbsp;0"
    assert _options("0 00000", 7) == [(0, None, 0, 0, 0, 0, 0)]  # the empty 商业企业 cell
    first, *blank_in_a_gap = _options("10 0 0 0 01", 7)  # the arithmetic decides (see settle)
    assert first == (1, 0, 0, 0, 0, 0, 1)
    assert len(blank_in_a_gap) == 4 and all(o[0] == 10 and o.count(None) == 1 for o in blank_in_a_gap)
    assert _options("5100000", 7) == [(5, 1, 0, 0, 0, 0, 0)]  # digits = cells: as printed, even if 0 ≠ 6
    assert _options("2832995元", 2, 12) == [(2, 832995), (28, 32995), (283, 2995), (2832, 995), (28329, 95),
                                            (283299, 5)]
    assert _options("13-1", 2, 12, kinds=((False, False), (True, False))) == [(13, -1)]
    assert _options("5949.09", 1, 12, kinds=((False, True),)) == [(Decimal("5949.09"),)]
    assert _options("12 5", 3) == [(1, 2, 5), (12, None, 5)]  # a space: padding or a blank, both kept


def test_a_row_longer_than_its_cells_can_hold_is_reported_not_searched() -> None:
    before = TALLY.steps
    assert split_stretch("1" * 400, 15, 6).problem == "too_long"
    assert TALLY.steps == before


@settings(max_examples=60, deadline=None)
@given(
    groups=st.sampled_from([(7,), (5, 5, 5), (3,)]),
    parts=st.lists(st.integers(0, 150), min_size=6, max_size=12),
    spaces=st.sets(st.integers(0, 20), max_size=4),
)
def test_the_pruned_search_finds_exactly_the_splits_that_add_up(
    groups: tuple[int, ...], parts: list[int], spaces: set[int]
) -> None:
    run, k = "", 0
    for size in groups:
        chosen = [parts[(k + j) % len(parts)] for j in range(size - 1)]
        k += size
        run += "".join(map(str, chosen)) + str(sum(chosen))
    run = run[:14]
    stretch = "".join(ch + (" " if i in spaces else "") for i, ch in enumerate(run)).strip()
    n = sum(groups)
    every = split_stretch(stretch, n, 7)
    assume(every.complete)  # a run of many short numbers can exceed the step budget
    adding = [o for o in every.options if _adds_up(o, groups)]
    pruned = split_stretch(stretch, n, 7, groups=groups, balanced_only=True)
    assert sorted(pruned.options, key=repr) == sorted(adding, key=repr)


def _with_run(name: str, label: str, digits: str) -> bytes:
    """The report with the digits after the last ``label`` replaced by ``digits``."""
    text = (CORPUS / name).read_text(encoding="utf-8")
    at = text.rindex(label) + len(label)
    end = at
    while text[end].isdigit() or text[end] == " ":
        end += 1
    return (text[:at] + digits + text[end:]).encode("utf-8")


def test_an_absurd_number_after_a_row_label_is_a_row_with_a_problem() -> None:
    report = api.read("r.txt", data=_with_run("pt-gaj-2021.txt", "（一）予以公开", "9" * 5000))
    assert all(report.cell(f"requests.granted.{c}") is None for c in ("natural_person", "total"))
    [problem] = [p for p in report.problems if p.where == "requests.granted"]
    assert (problem.code, problem.detail["digits"]) == ("unreadable_cell", 5000)
    assert report.cell("requests.received.natural_person") == 1  # the rest of the report is read


@pytest.mark.parametrize(("label", "n"), [("结果尚未审结总计", 40), ("结果尚未审结总计", 400), ("（一）予以公开", 30),
                                          ("（一）予以公开", 5000), ("行政处罚", 60)])
def test_hostile_glued_runs_cost_work_in_proportion_to_their_size(label: str, n: int) -> None:
    """Search steps, not seconds: a run ten times longer may cost at most ten times the work."""
    steps = []
    for size in (n, 10 * n):
        data = _with_run("pt-gaj-2021.txt", label, "".join(str(i % 10) for i in range(1, size + 1)))
        TALLY.steps = 0
        api.read("r.txt", data=data)
        steps.append(TALLY.steps)
    assert steps[1] <= 10 * max(steps[0], 1)
    assert steps[1] <= 25 * 2 * STEP_BUDGET  # never more than the budget of every row


def test_every_row_glued_into_a_long_run_stays_within_the_budget_of_its_rows() -> None:
    text = (CORPUS / "pt-gaj-2021.txt").read_text(encoding="utf-8")
    rows = re.sub(r"(?<=[\u4e00-\u9fff”）])\d{7}(?=[\u4e00-\u9fff（(]|\d\.)", "1234567890" * 3, text)
    assert rows.count("1234567890" * 3) >= 20
    TALLY.steps = 0
    report = api.read("r.txt", data=rows.encode("utf-8"))
    assert TALLY.steps <= 32 * 2 * STEP_BUDGET  # 32 rows in the three tables, two searches each
    assert report.cell("requests.granted.total") is None
    assert report.cell("active.rules.issued") == 0


def test_labels_as_printed_read_like_the_template_ones() -> None:
    """受理 for 新收, 法律和行政法规, a doubled numeral, the header typo 本年废纸件数."""
    text = (CORPUS / "pt-gaj-2022.txt").read_text(encoding="utf-8")
    varied = (text.replace("本年新收", "本年受理").replace("其他法律行政法规", "其他法律和行政法规")
              .replace("三、本年度办理结果", "三三、本年度办理结果").replace("本年废止件数", "本年废纸件数"))
    assert varied.count("本年受理") == 1 and "三三、" in varied
    expected = api.read(CORPUS / "pt-gaj-2022.txt")
    report = api.read("r.txt", data=varied.encode("utf-8"))
    assert report.cells() == expected.cells()
    assert report.problems == expected.problems == []


def test_many_open_rows_are_settled_together_by_the_column_sums() -> None:
    """Twelve rows with three splits each (531,441 combinations) and a printed 总计 of 12: only
    one split per row lets the columns add up, found without trying every combination."""
    def row(*options: tuple[int, ...]) -> RowResult:
        values = [None] * 7
        return RowResult(values, [None] * 7, problem="ambiguous" if len(options) > 1 else None,  # type: ignore[arg-type]
                         options=list(options), balanced=list(options))

    def fixed(*values: int) -> RowResult:
        return RowResult(list(values), [None] * 7)

    results = {"received": fixed(12, 0, 0, 0, 0, 0, 12), "carried_over": fixed(0, 0, 0, 0, 0, 0, 0)}
    for i in range(12):
        results[f"r{i}"] = row((1, 0, 0, 0, 0, 0, 1), (10, 0, 0, 0, 0, 0, 10), (0, 1, 0, 0, 0, 0, 1))
    results["total"] = fixed(12, 0, 0, 0, 0, 0, 12)
    results["carried_forward"] = fixed(0, 0, 0, 0, 0, 0, 0)
    settle_requests(results)
    assert all(results[f"r{i}"].values == [1, 0, 0, 0, 0, 0, 1] for i in range(12))
    assert all(results[f"r{i}"].problem is None for i in range(12))


def test_column_sums_that_cannot_hold_as_printed_decide_nothing() -> None:
    results = {
        "received": RowResult([1, 0, 0, 0, 0, 0, 1], [None] * 7),
        "open": RowResult([None] * 7, [None] * 7, problem="ambiguous",
                          options=[(2, 20, 0, 0, 0, 0, 22), (22, 0, 0, 0, 0, 0, 22)],
                          balanced=[(2, 20, 0, 0, 0, 0, 22), (22, 0, 0, 0, 0, 0, 22)]),
        "total": RowResult([5, 0, 0, 0, 0, 0, 5], [None] * 7),
    }
    settle_requests(results)
    assert results["open"].problem == "ambiguous"
    assert results["open"].values == [None, None, 0, 0, 0, 0, 22]


def test_a_section_of_the_reports_own_shifts_the_numbering_not_the_reading() -> None:
    """"五、政府信息公开收费情况" inserted: the template's 五 and 六 print as 六 and 七."""
    text = (CORPUS / "pt-gaj-2022.txt").read_text(encoding="utf-8")
    at = text.index("五、存在")
    text = text[:at] + "五、政府信息公开收费情况本年度未收取信息处理费。六、存在" + text[at + 4:]
    text = text.replace("六、其他需要报告", "七、其他需要报告")
    report = api.read("r.txt", data=text.encode("utf-8"))
    assert [(s.expected, s.number) for s in report.sections] == [(1, 1), (2, 2), (3, 3), (4, 4), (5, 6), (6, 7)]
    assert report.cells() == api.read(CORPUS / "pt-gaj-2022.txt").cells()
    assert report.problems == []


@settings(max_examples=300, deadline=None)
@given(
    piece=st.text(alphabet="0123456789", min_size=1, max_size=20),
    width=st.integers(1, 12),
    signed=st.booleans(),
    decimal=st.booleans(),
)
def test_plain_digit_pieces_list_the_same_numbers_as_the_general_scan(
    piece: str, width: int, signed: bool, decimal: bool
) -> None:
    """The shortcut for a piece of plain digits lists exactly what the character scan lists."""
    from gongkai.readers.extract.split import _Numbers, _numbers

    numbers = _Numbers([piece], width)
    for at in range(len(piece)):
        assert numbers.starting(0, at, signed, decimal) == _numbers(piece, at, width, signed, decimal)


@settings(max_examples=200, deadline=None)
@given(
    pieces=st.lists(st.text(alphabet="0123456789", min_size=1, max_size=9), min_size=1, max_size=3),
    n=st.integers(1, 7),
    width=st.integers(1, 6),
    lead=st.booleans(),
    tail=st.booleans(),
)
def test_the_split_count_agrees_with_the_listing(pieces: list[str], n: int, width: int, lead: bool, tail: bool) -> None:
    """The count that decides whether a listing can complete counts exactly what the search lists."""
    from gongkai.readers.extract.split import MAX_SPLITS, _count_all, _Numbers

    stretch = (" " if lead else "") + " ".join(pieces) + (" " if tail else "")
    found = split_stretch(stretch, n, width)
    if found.problem is not None:
        return
    slots = [lead] + [True] * (len(pieces) - 1) + [tail]
    counted = _count_all(pieces, slots, n, width, ((False, False),) * n, _Numbers(pieces, width), MAX_SPLITS)
    if found.complete:
        assert counted == len(found.options)
    else:
        if counted > MAX_SPLITS:
            assert len(found.options) <= 1  # more than it would list: stopped at its first split
        else:
            assert len(found.options) < counted  # stopped by the step budget part-way


def test_a_row_with_more_splits_than_are_listed_stops_at_its_first_split() -> None:
    """Section 四 printed as 20 glued digits: thousands of splits, none listed beyond the first."""
    TALLY.steps = 0
    found = split_stretch("18654331336326744217", 15, 6)
    assert not found.complete and len(found.options) == 1
    assert TALLY.steps < STEP_BUDGET


def _brute_splits(run: str, n: int, width: int) -> int:
    """Splits of ``run`` into ``n`` numbers of at most ``width`` digits, no leading zero, by brute force."""
    if n == 0:
        return int(run == "")
    ends = [1] if run[:1] == "0" else range(1, min(len(run), width) + 1)
    return sum(_brute_splits(run[end:], n - 1, width) for end in ends if run)


@settings(max_examples=300, deadline=None)
@given(run=st.text(alphabet="0000123456789", min_size=1, max_size=14), n=st.integers(1, 8), width=st.integers(1, 6))
def test_glued_run_count_matches_brute_force(run: str, n: int, width: int) -> None:
    from gongkai.readers.extract.split import _count_glued

    assert _count_glued(run, n, width) == min(_brute_splits(run, n, width), 2)
