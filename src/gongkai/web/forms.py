"""Form input → ledger schemas, and pydantic errors → one Chinese message per field.

Pages keep what the user typed (``values``) and show each message next to its field, so a
rejected form never loses work.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from gongkai.web.labels import FIELD_LABELS

M = TypeVar("M", bound=BaseModel)
FieldErrors = dict[str, str]


class FormInvalid(Exception):
    """A form did not validate; ``errors`` maps field name → Chinese message."""

    def __init__(self, errors: FieldErrors) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def _message(error: Mapping[str, Any]) -> str:
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "此项必填"
    if kind.startswith("date") or kind.startswith("datetime"):
        return "日期格式不正确，应为“年-月-日”，如 2025-03-01"
    if kind in ("enum", "literal_error"):
        return "请从列表中选择一项"
    if kind == "string_too_short":
        return "此项不能为空" if ctx.get("min_length", 1) <= 1 else f"至少 {ctx['min_length']} 个字"
    if kind == "string_too_long":
        return f"过长，最多 {ctx.get('max_length')} 个字"
    if kind.startswith("int"):
        return "应为整数"
    if kind.startswith("decimal") or kind.startswith("float"):
        return "应为数字"
    if kind in ("greater_than", "greater_than_equal"):
        return f"应不小于 {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than", "less_than_equal"):
        return f"应不大于 {ctx.get('le', ctx.get('lt'))}"
    if kind == "value_error":
        message = str(error.get("msg", ""))
        return message.removeprefix("Value error, ") or "输入无效"
    return "输入无效"


def error_message(error: Mapping[str, Any]) -> str:
    """One pydantic error in Chinese (what the API returns as ``msg``)."""
    return _message(error)


def field_errors(exc: ValidationError) -> FieldErrors:
    """The first message for each field; errors not tied to a field go under ``"__all__"``."""
    out: FieldErrors = {}
    for error in exc.errors():
        loc = [str(p) for p in error.get("loc", ()) if not isinstance(p, int)]
        name = loc[-1] if loc else "__all__"
        if name not in FIELD_LABELS and name != "__all__":
            name = "__all__" if not loc else name
        out.setdefault(name, _message(error))
    return out


def describe(errors: FieldErrors) -> str:
    """One line for a flash message: "审结日期：此项必填；结果：…"."""
    return "；".join(f"{FIELD_LABELS.get(k, k)}：{v}" if k != "__all__" else v for k, v in errors.items())


def clean(form: Mapping[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """Strip strings and drop empty optional values so schema defaults apply."""
    out: dict[str, Any] = {}
    for name in fields:
        value = form.get(name)
        if isinstance(value, str):
            value = value.strip()
            if value == "":
                continue
        if value is not None:
            out[name] = value
    return out


def parse(schema: type[M], data: Mapping[str, Any]) -> M:
    try:
        return schema.model_validate(dict(data))
    except ValidationError as exc:
        raise FormInvalid(field_errors(exc)) from exc


def parse_date(value: str | None, field: str, *, required: bool = True) -> date | None:
    value = (value or "").strip()
    if not value:
        if required:
            raise FormInvalid({field: "此项必填"})
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FormInvalid({field: "日期格式不正确，应为“年-月-日”，如 2025-03-01"}) from None


def parse_int(value: str | None, field: str, *, required: bool = True) -> int | None:
    value = (value or "").strip()
    if not value:
        if required:
            raise FormInvalid({field: "此项必填"})
        return None
    try:
        return int(value)
    except ValueError:
        raise FormInvalid({field: "应为整数"}) from None


def parse_decimal(value: str | None, field: str) -> Decimal:
    text = (value or "").strip().replace(",", "")
    if not text:
        raise FormInvalid({field: "此项必填"})
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise FormInvalid({field: "应为数字"}) from None
    if not number.is_finite() or number < 0:
        raise FormInvalid({field: "应为不小于 0 的数字"})
    return number
