"""The local name a fetched report gets: its reader is picked by content, but a folder of
downloads is read again by name (``gongkai.readers.suffixes``)."""

from __future__ import annotations

import pytest

from gongkai.corpus.downloads import _suffix
from gongkai.readers.suffixes import REPORT_SUFFIXES


@pytest.mark.parametrize(("url", "content_type", "suffix"), [
    ("https://x.gov.cn/a/t1.html", "text/html", ".html"),
    ("https://x.gov.cn/a/t1.mht", "message/rfc822", ".mhtml"),  # a page saved as one file
    ("https://x.gov.cn/a/t1", "multipart/related", ".mhtml"),
    ("https://x.gov.cn/a/report.mht", None, ".mht"),
    ("https://x.gov.cn/a/report.pdf", "application/octet-stream", ".pdf"),
    ("https://x.gov.cn/a/report.exe", None, ".html"),
])
def test_a_download_is_named_as_what_it_holds(url: str, content_type: str | None, suffix: str) -> None:
    assert _suffix(url, content_type) == suffix
    assert suffix in REPORT_SUFFIXES
