"""Supervision pages over HTTP: a season from zip upload to 通报, who may see what, stale pages get 409.

The region is the web fixtures' 示范县: the supervisor's zip holds a shipped sample rewritten as
示范县教育局's 2023 report (clerk_a's agency) plus samples of agencies outside the region.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.web.conftest import Browser, Region

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "gongkai" / "sample_reports"
ORIGINAL = (SAMPLES / "001_9e58b98aa5ba2831.txt").read_text("utf-8")
# 001 is 白家庄镇人民政府's; as 示范县教育局's it keeps its three errors (old template, period, date)
EDUCATION_V1 = ORIGINAL.replace("白家庄镇人民政府", "示范县教育局").replace("白家庄镇", "示范县教育局")
EDUCATION_V2 = EDUCATION_V1.replace("12月29日", "12月31日").replace("2023年12月25日", "2024年1月25日")


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


def _upload_zip(client: Browser, files: dict[str, bytes]) -> str:
    client.page("/supervise/collect?year=2023")
    response = client.post("/supervise/collect?year=2023", data={"csrf_token": client.csrf},
                           files=[("files", ("reports.zip", _zip(files), "application/zip"))])
    assert response.status_code == 200, response.text[:1000]
    return response.text


def _outcomes(html: str) -> dict[str, str]:
    rows = re.findall(r'<td class="small">reports\.zip!([^<]+)</td>\s*<td class="nowrap">([^<]+)</td>', html)
    return dict(rows)


def _submission_of(client: Browser, agency: str) -> int:
    html = client.page("/supervise?year=2023")
    found = re.search(r'/supervise/submissions/(\d+)">' + re.escape(agency) + "<", html)
    assert found, f"{agency} has no submission on the board"
    return int(found.group(1))


def _review_form(html: str, action: str) -> tuple[str, str]:
    found = re.search(r'action="(/supervise/reviews/\d+/' + action + r')".*?name="version" value="(\d+)"', html, re.S)
    assert found, f"no {action} form"
    return found.group(1), found.group(2)


@pytest.fixture
def season(supervisor: Browser) -> int:
    """The supervisor collected the zip; returns 示范县教育局's submission id."""
    html = _upload_zip(supervisor, {
        "教育局.txt": EDUCATION_V1.encode("utf-8"),
        "000_11de511653868c0f.txt": (SAMPLES / "000_11de511653868c0f.txt").read_bytes(),
        "huaian-city-2024.txt": (SAMPLES / "huaian-city-2024.txt").read_bytes(),
        "copy/教育局.txt": EDUCATION_V1.encode("utf-8"),
    })
    assert _outcomes(html) == {
        "教育局.txt": "已提交",
        "000_11de511653868c0f.txt": "未匹配",
        "huaian-city-2024.txt": "未匹配",
        "copy/教育局.txt": "重复，未另收",
    }
    assert "机关“繁峙县平型关镇人民政府”不在名录中" in html and "报告年度为 2024 年，不是本次审查的 2023 年" in html
    return _submission_of(supervisor, "示范县教育局")


def test_a_season_from_zip_to_bulletin(season: int, supervisor: Browser, clerk_a: Browser) -> None:
    board = supervisor.page("/supervise?year=2023")
    assert re.search(r'id="progress-submitted">1/3<', board)
    page = supervisor.page(f"/supervise/submissions/{season}")
    assert "2019年试行格式（旧）" in page and "错误 3" in page
    url, version = _review_form(page, "return")
    response = supervisor.submit(url, {"version": version, "comment": "统计期限和成文日期有误，请改正", "due_on": "2024-02-20"})
    assert response.status_code == 303

    dashboard = clerk_a.page("/")
    assert 'id="report-notice"' in dashboard and "退回修改" in dashboard
    assert "统计期限和成文日期有误，请改正" in dashboard and "2024-02-20" in dashboard
    mine = clerk_a.page("/my-report?year=2023")
    assert 'id="returned"' in mine and "统计期限和成文日期有误，请改正" in mine
    response = clerk_a.post("/my-report/upload?year=2023", data={"csrf_token": clerk_a.csrf},
                            files={"file": ("教育局-更正.txt", EDUCATION_V2.encode("utf-8"), "text/plain")},
                            follow_redirects=False)
    assert response.status_code == 303
    assert "已提交 教育局-更正.txt（第 2 版）" in clerk_a.page("/my-report?year=2023")

    latest = _submission_of(supervisor, "示范县教育局")
    assert latest != season
    page = supervisor.page(f"/supervise/submissions/{latest}")
    assert "第 2 版" in page and "错误 1" in page and "最新版尚有 1 个错误未处理" in page
    url, version = _review_form(page, "accept")
    refused = supervisor.submit(url, {"version": version})
    assert refused.status_code == 303
    assert "尚有 1 个错误未处理" in supervisor.page(f"/supervise/submissions/{latest}")
    finding = re.search(r'action="(/supervise/findings/\d+)"', page.split("template.version")[0][-3000:] + page)
    template_row = re.search(r'<tr id="f(\d+)"[^>]*>(?:(?!</tr>).)*template\.version', page, re.S)
    assert finding and template_row
    response = supervisor.submit(f"/supervise/findings/{template_row.group(1)}",
                                 {"verdict": "dismissed", "reason": "本县通知允许2023年度沿用旧格式"})
    assert response.status_code == 303
    page = supervisor.page(f"/supervise/submissions/{latest}")
    url, version = _review_form(page, "accept")
    assert supervisor.submit(url, {"version": version}).status_code == 303
    page = supervisor.page(f"/supervise/submissions/{latest}")
    assert "已通过" in page and "本县通知允许2023年度沿用旧格式" in page

    bulletin = supervisor.get("/supervise/bulletin.docx?year=2023")
    assert bulletin.status_code == 200 and bulletin.content[:2] == b"PK"
    sheet = supervisor.get("/supervise/bulletin.xlsx?year=2023")
    assert sheet.status_code == 200
    book = load_workbook(io.BytesIO(sheet.content))
    names = [row[0] for row in book.worksheets[0].iter_rows(values_only=True)]
    assert "示范县教育局" in names and "示范县卫生健康委员会" in names


def test_a_stale_page_gets_409(season: int, supervisor: Browser, make_client: Callable[[str | None], Browser]) -> None:
    page = supervisor.page(f"/supervise/submissions/{season}")
    url, version = _review_form(page, "return")
    other = make_client("admin")
    other.page(f"/supervise/submissions/{season}")
    assert other.submit(url, {"version": version, "comment": "请补充第六部分"}).status_code == 303
    response = supervisor.submit(url, {"version": version, "comment": "统计期限有误"})
    assert response.status_code == 409
    assert "已被他人修改，请刷新后重试" in response.text


def test_clerks_and_other_regions_see_nothing_of_the_review(season: int, clerk_a: Browser, clerk_b: Browser,
                                                            make_client: Callable[[str | None], Browser]) -> None:
    assert clerk_a.get("/supervise?year=2023").status_code == 404
    # the clerk reads their own submission (without the supervisor's controls) but cannot act on it
    own = clerk_a.page(f"/supervise/submissions/{season}")
    assert 'id="actions"' not in own and "确认问题</button>" not in own
    url, version = _review_form(make_client("supervisor").page(f"/supervise/submissions/{season}"), "accept")
    assert clerk_a.submit(url, {"version": version, "override_reason": "x"}).status_code == 404
    assert clerk_b.get(f"/supervise/submissions/{season}").status_code == 404
    other = make_client("other_supervisor")
    assert other.get(f"/supervise/submissions/{season}").status_code == 404
    assert other.get(f"/supervise/submissions/{season}/original").status_code == 404
    board = other.page("/supervise?year=2023")
    assert "邻县教育局" in board and "示范县教育局" not in board


def test_fuzzy_match_waits_for_confirmation(supervisor: Browser, region: Region) -> None:
    printed = EDUCATION_V1.replace("示范县教育局", "示范县教育体育局")
    html = _upload_zip(supervisor, {"教体局.txt": printed.encode("utf-8")})
    assert _outcomes(html) == {"教体局.txt": "待确认"}
    board = supervisor.page("/supervise?year=2023")
    assert re.search(r'id="progress-submitted">0/3<', board) and "/supervise/submissions/" not in board
    pending = supervisor.page("/supervise/pending?year=2023")
    pid = re.search(r'action="/supervise/pending/(\d+)"', pending)
    assert pid and "示范县教育体育局" in pending
    response = supervisor.submit(f"/supervise/pending/{pid.group(1)}", {"action": "confirm",
                                                                         "agency_id": str(region.education)})
    assert response.status_code == 303
    assert _submission_of(supervisor, "示范县教育局") > 0
    assert "没有待确认的报告" in supervisor.page("/supervise/pending?year=2023")


def test_one_click_submits_the_ledger_report(clerk_a: Browser, supervisor: Browser) -> None:
    clerk_a.page("/my-report?year=2024")
    response = clerk_a.submit("/my-report/ledger?year=2024")
    assert response.status_code == 303
    mine = clerk_a.page("/my-report?year=2024")
    assert "已报送台账生成的2024年度报告（第 1 版）" in mine and "示范县教育局2024年政府信息公开工作年度报告.docx" in mine
    again = clerk_a.submit("/my-report/ledger?year=2024")
    assert again.status_code == 303
    assert "无需重复报送" in clerk_a.page("/my-report?year=2024")
    board = supervisor.page("/supervise?year=2024")
    assert re.search(r'id="progress-submitted">1/3<', board)


def test_registry_import_adds_agencies_and_refuses_bad_files(supervisor: Browser) -> None:
    supervisor.page("/supervise/registry")
    good = "机关名称,类别,上级机关,门户网址,报告期限\n示范县砂河镇人民政府,乡镇街道,示范县人民政府,http://sh.example.gov.cn,2月15日\n"
    response = supervisor.post("/supervise/registry", data={"csrf_token": supervisor.csrf},
                               files={"file": ("名录.csv", good.encode("utf-8"), "text/csv")}, follow_redirects=False)
    assert response.status_code == 303
    page = supervisor.page("/supervise/registry?year=2023")
    assert "示范县砂河镇人民政府" in page and "2024-02-15" in page and "单独规定" in page
    bad = "机关名称,类别\n示范县某局,不知道\n"
    response = supervisor.post("/supervise/registry", data={"csrf_token": supervisor.csrf},
                               files={"file": ("坏名录.csv", bad.encode("utf-8"), "text/csv")})
    assert response.status_code == 422
    assert "坏名录.csv" in response.text and "第 2 行" in response.text
    clash = "机关名称,类别\n邻县教育局,部门\n"
    response = supervisor.post("/supervise/registry", data={"csrf_token": supervisor.csrf},
                               files={"file": ("名录2.csv", clash.encode("utf-8"), "text/csv")})
    assert response.status_code == 422 and "已属于其他地区" in response.text


def test_board_xlsx_lists_every_agency(season: int, supervisor: Browser) -> None:
    response = supervisor.get("/supervise/board.xlsx?year=2023")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [r[0] for r in rows] == ["示范县人民政府", "示范县教育局", "示范县卫生健康委员会"]
    assert rows[1][2] == "已提交" and rows[1][7] == 3 and rows[0][2] == "未提交"


def test_a_supervisor_reads_the_ledgers_but_does_not_change_them(clerk_a: Browser, supervisor: Browser,
                                                                 register: Callable[..., int]) -> None:
    rid = register(clerk_a, content="县教育局的申请")
    assert "县教育局的申请" in supervisor.page(f"/requests/{rid}")
    supervisor.page("/requests/new")
    response = supervisor.submit("/requests/new", {"received_on": "2025-06-10", "channel": "online",
                                                   "applicant_type": "natural_person", "applicant_name": "张三",
                                                   "content": "监督人代为登记"})
    assert response.status_code == 403 and "监督人只能查看下级机关的台账，不能修改" in response.text
    assert "监督人代为登记" not in supervisor.page("/requests")


def test_a_setting_lets_supervisors_change_ledgers(database_url: str, region: Region) -> None:
    from fastapi.testclient import TestClient

    from gongkai.settings import Settings
    from gongkai.web import create_app
    from tests.web.conftest import PASSWORD, TODAY

    settings = Settings(database_url=database_url, secret_key="test-secret-key-0123456789abcdef",
                        supervisor_edits_ledger=True)
    with Browser(create_app(settings=settings, today=lambda: TODAY)) as client:
        assert isinstance(client, TestClient)
        client.page("/login")
        assert client.submit("/login", {"username": "supervisor", "password": PASSWORD, "next": "/"}).status_code == 303
        client.page("/requests/new")
        response = client.submit("/requests/new", {"received_on": "2025-06-10", "channel": "online",
                                                   "applicant_type": "natural_person", "applicant_name": "张三",
                                                   "content": "监督人代为登记", "agency_id": str(region.education)})
        assert response.status_code == 303


def test_one_agency_gets_its_own_deadline_portal_and_publishes_only_flag(supervisor: Browser, region: Region) -> None:
    supervisor.page("/supervise/registry?year=2023")
    response = supervisor.submit(f"/supervise/registry/{region.health}",
                                 {"portal_url": "http://wjw.shifan.gov.cn/", "deadline": "2月15日", "publishes_only": "1"})
    assert response.status_code == 303
    board = supervisor.page("/supervise?year=2023")
    row = board.split('data-agency="示范县卫生健康委员会"')[1].split("</tr>")[0]
    assert "仅发布" in row and "2024-02-15" in row
    refused = supervisor.submit(f"/supervise/registry/{region.health}", {"portal_url": "不是网址", "deadline": ""})
    assert refused.status_code == 303
    assert "门户网址“不是网址”不是有效的网址" in supervisor.page("/supervise/registry?year=2023")
    assert supervisor.submit(f"/supervise/registry/{region.other_education}", {"deadline": ""}).status_code == 404


def test_reports_fetched_from_urls(supervisor: Browser, tmp_path: Path) -> None:
    import functools
    import http.server
    import threading

    site = tmp_path / "site"
    (site / "ndbg").mkdir(parents=True)
    (site / "ndbg" / "2023.txt").write_text(EDUCATION_V1, "utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        supervisor.page("/supervise/collect?year=2023")
        response = supervisor.submit("/supervise/collect/urls?year=2023",
                                     {"urls": f"{base}/ndbg/2023.txt\n# 注释行\n{base}/ndbg/missing.txt\n"})
        assert response.status_code == 200
        html = response.text
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
    rows = dict(re.findall(r'<td class="small">(http[^<]+)</td>\s*<td class="nowrap">([^<]+)</td>', html))
    assert rows == {f"{base}/ndbg/2023.txt": "已提交", f"{base}/ndbg/missing.txt": "无法读取"}
    submission = _submission_of(supervisor, "示范县教育局")
    page = supervisor.page(f"/supervise/submissions/{submission}")
    assert "网址抓取" in page and f"{base}/ndbg/2023.txt" in page


def test_a_supervisor_comments_on_a_request_and_the_clerk_reads_it(clerk_a: Browser, clerk_b: Browser,
                                                                   supervisor: Browser,
                                                                   register: Callable[..., int]) -> None:
    rid = register(clerk_a, content="县教育局的申请")
    assert f'hx-get="/supervise/comments?request_id={rid}"' in supervisor.page(f"/requests/{rid}")
    fragment = supervisor.get(f"/supervise/comments?request_id={rid}", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "暂无监督意见" in fragment.text and "添加意见" in fragment.text
    response = supervisor.submit("/supervise/comments", {"request_id": str(rid), "text": "答复期限临近，请尽快作出决定"})
    assert response.status_code == 303 and response.headers["location"] == f"/requests/{rid}#supervision-comments"
    seen = clerk_a.page(f"/supervise/comments?request_id={rid}")
    assert "答复期限临近，请尽快作出决定" in seen and "添加意见</button>" not in seen
    assert clerk_a.submit("/supervise/comments", {"request_id": str(rid), "text": "x"}).status_code == 404
    assert clerk_b.get(f"/supervise/comments?request_id={rid}").status_code == 404
