"""Cell accuracy of the readers on converter Markdown and borderless-table PDFs, shape by shape.

    .venv/bin/python benchmarks/shape_accuracy.py            # 40 reports per shape
    .venv/bin/python benchmarks/shape_accuracy.py --count 200

Reports come from the synthetic generator in tests/synth (both templates, balanced or with planted
arithmetic defects). Each is rendered as Markdown that a PDF/OCR converter wrote, one damage at a
time and all together (``tests/synth/layouts/md_converted.py``), and as PDF glyphs of a table
without rules whose labels wrap around centred numbers (``tests/synth/pdf_wrapped.py``). For each
shape: the share of cells read exactly, the cells left null (each with a problem) and the cells
read with a wrong value — which must be 0.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from gongkai import api
from gongkai.model.keys import Template
from gongkai.model.report import Report
from gongkai.model.template import TEMPLATES
from synth import pdf_wrapped
from synth.layouts import md_converted
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
    for name, chosen in [*shapes, ("pdf: wrapped labels, no rules", None)]:
        sums = [0, 0, 0, 0]
        for seed in range(args.count):
            case = _case(seed)
            report = case.build()
            if chosen is None:
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


if __name__ == "__main__":
    main()
