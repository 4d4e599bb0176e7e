"""Make the PDF fixtures of shapes real reports come in (run by hand; the outputs are checked in).

    .venv/bin/python tests/data/pdf/make_pdfs.py

- ``web-2023.pdf``: a portal page saved and printed with Chromium: the browser's header and
  footer on every page (time, page title, URL, "1/4"), the site's banner, navigation, breadcrumb,
  发布日期/来源 line, share buttons and footer around the report; ruled tables.
- ``wrapped-2019.pdf``: a report whose tables are drawn without ruling lines and whose label
  column is narrow, so that labels wrap over two lines and the vertically centred numbers sit on
  a line of their own between them ("行政" / "24867" / "处罚").

Each comes with ``NAME.expected.json``: the cells the report was printed from.

- ``undecodable-lo-2021.pdf``: ``lo-2021.pdf`` with its fonts' ToUnicode maps removed, as some
  converters embed fonts: the text layer decodes to control characters; its cells are lo-2021's.
- ``undecodable-huaian-p1.pdf``: the first page of the Huai'an report, its maps removed: its
  Identity-H fonts then give glyph numbers as characters ("຅߶ࣉ̠ඞஊउ").
Needs Chromium (``/usr/bin/chromium``) and the synthetic report generator in ``tests/synth``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from gongkai.model.keys import Template  # noqa: E402
from synth.layouts import html  # noqa: E402
from synth.strategies import Case  # noqa: E402

_STYLE = {
    "web": """body{font-family:"Noto Sans CJK SC",sans-serif;font-size:14px;margin:0}
.header{background:#b71c1c;color:#fff;padding:10px 30px}.logo{font-size:26px;font-weight:bold}
.nav{list-style:none;margin:0;padding:0;display:flex;gap:24px}.nav a{color:#fff;text-decoration:none}
.breadcrumb{padding:8px 30px;color:#666;font-size:12px}.article{width:720px;margin:0 auto}
.title{text-align:center;font-size:22px}.info{text-align:center;color:#888;font-size:12px}
.content table{border-collapse:collapse;width:100%}.content td{border:1px solid #333;padding:2px;font-size:12px}
.share{text-align:right;color:#666}.footer{background:#eee;color:#555;font-size:12px;padding:10px 30px;margin-top:20px}""",
    "wrapped": """body{font-family:"Noto Sans CJK SC",sans-serif;font-size:14px;margin:0 40px}
.header,.breadcrumb,.info,.share,.footer,h1.title{display:none}.article{width:640px;margin:0 auto}
.content table{border-collapse:collapse;width:100%}.content td{border:none;padding:3px;font-size:12px}
.content td:first-child{width:4.2em}""",
}


def _page(case: Case, style: str) -> tuple[str, dict[str, object]]:
    rendering = html.render(case.build(), case.rng())
    text = rendering.data.decode("gb18030")
    text = re.sub(r"<meta[^>]*charset[^>]*>", "", text, flags=re.I).replace(' nowrap="nowrap"', "")
    text = text.replace("<head>", f'<head><meta charset="utf-8"><style>{_STYLE[style]}</style>', 1)
    expected = rendering.expected
    cells = {k: (str(v) if v is not None and not isinstance(v, int) else v) for k, v in expected.cells().items()}
    return text, {"agency": expected.agency, "year": expected.year, "template": str(expected.template),
                  "published_on": expected.published_on.isoformat() if expected.published_on else None,
                  "cells": cells}


def _print(page: str, out: Path, *, browser_furniture: bool) -> None:
    import pikepdf

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "page.html"
        source.write_text(page, encoding="utf-8")
        raw = Path(tmp) / "raw.pdf"
        args = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", f"--print-to-pdf={raw}"]
        if not browser_furniture:
            args.append("--no-pdf-header-footer")
        subprocess.run([*args, source.as_uri()], check=True, capture_output=True, timeout=120)
        with pikepdf.open(raw) as pdf:  # Chromium writes CJK glyphs as Type 3 fonts: recompress them
            pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, recompress_flate=True)


def undecodable(source: Path, target: Path, pages: int | None = None) -> None:
    """``source`` with every font's ToUnicode map removed (and only its first ``pages`` pages)."""
    import pikepdf

    with pikepdf.open(source) as pdf:
        if pages is not None:
            del pdf.pages[pages:]
        for page in pdf.pages:
            for _name, font in page.Resources.get("/Font", {}).items():
                if "/ToUnicode" in font:
                    del font["/ToUnicode"]
        pdf.save(target)


def main() -> None:
    for name, case, style, furniture in (
        ("web-2023", Case(7, Template.V2021, 2023, "township", True, 3), "web", True),
        ("wrapped-2019", Case(11, Template.V2019, 2019, "county_department", True, 5), "wrapped", False),
    ):
        page, expected = _page(case, style)
        _print(page, HERE / f"{name}.pdf", browser_furniture=furniture)
        (HERE / f"{name}.expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n",
                                                    encoding="utf-8")
        print(name, (HERE / f"{name}.pdf").stat().st_size)


if __name__ == "__main__":
    main()
    undecodable(HERE / "lo-2021.pdf", HERE / "undecodable-lo-2021.pdf")
    undecodable(HERE.parent / "corpus" / "huaian-city-2024.pdf", HERE / "undecodable-huaian-p1.pdf", pages=1)
