"""`gongkai serve`: the demo database is prepared, the URL and demo logins are printed, uvicorn is started."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from gongkai.cli.main import app as cli


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []

    def fake_run(app: FastAPI, **kwargs: Any) -> None:
        calls.append({"app": app, **kwargs})

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.setenv("GONGKAI_SECRET_KEY", "serve-test-secret-0123456789abcdef")
    return calls


def test_serve_demo_seeds_once_and_prints_logins(tmp_path: Path, started: list[dict[str, Any]]) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    result = CliRunner().invoke(cli, ["serve", "--demo", "--db", url, "--port", "8765"])
    assert result.exit_code == 0, result.output
    assert "gongkai 政府信息公开台账已启动：http://127.0.0.1:8765/" in result.output
    assert "演示账号（用户名 / 密码 / 角色 / 机关）：" in result.output
    assert "jyj" in result.output and "gongkai-demo" in result.output and "示范县教育局" in result.output
    (call,) = started
    assert call["host"] == "127.0.0.1" and call["port"] == 8765
    with TestClient(call["app"]) as client:
        assert client.get("/login").status_code == 200
    # a second start reuses the database and prints the same logins
    again = CliRunner().invoke(cli, ["serve", "--demo", "--db", url, "--port", "8765"])
    assert again.exit_code == 0
    assert again.output.count("gongkai-demo") == result.output.count("gongkai-demo")


def test_serve_without_demo_migrates_and_warns_off_loopback(tmp_path: Path, started: list[dict[str, Any]]) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    result = CliRunner().invoke(cli, ["serve", "--db", url, "--host", "0.0.0.0"])
    assert result.exit_code == 0, result.output
    assert "演示账号" not in result.output
    assert "请通过 HTTPS 反向代理对外提供服务" in result.output
    assert (tmp_path / "ledger.sqlite3").exists()


def test_serve_reports_a_bad_database_url_in_one_sentence(started: list[dict[str, Any]]) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", "notadb:://x"])
    assert result.exit_code == 2
    assert "数据库地址无法识别" in result.output
    assert "Traceback" not in result.output
    assert started == []


def test_serve_with_workers_hands_uvicorn_the_factory_and_the_settings(
    tmp_path: Path, started: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    monkeypatch.setenv("GONGKAI_DATABASE_URL", "sqlite:///elsewhere.sqlite3")  # restored after the test
    monkeypatch.setenv("GONGKAI_SECRET_KEY", "")  # too short: serve picks a random key and shares it
    result = CliRunner().invoke(cli, ["serve", "--db", url, "--workers", "2"])
    assert result.exit_code == 0, result.output
    (call,) = started
    assert call["app"] == "gongkai.web.app:server_app"
    assert call["factory"] is True and call["workers"] == 2
    assert os.environ["GONGKAI_DATABASE_URL"] == url
    assert len(os.environ["GONGKAI_SECRET_KEY"]) >= 32
