"""Benchmark: 20 clients writing to the ledger at once, on SQLite and on PostgreSQL.

    .venv/bin/python benchmarks/concurrent_writes.py                         # SQLite, 20 clients × 10 rounds
    .venv/bin/python benchmarks/concurrent_writes.py --pg "$GONGKAI_TEST_POSTGRES_URL"   # also PostgreSQL
    .venv/bin/python benchmarks/concurrent_writes.py --pg "$GONGKAI_TEST_POSTGRES_URL" --write  # update docs

What it does, per database:

1. Migrates a fresh database (SQLite file in a temp dir; on PostgreSQL a fresh schema, dropped after)
   with one agency and one clerk, and ``--hot`` requests registered in advance.
2. Starts the real server (``gongkai serve --db … --host 127.0.0.1 --port <free>``, one worker) in a
   subprocess and gives each of ``--clients`` threads its own bearer token and HTTP connection.
3. Each client runs ``--rounds`` rounds of the clerk's writes through the JSON API: register a request,
   extend it, edit its contact, decide it, record the reply (each change with ``If-Match``), and one
   decision on a "hot" request that every client tries to decide in the same round from the same
   version: exactly one of them must win, the others get 409.
4. Every call is bounded by a 60 s timeout and loopback only. Reports the answers by class (2xx, 409,
   other 4xx, 5xx), p50/p95/max latency and throughput, and checks the invariants: no 5xx, distinct
   registration numbers, exactly one decision on each hot request.

Prints a Markdown section for docs/benchmarks.md (``--write`` puts it between
``<!-- concurrent_writes:start -->`` and ``<!-- concurrent_writes:end -->`` there).
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
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import httpx
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "benchmarks.md"
PASSWORD = "bench-password-42"


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    codes: Counter[str] = field(default_factory=Counter)
    numbers: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, response: httpx.Response, seconds: float) -> None:
        code = response.status_code
        kind = "2xx" if code < 300 else "409" if code == 409 else "5xx" if code >= 500 else "4xx"
        with self.lock:
            self.latencies.append(seconds)
            self.codes[kind] += 1


def seed(url: str, hot: int) -> list[tuple[int, int]]:
    """One agency, one clerk, ``hot`` requests registered in advance: [(id, version)]."""
    from argon2 import PasswordHasher

    import gongkai.ledger.access as access
    from gongkai.ledger import AgencyKind, Role, create_agency, create_user, init_db
    from gongkai.ledger.requests import create_request
    from gongkai.ledger.schemas import RequestIn

    access._hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)  # cheap logins
    factory = init_db(url)
    out = []
    with factory() as session:
        agency = create_agency(session=session, name="示范县教育局", kind=AgencyKind.DEPARTMENT)
        clerk = create_user(session=session, username="clerk", password=PASSWORD, role=Role.CLERK,
                            agency_id=agency.id)
        for i in range(hot):
            r = create_request(session=session, actor=clerk, data=RequestIn(
                agency_id=agency.id, applicant_type="natural_person", applicant_name=f"热点{i}", channel="online",
                content="预先登记的申请", received_on="2025-06-02"))  # type: ignore[arg-type]
            out.append((r.id, r.version))
        session.commit()
        out = [(rid, v) for rid, v in out]
        agency_id = agency.id
    factory.kw["bind"].dispose()
    seed.agency_id = agency_id  # type: ignore[attr-defined]
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(url: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = os.environ | {"GONGKAI_SECRET_KEY": "bench-secret-0123456789abcdef"}
    proc = subprocess.Popen([sys.executable, "-m", "gongkai", "serve", "--db", url, "--host", "127.0.0.1",
                             "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/login", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start: " + (proc.stderr.read().decode() if proc.stderr else ""))


def client_run(base: str, token: str, rounds: int, hot: list[tuple[int, int]], barrier: threading.Barrier,
               tally: Tally, index: int) -> None:
    with httpx.Client(base_url=base, timeout=60, headers={"Authorization": f"Bearer {token}"}) as c:
        def call(method: str, path: str, version: int | None = None, **kw: object) -> httpx.Response:
            headers = {"If-Match": f'"{version}"'} if version is not None else {}
            t0 = time.perf_counter()
            r = c.request(method, path, headers=headers, **kw)  # type: ignore[arg-type]
            tally.add(r, time.perf_counter() - t0)
            return r

        for n in range(rounds):
            barrier.wait()
            rid, version = hot[n % len(hot)]
            call("POST", f"/api/v1/requests/{rid}/decision", version,
                 json={"outcome": "granted", "on": "2025-06-20"})
            made = call("POST", "/api/v1/requests", json={
                "agency_id": seed.agency_id, "received_on": "2025-06-10", "channel": "online",  # type: ignore[attr-defined]
                "applicant_type": "natural_person", "applicant_name": f"申请人{index}-{n}",
                "content": "申请公开2024年学校食堂招标文件"})
            if made.status_code != 201:
                continue
            body = made.json()
            with tally.lock:
                tally.numbers.append(body["number"])
            steps = [("POST", f"/api/v1/requests/{body['id']}/events",
                      {"kind": "extension", "on": "2025-06-12", "days": 5}),
                     ("PATCH", f"/api/v1/requests/{body['id']}", {"contact": f"1380000{index:02d}{n:02d}"}),
                     ("POST", f"/api/v1/requests/{body['id']}/decision", {"outcome": "partial", "on": "2025-06-16"}),
                     ("POST", f"/api/v1/requests/{body['id']}/events", {"kind": "reply_sent", "on": "2025-06-16"})]
            version = body["version"]
            for method, path, payload in steps:
                r = call(method, path, version, json=payload)
                if r.status_code >= 300:
                    break
                version = r.json()["version"]


def run(url: str, label: str, clients: int, rounds: int) -> dict[str, object]:
    hot = seed(url, hot=rounds)
    proc, base = start_server(url)
    try:
        tokens = []
        for _ in range(clients):
            r = httpx.post(f"{base}/api/v1/token", json={"username": "clerk", "password": PASSWORD}, timeout=30)
            r.raise_for_status()
            tokens.append(r.json()["access_token"])
        tally = Tally()
        barrier = threading.Barrier(clients)
        threads = [threading.Thread(target=client_run, args=(base, tokens[i], rounds, hot, barrier, tally, i))
                   for i in range(clients)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=900)
        elapsed = time.perf_counter() - t0
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as conn:
        decided_hot = conn.execute(sa.text(
            "SELECT count(*) FROM request_events e JOIN requests r ON r.id = e.request_id "
            "WHERE e.kind = 'decision' AND e.removed_at IS NULL AND r.applicant_name LIKE '热点%'")).scalar_one()
    engine.dispose()
    lat = sorted(tally.latencies)
    q = statistics.quantiles(lat, n=100)
    result = {
        "label": label, "clients": clients, "rounds": rounds, "calls": len(lat), "seconds": elapsed,
        "codes": dict(tally.codes), "p50": q[49] * 1000, "p95": q[94] * 1000, "max": lat[-1] * 1000,
        "distinct": len(set(tally.numbers)) == len(tally.numbers), "registered": len(tally.numbers),
        "hot_ok": decided_hot == len(hot),
    }
    print(result, file=sys.stderr)
    return result


def table(results: list[dict[str, object]]) -> str:
    lines = [
        "<!-- concurrent_writes:start -->",
        "## Concurrent writes (`benchmarks/concurrent_writes.py`)",
        "",
        f"{results[0]['clients']} clients at once against the real server (`gongkai serve`, one worker, loopback), "
        f"each {results[0]['rounds']} rounds of: one decision on a request every client decides in the same round "
        "from the same version, then register → extend → edit → decide → reply (each with `If-Match`). "
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs shared with other work; "
        f"Python {platform.python_version()}; load average {os.getloadavg()[0]:.1f} when the run ended. "
        "The 409s are the expected losers of the raced decisions (19 per round); every other call succeeded. "
        "Latency here is mostly waiting for a CPU: server, PostgreSQL and 20 client threads share the "
        "machine's cores with other work.",
        "",
        "| database | calls | 2xx | 409 (expected: the losers of each race) | other 4xx | 5xx | p50 ms | p95 ms | max ms"
        " | calls/s | numbers distinct | one decision per raced request |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in results:
        codes: dict[str, int] = r["codes"]  # type: ignore[assignment]
        lines.append(
            f"| {r['label']} | {r['calls']} | {codes.get('2xx', 0)} | {codes.get('409', 0)} | {codes.get('4xx', 0)} | "
            f"{codes.get('5xx', 0)} | {r['p50']:.0f} | {r['p95']:.0f} | {r['max']:.0f} | "
            f"{float(r['calls']) / float(r['seconds']):.0f} | {'yes' if r['distinct'] else 'NO'} | "  # type: ignore[arg-type]
            f"{'yes' if r['hot_ok'] else 'NO'} |")
    lines += ["", "Command: `.venv/bin/python benchmarks/concurrent_writes.py --pg \"$GONGKAI_TEST_POSTGRES_URL\" "
              "--write`.", "<!-- concurrent_writes:end -->"]
    return "\n".join(lines)


def write_docs(section: str) -> None:
    text = DOCS.read_text(encoding="utf-8")
    pattern = re.compile(r"<!-- concurrent_writes:start -->.*?<!-- concurrent_writes:end -->", re.S)
    text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
    DOCS.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--pg", help="PostgreSQL URL (a fresh schema is created in it and dropped after)")
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        results.append(run(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", "SQLite (WAL)", args.clients, args.rounds))
    if args.pg:
        schema = f"bench_{uuid.uuid4().hex[:12]}"
        admin = sa.create_engine(args.pg.replace("postgresql://", "postgresql+psycopg://", 1))
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        try:
            url = f"{args.pg}{'&' if '?' in args.pg else '?'}options={quote(f'-csearch_path={schema}')}"
            results.append(run(url, "PostgreSQL", args.clients, args.rounds))
        finally:
            with admin.begin() as conn:
                conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
    section = table(results)
    print(section)
    if args.write:
        write_docs(section)
    bad = [r["label"] for r in results
           if r["codes"].get("5xx") or not r["distinct"] or not r["hot_ok"]]  # type: ignore[union-attr]
    if bad:
        raise SystemExit(f"invariants broken on: {', '.join(map(str, bad))}")


if __name__ == "__main__":
    main()
