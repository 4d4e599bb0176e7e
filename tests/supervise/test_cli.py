"""``gongkai supervise review``: the issue's JSON shape, the files it writes, exit statuses, bad input."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import openpyxl

from tests.cli.helpers import clean_report, run

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "gongkai" / "sample_reports"
REGISTRY = SAMPLES / "sample_registry.csv"


def test_json_shape_on_the_sample_reports() -> None:
    result = run("supervise", "review", str(SAMPLES), "--registry", str(REGISTRY), "--year", "2023", "--format", "json")
    assert result.exit_code == 1, result.output  # agencies are missing
    data = json.loads(result.stdout)
    assert list(data) == ["year", "agencies", "unmatched", "totals", "copied"]
    assert data["year"] == 2023
    agency = data["agencies"][2]
    assert list(agency) == ["name", "kind", "status", "files", "errors", "warnings", "reading"]
    assert (agency["name"], agency["kind"], agency["status"]) == ("繁峙县平型关镇人民政府", "乡镇街道", "submitted")
    assert [a["status"] for a in data["agencies"]] == ["missing", "missing", "submitted", "submitted", "missing", "missing"]
    assert all(list(u) == ["file", "agency", "year", "reason"] for u in data["unmatched"])
    assert len(data["unmatched"]) == 6
    assert "requests.received.total" in data["totals"] and all(
        v is None or isinstance(v, int | float) for v in data["totals"].values())
    assert data["copied"] == []
    assert result.stderr.strip() == ""  # the progress bar leaves nothing behind


def test_zip_input_table_output_and_files_written(tmp_path: Path) -> None:
    archive = tmp_path / "reports.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for p in sorted(SAMPLES.glob("00*.txt")):
            zf.write(p, f"报告/{p.name}")
    out_docx, out_xlsx = tmp_path / "通报.docx", tmp_path / "状态.xlsx"
    result = run("supervise", "review", str(archive), "--registry", str(REGISTRY), "--year", "2023",
                 "--docx", str(out_docx), "--xlsx", str(out_xlsx), "--issuer", "忻州市政务公开办公室")
    assert result.exit_code == 1, result.output
    assert "已提交 2/6，其中逾期 0；未提交 4" in result.stdout
    document = docx.Document(io.BytesIO(out_docx.read_bytes()))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "关于忻州市2023年度政府信息公开工作年度报告检查情况的通报"
    assert "忻州市政务公开办公室" in texts
    assert openpyxl.load_workbook(out_xlsx).sheetnames == ["状态", "汇总"]


def test_clean_region_exits_zero(tmp_path: Path) -> None:
    report = clean_report(tmp_path)
    registry = tmp_path / "r.csv"
    registry.write_text("机关名称,类别\n汝阳县行政审批服务管理局,部门\n", "utf-8")
    result = run("supervise", "review", str(report), "--registry", str(registry), "--year", "2023", "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["agencies"][0]["status"] == "submitted"


def test_bad_registry_is_one_sentence(tmp_path: Path) -> None:
    registry = tmp_path / "r.csv"
    registry.write_text("机关名称,类别\n甲局,局\n", "utf-8")
    result = run("supervise", "review", str(SAMPLES), "--registry", str(registry), "--year", "2023")
    assert result.exit_code == 2
    assert result.stderr == (f"{registry}：机关名录有 1 处问题，未导入：第 2 行：类别“局”无法识别"
                             "（应为 政府、部门、乡镇街道 或 其他）。\n")


def test_missing_options_and_inputs(tmp_path: Path) -> None:
    no_year = run("supervise", "review", str(SAMPLES), "--registry", str(REGISTRY))
    assert (no_year.exit_code, no_year.stderr) == (2, "请用 --year 指定审查的报告年度。\n")
    no_registry = run("supervise", "review", str(SAMPLES), "--year", "2023")
    assert (no_registry.exit_code, no_registry.stderr) == (2, "请用 --registry 指定机关名录文件（xlsx 或 csv）。\n")
    bad_year = run("supervise", "review", str(SAMPLES), "--registry", str(REGISTRY), "--year", "1999")
    assert bad_year.exit_code == 2 and bad_year.stderr.startswith("--year 应为 2008 到")
    nothing = run("supervise", "review", "--registry", str(REGISTRY), "--year", "2023")
    assert nothing.exit_code == 2 and "请给出报告文件" in nothing.stderr


def test_unreadable_input_exit_two_others_still_reviewed(tmp_path: Path) -> None:
    bad = tmp_path / "坏文件.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    result = run("supervise", "review", str(bad), str(SAMPLES / "000_11de511653868c0f.txt"), "--registry",
                 str(REGISTRY), "--year", "2023", "-f", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["agencies"][2]["status"] == "submitted"
    assert data["unmatched"][0]["file"] == str(bad) and data["unmatched"][0]["reason"].startswith("无法读取：")
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{bad}：") and "Traceback" not in result.stderr


def test_url_list_fetched_politely(tmp_path: Path) -> None:
    from tests.supervise.loopback import Handler, serve

    with serve() as base:
        listing = tmp_path / "网址.txt"
        listing.write_text(f"# 2023 年报\n{base}/report.txt\n{base}/again.txt\n{base}/missing.html\n", "utf-8")
        result = run("supervise", "review", "--urls", str(listing), "--registry", str(REGISTRY), "--year", "2023",
                     "-f", "json")
        log = list(Handler.log)
    assert result.exit_code == 2  # one URL could not be fetched
    data = json.loads(result.stdout)
    assert data["agencies"][2]["files"] == [f"{base}/report.txt"]  # again.txt: same bytes, one submission
    assert result.stderr.splitlines() == [f"{base}/missing.html：网页不存在（HTTP 404）。"]
    assert log == ["/robots.txt", "/report.txt", "/again.txt", "/missing.html"]


def test_registry_check_prints_the_tree_with_deadlines(tmp_path: Path) -> None:
    result = run("supervise", "registry", str(REGISTRY), "--year", "2023")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "sample_registry.csv：6 个机关（政府 1，部门 1，乡镇街道 4）"
    assert "忻州市人民政府（政府，2023 年度报告期限 2024-03-31）" in lines[1]
    assert "忻州市财政局（部门，2023 年度报告期限 2024-01-31）" in lines[2]
    bad = tmp_path / "r.csv"
    bad.write_text("机关名称,类别\n甲局,局\n", "utf-8")
    refused = run("supervise", "registry", str(bad))
    assert refused.exit_code == 2 and refused.stderr.startswith(f"{bad}：机关名录有 1 处问题")
