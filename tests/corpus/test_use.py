"""Using a dataset: SQL, stats and its HTML page, copied text, exports — through the CLI as a researcher would."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gongkai import api
from gongkai.corpus.build import build
from gongkai.corpus.engines import make_engine
from gongkai.model.report import Report

from ..cli.helpers import run as cli

DATA = Path(__file__).parents[1] / "data"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("corpus")
    src = base / "src"
    src.mkdir()
    for p in sorted((DATA / "seeds").glob("*.txt")):
        shutil.copy(p, src / p.name)
    shutil.copy(DATA / "corpus" / "shanghai-office-2019.html", src / "shanghai-office-2019.html")
    # 002 copied by another township with small edits: the copied-text detector must find it.
    seed = (DATA / "seeds" / "002_fdae73c5d0e03e9f.txt").read_text(encoding="utf-8")
    copy = seed.replace("偃师区缙氏镇人民政府", "偃师区府店镇人民政府").replace("缙氏镇", "府店镇")
    (src / "copy-of-002.txt").write_text(copy.replace("进一步", "更进一步", 2), encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    out = base / "ds"
    build([str(src)], out, make_engine("local", workers=2), shard_size=3)
    return src, out


def test_query_formats(built: tuple[Path, Path]) -> None:
    _, out = built
    table = cli("corpus", "query", str(out), "SELECT year, count(*) AS n FROM reports GROUP BY year ORDER BY year")
    assert table.exit_code == 0 and "2019" in table.stdout and "4 行" in table.stdout
    result = cli("corpus", "query", str(out), "SELECT year, count(*) AS n FROM reports WHERE status = 'ok' "
                 "GROUP BY year ORDER BY year", "--format", "json")
    assert json.loads(result.stdout) == [{"year": 2019, "n": 1}, {"year": 2022, "n": 1}, {"year": 2023, "n": 5}]
    result = cli("corpus", "query", str(out), "SELECT key, value FROM cells c JOIN reports r USING (report_id) "
                 "WHERE r.path LIKE '%shanghai%' AND key = 'active.procurement.amount'", "--format", "csv")
    assert result.stdout.splitlines() == ["key,value", "active.procurement.amount,251000.0"]
    empty = cli("corpus", "query", str(out), "SELECT count(*) AS n FROM narrative_figures WHERE year = 1999",
                "--format", "json")
    assert json.loads(empty.stdout) == [{"n": 0}]


def test_a_bad_query_is_one_sentence_and_exit_2(built: tuple[Path, Path], tmp_path: Path) -> None:
    _, out = built
    bad = cli("corpus", "query", str(out), "SELEC nothing")
    assert bad.exit_code == 2 and bad.stdout == ""
    assert bad.stderr.startswith("查询无法执行：Parser Error") and bad.stderr.count("\n") == 1
    none = cli("corpus", "query", str(tmp_path), "SELECT 1")
    assert none.exit_code == 2 and "这里没有语料库数据集" in none.stderr


def test_stats_tables_and_html_page(built: tuple[Path, Path], tmp_path: Path) -> None:
    _, out = built
    page = tmp_path / "stats.html"
    result = cli("corpus", "stats", str(out), "--html", str(page))
    assert result.exit_code == 0
    for title in ("文件 · files", "格式 · formats", "年度 · years", "模板 · templates", "读取时记录的问题 · problems recorded by the reader",
                  "审核发现 · findings"):
        assert title in result.stdout
    text = page.read_text(encoding="utf-8")
    assert text.count("<svg") == 3 and "各年度报告数" in text and "共 8 个文件" in text


def test_copied_text_between_agencies_is_found_and_independent_reports_are_not(built: tuple[Path, Path]) -> None:
    _, out = built
    result = cli("corpus", "similar", str(out), "--format", "json")
    pairs = json.loads(result.stdout)
    assert [(p["kind"], p["year"], sorted(Path(f).name for f in p["files"])) for p in pairs] == [
        ("agencies", 2023, ["002_fdae73c5d0e03e9f.txt", "copy-of-002.txt"])
    ]
    assert pairs[0]["similarity"] > 0.9
    assert sorted(pairs[0]["agencies"]) == ["偃师区府店镇人民政府", "偃师区缙氏镇人民政府"]


def test_wide_csv_xlsx_and_contract_jsonl(built: tuple[Path, Path], tmp_path: Path) -> None:
    src, out = built
    target = tmp_path / "wide.csv"
    assert cli("corpus", "export", str(out), str(target)).exit_code == 0
    with target.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 7
    shanghai = next(r for r in rows if r["path"].endswith("shanghai-office-2019.html"))
    report = api.read(src / "shanghai-office-2019.html")
    for key, value in report.cells().items():
        assert shanghai[key] == ("" if value is None else str(value)), key
    book = tmp_path / "wide.xlsx"
    assert cli("corpus", "export", str(out), str(book)).exit_code == 0
    workbook = load_workbook(book, read_only=True)
    sheet = list(workbook["reports"].iter_rows(values_only=True))
    workbook.close()  # a read-only workbook keeps its file open until closed
    assert len(sheet) == 8 and sheet[0][:3] == ("report_id", "path", "agency")
    lines = tmp_path / "all.jsonl"
    assert cli("corpus", "export", str(out), str(lines), "--year", "2019").exit_code == 0
    (doc,) = [json.loads(line) for line in lines.read_text(encoding="utf-8").splitlines()]
    assert Report.from_json(doc).cells() == report.cells()


def test_a_manifest_of_paths_and_urls_is_fetched_once(tmp_path: Path) -> None:
    from gongkai.readers.fetch import Fetcher, FetchPolicy

    from ..supervise.loopback import Handler, serve

    seed = DATA / "seeds" / "003_ab0ddd5dad9ab753.txt"
    with serve() as base:
        listing = tmp_path / "reports.lst"
        listing.write_text(f"# a researcher's list\n{seed}\n{base}/gbk.html\n{base}/missing.html\n\n", encoding="utf-8")
        out = tmp_path / "ds"
        fetcher = Fetcher(FetchPolicy(min_interval=0.0, retries=0))
        build([str(listing)], out, make_engine("local", workers=1), fetcher=fetcher)
        rows = run_rows(out, "SELECT url, status, error, agency FROM reports ORDER BY url NULLS FIRST")
        assert [(r[0], r[1]) for r in rows] == [(None, "ok"), (f"{base}/gbk.html", "ok"),
                                                (f"{base}/missing.html", "unreadable")]
        assert rows[1][3] == "上海市人民政府办公厅"  # the GBK page, read with its encoding
        assert rows[2][2] == f"{base}/missing.html：网页不存在（HTTP 404）"
        hits = dict(Handler.hits)
        again = build([str(listing)], out, make_engine("local", workers=1), fetcher=fetcher)
        assert Handler.hits.get("/gbk.html") == hits.get("/gbk.html")  # not fetched again
        assert again.skipped == 2 and Handler.hits.get("/missing.html", 0) > hits.get("/missing.html", 0)
        fetcher.close()


def run_rows(out: Path, sql: str) -> list[tuple[object, ...]]:
    from gongkai.corpus.query import run

    return run(out, sql).rows
