"""The main web flows on PostgreSQL (run when GONGKAI_TEST_POSTGRES_URL is set: scripts/postgres.sh).

Each test gets a fresh schema (search_path in the URL), migrated and seeded like the SQLite one.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import pytest
import sqlalchemy as sa

from gongkai.ledger import make_engine, session_factory, upgrade

from .conftest import Browser, Region, seed_region
from .test_requests import cell

PG_ENV = "GONGKAI_TEST_POSTGRES_URL"
pytestmark = pytest.mark.postgres


@pytest.fixture
def schema_url() -> Iterator[tuple[str, Region]]:
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"PostgreSQL 未配置：运行 `eval \"$(scripts/postgres.sh)\"` 设置 {PG_ENV} 后再测试")
    schema = f"w_{uuid.uuid4().hex[:16]}"
    admin = make_engine(base)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = f"{base}{'&' if '?' in base else '?'}options={quote(f'-csearch_path={schema}')}"
    engine = make_engine(url)
    try:
        upgrade(engine)
        with session_factory(engine)() as session:
            region = seed_region(session)
        engine.dispose()
        yield url, region
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def database_url(schema_url: tuple[str, Region]) -> str:
    return schema_url[0]


@pytest.fixture
def region(schema_url: tuple[str, Region]) -> Region:
    return schema_url[1]


def test_register_decide_and_count_on_postgres(clerk_a: Browser, register) -> None:  # type: ignore[no-untyped-def]
    rid = register(clerk_a, applicant_type="legal_service")
    assert clerk_a.submit(f"/requests/{rid}/decision", {"outcome": "withheld_process", "on": "2025-06-12"}).status_code == 303
    report = clerk_a.page("/reports?year=2025")
    assert cell(report, "requests.withheld_process.legal_service") == "1"
    assert cell(report, "requests.total.total") == "1"
    assert "目前没有办理中的申请" in clerk_a.page("/")


def test_isolation_on_postgres(clerk_a: Browser, clerk_b: Browser, supervisor: Browser, register) -> None:  # type: ignore[no-untyped-def]
    rid = register(clerk_a)
    assert clerk_b.get(f"/requests/{rid}").status_code == 404
    assert supervisor.get(f"/requests/{rid}").status_code == 200
    assert clerk_b.get(f"/api/v1/requests/{rid}").status_code == 404


def test_dashboard_and_search_on_postgres(clerk_a: Browser, register) -> None:  # type: ignore[no-untyped-def]
    register(clerk_a, received_on="2025-04-01", applicant_name="逾期者")
    html = clerk_a.page("/")
    assert "已逾期" in html and "逾期者" in html
    assert "逾期者" in clerk_a.page("/requests?q=逾期")


def test_narrative_edit_on_postgres(app, clerk_a: Browser, clerk_b: Browser, region: Region) -> None:  # type: ignore[no-untyped-def]
    clerk_a.page("/reports?year=2025")
    response = clerk_a.submit("/reports/narrative", {"agency_id": str(region.education), "year": "2025",
                                                     "section_5": "加强培训。"})
    assert response.status_code == 303
    assert "加强培训。</textarea>" in clerk_a.page("/reports?year=2025")
    # another agency's clerk posting for 教育局 is refused, and nothing is written
    clerk_b.page("/reports?year=2025")
    refused = clerk_b.submit("/reports/narrative", {"agency_id": str(region.education), "year": "2025",
                                                    "section_5": "越权"})
    assert refused.status_code == 403
    assert "加强培训。</textarea>" in clerk_a.page("/reports?year=2025")
    from gongkai.ledger import ReportNarrative

    with session_factory(app.state.engine)() as session:
        rows = session.scalars(sa.select(ReportNarrative).order_by(ReportNarrative.id)).all()
        assert [(r.agency_id, r.text) for r in rows] == [(region.education, "加强培训。")]


def test_holiday_upload_on_postgres(make_client) -> None:  # type: ignore[no-untyped-def]
    admin = make_client("admin")
    admin.page("/admin/holidays")
    response = admin.post("/admin/holidays", data={"csrf_token": admin.csrf}, follow_redirects=False,
                          files={"file": ("2027.yaml", b"year: 2027\nholidays:\n  - {name: x, start: 2027-01-01}\n")})
    assert response.status_code == 303
    assert "<td>2027</td><td>1</td><td>0</td>" in admin.page("/admin/holidays")
