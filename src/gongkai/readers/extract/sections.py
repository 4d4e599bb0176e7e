"""Finding the six template sections, however their headings are numbered or styled.

A heading is a line of its own whose words are a section title (or a known variant), with the
numbering printed in front of it, if any: "四、…", "5、…", "## 三、…", or no number at all.
Text that runs everything into one line (crawler output) has no heading lines; there a heading
is recognised inline by its numeral and title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from gongkai.model.template import CN_NUMERALS, SECTIONS, SectionSpec
from gongkai.readers.document import Document, Line
from gongkai.readers.extract.patterns import compact, loose

# Short phrases that identify each section's title inside a heading line.
_CUES: dict[int, tuple[str, ...]] = {
    1: ("总体情况",),
    2: ("主动公开政府信息情况", "主动公开政府信息", "主动公开情况"),
    3: ("收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请", "依申请公开政府信息情况"),
    4: ("行政复议、行政诉讼情况", "行政复议行政诉讼情况", "被申请行政复议、提起行政诉讼", "行政复议和行政诉讼"),
    5: ("存在的主要问题", "主要问题及改进", "主要问题和改进", "存在问题及改进"),
    6: ("其他需要报告的事项", "其他需要报告事项"),
}
_COMPACT_CUES: tuple[tuple[int, str], ...] = tuple(
    (section, compact(cue)) for section, cues in _CUES.items() for cue in cues
)
_LIKELY = re.compile(r"情\s*况|事\s*项|问\s*题|申\s*请")  # every title variant holds one of these
#: ``_LIKELY``'s alternatives one by one: each starts with its own character, which the regex
#: engine finds by a plain character scan, while the alternation is tried at every position. No
#: two of them overlap, so their matches together are the alternation's.
_LIKELY_EACH = tuple(re.compile(p) for p in _LIKELY.pattern.split("|"))
_NEGATION = re.compile(r"^(?:暂无|暂未|无|没有|未|本年度无|本年无)")
_NUMERAL = re.compile(r"^\s*(?P<num>[一二三四五六七八九十]{1,2}|\d{1,2})\s*(?P<sep>[、.,:]|\s)\s*")
_MAX_HEADING_EXTRA = 14  # characters a heading may carry beyond its cue ("政府信息公开…", "情况")


@dataclass(slots=True)
class Heading:
    expected: int  # template section 1..6
    number: int | None  # as printed
    numeral: str | None  # numbering as printed, e.g. "五、" or "5、"
    title: str  # title as printed, without numbering
    start: int  # offset of the heading in Document.text
    end: int
    level: int | None
    line: int | None


def _numeral_value(num: str) -> int:
    if num.isdigit():
        return int(num)
    if num == "十":
        return 10
    if num.startswith("十"):
        return 10 + CN_NUMERALS.index(num[1]) + 1
    return CN_NUMERALS.index(num[0]) + 1


def _match_heading_text(text: str) -> tuple[int, str | None, int | None, str] | None:
    """(section, numeral, number, title) when ``text`` (folded, one line) is a section heading."""
    body = text.strip().lstrip("#").strip()
    numeral: str | None = None
    number: int | None = None
    m = _NUMERAL.match(body)
    if m:
        numeral = body[: m.end()].strip()
        number = _numeral_value(m.group("num"))
        body = body[m.end():]
    title = body.strip()
    flat = compact(title)
    if numeral is None and flat.endswith(("。", ";", "；", "!", "！")):
        return None  # an unnumbered sentence is body text that happens to name a section
    flat = flat.rstrip("。:;")
    if len(flat) < 4 or len(flat) > 40 or flat.startswith(("(", "（")) or _NEGATION.match(flat):
        return None
    for section, cue in _COMPACT_CUES:
        if cue in flat and len(flat) - len(cue) <= _MAX_HEADING_EXTRA:
            return section, numeral, number, title
    return None


def find_headings(doc: Document) -> list[Heading]:
    """The section headings in order; at most one per template section.

    Body text can repeat a title ("暂无其他需要报告的事项。"), so the headings are the longest run
    of candidates whose section numbers rise, preferring numbered ones — not simply the first seen.
    """
    # Only lines holding a title word can be headings: find those with one scan of the text.
    seen: set[int] = set()
    candidates: list[Heading] = []
    lines = doc.lines
    folded = doc.folded
    for start in sorted([m.start() for pattern in _LIKELY_EACH for m in pattern.finditer(folded)]):
        index = doc.line_index(start)
        if index in seen:
            continue
        seen.add(index)
        if lines.is_row(index, 3):  # a table row of three or more cells is never a heading
            continue
        h = _line_heading(doc, lines[index])
        if h is not None:
            candidates.append(h)
    found = {h.expected: h for h in _rising(candidates)}
    if len(found) < len(SECTIONS):
        _find_inline(doc, found)
    return sorted(found.values(), key=lambda h: h.start)


def _rising(candidates: list[Heading]) -> list[Heading]:
    """Longest subsequence with strictly rising section numbers (ties: more numbered, earlier).

    Section numbers take a handful of values, so the best chain ending at each value is kept and
    a candidate looks at those few instead of at every earlier candidate: linear in the number of
    candidates (a long input repeating a report has thousands), with the same choices.
    """
    if not candidates:
        return []
    best: list[tuple[int, int, int]] = []  # (length, numbered count, previous index) per candidate
    by_value: dict[int, tuple[int, int, int]] = {}  # section number -> (length, numbered, index): first best
    for i, h in enumerate(candidates):
        numbered = int(h.numeral is not None)
        entry = (1, numbered, -1)
        top: tuple[int, int, int] | None = None
        for value, (length, count, j) in by_value.items():
            if value < h.expected and (top is None or (length, count, -j) > (top[0], top[1], -top[2])):
                top = (length, count, j)
        if top is not None:
            entry = (top[0] + 1, top[1] + numbered, top[2])
        best.append(entry)
        held = by_value.get(h.expected)
        if held is None or entry[:2] > held[:2]:
            by_value[h.expected] = (entry[0], entry[1], i)
    i = max(range(len(candidates)), key=lambda k: (best[k][0], best[k][1], -k))
    chain: list[Heading] = []
    while i >= 0:
        chain.append(candidates[i])
        i = best[i][2]
    return chain[::-1]


def _line_heading(doc: Document, line: Line) -> Heading | None:
    cells = [c for c in line.cells if c.text.strip()]
    if len(cells) != 1:
        return None
    cell = cells[0]
    if cell.grid and line.kind == "row" and len(line.cells) > 2:
        return None
    text = doc.folded[cell.start : cell.end]
    if len(text) > 80 or len(text) < 4 or not _LIKELY.search(text):
        return None
    hit = _match_heading_text(text)
    if hit is None:
        return None
    section, numeral, number, title = hit
    lead = len(text) - len(text.lstrip())
    return Heading(section, number, numeral, title, cell.start + lead, cell.end, line.level, line.number)


def _find_inline(doc: Document, found: dict[int, Heading]) -> None:
    """Headings run into the text ("…。 二、主动公开政府信息情况第二十条…"): numeral required."""
    text = doc.folded
    for spec in SECTIONS:
        if spec.number in found:
            continue
        lo = max((h.end for s, h in found.items() if s < spec.number), default=0)
        hi = min((h.start for s, h in found.items() if s > spec.number), default=len(text))
        m = _inline_regex(spec, True).search(text, lo, hi)
        if m is None:
            m = next((c for c in _inline_regex(spec, False).finditer(text, lo, hi) if _renumbered(c, spec)), None)
        if m:
            numeral = m.group("numeral")
            found[spec.number] = Heading(
                spec.number,
                _numeral_value(re.sub(r"\W", "", numeral)),
                numeral.strip(),
                doc.text[m.start("title") : m.end("title")],
                m.start(),
                m.end(),
                None,
                doc.line_at(m.start()).number,
            )


_CN = "".join(CN_NUMERALS)
# A non-standard ending after a title's cue ("存在的主要问题及明年工作计划").
_TITLE_TAIL = r"(?:[及和与][^，。；：:;,\s\d、]{1,10}?(?:情况|计划|措施|打算|举措|方向))?"


@cache
def _inline_regex(spec: SectionSpec, own_numeral: bool) -> re.Pattern[str]:
    """The heading with its own numeral ("五、" or "5."), or with any Chinese numeral."""
    titles = sorted({spec.title, *spec.variants, *_CUES[spec.number]}, key=len, reverse=True)
    body = "|".join(loose(t) for t in titles)
    numeral = f"(?:{CN_NUMERALS[spec.number - 1]}|{spec.number})" if own_numeral else f"[{_CN}]{{1,3}}"
    return re.compile(rf"(?P<numeral>{numeral}\s*[、.])\s*(?P<title>(?:{body}){_TITLE_TAIL})")


def _renumbered(m: re.Match[str], spec: SectionSpec) -> bool:
    """A later numeral (a report that inserts a section of its own, "五、收费情况", numbers the
    next template section "六、") or a doubled one ("三三、"); never an earlier one, which is a
    sub-heading inside a previous section."""
    digits = re.sub(r"[^" + _CN + "]", "", m.group("numeral"))
    if len(set(digits)) == 1 and digits[0] == CN_NUMERALS[spec.number - 1]:
        return True
    try:
        return _numeral_value(digits) > spec.number
    except ValueError:
        return False
