"""PDF reports: text layers read as laid out; scans read by OCR (the ``ocr`` extra) or reported.

Pages are read with PDFium (the optional ``pdf`` extra); see ``pdf_layout`` for why not pdfminer.
A PDF that needs a password, or that PDFium cannot parse, is refused with one clear error. A PDF
whose pages are only images is read by OCR when the optional ``ocr`` extra is installed (see
``gongkai.readers.ocr``: the same layout stages then read its characters), and otherwise reported
as a scan (problem ``scanned_pdf``) instead of being passed to the extraction, which would "find"
nothing or, worse, stray digits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gongkai.errors import Unreadable, UnsafeArchive
from gongkai.model.provenance import Problem
from gongkai.model.report import Report, Source
from gongkai.readers.base import DocumentReader
from gongkai.readers.budget import OCR_SECONDS_PER_PAGE, allow
from gongkai.readers.document import Document, DocumentBuilder
from gongkai.readers.missing_rows import flag_missing_active_rows

if TYPE_CHECKING:  # the page layout modules load when a PDF is read, not for every text report
    from gongkai.readers.pdf_layout import PageContent

_MIN_TEXT = 20  # fewer real characters than this in the whole file: there is no text layer
MAX_PAGES = 500


def _open(data: bytes, path: str) -> Any:
    try:
        import pypdfium2 as pdfium
    except ImportError as exc:  # pragma: no cover - the extra is installed in development
        raise Unreadable("读取 PDF 需要安装可选组件：pip install 'gongkai[pdf]'", path=path,
                         message_en="reading PDF needs the optional 'pdf' extra (pypdfium2)") from exc
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        import pypdfium2.raw as raw

        if getattr(exc, "err_code", None) == raw.FPDF_ERR_PASSWORD:
            raise UnsafeArchive("PDF 已加密，需要密码才能打开", path=path,
                                message_en="the PDF is encrypted with a password") from exc
        raise Unreadable("PDF 文件已损坏或不完整，无法解析", path=path,
                         message_en=f"the PDF is damaged or malformed ({exc})") from exc


def _metadata(pdf: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    try:
        info = pdf.get_metadata_dict(skip_empty=True)
    except Exception:  # metadata is a nicety; a broken Info dictionary must not fail the read
        return meta
    title = info.get("Title", "").strip()
    if title and "\ufffd" not in title and title.isprintable():
        from gongkai.readers.pdf_web import site_suffix_removed

        meta["title"] = site_suffix_removed(title)
    for key, name in (("CreationDate", "created"), ("ModDate", "modified")):
        value = info.get(key, "")
        if len(value) >= 10 and value.startswith("D:") and value[2:10].isdigit():
            meta[name] = f"{value[2:6]}-{value[6:8]}-{value[8:10]}"
    return meta


def _ocr(pdf: Any, pages: list[PageContent], numbers: list[int], wanted: bool) -> list[int]:
    """Read the image-only pages ``numbers`` by OCR when the extra is installed; the pages read."""
    if not numbers or not wanted:
        return []
    from gongkai.readers import ocr

    if not ocr.available():
        return []
    for n in numbers:
        allow(OCR_SECONDS_PER_PAGE)  # slow by nature: the read's time budget grows by a page's worth
        pages[n - 1] = ocr.ocr_page(pdf, n - 1)
    return numbers


def _legible(ch: str) -> bool:
    """A character a Chinese report's text is made of: ASCII, general punctuation and symbols,
    CJK (radicals to unified ideographs, compatibility forms) and full-width forms."""
    o = ord(ch)
    return (0x21 <= o <= 0x7E or 0x2000 <= o <= 0x2BFF or 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF
            or 0xFE30 <= o <= 0xFE4F or 0xFF00 <= o <= 0xFFEF or o == 0xB7)


#: Characters no Chinese report of a few hundred characters goes without (政府信息公开…年).
_COMMON = frozenset("的年公信息政府开")


def _garbled(pages: list[PageContent]) -> bool:
    """Whether the text layer decodes to nonsense.

    A font embedded without a ToUnicode map leaves PDFium the font's own codes, which it passes on
    as characters: glyph numbers ("຅߶ࣉ̠ඞஊउ" — or, in a full font, Chinese characters in no
    order) or one-byte codes ("xþo!ÓR-£Îã", control characters). Read as text, such a report
    lacks its six sections, its dates and its tables — the agency's errors, for what the reader
    could not see. Genuine text is all but wholly legible (measured: 100 % on the project's PDFs,
    at most 51 % for the same PDFs with their ToUnicode maps removed)."""
    chars = [c.text for p in pages for c in p.chars if not c.text.isspace()]
    if len(chars) < _MIN_TEXT:
        return False
    if sum(map(_legible, chars)) < 0.8 * len(chars):
        return True
    cjk = [c for c in chars if "\u4e00" <= c <= "\u9fff"]
    return len(cjk) >= 200 and not _COMMON.intersection(cjk)


def load_pdf(data: bytes, path: str, *, ocr: bool = True) -> Document:
    """The PDF's pages as a Document; image-only pages are read by OCR if ``ocr`` and the extra allow."""
    from gongkai.readers.pdf_layout import read_page
    from gongkai.readers.pdf_pages import Assembler, page_blocks, strip_furniture
    from gongkai.readers.pdf_web import strip_web_chrome

    pdf = _open(data, path)
    try:
        count = len(pdf)
        if count > MAX_PAGES:
            raise Unreadable(f"PDF 有 {count} 页，超过上限 {MAX_PAGES} 页", path=path,
                             message_en=f"the PDF has {count} pages, over the {MAX_PAGES}-page limit")
        pages: list[PageContent] = []
        for i in range(count):
            try:
                pages.append(read_page(pdf, i))
            except Exception as exc:  # PDFium raises plain errors for broken page trees
                raise Unreadable(f"PDF 第 {i + 1} 页无法解析", path=path,
                                 message_en=f"page {i + 1} cannot be parsed: {exc}") from exc
        meta = _metadata(pdf)
        text_chars = sum(1 for p in pages for c in p.chars if not c.text.isspace())
        unmapped = sum(p.unmapped for p in pages)
        scanned = text_chars < _MIN_TEXT and unmapped < _MIN_TEXT
        garbled = not scanned and (unmapped > text_chars or _garbled(pages))
        every = [p.number for p in pages]
        # Every page, or those whose own text decodes to nonsense (a table set in a font without a map).
        own = [] if scanned or garbled else [p.number for p in pages if _garbled([p])]
        undecodable = every if garbled else own
        images_only = [p.number for p in pages if not p.chars and p.images]
        wanted = every if scanned or garbled else sorted({*images_only, *undecodable})
        read_by_ocr = _ocr(pdf, pages, wanted, ocr)
    finally:
        pdf.close()
    out = DocumentBuilder(path, "pdf")
    out.meta.update(meta)
    out.meta["pages"] = count
    if read_by_ocr:
        out.meta["ocr"] = read_by_ocr
        out.meta["ocr_undecodable"] = [n for n in undecodable if n in read_by_ocr]
    elif scanned:
        out.meta["scanned"] = True
        return out.build()
    if garbled and not read_by_ocr:
        out.meta["unmapped_text"] = True
        return out.build()
    unread = [n for n in undecodable if n not in read_by_ocr]
    for n in unread:  # nonsense is no text: read as a page without it (nor its empty table), and said so
        pages[n - 1].chars, pages[n - 1].h_edges, pages[n - 1].v_edges = [], [], []
    out.meta["undecodable_pages"] = unread
    out.meta["pages_without_text"] = [n for n in images_only if n not in read_by_ocr]
    blocks = [page_blocks(p) for p in pages]
    strip_furniture(pages, blocks)
    strip_web_chrome(blocks, out.meta)
    Assembler(out, blocks).run()
    return out.build()


class PdfReader(DocumentReader):
    name = "pdf"
    extensions = (".pdf",)

    def sniff(self, head: bytes, path: str) -> float:
        return 1.0 if b"%PDF-" in head[:1024] else 0.0

    def load(self, data: bytes, path: str) -> Document:
        return load_pdf(data, path)

    def read(self, data: bytes, path: str) -> Report:
        doc = self.load(data, path)
        if doc.meta.get("scanned") or doc.meta.get("unmapped_text"):
            report = Report(Source(path, "pdf"))
            if doc.meta.get("scanned"):
                report.add_problem("scanned_pdf", None, "扫描件，需要 OCR（PDF 没有文字层）",
                                   "scanned document: the PDF has no text layer, OCR is needed")
            else:
                report.add_problem("unmapped_text", None, "PDF 的文字无法解码（字体缺少 Unicode 映射），需要 OCR",
                                   "the PDF's fonts carry no Unicode mapping; OCR is needed")
            return report
        from gongkai.readers.extract import extract

        report = extract(doc)
        if doc.meta.get("ocr"):
            _ocr_problems(report, doc.meta["ocr"], doc.meta.get("ocr_undecodable") or [])
        _pages_problem(report, "scanned_pages", doc.meta.get("pages_without_text"), "是扫描图像，没有文字层，未读取（需要 OCR）",
                       "are images without a text layer (OCR needed)")
        _pages_problem(report, "undecodable_pages", doc.meta.get("undecodable_pages"),
                       "的文字无法解码（字体缺少 Unicode 映射），未读取（需要 OCR）",
                       "have text that cannot be decoded (fonts without a Unicode mapping); not read (OCR needed)")
        return report


def _pages_problem(report: Report, code: str, pages: list[int] | None, zh: str, en: str) -> None:
    """One problem naming ``pages`` ("第 2、5 页…"), if any."""
    if pages:
        report.add_problem(code, None, f"第 {'、'.join(map(str, pages))} 页{zh}", f"pages {pages} {en}", pages=pages)


def _ocr_problems(report: Report, pages: list[int], undecodable: list[int]) -> None:
    """What OCR read is a reading, not the report: say so, and a blank cell may be a missed digit."""
    flag_missing_active_rows(report)
    for i, p in enumerate(report.problems):
        if p.code == "blank_cell":
            report.problems[i] = Problem(
                "unreadable_cell", p.where, "扫描件中该单元格未识别出内容（可能是空白，也可能是未识别的数字），请核对原文",
                "the scanned cell shows nothing OCR could read (blank, or a missed digit); check the original",
                {"ocr": True},
            )
    _pages_problem(report, "ocr_read", [n for n in pages if n not in undecodable],
                   "是扫描图像，内容由 OCR 识别读取，请核对原文", "are scanned images read by OCR; check against the original")
    _pages_problem(report, "ocr_read", undecodable, "的文字无法解码（字体缺少 Unicode 映射），内容由 OCR 识别读取，请核对原文",
                   "have text that cannot be decoded (fonts without a Unicode mapping), read by OCR; check against "
                   "the original")


READERS = [PdfReader()]
