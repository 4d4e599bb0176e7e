"""Benchmark: dashboard and request-page latency with 100,000 requests under 20 concurrent clients.

    .venv/bin/python benchmarks/web_latency.py                      # 100,000 requests, 20 clients, 1,000 hits per page
    .venv/bin/python benchmarks/web_latency.py --requests 20000 --hits 200      # quick look
    .venv/bin/python benchmarks/web_latency.py --workers 1,2        # one run per worker count
    .venv/bin/python benchmarks/web_latency.py --write              # also update docs/benchmarks.md

What it does:

1. Builds a SQLite ledger in a temp dir: the demo county (``gongkai serve --demo`` data: 11 agencies,
   users, a year of requests with events, appeals) plus bulk-inserted requests up to ``--requests``
   in total, spread over five years and the 11 agencies; those received in the last 60 days are half
   still open, with their statutory due date, the rest concluded with an outcome.
2. Starts the real server (``gongkai serve --db … --host 127.0.0.1 --port <free> --workers N``) in a subprocess
   and logs in ``--clients`` sessions (clerks of the biggest agencies and the county supervisor).
3. For each page — a clerk's dashboard, the supervisor's dashboard (the whole county), a request
   page (random requests of the clerk's agency) — sends ``--hits`` GETs from ``--clients``
   concurrent clients, each bounded by a 30 s timeout and the whole page by ``--max-seconds``.
   Reports p50/p95/max, throughput and the server's CPU time per request; target p95 < 200 ms.

The clients log in with httpx, then each sends its GETs on one keep-alive HTTP/1.1 connection of
its own (asyncio + httptools, the parser uvicorn uses) and reads every response to its end. httpx
spent about 1.5 ms of CPU per request, on the same two CPUs as the server: the load generator was
measuring itself. A latency is the time from writing the request to the last byte of the response.

Prints a Markdown table for docs/benchmarks.md (``--write`` puts it between
``<!-- web_latency:start -->`` and ``<!-- web_latency:end -->`` there).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import cast

import httptools
import httpx
import sqlalchemy as sa

from gongkai.cli.serve import prepare_demo
from gongkai.ledger import (
    ApplicantType,
    Channel,
    Outcome,
    RequestStatus,
    WorkCalendar,
    make_engine,
)
from gongkai.web.security import SESSION_COOKIE

HOST = "127.0.0.1"  # loopback only, never anything else
BATCH = 20_000
PASSWORD = "gongkai-demo"
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
DOCS = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
START, END = "<!-- web_latency:start -->", "<!-- web_latency:end -->"


def new_event_loop() -> asyncio.AbstractEventLoop:
    """The client's loop: uvloop, as the server's, and cheaper per request (asyncio's on Windows)."""
    try:
        import uvloop
    except ImportError:
        return asyncio.new_event_loop()
    return uvloop.new_event_loop()


def bulk_requests(url: str, total: int, today: date, seed: int) -> tuple[int, float]:
    """Top the demo ledger up to ``total`` requests; return (rows inserted, seconds)."""
    engine = make_engine(url)
    rng = random.Random(seed)
    calendar = WorkCalendar()
    with engine.begin() as conn:
        agencies = [row[0] for row in conn.execute(sa.text("SELECT id FROM agencies ORDER BY id"))]
        existing = conn.execute(sa.text("SELECT count(*) FROM requests")).scalar_one()
    n = max(0, total - existing)
    first = date(today.year - 4, 1, 1)
    span = (today - first).days
    recent = today - timedelta(days=60)
    applicants = [a.value for a in ApplicantType]
    outcomes = [o.value for o in Outcome]
    columns = ("agency_id", "number", "applicant_type", "applicant_name", "contact", "id_number", "channel",
               "content", "note", "received_on", "status", "due_on", "due_provisional", "extended_days", "outcome",
               "decided_on", "replied_on", "created_at", "updated_at")
    sql = f"INSERT INTO requests ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    now = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    started = time.perf_counter()
    with engine.begin() as conn:
        for start in range(0, n, BATCH):
            rows = []
            for i in range(start, min(n, start + BATCH)):
                received = first + timedelta(days=rng.randrange(span))
                is_open = received >= recent and rng.random() < 0.5
                due = calendar.add_workdays(received, 20)[0] if is_open else None
                decided = None if is_open else min(today, received + timedelta(days=rng.randrange(1, 30)))
                rows.append((
                    rng.choice(agencies), f"B{i:06d}", rng.choice(applicants), f"申请人{i}", "", "",
                    Channel.ONLINE.value, f"申请公开第{i}号文件及其附件", "", received.isoformat(),
                    (RequestStatus.RECEIVED if is_open else RequestStatus.CLOSED).value,
                    due.isoformat() if due else None, False, 0, None if is_open else rng.choice(outcomes),
                    decided.isoformat() if decided else None, decided.isoformat() if decided else None, now, now,
                ))
            conn.exec_driver_sql(sql, rows)
        conn.execute(sa.text("ANALYZE"))
    engine.dispose()
    return n, time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def start_server(url: str, port: int, log: Path, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "GONGKAI_SECRET_KEY": "benchmark-secret-0123456789abcdefghij"}
    process = subprocess.Popen(
        [sys.executable, "-c", "from gongkai.cli.main import main; main()", "serve", "--db", url,
         "--host", HOST, "--port", str(port), "--workers", str(workers)],
        stdout=log.open("wb"), stderr=subprocess.STDOUT, env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited:\n{log.read_text()}")
        try:
            if httpx.get(f"http://{HOST}:{port}/login", timeout=2).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("server did not start within 60 s")


async def login(base: str, username: str) -> str:
    """Log in through the form; return the session cookie."""
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        page = await client.get("/login")
        token = CSRF_RE.search(page.text)
        assert token, "no CSRF token on the login page"
        response = await client.post("/login", data={"csrf_token": token.group(1), "username": username,
                                                     "password": PASSWORD, "next": "/"})
        assert response.status_code == 303, (username, response.status_code)
        cookie = client.cookies.get(SESSION_COOKIE)
    assert cookie, "no session cookie after login"
    return cookie


class HttpError(Exception):
    """The connection broke, or the response could not be parsed."""


class Connection(asyncio.Protocol):
    """One logged-in client: GETs on a keep-alive HTTP/1.1 connection, each response read to its end."""

    def __init__(self, host: str, port: int, cookie: str) -> None:
        self.host, self.port = host, port
        self.head = f"Host: {host}:{port}\r\nCookie: {SESSION_COOKIE}={cookie}\r\n\r\n".encode()
        self.transport: asyncio.Transport | None = None
        self.parser = httptools.HttpResponseParser(self)
        self.waiter: asyncio.Future[int] | None = None

    async def connect(self) -> None:
        loop = asyncio.get_running_loop()
        await loop.create_connection(lambda: self, self.host, self.port)

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass

    def data_received(self, data: bytes) -> None:
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError as exc:
            self._fail(HttpError(f"bad response: {exc}"))

    def on_message_complete(self) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(self.parser.get_status_code())

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None
        self._fail(HttpError(f"connection lost: {exc}"))

    def _fail(self, error: Exception) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(error)

    async def get(self, path: str, timeout: float = 30) -> int:
        """The status of ``GET path`` once the whole response has arrived."""
        if self.transport is None:
            self.parser = httptools.HttpResponseParser(self)
            await self.connect()
        assert self.transport is not None
        assert self.waiter is None or self.waiter.done(), "one request at a time on a connection"
        self.waiter = asyncio.get_running_loop().create_future()
        self.transport.write(b"GET " + path.encode() + b" HTTP/1.1\r\n" + self.head)
        try:
            async with asyncio.timeout(timeout):
                return await self.waiter
        except (TimeoutError, HttpError):
            self.close()  # a late or broken response must not be read as the next one's
            raise

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()
            self.transport = None


async def connect_as(base: str, username: str) -> Connection:
    url = httpx.URL(base)
    connection = Connection(url.host, url.port or 80, await login(base, username))
    await connection.connect()
    return connection


@dataclass
class Result:
    page: str
    latencies: list[float]
    errors: int
    seconds: float
    server_cpu: float = float("nan")  # CPU seconds the server processes used for this page
    client_cpu: float = float("nan")  # CPU seconds the load generator used for this page


CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def server_cpu_seconds(pid: int) -> float:
    """utime + stime of the server and its worker processes (Linux /proc); NaN elsewhere."""
    total = 0.0
    try:
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(entry.name) == pid or int(fields[1]) == pid:  # fields[1] is the parent pid
                total += (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    except OSError:
        return float("nan")
    return total


async def hammer(name: str, clients: list[Connection], urls: list[str], max_seconds: float) -> Result:
    """Send ``urls`` from the clients concurrently (one in flight per client); stop at ``max_seconds``."""
    queue: asyncio.Queue[str] = asyncio.Queue()
    for url in urls:
        queue.put_nowait(url)
    latencies: list[float] = []
    errors = 0
    stop_at = time.perf_counter() + max_seconds

    async def worker(client: Connection) -> None:
        nonlocal errors
        while time.perf_counter() < stop_at:
            try:
                url = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            started = time.perf_counter()
            try:
                status = await client.get(url)
                ok = status == 200
                problem = f"{status} {url}"
            except (OSError, TimeoutError, HttpError) as exc:
                ok, problem = False, f"{type(exc).__name__} {url}"
            if ok:
                latencies.append(time.perf_counter() - started)
            else:
                errors += 1
                if errors <= 3:
                    print(f"error: {problem}", file=sys.stderr)

    started = time.perf_counter()
    await asyncio.gather(*(worker(c) for c in clients))
    return Result(name, latencies, errors, time.perf_counter() - started)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def measured(pid: int, name: str, clients: list[Connection], urls: list[str],
                   max_seconds: float) -> Result:
    before, client_before = server_cpu_seconds(pid), time.process_time()
    result = await hammer(name, clients, urls, max_seconds)
    result.server_cpu = server_cpu_seconds(pid) - before
    result.client_cpu = time.process_time() - client_before
    return result


async def warm(client: Connection, paths: list[str]) -> None:
    for path in paths:
        status = await client.get(path)
        assert status == 200, (path, status)


async def measure(base: str, url: str, args: argparse.Namespace, pid: int) -> list[Result]:
    engine = make_engine(url)
    with engine.connect() as conn:
        busiest = conn.execute(sa.text(
            "SELECT u.username, u.agency_id FROM users u JOIN requests r ON r.agency_id = u.agency_id "
            "WHERE u.role = 'clerk' GROUP BY u.id ORDER BY count(*) DESC LIMIT 1")).one()
        ids = [row[0] for row in conn.execute(sa.text("SELECT id FROM requests WHERE agency_id = :a"),
                                              {"a": busiest.agency_id})]
        total = conn.execute(sa.text("SELECT count(*) FROM requests")).scalar_one()
    engine.dispose()
    rng = random.Random(args.seed)
    clerks = [await connect_as(base, busiest.username) for _ in range(args.clients)]
    supervisors = [await connect_as(base, "county") for _ in range(args.clients)]
    try:
        # Warm up, every connection at once: templates compiled, caches filled, and the worker threads and
        # pooled database connections a burst of 20 needs already there when the first page is measured.
        await asyncio.gather(*(warm(c, ["/", f"/requests/{ids[0]}"] * 2) for c in clerks),
                             *(warm(c, ["/"] * 2) for c in supervisors))
        results = [
            await measured(pid, f"工作台（经办人，{busiest.username}）", clerks, ["/"] * args.hits, args.max_seconds),
            await measured(pid, "工作台（县监督人，全县 11 个机关）", supervisors, ["/"] * args.hits, args.max_seconds),
            await measured(pid, "申请详情页（随机申请）", clerks,
                         [f"/requests/{rng.choice(ids)}" for _ in range(args.hits)], args.max_seconds),
        ]
    finally:
        for client in clerks + supervisors:
            client.close()
    print(f"{total:,} requests in the ledger; {len(ids):,} belong to {busiest.username}'s agency.", file=sys.stderr)
    return results


def context_line(total: int, clients: int, started_load: float, ended_load: float) -> str:
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                cwd=DOCS.parent, check=False).stdout.strip() or "unknown"
    except OSError:
        commit = "unknown"
    return (f"Measured {date.today().isoformat()} at commit `{commit}`, {platform.python_implementation()} "
            f"{platform.python_version()}, {os.cpu_count()} CPUs (load average {started_load:.1f} at the start and "
            f"{ended_load:.1f} at the end: other processes share the machine, and the load generator runs on the "
            f"same CPUs). Ledger of "
            f"{total:,} requests in SQLite (the demo county plus bulk rows); {clients} concurrent clients "
            f"(logged in through the form, then one keep-alive HTTP/1.1 connection each on loopback, every "
            f"response read to its end); the server is `gongkai serve --workers N` (uvicorn). Server and client "
            f"CPU are CPU seconds per request (all server processes; the load generator). Target: p95 < 200 ms.")


def table(runs: list[tuple[int, list[Result]]]) -> str:
    lines = [
        "| page | workers | requests | errors | p50 | p95 | max | throughput | server CPU per request "
        "| client CPU per request | p95 < 200 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for workers, results in runs:
        for r in results:
            ms = [x * 1000 for x in r.latencies] or [float("nan")]
            p95 = percentile(ms, 0.95)
            lines.append(f"| {r.page} | {workers} | {len(r.latencies):,} | {r.errors} | {statistics.median(ms):.0f} ms "
                         f"| {p95:.0f} ms | {max(ms):.0f} ms | {len(r.latencies) / r.seconds:.0f}/s "
                         f"| {r.server_cpu / max(1, len(r.latencies)) * 1000:.1f} ms "
                         f"| {r.client_cpu / max(1, len(r.latencies)) * 1000:.1f} ms "
                         f"| {'✅' if p95 < 200 else '❌'} |")
    return "\n".join(lines)


def write_docs(text: str, argv: list[str]) -> None:
    command = " ".join(["benchmarks/web_latency.py", *argv])
    block = (f"{START}\n## Web latency (`benchmarks/web_latency.py`)\n\n{text}\n\n"
             f"Command: `.venv/bin/python {command}`.\n{END}")
    current = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Benchmarks\n"
    if START in current and END in current:
        before, rest = current.split(START, 1)
        current = before + block + rest.split(END, 1)[1]
    else:
        current = current.rstrip("\n") + "\n\n" + block + "\n"
    DOCS.write_text(current, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000, help="requests in the ledger in total")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
    parser.add_argument("--hits", type=int, default=1000, help="GETs per page")
    parser.add_argument("--max-seconds", type=float, default=300, help="time bound per page")
    parser.add_argument("--workers", default="1", help="uvicorn worker processes, e.g. 1 or 1,2 (one run each)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="keep the SQLite database at this path")
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args(argv)

    started_load = os.getloadavg()[0]
    runs: list[tuple[int, list[Result]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "web.sqlite3"
        url = f"sqlite:///{path}"
        started = time.perf_counter()
        prepare_demo(url)
        inserted, seconds = bulk_requests(url, args.requests, date.today(), args.seed)
        print(f"demo + {inserted:,} bulk requests in {time.perf_counter() - started:.1f} s "
              f"(bulk insert {seconds:.1f} s)", file=sys.stderr)
        for workers in (int(w) for w in str(args.workers).split(",")):
            port = free_port()
            server = start_server(url, port, Path(tmp) / "server.log", workers)
            try:
                with asyncio.Runner(loop_factory=new_event_loop) as runner:
                    runs.append((workers, runner.run(measure(f"http://{HOST}:{port}", url, args, server.pid))))
            finally:
                server.terminate()
                server.wait(timeout=20)
    text = context_line(args.requests, args.clients, started_load, os.getloadavg()[0]) + "\n\n" + table(runs)
    print(text)
    if args.write:
        write_docs(text, sys.argv[1:] if argv is None else argv)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
