from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).parents[1] / "data"


@pytest.fixture
def reports_dir(tmp_path: Path) -> Path:
    """The five seeds, three corpus reports (text, PDF text, HTML) and a broken file, in one folder."""
    src = tmp_path / "reports"
    (src / "seeds").mkdir(parents=True)
    for p in sorted((DATA / "seeds").glob("*.txt")):
        shutil.copy(p, src / "seeds" / p.name)
    for name in ("pingtan-2023.txt", "huaian-city-2024.txt", "shanghai-office-2019.html"):
        shutil.copy(DATA / "corpus" / name, src / name)
    (src / "broken.docx").write_bytes(b"PK\x03\x04 this is not a zip archive")
    return src


def table_rows(root: Path, name: str) -> list[tuple[object, ...]]:
    """Every row of one view, in a stable order, for comparing two datasets."""
    from gongkai.corpus.query import connect

    con = connect(root)
    try:
        cursor = con.execute(f"SELECT * FROM {name}")
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    finally:
        con.close()
    return sorted((tuple(zip(columns, row, strict=True)) for row in rows), key=repr)


def dataset(root: Path) -> dict[str, list[tuple[object, ...]]]:
    from gongkai.corpus.rows import TABLES

    return {name: table_rows(root, name) for name in TABLES}
