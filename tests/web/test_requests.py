"""Registering, editing and handling a request through the pages, down to the annual table."""

from __future__ import annotations

import re

from .conftest import Browser


def cell(html: str, key: str) -> str:
    found = re.search(rf'data-key="{re.escape(key)}">([^<]*)<', html)
    assert found, key
    return found.group(1)


def test_register_shows_the_explained_due_date(clerk_a: Browser, register) -> None:  # type: ignore[no-untyped-def]
    rid = register(clerk_a, received_on="2025-06-10")
    page = clerk_a.page(f"/requests/{rid}")
    assert "已登记申请 2025-0001" in page  # the flash after the redirect
    assert "期限是怎样算出来的" in page
    assert "2025-07-08（周二）" in page  # the 20th working day after Tue 2025-06-10
    assert "办理中" in page
    assert re.search(r"<ol class=\"explain small\">\s*<li>", page)


def test_validation_messages_are_chinese_and_next_to_the_field(clerk_a: Browser) -> None:
    clerk_a.page("/requests/new")
    response = clerk_a.submit("/requests/new", {"received_on": "2025-13-40", "channel": "pigeon",
                                                "applicant_type": "natural_person", "applicant_name": " ",
                                                "content": "某文件"})
    assert response.status_code == 400
    html = response.text
    assert re.search(r'id="f-received_on"[^>]*aria-invalid="true"', html)
    assert 'id="e-received_on" role="alert">日期格式不正确，应为“年-月-日”，如 2025-03-01<' in html
    assert 'id="e-applicant_name" role="alert">此项必填<' in html
    assert "请从列表中选择一项" in html  # channel
    assert 'value="某文件"' not in html and ">某文件</textarea>" in html  # what was typed is kept


def test_a_future_receipt_date_is_refused_by_the_ledger(clerk_a: Browser) -> None:
    clerk_a.page("/requests/new")
    response = clerk_a.submit("/requests/new", {"received_on": "2025-07-01", "channel": "online",
                                                "applicant_type": "natural_person", "applicant_name": "张三",
                                                "content": "x"})
    assert response.status_code == 400
    assert "收到日期 2025-07-01 晚于今天" in response.text


def test_edit_changes_the_record_and_is_audited(clerk_a: Browser, register) -> None:  # type: ignore[no-untyped-def]
    rid = register(clerk_a)
    form = clerk_a.page(f"/requests/{rid}/edit")
    assert 'value="张三"' in form
    response = clerk_a.submit(f"/requests/{rid}/edit", {
        "received_on": "2025-06-10", "channel": "letter", "applicant_type": "enterprise",
        "applicant_name": "某某科技有限公司", "content": "申请公开2024年学校食堂招标文件", "contact": "", "number": "2025-0001"})
    assert response.status_code == 303
    page = clerk_a.page(f"/requests/{rid}")
    assert "某某科技有限公司（商业企业）" in page
    assert "13800000000" not in page  # the contact was cleared
    assert re.search(r"<td>clerk_a</td><td>修改</td>", page)
    assert re.search(r"<td>clerk_a</td><td>登记</td>", page)


def test_events_move_the_status_and_bad_ones_are_explained(clerk_a: Browser, register) -> None:  # type: ignore[no-untyped-def]
    rid = register(clerk_a, received_on="2025-06-09")
    response = clerk_a.submit(f"/requests/{rid}/events", {"kind": "extension", "on": "2025-06-10", "days": "30"})
    assert response.status_code == 400
    assert "延长期限为 1 至 20 个工作日" in response.text
    response = clerk_a.submit(f"/requests/{rid}/events", {"kind": "", "on": "2025-06-10"})
    assert "请选择办理环节" in response.text
    response = clerk_a.submit(f"/requests/{rid}/events", {"kind": "correction_notice", "on": "2025-06-11"})
    assert response.status_code == 303
    page = clerk_a.page(f"/requests/{rid}")
    assert "已记录：补正通知（2025-06-11）" in page
    assert "待补正" in page and "暂停计时" in page
    response = clerk_a.submit(f"/requests/{rid}/events", {"kind": "fee_paid", "on": "2025-06-12"})
    assert response.status_code == 400
    assert "当前为「待补正」，不能记录「申请人缴纳费用」" in response.text
    assert clerk_a.submit(f"/requests/{rid}/events",
                          {"kind": "correction_received", "on": "2025-06-13"}).status_code == 303
    assert "办理中" in clerk_a.page(f"/requests/{rid}")


def test_decision_needs_an_outcome_and_counts_once_in_the_annual_table(clerk_a: Browser, register) -> None:  # type: ignore[no-untyped-def]
    before = clerk_a.page("/reports?year=2025")
    assert cell(before, "requests.partial.enterprise") == "0"
    assert cell(before, "requests.received.total") == "0"
    rid = register(clerk_a, applicant_type="enterprise")
    middle = clerk_a.page("/reports?year=2025")
    assert cell(middle, "requests.received.enterprise") == "1"
    assert cell(middle, "requests.carried_forward.enterprise") == "1"
    clerk_a.page(f"/requests/{rid}")
    response = clerk_a.submit(f"/requests/{rid}/decision", {"outcome": "", "on": "2025-06-12"})
    assert response.status_code == 400
    assert "请选择办理结果（表三中的一行）" in response.text
    response = clerk_a.submit(f"/requests/{rid}/decision", {"outcome": "partial", "on": "2025-06-12"})
    assert response.status_code == 303
    page = clerk_a.page(f"/requests/{rid}")
    assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" in page
    after = clerk_a.page("/reports?year=2025")
    assert cell(after, "requests.partial.enterprise") == "1"
    assert cell(after, "requests.partial.total") == "1"
    assert cell(after, "requests.total.total") == "1"
    assert cell(after, "requests.carried_forward.total") == "0"
    assert cell(after, "requests.granted.total") == "0"
    # reply, then reopen: the outcome leaves the table again
    assert clerk_a.submit(f"/requests/{rid}/events", {"kind": "reply_sent", "on": "2025-06-13"}).status_code == 303
    assert "已办结" in clerk_a.page(f"/requests/{rid}")
    closed = clerk_a.page(f"/requests/{rid}")
    version = re.search(r'name="version" value="(\d+)"', clerk_a.page(f"/requests/{rid}/withdraw?what=reply"))
    assert version is not None and f'href="/requests/{rid}/withdraw?what=reply"' in closed
    assert clerk_a.submit(f"/requests/{rid}/withdraw", {"what": "reply", "reason": "送达记错",
                                                       "version": version.group(1)}).status_code == 303
    page = clerk_a.page(f"/requests/{rid}/withdraw?what=decision")
    assert "确认撤回办理决定" in page
    refused = clerk_a.submit(f"/requests/{rid}/withdraw", {"what": "decision", "reason": ""})
    assert refused.status_code == 400 and "请填写撤回决定的理由" in refused.text
    assert clerk_a.submit(f"/requests/{rid}/withdraw", {"what": "decision", "reason": "结果录错"}).status_code == 303
    assert cell(clerk_a.page("/reports?year=2025"), "requests.partial.total") == "0"


def test_the_decision_form_lists_every_outcome_row_with_its_printed_label(clerk_a: Browser, register) -> None:  # type: ignore[no-untyped-def]
    page = clerk_a.page(f"/requests/{register(clerk_a)}")
    options = re.findall(r'<option value="([a-z_]+)">', page.split('id="f-outcome"')[1].split("</select>")[0])
    assert len(options) == 21 and options[0] == "granted" and options[-1] == "other_misc"
    assert '<optgroup label="（三）不予公开">' in page
    assert ">3.危及“三安全一稳定”<" in page


def test_dashboard_marks_overdue_red_and_due_soon_amber(clerk_a: Browser, register) -> None:  # type: ignore[no-untyped-def]
    overdue = register(clerk_a, received_on="2025-04-01", applicant_name="逾期者")
    soon = register(clerk_a, received_on="2025-05-20", applicant_name="将到期者")
    later = register(clerk_a, received_on="2025-06-13", applicant_name="刚收到者")
    html = clerk_a.page("/")
    rows = {rid: re.search(rf'<tr class="([^"]*)">\s*<td class="nowrap"><a href="/requests/{rid}">', html) for rid in (overdue, soon, later)}
    assert rows[overdue] and rows[overdue].group(1) == "overdue"
    assert rows[soon] and rows[soon].group(1) == "due-soon"
    assert rows[later] and rows[later].group(1) == ""
    assert "已逾期" in html and "即将到期" in html
    # due order: the overdue one first
    assert html.index("逾期者") < html.index("将到期者") < html.index("刚收到者")


def test_list_search_and_htmx_partial(clerk_a: Browser, register) -> None:  # type: ignore[no-untyped-def]
    register(clerk_a, applicant_name="钱七", content="关于河道整治的文件")
    register(clerk_a, applicant_name="孙八", content="关于学校招生的文件")
    page = clerk_a.page("/requests?q=河道")
    assert "钱七" in page and "孙八" not in page
    partial = clerk_a.get("/requests?q=招生", headers={"HX-Request": "true", "HX-Target": "results"})
    assert partial.status_code == 200
    assert "孙八" in partial.text and "钱七" not in partial.text
    assert "<html" not in partial.text


def test_a_deadline_in_an_unknown_year_is_marked_provisional(database_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from gongkai.settings import Settings
    from gongkai.web import create_app

    from .conftest import PASSWORD, register_request

    app = create_app(settings=Settings(database_url=database_url, secret_key="k" * 32),
                     today=lambda: date(2026, 12, 15))
    with Browser(app) as client:
        client.page("/login")
        client.submit("/login", {"username": "clerk_a", "password": PASSWORD})
        rid = register_request(client, received_on="2026-12-14")
        page = client.page(f"/requests/{rid}")
        assert '<span class="badge provisional"' in page and "暂定" in page
        assert "2027" in page
        assert "暂定</span>" in client.page("/")


def test_dashboard_counts_and_the_supervisors_agency_column(clerk_a: Browser, clerk_b: Browser, supervisor: Browser,  # type: ignore[no-untyped-def]
                                                            register) -> None:
    register(clerk_a, received_on="2025-04-01", applicant_name="逾期者")
    register(clerk_a, received_on="2025-06-13", applicant_name="刚收到者")
    register(clerk_b, received_on="2024-12-30", applicant_name="去年的")
    kpis = re.compile(r'<div class="kpi[^"]*"><div class="muted small">([^<]+)</div><div class="n">(\d+)</div>')

    mine = clerk_a.page("/")
    assert kpis.findall(mine) == [("办理中的申请", "2"), ("已逾期", "1"), ("5个工作日内到期", "0"),
                                  ("暂停计时（补正、征求意见、缴费）", "0"), ("2025年新收", "2")]
    assert "<th>机关</th>" not in mine and "去年的" not in mine

    county = supervisor.page("/")
    assert kpis.findall(county) == [("办理中的申请", "3"), ("已逾期", "2"), ("5个工作日内到期", "0"),
                                    ("暂停计时（补正、征求意见、缴费）", "0"), ("2025年新收", "2")]
    assert "<th>机关</th>" in county
    names = re.findall(r'<td>([^<]+)<div class="muted small">[^<]*</div></td>\s*<td>[^<]*</td>\s*'
                       r'<td class="small">([^<]+)</td>', county)
    assert names == [("去年的", "示范县卫生健康委员会"), ("逾期者", "示范县教育局"), ("刚收到者", "示范县教育局")]
