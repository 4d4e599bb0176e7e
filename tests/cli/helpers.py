"""Running the CLI in-process, with stdout and stderr kept apart."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from gongkai.cli.main import app
from gongkai.model.keys import Template

from ..synth.layouts import LAYOUTS
from ..synth.strategies import Case


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, list(args), env=env)


def json_lines(text: str) -> list[Any]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def clean_report(tmp_path: Path, name: str = "clean.txt", *, year: int = 2023, seed: int = 11,
                 layout: str = "tabs", balanced: bool = True, kind: str = "county_department") -> Path:
    """A balanced synthetic report written to ``tmp_path`` (no error findings)."""
    case = Case(seed, Template.V2021 if year >= 2021 else Template.V2019, year, kind, balanced, 1)
    rendering = LAYOUTS[layout](case.build(), random.Random(1))
    path = tmp_path / name
    path.write_bytes(rendering.data)
    return path
