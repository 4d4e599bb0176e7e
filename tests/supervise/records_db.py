"""Supervision records fixtures (imported by conftest.py): a migrated SQLite file per test (``db_factory``,
``db``) with a small region (``season``); ``sample`` reads a shipped sample report once per session."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from gongkai.ledger import (
    AgencyKind,
    Role,
    User,
    create_agency,
    create_user,
    make_engine,
    session_factory,
    upgrade,
)
from gongkai.supervise.workflow import Analysis, analyse

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "gongkai" / "sample_reports"


@dataclass(frozen=True)
class Region:
    county: int
    township: int
    department: int
    supervisor: User
    clerk: User


PG_ENV = "GONGKAI_TEST_POSTGRES_URL"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """SQLite always; PostgreSQL too when GONGKAI_TEST_POSTGRES_URL is set (a fresh schema per test)."""
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'sv.sqlite3'}")
        upgrade(eng)
        yield eng
        eng.dispose()
        return
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"PostgreSQL 未配置：运行 `eval \"$(scripts/postgres.sh)\"` 设置 {PG_ENV} 后再测试")
    schema = f"sv_{uuid.uuid4().hex[:16]}"
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    eng = make_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    try:
        upgrade(eng)
        yield eng
    finally:
        eng.dispose()
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def db_factory(db_engine: Engine) -> sessionmaker[Session]:
    return session_factory(db_engine)


@pytest.fixture
def db(db_factory: sessionmaker[Session]) -> Iterator[Session]:
    with db_factory() as s:
        yield s


@pytest.fixture
def season(db: Session, monkeypatch: pytest.MonkeyPatch) -> Region:
    from argon2 import PasswordHasher

    monkeypatch.setattr("gongkai.ledger.access._hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    county = create_agency(session=db, name="宁武县人民政府", kind=AgencyKind.GOVERNMENT)
    township = create_agency(session=db, name="宁武县涔山乡人民政府", kind=AgencyKind.TOWNSHIP, parent_id=county.id)
    department = create_agency(session=db, name="宁武县教育局", kind=AgencyKind.DEPARTMENT, parent_id=county.id)
    supervisor = create_user(session=db, username="jdr", password="password-123", role=Role.SUPERVISOR,
                             agency_id=county.id)
    clerk = create_user(session=db, username="clerk", password="password-123", role=Role.CLERK,
                        agency_id=township.id)
    db.commit()
    return Region(county.id, township.id, department.id, supervisor, clerk)


_CACHE: dict[str, Analysis] = {}


def sample(name: str) -> tuple[bytes, Analysis]:
    """A shipped sample's bytes and its analysis (read once per test session)."""
    data = (SAMPLES / name).read_bytes()
    if name not in _CACHE:
        _CACHE[name] = analyse(name, data)
    return data, _CACHE[name]
