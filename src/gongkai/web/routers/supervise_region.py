"""The region's year as a whole: totals with year-over-year charts, copied text, scores, the 通报."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import RedirectResponse, Response

from gongkai.model.bulletin import Bulletin
from gongkai.model.report import Report, Source
from gongkai.model.template import template_in_force
from gongkai.supervise import region as rg
from gongkai.supervise.aggregate import compare_with_summary, jumps, zero_columns
from gongkai.supervise.records import Bulletin as StoredBulletin
from gongkai.supervise.season import latest_choices, latest_reports, reports_of
from gongkai.web import bulletins
from gongkai.web.annual import content_disposition
from gongkai.web.charts import bar_chart
from gongkai.web.deps import CurrentUser, PostedForm, SessionDep, Today, VisibleAgencies, csrf_protect
from gongkai.web.supervision import RegionView, region_view
from gongkai.web.tableview import report_tables
from gongkai.web.templating import flash, render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)

RegionQuery = Annotated[int | None, Query()]
YearQuery = Annotated[int | None, Query(ge=1991, le=2199)]
CHART_YEARS = 5
OUTCOMES = (("予以公开", ("granted",)), ("部分公开", ("partial",)), ("不予公开", ("withheld_",)),
            ("无法提供", ("unavailable_",)), ("不予处理", ("not_handled_",)), ("其他处理", ("other_",)))


def _as_report(values: dict[str, int | Decimal | None], year: int) -> Report:
    report = Report(source=Source("区域汇总", "yaml"), template=template_in_force(year), year=year)
    for key, value in values.items():
        if value is not None:
            report.set_cell(key, value)
    return report


def _sum(totals: rg.RegionTotals, prefixes: tuple[str, ...]) -> int | Decimal | None:
    found = [c.value for k, c in totals.cells.items() if k.endswith(".total") and k.startswith("requests.")
             and any(k.startswith("requests." + p) for p in prefixes) and c.value is not None]
    return sum(found) if found else None


@router.get("/supervise/totals")
def totals_page(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today,
                region: RegionQuery = None, year: YearQuery = None,
                accepted: Annotated[bool, Query()] = False) -> Response:
    view = region_view(session, user, visible, region, year, today)
    years = list(range(view.year - CHART_YEARS + 1, view.year + 1))
    choices = latest_choices(session, view.root.id, years)
    by_year = {y: t for y in years if (t := rg.summed(session, y, choices[y])).included}
    totals = (rg.totals(session, view.root.id, view.year, accepted_only=True) if accepted
              else rg.summed(session, view.year, choices[view.year]))
    report = _as_report({k: c.value for k, c in totals.cells.items()}, view.year)
    lacking = {k for k, c in totals.cells.items() if not c.complete}
    own = latest_reports(session, view.root.id, view.year, include_root=True).get(view.root.name)
    differences = compare_with_summary(totals, own) if own is not None and own.scope == "summary" else []
    charts = _charts(years, by_year)
    reports_by_year = {y: reports_of(session, choices[y]) for y in by_year}
    outliers = jumps(reports_by_year)
    outliers += zero_columns({y: {k: c.value for k, c in t.cells.items()} for y, t in by_year.items()})
    return render(request, "supervise/totals.html", view=view, totals=totals, tables=report_tables(report),
                  lacking=lacking, differences=differences, own=own, charts=charts, outliers=outliers,
                  accepted=accepted)


def _charts(years: list[int], by_year: dict[int, rg.RegionTotals]) -> list[object]:
    def value(year: int, key: str) -> int | Decimal | None:
        t = by_year.get(year)
        return t.value(key) if t else None

    received = bar_chart("本年新收申请（件）", years, [("新收申请", [value(y, "requests.received.total") for y in years])])
    outcomes = bar_chart("办理结果（件）", years, [(name, [(_sum(by_year[y], prefixes) if y in by_year else None)
                                                          for y in years]) for name, prefixes in OUTCOMES[:4]])
    appeals = bar_chart("行政复议和行政诉讼（件）", years, [
        ("行政复议", [value(y, "appeals.review.total") for y in years]),
        ("直接起诉", [value(y, "appeals.suit_direct.total") for y in years]),
        ("复议后起诉", [value(y, "appeals.suit_after_review.total") for y in years])])
    return [received, outcomes, appeals]


@router.get("/supervise/copied")
def copied_page(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today,
                region: RegionQuery = None, year: YearQuery = None,
                pair: Annotated[int | None, Query(ge=0)] = None) -> Response:
    view = region_view(session, user, visible, region, year, today)
    found, texts = rg.copies(session, view.root.id, view.year)
    chosen = found[pair] if pair is not None and pair < len(found) else None
    sides = None
    if chosen is not None:
        a, b = texts[chosen.files[0]], texts[chosen.files[1]]
        sides = (_marked(a.text, [(p.a_start, p.a_end) for p in chosen.passages]),
                 _marked(b.text, [(p.b_start, p.b_end) for p in chosen.passages]), a, b)
    return render(request, "supervise/copied.html", view=view, found=found, texts=texts, chosen=chosen,
                  pair=pair, sides=sides)


def _marked(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """The text cut into (piece, shared?) so the template marks shared passages without raw HTML."""
    out: list[tuple[str, bool]] = []
    at = 0
    for start, end in sorted(spans):
        start = max(start, at)
        if start >= end:
            continue
        out.append((text[at:start], False))
        out.append((text[start:end], True))
        at = end
    out.append((text[at:], False))
    return [p for p in out if p[0]]


@router.get("/supervise/scores")
def scores_page(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today,
                region: RegionQuery = None, year: YearQuery = None) -> Response:
    view = region_view(session, user, visible, region, year, today)
    scheme = rg.region_scheme(session, view.root.id)
    data = rg.season(session, view.root.id, view.year, today, scheme)
    ranked = sorted(data.rows, key=lambda r: (data.scores[r.agency_id].score, r.name))
    return render(request, "supervise/scores.html", view=view, rows=ranked, scores=data.scores, scheme=scheme)


def _draft(session: SessionDep, view: RegionView, today: Today) -> Bulletin:
    return rg.bulletin_draft(session, view.root.id, view.year, today, region=view.root.name,
                             issuer=f"{view.root.name}办公室")


def _stored(session: SessionDep, view: RegionView) -> StoredBulletin | None:
    return session.scalar(sa.select(StoredBulletin).where(StoredBulletin.agency_id == view.root.id,
                                                          StoredBulletin.year == view.year))


def _current(session: SessionDep, view: RegionView, today: Today) -> tuple[Bulletin, StoredBulletin | None]:
    draft = _draft(session, view, today)
    stored = _stored(session, view)
    if stored is None:
        return draft, None
    return bulletins.edited(draft, stored.title, stored.body), stored


@router.get("/supervise/bulletin")
def bulletin_page(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today,
                  region: RegionQuery = None, year: YearQuery = None) -> Response:
    view = region_view(session, user, visible, region, year, today)
    bulletin, stored = _current(session, view, today)
    text = stored.body if stored is not None else bulletins.to_text(bulletin)
    return render(request, "supervise/bulletin.html", view=view, bulletin=bulletin, stored=stored, text=text,
                  max_chars=bulletins.MAX_CHARS, docx=_docx_writer() is not None)


@router.post("/supervise/bulletin")
def bulletin_save(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today,
                  form: PostedForm, region: RegionQuery = None, year: YearQuery = None) -> Response:
    view = region_view(session, user, visible, region, year, today)
    stored = _stored(session, view)
    back = f"/supervise/bulletin?{view.query}"
    if form.get("action") == "reset":
        if stored is not None:
            session.delete(stored)
        flash(request, "已按最新审查结果重新生成通报草稿")
        return RedirectResponse(back, status_code=303)
    title = str(form.get("title", "")).strip()[:200]
    body = str(form.get("body", ""))
    if not title or not body.strip():
        flash(request, "通报标题和正文都不能为空", "error")
        return RedirectResponse(back, status_code=303)
    if len(body) > bulletins.MAX_CHARS:
        flash(request, f"通报正文过长（最多 {bulletins.MAX_CHARS} 字）", "error")
        return RedirectResponse(back, status_code=303)
    if stored is None:
        stored = StoredBulletin(agency_id=view.root.id, year=view.year, title=title, body=body,
                                updated_by=user.username)
        session.add(stored)
    else:
        stored.title, stored.body, stored.updated_by = title, body, user.username
    flash(request, "已保存通报正文")
    return RedirectResponse(back, status_code=303)


def _docx_writer() -> object | None:
    try:
        from gongkai.writers import bulletin_docx
    except ImportError:
        return None
    return getattr(bulletin_docx, "write_bulletin_docx", None)


@router.get("/supervise/bulletin.docx")
def bulletin_docx(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today,
                  region: RegionQuery = None, year: YearQuery = None) -> Response:
    view = region_view(session, user, visible, region, year, today)
    writer = _docx_writer()
    if writer is None:
        flash(request, "本安装缺少通报 DOCX 生成模块", "error")
        return RedirectResponse(f"/supervise/bulletin?{view.query}", status_code=303)
    bulletin, _ = _current(session, view, today)
    data = writer(bulletin)  # type: ignore[operator]
    return Response(data, media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    headers={"Content-Disposition": content_disposition(f"{bulletin.title}.docx",
                                                                        f"bulletin-{view.year}.docx")})


@router.get("/supervise/bulletin.xlsx")
def bulletin_xlsx(request: Request, user: CurrentUser, session: SessionDep, visible: VisibleAgencies, today: Today,
                  region: RegionQuery = None, year: YearQuery = None) -> Response:
    from gongkai.writers.bulletin_xlsx import write_bulletin_xlsx

    view = region_view(session, user, visible, region, year, today)
    bulletin, _ = _current(session, view, today)
    name = f"{view.root.name}{view.year}年度报告检查情况.xlsx"
    return Response(write_bulletin_xlsx(bulletin),
                    media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": content_disposition(name, f"bulletin-{view.year}.xlsx")})


