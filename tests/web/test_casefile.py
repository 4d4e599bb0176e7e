"""A request's case file through the pages: letters as DOCX, attachments kept private, linked appeals."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from fastapi import FastAPI

from gongkai.ledger.letters import OUTCOME_BASIS
from gongkai.ledger.models import Outcome
from gongkai.settings import Settings
from gongkai.web import create_app

from .conftest import TODAY, Browser, Region

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def app(database_url: str, region: Region, tmp_path: Path) -> FastAPI:
    settings = Settings(database_url=database_url, secret_key="test-secret-key-0123456789abcdef",
                        attachments_dir=str(tmp_path / "files"))
    return create_app(settings=settings, today=lambda: TODAY)


def paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.text]


def decide(client: Browser, rid: int, outcome: str, on: str = "2025-06-12") -> None:
    client.page(f"/requests/{rid}")
    response = client.submit(f"/requests/{rid}/decision", {"outcome": outcome, "on": on})
    assert response.status_code == 303, response.text[:1000]


def test_reply_letter_is_official_and_cites_the_outcome_rows_article(clerk_a: Browser, register) -> None:  # type: ignore[no-untyped-def]
    rid = register(clerk_a, received_on="2025-06-10")
    decide(clerk_a, rid, "withheld_process")
    panel = clerk_a.page(f"/requests/{rid}/casefile")
    assert "下载政府信息公开申请答复书" in panel and "法律依据：条例第十六条第二款" in panel
    response = clerk_a.get(f"/requests/{rid}/letters/reply")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "filename*=UTF-8''2025-0001-" in response.headers["content-disposition"]
    text = paragraphs(response.content)
    assert text[0] == "政府信息公开申请答复书"
    assert text[1] == "〔2025〕公开答字第2025-0001号"
    assert text[2] == "张三："
    assert text[3].startswith("本机关于2025年6月10日收到您提出的政府信息公开申请（登记编号：2025-0001），"
                              "申请获取“申请公开2024年学校食堂招标文件”。")
    assert "根据《中华人民共和国政府信息公开条例》第十六条第二款的规定，本机关不予公开。" in text[4]
    assert "六十日内依法申请行政复议" in text[5]
    assert text[-2:] == ["示范县教育局", "2025年6月12日"]  # signed by the agency on the decision day
    doc = docx.Document(io.BytesIO(response.content))
    section = doc.sections[0]
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28  # GB/T 9704


@pytest.mark.parametrize("outcome", list(Outcome))
def test_every_outcome_row_has_its_reply(outcome: Outcome, clerk_a: Browser, register) -> None:  # type: ignore[no-untyped-def]
    rid = register(clerk_a, received_on="2025-06-10")
    if outcome is Outcome.OTHER_NO_CORRECTION:
        clerk_a.page(f"/requests/{rid}")
        assert clerk_a.submit(f"/requests/{rid}/events", {"kind": "correction_notice", "on": "2025-06-11"}).status_code == 303
    if outcome is Outcome.OTHER_NO_FEE:
        clerk_a.page(f"/requests/{rid}")
        assert clerk_a.submit(f"/requests/{rid}/events", {"kind": "fee_notice", "on": "2025-06-11"}).status_code == 303
    decide(clerk_a, rid, str(outcome))
    text = "\n".join(paragraphs(clerk_a.get(f"/requests/{rid}/letters/reply").content))
    article = OUTCOME_BASIS[outcome].article
    if article is None:
        assert "条例》第" not in text
    elif article == "__fee__":
        assert "根据《政府信息公开信息处理费管理办法》的规定" in text
    else:
        assert f"根据《中华人民共和国政府信息公开条例》{article}的规定" in text


def test_correction_and_extension_letters_are_filled_from_the_events(clerk_a: Browser, register) -> None:  # type: ignore[no-untyped-def]
    rid = register(clerk_a, received_on="2025-06-10")
    clerk_a.page(f"/requests/{rid}")
    assert "延期答复告知书" not in clerk_a.page(f"/requests/{rid}/casefile")
    refused = clerk_a.get(f"/requests/{rid}/letters/extension", follow_redirects=False)
    assert refused.status_code == 303
    assert "尚未登记延期" in clerk_a.page(f"/requests/{rid}")
    response = clerk_a.submit(f"/requests/{rid}/events", {"kind": "extension", "on": "2025-06-13", "days": "10",
                                                          "note": "所需信息涉及多个科室"})
    assert response.status_code == 303, response.text[:500]
    text = paragraphs(clerk_a.get(f"/requests/{rid}/letters/extension").content)
    assert text[0] == "政府信息公开申请延期答复告知书"
    assert ("因所需信息涉及多个科室，本机关不能在规定期限内作出答复。经政府信息公开工作机构负责人同意，根据《中华人民共和国"
            "政府信息公开条例》第三十三条第二款的规定，答复期限延长10个工作日，本机关将于2025年7月22日前作出答复。") in text
    assert text[-1] == "2025年6月13日"
    correction = paragraphs(clerk_a.get(f"/requests/{rid}/letters/correction").content)
    assert correction[0] == "政府信息公开申请补正告知书"
    assert any("自收到本告知书之日起________内对申请作出补正" in p for p in correction)  # no notice yet: a blank
    consult = paragraphs(clerk_a.get(f"/requests/{rid}/letters/consultation", params={"to": "某某有限公司"}).content)
    assert consult[2] == "某某有限公司："
    assert "张三" not in "".join(consult)  # the applicant's name is not given to the third party
    assert any("15个工作日内提出书面意见" in p for p in consult)


def test_letters_of_another_agency_are_not_found(clerk_a: Browser, clerk_b: Browser, register) -> None:  # type: ignore[no-untyped-def]
    rid = register(clerk_a)
    assert clerk_b.get(f"/requests/{rid}/letters/correction").status_code == 404
    assert clerk_b.get(f"/requests/{rid}/casefile").status_code == 404
    assert clerk_a.get(f"/requests/{rid}/letters/nonsense").status_code in (400, 404)


def upload(client: Browser, rid: int, name: str, data: bytes, kind: str = "application"):  # type: ignore[no-untyped-def]
    client.page(f"/requests/{rid}")
    return client.post(f"/requests/{rid}/attachments", data={"csrf_token": client.csrf, "kind": kind},
                       files={"file": (name, data, "application/octet-stream")}, follow_redirects=False)


def test_attachments_are_kept_outside_the_web_root_and_served_only_in_scope(
        clerk_a: Browser, clerk_b: Browser, supervisor: Browser, register, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rid = register(clerk_a)
    assert upload(clerk_a, rid, "申请表.png", PNG).status_code == 303
    assert "已保存附件 申请表.png" in clerk_a.page(f"/requests/{rid}")
    panel = clerk_a.page(f"/requests/{rid}/casefile")
    link = re.search(r'href="/attachments/(\d+)">申请表.png<', panel)
    assert link, panel
    stored = [p for p in (tmp_path / "files").rglob("*") if p.is_file()]
    assert len(stored) == 1 and stored[0].read_bytes() == PNG and "申请表" not in stored[0].name
    got = clerk_a.get(f"/attachments/{link.group(1)}")
    assert got.status_code == 200 and got.content == PNG
    assert got.headers["content-disposition"].startswith("attachment;")
    assert got.headers["content-type"] == "image/png"
    assert supervisor.get(f"/attachments/{link.group(1)}").status_code == 200  # the region's supervisor
    assert clerk_b.get(f"/attachments/{link.group(1)}").status_code == 404  # another agency's clerk
    assert clerk_a.get(f"/static/../{stored[0].name}").status_code == 404


@pytest.mark.parametrize(("name", "data", "message"), [
    ("virus.exe", b"MZ\x90\x00", "不支持的文件类型“.exe”"),
    ("scan.pdf", b"MZ\x90\x00" * 10, "scan.pdf 的内容不是.pdf文件（扩展名与内容不符）"),
    ("empty.pdf", b"", "empty.pdf 是空文件"),
    ("big.pdf", PDF + b"0" * (20 * 1024 * 1024), "big.pdf 超过 20 MB"),
])
def test_bad_attachments_are_refused_with_a_sentence(clerk_a: Browser, register, name: str, data: bytes,
                                                     message: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rid = register(clerk_a)
    response = upload(clerk_a, rid, name, data)
    assert response.status_code in (303, 413)
    if response.status_code == 303:
        assert message in clerk_a.page(f"/requests/{rid}")
    assert not (tmp_path / "files").exists() or not any(p.is_file() for p in (tmp_path / "files").rglob("*"))


def test_deleting_an_attachment_removes_the_file_and_is_audited(clerk_a: Browser, clerk_b: Browser, register,
                                                               tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rid = register(clerk_a)
    assert upload(clerk_a, rid, "回执.pdf", PDF, kind="receipt").status_code == 303
    aid = re.search(r'href="/attachments/(\d+)"', clerk_a.page(f"/requests/{rid}/casefile")).group(1)  # type: ignore[union-attr]
    clerk_b.page("/")
    assert clerk_b.submit(f"/attachments/{aid}/delete").status_code == 404
    clerk_a.page(f"/requests/{rid}")
    assert clerk_a.submit(f"/attachments/{aid}/delete").status_code == 303
    assert not any(p.is_file() for p in (tmp_path / "files").rglob("*"))
    assert clerk_a.get(f"/attachments/{aid}").status_code == 404


def test_a_likely_double_registration_is_pointed_out(clerk_a: Browser, clerk_b: Browser, register) -> None:  # type: ignore[no-untyped-def]
    first = register(clerk_a, received_on="2025-06-10")
    second = register(clerk_a, received_on="2025-06-12", content=" 申请公开2024年学校食堂招标文件 ")
    other = register(clerk_a, received_on="2025-06-12", applicant_name="李四", content="别的事项")
    panel = clerk_a.page(f"/requests/{second}/casefile")
    assert f'可能重复登记：<a href="/requests/{first}">2025-0001</a>（同一申请人，申请内容相同，收到日期 2025-06-10）' in panel
    assert "请注意" not in clerk_a.page(f"/requests/{other}/casefile")
    same_day = register(clerk_a, received_on="2025-06-12", applicant_name="李四", content="第三件事")
    assert "同日收到" in clerk_a.page(f"/requests/{same_day}/casefile")
    theirs = register(clerk_b, received_on="2025-06-10")  # the same person at another agency is no duplicate
    assert "可能重复登记" not in clerk_b.page(f"/requests/{theirs}/casefile")


def test_a_late_correction_notice_is_warned(clerk_a: Browser, register) -> None:  # type: ignore[no-untyped-def]
    on_time = register(clerk_a, received_on="2025-06-03")
    clerk_a.page(f"/requests/{on_time}")
    assert clerk_a.submit(f"/requests/{on_time}/events", {"kind": "correction_notice", "on": "2025-06-12"}).status_code == 303
    assert "晚于条例第三十条" not in clerk_a.page(f"/requests/{on_time}/casefile")  # 7th working day: 2025-06-12
    late = register(clerk_a, received_on="2025-06-03", applicant_name="王五")
    clerk_a.page(f"/requests/{late}")
    assert clerk_a.submit(f"/requests/{late}/events", {"kind": "correction_notice", "on": "2025-06-13"}).status_code == 303
    assert ("补正通知于 2025-06-13 发出，晚于条例第三十条规定的期限（收到申请后 7 个工作日内，最迟 2025-06-12）"
            in clerk_a.page(f"/requests/{late}/casefile"))
