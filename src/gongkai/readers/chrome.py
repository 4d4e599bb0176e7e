"""What a portal page puts around a report, as patterns: the browser's print header, the site's
navigation and footer, the site's name after the page title.

Shared by the readers of pages printed to PDF (``pdf_web``) and the title search of every format
(text saved from a page holds the same lines). The title search asks ``head_chrome`` and
``browser`` only of lines that could match (``may_be_chrome``): compiling these patterns cost more
than reading a short report, and most reports never need them.
"""

from __future__ import annotations

import re
from functools import cache

#: The browser's print header or footer: date and time, or the page address (with "2/5").
_BROWSER = (
    r"^(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}[\s,]*(?:上午|下午|AM|PM)?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM|上午|下午)?"
    r"|(?:https?|file)://\S+(?:\s+\d{1,4}\s*/\s*\d{1,4})?|about:blank(?:\s+\d{1,4}\s*/\s*\d{1,4})?)"
)
#: Lines of the site above the report: banner, navigation, breadcrumb, the article's info line.
_HEAD_CHROME = (
    r"门户网站|当前位置|您的位置|您现在的位置|^首\s*页|>\s*首页|首页\s*[>》]|无障碍|繁体|登录|注册|"
    r"字号\s*[:：]?\s*\[?\s*大|浏览次数|访问量|打印本页|关闭窗口|分享到|^搜索"
)
#: Lines of the site below the report: share buttons, footer, filing numbers.
_FOOT_CHROME = (
    r"主办单位|承办单位|^承办|网站标识码|ICP\s*备|公安机关备案|公网安备|版权所有|Copyright|©|建议使用.*分辨率|"
    r"打印本页|关闭窗口|分享到|网站地图|联系我们|纠错"
)
#: A word every ``_HEAD_CHROME`` match holds ("首…页" may have spaces inside: 首 stands for it).
_HEAD_WORDS = ("门户网站", "位置", "首", "无障碍", "繁体", "登录", "注册", "字号", "浏览次数", "访问量", "打印本页",
               "关闭窗口", "分享到", "搜索")


@cache
def browser() -> re.Pattern[str]:
    return re.compile(_BROWSER, re.I)


@cache
def head_chrome() -> re.Pattern[str]:
    return re.compile(_HEAD_CHROME)


@cache
def foot_chrome() -> re.Pattern[str]:
    return re.compile(_FOOT_CHROME)


def is_head_chrome(text: str) -> bool:
    """``head_chrome().search(text)``, compiled and run only when a word it needs is in the line."""
    return any(word in text for word in _HEAD_WORDS) and head_chrome().search(text) is not None


def starts_with_browser_stamp(text: str) -> re.Match[str] | None:
    """``browser().match(text)`` for a line that could start so: with a date ("12/3/26") or an
    address. A title's year ("2023年度…") is not a date's start, and compiles nothing."""
    head = text[:5]
    digits = len(head) - len(head.lstrip("0123456789"))
    if digits:
        if not 1 <= digits <= 4 or text[digits:digits + 1] not in ("/", ".", "-"):
            return None
    elif not text.lower().startswith(("http", "file:", "about:")):
        return None
    return browser().match(text)


#: Between a page title and the site's name: "…年度报告_某某市人民政府门户网站".
#: The spaces before a separator are taken only from where their run starts ((?<!\s)), so a title of
#: many spaces (a PDF's metadata is anyone's to write) is split in one pass instead of being tried
#: again from every space of the run; the splits are those of ``\s*(?:…)\s*``.
_TITLE_SPLIT = r"(?:(?<!\s)\s+)?(?:_|\||｜| - | – |--)\s*"


@cache
def _title_split() -> re.Pattern[str]:
    return re.compile(_TITLE_SPLIT)


def site_suffix_removed(title: str) -> str:
    """"…年度报告_某某市人民政府门户网站" → the part naming the report, when the title has one."""
    for part in _title_split().split(title):
        if "报告" in part or "年报" in part:
            return part.strip()
    return title
