"""DOCX and PDF read rates and cell accuracy, beside the strongest offline alternatives.

Command (from the repository root):

    .venv/bin/python benchmarks/readers_docpdf.py [--seconds 3] [--docling-python PATH]

Prints a Markdown table for docs/benchmarks.md. Rates are reports per second of CPU time in one
process (reports/s/core); "cells right" is the share of the expected cells (the
``*.expected.json`` beside each file, 200 per report) that come out exactly right.

Compared on the same files in the same run:
- PDF: plain pdfplumber — ``extract_tables()`` for tables (cells that pdfplumber reports as
  ``None``, i.e. covered by a merge, dropped) and ``extract_text_lines()`` for the text outside
  them, in page order — fed to the same gongkai extraction.
- DOCX: docling's DOCX backend (``MsWordDocumentBackend``; full docling needs torch and hub
  models, its converter imports torch even for DOCX). Each physical table cell is emitted once,
  as gongkai does, and the result is fed to the same extraction. docling's pins (typer, pydantic
  ranges) do not fit the project venv, so it runs in its own venv, in a subprocess:

      python3.11 -m venv /tmp/docling-venv
      /tmp/docling-venv/bin/pip install "docling-slim[format-docx]==2.143.0"

  Without ``--docling-python`` (default: /tmp/docling-venv/bin/python if present) its row says so.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gongkai.readers.document import Document, DocumentBuilder
from gongkai.readers.extract import extract
from gongkai.readers.formats.docx import load_docx
from gongkai.readers.formats.pdf import load_pdf

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
DOCX_FILES = [DATA / "docx" / n for n in ("lo-2021.docx", "lo-2021-split.docx", "pydocx-merges.docx")]
PDF_FILES = [DATA / "corpus" / "huaian-city-2024.pdf", DATA / "pdf" / "lo-2021.pdf"]

Lines = list[tuple[str, list[str]]]  # (kind, cell texts)


def expected_cells(path: Path) -> dict[str, Any]:
    data = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    return {f"{t}.{r}.{c}": v for t, rows in data["tables"].items() for r, cols in rows.items()
            for c, v in cols.items()}


def accuracy(doc: Document, path: Path) -> tuple[int, int]:
    want = expected_cells(path)
    got = extract(doc).to_json(provenance=False)["tables"]
    flat = {f"{t}.{r}.{c}": v for t, rows in got.items() if rows for r, cols in rows.items() for c, v in cols.items()}
    return sum(1 for k, v in want.items() if flat.get(k) == v), len(want)


def document(path: Path, fmt: str, lines: Lines) -> Document:
    out = DocumentBuilder(str(path), fmt)
    for kind, cells in lines:
        out.add(cells, grid=kind == "row", kind=kind)
    return out.build()


def rate(fn: Callable[[Path], object], files: list[Path], seconds: float) -> float:
    fn(files[0])  # warm caches and imports
    done = 0
    start = time.process_time()
    while time.process_time() - start < seconds:
        for f in files:
            fn(f)
            done += 1
    return done / (time.process_time() - start)


# -- pdfplumber ---------------------------------------------------------------------------------
def pdfplumber_lines(path: Path, literal: bool = False) -> Lines:
    """pdfplumber's view of a PDF; ``literal`` keeps its ``None`` cells (covered by a merge) as blanks."""
    import pdfplumber

    lines: Lines = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            tables = page.find_tables()
            boxes = [t.bbox for t in tables]

            def outside(obj: dict[str, Any], boxes: list[tuple[float, ...]] = boxes) -> bool:
                cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
                return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

            items: list[tuple[float, Lines]] = []
            for line in page.filter(outside).extract_text_lines():
                items.append((line["top"], [("text", [line["text"]])]))
            for table in tables:
                rows = [("row", [c or "" for c in row if literal or c is not None]) for row in table.extract()]
                items.append((table.bbox[1], rows))
            for _, group in sorted(items, key=lambda i: i[0]):
                lines.extend(group)
    return lines


# -- docling (subprocess in its own venv) ---------------------------------------------------------
DOCLING_WORKER = r"""
import json, sys, time
from pathlib import Path
from docling.backend.msword_backend import MsWordDocumentBackend
from docling.datamodel.base_models import InputFormat
from docling.datamodel.document import InputDocument

seconds = float(sys.argv[1])
files = [Path(p) for p in sys.argv[2:]]

def convert(p):
    return InputDocument(path_or_stream=p, format=InputFormat.DOCX, backend=MsWordDocumentBackend)._backend.convert()

def lines(doc, grid):
    out = []
    for item, _ in doc.iterate_items():
        if type(item).__name__ == "TableItem" and grid:
            out.extend(("row", [c.text for c in row]) for row in item.data.grid)
        elif type(item).__name__ == "TableItem":
            cells = sorted(item.data.table_cells, key=lambda c: (c.start_row_offset_idx, c.start_col_offset_idx))
            for r in range(item.data.num_rows):
                row = [c.text for c in cells if c.start_row_offset_idx == r]
                if row:
                    out.append(("row", row))
        elif getattr(item, "text", ""):
            out.append(("heading" if type(item).__name__ == "SectionHeaderItem" else "text", [item.text]))
    return out

docs = {str(p): lines(convert(p), False) for p in files}
grids = {str(p): lines(convert(p), True) for p in files}
done, start = 0, time.process_time()
while time.process_time() - start < seconds:
    for p in files:
        convert(p)
        done += 1
print(json.dumps({"rate": done / (time.process_time() - start), "docs": docs, "grids": grids}, ensure_ascii=False))
"""


def docling(python: str | None, files: list[Path], seconds: float) -> tuple[float, list[Lines], list[Lines]] | str:
    if not python or not Path(python).exists():
        return "not installed (see the docstring for the venv)"
    proc = subprocess.run([python, "-c", DOCLING_WORKER, str(seconds), *map(str, files)],
                          capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        return "failed: " + proc.stderr.strip().splitlines()[-1]
    out = json.loads(proc.stdout)
    return (out["rate"], [[(k, c) for k, c in out["docs"][str(f)]] for f in files],
            [[(k, c) for k, c in out["grids"][str(f)]] for f in files])


# -- report -------------------------------------------------------------------------------------
def total_accuracy(docs: list[Document], files: list[Path]) -> str:
    right = total = 0
    for doc, path in zip(docs, files, strict=True):
        r, t = accuracy(doc, path)
        right, total = right + r, total + t
    return f"{right}/{total} ({100 * right / total:.1f}%)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="CPU seconds per measurement")
    default_docling = "/tmp/docling-venv/bin/python"
    parser.add_argument("--docling-python", default=default_docling if Path(default_docling).exists() else None)
    args = parser.parse_args()
    s = args.seconds
    rows: list[tuple[str, str, str, str, str]] = []

    def names(files: list[Path]) -> str:
        return ", ".join(f.name for f in files)

    docx_docs = [load_docx(f.read_bytes(), str(f)) for f in DOCX_FILES]
    acc = total_accuracy(docx_docs, DOCX_FILES)
    rows.append(("DOCX", "gongkai DOCX reader → Document", names(DOCX_FILES),
                 f"{rate(lambda f: load_docx(f.read_bytes(), str(f)), DOCX_FILES, s):.0f}", acc))
    rows.append(("DOCX", "gongkai read (reader + extraction)", names(DOCX_FILES),
                 f"{rate(lambda f: extract(load_docx(f.read_bytes(), str(f))), DOCX_FILES, s):.0f}", acc))
    result = docling(args.docling_python, DOCX_FILES, s)
    if isinstance(result, str):
        rows.append(("DOCX", "docling MsWordDocumentBackend", names(DOCX_FILES), result, "—"))
    else:
        docling_rate, docling_lines, docling_grids = result
        docs = [document(f, "docx", lines) for f, lines in zip(DOCX_FILES, docling_lines, strict=True)]
        rows.append(("DOCX", "docling MsWordDocumentBackend, physical cells (+ gongkai extraction)",
                     names(DOCX_FILES), f"{docling_rate:.1f}", total_accuracy(docs, DOCX_FILES)))
        docs = [document(f, "docx", lines) for f, lines in zip(DOCX_FILES, docling_grids, strict=True)]
        rows.append(("DOCX", "docling, literal `table.data.grid` (spans repeated)", names(DOCX_FILES), "",
                     total_accuracy(docs, DOCX_FILES)))

    pdf_docs = [load_pdf(f.read_bytes(), str(f)) for f in PDF_FILES]
    acc = total_accuracy(pdf_docs, PDF_FILES)
    rows.append(("PDF", "gongkai PDF reader (PDFium) → Document", names(PDF_FILES),
                 f"{rate(lambda f: load_pdf(f.read_bytes(), str(f)), PDF_FILES, s):.1f}", acc))
    rows.append(("PDF", "gongkai read (reader + extraction)", names(PDF_FILES),
                 f"{rate(lambda f: extract(load_pdf(f.read_bytes(), str(f))), PDF_FILES, s):.1f}", acc))
    plumber = [document(f, "pdf", pdfplumber_lines(f)) for f in PDF_FILES]
    rows.append(("PDF", "pdfplumber extract_tables, None cells dropped, + extract_text_lines (+ gongkai extraction)",
                 names(PDF_FILES), f"{rate(pdfplumber_lines, PDF_FILES, s):.1f}", total_accuracy(plumber, PDF_FILES)))
    literal = [document(f, "pdf", pdfplumber_lines(f, literal=True)) for f in PDF_FILES]
    rows.append(("PDF", "pdfplumber, literal `extract_tables()` (None cells as blanks)", names(PDF_FILES), "",
                 total_accuracy(literal, PDF_FILES)))

    print(f"Python {sys.version.split()[0]}, {s:g} CPU-seconds per measurement, one process.\n")
    print("| format | reader | files | reports/s/core | cells right |")
    print("|---|---|---|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
