"""Text hygiene end to end: a Word soft line break (U+000B) or any other control character pasted
into a form, the API or the narrative is cleaned before it is stored; every export still works; a
failing export says so in Chinese on the page; Markdown shows HTML as text."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from docx import Document
from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import etree
from sqlalchemy import select

from gongkai.ledger import ReportNarrative, Request
from gongkai.model.text import clean_text

from .conftest import PASSWORD, Browser, Region

PASTED = "一是加强培训；\x0b二是规范文书。\x00\x07\ufffe"  # soft line break, NUL, bell, non-character


def _db(app: FastAPI):  # type: ignore[no-untyped-def]
    return app.state.session_factory()


def _save_narrative(client: Browser, region: Region, text: str) -> None:
    client.page(f"/reports?agency_id={region.education}&year=2025")
    response = client.submit("/reports/narrative", {"agency_id": str(region.education), "year": "2025",
                                                   "section_5": text})
    assert response.status_code == 303


def test_pasted_controls_are_cleaned_before_storing_and_docx_exports(app: FastAPI, clerk_a: Browser,
                                                                     region: Region) -> None:
    _save_narrative(clerk_a, region, PASTED)
    with _db(app) as session:
        stored = session.scalars(select(ReportNarrative.text)).one()
    assert stored == "一是加强培训；\n二是规范文书。"
    response = clerk_a.get(f"/reports/export?agency_id={region.education}&year=2025&format=docx")
    assert response.status_code == 200, response.text[:300]
    body = zipfile.ZipFile(io.BytesIO(response.content)).read("word/document.xml")
    etree.fromstring(body)  # well-formed XML
    texts = [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
    assert "二是规范文书。" in texts


def test_pdf_export_after_a_pasted_soft_line_break(app: FastAPI, clerk_a: Browser, region: Region) -> None:
    _save_narrative(clerk_a, region, PASTED)
    response = clerk_a.get(f"/reports/export?agency_id={region.education}&year=2025&format=pdf")
    assert response.status_code == 200, response.text[:300]
    assert response.content.startswith(b"%PDF")


def test_forms_and_api_clean_every_text_field(app: FastAPI, clerk_a: Browser, register, region: Region) -> None:  # type: ignore[no-untyped-def]
    rid = register(clerk_a, applicant_name="张\x0b三\x1f", content="申请\x00公开\r\n预算")
    with TestClient(app) as api:
        token = api.post("/api/v1/token", json={"username": "clerk_a", "password": PASSWORD}).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        fields = {"agency_id": region.education, "received_on": "2025-06-10", "channel": "online",
                  "applicant_type": "natural_person", "applicant_name": "李四\u0008", "content": "内容\u001b"}
        made = api.post("/api/v1/requests", content=json.dumps(fields), headers=auth)
        assert made.status_code == 201, made.text
        # a lone surrogate (ASCII JSON carries it as the escape "\\ud800") is refused, naming the field
        refused = api.post("/api/v1/requests", content=json.dumps(fields | {"content": "内容\ud800"}), headers=auth)
        assert refused.status_code == 422 and refused.json()["errors"][0]["loc"] == ["body", "content"]
    with _db(app) as session:
        rows = {r.id: (r.applicant_name, r.content) for r in session.scalars(select(Request))}
    assert rows[rid] == ("张\n三", "申请公开\n预算")
    assert rows[made.json()["id"]] == ("李四", "内容")


def test_markdown_export_shows_html_as_text(clerk_a: Browser, region: Region) -> None:
    _save_narrative(clerk_a, region, "<script>alert(1)</script> & <b>粗体</b>")
    response = clerk_a.get(f"/reports/export?agency_id={region.education}&year=2025&format=md")
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;粗体&lt;/b&gt;" in text
    assert "<script>" not in text


def test_a_failing_export_says_so_in_chinese_on_the_page(clerk_a: Browser, region: Region,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:
        extension, media_type = ".docx", "application/octet-stream"

        def write(self, report: object) -> bytes:
            raise ValueError("All strings must be XML compatible")

    monkeypatch.setattr("gongkai.web.routers.reports.get_writer", lambda name: Broken())
    response = clerk_a.get(f"/reports/export?agency_id={region.education}&year=2025&format=docx",
                           follow_redirects=False)
    assert response.status_code == 303
    page = clerk_a.page(response.headers["location"])
    assert "导出 DOCX 失败：生成文件时出错，已记录在服务器日志中。请稍后重试，或改用其他格式导出。" in page


@pytest.mark.parametrize("text", ["\x0b", "a\x00b", "\ud800", "\r\n", "\x1f\ufffe\uffff", "正常文字\t缩进\n换行"])
def test_clean_text_leaves_only_what_xml_accepts(text: str) -> None:
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
    etree.fromstring(f"<p>{cleaned}</p>".encode("utf-8", "surrogatepass"))
