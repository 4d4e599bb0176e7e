"""WordprocessingML body → Document lines: paragraphs, headings and tables in document order.

Works on raw lxml elements rather than python-docx objects: it is several times faster, and the
merge semantics we need (a ``gridSpan`` cell once, a ``vMerge`` continuation not at all) are
plain attributes there. What the extraction must see is the printed grid of *physical* cells;
a merged cell emitted twice would look like an extra value between two row labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from gongkai.model.provenance import Where
from gongkai.readers.document import DocumentBuilder
from gongkai.readers.docx_numbering import Numbering

_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
_TITLE_NAMES = {"title", "标题"}
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


def is_cjk(ch: str) -> bool:
    return bool(ch) and _CJK.match(ch) is not None


def join_cjk(parts: list[str]) -> str:
    """Join text pieces: nothing between two CJK characters, a space otherwise."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out:
            out += "" if is_cjk(out[-1]) and is_cjk(part[0]) else " "
        out += part
    return out


@dataclass(slots=True)
class _Style:
    level: int | None = None  # heading level (0 = Title)
    num: tuple[str, int] | None = None  # (numId, ilvl) inherited by paragraphs of this style
    based_on: str | None = None


@dataclass(slots=True)
class _Cell:
    text: str
    col: int  # grid column where the cell starts (0-based)
    nested: list[etree._Element] = field(default_factory=list)
    paragraphs: int = 0  # non-empty paragraphs in the cell


class BodyWalker:
    """Walks one ``w:body`` and appends lines to a DocumentBuilder."""

    def __init__(self, ns: str, styles: etree._Element | None, numbering: etree._Element | None,
                 out: DocumentBuilder) -> None:
        w = f"{{{ns}}}"
        self.w = w
        self.out = out
        self.numbering = Numbering(numbering, ns)
        self.styles = _read_styles(styles, w)
        self.paragraph_no = 0
        self.table_no = 0
        self._last_header: list[str] | None = None  # first row of the table just emitted
        t = {name: f"{w}{name}" for name in (
            "p", "tbl", "tr", "tc", "t", "tab", "br", "cr", "sdt", "sdtContent", "customXml", "pPr",
            "rPr", "noBreakHyphen", "softHyphen", "drawing", "pict", "object", "del", "moveFrom",
            "delText", "instrText", "tcPr", "gridSpan", "vMerge", "hMerge", "pStyle", "numPr", "numId",
            "ilvl", "outlineLvl", "val", "sym", "footnoteReference", "endnoteReference", "tblPr",
            "trPr", "tblGrid", "gridBefore", "fldChar", "txbxContent", "smartTagPr", "sdtPr",
        )}
        self.t = t
        self._skip = {t["drawing"], t["pict"], t["object"], t["del"], t["moveFrom"], t["delText"],
                      t["instrText"], t["pPr"], t["rPr"], t["sdtPr"], t["smartTagPr"], t["txbxContent"],
                      "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"}
        self._containers = {t["sdt"], t["sdtContent"], t["customXml"]}

    # -- blocks ------------------------------------------------------------------------------
    def walk(self, body: etree._Element) -> None:
        for el in self._blocks(body):
            if el.tag == self.t["p"]:
                self.paragraph_no += 1
                self._paragraph(el, f"paragraph[{self.paragraph_no}]")
            else:
                self.table_no += 1
                self._table(el, f"table[{self.table_no}]")

    def _blocks(self, parent: etree._Element) -> list[etree._Element]:
        out: list[etree._Element] = []
        for child in parent:
            if child.tag in (self.t["p"], self.t["tbl"]):
                out.append(child)
            elif child.tag in self._containers:
                out.extend(self._blocks(child))
        return out

    def _paragraph(self, p: etree._Element, path: str) -> None:
        text, level = self.paragraph_text(p, keep_breaks=True)
        pieces = [s.strip() for s in text.split("\n")]
        for i, piece in enumerate(s for s in pieces if s):
            where = Where(path=path if i == 0 else f"{path}/br[{i}]")
            if level is not None:
                self.out.add([piece], wheres=[where], kind="heading", level=level)
            else:
                self.out.add([piece], wheres=[where])
            self._last_header = None

    # -- paragraphs ----------------------------------------------------------------------------
    def paragraph_text(self, p: etree._Element, *, keep_breaks: bool = False) -> tuple[str, int | None]:
        """The paragraph as printed (with its list number) and its heading level, if any."""
        t = self.t
        level: int | None = None
        num: tuple[str, int] | None = None
        ppr = p.find(t["pPr"])
        if ppr is not None:
            style = ppr.find(t["pStyle"])
            if style is not None:
                level, num = self._style_info(style.get(t["val"], ""))
            outline = ppr.find(t["outlineLvl"])
            if outline is not None:
                lvl = _int(outline.get(t["val"]))
                level = lvl + 1 if lvl is not None and 0 <= lvl < 9 else None
            numpr = ppr.find(t["numPr"])
            if numpr is not None:
                nid = numpr.find(t["numId"])
                ilvl = numpr.find(t["ilvl"])
                if nid is not None:
                    num = (nid.get(t["val"], "0"), _int(ilvl.get(t["val"]) if ilvl is not None else None) or 0)
                elif ilvl is not None and num is not None:
                    num = (num[0], _int(ilvl.get(t["val"])) or 0)
        else:
            level, num = self._style_info("")
        parts: list[str] = []
        self._text(p, parts)
        text = "".join(parts)
        if "\n" in text and not keep_breaks:
            text = join_cjk(text.split("\n"))
        if num is not None and num[0] != "0" and text.strip():
            label = self.numbering.label(*num)
            if label:
                text = label + text.lstrip()
        return text, level

    def _style_info(self, style_id: str) -> tuple[int | None, tuple[str, int] | None]:
        level: int | None = None
        num: tuple[str, int] | None = None
        seen = 0
        sid: str | None = style_id or self.styles.get("", _Style()).based_on
        while sid and seen < 10:
            st = self.styles.get(sid)
            if st is None:
                break
            if level is None:
                level = st.level
            if num is None:
                num = st.num
            sid = st.based_on
            seen += 1
        return level, num

    def _text(self, el: etree._Element, out: list[str]) -> None:
        t = self.t
        for child in el:
            tag = child.tag
            if tag == t["t"]:
                out.append(child.text or "")
            elif tag == t["tab"]:
                out.append(" ")
            elif tag in (t["br"], t["cr"]):
                out.append("\n")
            elif tag == t["noBreakHyphen"]:
                out.append("-")
            elif tag in self._skip or not isinstance(tag, str):
                continue
            elif len(child):
                self._text(child, out)

    # -- tables --------------------------------------------------------------------------------
    def _table(self, tbl: etree._Element, path: str) -> None:
        first: list[str] | None = None
        previous_header, self._last_header = self._last_header, None
        for r, tr in enumerate(self._children(tbl, self.t["tr"]), start=1):
            cells = self._row_cells(tr)
            if len(cells) == 1 and (cells[0].paragraphs > 1 or cells[0].nested):
                self._unwrap(tr, f"{path}/row[{r}]/cell[1]")  # a layout frame, not a data row
                continue
            texts = [c.text for c in cells]
            if r == 1:
                first = _trimmed(texts)
                if previous_header is not None and first == previous_header:
                    continue  # the header row repeated by a second table continuing the first
            if cells:
                wheres: list[Where | None] = [
                    Where(path=f"{path}/row[{r}]/cell[{i}]") for i in range(1, len(cells) + 1)
                ]
                self.out.add(texts, grid=True, wheres=wheres, kind="row")
            for c_index, cell in enumerate(cells, start=1):
                for n, inner in enumerate(cell.nested, start=1):
                    self._table(inner, f"{path}/row[{r}]/cell[{c_index}]/table[{n}]")
        self._last_header = first

    def _unwrap(self, tr: etree._Element, path: str) -> None:
        tc = next(iter(self._children(tr, self.t["tc"])))
        p_no = t_no = 0
        for el in self._blocks(tc):
            if el.tag == self.t["p"]:
                p_no += 1
                self._paragraph(el, f"{path}/paragraph[{p_no}]")
            else:
                t_no += 1
                self._table(el, f"{path}/table[{t_no}]")

    def _children(self, parent: etree._Element, tag: str) -> list[etree._Element]:
        out: list[etree._Element] = []
        for child in parent:
            if child.tag == tag:
                out.append(child)
            elif child.tag in self._containers:
                out.extend(self._children(child, tag))
        return out

    def _row_cells(self, tr: etree._Element) -> list[_Cell]:
        t = self.t
        cells: list[_Cell] = []
        col = 0
        trpr = tr.find(t["trPr"])
        if trpr is not None:
            before = trpr.find(t["gridBefore"])
            col = _int(before.get(t["val"]) if before is not None else None) or 0
        for tc in self._children(tr, t["tc"]):
            span = 1
            skip = False
            tcpr = tc.find(t["tcPr"])
            if tcpr is not None:
                gs = tcpr.find(t["gridSpan"])
                if gs is not None:
                    span = max(1, _int(gs.get(t["val"])) or 1)
                vm = tcpr.find(t["vMerge"])
                if vm is not None and vm.get(t["val"], "continue") != "restart":
                    skip = True  # continuation of a vertically merged cell: printed once, above
                hm = tcpr.find(t["hMerge"])
                if hm is not None and hm.get(t["val"], "continue") != "restart":
                    skip = True  # legacy horizontal merge continuation
            if not skip:
                texts: list[str] = []
                nested: list[etree._Element] = []
                for el in self._blocks(tc):
                    if el.tag == t["p"]:
                        text, _ = self.paragraph_text(el)
                        if text.strip():
                            texts.append(text)
                    else:
                        nested.append(el)
                cells.append(_Cell(join_cjk(texts), col, nested, len(texts)))
            col += span
        return cells


def _trimmed(texts: list[str]) -> list[str]:
    """Cell texts without trailing blank cells (ghost grid columns some editors add)."""
    end = len(texts)
    while end and not texts[end - 1].strip():
        end -= 1
    return texts[:end]


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _read_styles(root: etree._Element | None, w: str) -> dict[str, _Style]:
    """Paragraph styles by id; the key "" holds the default paragraph style's id as ``based_on``."""
    styles: dict[str, _Style] = {}
    if root is None:
        return styles
    for st in root.iter(f"{w}style"):
        if st.get(f"{w}type", "paragraph") != "paragraph":
            continue
        sid = st.get(f"{w}styleId", "")
        info = _Style()
        name_el = st.find(f"{w}name")
        name = (name_el.get(f"{w}val", "") if name_el is not None else "").strip()
        m = _HEADING_NAME.match(name)
        if m:
            info.level = int(m.group(1))
        elif name.lower() in _TITLE_NAMES:
            info.level = 0
        ppr = st.find(f"{w}pPr")
        if ppr is not None:
            outline = ppr.find(f"{w}outlineLvl")
            if outline is not None:
                lvl = _int(outline.get(f"{w}val"))
                info.level = lvl + 1 if lvl is not None and 0 <= lvl < 9 else info.level
            numpr = ppr.find(f"{w}numPr")
            if numpr is not None:
                nid = numpr.find(f"{w}numId")
                ilvl = numpr.find(f"{w}ilvl")
                if nid is not None:
                    info.num = (nid.get(f"{w}val", "0"), _int(ilvl.get(f"{w}val") if ilvl is not None else None) or 0)
        based = st.find(f"{w}basedOn")
        info.based_on = based.get(f"{w}val") if based is not None else None
        styles[sid] = info
        if st.get(f"{w}default") in ("1", "true", "on"):
            styles[""] = _Style(based_on=sid)
    return styles
