"""DOCX in the official document layout (GB/T 9704; see writers/docx_style.py for page and type).

Tables are written as WordprocessingML directly: the national form's merged header cells become
gridSpan/vMerge exactly as Word itself stores them, header rows carry tblHeader so that they
repeat on every page, and building the XML in one pass avoids python-docx's per-cell lookups.
"""

from __future__ import annotations

import io
from datetime import datetime
from xml.sax.saxutils import escape

import docx
from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from gongkai.model.report import Report
from gongkai.model.text import clean_text
from gongkai.writers.docx_style import (
    BODY_HALF_POINTS,
    KAITI,
    TABLE_HALF_POINTS,
    TEXT_WIDTH_TWIPS,
    base_document,
    docx_bytes,
    rfonts,
)
from gongkai.writers.tables import Grid, GridCell, expand
from gongkai.writers.view import DocumentView, Paragraph, build, signature_indents

CELL_MARGIN_TWIPS = 43  # 0.75 mm each side
MIN_VALUE_HALF_POINTS = 12  # 6 pt: the smallest size a long number is shrunk to before it may wrap
DIGIT_TWIPS_PER_HALF_POINT = 6.3  # a digit of the fallback serif is ~0.6 em, plus 5 % to spare


def _run(text: str, rpr: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{escape(clean_text(text))}</w:t></w:r>'


def _add_paragraph(doc: DocxDocument, runs: str, style: str, ppr: str = "") -> None:
    # Hanging punctuation stated on each paragraph: without it LibreOffice drops a "，" that falls
    # at the end of a full line from the PDF it renders, and the printed report loses it.
    p = parse_xml(f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{style}"/>'
                  f'<w:overflowPunct w:val="1"/>{ppr}</w:pPr>{runs}</w:p>')
    doc.element.body._insert_p(p)  # type: ignore[attr-defined]


def _kai(text: str) -> str:
    return _run(text, rfonts(KAITI))


def _paragraph(doc: DocxDocument, p: Paragraph) -> None:
    if p.kind == "subheading":
        _add_paragraph(doc, _run(p.text), "Heading2")
    elif p.kind == "runin":
        _add_paragraph(doc, _kai(p.lead) + _run(p.text[len(p.lead):]), "Normal")
    else:
        _add_paragraph(doc, _run(p.text), "Normal")


def _value_size(grid: Grid, widths: list[int]) -> int:
    """Half-points for the value cells of a table: 小四, or smaller where the longest number in its
    cell would otherwise wrap — a wrapped number prints, and reads back, as two numbers."""
    size = TABLE_HALF_POINTS
    for row in expand(grid):
        for c, pos in enumerate(row):
            if pos is None or not pos[1] or pos[0].role != "value" or not pos[0].text:
                continue
            width = sum(widths[c: c + pos[0].colspan]) - 2 * CELL_MARGIN_TWIPS
            fits = int(width / (DIGIT_TWIPS_PER_HALF_POINT * len(pos[0].text)))
            size = min(size, max(MIN_VALUE_HALF_POINTS, fits))
    return size


def _tc(cell: GridCell, width: int, *, origin: bool, value_size: int) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if cell.colspan > 1:
        props += f'<w:gridSpan w:val="{cell.colspan}"/>'
    if cell.rowspan > 1:
        props += '<w:vMerge w:val="restart"/>' if origin else "<w:vMerge/>"
    props += '<w:vAlign w:val="center"/>'
    jc = "left" if cell.role == "label" else "center"
    rpr = f'<w:sz w:val="{value_size}"/><w:szCs w:val="{value_size}"/>' if (
        cell.role == "value" and value_size != TABLE_HALF_POINTS) else ""
    text = _run(cell.text, rpr) if origin and cell.text else ""
    return (f'<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/><w:jc w:val="{jc}"/></w:pPr>'
            f"{text}</w:p></w:tc>")


def table_xml(grid: Grid) -> str:
    widths = [round(w * TEXT_WIDTH_TWIPS) for w in grid.widths]
    value_size = _value_size(grid, widths)
    origins: dict[int, tuple[int, int]] = {}
    rows = []
    for r, row in enumerate(expand(grid)):
        tr_pr = "<w:cantSplit/>" + ("<w:tblHeader/>" if r < grid.header_rows else "") + '<w:jc w:val="center"/>'
        cells = []
        for c, pos in enumerate(row):
            if pos is None:  # not in a well-formed grid; keep the row rectangular anyway
                cells.append(_tc(GridCell(""), widths[c], origin=True, value_size=value_size))
                continue
            cell, origin = pos
            if origin:
                origins[id(cell)] = (r, c)
            if origin or (origins[id(cell)][1] == c and origins[id(cell)][0] != r):
                width = sum(widths[c: c + cell.colspan])
                cells.append(_tc(cell, width, origin=origin, value_size=value_size))
        rows.append(f"<w:tr><w:trPr>{tr_pr}</w:trPr>{''.join(cells)}</w:tr>")
    grid_cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    border = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
    borders = "".join(f"<w:{side} {border}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    margins = "".join(f'<w:{side} w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/>' for side in ("left", "right"))
    return (f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
            f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
            f'<w:tblCellMar>{margins}</w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>'
            f"<w:tblGrid>{grid_cols}</w:tblGrid>{''.join(rows)}</w:tbl>")


def document(view: DocumentView, report: Report) -> DocxDocument:
    doc = docx.Document(io.BytesIO(base_document()))
    body = doc.element.body
    for line in view.title_lines:
        _add_paragraph(doc, _run(line), "Title")
    _add_paragraph(doc, "", "Normal")  # one blank line under the title
    for p in view.preamble:
        _paragraph(doc, p)
    for s in view.sections:
        _add_paragraph(doc, _run(s.heading), "Heading1")
        for p in s.paragraphs:
            _paragraph(doc, p)
        if s.grid is not None:
            body._insert_tbl(parse_xml(table_xml(s.grid)))  # type: ignore[attr-defined]
    sig_pad, date_pad = signature_indents(view.signature, view.date)
    if view.signature:
        _keep_with_next(doc)  # the last page must not hold the signature alone (GB/T 9704 §7.3.5)
        _add_paragraph(doc, "", "Normal", "<w:keepNext/>")
        _add_paragraph(doc, _run(view.signature), "Normal", "<w:keepNext/>" + _right(sig_pad))
    if view.date:
        _add_paragraph(doc, _run(view.date), "Normal", _right(date_pad))
    props = doc.core_properties
    props.title = view.title
    props.author = view.agency
    props.last_modified_by = "gongkai"
    props.language = "zh-CN"
    props.comments = ""
    stamp = datetime(report.published_on.year, report.published_on.month, report.published_on.day) \
        if report.published_on else datetime(2000, 1, 1)
    props.created = props.modified = stamp
    props.revision = 1
    return doc


def _keep_with_next(doc: DocxDocument) -> None:
    paragraphs = doc.element.body.findall(qn("w:p"))
    if paragraphs:
        ppr = paragraphs[-1].get_or_add_pPr()
        ppr.keepNext_val = True


def _right(chars: float) -> str:
    hundredths = round(chars * 100)
    return (f'<w:ind w:firstLine="0" w:firstLineChars="0" w:rightChars="{hundredths}" '
            f'w:right="{round(chars * BODY_HALF_POINTS * 10)}"/><w:jc w:val="right"/>')


class DocxWriter:
    name = "docx"
    extension = ".docx"
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    def write(self, report: Report, *, force: bool = False) -> bytes:
        return docx_bytes(document(build(report, force=force), report))


WRITERS = [DocxWriter()]
