"""``gongkai new``, ``render`` and ``convert`` through Typer, on an app of their own."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from gongkai.cli import documents
from gongkai.model.keys import Template
from gongkai.writers.base import render

from .samples import sample

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    documents.register(app)

    @app.callback()
    def _root() -> None:  # keep sub-commands as sub-commands with a single-module app
        """test app"""

    return app


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_new_writes_a_skeleton_file_and_refuses_to_overwrite(app: typer.Typer, runner: CliRunner,
                                                              tmp_path: Path) -> None:
    target = tmp_path / "report.yaml"
    result = runner.invoke(app, ["new", "--agency", "繁峙县平型关镇人民政府", "--year", "2024", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").count("schema: gongkai/source@1") == 1
    again = runner.invoke(app, ["new", "--agency", "某局", "--year", "2024", "-o", str(target)])
    assert again.exit_code == 2
    assert "文件已存在" in again.output
    assert "繁峙县" in target.read_text(encoding="utf-8")


def test_new_to_stdout(app: typer.Typer, runner: CliRunner) -> None:
    result = runner.invoke(app, ["new", "--agency", "某局", "--year", "2020"])
    assert result.exit_code == 0
    assert 'template: "2019"' in result.stdout


def test_render_each_format_next_to_the_source(app: typer.Typer, runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "r.yaml"
    src.write_bytes(render(sample(Template.V2021), "yaml"))
    for fmt, magic in (("md", b"# "), ("html", b"<!DOCTYPE html>"), ("docx", b"PK")):
        result = runner.invoke(app, ["render", str(src), "--to", fmt])
        assert result.exit_code == 0, result.output
        out = src.with_suffix(".md" if fmt == "md" else f".{fmt}")
        assert out.read_bytes().startswith(magic)
        assert f"已生成 {out}" in result.output


def test_render_refuses_unbalanced_with_exit_1_and_force_overrides(app: typer.Typer, runner: CliRunner,
                                                                    tmp_path: Path) -> None:
    report = sample(Template.V2021)
    report.set_cell("appeals.review.total", 999)
    src = tmp_path / "bad.yaml"
    src.write_bytes(render(report, "yaml"))
    refused = runner.invoke(app, ["render", str(src), "--to", "html", "-o", str(tmp_path / "bad.html")])
    assert refused.exit_code == 1
    assert refused.output.startswith(f"{src}：报告的数字不平衡，拒绝生成")
    assert "appeals.review.total" in refused.output
    assert not (tmp_path / "bad.html").exists()
    forced = runner.invoke(app, ["render", str(src), "--to", "html", "-o", str(tmp_path / "bad.html"), "--force"])
    assert forced.exit_code == 0
    assert "999" in (tmp_path / "bad.html").read_text(encoding="utf-8")


def test_unreadable_input_is_exit_2_with_one_sentence(app: typer.Typer, runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = runner.invoke(app, ["render", str(missing), "--to", "md"])
    assert result.exit_code == 2
    assert result.output.strip() == f"{missing}：文件不存在。"
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema: gongkai/source@1\nyear: [\n", encoding="utf-8")
    result = runner.invoke(app, ["convert", str(broken), "--to", "docx"])
    assert result.exit_code == 2
    assert result.output.startswith(f"{broken}：YAML 格式错误")


def test_convert_a_published_report_into_editable_source(app: typer.Typer, runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "shanghai.yaml"
    result = runner.invoke(app, ["convert", str(CORPUS / "shanghai-office-2019.html"), "--to", "yaml", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert 'agency: "上海市人民政府办公厅"' in text
    assert 'template: "2019"' in text
    assert "received: {natural_person: 821, enterprise: 35, research: null," in text
    assert "procurement: {items: 6, amount: 251000}" in text


def test_convert_to_stdout_and_refuses_to_overwrite_input(app: typer.Typer, runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "r.md"
    src.write_bytes(render(sample(Template.V2019), "md"))
    result = runner.invoke(app, ["convert", str(src), "--to", "html", "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>")
    same = runner.invoke(app, ["convert", str(src), "--to", "md"])
    assert same.exit_code == 2
    assert "输出文件会覆盖输入文件" in same.output
