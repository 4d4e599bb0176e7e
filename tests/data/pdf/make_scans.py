"""Make the scanned-PDF fixture: a text PDF rasterised page by page into a PDF of images.

    .venv/bin/python tests/data/pdf/make_scans.py

``scan-lo-2021.pdf`` is ``lo-2021.pdf`` as an office scanner's black-and-white mode makes it:
200 dpi, one bit per pixel (CCITT G4 in the PDF), no text layer; thin table rules and light
strokes come out ragged. Its expected cells are those of ``lo-2021.expected.json``.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

HERE = Path(__file__).resolve().parent
DPI = 200
THRESHOLD = 200  # grey levels above this are paper


def rasterise(source: Path, target: Path, dpi: int = DPI) -> None:
    pdf = pdfium.PdfDocument(source.read_bytes())
    images = [
        pdf[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        .point(lambda v: 255 if v > THRESHOLD else 0).convert("1")
        for i in range(len(pdf))
    ]
    images[0].save(target, "PDF", resolution=dpi, save_all=True, append_images=images[1:])


if __name__ == "__main__":
    rasterise(HERE / "lo-2021.pdf", HERE / "scan-lo-2021.pdf")
    print((HERE / "scan-lo-2021.pdf").stat().st_size)
