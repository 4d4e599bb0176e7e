"""The per-read time budget: a read that runs too long is stopped, in any thread, and nothing else is."""

from __future__ import annotations

import re
import signal
import threading
import time
from pathlib import Path

import pytest

from gongkai import api
from gongkai.readers import budget
from gongkai.readers.budget import ReadTimeout, time_budget
from gongkai.settings import Settings

#: Far longer than any budget below: a loop still running then means the budget failed.
SAFETY = 60.0


def _spin(swallow: bool = False) -> None:
    """Pure-Python work that never ends by itself; optionally swallowing every ``Exception``."""
    end = time.monotonic() + SAFETY
    while time.monotonic() < end:
        try:
            sum(range(1000))
        except Exception:
            if not swallow:
                raise
    raise AssertionError("the budget did not stop the loop")


def test_budget_stops_a_runaway_read_in_the_main_thread() -> None:
    with pytest.raises(ReadTimeout) as excinfo, time_budget(0.2, "slow.txt"):
        _spin()
    assert str(excinfo.value).startswith("slow.txt：读取超过 0.2 秒仍未完成，已停止")
    assert "\n" not in str(excinfo.value)


def test_budget_cannot_be_swallowed_by_except_exception() -> None:
    with pytest.raises(ReadTimeout), time_budget(0.2, "x"):
        _spin(swallow=True)


def test_budget_stops_a_catastrophic_regular_expression() -> None:
    if not budget._alarm_available():
        pytest.skip("the signal timer is in use or unavailable here")
    with pytest.raises(ReadTimeout), time_budget(0.2, "x"):
        re.search(r"(\s*)*x", " " * 5000 + "y")


def test_budget_works_in_another_thread() -> None:
    outcome: list[BaseException | None] = []

    def work() -> None:
        try:
            with time_budget(0.2, "threaded.txt"):
                _spin()
            outcome.append(None)
        except BaseException as exc:  # recorded for the assertion
            outcome.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(SAFETY + 5)
    assert len(outcome) == 1 and isinstance(outcome[0], ReadTimeout)


def test_fast_block_is_untouched_and_timer_restored() -> None:
    before = signal.getsignal(signal.SIGALRM)
    with time_budget(5, "fast.txt"):
        value = sum(range(100))
    assert value == 4950
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0) or not budget._alarm_available()
    time.sleep(0.01)  # nothing left pending to go off later


def test_watchdog_leaves_nothing_pending_after_a_fast_block() -> None:
    with budget._watchdog(0.05):
        pass
    time.sleep(0.2)  # past the deadline: a late interruption would surface here


def test_zero_means_no_limit() -> None:
    with time_budget(0, "x"):
        time.sleep(0.05)


def test_api_read_applies_the_setting(monkeypatch: pytest.MonkeyPatch, seed_paths: list[Path]) -> None:
    def slow(data: bytes, path: str, readers: object) -> object:
        _spin()
        return None

    monkeypatch.setattr(api, "read_bytes", slow)
    with pytest.raises(ReadTimeout) as excinfo:
        api.read(seed_paths[0], settings=Settings(read_timeout=0.2))
    assert excinfo.value.path == str(seed_paths[0])


@pytest.mark.parametrize("in_thread", [False, True])
def test_slow_work_a_reader_announces_lengthens_the_budget(in_thread: bool) -> None:
    """OCR of a scanned page is slow by nature: ``allow`` gives the read more time, once per page."""
    from gongkai.readers.budget import allow

    outcome: list[str] = []

    def work() -> None:
        try:
            with time_budget(0.3, "scan.pdf"):
                for _ in range(3):
                    allow(0.3)  # a page's worth
                    time.sleep(0.25)  # 0.75 s in all: over the first budget, within the lengthened one
            outcome.append("finished")
        except ReadTimeout:
            outcome.append("stopped")
        try:
            with time_budget(0.3, "text.txt"):
                time.sleep(0.2)
                time.sleep(0.4)  # no allowance: stopped
            outcome.append("finished")
        except ReadTimeout:
            outcome.append("stopped")

    if in_thread:
        t = threading.Thread(target=work)
        t.start()
        t.join()
    else:
        work()
    assert outcome == ["finished", "stopped"]
    allow(5)  # outside any read: nothing to lengthen, no error


def test_a_callers_own_alarm_handler_is_put_back() -> None:
    if not budget._alarm_available():
        pytest.skip("no SIGALRM timer to test: not POSIX, or another timer (a test runner's timeout) holds it; "
                    "the budget then uses the watchdog, tested above")
    seen: list[int] = []

    def mine(signum: int, _frame: object) -> None:
        seen.append(signum)

    before = signal.signal(signal.SIGALRM, mine)
    try:
        with time_budget(5, "fast.txt"):
            assert signal.getsignal(signal.SIGALRM) is not mine  # the budget's own handler meanwhile
        assert signal.getsignal(signal.SIGALRM) is mine
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, before)
    assert seen == []


def test_a_budget_that_runs_out_at_once_leaves_no_timer_behind() -> None:
    """However early the interruption lands (even before the block begins), the caller gets a
    ``ReadTimeout`` or nothing, and the timer and the handler are as they were."""
    before = signal.getsignal(signal.SIGALRM)
    for _ in range(200):
        try:
            with time_budget(1e-6, "x"):
                sum(range(2000))
        except ReadTimeout:
            pass
        assert signal.getsignal(signal.SIGALRM) == before
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0) or not budget._alarm_available()
    time.sleep(0.6)  # past the repeat interval: a timer left running would interrupt here
