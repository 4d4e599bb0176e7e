"""The clerk's start page: open requests by due date, overdue in red, due soon in amber."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from gongkai.ledger import most_urgent, open_summary
from gongkai.ledger.delivery import awaiting_delivery, count_awaiting_delivery
from gongkai.web.deps import CurrentUser, SessionDep, Today, VisibleAgencies, csrf_protect
from gongkai.web.routers.supervise_agency import clerk_notice
from gongkai.web.scope import soon_until
from gongkai.web.templating import render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)

DASHBOARD_ROWS = 50  # the most urgent; the request list has the rest


@router.get("/")
def dashboard(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today) -> Response:
    limit = soon_until(session, today)
    return render(
        request,
        "dashboard.html",
        rows=[(r, r.state(today, limit)) for r in most_urgent(session=session, agency_ids=visible, limit=DASHBOARD_ROWS)],
        counts=open_summary(session=session, agency_ids=visible, today=today, soon_until=limit, year=today.year),
        several=len(visible) > 1,
        today=today,
        soon_until=limit,
        shown=DASHBOARD_ROWS,
        notice=clerk_notice(session, user, today),
        undelivered=awaiting_delivery(session=session, agency_ids=visible, limit=DASHBOARD_ROWS),
        undelivered_count=count_awaiting_delivery(session=session, agency_ids=visible),
    )
