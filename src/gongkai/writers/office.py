"""Running LibreOffice headless to turn a DOCX into a PDF, with the project's font fallbacks.

Each process (and thread) gets its own LibreOffice profile directory, created once and reused: a
profile cannot be shared by two running instances, and creating one costs a second or more.
Fonts: ``FONTCONFIG_FILE`` points at writers/fonts.conf for the child process only, so that the
official faces named in the document resolve to Noto CJK instead of an arbitrary fallback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from importlib import resources
from pathlib import Path

from gongkai.errors import RenderError

TIMEOUT_S = 120
_NAMES = ("soffice", "libreoffice")
_CANDIDATES = ("/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice",
               "/opt/libreoffice/program/soffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice")


def find_soffice() -> str | None:
    override = os.environ.get("GONGKAI_SOFFICE")
    if override:
        return override if Path(override).exists() else None
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    return next((c for c in _CANDIDATES if Path(c).exists()), None)


def fonts_conf() -> Path:
    return Path(str(resources.files("gongkai.writers") / "fonts.conf"))


def render_env() -> dict[str, str]:
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(fonts_conf())
    env.setdefault("HOME", tempfile.gettempdir())
    env["SAL_USE_VCLPLUGIN"] = "svp"  # headless: no display needed
    return env


def _profile_dir() -> Path:
    base = Path(tempfile.gettempdir()) / f"gongkai-lo-{os.getuid() if hasattr(os, 'getuid') else 0}"
    path = base / f"{os.getpid()}-{threading.get_ident()}"
    path.mkdir(parents=True, exist_ok=True)
    return path


def convert(data: bytes, *, source_ext: str = ".docx", target: str = "pdf", name: str = "report") -> bytes:
    """Convert one document with LibreOffice; raise ``RenderError`` when it is missing or fails."""
    soffice = find_soffice()
    if soffice is None:
        raise RenderError("需要安装 LibreOffice 才能生成 PDF（Debian/Ubuntu：apt-get install libreoffice-writer-nogui "
                          "fonts-noto-cjk），或设置 GONGKAI_SOFFICE 指向 soffice",
                          message_en="LibreOffice (soffice) is required to render PDF; install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="gongkai-render-") as tmp:
        src = Path(tmp) / f"{name}{source_ext}"
        src.write_bytes(data)
        cmd = [soffice, f"-env:UserInstallation={_profile_dir().as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", target, "--outdir", tmp, str(src)]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT_S, env=render_env(), check=False)
        except subprocess.TimeoutExpired as exc:
            raise RenderError(f"LibreOffice 转换超时（{TIMEOUT_S} 秒）", message_en="LibreOffice timed out") from exc
        out = Path(tmp) / f"{name}.{target}"
        if proc.returncode != 0 or not out.exists():
            detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()[-300:]
            raise RenderError(f"LibreOffice 转换失败（{detail or proc.returncode}）",
                              message_en=f"LibreOffice failed: {detail}")
        return out.read_bytes()
