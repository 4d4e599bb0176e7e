"""Hostile input costs time in proportion to its size.

Each case grows one hostile feature (a run of spaces, repeated headings, a whole report repeated)
from 1x to 10x and compares the CPU time of reading both. A reader that is linear in the input
costs at most 10x (the fixed part of a read only lowers the ratio); one that rescans the run from
every position costs about 100x. No absolute time is asserted: the ratio holds on a slow machine.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from gongkai import api

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = (DATA / "seeds" / "000_11de511653868c0f.txt").read_text(encoding="utf-8")
LINES = SEED.splitlines()
HTML = (DATA / "html" / "layout-2021-utf8.html").read_text(encoding="utf-8")
HEADINGS = "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n" \
           "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n"

#: Linear cost gives a ratio of about 10 (a little more when a larger input leaves the CPU caches);
#: the margin absorbs a busy machine's noise. Quadratic cost gives about 100.
MAX_RATIO = 20.0


def _middle(run: str) -> str:
    return "\n".join([*LINES[:20], run, *LINES[20:]])


CASES: dict[str, tuple[Callable[[int], str], str, int]] = {
    # name: (input of size n, file suffix, n at 1x)
    "first line of spaces": (lambda n: " " * n + "\n" + SEED, ".txt", 3000),
    "first line of ideographic spaces": (lambda n: "\u3000" * n + "\n" + SEED, ".txt", 3000),
    "line of tabs inside the report": (lambda n: _middle("\t" * n), ".txt", 3000),
    "line of spaces before a date": (lambda n: _middle(" " * n + "2023年1月1日至12月31日"), ".txt", 3000),
    "html title of spaces": (lambda n: HTML.replace("<title>", "<title>" + " " * n, 1), ".html", 3000),
    "html body of &nbsp;": (lambda n: HTML.replace("</body>", "<p>" + "&nbsp;" * n + "</p></body>", 1), ".html", 3000),
    "markdown line of pipes": (lambda n: _middle("|" * n), ".md", 3000),
    "one line of prose": (lambda n: _middle("政务公开" * n), ".txt", 3000),
    "newlines before the report": (lambda n: "\n" * n + SEED, ".txt", 3000),
    "section headings repeated": (lambda n: HEADINGS * n + SEED, ".txt", 150),
    "report repeated": (lambda n: (SEED + "\n") * n, ".txt", 4),
    # text written line by line by a PDF tool, every label wrapped around its numbers (each moved)
    "wrapped labels repeated": (lambda n: "5.属\n于三类\n2 0 0 0 0 0 2\n内部事\n务信息\n" * n, ".txt", 300),
    # a browser's print header on every "page", each with another page title (each title is looked
    # for in the whole text only for the first few)
    "print headers with many titles": (
        lambda n: "".join(f"12/3/26, 10:22 AM\n第{i}号年度报告_某区人民政府门户网站\nfile:///p.html\n" for i in range(n))
        + SEED, ".txt", 300),
    # section 三 in drawing order: one value a line, runs of several rows, labels after them
    "values one a line": (
        lambda n: "三、收到和处理政府信息公开申请情况\n" + "\n".join(["（一）予以公开", *"1000001" * 2] * n)
        + "\n四、政府信息公开行政复议、行政诉讼情况\n", ".txt", 100),
    "box-drawn table rows": (lambda n: _middle("│（一）予以公开│ 1 │ 0 │    │\n├──┼──┤\n" * n), ".txt", 300),
}


def _cpu(data: bytes, suffix: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        api.read("hostile" + suffix, data=data)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("name", list(CASES))
def test_cost_grows_linearly(name: str) -> None:
    make, suffix, n = CASES[name]
    api.read("warm" + suffix, data=make(1).encode())  # imports and caches out of the measurement
    small = _cpu(make(n).encode(), suffix)
    large = _cpu(make(10 * n).encode(), suffix)
    assert large / max(small, 1e-4) < MAX_RATIO, f"{name}: 1x {small:.4f}s, 10x {large:.4f}s"


def test_repeated_headings_still_read_in_order() -> None:
    report = api.read("headings.txt", data=(HEADINGS * 50 + SEED).encode())
    assert [s.expected for s in report.sections] == [1, 2, 3, 4, 5, 6]


def test_a_page_title_of_spaces_is_split_in_linear_time() -> None:
    """A PDF's metadata Title is anyone's to write: the site-name split must not rescan a run of
    spaces from each of its positions (it did: 2,000 spaces 0.07 s, 20,000 spaces 6.5 s)."""
    from gongkai.readers.chrome import site_suffix_removed

    def cpu(n: int) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            assert site_suffix_removed("报告" + " " * n + "_某某网站") == "报告"
            best = min(best, time.process_time() - start)
        return best

    small, large = cpu(20_000), cpu(200_000)
    assert large / max(small, 1e-4) < MAX_RATIO, f"1x {small:.4f}s, 10x {large:.4f}s"
