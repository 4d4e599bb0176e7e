"""The mypyc-compiled hot path (``GONGKAI_MYPYC=1`` builds) reads exactly what plain Python reads.

The compiled build is what the throughput benchmark measures next to plain Python, so it must not
drift: mypyc enforces annotations at run time and compiles classes differently, and a divergence
would show here as a different report, a different finding or a crash.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from gongkai import api
from tests.synth.generate import report_for_seed
from tests.synth.layouts import LAYOUTS

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"

_CHILD = """
import json, sys
from pathlib import Path
import gongkai.readers.extract.values as values
from gongkai import api
out = {"compiled": values.__file__.endswith(".so"), "reports": []}
for name in sys.argv[1:]:
    report = api.read(name)
    findings = api.check([report])
    out["reports"].append({"report": report.to_json(), "findings": [f.to_json() for f in findings]})
print(json.dumps(out, ensure_ascii=False, default=str))
"""


def _compiler_missing() -> str | None:
    if shutil.which("cc") is None and shutil.which("gcc") is None:
        return "no C compiler (scripts/setup.sh installs gcc)"
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").exists():
        return "no Python headers (scripts/setup.sh installs python3-dev)"
    try:
        import mypyc  # noqa: F401
    except ImportError:
        return "mypyc missing (it ships with mypy, in the dev extra)"
    return None


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    reason = _compiler_missing()
    if reason:
        pytest.skip(reason)
    out = tmp_path_factory.mktemp("compiled")
    subprocess.run([sys.executable, str(REPO / "scripts" / "compile_hot_path.py"), str(out)], check=True,
                   capture_output=True)
    return out


def _inputs(tmp: Path) -> list[Path]:
    paths = sorted((DATA / "seeds").glob("*.txt"))
    paths += [DATA / "corpus" / "pingtan-2023.txt", DATA / "corpus" / "huaian-city-2024.txt",
              DATA / "corpus" / "shanghai-office-2019.html"]
    for i, layout in enumerate(LAYOUTS):
        rendering = LAYOUTS[layout](report_for_seed(100 + i), random.Random(i))
        path = tmp / f"synth-{layout}{Path(rendering.filename).suffix}"
        path.write_bytes(rendering.data)
        paths.append(path)
    return paths


def test_compiled_build_reads_and_audits_like_plain_python(compiled: Path, tmp_path: Path) -> None:
    paths = _inputs(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(compiled)}
    proc = subprocess.run([sys.executable, "-c", _CHILD, *map(str, paths)], env=env, capture_output=True,
                          text=True, check=True, cwd=tmp_path)
    child = json.loads(proc.stdout)
    assert child["compiled"] is True  # the child really ran the compiled modules
    plain = []
    for path in paths:
        report = api.read(path)
        plain.append({"report": report.to_json(), "findings": [f.to_json() for f in api.check([report])]})
    assert child["reports"] == json.loads(json.dumps(plain, ensure_ascii=False, default=str))
