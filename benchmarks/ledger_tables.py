"""Benchmark: annual tables (sections 二/三/四) computed from a ledger of 1,000,000 requests.

    .venv/bin/python benchmarks/ledger_tables.py                    # SQLite in a temp dir, 1M requests
    .venv/bin/python benchmarks/ledger_tables.py --requests 200000 --years 5
    .venv/bin/python benchmarks/ledger_tables.py --db postgresql+psycopg://gongkai:gongkai@127.0.0.1/gongkai_bench

Rows go in with bulk inserts (executemany in batches), all for one agency — the worst case, since
the GROUP BY then scans every row of that agency. Prints a Markdown table for docs/benchmarks.md.
Target (issue 4): < 2 s on SQLite for 1,000,000 requests.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from gongkai.ledger import (
    AgencyKind,
    Appeal,
    ApplicantType,
    Channel,
    Outcome,
    RequestStatus,
    annual_report_tables,
    create_agency,
    make_engine,
    session_factory,
    upgrade,
)
from gongkai.ledger.db import downgrade

BATCH = 50_000


def generate(engine: sa.Engine, agency_id: int, n: int, years: int, seed: int) -> float:
    """Insert ``n`` requests received over the last ``years`` years up to 2025; returns seconds."""
    rng = random.Random(seed)
    first = date(2025 - years + 1, 1, 1)
    span = (date(2025, 12, 31) - first).days + 1
    applicants = list(ApplicantType)
    outcomes = list(Outcome)
    columns = ("agency_id", "number", "applicant_type", "applicant_name", "contact", "id_number", "channel",
               "content", "note", "received_on", "status", "due_provisional", "extended_days", "outcome",
               "decided_on", "replied_on", "created_at", "updated_at")
    mark = "?" if engine.dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO requests ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})"
    as_text = engine.dialect.name == "sqlite"  # SQLite stores dates as ISO text
    now = "2026-01-01 00:00:00" if as_text else datetime(2026, 1, 1)
    started = time.perf_counter()
    with engine.begin() as conn:
        for start in range(0, n, BATCH):
            rows = []
            for i in range(start, min(n, start + BATCH)):
                received = first + timedelta(days=rng.randrange(span))
                decided = received + timedelta(days=rng.randrange(60)) if rng.random() < 0.97 else None
                day = None if decided is None else (decided.isoformat() if as_text else decided)
                closed = decided is not None
                rows.append((
                    agency_id, f"B{i}", rng.choice(applicants).value, "申请人", "", "", Channel.ONLINE.value,
                    "基准测试", "", received.isoformat() if as_text else received,
                    (RequestStatus.CLOSED if closed else RequestStatus.RECEIVED).value, False, 0,
                    rng.choice(outcomes).value if closed else None,
                    day,
                    day,
                    now, now,
                ))
            conn.exec_driver_sql(sql, rows)
        conn.execute(sa.insert(Appeal), [
            {"agency_id": agency_id, "kind": "review", "filed_on": first + timedelta(days=k), "result": "pending",
             "concluded_on": None, "note": "", "request_id": None} for k in range(100)])
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(sa.text("ANALYZE"))
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--years", type=int, default=1, help="spread receipts over this many years up to 2025")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", help="database URL (default: a SQLite file in a temp dir)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep the SQLite database at this path")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{args.keep or Path(tmp) / 'bench.sqlite3'}"
        engine = make_engine(url)
        downgrade(engine)
        upgrade(engine)
        factory = session_factory(engine)
        with factory() as session:
            agency = create_agency(session=session, name="基准测试局", kind=AgencyKind.DEPARTMENT)
            session.commit()
            agency_id = agency.id
        load = generate(engine, agency_id, args.requests, args.years, args.seed)
        times = []
        with factory() as session:
            tables = annual_report_tables(session=session, agency_id=agency_id, year=2025)  # warm the cache
            for _ in range(args.repeat):
                started = time.perf_counter()
                tables = annual_report_tables(session=session, agency_id=agency_id, year=2025)
                times.append(time.perf_counter() - started)
        req = tables["requests"]
        assert req["received"]["total"] + req["carried_over"]["total"] == (
            req["total"]["total"] + req["carried_forward"]["total"])
        engine.dispose()

    backend = url.split(":", 1)[0].split("+", 1)[0]
    print(f"| backend | requests | years | in year's population | bulk insert | tables (median of {args.repeat}) "
          "| fastest |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    population = req["received"]["total"] + req["carried_over"]["total"]
    print(f"| {backend} | {args.requests:,} | {args.years} | {population:,} | {load:.1f} s "
          f"| {statistics.median(times):.2f} s | {min(times):.2f} s |")
    print(f"\n{platform.python_implementation()} {platform.python_version()}, {platform.machine()}, "
          f"SQLAlchemy {sa.__version__}; `annual_report_tables(year=2025)` for one agency holding every row.",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
