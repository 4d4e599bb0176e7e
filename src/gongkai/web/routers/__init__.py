"""The page routers, one per resource. Each installs ``csrf_protect`` for all its unsafe methods."""

from fastapi import APIRouter

from gongkai.web.routers import (
    account,
    admin,
    appeals,
    auth,
    casefile,
    dashboard,
    docs,
    documents,
    events,
    figures,
    holidays,
    ledger_excel,
    reports,
    requests,
    supervise,
    supervise_agency,
    supervise_comments,
    supervise_region,
    supervise_review,
    upload,
)

ROUTERS: tuple[APIRouter, ...] = (
    auth.router,
    dashboard.router,
    requests.router,
    events.router,
    casefile.router,
    appeals.router,
    documents.router,
    figures.router,
    holidays.router,
    admin.router,
    account.router,
    ledger_excel.router,
    upload.router,  # before reports: /reports/upload is not an annual report
    reports.router,
    supervise.router,
    supervise_review.router,
    supervise_region.router,
    supervise_agency.router,
    supervise_comments.router,
    docs.router,
)
