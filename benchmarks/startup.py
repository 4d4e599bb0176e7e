"""Start-up cost of the CLI: ``gongkai --version`` and ``gongkai parse`` on one seed report.

    .venv/bin/python benchmarks/startup.py [--runs 15]

Prints, per command, the best and median wall time and the median CPU time (user + system) of
the child process. On a busy machine the wall time waits for a core; the CPU time does not, so
compare CPU times across machines and wall times only on an idle one.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "data" / "seeds" / "000_11de511653868c0f.txt"
SCRIPT = Path(sys.executable).with_name("gongkai")

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "import gongkai": [sys.executable, "-c", "import gongkai"],
    "gongkai --version": [str(SCRIPT), "--version"],
    "gongkai parse SEED (table)": [str(SCRIPT), "parse", str(SEED)],
    "gongkai parse SEED --format json": [str(SCRIPT), "parse", "--format", "json", str(SEED)],
}


def measure(argv: list[str], runs: int) -> tuple[float, float, float]:
    walls: list[float] = []
    cpus: list[float] = []
    env = {**os.environ, "COLUMNS": "120"}
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return min(walls), statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print(f"{'command':36} {'best wall':>10} {'median wall':>12} {'median CPU':>11}")
    for name, argv in COMMANDS.items():
        measure(argv, 2)  # warm the file cache
        best, median, cpu = measure(argv, args.runs)
        print(f"{name:36} {best * 1000:8.0f} ms {median * 1000:10.0f} ms {cpu * 1000:9.0f} ms")


if __name__ == "__main__":
    main()
