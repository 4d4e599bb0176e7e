"""Files that are not plain reports, through ``gongkai parse``: one sentence on one line each, the
other files still read, and nothing waits forever or fills memory."""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import pytest

from gongkai import api
from gongkai.readers.select import load_bytes

from .helpers import json_lines, run

SEED_NAME = "000_11de511653868c0f.txt"


@pytest.fixture
def seed(seed_paths: list[Path]) -> Path:
    return next(p for p in seed_paths if p.name == SEED_NAME)


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_refused_at_once(tmp_path: Path, seed: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = run("parse", "-f", "json", str(fifo), str(seed))  # would block forever if opened for reading
    assert result.exit_code == 2
    assert _error_lines(result.stderr) == [f"{fifo}：这是命名管道（FIFO），不是普通文件，无法作为报告读取。"]
    assert len(json_lines(result.stdout)) == 1


def test_a_directory_given_to_the_api_is_one_sentence(tmp_path: Path) -> None:
    """The CLI expands folders; a program calling ``api.read`` on one gets the reader's own error."""
    from gongkai import api
    from gongkai.errors import Unreadable

    with pytest.raises(Unreadable) as caught:
        api.read(tmp_path)
    assert str(caught.value) == f"{tmp_path}：这是一个目录，不是报告文件"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_device_is_refused_without_reading_it() -> None:
    result = run("parse", "/dev/zero")
    assert result.exit_code == 2
    assert _error_lines(result.stderr) == ["/dev/zero：这是设备文件，不是普通文件，无法作为报告读取。"]


def test_symlink_loop_is_named(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    result = run("parse", str(a))
    assert result.exit_code == 2
    assert _error_lines(result.stderr) == [f"{a}：符号链接形成循环（或层级过多），找不到实际文件。"]


def test_dangling_symlink_is_named(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing.txt")
    result = run("parse", str(link))
    assert _error_lines(result.stderr) == [f"{link}：符号链接指向的文件不存在。"]


def test_cap_holds_even_when_the_size_lies(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2048)
    with pytest.raises(Exception) as excinfo:
        load_bytes(path, 1024)
    assert "超过上限" in str(excinfo.value)
    assert load_bytes(path, 4096) == b"x" * 2048


def test_one_bad_byte_is_replaced_and_located(tmp_path: Path, seed: Path) -> None:
    data = seed.read_bytes()
    at = data.index("二、".encode())
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(data[: at + 1] + b"\xff" + data[at + 1:])
    line = data[:at].count(b"\n") + 1
    clean, report = api.read(seed), api.read(damaged)
    assert report.tables == clean.tables
    (problem,) = [p for p in report.problems if p.code == "bad_bytes"]
    assert problem.message == (f"文件有 1 处字节不是有效的 UTF-8 编码（第 {line} 行第 {at} 字节），"
                               "已替换为“�”后读取，请核对原文")
    assert problem.detail["places"] == [[at, line]] and problem.detail["truncated"] is False


def test_a_file_cut_inside_a_character_is_read(tmp_path: Path, seed: Path) -> None:
    data = seed.read_bytes().rstrip()
    cut = tmp_path / "cut.txt"
    cut.write_bytes(data[:-1])  # the last character is Chinese: three bytes, one removed
    report = api.read(cut)
    (problem,) = [p for p in report.problems if p.code == "bad_bytes"]
    assert problem.detail["truncated"] is True
    assert "文件末尾的字符不完整，可能被截断" in problem.message
    assert report.tables == api.read(seed).tables


def test_many_bad_bytes_are_not_read_as_utf8(tmp_path: Path) -> None:
    noise = tmp_path / "latin.txt"
    noise.write_bytes(bytes(range(0x80, 0x100)) * 40 + "二、主动公开".encode())
    result = run("parse", "-f", "json", str(noise))
    assert "bad_bytes" not in result.stdout  # not passed off as UTF-8 with thousands of replacements


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_text(tmp_path: Path, seed: Path, encoding: str) -> None:
    wide = tmp_path / f"{encoding}.txt"
    wide.write_bytes(seed.read_text(encoding="utf-8").encode(encoding))
    report = api.read(wide)
    clean = api.read(seed)
    assert report.tables == clean.tables and report.agency == clean.agency
    assert not [p for p in report.problems if p.code == "bad_bytes"]


def test_docx_error_with_a_line_break_is_one_line(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/../\n../evil.xml", "<x/>")
    bad = tmp_path / "evil.docx"
    bad.write_bytes(buffer.getvalue())
    result = run("parse", str(bad))
    assert result.exit_code == 2
    lines = _error_lines(result.stderr)
    assert lines == [f"{bad}：压缩包内含有不安全的路径：word/../\\n../evil.xml."]


def test_slow_file_times_out_and_the_batch_goes_on(tmp_path: Path, seed: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    slow = tmp_path / "slow.txt"
    slow.write_bytes(seed.read_bytes())
    original = api.read_bytes

    def reader(data: bytes, path: str, readers: object) -> object:
        if path == str(slow):
            end = time.monotonic() + 60
            while time.monotonic() < end:
                sum(range(1000))
        return original(data, path, readers)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "read_bytes", reader)
    result = run("parse", "-f", "json", str(slow), str(seed), env={"GONGKAI_READ_TIMEOUT": "0.3"})
    assert result.exit_code == 2
    assert _error_lines(result.stderr) == [
        f"{slow}：读取超过 0.3 秒仍未完成，已停止（文件可能异常；可用 GONGKAI_READ_TIMEOUT 调整时限）。"]
    (report,) = json_lines(result.stdout)
    assert report["source"]["path"] == str(seed)


def test_every_error_is_one_line() -> None:
    from gongkai.errors import Unreadable

    error = Unreadable("第一行\n第二行", path="名字\n带换行.docx", message_en="first\r\nsecond")
    assert str(error) == "名字 带换行.docx：第一行 第二行"
    assert error.message_en == "first second"
    assert error.path == "名字\n带换行.docx"  # the path itself is kept exactly


def test_a_reader_that_goes_away_stops_the_output_quietly(tmp_path: Path, seed: Path) -> None:
    """``gongkai parse DIR -f json | head``: no error sentence, the status a shell gives SIGPIPE."""
    import shutil
    import subprocess
    import sys

    for i in range(40):
        shutil.copy(seed, tmp_path / f"r{i:02d}.txt")
    proc = subprocess.Popen([sys.executable, "-m", "gongkai", "parse", "-f", "json", str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(100).startswith(b"{")
    proc.stdout.close()  # as `head` does once it has its lines
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=120) == 141
    assert err.strip() == b""  # (a progress bar that cannot draw off a terminal leaves one newline)
