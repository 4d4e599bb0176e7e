"""Agencies, users and who may see what.

Every query in the ledger takes the set of agency ids the caller may see; that set comes from
``visible_agency_ids`` alone: a clerk sees their agency, a supervisor the subtree under the
agency they supervise, an admin everything.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gongkai.errors import LedgerError, NotFound, PermissionDenied
from gongkai.ledger.enums import AgencyKind, Role
from gongkai.ledger.models import Agency, User
from gongkai.ledger.trail import record_change, snapshot

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def create_agency(
    *,
    session: Session,
    name: str,
    kind: AgencyKind,
    level: str | None = None,
    parent_id: int | None = None,
    actor: User | None = None,
) -> Agency:
    name = name.strip()
    if not name:
        raise LedgerError("机关名称不能为空")
    if session.scalar(select(Agency.id).where(Agency.name == name)) is not None:
        raise LedgerError(f"机关「{name}」已存在")
    parent = session.get(Agency, parent_id) if parent_id is not None else None
    if parent_id is not None and parent is None:
        raise NotFound(f"上级机关（编号 {parent_id}）不存在")
    if parent is not None and parent.retired:
        raise LedgerError(f"「{parent.name}」已撤销，不能作为上级机关")
    agency = Agency(name=name, kind=AgencyKind(kind), level=level, parent_id=parent_id)
    try:
        with session.begin_nested():  # the same name added twice at once: the second is told
            session.add(agency)
    except IntegrityError:
        raise LedgerError(f"机关「{name}」已存在") from None
    record_change(session=session, actor=actor, entity="agency", entity_id=agency.id, action="create",
                  after=snapshot(agency))
    return agency


def create_user(
    *,
    session: Session,
    username: str,
    password: str,
    role: Role,
    agency_id: int | None = None,
    display_name: str = "",
    actor: User | None = None,
    password_hash: str | None = None,
) -> User:
    """A new user; ``password_hash`` (an argon2 hash of ``password``) skips hashing again, e.g. for
    many demo users sharing one password."""
    role = Role(role)
    username = username.strip()
    if not username:
        raise LedgerError("用户名不能为空")
    if len(password) < 8:
        raise LedgerError("密码至少需要 8 个字符")
    if role is not Role.ADMIN and agency_id is None:
        raise LedgerError(f"{'经办人' if role is Role.CLERK else '监督人'}必须指定所属机关")
    agency = session.get(Agency, agency_id) if agency_id is not None else None
    if agency_id is not None and agency is None:
        raise NotFound(f"机关（编号 {agency_id}）不存在")
    if agency is not None and agency.retired:
        raise LedgerError(f"「{agency.name}」已撤销，不能再分配用户")
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise LedgerError(f"用户名「{username}」已被使用")
    user = User(username=username, password_hash=password_hash or hash_password(password), role=role,
                agency_id=agency_id, display_name=display_name or username, active=True)
    try:
        with session.begin_nested():  # two admins creating the same name at once: the second is told
            session.add(user)
    except IntegrityError:
        raise LedgerError(f"用户名「{username}」已被使用") from None
    record_change(session=session, actor=actor, entity="user", entity_id=user.id, action="create",
                  after=snapshot(user))
    return user


def authenticate(*, session: Session, username: str, password: str) -> User | None:
    """The active user with these credentials, or None (same answer for unknown user and bad password)."""
    user = session.scalar(select(User).where(User.username == username.strip()))
    if user is None:
        verify_password(_DUMMY_HASH, password)  # equalise timing with the known-user path
        return None
    if not user.active or not verify_password(user.password_hash, password):
        return None
    return user


_DUMMY_HASH = _hasher.hash("not-a-real-password")


def subtree_ids(*, session: Session, root_id: int) -> frozenset[int]:
    """``root_id`` and every agency below it."""
    children: dict[int | None, list[int]] = {}
    for agency_id, parent_id in session.execute(select(Agency.id, Agency.parent_id)):
        children.setdefault(parent_id, []).append(agency_id)
    out: set[int] = set()
    stack = [root_id]
    while stack:
        current = stack.pop()
        if current in out:
            continue
        out.add(current)
        stack.extend(children.get(current, ()))
    return frozenset(out)


def visible_agency_ids(*, session: Session, user: User | None) -> frozenset[int]:
    """The agencies ``user`` may see and change (None = the system itself: all)."""
    if user is None or (user.active and user.role is Role.ADMIN):
        return frozenset(session.scalars(select(Agency.id)))
    if not user.active or user.agency_id is None:
        return frozenset()
    if user.role is Role.SUPERVISOR:
        return subtree_ids(session=session, root_id=user.agency_id)
    return frozenset({user.agency_id})


def require_agency(*, session: Session, user: User | None, agency_id: int) -> Agency:
    agency = session.get(Agency, agency_id)
    if agency is None:
        raise NotFound(f"机关（编号 {agency_id}）不存在")
    if agency_id not in visible_agency_ids(session=session, user=user):
        raise PermissionDenied(f"无权查看或修改「{agency.name}」的数据")
    return agency


def list_agencies(*, session: Session, agency_ids: frozenset[int] | set[int]) -> list[Agency]:
    if not agency_ids:
        return []
    return list(session.scalars(select(Agency).where(Agency.id.in_(agency_ids)).order_by(Agency.id)))


def get_agency_by_name(*, session: Session, name: str) -> Agency:
    agency = session.scalar(select(Agency).where(Agency.name == name.strip()))
    if agency is None:
        raise NotFound(f"机关「{name}」不存在")
    return agency
