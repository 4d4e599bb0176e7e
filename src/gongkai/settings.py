"""Typed settings from the environment (prefix GONGKAI_), e.g. GONGKAI_DATABASE_URL.

A plain class rather than pydantic-settings: importing pydantic costs about 0.15 s, more than
reading a report, and every ``gongkai parse`` pays it. The rules are pydantic-settings' own:
``Settings(field=value)`` wins, then ``GONGKAI_<FIELD>`` in the environment, then the default.
Environment values are parsed by the field's type (int, float, bool, str, Path, ``X | None``,
tuples and lists as JSON or comma-separated); a value that does not parse is a ``ConfigError``
naming the variable. Adding a setting is adding one annotated field with a default.
"""

from __future__ import annotations

import functools
import json
import os
import types
import typing
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

from gongkai.errors import ConfigError

PREFIX = "GONGKAI_"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _default_db() -> str:
    from platformdirs import user_data_dir

    path = Path(user_data_dir("gongkai")) / "gongkai.sqlite3"
    return f"sqlite:///{path}"


class Field(NamedTuple):
    """A setting's type and default (``Settings.model_fields[name].default``, as in pydantic)."""

    annotation: Any
    default: Any


class Settings:
    """Every setting gongkai reads; see docs/DEVELOPING.md (settings) for the list."""

    database_url: str = ""  # empty: a SQLite file in the user's data directory (see __init__)
    #: Inputs larger than this are refused (TooLarge). Reading is linear but costs up to ~0.6 s and
    #: ~40 MB of memory per MB of text or HTML (docs/benchmarks.md): 20 MB is ~12 s and < 0.9 GB,
    #: far above any real report (under 2 MB of text; DOCX/PDF larger only by their images).
    max_input_bytes: int = 20 * 1024 * 1024
    #: Seconds one file may take to read before it is reported unreadable; 0 = no limit.
    read_timeout: float = 120.0
    secret_key: str = "change-me-in-production"
    #: Request attachments (scans, reply letters, 送达回执), kept outside the web root;
    #: empty: "attachments" in the user's data directory.
    attachments_dir: str = ""
    # Publication deadlines (month, day) of the year after the report year, by agency kind.
    deadline_department: tuple[int, int] = (1, 31)
    deadline_township: tuple[int, int] = (1, 31)
    deadline_government: tuple[int, int] = (3, 31)
    #: Supervisors may change their region's ledgers (default: they read them only; supervise pages).
    supervisor_edits_ledger: bool = False

    _fields: ClassVar[dict[str, Any]]
    model_fields: ClassVar[dict[str, Field]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _declare(cls)

    def __init__(self, **overrides: Any) -> None:
        unknown = set(overrides) - set(self._fields)
        if unknown:
            raise TypeError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        for name, hint in self._fields.items():
            if name in overrides:
                value = overrides[name]
                if isinstance(value, str) and hint is not str:
                    value = _parse(value, hint, name)
            elif (raw := _env(name)) is not None:
                value = _parse(raw, hint, PREFIX + name.upper())
            else:
                value = getattr(type(self), name)
            object.__setattr__(self, name, value)
        if not self.database_url:  # the default is found when first asked for (_DefaultDatabase)
            del self.__dict__["database_url"]

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Settings:
        """A copy with some fields replaced (the name pydantic uses, which callers already know)."""
        copy = object.__new__(type(self))
        for name in self._fields:
            object.__setattr__(copy, name, (update or {}).get(name, getattr(self, name)))
        return copy

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self._fields}

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self.as_dict() == other.as_dict()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = {k: ("***" if k == "secret_key" else v) for k, v in self.as_dict().items()}
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in shown.items())})"


def _collect_fields(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    return {name: hint for name, hint in hints.items()
            if not name.startswith("_") and typing.get_origin(hint) is not ClassVar}


def _env(name: str) -> str | None:
    wanted = PREFIX + name.upper()
    value = os.environ.get(wanted)
    if value is not None:
        return value
    for key, val in os.environ.items():  # pydantic-settings matched names case-insensitively
        if key.upper() == wanted:
            return val
    return None


def _parse(raw: str, hint: Any, label: str) -> Any:
    try:
        return _convert(raw.strip(), hint)
    except (ValueError, TypeError) as exc:
        raise ConfigError(f"设置 {label} 的值“{raw}”无效（应为 {_type_name(hint)}）",
                          message_en=f"setting {label}={raw!r} is not a valid {_type_name(hint)}") from exc


def _convert(raw: str, hint: Any) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        if type(None) in args and raw.lower() in ("", "none", "null"):
            return None
        last: Exception | None = None
        for arg in args:
            if arg is type(None):
                continue
            try:
                return _convert(raw, arg)
            except (ValueError, TypeError) as exc:
                last = exc
        raise last or ValueError(raw)
    if origin in (tuple, list):
        items = json.loads(raw) if raw.startswith("[") else [p.strip() for p in raw.split(",") if p.strip()]
        if not isinstance(items, list):
            raise ValueError(raw)
        if origin is tuple and args and args[-1] is not Ellipsis:
            if len(items) != len(args):
                raise ValueError(raw)
            return tuple(_convert(str(item), arg) for item, arg in zip(items, args, strict=True))
        inner = args[0] if args else str
        values = [_convert(str(item), inner) for item in items]
        return tuple(values) if origin is tuple else values
    if hint is bool:
        lowered = raw.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ValueError(raw)
    if hint is int:
        return int(raw)
    if hint is float:
        return float(raw)
    if hint is Path:
        return Path(raw)
    if hint is str:
        return raw
    raise TypeError(f"unsupported setting type {hint!r}")


def _type_name(hint: Any) -> str:
    names = {int: "整数", float: "数字", bool: "true/false", str: "文字", Path: "路径"}
    if hint in names:
        return names[hint]
    return str(hint).replace("typing.", "")


def _declare(cls: type[Settings]) -> None:
    cls._fields = _collect_fields(cls)
    cls.model_fields = {name: Field(hint, getattr(cls, name)) for name, hint in cls._fields.items()}


_declare(Settings)


class _DefaultDatabase:
    """``database_url``'s default, a SQLite file in the user's data directory, found on first use.

    Finding it imports platformdirs (~7 ms), which ``gongkai parse`` and ``check`` never need.
    A non-data descriptor: once set on the instance, the instance's value is read directly.
    """

    def __get__(self, obj: Settings | None, owner: type | None = None) -> str:
        if obj is None:
            return ""  # the declared default (Settings.model_fields, subclasses)
        value = _default_db()
        object.__setattr__(obj, "database_url", value)
        return value


type.__setattr__(Settings, "database_url", _DefaultDatabase())


def get_settings() -> Settings:
    """Settings from the environment, built once per distinct set of GONGKAI_ variables.

    A batch of thousands of reports would otherwise rebuild them on every file; a changed variable
    still takes effect on the next call.
    """
    key = tuple(sorted((k, v) for k, v in os.environ.items() if k.upper().startswith(PREFIX)))
    return _settings_for(key)


@functools.lru_cache(maxsize=8)
def _settings_for(_env: tuple[tuple[str, str], ...]) -> Settings:
    return Settings()
