"""In a real browser: a clerk downloads a reply letter; an admin creates a clerk who then logs in.

Uses the demo server and the Chromium of tests/web/test_browser.py (same skip when Chromium is
missing). Screenshots of the pages go to /tmp for a person to look at.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest

from .test_browser import CHROMIUM, SCREENSHOTS, browser, server  # noqa: F401  (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium (apt-get install chromium)"),
]


def watched_page(browser: object) -> tuple[object, object, list[str]]:  # noqa: F811
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900},  # type: ignore[attr-defined]
                                  locale="zh-CN")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return context, page, problems


def sign_in(page: object, server: str, username: str, password: str) -> None:  # noqa: F811
    page.goto(f"{server}/login")  # type: ignore[attr-defined]
    page.fill("#f-username", username)  # type: ignore[attr-defined]
    page.fill("#f-password", password)  # type: ignore[attr-defined]
    page.click("button:has-text('登录')")  # type: ignore[attr-defined]
    page.wait_for_url(f"{server}/")  # type: ignore[attr-defined]


def test_a_clerk_downloads_the_reply_letter(server: str, browser: object, tmp_path: Path) -> None:  # noqa: F811
    context, page, problems = watched_page(browser)
    sign_in(page, server, "jyj", "gongkai-demo")
    page.click("text=登记新申请")  # type: ignore[attr-defined]
    page.fill("#f-applicant_name", "文书测试申请人")  # type: ignore[attr-defined]
    page.fill("#f-content", "申请公开本局2024年度部门预算执行情况")  # type: ignore[attr-defined]
    page.click("button:has-text('登记')")  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"/requests/\d+$"))  # type: ignore[attr-defined]
    page.select_option("#f-outcome", "unavailable_not_held")  # type: ignore[attr-defined]
    page.click("button:has-text('保存决定')")  # type: ignore[attr-defined]
    page.wait_for_selector(".flash.ok")  # type: ignore[attr-defined]
    button = page.locator("#letters a:has-text('答复书')")  # type: ignore[attr-defined]
    button.wait_for()
    assert "法律依据：条例第三十六条第（四）项" in page.locator("#letters").inner_text()  # type: ignore[attr-defined]
    page.screenshot(path=str(SCREENSHOTS / "gongkai-letters.png"), full_page=True)  # type: ignore[attr-defined]
    with page.expect_download() as info:  # type: ignore[attr-defined]
        button.click()
    download = info.value
    assert download.suggested_filename.endswith("-申请答复书.docx")
    target = tmp_path / "reply.docx"
    download.save_as(target)
    text = [p.text for p in docx.Document(io.BytesIO(target.read_bytes())).paragraphs if p.text]
    assert text[0] == "政府信息公开申请答复书" and text[2] == "文书测试申请人："
    assert any("第三十六条第（四）项" in line for line in text)
    assert text[-2] == "示范县教育局"
    page.wait_for_selector("#letter-status:has-text('已生成')")  # type: ignore[attr-defined]
    assert problems == [], problems
    context.close()  # type: ignore[attr-defined]


def test_an_admin_creates_a_clerk_who_logs_in(server: str, browser: object) -> None:  # noqa: F811
    context, page, problems = watched_page(browser)
    sign_in(page, server, "admin", "gongkai-demo")
    page.click("nav >> text=系统管理")  # type: ignore[attr-defined]
    page.wait_for_url(f"{server}/admin/users")  # type: ignore[attr-defined]
    page.fill("#f-username", "new_jyj")  # type: ignore[attr-defined]
    page.fill("#f-display_name", "新来的经办人")  # type: ignore[attr-defined]
    page.select_option("#f-role", "clerk")  # type: ignore[attr-defined]
    page.select_option("#f-agency_id", label="　示范县教育局")  # type: ignore[attr-defined]
    page.fill("#f-password", "first-login-2025")  # type: ignore[attr-defined]
    page.click("button:has-text('创建用户')")  # type: ignore[attr-defined]
    page.wait_for_selector(".flash.ok")  # type: ignore[attr-defined]
    assert "已创建用户 new_jyj（经办人）" in page.locator(".flash.ok").inner_text()  # type: ignore[attr-defined]
    page.screenshot(path=str(SCREENSHOTS / "gongkai-admin-users.png"), full_page=True)  # type: ignore[attr-defined]
    assert problems == [], problems
    context.close()  # type: ignore[attr-defined]

    context, page, problems = watched_page(browser)
    sign_in(page, server, "new_jyj", "first-login-2025")
    assert "新来的经办人（经办人 · 示范县教育局）" in page.locator("header .who").inner_text()  # type: ignore[attr-defined]
    assert problems == [], problems
    response = page.goto(f"{server}/admin/users")  # type: ignore[attr-defined]
    assert response.status == 404  # a clerk has no admin pages
    context.close()  # type: ignore[attr-defined]
