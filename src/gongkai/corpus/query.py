"""SQL over a built dataset through DuckDB: one view per table, partition pruning by year.

``WHERE year = 2023`` reads only the ``year=2023`` folders (Hive partitioning). A table with no
file yet (e.g. no findings at all) is still a view, empty, with its columns, so queries written
for one corpus run on any other.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gongkai.corpus.rows import SCHEMAS, VIEWS
from gongkai.corpus.store import MANIFEST
from gongkai.errors import GongkaiError

_DUCK_TYPES = {
    "string": "VARCHAR", "int32": "INTEGER", "int64": "BIGINT", "double": "DOUBLE", "date32[day]": "DATE",
    "binary": "BLOB", "bool": "BOOLEAN",
}


class QueryError(GongkaiError):
    """A query that DuckDB refused, or a folder that holds no dataset."""


@dataclass(slots=True)
class Result:
    columns: list[str]
    rows: list[tuple[Any, ...]]


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def require(root: Path) -> None:
    """Refuse a folder that holds no dataset before anything is written or opened."""
    if not (root / MANIFEST).is_file():
        raise QueryError("这里没有语料库数据集（先运行 gongkai corpus build）", path=str(root),
                         message_en="no corpus dataset here (run gongkai corpus build first)")


def connect(root: Path, views: tuple[str, ...] = (*VIEWS, "signatures", "documents")) -> Any:
    """A DuckDB connection with the dataset's views defined."""
    import duckdb

    require(root)
    con = duckdb.connect()
    for name in views:
        folder = root / name
        if any(folder.glob("year=*/*.parquet")):
            glob = _quote(folder / "**" / "*.parquet")
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet({glob}, hive_partitioning = true, "
                        "hive_types = {'year': INTEGER}, union_by_name = true)")
        else:
            columns = ", ".join(f"CAST(NULL AS {_DUCK_TYPES[str(f.type)]}) AS \"{f.name}\"" for f in SCHEMAS[name])
            con.execute(f"CREATE VIEW {name} AS SELECT {columns} WHERE false")
    return con


#: What ``corpus query`` runs: reading statements only. A dataset is written by ``corpus build``
#: alone; ``COPY … TO``, ``ATTACH``, ``INSTALL`` or ``EXPORT DATABASE`` from a query would write
#: files or fetch code behind the researcher's back (exports: ``--format csv`` or ``corpus export``).
READ_ONLY = ("SELECT", "EXPLAIN")


def _check_statement(con: Any, sql: str) -> None:
    """Refuse anything but one reading statement, in one sentence saying what to do instead."""
    import duckdb

    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise QueryError(f"查询无法执行：{first}", message_en=f"the query failed: {first}") from exc
    if not statements:
        raise QueryError("查询语句为空", message_en="the query is empty")
    if len(statements) > 1:
        raise QueryError(f"一次只能执行一条语句（收到 {len(statements)} 条）",
                         message_en=f"one statement at a time ({len(statements)} given)")
    kind = statements[0].type.name
    if kind not in READ_ONLY:
        raise QueryError(f"corpus query 只执行查询（SELECT），不执行 {kind} 语句；要导出结果，请用 "
                         "gongkai corpus export 或 --format csv 输出",
                         message_en=f"corpus query runs SELECT only, not {kind}; use --format csv or corpus export")


#: Rows fetched from DuckDB at a time when streaming: a query over every cell of 100,000 reports
#: (20 million rows) is printed as CSV or JSON without ever holding it in memory.
BATCH = 10_000


def _query_error(exc: Exception) -> QueryError:
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return QueryError(f"查询无法执行：{first}", message_en=f"the query failed: {first}")


@dataclass(slots=True)
class Stream:
    columns: list[str]
    batches: Iterator[list[tuple[Any, ...]]]


@contextmanager
def stream(root: Path, sql: str, *, batch: int | None = None) -> Iterator[Stream]:
    """Run one reading statement and hand its rows over in batches (memory flat in the result size)."""
    import duckdb

    con = connect(root)
    try:
        _check_statement(con, sql)
        try:
            cursor = con.execute(sql)
        except duckdb.Error as exc:
            raise _query_error(exc) from exc
        columns = [d[0] for d in cursor.description or []]

        def batches() -> Iterator[list[tuple[Any, ...]]]:
            if not cursor.description:
                return
            while True:
                try:
                    rows = cursor.fetchmany(batch or BATCH)
                except duckdb.Error as exc:  # an error found while producing rows (a bad cast, …)
                    raise _query_error(exc) from exc
                if not rows:
                    return
                yield rows

        yield Stream(columns, batches())
    finally:
        con.close()


def run(root: Path, sql: str) -> Result:
    """Run one reading SQL statement; a bad statement is a ``QueryError`` with DuckDB's own sentence."""

    with stream(root, sql) as result:
        return Result(result.columns, [row for rows in result.batches for row in rows])
