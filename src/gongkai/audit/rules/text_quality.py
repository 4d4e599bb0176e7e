"""text.quality: the slips a proof-reader marks, which 通报 count against a report's quality.

Words typed twice ("进一步进一步", "的的"), ASCII punctuation between Chinese characters
("尽公开,持续推进"), quotes and brackets that do not close, one figure mixing half- and
full-width digits ("1２3"), and a paragraph that stops mid-sentence before the next heading (a
page cut off, or text lost when pasting). Only the prose sections (一, 五, 六) are read: what
comes before them is titles, bylines and, in crawled pages, the crawler's own header, and
sections 二 to 四 are tables. A report read by OCR is not proof-read: its marks are the
recogniser's. Doubled characters that are words of their own
("层层压实", "一一对应", "常常") are not slips. Each kind is reported once per place, with the
first example, so one careless habit does not flood the findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gongkai.audit.rule import Context, Hit, Rule
from gongkai.audit.textscan import context_chunks, place_zh
from gongkai.model.findings import Severity
from gongkai.model.report import Report

_CJK = "\u4e00-\u9fff"
#: A phrase of two to four characters typed twice in a row (longer ones contain such a phrase
#: rarely enough, and each extra length costs a pass of the regex engine over every report).
_REPEATED_PHRASE = re.compile(rf"([{_CJK}]{{2,4}})\1")
#: Function words never doubled in formal prose.
_REPEATED_WORD = re.compile(
    r"的的(?!确确)|(?<!不)了了(?!之)|是是(?!非非)|(?<!实)在在|和和(?!美美|气气)|(?<!一)对对"
    r"|与与|为为|及及|并并|等等等"
)
_DOUBLED = ("的的", "了了", "是是", "在在", "和和", "对对", "与与", "为为", "及及", "并并", "等等")
#: ABAB forms that are words ("研究研究" is colloquial but not a slip; "一一" is a word).
_WORD_PAIRS = frozenset({"研究研究", "讨论讨论", "学习学习", "看一看看一看"})
#: ASCII , ; ? ! between Chinese characters, or ASCII brackets around Chinese words. A colon is
#: left alone (it mostly shows up in page furniture, "电话:"), and so is a list marker "(一)".
_ASCII_PUNCT = re.compile(
    rf"[{_CJK}][,;?!][{_CJK}]|[{_CJK}]\((?![一二三四五六七八九十]{{1,3}}\))[{_CJK}]{{1,20}}\)"
    rf"|\((?![一二三四五六七八九十]{{1,3}}\))[{_CJK}]{{1,20}}\)[{_CJK}]"
)
_DIGIT_MIX = re.compile(r"[0-9][０-９]|[０-９][0-9]")
_FULL_DIGITS = "０１２３４５６７８９"
_PAIRS = (
    ("“", "”", "双引号"),
    ("（", "）", "圆括号"),
    ("《", "》", "书名号"),
    ("【", "】", "方头括号"),
    ("〔", "〕", "六角括号"),
)
_HEADING = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、．.]|\d{1,2}[、．.](?!\d))"
)
_ENDS = "。！？；：.!?;:…）)”】》」』"
_PROSE = (1, 5, 6)  # sections 二 to 四 are tables: their labels are not sentences
_MIN_PARAGRAPH = 20  # characters of a paragraph before judging that it stops mid-sentence


def _context(text: str, start: int, end: int, pad: int = 8) -> str:
    """A few characters around a match, not reaching back over the end of the sentence before."""
    left = max(max(text.rfind(p, 0, start) for p in "。！？") + 1, start - pad, 0)
    return text[left : end + pad]


def _has_any(text: str, chars: str) -> bool:
    """A fast no before a regex search: most reports have none of ``chars``."""
    return any(c in text for c in chars)


def _may_double(text: str) -> bool:
    """False when no two to four characters are followed by the same again: a fast no before
    ``_REPEATED_PHRASE``, which tries every position and was the audit's most expensive search.

    In UTF-16 a doubled phrase of L characters is 2L bytes equal to the 2L before them, so the
    XOR of the text with itself shifted by 2L bytes holds 2L zero bytes at an even offset. The
    shift, the XOR and the search run in C over the whole text; a yes is checked by the regex.
    """
    if len(text) > _XOR_MAX:
        return True  # a huge text: the regex alone, linear, without the XOR's copies of it in memory
    data = text.encode("utf-16-le", "surrogatepass")
    size = len(data)
    whole = int.from_bytes(data, "little")
    for length in (4, 6, 8):  # bytes of a phrase of 2, 3, 4 characters
        if size < 2 * length:
            break
        rest = size - length
        # Byte k of the XOR is data[k + length] ^ data[k] for k < rest; the bytes from ``rest`` on
        # compare with nothing and are not searched (no mask: one big-number operation fewer).
        diff = ((whole >> (8 * length)) ^ whole).to_bytes(size, "little")
        zeros = _ZEROS[length]
        at = diff.find(zeros, 0, rest)
        while at != -1:
            if not at & 1:
                return True
            at = diff.find(zeros, at + 1, rest)
    return False


_ZEROS = {n: bytes(n) for n in (4, 6, 8)}
_XOR_MAX = 200_000  # characters; real reports' sections are a few thousand


def _repeats(text: str) -> re.Match[str] | None:
    for m in _REPEATED_PHRASE.finditer(text) if _may_double(text) else ():
        phrase = m.group(1)
        # "一件一件地落实", "一步一步": 一 + a measure word, said twice, is how Chinese says "one by one"
        if m.group(0) not in _WORD_PAIRS and not (len(phrase) == 2 and phrase[0] == "一"):
            return m
    if not any(doubled in text for doubled in _DOUBLED):
        return None  # every alternative of _REPEATED_WORD holds one of these (a fast no)
    return _REPEATED_WORD.search(text)


def _unbalanced(text: str) -> tuple[str, str] | None:
    """(Chinese, English) naming the first pair whose opening and closing counts differ."""
    for left, right, name in _PAIRS:
        opened, closed = text.count(left), text.count(right)
        if opened != closed:
            return (
                f"{name}不成对：{left} {opened} 个，{right} {closed} 个",
                f"{left}{right}: {opened} vs {closed}",
            )
    if text.count('"') % 2:
        return "半角双引号不成对（共 {} 个）".format(text.count('"')), '" odd count'
    return None


def _cut_paragraphs(report: Report) -> Iterator[tuple[str, str]]:
    """(where, the paragraph's end) for a paragraph that stops mid-sentence before a heading."""
    for section in report.sections:
        n = section.expected if section.expected is not None else section.number
        if n not in _PROSE:
            continue
        paragraph: list[str] = []
        for line in section.text.split("\n"):
            if _HEADING.match(line):
                # The paragraph's last character decides first (most end in "。"); only then is the
                # paragraph squeezed to count its characters.
                last = _last_char(paragraph)
                if last is not None and last not in _ENDS and "\u4e00" <= last <= "\u9fff":
                    body = "".join("".join(paragraph).split())
                    if len(body) >= _MIN_PARAGRAPH:
                        yield f"section.{n}", body[-15:]
                paragraph = []
            paragraph.append(line)


def _last_char(lines: list[str]) -> str | None:
    """The last character of ``"".join(lines)`` that is not whitespace (``str.split``'s and
    ``str.rstrip``'s whitespace are the same), or None."""
    for line in reversed(lines):
        tail = line.rstrip()
        if tail:
            return tail[-1]
    return None


def _quality(ctx: Context) -> Iterator[Hit]:
    if any(p.code == "ocr_read" for p in ctx.report.problems):
        return  # OCR text: lost or doubled marks are the recogniser's, not the report's
    for chunk in context_chunks(ctx, sections=_PROSE):
        if chunk.where == "preamble":  # titles, bylines and a crawler's page furniture, not prose
            continue
        text, where, place = chunk.text, chunk.where, place_zh(chunk.where)
        m = _repeats(text)
        if m is not None:
            yield Hit(
                where,
                f"{place}有重复字词“{m.group(0)}”（“{_context(text, m.start(), m.end())}”）",
                f"a word typed twice: “{m.group(0)}”",
            )
        m = _ASCII_PUNCT.search(text) if _has_any(text, ",;?!(") else None
        if m is not None:
            yield Hit(
                where,
                f"{place}中文句子中使用了半角标点（“{_context(text, m.start(), m.end())}”），应使用全角标点",
                f"ASCII punctuation in a Chinese sentence: “{m.group(0)}”",
            )
        m = _DIGIT_MIX.search(text) if _has_any(text, _FULL_DIGITS) else None
        if m is not None:
            yield Hit(
                where,
                f"{place}同一数字中混用半角和全角数字（“{_context(text, m.start(), m.end())}”）",
                f"half- and full-width digits mixed in one figure: “{m.group(0)}”",
                Severity.WARNING,
            )
        pair = _unbalanced(text)
        if pair is not None:
            yield Hit(
                where,
                f"{place}{pair[0]}",
                f"quotes or brackets do not pair up ({pair[1]})",
                Severity.WARNING,
            )
    for where, end in dict.fromkeys(_cut_paragraphs(ctx.report)):
        yield Hit(
            where,
            f"{place_zh(where)}有一段话未写完即转入下一标题（“……{end}”），疑为分页或粘贴时内容缺失",
            f"a paragraph stops mid-sentence before the next heading (“…{end}”): text lost at a page break?",
            Severity.WARNING,
        )


RULES: list[Rule] = [
    Rule(
        "text.quality",
        Severity.INFO,
        "文字质量：重复字词、中文句子中的半角标点（提示）；同一数字混用半角和全角数字、引号或括号不成对、"
        "一段话未写完即转入下一标题（疑为分页处内容缺失）（警告）。",
        "Text quality: a word typed twice, ASCII punctuation in a Chinese sentence (info); half- and full-width "
        "digits in one figure, quotes or brackets that do not pair up, a paragraph cut off before the next "
        "heading (text lost at a page break?) (warning).",
        _quality,
        reads=("meta.preamble", "sections"),
        also=(Severity.WARNING,),
    ),
]
