"""A report's own words: what is left once everything every report must print is taken out.

Two reports that follow the official template share hundreds of characters they did not choose:
section titles, table labels, the regulation's name, the sentence on the statistics period. A
similarity figure that counted those would call every pair of reports half-copied. So the text
is reduced to its Chinese characters (digits, Latin letters — URLs, crawler headers, leaked style
sheets —, punctuation and whitespace dropped, list markers such as "（一）" and "二、" dropped),
the template's wording and the stock sentences
are cut out, and a line left with fewer than ``MIN_LINE`` characters (a table cell, a label
fragment, the few characters between two numbers) is dropped, since such scraps of a table are
shared by every report.

``own_text`` keeps, for every character kept, its offset in the original text, so shared
passages found in own-word space can be highlighted in the original.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from gongkai.model import template

#: A line (or table cell) with fewer own characters than this is a table scrap, not prose.
MIN_LINE = 5

_LIST_MARKER = re.compile(
    r"[（(][一二三四五六七八九十]{1,3}[）)]"  # （一）
    r"|(?<![\u4e00-\u9fff])[一二三四五六七八九十]{1,3}[、．.]"  # 一、 at the start of a clause
)

#: Stock wording every report prints (template.md §a, §d): fixed phrases, matched after
#: digits, punctuation and whitespace are gone ("自年月日起至年月日止" is the period sentence).
_STOCK_PHRASES: tuple[str, ...] = (
    "政府信息公开工作年度报告",
    "政府信息公开年度报告",
    "年度报告",
    "以下简称条例",
    "本报告中所列数据的统计期限自年月日起至年月日止",
    "本报告所列数据的统计期限自年月日起至年月日止",
    "本报告中所列数据统计期限自年月日起至年月日止",
    "本报告所列数据统计期限自年月日起至年月日止",
    "统计期限自年月日起至年月日止",
    "统计期限自年月日至年月日",
    "本报告中所列数据的统计期限",
    "本报告所列数据的统计期限",
    "本报告电子版可在",
    "本报告的电子版可在",
    "网站查阅或下载",
    "门户网站查阅",
    "如对本报告有任何疑问",
    "如对本报告有疑问",
    "请与联系",
    "现公布",
    "编制本报告",
    "要求编制",
    "的有关要求",
    "关于印发中华人民共和国政府信息公开工作年度报告格式的通知",
    "政府信息公开工作年度报告格式",
    "根据中华人民共和国政府信息公开条例",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "申请人情况",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "自然人",
    "行政复议",
    "行政诉讼",
    "未经复议直接起诉",
    "复议后起诉",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "信息内容",
    "本年处理决定数量",
    "本年收费金额单位万元",
    "单位万元",
    "第二十条第项",
    # The five parts of 总体情况 the 2021 template names, printed as sub-headings.
    "主动公开方面",
    "主动公开情况",
    "依申请公开方面",
    "依申请公开情况",
    "政府信息管理方面",
    "政府信息管理情况",
    "政府信息公开平台建设方面",
    "政府信息公开平台建设情况",
    "平台建设方面",
    "平台建设情况",
    "监督保障方面",
    "监督保障情况",
    "法人或其他组织",
    "本年度办理结果",
    "政府信息公开申请数量",
    "区分处理的只计这一情形不计其他情形",
)
_PIECE = re.compile(r"[、，,：:（）()“”\"]")
#: What separates table cells in the texts readers produce: line breaks, tabs, runs of spaces
#: (layout-preserving PDF text) and runs of digits (a flattened table "规章77132470其他…").
_CELL_BREAK = re.compile(r"[\n\r\t]| {2,}|\u3000+|[0-9０-９.．%％]+")


#: Own characters are Chinese characters: Latin letters in a report are page furniture far more
#: often than words (URLs, a crawler's header, a Word style sheet leaked into the page text).
_OWN_RUN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]+")


def _fold(text: str) -> str:
    """Only the Chinese characters: digits, letters, punctuation and whitespace out."""
    return "".join(_OWN_RUN.findall(text))


@lru_cache(maxsize=1)
def _template_pattern() -> re.Pattern[str]:
    """Every template heading, row and column label and stock phrase, longest first."""
    phrases: set[str] = set(_STOCK_PHRASES)
    for section in template.SECTIONS:
        phrases.add(section.title)
        phrases.update(section.variants)
    for spec in template.TEMPLATES.values():
        for block in spec.active_blocks:
            phrases.update(c.label for c in block.columns)
            phrases.update(r.label for r in block.rows)
    for row in template.REQUEST_ROW_SPECS.values():
        phrases.add(row.label)
        if row.group:
            phrases.add(row.group)
        phrases.update(row.cues)
    phrases.update(template.REQUEST_COLUMN_LABELS.values())
    phrases.update(template.APPEAL_GROUP_LABELS.values())
    phrases.update(template.APPEAL_COLUMN_LABELS.values())
    phrases.update(template.FINGERPRINTS_2019)
    phrases.update(template.FINGERPRINTS_2021)
    phrases.update((template.REQUEST_NOTE, template.REGULATION_TITLE, template.OFFICE_NAME))
    phrases.update((template.NOTICE_2019, template.NOTICE_2021))
    # Labels are folded as the text is (list markers out), and cut at their punctuation too, so
    # a label wrapped over two lines of a layout-preserving PDF text still matches piece by piece.
    pieces = {piece for p in phrases for piece in (p, *_PIECE.split(p))}
    folded = {_fold(_LIST_MARKER.sub("", p)) for p in pieces}
    # One- and two-character labels ("其他", "总计") are ordinary words in prose; the line rule
    # (MIN_LINE) takes care of them where they stand alone in a table.
    kept = sorted((p for p in folded if len(p) >= 3), key=lambda p: (-len(p), p))
    return re.compile("|".join(map(re.escape, kept)))


class OwnText(NamedTuple):
    """The own words and, for each of their characters, its offset in the original text."""

    text: str
    offsets: tuple[int, ...]


def own_text(text: str) -> OwnText:
    """``own_words(text)`` with the original offset of every character kept."""
    masked = _CELL_BREAK.sub(_newlines, _LIST_MARKER.sub(_blanks, text))
    pieces: list[str] = []
    offsets: list[int] = []
    line_of: list[int] = []  # per own character: the number of its line
    pos = 0
    for line, raw_line in enumerate(masked.split("\n")):
        for m in _OWN_RUN.finditer(raw_line):
            pieces.append(m.group())
            offsets.extend(range(pos + m.start(), pos + m.end()))
            line_of.extend([line] * (m.end() - m.start()))
        pos += len(raw_line) + 1
    joined = "".join(pieces)
    removed = bytearray(len(joined))
    for m in _template_pattern().finditer(joined):
        removed[m.start() : m.end()] = b"\1" * (m.end() - m.start())
    per_line: dict[int, int] = {}
    for i, ln in enumerate(line_of):
        if not removed[i]:
            per_line[ln] = per_line.get(ln, 0) + 1
    short = {ln for ln, count in per_line.items() if count < MIN_LINE}
    keep = [i for i, ln in enumerate(line_of) if not removed[i] and ln not in short]
    return OwnText("".join([joined[i] for i in keep]), tuple([offsets[i] for i in keep]))


def _blanks(m: re.Match[str]) -> str:
    return "\0" * (m.end() - m.start())


def _newlines(m: re.Match[str]) -> str:
    return "\n" * (m.end() - m.start())


def own_words(text: str) -> str:
    """The narrative without template wording, stock sentences, digits, Latin letters, punctuation and whitespace.

    The same text as ``own_text(text).text``, worked out by whole lines and template matches
    instead of per character: a corpus build signs every report, and keeping each character's
    offset (which only highlighting needs) was most of the cost.
    """
    masked = _CELL_BREAK.sub(_newlines, _LIST_MARKER.sub(_blanks, text))
    runs = [run for run in ("".join(_OWN_RUN.findall(line)) for line in masked.split("\n")) if run]
    joined = "".join(runs)
    spans = [(m.start(), m.end()) for m in _template_pattern().finditer(joined)]
    out: list[str] = []
    pos = 0  # where the current line starts in ``joined``
    i = 0  # the first template match not yet passed
    for run in runs:
        end = pos + len(run)
        pieces: list[str] = []
        cur = pos
        while i < len(spans) and spans[i][0] < end:
            start, stop = spans[i]
            if start > cur:
                pieces.append(joined[cur:start])
            cur = max(cur, stop)
            if stop > end:
                break  # the match runs on into the next line
            i += 1
        if cur < end:
            pieces.append(joined[cur:end])
        kept = "".join(pieces)
        if len(kept) >= MIN_LINE:
            out.append(kept)
        pos = end
    return "".join(out)
