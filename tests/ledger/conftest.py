"""Ledger fixtures: every test gets its own database, on SQLite always and on PostgreSQL when
GONGKAI_TEST_POSTGRES_URL is set (scripts/postgres.sh starts one and prints the URL).

A PostgreSQL test runs in a fresh schema (search_path) that is dropped afterwards, so tests
never share state even on one server.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from gongkai.ledger import (
    Agency,
    AgencyKind,
    Role,
    User,
    create_agency,
    create_user,
    make_engine,
    session_factory,
    upgrade,
)

PG_ENV = "GONGKAI_TEST_POSTGRES_URL"
PG_SKIP = f"PostgreSQL 未配置：运行 `eval \"$(scripts/postgres.sh)\"` 设置 {PG_ENV} 后再测试"
TODAY = date(2025, 12, 31)  # fixed "today" so no test depends on the day it runs


def _pg_engine(schema: str) -> tuple[Engine, Engine]:
    url = os.environ[PG_ENV]
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    return admin, engine


@pytest.fixture(autouse=True)
def _cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 at its production cost takes ~0.1 s a hash; tests create many users."""
    from argon2 import PasswordHasher

    monkeypatch.setattr("gongkai.ledger.access._hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("ledger") / "ledger.sqlite3"
        eng = make_engine(f"sqlite:///{path}")
        upgrade(eng)
        yield eng
        eng.dispose()
        return
    if not os.environ.get(PG_ENV):
        pytest.skip(PG_SKIP)
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin, eng = _pg_engine(schema)
    try:
        upgrade(eng)
        yield eng
    finally:
        eng.dispose()
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with session_factory(engine)() as s:
        yield s


@dataclass
class Region:
    county: Agency
    dept: Agency
    other_dept: Agency
    town: Agency
    clerk: User
    other_clerk: User
    town_clerk: User
    supervisor: User
    admin: User


@pytest.fixture
def region(session: Session) -> Region:
    """A county with two departments and a township, a clerk for each, a supervisor and an admin."""
    county = create_agency(session=session, name="示范县人民政府", kind=AgencyKind.GOVERNMENT, level="县级")
    dept = create_agency(session=session, name="示范县教育局", kind=AgencyKind.DEPARTMENT, parent_id=county.id)
    other = create_agency(session=session, name="示范县公安局", kind=AgencyKind.DEPARTMENT, parent_id=county.id)
    town = create_agency(session=session, name="城关镇人民政府", kind=AgencyKind.TOWNSHIP, parent_id=county.id)
    pw = "password-123"
    region = Region(
        county, dept, other, town,
        clerk=create_user(session=session, username="clerk", password=pw, role=Role.CLERK, agency_id=dept.id),
        other_clerk=create_user(session=session, username="clerk2", password=pw, role=Role.CLERK,
                                agency_id=other.id),
        town_clerk=create_user(session=session, username="clerk3", password=pw, role=Role.CLERK,
                               agency_id=town.id),
        supervisor=create_user(session=session, username="sup", password=pw, role=Role.SUPERVISOR,
                               agency_id=county.id),
        admin=create_user(session=session, username="admin", password=pw, role=Role.ADMIN),
    )
    session.commit()
    return region
