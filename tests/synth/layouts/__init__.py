"""Renderers of a synthetic report into every layout published reports arrive in.

Each ``render(report, rng)`` returns a ``Rendering``: bytes, a file name (its suffix picks the
reader), the report that must come back, and the cells a perfect reader may leave null.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from gongkai.model.report import Report

from . import cells, crawl, drawing, flat, html, md_converted, md_spaced, page_text, pdftext, pipes, tabs
from .common import Rendering

Renderer = Callable[[Report, random.Random], Rendering]

#: Layout name → renderer, in the order of the brief: (a) … (g).
LAYOUTS: dict[str, Renderer] = {
    "cells": cells.render,  # (a) seeds 000/001/003
    "tabs": tabs.render,  # (b) seed 002
    "md_spaced": md_spaced.render,  # (c) seed 004
    "pdftext": pdftext.render,  # (d) corpus huaian-city-2024.txt
    "flat": flat.render,  # (e) corpus pingtan-2023.txt
    "pipes": pipes.render,  # (f) Markdown pipe tables
    "html": html.render,  # (g) portal page, corpus shanghai-office-2019.html
    "md_converted": md_converted.render,  # (h) Markdown from MinerU/marker/pandoc/OCR (issue 8 item 2)
    "crawl": crawl.render,  # (i) crawled page text: spaces, &nbsp; cells, chrome (corpus pt-*.txt)
    "page_text": page_text.render,  # (j) a portal page through an HTML-to-text tool (get_text(separator))
    "drawing": drawing.render,  # (k) pdftotext without -layout: cells in the PDF's drawing order
}
TEXT_LAYOUTS: tuple[str, ...] = ("cells", "tabs", "md_spaced", "pdftext", "flat", "pipes")

__all__ = ["LAYOUTS", "TEXT_LAYOUTS", "Renderer", "Rendering"]
