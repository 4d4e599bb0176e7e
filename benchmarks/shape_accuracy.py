"""Cell accuracy of the readers on converter Markdown and borderless-table PDFs, shape by shape.

    .venv/bin/python benchmarks/shape_accuracy.py            # 40 reports per shape
    .venv/bin/python benchmarks/shape_accuracy.py --count 200

Reports come from the synthetic generator in tests/synth (both templates, balanced or with planted
arithmetic defects). Each is rendered as Markdown that a PDF/OCR converter wrote, one damage at a
time and all together (``tests/synth/layouts/md_converted.py``), and as PDF glyphs of a table
without rules whose labels wrap around centred numbers (``tests/synth/pdf_wrapped.py``), and as
the text ``pdftotext`` writes without ``-layout``, cells in the PDF's drawing order
(``tests/synth/layouts/drawing.py``), and with OCR damage (``tests/synth/ocr_damage.py``). For each
shape: the share of cells read exactly, the cells
left null (each with a problem) and the cells read with a wrong value — which must be 0. Last, the
same figures for the real ``pdftotext`` output of the four PDFs in tests/data
(``tests/data/text/pdftotext``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import json

from gongkai import api
from gongkai.model.keys import Template
from gongkai.model.report import Report
from gongkai.model.template import TEMPLATES
from synth import pdf_wrapped
from synth.layouts import drawing, md_converted
from synth.strategies import Case

KINDS = ("township", "county_department", "county_government", "city_department", "city_government")


def _case(seed: int) -> Case:
    template = Template.V2021 if seed % 3 else Template.V2019
    year = 2021 + seed % 5 if template is Template.V2021 else 2019 + seed % 2
    return Case(seed, template, year, KINDS[seed % len(KINDS)], seed % 4 != 0, seed)


def _score(expected: Report, got: Report) -> tuple[int, int, int, int]:
    assert expected.template is not None
    total = exact = null = wrong = 0
    for key in TEMPLATES[expected.template].cell_keys():
        want, have = expected.cell(key), got.cell(key)
        total += 1
        if have == want and (have is None) == (want is None):
            exact += 1
        elif have is None:
            null += 1
        else:
            wrong += 1
    return total, exact, null, wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=40)
    args = parser.parse_args()
    shapes: list[tuple[str, frozenset[str] | None]] = [(s, frozenset({s})) for s in md_converted.SHAPES]
    shapes.append(("markdown: all damages together", frozenset(md_converted.SHAPES)))
    print(f"{'shape':34s} {'cells':>6s} {'exact':>8s} {'null':>5s} {'wrong':>5s}")
    for name, chosen in [*shapes, ("pdf: wrapped labels, no rules", None), (_DRAWING, None)]:
        sums = [0, 0, 0, 0]
        for seed in range(args.count):
            case = _case(seed)
            report = case.build()
            if name == _DRAWING:
                rendering = drawing.render(report, case.rng())
                got = api.read(rendering.filename, data=rendering.data)
                expected = rendering.expected
            elif chosen is None:
                got = pdf_wrapped.read(pdf_wrapped.render(report, case.rng()))
                expected = report
            else:
                rendering = md_converted.render(report, case.rng(), shapes=chosen)
                got = api.read(rendering.filename, data=rendering.data)
                expected = rendering.expected
            for i, v in enumerate(_score(expected, got)):
                sums[i] += v
        total, exact, null, wrong = sums
        label = name if chosen is None or len(chosen) > 1 else f"markdown: {name}"
        print(f"{label:34s} {total:6d} {exact / total:8.2%} {null:5d} {wrong:5d}")
    print()
    ocr(args.count)
    print()
    real_pdftotext()


def ocr(count: int) -> None:
    """OCR damage (``tests/synth/ocr_damage.py``: digits read as letters, misread label characters,
    at 5 % of numbers and 15 % of table words) over clean Markdown and Word-text renderings."""
    from synth.layouts import LAYOUTS
    from synth.ocr_damage import damage

    print(f"{'OCR damage':34s} {'cells':>6s} {'exact':>8s} {'null':>5s} {'wrong':>5s}")
    for layout in ("md_converted", "tabs"):
        for kinds in (frozenset({"digits"}), frozenset({"labels"}), frozenset({"digits", "labels"})):
            sums = [0, 0, 0, 0]
            for seed in range(count):
                case = _case(seed)
                report = case.build()
                if layout == "md_converted":
                    rendering = md_converted.render(report, case.rng(), shapes=frozenset())
                else:
                    rendering = LAYOUTS[layout](report, case.rng())
                text = damage(rendering.data.decode("utf-8"), case.rng(), kinds)
                got = api.read(rendering.filename, data=text.encode("utf-8"))
                for i, v in enumerate(_score(rendering.expected, got)):
                    sums[i] += v
            total, exact, null, wrong = sums
            name = f"{'markdown' if layout == 'md_converted' else 'text (tabs)'}: {' + '.join(sorted(kinds))}"
            print(f"{name:34s} {total:6d} {exact / total:8.2%} {null:5d} {wrong:5d}")


_DRAWING = "text: pdftotext, drawing order"
DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
_EXPECTED = {"huaian-city-2024": DATA / "corpus", "lo-2021": DATA / "pdf", "web-2023": DATA / "pdf",
             "wrapped-2019": DATA / "pdf"}


def real_pdftotext() -> None:
    """``pdftotext FILE.pdf`` (no option) of the four PDFs, against their expected values."""
    print(f"{'pdftotext (no option) of':34s} {'cells':>6s} {'exact':>8s} {'null':>5s} {'wrong':>5s}")
    for name, folder in _EXPECTED.items():
        data = json.loads((folder / f"{name}.expected.json").read_text(encoding="utf-8"))
        want = data.get("cells") or {f"{t}.{r}.{c}": v for t, rows in data["tables"].items() if rows
                                     for r, cols in rows.items() for c, v in cols.items()}
        got = api.read(DATA / "text" / "pdftotext" / f"{name}.txt").cells()
        exact = sum(1 for k, v in want.items() if str(got.get(k)) == str(v))
        null = sum(1 for k, v in want.items() if got.get(k) is None and v is not None)
        print(f"{name:34s} {len(want):6d} {exact / len(want):8.2%} {null:5d} {len(want) - exact - null:5d}")


if __name__ == "__main__":
    main()
