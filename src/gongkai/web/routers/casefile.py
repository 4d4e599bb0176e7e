"""A request's case file: the letters it needs, its attachments and the appeals about it.

The request page (owned by the requests router) loads this panel with htmx, so letters and
attachments live in their own router and template without touching the request page's handler.
Every route loads the request through ``get_request``: another agency's request is a 404.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from gongkai.errors import LedgerError
from gongkai.ledger import Appeal, explain_due, get_request
from gongkai.ledger.attachments import (
    ATTACHMENT_LABELS,
    FILE_TYPES,
    MAX_ATTACHMENT_BYTES,
    add_attachment,
    attachments_root,
    delete_attachment,
    get_attachment,
    list_attachments,
    read_attachment,
)
from gongkai.ledger.hints import late_correction_notice, possible_duplicates
from gongkai.ledger.letters import (
    LETTER_TITLES,
    LetterKind,
    available_letters,
    legal_basis,
    letter_filename,
    render_letter,
)
from gongkai.web.annual import content_disposition
from gongkai.web.deps import CurrentUser, SessionDep, SettingsDep, Today, csrf_protect
from gongkai.web.templating import flash, render
from gongkai.writers.letter import DOCX_MEDIA_TYPE

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)


@router.get("/requests/{request_id}/casefile")
def casefile_panel(request: Request, request_id: int, user: CurrentUser, session: SessionDep, today: Today) -> Response:
    found = get_request(session=session, user=user, request_id=request_id)
    appeals = list(session.scalars(select(Appeal).where(Appeal.request_id == found.id).order_by(Appeal.filed_on)))
    deadline = explain_due(session=session, request=found, today=today)
    return render(
        request, "casefile/panel.html", req=found, letters=[(k, LETTER_TITLES[k]) for k in available_letters(found)],
        basis=legal_basis(found.outcome) if found.outcome else None,
        attachments=list_attachments(session=session, request_id=found.id), kinds=ATTACHMENT_LABELS,
        suffixes=sorted(FILE_TYPES), limit_mb=MAX_ATTACHMENT_BYTES // (1024 * 1024), appeals=appeals,
        duplicates=possible_duplicates(session=session, request=found),
        late_notice=late_correction_notice(found, deadline.correction_notice_due),
        notice_due=deadline.correction_notice_due,
    )


@router.get("/requests/{request_id}/letters/{kind}")
def download_letter(request: Request, request_id: int, kind: LetterKind, user: CurrentUser, session: SessionDep,
                    today: Today, to: Annotated[str, Query(max_length=100)] = "") -> Response:
    found = get_request(session=session, user=user, request_id=request_id)
    try:
        data = render_letter(request=found, kind=kind, agency_name=found.agency.name, today=today, third_party=to)
    except LedgerError as exc:
        flash(request, str(exc), "error")
        return RedirectResponse(f"/requests/{found.id}#casefile", status_code=303)
    name = letter_filename(found, kind)
    fallback = f"letter-{found.id}-{kind.value}.docx"
    return Response(data, media_type=DOCX_MEDIA_TYPE, headers={"Content-Disposition": content_disposition(name, fallback)})


@router.post("/requests/{request_id}/attachments")
async def upload_attachment(request: Request, request_id: int, user: CurrentUser, session: SessionDep,
                            settings: SettingsDep, file: Annotated[UploadFile, File()],
                            kind: Annotated[str, Form(max_length=32)] = "") -> Response:
    data = await file.read(MAX_ATTACHMENT_BYTES + 1)
    name = file.filename or ""

    def store() -> str:
        found = get_request(session=session, user=user, request_id=request_id)
        row = add_attachment(session=session, actor=user, request=found, kind=kind, filename=name, data=data,
                             root=attachments_root(settings.attachments_dir))
        return row.filename

    try:
        stored = await run_in_threadpool(store)
    except LedgerError as exc:
        session.rollback()
        flash(request, f"附件未保存：{exc}", "error")
    else:
        flash(request, f"已保存附件 {stored}")
    return RedirectResponse(f"/requests/{request_id}#casefile", status_code=303)


@router.get("/attachments/{attachment_id}")
def download_attachment(attachment_id: int, user: CurrentUser, session: SessionDep, settings: SettingsDep) -> Response:
    row, _found = get_attachment(session=session, user=user, attachment_id=attachment_id)
    data = read_attachment(row, attachments_root(settings.attachments_dir))
    fallback = f"attachment-{row.id}{('.' + row.stored_name.rsplit('.', 1)[-1]) if '.' in row.stored_name else ''}"
    # Always a download, never rendered inline: an uploaded file cannot run in the app's origin.
    return Response(data, media_type=row.media_type,
                    headers={"Content-Disposition": content_disposition(row.filename, fallback)})


@router.post("/attachments/{attachment_id}/delete")
def remove_attachment(request: Request, attachment_id: int, user: CurrentUser, session: SessionDep,
                      settings: SettingsDep) -> Response:
    row = delete_attachment(session=session, actor=user, attachment_id=attachment_id,
                            root=attachments_root(settings.attachments_dir))
    flash(request, f"已删除附件 {row.filename}")
    return RedirectResponse(f"/requests/{row.request_id}#casefile", status_code=303)
