"""Migrations: an empty database upgrades to the models exactly, and back down again."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Engine

from gongkai.ledger import Base, make_engine, upgrade
from gongkai.ledger.db import MIGRATIONS, current_revision, downgrade, normalize_url

TABLES = {"agencies", "users", "requests", "request_events", "appeals", "normative_documents", "annual_figures",
          "audit_log", "holiday_years", "report_narratives", "alembic_version"}


def test_upgrade_creates_every_table(engine: Engine) -> None:
    assert set(sa.inspect(engine).get_table_names()) == TABLES
    assert current_revision(engine) == "0002"


def test_schema_matches_the_models(engine: Engine) -> None:
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_upgrade_is_idempotent_and_downgrade_empties(engine: Engine) -> None:
    upgrade(engine)
    downgrade(engine)
    assert set(sa.inspect(engine).get_table_names()) == {"alembic_version"}
    upgrade(engine)
    assert current_revision(engine) == "0002"


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


def test_bad_url_is_a_config_error() -> None:
    import pytest

    from gongkai.errors import ConfigError

    with pytest.raises(ConfigError, match="数据库地址无法识别"):
        make_engine("not a url")
