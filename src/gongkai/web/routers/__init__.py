"""The page routers, one per resource. Each installs ``csrf_protect`` for all its unsafe methods."""

from fastapi import APIRouter

from gongkai.web.routers import (
    appeals,
    auth,
    dashboard,
    docs,
    documents,
    events,
    figures,
    holidays,
    reports,
    requests,
    upload,
)

ROUTERS: tuple[APIRouter, ...] = (
    auth.router,
    dashboard.router,
    requests.router,
    events.router,
    appeals.router,
    documents.router,
    figures.router,
    holidays.router,
    upload.router,  # before reports: /reports/upload is not an annual report
    reports.router,
    docs.router,
)
