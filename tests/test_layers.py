"""The layering declared in pyproject.toml (import-linter contracts) holds for the whole package.

Data flows one way: model ← readers ← audit ← writers ← ledger ← pipeline ← cli|web. A package
the contracts do not mention, or a package directory without ``__init__.py`` (invisible to the
import graph), would let a violation slip through, so both are checked too.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import gongkai

PACKAGE = Path(gongkai.__file__).resolve().parent
PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
#: Top-level modules outside the layers: the public API and the wiring every layer may share.
TOP_LEVEL_MODULES = {"__init__", "__main__", "api", "builtin_plugins", "errors", "plugins", "runtime", "settings"}
#: Directories that hold data, not code.
DATA_DIRS = {"sample_reports", "schemas", "templates", "static"}


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]  # type: ignore[no-any-return]


def _layer_names() -> set[str]:
    names: set[str] = set()
    for contract in _contracts():
        for layer in contract.get("layers", []):  # type: ignore[attr-defined]
            for part in str(layer).split("|"):
                names.add(part.strip().strip("()").strip())
    return names


def test_import_linter_contracts_hold() -> None:
    from importlinter.cli import lint_imports

    assert lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True) == 0, (
        "import-linter reports a broken contract or a missing layer; run `.venv/bin/lint-imports` for details")


def test_every_subpackage_is_in_a_layer() -> None:
    layers = _layer_names()
    for child in sorted(PACKAGE.iterdir()):
        if child.name.startswith(("_", ".")) or child.name in DATA_DIRS or child.suffix == ".egg-info":
            continue
        if child.is_dir() and any(child.rglob("*.py")):
            assert f"gongkai.{child.name}" in layers, f"gongkai.{child.name} is in no import-linter layer"
        elif child.suffix == ".py":
            assert child.stem in TOP_LEVEL_MODULES, f"new top-level module gongkai.{child.stem}: put it in a layer"


@pytest.mark.parametrize(
    "directory",
    sorted({p.parent for p in PACKAGE.rglob("*.py")} - {PACKAGE}, key=str),
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_code_directories_are_regular_packages(directory: Path) -> None:
    """A directory of modules without __init__.py is a namespace package import-linter cannot see."""
    assert (directory / "__init__.py").is_file(), f"{directory.relative_to(PACKAGE)}/__init__.py is missing"
