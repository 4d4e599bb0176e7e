"""A researcher's mistakes and awkward cases: writing queries, odd SQL types, bad output paths, two builds at once."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from gongkai.corpus.build import build
from gongkai.corpus.engines import make_engine
from gongkai.corpus.store import build_lock

from ..cli.helpers import run as cli

DATA = Path(__file__).parents[1] / "data"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    src = base / "a-folder-with-a-rather-long-name-as-researchers-make-them" / "seeds"
    src.mkdir(parents=True)
    for p in sorted((DATA / "seeds").glob("*.txt"))[:2]:
        shutil.copy(p, src / p.name)
    out = base / "ds"
    build([str(src)], out, make_engine("local", workers=1), shard_size=1)
    return out


def _one_sentence(stderr: str) -> str:
    assert stderr.count("\n") == 1 and "Traceback" not in stderr, stderr
    return stderr.strip()


@pytest.mark.parametrize(("sql", "words"), [
    ("COPY (SELECT * FROM reports) TO '{target}'", "不执行 COPY 语句"),
    ("ATTACH '{target}' AS other", "不执行 ATTACH 语句"),
    ("EXPORT DATABASE '{target}'", "不执行 EXPORT 语句"),
    ("SELECT 1; COPY (SELECT 1) TO '{target}'", "一次只能执行一条语句（收到 2 条）"),
    ("  ", "查询语句为空"),
])
def test_a_query_never_writes(built: Path, tmp_path: Path, sql: str, words: str) -> None:
    target = tmp_path / "written"
    result = cli("corpus", "query", str(built), sql.format(target=target))
    assert result.exit_code == 2 and result.stdout == ""
    assert words in _one_sentence(result.stderr)
    assert not target.exists()


def test_reading_statements_still_run(built: Path) -> None:
    explain = cli("corpus", "query", str(built), "EXPLAIN SELECT count(*) FROM reports")
    assert explain.exit_code == 0
    trailing = cli("corpus", "query", str(built), "SELECT count(*) AS n FROM reports;", "--format", "json")
    assert json.loads(trailing.stdout) == [{"n": 2}]


def _strict(text: str) -> object:
    def refuse(constant: str) -> object:
        raise AssertionError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def test_json_holds_every_duckdb_type(built: Path) -> None:
    sql = ("SELECT DATE '2023-01-31' AS d, TIMESTAMP '2024-01-31 10:00:00' AS t, TIME '09:30:00' AS tm, "
           "1.25::DECIMAL(10, 2) AS x, 'ab'::BLOB AS b, INTERVAL 3 DAY AS i, 'NaN'::DOUBLE AS nan, "
           "'inf'::DOUBLE AS inf, [DATE '2020-01-02'] AS l, {'a': 1, 'when': DATE '2020-01-02'} AS s, "
           "'6f0c1b8e-4d2a-4f5e-9d3c-2b1a0e9f8d7c'::UUID AS u, 12345678901234567890::HUGEINT AS h")
    result = cli("corpus", "query", str(built), sql, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert _strict(result.stdout) == [{
        "d": "2023-01-31", "t": "2024-01-31T10:00:00", "tm": "09:30:00", "x": 1.25, "b": "6162",
        "i": 259200.0, "nan": None, "inf": None, "l": ["2020-01-02"], "s": {"a": 1, "when": "2020-01-02"},
        "u": "6f0c1b8e-4d2a-4f5e-9d3c-2b1a0e9f8d7c", "h": 12345678901234567890}]
    csv_out = cli("corpus", "query", str(built), "SELECT 'NaN'::DOUBLE AS n, [1, 2] AS l", "--format", "csv")
    assert csv_out.stdout.splitlines() == ["n,l", ',"[1, 2]"']
    table = cli("corpus", "query", str(built), "SELECT 'NaN'::DOUBLE AS n")
    assert "None" not in table.stdout


def test_a_table_never_cuts_a_path(built: Path) -> None:
    result = cli("corpus", "query", str(built), "SELECT path FROM reports ORDER BY path",
                 env={"COLUMNS": "80"})
    assert result.exit_code == 0 and "…" not in result.stdout
    joined = re.sub(r"[\s│┃]", "", result.stdout)
    assert "a-folder-with-a-rather-long-name-as-researchers-make-them/seeds/000_11de511653868c0f.txt" in joined


@pytest.mark.parametrize(("target", "reason"), [
    ("missing-folder/wide.csv", "无法写入文件（所在目录不存在）"),
    ("missing-folder/wide.xlsx", "无法写入文件（所在目录不存在）"),
    ("missing-folder/all.jsonl", "无法写入文件（所在目录不存在）"),
    (".", "无法写入文件（这是一个目录，请给出文件名）"),
])
def test_an_export_to_an_unwritable_place_is_one_sentence(built: Path, tmp_path: Path, target: str,
                                                           reason: str) -> None:
    path = tmp_path / target
    result = cli("corpus", "export", str(built), str(path))
    assert result.exit_code == 2
    assert _one_sentence(result.stderr) == f"{path}：{reason}。"
    assert [p.name for p in tmp_path.iterdir()] == []  # no temporary file left behind


def test_an_export_from_a_folder_without_a_dataset_writes_nothing(tmp_path: Path) -> None:
    for name in ("wide.csv", "wide.xlsx", "all.jsonl"):
        result = cli("corpus", "export", str(tmp_path / "nothing"), str(tmp_path / name))
        assert result.exit_code == 2 and "这里没有语料库数据集" in _one_sentence(result.stderr)
        assert not (tmp_path / name).exists()


def test_a_dataset_folder_that_is_a_file_is_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    result = cli("corpus", "build", str(DATA / "seeds"), "--out", str(tmp_path / "afile"))
    assert result.exit_code == 2
    assert _one_sentence(result.stderr) == f"{tmp_path / 'afile'}：这是一个文件，不是数据集目录；请用 --out 指定一个目录。"
    below = cli("corpus", "build", str(DATA / "seeds"), "--out", str(tmp_path / "afile" / "ds"))
    assert below.exit_code == 2 and "无法创建数据集目录（路径中有一段不是目录）" in _one_sentence(below.stderr)


def test_a_build_of_nothing_is_an_empty_dataset_every_command_opens(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    out = tmp_path / "ds"
    result = cli("corpus", "build", str(tmp_path / "empty"), "--out", str(out))
    assert result.exit_code == 2 and "目录中没有报告文件" in result.stderr
    query = cli("corpus", "query", str(out), "SELECT count(*) AS n FROM reports", "--format", "json")
    assert query.exit_code == 0 and json.loads(query.stdout) == [{"n": 0}]
    assert cli("corpus", "stats", str(out)).exit_code == 0
    similar = cli("corpus", "similar", str(out))
    assert similar.exit_code == 0 and "没有相似度 ≥ 50% 的报告对" in similar.stdout
    export = cli("corpus", "export", str(out), str(tmp_path / "wide.csv"))
    assert export.exit_code == 0 and len((tmp_path / "wide.csv").read_text(encoding="utf-8-sig").splitlines()) == 1


def test_a_second_build_into_the_same_dataset_is_refused(built: Path) -> None:
    before = sorted(p.relative_to(built) for p in built.rglob("*"))
    manifest = (built / "_manifest.jsonl").read_bytes()
    with build_lock(built):
        result = cli("corpus", "build", str(DATA / "corpus"), "--out", str(built))
    assert result.exit_code == 2
    sentence = _one_sentence(result.stderr)
    assert re.fullmatch(rf"{re.escape(str(built))}：另一个 gongkai corpus build（进程 \d+）正在写入这个数据集，"
                        "请等它结束后再运行。", sentence), sentence
    assert sorted(p.relative_to(built) for p in built.rglob("*")) == before
    assert (built / "_manifest.jsonl").read_bytes() == manifest
    with build_lock(built):  # released when the holder is done: the next build goes ahead
        pass


def _paths(out: Path) -> list[tuple[object, ...]]:
    from gongkai.corpus.query import run

    return run(out, "SELECT path, status FROM reports ORDER BY path").rows


def test_a_file_name_that_is_not_utf8_is_read_shown_in_chinese_and_skipped_next_time(tmp_path: Path) -> None:
    import os

    src = tmp_path / "src"
    src.mkdir()
    gbk_name = os.fsdecode("年报.txt".encode("gb18030"))  # as unzip leaves a zip made on Chinese Windows
    shutil.copy(DATA / "seeds" / "000_11de511653868c0f.txt", src / gbk_name)
    out = tmp_path / "ds"
    first = build([str(src)], out, make_engine("local", workers=1))
    assert (first.read, first.failed) == (1, 0)
    assert _paths(out) == [(str(src / "年报.txt"), "ok")]
    again = build([str(src)], out, make_engine("local", workers=1))
    assert (again.read, again.skipped, again.removed) == (0, 1, 0)


def test_a_gbk_manifest_with_relative_paths_and_a_rerun_from_another_folder(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "报告"
    src.mkdir()
    shutil.copy(DATA / "seeds" / "000_11de511653868c0f.txt", src / "平型关镇.txt")
    (tmp_path / "清单.lst").write_bytes("# 县里的报告\n报告/平型关镇.txt\n报告/没有这个.txt\n".encode("gb18030"))
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "ds"
    summary = build(["清单.lst"], out, make_engine("local", workers=1))
    assert summary.problems == [] and (summary.read, summary.failed) == (2, 1)
    assert _paths(out) == [(str(src / "平型关镇.txt"), "ok"), (str(src / "没有这个.txt"), "unreadable")]
    monkeypatch.chdir(src)  # the same sources named from elsewhere are the same files: nothing is redone
    again = build(["../清单.lst"], out, make_engine("local", workers=1))
    assert (again.read, again.skipped, again.removed) == (1, 1, 0)  # only the missing file is tried again


def test_big_results_stream_in_batches_and_a_table_shows_the_first_rows(built: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import gongkai.cli.corpus as cli_corpus
    import gongkai.corpus.query as query

    monkeypatch.setattr(query, "BATCH", 1)  # every row its own batch: the joins between batches are exercised
    sql = "SELECT path, year FROM reports ORDER BY path"
    as_json = _strict(cli("corpus", "query", str(built), sql, "--format", "json").stdout)
    assert [row["path"].rsplit("/", 1)[1] for row in as_json] == ["000_11de511653868c0f.txt",  # type: ignore[union-attr]
                                                                   "001_9e58b98aa5ba2831.txt"]
    as_csv = cli("corpus", "query", str(built), sql, "--format", "csv").stdout.splitlines()
    assert len(as_csv) == 3 and as_csv[0] == "path,year"
    assert _strict(cli("corpus", "query", str(built), "SELECT 1 AS x WHERE false", "--format", "json").stdout) == []
    monkeypatch.setattr(cli_corpus, "TABLE_ROWS", 1)
    table = cli("corpus", "query", str(built), "SELECT regexp_extract(path, '[^/]+$') AS name FROM reports ORDER BY 1")
    assert "000_11de511653868c0f.txt" in table.stdout and "001_9e58b98aa5ba2831.txt" not in table.stdout
    assert "只显示前 1 行；完整结果请用 --format csv 或 --format json（不限行数），或在 SQL 中加 LIMIT。" in table.stdout


def test_an_error_while_rows_are_produced_is_one_sentence(built: Path) -> None:
    result = cli("corpus", "query", str(built), "SELECT CAST(path AS INTEGER) FROM reports", "--format", "csv")
    assert result.exit_code == 2 and result.stderr.startswith("查询无法执行：Conversion Error")
    assert result.stderr.count("\n") == 1


def test_similar_keeps_few_texts_in_memory_and_a_table_shows_the_first_pairs(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import gongkai.cli.corpus as cli_corpus
    import gongkai.corpus.similar as similar

    src = tmp_path / "src"
    src.mkdir()
    seed = (DATA / "seeds" / "002_fdae73c5d0e03e9f.txt").read_text(encoding="utf-8")
    for i, town in enumerate(("府店镇", "大口镇", "山化镇")):  # three copies of one township's report
        (src / f"copy-{i}.txt").write_text(seed.replace("缙氏镇", town), encoding="utf-8")
    shutil.copy(DATA / "seeds" / "002_fdae73c5d0e03e9f.txt", src / "original.txt")
    out = tmp_path / "ds"
    build([str(src)], out, make_engine("local", workers=1))
    everything = similar.find(out)
    assert len(everything) == 6  # every pair of the four
    monkeypatch.setattr(similar, "CACHE_REPORTS", 2)  # a cache far smaller than the corpus: same answer
    assert similar.find(out) == everything
    monkeypatch.setattr(cli_corpus, "TABLE_ROWS", 2)
    table = cli("corpus", "similar", str(out))
    assert "共 6 对，只显示前 2 对；全部请用 --format csv 或 --format json。" in table.stdout
    assert table.stdout.count("不同机关") == 2
