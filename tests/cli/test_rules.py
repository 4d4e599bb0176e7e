"""``gongkai rules``: the catalogue lists every rule id the contract requires, in each format."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .helpers import run


@pytest.fixture(scope="module")
def contract_rule_ids(spec_dir: Path) -> set[str]:
    text = (spec_dir / "contract.md").read_text(encoding="utf-8")
    section = text[text.index("## 3. Findings"):]
    ids = set(re.findall(r"^\| `([a-z]+(?:\.[a-z_]+)+)` \|", section, flags=re.M))
    assert len(ids) == 28  # the 15 the contract started with + 13 from issue 11
    return ids


def test_json_lists_every_contract_rule_once(contract_rule_ids: set[str]) -> None:
    result = run("rules", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))
    assert contract_rule_ids <= set(ids)
    for row in rows:
        assert row["zh"] and row["en"], row["id"]
        assert row["severity"] in ("error", "warning", "info")


def test_markdown_and_table_list_every_contract_rule(contract_rule_ids: set[str]) -> None:
    markdown = run("rules", "--format", "markdown")
    table = run("rules")
    assert markdown.exit_code == table.exit_code == 0
    for rule in contract_rule_ids:
        assert f"| `{rule}` |" in markdown.stdout
        assert rule in table.stdout


def test_english_table_leads_with_english() -> None:
    result = run("rules", "--lang", "en")
    assert result.exit_code == 0
    assert "audit rules" in result.stdout
    assert "Section 3, every column" in result.stdout
