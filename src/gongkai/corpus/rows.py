"""One report (or one unreadable file) as rows of the dataset's tables, with their Arrow schemas.

The tables are the corpus's public shape (docs/corpus.md): ``reports`` one row per input file,
``cells`` one row per cell in long form, ``findings``, ``problems``, ``sections``,
``narrative_figures``, ``signatures`` (MinHash of the narrative, for copied-text detection) and
``documents`` (the contract JSON, for the JSON Lines export). Every row carries ``year`` because
the dataset is partitioned by it; a file whose year could not be read goes to ``year=0``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import orjson
import pyarrow as pa

from gongkai import __version__
from gongkai.model.findings import Finding
from gongkai.model.provenance import Where
from gongkai.model.report import Report, Value
from gongkai.writers.target import shown_path

#: The gongkai version that read each file, stored on every row of ``reports``: a dataset built over
#: several releases says which rows a newer reader might read differently.
READER_VERSION: str = __version__

UNKNOWN_YEAR = 0  # partition of files whose year could not be read (Hive needs a value)

_WHERE_FIELDS: list[pa.Field] = [
    pa.field("line", pa.int32()),
    pa.field("start", pa.int64()),
    pa.field("end", pa.int64()),
    pa.field("element", pa.string()),
    pa.field("page", pa.int32()),
    pa.field("raw", pa.string()),
]

SCHEMAS: dict[str, pa.Schema] = {
    "reports": pa.schema([
        pa.field("report_id", pa.string(), nullable=False),
        pa.field("path", pa.string(), nullable=False),
        pa.field("url", pa.string()),  # where a manifest's URL was fetched from (path is the local copy)
        pa.field("sha256", pa.string()),
        pa.field("size", pa.int64()),
        pa.field("format", pa.string()),
        pa.field("status", pa.string(), nullable=False),  # ok | unreadable
        pa.field("error", pa.string()),
        pa.field("template", pa.string()),
        pa.field("agency", pa.string()),
        pa.field("period_start", pa.date32()),
        pa.field("period_end", pa.date32()),
        pa.field("published_on", pa.date32()),
        pa.field("scope", pa.string()),
        pa.field("cells", pa.int32()),
        pa.field("cells_null", pa.int32()),
        pa.field("errors", pa.int32()),  # the report's own error findings
        pa.field("warnings", pa.int32()),
        pa.field("reading", pa.int32()),  # reading problems (not the agency's)
        pa.field("reader_version", pa.string()),
        pa.field("year", pa.int32(), nullable=False),
    ]),
    "cells": pa.schema([
        pa.field("report_id", pa.string(), nullable=False),
        pa.field("key", pa.string(), nullable=False),
        pa.field("table", pa.string()),
        pa.field("row", pa.string()),
        pa.field("col", pa.string()),
        pa.field("value", pa.float64()),
        pa.field("value_text", pa.string()),  # exact decimal as printed (amounts in 万元)
        pa.field("problem", pa.string()),
        *_WHERE_FIELDS,
        pa.field("year", pa.int32(), nullable=False),
    ]),
    "findings": pa.schema([
        pa.field("report_id", pa.string(), nullable=False),
        pa.field("rule", pa.string(), nullable=False),
        pa.field("severity", pa.string()),
        pa.field("kind", pa.string()),  # report | reading
        pa.field("where", pa.string()),
        pa.field("message", pa.string()),
        pa.field("message_en", pa.string()),
        pa.field("year", pa.int32(), nullable=False),
    ]),
    "problems": pa.schema([
        pa.field("report_id", pa.string(), nullable=False),
        pa.field("code", pa.string(), nullable=False),
        pa.field("where", pa.string()),
        pa.field("message", pa.string()),
        pa.field("message_en", pa.string()),
        pa.field("detail", pa.string()),  # JSON
        pa.field("year", pa.int32(), nullable=False),
    ]),
    "sections": pa.schema([
        pa.field("report_id", pa.string(), nullable=False),
        pa.field("position", pa.int32()),
        pa.field("number", pa.int32()),
        pa.field("expected", pa.int32()),
        pa.field("title", pa.string()),
        pa.field("text", pa.string()),
        pa.field("year", pa.int32(), nullable=False),
    ]),
    "narrative_figures": pa.schema([
        pa.field("report_id", pa.string(), nullable=False),
        pa.field("section", pa.int32()),
        pa.field("subject", pa.string()),
        pa.field("value", pa.float64()),
        pa.field("unit", pa.string()),
        pa.field("parts", pa.string()),  # JSON [[subject, value], ...]
        pa.field("line", pa.int32()),
        pa.field("year", pa.int32(), nullable=False),
    ]),
    "signatures": pa.schema([
        pa.field("report_id", pa.string(), nullable=False),
        pa.field("agency", pa.string()),
        pa.field("chars", pa.int32()),  # length of the report's own words (template wording removed)
        pa.field("minhash", pa.binary()),
        pa.field("year", pa.int32(), nullable=False),
    ]),
    "documents": pa.schema([
        pa.field("report_id", pa.string(), nullable=False),
        pa.field("json", pa.string()),  # the contract JSON (gongkai parse --format json)
        pa.field("year", pa.int32(), nullable=False),
    ]),
}
TABLES: tuple[str, ...] = tuple(SCHEMAS)
#: The views ``gongkai corpus query`` offers (signatures and documents are internal).
VIEWS: tuple[str, ...] = ("reports", "cells", "findings", "problems", "sections", "narrative_figures")


def display_path(path: str) -> str:
    """A path as the dataset stores and prints it: always valid Unicode (a GBK name on disk is
    decoded, see ``writers.target.shown_path``); the driver keeps the raw name to open the file."""
    return shown_path(path)


def report_id(path: str, sha256: str) -> str:
    """Stable across reruns for the same file at the same place; differs when either changes."""
    return hashlib.blake2b(f"{display_path(path)}\0{sha256}".encode(), digest_size=8).hexdigest()


@dataclass(slots=True)
class Rows:
    """Rows of every table for a batch of files, as column lists ready for ``pa.table``."""

    columns: dict[str, dict[str, list[Any]]] = field(
        default_factory=lambda: {t: {f.name: [] for f in SCHEMAS[t]} for t in TABLES}
    )

    def add(self, name: str, /, **row: Any) -> None:
        cols = self.columns[name]
        for name, values in cols.items():
            values.append(row.get(name))

    def tables(self) -> dict[str, pa.Table]:
        return {t: pa.table(self.columns[t], schema=SCHEMAS[t]) for t in TABLES}


def _number(v: Value | int | Decimal) -> float | None:
    return None if v is None else float(v)


def _cell_problems(report: Report) -> dict[str, str]:
    """The problem code standing for each place (cell, row or table), first one wins."""
    out: dict[str, str] = {}
    for p in report.problems:
        if p.where:
            out.setdefault(p.where, p.code)
    return out


_NOWHERE = Where()


def _add_cells(cols: dict[str, list[Any]], rid: str, year: int, report: Report, problems: dict[str, str]) -> int:
    """The ``cells`` rows, appended column by column: two hundred a report, the build's busiest loop
    (a generic ``Rows.add`` per cell cost more than reading the report's numbers). The columns are
    built by comprehensions and ``zip``, not one append per field and cell; returns the number of cells."""
    keys: list[str] = []
    tables: list[str] = []
    rows_: list[str] = []
    columns: list[str] = []
    raw_values: list[Value] = []
    for table, rows in report.tables.items():
        for row, cells in (rows or {}).items():
            prefix = f"{table}.{row}."
            for col, value in cells.items():
                keys.append(prefix + col)
                tables.append(table)
                rows_.append(row)
                columns.append(col)
                raw_values.append(value)
    n = len(keys)
    cols["report_id"].extend([rid] * n)
    cols["year"].extend([year] * n)
    cols["key"].extend(keys)
    cols["table"].extend(tables)
    cols["row"].extend(rows_)
    cols["col"].extend(columns)
    cols["value"].extend([None if v is None else float(v) for v in raw_values])
    cols["value_text"].extend([None if v is None else str(v) for v in raw_values])
    if problems:
        get = problems.get
        cols["problem"].extend(
            [get(k) or get(f"{t}.{r}") or get(t) for k, t, r in zip(keys, tables, rows_, strict=True)]
        )
    else:
        cols["problem"].extend([None] * n)
    provenance = report.provenance
    wheres = [provenance.get(k, _NOWHERE) for k in keys]
    for name, part in zip(_WHERE_COLUMNS, zip(*wheres, strict=True) if wheres else ((),) * 6, strict=True):
        cols[name].extend(part)
    return n


#: The ``cells`` columns holding ``Where``'s fields, in its field order (line, start, end, path,
#: page, raw: the column ``element`` is ``Where.path``).
_WHERE_COLUMNS = ("line", "start", "end", "element", "page", "raw")


def contract_json(report: Report) -> str:
    """The report's contract JSON on one line, as ``gongkai parse --format json`` prints it for
    several files. orjson writes it about four times faster than the standard library (the
    document is ~25 KB, mostly provenance); a value orjson cannot hold (an integer beyond 64 bits)
    falls back to the standard library, which writes the same text."""
    data = report.to_json()
    try:
        return orjson.dumps(data).decode()
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def add_unreadable(rows: Rows, *, path: str, sha256: str | None, size: int | None, error: str,
                   url: str | None = None) -> None:
    rows.add("reports", report_id=report_id(path, sha256 or ""), path=display_path(path), url=url, sha256=sha256,
             size=size, status="unreadable", error=error, reader_version=READER_VERSION, year=UNKNOWN_YEAR)


def add_report(rows: Rows, report: Report, findings: list[Finding], *, path: str, sha256: str, size: int,
               signature: bytes | None, own_chars: int, url: str | None = None) -> None:
    """Every row one readable report contributes."""
    rid = report_id(path, sha256)
    year = report.year if report.year is not None and 0 < report.year < 10000 else UNKNOWN_YEAR
    problems = _cell_problems(report)
    n_cells = _add_cells(rows.columns["cells"], rid, year, report, problems)
    cell_values = rows.columns["cells"]["value"][-n_cells:] if n_cells else []
    for f in findings:
        rows.add("findings", report_id=rid, rule=f.rule, severity=str(f.severity), kind=str(f.kind), where=f.where,
                 message=f.message, message_en=f.message_en, year=year)
    for p in report.problems:
        rows.add("problems", report_id=rid, code=p.code, where=p.where, message=p.message, message_en=p.message_en,
                 detail=json.dumps(p.detail, ensure_ascii=False, default=str) if p.detail else None, year=year)
    for i, s in enumerate(report.sections):
        rows.add("sections", report_id=rid, position=i, number=s.number, expected=s.expected, title=s.title,
                 text=s.text, year=year)
    for n in report.narrative:
        rows.add("narrative_figures", report_id=rid, section=n.section, subject=n.subject, value=_number(n.value),
                 unit=n.unit, parts=json.dumps([[s, str(v)] for s, v in n.parts], ensure_ascii=False) if n.parts else None,
                 line=n.where.line, year=year)
    if signature is not None:
        rows.add("signatures", report_id=rid, agency=report.agency, chars=own_chars, minhash=signature, year=year)
    rows.add("documents", report_id=rid, json=contract_json(report), year=year)
    period = report.period
    rows.add(
        "reports", report_id=rid, path=display_path(path), url=url, sha256=sha256, size=size,
        format=report.source.format,
        status="ok",
        template=str(report.template) if report.template else None, agency=report.agency,
        period_start=period.start if period else None, period_end=period.end if period else None,
        published_on=report.published_on, scope=report.scope, cells=n_cells,
        cells_null=cell_values.count(None),
        errors=sum(f.is_report_error for f in findings),
        warnings=sum(str(f.severity) == "warning" and str(f.kind) == "report" for f in findings),
        reading=sum(str(f.kind) == "reading" for f in findings),
        reader_version=READER_VERSION, year=year,
    )
