"""A region's review at scale: 200 agencies from one zip, and copy detection over 200 reports.

    .venv/bin/python benchmarks/supervise.py             # updates docs/benchmarks.md
    .venv/bin/python benchmarks/supervise.py --no-write  # a quick look

Reports come from the synthetic generator in tests/synth (2023, 2021 template, every text layout and
HTML, realistic numbers and narrative); 10 of them are copies of another agency's report with the
numbers changed, so copy detection has something to find. The registry lists the 200 agencies
(+ 5 that send nothing) under the names the generator gives; reports print full or short names.
Targets (issue 10): the whole review — unzip, read, audit, match, aggregate, copies, scores —
under 30 s; copy detection over 200 reports under 5 s. One process, pinned to one core. Results go
between the ``supervise`` markers of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import platform
import random
import re
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from gongkai import __version__  # noqa: E402
from gongkai.supervise.collect import collect_paths  # noqa: E402
from gongkai.supervise.copied import CopyItem, find_copied  # noqa: E402
from gongkai.supervise.registry import AgencyKind, Registry, RegistryAgency  # noqa: E402
from gongkai.supervise.review import review  # noqa: E402
from synth.generate import make_report  # noqa: E402
from synth.layouts import LAYOUTS  # noqa: E402

START = "<!-- supervise:start -->"
END = "<!-- supervise:end -->"
KINDS = {"county_department": AgencyKind.DEPARTMENT, "city_department": AgencyKind.DEPARTMENT,
         "township": AgencyKind.TOWNSHIP, "county_government": AgencyKind.GOVERNMENT,
         "city_government": AgencyKind.GOVERNMENT}
LAYOUT_CYCLE = ("cells", "tabs", "md_spaced", "pdftext", "flat", "pipes", "html")
COPIES = 10


def pin_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned"


def sentence_pool() -> list[str]:
    """Sentences of the real reports in tests/data: each synthetic report's narrative is drawn from
    them, so two reports share a few sentences as real ones do (the generator's own narrative is
    made of the same stock phrases in every report, which would make everything look copied)."""
    pool: set[str] = set()
    for path in [*(REPO / "tests" / "data" / "seeds").glob("*.txt"), *(REPO / "tests" / "data" / "corpus").glob("*.txt"),
                 *(REPO / "src" / "gongkai" / "sample_reports").glob("*.txt")]:
        for sentence in re.split(r"(?<=。)", path.read_text("utf-8")):
            sentence = re.sub(r"\s+", "", sentence)
            if 15 <= len(sentence) <= 200 and not re.match(r"^[一二三四五六七八九十（(]", sentence):
                pool.add(sentence)
    return sorted(pool)


def own_voice(rng: random.Random, text: str) -> str:
    """Every fourth Chinese character replaced: the sentence keeps its shape and length, but the
    wording becomes this agency's own, as real reports differ beyond their stock phrases."""
    chars = list(text)
    for i in range(rng.randrange(4), len(chars), 4):
        if "\u4e00" <= chars[i] <= "\u9fff":
            chars[i] = chr(rng.randint(0x4E00, 0x62FF))
    return "".join(chars)


def build(count: int, seed: int = 2023) -> tuple[bytes, Registry, list[str]]:
    """A zip of ``count`` reports of distinct agencies, the registry, and the texts (for copies)."""
    rng = random.Random(seed)
    pool = sentence_pool()
    reports = []
    names: set[str] = set()
    while len(reports) < count:
        kind = rng.choice(list(KINDS))
        report = make_report(rng, year=2023, kind=kind)
        if report.agency in names:
            continue
        names.add(report.agency or "")
        paragraphs = report.meta["synth"]["paragraphs"]
        for number in paragraphs:
            paragraphs[number] = [(own_voice(rng, "".join(rng.sample(pool, 2))), False) for _ in range(rng.randint(1, 2))]
        reports.append((report, kind))
    for n in range(COPIES):  # agency 2n + 1 copies agency 2n's narrative, numbers changed
        source, target = reports[2 * n][0], reports[2 * n + 1][0]
        theirs = source.meta["synth"]["paragraphs"]
        target.meta["synth"]["paragraphs"] = {
            number: [(re.sub(r"\d+", lambda m: str(int(m.group()) + 3), text), b) for text, b in paragraphs]
            for number, paragraphs in theirs.items()}
    buf = io.BytesIO()
    texts = []
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, (report, _) in enumerate(reports):
            layout = LAYOUT_CYCLE[n % len(LAYOUT_CYCLE)]
            rendering = LAYOUTS[layout](report, random.Random(n))
            zf.writestr(f"报告/{n:03d}_{Path(rendering.filename).name}", rendering.data)
            paragraphs = report.meta["synth"]["paragraphs"]
            texts.append("\n".join(text for number in sorted(paragraphs) for text, _ in paragraphs[number]))
    agencies = [RegistryAgency(r.agency or "", KINDS[k]) for r, k in reports]
    agencies += [RegistryAgency(f"未报送测试单位{n}", AgencyKind.DEPARTMENT) for n in range(5)]
    return buf.getvalue(), Registry(agencies), texts


def run(count: int, rounds: int) -> dict[str, object]:
    data, registry, texts = build(count)
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "reports.zip"
        archive.write_bytes(data)
        review(collect_paths([archive]), Registry(registry.agencies[:3]), 2023)  # warm the imports
        best = float("inf")
        result = None
        for _ in range(rounds):
            t0 = time.perf_counter()
            result = review(collect_paths([archive]), registry, 2023)
            best = min(best, time.perf_counter() - t0)
    assert result is not None
    items = [CopyItem(f"机关{n}", 2023, f"{n}.txt", t) for n, t in enumerate(texts)]
    copy_best = float("inf")
    found = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        found = find_copied(items)
        copy_best = min(copy_best, time.perf_counter() - t0)
    return {
        "count": count, "zip_mb": len(data) / 1048576, "review_s": best,
        "submitted": len(result.agencies) - result.count("missing"), "missing": result.count("missing"),
        "unmatched": len(result.unmatched), "copied_in_review": len(result.copied),
        "copy_s": copy_best, "copied": len(found), "rounds": rounds,
    }


def markdown(r: dict[str, object], pinned: str) -> str:
    day = dt.date.today().isoformat()
    return f"""{START}
## Supervision review (`benchmarks/supervise.py`)

Measured {day} on the 2-core project machine (other work running at the same time; {pinned}), gongkai
{__version__}, Python {platform.python_version()}, best of {r['rounds']}. {r['count']} synthetic 2023 reports of distinct
agencies (every text layout and HTML, {COPIES} copied from another agency with the numbers changed) in one
zip of {r['zip_mb']:.1f} MB; registry of {r['count']} + 5 agencies. Narratives are sentences of the real reports in
tests/data with every fourth character replaced (the generator's own narrative repeats the same stock phrases
in every report and would make all of them look copied). Command: `.venv/bin/python benchmarks/supervise.py`.

| step | time | target | result |
|---|---:|---:|---|
| whole review from the zip (unzip, read, audit, match, aggregate, copies, scores) | {r['review_s']:.1f} s | < 30 s | {r['submitted']} submitted, {r['missing']} missing, {r['unmatched']} unmatched, {r['copied_in_review']} copied pairs |
| copy detection over {r['count']} reports (`find_copied`, MinHash LSH + exact figures + passages) | {r['copy_s']:.2f} s | < 5 s | {r['copied']} pairs |

{END}"""


def write(section: str) -> None:
    path = REPO / "docs" / "benchmarks.md"
    text = path.read_text("utf-8")
    if START in text and END in text:
        text = text[: text.index(START)] + section + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    pinned = pin_one_core()
    result = run(args.count, args.rounds)
    section = markdown(result, pinned)
    print(section)
    if not args.no_write:
        write(section)


if __name__ == "__main__":
    main()
