"""The JSON API: tokens, requests with events and decisions, registers, annual tables, audit, OpenAPI."""

from __future__ import annotations

import base64
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from .conftest import PASSWORD, Region

SEED = Path(__file__).parents[1] / "data" / "seeds" / "001_9e58b98aa5ba2831.txt"


def token_client(app: FastAPI, username: str) -> TestClient:
    client = TestClient(app)
    response = client.post("/api/v1/token", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 12 * 3600
    client.headers["Authorization"] = f"Bearer {body['access_token']}"
    return client


def test_token_by_json_or_basic_and_bad_credentials(app: FastAPI) -> None:
    with TestClient(app) as client:
        basic = base64.b64encode(f"clerk_a:{PASSWORD}".encode()).decode()
        assert client.post("/api/v1/token", headers={"Authorization": f"Basic {basic}"}).status_code == 200
        refused = client.post("/api/v1/token", json={"username": "clerk_a", "password": "nope-nope"})
        assert refused.status_code == 401
        assert refused.json() == {"detail": "用户名或密码错误"}
        assert client.get("/api/v1/me").status_code == 401
        bad = client.get("/api/v1/me", headers={"Authorization": "Bearer not-a-token"})
        assert bad.status_code == 401 and bad.json()["detail"] == "令牌无效、已过期或已被撤销"


def test_me_lists_visible_agencies(app: FastAPI, region: Region) -> None:
    me = token_client(app, "supervisor").get("/api/v1/me").json()
    assert me["role"] == "supervisor"
    assert me["visible_agency_ids"] == sorted([region.county, region.education, region.health])
    assert me["csrf_token"] is None
    names = {a["name"] for a in token_client(app, "clerk_a").get("/api/v1/agencies").json()}
    assert names == {"示范县教育局"}


def test_request_lifecycle_through_the_api(app: FastAPI, region: Region) -> None:
    api = token_client(app, "clerk_a")
    created = api.post("/api/v1/requests", json={
        "agency_id": region.education, "applicant_type": "research", "applicant_name": "某研究院",
        "channel": "email", "content": "申请公开2024年度教育经费统计", "received_on": "2025-06-03"})
    assert created.status_code == 201, created.text
    request = created.json()
    assert request["number"] == "2025-0001" and request["status"] == "received"
    assert request["due_on"] == "2025-07-01"
    assert request["deadline"]["steps"][-1] == "第20个工作日为2025-07-01（星期二），即答复期限。"
    rid = request["id"]
    patched = api.patch(f"/api/v1/requests/{rid}", json={"contact": "research@example.cn"})
    assert patched.status_code == 200 and patched.json()["contact"] == "research@example.cn"
    extended = api.post(f"/api/v1/requests/{rid}/events", json={"kind": "extension", "on": "2025-06-10", "days": 20})
    assert extended.status_code == 201, extended.text
    assert extended.json()["due_on"] == "2025-07-29" and extended.json()["extended_days"] == 20
    again = api.post(f"/api/v1/requests/{rid}/events", json={"kind": "extension", "on": "2025-06-11", "days": 5})
    assert again.status_code == 400
    assert again.json()["detail"] == "答复期限只能延长一次（条例第三十三条第二款）"
    decided = api.post(f"/api/v1/requests/{rid}/decision", json={"outcome": "unavailable_not_held", "on": "2025-06-12"})
    assert decided.status_code == 200 and decided.json()["status"] == "decided"
    replied = api.post(f"/api/v1/requests/{rid}/events", json={"kind": "reply_sent", "on": "2025-06-13"})
    assert replied.json()["status"] == "closed" and replied.json()["replied_on"] == "2025-06-13"
    listed = api.get("/api/v1/requests", params={"q": "教育经费"}).json()
    assert listed["total"] == 1 and listed["items"][0]["outcome"] == "unavailable_not_held"
    annual = api.get("/api/v1/reports/2025", params={"agency_id": region.education}).json()
    assert annual["tables"]["requests"]["unavailable_not_held"]["research"] == 1
    assert annual["tables"]["requests"]["received"]["total"] == 1
    assert annual["tables"]["requests"]["carried_forward"]["total"] == 0
    assert {f["rule"] for f in annual["findings"]} >= {"dates.published"}


def test_api_validation_errors_are_422_with_details(app: FastAPI, region: Region) -> None:
    api = token_client(app, "clerk_a")
    response = api.post("/api/v1/requests", json={"agency_id": region.education, "applicant_type": "alien"})
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "请求数据不正确"
    assert {tuple(e["loc"]) for e in body["errors"]} >= {("body", "applicant_type"), ("body", "content")}
    by_field = {e["loc"][-1]: e for e in body["errors"]}
    assert by_field["applicant_type"]["msg"] == "请从列表中选择一项"
    assert by_field["applicant_type"]["field"] == "申请人类型"
    assert by_field["content"]["msg"] == "此项必填" and by_field["content"]["field"] == "申请内容"
    assert by_field["content"]["msg_en"] == "Field required"


def test_registers_and_narrative_through_the_api(app: FastAPI, region: Region) -> None:
    api = token_client(app, "clerk_a")
    appeal = api.post("/api/v1/appeals", json={"agency_id": region.education, "kind": "review",
                                               "filed_on": "2025-02-02"})
    assert appeal.status_code == 201
    concluded = api.post(f"/api/v1/appeals/{appeal.json()['id']}/conclude",
                         json={"result": "upheld", "concluded_on": "2025-04-02"})
    assert concluded.json()["result"] == "upheld"
    document = api.post("/api/v1/documents", json={"agency_id": region.education, "title": "规范性文件",
                                                   "kind": "normative", "issued_on": "2025-01-10"})
    assert document.status_code == 201
    repealed = api.post(f"/api/v1/documents/{document.json()['id']}/repeal", json={"on": "2025-05-01"})
    assert repealed.json()["repealed_on"] == "2025-05-01"
    figure = api.put("/api/v1/figures", json={"agency_id": region.education, "year": 2025,
                                              "key": "active.punishment.decisions", "value": 4, "source": "执法系统"})
    assert figure.status_code == 200
    assert api.put("/api/v1/figures", json={"agency_id": region.education, "year": 2025, "key": "active.x.y",
                                            "value": 4}).status_code == 422
    saved = api.put("/api/v1/reports/2025/narrative", params={"agency_id": region.education},
                    json={"sections": {"6": "本年度未收取信息处理费。"}})
    assert saved.status_code == 200
    body = saved.json()
    assert body["narrative"]["6"] == "本年度未收取信息处理费。"
    assert body["tables"]["appeals"]["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}
    assert body["tables"]["active"]["normative_documents"] == {"issued": 1, "repealed": 1, "in_force": 0}
    assert body["tables"]["active"]["punishment"]["decisions"] == 4
    assert api.put("/api/v1/reports/2025/narrative", params={"agency_id": region.education},
                   json={"sections": {"9": "x"}}).status_code == 422


def test_export_and_upload_audit_through_the_api(app: FastAPI, region: Region) -> None:
    api = token_client(app, "clerk_a")
    exported = api.get("/api/v1/reports/2025/export", params={"agency_id": region.education, "format": "docx"})
    assert exported.status_code == 200 and exported.content[:2] == b"PK"
    assert api.get("/api/v1/reports/2025/export", params={"agency_id": region.education,
                                                          "format": "exe"}).status_code == 422
    audited = api.post("/api/v1/audit", files={"file": (SEED.name, SEED.read_bytes(), "text/plain")})
    assert audited.status_code == 200
    body = audited.json()
    assert body["report"]["schema"] == "gongkai/report@1"
    assert body["report"]["agency"] == {"name": "白家庄镇人民政府"}
    assert {f["rule"] for f in body["findings"]} >= {"template.version", "dates.period"}
    refused = api.post("/api/v1/audit", files={"file": ("x.exe", b"MZ", "application/octet-stream")})
    assert refused.status_code == 400


def test_openapi_schema_and_docs_page(app: FastAPI) -> None:
    with TestClient(app) as client:
        schema = client.get("/api/openapi.json").json()
        docs = client.get("/api/docs")
    assert schema["info"]["title"] == "gongkai 政府信息公开台账"
    paths = set(schema["paths"])
    assert {"/api/v1/token", "/api/v1/me", "/api/v1/requests", "/api/v1/requests/{request_id}",
            "/api/v1/requests/{request_id}/events", "/api/v1/requests/{request_id}/decision", "/api/v1/appeals",
            "/api/v1/appeals/{appeal_id}/conclude", "/api/v1/documents", "/api/v1/figures",
            "/api/v1/reports/{year}", "/api/v1/reports/{year}/narrative", "/api/v1/reports/{year}/export",
            "/api/v1/audit"} <= paths
    assert not any(p.startswith(("/requests", "/login", "/reports")) for p in paths)  # pages are not API
    assert "X-CSRF-Token" in schema["info"]["description"]
    assert docs.status_code == 200
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text


def test_a_supervisor_reads_ledgers_through_the_api_but_changes_none(app: FastAPI, region: Region) -> None:
    """As on the pages: the API refuses a supervisor's writes to a subordinate's ledger (403), reads pass."""
    clerk = token_client(app, "clerk_a")
    created = clerk.post("/api/v1/requests", json={
        "agency_id": region.education, "applicant_type": "research", "applicant_name": "某研究院",
        "channel": "email", "content": "申请公开教育经费", "received_on": "2025-06-03"})
    assert created.status_code == 201, created.text
    rid = created.json()["id"]
    supervisor = token_client(app, "supervisor")
    assert supervisor.get(f"/api/v1/requests/{rid}").status_code == 200
    refused = supervisor.patch(f"/api/v1/requests/{rid}", json={"contact": "x@example.cn"})
    assert refused.status_code == 403 and "监督人只能查看下级机关的台账，不能修改" in refused.text
    refused = supervisor.post("/api/v1/requests", json={
        "agency_id": region.education, "applicant_type": "research", "applicant_name": "某研究院",
        "channel": "email", "content": "监督人代为登记", "received_on": "2025-06-03"})
    assert refused.status_code == 403
    assert clerk.get(f"/api/v1/requests/{rid}").json()["contact"] == ""
