"""Benchmark: the supervision status board and region totals pages for a region of 200 agencies.

    .venv/bin/python benchmarks/supervise_pages.py                 # 200 agencies, 3 years, 40 hits per page
    .venv/bin/python benchmarks/supervise_pages.py --agencies 50 --years 1 --hits 10    # quick look

What it does:

1. Builds a SQLite database in a temp dir: a county government and ``--agencies - 1`` departments
   and townships under it, a supervisor, and for each of the last ``--years`` report years one
   submission per agency (a shipped sample report, its agency name and a byte changed so every file is
   distinct, read and audited once and stored as the web stage stores it: report JSON, findings with
   fingerprints, a review state); a tenth of the agencies are left without a report, so the board has
   gaps and the totals have missing agencies, as in a real season.
2. Starts the real server (``gongkai serve --db … --port <free>``) in a subprocess, logs in as the
   supervisor and sends ``--hits`` sequential GETs to each page, reading every response to its end.
3. Prints the first view (nothing parsed or summed yet in the server process) and p50 / p95 / max of
   the following views per page, in ms; the target is under 200 ms. Submissions never change once
   stored, so the server keeps parsed reports and region totals keyed by submission ids: a new
   submission changes the key, and only that region-year is summed again.

``--write`` puts the table between ``<!-- supervise_pages:start -->`` and ``<!-- supervise_pages:end -->``
in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "gongkai" / "sample_reports" / "002_fdae73c5d0e03e9f.txt"
PASSWORD = "bench-password-1"
DOCS = ROOT / "docs" / "benchmarks.md"


def build(db: Path, agencies: int, years: int, season: int) -> None:
    from datetime import datetime

    from gongkai.ledger import AgencyKind, Role, create_agency, create_user, init_db
    from gongkai.supervise import workflow
    from gongkai.supervise.records import SubmissionSource

    factory = init_db(f"sqlite:///{db}")
    data = SAMPLE.read_text("utf-8")
    printed = "偃师区缙氏镇人民政府"
    with factory() as session:
        root = create_agency(session=session, name="基准县人民政府", kind=AgencyKind.GOVERNMENT)
        create_user(session=session, username="jdr", password=PASSWORD, role=Role.SUPERVISOR, agency_id=root.id)
        ids = [root.id]
        for n in range(1, agencies):
            kind = AgencyKind.TOWNSHIP if n % 3 == 0 else AgencyKind.DEPARTMENT
            name = f"基准县第{n}{'镇人民政府' if kind is AgencyKind.TOWNSHIP else '局'}"
            ids.append(create_agency(session=session, name=name, kind=kind, parent_id=root.id).id)
        session.commit()
        names = dict(zip(ids, [root.name] + [f"x{n}" for n in range(1, agencies)], strict=True))
        from gongkai.ledger import Agency

        names = {a.id: a.name for a in session.query(Agency)}
        for year in range(season - years + 1, season + 1):
            base = workflow.analyse("base.txt", data.replace("2023", str(year)).encode("utf-8"))
            for i, agency_id in enumerate(ids):
                if i % 10 == 9:
                    continue  # no report from a tenth of the region
                text = data.replace(printed, names[agency_id]).replace("2023", str(year))
                report = dict(base.report or {})
                report["agency"] = names[agency_id]
                analysis = workflow.Analysis(report=report, findings=base.findings, template=base.template,
                                             agency=names[agency_id], year=year)
                workflow.submit(session=session, agency_id=agency_id, year=year, file_name=f"{agency_id}.txt",
                                data=text.encode("utf-8"), source=SubmissionSource.BATCH, actor=None,
                                analysis=analysis, at=datetime(year + 1, 1, 20, 9, 0))
            session.commit()
    factory.kw["bind"].dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def measure(db: Path, pages: list[tuple[str, str]], hits: int) -> list[tuple[str, float, float, float, float]]:
    port = free_port()
    env = {**os.environ, "GONGKAI_SECRET_KEY": "bench-secret-key-0123456789abcdefgh"}
    process = subprocess.Popen([sys.executable, "-c", "from gongkai.cli.main import main; main()", "serve",
                                "--db", f"sqlite:///{db}", "--host", "127.0.0.1", "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/login", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        client = httpx.Client(base_url=base, timeout=30)
        form = client.get("/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', form)
        assert token is not None
        client.post("/login", data={"csrf_token": token.group(1), "username": "jdr", "password": PASSWORD, "next": "/"})
        out = []
        for name, url in pages:
            start = time.perf_counter()
            assert client.get(url).status_code == 200, url  # cold: nothing parsed or summed yet
            cold = (time.perf_counter() - start) * 1000
            for _ in range(2):  # warm up: templates, the calendar, SQLite's page cache
                assert client.get(url).status_code == 200, url
            times = []
            for _ in range(hits):
                start = time.perf_counter()
                response = client.get(url)
                response.read()
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200
            times.sort()
            out.append((name, cold, statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)], times[-1]))
        client.close()
        return out
    finally:
        process.terminate()
        process.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--agencies", type=int, default=200)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--hits", type=int, default=40)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    season = 2025
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite3"
        started = time.perf_counter()
        build(db, args.agencies, args.years, season)
        built = time.perf_counter() - started
        pages = [("报送情况（看板）", f"/supervise?year={season}"), ("区域汇总", f"/supervise/totals?year={season}"),
                 ("看板 Excel", f"/supervise/board.xlsx?year={season}")]
        rows = measure(db, pages, args.hits)
    lines = [f"{args.agencies} agencies, {args.years} report year(s) of submissions ({int(args.agencies * 0.9)} a year), "
             f"{args.hits} sequential GETs per page after a first view and 2 warm-up GETs; one server process "
             f"({platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs shared). "
             f"Database built in {built:.0f} s.", "",
             "| page | first view ms | p50 ms | p95 ms | max ms |", "|---|---:|---:|---:|---:|"]
    lines += [f"| {name} | {cold:.0f} | {p50:.0f} | {p95:.0f} | {top:.0f} |" for name, cold, p50, p95, top in rows]
    table = "\n".join(lines)
    print(table)
    if args.write:
        text = DOCS.read_text("utf-8")
        block = f"<!-- supervise_pages:start -->\n{table}\n<!-- supervise_pages:end -->"
        if "<!-- supervise_pages:start -->" in text:
            text = re.sub(r"<!-- supervise_pages:start -->.*<!-- supervise_pages:end -->", block, text, flags=re.S)
        else:
            text += ("\n## Supervision pages (`benchmarks/supervise_pages.py`)\n\n"
                     "`.venv/bin/python benchmarks/supervise_pages.py --write`. Target: the board and the totals page "
                     "under 200 ms for 200 agencies.\n\n" + block + "\n")
        DOCS.write_text(text, "utf-8")


if __name__ == "__main__":
    main()
