"""Tokens and who-am-I. A token is requested with JSON credentials or HTTP Basic, and revoked with
DELETE (this token) or DELETE /tokens (every token of the user): each token is a server-side row."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, HTTPException, Request, Response

from gongkai.ledger import list_agencies
from gongkai.ledger.sessions import TOKEN, end_session, revoke_all, start_session
from gongkai.web.api.schemas import AgencyOut, MeOut, TokenIn, TokenOut
from gongkai.web.deps import (
    ApiAgencies,
    ApiUser,
    ReadSessionDep,
    SessionDep,
    basic_credentials,
    write_session,
)
from gongkai.web.routers.auth import check_login
from gongkai.web.security import TokenSigner
from gongkai.web.throttle import blocked_message

router = APIRouter(tags=["认证 auth"])


@router.post("/token", response_model=TokenOut, summary="用用户名和密码换取访问令牌")
def issue_token(request: Request, session: ReadSessionDep,
                credentials: Annotated[TokenIn | None, Body()] = None) -> TokenOut:
    pair = (credentials.username, credentials.password) if credentials else basic_credentials(
        request.headers.get("authorization", ""))
    if pair is None:
        raise HTTPException(400, detail="请在正文中提供 username 和 password，或使用 HTTP Basic 认证")
    username, password = pair
    user, wait = check_login(request, session, username, password)
    if wait:
        raise HTTPException(429, detail=blocked_message(wait))
    if user is None:
        raise HTTPException(401, detail="用户名或密码错误", headers={"WWW-Authenticate": 'Basic realm="gongkai"'})
    signer: TokenSigner = request.app.state.token_signer
    with write_session(request) as writer, writer.begin():
        secret = start_session(session=writer, user_id=user.id, kind=TOKEN, max_age=signer.max_age,
                               label=request.headers.get("user-agent", "")[:100])
    return TokenOut(access_token=signer.issue(user.id, secret), expires_in=signer.max_age)


def _presented_secret(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    signer: TokenSigner = request.app.state.token_signer
    claims = signer.verify(auth[7:].strip()) if auth[:7].lower() == "bearer " else None
    return claims[1] if claims else None


@router.delete("/token", status_code=204, summary="撤销本次使用的访问令牌")
def revoke_token(request: Request, session: SessionDep, user: ApiUser) -> Response:
    secret = _presented_secret(request)
    if secret is None:
        raise HTTPException(400, detail="请用 Authorization: Bearer <令牌> 调用此接口以撤销该令牌")
    end_session(session=session, secret=secret)
    return Response(status_code=204)


@router.delete("/tokens", status_code=204, summary="撤销当前用户的全部访问令牌")
def revoke_tokens(session: SessionDep, user: ApiUser) -> Response:
    revoke_all(session=session, user_id=user.id, kind=TOKEN)
    return Response(status_code=204)


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
