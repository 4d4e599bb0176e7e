"""End to end in a real browser: Debian chromium driven by Playwright against `gongkai serve --demo`.

The server is the real command in a subprocess (uvicorn on 127.0.0.1, a free port, demo data in a
temporary SQLite file). Screenshots of the dashboard and the annual report page go to /tmp.
"""

from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path("/tmp")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium (apt-get install chromium)"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("e2e")
    port = free_port()
    env = {**os.environ, "GONGKAI_SECRET_KEY": "e2e-secret-key-0123456789abcdefghij"}
    log = (tmp / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-c", "from gongkai.cli.main import main; main()", "serve", "--demo",
         "--db", f"sqlite:///{tmp / 'demo.sqlite3'}", "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, env=env, cwd=tmp,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                pytest.fail(f"server exited: {(tmp / 'server.log').read_text()}")
            try:
                if httpx.get(f"{base}/login", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("server did not start within 120 s")
            time.sleep(0.3)
        banner = (tmp / "server.log").read_text()
        assert f"{base}/" in banner and "演示账号" in banner and "jyj" in banner
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def cell(page: object, key: str) -> int:
    return int(page.locator(f'td[data-key="{key}"]').inner_text().strip() or 0)  # type: ignore[attr-defined]


def test_a_clerks_day_in_the_browser(server: str, browser: object, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900},  # type: ignore[attr-defined]
                                  locale="zh-CN")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    year = date.today().year

    # log in as the 教育局 clerk
    page.goto(f"{server}/reports")
    assert "/login" in page.url
    page.fill("#f-username", "jyj")
    page.fill("#f-password", "gongkai-demo")
    page.click("button:has-text('登录')")
    page.wait_for_url(re.compile(r"/reports"))
    page.goto(f"{server}/")
    assert page.locator("h1").first.inner_text().startswith("工作台")
    assert page.locator("#open-requests tbody tr").count() >= 1
    page.screenshot(path=str(SCREENSHOTS / "gongkai-dashboard.png"), full_page=True)

    # the annual table before
    page.goto(f"{server}/reports?year={year}")
    granted_before = cell(page, "requests.granted.natural_person")
    received_before = cell(page, "requests.received.total")

    # register a request
    page.goto(f"{server}/")
    page.click("text=登记新申请")
    page.fill("#f-applicant_name", "端到端测试申请人")
    page.fill("#f-contact", "13900000000")
    page.fill("#f-content", "申请公开本县2025年义务教育学校招生划片方案")
    page.select_option("#f-applicant_type", "natural_person")
    page.click("button:has-text('登记')")
    page.wait_for_url(re.compile(r"/requests/\d+$"))
    assert "已登记申请" in page.locator(".flash.ok").inner_text()
    assert page.locator("#deadline ol.explain li").count() >= 3

    # record the decision
    page.select_option("#f-outcome", "granted")
    page.click("button:has-text('保存决定')")
    page.wait_for_selector(".flash.ok")
    assert "已保存办理决定" in page.locator(".flash.ok").inner_text()
    assert "已决定待答复" in page.locator("h1").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "gongkai-request.png"), full_page=True)

    # the annual table changed
    page.goto(f"{server}/reports?year={year}")
    assert cell(page, "requests.granted.natural_person") == granted_before + 1
    assert cell(page, "requests.received.total") == received_before + 1
    page.screenshot(path=str(SCREENSHOTS / "gongkai-report.png"), full_page=True)

    # export DOCX
    with page.expect_download() as info:
        page.click("#export a:has-text('Word')")
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    target = tmp_path / "report.docx"
    download.save_as(target)
    with zipfile.ZipFile(io.BytesIO(target.read_bytes())) as archive:
        assert "word/document.xml" in archive.namelist()
        assert "端到端" not in archive.read("word/document.xml").decode()  # applicants never reach the report

    # htmx: searching updates the list in place
    page.goto(f"{server}/requests")
    page.fill("#f-q", "招生划片")
    expect(page.locator("#results tbody tr")).to_have_count(1, timeout=10_000)
    assert "端到端测试申请人" in page.locator("#results").inner_text()
    assert "q=" in page.url  # hx-push-url keeps the search in the address bar

    assert problems == [], problems  # no CSP violations, no script errors
    context.close()


def login(browser: object, server: str, username: str) -> object:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{server}/login")
    page.fill("#f-username", username)
    page.fill("#f-password", "gongkai-demo")
    page.click("button:has-text('登录')")
    page.wait_for_url(f"{server}/")
    return page


def test_another_agencys_request_is_not_found_in_the_browser(server: str, browser: object) -> None:
    planning = login(browser, server, "fgj")  # 发展和改革局
    planning.goto(f"{server}/requests")  # type: ignore[attr-defined]
    href = planning.locator("#results a[href^='/requests/']").first.get_attribute("href")  # type: ignore[attr-defined]
    assert href and re.fullmatch(r"/requests/\d+", href)
    assert planning.goto(f"{server}{href}").status == 200  # type: ignore[attr-defined]
    education = login(browser, server, "jyj")  # 教育局
    response = education.goto(f"{server}{href}")  # type: ignore[attr-defined]
    assert response.status == 404
    assert "未找到该记录，或您无权查看" in education.content()  # type: ignore[attr-defined]
    county = login(browser, server, "county")  # the county supervisor sees the whole region
    assert county.goto(f"{server}{href}").status == 200  # type: ignore[attr-defined]
    county.goto(f"{server}/")  # type: ignore[attr-defined]
    county.screenshot(path=str(SCREENSHOTS / "gongkai-dashboard-county.png"), full_page=True)  # type: ignore[attr-defined]
