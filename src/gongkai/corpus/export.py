"""Exports for people who work in Excel or Stata, and the contract JSON Lines.

``wide``: one row per readable report — its metadata, then one column per cell key in the
template's printed order (2021 keys, then the 2019-only ones), values as numbers, blanks empty.
``jsonl``: each report's contract JSON (what ``gongkai parse --format json`` prints), one a line.
Both stream from DuckDB in batches, so an export of 100,000 reports does not hold them in memory.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from gongkai.corpus.query import connect, require
from gongkai.model import template
from gongkai.writers.target import write_atomically

META = ("report_id", "path", "agency", "year", "template", "period_start", "period_end", "published_on",
        "errors", "warnings", "reading")
BATCH = 2000


def cell_keys() -> list[str]:
    keys = list(template.TEMPLATE_2021.cell_keys())
    seen = set(keys)
    keys += [k for k in template.TEMPLATE_2019.cell_keys() if k not in seen]
    return keys


def wide_rows(root: Path, *, year: int | None = None) -> Iterator[list[Any]]:
    """The header, then one list per readable report."""
    keys = cell_keys()
    yield [*META, *keys]
    position = {k: i for i, k in enumerate(keys)}
    con = connect(root)
    try:
        filt = "AND year = ?" if year is not None else ""
        params = [year] if year is not None else []
        reports = con.execute(f"SELECT {', '.join(META)} FROM reports WHERE status = 'ok' {filt} "
                              "ORDER BY year, agency, path", params)
        while batch := reports.fetchmany(BATCH):
            ids = [r[0] for r in batch]
            values: dict[str, list[Any]] = {rid: [None] * len(keys) for rid in ids}
            cur = con.cursor()
            for rid, key, value in cur.execute(
                    "SELECT report_id, key, value FROM cells WHERE report_id IN (SELECT unnest(?::VARCHAR[]))",
                    [ids]).fetchall():
                i = position.get(key)
                if i is not None:
                    values[rid][i] = int(value) if value is not None and float(value).is_integer() else value
            cur.close()
            for row in batch:
                yield [*row, *values[row[0]]]
    finally:
        con.close()


def write_csv(root: Path, target: Path, *, year: int | None = None) -> int:
    require(root)

    def write(tmp: Path) -> int:
        count = -1
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:  # BOM: Excel opens UTF-8 CSV correctly
            writer = csv.writer(fh)
            for row in wide_rows(root, year=year):
                writer.writerow(["" if v is None else v for v in row])
                count += 1
        return count

    return write_atomically(target, write)


def write_xlsx(root: Path, target: Path, *, year: int | None = None) -> int:
    from openpyxl import Workbook

    require(root)

    def write(tmp: Path) -> int:
        book = Workbook(write_only=True)
        sheet = book.create_sheet("reports")
        count = -1
        for row in wide_rows(root, year=year):
            sheet.append(row)
            count += 1
        book.save(tmp)
        return count

    return write_atomically(target, write)


def write_jsonl(root: Path, target: Path, *, year: int | None = None) -> int:
    con = connect(root)
    try:
        filt = "WHERE d.year = ?" if year is not None else ""
        params = [year] if year is not None else []
        cursor = con.execute(f"SELECT d.json FROM documents d JOIN reports r USING (report_id) {filt} "
                             "ORDER BY r.year, r.agency, r.path", params)

        def write(tmp: Path) -> int:
            count = 0
            with tmp.open("w", encoding="utf-8") as fh:
                while batch := cursor.fetchmany(BATCH):
                    for (text,) in batch:
                        fh.write(text + "\n")
                        count += 1
            return count

        return write_atomically(target, write)
    finally:
        con.close()
