"""Page metadata: title, publication date and publishing agency.

CMS pages state them in <meta> tags (TRS and 开普云 write ArticleTitle, PubDate, ContentSource);
hand-made pages and fragments only print them ("发布日期：2020-01-31", "来源：…"). The tags win
because they are unambiguous; the printed line near the top is the fallback.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from gongkai.readers.document import Line, fold

_TITLE_NAMES = ("articletitle", "title", "og:title")
_DATE_NAMES = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time", "published")
_SOURCE_NAMES = ("contentsource", "source", "author")
_DATE = re.compile(r"((?:19|20)\d\d)\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})")
_COMPACT_DATE = re.compile(r"((?:19|20)\d\d)(\d\d)(\d\d)")
_PRINTED_DATE = re.compile(r"(?:发布日期|发布时间|发文日期)\s*[:：]\s*")
_PRINTED_SOURCE = re.compile(r"(?:发布机构|信息来源|来源)\s*[:：]\s*([^\s|｜【】\[\]:：]+)")
_TITLE_SPLIT = re.compile(r"(?<!\s)\s*(?:_|\||｜|—|--| - | – )\s*")  # (?<!\s): linear over long space runs
_REPORT = re.compile(r"报告|年报")
TOP_LINES = 15  # the printed date/source line sits under the title, never deep in the text


def iso_date(text: str) -> str | None:
    """"2020-01-31 09:00", "2020年1月31日", "20200131" → "2020-01-31"; None if not a date."""
    text = fold(text)
    m = _DATE.search(text) or _COMPACT_DATE.fullmatch(text.strip()[:8])
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def head_meta(tree: LexborHTMLParser) -> dict[str, Any]:
    """Title, published date and source agency from <meta> tags and <title>."""
    found: dict[str, str] = {}
    for node in tree.tags("meta"):  # the parser's tag lookup: what css("meta") finds, for less
        attrs = node.attributes
        name = (attrs.get("name") or attrs.get("property") or "").strip().lower()
        content = (attrs.get("content") or "").strip()
        if name and content and name not in found:
            found[name] = content
    meta: dict[str, Any] = {}
    title = next((found[n] for n in _TITLE_NAMES if n in found), None)
    if title is None:
        titles = tree.tags("title")
        title = titles[0].text(deep=True).strip() if titles else None
    if title:
        meta["title"] = _site_suffix_removed(" ".join(title.split()))
    for name in _DATE_NAMES:
        if name in found and (published := iso_date(found[name])):
            meta["published"] = published
            break
    source = next((found[n] for n in _SOURCE_NAMES if n in found), None)
    if source:
        meta["source_agency"] = source
    return meta


def printed_meta(meta: dict[str, Any], lines: Sequence[Line]) -> None:
    """Fill what the tags did not give from the lines printed at the top of the report."""
    top = [line for line in lines[:TOP_LINES] if line.kind != "row"]
    if "title" not in meta:
        title = next((line for line in top if line.kind == "heading"), None) or next(
            (line for line in top[:5] if _REPORT.search(line.cells[0].text) and len(line.cells[0].text) <= 100),
            None,
        )
        if title is not None:
            meta["title"] = title.cells[0].text
    for line in top:
        text = line.cells[0].text
        if "published" not in meta and (m := _PRINTED_DATE.search(text)):
            published = iso_date(text[m.end():m.end() + 24])
            if published:
                meta["published"] = published
        if "source_agency" not in meta and (m := _PRINTED_SOURCE.search(text)):
            meta["source_agency"] = m.group(1)


def _site_suffix_removed(title: str) -> str:
    """"…年度报告_某某市人民政府" → the part naming the report, when the title has one."""
    parts = [p for p in _TITLE_SPLIT.split(title) if p]
    for part in parts:
        if _REPORT.search(part):
            return part
    return title
