"""PDF: LibreOffice prints the DOCX with the CJK faces embedded; checked with poppler's tools."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from gongkai.errors import RenderError
from gongkai.model.keys import Template
from gongkai.writers.base import render
from gongkai.writers.office import find_soffice

from .samples import sample

needs_tools = pytest.mark.skipif(
    find_soffice() is None or shutil.which("pdftoppm") is None,
    reason="needs LibreOffice and poppler-utils (scripts/setup.sh installs them)",
)


@pytest.fixture(scope="module")
def pdf_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if find_soffice() is None or shutil.which("pdftoppm") is None:
        pytest.skip("needs LibreOffice and poppler-utils (scripts/setup.sh installs them)")
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    path.write_bytes(render(sample(Template.V2021), "pdf"))
    return path


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, check=True, text=True).stdout


@needs_tools
def test_pages_are_a4(pdf_file: Path) -> None:
    info = _run("pdfinfo", str(pdf_file))
    size = next(line for line in info.splitlines() if line.startswith("Page size:"))
    assert size.endswith("pts (A4)"), size
    assert int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1]) >= 3


@needs_tools
def test_cjk_fonts_are_embedded(pdf_file: Path) -> None:
    rows = _run("pdffonts", str(pdf_file)).splitlines()[2:]
    cjk = [r for r in rows if "CJK" in r.split()[0]]
    assert cjk, rows
    assert all(r.split()[-5] == "yes" for r in cjk)  # the "emb" column


@needs_tools
def test_text_layer_holds_the_chinese_title_and_numbers(pdf_file: Path) -> None:
    text = _run("pdftotext", "-layout", str(pdf_file), "-")
    assert "繁峙县平型关镇人民政府" in text
    assert "政府信息公开工作年度报告" in text
    assert "（本列数据的勾稽关系为" in text
    assert "447228" in text and "96171.6" in text
    assert "— 1 —" in text.replace("—1—", "— 1 —")


@needs_tools
def test_rasterized_title_has_ink(pdf_file: Path, tmp_path: Path) -> None:
    """The title area of page 1 is drawn (glyphs, not an empty box) and the margins are blank."""
    _run("pdftoppm", "-r", "30", "-gray", "-f", "1", "-l", "1", str(pdf_file), str(tmp_path / "page"))
    pgm = next(tmp_path.glob("page*.pgm")).read_bytes()
    parts = pgm.split(b"\n", 3)
    width, height = map(int, parts[1].split())
    pixels = parts[3]
    assert len(pixels) == width * height

    def ink(top_mm: float, bottom_mm: float, left_mm: float, right_mm: float) -> int:
        rows = range(int(top_mm / 297 * height), int(bottom_mm / 297 * height))
        cols = range(int(left_mm / 210 * width), int(right_mm / 210 * width))
        return sum(1 for y in rows for x in cols if pixels[y * width + x] < 128)

    assert ink(37, 60, 28, 184) > 40  # the two title lines
    assert ink(0, 30, 0, 210) == 0  # the top margin


def test_missing_libreoffice_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GONGKAI_SOFFICE", "/nonexistent/soffice")
    with pytest.raises(RenderError, match="需要安装 LibreOffice"):
        render(sample(Template.V2021), "pdf")


def test_failing_libreoffice_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho 'source file could not be loaded' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("GONGKAI_SOFFICE", str(fake))
    with pytest.raises(RenderError, match="LibreOffice 转换失败（source file could not be loaded）"):
        render(sample(Template.V2021), "pdf")


@needs_tools
def test_punctuation_at_every_line_end_position_survives_into_the_pdf() -> None:
    """LibreOffice dropped a "，" falling at the end of a full line; try every position."""
    tail = "政务公开长效机制有待进一步完善"
    paragraphs = [("甲乙丙丁戊己庚辛壬癸" * 4)[:k] + "，" + tail + "。" for k in range(20, 34)]
    report = sample(Template.V2021)
    section = report.section(6)
    assert section is not None
    section.text = "\n".join(paragraphs)
    pdf = render(report, "pdf")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert text.replace("\n", "").count("，" + tail) == len(paragraphs)
