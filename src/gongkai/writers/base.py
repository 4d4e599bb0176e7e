"""The Writer interface: a format turns a Report into the bytes of one document.

Writers register through the plugin hooks (``gongkai.plugins.writers()``), so a third-party format
is one module, and ``render`` below never needs a central table of formats.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from gongkai import plugins
from gongkai.errors import RenderError
from gongkai.model.report import Report


@runtime_checkable
class Writer(Protocol):
    name: str  # "docx", "html", "pdf", "md", "yaml"
    extension: str  # with dot: ".docx"
    media_type: str  # for HTTP responses

    def write(self, report: Report, *, force: bool = False) -> bytes:
        """Render the whole report. Raise ``RenderError`` when it cannot or should not be rendered
        (arithmetic fails and ``force`` is false, a required tool is missing)."""
        ...


def writers() -> dict[str, Writer]:
    """Registered writers by name; a later registration of the same name wins (plugins override)."""
    return {w.name: w for w in plugins.writers()}


def get_writer(name: str) -> Writer:
    found = writers()
    if name == "markdown":
        name = "md"
    if name not in found:
        known = "、".join(sorted(found))
        raise RenderError(f"不支持输出格式 {name}（可用：{known}）", message_en=f"unknown output format {name!r}")
    return found[name]


def render(report: Report, to: str, *, force: bool = False) -> bytes:
    """Render ``report`` in format ``to`` (docx, html, pdf, md, yaml)."""
    return get_writer(to).write(report, force=force)
