"""Write rates of the document writers (reports per second per core), as a table for docs/benchmarks.md.

    .venv/bin/python benchmarks/writers.py            # all formats, default counts
    .venv/bin/python benchmarks/writers.py --quick    # fewer reports, for a smoke run

Reports are random but balanced (the writers refuse unbalanced ones), half on each template, with
non-zero cells, large numbers and decimal amounts. "per core" divides by the CPU time spent in
this process and its children (LibreOffice for PDF), so it does not depend on how busy the
machine was; wall-clock rates are printed beside it. PDF is also measured with several reports
per LibreOffice call, which is how a batch job would amortise LibreOffice's start-up.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from gongkai.model import keys
from gongkai.model.keys import Template
from gongkai.model.report import Period, Report, Section, Source
from gongkai.model.template import SECTIONS, TEMPLATES
from gongkai.writers.base import get_writer
from gongkai.writers.office import find_soffice, render_env

PARAGRAPH = ("本年度我单位认真贯彻落实《中华人民共和国政府信息公开条例》，进一步规范政府信息公开申请办理工作，"
             "全年主动公开政府信息1234条，持续加强政府网站和政务新媒体建设。")


def make_report(rng: random.Random, template: Template) -> Report:
    spec = TEMPLATES[template]
    year = 2020 if template == Template.V2019 else 2024
    outcomes = keys.OUTCOME_ROWS_2019 if template == Template.V2019 else keys.OUTCOME_ROWS_2021
    requests: dict[str, dict[str, int | Decimal | None]] = {r: {} for r in spec.request_rows}
    for col in keys.APPLICANT_COLUMNS:
        for r in outcomes:
            requests[r][col] = rng.choice((0, 0, rng.randint(0, 40), rng.randint(0, 5000)))
        total = sum(int(requests[r][col] or 0) for r in outcomes)
        forward, over = rng.randint(0, 300), rng.randint(0, total)
        requests["total"][col], requests["carried_forward"][col] = total, forward
        requests["carried_over"][col], requests["received"][col] = over, total + forward - over
    for cols in requests.values():
        cols["total"] = sum(int(cols[c] or 0) for c in keys.APPLICANT_COLUMNS)
    active: dict[str, dict[str, int | Decimal | None]] = {}
    for block in spec.active_blocks:
        for row in block.rows:
            active[row.key] = {
                c.key: (Decimal(rng.randint(0, 10**8)).scaleb(-rng.randint(0, 4)) if c.decimal
                        else rng.randint(-500, 500) if c.signed else rng.randint(0, 500_000))
                for c in block.columns
            }
    appeals = {}
    for g in keys.APPEAL_GROUPS:
        parts = [rng.randint(0, 80) for _ in range(4)]
        appeals[g] = dict(zip(keys.APPEAL_COLUMNS, [*parts, sum(parts)], strict=True))
    texts = {1: "\n".join([PARAGRAPH] * 6), 5: "\n".join([PARAGRAPH] * 2), 6: "本年度未收取信息处理费。"}
    return Report(
        source=Source("bench.yaml", "yaml"), template=template, agency="繁峙县平型关镇人民政府", year=year,
        period=Period(date(year, 1, 1), date(year, 12, 31)), published_on=date(year + 1, 1, 20),
        sections=[Section(s.number, s.title, texts.get(s.number, ""), expected=s.number) for s in SECTIONS],
        tables={"active": active, "requests": requests, "appeals": appeals},
    )


def _cpu() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def measure(fmt: str, reports: list[Report]) -> tuple[float, float, int]:
    """(reports/s wall, reports/s per CPU core, mean output bytes)."""
    writer = get_writer(fmt)
    writer.write(reports[0])  # warm-up: imports, templates, LibreOffice profile
    size = 0
    wall, cpu = time.perf_counter(), _cpu()
    for report in reports:
        size += len(writer.write(report))
    wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    return len(reports) / wall, len(reports) / cpu, size // len(reports)


def measure_pdf_batch(reports: list[Report], per_call: int) -> tuple[float, float]:
    """PDF through one LibreOffice call per ``per_call`` DOCX files (the batch route)."""
    soffice = find_soffice()
    assert soffice is not None
    docx = get_writer("docx")
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        wall, cpu = time.perf_counter(), _cpu()
        for start in range(0, len(reports), per_call):
            files = []
            for i, report in enumerate(reports[start: start + per_call]):
                path = Path(tmp) / f"r{start + i}.docx"
                path.write_bytes(docx.write(report))
                files.append(str(path))
            subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                            "--outdir", tmp, *files], check=True, capture_output=True, env=render_env())
        wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    return len(reports) / wall, len(reports) / cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    scale = 0.1 if args.quick else 1.0
    counts = {"md": 400, "html": 400, "yaml": 400, "docx": 200, "pdf": 12}
    rng = random.Random(2024)
    pool = [make_report(rng, t) for _ in range(200) for t in (Template.V2021, Template.V2019)]
    rows = []
    for fmt, n in counts.items():
        if fmt == "pdf" and find_soffice() is None:
            rows.append(f"| {fmt} | – | – | – | LibreOffice not installed |")
            continue
        n = max(2, int(n * scale))
        wall, core, size = measure(fmt, pool[:n])
        note = "one LibreOffice call per report" if fmt == "pdf" else ""
        rows.append(f"| {fmt} | {n} | {wall:.1f} | {core:.1f} | {size // 1024} KiB {note} |".replace("  |", " |"))
    if find_soffice() is not None:
        n = max(4, int(24 * scale))
        wall, core = measure_pdf_batch(pool[:n], per_call=n // 2)
        rows.append(f"| pdf (batch) | {n} | {wall:.1f} | {core:.1f} | {n // 2} reports per LibreOffice call |")
    print(f"Writers, {os.cpu_count()} cores, Python {sys.version.split()[0]}:\n")
    print("| format | reports | reports/s (wall) | reports/s/core (CPU) | notes |")
    print("|---|---:|---:|---:|---|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
