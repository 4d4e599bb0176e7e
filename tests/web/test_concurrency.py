"""Clerks at the same moment, against a real server (uvicorn on loopback, threads as clients), on
SQLite and on PostgreSQL: one of two simultaneous decisions or extensions is accepted, the other gets
409 and changes nothing; twenty simultaneous registrations are all accepted with distinct numbers."""

from __future__ import annotations

import os
import re
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from urllib.parse import quote

import httpx
import pytest
import sqlalchemy as sa
import uvicorn

from gongkai.ledger import make_engine, session_factory, upgrade
from gongkai.settings import Settings
from gongkai.web import create_app

from .conftest import PASSWORD, TODAY, Browser, Region, seed_region

PG_ENV = "GONGKAI_TEST_POSTGRES_URL"
CONFLICT = "该申请已被他人修改，请刷新后重试"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def server_db(request: pytest.FixtureRequest, database_url: str, region: Region) -> Iterator[tuple[str, Region]]:
    if request.param == "sqlite":
        yield database_url, region
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"PostgreSQL 未配置：运行 `eval \"$(scripts/postgres.sh)\"` 设置 {PG_ENV} 后再测试")
    schema = f"c_{uuid.uuid4().hex[:16]}"
    admin = make_engine(base)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = f"{base}{'&' if '?' in base else '?'}options={quote(f'-csearch_path={schema}')}"
    engine = make_engine(url)
    try:
        upgrade(engine)
        with session_factory(engine)() as session:
            pg_region = seed_region(session)
        engine.dispose()
        yield url, pg_region
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def server(server_db: tuple[str, Region]) -> Iterator[tuple[str, Region]]:
    """The app served by uvicorn on a free loopback port, in a thread of this process."""
    url, region = server_db
    settings = Settings(database_url=url, secret_key="test-secret-key-0123456789abcdef")
    app = create_app(settings=settings, today=lambda: TODAY)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "server did not start"
    try:
        yield f"http://127.0.0.1:{port}", region
    finally:
        srv.should_exit = True
        thread.join(timeout=20)
        sock.close()


_OPEN: list[httpx.Client] = []


@pytest.fixture(autouse=True)
def _close_clients() -> Iterator[None]:
    yield
    while _OPEN:
        _OPEN.pop().close()


def _client(base: str, username: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=60)
    _OPEN.append(client)
    token = client.post("/api/v1/token", json={"username": username, "password": PASSWORD})
    assert token.status_code == 200, token.text
    client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
    return client


def _at_once(n: int, call: Callable[[int], httpx.Response]) -> list[httpx.Response]:
    barrier = threading.Barrier(n)
    results: list[httpx.Response | None] = [None] * n

    def run(i: int) -> None:
        barrier.wait()
        results[i] = call(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert all(r is not None for r in results)
    return [r for r in results if r is not None]


def _register(client: httpx.Client, agency: int, name: str = "张三") -> dict:  # type: ignore[type-arg]
    response = client.post("/api/v1/requests", json={
        "agency_id": agency, "received_on": "2025-06-10", "channel": "online", "applicant_type": "natural_person",
        "applicant_name": name, "content": "申请公开2024年学校食堂招标文件"})
    assert response.status_code == 201, response.text
    body: dict = response.json()  # type: ignore[type-arg]
    assert response.headers["etag"] == f'"{body["version"]}"'
    return body


def test_two_simultaneous_decisions_one_accepted(server: tuple[str, Region], _close_clients: None) -> None:
    base, region = server
    clients = [_client(base, "clerk_a") for _ in range(2)]
    made = _register(clients[0], region.education)
    outcomes = ["granted", "withheld_secret"]
    responses = _at_once(2, lambda i: clients[i].post(
        f"/api/v1/requests/{made['id']}/decision", json={"outcome": outcomes[i], "on": "2025-06-12"},
        headers={"If-Match": f'"{made["version"]}"'}))
    assert sorted(r.status_code for r in responses) == [200, 409]
    loser = next(r for r in responses if r.status_code == 409)
    assert loser.json() == {"detail": CONFLICT}
    winner = outcomes[[r.status_code for r in responses].index(200)]
    now = clients[0].get(f"/api/v1/requests/{made['id']}").json()
    assert (now["status"], now["outcome"], now["version"]) == ("decided", winner, made["version"] + 1)
    assert [e["outcome"] for e in now["events"] if e["kind"] == "decision"] == [winner]


def test_two_simultaneous_extensions_one_accepted(server: tuple[str, Region], _close_clients: None) -> None:
    base, region = server
    clients = [_client(base, "clerk_a") for _ in range(2)]
    made = _register(clients[0], region.education)
    responses = _at_once(2, lambda i: clients[i].post(
        f"/api/v1/requests/{made['id']}/events", json={"kind": "extension", "on": "2025-06-12", "days": 5 + i},
        headers={"If-Match": f'"{made["version"]}"'}))
    assert sorted(r.status_code for r in responses) == [201, 409]
    now = clients[0].get(f"/api/v1/requests/{made['id']}").json()
    assert len([e for e in now["events"] if e["kind"] == "extension"]) == 1


def test_twenty_clients_registering_at_once(server: tuple[str, Region], _close_clients: None) -> None:
    base, region = server
    clients = [_client(base, "clerk_a") for _ in range(20)]
    responses = _at_once(20, lambda i: clients[i].post("/api/v1/requests", json={
        "agency_id": region.education, "received_on": "2025-06-10", "channel": "online",
        "applicant_type": "natural_person", "applicant_name": f"申请人{i}", "content": "申请公开预算"}))
    assert [r.status_code for r in responses] == [201] * 20, [r.text[:200] for r in responses if r.status_code != 201]
    numbers = sorted(r.json()["number"] for r in responses)
    assert numbers == [f"2025-{n:04d}" for n in range(1, 21)]


def test_a_stale_page_form_gets_409_and_changes_nothing(make_client: Callable[[str | None], Browser],
                                                        register: Callable[..., int]) -> None:
    first, second = make_client("clerk_a"), make_client("clerk_a")
    rid = register(first)
    page = first.page(f"/requests/{rid}")
    second.page(f"/requests/{rid}")
    version = re.search(r'name="version" value="(\d+)"', page)
    assert version is not None
    ok = first.submit(f"/requests/{rid}/decision", {"outcome": "granted", "on": "2025-06-12",
                                                   "version": version.group(1)})
    assert ok.status_code == 303
    late = second.submit(f"/requests/{rid}/events", {"kind": "extension", "on": "2025-06-12", "days": "5",
                                                    "version": version.group(1)})
    assert late.status_code == 409 and CONFLICT in late.text
    late = second.submit(f"/requests/{rid}/decision", {"outcome": "partial", "on": "2025-06-13",
                                                      "version": version.group(1)})
    assert late.status_code == 409 and CONFLICT in late.text
    after = first.page(f"/requests/{rid}")
    assert "（一）予以公开" in after and "延期" not in after.split('id="timeline"')[1].split("</section>")[0]


def test_a_stale_edit_form_gets_409_and_keeps_what_was_typed(make_client: Callable[[str | None], Browser],
                                                             register: Callable[..., int]) -> None:
    first, second = make_client("clerk_a"), make_client("clerk_a")
    rid = register(first)
    fields = {"number": "2025-0001", "received_on": "2025-06-10", "channel": "online",
              "applicant_type": "natural_person", "content": "申请公开2024年学校食堂招标文件"}
    version = re.search(r'name="version" value="(\d+)"', first.page(f"/requests/{rid}/edit"))
    second.page(f"/requests/{rid}/edit")
    assert version is not None
    saved = first.submit(f"/requests/{rid}/edit", fields | {"applicant_name": "张三丰", "version": version.group(1)})
    assert saved.status_code == 303
    late = second.submit(f"/requests/{rid}/edit", fields | {"applicant_name": "张四", "version": version.group(1)})
    assert late.status_code == 409 and CONFLICT in late.text and 'value="张四"' in late.text
    assert "张三丰" in first.page(f"/requests/{rid}")
