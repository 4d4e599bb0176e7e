"""``gongkai serve [--demo]``: run the web app with uvicorn.

``--demo`` uses (or creates) a SQLite demo database, migrates it, seeds a demo county through the
ledger's demo seeding the first time, and prints the URL and the demo logins.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer
from platformdirs import user_data_dir
from sqlalchemy.engine import make_url

from gongkai.cli.boundary import guard

DEMO_DB_NAME = "gongkai-demo.sqlite3"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def demo_database_url() -> str:
    return f"sqlite:///{Path(user_data_dir('gongkai')) / DEMO_DB_NAME}"


def prepare_demo(url: str) -> list[tuple[str, str, str, str]]:
    """Migrate, seed the demo region unless it is already there, and return the demo logins."""
    from gongkai.ledger import init_db
    from gongkai.ledger.demo import seed_demo

    factory = init_db(url)
    try:
        with factory() as session:
            info = seed_demo(session=session)
            session.commit()
            from gongkai.supervise.demo import seed_season

            seed_season(session=session, county_id=info.county_id)  # last year's reports under review
            session.commit()
            return list(info.credentials)
    finally:
        factory.kw["bind"].dispose()


def print_banner(url: str, logins: list[tuple[str, str, str, str]], database_url: str) -> None:
    typer.echo("")
    typer.echo(f"gongkai 政府信息公开台账已启动：{url}")
    typer.echo(f"数据库：{make_url(database_url).render_as_string(hide_password=True)}")
    if logins:
        typer.echo("")
        typer.echo("演示账号（用户名 / 密码 / 角色 / 机关）：")
        for username, password, role, agency in logins:
            typer.echo(f"  {username:<20} {password:<16} {role:<6} {agency}")
    typer.echo("")
    typer.echo("按 Ctrl+C 停止。")


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve(
        demo: Annotated[bool, typer.Option("--demo", help="演示数据（示范县）/ demo region")] = False,
        host: Annotated[str, typer.Option(help="监听地址 / address")] = "127.0.0.1",
        port: Annotated[int, typer.Option(min=1, max=65535, help="端口 / port")] = 8000,
        db: Annotated[str | None, typer.Option("--db", help="数据库地址 / database URL")] = None,
        proxy_headers: Annotated[bool, typer.Option(help="HTTPS 反向代理之后 / behind a TLS proxy")] = False,
        workers: Annotated[int, typer.Option(min=1, max=64, help="工作进程数 / processes")] = 1,
    ) -> None:
        """启动网页版台账（FastAPI + uvicorn）。Start the web app."""
        import uvicorn

        from gongkai.ledger import upgrade
        from gongkai.settings import get_settings
        from gongkai.web import create_app

        with guard():
            settings = get_settings()
            database_url = db or (demo_database_url() if demo else settings.database_url)
            if demo:
                logins = prepare_demo(database_url)
            else:
                upgrade(database_url)
                logins = []
            app_ = create_app(settings=settings, database_url=database_url, freeze_gc=True)
        shown_host = f"[{host}]" if ":" in host else host
        print_banner(f"http://{shown_host}:{port}/", logins, database_url)
        if host not in LOOPBACK:
            typer.echo("注意：服务监听在非本机地址上，请通过 HTTPS 反向代理对外提供服务，并设置 GONGKAI_SECRET_KEY。", err=True)
        common: dict[str, Any] = {"host": host, "port": port, "proxy_headers": proxy_headers, "log_level": "warning",
                  "server_header": False}
        if workers == 1:
            uvicorn.run(app_, **common)
            return
        # Worker processes build their own app from the environment: same database, same secret.
        os.environ["GONGKAI_DATABASE_URL"] = database_url
        if app_.state.settings.secret_key != settings.secret_key:  # a random key was chosen: share it
            os.environ["GONGKAI_SECRET_KEY"] = app_.state.settings.secret_key
        uvicorn.run("gongkai.web.app:server_app", factory=True, workers=workers, **common)
