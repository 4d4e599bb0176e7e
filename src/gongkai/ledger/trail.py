"""The audit trail: every change to ledger data leaves a row saying who, when, and what changed."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from gongkai.ledger.models import AuditLog, Base, User

SYSTEM = "system"


def actor_name(actor: User | None) -> str:
    return actor.username if actor is not None else SYSTEM


def _json(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(obj: Base) -> dict[str, Any]:
    """The row's column values as JSON-safe data (password hashes left out)."""
    mapper = sa.inspect(obj).mapper
    return {
        col.key: _json(getattr(obj, col.key))
        for col in mapper.column_attrs
        if col.key != "password_hash"
    }


def record_change(
    *,
    session: Session,
    actor: User | None,
    entity: str,
    entity_id: int | None,
    action: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditLog:
    if before is not None and after is not None:
        changed = {k for k in after if before.get(k) != after.get(k)}
        before = {k: v for k, v in before.items() if k in changed}
        after = {k: v for k, v in after.items() if k in changed}
    row = AuditLog(actor=actor_name(actor), entity=entity, entity_id=entity_id, action=action,
                   before=before, after=after)
    session.add(row)
    return row
