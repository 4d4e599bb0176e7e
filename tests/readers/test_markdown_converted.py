"""Markdown written by PDF/OCR converters: HTML tables, per-group pieces, merged cells, lost labels."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai import api
from gongkai.model import keys
from gongkai.model.keys import Template
from gongkai.model.template import REQUEST_ROW_SPECS
from gongkai.readers.formats.markdown import MarkdownReader
from gongkai.readers.lost_labels import restore_labels
from gongkai.readers.markdown_tables import html_table_rows, split_br_row, split_merged
from tests.synth.check import mismatches
from tests.synth.layouts import md_converted
from tests.synth.strategies import Case, cases


def test_html_table_spans_become_grid_positions() -> None:
    rows = html_table_rows('<table><tr><td rowspan="2" colspan="2">a</td><td>b</td></tr>'
                           '<tr><td>c<br>d</td></tr><tr><td>1</td><td colspan="x">2</td><td> 3 </td></tr></table>')
    assert rows == [["a", "", "b"], ["", "", "c d"], ["1", "2", "3"]]


@pytest.mark.parametrize(("rows", "expected", "count"), [
    # one cell short of the table's width and one cell holding two numbers: split
    ([["x", "1", "2", "3"], ["y", "4 5", "6"]], [["x", "1", "2", "3"], ["y", "4", "5", "6"]], 1),
    # a section 三 row of 6 cells whose split makes 7 values, in a piece with nothing to compare
    ([["（七）总计", "", "1", "0", "0 0", "0", "1", "2"]], [["（七）总计", "", "1", "0", "0", "0", "0", "1", "2"]], 1),
    # as wide as the others: "1 234" stays one printed cell (the extraction reports it)
    ([["x", "1", "2"], ["y", "1 234", "5"]], [["x", "1", "2"], ["y", "1 234", "5"]], 0),
    # two extra numbers for one missing cell: not a merge we can undo
    ([["x", "1", "2", "3"], ["y", "4 5 6", "7"]], [["x", "1", "2", "3"], ["y", "4 5 6", "7"]], 0),
])
def test_split_merged(rows: list[list[str]], expected: list[list[str]], count: int) -> None:
    assert split_merged(rows) == count
    assert rows == expected


@pytest.mark.parametrize(("cells", "expected"), [
    # two rows stacked into one, every cell holding both parts: two rows again
    (["1.属于国家秘密<br>2.其他法律行政法规禁止公开", "3<br>0", "0<br/>1", ""],
     [["1.属于国家秘密", "3", "0", ""], ["2.其他法律行政法规禁止公开", "0", "1", ""]]),
    # a label printed once beside stacked numbers could be either row's: not split, not guessed
    (["（三）不予公开", "1.属于国家秘密", "3<br>0", "0<br>1"], [["（三）不予公开", "1.属于国家秘密", "3 0", "0 1"]]),
    # a label wrapped with <br>: one row
    (["（二）部分公开<br>（区分处理的）", "3", "0"], [["（二）部分公开 （区分处理的）", "3", "0"]]),
])
def test_stacked_rows(cells: list[str], expected: list[list[str]]) -> None:
    assert split_br_row(cells) == expected


def _request_rows(template: Template, values: dict[str, list[int]]) -> list[list[str]]:
    rows = keys.REQUEST_ROWS_2021 if template is Template.V2021 else keys.REQUEST_ROWS_2019
    return [[REQUEST_ROW_SPECS[r].label, *map(str, values.get(r, [0] * 7))] for r in rows]


def test_lost_labels_restored_when_order_and_arithmetic_agree() -> None:
    values = {"received": [3, 1, 0, 0, 0, 0, 4], "granted": [2, 1, 0, 0, 0, 0, 3], "partial": [1, 0, 0, 0, 0, 0, 1],
              "total": [3, 1, 0, 0, 0, 0, 4]}
    rows = _request_rows(Template.V2021, values)
    rows[2][0] = ""  # granted
    rows[4][0] = ""  # withheld_secret (all zero)
    restored, unplaced = restore_labels(rows)
    assert [r.key for r in restored] == ["granted", "withheld_secret"] and unplaced == 0
    assert rows[2][0] == "（一）予以公开" and rows[4][0] == "1.属于国家秘密"


@pytest.mark.parametrize("damage", ["arithmetic", "row_dropped", "blank_value"])
def test_lost_labels_left_alone_when_not_certain(damage: str) -> None:
    values = {"received": [3, 1, 0, 0, 0, 0, 4], "granted": [2, 1, 0, 0, 0, 0, 3], "partial": [1, 0, 0, 0, 0, 0, 1],
              "total": [3, 1, 0, 0, 0, 0, 4]}
    if damage == "arithmetic":
        values["total"] = [3, 1, 0, 0, 0, 0, 5]
    rows = _request_rows(Template.V2021, values)
    rows[2][0] = ""
    if damage == "row_dropped":
        del rows[10]
    if damage == "blank_value":
        rows[2][3] = ""
    before = [list(r) for r in rows]
    restored, unplaced = restore_labels(rows)
    assert restored == [] and rows == before
    assert unplaced == (0 if damage == "blank_value" else 1)


def test_unplaced_rows_are_a_reading_problem() -> None:
    text = "\n".join([
        "# 三、收到和处理政府信息公开申请情况", "",
        *("| " + " | ".join(r) + " |" for r in _request_rows(Template.V2021, {"granted": [1, 0, 0, 0, 0, 0, 1]})[:5]),
        "|  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
    ])
    report = MarkdownReader().read(text.encode(), "x.md")
    assert [(p.code, p.where) for p in report.problems if p.code == "label_lost"] == [("label_lost", "requests")]


def test_sniff_prefers_markdown_with_html_tables_over_the_html_reader() -> None:
    data = "# 一、总体情况\n\n<table><tr><td>1</td></tr></table>\n".encode()
    report = api.read("x.md", data=data)
    assert report.source.format == "markdown"
    assert MarkdownReader().sniff(b"<!DOCTYPE html><table>", "x.md") == 0.0


ROUNDTRIP = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@ROUNDTRIP
@given(case=cases(), shape=st.sampled_from(md_converted.SHAPES))
def test_each_converter_shape_reads_back(case: Case, shape: str) -> None:
    rendering = md_converted.render(case.build(), case.rng(), shapes=frozenset({shape}))
    report = api.read(rendering.filename, data=rendering.data)
    assert not mismatches(rendering, report)


@ROUNDTRIP
@given(case=cases(balanced=True))
def test_lost_labels_in_balanced_tables_read_exactly(case: Case) -> None:
    """Where the arithmetic holds, lost labels are restored and every cell reads exactly."""
    rendering = md_converted.render(case.build(), case.rng(), shapes=frozenset({"lost", "groups", "html"}))
    report = api.read(rendering.filename, data=rendering.data)
    for key in rendering.lenient:
        assert report.cell(key) == rendering.expected.cell(key), key
    assert any(p.code == "label_restored" for p in report.problems)


@ROUNDTRIP
@given(case=cases())
def test_well_formed_pipe_tables_raise_no_label_problem(case: Case) -> None:
    """A Markdown pipe table as a person writes it: every row has its label. "（六）其他处理" with numbers
    is the 2019 template's own row, not a 2021 sub-row whose label was lost under its group heading."""
    from tests.synth.layouts import pipes

    rendering = pipes.render(case.build(), case.rng())
    report = api.read(rendering.filename, data=rendering.data)
    assert not mismatches(rendering, report)
    assert [p.code for p in report.problems if p.code.startswith("label_")] == []


def test_all_shapes_together_never_read_a_wrong_value() -> None:
    wrong = []
    for seed in range(8):
        case = Case(seed, Template.V2021 if seed % 2 else Template.V2019, 2023 if seed % 2 else 2020, "township",
                    seed % 3 != 0, seed)
        rendering = md_converted.render(case.build(), random.Random(seed), shapes=frozenset(md_converted.SHAPES))
        report = api.read(rendering.filename, data=rendering.data)
        wrong += mismatches(rendering, report)
    assert wrong == []


def test_a_missing_other_row_is_named_whichever_template_the_report_follows() -> None:
    """Found by the round trip (stacked rows, 2019 template): when neither the 2019 single row
    （六）其他处理 nor the 2021 three rows are found, the 2019 row is named missing too, never silent."""
    case = Case(seed=0, template=Template.V2019, year=2019, kind="county_department", balanced=False,
                render_seed=1787)
    rendering = md_converted.render(case.build(), case.rng(), shapes=frozenset({"stacked"}))
    report = api.read(rendering.filename, data=rendering.data)
    assert ("row_missing", "requests.other") in {(p.code, p.where) for p in report.problems}
    assert not mismatches(rendering, report)


def _balanced_2021() -> dict[str, list[int]]:
    return {"received": [3, 1, 0, 0, 0, 0, 4], "granted": [1, 0, 0, 0, 0, 0, 1],
            "other_no_correction": [2, 1, 0, 0, 0, 0, 3], "total": [3, 1, 0, 0, 0, 0, 4]}


@pytest.mark.parametrize("section_four_header", [False, True])
def test_a_2021_sub_row_under_its_printed_group_label_is_restored(section_four_header: bool) -> None:
    """"（六）其他处理" printed beside sub-row 1's numbers, its own label lost: the 2021 fit places it,
    whether or not section 四's header ("其他结果", which names "3.其他") follows the table."""
    rows = _request_rows(Template.V2021, _balanced_2021())
    index = keys.REQUEST_ROWS_2021.index("other_no_correction")
    rows[index][0] = "（六）其他处理"
    if section_four_header:
        rows.append(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果"])
    restored, unplaced = restore_labels(rows)
    assert [r.key for r in restored] == ["other_no_correction"] and unplaced == 0
    assert rows[index][:2] == ["（六）其他处理", REQUEST_ROW_SPECS["other_no_correction"].label]


def test_the_2019_other_row_is_read_by_its_own_label(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every 2019 Markdown table comes here: only its "（六）其他处理" row has its values parsed, also
    when section 四's two header rows both name "3.其他" (by 其他结果)."""
    from gongkai.readers import lost_labels

    rows = _request_rows(Template.V2019, {"received": [1, 0, 0, 0, 0, 0, 1], "other": [1, 0, 0, 0, 0, 0, 1],
                                          "total": [1, 0, 0, 0, 0, 0, 1]})
    rows.append(["", "", "", "", "", *["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2])
    rows.append(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)
    before = [list(r) for r in rows]
    parsed: list[list[str]] = []
    row_values = lost_labels._row_values
    monkeypatch.setattr(lost_labels, "_row_values", lambda row, *span: parsed.append(row) or row_values(row, *span))
    assert restore_labels(rows) == ([], 0) and rows == before
    assert [row[0] for row in parsed] == ["（六）其他处理"]


_LABEL_DAMAGE = st.sampled_from(["keep", "keep", "keep", "lost", "group"])


@settings(max_examples=200, deadline=None)
@given(template=st.sampled_from([Template.V2019, Template.V2021]), balanced=st.booleans(),
       damage=st.lists(_LABEL_DAMAGE, min_size=25, max_size=25), drop=st.integers(-1, 24),
       header=st.booleans())
def test_the_2019_other_row_shortcut_decides_as_the_full_fit(
    template: Template, balanced: bool, damage: list[str], drop: int, header: bool,
) -> None:
    """``restore_labels`` skips parsing values when only "（六）其他处理" rows lack a label of their own
    and no fit could place one elsewhere; it must decide exactly as the fit over parsed values."""
    from gongkai.readers import lost_labels

    values = _balanced_2021() if balanced else {"received": [1, 0, 0, 0, 0, 0, 2]}
    if template is Template.V2019:
        values = {("other" if k == "other_no_correction" else k): v for k, v in values.items()}
    rows = _request_rows(template, values)
    for row, how in zip(rows, damage, strict=False):
        if how == "lost":
            row[0] = ""
        elif how == "group" and (REQUEST_ROW_SPECS[_key_of(row)].group == "（六）其他处理" or _key_of(row) == "other"):
            row[0] = "（六）其他处理"
    if 0 <= drop < len(rows):
        del rows[drop]
    if header:
        rows.append(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果"])
    fast_rows = [list(r) for r in rows]
    fast = restore_labels(fast_rows)
    full_rows = [list(r) for r in rows]
    real = lost_labels._only_the_2019_other_row
    try:
        lost_labels._only_the_2019_other_row = lambda lost, found: False  # type: ignore[assignment]
        full = restore_labels(full_rows)
    finally:
        lost_labels._only_the_2019_other_row = real
    assert fast == full and fast_rows == full_rows


def _key_of(row: list[str]) -> str:
    return next(k for k, spec in REQUEST_ROW_SPECS.items() if spec.label == row[0])
