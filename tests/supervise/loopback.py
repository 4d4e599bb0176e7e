"""A loopback HTTP server that behaves like the portals a supervisor's URL list points at."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "gongkai" / "sample_reports"
GBK_PAGE = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"></head><body>'
            + (SAMPLES / "shanghai-office-2019.html").read_text("utf-8") + "</body></html>").encode("gbk", "replace")


class Handler(BaseHTTPRequestHandler):
    hits: ClassVar[dict[str, int]] = {}
    log: ClassVar[list[str]] = []
    robots: ClassVar[bytes] = b"User-agent: *\nDisallow: /private/\n"

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes = b"", ctype: str = "text/html", headers: dict[str, str] | None = None,
              length: int | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        Handler.log.append(path)
        Handler.hits[path] = Handler.hits.get(path, 0) + 1
        if path == "/robots.txt":
            self._send(200, Handler.robots, "text/plain")
        elif path == "/gbk.html":
            self._send(200, GBK_PAGE, "text/html")
        elif path in ("/report.txt", "/again.txt"):  # the same bytes under two addresses
            self._send(200, (SAMPLES / "000_11de511653868c0f.txt").read_bytes(), "text/plain; charset=utf-8")
        elif path.startswith("/private/"):
            self._send(200, b"secret")
        elif path == "/loop1":
            self._send(302, headers={"Location": "/loop2"})
        elif path == "/loop2":
            self._send(302, headers={"Location": "/loop1"})
        elif path == "/moved":
            self._send(301, headers={"Location": "/report.txt"})
        elif path == "/big.pdf":
            self._send(200, b"%PDF-1.4\n" + b"0" * 5000, "application/pdf")
        elif path == "/big-chunked":  # no Content-Length: the cap must hold while streaming
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Connection", "close")
            self.end_headers()
            for _ in range(10):
                self.wfile.write(b"x" * 1000)
        elif path == "/flaky":
            if Handler.hits[path] <= 2:
                self._send(503, b"busy", headers={"Retry-After": "2"} if Handler.hits[path] == 1 else None)
            else:
                self._send(200, (SAMPLES / "001_9e58b98aa5ba2831.txt").read_bytes(), "text/plain")
        elif path == "/photo.png":
            self._send(200, b"\x89PNG....", "image/png")
        else:
            self._send(404, b"not found")


@contextmanager
def serve() -> Iterator[str]:
    Handler.hits = {}
    Handler.log = []
    Handler.robots = b"User-agent: *\nDisallow: /private/\n"
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
