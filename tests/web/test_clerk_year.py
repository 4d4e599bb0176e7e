"""The clerk's year beyond one request: 待送达, Excel in and out of the browser, one's own password."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

import openpyxl

from .conftest import PASSWORD, Browser, Region


def decide(client: Browser, rid: int, on: str = "2025-06-12") -> None:
    client.page(f"/requests/{rid}")
    assert client.submit(f"/requests/{rid}/decision", {"outcome": "granted", "on": on}).status_code == 303


def test_awaiting_delivery_is_counted_and_listed_oldest_first(clerk_a: Browser, clerk_b: Browser, register) -> None:  # type: ignore[no-untyped-def]
    first = register(clerk_a, received_on="2025-06-02", applicant_name="甲")
    second = register(clerk_a, received_on="2025-06-03", applicant_name="乙")
    register(clerk_a, received_on="2025-06-04", applicant_name="丙")  # still open: not 待送达
    decide(clerk_a, second, on="2025-06-05")
    decide(clerk_a, first, on="2025-06-09")
    home = clerk_a.page("/")
    assert "<title>工作台 · gongkai</title>" in home  # the list is in the page, not in its title
    assert re.search(r'id="kpi-undelivered"><div class="muted small">待送达（已决定未送达）</div><div class="n">2<', home)
    table = home[home.index('id="undelivered"'):]
    table = table[:table.index("</table>")]
    assert table.index("乙") < table.index("甲") and "丙" not in table
    assert "2025-06-05</td>\n        <td>11 天</td>" in table  # decided 11 days before 2025-06-16
    assert '<div class="n">0<' in clerk_b.page("/")[clerk_b.page("/").index('id="kpi-undelivered"'):]
    clerk_a.page(f"/requests/{first}")
    assert clerk_a.submit(f"/requests/{first}/events", {"kind": "reply_sent", "on": "2025-06-10"}).status_code == 303
    assert re.search(r'id="kpi-undelivered"><div class="muted small">[^<]*</div><div class="n">1<', clerk_a.page("/"))


def test_export_then_import_round_trip(clerk_a: Browser, clerk_b: Browser, register) -> None:  # type: ignore[no-untyped-def]
    register(clerk_a, received_on="2025-06-02", applicant_name="甲")
    response = clerk_a.get("/ledger/export", params={"year": "2025"})
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response.headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert len(rows) == 1 and rows[0][headers.index("申请人姓名/名称")] == "甲"
    # The same file into another agency (the 机关 column names clerk_a's agency: refused for clerk_b)
    sheet.cell(row=2, column=headers.index("登记编号") + 1).value = None
    buf = io.BytesIO()
    book.save(buf)
    clerk_b.page("/ledger/excel")
    refused = clerk_b.post("/ledger/import", data={"csrf_token": clerk_b.csrf},
                           files={"file": ("台账.xlsx", buf.getvalue(), "application/octet-stream")})
    assert refused.status_code == 400
    assert "台账.xlsx：1 行有误，未导入任何数据" in refused.text and "第 2 行" in refused.text
    clerk_a.page("/ledger/excel")
    done = clerk_a.post("/ledger/import", data={"csrf_token": clerk_a.csrf},
                        files={"file": ("台账.xlsx", buf.getvalue(), "application/octet-stream")}, follow_redirects=False)
    assert done.status_code == 303, done.text[:3000]
    listing = clerk_a.page("/requests")
    assert "已从 台账.xlsx 导入 1 件申请" in listing and "2025-0002" in listing


def test_import_refuses_other_files_with_a_sentence(clerk_a: Browser) -> None:
    clerk_a.page("/ledger/excel")
    bad_type = clerk_a.post("/ledger/import", data={"csrf_token": clerk_a.csrf},
                            files={"file": ("台账.exe", b"MZ", "application/octet-stream")})
    assert bad_type.status_code == 400 and "台账.exe：不支持的文件类型" in bad_type.text
    broken = clerk_a.post("/ledger/import", data={"csrf_token": clerk_a.csrf},
                          files={"file": ("坏文件.xlsx", b"not a zip at all", "application/octet-stream")})
    assert broken.status_code == 400 and "坏文件.xlsx：" in broken.text
    assert "Traceback" not in broken.text


def test_import_into_an_agency_outside_ones_region_is_refused(supervisor: Browser, region: Region) -> None:
    supervisor.page("/ledger/excel")
    response = supervisor.post("/ledger/import", data={"csrf_token": supervisor.csrf,
                                                       "agency_id": str(region.other_education)},
                               files={"file": ("台账.csv", "收到日期\n".encode(), "text/csv")})
    assert response.status_code == 403 and "无权向所选机关导入台账" in response.text
    assert supervisor.get("/ledger/export", params={"agency_id": str(region.other_education)}).status_code == 403


def test_template_download(clerk_a: Browser) -> None:
    response = clerk_a.get("/ledger/template")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert "填写说明" in book.sheetnames


def login(client: Browser, username: str, password: str) -> int:
    client.page("/login")
    return client.submit("/login", {"username": username, "password": password, "next": "/"}).status_code


def test_change_own_password(clerk_a: Browser, make_client: Callable[[str | None], Browser]) -> None:
    elsewhere = make_client("clerk_a")  # the same user in another browser
    page = clerk_a.page("/account")
    assert "修改密码" in page and "clerk_a" in page
    wrong = clerk_a.submit("/account/password", {"current": "nope-nope", "new": "brand-new-pass", "again": "brand-new-pass"})
    assert wrong.status_code == 400 and 'id="e-current" role="alert">当前密码不正确<' in wrong.text
    mismatch = clerk_a.submit("/account/password", {"current": PASSWORD, "new": "brand-new-pass", "again": "brand-new-pas"})
    assert mismatch.status_code == 400 and "两次输入的新密码不一致" in mismatch.text
    short = clerk_a.submit("/account/password", {"current": PASSWORD, "new": "short", "again": "short"})
    assert short.status_code == 400 and "密码至少需要 8 个字符" in short.text
    done = clerk_a.submit("/account/password", {"current": PASSWORD, "new": "brand-new-pass", "again": "brand-new-pass"})
    assert done.status_code == 303
    assert "密码已修改" in clerk_a.page("/account")  # this browser stays logged in
    assert elsewhere.get("/", follow_redirects=False).status_code == 303  # the other one is logged out
    assert login(make_client(None), "clerk_a", PASSWORD) != 303
    assert login(make_client(None), "clerk_a", "brand-new-pass") == 303


def test_export_never_turns_text_into_a_formula(clerk_a: Browser, register) -> None:  # type: ignore[no-untyped-def]
    register(clerk_a, applicant_name='=HYPERLINK("http://evil.example","点我")', content="=1+1")
    data = clerk_a.get("/ledger/export").content
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet
    book = openpyxl.load_workbook(io.BytesIO(data))
    values = [c.value for c in book.worksheets[0][2]]
    assert '=HYPERLINK("http://evil.example","点我")' in values and "=1+1" in values
