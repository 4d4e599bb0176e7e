"""Corrections through the JSON API and the pages: reopen refuses 已办结, a reply is withdrawn first,
events are corrected or struck out with a reason; If-Match guards every change; times say their zone."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from .conftest import PASSWORD, Browser, Region

CONFLICT = "该申请已被他人修改，请刷新后重试"


def _api(app: FastAPI) -> TestClient:
    client = TestClient(app)
    token = client.post("/api/v1/token", json={"username": "clerk_a", "password": PASSWORD}).json()["access_token"]
    client.headers["Authorization"] = f"Bearer {token}"
    return client


def test_reopen_refuses_a_closed_request_and_the_reply_is_withdrawn_first(app: FastAPI, region: Region) -> None:
    with _api(app) as api:
        made = api.post("/api/v1/requests", json={
            "agency_id": region.education, "received_on": "2025-06-02", "channel": "online",
            "applicant_type": "natural_person", "applicant_name": "张三", "content": "预算"}).json()
        rid = made["id"]
        decided = api.post(f"/api/v1/requests/{rid}/decision", json={"outcome": "granted", "on": "2025-06-05"},
                           headers={"If-Match": f'"{made["version"]}"'})
        assert decided.status_code == 200 and decided.json()["version"] == made["version"] + 1
        closed = api.post(f"/api/v1/requests/{rid}/events", json={"kind": "reply_sent", "on": "2025-06-06"}).json()
        refused = api.post(f"/api/v1/requests/{rid}/reopen")
        assert refused.status_code == 409 and "请先撤回答复送达记录" in refused.json()["detail"]
        stale = api.post(f"/api/v1/requests/{rid}/reply/withdraw", json={"reason": "送达日期记错"},
                         headers={"If-Match": f'"{made["version"]}"'})
        assert stale.status_code == 409 and stale.json()["detail"] == CONFLICT
        assert api.post(f"/api/v1/requests/{rid}/reply/withdraw", json={"reason": "x"},
                        headers={"If-Match": "three"}).status_code == 400
        back = api.post(f"/api/v1/requests/{rid}/reply/withdraw", json={"reason": "送达日期记错"},
                        headers={"If-Match": f'"{closed["version"]}"'})
        assert back.status_code == 200 and back.json()["status"] == "decided"
        reopened = api.post(f"/api/v1/requests/{rid}/reopen", json={"reason": "结果录错"}).json()
        assert (reopened["status"], reopened["outcome"]) == ("received", None)
        struck = [(e["kind"], e["removed_reason"]) for e in reopened["events"] if e["removed_at"]]
        assert struck == [("decision", "结果录错"), ("reply_sent", "送达日期记错")]


def test_events_are_corrected_and_struck_out_through_the_api(app: FastAPI, region: Region) -> None:
    with _api(app) as api:
        rid = api.post("/api/v1/requests", json={
            "agency_id": region.education, "received_on": "2025-06-02", "channel": "online",
            "applicant_type": "natural_person", "applicant_name": "张三", "content": "预算"}).json()["id"]
        body = api.post(f"/api/v1/requests/{rid}/events", json={"kind": "extension", "on": "2025-06-10",
                                                                "days": 5}).json()
        event_id = body["events"][0]["id"]
        assert body["deadline"]["due_on"] == "2025-07-07"  # 20 + 5 working days
        fixed = api.put(f"/api/v1/requests/{rid}/events/{event_id}",
                        json={"on": "2025-06-11", "days": 10, "reason": "审批单为10个工作日"})
        assert fixed.status_code == 200 and fixed.json()["deadline"]["due_on"] == "2025-07-14"
        no_reason = api.request("DELETE", f"/api/v1/requests/{rid}/events/{event_id}", json={"reason": ""})
        assert no_reason.status_code == 422
        gone = api.request("DELETE", f"/api/v1/requests/{rid}/events/{event_id}", json={"reason": "误录"})
        assert gone.status_code == 200
        assert (gone.json()["extended_days"], gone.json()["deadline"]["due_on"]) == (0, "2025-06-30")


def test_times_on_pages_say_beijing_time(clerk_a: Browser, register) -> None:  # type: ignore[no-untyped-def]
    rid = register(clerk_a)
    page = clerk_a.page(f"/requests/{rid}")
    assert "北京时间" in page.split('id="timeline"')[1]


def test_after_a_withdrawal_the_decision_form_offers_the_withdrawn_date(clerk_a: Browser, register) -> None:  # type: ignore[no-untyped-def]
    rid = register(clerk_a, received_on="2025-06-02")
    clerk_a.page(f"/requests/{rid}")
    assert clerk_a.submit(f"/requests/{rid}/decision", {"outcome": "granted", "on": "2025-06-05"}).status_code == 303
    clerk_a.page(f"/requests/{rid}/withdraw?what=decision")
    assert clerk_a.submit(f"/requests/{rid}/withdraw", {"what": "decision", "reason": "录错"}).status_code == 303
    form = clerk_a.page(f"/requests/{rid}").split('id="decision"')[1].split("</form>")[0]
    assert 'name="on" value="2025-06-05"' in form
