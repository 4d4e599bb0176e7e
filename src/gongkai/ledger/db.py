"""Engines, sessions and migrations.

Migrations run programmatically from the scripts inside the package, so an installed gongkai
needs no alembic.ini and no working directory: ``upgrade(url)`` is all a deployment does.

Concurrency. SQLite runs in WAL mode (readers never wait for the writer) with a busy timeout, and a
session made by ``write_session_factory`` opens its transactions with ``BEGIN IMMEDIATE``: it takes
the write lock before it reads, so two writers queue instead of both reading the same state and
the second failing with "database is locked" when it tries to write. PostgreSQL gives the same
guarantee through row locks (``get_request(..., for_update=True)``), the counter row of
``request_counters`` and the version check every UPDATE of a request carries.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from gongkai.errors import ConfigError
from gongkai.model.text import clean_text
from gongkai.settings import get_settings

MIGRATIONS = Path(__file__).parent / "migrations"


def normalize_url(url: str) -> str:
    """Use the psycopg 3 driver for a bare ``postgresql://`` URL (the form people copy around)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    """An engine for ``url`` (default: settings.database_url, a SQLite file in the user data dir)."""
    raw = normalize_url(url or get_settings().database_url)
    try:
        parsed = make_url(raw)
    except sa.exc.ArgumentError as exc:
        raise ConfigError(f"数据库地址无法识别：{raw}", message_en=f"bad database URL {raw}") from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        kwargs.setdefault("connect_args", {}).setdefault("check_same_thread", False)
        engine = sa.create_engine(parsed, **kwargs)
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        sa.event.listen(engine, "begin", _sqlite_begin)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return sa.create_engine(parsed, **kwargs)


BUSY_TIMEOUT_MS = 15_000
IMMEDIATE = "gongkai_immediate"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # the driver's own transaction handling is switched off; ``_sqlite_begin`` emits BEGIN itself
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # a no-op answer ("memory") for in-memory databases
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe in WAL mode: a crash loses no committed data
    cursor.close()


def _sqlite_begin(connection: sa.Connection) -> None:
    immediate = connection.get_execution_options().get(IMMEDIATE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _clean_strings(session: Session, _context: Any, _instances: Any) -> None:
    """Text hygiene at the one door every stored value passes (forms, API, Excel import, narrative):
    control characters never reach the database, so no export can choke on them later."""
    for obj in (*session.new, *session.dirty):
        state = sa.inspect(obj)
        for attr in state.mapper.column_attrs:
            value = state.dict.get(attr.key)
            if isinstance(value, str | dict | list):
                cleaned = _clean(value)
                if cleaned != value:
                    setattr(obj, attr.key, cleaned)


sa.event.listen(Session, "before_flush", _clean_strings)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def write_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose transactions take the write lock first (SQLite ``BEGIN IMMEDIATE``).

    For work that reads and then writes (a form submission, an API change, an import): it waits its
    turn instead of deciding on a state another writer is about to change. Elsewhere it is the same
    as ``session_factory``.
    """
    return sessionmaker(engine.execution_options(**{IMMEDIATE: True}), expire_on_commit=False)


def plain_rows(session: Session, statement: sa.Executable, params: Mapping[str, Any] | None = None) -> sa.Result[Any]:
    """Run a select of plain columns on the session's connection, in its transaction.

    ``Session.execute`` goes through the ORM's execution layer (events, identity map, loader options),
    which for a select that loads no ORM objects costs more than SQLite takes to answer it. Pending
    changes are flushed first, as ``Session.execute`` would.
    """
    if session.autoflush and (session.new or session.dirty or session.deleted):
        session.flush()
    return session.connection().execute(statement, params)


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def upgrade(engine_or_url: Engine | str | None = None, *, revision: str = "head") -> None:
    """Bring the database schema up to ``revision`` (creating it on an empty database)."""
    engine = engine_or_url if isinstance(engine_or_url, Engine) else make_engine(engine_or_url)
    cfg = alembic_config(engine)
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def downgrade(engine_or_url: Engine | str, *, revision: str = "base") -> None:
    """Undo migrations down to ``revision`` (``base`` drops every ledger table)."""
    engine = engine_or_url if isinstance(engine_or_url, Engine) else make_engine(engine_or_url)
    cfg = alembic_config(engine)
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def init_db(url: str | None = None) -> sessionmaker[Session]:
    """Engine + migrations + session factory: what the CLI and the web app need to start."""
    engine = make_engine(url)
    upgrade(engine)
    return session_factory(engine)
