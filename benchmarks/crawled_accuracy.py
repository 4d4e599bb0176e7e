"""Cell accuracy of the reader on crawled page text: the real corpus reports and synthetic shapes.

    .venv/bin/python benchmarks/crawled_accuracy.py            # 40 synthetic reports per shape
    .venv/bin/python benchmarks/crawled_accuracy.py --count 200

Part one reads the crawled reports of tests/data/corpus (pt-*.txt and pingtan-2023.txt) and
compares every cell with the hand-checked expected file: exact, wrong (a non-null value that differs:
must be 0), and null (left open with a problem, e.g. digits that nothing in the report splits).
Part two renders synthetic reports (tests/synth, both templates, balanced or not) as fully glued
crawler text (layout ``flat``), as crawled text with spaces, &nbsp; cells and page chrome
(layout ``crawl``) and as a portal page put through an HTML-to-text tool, each text node on its own
line or separated by a space or a tab (layout ``page_text``), and counts the same three figures.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from gongkai import api  # noqa: E402
from gongkai.model.keys import Template  # noqa: E402
from gongkai.model.template import TEMPLATES  # noqa: E402
from synth.layouts import LAYOUTS  # noqa: E402
from synth.strategies import Case  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "corpus"
KINDS = ("township", "county_department", "county_government", "city_department", "city_government")


def _flatten(tables: dict) -> dict[str, object]:  # type: ignore[type-arg]
    return {f"{t}.{r}.{c}": v for t, rows in tables.items() if rows for r, cols in rows.items() for c, v in cols.items()}


def _tally(want: dict[str, object], got: dict[str, object]) -> tuple[int, int, int]:
    exact = wrong = null = 0
    for key, value in want.items():
        have = got.get(key)
        if have == value and (have is None) == (value is None):
            exact += 1
        elif have is None:
            null += 1
        else:
            wrong += 1
    return exact, wrong, null


def corpus() -> tuple[int, int, int]:
    totals = [0, 0, 0]
    print("| file | cells | exact | wrong | null (open) |\n|---|---:|---:|---:|---:|")
    for source in sorted([*CORPUS.glob("pt-*.txt"), CORPUS / "pingtan-2023.txt"]):
        expected = json.loads(source.with_suffix(".expected.json").read_text(encoding="utf-8"))
        want = _flatten(expected["tables"])
        exact, wrong, null = _tally(want, _flatten(api.read(source).to_json()["tables"]))
        totals = [totals[0] + exact, totals[1] + wrong, totals[2] + null]
        print(f"| {source.name} | {len(want)} | {exact / len(want):.1%} | {wrong} | {null} |")
    n = sum(totals)
    print(f"| **all** | {n} | **{totals[0] / n:.1%}** | {totals[1]} | {totals[2]} |\n")
    return totals[0], totals[1], totals[2]


def synthetic(count: int) -> None:
    print("| shape | reports | cells | exact | wrong | null (open) |\n|---|---:|---:|---:|---:|---:|")
    for layout in ("flat", "crawl", "page_text"):
        exact = wrong = null = cells = 0
        for seed in range(count):
            template = Template.V2021 if seed % 3 else Template.V2019
            year = 2021 + seed % 5 if template is Template.V2021 else 2019 + seed % 2
            case = Case(seed, template, year, KINDS[seed % len(KINDS)], seed % 4 != 0, seed)
            report = case.build()
            rendering = LAYOUTS[layout](report, random.Random(seed))
            got = api.read(rendering.filename, data=rendering.data)
            keys = TEMPLATES[template].cell_keys()
            want = {k: rendering.expected.cell(k) for k in keys}  # (as printed: "&nbsp;" zero cells are blank)
            e, w, nl = _tally(want, {k: got.cell(k) for k in keys})
            exact, wrong, null, cells = exact + e, wrong + w, null + nl, cells + len(keys)
        print(f"| {layout} | {count} | {cells} | {exact / cells:.1%} | {wrong} | {null} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=40, help="synthetic reports per shape")
    args = parser.parse_args()
    corpus()
    synthetic(args.count)


if __name__ == "__main__":
    main()
