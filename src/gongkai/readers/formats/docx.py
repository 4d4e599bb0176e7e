"""DOCX reports (Word, WPS, LibreOffice): the main document part read as lines of cells.

Only the body counts: headers, footers, footnotes and text boxes are not report content. Every
part goes through ``gongkai.readers.safety`` (zip-bomb, path and XML-entity guards).
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from gongkai.errors import Unreadable
from gongkai.readers.base import DocumentReader
from gongkai.readers.document import Document, DocumentBuilder

if TYPE_CHECKING:  # lxml, zipfile, the body walker and the archive guards load with the first DOCX:
    import zipfile  # every read imports this module to register the reader; a text file needs none

    from lxml import etree

_W_NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # ISO 29500 Strict
)
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_DCTERMS = "{http://purl.org/dc/terms/}"


def _not_docx(path: str, detail: str) -> Unreadable:
    return Unreadable("不是有效的 Word（DOCX）文档", path=path, message_en=f"not a valid DOCX document ({detail})")


def _relationships(zf: zipfile.ZipFile, part: str, path: str) -> dict[str, str]:
    """Relationship type suffix (e.g. "officeDocument", "styles") → part name, for ``part``."""
    from gongkai.readers.safety import parse_xml, read_member

    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in zf.NameToInfo:
        return {}
    root = parse_xml(read_member(zf, rels_name, path), path, rels_name)
    out: dict[str, str] = {}
    for rel in root.iter(f"{_REL_NS}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        target = rel.get("Target", "")
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out.setdefault(kind, resolved)
    return out


def _optional(zf: zipfile.ZipFile, part: str | None, path: str) -> etree._Element | None:
    from gongkai.readers.safety import parse_xml, read_member

    if not part or part not in zf.NameToInfo:
        return None
    return parse_xml(read_member(zf, part, path), path, part)


def load_docx(data: bytes, path: str, format: str = "docx") -> Document:
    """Read a DOCX package into a Document (also used for converted .doc/.wps files)."""
    from lxml import etree

    from gongkai.readers.docx_body import BodyWalker
    from gongkai.readers.safety import open_zip, parse_xml, read_member

    if not data.startswith(b"PK"):
        raise _not_docx(path, "not a ZIP package")
    zf = open_zip(data, path)
    with zf:
        package = _relationships(zf, "", path)
        main = package.get("officeDocument", "word/document.xml")
        if main not in zf.NameToInfo:
            raise _not_docx(path, f"missing {main}")
        root = parse_xml(read_member(zf, main, path), path, main)
        ns = etree.QName(root).namespace
        if ns not in _W_NAMESPACES or etree.QName(root).localname != "document":
            raise _not_docx(path, f"{main} is not a WordprocessingML document")
        rels = _relationships(zf, main, path)
        styles = _optional(zf, rels.get("styles"), path)
        numbering = _optional(zf, rels.get("numbering"), path)
        core = _optional(zf, package.get("core-properties"), path)
    out = DocumentBuilder(path, format)
    if core is not None:
        for key, tag in (("title", f"{_DC}title"), ("created", f"{_DCTERMS}created"),
                         ("modified", f"{_DCTERMS}modified"), ("author", f"{_DC}creator")):
            el = core.find(tag)
            if el is not None and el.text and el.text.strip():
                out.meta[key] = el.text.strip()
    body = root.find(f"{{{ns}}}body")
    if body is not None:
        BodyWalker(ns, styles, numbering, out).walk(body)
    return out.build()


class DocxReader(DocumentReader):
    name = "docx"
    extensions = (".docx", ".docm", ".dotx")

    def sniff(self, head: bytes, path: str) -> float:
        if not head.startswith(b"PK\x03\x04"):
            return 0.0
        if b"word/" in head:
            return 0.95
        return 0.6 if path.lower().endswith(self.extensions) else 0.0

    def load(self, data: bytes, path: str) -> Document:
        return load_docx(data, path)


READERS = [DocxReader()]
