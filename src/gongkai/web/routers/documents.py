"""The register of 规章 and 行政规范性文件, from which section 二's first block is computed."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.responses import RedirectResponse, Response

from gongkai.errors import LedgerError
from gongkai.ledger import (
    DocumentIn,
    DocumentKind,
    NormativeDocument,
    create_document,
    list_documents,
    repeal_document,
)
from gongkai.web.deps import CurrentUser, PostedForm, SessionDep, Today, VisibleAgencies, csrf_protect
from gongkai.web.forms import FieldErrors, FormInvalid, clean, describe, parse, parse_date
from gongkai.web.routers.requests import choices
from gongkai.web.scope import agencies, scoped_get
from gongkai.web.templating import flash, render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)

DOCUMENT_FIELDS = ("agency_id", "title", "doc_number", "kind", "issued_on", "repealed_on")


def _page(request: Request, session: SessionDep, visible: frozenset[int], today: Today,
          values: dict[str, str] | None = None, errors: FieldErrors | None = None, status_code: int = 200) -> Response:
    rows = sorted(list_documents(session=session, agency_ids=visible), key=lambda d: (d.issued_on, d.id), reverse=True)
    listed = agencies(session, visible)
    return render(
        request, "documents.html", status_code=status_code, rows=rows, today=today,
        values=values or {"issued_on": today.isoformat(), "kind": "normative"}, errors=errors or {},
        kind_choices=choices(DocumentKind), agency_choices=[(str(a.id), a.name) for a in listed],
        agencies={a.id: a for a in listed},
    )


@router.get("/documents")
def documents_page(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies,
                   today: Today) -> Response:
    return _page(request, session, visible, today)


@router.post("/documents")
def add_document(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today,
                 form: PostedForm) -> Response:
    values = {k: str(form.get(k, "")) for k in DOCUMENT_FIELDS}
    if len(visible) == 1 or (not values["agency_id"] and user.agency_id in visible):
        values["agency_id"] = str(user.agency_id if user.agency_id in visible else next(iter(visible)))
    try:
        created = create_document(session=session, actor=user, data=parse(DocumentIn, clean(values, DOCUMENT_FIELDS)))
    except FormInvalid as exc:
        return _page(request, session, visible, today, values, exc.errors, 400)
    except LedgerError as exc:
        session.rollback()
        return _page(request, session, visible, today, values, {"__all__": str(exc)}, 400)
    flash(request, f"已登记《{created.title}》")
    return RedirectResponse("/documents", status_code=303)


@router.post("/documents/{document_id}/repeal")
def repeal(request: Request, document_id: int, user: CurrentUser, session: SessionDep, visible: VisibleAgencies,
           form: PostedForm) -> Response:
    document = scoped_get(session, NormativeDocument, document_id, visible)
    try:
        on = parse_date(str(form.get("repealed_on", "")), "repealed_on")
        assert on is not None
        repeal_document(session=session, actor=user, document=document, on=on)
    except FormInvalid as exc:
        flash(request, describe(exc.errors), "error")
        return RedirectResponse("/documents", status_code=303)
    except LedgerError as exc:
        session.rollback()
        flash(request, str(exc), "error")
        return RedirectResponse("/documents", status_code=303)
    flash(request, f"已登记废止《{document.title}》（{on}）")
    return RedirectResponse("/documents", status_code=303)
