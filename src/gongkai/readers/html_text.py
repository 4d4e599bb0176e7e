"""Text rules shared by the HTML reader's passes: which elements show no text, which break lines,
and how whitespace collapses.

Whitespace follows the browser: runs collapse to one space. A line break between two CJK
characters disappears instead ("本年新<br />制作数量" reads "本年新制作数量"), as CSS Text 3
prescribes for Chinese, which puts no spaces between words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache

from selectolax.lexbor import LexborNode

# Elements whose content is never shown as text.
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "base",
    "select", "option", "optgroup", "datalist", "button", "textarea", "input", "iframe",
    "frame", "frameset", "object", "embed", "applet", "svg", "math", "canvas", "audio", "video",
    "map", "img", "picture", "source", "track", "param",
})
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "hr",
    "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "ul", "legend",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
})
CELL_TAGS = frozenset({"td", "th"})
SEP = "\ue000"  # a private-use character that lexbor puts between text nodes when asked to

_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_WS = "[ \t\n\r\f\xa0\u200b]"
_CJK_BREAK = re.compile(f"(?<=[{_CJK}])[ \t\r\f]*\n[ \t\n\r\f]*(?=[{_CJK}])")  # not &nbsp;: that space is meant
_SPACES = re.compile(f"{_WS}+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def clean(raw: str) -> str:
    """Collapse whitespace as a browser does, dropping line breaks between CJK characters."""
    if "\n" in raw:
        raw = _CJK_BREAK.sub("", raw)
    elif ("  " not in raw and "\t" not in raw and "\r" not in raw and "\f" not in raw and "\xa0" not in raw
          and "\u200b" not in raw):
        return raw.strip()  # nothing to collapse: a few scans in C instead of a regex over the text
    return _SPACES.sub(" ", raw).strip()


@lru_cache(maxsize=4096)
def clean_cell(raw: str) -> str:
    """``clean`` for table cells, whose texts repeat a lot ("", "0", "&nbsp;", column labels)."""
    return clean(raw)


def is_hidden(attrs: Mapping[str, str | None]) -> bool:
    if "hidden" in attrs:
        return True
    style = attrs.get("style")
    return style is not None and _HIDDEN_STYLE.search(style) is not None


def children(node: LexborNode) -> Iterator[LexborNode]:
    """Child nodes, text included, in document order."""
    child = node.child
    while child is not None:
        yield child
        child = child.next


def node_text(node: LexborNode, nested: list[LexborNode] | None = None) -> str:
    """An element's text, node by node: <br> and inner blocks join without a space between CJK.

    Hidden and non-text elements are left out. Tables inside are not read into the text; they
    are appended to ``nested`` (so that their rows can be emitted as lines of their own).
    """
    pieces: list[str] = []
    add = pieces.append
    stack: list[LexborNode | None] = []
    push = stack.append
    child = node.last_child  # children are pushed last to first, so the first is read first
    while child is not None:
        push(child)
        child = child.prev
    while stack:
        item = stack.pop()
        if item is None:
            add("\n")
            continue
        tag = item.tag
        if tag == "-text":
            add(item.text_content or "")
            continue
        if tag is None or tag[0] == "-" or tag in SKIP_TAGS:
            continue
        attrs = item.attributes
        if attrs and is_hidden(attrs):
            continue
        if tag == "table" and nested is not None:
            nested.append(item)
            add("\n")
            continue
        if tag == "br":
            add("\n")
            continue
        if tag in BLOCK_TAGS:
            add("\n")
            push(None)
        child = item.last_child
        while child is not None:
            push(child)
            child = child.prev
    return clean("".join(pieces))
