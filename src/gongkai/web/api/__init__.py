"""The JSON API under /api/v1 (OpenAPI at /api/openapi.json, docs at /api/docs)."""

from fastapi import APIRouter, Depends

from gongkai.web.api import auth, holidays, registers, reports, requests
from gongkai.web.api.security_docs import documented_auth
from gongkai.web.supervision import api_ledger_read_only

router = APIRouter(prefix="/api/v1", dependencies=[Depends(documented_auth)])
router.include_router(auth.router)
# A supervisor reads the region's ledgers and changes none of them (GONGKAI_SUPERVISOR_EDITS_LEDGER).
router.include_router(requests.router, dependencies=[Depends(api_ledger_read_only)])
router.include_router(registers.router, dependencies=[Depends(api_ledger_read_only)])
router.include_router(reports.router)
router.include_router(holidays.router)

__all__ = ["router"]
