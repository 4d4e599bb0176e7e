"""The URL fetcher against a loopback server: robots, pacing, GBK, 404, redirect loop, size, retries."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from gongkai.api import read
from gongkai.errors import TooLarge
from gongkai.readers.fetch import Fetcher, FetchError, FetchPolicy
from gongkai.supervise.collect import Origin, collect_urls
from tests.supervise.loopback import Handler, serve


class FakeTime:
    """A clock that moves only when the fetcher sleeps: pacing is checked without waiting."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


@pytest.fixture
def base() -> Iterator[str]:
    with serve() as url:
        yield url


def _fetcher(t: FakeTime, **policy: object) -> Fetcher:
    return Fetcher(FetchPolicy(**policy), clock=t.clock, sleep=t.sleep)  # type: ignore[arg-type]


def test_gbk_page_is_read_with_its_encoding(base: str) -> None:
    t = FakeTime()
    page = _fetcher(t).fetch(base + "/gbk.html")
    assert (page.content_type, page.encoding) == ("text/html", "gb18030")
    report = read("gbk.html", data=page.data)
    assert report.agency == "上海市人民政府办公厅" and report.year == 2019


def test_robots_txt_is_obeyed_and_fetched_once(base: str) -> None:
    t = FakeTime()
    f = _fetcher(t)
    with pytest.raises(FetchError, match=r"robots\.txt 不允许"):
        f.fetch(base + "/private/report.html")
    f.fetch(base + "/report.txt")
    assert Handler.log == ["/robots.txt", "/report.txt"]
    assert "/private/report.html" not in Handler.hits


def test_one_request_per_interval_per_host(base: str) -> None:
    t = FakeTime()
    f = _fetcher(t, min_interval=2.0)
    f.fetch(base + "/report.txt")
    f.fetch(base + "/gbk.html")
    # robots.txt, then each page two seconds after the request before it (the clock moves only in sleep)
    assert t.sleeps == [2.0, 2.0]
    other_host = base.replace("127.0.0.1", "localhost")
    f.fetch(other_host + "/report.txt")  # another host: its own robots.txt, no wait for the first
    assert t.sleeps == [2.0, 2.0, 2.0]


def test_crawl_delay_in_robots_txt_is_obeyed(base: str) -> None:
    Handler.robots = b"User-agent: *\nCrawl-delay: 5\n"
    t = FakeTime()
    f = _fetcher(t, min_interval=1.0)
    f.fetch(base + "/report.txt")
    f.fetch(base + "/gbk.html")
    assert t.sleeps == [5.0, 5.0]


def test_not_found(base: str) -> None:
    with pytest.raises(FetchError) as info:
        _fetcher(FakeTime()).fetch(base + "/nothing.html")
    assert str(info.value) == f"{base}/nothing.html：网页不存在（HTTP 404）"


def test_redirect_loop_is_named(base: str) -> None:
    with pytest.raises(FetchError, match="重定向循环"):
        _fetcher(FakeTime()).fetch(base + "/loop1")
    page = _fetcher(FakeTime()).fetch(base + "/moved")
    assert page.url == base + "/report.txt"


def test_oversized_file_refused_declared_or_streamed(base: str) -> None:
    with pytest.raises(TooLarge, match="超过上限"):
        _fetcher(FakeTime(), max_bytes=1000).fetch(base + "/big.pdf")
    with pytest.raises(TooLarge, match="已停止下载"):
        _fetcher(FakeTime(), max_bytes=1000).fetch(base + "/big-chunked")


def test_wrong_type_refused(base: str) -> None:
    with pytest.raises(FetchError, match="内容类型 image/png 不是报告文档"):
        _fetcher(FakeTime()).fetch(base + "/photo.png")


def test_retries_with_backoff_and_retry_after(base: str) -> None:
    t = FakeTime()
    page = _fetcher(t, min_interval=0.0, backoff=1.5).fetch(base + "/flaky")
    assert Handler.hits["/flaky"] == 3
    assert t.sleeps == [2.0, 3.0]  # Retry-After: 2, then backoff 1.5 × 2
    assert read("flaky.txt", data=page.data).agency == "白家庄镇人民政府"


def test_gives_up_after_retries(base: str) -> None:
    Handler.hits["/flaky"] = -10
    with pytest.raises(FetchError, match="HTTP 503"):
        _fetcher(FakeTime(), retries=1).fetch(base + "/flaky")


def test_not_http() -> None:
    with pytest.raises(FetchError, match="不是有效的 http/https 网址"):
        _fetcher(FakeTime()).fetch("ftp://example.org/a.pdf")


def test_collect_urls_records_origin_and_merges_duplicates(base: str) -> None:
    t = FakeTime()
    urls = [base + "/report.txt", base + "/again.txt", base + "/nothing.html", "", "# a comment"]
    got = collect_urls(urls, by="督查员", fetcher=_fetcher(t))
    assert [(i.name, i.origin, i.collected_by, i.url) for i in got.items] == [
        (base + "/report.txt", Origin.URL, "督查员", base + "/report.txt")]
    assert [(d.name, d.same_as) for d in got.duplicates] == [(base + "/again.txt", base + "/report.txt")]
    assert [(e.source, e.message) for e in got.errors] == [(base + "/nothing.html", "网页不存在（HTTP 404）")]
