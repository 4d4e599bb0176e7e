"""The one-page letter writer: official layout, and text that XML cannot carry never breaks the file."""

from __future__ import annotations

import io
from datetime import date

import docx

from gongkai.writers.letter import Letter, letter_docx


def test_control_characters_pasted_from_word_are_dropped_not_fatal() -> None:
    letter = Letter(title="政府信息公开申请答复书", number="〔2025〕公开答字第2025-0001号", addressee="张\x0b三",
                    paragraphs=("第一行\x0b仍是第一行\x00。", "第二段\ufffe。"), signature="示范县教育局",
                    signed_on=date(2025, 6, 12), attachments=("申请公开的政府信息",))
    document = docx.Document(io.BytesIO(letter_docx(letter)))
    text = [p.text for p in document.paragraphs if p.text]
    assert text == ["政府信息公开申请答复书", "〔2025〕公开答字第2025-0001号", "张三：", "第一行仍是第一行。", "第二段。",
                    "附件：申请公开的政府信息", "示范县教育局", "2025年6月12日"]
    assert document.core_properties.author == "示范县教育局"
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
