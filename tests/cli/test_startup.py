"""Start-up: ``import gongkai`` and ``gongkai parse FILE`` load only what reading needs.

Each check runs in a fresh interpreter (the test process has imported everything already) and
looks at ``sys.modules`` afterwards, so it is exact and does not depend on the machine's speed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

#: Never needed to read a report: the database, the web stack, the writers' engines, data engines.
HEAVY = ("sqlalchemy", "alembic", "fastapi", "starlette", "uvicorn", "jinja2", "pydantic_settings",
         "pyarrow", "duckdb", "dask", "pandas", "openpyxl", "docx", "pdfplumber",
         "gongkai.ledger", "gongkai.web", "gongkai.writers", "gongkai.supervise", "gongkai.corpus")

PROBE = """
import json, sys
{body}
print(json.dumps(sorted(sys.modules)))
"""


def modules_after(body: str, tmp_path: Path) -> set[str]:
    script = tmp_path / "probe.py"
    script.write_text(PROBE.format(body=body), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    return set(json.loads(proc.stdout.splitlines()[-1]))


def heavy_in(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


def test_import_gongkai_is_light(tmp_path: Path) -> None:
    modules = modules_after("import gongkai", tmp_path)
    assert heavy_in(modules) == []
    assert "pydantic" not in modules  # settings are a plain class (pydantic costs ~0.1 s)
    assert not any(m.startswith("gongkai.readers.formats") for m in modules)  # readers load on first read


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_parse_command_loads_only_the_read_path(fmt: str, seed_paths: list[Path], tmp_path: Path) -> None:
    body = f"""
import contextlib, io
sys.argv = ["gongkai", "parse", "--format", "{fmt}", {str(seed_paths[0])!r}]
from gongkai.cli.main import main
out = io.StringIO()
try:
    with contextlib.redirect_stdout(out):
        main()
except SystemExit as exc:
    assert exc.code == 0, exc.code
assert out.getvalue().strip()
"""
    modules = modules_after(body, tmp_path)
    assert heavy_in(modules) == []
    assert "pydantic" not in modules  # Typer 0.29+ coerces parameters with pydantic (~0.13 s): pinned to 0.28
    assert "importlib.metadata" not in modules  # no third-party plugin installed: no metadata scan
    assert "gongkai.audit" not in modules and "gongkai.cli.ledger" not in modules
    assert ("rich" in modules) is (fmt == "table")  # JSON output needs no Rich
    # a text report needs none of the other formats' parsers (they load when a file needs them)
    assert not {"lxml", "selectolax", "yaml", "pypdfium2", "gongkai.readers.pdf_layout"} & modules


def test_version_loads_no_command_implementation(tmp_path: Path) -> None:
    body = """
sys.argv = ["gongkai", "--version"]
from gongkai.cli.main import main
try:
    main()
except SystemExit:
    pass
"""
    modules = modules_after(body, tmp_path)
    assert heavy_in(modules) == []
    assert not any(m.startswith("gongkai.readers") for m in modules)  # nothing of the read path
    assert not {"gongkai.api", "gongkai.model", "gongkai.cli.inputs", "pydantic"} & modules
    assert "rich" not in modules and "gongkai.cli.output" not in modules
