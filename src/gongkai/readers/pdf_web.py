"""A saved web page printed to PDF: the site around the report is not the report.

Printing a portal page gives the browser's own header and footer on every page (date and time,
page title, URL and "2/5"), the site's banner, navigation and breadcrumb above the report, the
article's 发布日期/来源 line, and the share buttons and site footer (主办单位, ICP备案, 网站标识码)
below it. Left in, the banner is taken for the report's title ("某某区人民政府门户网站") and the
footer for the signature. This removes those lines — only lines that say what they are, before
the report's title or after its date — and keeps what they tell (the publication date, the
source agency, the page title without the site's name) as document metadata.
"""

from __future__ import annotations

import re
from typing import Any

from gongkai.readers.chrome import browser, foot_chrome, head_chrome
from gongkai.readers.chrome import site_suffix_removed as site_suffix_removed
from gongkai.readers.document import fold
from gongkai.readers.pdf_pages import Block

_REPORT = re.compile(r"报告|年报")
_PRINTED_DATE = re.compile(r"(?:发布日期|发布时间|发文日期)\s*[:：]\s*((?:19|20)\d\d)\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})")
_PRINTED_SOURCE = re.compile(r"(?:发布机构|信息来源|来源)\s*[:：]\s*([^\s|｜【】\[\]:：]+)")
_DATE_LINE = re.compile(r"^\s*(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")
_TOP_LINES = 15


def _chrome_line(text: str, meta: dict[str, Any]) -> bool:
    """Whether a short line is the site's (navigation, the article's info line); keeps what it tells."""
    if len(text) > 80:
        return False
    if m := _PRINTED_DATE.search(text):
        meta.setdefault("published", f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}")
        if s := _PRINTED_SOURCE.search(text):
            meta.setdefault("source_agency", s.group(1))
        return True
    return head_chrome().search(text) is not None


def strip_web_chrome(blocks: list[list[Block]], meta: dict[str, Any]) -> None:
    """Drop browser furniture, site chrome before the title and the site footer after the date."""
    stream = [b for page in blocks for b in page]
    doomed: set[int] = set()
    for b in stream:
        if b.line is not None and browser().match(fold(b.line.text).strip()):
            doomed.add(id(b))
    lines = [b for b in stream if b.line is not None and id(b) not in doomed]
    head: set[int] = set()
    for n, b in enumerate(lines[:_TOP_LINES]):
        assert b.line is not None
        text = fold(b.line.text).strip()
        if _REPORT.search(text) and len(text) <= 60 and not head_chrome().search(text):
            doomed |= head  # the title is reached: what was above it and says it is chrome goes
            # the article's info line (发布日期, 来源, 字号, 浏览次数) comes right under the title
            for after in lines[n + 1:n + 4]:
                assert after.line is not None
                if _chrome_line(fold(after.line.text).strip(), meta):
                    doomed.add(id(after))
            break
        if len(text) > 80:
            break
        if _chrome_line(text, meta):
            head.add(id(b))
    last_date = max((k for k, b in enumerate(lines) if b.line is not None and _DATE_LINE.match(fold(b.line.text))),
                    default=None)
    if last_date is not None:
        for b in lines[last_date + 1:]:
            assert b.line is not None
            if len(b.line.text) <= 120 and foot_chrome().search(fold(b.line.text)):
                doomed.add(id(b))
    if not doomed:
        return
    for i, page in enumerate(blocks):
        blocks[i] = [b for b in page if id(b) not in doomed]
