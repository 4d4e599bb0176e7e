"""A county office's awkward cases: GBK file names, files that vanish, what exit status 1 means."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path

from gongkai.supervise.collect import Collection, Origin, _add_file, collect_paths
from gongkai.supervise.registry import load_registry
from gongkai.supervise.review import review_paths
from tests.cli.helpers import clean_report, run

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "gongkai" / "sample_reports"


def test_a_gbk_file_name_is_shown_in_chinese_and_the_json_is_utf8(tmp_path: Path) -> None:
    folder = tmp_path / "收到的报告"
    folder.mkdir()
    gbk_name = os.fsdecode("平型关镇年报.txt".encode("gb18030"))  # unzipped from a zip made on Chinese Windows
    shutil.copy(SAMPLES / "000_11de511653868c0f.txt", folder / gbk_name)
    registry = tmp_path / "r.csv"
    registry.write_text("机关名称,类别\n繁峙县平型关镇人民政府,乡镇街道\n", "utf-8")
    result = run("supervise", "review", str(folder), "--registry", str(registry), "--year", "2023", "-f", "json")
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout_bytes.decode("utf-8"))  # strict: no raw GBK bytes in the output
    assert data["agencies"][0]["files"] == [str(folder / "平型关镇年报.txt")]


def test_a_file_gone_before_it_is_read_is_one_chinese_sentence(tmp_path: Path) -> None:
    out = Collection()
    _add_file(out, tmp_path / "gone.txt", Origin.FOLDER, str(tmp_path), None)
    assert [(e.source, e.message) for e in out.errors] == [(str(tmp_path / "gone.txt"), "无法打开文件（文件已不存在）")]
    assert collect_paths([tmp_path / "nothing-here"]).errors[0].message == "文件或目录不存在"


def test_missing_counts_as_an_error_only_after_the_deadline(tmp_path: Path) -> None:
    report = clean_report(tmp_path)
    registry = tmp_path / "r.csv"
    registry.write_text("机关名称,类别,报告期限\n汝阳县行政审批服务管理局,部门,\n汝阳县教育局,部门,2月10日\n", "utf-8")
    result = review_paths([report], load_registry(registry), 2023)
    assert [(a.agency.name, a.status, a.errors) for a in result.agencies] == [
        ("汝阳县行政审批服务管理局", "submitted", 0), ("汝阳县教育局", "missing", 0)]
    assert result.in_error(date(2024, 2, 10)) == []  # the last day: not late yet
    assert [a.agency.name for a in result.in_error(date(2024, 2, 11))] == ["汝阳县教育局"]


def test_exit_status_one_for_a_missing_agency_past_its_deadline(tmp_path: Path) -> None:
    report = clean_report(tmp_path)
    registry = tmp_path / "r.csv"
    registry.write_text("机关名称,类别\n汝阳县行政审批服务管理局,部门\n汝阳县教育局,部门\n", "utf-8")
    result = run("supervise", "review", str(report), "--registry", str(registry), "--year", "2023", "-f", "json")
    assert result.exit_code == 1  # 2024-01-31 has passed: filing.late, an error
    assert [a["status"] for a in json.loads(result.stdout)["agencies"]] == ["submitted", "missing"]


def _board_lines(width: int) -> list[str]:
    import io

    from rich.console import Console

    from gongkai.cli.supervise_output import print_result

    registry = load_registry(SAMPLES / "sample_registry.csv")
    result = review_paths([SAMPLES / "000_11de511653868c0f.txt", SAMPLES / "001_9e58b98aa5ba2831.txt"], registry, 2023)
    buffer = io.StringIO()
    print_result(result, Console(file=buffer, width=width, color_system=None))
    return buffer.getvalue().splitlines()


def test_the_board_reads_in_an_80_column_terminal() -> None:
    from rich.cells import cell_len

    lines = _board_lines(80)
    assert max(cell_len(line) for line in lines) <= 80
    row = next(line for line in lines if line.startswith("│ 五台县白家庄"))
    assert [c.strip() for c in row.split("│")[1:-1]] == ["五台县白家庄", "已提交", "2024-01-31", "2019", "3/3/0", "5",
                                                          "001_9e58b98aa"]
    assert "窄屏省略了类别和发布日期；完整内容见 --format json 或 --xlsx" in [line.rstrip() for line in lines]
    wide = _board_lines(160)
    assert any("│ 五台县白家庄镇人民政府 │ 乡镇街道 │ 已提交 │ 2024-01-31 │ 2023-12-25 │" in line for line in wide)


def test_a_url_list_saved_as_gbk_is_read(tmp_path: Path) -> None:
    listing = tmp_path / "网址.txt"
    listing.write_bytes("# 县里的网址\nftp://例子/年报.txt\n".encode("gb18030"))
    result = run("supervise", "review", "--urls", str(listing), "--registry", str(SAMPLES / "sample_registry.csv"),
                 "--year", "2023", "-f", "json")
    assert result.exit_code == 2
    assert result.stderr == "ftp://例子/年报.txt：不是有效的 http/https 网址。\n"


def test_a_bulletin_that_cannot_be_written_is_one_chinese_sentence(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "通报.docx"
    result = run("supervise", "review", str(SAMPLES / "000_11de511653868c0f.txt"), "--registry",
                 str(SAMPLES / "sample_registry.csv"), "--year", "2023", "-f", "json", "--docx", str(target))
    assert result.exit_code == 2
    assert result.stderr == f"{target}：无法写入文件（所在目录不存在）。\n"
    folder = run("supervise", "review", str(SAMPLES / "000_11de511653868c0f.txt"), "--registry",
                 str(SAMPLES / "sample_registry.csv"), "--year", "2023", "-f", "json", "--xlsx", str(tmp_path))
    assert folder.stderr == f"{tmp_path}：无法写入文件（这是一个目录，请给出文件名）。\n"
