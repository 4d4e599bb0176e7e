"""A small two-county region in a fresh SQLite file per test, and clients logged in as its users.

示范县人民政府 (region root) ── 示范县教育局 (clerk_a), 示范县卫生健康委员会 (clerk_b)
邻县人民政府 ── 邻县教育局 (clerk_c); supervisor = 示范县, other_supervisor = 邻县.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from gongkai.ledger import AgencyKind, Role, create_agency, create_user, init_db
from gongkai.settings import Settings
from gongkai.web import create_app

TODAY = date(2025, 6, 16)  # a Monday, no holiday nearby
PASSWORD = "correct-horse-42"
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass(frozen=True)
class Region:
    county: int
    education: int
    health: int
    other_county: int
    other_education: int


def seed_region(session: Session) -> Region:
    county = create_agency(session=session, name="示范县人民政府", kind=AgencyKind.GOVERNMENT, level="县级")
    education = create_agency(session=session, name="示范县教育局", kind=AgencyKind.DEPARTMENT, parent_id=county.id)
    health = create_agency(session=session, name="示范县卫生健康委员会", kind=AgencyKind.DEPARTMENT,
                           parent_id=county.id)
    other = create_agency(session=session, name="邻县人民政府", kind=AgencyKind.GOVERNMENT, level="县级")
    other_education = create_agency(session=session, name="邻县教育局", kind=AgencyKind.DEPARTMENT,
                                    parent_id=other.id)
    for username, role, agency in (
        ("clerk_a", Role.CLERK, education),
        ("clerk_b", Role.CLERK, health),
        ("clerk_c", Role.CLERK, other_education),
        ("supervisor", Role.SUPERVISOR, county),
        ("other_supervisor", Role.SUPERVISOR, other),
    ):
        create_user(session=session, username=username, password=PASSWORD, role=role, agency_id=agency.id)
    create_user(session=session, username="admin", password=PASSWORD, role=Role.ADMIN)
    session.commit()
    return Region(county.id, education.id, health.id, other.id, other_education.id)


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Region]:
    """Migrate and seed once; each test gets its own copy of the file."""
    path = tmp_path_factory.mktemp("template") / "ledger.sqlite3"
    factory = init_db(f"sqlite:///{path}")
    with factory() as session, pytest.MonkeyPatch.context() as patch:
        # argon2 at its production cost takes ~0.2 s a hash or check; the cost lives in the hash,
        # so cheap hashes here make every login in the tests cheap too (still argon2id)
        patch.setattr("gongkai.ledger.access._hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
        ids = seed_region(session)
    factory.kw["bind"].dispose()
    return path, ids


@pytest.fixture
def database_url(tmp_path: Path, seeded: tuple[Path, Region]) -> str:
    target = tmp_path / "ledger.sqlite3"
    shutil.copyfile(seeded[0], target)
    return f"sqlite:///{target}"


@pytest.fixture
def region(seeded: tuple[Path, Region]) -> Region:
    return seeded[1]


@pytest.fixture
def app(database_url: str, region: Region, tmp_path: Path) -> FastAPI:
    settings = Settings(database_url=database_url, secret_key="test-secret-key-0123456789abcdef")
    return create_app(settings=settings, today=lambda: TODAY)


def csrf_of(html: str) -> str:
    found = CSRF_RE.search(html)
    assert found, "page has no CSRF field"
    return found.group(1)


class Browser(TestClient):
    """A TestClient that remembers the CSRF token of the last page it saw."""

    csrf: str = ""

    def page(self, url: str, **kwargs: object) -> str:
        response = self.get(url, **kwargs)  # type: ignore[arg-type]
        assert response.status_code == 200, (url, response.status_code, response.text[:500])
        found = CSRF_RE.search(response.text)
        if found:
            self.csrf = found.group(1)
        return response.text

    def submit(self, url: str, data: dict[str, str] | None = None, **kwargs: object):  # type: ignore[no-untyped-def]
        payload = {"csrf_token": self.csrf, **(data or {})}
        return self.post(url, data=payload, follow_redirects=False, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def make_client(app: FastAPI) -> Iterator[Callable[[str | None], Browser]]:
    clients: list[Browser] = []

    def make(username: str | None) -> Browser:
        client = Browser(app)
        client.__enter__()
        clients.append(client)
        if username is not None:
            client.page("/login")
            response = client.submit("/login", {"username": username, "password": PASSWORD, "next": "/"})
            assert response.status_code == 303, response.text[:500]
            client.page("/")
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def clerk_a(make_client: Callable[[str | None], Browser]) -> Browser:
    return make_client("clerk_a")


@pytest.fixture
def clerk_b(make_client: Callable[[str | None], Browser]) -> Browser:
    return make_client("clerk_b")


@pytest.fixture
def supervisor(make_client: Callable[[str | None], Browser]) -> Browser:
    return make_client("supervisor")


@pytest.fixture
def anonymous(make_client: Callable[[str | None], Browser]) -> Browser:
    return make_client(None)


def register_request(client: Browser, **fields: str) -> int:
    """Register a request through the form; return its id."""
    client.page("/requests/new")
    data = {"received_on": "2025-06-10", "channel": "online", "applicant_type": "natural_person",
            "applicant_name": "张三", "contact": "13800000000", "content": "申请公开2024年学校食堂招标文件"} | fields
    response = client.submit("/requests/new", data)
    assert response.status_code == 303, response.text[:2000]
    location = response.headers["location"]
    assert re.fullmatch(r"/requests/\d+", location), location
    return int(location.rsplit("/", 1)[1])


@pytest.fixture
def register() -> Callable[..., int]:
    return register_request
