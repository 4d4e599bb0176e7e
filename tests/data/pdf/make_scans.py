"""Make the scanned-PDF fixtures: text PDFs rasterised page by page into PDFs of images.

    .venv/bin/python tests/data/pdf/make_scans.py

As an office scanner's black-and-white mode makes them: 200 dpi, one bit per pixel (CCITT G4 in
the PDF), no text layer; thin table rules and light strokes come out ragged.

- ``scan-lo-2021.pdf``: ``lo-2021.pdf`` (a ruled table), fed straight.
- ``scan-web-2023-skew.pdf``: ``web-2023.pdf`` (a web page printed to PDF, under its site's dark
  banner) fed 0.6 degrees askew, the commonest fault of a scan: a row's cells drift by half a
  row across the page.
- ``scan-wrapped-2019.pdf``: ``wrapped-2019.pdf``, a 2019 table with no ruling lines between its
  cells (no cells to look at again: lone digits are found from the ink alone).

Their expected cells are those of the source PDFs' ``*.expected.json``.
"""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

HERE = Path(__file__).resolve().parent
DPI = 200
THRESHOLD = 200  # grey levels above this are paper


def rasterise(source: Path, target: Path, dpi: int = DPI, angle: float = 0.0, jpeg: int | None = None) -> None:
    """``source`` scanned to ``target``; ``angle`` turns each page (degrees, anticlockwise) first.

    Black and white, or grey saved as JPEG at quality ``jpeg`` (a phone's or a copier's scan).
    """
    pdf = pdfium.PdfDocument(source.read_bytes())
    images = []
    for i in range(len(pdf)):
        page = pdf[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        if angle:
            page = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
        if jpeg is None:
            images.append(page.point(lambda v: 255 if v > THRESHOLD else 0).convert("1"))
        else:
            buffer = io.BytesIO()
            page.save(buffer, "JPEG", quality=jpeg)
            images.append(Image.open(io.BytesIO(buffer.getvalue())))
    images[0].save(target, "PDF", resolution=dpi, save_all=True, append_images=images[1:])


SCANS = {
    "scan-lo-2021.pdf": ("lo-2021.pdf", 0.0),
    "scan-web-2023-skew.pdf": ("web-2023.pdf", 0.6),
    "scan-wrapped-2019.pdf": ("wrapped-2019.pdf", 0.0),
}

if __name__ == "__main__":
    for name, (source, angle) in SCANS.items():
        rasterise(HERE / source, HERE / name, angle=angle)
        print(name, (HERE / name).stat().st_size)
