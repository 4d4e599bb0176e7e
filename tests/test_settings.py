"""Settings from GONGKAI_* variables: the pydantic-settings rules, without importing pydantic."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.errors import ConfigError
from gongkai.settings import Settings, get_settings


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for key in list(os.environ):
        if key.upper().startswith("GONGKAI_"):
            monkeypatch.delenv(key)


def test_defaults() -> None:
    s = Settings()
    assert s.max_input_bytes == 20 * 1024 * 1024
    assert s.read_timeout == 120.0
    assert s.deadline_government == (3, 31)
    assert s.database_url.startswith("sqlite:///") and s.database_url.endswith("gongkai.sqlite3")


def test_environment_is_parsed_by_type(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GONGKAI_MAX_INPUT_BYTES", "1234")
    monkeypatch.setenv("GONGKAI_READ_TIMEOUT", "2.5")
    monkeypatch.setenv("GONGKAI_DEADLINE_TOWNSHIP", "[2, 20]")
    monkeypatch.setenv("gongkai_deadline_department", "2,28")  # names match case-insensitively
    monkeypatch.setenv("GONGKAI_DATABASE_URL", "sqlite://")
    s = Settings()
    assert (s.max_input_bytes, s.read_timeout) == (1234, 2.5)
    assert (s.deadline_township, s.deadline_department) == ((2, 20), (2, 28))
    assert s.database_url == "sqlite://"


def test_arguments_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GONGKAI_READ_TIMEOUT", "5")
    assert Settings(read_timeout=0).read_timeout == 0
    assert Settings(max_input_bytes="99").max_input_bytes == 99  # strings are parsed like the environment


@pytest.mark.parametrize(("name", "value", "kind"), [
    ("GONGKAI_MAX_INPUT_BYTES", "lots", "整数"),
    ("GONGKAI_READ_TIMEOUT", "soon", "数字"),
    ("GONGKAI_DEADLINE_TOWNSHIP", "[1, 2, 3]", "tuple[int, int]"),
])
def test_bad_value_is_one_sentence_naming_the_variable(monkeypatch: pytest.MonkeyPatch, name: str, value: str,
                                                      kind: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as excinfo:
        Settings()
    assert str(excinfo.value) == f"设置 {name} 的值“{value}”无效（应为 {kind}）"


def test_unknown_argument_is_refused() -> None:
    with pytest.raises(TypeError, match="max_input_byte"):
        Settings(max_input_byte=1)


def test_model_copy_and_fields() -> None:
    s = Settings(secret_key="k" * 32)
    copy = s.model_copy(update={"database_url": "sqlite://"})
    assert copy.database_url == "sqlite://" and copy.secret_key == s.secret_key and s.database_url != "sqlite://"
    assert copy != s and Settings(secret_key="k" * 32) == s
    assert Settings.model_fields["secret_key"].default == "change-me-in-production"
    assert "k" * 32 not in repr(s)


def test_a_subclass_adds_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    class Extra(Settings):
        cache_dir: Path | None = None
        verbose: bool = False

    monkeypatch.setenv("GONGKAI_CACHE_DIR", "/var/cache/gk")
    monkeypatch.setenv("GONGKAI_VERBOSE", "yes")
    extra = Extra()
    assert extra.cache_dir == Path("/var/cache/gk") and extra.verbose is True
    assert Extra(cache_dir="none").cache_dir is None


def test_get_settings_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    first = get_settings()
    assert get_settings() is first
    monkeypatch.setenv("GONGKAI_READ_TIMEOUT", "7")
    assert get_settings().read_timeout == 7
