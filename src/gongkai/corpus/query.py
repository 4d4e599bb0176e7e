"""SQL over a built dataset through DuckDB: one view per table, partition pruning by year.

``WHERE year = 2023`` reads only the ``year=2023`` folders (Hive partitioning). A table with no
file yet (e.g. no findings at all) is still a view, empty, with its columns, so queries written
for one corpus run on any other.
"""

from __future__ import annotations

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


def connect(root: Path, views: tuple[str, ...] = (*VIEWS, "signatures", "documents")) -> Any:
    """A DuckDB connection with the dataset's views defined."""
    import duckdb

    if not (root / MANIFEST).exists():
        raise QueryError("这里没有语料库数据集（先运行 gongkai corpus build）", path=str(root),
                         message_en="no corpus dataset here (run gongkai corpus build first)")
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


def run(root: Path, sql: str) -> Result:
    """Run one SQL statement; a bad statement is a ``QueryError`` with DuckDB's own sentence."""
    import duckdb

    con = connect(root)
    try:
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description or []]
        rows = cursor.fetchall() if cursor.description else []
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise QueryError(f"查询无法执行：{first}", message_en=f"the query failed: {first}") from exc
    finally:
        con.close()
    return Result(columns, rows)
