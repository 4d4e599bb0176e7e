"""(j) A portal page saved as text by an HTML-to-text tool: BeautifulSoup's ``get_text(separator)``
(selectolax's ``text(separator=…)`` gives the same), each text node on its own line or separated by
a space or a tab. Empty cells of the page (``&nbsp;``) stay as lone no-break spaces; the page's
navigation and footer come along. ``get_text()`` without a separator glues the cells together:
that is the ``flat`` and ``crawl`` layouts' shape, with the digits alone to split.
"""

from __future__ import annotations

import random
from dataclasses import replace

from gongkai.model.report import Report

from . import html
from .common import Rendering

SEPARATORS = ("\n", " ", "\t")


def render(report: Report, rng: random.Random, *, separator: str | None = None) -> Rendering:
    from selectolax.lexbor import LexborHTMLParser

    page = html.render(report, rng)
    try:
        source = page.data.decode("utf-8")
    except UnicodeDecodeError:
        source = page.data.decode("gb18030")  # the GBK family the page was written in
    tree = LexborHTMLParser(source)
    sep = separator if separator is not None else rng.choice(SEPARATORS)
    text = (tree.body or tree.root).text(separator=sep)
    return replace(page, layout="page_text", filename="report.txt", data=text.encode("utf-8"))
