"""Shared fixtures: where the test data lives, and the contract's JSON schemas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import Phase, settings

# Hypothesis's "explain" phase re-runs a failing example under a line tracer; on the readers'
# search code that takes tens of minutes, so a failing property test looked like a hung suite
# (and would run into CI's time limit). Without it the failure, shrunk, is reported at once.
settings.register_profile("gongkai", phases=[phase for phase in Phase if phase is not Phase.explain])
settings.load_profile("gongkai")

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
REPO = TESTS.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return DATA / "seeds"


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    """The five seed reports, in name order (000 … 004)."""
    return sorted((DATA / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return DATA / "corpus"


@pytest.fixture(scope="session")
def spec_dir() -> Path:
    return DATA / "spec"


@pytest.fixture(scope="session")
def report_schema() -> dict[str, Any]:
    """contract §1–§2 as JSON Schema (output of ``gongkai parse --format json``)."""
    return json.loads((DATA / "spec" / "report.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def findings_schema() -> dict[str, Any]:
    """contract §3 as JSON Schema (output of ``gongkai check --format json``)."""
    return json.loads((DATA / "spec" / "findings.schema.json").read_text(encoding="utf-8"))
