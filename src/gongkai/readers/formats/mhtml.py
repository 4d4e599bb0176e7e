"""Web pages saved as one file (.mhtml, .mht): the page's HTML inside a MIME message.

A browser's "save as a single file" (网页，单个文件) and Word's "single file web page" (单个文件网页)
write the page and its images as one MIME ``multipart/related`` message, and portals now and then
serve such a file as a ".doc" download. Its HTML part is quoted-printable or base64: read as HTML
or as text it is runs of "=E4=B8=AD", not Chinese. The message is parsed by the standard library's
``email`` package; the page's part — the one the message names as its root, else the first
``text/html`` part — is decoded by its transfer encoding and its charset and read by the HTML reader.
"""

from __future__ import annotations

import codecs
from typing import TYPE_CHECKING

from gongkai.errors import Unreadable
from gongkai.readers.base import DocumentReader
from gongkai.readers.document import Document
from gongkai.readers.formats.html import HtmlReader

if TYPE_CHECKING:  # the email package loads with the first saved page, not with every start
    from email.message import Message


class MhtmlReader(DocumentReader):
    name = "mhtml"
    extensions = (".mhtml", ".mht")

    def sniff(self, head: bytes, path: str) -> float:
        # Substring tests in C: every file is sniffed, and a regular expression over a one-line
        # crawled report's first 4 KB costs 2 % of reading it.
        block = head[:4096].lower()
        if b"mime-version:" not in block:
            return 0.0
        for end in (block.find(b"\n\n"), block.find(b"\r\n\r\n")):
            if end > 0:
                block = block[:end]  # the message's own header block
        if b"multipart/related" in block or b"content-type: text/html" in block:
            return 0.96  # above HTML (its quoted-printable tags could pass for a page)
        return 0.0

    def load(self, data: bytes, path: str) -> Document:
        from email import message_from_bytes  # the parser loads with the first saved page only

        message = message_from_bytes(data)
        page = _page_part(message)
        if page is None:
            raise Unreadable("MHTML 文件中没有网页（text/html）部分", path=path,
                             message_en="the MHTML file holds no web page (text/html part)")
        payload = page.get_payload(decode=True)
        if not isinstance(payload, bytes) or not payload.strip():
            raise Unreadable("MHTML 文件中的网页部分为空", path=path, message_en="the MHTML file's web page part is empty")
        html = _as_utf8(payload, page.get_content_charset())
        doc = HtmlReader().load(html, path)
        doc.meta["container"] = "mhtml"
        return doc


def _page_part(message: Message) -> Message | None:
    """The root part named by the message's ``start`` parameter, else its first ``text/html`` part."""
    if not message.is_multipart():
        return message if message.get_content_type() == "text/html" else None
    start = message.get_param("start")
    parts = [p for p in message.walk() if not p.is_multipart()]
    if isinstance(start, str) and start.strip():
        cid = start.strip().strip("<>")
        for part in parts:
            if str(part.get("Content-ID", "")).strip().strip("<>") == cid:
                return part
    return next((p for p in parts if p.get_content_type() == "text/html"), None)


def _as_utf8(payload: bytes, charset: str | None) -> bytes:
    """The page's bytes in UTF-8 with a byte-order mark when the part names a charset that decodes
    them: the MIME charset is what the saver wrote, and a page's own ``<meta charset>`` is not
    always rewritten to match. Otherwise the bytes as they are, for the HTML reader to decode by
    its meta tag or by guessing."""
    if charset:
        try:
            return codecs.BOM_UTF8 + payload.decode(charset).encode("utf-8")
        except (LookupError, UnicodeDecodeError):
            pass
    return payload


READERS = [MhtmlReader()]
