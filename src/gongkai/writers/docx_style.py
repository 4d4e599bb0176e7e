"""The GB/T 9704 page and type for Word documents (spec/layout.md): A4, margins 37/35/28/26 mm, a
22-line × 28-character grid, 仿宋_GB2312 3号 body, 小标宋 2号 title, 黑体/楷体 headings, "— 1 —"
page numbers. Styles are rewritten whole rather than patched, so nothing of python-docx's default
(theme fonts, blue headings, a bordered Title) leaks into the document.
"""

from __future__ import annotations

import io
from functools import cache

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"
#: Word substitutes these when a named face is missing (fontTable altName); PDF rendering maps them
#: through fontconfig instead (writers/fonts.conf).
ALT_NAMES = {FANGSONG: "仿宋", XIAOBIAOSONG: "华文中宋", KAITI: "楷体", HEITI: "SimHei", SONGTI: "SimSun"}

LINE_TWIPS = 578  # 28.9 pt: 22 lines in the 225 mm text block
BODY_HALF_POINTS = 32  # 3号 = 16 pt
TITLE_HALF_POINTS = 44  # 2号 = 22 pt
TABLE_HALF_POINTS = 24  # 小四 = 12 pt
PAGE_NUMBER_HALF_POINTS = 28  # 4号 = 14 pt
TEXT_WIDTH_TWIPS = round(156 / 25.4 * 1440)  # 8844
CONDENSE_TWENTIETHS = -5  # 16 pt - 0.25 pt = 15.75 pt a character: 28 characters in 156 mm


def rfonts(name: str, ascii_name: str | None = None) -> str:
    a = ascii_name or name
    return f'<w:rFonts w:ascii="{a}" w:hAnsi="{a}" w:eastAsia="{name}" w:cs="{a}" w:hint="eastAsia"/>'


def _rpr(font: str, half_points: int, ascii_font: str | None = None, condense: int = 0) -> str:
    spacing = f'<w:spacing w:val="{condense}"/>' if condense else ""
    return (f"<w:rPr {nsdecls('w')}>{rfonts(font, ascii_font)}<w:color w:val=\"000000\"/>{spacing}"
            f'<w:kern w:val="0"/><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
            '<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>')


def _ppr(*, jc: str = "both", indent_chars: int = 200, line: int = LINE_TWIPS, extra: str = "",
         before: int = 0, after: int = 0, snap: bool = True, outline: int | None = None) -> str:
    """Paragraph properties, children in the order the schema requires (Word rejects others)."""
    indent = (f'<w:ind w:firstLineChars="{indent_chars}" w:firstLine="{indent_chars * BODY_HALF_POINTS // 10}"/>'
              if indent_chars else '<w:ind w:firstLine="0" w:firstLineChars="0"/>')
    snap_xml = "" if snap else '<w:snapToGrid w:val="0"/>'
    outline_xml = "" if outline is None else f'<w:outlineLvl w:val="{outline}"/>'
    return (f"<w:pPr {nsdecls('w')}>{extra}{snap_xml}"
            f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="exact"/>'
            f'{indent}<w:jc w:val="{jc}"/>{outline_xml}</w:pPr>')


def _restyle(doc: DocxDocument, name: str, ppr: str, rpr: str, *, style_id: str | None = None) -> None:
    styles = doc.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
    el = style.element
    if style_id:
        el.set(qn("w:styleId"), style_id)
    for tag in ("w:pPr", "w:rPr"):
        for old in el.findall(qn(tag)):
            el.remove(old)
    el.append(parse_xml(ppr))
    el.append(parse_xml(rpr))


def setup_styles(doc: DocxDocument) -> None:
    """Normal (body), Title, Heading 1 (一、), Heading 2 (（一）), Table Text, Footer."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None:
            for old in list(rpr_default):
                rpr_default.remove(old)
            rpr_default.append(parse_xml(_rpr(FANGSONG, BODY_HALF_POINTS)))
    _restyle(doc, "Normal", _ppr(), _rpr(FANGSONG, BODY_HALF_POINTS, condense=CONDENSE_TWENTIETHS))
    _restyle(doc, "Title", _ppr(jc="center", indent_chars=0, extra="<w:keepNext/>"),
             _rpr(XIAOBIAOSONG, TITLE_HALF_POINTS))
    _restyle(doc, "Heading 1", _ppr(jc="left", extra="<w:keepNext/>", outline=0),
             _rpr(HEITI, BODY_HALF_POINTS))
    _restyle(doc, "Heading 2", _ppr(jc="left", extra="<w:keepNext/>", outline=1),
             _rpr(KAITI, BODY_HALF_POINTS))
    _restyle(doc, "Table Text", _ppr(jc="center", indent_chars=0, line=320, snap=False),
             _rpr(FANGSONG, TABLE_HALF_POINTS), style_id="TableText")
    _restyle(doc, "Footer", _ppr(jc="right", indent_chars=0, line=360, snap=False),
             _rpr(SONGTI, PAGE_NUMBER_HALF_POINTS, SONGTI))


def setup_page(doc: DocxDocument) -> None:
    """A4 with the GB/T 9704 margins; the grid gives 22 lines of 28 characters."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(22)
    sect = section._sectPr
    for old in sect.findall(qn("w:docGrid")):
        sect.remove(old)
    # 22 lines come from the exact 28.9 pt line spacing; 28 characters a line from condensing each
    # character by 0.25 pt (Normal style). A "linesAndChars" grid would say the same to Word, but
    # LibreOffice spreads characters over two grid cells with it, so the grid only fixes lines.
    sect.append(parse_xml(f'<w:docGrid {nsdecls("w")} w:type="lines" w:linePitch="{LINE_TWIPS}"/>'))
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], odd=True)
    _page_number(section.even_page_footer.paragraphs[0], odd=False)


def _page_number(paragraph: object, *, odd: bool) -> None:
    """"— 1 —" in 宋体 4号: odd pages right-aligned one character in, even pages left."""
    p = paragraph._p  # type: ignore[attr-defined]
    for child in list(p):
        p.remove(child)
    side = "right" if odd else "left"
    p.append(parse_xml(f'<w:pPr {nsdecls("w")}><w:pStyle w:val="Footer"/>'
                       f'<w:ind w:{side}Chars="100" w:{side}="280"/><w:jc w:val="{side}"/></w:pPr>'))
    run = f'<w:r {nsdecls("w")}>{{}}</w:r>'
    p.append(parse_xml(run.format('<w:t xml:space="preserve">— </w:t>')))
    p.append(parse_xml(run.format('<w:fldChar w:fldCharType="begin"/>')))
    p.append(parse_xml(run.format('<w:instrText xml:space="preserve"> PAGE </w:instrText>')))
    p.append(parse_xml(run.format('<w:fldChar w:fldCharType="separate"/>')))
    p.append(parse_xml(run.format("<w:t>1</w:t>")))
    p.append(parse_xml(run.format('<w:fldChar w:fldCharType="end"/>')))
    p.append(parse_xml(run.format('<w:t xml:space="preserve"> —</w:t>')))


def register_fonts(doc: DocxDocument) -> None:
    """Declare the official faces in the font table with their common substitutes (altName)."""
    for part in doc.part.package.iter_parts():
        if str(part.partname) != "/word/fontTable.xml":
            continue
        root = parse_xml(part.blob)
        for name, alt in ALT_NAMES.items():
            family = "modern" if name in (FANGSONG, KAITI) else "auto"
            root.append(parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
                f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'))
        from lxml import etree

        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)  # type: ignore[attr-defined]
        return


_UNUSED_RELS = ("thumbnail", "stylesWithEffects", "customXml")  # python-docx's template carries these


@cache
def base_document() -> bytes:
    """An empty document with the page, styles, fonts and page numbers set up, built once per process:
    every report starts from these bytes instead of restyling python-docx's default template."""
    doc = docx.Document()
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    for rels in (doc.part.package.rels, doc.part.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in _UNUSED_RELS:
                rels.pop(rid)
    setup_page(doc)
    setup_styles(doc)
    register_fonts(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


#: Zip entry time of every written DOCX (the earliest a zip can hold): the same document gives the
#: same bytes on every run, so a report generated twice is recognised as one file (sha256), e.g.
#: when a clerk submits the ledger's report to the supervising office again.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def docx_bytes(doc: DocxDocument) -> bytes:
    """``doc`` saved as a DOCX whose bytes depend only on its content (no save-time clock)."""
    import zipfile

    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            stable = zipfile.ZipInfo(info.filename, ZIP_TIME)
            stable.compress_type = info.compress_type
            stable.external_attr = info.external_attr
            dst.writestr(stable, src.read(info.filename))
    return out.getvalue()
