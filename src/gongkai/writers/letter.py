"""A one-page official letter (告知书、答复书、征求意见函) as DOCX, in the reports' GB/T 9704 layout.

The ledger decides the words (``gongkai.ledger.letters``); this module only lays them out: title
in 小标宋 2号, the letter number under it, the addressee flush left, body paragraphs in 仿宋 3号 with a
two-character indent, then signature and date placed as GB/T 9704 §7.3.5.2 places them without a
seal. It starts from the same base document as the annual report, so page, fonts and page numbers
are identical.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

import docx

from gongkai.writers.docx_style import base_document, docx_bytes
from gongkai.writers.formats.docx import _add_paragraph, _keep_with_next, _right, _run
from gongkai.writers.formatting import cn_date
from gongkai.writers.view import signature_indents

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Characters XML 1.0 cannot carry (a pasted Word soft break U+000B among them): dropped, not escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NO_INDENT = '<w:ind w:firstLine="0" w:firstLineChars="0"/>'


@dataclass(frozen=True, slots=True)
class Letter:
    title: str  # 政府信息公开申请补正告知书
    number: str  # the letter's number line, e.g. "（2025）示教公开补字第0007号"; "" for none
    addressee: str  # 张三
    paragraphs: tuple[str, ...]
    signature: str  # the agency's name
    signed_on: date
    attachments: tuple[str, ...] = field(default=())  # 附件 names, listed under the body


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


def letter_docx(letter: Letter) -> bytes:
    doc = docx.Document(io.BytesIO(base_document()))
    _add_paragraph(doc, _run(xml_safe(letter.title)), "Title")
    if letter.number:
        _add_paragraph(doc, _run(xml_safe(letter.number)), "Normal", '<w:ind w:firstLine="0" w:firstLineChars="0"/>'
                       '<w:jc w:val="center"/>')
    _add_paragraph(doc, "", "Normal")
    _add_paragraph(doc, _run(xml_safe(letter.addressee) + "："), "Normal", _NO_INDENT)
    for text in letter.paragraphs:
        for line in xml_safe(text).split("\n"):
            if line.strip():
                _add_paragraph(doc, _run(line.strip()), "Normal")
    if letter.attachments:
        _add_paragraph(doc, "", "Normal")
        for i, name in enumerate(letter.attachments, 1):
            lead = "附件：" if i == 1 else "　　　"
            number = f"{i}." if len(letter.attachments) > 1 else ""
            _add_paragraph(doc, _run(f"{lead}{number}{xml_safe(name)}"), "Normal")
    date_text = cn_date(letter.signed_on)
    signature = xml_safe(letter.signature)
    sig_pad, date_pad = signature_indents(signature, date_text)
    _keep_with_next(doc)
    _add_paragraph(doc, "", "Normal", "<w:keepNext/>")
    _add_paragraph(doc, _run(signature), "Normal", "<w:keepNext/>" + _right(sig_pad))
    _add_paragraph(doc, _run(date_text), "Normal", _right(date_pad))
    props = doc.core_properties
    props.title = xml_safe(letter.title)
    props.author = signature
    props.last_modified_by = "gongkai"
    props.language = "zh-CN"
    props.comments = ""
    stamp = datetime(letter.signed_on.year, letter.signed_on.month, letter.signed_on.day)
    props.created = props.modified = stamp
    props.revision = 1
    return docx_bytes(doc)
