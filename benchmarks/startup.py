"""Start-up cost of the CLI: ``gongkai --version`` and ``gongkai parse`` on one seed report.

    .venv/bin/python benchmarks/startup.py [--runs 15] [--write]

Prints, per command, the best and median wall time and the median CPU time (user + system) of
the child process. On a busy machine the wall time waits for a core; the CPU time does not, so
compare CPU times across machines and wall times only on an idle one. ``--write`` puts the result
between the ``startup`` markers of docs/benchmarks.md.

The children run with their bytecode cached, as an installed package runs (pip compiles the .pyc
files at install): ``PYTHONDONTWRITEBYTECODE`` is dropped and ``PYTHONPYCACHEPREFIX`` points at a
scratch directory, so the checkout gets no ``__pycache__`` folders. ``--no-bytecode-cache``
measures a development checkout run with ``PYTHONDONTWRITEBYTECODE=1`` instead, which compiles
every gongkai module on every start.

Wall times on a shared virtual machine swing by a third from one hour to the next, so each
command's CPU instructions are also counted once under valgrind's cachegrind (when installed):
that count does not depend on the load, and the ratio of two commands' counts is the ratio of
their times on any one machine. ``--no-instructions`` skips it.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "data" / "seeds" / "000_11de511653868c0f.txt"
SCRIPT = Path(sys.executable).with_name("gongkai")
DOCS = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- startup:start -->", "<!-- startup:end -->"

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "import gongkai": [sys.executable, "-c", "import gongkai"],
    "gongkai --version": [str(SCRIPT), "--version"],
    "gongkai parse SEED (table)": [str(SCRIPT), "parse", str(SEED)],
    "gongkai parse SEED --format json": [str(SCRIPT), "parse", "--format", "json", str(SEED)],
}


def measure(argv: list[str], runs: int, env: dict[str, str]) -> tuple[float, float, float]:
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return min(walls), statistics.median(walls), statistics.median(cpus)


def child_env(pycache: str | None) -> dict[str, str]:
    env = {**os.environ, "COLUMNS": "120"}
    if pycache is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.pop("PYTHONPYCACHEPREFIX", None)
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = pycache
    return env


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model or platform.machine()}, {os.cpu_count()} CPUs"


def instructions(argv: list[str], env: dict[str, str]) -> int | None:
    """Instructions the command executes (cachegrind), or None without valgrind."""
    if shutil.which("valgrind") is None:
        return None
    proc = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", *argv],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, check=True,
    )
    m = re.search(r"I\s+refs:\s+([\d,]+)", proc.stderr)
    return int(m.group(1).replace(",", "")) if m else None


def commit() -> str:
    proc = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                          check=False)
    return proc.stdout.strip() or "?"


Row = tuple[str, float, float, float, int | None]


def section(rows: list[Row], runs: int, cached: bool, load: tuple[float, float]) -> str:
    lines = [
        START,
        "## Start-up (`benchmarks/startup.py`)",
        "",
        f"Measured {datetime.date.today().isoformat()} at commit `{commit()}`, Python {platform.python_version()}, "
        f"{machine()}; load average {load[0]:.1f} at the start and {load[1]:.1f} at the end (other work shares "
        f"the machine). {runs} runs per command after 2 warm-up runs; the seed is `{SEED.relative_to(ROOT)}`, "
        "output to /dev/null (`COLUMNS=120`). "
        + ("Bytecode cached, as an installed package runs." if cached
           else "`PYTHONDONTWRITEBYTECODE=1`: every gongkai module compiled on every start."),
        "",
        "| command | best wall | median wall | median CPU | instructions (M) |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, best, median, cpu, count in rows:
        shown = f"{count / 1e6:.0f}" if count else "—"
        lines.append(f"| `{name}` | {best * 1000:.0f} ms | {median * 1000:.0f} ms | {cpu * 1000:.0f} ms | {shown} |")
    lines += ["", "Command: `.venv/bin/python benchmarks/startup.py --write`.", END]
    return "\n".join(lines)


def write_docs(text: str) -> None:
    doc = DOCS.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    doc = pattern.sub(lambda _: text, doc) if pattern.search(doc) else doc.rstrip("\n") + "\n\n" + text + "\n"
    DOCS.write_text(doc, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--no-bytecode-cache", action="store_true", help="compile every module on every start")
    parser.add_argument("--no-instructions", action="store_true", help="do not count instructions (cachegrind)")
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    rows: list[Row] = []
    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="gongkai-pycache-") as pycache:
        env = child_env(None if args.no_bytecode_cache else pycache)
        print(f"{'command':36} {'best wall':>10} {'median wall':>12} {'median CPU':>11} {'M instr.':>9}")
        for name, argv in COMMANDS.items():
            measure(argv, 2, env)  # warm the file cache (and the bytecode cache)
            best, median, cpu = measure(argv, args.runs, env)
            count = None if args.no_instructions else instructions(argv, env)
            rows.append((name, best, median, cpu, count))
            shown = f"{count / 1e6:9.0f}" if count else f"{'—':>9}"
            print(f"{name:36} {best * 1000:8.0f} ms {median * 1000:10.0f} ms {cpu * 1000:9.0f} ms {shown}")
    if args.write:
        write_docs(section(rows, args.runs, not args.no_bytecode_cache, (load_start, os.getloadavg()[0])))


if __name__ == "__main__":
    main()
