"""Meta-tests: the contract's rule ids exist and are documented; docs/rules.md cannot drift;
findings are contract JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from gongkai import plugins
from gongkai.audit import builtin_rules, catalogue
from gongkai.audit.catalogue import PREFIX_ORDER
from gongkai.audit.docs import main, render

ROOT = Path(__file__).parents[2]
SPEC = ROOT / "tests" / "data" / "spec"
DOCS = ROOT / "docs" / "rules.md"


def contract_rule_ids() -> list[str]:
    text = (SPEC / "contract.md").read_text(encoding="utf-8")
    section = text.split("## 3. Findings", 1)[1]
    return re.findall(r"^\| `([a-z_.]+)` \|", section, flags=re.M)


def test_the_contract_table_parses() -> None:
    ids = contract_rule_ids()
    assert len(ids) == 28 and ids[0] == "arith.requests.balance" and ids[-1] == "publish.divergent"


@pytest.mark.parametrize("rule_id", contract_rule_ids())
def test_contract_rule_exists_registered_and_documented(rule_id) -> None:
    assert rule_id in {r.id for r in builtin_rules()}
    assert rule_id in {r.id for r in plugins.rules()}
    assert f"`{rule_id}`" in DOCS.read_text(encoding="utf-8")


def test_the_plugin_registry_holds_exactly_the_builtin_rules() -> None:
    assert sorted(r.id for r in plugins.rules()) == sorted(r.id for r in builtin_rules())


def test_docs_rules_md_is_generated_from_the_rules(capsys) -> None:
    expected = render()
    assert DOCS.read_text(encoding="utf-8") == expected, "regenerate: python -m gongkai.audit.docs > docs/rules.md"
    main()
    assert capsys.readouterr().out == expected


def test_docs_list_every_rule_in_both_languages() -> None:
    text = render()
    zh, en = text.split("## English")
    for rule in builtin_rules():
        assert f"| `{rule.id}` |" in zh and rule.title_zh in zh
        assert f"| `{rule.id}` |" in en and rule.title_en in en


def test_catalogue_rows() -> None:
    rows = {row.id: row for row in catalogue(builtin_rules())}
    assert rows["dates.published"].to_json() == {
        "id": "dates.published",
        "severity": "error",
        "severities": ["error", "warning"],
        "zh": rows["dates.published"].zh,
        "en": rows["dates.published"].en,
        "reads": ["published_on", "year", "agency", "scope"],
        "crossyear": False,
        "record": False,
    }
    assert rows["crossyear.carry"].crossyear
    prefixes = [row.id.split(".")[0] for row in catalogue(reversed(builtin_rules()))]
    assert prefixes == sorted(prefixes, key=PREFIX_ORDER.index)


def test_every_rule_is_described_and_reads_something() -> None:
    for rule in builtin_rules():
        assert re.fullmatch(r"[a-z]+(\.[a-z_]+)+", rule.id)
        assert rule.prefix in PREFIX_ORDER
        assert rule.title_zh.endswith("。") and rule.title_en.endswith(".")
        assert rule.reads


def test_findings_validate_against_the_contract_schema(make, audit) -> None:
    schema = json.loads((SPEC / "findings.schema.json").read_text(encoding="utf-8"))
    broken = make(path="broken.txt")
    broken.set_cell("requests.received.total", 1)
    broken.published_on = None
    broken.period = None
    broken.sections[4].numeral = "5、"
    broken.add_problem("blank_cell", "requests.granted.research", "空白")
    last = make(year=2022, path="last.txt")
    findings = audit([broken, last])
    assert len(findings) >= 6
    jsonschema.validate([f.to_json() for f in findings], schema)
    json.dumps([f.to_json() for f in findings], ensure_ascii=False)
