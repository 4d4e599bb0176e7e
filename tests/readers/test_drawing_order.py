"""Section 三 as ``pdftotext`` writes it without ``-layout``: every cell on its own lines, in the
PDF's drawing order, with spanning and wrapped labels drawn after the rows around them.

The fixtures in ``tests/data/text/pdftotext`` are poppler 22.12's ``pdftotext FILE.pdf`` (no
option) of the real Huai'an PDF and of the reader fixtures made with LibreOffice and a browser.
"""

from __future__ import annotations

import pytest

from gongkai import api
from gongkai.model.findings import FindingKind
from gongkai.model.keys import REQUEST_ROWS_2021
from gongkai.readers.drawing_order import rebuild

from .pdf_expected import DATA
from .pdf_expected import expected as _both


def _expected(name: str) -> dict[str, str | None]:
    return _both(name)[0]


def _read(name: str) -> tuple[api.Report, dict[str, str | None]]:
    report = api.read(DATA / "text" / "pdftotext" / f"{name}.txt")
    return report, {k: None if v is None else str(v) for k, v in report.cells().items()}


# Cells read exactly (of 200; 198 in the 2019 template). Section 四 comes out of order in the
# Huai'an and web PDFs' text and is left null; lo-2021's section 三 puts label pieces and first
# cells among other rows' values, so it cannot be placed and is left unread.
@pytest.mark.parametrize(("name", "exact"), [
    ("huaian-city-2024", 185), ("web-2023", 182), ("wrapped-2019", 198), ("lo-2021", 10),
])
def test_reads_expected_cells_and_no_wrong_value(name: str, exact: int) -> None:
    want = _expected(name)
    _report, got = _read(name)
    assert [k for k in want if got.get(k) is not None and got[k] != want[k]] == []
    assert sum(1 for k in want if got.get(k) == want[k]) == exact


@pytest.mark.parametrize("name", ["huaian-city-2024", "web-2023", "wrapped-2019"])
def test_section_three_reads_whole(name: str) -> None:
    want = _expected(name)
    _report, got = _read(name)
    requests = [k for k in want if k.startswith("requests.")]
    assert len(requests) in (161, 175)
    assert {k: got.get(k) for k in requests} == {k: want[k] for k in requests}


def test_rows_placed_without_their_label_are_named() -> None:
    report, _got = _read("huaian-city-2024")
    restored = [p.where for p in report.problems if p.code == "label_restored"]
    # The rows whose values stood with no label before them: after 上年结转 (two), after
    # 4.无正当理由大量反复申请 (four: the wrapped （五）5 and （六）'s three sub-rows).
    assert restored == [f"requests.{k}" for k in (
        "granted", "partial", "not_handled_confirmation", "other_no_correction", "other_no_fee", "other_misc")]
    assert all("请核对原文" in p.message for p in report.problems if p.code == "label_restored")


def test_both_labels_before_a_run_of_two_rows() -> None:
    # wrapped-2019: "三、本年 （一）予以公开" … "（二）部分公开…" then both rows' values.
    report, got = _read("wrapped-2019")
    assert [got[f"requests.{r}.total"] for r in ("granted", "partial")] == ["8", "1"]
    assert {"requests.granted", "requests.partial"} <= {p.where for p in report.problems if p.code == "label_restored"}


def test_rows_that_cannot_be_placed_are_unread_and_not_the_reports_error() -> None:
    report, got = _read("lo-2021")
    assert all(got.get(f"requests.{r}.{c}") is None for r in REQUEST_ROWS_2021 for c in ("natural_person", "total"))
    assert [p.where for p in report.problems if p.code == "label_lost"] == ["requests"]
    findings = api.check([report])
    assert [f.rule for f in findings if f.kind is FindingKind.REPORT and "requests" in (f.where or "")] == []


def _table(rows: list[tuple[str, list[int]]], *, heading: bool = True) -> list[str]:
    lines = ["三、收到和处理政府信息公开申请情况", "申请人情况"] if heading else []
    for label, values in rows:
        if label:
            lines += [label, ""]
        lines += [x for v in values for x in (str(v), "")]
    return [*lines, "四、政府信息公开行政复议、行政诉讼情况", "1", "0"]


def _balanced() -> list[tuple[str, list[int]]]:
    from gongkai.model.template import REQUEST_ROW_SPECS

    rows: list[tuple[str, list[int]]] = []
    for key in REQUEST_ROWS_2021:
        values = [0] * 7
        if key in ("received", "granted", "total"):
            values = [2, 1, 0, 0, 0, 0, 3]
        rows.append((REQUEST_ROW_SPECS[key].label, values))
    return rows


def test_rows_in_order_after_their_labels_are_left_to_the_extraction() -> None:
    # One cell per line with each row's label first (Word text, an HTML page as text): no rebuild.
    assert rebuild(_table(_balanced()), lambda line: False) is None


def test_unlabelled_rows_placed_only_when_the_arithmetic_holds() -> None:
    rows = _balanced()
    rows[2] = ("", rows[2][1])  # （一）予以公开's label drawn elsewhere: its values follow 上年结转's
    rebuilt = rebuild(_table(rows), lambda line: False)
    assert rebuilt is not None and rebuilt.restored == [("granted", "（一）予以公开")] and rebuilt.unread == 0
    assert "（一）予以公开\t2\t1\t0\t0\t0\t0\t3" in [line for _n, line in rebuilt.lines]

    rows[0] = (rows[0][0], [2, 1, 0, 0, 0, 0, 4])  # 本年新收 no longer adds up: nothing is placed
    rebuilt = rebuild(_table(rows), lambda line: False)
    assert rebuilt is not None and rebuilt.restored == [] and rebuilt.unread == 25
    assert not any(line.strip().isdigit() for _n, line in rebuilt.lines[2:-3])  # its values taken out


def test_a_label_out_of_place_is_not_read_with_another_rows_values() -> None:
    # The label "（七）总计" drawn after its row, right before 结转下年度's values, whose own label
    # comes last: reading label-then-values would give 总计 the carried-forward numbers.
    rows = _balanced()
    total, forward = rows[-2], rows[-1]
    rows[-2:] = [("", total[1]), (total[0], [1, 0, 0, 0, 0, 0, 1])]
    lines = [*_table(rows)[:-3], forward[0], *_table([])[-3:]]
    report = api.read("drawing.txt", data="\n".join(lines).encode("utf-8"))
    assert report.cell("requests.total.total") is None
    assert report.cell("requests.carried_forward.total") is None
    assert [p.where for p in report.problems if p.code == "label_lost"] == ["requests"]


def test_page_number_inside_a_row_is_passed_over() -> None:
    rows = _balanced()
    rows[2] = ("", rows[2][1])
    lines = _table(rows)
    at = lines.index("（二）部分公开（区分处理的，只计这一情形，不计其他情形）") - 5  # among 予以公开's values
    lines[at:at] = ["-4-", "\f"]
    rebuilt = rebuild(lines, lambda line: line.strip() in ("-4-", ""))
    assert rebuilt is not None and rebuilt.restored == [("granted", "（一）予以公开")]


def test_first_row_drawn_before_its_label_after_the_header() -> None:
    """The header's words, 本年新收's values, then its label and 上年结转's together, then 上年结转's
    values: read label-then-values, 本年新收 had no values (found by the round-trip property)."""
    rows = _balanced()
    received, carried = rows[0], rows[1]
    rows[:2] = [("", received[1]), (carried[0], carried[1])]
    lines = _table(rows)
    at = lines.index(carried[0])
    lines[at:at] = [received[0], ""]
    rebuilt = rebuild(lines, lambda line: False)
    assert rebuilt is not None and rebuilt.unread == 0
    assert rebuilt.restored == [("received", "一、本年新收政府信息公开申请数量")]
    report = api.read("drawing.txt", data="\n".join(lines).encode("utf-8"))
    assert [report.cell(f"requests.received.{c}") for c in ("natural_person", "enterprise", "total")] == [2, 1, 3]
