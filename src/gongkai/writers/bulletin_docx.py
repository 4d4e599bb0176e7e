"""The 通报 as a DOCX in the official layout (GB/T 9704; page, type and styles from docx_style).

Title in 小标宋, the 文号 under it, the 主送 line flush left, 黑体 一、 headings, 楷体 （一）
sub-headings, 仿宋 body, the issuing office and date at the right (§7.3.5), and the status board
as 附件 on a new page, its header row repeated on every page.
"""

from __future__ import annotations

import io
from datetime import datetime
from xml.sax.saxutils import escape

import docx
from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from gongkai.model.bulletin import Bulletin, StatusRow
from gongkai.writers.docx_style import BODY_HALF_POINTS, HEITI, base_document, docx_bytes, rfonts
from gongkai.writers.formats.docx import table_xml
from gongkai.writers.tables import Grid, GridCell
from gongkai.writers.view import signature_indents

BOARD_HEAD = ("序号", "单位名称", "报送情况", "发布日期", "错误", "警告", "得分")
BOARD_WIDTHS = (0.07, 0.37, 0.14, 0.16, 0.08, 0.08, 0.10)


def _run(text: str, rpr: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _p(doc: DocxDocument, runs: str, style: str = "Normal", ppr: str = "") -> None:
    p = parse_xml(f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{style}"/>'
                  f'<w:overflowPunct w:val="1"/>{ppr}</w:pPr>{runs}</w:p>')
    doc.element.body._insert_p(p)  # type: ignore[attr-defined]


_FLUSH = '<w:ind w:firstLine="0" w:firstLineChars="0"/>'
_CENTER = _FLUSH + '<w:jc w:val="center"/>'


def _right(chars: float) -> str:
    return (f'<w:ind w:firstLine="0" w:firstLineChars="0" w:rightChars="{round(chars * 100)}" '
            f'w:right="{round(chars * BODY_HALF_POINTS * 10)}"/><w:jc w:val="right"/>')


def board_grid(rows: list[StatusRow]) -> Grid:
    head = tuple(GridCell(h, role="head") for h in BOARD_HEAD)
    body = []
    for n, r in enumerate(rows, start=1):
        published = r.published_on.isoformat() if r.published_on else "—"
        score = "—" if r.score is None else f"{r.score:g}"
        body.append((GridCell(str(n), role="value"), GridCell(r.agency), GridCell(r.status, role="value"),
                     GridCell(published, role="value"), GridCell(str(r.errors), role="value"),
                     GridCell(str(r.warnings), role="value"), GridCell(score, role="value")))
    return Grid("board", len(BOARD_HEAD), (head, *body), 1, BOARD_WIDTHS, 2)


def document(b: Bulletin) -> DocxDocument:
    doc = docx.Document(io.BytesIO(base_document()))
    if b.number:
        _p(doc, _run(b.number), "Normal", _CENTER)
        _p(doc, "", "Normal")
    _p(doc, _run(b.title), "Title")
    _p(doc, "", "Normal")
    if b.salutation:
        _p(doc, _run(b.salutation), "Normal", _FLUSH)
    for section in b.sections:
        _p(doc, _run(section.heading), "Heading1")
        for text in section.paragraphs:
            _p(doc, _run(text))
        for sub in section.subsections:
            _p(doc, _run(sub.heading), "Heading2")
            for text in sub.paragraphs:
                _p(doc, _run(text))
    if b.board:
        _p(doc, "", "Normal")
        _p(doc, _run("附件：各单位年度报告报送情况"), "Normal", _FLUSH)
    day = f"{b.issued_on.year}年{b.issued_on.month}月{b.issued_on.day}日"
    sig_pad, date_pad = signature_indents(b.issuer, day)
    _p(doc, "", "Normal", "<w:keepNext/>")
    _p(doc, _run(b.issuer), "Normal", "<w:keepNext/>" + _right(sig_pad))
    _p(doc, _run(day), "Normal", _right(date_pad))
    if b.board:
        _p(doc, '<w:r><w:br w:type="page"/></w:r>', "Normal", _FLUSH)
        _p(doc, _run("附件", rfonts(HEITI)), "Normal", _FLUSH)
        _p(doc, _run("各单位年度报告报送情况"), "Title")
        doc.element.body._insert_tbl(parse_xml(table_xml(board_grid(b.board))))  # type: ignore[attr-defined]
    props = doc.core_properties
    props.title = b.title
    props.author = b.issuer
    props.last_modified_by = "gongkai"
    props.language = "zh-CN"
    props.created = props.modified = datetime(b.issued_on.year, b.issued_on.month, b.issued_on.day)
    props.revision = 1
    return doc


def write_bulletin_docx(b: Bulletin) -> bytes:
    return docx_bytes(document(b))
