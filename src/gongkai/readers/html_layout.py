"""Finding the report inside a government portal page, before any line is emitted.

Portal pages wrap the report in navigation, breadcrumbs, sidebars, share bars and footers. One
iterative pass over the parsed tree measures every element: its visible non-link text
("weight") and how many section headings (一、…六、) it holds ("markers"). The report container
is then the deepest element that holds every section heading and at least half of the page's
text, so class names are a hint, never a requirement. Data tables are scanned once here (in C,
by lexbor) and kept for the second pass. The walk is a loop over an explicit stack: a page of
10 000 nested elements must not exhaust the Python stack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from gongkai.errors import Unreadable
from gongkai.readers.html_tables import Grid, scan
from gongkai.readers.html_text import SKIP_TAGS, is_hidden

MAX_DEPTH = 512  # real pages nest < 100 deep; deeper is a malformed or hostile input

_MARKER = re.compile(r"\s*[一二三四五六][、.．]")
# Ids and classes of CMS article bodies (TRS, 开普云, Hanweb and the like).
_KNOWN_IDS = frozenset({"zoom", "ucap-content", "artibody", "zw", "content", "article", "fontzoom"})
_KNOWN_CLASSES = frozenset({"trs_editor", "trs_editor_view", "article-content", "article_content", "art_con",
                            "zw", "content", "article"})
_KNOWN_TAGS = frozenset({"article", "main"})
_CHROME_TAGS = frozenset({"nav", "footer", "aside"})  # not <header>: articles keep their title there
_CHROME = re.compile(r"nav|menu|foot|crumb|share|copyright|sidebar|dqwz|weizhi|toolbar|print|fenxiang|gotop|"
                     r"go-top|backtop")


@dataclass(slots=True)
class Layout:
    """What the second pass needs: which subtree is the report and what to leave out."""

    root: LexborNode
    container_id: int
    grids: dict[int, Grid | None]  # table mem_id → its rows (a data table) or None (page layout)
    skip: set[int] = field(default_factory=set)  # hidden elements and small page chrome
    _ordinals: dict[str, dict[int, int]] = field(default_factory=dict)

    def ordinal(self, tag: str, mid: int) -> int:
        """1-based index of the element among the document's elements of its tag."""
        table = self._ordinals.get(tag)
        if table is None:
            table = self._ordinals[tag] = {n.mem_id: i for i, n in enumerate(self.root.css(tag), 1)}
        return table.get(mid, 0)


@dataclass(slots=True)
class _Measures:
    weights: dict[int, int] = field(default_factory=dict)
    markers: dict[int, int] = field(default_factory=dict)
    depths: dict[int, int] = field(default_factory=dict)
    parents: dict[int, int] = field(default_factory=dict)
    known: list[int] = field(default_factory=list)
    chrome: list[int] = field(default_factory=list)
    with_tables: set[int] = field(default_factory=set)  # elements holding a data table


def measure(root: LexborNode, body: LexborNode, path: str) -> Layout:
    """Measure the page and choose the report container. Raises Unreadable if absurdly deep."""
    m = _Measures()
    grids: dict[int, Grid | None] = {}
    hidden: set[int] = set()
    frames: list[list[int]] = [[0, 0, 0, 0]]  # per open element: [weight, markers, mem_id, data tables]
    muted = 0  # > 0 inside links, hidden elements and skipped tags: text there is not content
    stack: list[LexborNode | tuple[int, bool]] = [body]
    while stack:
        item = stack.pop()
        if isinstance(item, tuple):
            mid, mutes = item
            w, n, _, g = frames.pop()
            m.weights[mid] = w
            m.markers[mid] = n
            if g:
                m.with_tables.add(mid)
            frames[-1][0] += w
            frames[-1][1] += n
            frames[-1][3] += g
            muted -= mutes
            continue
        if item.is_text_node:
            if not muted:
                stripped = (item.text_content or "").strip()
                if stripped:
                    frames[-1][0] += len(stripped)
                    if _MARKER.match(stripped):
                        frames[-1][1] += 1
            continue
        tag = item.tag
        if tag is None or tag[0] == "-":  # comments, doctype
            continue
        mid = item.mem_id
        depth = len(frames)
        if depth > MAX_DEPTH:
            raise Unreadable(f"HTML 嵌套超过 {MAX_DEPTH} 层，结构异常，无法读取", path=path,
                             message_en=f"HTML nested deeper than {MAX_DEPTH} levels")
        m.depths[mid] = depth
        m.parents[mid] = frames[-1][2]
        attrs = item.attributes
        mutes = tag == "a" or tag in SKIP_TAGS
        if attrs:
            if is_hidden(attrs):
                hidden.add(mid)
                mutes = True
            _classify(m, mid, tag, attrs.get("id"), attrs.get("class"))
        elif tag in _KNOWN_TAGS or tag in _CHROME_TAGS:
            _classify(m, mid, tag, None, None)
        if tag == "table" and not mutes and not muted:
            grids[mid] = grid = scan(item)
            if grid is not None:  # a data table: a leaf here; its row labels are not section headings
                m.weights[mid] = grid.weight
                m.markers[mid] = 0
                frames[-1][0] += grid.weight
                frames[-1][3] += 1
                continue
        muted += mutes
        frames.append([0, 0, mid, 0])
        stack.append((mid, mutes))
        kids = []
        child = item.child
        while child is not None:
            kids.append(child)
            child = child.next
        stack.extend(reversed(kids))
    body_id = body.mem_id
    cid = _choose(m, body_id, grids)
    cweight = m.weights.get(cid, 0)
    skip = hidden
    for nid in m.chrome:  # chrome that is small next to the report and holds none of its sections or tables
        if (nid != cid and m.markers.get(nid, 0) == 0 and nid not in m.with_tables
                and m.weights.get(nid, 0) < 0.3 * cweight + 1):
            skip.add(nid)
    return Layout(root, cid, grids, skip)


def _classify(m: _Measures, mid: int, tag: str, ident: str | None, classes: str | None) -> None:
    ident = (ident or "").lower()
    names = (classes or "").lower().split()
    if tag in _KNOWN_TAGS or ident in _KNOWN_IDS or any(c in _KNOWN_CLASSES for c in names):
        m.known.append(mid)
    if tag in _CHROME_TAGS or _CHROME.search(ident) or any(_CHROME.search(c) for c in names):
        m.chrome.append(mid)


def _choose(m: _Measures, body_id: int, grids: dict[int, Grid | None]) -> int:
    """The deepest element holding every section heading and most of the page's text.

    Elements holding more than half of the text form one chain from <body> down, so "deepest"
    is well defined. A CMS content box may hold less, as long as it is on that chain.
    """
    total, heads = m.weights.get(body_id, 0), m.markers.get(body_id, 0)
    if total == 0:
        return body_id
    share = 0.5 if heads >= 2 else 0.8
    best, best_depth = body_id, 0
    for mid, w in m.weights.items():
        if w >= share * total and m.markers[mid] == heads and m.depths[mid] > best_depth and not grids.get(mid):
            best, best_depth = mid, m.depths[mid]
    for mid in m.known:
        if (mid in m.weights and m.depths[mid] > best_depth and m.markers[mid] == heads
                and m.weights[mid] >= 0.4 * total and not grids.get(mid) and _inside(m.parents, mid, best)):
            best, best_depth = mid, m.depths[mid]
    return best


def _inside(parents: dict[int, int], mid: int, ancestor: int) -> bool:
    while mid in parents:
        mid = parents[mid]
        if mid == ancestor:
            return True
    return False
