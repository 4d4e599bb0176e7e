"""Migrations: an empty database upgrades to the models exactly, and back down again."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Engine

from gongkai.ledger import Base, make_engine, upgrade
from gongkai.ledger.db import MIGRATIONS, current_revision, downgrade, normalize_url

TABLES = {"agencies", "users", "requests", "request_events", "appeals", "normative_documents", "annual_figures",
          "audit_log", "holiday_years", "report_narratives", "alembic_version",
          "request_counters", "login_failures", "auth_sessions"}  # 0003


def head() -> str:
    from alembic.script import ScriptDirectory

    from gongkai.ledger.db import alembic_config

    found = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert found is not None
    return found


def test_upgrade_creates_every_table(engine: Engine) -> None:
    tables = set(sa.inspect(engine).get_table_names())
    assert tables >= TABLES
    assert current_revision(engine) == head()


def test_schema_matches_the_models(engine: Engine) -> None:
    import importlib.util

    # higher stages keep their tables in the ledger's metadata and migrations: load their models too
    for module in ("gongkai.supervise.records",):
        if importlib.util.find_spec(module) is not None:
            importlib.import_module(module)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_upgrade_is_idempotent_and_downgrade_empties(engine: Engine) -> None:
    upgrade(engine)
    downgrade(engine)
    assert set(sa.inspect(engine).get_table_names()) == {"alembic_version"}
    upgrade(engine)
    assert current_revision(engine) == head()


def test_0003_keeps_existing_requests_at_version_1(engine: Engine) -> None:
    downgrade(engine, revision="0002")
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO agencies (id, name, kind) VALUES (1, '示范县教育局', 'department')"))
        conn.execute(sa.text(
            "INSERT INTO requests (agency_id, number, applicant_type, applicant_name, contact, id_number, channel,"
            " content, note, received_on, status, due_provisional, extended_days, created_at, updated_at)"
            " VALUES (1, '2025-0001', 'natural_person', '张三', '', '', 'online', '内容', '', '2025-03-03',"
            " 'received', false, 0, '2025-03-03 08:00:00', '2025-03-03 08:00:00')"))
    upgrade(engine, revision="0003")
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT number, version FROM requests")).all() == [("2025-0001", 1)]
    downgrade(engine, revision="0002")
    assert "version" not in {c["name"] for c in sa.inspect(engine).get_columns("requests")}


def test_default_sqlite_file_parent_is_created(tmp_path, monkeypatch) -> None:
    target = tmp_path / "deep" / "dir" / "ledger.sqlite3"
    monkeypatch.setenv("GONGKAI_DATABASE_URL", f"sqlite:///{target}")
    eng = make_engine()
    upgrade(eng)
    eng.dispose()
    assert target.exists()


def test_url_normalisation_and_scripts_ship_with_the_package() -> None:
    assert normalize_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert normalize_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("sqlite:///x.db") == "sqlite:///x.db"
    assert (MIGRATIONS / "env.py").exists() and (MIGRATIONS / "versions" / "0001_initial.py").exists()
    assert (MIGRATIONS / "versions" / "0002_report_narratives.py").exists()
    assert (MIGRATIONS / "versions" / "0003_concurrency_sessions.py").exists()


def test_bad_url_is_a_config_error() -> None:
    import pytest

    from gongkai.errors import ConfigError

    with pytest.raises(ConfigError, match="数据库地址无法识别"):
        make_engine("not a url")
