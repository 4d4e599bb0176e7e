"""Jinja templates: one environment, Chinese date filters, flash messages and the CSRF token."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from gongkai.ledger import label
from gongkai.ledger.workdays import CHINA
from gongkai.web.findings_view import rule_name, where_text
from gongkai.web.labels import audit_action, event_label, outcome_label
from gongkai.web.security import CSRF_FIELD, csrf_token

TEMPLATE_DIR = Path(__file__).parent / "templates"
WEEKDAYS = "一二三四五六日"


def flash(request: Request, message: str, kind: str = "ok") -> None:
    """Queue a message for the next page shown to this session."""
    messages = list(request.session.get("flash", []))
    messages.append([kind, message])
    request.session["flash"] = messages[-5:]


def _page_context(request: Request) -> dict[str, Any]:
    return {
        "csrf_token": csrf_token(request.session),
        "csrf_field": CSRF_FIELD,
        "take_flashes": lambda: request.session.pop("flash", []),
        "path": request.url.path,
        "user": getattr(request.state, "viewer", None),
    }


def _date(value: date | datetime | None, weekday: bool = False) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        # stored as UTC without a zone; shown in China time, saying so (the server may run in UTC)
        aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return aware.astimezone(CHINA).strftime("%Y-%m-%d %H:%M") + " 北京时间"
    text = value.isoformat()
    return f"{text}（周{WEEKDAYS[value.weekday()]}）" if weekday else text


def _num(value: int | Decimal | float | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    return str(value)


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=TEMPLATE_DIR, context_processors=[_page_context])
    env = templates.env
    env.filters["d"] = _date
    env.filters["num"] = _num
    env.filters["label"] = label
    env.filters["event"] = event_label
    env.filters["outcome"] = outcome_label
    env.filters["audit_action"] = audit_action
    env.filters["rule_name"] = rule_name
    env.filters["where_text"] = where_text
    env.trim_blocks = True
    env.lstrip_blocks = True
    env.auto_reload = False  # templates ship with the package; no stat() per render
    return templates


def render(request: Request, template: str, /, status_code: int = 200, **context: Any) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template, context, status_code=status_code)
