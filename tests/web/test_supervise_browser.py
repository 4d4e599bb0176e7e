"""A supervision season in a real browser: Debian chromium, Playwright, the real `gongkai serve`.

The supervisor uploads a zip of the shipped sample reports, sends one back with a comment; its
clerk sees the comment, uploads a corrected version; the supervisor dismisses the one remaining
finding with a reason, accepts, edits the 通报 and downloads it. Screenshots of every page go to
/tmp/shots/supervise-*.png.
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
from pathlib import Path

import httpx
import pytest

from gongkai.ledger import AgencyKind, Role, create_agency, create_user, init_db

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = Path("/tmp/shots")
SAMPLES = Path(__file__).resolve().parents[2] / "src" / "gongkai" / "sample_reports"
PASSWORD = "season-password-1"
TOWNS = ("繁峙县平型关镇人民政府", "白家庄镇人民政府", "偃师区缙氏镇人民政府", "宁武县涇山乡人民政府", "平潭综合实验区")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium (apt-get install chromium)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("season")
    url = f"sqlite:///{tmp / 'season.sqlite3'}"
    factory = init_db(url)
    with factory() as session:
        root = create_agency(session=session, name="示范市人民政府", kind=AgencyKind.GOVERNMENT, level="市级")
        ids = {name: create_agency(session=session, name=name, kind=AgencyKind.TOWNSHIP if "镇" in name or "乡" in name
                                   else AgencyKind.OTHER, parent_id=root.id).id for name in TOWNS}
        create_user(session=session, username="jdr", password=PASSWORD, role=Role.SUPERVISOR, agency_id=root.id,
                    display_name="市政务公开办")
        create_user(session=session, username="bjz", password=PASSWORD, role=Role.CLERK,
                    agency_id=ids["白家庄镇人民政府"], display_name="白家庄镇经办人")
        session.commit()
    factory.kw["bind"].dispose()
    port = _free_port()
    env = {**os.environ, "GONGKAI_SECRET_KEY": "season-secret-key-0123456789abcdef"}
    log = (tmp / "server.log").open("w")
    process = subprocess.Popen([sys.executable, "-c", "from gongkai.cli.main import main; main()", "serve",
                                "--db", url, "--host", "127.0.0.1", "--port", str(port)],
                               stdout=log, stderr=subprocess.STDOUT, env=env, cwd=tmp)
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


def _samples_zip(path: Path) -> Path:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for sample in sorted(SAMPLES.iterdir()):
            if sample.is_file() and not sample.name.startswith(("_", ".")):
                z.write(sample, f"2023年度报告/{sample.name}")
    path.write_bytes(out.getvalue())
    return path


def _login(page: object, server: str, username: str) -> None:
    page.goto(f"{server}/login")  # type: ignore[attr-defined]
    page.fill("#f-username", username)  # type: ignore[attr-defined]
    page.fill("#f-password", PASSWORD)  # type: ignore[attr-defined]
    page.click("button:has-text('登录')")  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"/$"))  # type: ignore[attr-defined]


def _shot(page: object, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"supervise-{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_a_supervision_season_in_the_browser(server: str, browser: object, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900},  # type: ignore[attr-defined]
                                  locale="zh-CN")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    # the supervisor collects the region's reports from one zip
    _login(page, server, "jdr")
    page.click("nav >> text=报告审查")
    page.goto(f"{server}/supervise/collect?year=2023")
    page.set_input_files("#f-files", str(_samples_zip(tmp_path / "reports.zip")))
    page.click("button:has-text('上传并核查')")
    result = page.locator("#batch-result")
    expect(result).to_contain_text("新提交 5 份")
    expect(result).to_contain_text("报告年度为 2024 年，不是本次审查的 2023 年")
    _shot(page, "collect")

    page.goto(f"{server}/supervise?year=2023")
    expect(page.locator("#progress-submitted")).to_have_text("5/6")
    _shot(page, "board")

    # drill down from a finding to the original, then send the report back
    page.click("#board >> text=白家庄镇人民政府")
    expect(page.locator("h1")).to_contain_text("白家庄镇人民政府 · 2023年度报告")
    period = page.locator("#findings tr", has_text="dates.period")
    period.locator("a:has-text('原文')").click()
    expect(page.locator("#source mark")).to_have_count(1)
    expect(page.locator("#source")).to_contain_text("统计期限")
    _shot(page, "finding")
    page.fill("#f-comment", "统计期限应为2023年1月1日至12月31日，成文日期有误，请改正后重新提交")
    page.fill("#f-due", "2024-02-20")
    page.click("button:has-text('退回修改')")
    expect(page.locator(".flash.ok")).to_contain_text("已退回 白家庄镇人民政府 修改")
    expect(page.locator("h1 .badge")).to_have_text("退回修改")
    context.clear_cookies()

    # the clerk sees it on the dashboard and uploads a corrected version
    _login(page, server, "bjz")
    notice = page.locator("#report-notice")
    expect(notice).to_contain_text("统计期限应为2023年1月1日至12月31日")
    expect(notice).to_contain_text("2024-02-20")
    _shot(page, "clerk-dashboard")
    notice.locator("a:has-text('查看和报送')").click()
    expect(page.locator("#returned")).to_contain_text("成文日期有误")
    corrected = (SAMPLES / "001_9e58b98aa5ba2831.txt").read_text("utf-8")
    corrected = corrected.replace("12月29日", "12月31日").replace("2023年12月25日", "2024年1月25日")
    fixed = tmp_path / "白家庄镇2023年报告（更正）.txt"
    fixed.write_text(corrected, "utf-8")
    page.set_input_files("#f-file", str(fixed))
    page.click("button:has-text('上传')")
    expect(page.locator(".flash.ok")).to_contain_text("（第 2 版）")
    expect(page.locator("#my-state")).to_have_text("已提交")
    _shot(page, "clerk-report")
    context.clear_cookies()

    # the supervisor dismisses the one remaining error with a reason, and accepts
    _login(page, server, "jdr")
    page.goto(f"{server}/supervise?year=2023")
    page.click("#board >> text=白家庄镇人民政府")
    expect(page.locator("dl.facts")).to_contain_text("第 2 版")
    expect(page.locator("#actions")).to_contain_text("最新版尚有 1 个错误未处理")
    row = page.locator("#findings tr", has_text="template.version")
    row.locator("input[name=reason]").fill("本市通知允许2023年度沿用2019年格式")
    row.locator("button:has-text('不属问题')").click()
    expect(page.locator(".flash.ok")).to_contain_text("不属问题")
    page.click("button:has-text('审查通过')")
    expect(page.locator(".flash.ok")).to_contain_text("已审查通过")
    expect(page.locator("h1 .badge")).to_have_text("已通过")
    expect(page.locator("#events")).to_contain_text("退回修改 → 已提交")
    _shot(page, "accepted")

    for name in ("totals", "copied", "scores", "registry", "pending"):
        page.goto(f"{server}/supervise/{name}?year=2023")
        expect(page.locator("nav.tabs a.on")).to_have_count(1)
        _shot(page, name)

    # the 通报: edit the generated text, save, download both files
    page.goto(f"{server}/supervise/bulletin?year=2023")
    body = page.locator("#f-body")
    expect(body).to_contain_text("一、总体情况")
    body.fill(body.input_value() + "\n请各单位于3月1日前完成整改。")
    page.click("button:has-text('保存正文')")
    expect(page.locator(".flash.ok")).to_contain_text("已保存通报正文")
    expect(page.locator("#f-body")).to_contain_text("请各单位于3月1日前完成整改。")
    _shot(page, "bulletin")
    with page.expect_download() as docx:
        page.click("#download-docx")
    docx_path = tmp_path / "通报.docx"
    docx.value.save_as(docx_path)
    with page.expect_download() as xlsx:
        page.click("#download-xlsx")
    xlsx_path = tmp_path / "通报.xlsx"
    xlsx.value.save_as(xlsx_path)
    from docx import Document
    from openpyxl import load_workbook

    text = "\n".join(p.text for p in Document(str(docx_path)).paragraphs)
    assert "关于示范市人民政府2023年度政府信息公开工作年度报告检查情况的通报" in text
    assert "请各单位于3月1日前完成整改。" in text
    names = [r[0] for r in load_workbook(xlsx_path).worksheets[0].iter_rows(values_only=True)]
    assert set(TOWNS) <= set(names)
    assert problems == []
