"""Digits that OCR printed as letters ("l8", "1O", "O"): never read as another number; read where
the row's sums settle them, with a problem asking to check the cell."""

from __future__ import annotations

import random
import re

import pytest

from gongkai import api
from gongkai.model.keys import Template
from gongkai.model.report import Report
from gongkai.readers.extract.misread import readings
from gongkai.writers.base import render
from tests.synth.generate import make_report

_ROW_LABEL = {"received": "一、本年新收政府信息公开申请数量", "granted": "（一）予以公开", "total": "（七）总计"}


def _report() -> Report:
    report = make_report(random.Random(7), template=Template.V2021, year=2023)
    for key, value in [("natural_person", 16), ("enterprise", 0), ("research", 0), ("social_org", 0),
                       ("legal_service", 1), ("other_org", 1), ("total", 18)]:
        report.set_cell(f"requests.received.{key}", value)
    return report


def _with_cells(report: Report, row: str, printed: list[str], to: str = "md") -> Report:
    """``report`` rendered, its row ``row`` printed with ``printed`` cells, and read back."""
    text = render(report, to, force=True).decode("utf-8")
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if _ROW_LABEL[row] in line and "|" in line)
    cells = lines[at].split("|")
    cells[-1 - len(printed) - 1 : -1] = [f" {p} " for p in printed]
    lines[at] = "|".join(cells)
    return api.read(f"x.{to}", data="\n".join(lines).encode("utf-8"))


def _received(report: Report) -> list[object]:
    return [report.cell(f"requests.received.{c}") for c in
            ("natural_person", "enterprise", "research", "social_org", "legal_service", "other_org", "total")]


def _problems(report: Report, code: str) -> list[tuple[str | None, str]]:
    return [(p.where, p.message) for p in report.problems if p.code == code]


@pytest.mark.parametrize(("printed", "read"), [
    ("l8", [8, 18]), ("1O", [10]), ("O", [0]), ("o", [0]), ("lO8", [108]), ("I", [1]),
    ("12", [12]), ("B5", []), ("l" * 5, []), ("", []), ("1-", []),
    ("D", [0]), ("1D", []), ("DD", []),  # "D": a lone "0" only
])
def test_readings(printed: str, read: list[int]) -> None:
    assert readings(printed) == read


def test_l8_is_18_where_the_row_sum_says_so() -> None:
    got = _with_cells(_report(), "received", ["16", "0", "0", "0", "1", "1", "l8"])
    assert _received(got) == [16, 0, 0, 0, 1, 1, 18]
    assert _problems(got, "misread_cell") == [(
        "requests.received.total", "单元格“l8”中有字母（常见于 OCR 识别），按本行合计关系读作 18，请核对原文")]
    assert not _problems(got, "unreadable_cell")


def test_l8_is_8_beside_a_rule_where_the_row_sum_says_so() -> None:
    report = _report()
    report.set_cell("requests.received.natural_person", 6)
    report.set_cell("requests.received.total", 8)
    got = _with_cells(report, "received", ["6", "0", "0", "0", "1", "1", "l8"])
    assert _received(got) == [6, 0, 0, 0, 1, 1, 8]


def test_no_reading_adds_up_the_cell_stays_null_as_the_readers_problem() -> None:
    got = _with_cells(_report(), "received", ["15", "0", "0", "0", "1", "1", "l8"])  # neither 8 nor 18
    assert _received(got) == [15, 0, 0, 0, 1, 1, None]
    assert _problems(got, "unreadable_cell") == [("requests.received.total", "单元格内容“l8”不是数字")]
    assert not _problems(got, "blank_cell")
    findings = api.check([got])
    assert not [f for f in findings if f.is_report_error and "received" in (f.where or "")]
    assert any(f.kind == "reading" and f.where == "requests" and "received.total" in f.message for f in findings)


def test_two_readings_that_add_up_leave_the_cells_null() -> None:
    report = _report()
    got = _with_cells(report, "received", ["16", "0", "0", "0", "l", "l", "18"])
    assert _received(got) == [16, 0, 0, 0, 1, 1, 18]  # both "l" must be 1 for 18: settled
    # "l1" and "1l" are 1 or 11 each; a total of 28 admits 1 + 11 and 11 + 1: not settled
    got = _with_cells(report, "received", ["16", "0", "0", "0", "l1", "1l", "28"])
    assert _received(got) == [16, 0, 0, 0, None, None, 28]
    assert len(_problems(got, "unreadable_cell")) == 2
    assert not _problems(got, "misread_cell")


@pytest.mark.parametrize("printed", ["l6", "1b", "I6"])
def test_letters_beside_digits_in_text_never_give_the_digits_alone(printed: str) -> None:
    """The old fault: "l6" in a row read as 6 (the letter dropped) — a wrong value."""
    report = _report()
    text = render(report, "md", force=True).decode("utf-8")
    text = re.sub(r"(一、本年新收政府信息公开申请数量[^\n]*?\| )16 \|", rf"\g<1>{printed} |", text)
    got = api.read("x.md", data=text.encode("utf-8"))
    assert got.cell("requests.received.natural_person") in (None, 16)
    assert got.cell("requests.received.natural_person") is None or printed != "1b"


def test_a_lone_letter_among_a_text_rows_numbers_is_a_cell() -> None:
    """Space-separated text: "O" for 0 must not shorten the row so that a number is split to fill it."""
    text = render(_report(), "md", force=True).decode("utf-8")
    lines = [re.sub(r"\s*\|\s*", "  ", line).strip() if "|" in line and "---" not in line else line
             for line in text.split("\n") if "---" not in line]
    text = "\n".join(lines)
    text = re.sub(r"(一、本年新收政府信息公开申请数量\s+)16  0", r"\g<1>16  O", text)
    got = api.read("x.txt", data=text.encode("utf-8"))
    assert _received(got) == [16, 0, 0, 0, 1, 1, 18]
    assert _problems(got, "misread_cell") == [(
        "requests.received.enterprise", "单元格“O”中有字母（常见于 OCR 识别），按本行合计关系读作 0，请核对原文")]


@pytest.mark.parametrize(("natural", "read"), [("0", 0), ("1", None)])
def test_a_lone_d_among_a_text_rows_numbers_is_a_zero_where_the_row_sum_says_so(natural: str, read: int | None) -> None:
    """OCR of a scan without rules: "0 D 0 0 0 0 0" ("D" a lone 0 read without neighbours)."""
    report = _report()
    for column in ("natural_person", "enterprise", "research", "social_org", "legal_service", "other_org", "total"):
        report.set_cell(f"requests.received.{column}", 0)
    text = render(report, "md", force=True).decode("utf-8")
    lines = [re.sub(r"\s*\|\s*", " ", line).strip() if "|" in line and "---" not in line else line
             for line in text.split("\n") if "---" not in line]
    text = re.sub(r"(一、本年新收政府信息公开申请数量\s+)0 0", rf"\g<1>{natural} D", "\n".join(lines))
    got = api.read("x.txt", data=text.encode("utf-8"))
    assert _received(got) == ([0] * 7 if read == 0 else [1, None, 0, 0, 0, 0, 0])  # no reading adds up
    assert [w for w, _m in _problems(got, "misread_cell")] == (["requests.received.enterprise"] if read == 0 else [])


def test_section_two_has_no_sums_so_a_misread_cell_stays_null() -> None:
    report = _report()
    report.set_cell("active.normative_documents.issued", 12)
    text = render(report, "md", force=True).decode("utf-8")
    text = re.sub(r"(行政规范性文件 \| )12 \|", r"\g<1>l2 |", text)
    got = api.read("x.md", data=text.encode("utf-8"))
    assert got.cell("active.normative_documents.issued") is None
    assert _problems(got, "unreadable_cell") == [("active.normative_documents.issued", "单元格内容“l2”不是数字")]


@pytest.mark.parametrize("to", ["md", "txt"])
def test_section_four_groups_settle_their_misread_cells(to: str) -> None:
    text = render(_report(), "md", force=True).decode("utf-8")
    row = "| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 1 | 0 | 1 | 0 | 0 | 0 | 1 | 1 |"
    assert row in text
    damaged = "l O 0 0 1 0 0 1 0 1 0 0 0 1 l"
    if to == "md":
        damaged = "| " + damaged.replace(" ", " | ") + " |"
    text = text.replace(row, damaged)  # in text: the row's cells separated by spaces, as a converter wrote
    got = api.read(f"x.{to}", data=text.encode("utf-8"))
    assert [got.cell(f"appeals.review.{c}") for c in ("upheld", "corrected", "other", "pending", "total")] == [1, 0, 0, 0, 1]
    assert got.cell("appeals.suit_after_review.total") == 1
    assert sorted(w for w, _ in _problems(got, "misread_cell")) == [
        "appeals.review.corrected", "appeals.review.upheld", "appeals.suit_after_review.total"]


def _damaged_labels(replacements: list[tuple[str, str]], report: Report | None = None) -> Report:
    text = render(report or _report(), "md", force=True).decode("utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return api.read("x.md", data=text.encode("utf-8"))


def test_a_misread_section_three_label_is_found_by_its_number_and_place() -> None:
    source = _report()
    got = _damaged_labels([("| 2.重复申请 |", "| 2.重口申请 |"), ("（一）予以公开", "（一）予以公幵")], source)
    for row in ("not_handled_repeat", "not_handled_petition", "granted", "partial"):
        for column in ("natural_person", "total"):
            key = f"requests.{row}.{column}"
            assert got.cell(key) == source.cell(key), key
    assert sorted(_problems(got, "label_misread")) == [
        ("requests.granted", "行名“(一)予以公幵”与模板不一致（可能是 OCR 识别错误），按其编号和位置读作“（一）予以公开”，请核对原文"),
        ("requests.not_handled_repeat", "行名“2.重口申请”与模板不一致（可能是 OCR 识别错误），按其编号和位置读作“2.重复申请”，请核对原文"),
    ]
    assert not _problems(got, "row_missing")


def test_a_label_too_unlike_the_templates_is_not_taken() -> None:
    got = _damaged_labels([("| 2.重复申请 |", "| 2.口口申请 |")])  # half the characters lost
    assert got.cell("requests.not_handled_repeat.total") is None
    assert _problems(got, "row_missing") == [("requests.not_handled_repeat", "未找到“2.重复申请”这一行")]
    assert not _problems(got, "label_misread")


def test_a_misread_section_two_label_is_found_among_table_rows_only() -> None:
    source = _report()
    source.set_cell("active.licensing.decisions", 7)
    got = _damaged_labels([("| 行政许可 |", "| 行政许田 |")], source)
    assert got.cell("active.licensing.decisions") == 7
    assert _problems(got, "label_misread") == [
        ("active.licensing", "行名“行政许田”与模板不一致（可能是 OCR 识别错误），按表中位置读作“行政许可”，请核对原文")]


def test_a_misread_block_header_does_not_turn_2021_columns_into_2019_blanks() -> None:
    """"本目处理决定数量" (misread) shares only "处理决定数量" with the 2019 header: it is no 2019
    header, and the row's padding cells are not blank cells of the agency's."""
    source = _report()
    source.set_cell("active.licensing.decisions", 7)
    got = _damaged_labels([("| 本年处理决定数量 |", "| 本目处理决定数量 |"), ("第二十条第（五）项", "第二十目第（五）项")],
                          source)
    assert got.cell("active.licensing.decisions") == 7
    assert not [p for p in got.problems if p.where and p.where.startswith("active.licensing")]


def test_section_four_found_when_its_first_word_is_misread() -> None:
    got = _damaged_labels([("| 行政复议 |", "| 田政复议 |")])
    assert got.cell("appeals.review.total") == 1 and got.cell("appeals.suit_after_review.pending") == 1


def test_another_rows_values_run_into_a_row_whose_next_label_was_misread() -> None:
    """A page's text with every cell tab-separated on one line: 行政许可's label misread, its value
    stands after the block heading in 行政规范性文件's stretch. The row holds a blank cell, so the
    count of its numbers fits by chance with the leaked value: never read as the row's."""
    source = _report()
    source.set_cell("active.normative_documents.issued", None)
    source.set_cell("active.normative_documents.repealed", 1)
    source.set_cell("active.normative_documents.in_force", 5)
    source.set_cell("active.licensing.decisions", 4)
    text = render(source, "md", force=True).decode("utf-8")
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if "第二十条第（一）项" in line)
    end = next(i for i, line in enumerate(lines) if i > start and line.startswith("#"))
    cells = [c.strip() or "\xa0" for line in lines[start:end] if "|" in line and "---" not in line
             for c in line.strip().strip("|").split("|")]
    flat = "\t".join(cells).replace("行政许可", "目政许可")
    lines[start:end] = [flat, ""]
    got = api.read("x.txt", data="\n".join(lines).encode("utf-8"))
    assert [got.cell(f"active.normative_documents.{c}") for c in ("issued", "repealed", "in_force")] == [None] * 3
    assert got.cell("active.licensing.decisions") is None
    assert ("active.normative_documents",
            "该行数字之间夹有其他文字，可能混入了未识别出行名的下一行，无法确定哪些数值属于本行，整行置空") in _problems(got, "extra_cells")
    assert ("active.licensing", "第二部分未找到“行政许可”这一行") in _problems(got, "row_missing")


def test_a_lost_numeral_at_a_lines_start_does_not_take_the_row_aboves_last_digit() -> None:
    """OCR at 150 dpi lost the thin "二" of "二、上年结转…": the line starts with "、", and the
    item-number search took the "2" of the row above's "1002" (one line up) for the label's number,
    leaving that row one value short."""
    source = _report()
    for key, value in [("natural_person", 762), ("enterprise", 83), ("research", 37), ("social_org", 18),
                       ("legal_service", 66), ("other_org", 36), ("total", 1002)]:
        source.set_cell(f"requests.received.{key}", value)
    from tests.synth.layouts import tabs

    text = tabs.render(source, random.Random(3)).data.decode("utf-8")  # Word's text: cells by tabs
    assert "\t1002\t\n二、上年结转" in text
    got = api.read("x.txt", data=text.replace("\n二、上年结转", "\n、上年结转").encode("utf-8"))
    assert [got.cell(f"requests.received.{k}") for k in ("natural_person", "other_org", "total")] == [762, 36, 1002]
    assert got.cell("requests.carried_over.total") == source.cell("requests.carried_over.total")
