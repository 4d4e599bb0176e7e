"""``gongkai check``: findings for all files in one array, exit 0/1/2 as the contract says."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from gongkai.model.keys import APPLICANT_COLUMNS, REQUEST_COLUMNS, Template

from ..synth.layouts import LAYOUTS
from ..synth.strategies import Case
from .helpers import clean_report, run

CONTRACT_ERRORS_001 = {"template.version", "dates.period", "dates.published"}


def test_seed_001_has_error_findings_and_exits_1(seed_paths: list[Path], findings_schema: dict[str, Any]) -> None:
    path = str(seed_paths[1])
    result = run("check", path, "--format", "json")
    assert result.exit_code == 1, result.stderr
    findings = json.loads(result.stdout)
    jsonschema.validate(findings, findings_schema)
    assert {f["file"] for f in findings} == {path}
    errors = {f["rule"] for f in findings if f["severity"] == "error"}
    assert errors >= CONTRACT_ERRORS_001
    assert result.stderr == ""


def test_a_clean_report_exits_0(tmp_path: Path, findings_schema: dict[str, Any]) -> None:
    path = clean_report(tmp_path)
    result = run("check", str(path), "--format", "json")
    assert result.exit_code == 0, result.stdout
    findings = json.loads(result.stdout)
    jsonschema.validate(findings, findings_schema)
    assert all(f["severity"] != "error" for f in findings)


def test_directory_gives_one_array_for_all_files(seeds_dir: Path, seed_paths: list[Path],
                                                 findings_schema: dict[str, Any]) -> None:
    result = run("check", str(seeds_dir), "--format", "json")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    jsonschema.validate(findings, findings_schema)
    assert {f["file"] for f in findings} == {str(p) for p in seed_paths}


def test_directory_without_report_files_exits_2(tmp_path: Path) -> None:
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    result = run("check", str(tmp_path))
    assert result.exit_code == 2
    assert str(tmp_path) in result.stderr
    assert "目录中没有报告文件" in result.stderr


def _bad_inputs(tmp_path: Path, corpus_dir: Path) -> dict[str, str]:
    """Inputs that cannot be read at all, each with the words its sentence must contain."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_bytes(b" \n\t\n")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (tmp_path / "noise.html").write_bytes(random.Random(1).randbytes(200_000).replace(b"<", b"\x00"))
    (tmp_path / "truncated.pdf").write_bytes((corpus_dir / "huaian-city-2024.pdf").read_bytes()[:4096])
    (tmp_path / "bad-utf16.txt").write_bytes(b"\xff\xfe" + b"\x00\xd8\x00\xd8a\x00")
    (tmp_path / "a-directory").mkdir()
    (tmp_path / "a-directory" / "readme.rst").write_text("not a report", encoding="utf-8")
    return {"empty.txt": "为空", "blank.md": "为空", "binary.txt": "二进制", "noise.html": "",
            "truncated.pdf": "", "bad-utf16.txt": "", "a-directory": "目录中没有报告文件"}


def test_bad_inputs_exit_2_named_on_stderr_and_good_files_still_reported(
    tmp_path: Path, corpus_dir: Path, seed_paths: list[Path], findings_schema: dict[str, Any]
) -> None:
    bad = _bad_inputs(tmp_path, corpus_dir)
    good = [str(seed_paths[1]), str(clean_report(tmp_path))]
    args = [good[0], *(str(tmp_path / name) for name in bad), good[1]]
    result = run("check", *args, "--format", "json")
    assert result.exit_code == 2
    findings = json.loads(result.stdout)  # stdout is exactly the JSON array: no progress bar, no messages
    jsonschema.validate(findings, findings_schema)
    assert {f["file"] for f in findings} <= set(good)
    assert good[0] in {f["file"] for f in findings}
    lines = [line for line in result.stderr.splitlines() if line.strip() and "读取" not in line[:4]]
    for name, words in bad.items():
        mine = [line for line in lines if line.startswith(str(tmp_path / name) + "：")]
        assert len(mine) == 1, (name, result.stderr)
        assert words in mine[0]
        assert mine[0].endswith("。")
    assert "Traceback" not in result.stderr


def test_size_cap_from_the_environment(tmp_path: Path, seed_paths: list[Path]) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(seed_paths[0].read_bytes() * 4)
    result = run("check", str(big), str(seed_paths[1]), "-f", "json", env={"GONGKAI_MAX_INPUT_BYTES": "20000"})
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{big}：文件大小")
    assert "超过上限" in result.stderr
    assert json.loads(result.stdout)  # 001 was still checked


@pytest.mark.slow
def test_noise_over_the_default_cap_is_refused(tmp_path: Path, seed_paths: list[Path]) -> None:
    noise = tmp_path / "noise.txt"
    with noise.open("wb") as fh:
        for _ in range(21):
            fh.write(os.urandom(1024 * 1024))
    result = run("check", str(noise), str(seed_paths[1]), "-f", "json")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{noise}：文件大小 21.0 MB 超过上限 20 MB（可用 GONGKAI_MAX_INPUT_BYTES 调整）")
    assert json.loads(result.stdout)


def test_table_output_groups_by_file_with_a_summary(seed_paths: list[Path]) -> None:
    result = run("check", str(seed_paths[1]), str(seed_paths[2]))
    assert result.exit_code == 1
    out = result.stdout
    assert out.index(str(seed_paths[1])) < out.index(str(seed_paths[2]))
    assert "template.version" in out and "错误" in out and "警告" in out
    assert out.strip().splitlines()[-1].startswith("共检查 2 个文件：错误 ")


def test_table_output_in_english(seed_paths: list[Path], tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("check", str(seed_paths[1]), str(empty), "--lang", "en")
    assert result.exit_code == 2
    assert "Checked 2 file(s):" in result.stdout
    assert "1 file(s) could not be read" in result.stdout
    assert result.stderr.strip() == f"{empty}: the file is empty."


def test_many_files_keep_stdout_pure_json(tmp_path: Path, findings_schema: dict[str, Any]) -> None:
    paths = [str(clean_report(tmp_path, f"r{i}.txt", seed=i)) for i in range(7)]  # > 5: progress bar on stderr
    result = run("check", *paths, "--format", "json")
    assert result.exit_code in (0, 1)
    jsonschema.validate(json.loads(result.stdout), findings_schema)


def test_consecutive_years_are_checked_together(tmp_path: Path) -> None:
    """crossyear.carry needs both reports: carried_over(2023) must equal carried_forward(2022)."""
    paths = []
    for year in (2022, 2023):
        report = Case(5, Template.V2021, year, "county_department", True, 1).build()
        report.agency = "繁峙县教育局"
        report.meta["synth"]["title"] = [report.agency, f"{year}年政府信息公开工作年度报告"]
        if year == 2023:
            for column in APPLICANT_COLUMNS:
                report.set_cell(f"requests.carried_over.{column}", 1)
                report.set_cell(f"requests.received.{column}", 0)
            report.set_cell("requests.carried_over.total", 6)
            report.set_cell("requests.received.total", 0)
            for column in REQUEST_COLUMNS:
                report.set_cell(f"requests.total.{column}", 0)
                report.set_cell(f"requests.carried_forward.{column}", 0)
                for row in report.tables["requests"] or {}:
                    if row not in ("received", "carried_over", "total", "carried_forward"):
                        report.set_cell(f"requests.{row}.{column}", 0)
                report.set_cell(f"requests.total.{column}", report.cell(f"requests.carried_over.{column}"))
        path = tmp_path / f"{year}.txt"
        path.write_bytes(LAYOUTS["tabs"](report, random.Random(1)).data)
        paths.append(str(path))
    together = json.loads(run("check", *paths, "-f", "json").stdout)
    alone = json.loads(run("check", paths[1], "-f", "json").stdout)
    assert any(f["rule"] == "crossyear.carry" and f["file"] == paths[1] for f in together)
    assert not any(f["rule"] == "crossyear.carry" for f in alone)


def test_unexpected_error_is_one_sentence_unless_debugging(monkeypatch: pytest.MonkeyPatch,
                                                          seed_paths: list[Path]) -> None:
    from gongkai import api

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("rule engine exploded")

    monkeypatch.setattr(api, "check", boom)
    result = run("check", str(seed_paths[0]))
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "gongkai 意外出错（RuntimeError: rule engine exploded），设置 GONGKAI_DEBUG=1 可查看详细信息。")
    debug = run("check", str(seed_paths[0]), env={"GONGKAI_DEBUG": "1"})
    assert isinstance(debug.exception, RuntimeError)


def test_what_the_reader_could_not_settle_is_not_the_agencys_error(findings_schema: dict[str, Any]) -> None:
    """Pingtan's ``行政规范性文件77132470`` splits several ways: a reading problem, exit 0."""
    path = str(Path(__file__).parents[1] / "data" / "corpus" / "pingtan-2023.txt")
    result = run("check", path, "--format", "json")
    assert result.exit_code == 0, result.stdout
    findings = json.loads(result.stdout)
    jsonschema.validate(findings, findings_schema)
    assert [(f["rule"], f["severity"], f["kind"], f["where"]) for f in findings] == [
        ("structure.cells", "warning", "reading", "active"),
        ("text.quality", "info", "report", "section.1"),  # "尽公开,持续推进": an ASCII comma, as printed
    ]
    assert findings[0]["message"].startswith("未能可靠读取第二部分") and findings[0]["message"].endswith("请核对原文")
    table = run("check", path)
    assert "读取问题" in table.stdout and "错误 0 项" in table.stdout and "读取问题 1 项（请核对原文）" in table.stdout


def test_a_pdf_whose_text_was_not_read_is_not_audited_and_exits_2(monkeypatch: pytest.MonkeyPatch,
                                                                   findings_schema: dict[str, Any]) -> None:
    """A scan without the OCR extra: before, six sections and two dates 'missing', 6 errors, exit 1."""
    from gongkai.readers import ocr

    ocr._engine.cache_clear()
    monkeypatch.setitem(__import__("sys").modules, "rapidocr_onnxruntime", None)  # the extra not installed
    path = str(Path(__file__).parents[1] / "data" / "pdf" / "scanned.pdf")
    result = run("check", path, "--format", "json")
    ocr._engine.cache_clear()
    assert result.exit_code == 2
    findings = json.loads(result.stdout)
    jsonschema.validate(findings, findings_schema)
    assert [(f["rule"], f["severity"], f["kind"], f["message"]) for f in findings] == [(
        "structure.text", "warning", "reading", "未能读取本文件的正文：扫描件，需要 OCR（PDF 没有文字层）。各项内容均未审核，请核对原文")]
