"""Row labels wrapped around their numbers in text a PDF tool wrote line by line (pdfplumber)."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai import api
from gongkai.model.keys import Template
from gongkai.model.template import TEMPLATES
from gongkai.readers.wrapped_text import rejoin
from tests.synth import pdf_wrapped
from tests.synth.strategies import Case, cases


def test_the_labels_rest_is_read_before_its_numbers() -> None:
    lines = ["4.保护第", "三方合法", "权益", "5.属", "于三类", "2 0 0 0 0 0 2", "内部事", "务信息", "6.属于四类过程性信息",
             "行政", "1", "处罚", "行政强制 4"]
    order = rejoin(lines, [5, 10])
    assert order is not None
    assert [lines[i] for i in order] == ["4.保护第", "三方合法", "权益", "5.属", "于三类", "内部事", "务信息",
                                         "2 0 0 0 0 0 2", "6.属于四类过程性信息", "行政", "处罚", "1", "行政强制 4"]


def test_a_label_that_ends_its_block_takes_no_heading_below_it() -> None:
    """pdfplumber's text of wrapped-2019.pdf: the last rows of section 二's blocks. Moving three lines
    put the fees' numbers after the next block's heading and the procurement's after section 三's."""
    lines = ["信息内容 上一年项目数量 本年增/减", "行政事业", "16 -9", "性收费", "第二十条第（九）项",
             "信息内容 采购项目数量 采购总金额", "政府集中", "7 137.2", "采购", "三、收到和处理政府信息公开申请情况",
             "申请人情况"]
    order = rejoin(lines, [2, 7])
    assert order is not None
    assert [lines[i] for i in order] == ["信息内容 上一年项目数量 本年增/减", "行政事业", "性收费", "16 -9",
                                         "第二十条第（九）项", "信息内容 采购项目数量 采购总金额", "政府集中", "采购",
                                         "7 137.2", "三、收到和处理政府信息公开申请情况", "申请人情况"]
    report = api.read("report.txt", data="\n".join(["二、主动公开政府信息情况", *lines[:9]]).encode())
    assert (report.cell("active.fees.previous"), report.cell("active.fees.change")) == (16, -9)
    assert (report.cell("active.procurement.items"), str(report.cell("active.procurement.amount"))) == (7, "137.2")


def test_numbers_between_whole_labels_stay_where_they_are() -> None:
    """Text with a cell per line (Word): a value between two whole labels is no wrapped label."""
    lines = ["信息内容", "本年处理决定数量", "行政处罚", "14555", "行政强制", "1611", "（一）予以公开", "3", "0"]
    assert rejoin(lines, [3, 5, 7]) is None


def _read(case: Case, *, aligned: bool = False) -> tuple[dict[str, object], dict[str, object]]:
    report = case.build()
    text = pdf_wrapped.as_text(pdf_wrapped.render(report, random.Random(case.render_seed)), aligned=aligned)
    got = api.read("report.txt", data=text.encode("utf-8"))
    assert report.template is not None
    keys = TEMPLATES[report.template].cell_keys()
    return {k: report.cell(k) for k in keys}, {k: got.cell(k) for k in keys}


def test_a_label_whose_later_part_follows_its_numbers_is_not_read_with_the_next_rows_numbers() -> None:
    """"5.属 / 于三类 / 2 0 0 0 0 0 2 / 内部事 / 务信息": the cue 内部事务信息 is whole only after the
    numbers; read from there, the row took the next row's numbers (9 0 0 0 0 0 9)."""
    want, got = _read(Case(2, Template.V2021, 2023, "county_government", True, 2))
    row = [f"requests.withheld_internal.{c}" for c in ("natural_person", "total")]
    assert [got[k] for k in row] == [want[k] for k in row] == [2, 2]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(), aligned=st.booleans())
def test_line_by_line_pdf_text_never_reads_a_wrong_value(case: Case, aligned: bool) -> None:
    """Where a label and a group label interleave on one line, cells stay null; none is wrong.
    Single spaces (pdfplumber) or columns aligned with runs of spaces (PyMuPDF, sorted)."""
    want, got = _read(case, aligned=aligned)
    wrong = {k: (want[k], got[k]) for k in want if got[k] is not None and got[k] != want[k]}
    assert wrong == {}
    assert sum(1 for k in want if got[k] == want[k] and (got[k] is None) == (want[k] is None)) > len(want) // 2
