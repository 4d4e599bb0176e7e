"""Word 97–2003 (.doc) and WPS (.wps) reports, converted to DOCX by LibreOffice headless.

The binary formats are not worth a parser of our own: LibreOffice reads them faithfully, so when
``soffice`` (or ``libreoffice``) is on PATH we convert in a private temporary directory — with a
throw-away user profile, so parallel conversions cannot lock each other out — and read the DOCX.
Without LibreOffice the user gets one sentence saying what to install.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

from gongkai.errors import Unreadable, UnsafeArchive
from gongkai.readers.base import DocumentReader
from gongkai.readers.document import Document
from gongkai.readers.formats.docx import load_docx

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_RTF = b"{\\rtf"
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")  # a password-protected DOCX
TIMEOUT = 120


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes, path: str, suffix: str, timeout: int = TIMEOUT) -> bytes:
    """Convert a .doc/.wps file's bytes to DOCX bytes with LibreOffice, or raise Unreadable."""
    soffice = find_soffice()
    if soffice is None:
        raise Unreadable("需要安装 LibreOffice 才能读取 .doc/.wps 文件", path=path,
                         message_en="reading .doc/.wps files needs LibreOffice (soffice) on PATH")
    import tempfile  # loads with the first .doc/.wps file, not with every read

    with tempfile.TemporaryDirectory(prefix="gongkai-lo-") as tmp:
        src = Path(tmp) / f"input{suffix}"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--nologo", "--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp, str(src)]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True, env={**os.environ, "HOME": tmp})
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            os.killpg(proc.pid, signal.SIGKILL)  # soffice forks; end the whole session we started
            proc.communicate()
            raise Unreadable(f"LibreOffice 转换超时（{timeout} 秒）", path=path,
                             message_en=f"LibreOffice conversion timed out after {timeout}s") from exc
        out = Path(tmp) / "input.docx"
        if proc.returncode != 0 or not out.exists():
            detail = err.decode("utf-8", "replace").strip()[-200:]
            raise Unreadable("LibreOffice 无法转换此文件，文件可能已损坏", path=path,
                             message_en=f"LibreOffice could not convert the file ({detail})")
        return out.read_bytes()


class LegacyWordReader(DocumentReader):
    name = "doc"
    extensions = (".doc", ".wps", ".dot", ".rtf")

    def sniff(self, head: bytes, path: str) -> float:
        if head.startswith(_RTF):
            return 0.6  # Word's "save as .doc" is often RTF; LibreOffice reads it
        if not head.startswith(_OLE):
            return 0.0
        if _WORD_STREAM in head or path.lower().endswith(self.extensions):
            return 0.9
        if _ENCRYPTED_PACKAGE in head or path.lower().endswith(".docx"):
            return 0.9  # an encrypted DOCX is an OLE container; load() says so
        return 0.3

    def load(self, data: bytes, path: str) -> Document:
        if not data.startswith((_OLE, _RTF)):
            raise Unreadable("不是有效的 Word 97-2003（.doc）或 WPS 文件", path=path,
                             message_en="not a Word 97-2003 (.doc), RTF or WPS file")
        if _ENCRYPTED_PACKAGE in data[:1 << 20]:
            raise UnsafeArchive("文件已加密（受密码保护的 Word 文档），无法读取", path=path,
                                message_en="the Word document is password-protected")
        suffix = Path(path).suffix.lower()
        if data.startswith(_RTF):
            suffix = ".rtf"
        elif suffix not in (".doc", ".wps", ".dot"):
            suffix = ".doc"
        converted = convert_to_docx(data, path, suffix)
        doc = load_docx(converted, path)
        doc.meta["converted_from"] = suffix.lstrip(".")
        return doc


READERS = [LegacyWordReader()]
