"""The OpenAPI document names the bearer scheme and the CSRF header, so the docs page can authorise."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient


def test_openapi_declares_bearer_and_csrf_header(app: FastAPI) -> None:
    doc = TestClient(app).get("/api/openapi.json").json()
    schemes = doc["components"]["securitySchemes"]
    assert schemes["bearer"]["type"] == "http" and schemes["bearer"]["scheme"] == "bearer"
    assert schemes["session_csrf"] == {**schemes["session_csrf"], "type": "apiKey", "in": "header",
                                       "name": "X-CSRF-Token"}
    assert "GET /api/v1/me" in schemes["session_csrf"]["description"]
    for path, operations in doc["paths"].items():
        if path.startswith("/api/v1/"):
            for operation in operations.values():
                assert operation["security"] == [{"bearer": []}, {"session_csrf": []}], path


def test_the_declaration_does_not_replace_the_check(app: FastAPI) -> None:
    client = TestClient(app)
    assert client.get("/api/v1/requests", headers={"X-CSRF-Token": "anything"}).status_code == 401
    assert client.get("/api/v1/requests", headers={"Authorization": "Bearer forged"}).status_code == 401
