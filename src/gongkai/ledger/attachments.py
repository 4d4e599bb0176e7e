"""Files kept with a request: the scanned application, the reply letter, the 送达回执.

Rules that keep them safe:
- only a few document and image types, recognised by their first bytes as well as their name
  (a renamed executable is refused), at most ``MAX_ATTACHMENT_BYTES`` each;
- the bytes are stored under a random name in a directory outside the web root (settings
  ``attachments_dir``), written to a temporary file and renamed into place, so a half-written
  file is never served;
- every read goes through ``get_attachment``, which checks that the user may see the request.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePath

import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.orm import Session

from gongkai.errors import LedgerError, NotFound
from gongkai.ledger.access import visible_agency_ids
from gongkai.ledger.models import Attachment, Request, User
from gongkai.ledger.trail import record_change, snapshot

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
MAX_ATTACHMENTS_PER_REQUEST = 50


class AttachmentKind(StrEnum):
    APPLICATION = "application"
    REPLY = "reply"
    RECEIPT = "receipt"
    OTHER = "other"


ATTACHMENT_LABELS: dict[str, str] = {
    AttachmentKind.APPLICATION: "申请材料（扫描件）",
    AttachmentKind.REPLY: "答复书",
    AttachmentKind.RECEIPT: "送达回执",
    AttachmentKind.OTHER: "其他材料",
}


@dataclass(frozen=True, slots=True)
class FileType:
    media_type: str
    magic: tuple[bytes, ...]


#: Accepted suffixes → what the first bytes must be. DOCX and OFD are ZIP containers.
FILE_TYPES: dict[str, FileType] = {
    ".pdf": FileType("application/pdf", (b"%PDF-",)),
    ".jpg": FileType("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": FileType("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": FileType("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".tif": FileType("image/tiff", (b"II*\x00", b"MM\x00*")),
    ".tiff": FileType("image/tiff", (b"II*\x00", b"MM\x00*")),
    ".docx": FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    ".ofd": FileType("application/ofd", (b"PK\x03\x04",)),
}


def _clean_name(filename: str) -> str:
    name = PurePath((filename or "").replace("\\", "/")).name.strip()
    name = "".join(ch for ch in name if ch.isprintable())
    return name[-200:] or "附件"


def check_file(filename: str, data: bytes) -> FileType:
    """The file's type, or LedgerError with one sentence naming the file and the problem."""
    name = _clean_name(filename)
    suffix = PurePath(name).suffix.lower()
    kind = FILE_TYPES.get(suffix)
    if kind is None:
        raise LedgerError(f"{name}：不支持的文件类型“{suffix or '无扩展名'}”，"
                          f"只接受 {'、'.join(sorted(FILE_TYPES))} 文件")
    if not data:
        raise LedgerError(f"{name} 是空文件")
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise LedgerError(f"{name} 超过 {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB，请压缩或拆分后再上传")
    if not data.startswith(kind.magic):
        raise LedgerError(f"{name} 的内容不是{suffix}文件（扩展名与内容不符）")
    return kind


def storage_path(root: Path, stored_name: str) -> Path:
    return root / stored_name[:2] / stored_name


def add_attachment(*, session: Session, actor: User, request: Request, kind: AttachmentKind | str,
                   filename: str, data: bytes, root: Path) -> Attachment:
    """Store ``data`` and its row. The caller has already loaded ``request`` through the user's scope."""
    try:
        kind = AttachmentKind(kind)
    except ValueError:
        raise LedgerError("请选择附件类别") from None
    if request.agency_id not in visible_agency_ids(session=session, user=actor):
        raise NotFound("未找到该申请")
    file_type = check_file(filename, data)
    count = len(list(session.scalars(select(Attachment.id).where(Attachment.request_id == request.id))))
    if count >= MAX_ATTACHMENTS_PER_REQUEST:
        raise LedgerError(f"每件申请最多保存 {MAX_ATTACHMENTS_PER_REQUEST} 个附件")
    stored = secrets.token_hex(16) + PurePath(_clean_name(filename)).suffix.lower()
    path = storage_path(root, stored)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(data)
    os.replace(partial, path)
    row = Attachment(request_id=request.id, kind=str(kind), filename=_clean_name(filename), stored_name=stored,
                     media_type=file_type.media_type, size=len(data), sha256=hashlib.sha256(data).hexdigest(),
                     uploaded_by=actor.username)
    session.add(row)
    session.flush()
    record_change(session=session, actor=actor, entity="attachment", entity_id=row.id, action="create",
                  after=snapshot(row))
    return row


def list_attachments(*, session: Session, request_id: int) -> list[Attachment]:
    return list(session.scalars(select(Attachment).where(Attachment.request_id == request_id)
                                .order_by(Attachment.uploaded_at, Attachment.id)))


def get_attachment(*, session: Session, user: User, attachment_id: int) -> tuple[Attachment, Request]:
    """The attachment and its request, if the user may see the request; otherwise NotFound (like a missing id)."""
    row = session.get(Attachment, attachment_id)
    request = session.get(Request, row.request_id) if row is not None else None
    if row is None or request is None or request.agency_id not in visible_agency_ids(session=session, user=user):
        raise NotFound("未找到该附件")
    return row, request


def read_attachment(row: Attachment, root: Path) -> bytes:
    path = storage_path(root, row.stored_name)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise NotFound(f"附件 {row.filename} 的文件已不在存储目录中，请联系管理员") from None


def delete_attachment(*, session: Session, actor: User, attachment_id: int, root: Path) -> Attachment:
    row, _request = get_attachment(session=session, user=actor, attachment_id=attachment_id)
    before = snapshot(row)
    session.delete(row)
    session.flush()
    record_change(session=session, actor=actor, entity="attachment", entity_id=attachment_id, action="delete",
                  before=before)
    # The file goes only once the row's deletion is committed: a rolled-back delete keeps both.
    path = storage_path(root, row.stored_name)
    sa.event.listen(session, "after_commit", lambda _s: path.unlink(missing_ok=True), once=True)
    return row


def attachments_root(configured: str | Path) -> Path:
    """The storage directory: the setting, or "attachments" in the user's data directory."""
    if str(configured):
        return Path(configured).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("gongkai")) / "attachments"
