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

from gongkai.readers.document import fold
from gongkai.readers.pdf_pages import Block

_BROWSER = re.compile(
    r"^(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}[\s,]*(?:上午|下午|AM|PM)?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM|上午|下午)?"
    r"|(?:https?|file)://\S+(?:\s+\d{1,4}\s*/\s*\d{1,4})?|about:blank(?:\s+\d{1,4}\s*/\s*\d{1,4})?)",
    re.I,
)
_HEAD_CHROME = re.compile(
    r"门户网站|当前位置|您的位置|您现在的位置|^首\s*页|>\s*首页|首页\s*[>》]|无障碍|繁体|登录|注册|"
    r"字号\s*[:：]?\s*\[?\s*大|浏览次数|访问量|打印本页|关闭窗口|分享到|^搜索"
)
_FOOT_CHROME = re.compile(
    r"主办单位|承办单位|^承办|网站标识码|ICP\s*备|公安机关备案|公网安备|版权所有|Copyright|©|建议使用.*分辨率|"
    r"打印本页|关闭窗口|分享到|网站地图|联系我们|纠错"
)
_PRINTED_DATE = re.compile(r"(?:发布日期|发布时间|发文日期)\s*[:：]\s*((?:19|20)\d\d)\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})")
_PRINTED_SOURCE = re.compile(r"(?:发布机构|信息来源|来源)\s*[:：]\s*([^\s|｜【】\[\]:：]+)")
_TITLE_SPLIT = re.compile(r"\s*(?:_|\||｜| - | – |--)\s*")
_REPORT = re.compile(r"报告|年报")
_DATE_LINE = re.compile(r"^\s*(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")
_TOP_LINES = 15


def site_suffix_removed(title: str) -> str:
    """"…年度报告_某某市人民政府门户网站" → the part naming the report, when the title has one."""
    for part in _TITLE_SPLIT.split(title):
        if _REPORT.search(part):
            return part.strip()
    return title


def _chrome_line(text: str, meta: dict[str, Any]) -> bool:
    """Whether a short line is the site's (navigation, the article's info line); keeps what it tells."""
    if len(text) > 80:
        return False
    if m := _PRINTED_DATE.search(text):
        meta.setdefault("published", f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}")
        if s := _PRINTED_SOURCE.search(text):
            meta.setdefault("source_agency", s.group(1))
        return True
    return _HEAD_CHROME.search(text) is not None


def strip_web_chrome(blocks: list[list[Block]], meta: dict[str, Any]) -> None:
    """Drop browser furniture, site chrome before the title and the site footer after the date."""
    stream = [b for page in blocks for b in page]
    doomed: set[int] = set()
    for b in stream:
        if b.line is not None and _BROWSER.match(fold(b.line.text).strip()):
            doomed.add(id(b))
    lines = [b for b in stream if b.line is not None and id(b) not in doomed]
    head: set[int] = set()
    for n, b in enumerate(lines[:_TOP_LINES]):
        assert b.line is not None
        text = fold(b.line.text).strip()
        if _REPORT.search(text) and len(text) <= 60 and not _HEAD_CHROME.search(text):
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
            if len(b.line.text) <= 120 and _FOOT_CHROME.search(fold(b.line.text)):
                doomed.add(id(b))
    if not doomed:
        return
    for i, page in enumerate(blocks):
        blocks[i] = [b for b in page if id(b) not in doomed]
