"""Parse, and parse + check, cost in CPU instructions: this checkout against a baseline commit, per layout.

    .venv/bin/python benchmarks/parse_instructions.py                       # baseline d8a2655, 30 reports a layout
    .venv/bin/python benchmarks/parse_instructions.py --baseline HEAD~5 --count 20 --write

Why instructions: the project machine is a shared virtual machine whose speed changes by half from
one minute to the next, so two timed runs cannot show a 10 % difference ("parse throughput stays
within 10 %", issue 8). Valgrind's cachegrind counts the instructions a process executes; the
count does not depend on what else runs, and repeats to within a few hundredths of a percent.
Each layout's files are generated once (the current synthetic generator, both templates) and read
by both builds: the baseline is checked out with ``git worktree`` and put first on ``PYTHONPATH``.
Each measurement is the difference of two runs, ``2 * count`` files against ``count``, so
interpreter start-up, imports and what loads on first use cancel out; what is left is one
``api.read`` per file (*parse*: the reading the issue's "parse throughput" is about), or one
``api.read`` plus one ``api.check`` (*parse + check*, as ``parse_check.py`` times them), the
garbage collector tuned as for a batch. Runs go two at a time (``--jobs``): the counts do not
depend on what else runs. Needs ``valgrind`` (``apt-get install valgrind``); results go between the
``parse_instructions`` markers of docs/benchmarks.md with ``--write``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "benchmarks"))

from parse_check import _commit, _cpu, write_docs  # noqa: E402

START = "<!-- parse_instructions:start -->"
END = "<!-- parse_instructions:end -->"
#: The commit whose figures issue 8 asks to stay within 10 % of (docs/benchmarks.md, 2026-11-23).
BASELINE = "d8a2655"
#: Layouts the baseline already read (the crawler and converted-Markdown layouts came with issue 8).
LAYOUTS = ("cells", "tabs", "md_spaced", "pdftext", "flat", "pipes", "html")
WARM = 5  # files read before the measured ones, in both runs

HARNESS = r"""
import sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from gongkai import api
from gongkai.settings import get_settings
settings = get_settings()
try:
    from gongkai.runtime import tune_for_batch  # as `gongkai check` and a corpus build run
    tune_for_batch()
except ImportError:
    pass
files = sorted(Path(sys.argv[2]).iterdir())
for path in files[:WARM]:
    api.check([api.read(path, settings=settings)], settings=settings)
if sys.argv[4] == "read":
    for path in files[WARM:WARM + int(sys.argv[3])]:
        api.read(path, settings=settings)
else:
    for path in files[WARM:WARM + int(sys.argv[3])]:
        api.check([api.read(path, settings=settings)], settings=settings)
""".replace("WARM", str(WARM))


def instructions(src: Path, folder: Path, count: int, phase: str = "both") -> int:
    """Instructions executed by the harness reading (and, unless ``phase`` is "read", checking)
    ``count`` files of ``folder``."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(src)}
    proc = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
         sys.executable, "-c", HARNESS, str(src), str(folder), str(count), phase],
        capture_output=True, text=True, env=env, check=True,
    )
    m = re.search(r"I\s+refs:\s+([\d,]+)", proc.stderr)
    if m is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{proc.stderr[-2000:]}")
    return int(m.group(1).replace(",", ""))


def per_report(src: Path, folder: Path, count: int, phase: str = "both") -> float:
    """Instructions per file: a run of ``2 * count`` files against a run of ``count``, so that
    start-up, imports and whatever loads on first use (a module the first glued row needs, a
    pattern compiled on the first narrative) are in both runs and cancel out."""
    return (instructions(src, folder, 2 * count, phase) - instructions(src, folder, count, phase)) / count


def generate(root: Path, count: int, seed: int = 2024) -> dict[str, Path]:
    from synth.generate import make_report
    from synth.layouts import LAYOUTS as RENDER

    rng = random.Random(seed)
    folders: dict[str, Path] = {}
    for layout in LAYOUTS:
        folder = folders[layout] = root / layout
        folder.mkdir(parents=True)
        for i in range(2 * count + WARM):
            report = make_report(random.Random(rng.getrandbits(64)), balanced=rng.random() < 0.8)
            rendering = RENDER[layout](report, random.Random(i))
            (folder / f"{i:04d}{Path(rendering.filename).suffix}").write_bytes(rendering.data)
    return folders


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", default=BASELINE, help=f"commit to compare with (default {BASELINE})")
    parser.add_argument("--count", type=int, default=30, help="reports measured per layout")
    parser.add_argument("--jobs", type=int, default=2, help="valgrind runs at once (each uses one core)")
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    work = Path(tempfile.mkdtemp(prefix="gongkai-instr-"))
    baseline = work / "baseline"
    try:
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-f", str(baseline), args.baseline],
                       check=True, capture_output=True)
        folders = generate(work / "files", args.count)
        builds = {"baseline": baseline / "src", "now": REPO / "src"}
        runs = [(layout, build, phase, n) for layout in folders for phase in PHASES for build in builds
                for n in (args.count, 2 * args.count)]
        with ThreadPoolExecutor(args.jobs) as pool:  # the counts do not depend on what runs beside them
            counts = dict(zip(runs, pool.map(lambda r: instructions(builds[r[1]], folders[r[0]], r[3], r[2]), runs),
                              strict=True))
        rows: list[Row] = []
        for layout in folders:
            per = {(build, phase): (counts[(layout, build, phase, 2 * args.count)]
                                    - counts[(layout, build, phase, args.count)]) / args.count
                   for build in builds for phase in PHASES}
            row = Row(layout, per[("baseline", "read")], per[("now", "read")],
                      per[("baseline", "both")], per[("now", "both")])
            rows.append(row)
            print(f"{layout:10s} read {row.old_read / 1e6:6.2f} → {row.new_read / 1e6:6.2f} M "
                  f"({_change(row.old_read, row.new_read)})   read + check {row.old_both / 1e6:6.2f} → "
                  f"{row.new_both / 1e6:6.2f} M ({_change(row.old_both, row.new_both)})", flush=True)
        section = markdown(rows, args)
        print(section)
        if args.write:
            import parse_check

            parse_check.START, parse_check.END = START, END
            write_docs(section, REPO / "docs" / "benchmarks.md")
    finally:
        subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(baseline)], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


PHASES = ("read", "both")


class Row(NamedTuple):
    layout: str
    old_read: float
    new_read: float
    old_both: float
    new_both: float


def _change(old: float, new: float) -> str:
    return f"{100 * (new / old - 1):+.1f} %"


def _mark(old: float, new: float) -> str:
    return "✅" if new <= old * 1.10 else "❌"


def _rule_count() -> int:
    from gongkai.audit import builtin_rules

    return len(builtin_rules())


def markdown(rows: list[Row], args: argparse.Namespace) -> str:
    total = Row("all", *(sum(getattr(r, f) for r in rows) for f in Row._fields[1:]))
    lines = [
        "## Parse and parse + check in instructions against the baseline (`benchmarks/parse_instructions.py`)",
        "",
        f"Measured {dt.date.today().isoformat()} at commit `{_commit()}` against `{args.baseline}` (the commit of "
        f"the 2026-11-23 parse + check figures), {_cpu()}, Python {sys.version.split()[0]}: {args.count} synthetic "
        "reports per layout (the current generator, both templates), each read with `gongkai.api.read` (*parse*) "
        "and, in a second pair of runs, also audited with `gongkai.api.check` (*parse + check*), by both builds; "
        "millions of CPU instructions per report, counted by valgrind's cachegrind (independent of the load on the "
        f"shared machine; the difference of a run of {2 * args.count} files and a run of {args.count}, so start-up, "
        f"imports and first-use loading cancel out). The baseline has 19 audit rules, this build {_rule_count()} "
        "(issue 11 and later) and the readers of issue 8.",
        "",
        "| layout | parse: baseline (M instructions / report) | parse: now | change | | parse + check: baseline "
        "| parse + check: now | change | |",
        "|---|---:|---:|---:|---|---:|---:|---:|---|",
    ]
    for r in (*rows, total):
        name = f"**{r.layout}**" if r is total else r.layout
        lines.append(
            f"| {name} | {r.old_read / 1e6:.2f} | {r.new_read / 1e6:.2f} | {_change(r.old_read, r.new_read)} | "
            f"{_mark(r.old_read, r.new_read)} | {r.old_both / 1e6:.2f} | {r.new_both / 1e6:.2f} | "
            f"{_change(r.old_both, r.new_both)} | {_mark(r.old_both, r.new_both)} |"
        )
    lines += ["", f"Command: `.venv/bin/python benchmarks/parse_instructions.py --count {args.count} --write`.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
