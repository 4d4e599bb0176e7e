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
