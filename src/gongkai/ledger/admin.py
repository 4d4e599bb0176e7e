"""What an admin changes: users (role, agency, disabled, password) and the agency tree.

Every function checks that the actor is an active admin (``PermissionDenied`` otherwise), writes
an audit row with the before and after values, and refuses changes that would leave the system
unusable: no admin may disable or demote themselves (so the last admin cannot lock everyone
out), an agency cannot move under its own subtree, and an agency with open requests or active
users cannot be retired. Changing one's own password is here too, for every role.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gongkai.errors import LedgerError, NotFound, PermissionDenied
from gongkai.ledger.access import hash_password, subtree_ids, verify_password
from gongkai.ledger.enums import OPEN_STATUSES, AgencyKind, Role
from gongkai.ledger.models import Agency, AuditLog, AuthSession, LoginFailure, Request, User
from gongkai.ledger.sessions import session_key
from gongkai.ledger.trail import record_change, snapshot

MIN_PASSWORD = 8
LOCK_WINDOW = timedelta(minutes=15)  # the login brake's window and count (web/throttle.py)
LOCK_FAILURES = 5


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)  # the ledger stores naive UTC (models._now)


def require_admin(actor: User | None) -> User:
    if actor is None or not actor.active or actor.role is not Role.ADMIN:
        raise PermissionDenied("只有管理员可以执行该操作")
    return actor


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"用户（编号 {user_id}）不存在")
    return user


def _agency(session: Session, agency_id: int) -> Agency:
    agency = session.get(Agency, agency_id)
    if agency is None:
        raise NotFound(f"机关（编号 {agency_id}）不存在")
    return agency


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise LedgerError(f"密码至少需要 {MIN_PASSWORD} 个字符")
    if password.strip() != password or not password.isprintable():
        raise LedgerError("密码不能以空格开头或结尾，也不能含有控制字符")


def revoke_sessions(session: Session, user_id: int, *, keep: str | None = None) -> int:
    """End the user's server-side sessions and tokens (all but ``keep``): a changed password or a
    disabled account must not stay logged in elsewhere."""
    now = _utcnow()
    query = (update(AuthSession).where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
             .values(revoked_at=now))
    if keep is not None:
        query = query.where(AuthSession.id != keep)
    return session.execute(query).rowcount or 0  # type: ignore[attr-defined]


def list_users(*, session: Session, actor: User) -> list[User]:
    require_admin(actor)
    return list(session.scalars(select(User).order_by(User.role, User.username)))


def update_user(*, session: Session, actor: User, user_id: int, role: Role | None = None,
                agency_id: int | None = None, active: bool | None = None, display_name: str | None = None) -> User:
    """Change role, agency, display name or the disabled flag. ``agency_id`` is applied together with
    ``role`` (an admin has none; a clerk or supervisor must have one)."""
    require_admin(actor)
    user = _user(session, user_id)
    before = snapshot(user)
    if user.id == actor.id and (active is False or (role is not None and Role(role) is not Role.ADMIN)):
        raise LedgerError("不能停用自己的账号或取消自己的管理员角色（请由另一位管理员操作）")
    if role is not None:
        role = Role(role)
        if role is Role.ADMIN:
            agency_id = None
        elif agency_id is None:
            raise LedgerError(f"{'经办人' if role is Role.CLERK else '监督人'}必须指定所属机关")
        else:
            agency = _agency(session, agency_id)
            if agency.retired:
                raise LedgerError(f"「{agency.name}」已撤销，不能再分配用户")
        user.role, user.agency_id = role, agency_id
    if display_name is not None:
        user.display_name = display_name.strip()[:100] or user.username
    if active is not None and active != user.active:
        user.active = active
        if not active:
            revoke_sessions(session, user.id)
    session.flush()
    after = snapshot(user)
    if after != before:
        record_change(session=session, actor=actor, entity="user", entity_id=user.id, action="update",
                      before=before, after=after)
    return user


def reset_password(*, session: Session, actor: User, user_id: int, password: str) -> User:
    """Set a new password for someone who forgot theirs; their sessions end and their lock is lifted."""
    require_admin(actor)
    check_password(password)
    user = _user(session, user_id)
    user.password_hash = hash_password(password)
    revoke_sessions(session, user.id)
    unlock(session=session, actor=actor, username=user.username, audit=False)
    session.flush()
    record_change(session=session, actor=actor, entity="user", entity_id=user.id, action="reset_password")
    return user


def change_own_password(*, session: Session, user: User, current: str, new: str,
                        keep_secret: str | None = None) -> None:
    """The user's own change: the current password must be right; every other session and token ends
    (``keep_secret``: the secret of the session making the change, which stays logged in)."""
    if not verify_password(user.password_hash, current):
        raise LedgerError("当前密码不正确")
    check_password(new)
    if new == current:
        raise LedgerError("新密码不能与当前密码相同")
    user.password_hash = hash_password(new)
    revoke_sessions(session, user.id, keep=session_key(keep_secret) if keep_secret else None)
    session.flush()
    record_change(session=session, actor=user, entity="user", entity_id=user.id, action="change_password")


@dataclass(frozen=True, slots=True)
class LockedAccount:
    username: str
    failures: int
    last_at: datetime
    user_id: int | None  # None: failures for a name that is not an account


def locked_accounts(*, session: Session, actor: User, now: datetime | None = None) -> list[LockedAccount]:
    """Names the login brake holds now: ``LOCK_FAILURES`` failures from one address within the window."""
    require_admin(actor)
    now = now or _utcnow()
    since = now - LOCK_WINDOW
    rows = session.execute(
        select(LoginFailure.username, LoginFailure.address, func.count(), func.max(LoginFailure.at))
        .where(LoginFailure.at >= since).group_by(LoginFailure.username, LoginFailure.address)
    ).all()
    held: dict[str, tuple[int, datetime]] = {}
    for username, _address, count, last in rows:
        if count >= LOCK_FAILURES:
            total, latest = held.get(username, (0, last))
            held[username] = (total + count, max(latest, last))
    ids = {name: uid for name, uid in session.execute(select(func.lower(User.username), User.id))} if held else {}
    return [LockedAccount(name, count, last, ids.get(name)) for name, (count, last) in sorted(held.items())]


def unlock(*, session: Session, actor: User, username: str, audit: bool = True) -> int:
    """Forget the name's failed logins (every address), so its owner may try again at once."""
    require_admin(actor)
    name = username.strip().lower()
    removed = session.execute(delete(LoginFailure).where(LoginFailure.username == name)).rowcount or 0  # type: ignore[attr-defined]
    if audit:
        user_id = session.scalar(select(User.id).where(func.lower(User.username) == name))
        record_change(session=session, actor=actor, entity="user", entity_id=user_id, action="unlock",
                      after={"username": name, "failures_cleared": removed})
    return removed


# --- agencies ------------------------------------------------------------------------------------


def rename_agency(*, session: Session, actor: User, agency_id: int, name: str) -> Agency:
    require_admin(actor)
    agency = _agency(session, agency_id)
    name = name.strip()
    if not name:
        raise LedgerError("机关名称不能为空")
    if len(name) > 200:
        raise LedgerError("机关名称过长，最多 200 个字")
    clash = session.scalar(select(Agency.id).where(Agency.name == name, Agency.id != agency.id))
    if clash is not None:
        raise LedgerError(f"机关「{name}」已存在")
    before = snapshot(agency)
    agency.name = name
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:
        raise LedgerError(f"机关「{name}」已存在") from None
    record_change(session=session, actor=actor, entity="agency", entity_id=agency.id, action="rename",
                  before=before, after=snapshot(agency))
    return agency


def move_agency(*, session: Session, actor: User, agency_id: int, parent_id: int | None) -> Agency:
    """Put the agency under ``parent_id`` (None: a root). Supervisors of the old and new regions see
    it move with its requests, since visibility follows the tree."""
    require_admin(actor)
    agency = _agency(session, agency_id)
    # Two admins moving A under B and B under A at once would each pass the cycle check alone: the
    # tree is read under a lock (FOR UPDATE; SQLite's write lock already serialises), one at a time.
    session.execute(select(Agency.id).with_for_update()).all()
    if parent_id is not None:
        parent = _agency(session, parent_id)
        if parent_id in subtree_ids(session=session, root_id=agency.id):
            raise LedgerError(f"不能把「{agency.name}」移到它自己或它的下级机关「{parent.name}」之下")
        if parent.retired:
            raise LedgerError(f"「{parent.name}」已撤销，不能作为上级机关")
    before = snapshot(agency)
    agency.parent_id = parent_id
    session.flush()
    record_change(session=session, actor=actor, entity="agency", entity_id=agency.id, action="move",
                  before=before, after=snapshot(agency))
    return agency


def set_agency_kind(*, session: Session, actor: User, agency_id: int, kind: AgencyKind) -> Agency:
    require_admin(actor)
    agency = _agency(session, agency_id)
    before = snapshot(agency)
    agency.kind = AgencyKind(kind)
    session.flush()
    record_change(session=session, actor=actor, entity="agency", entity_id=agency.id, action="update",
                  before=before, after=snapshot(agency))
    return agency


def retire_agency(*, session: Session, actor: User, agency_id: int, retired: bool = True) -> Agency:
    """Retire (撤销) an agency: its history and annual reports stay; it takes no new users. Refused while it
    has open requests, active users or active child agencies — those must be moved or finished first."""
    require_admin(actor)
    agency = _agency(session, agency_id)
    if retired:
        open_count = session.scalar(select(func.count()).select_from(Request).where(
            Request.agency_id == agency.id, Request.status.in_(OPEN_STATUSES))) or 0
        if open_count:
            raise LedgerError(f"「{agency.name}」还有 {open_count} 件未办结的申请，办结或移交后才能撤销")
        users = session.scalar(select(func.count()).select_from(User).where(
            User.agency_id == agency.id, User.active.is_(True))) or 0
        if users:
            raise LedgerError(f"「{agency.name}」还有 {users} 个启用的用户，请先停用或调整其所属机关")
        children = session.scalar(select(func.count()).select_from(Agency).where(
            Agency.parent_id == agency.id, Agency.retired.is_(False))) or 0
        if children:
            raise LedgerError(f"「{agency.name}」还有 {children} 个下级机关，请先移走或撤销")
    elif agency.parent_id is not None and _agency(session, agency.parent_id).retired:
        raise LedgerError("上级机关已撤销，请先恢复上级机关或移动本机关")
    before = snapshot(agency)
    agency.retired = retired
    session.flush()
    record_change(session=session, actor=actor, entity="agency", entity_id=agency.id,
                  action="retire" if retired else "restore", before=before, after=snapshot(agency))
    return agency


def agency_tree(*, session: Session) -> list[tuple[int, Agency]]:
    """Every agency in tree order with its depth (roots first, children by name), for the admin page."""
    agencies = list(session.scalars(select(Agency)))
    children: dict[int | None, list[Agency]] = {}
    for agency in agencies:
        children.setdefault(agency.parent_id, []).append(agency)
    out: list[tuple[int, Agency]] = []

    def walk(parent: int | None, depth: int) -> None:
        for agency in sorted(children.get(parent, []), key=lambda a: (a.retired, a.id)):
            out.append((depth, agency))
            walk(agency.id, depth + 1)

    walk(None, 0)
    return out


# --- the audit log -------------------------------------------------------------------------------


def search_audit_log(*, session: Session, actor: User, entity: str | None = None, username: str | None = None,
                     action: str | None = None, since: datetime | None = None, until: datetime | None = None,
                     entity_id: int | None = None, limit: int = 100, offset: int = 0) -> tuple[int, list[AuditLog]]:
    """Filtered audit rows, newest first, and how many match in all."""
    require_admin(actor)
    query = select(AuditLog)
    if entity:
        query = query.where(AuditLog.entity == entity)
    if username:
        query = query.where(AuditLog.actor == username.strip())
    if action:
        query = query.where(AuditLog.action.startswith(action))
    if entity_id is not None:
        query = query.where(AuditLog.entity_id == entity_id)
    if since is not None:
        query = query.where(AuditLog.at >= since)
    if until is not None:
        query = query.where(AuditLog.at < until)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(AuditLog.at.desc(), AuditLog.id.desc()).limit(limit).offset(offset))
    return total, list(rows)


def audit_entities(*, session: Session) -> Collection[str]:
    return list(session.scalars(select(AuditLog.entity).distinct().order_by(AuditLog.entity)))
