"""The web app: server-rendered Chinese pages for the clerk's daily work, and a JSON API.

``create_app`` builds it; ``gongkai serve`` runs it with uvicorn.
"""

from gongkai.web.app import create_app

__all__ = ["create_app"]
