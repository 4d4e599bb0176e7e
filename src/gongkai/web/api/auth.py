"""Tokens and who-am-I. A token is requested with JSON credentials or HTTP Basic."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, HTTPException, Request

from gongkai.ledger import authenticate, list_agencies
from gongkai.web.api.schemas import AgencyOut, MeOut, TokenIn, TokenOut
from gongkai.web.deps import ApiAgencies, ApiUser, SessionDep, basic_credentials
from gongkai.web.routers.auth import client_address, throttle
from gongkai.web.security import TokenSigner
from gongkai.web.throttle import blocked_message

router = APIRouter(tags=["认证 auth"])


@router.post("/token", response_model=TokenOut, summary="用用户名和密码换取访问令牌")
def issue_token(request: Request, session: SessionDep,
                credentials: Annotated[TokenIn | None, Body()] = None) -> TokenOut:
    pair = (credentials.username, credentials.password) if credentials else basic_credentials(
        request.headers.get("authorization", ""))
    if pair is None:
        raise HTTPException(400, detail="请在正文中提供 username 和 password，或使用 HTTP Basic 认证")
    username, password = pair
    brake, address = throttle(request), client_address(request)
    wait = brake.blocked_for(username, address)
    if wait:
        raise HTTPException(429, detail=blocked_message(wait))
    user = authenticate(session=session, username=username, password=password)
    if user is None or not user.active:
        brake.failed(username, address)
        raise HTTPException(401, detail="用户名或密码错误", headers={"WWW-Authenticate": 'Basic realm="gongkai"'})
    brake.succeeded(username, address)
    signer: TokenSigner = request.app.state.token_signer
    return TokenOut(access_token=signer.issue(user.id), expires_in=signer.max_age)


@router.get("/me", response_model=MeOut, summary="当前用户、可见机关和 CSRF 令牌")
def me(request: Request, user: ApiUser, visible: ApiAgencies) -> MeOut:
    by_cookie = not request.headers.get("authorization")
    return MeOut(
        id=user.id, username=user.username, display_name=user.display_name, role=user.role,
        agency_id=user.agency_id, visible_agency_ids=sorted(visible),
        csrf_token=request.session.get("csrf") if by_cookie else None,
    )


@router.get("/agencies", response_model=list[AgencyOut], summary="可见的机关")
def agencies(session: SessionDep, user: ApiUser, visible: ApiAgencies) -> list[AgencyOut]:
    return [AgencyOut.model_validate(a) for a in list_agencies(session=session, agency_ids=visible)]
