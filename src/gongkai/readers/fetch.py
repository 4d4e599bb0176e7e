"""A polite fetcher for report URLs: government sites are small, and URL lists are long.

Used by supervision (a review's URL list) and by corpus builds (manifests naming URLs).

What it promises, per host: no more than one request every ``min_interval`` seconds (robots.txt
and redirects included; longer when robots.txt asks for a Crawl-delay), robots.txt obeyed for our
user agent, retries with exponential backoff on
connection errors and 429/5xx (``Retry-After`` honoured up to a cap), redirects followed by hand
so that a loop or a chain too long is named as such, a size cap enforced while streaming (and
before, from Content-Length), only document types accepted, and the text encoding of a page
detected (GBK pages are common). Each failure is one ``FetchError`` sentence naming the URL.

``clock`` and ``sleep`` are injectable so tests can check the pacing without waiting for it.
"""

from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from gongkai.errors import EncodingError, TooLarge, Unreadable
from gongkai.readers.decode import decode

if TYPE_CHECKING:
    import httpx

USER_AGENT = "gongkai/0.1 (government disclosure annual report review; +https://github.com/gongkai)"
TEXT_TYPES = ("text/html", "text/plain", "application/xhtml+xml", "text/markdown")
DOCUMENT_TYPES = (
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/octet-stream",  # many portals serve every attachment so; the reader sniffs it
    "application/x-download",
    "application/force-download",
)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class FetchError(Unreadable):
    """A URL that could not be fetched; ``str()`` is one sentence naming it."""


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    user_agent: str = USER_AGENT
    min_interval: float = 1.0  # seconds between two requests to one host
    retries: int = 3
    backoff: float = 1.0  # first retry waits this long, then twice as long each time
    max_retry_after: float = 60.0
    max_crawl_delay: float = 30.0  # a robots.txt Crawl-delay is obeyed up to this many seconds
    timeout: float = 20.0
    max_bytes: int = 50 * 1024 * 1024
    max_redirects: int = 5
    obey_robots: bool = True
    allowed_types: tuple[str, ...] = TEXT_TYPES + DOCUMENT_TYPES


@dataclass(frozen=True, slots=True)
class Page:
    url: str  # final, after redirects
    data: bytes
    content_type: str | None
    encoding: str | None  # detected, for text types


@dataclass
class Fetcher:
    policy: FetchPolicy = field(default_factory=FetchPolicy)
    client: httpx.Client | None = None
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser] = field(default_factory=dict)
    _delay: dict[str, float] = field(default_factory=dict)  # host → Crawl-delay from its robots.txt
    _own_client: bool = False

    def __post_init__(self) -> None:
        if self.client is None:
            import httpx

            self.client = httpx.Client(timeout=self.policy.timeout, follow_redirects=False,
                                       headers={"User-Agent": self.policy.user_agent})
            self._own_client = True

    def close(self) -> None:
        if self._own_client and self.client is not None:
            self.client.close()

    # -- the one public call ------------------------------------------------------------------
    def fetch(self, url: str) -> Page:
        """Fetch one document, following redirects; raise ``FetchError``/``TooLarge`` on failure."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError("不是有效的 http/https 网址", path=url, message_en="not an http(s) URL")
        seen = {url}
        current = url
        for _ in range(self.policy.max_redirects + 1):
            self._check_robots(current)
            status, headers, data = self._get(current)
            if status in REDIRECT_STATUSES:
                location = headers.get("location")
                if not location:
                    raise FetchError(f"服务器返回重定向（HTTP {status}）但没有给出新地址", path=url,
                                     message_en="redirect without a Location")
                current = urljoin(current, location)
                if current in seen:
                    raise FetchError(f"重定向循环（{current} 又指回已访问的地址）", path=url,
                                     message_en="redirect loop")
                seen.add(current)
                continue
            return self._page(url, current, status, headers, data)
        raise FetchError(f"重定向次数超过 {self.policy.max_redirects} 次", path=url, message_en="too many redirects")

    # -- pieces -------------------------------------------------------------------------------
    def _page(self, asked: str, url: str, status: int, headers: dict[str, str], data: bytes) -> Page:
        if status == 404 or status == 410:
            raise FetchError(f"网页不存在（HTTP {status}）", path=asked, message_en=f"not found (HTTP {status})")
        if status >= 400:
            raise FetchError(f"服务器拒绝或出错（HTTP {status}）", path=asked, message_en=f"HTTP {status}")
        kind = (headers.get("content-type") or "").split(";")[0].strip().lower() or None
        if kind is not None and kind not in self.policy.allowed_types:
            raise FetchError(f"内容类型 {kind} 不是报告文档（网页、PDF 或 Word）", path=asked,
                             message_en=f"content type {kind} is not a report document")
        encoding = None
        if kind in TEXT_TYPES or (kind is None and data[:1] in (b"<", b"\xef")):
            try:
                encoding = decode(data, url)[1]
            except EncodingError:
                encoding = None
        return Page(url, data, kind, encoding)

    def _get(self, url: str) -> tuple[int, dict[str, str], bytes]:
        """One GET with pacing, retries and the size cap; returns (status, headers, body)."""
        import httpx

        assert self.client is not None
        attempt = 0
        while True:
            self._pace(url)
            try:
                with self.client.stream("GET", url) as response:
                    status = response.status_code
                    headers = {k.lower(): v for k, v in response.headers.items()}
                    if status in RETRY_STATUSES and attempt < self.policy.retries:
                        wait = self._retry_after(headers.get("retry-after"), attempt)
                    else:
                        return status, headers, self._body(url, response, status)
            except httpx.TransportError as exc:
                if attempt >= self.policy.retries:
                    raise FetchError(f"无法连接服务器（{type(exc).__name__}），已重试 {attempt} 次", path=url,
                                     message_en=f"connection failed: {exc!r}") from exc
                wait = self.policy.backoff * 2**attempt
            except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as exc:
                raise FetchError(f"下载失败（{type(exc).__name__}）", path=url,
                                 message_en=f"download failed: {exc!r}") from exc
            attempt += 1
            self.sleep(wait)

    def _body(self, url: str, response: httpx.Response, status: int) -> bytes:
        if status in REDIRECT_STATUSES or status >= 400:
            return b""
        limit = self.policy.max_bytes
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise TooLarge(f"文件大小 {int(declared) / 1048576:.1f} MB 超过上限（{limit / 1048576:.0f} MB）",
                           path=url, message_en="over the size limit")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise TooLarge(f"文件超过大小上限（{limit / 1048576:.0f} MB），已停止下载", path=url,
                               message_en="over the size limit")
            chunks.append(chunk)
        return b"".join(chunks)

    def _retry_after(self, value: str | None, attempt: int) -> float:
        if value and value.strip().isdigit():
            return min(float(value.strip()), self.policy.max_retry_after)
        return self.policy.backoff * 2**attempt

    def _pace(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        last = self._last.get(host)
        if last is not None:
            interval = max(self.policy.min_interval, self._delay.get(host, 0.0))
            wait = interval - (self.clock() - last)
            if wait > 0:
                self.sleep(wait)
        self._last[host] = self.clock()

    def _check_robots(self, url: str) -> None:
        if not self.policy.obey_robots:
            return
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        parser = self._robots.get(root)
        if parser is None:
            parser = self._robots[root] = self._load_robots(root)
        if not parser.can_fetch(self.policy.user_agent, url):
            raise FetchError("网站的 robots.txt 不允许抓取此地址", path=url, message_en="disallowed by robots.txt")

    def _load_robots(self, root: str) -> urllib.robotparser.RobotFileParser:
        parser = urllib.robotparser.RobotFileParser(root + "/robots.txt")
        try:
            status, _, data = self._get(root + "/robots.txt")
        except (FetchError, TooLarge):
            status, data = 404, b""
        if status in (401, 403):
            parser.disallow_all = True  # type: ignore[attr-defined]  # how robotparser itself says it
        elif status >= 400 or status in REDIRECT_STATUSES:
            parser.allow_all = True  # type: ignore[attr-defined]
        else:
            parser.parse(data.decode("utf-8", "replace").splitlines())
            delay = parser.crawl_delay(self.policy.user_agent)
            if delay:
                host = (urlsplit(root).hostname or "").lower()
                self._delay[host] = min(float(delay), self.policy.max_crawl_delay)
        return parser
