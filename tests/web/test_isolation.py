"""A clerk sees and changes only their own agency's data; a supervisor only their region's. Others' → 404."""

from __future__ import annotations

from collections.abc import Callable

from .conftest import Browser, Region


def test_clerk_cannot_see_or_change_another_agencys_request(clerk_a: Browser, clerk_b: Browser, register) -> None:  # type: ignore[no-untyped-def]
    rid = register(clerk_a, applicant_name="王五", content="教育局独有的申请")
    assert clerk_b.get(f"/requests/{rid}").status_code == 404
    assert clerk_b.get(f"/requests/{rid}/edit").status_code == 404
    clerk_b.page("/")
    for path, data in (
        (f"/requests/{rid}/edit", {"applicant_name": "篡改", "content": "x", "received_on": "2025-06-10",
                                   "channel": "online", "applicant_type": "natural_person"}),
        (f"/requests/{rid}/events", {"kind": "correction_notice", "on": "2025-06-11"}),
        (f"/requests/{rid}/decision", {"outcome": "granted", "on": "2025-06-12"}),
        (f"/requests/{rid}/reopen", {}),
    ):
        response = clerk_b.submit(path, data)
        assert response.status_code == 404, path
        assert "未找到该记录，或您无权查看" in response.text
    assert "教育局独有的申请" not in clerk_b.page("/requests")
    assert "教育局独有的申请" not in clerk_b.page("/")
    # nothing changed
    page = clerk_a.page(f"/requests/{rid}")
    assert "王五" in page and "篡改" not in page and "办理中" in page


def test_missing_and_forbidden_look_the_same(clerk_b: Browser, clerk_a: Browser, register) -> None:  # type: ignore[no-untyped-def]
    rid = register(clerk_a)
    forbidden = clerk_b.get(f"/requests/{rid}")
    missing = clerk_b.get("/requests/999999")
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.text == missing.text


def test_supervisor_sees_the_region_but_not_the_neighbour(clerk_a: Browser, supervisor: Browser,
                                                          make_client: Callable[[str | None], Browser],
                                                          register) -> None:  # type: ignore[no-untyped-def]
    rid = register(clerk_a, content="县教育局的申请")
    assert "县教育局的申请" in supervisor.page(f"/requests/{rid}")
    assert "县教育局的申请" in supervisor.page("/requests")
    neighbour = make_client("other_supervisor")
    assert neighbour.get(f"/requests/{rid}").status_code == 404
    assert "县教育局的申请" not in neighbour.page("/requests")
    clerk_c = make_client("clerk_c")
    assert clerk_c.get(f"/api/v1/requests/{rid}").status_code == 404


def test_clerk_cannot_register_for_another_agency(clerk_a: Browser, region: Region) -> None:
    body = {"agency_id": region.health, "applicant_type": "natural_person", "applicant_name": "赵六",
            "channel": "online", "content": "x", "received_on": "2025-06-02"}
    response = clerk_a.post("/api/v1/requests", json=body, headers={"X-CSRF-Token": clerk_a.csrf})
    assert response.status_code == 404
    # the form ignores a forged agency choice for a one-agency clerk
    clerk_a.page("/requests/new")
    response = clerk_a.submit("/requests/new", {k: str(v) for k, v in body.items()})
    assert response.status_code == 303
    detail = clerk_a.page(response.headers["location"])
    assert "示范县教育局" in detail and "示范县卫生健康委员会" not in detail


def test_appeals_and_documents_are_per_agency(clerk_a: Browser, clerk_b: Browser, supervisor: Browser) -> None:
    clerk_a.page("/appeals")
    assert clerk_a.submit("/appeals", {"kind": "review", "filed_on": "2025-03-03", "result": "pending",
                                       "note": "教育局复议案"}).status_code == 303
    clerk_a.page("/documents")
    assert clerk_a.submit("/documents", {"title": "教育局规范性文件", "kind": "normative",
                                         "issued_on": "2025-02-01"}).status_code == 303
    assert "教育局复议案" not in clerk_b.page("/appeals")
    assert "教育局规范性文件" not in clerk_b.page("/documents")
    assert "教育局复议案" in supervisor.page("/appeals")
    assert "教育局规范性文件" in supervisor.page("/documents")
    appeal_id = clerk_a.get("/api/v1/appeals").json()[0]["id"]
    document_id = clerk_a.get("/api/v1/documents").json()[0]["id"]
    clerk_b.page("/appeals")
    assert clerk_b.submit(f"/appeals/{appeal_id}/conclude",
                          {"result": "upheld", "concluded_on": "2025-04-01"}).status_code == 404
    assert clerk_b.submit(f"/documents/{document_id}/repeal", {"repealed_on": "2025-04-01"}).status_code == 404
    token = clerk_b.get("/api/v1/me").json()["csrf_token"]
    response = clerk_b.post(f"/api/v1/appeals/{appeal_id}/conclude", json={"result": "upheld",
                            "concluded_on": "2025-04-01"}, headers={"X-CSRF-Token": token})
    assert response.status_code == 404
    assert clerk_a.get("/api/v1/appeals").json()[0]["result"] == "pending"


def test_report_and_figures_of_another_agency_fall_back_to_ones_own(clerk_a: Browser, region: Region) -> None:
    page = clerk_a.page(f"/reports?agency_id={region.health}&year=2025")
    assert "示范县教育局 2025 年" in page and "卫生健康委员会 2025" not in page
    assert clerk_a.get(f"/api/v1/reports/2025?agency_id={region.health}").status_code == 404
    assert clerk_a.get(f"/api/v1/figures?agency_id={region.health}&year=2025").status_code == 404
    clerk_a.page("/figures")
    response = clerk_a.submit("/figures", {"agency_id": str(region.health), "year": "2025",
                                           "active.licensing.decisions": "7"})
    assert response.status_code == 403  # refused, not quietly written to the clerk's own agency
    assert clerk_a.get(f"/api/v1/figures?agency_id={region.education}&year=2025").json() == []
