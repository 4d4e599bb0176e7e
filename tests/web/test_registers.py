"""Appeals, the document register and the per-year figures feed sections 四 and 二 of the report."""

from __future__ import annotations

from .conftest import Browser
from .test_requests import cell


def test_appeal_register_and_conclude_changes_section_four(clerk_a: Browser) -> None:
    clerk_a.page("/appeals")
    response = clerk_a.submit("/appeals", {"kind": "suit_direct", "filed_on": "2025-03-03", "result": "pending"})
    assert response.status_code == 303
    page = clerk_a.page("/appeals")
    assert "已登记行政诉讼（未经复议直接起诉）案件（2025-03-03）" in page
    report = clerk_a.page("/reports?year=2025")
    assert cell(report, "appeals.suit_direct.pending") == "1"
    appeal_id = clerk_a.get("/api/v1/appeals").json()[0]["id"]
    clerk_a.page("/appeals")
    response = clerk_a.submit(f"/appeals/{appeal_id}/conclude", {"result": "corrected", "concluded_on": ""})
    assert response.status_code == 303
    assert "审结日期：此项必填" in clerk_a.page("/appeals")
    response = clerk_a.submit(f"/appeals/{appeal_id}/conclude", {"result": "corrected", "concluded_on": "2025-05-06"})
    assert response.status_code == 303
    report = clerk_a.page("/reports?year=2025")
    assert cell(report, "appeals.suit_direct.corrected") == "1"
    assert cell(report, "appeals.suit_direct.pending") == "0"
    assert cell(report, "appeals.suit_direct.total") == "1"


def test_appeal_form_errors_are_chinese(clerk_a: Browser) -> None:
    clerk_a.page("/appeals")
    response = clerk_a.submit("/appeals", {"kind": "", "filed_on": "2025-03-03", "result": "pending"})
    assert response.status_code == 400
    assert 'id="e-kind" role="alert">此项必填<' in response.text
    response = clerk_a.submit("/appeals", {"kind": "lawsuit", "filed_on": "2025-03-03", "result": "pending"})
    assert 'id="e-kind" role="alert">请从列表中选择一项<' in response.text
    response = clerk_a.submit("/appeals", {"kind": "review", "filed_on": "2025-03-03", "result": "upheld"})
    assert response.status_code == 400
    assert "已审结的案件须填写审结日期" in response.text
    response = clerk_a.submit("/appeals", {"kind": "review", "filed_on": "2025-03-03", "result": "pending",
                                           "request_number": "2025-4242"})
    assert response.status_code == 400
    assert "所选机关没有登记编号为 2025-4242 的申请" in response.text


def test_documents_feed_the_first_block_of_section_two(clerk_a: Browser) -> None:
    clerk_a.page("/documents")
    for title, kind, issued in (("规章甲", "rule", "2024-05-01"), ("文件乙", "normative", "2025-02-01"),
                                ("文件丙", "normative", "2023-02-01")):
        assert clerk_a.submit("/documents", {"title": title, "kind": kind, "issued_on": issued,
                                             "doc_number": "示教发〔2025〕1号"}).status_code == 303
    doc = next(d for d in clerk_a.get("/api/v1/documents").json() if d["title"] == "文件丙")
    clerk_a.page("/documents")
    assert clerk_a.submit(f"/documents/{doc['id']}/repeal", {"repealed_on": "2025-03-01"}).status_code == 303
    report = clerk_a.page("/reports?year=2025")
    assert cell(report, "active.rules.issued") == "0"
    assert cell(report, "active.rules.in_force") == "1"
    assert cell(report, "active.normative_documents.issued") == "1"
    assert cell(report, "active.normative_documents.repealed") == "1"
    assert cell(report, "active.normative_documents.in_force") == "1"


def test_document_dates_are_validated(clerk_a: Browser) -> None:
    clerk_a.page("/documents")
    response = clerk_a.submit("/documents", {"title": "x", "kind": "rule", "issued_on": "2025-02-01",
                                             "repealed_on": "2025-01-01"})
    assert response.status_code == 400
    assert "废止日期早于制发日期" in response.text


def test_figures_are_saved_with_their_source_and_show_in_section_two(clerk_a: Browser) -> None:
    page = clerk_a.page("/figures?year=2025")
    assert "行政事业性收费" in page
    response = clerk_a.submit("/figures", {"year": "2025", "active.licensing.decisions": "12",
                                           "active.licensing.decisions:source": "审批系统",
                                           "active.fees.amount": "3.5", "active.punishment.decisions": "1.5"})
    assert response.status_code == 400
    assert "件数应为整数" in response.text
    response = clerk_a.submit("/figures", {"year": "2025", "active.licensing.decisions": "12",
                                           "active.licensing.decisions:source": "审批系统", "active.fees.amount": "3.5"})
    assert response.status_code == 303
    page = clerk_a.page(response.headers["location"])
    assert "已保存 2025 年的 2 项数据" in page and 'value="审批系统"' in page
    report = clerk_a.page("/reports?year=2025")
    assert cell(report, "active.licensing.decisions") == "12"
    assert cell(report, "active.fees.amount") == "3.5"
