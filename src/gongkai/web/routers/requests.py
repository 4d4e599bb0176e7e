"""Requests: list and search, register, edit, and the request page (timeline, explained due date)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from gongkai.errors import ConcurrentChange, InvalidTransition, LedgerError
from gongkai.ledger import (
    ApplicantType,
    Channel,
    EventKind,
    Outcome,
    RequestIn,
    RequestStatus,
    RequestUpdate,
    User,
    count_requests,
    create_request,
    explain_due,
    get_request,
    label,
    list_audit_log,
    list_requests,
    update_request,
)
from gongkai.web.deps import CurrentUser, PostedForm, SessionDep, Today, VisibleAgencies, csrf_protect
from gongkai.web.forms import FieldErrors, FormInvalid, clean, parse
from gongkai.web.labels import EVENT_CHOICES, outcome_groups
from gongkai.web.scope import agencies, soon_until
from gongkai.web.templating import flash, render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)

PAGE_SIZE = 50
REQUEST_FIELDS = ("agency_id", "number", "received_on", "channel", "applicant_type", "applicant_name",
                  "id_number", "contact", "content", "note")
Ledger = Any  # a ledger Request row (the name Request is taken by Starlette's)


def choices(enum: type[Any]) -> list[tuple[str, str]]:
    return [(str(m), label(m)) for m in enum]


def form_context(session: Session, visible: frozenset[int]) -> dict[str, Any]:
    return {
        "agency_choices": [(str(a.id), a.name) for a in agencies(session, visible)],
        "channel_choices": choices(Channel),
        "applicant_choices": choices(ApplicantType),
    }


@router.get("/requests")
def request_list(
    request: Request,
    user: CurrentUser,
    session: SessionDep,
    visible: VisibleAgencies,
    today: Today,
    q: Annotated[str, Query(max_length=100)] = "",
    status: Annotated[str, Query(max_length=32)] = "",
    year: Annotated[str, Query(max_length=4)] = "",
    open_only: Annotated[str, Query(max_length=5)] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    chosen_status = RequestStatus(status) if status in RequestStatus.__members__.values() else None
    chosen_year = int(year) if year.isdigit() and 1990 < int(year) < 2200 else None
    only_open = open_only in ("1", "on", "true")
    filters: dict[str, Any] = {"agency_ids": visible, "status": chosen_status, "year": chosen_year,
                               "open_only": only_open, "search": q.strip() or None}
    total = count_requests(session=session, **filters)
    rows = list_requests(session=session, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, **filters)
    context: dict[str, Any] = {
        "rows": rows, "total": total, "page": page, "pages": max(1, -(-total // PAGE_SIZE)),
        "q": q, "status": status, "year": year, "open_only": only_open,
        "status_choices": choices(RequestStatus), "today": today, "soon_until": soon_until(session, today),
        "agencies": {a.id: a for a in agencies(session, visible)},
    }
    if request.headers.get("hx-request") and request.headers.get("hx-target") == "results":
        return render(request, "requests/_results.html", **context)
    return render(request, "requests/list.html", **context)


@router.get("/requests/new")
def new_request_page(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies,
                     today: Today) -> Response:
    values = {"received_on": today.isoformat(), "agency_id": str(user.agency_id or ""), "channel": "online",
              "applicant_type": "natural_person"}
    return render(request, "requests/form.html", values=values, errors={}, editing=None,
                  **form_context(session, visible))


@router.post("/requests/new")
def register_request(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies,
                     form: PostedForm, today: Today) -> Response:
    values = {k: str(form.get(k, "")) for k in REQUEST_FIELDS}
    if len(visible) == 1:
        values["agency_id"] = str(next(iter(visible)))
    elif not values["agency_id"] and user.agency_id in visible:
        values["agency_id"] = str(user.agency_id)
    try:
        data = parse(RequestIn, clean(values, REQUEST_FIELDS))
        created = create_request(session=session, actor=user, data=data, today=today)
    except FormInvalid as exc:
        return _form_again(request, session, visible, values, exc.errors, None)
    except LedgerError as exc:
        return _form_again(request, session, visible, values, {"__all__": str(exc)}, None)
    flash(request, f"已登记申请 {created.number}，答复期限 {created.due_on or '待定'}")
    return RedirectResponse(f"/requests/{created.id}", status_code=303)


def _form_again(request: Request, session: Session, visible: frozenset[int], values: dict[str, str],
                errors: FieldErrors, editing: Ledger | None, status_code: int = 400) -> Response:
    return render(request, "requests/form.html", status_code=status_code, values=values, errors=errors,
                  editing=editing, **form_context(session, visible))


@router.get("/requests/{request_id}")
def request_detail(request: Request, request_id: int, user: CurrentUser, session: SessionDep,
                   visible: VisibleAgencies, today: Today) -> Response:
    found = get_request(session=session, user=user, request_id=request_id)
    return request_page(request, session, user, found, today)


def request_page(request: Request, session: Session, user: User, found: Ledger, today: date, *,
                 status_code: int = 200, event_errors: FieldErrors | None = None,
                 event_values: dict[str, str] | None = None, decision_errors: FieldErrors | None = None,
                 decision_values: dict[str, str] | None = None, alert: str | None = None) -> Response:
    """The request page; failed event or decision forms re-render it with their messages
    (``alert``: a message for the whole page, e.g. another clerk changed the request meanwhile)."""
    deadline = explain_due(session=session, request=found, today=today)
    return render(
        request,
        "requests/detail.html",
        status_code=status_code,
        req=found,
        deadline=deadline,
        events=sorted(found.events, key=lambda e: (e.on, e.at, e.id)),
        history=list_audit_log(session=session, entity="request", entity_id=found.id, limit=50),
        today=today,
        soon_until=soon_until(session, today),
        event_choices=[(str(k), text) for k, text in EVENT_CHOICES],
        outcome_groups=outcome_groups(),
        event_errors=event_errors or {},
        event_values=event_values or {"on": today.isoformat()},
        decision_errors=decision_errors or {},
        decision_values=decision_values or {"on": _decision_date(found, today).isoformat()},
        outcomes=Outcome,
        alert=alert,
    )


def _decision_date(found: Ledger, today: date) -> date:
    """The decision form's date: after a withdrawal, the withdrawn decision's date (a corrected decision
    usually keeps it, so it stays in its year); otherwise today."""
    withdrawn = [e.on for e in found.events if e.kind == EventKind.DECISION and e.removed_at is not None]
    return withdrawn[-1] if withdrawn and found.is_open else today


@router.get("/requests/{request_id}/edit")
def edit_request_page(request: Request, request_id: int, user: CurrentUser, session: SessionDep,
                      visible: VisibleAgencies) -> Response:
    found = get_request(session=session, user=user, request_id=request_id)
    values = {k: _text(getattr(found, k)) for k in REQUEST_FIELDS}
    return render(request, "requests/form.html", values=values, errors={}, editing=found,
                  **form_context(session, visible))


@router.post("/requests/{request_id}/edit")
def edit_request(request: Request, request_id: int, user: CurrentUser, session: SessionDep,
                 visible: VisibleAgencies, form: PostedForm, today: Today) -> Response:
    found = get_request(session=session, user=user, request_id=request_id, for_update=True)
    fields = tuple(f for f in REQUEST_FIELDS if f != "agency_id")
    values = {k: str(form.get(k, "")) for k in fields}
    values["agency_id"] = str(found.agency_id)
    raw_version = str(form.get("version", "")).strip()
    version = int(raw_version) if raw_version.isdigit() else None
    values["version"] = raw_version
    try:
        given = clean(values, fields)
        for optional in ("contact", "id_number", "note"):  # clearing these is a real change
            given.setdefault(optional, "")
        data = parse(RequestUpdate, given)
        update_request(session=session, actor=user, request=found, data=data, today=today,
                       expected_version=version)
    except FormInvalid as exc:
        return _form_again(request, session, visible, values, exc.errors, found)
    except ConcurrentChange:
        session.rollback()
        values["version"] = ""  # the form shows the current version again: the clerk reviews, then saves
        return _form_again(request, session, visible, values, {"__all__": ConcurrentChange.MESSAGE}, found,
                           status_code=409)
    except (LedgerError, InvalidTransition) as exc:
        return _form_again(request, session, visible, values, {"__all__": str(exc)}, found)
    flash(request, f"已保存申请 {found.number} 的修改")
    return RedirectResponse(f"/requests/{found.id}", status_code=303)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
