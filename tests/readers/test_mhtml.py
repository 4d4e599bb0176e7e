"""Web pages saved as one file (.mhtml / .mht): read as the page itself reads.

The files are made here as the savers write them: Chrome ("Saved by Blink": the page re-encoded in
UTF-8, quoted-printable, no charset on the part), Internet Explorer and Word (the page's own
encoding named on the part, often GB2312, quoted-printable or base64), with the images beside it.
"""

from __future__ import annotations

import base64
import quopri
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongkai import api
from gongkai.cli.main import app
from gongkai.readers.formats.mhtml import MhtmlReader

DATA = Path(__file__).parent.parent / "data"
PAGES = [DATA / "html" / "portal-2021-gbk.html", DATA / "html" / "layout-2021-utf8.html",
         DATA / "corpus" / "shanghai-office-2019.html"]
_BOUNDARY = "----MultipartBoundary--hK8cFqYbOqLzT3vN1xXnDQ0dKj2XiFcyrzfCQ1pR4m----"
_PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(64)).decode()


def _page_text(page: Path) -> str:
    data = page.read_bytes()
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError(page)


def _blink(page: Path) -> bytes:
    """As Chrome saves a page: UTF-8, quoted-printable, the part without a charset."""
    html = _page_text(page).replace("gb2312", "utf-8").replace("GBK", "utf-8").replace("gbk", "utf-8")
    body = quopri.encodestring(html.encode("utf-8")).decode("ascii")
    return (
        "From: <Saved by Blink>\r\n"
        "Snapshot-Content-Location: https://www.example.gov.cn/zwgk/ndbg/t20240131_1.html\r\n"
        "Subject: =?utf-8?Q?=E5=B9=B4=E5=BA=A6=E6=8A=A5=E5=91=8A?=\r\n"
        "Date: Wed, 3 Dec 2026 10:00:00 +0800\r\n"
        "MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{_BOUNDARY}"\r\n\r\n\r\n'
        f"--{_BOUNDARY}\r\n"
        "Content-Type: text/html\r\n"
        "Content-ID: <frame-3B1D6A7C@mhtml.blink>\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "Content-Location: https://www.example.gov.cn/zwgk/ndbg/t20240131_1.html\r\n\r\n"
        f"{body}\r\n"
        f"--{_BOUNDARY}\r\n"
        "Content-Type: image/png\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        "Content-Location: https://www.example.gov.cn/images/logo.png\r\n\r\n"
        f"{_PNG}\r\n"
        f"--{_BOUNDARY}--\r\n"
    ).encode("ascii")


def _word(page: Path, transfer: str) -> bytes:
    """As Internet Explorer or Word saves a page: its own encoding named on the part, the image
    first and the page named as the root by ``start``."""
    html = _page_text(page)
    charset = "gb2312" if "gb" in html[:2000].lower() else "utf-8"
    raw = html.encode("gb18030" if charset == "gb2312" else "utf-8")
    body = (quopri.encodestring(raw).decode("ascii") if transfer == "quoted-printable"
            else base64.encodebytes(raw).decode("ascii"))
    boundary = "----=_NextPart_01DA53C2.6E1F4A30"
    return (
        "From: <Saved by Windows Internet Explorer 11>\n"
        "Subject: report\n"
        "MIME-Version: 1.0\n"
        f'Content-Type: multipart/related; type="text/html"; start="<page@x>"; boundary="{boundary}"\n'
        "X-MimeOLE: Produced By Microsoft MimeOLE\n\n"
        "This is a multi-part message in MIME format.\n\n"
        f"--{boundary}\n"
        "Content-Type: image/png\nContent-Transfer-Encoding: base64\nContent-Location: file:///C:/x/image001.png\n\n"
        f"{_PNG}\n"
        f"--{boundary}\n"
        f'Content-Type: text/html; charset="{charset}"\n'
        f"Content-Transfer-Encoding: {transfer}\n"
        "Content-ID: <page@x>\n\n"
        f"{body}\n"
        f"--{boundary}--\n"
    ).encode("ascii")


def _same_as_the_page(saved: bytes, page: Path, name: str) -> None:
    want = api.read(page)
    got = api.read(name, data=saved)
    assert got.cells() == want.cells()
    assert (got.agency, got.year, got.template, got.published_on) == \
        (want.agency, want.year, want.template, want.published_on)
    assert sum(v is not None for v in got.cells().values()) >= 60  # (Shanghai leaves its zero cells blank)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_a_page_saved_by_chrome_reads_as_the_page(page: Path) -> None:
    _same_as_the_page(_blink(page), page, "report.mhtml")


@pytest.mark.parametrize("transfer", ["quoted-printable", "base64"])
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_a_page_saved_by_word_or_ie_reads_as_the_page(page: Path, transfer: str) -> None:
    # Served as a ".doc" download, as portals do: the content decides, not the name.
    _same_as_the_page(_word(page, transfer), page, "附件.doc")


def test_quoted_printable_is_not_read_as_a_page_or_text() -> None:
    saved = _blink(PAGES[0])
    assert MhtmlReader().sniff(saved[:65536], "x.txt") > 0.9
    assert MhtmlReader().sniff(PAGES[0].read_bytes()[:65536], "x.html") == 0.0
    assert MhtmlReader().sniff(b"MIME-Version: 1.0\nContent-Type: text/plain\n\nhello", "x.eml") == 0.0


def test_a_saved_file_without_a_page_is_one_clear_error(tmp_path: Path) -> None:
    saved = tmp_path / "截图.mhtml"
    saved.write_bytes(
        b'MIME-Version: 1.0\nContent-Type: multipart/related; boundary="b"\n\n--b\n'
        b"Content-Type: image/png\nContent-Transfer-Encoding: base64\n\n" + _PNG.encode() + b"\n--b--\n")
    result = CliRunner().invoke(app, ["parse", str(saved)])
    assert result.exit_code != 0
    assert "截图.mhtml" in result.output and "MHTML 文件中没有网页（text/html）部分" in result.output
    assert "Traceback" not in result.output
    assert len([line for line in result.output.splitlines() if line.strip()]) == 1
