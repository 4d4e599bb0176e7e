"""What a new user ran into (issue 9 item 5), each pinned: blank filters, the audit panel after a save,
placeholders, the 成文日期, absurd figures, foreign agency ids, appeals by 登记编号, rule names in words."""

from __future__ import annotations

import io
import re

import docx
import pytest

from .conftest import Browser, Region


@pytest.mark.parametrize("path", ["/appeals?year=", "/figures?year=", "/figures?year=&agency_id=", "/reports?year=", "/reports?year=&agency_id=",
                                  "/requests?year="])
def test_a_blank_year_filter_means_all_or_the_default(clerk_a: Browser, path: str) -> None:
    response = clerk_a.get(path)
    assert response.status_code == 200, response.text[:300]


def narrative(client: Browser, region: Region, **fields: str):  # type: ignore[no-untyped-def]
    data = {"agency_id": str(region.education), "year": "2024", **fields}
    return client.post("/reports/narrative", data=data, headers={"X-CSRF-Token": client.csrf, "HX-Request": "true"})


def audit_of(html: str) -> str:
    start = html.index('id="audit"')
    return html[start:html.index("</section>", start)]


PLACEHOLDER = "第五部分留有模板占位文字“请填写”"


def test_saving_the_narrative_refreshes_the_audit_panel_and_the_badges(clerk_a: Browser, region: Region) -> None:
    page = clerk_a.page("/reports?year=2024")
    # The generated section 五 is a placeholder for the clerk to replace; the audit says so.
    assert PLACEHOLDER in audit_of(page)
    assert re.search(r'title="规则 content\.required · section\.5">必备内容</strong>', audit_of(page))
    assert '<span id="badge-s5" class="badge provisional">自动生成</span>' in page
    response = narrative(clerk_a, region, section_5="一是培训不足，已组织两次专题培训；二是答复文书不规范，已统一模板。")
    assert response.status_code == 200
    html = response.text
    assert html.startswith('<span class="badge ok">已保存年度报告正文（1 个部分有修改）</span>')
    assert '<section class="panel" id="audit" aria-labelledby="h-audit" hx-swap-oob="true">' in html
    assert PLACEHOLDER not in audit_of(html)
    assert '<span id="badge-s5" hx-swap-oob="true" class="badge status">已编辑</span>' in html
    again = narrative(clerk_a, region, section_5="请填写存在的主要问题及改进情况。此处填写具体措施。")
    assert PLACEHOLDER in audit_of(again.text)


def test_the_published_date_resolves_the_warning_and_ends_the_export(clerk_a: Browser, region: Region) -> None:
    page = clerk_a.page("/reports?year=2024")
    assert "落款无成文日期" in page
    assert 'id="f-published_on" name="published_on" value=""' in page
    bad = narrative(clerk_a, region, published_on="2024-12-30")
    assert "未保存：成文日期 2024-12-30 不晚于 2024 年底" in bad.text
    ok = narrative(clerk_a, region, published_on="2025-01-20")
    assert "成文日期已更新" in ok.text and "落款无成文日期" not in ok.text
    page = clerk_a.page("/reports?year=2024")
    assert 'value="2025-01-20"' in page and "落款无成文日期" not in page
    exported = clerk_a.get(f"/reports/export?format=docx&agency_id={region.education}&year=2024")
    assert exported.status_code == 200
    lines = [p.text for p in docx.Document(io.BytesIO(exported.content)).paragraphs if p.text.strip()]
    assert lines[-2:] == ["示范县教育局", "2025年1月20日"]
    cleared = narrative(clerk_a, region, published_on="")
    assert "成文日期已更新" in cleared.text and "落款无成文日期" in cleared.text


@pytest.mark.parametrize(("key", "raw", "message"), [
    ("active.licensing.decisions", "1000000001", "过大（超过 10 亿）"),
    ("active.fees.amount", "1.23456", "最多保留 4 位小数"),
    ("active.fees.amount", "9999999999", "过大"),
])
def test_figures_refuse_absurd_numbers(clerk_a: Browser, key: str, raw: str, message: str) -> None:
    clerk_a.page("/figures?year=2024")
    response = clerk_a.submit("/figures", {"year": "2024", key: raw})
    assert response.status_code == 400 and message in response.text


def test_fee_amounts_are_kept_exact(clerk_a: Browser) -> None:
    clerk_a.page("/figures?year=2024")
    response = clerk_a.submit("/figures", {"year": "2024", "active.fees.amount": "123456789.1234"})
    assert response.status_code == 303
    assert 'value="123456789.1234"' in clerk_a.page("/figures?year=2024")


@pytest.mark.parametrize(("path", "fields"), [
    ("/reports/narrative", {"year": "2024", "section_5": "改写"}),
    ("/figures", {"year": "2024", "active.licensing.decisions": "5"}),
    ("/appeals", {"kind": "review", "filed_on": "2025-06-01", "result": "pending"}),
])
def test_a_foreign_agency_id_in_a_form_is_refused(clerk_a: Browser, region: Region, path: str,
                                                  fields: dict[str, str]) -> None:
    clerk_a.page("/")
    response = clerk_a.submit(path, {"agency_id": str(region.other_education), **fields})
    assert response.status_code == 403
    assert "无权修改所选机关的数据" in response.text


def test_appeals_are_linked_by_the_visible_number_and_listed_on_the_request(clerk_a: Browser, register) -> None:  # type: ignore[no-untyped-def]
    rid = register(clerk_a, received_on="2025-06-02")
    form = clerk_a.page("/appeals?request=2025-0001")
    assert 'id="f-request_number" name="request_number" value="2025-0001"' in form
    missing = clerk_a.submit("/appeals", {"kind": "review", "filed_on": "2025-06-12", "result": "pending",
                                          "request_number": "2025-0099"})
    assert missing.status_code == 400 and "所选机关没有登记编号为 2025-0099 的申请" in missing.text
    done = clerk_a.submit("/appeals", {"kind": "review", "filed_on": "2025-06-12", "result": "pending",
                                       "request_number": "2025-0001"})
    assert done.status_code == 303, done.text[-2000:]
    assert f'<a href="/requests/{rid}">2025-0001</a>' in clerk_a.page("/appeals")
    panel = clerk_a.page(f"/requests/{rid}/casefile")
    assert "2025-06-12 行政复议 · 尚未审结" in panel


def test_findings_name_rules_and_places_in_words(clerk_a: Browser) -> None:
    page = clerk_a.page("/reports?year=2024")
    audit = page[page.index('id="audit"'):page.index("</section>", page.index('id="audit"'))]
    assert '>成文日期</strong><br>落款无成文日期' in audit  # the place is not repeated when it is the name
    assert '>必备内容</strong> <span class="muted small">第五部分</span>' in audit
    assert "<code" not in audit and "published_on</span>" not in audit


def test_the_correction_hint_goes_once_a_notice_is_sent_and_warns_when_late(clerk_a: Browser, register) -> None:  # type: ignore[no-untyped-def]
    rid = register(clerk_a, received_on="2025-06-10")
    assert "如需补正，补正通知最迟于 2025-06-19（周四） 发出" not in clerk_a.page(f"/requests/{rid}")
    assert "如需补正，补正通知最迟于 2025-06-19 发出。" in clerk_a.page(f"/requests/{rid}")
    clerk_a.submit(f"/requests/{rid}/events", {"kind": "correction_notice", "on": "2025-06-11"})
    clerk_a.submit(f"/requests/{rid}/events", {"kind": "correction_received", "on": "2025-06-13"})
    page = clerk_a.page(f"/requests/{rid}")
    assert "补正通知最迟" not in page and "补正通知期限" not in page  # stale once the 补正 happened
    old = register(clerk_a, received_on="2025-06-02", applicant_name="赵六")
    assert "补正通知期限（2025-06-11）已过" in clerk_a.page(f"/requests/{old}")


def test_a_supervisor_sees_the_request_number_with_its_agency(clerk_a: Browser, supervisor: Browser, register) -> None:  # type: ignore[no-untyped-def]
    rid = register(clerk_a)
    assert "<h1>申请 2025-0001 " in clerk_a.page(f"/requests/{rid}")  # a clerk has one agency
    page = supervisor.page(f"/requests/{rid}")
    assert '<h1><span class="muted">示范县教育局</span> 申请 2025-0001 ' in page
    assert "<title>示范县教育局 申请 2025-0001 · gongkai</title>" in page
