"""The authoring source (YAML, ``schema: gongkai/source@1``) read back into a Report.

A clerk edits this file by hand, so every mistake must come back as one sentence naming the file
and the key ("tables.requests.received.total 应为整数"), never a traceback. Validation is done by
hand against the template data rather than by a JSON Schema library: the published schema
(schemas/report-source.schema.json) says the same thing to editors, and tests hold the two together.
Only ``yaml.safe_load`` is used, and aliases are refused (they are how YAML bombs expand).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from gongkai.errors import Unreadable
from gongkai.model import keys
from gongkai.model.keys import Template
from gongkai.model.report import Period, Report, Rows, Section, Source, Value
from gongkai.model.template import CN_NUMERALS, SECTIONS, TEMPLATES, TemplateSpec, template_in_force
from gongkai.readers.decode import decode

SCHEMA_ID = "gongkai/source@1"
TOP_KEYS = ("schema", "agency", "year", "template", "period", "published_on", "scope", "sections", "tables")
SCOPES = ("agency", "government", "summary")
_SCHEMA_LINE = re.compile(rb"^schema:\s*[\"']?gongkai/source@1", re.M)
_TOP_KEY = re.compile(rb"^(agency|year|tables|sections):", re.M)
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


class SourceError(Unreadable):
    """A source file that parses as YAML but says something the report cannot hold."""


class YamlSourceReader:
    name = "yaml"
    extensions = (".yaml", ".yml")

    def sniff(self, head: bytes, path: str) -> float:
        if b"schema:" in head and _SCHEMA_LINE.search(head):
            return 1.0
        if not any(key in head for key in (b"agency:", b"year:", b"tables:", b"sections:")):
            return 0.0  # the common case, decided without a line-anchored scan of 64 KiB
        found = {m.group(1) for m in _TOP_KEY.finditer(head)}
        if len(found) >= 2 and Path(path).suffix.lower() in self.extensions:
            return 0.9
        return 0.5 if {b"agency", b"year", b"tables"} <= found else 0.0

    def read(self, data: bytes, path: str) -> Report:
        text, _ = decode(data, path)
        return from_mapping(_load(text, path), path)


def _load(text: str, path: str) -> dict[str, Any]:
    import yaml  # imported on first use: reading other formats never pays for it

    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                raise SourceError("源文件使用了 YAML 别名（*引用），为安全起见不予读取", path=path,
                                  message_en="YAML aliases are not accepted")
        doc = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else "某处"
        raise SourceError(f"YAML 格式错误（{where}）：{exc.problem or exc}", path=path,
                          message_en=f"YAML syntax error: {exc}") from exc
    except yaml.YAMLError as exc:
        raise SourceError(f"YAML 格式错误：{exc}", path=path, message_en=f"YAML error: {exc}") from exc
    if not isinstance(doc, dict):
        raise SourceError("源文件的顶层应是键值映射（agency、year、sections、tables 等）", path=path,
                          message_en="the top level must be a mapping")
    return doc


def _fail(path: str, key: str, zh: str, en: str) -> SourceError:
    return SourceError(f"{key} {zh}", path=path, message_en=f"{key}: {en}")


def _as_date(value: Any, path: str, key: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _fail(path, key, f"应为日期，写作 2025-01-20，实际为 {value!r}", f"must be a date (YYYY-MM-DD), got {value!r}")


def _as_number(value: Any, path: str, key: str, *, decimal: bool, signed: bool) -> Value:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise _fail(path, key, f"应为数字，实际为 {value!r}", f"must be a number, got {value!r}")
    number: int | Decimal
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str) and _NUMBER.match(value.strip()):
        number = Decimal(value.strip()) if "." in value else int(value.strip())
    else:
        raise _fail(path, key, f"应为数字（不带单位），实际为 {value!r}", f"must be a plain number, got {value!r}")
    if isinstance(number, Decimal) and not number.is_finite():
        raise _fail(path, key, f"应为有限的数字，实际为 {value!r}", f"must be a finite number, got {value!r}")
    if isinstance(number, Decimal) and number == number.to_integral_value() and not decimal:
        number = int(number)
    if isinstance(number, Decimal) and not decimal:
        raise _fail(path, key, f"应为整数（件数），实际为 {value}", f"must be a whole number, got {value}")
    if number < 0 and not signed:
        raise _fail(path, key, f"不能为负数，实际为 {value}", f"must not be negative, got {value}")
    return number


def _table_layout(spec: TemplateSpec) -> dict[str, dict[str, dict[str, tuple[bool, bool]]]]:
    """table → row → column → (decimal, signed), for the template's cells."""
    active = {r.key: {c.key: (c.decimal, c.signed) for c in b.columns} for b in spec.active_blocks for r in b.rows}
    requests = {r: {c: (False, False) for c in keys.REQUEST_COLUMNS} for r in spec.request_rows}
    appeals = {g: {c: (False, False) for c in keys.APPEAL_COLUMNS} for g in keys.APPEAL_GROUPS}
    return {"active": active, "requests": requests, "appeals": appeals}


def _infer_template(doc: dict[str, Any], year: int | None) -> Template:
    tables = doc.get("tables") or {}
    requests = tables.get("requests") if isinstance(tables, dict) else None
    active = tables.get("active") if isinstance(tables, dict) else None
    if isinstance(requests, dict):
        if "other" in requests:
            return Template.V2019
        if any(r in requests for r in keys.OTHER_ROWS_2021):
            return Template.V2021
    if isinstance(active, dict) and any(k in active for k in ("other_services", "procurement")):
        return Template.V2019
    return template_in_force(year) if year else Template.V2021


def _tables(doc: dict[str, Any], spec: TemplateSpec, path: str, report: Report) -> dict[str, Rows | None]:
    raw = doc.get("tables")
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise _fail(path, "tables", "应为映射（active、requests、appeals）", "must be a mapping")
    layout = _table_layout(spec)
    for name in raw:
        if name not in layout:
            raise _fail(path, f"tables.{name}", "不是表格名（应为 active、requests 或 appeals）", "is not a table name")
    out: dict[str, Rows | None] = {}
    for name, rows_spec in layout.items():
        rows = raw.get(name)
        if rows is None:
            out[name] = None
            report.add_problem("missing_table", name, f"源文件没有填写表格 tables.{name}", f"table {name} is missing")
            continue
        if not isinstance(rows, dict):
            raise _fail(path, f"tables.{name}", "应为映射（行名: {列名: 数值}）", "must be a mapping of rows")
        for row in rows:
            if row not in rows_spec:
                raise _fail(path, f"tables.{name}.{row}", f"不是 {spec.version} 年版模板中的行", f"is not a row of the {spec.version} template")
        table: Rows = {}
        for row, cols_spec in rows_spec.items():
            cols = rows.get(row)
            if cols is None:
                cols = {}
            if not isinstance(cols, dict):
                raise _fail(path, f"tables.{name}.{row}", "应为映射（列名: 数值）", "must be a mapping of columns")
            for col in cols:
                if col not in cols_spec:
                    raise _fail(path, f"tables.{name}.{row}.{col}", f"不是 {spec.version} 年版模板中的列",
                                f"is not a column of the {spec.version} template")
            table[row] = {}
            for col, (decimal, signed) in cols_spec.items():
                key = keys.cell_key(name, row, col)
                value = _as_number(cols.get(col), path, f"tables.{key}", decimal=decimal, signed=signed)
                table[row][col] = value
                if value is None:
                    report.add_problem("blank_cell" if col in cols else "missing_cell", key,
                                       f"单元格 {key} 未填写", f"cell {key} is not filled in")
        out[name] = table
    return out


def _sections(doc: dict[str, Any], path: str) -> list[Section]:
    raw = doc.get("sections")
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise _fail(path, "sections", "应为列表（每项含 number、title、text）", "must be a list")
    out: list[Section] = []
    for i, item in enumerate(raw):
        key = f"sections[{i}]"
        if not isinstance(item, dict):
            raise _fail(path, key, "应为映射（number、title、text）", "must be a mapping")
        for k in item:
            if k not in ("number", "title", "text"):
                raise _fail(path, f"{key}.{k}", "不是可用的键（应为 number、title、text）", "is not a known key")
        number = item.get("number")
        if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= len(SECTIONS):
            raise _fail(path, f"{key}.number", f"应为 1 至 6 的整数，实际为 {number!r}", f"must be 1..6, got {number!r}")
        title = item.get("title")
        text = item.get("text")
        for k, v in (("title", title), ("text", text)):
            if v is not None and not isinstance(v, str):
                raise _fail(path, f"{key}.{k}", f"应为文字，实际为 {v!r}", f"must be text, got {v!r}")
        out.append(Section(number, (title or SECTIONS[number - 1].title).strip(), (text or "").strip("\n"),
                           numeral=f"{CN_NUMERALS[number - 1]}、", expected=number))
    return out


def from_mapping(doc: dict[str, Any], path: str) -> Report:
    """Validate a parsed source document and build its Report."""
    for k in doc:
        if k not in TOP_KEYS:
            raise _fail(path, str(k), f"不是源文件可用的键（可用：{'、'.join(TOP_KEYS)}）", "is not a known key")
    schema = doc.get("schema")
    if schema is not None and schema != SCHEMA_ID:
        raise _fail(path, "schema", f"应为 {SCHEMA_ID}，实际为 {schema!r}", f"must be {SCHEMA_ID}")
    agency = doc.get("agency")
    if agency is not None and not isinstance(agency, str):
        raise _fail(path, "agency", f"应为机关全称（文字），实际为 {agency!r}", "must be text")
    year = doc.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100):
        raise _fail(path, "year", f"应为四位年份，实际为 {year!r}", f"must be a year, got {year!r}")
    raw_template = doc.get("template")
    if raw_template is None or raw_template == "":
        template = _infer_template(doc, year)
    elif str(raw_template) in ("2019", "2021"):
        template = Template(str(raw_template))
    else:
        raise _fail(path, "template", f"应为 \"2021\" 或 \"2019\"，实际为 {raw_template!r}", "must be 2021 or 2019")
    scope = doc.get("scope")
    if scope is not None and scope not in SCOPES:
        raise _fail(path, "scope", f"应为 {'、'.join(SCOPES)} 之一，实际为 {scope!r}", "must be agency/government/summary")
    period = doc.get("period")
    if period is not None and not isinstance(period, dict):
        raise _fail(path, "period", "应为映射（start、end）", "must be a mapping with start and end")
    if period:
        for k in period:
            if k not in ("start", "end"):
                raise _fail(path, f"period.{k}", "不是可用的键（应为 start、end）", "is not a known key")
    report = Report(
        source=Source(path, "yaml"),
        template=template,
        agency=agency.strip() if agency else None,
        year=year,
        period=Period(_as_date(period.get("start"), path, "period.start"), _as_date(period.get("end"), path, "period.end"))
        if period else None,
        published_on=_as_date(doc.get("published_on"), path, "published_on"),
        scope=scope,
        sections=_sections(doc, path),
    )
    report.tables = _tables(doc, TEMPLATES[template], path, report)
    return report


READERS = [YamlSourceReader()]
