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
from gongkai.runtime import tune_for_batch  # noqa: E402
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


def parse_and_check(path: Path | str) -> int:
    return len(api.check([api.read(path, settings=SETTINGS)], settings=SETTINGS))


def _measure(paths: list[Path]) -> dict[str, float]:
    """Reports per CPU-second of this process (what one core delivers, even when other processes
    share the machine) and per wall-clock second, with parse and check split."""
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
    return {"files": n, "per_second": n / (parse + check), "wall_per_second": n / wall,
            "parse_ms": 1000 * parse / n, "check_ms": 1000 * check / n}


def _by_layout(directory: Path) -> dict[str, list[Path]]:
    """The generated files of ``directory`` grouped by layout (file names end in ``-<layout>.<ext>``)."""
    files: dict[str, list[Path]] = {name: [] for name in LAYOUTS}
    for path in sorted(directory.iterdir()):
        files[path.stem.split("-", 1)[1]].append(path)
    return files


def throughput_run(directory: Path, layout: str) -> None:
    """Child process: one layout's throughput with whichever gongkai is first on the path, as JSON."""
    import gongkai.readers.extract.values as values

    pin_one_core()
    paths = _by_layout(directory)[layout]
    for path in paths[:20]:  # warm up: imports, plugin discovery, compiled patterns
        parse_and_check(path)
    tune_for_batch()  # as `gongkai parse`/`check` do for more than one file
    result = _measure(paths)
    result["compiled"] = values.__file__.endswith((".so", ".pyd"))
    print(json.dumps(result))


def side_by_side(directory: Path, compiled: Path | None, rounds: int) -> dict[str, dict[str, float]]:
    """Per layout, plain Python and (if built) the compiled hot path, each the best of ``rounds``
    fresh-process runs taken in turn, so that both see the same machine. Best, as ``timeit`` does:
    other work on a shared machine only ever slows a run down."""
    builds = {"plain": None} | ({"compiled": compiled} if compiled else {})
    best: dict[tuple[str, str], dict[str, float]] = {}
    for _ in range(rounds):
        for layout in LAYOUTS:
            for name, path in builds.items():
                env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
                if path is not None:
                    env["PYTHONPATH"] = str(path)
                proc = subprocess.run([sys.executable, __file__, "--throughput-run", str(directory), layout],
                                      capture_output=True, text=True, check=True, env=env)
                result = json.loads(proc.stdout.strip().splitlines()[-1])
                if result.pop("compiled") != (name == "compiled"):
                    raise SystemExit(f"the {name} run loaded the wrong build (see scripts/compile_hot_path.py)")
                if (layout, name) not in best or result["per_second"] > best[(layout, name)]["per_second"]:
                    best[(layout, name)] = result
    out: dict[str, dict[str, float]] = {}
    for layout in LAYOUTS:
        out[layout] = dict(best[(layout, "plain")])
        if compiled:
            out[layout].update({f"compiled_{k}": v for k, v in best[(layout, "compiled")].items() if k != "files"})
        print(f"{layout}: {out[layout]['per_second']:.0f}/s plain"
              + (f", {out[layout]['compiled_per_second']:.0f}/s compiled" if compiled else ""), file=sys.stderr)
    return out


def build_compiled(directory: Path) -> Path | None:
    """The mypyc build of the hot path in ``directory`` (see scripts/compile_hot_path.py), or None."""
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "compile_hot_path.py"), str(directory)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        print(f"compiled build skipped: mypyc failed\n{proc.stderr[-2000:]}", file=sys.stderr)
        return None
    return directory


def _vm(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def memory_run(directory: Path, count: int) -> None:
    """Child process: stream ``count`` files through parse+check, print peak RSS figures as JSON."""
    import resource

    # Plain strings, made before the warm-up mark: a Path keeps its string once asked for it, so a
    # list of Paths would grow with every file read and be counted against gongkai.
    paths = [str(p) for p in sorted(directory.iterdir())[:count]]
    parse_and_check(Path(paths[0]))
    tune_for_batch()  # as the CLI does: memory must stay flat with the collector tuned for batches
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
             load: float, rounds: int) -> str:
    compiled = all("compiled_per_second" in r for r in results.values())
    head = "| layout | files | plain Python: reports per CPU-second | "
    head += "compiled (mypyc): reports per CPU-second | " if compiled else ""
    head += "wall-clock reports/s (plain) | parse ms | check ms | target | |"
    rows = [head, "|---|---:|---:|" + ("---:|" if compiled else "") + "---:|---:|---:|---:|---|"]
    for layout, r in results.items():
        target = TARGETS["html" if layout == "html" else "text"]
        best = max(r["per_second"], r.get("compiled_per_second", 0.0))
        if r["per_second"] >= target:
            ok = "✅"
        elif best >= target:
            ok = "✅ compiled build"
        else:
            ok = "❌ below target"
        parse = f"{r['parse_ms']:.2f}" + (f" / {r['compiled_parse_ms']:.2f}" if compiled else "")
        rows.append(f"| {layout} | {int(r['files'])} | {r['per_second']:.0f} | "
                    + (f"{r['compiled_per_second']:.0f} | " if compiled else "")
                    + f"{r['wall_per_second']:.0f} | {parse} | {r['check_ms']:.2f} | ≥ {target:.0f} | {ok} |")
    text = {k: r for k, r in results.items() if k != "html"}
    files = sum(r["files"] for r in text.values())
    plain = files / sum(r["files"] / r["per_second"] for r in text.values())
    total = f"| **all text layouts** | {int(files)} | **{plain:.0f}** | "
    if compiled:
        total += f"**{files / sum(r['files'] / r['compiled_per_second'] for r in text.values()):.0f}** | "
    rows.append(total + " | | | ≥ 500 | |")
    mem_rows = ["| files streamed | RSS after warm-up | peak RSS | growth |", "|---:|---:|---:|---:|"]
    for m in mem:
        mem_rows.append(f"| {m['files']:,} | {m['warm_kb'] / 1024:.1f} MiB | {m['peak_kb'] / 1024:.1f} MiB | "
                        f"{(m['peak_kb'] - m['warm_kb']) / 1024:.1f} MiB |")
    return "\n".join([
        "## Parse + check throughput and memory (`benchmarks/parse_check.py`)",
        "",
        f"Measured {dt.date.today().isoformat()} at commit `{_commit()}` (gongkai {__version__}), "
        f"Python {platform.python_version()}, {_cpu()} ({os.cpu_count()} CPUs, load average {load:.1f} at the "
        f"start: other processes share the machine), each measuring process {pinned}. "
        f"{count:,} synthetic reports (both templates, realistic numbers, 80 % balanced) rendered evenly "
        "into the seven layouts of `tests/synth/layouts`; each file read with `gongkai.api.read` and "
        "audited with `gongkai.api.check`, one at a time, with the garbage collector tuned as `gongkai "
        "parse`/`check` tune it for batches (`gongkai.runtime.tune_for_batch`). Throughput is counted in CPU time of the "
        f"process (per core), the best of {rounds} rounds per layout and build (as `timeit` does: other work "
        "on this shared machine only ever slows a round down); wall-clock figures depend on what else runs "
        "on the machine. Parse and check "
        "columns are CPU milliseconds per report"
        + (" (parse: plain / compiled)" if compiled else "") + ".",
        "",
        "*Plain Python* is the package as installed for development (`pip install -e .`). *Compiled* is "
        "the same source with the text-extraction hot path (`[tool.gongkai.mypyc]` in pyproject.toml) "
        "compiled by mypyc, as `GONGKAI_MYPYC=1 pip install --no-build-isolation .` builds it; both are "
        "measured per layout back to back in fresh processes, and `tests/test_compiled_build.py` checks "
        "that the compiled build reads and audits every test input exactly as plain Python does.",
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
    parser.add_argument("--no-compiled", action="store_true", help="measure plain Python only (no mypyc build)")
    parser.add_argument("--rounds", type=int, default=3, help="runs per layout and build; the best counts")
    parser.add_argument("--memory-run", nargs=2, metavar=("DIR", "COUNT"), help=argparse.SUPPRESS)
    parser.add_argument("--throughput-run", nargs=2, metavar=("DIR", "LAYOUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_run:
        memory_run(Path(args.memory_run[0]), int(args.memory_run[1]))
        return
    if args.throughput_run:
        throughput_run(Path(args.throughput_run[0]), args.throughput_run[1])
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
        with tempfile.TemporaryDirectory(prefix="gongkai-mypyc-") as build:
            compiled = None if args.no_compiled else build_compiled(Path(build))
            results = side_by_side(directory, compiled, args.rounds)
        counts = [min(int(c), args.count) for c in args.memory_counts.split(",")]
        mem = memory(directory, counts)
        section = markdown(results, mem, args.count, pinned, load, args.rounds)
        print(section)
        if not args.no_write:
            write_docs(section, REPO / "docs" / "benchmarks.md")
    finally:
        if args.dir is None:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
