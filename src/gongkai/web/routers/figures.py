"""Section 二 figures entered per year (许可、处罚、强制 decisions; fees in 万元), each with its source."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import RedirectResponse, Response

from gongkai.errors import LedgerError
from gongkai.ledger import FIGURE_KEYS, list_annual_figures, set_annual_figure
from gongkai.web.deps import CurrentUser, PostedForm, SessionDep, Today, VisibleAgencies, csrf_protect
from gongkai.web.forms import FieldErrors, FormInvalid, parse_decimal
from gongkai.web.scope import agencies, default_report_year, form_agency, pick_agency, year_or_none
from gongkai.web.templating import flash, render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)

FIGURE_TEXT: dict[str, tuple[str, str]] = {
    "active.licensing.decisions": ("第二十条第（五）项 · 行政许可", "本年处理决定数量（件）"),
    "active.punishment.decisions": ("第二十条第（六）项 · 行政处罚", "本年处理决定数量（件）"),
    "active.coercion.decisions": ("第二十条第（六）项 · 行政强制", "本年处理决定数量（件）"),
    "active.fees.amount": ("第二十条第（八）项 · 行政事业性收费", "本年收费金额（万元）"),
}


def _page(request: Request, session: SessionDep, visible: frozenset[int], agency_id: int, year: int,
          errors: FieldErrors | None = None, values: dict[str, str] | None = None, status_code: int = 200) -> Response:
    stored = {f.key: f for f in list_annual_figures(session=session, agency_id=agency_id, year=year)}
    if values is None:
        values = {}
        for key in FIGURE_KEYS:
            if key in stored:
                values[key] = format(stored[key].value.normalize(), "f")
                values[f"{key}:source"] = stored[key].source
    return render(
        request, "figures.html", status_code=status_code, agency_id=agency_id, year=year,
        agency_choices=[(str(a.id), a.name) for a in agencies(session, visible)],
        keys=FIGURE_KEYS, text=FIGURE_TEXT, values=values, errors=errors or {}, stored=stored,
    )


@router.get("/figures")
def figures_page(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today,
                 agency_id: Annotated[str, Query(max_length=12)] = "",
                 year: Annotated[str, Query(max_length=6)] = "") -> Response:
    return _page(request, session, visible, pick_agency(user, visible, int(agency_id) if agency_id.isdigit() else None),
                 year_or_none(year) or default_report_year(today))


@router.post("/figures")
def save_figures(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today,
                 form: PostedForm) -> Response:
    values = {k: str(v) for k, v in form.items() if isinstance(v, str)}
    agency_id = form_agency(user, visible, values.get("agency_id"))
    year = year_or_none(values.get("year")) or default_report_year(today)
    errors: FieldErrors = {}
    changed = 0
    for key in FIGURE_KEYS:
        raw = values.get(key, "").strip()
        if not raw:
            continue
        try:
            number = parse_decimal(raw, key)
            if not key.endswith(".amount") and number != number.to_integral_value():
                raise FormInvalid({key: "件数应为整数"})
        except FormInvalid as exc:
            errors.update(exc.errors)
            continue
        try:
            set_annual_figure(session=session, actor=user, agency_id=agency_id, year=year, key=key, value=number,
                              source=values.get(f"{key}:source", "").strip()[:500])
            changed += 1
        except LedgerError as exc:
            errors[key] = str(exc)
    if errors:
        session.rollback()
        return _page(request, session, visible, agency_id, year, errors, values, 400)
    flash(request, f"已保存 {year} 年的 {changed} 项数据")
    return RedirectResponse(f"/figures?agency_id={agency_id}&year={year}", status_code=303)
