"""The annual report page: audit findings, narrative editing (audited), export, and uploads."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from urllib.parse import unquote

from docx import Document
from sqlalchemy import select

from gongkai.ledger import AuditLog, ReportNarrative, session_factory
from gongkai.web.limits import UPLOAD_LIMIT

from .conftest import Browser, Region

SEED = Path(__file__).parents[1] / "data" / "seeds" / "001_9e58b98aa5ba2831.txt"


def test_report_page_shows_the_three_tables_and_findings(clerk_a: Browser) -> None:
    page = clerk_a.page("/reports?year=2025")
    assert "示范县教育局 2025 年政府信息公开工作年度报告" in page
    for caption in ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"):
        assert f"<caption>{caption}" in page
    assert "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in page
    assert 'rowspan="22">三、本年度办理结果' in page  # 21 outcome rows and （七）总计 (2021 layout)
    assert 'id="findings"' in page
    assert "dates.published" in page  # a ledger report has no 落款 date yet


def test_narrative_edit_is_stored_audited_and_exported(app, clerk_a: Browser, region: Region) -> None:  # type: ignore[no-untyped-def]
    page = clerk_a.page("/reports?year=2025")
    assert "自动生成" in page and "已编辑" not in page
    response = clerk_a.submit("/reports/narrative", {"agency_id": str(region.education), "year": "2025",
                                                     "section_5": "一是加强业务培训；二是规范答复文书。"})
    assert response.status_code == 303
    assert response.headers["location"] == f"/reports?agency_id={region.education}&year=2025#narrative"
    page = clerk_a.page("/reports?year=2025")
    assert "已保存年度报告正文（1 个部分有修改）" in page
    assert "一是加强业务培训；二是规范答复文书。</textarea>" in page
    assert "已编辑" in page
    with session_factory(app.state.engine)() as session:
        rows = session.scalars(select(AuditLog).where(AuditLog.entity == "narrative")).all()
        stored = session.scalars(select(ReportNarrative)).all()
    assert [(n.agency_id, n.year, n.summary, n.section, n.updated_by) for n in stored] == [
        (region.education, 2025, False, 5, "clerk_a")]
    assert len(rows) == 1
    assert rows[0].actor == "clerk_a" and rows[0].action == "create" and rows[0].entity_id == stored[0].id
    assert rows[0].after == {"agency_id": region.education, "year": 2025, "summary": False, "section": 5,
                             "text": "一是加强业务培训；二是规范答复文书。"}
    response = clerk_a.get("/reports/export?format=docx&year=2025")
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "一是加强业务培训；二是规范答复文书。" in text
    # clearing the section restores the generated text
    clerk_a.submit("/reports/narrative", {"agency_id": str(region.education), "year": "2025", "section_5": ""})
    assert "已编辑" not in clerk_a.page("/reports?year=2025")
    with session_factory(app.state.engine)() as session:
        assert session.scalars(select(ReportNarrative)).all() == []
        assert [r.action for r in session.scalars(select(AuditLog).where(AuditLog.entity == "narrative"))] == [
            "create", "delete"]


def test_export_docx_is_a_word_document_with_a_chinese_file_name(clerk_a: Browser) -> None:
    response = clerk_a.get("/reports/export?format=docx&year=2025")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="gongkai-report-')
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "示范县教育局2025年政府信息公开工作年度报告.docx"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert "word/document.xml" in archive.namelist()


def test_export_other_formats_and_an_unknown_one(clerk_a: Browser) -> None:
    assert clerk_a.get("/reports/export?format=md&year=2025").text.startswith("# 示范县教育局")
    assert clerk_a.get("/reports/export?format=pdf&year=2025").content.startswith(b"%PDF")
    response = clerk_a.get("/reports/export?format=exe&year=2025", follow_redirects=False)
    assert response.status_code == 303
    assert "导出失败：不支持输出格式 exe" in clerk_a.page(response.headers["location"])


def test_upload_of_a_published_report_shows_its_tables_and_findings(clerk_a: Browser) -> None:
    clerk_a.page("/reports/upload")
    response = clerk_a.submit("/reports/upload", files={"file": (SEED.name, SEED.read_bytes(), "text/plain")})
    assert response.status_code == 200
    html = response.text
    assert "白家庄镇人民政府" in html
    assert "2019 年试行格式" in html
    assert "template.version" in html
    assert "应采用2021年格式（国办公开办函〔2021〕30号）" in html
    assert "dates.period" in html
    assert 'data-key="requests.received.total"' in html


def test_upload_of_a_scan_without_ocr_shows_why_and_no_tables(clerk_a: Browser, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys

    from gongkai.readers import ocr

    ocr._engine.cache_clear()
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # the extra not installed
    scan = Path(__file__).parents[1] / "data" / "pdf" / "scanned.pdf"
    clerk_a.page("/reports/upload")
    response = clerk_a.submit("/reports/upload", files={"file": (scan.name, scan.read_bytes(), "application/pdf")})
    ocr._engine.cache_clear()
    assert response.status_code == 200
    html = response.text
    assert "审核发现（1 项）" in html and "structure.text" in html
    assert "未能读取本文件的正文：扫描件，需要 OCR（PDF 没有文字层）。各项内容均未审核，请核对原文" in html
    assert "未能读取本文件的正文，没有可显示的统计表。" in html and "data-key=" not in html


def test_upload_refuses_other_types_empty_files_and_unreadable_ones(clerk_a: Browser) -> None:
    clerk_a.page("/reports/upload")
    response = clerk_a.submit("/reports/upload", files={"file": ("report.exe", b"MZ...", "application/octet-stream")})
    assert response.status_code == 400
    assert "不支持的文件类型“.exe”" in response.text
    response = clerk_a.submit("/reports/upload", files={"file": ("empty.txt", b"", "text/plain")})
    assert response.status_code == 400
    assert "empty.txt 是空文件" in response.text
    response = clerk_a.submit("/reports/upload", files={"file": ("broken.pdf", b"%PDF-1.4 garbage", "application/pdf")})
    assert response.status_code == 422
    assert "无法读取该文件：PDF 文件已损坏或不完整，无法解析" in response.text
    assert "Traceback" not in response.text


def test_upload_over_the_size_limit_is_refused(clerk_a: Browser) -> None:
    clerk_a.page("/reports/upload")
    big = b"0" * (UPLOAD_LIMIT + 70 * 1024)
    response = clerk_a.submit("/reports/upload", files={"file": ("big.txt", big, "text/plain")})
    assert response.status_code == 413
    assert "不能超过 20 MB" in response.text


def test_ordinary_forms_have_a_small_body_limit(clerk_a: Browser) -> None:
    clerk_a.page("/requests/new")
    response = clerk_a.submit("/requests/new", {"content": "字" * (1024 * 1024)})
    assert response.status_code == 413


def test_supervisor_sees_the_county_summary(clerk_a: Browser, supervisor: Browser, region: Region, register) -> None:  # type: ignore[no-untyped-def]
    from .test_requests import cell

    register(clerk_a)
    own = supervisor.page(f"/reports?agency_id={region.county}&year=2025")
    assert "示范县人民政府 2025 年政府信息公开工作年度报告" in own and "汇总下级机关" in own
    assert cell(own, "requests.received.total") == "0"
    summary = supervisor.page(f"/reports?agency_id={region.county}&year=2025&summary=true")
    assert "年度报告（汇总）" in summary
    assert cell(summary, "requests.received.total") == "1"
    department = supervisor.page(f"/reports?agency_id={region.education}&year=2025")
    assert cell(department, "requests.received.total") == "1"
    assert "汇总下级机关" not in department
