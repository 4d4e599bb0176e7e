"""In a real browser: a clerk withdraws last year's wrong decision and records the right one on its
real date (last year's table changes, this year's does not); a Word soft line break pasted into the
narrative still exports to Word and PDF. Screenshots go to /tmp/shots for a person to look at."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest

from .test_browser import CHROMIUM, browser, server  # noqa: F401  (fixtures)

SHOTS = Path("/tmp/shots")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium (apt-get install chromium)"),
]


def _page(browser: object, server: str) -> tuple[object, object, list[str]]:  # noqa: F811
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900},  # type: ignore[attr-defined]
                                  locale="zh-CN")
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 500 else None)
    page.goto(f"{server}/login")
    page.fill("#f-username", "jyj")
    page.fill("#f-password", "gongkai-demo")
    page.click("button:has-text('登录')")
    page.wait_for_url(f"{server}/")
    SHOTS.mkdir(exist_ok=True)
    return context, page, problems


def _cell(page: object, key: str) -> int:
    return int(page.locator(f'td[data-key="{key}"]').inner_text().strip() or 0)  # type: ignore[attr-defined]


def test_withdraw_and_redecide_on_the_real_date(server: str, browser: object) -> None:  # noqa: F811
    context, page, problems = _page(browser, server)
    last = date.today().year - 1
    page.goto(f"{server}/reports?year={last}")
    granted, partial = _cell(page, "requests.granted.enterprise"), _cell(page, "requests.partial.enterprise")
    page.goto(f"{server}/reports?year={last + 1}")
    carried = _cell(page, "requests.carried_over.total")

    # last December: registered and (wrongly) decided as 予以公开
    page.goto(f"{server}/requests/new")
    page.fill("#f-received_on", f"{last}-12-01")
    page.fill("#f-applicant_name", "更正测试企业")
    page.select_option("#f-applicant_type", "enterprise")
    page.fill("#f-content", "申请公开2024年度校舍维修工程合同")
    page.click("button:has-text('登记')")
    page.wait_for_url(re.compile(r"/requests/\d+$"))
    request_url = page.url
    page.select_option("#f-outcome", "granted")
    page.fill("#decision input[name=on]", f"{last}-12-10")
    page.click("button:has-text('保存决定')")
    page.wait_for_selector(".flash.ok")

    # withdraw, with a confirmation that asks for the reason
    page.click("a:has-text('撤回决定')")
    page.wait_for_url(re.compile(r"/withdraw\?what=decision"))
    assert page.locator("button.danger").inner_text() == "确认撤回办理决定"
    page.screenshot(path=str(SHOTS / "withdraw-confirm.png"), full_page=True)
    page.click("button:has-text('确认撤回办理决定')")  # no reason: refused in words
    assert "请填写撤回决定的理由" in page.locator(".flash.error").inner_text()
    page.fill("#f-reason", "决定书为部分公开，录入有误")
    page.click("button:has-text('确认撤回办理决定')")
    page.wait_for_url(re.compile(r"/requests/\d+#decision"))
    assert "已撤回决定" in page.locator(".flash.ok").inner_text()

    # the corrected decision on its real date, last December
    page.select_option("#f-outcome", "partial")
    page.fill("#decision input[name=on]", f"{last}-12-10")
    page.click("button:has-text('保存决定')")
    page.wait_for_selector(".flash.ok")
    assert f"（{last}-12-10）" in page.locator(".flash.ok").inner_text()
    timeline = page.locator("#timeline").inner_text()
    assert "已撤回" in timeline and "决定书为部分公开，录入有误" in timeline
    assert page.locator("#timeline li.struck").count() == 1
    page.screenshot(path=str(SHOTS / "withdraw-redecided.png"), full_page=True)
    page.click("#timeline a:has-text('更正')")  # the live decision's correction page
    page.wait_for_url(re.compile(r"/requests/\d+/events/\d+$"))
    assert page.locator("#f-on").input_value() == f"{last}-12-10"
    page.screenshot(path=str(SHOTS / "event-correct.png"), full_page=True)

    page.goto(f"{server}/reports?year={last}")
    assert (_cell(page, "requests.granted.enterprise"), _cell(page, "requests.partial.enterprise")) == (
        granted, partial + 1)
    page.goto(f"{server}/reports?year={last + 1}")
    assert _cell(page, "requests.carried_over.total") == carried  # nothing moved into this year
    assert page.goto(request_url).status == 200  # type: ignore[attr-defined]
    assert problems == [], problems
    context.close()  # type: ignore[attr-defined]


def test_export_after_pasting_a_soft_line_break(server: str, browser: object, tmp_path: Path) -> None:  # noqa: F811
    context, page, problems = _page(browser, server)
    year = date.today().year - 1
    page.goto(f"{server}/reports?year={year}")
    # what Word puts on the clipboard for Shift+Enter: U+000B
    page.fill("#f-s5", "一是加强业务培训；\u000b二是规范答复文书。")
    page.click("button:has-text('保存正文')")
    page.wait_for_timeout(500)
    page.goto(f"{server}/reports?year={year}")
    assert page.locator("#f-s5").input_value() == "一是加强业务培训；\n二是规范答复文书。"
    for label, suffix in (("Word", ".docx"), ("PDF", ".pdf")):
        with page.expect_download(timeout=120_000) as info:
            page.click(f"#export a:has-text('{label}')")
        target = tmp_path / f"report{suffix}"
        info.value.save_as(target)
        data = target.read_bytes()
        if suffix == ".docx":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                assert "word/document.xml" in archive.namelist()
            texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
            assert "二是规范答复文书。" in texts
        else:
            assert data.startswith(b"%PDF")
    page.screenshot(path=str(SHOTS / "export-after-paste.png"), full_page=True)
    assert problems == [], problems
    context.close()  # type: ignore[attr-defined]
