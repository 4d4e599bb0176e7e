"""Reading large text and HTML inputs: time and peak memory grow linearly with size.

    .venv/bin/python benchmarks/large_inputs.py text 16     # a seed report repeated to 16 MB
    .venv/bin/python benchmarks/large_inputs.py prose 16    # one report with 16 MB of prose in it
    .venv/bin/python benchmarks/large_inputs.py html 16     # an HTML page whose body repeats to 16 MB

Run one size per process (peak memory is the process's). The size cap GONGKAI_MAX_INPUT_BYTES is
chosen from these numbers (docs/benchmarks.md).
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from gongkai import api
from gongkai.settings import Settings

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"


def make(kind: str, megabytes: float) -> tuple[str, bytes]:
    size = int(megabytes * 1_000_000)
    if kind == "html":
        page = (DATA / "html" / "layout-2021-utf8.html").read_text(encoding="utf-8")
        i, j = page.index("<body"), page.rindex("</body>")
        body = page[page.index(">", i) + 1 : j]
        return ".html", (page[:j] + body * max(1, size // len(body.encode())) + page[j:]).encode()
    seed = (DATA / "seeds" / "000_11de511653868c0f.txt").read_text(encoding="utf-8")
    if kind == "text":
        return ".txt", ((seed + "\n") * max(1, size // len(seed.encode()))).encode()
    lines = seed.splitlines()
    para = "本机关坚持以公开为常态、不公开为例外，持续深化政务公开工作，推进决策、执行、管理、服务、结果公开。\n"
    body = para * max(1, size // len(para.encode()))
    return ".txt", ("\n".join(lines[:15]) + "\n" + body + "\n".join(lines[15:])).encode()


def main() -> None:
    kind, megabytes = sys.argv[1], float(sys.argv[2])
    suffix, data = make(kind, megabytes)
    settings = Settings(max_input_bytes=len(data) + 1, read_timeout=0)
    start = time.process_time()
    report = api.read(f"large{suffix}", data=data, settings=settings)
    cpu = time.process_time() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{kind} {len(data) / 1e6:.1f} MB: {cpu:.2f} s CPU, peak {peak:.0f} MB, {len(report.problems)} problems")


if __name__ == "__main__":
    main()
