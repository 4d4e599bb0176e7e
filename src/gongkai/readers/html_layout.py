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

from selectolax.lexbor import LexborHTMLParser, LexborNode

from gongkai.errors import Unreadable
from gongkai.readers.html_tables import Grid, scan
from gongkai.readers.html_text import SKIP_TAGS, is_hidden

MAX_DEPTH = 512  # real pages nest < 100 deep; deeper is a malformed or hostile input

# A section heading starts "一、" … "六．"; texts are stripped before the test, so no regex is needed.
_NUMERALS = frozenset("一二三四五六")
_NUMERAL_MARKS = frozenset("、.．")
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

    tree: LexborHTMLParser
    container_id: int
    grids: dict[int, Grid | None]  # table mem_id → its rows (a data table) or None (page layout)
    skip: set[int] = field(default_factory=set)  # hidden elements and small page chrome
    _ordinals: dict[str, dict[int, int]] = field(default_factory=dict)

    def ordinal(self, tag: str, mid: int) -> int:
        """1-based index of the element among the document's elements of its tag."""
        table = self._ordinals.get(tag)
        if table is None:
            # The parser's tag lookup: the same elements as ``css(tag)`` in the same order, at less cost.
            table = self._ordinals[tag] = {n.mem_id: i for i, n in enumerate(self.tree.tags(tag), 1)}
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


def measure(tree: LexborHTMLParser, body: LexborNode, path: str) -> Layout:
    """Measure the page and choose the report container. Raises Unreadable if absurdly deep.

    This loop runs once per element of the page outside data tables, so it keeps to local names
    and pushes children last to first (``last_child``/``prev``), which lexbor serves without
    building a list.
    """
    m = _Measures()
    weights, markers, depths, parents, with_tables = m.weights, m.markers, m.depths, m.parents, m.with_tables
    grids: dict[int, Grid | None] = {}
    hidden: set[int] = set()
    # The open element: [weight, markers, mem_id, data tables, mutes]. Pushed again after its
    # children, the same list marks where the element ends.
    frame: list[int] = [0, 0, 0, 0, 0]
    frames: list[list[int]] = [frame]
    muted = 0  # > 0 inside links, hidden elements and skipped tags: text there is not content
    stack: list[LexborNode | list[int]] = [body]
    pop, push = stack.pop, stack.append
    while stack:
        item = pop()
        if item.__class__ is list:
            w, n, mid, g, mutes = frames.pop()
            weights[mid] = w
            markers[mid] = n
            frame = frames[-1]
            if g:
                with_tables.add(mid)
                frame[3] += g
            frame[0] += w
            frame[1] += n
            muted -= mutes
            continue
        node: LexborNode = item  # type: ignore[assignment]
        tag = node.tag
        if tag == "-text":
            if not muted:
                stripped = (node.text_content or "").strip()
                if stripped:
                    frame[0] += len(stripped)
                    if len(stripped) > 1 and stripped[0] in _NUMERALS and stripped[1] in _NUMERAL_MARKS:
                        frame[1] += 1
            continue
        if tag is None or tag[0] == "-":  # comments, doctype
            continue
        mid = node.mem_id
        depth = len(frames)
        if depth > MAX_DEPTH:
            raise Unreadable(f"HTML 嵌套超过 {MAX_DEPTH} 层，结构异常，无法读取", path=path,
                             message_en=f"HTML nested deeper than {MAX_DEPTH} levels")
        depths[mid] = depth
        parents[mid] = frame[2]
        attrs = node.attributes
        mutes = tag == "a" or tag in SKIP_TAGS
        if attrs:
            if is_hidden(attrs):
                hidden.add(mid)
                mutes = True
            ident = attrs.get("id")
            classes = attrs.get("class")
            if ident or classes or tag in _KNOWN_TAGS or tag in _CHROME_TAGS:
                _classify(m, mid, tag, ident, classes)
        elif tag in _KNOWN_TAGS or tag in _CHROME_TAGS:
            _classify(m, mid, tag, None, None)
        if tag == "table" and not mutes and not muted:
            grids[mid] = grid = scan(node)
            if grid is not None:  # a data table: a leaf here; its row labels are not section headings
                weights[mid] = grid.weight
                markers[mid] = 0
                frame[0] += grid.weight
                frame[3] += 1
                continue
        muted += mutes
        frame = [0, 0, mid, 0, mutes]
        frames.append(frame)
        push(frame)
        child = node.last_child
        while child is not None:
            push(child)
            child = child.prev
    body_id = body.mem_id
    cid = _choose(m, body_id, grids)
    cweight = weights.get(cid, 0)
    skip = hidden
    for nid in m.chrome:  # chrome that is small next to the report and holds none of its sections or tables
        if (nid != cid and markers.get(nid, 0) == 0 and nid not in with_tables
                and weights.get(nid, 0) < 0.3 * cweight + 1):
            skip.add(nid)
    return Layout(tree, cid, grids, skip)


def _classify(m: _Measures, mid: int, tag: str, ident: str | None, classes: str | None) -> None:
    ident = (ident or "").lower()
    classes = (classes or "").lower()
    if tag in _KNOWN_TAGS or ident in _KNOWN_IDS or not _KNOWN_CLASSES.isdisjoint(classes.split()):
        m.known.append(mid)
    # The chrome words hold no whitespace, so one search over "id classes" finds what a search
    # of each name would.
    if tag in _CHROME_TAGS or _CHROME.search(f"{ident} {classes}"):
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
