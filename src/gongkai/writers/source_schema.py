"""The published JSON Schema of the authoring source, generated from the template data.

The schema file (schemas/report-source.schema.json, copied to docs/) is what editors and other
tools validate against; generating it from ``gongkai.model.template`` keeps its row and column
names identical to the reader's. Regenerate with ``python -m gongkai.writers.source_schema``;
a test fails when the checked-in files differ from what this module builds.

Dates are ISO strings in the schema (YAML parses them to dates; validate the JSON form).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from gongkai.model import keys
from gongkai.model.keys import Template
from gongkai.model.template import SECTIONS, TEMPLATES, TemplateSpec

SCHEMA_URI = "https://gongkai.example/schemas/report-source.schema.json"
NULL = {"type": "null"}


def _cell(decimal: bool, signed: bool) -> dict[str, Any]:
    if decimal:
        return {"$ref": "#/$defs/amount"}
    return {"$ref": "#/$defs/change"} if signed else {"$ref": "#/$defs/count"}


def _row(cols: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {"type": ["object", "null"], "additionalProperties": False, "properties": cols}


def _rows(rows: dict[str, dict[str, Any]], labels: dict[str, str]) -> dict[str, Any]:
    return {
        "type": ["object", "null"],
        "additionalProperties": False,
        "properties": {row: {"description": labels.get(row, row)} | schema for row, schema in rows.items()},
    }


def _tables(spec: TemplateSpec) -> dict[str, Any]:
    from gongkai.model.template import APPEAL_GROUP_LABELS, REQUEST_ROW_SPECS

    active = {r.key: _row({c.key: _cell(c.decimal, c.signed) for c in b.columns})
              for b in spec.active_blocks for r in b.rows}
    active_labels = {r.key: f"{b.heading} {r.label}" for b in spec.active_blocks for r in b.rows}
    requests = {r: {"$ref": "#/$defs/requestRow"} for r in spec.request_rows}
    appeals = {g: {"$ref": "#/$defs/appealRow"} for g in keys.APPEAL_GROUPS}
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "active": _rows(active, active_labels),
            "requests": _rows(requests, {r: REQUEST_ROW_SPECS[r].label for r in spec.request_rows}),
            "appeals": _rows(appeals, APPEAL_GROUP_LABELS),
        },
    }


def build_schema() -> dict[str, Any]:
    date = {"type": ["string", "null"], "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    by_template = {t.value: _tables(TEMPLATES[t]) for t in (Template.V2021, Template.V2019)}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_URI,
        "title": "gongkai report source (政府信息公开工作年度报告源文件)",
        "description": "The YAML file `gongkai new` writes and `gongkai render` reads: metadata, the six "
                       "sections' text and the tables under the contract's cell keys. Dates are ISO strings "
                       "(YAML dates are read as such). A blank cell is null, never 0.",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "schema": {"const": "gongkai/source@1"},
            "agency": {"type": ["string", "null"], "description": "机关全称"},
            "year": {"type": ["integer", "null"], "minimum": 2000, "maximum": 2100, "description": "报告所属年度"},
            "template": {"enum": ["2021", "2019", 2021, 2019, None], "description": "国家模板版本"},
            "period": {
                "type": ["object", "null"],
                "additionalProperties": False,
                "properties": {"start": date, "end": date},
            },
            "published_on": date | {"description": "落款日期"},
            "scope": {"enum": ["agency", "government", "summary", None]},
            "sections": {
                "type": ["array", "null"],
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["number"],
                    "properties": {
                        "number": {"type": "integer", "minimum": 1, "maximum": len(SECTIONS)},
                        "title": {"type": ["string", "null"]},
                        "text": {"type": ["string", "null"]},
                    },
                },
            },
            "tables": {"anyOf": [{"$ref": "#/$defs/tables2021"}, {"$ref": "#/$defs/tables2019"}, NULL]},
        },
        "allOf": [
            {
                "if": {"properties": {"template": {"enum": [v, int(v)]}}, "required": ["template"]},
                "then": {"properties": {"tables": {"anyOf": [{"$ref": f"#/$defs/tables{v}"}, NULL]}}},
            }
            for v in by_template
        ],
        "$defs": {
            "count": {"type": ["integer", "null"], "minimum": 0, "description": "件数：不小于 0 的整数；空白为 null"},
            "change": {"type": ["integer", "null"], "description": "2019 年版“本年增/减”：可为负数的整数"},
            "amount": {"type": ["number", "null"], "minimum": 0, "description": "金额（可有小数）"},
            "requestRow": _row({c: {"$ref": "#/$defs/count"} for c in keys.REQUEST_COLUMNS}),
            "appealRow": _row({c: {"$ref": "#/$defs/count"} for c in keys.APPEAL_COLUMNS}),
            **{f"tables{v}": t for v, t in by_template.items()},
        },
    }


def schema_text() -> str:
    return json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n"


PACKAGED = Path(__file__).resolve().parent.parent / "schemas" / "report-source.schema.json"


def main(argv: list[str] | None = None) -> int:
    """Write the schema into the package and, given a docs directory, there too."""
    targets = [PACKAGED, *(Path(a) / "report-source.schema.json" for a in (argv if argv is not None else sys.argv[1:]))]
    for target in targets:
        target.write_text(schema_text(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
