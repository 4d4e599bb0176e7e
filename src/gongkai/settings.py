"""Typed settings (environment prefix GONGKAI_), e.g. GONGKAI_DATABASE_URL."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from platformdirs import user_data_dir
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_db() -> str:
    path = Path(user_data_dir("gongkai")) / "gongkai.sqlite3"
    return f"sqlite:///{path}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GONGKAI_", extra="ignore")

    database_url: str = _default_db()
    max_input_bytes: int = 50 * 1024 * 1024  # inputs larger than this are refused (TooLarge)
    secret_key: str = "change-me-in-production"
    # Publication deadlines (month, day) of the year after the report year, by agency kind.
    deadline_department: tuple[int, int] = (1, 31)
    deadline_township: tuple[int, int] = (1, 31)
    deadline_government: tuple[int, int] = (3, 31)


def get_settings() -> Settings:
    """Settings from the environment, built once per distinct set of GONGKAI_ variables.

    Building them costs about half a millisecond, which a batch of thousands of reports would pay
    on every file; a changed variable still takes effect on the next call.
    """
    key = tuple(sorted((k, v) for k, v in os.environ.items() if k.upper().startswith("GONGKAI_")))
    return _settings_for(key)


@functools.lru_cache(maxsize=8)
def _settings_for(_env: tuple[tuple[str, str], ...]) -> Settings:
    return Settings()
