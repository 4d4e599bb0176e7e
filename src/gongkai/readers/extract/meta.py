"""Report metadata: agency, year, statistical period, date under the signature, scope.

Each field is read from where reports actually print it — the title lines, the opening
paragraph, the signature block — and keeps its provenance; a field not printed stays None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from gongkai.model.provenance import Where
from gongkai.model.report import Period
from gongkai.readers.chrome import is_head_chrome, site_suffix_removed, starts_with_browser_stamp
from gongkai.readers.document import Document, Line, fold
from gongkai.readers.extract.patterns import compact
from gongkai.readers.radicals import ideographs

_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_YMD = r"(?P<y{i}>\d\d\d\d)\s*年\s*(?P<m{i}>\d{{1,2}})\s*月\s*(?P<d{i}>\d{{1,2}})\s*日"
_MD = r"(?:(?P<y{i}>\d{{4}})\s*年\s*)?(?P<m{i}>\d{{1,2}})\s*月\s*(?P<d{i}>\d{{1,2}})\s*日"
# "(?<!\s)": a match never starts inside a run of spaces (one starting at the run's first space
# covers it), so a search over a long run is linear instead of rescanning the run from every space.
_PERIOD = re.compile(
    r"(?<!\s)(?:自|从|为|期限|时限|时间)?\s*" + _YMD.format(i=1) + r"\s*(?:起)?\s*(?:至|到|—|-|~|－|――)\s*" + _MD.format(i=2)
)
_PERIOD_DOTTED = re.compile(
    r"(?P<y1>\d{4})[.\-/](?P<m1>\d{1,2})[.\-/](?P<d1>\d{1,2})\s*(?:至|到|—|-|~)\s*(?P<y2>\d{4})[.\-/](?P<m2>\d{1,2})[.\-/](?P<d2>\d{1,2})"
)
_DATE_LINE = re.compile(r"^\s*(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*$")
_DATE_ISO_LINE = re.compile(r"^\s*(?P<y>\d{4})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})\s*$")
_DATE_CN_LINE = re.compile(r"^\s*(?P<y>[〇○零O一二三四五六七八九]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,2})\s*月\s*(?P<d>[一二三四五六七八九十]{1,3})\s*日\s*$")
_ISO_ANY = re.compile(r"(?P<y>\d{4})\s*[-./年]\s*(?P<m>\d{1,2})\s*[-./月]\s*(?P<d>\d{1,2})")
_TITLE_SUFFIX = re.compile(r"(?:政府)?信息公开(?:工作)?(?:年度)?报告$|(?:政府信息公开)?年度报告$|工作年度报告$")
_YEAR_IN_TITLE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年度?")
_AGENCY_SUFFIX = re.compile(
    r"(人民政府|政府|办公室|办公厅|委员会|管委会|管理委员会|局|厅|委|署|办|中心|院|所|站|队|处|街道办事处|街道|镇|乡|区|县|市|实验区|示范区|开发区)$"
)


_SIGNER_SUFFIX = re.compile(
    r"(人民政府|办公室|办公厅|委员会|管委会|管理委员会|局|厅|署|中心|街道办事处|政府)$"
)


def _cn_number(text: str) -> int:
    if len(text) >= 4 and all(c in _CN_DIGIT for c in text):
        return int("".join(str(_CN_DIGIT[c]) for c in text))
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGIT[text[1]]
    if text.endswith("十"):
        return _CN_DIGIT[text[0]] * 10
    if "十" in text:
        a, b = text.split("十")
        return _CN_DIGIT[a] * 10 + _CN_DIGIT[b]
    return _CN_DIGIT[text]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


@dataclass(slots=True)
class Title:
    text: str
    start: int
    end: int


_CHROME_LINE = 160
_CRAWLER_FIELD = re.compile(r"(标题|发布时间|发布日期|发文日期|成文日期|发布机构|来源|文号|原文链接|本地目录|栏目|页面链接)\s*[:：]")
_FIELD_HEAD = 64  # characters of a line the field names and their colon are looked for in


_COLUMN_GAP = re.compile(r"\s{4,}")


def find_title(doc: Document, before: int) -> Title | None:
    """The report title: the first short lines (up to three) that together name a 报告.

    A page title followed by the site's name ("…年度报告_某某区人民政府门户网站") counts without the
    site's name; lines of page chrome before the title are passed over.
    """
    pieces: list[tuple[str, int, int]] = []
    for line in doc.lines:
        if not line.cells or line.cells[0].start >= before:
            break
        text = "".join(c.text for c in line.cells).strip()
        if not text:
            continue
        # (a whole report may be one line: only its start is folded until the line is known short)
        if _CRAWLER_FIELD.match(fold(text[:_FIELD_HEAD])):
            pieces.clear()  # (a page's info line stands between its heading and the report's own title)
            continue
        if not text.strip("=-—*#"):
            continue  # a rule of "=" or "-"
        if text[0] == "*" or text[0] == "_":
            text = text.strip("*_ ")  # Markdown's emphasis around a title: "**示例县人民政府办公室**"
        if len(text) > _CHROME_LINE:
            break  # (longer than any title with a print header and a site's name around it)
        folded = fold(text)
        # Text saved from a portal page: the browser's print header ("12/3/26, 10:22 AM" and the
        # page title with the site's name after it), the site's banner and navigation.
        if stamp := starts_with_browser_stamp(folded):
            text = text[stamp.end():].strip()
        if "网站" in text:
            text = site_suffix_removed(text)
        if not text or is_head_chrome(fold(text)):
            pieces.clear()  # a title's lines follow each other: chrome between them starts it again
            continue
        if "报告" in text and "    " in text:
            # A page laid out in columns, as a text browser prints it: the site's navigation left
            # of the title, beyond a gap ("政务公开          青山县交通运输局2023年…年度报告").
            part = next(p for p in _COLUMN_GAP.split(text) if "报告" in p)
            if part != text:
                text = part
                pieces.clear()  # (the lines above are the other columns' too)
        if len(compact(text)) > 60 or "。" in text:
            break
        pieces.append((text, line.cells[0].start, line.cells[-1].end))
        if "报告" in text or len(pieces) == 3:
            break
    if not pieces or not any("报告" in p[0] for p in pieces):
        return None
    return Title(compact("".join(p[0] for p in pieces)), pieces[0][1], pieces[-1][2])


#: The first date a ``_PERIOD`` match can start with: a pattern that starts with a digit lets the
#: regex engine skip to digits, while ``_PERIOD`` (a look-behind, then optional words) is tried at
#: every position, which cost more than the rest of reading the preamble.
_FIRST_DATE = re.compile(_YMD.format(i=1))  # "\d\d\d\d", not "\d{4}": a repeat first is tried everywhere too


def _period(text: str) -> re.Match[str] | None:
    """``_PERIOD.search(text)``, started where its leftmost match can start.

    Every match holds a first date (``y1`` 年 ``m1`` 月 ``d1`` 日) preceded only by spaces and at
    most two characters of words, so no match starts before the first date less the spaces and
    two characters in front of it. (A search from a position still sees the text before it.)
    """
    first = _FIRST_DATE.search(text)
    if first is None:
        return None
    lo = first.start()
    while lo > 0 and text[lo - 1].isspace():
        lo -= 1
    return _PERIOD.search(text, max(0, lo - 2))


def parse_title(title: str) -> tuple[str | None, int | None]:
    """(agency, year) from a title such as "2022年保德县孙家沟镇人民政府信息公开工作年度报告"."""
    text = fold(title)
    year = None
    m = _YEAR_IN_TITLE.search(text)
    if m:
        year = int(m.group("y"))
        text = text[: m.start()] + text[m.end():]
    text = _TITLE_SUFFIX.sub("", text)
    text = re.sub(r"(关于)?印发|的?通知$", "", text).strip("《》 ")
    if text.endswith("人民"):
        text += "政府"
    return (text or None), year


def find_period(text: str) -> tuple[Period, int, int] | None:
    m = _period(text) or _PERIOD_DOTTED.search(text)
    if not m:
        return None
    y1 = int(m.group("y1"))
    y2 = int(m.group("y2")) if m.group("y2") else y1
    start = _safe_date(y1, int(m.group("m1")), int(m.group("d1")))
    end = _safe_date(y2, int(m.group("m2")), int(m.group("d2")))
    if start is None and end is None:
        return None
    return Period(start, end), m.start(), m.end()


def find_signature(doc: Document, after: int) -> tuple[str | None, date | None, Where | None, Where | None]:
    """(signer, date, where of signer, where of date) from the last lines of the report."""
    lines = _last_lines(doc, after)
    for i in range(len(lines) - 1, max(-1, len(lines) - 12), -1):
        cell_text = "".join(c.text for c in lines[i].cells)
        folded = fold(cell_text)
        d = _line_date(folded)
        if d is None:
            continue
        start = lines[i].cells[0].start
        date_where = doc.where(start, lines[i].cells[-1].end, raw=cell_text.strip())
        signer = None
        signer_where = None
        for j in range(i - 1, max(-1, i - 4), -1):
            prev = "".join(c.text for c in lines[j].cells).strip()
            if not prev:
                continue
            if len(prev) <= 40 and "。" not in prev and _AGENCY_SUFFIX.search(compact(fold(prev))):
                signer = compact(ideographs(prev))
                signer_where = doc.where(lines[j].cells[0].start, lines[j].cells[-1].end)
            break
        return signer, d, signer_where, date_where
    # No date: a last line that is only an agency's name is still the signature.
    for line in reversed(lines):
        text = "".join(c.text for c in line.cells).strip()
        if not text:
            continue
        flat = compact(fold(text))
        if len(flat) <= 30 and not re.search(r"[。，,；;：:]", flat) and _SIGNER_SUFFIX.search(flat):
            return flat, None, doc.where(line.cells[0].start, line.cells[-1].end), None
        break
    return None, None, None, None


#: The signature is looked for in the last 12 lines with text, its signer up to 3 lines above the date.
_SIGNATURE_LINES = 15


def _last_lines(doc: Document, after: int) -> list[Line]:
    """The last lines with text after ``after`` that ``find_signature`` can look at, in document order.

    Walking back from the end builds only these few lines: building every line after the tables
    cost most of a large file's time and memory (a 16 MB input made a gigabyte of lines). Empty
    lines are passed over without building them and do not count: text that an HTML-to-text tool
    made of a portal page puts empty lines between every element of the page's footer, and the
    signature stands above that footer.
    """
    every = doc.lines
    parts = every._parts
    starts = every._starts
    first = doc.line_index(after)
    tail: list[Line] = []
    for k in range(len(parts) - 1, first - 1, -1):
        if starts[k] < after or parts[k].isspace() or not parts[k]:
            continue
        tail.append(every[k])
        if len(tail) >= _SIGNATURE_LINES:
            break
    return tail[::-1]


def _line_date(text: str) -> date | None:
    m = _DATE_LINE.match(text) or _DATE_ISO_LINE.match(text)
    if m:
        return _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    m = _DATE_CN_LINE.match(text)
    if m:
        try:
            return _safe_date(_cn_number(m.group("y")), _cn_number(m.group("m")), _cn_number(m.group("d")))
        except KeyError:
            return None
    return None


def parse_any_date(text: str) -> date | None:
    m = _ISO_ANY.search(fold(text))
    return _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d"))) if m else None


def find_scope(preamble: str) -> str | None:
    flat = compact(fold(preamble))
    if re.search(r"汇总|各有关单位|全区各|全市各|全县各", flat):
        return "summary"
    if "本级政府" in flat:
        return "government"
    if "本机关" in flat or "本部门" in flat or "本单位" in flat:
        return "agency"
    return None
