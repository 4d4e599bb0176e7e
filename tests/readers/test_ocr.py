"""Scanned PDFs read by OCR (the optional ``ocr`` extra), and the clear problem without it.

The tests that run the engine skip only when the extra is not installed; CI installs it. They
read through ``PdfReader`` directly: the per-read time budget of ``api.read`` is a deployment
setting, and OCR on a loaded test machine can take a minute.
"""

from __future__ import annotations

import json
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from gongkai.model.template import TEMPLATES
from gongkai.readers import ocr
from gongkai.readers.formats.pdf import PdfReader
from gongkai.readers.pdf_layout import Char

DATA = Path(__file__).parent.parent / "data" / "pdf"
SCAN = DATA / "scan-lo-2021.pdf"


@pytest.fixture
def without_extra(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    ocr._engine.cache_clear()
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # as if not installed: import fails
    yield
    ocr._engine.cache_clear()


@pytest.mark.usefixtures("without_extra")
def test_without_the_extra_a_scan_is_one_clear_problem() -> None:
    assert ocr.available() is False
    report = PdfReader().read(SCAN.read_bytes(), str(SCAN))
    assert [(p.code, p.message) for p in report.problems] == [("scanned_pdf", "扫描件，需要 OCR（PDF 没有文字层）")]
    assert report.tables == {"active": None, "requests": None, "appeals": None}


def _c(text: str, x0: float) -> Char:
    return Char(text, x0, 0, x0 + 5, 10)


def test_a_number_with_an_unsure_digit_is_unsure_whole() -> None:
    chars = [_c("3", 0), _c(ocr.UNSURE, 5), _c("7", 40), _c("1", 45)]
    assert [c.text for c in ocr._unsure_numbers(chars)] == ["?", "?", "7", "1"]


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("OCR tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.usefixtures("no_network")
def test_scan_read_offline_never_a_wrong_value() -> None:
    pytest.importorskip("rapidocr_onnxruntime", reason="需要可选组件 gongkai[ocr]（pip install 'gongkai[ocr]'）")
    ocr._engine.cache_clear()
    report = PdfReader().read(SCAN.read_bytes(), str(SCAN))
    expected = json.loads((DATA / "lo-2021.expected.json").read_text(encoding="utf-8"))
    assert (report.agency, report.year, str(report.template)) == (expected["agency"], expected["year"], "2021")
    want = {f"{t}.{r}.{c}": v for t, rows in expected["tables"].items() for r, cols in rows.items()
            for c, v in cols.items()}
    got = report.cells()
    wrong = {k: (v, got[k]) for k, v in want.items() if got.get(k) is not None and str(got[k]) != str(v)}
    assert wrong == {}
    unread = [k for k in TEMPLATES[report.template].cell_keys() if got.get(k) is None]  # type: ignore[index]
    assert len(unread) <= len(want) * 0.05
    for key in unread:  # each one said, as the reader's problem
        assert any(p.where and (key == p.where or key.startswith(p.where + ".")) for p in report.problems), key
    assert any(p.code == "ocr_read" and p.detail["pages"] == [1, 2, 3, 4] for p in report.problems)
    assert not any(p.code == "blank_cell" for p in report.problems)  # OCR blanks are not the report's
