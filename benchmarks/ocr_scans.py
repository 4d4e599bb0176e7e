"""Cells read from scanned PDFs by OCR (the ``ocr`` extra): exact, null and wrong, and seconds.

    .venv/bin/python benchmarks/ocr_scans.py            # prints the table
    .venv/bin/python benchmarks/ocr_scans.py --write    # and updates docs/benchmarks.md
    .venv/bin/python benchmarks/ocr_scans.py --src /tmp/old/src   # another checkout's reader

Each of the project's four text PDFs with hand-checked cells (the real Huai'an report, LibreOffice's
ruled table, a web page printed to PDF, an unruled 2019 table) is scanned three ways, as offices'
scanners and phones deliver them:

- ``bw``: 200 dpi, black and white (one bit per pixel), fed straight;
- ``askew``: 200 dpi grey, the page turned 0.6 degrees, saved as JPEG at quality 60;
- ``low``: 150 dpi grey, JPEG at quality 40.

Every scan is read by ``PdfReader`` (the same path as ``gongkai parse``, without the per-read time
budget) and compared cell by cell with the text PDF's expected values. "wrong" is a non-null value
that differs: it must be 0. ``--src`` reads with another checkout's ``src`` (the table then
measures that version).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- ocr_scans:start -->", "<!-- ocr_scans:end -->"
SOURCES = {
    "huaian-city-2024": ROOT / "tests" / "data" / "corpus" / "huaian-city-2024",
    "lo-2021": ROOT / "tests" / "data" / "pdf" / "lo-2021",
    "web-2023": ROOT / "tests" / "data" / "pdf" / "web-2023",
    "wrapped-2019": ROOT / "tests" / "data" / "pdf" / "wrapped-2019",
}
KINDS = {"bw": {"dpi": 200, "angle": 0.0, "jpeg": None},
         "askew": {"dpi": 200, "angle": 0.6, "jpeg": 60},
         "low": {"dpi": 150, "angle": 0.0, "jpeg": 40}}


def scan(source: Path, target: Path, dpi: int, angle: float, jpeg: int | None) -> None:
    """The fixtures' scanner (tests/data/pdf/make_scans.py), loaded by path: tests/data is no package."""
    spec = importlib.util.spec_from_file_location("make_scans", ROOT / "tests" / "data" / "pdf" / "make_scans.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.rasterise(source, target, dpi=dpi, angle=angle, jpeg=jpeg)


def expected(stem: Path) -> dict[str, object]:
    data = json.loads(stem.with_suffix(".expected.json").read_text(encoding="utf-8"))
    if "cells" in data:
        return data["cells"]  # type: ignore[no-any-return]
    return {f"{t}.{r}.{c}": v for t, rows in data["tables"].items() if rows for r, cols in rows.items()
            for c, v in cols.items()}


def same(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return float(a) == float(b)  # type: ignore[arg-type]


def measure() -> list[tuple[str, str, int, int, int, int, float]]:
    from gongkai.readers.formats.pdf import PdfReader

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, stem in SOURCES.items():
            want = expected(stem)
            for kind, how in KINDS.items():
                target = Path(tmp) / f"{name}-{kind}.pdf"
                scan(stem.with_suffix(".pdf"), target, **how)  # type: ignore[arg-type]
                started = time.perf_counter()
                got = PdfReader().read(target.read_bytes(), str(target)).cells()
                seconds = time.perf_counter() - started
                exact = sum(1 for k, v in want.items() if same(got.get(k), v))
                wrong = sum(1 for k, v in want.items() if got.get(k) is not None and not same(got[k], v))
                null = len(want) - exact - wrong
                rows.append((name, kind, len(want), exact, null, wrong, seconds))
                print(f"{name:18} {kind:6} {exact:3}/{len(want)} null {null:3} wrong {wrong} {seconds:5.1f} s",
                      flush=True)
    return rows


def section(rows: list[tuple[str, str, int, int, int, int, float]]) -> str:
    lines = [START, "## Scanned PDFs read by OCR (`benchmarks/ocr_scans.py`)", "",
             f"Measured {time.strftime('%Y-%m-%d')} on the 2-core project machine. Each text PDF scanned three "
             "ways (`bw` 200 dpi black and white; `askew` 200 dpi grey turned 0.6°, JPEG 60; `low` 150 dpi "
             "grey, JPEG 40), read by `PdfReader`, compared cell by cell with its expected values.", "",
             "| PDF | scan | cells | exact | null | wrong | seconds |", "|---|---|---:|---:|---:|---:|---:|"]
    for name, kind, cells, exact, null, wrong, seconds in rows:
        lines.append(f"| {name} | {kind} | {cells} | {exact} ({exact / cells:.1%}) | {null} | {wrong} | {seconds:.0f} |")
    total = sum(r[2] for r in rows)
    exact = sum(r[3] for r in rows)
    lines += [f"| **all** | | {total} | **{exact} ({exact / total:.1%})** | {sum(r[4] for r in rows)} | "
              f"{sum(r[5] for r in rows)} | |", "", "Command: `.venv/bin/python benchmarks/ocr_scans.py --write`.", END]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument("--src", type=Path, help="read with this checkout's src directory instead")
    args = parser.parse_args()
    if args.src:
        sys.path.insert(0, str(args.src.resolve()))
    rows = measure()
    text = section(rows)
    print(text)
    if args.write:
        doc = DOCS.read_text(encoding="utf-8")
        pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
        doc = pattern.sub(lambda _: text, doc) if pattern.search(doc) else doc.rstrip("\n") + "\n\n" + text + "\n"
        DOCS.write_text(doc, encoding="utf-8")


if __name__ == "__main__":
    main()
