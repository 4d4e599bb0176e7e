"""Parse+check throughput (reports per second on ONE core) and peak memory, on generated reports.

    .venv/bin/python benchmarks/parse_check.py                   # 10,000 reports, updates docs/benchmarks.md
    .venv/bin/python benchmarks/parse_check.py --count 1400 --no-write   # a quick look
    .venv/bin/python benchmarks/parse_check.py --profile pdftext  # where the time goes, for one layout

Reports come from the synthetic generator in tests/synth (both templates, realistic numbers) and are
rendered into every text layout and HTML, written to a temporary directory, then each file is read
(``gongkai.api.read``) and audited (``gongkai.api.check``) one at a time in this single process,
pinned to one CPU. Peak memory is measured in fresh subprocesses over the first 1,000 files and over
all files: streaming means it must not grow with the number of files. Results go between the
``parse_check`` markers of docs/benchmarks.md so that other benchmark sections survive.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import os
import platform
import pstats
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from gongkai import __version__, api  # noqa: E402
from gongkai.settings import get_settings  # noqa: E402
from synth.generate import make_report  # noqa: E402
from synth.layouts import LAYOUTS  # noqa: E402

START = "<!-- parse_check:start -->"
END = "<!-- parse_check:end -->"
TARGETS = {"text": 500.0, "html": 200.0}  # reports per second per core (issue #2)


def pin_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity)"


def generate(directory: Path, count: int, seed: int = 2024) -> dict[str, list[Path]]:
    """Write ``count`` reports, spread evenly over the layouts, interleaved in file-name order."""
    rng = random.Random(seed)
    names = list(LAYOUTS)
    files: dict[str, list[Path]] = {name: [] for name in names}
    for i in range(count):
        layout = names[i % len(names)]
        report = make_report(random.Random(rng.getrandbits(64)), balanced=rng.random() < 0.8)
        rendering = LAYOUTS[layout](report, random.Random(i))
        path = directory / f"{i:05d}-{layout}{Path(rendering.filename).suffix}"
        path.write_bytes(rendering.data)
        files[layout].append(path)
    return files


SETTINGS = get_settings()  # once, as the CLI does for a whole command


def parse_and_check(path: Path) -> int:
    return len(api.check([api.read(path, settings=SETTINGS)], settings=SETTINGS))


def throughput(files: dict[str, list[Path]]) -> dict[str, dict[str, float]]:
    """Per layout: reports per CPU-second of this process (what one core delivers, even when other
    processes share the machine) and per wall-clock second, with parse and check split."""
    for paths in files.values():  # warm up: imports, plugin discovery, compiled patterns
        parse_and_check(paths[0])
    out: dict[str, dict[str, float]] = {}
    for layout, paths in files.items():
        parse = check = 0.0
        wall0 = time.perf_counter()
        for path in paths:
            t0 = time.process_time()
            report = api.read(path, settings=SETTINGS)
            t1 = time.process_time()
            api.check([report], settings=SETTINGS)
            t2 = time.process_time()
            parse += t1 - t0
            check += t2 - t1
        wall = time.perf_counter() - wall0
        n = len(paths)
        out[layout] = {"files": n, "per_second": n / (parse + check), "wall_per_second": n / wall,
                       "parse_ms": 1000 * parse / n, "check_ms": 1000 * check / n}
    return out


def _vm(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def memory_run(directory: Path, count: int) -> None:
    """Child process: stream ``count`` files through parse+check, print peak RSS figures as JSON."""
    import resource

    paths = sorted(directory.iterdir())[:count]
    parse_and_check(paths[0])
    warm = _vm("VmHWM")
    for path in paths:
        parse_and_check(path)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"files": len(paths), "warm_kb": warm, "peak_kb": peak}))


def memory(directory: Path, counts: list[int]) -> list[dict[str, int]]:
    results = []
    for count in counts:
        proc = subprocess.run([sys.executable, __file__, "--memory-run", str(directory), str(count)],
                              capture_output=True, text=True, check=True)
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return results


def profile(files: list[Path], limit: int = 30) -> None:
    parse_and_check(files[0])
    profiler = cProfile.Profile()
    profiler.enable()
    for path in files:
        parse_and_check(path)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(limit)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(limit)


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def markdown(results: dict[str, dict[str, float]], mem: list[dict[str, int]], count: int, pinned: str,
             load: float) -> str:
    rows = ["| layout | files | reports per CPU-second (1 core) | wall-clock reports/s | parse ms | check ms "
            "| target | |", "|---|---:|---:|---:|---:|---:|---:|---|"]
    for layout, r in results.items():
        target = TARGETS["html" if layout == "html" else "text"]
        ok = "✅" if r["per_second"] >= target else "❌ below target"
        rows.append(f"| {layout} | {int(r['files'])} | {r['per_second']:.0f} | {r['wall_per_second']:.0f} | "
                    f"{r['parse_ms']:.2f} | {r['check_ms']:.2f} | ≥ {target:.0f} | {ok} |")
    text_files = sum(r["files"] for k, r in results.items() if k != "html")
    text_time = sum(r["files"] / r["per_second"] for k, r in results.items() if k != "html")
    rows.append(f"| **all text layouts** | {int(text_files)} | **{text_files / text_time:.0f}** | | | | ≥ 500 | |")
    mem_rows = ["| files streamed | RSS after warm-up | peak RSS | growth |", "|---:|---:|---:|---:|"]
    for m in mem:
        mem_rows.append(f"| {m['files']:,} | {m['warm_kb'] / 1024:.1f} MiB | {m['peak_kb'] / 1024:.1f} MiB | "
                        f"{(m['peak_kb'] - m['warm_kb']) / 1024:.1f} MiB |")
    return "\n".join([
        "## Parse + check throughput and memory (`benchmarks/parse_check.py`)",
        "",
        f"Measured {dt.date.today().isoformat()} at commit `{_commit()}` (gongkai {__version__}), "
        f"Python {platform.python_version()}, {_cpu()} ({os.cpu_count()} CPUs, load average {load:.1f} at the "
        f"start: other processes share the machine), one process {pinned}. "
        f"{count:,} synthetic reports (both templates, realistic numbers, 80 % balanced) rendered evenly "
        "into the seven layouts of `tests/synth/layouts`; each file read with `gongkai.api.read` and "
        "audited with `gongkai.api.check`, one at a time. Throughput is counted in CPU time of the "
        "process (per core); wall-clock figures depend on what else runs on the machine. Parse and check "
        "columns are CPU milliseconds per report.",
        "",
        "Command: `.venv/bin/python benchmarks/parse_check.py` (see `benchmarks/README.md`).",
        "",
        *rows,
        "",
        "Peak memory of a fresh process streaming the files through parse + check (flat means memory does "
        "not grow with the number of files):",
        "",
        *mem_rows,
        "",
    ])


def write_docs(section: str, path: Path) -> None:
    block = f"{START}\n{section}{END}"
    if path.exists():
        text = path.read_text(encoding="utf-8")
        if START in text and END in text:
            head, rest = text.split(START, 1)
            text = head + block + rest.split(END, 1)[1]
        else:
            text = text.rstrip("\n") + "\n\n" + block + "\n"
    else:
        text = "# Benchmarks\n\nSpeed and memory measurements; each section is written by its benchmark script.\n\n" \
               + block + "\n"
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="reports to generate (default 10,000)")
    parser.add_argument("--memory-counts", default="1000,10000", help="files streamed per memory run")
    parser.add_argument("--dir", type=Path, help="write the reports here and keep them (default: a temp dir)")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    parser.add_argument("--profile", metavar="LAYOUT", help="profile parse+check of one layout instead")
    parser.add_argument("--memory-run", nargs=2, metavar=("DIR", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_run:
        memory_run(Path(args.memory_run[0]), int(args.memory_run[1]))
        return
    load = os.getloadavg()[0]
    pinned = pin_one_core()
    directory = args.dir or Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    directory.mkdir(parents=True, exist_ok=True)
    try:
        t0 = time.perf_counter()
        files = generate(directory, args.count)
        print(f"generated {args.count} reports in {time.perf_counter() - t0:.0f} s under {directory}", file=sys.stderr)
        if args.profile:
            profile(files[args.profile])
            return
        results = throughput(files)
        counts = [min(int(c), args.count) for c in args.memory_counts.split(",")]
        mem = memory(directory, counts)
        section = markdown(results, mem, args.count, pinned, load)
        print(section)
        if not args.no_write:
            write_docs(section, REPO / "docs" / "benchmarks.md")
    finally:
        if args.dir is None:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
