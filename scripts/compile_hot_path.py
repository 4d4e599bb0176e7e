"""Compile gongkai's text-extraction hot path with mypyc into a copy of the package, out of tree.

    .venv/bin/python scripts/compile_hot_path.py OUT_DIR     # then: PYTHONPATH=OUT_DIR python ...

The modules are those listed under ``[tool.gongkai.mypyc]`` in pyproject.toml — the same list
setup.py compiles for ``GONGKAI_MYPYC=1 pip install --no-build-isolation .``. Building a copy keeps
the working tree plain Python (an edited module takes effect at once), while the benchmark and the
test that compares compiled with plain results can still run the compiled build side by side.
Prints OUT_DIR on success; mypyc's own output goes to stderr.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def modules() -> list[str]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return list(config["tool"]["gongkai"]["mypyc"]["modules"])


def compile_into(out: Path) -> Path:
    """Copy ``src/gongkai`` to ``out/gongkai`` and compile the listed modules there, in place."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / "gongkai"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(REPO / "src" / "gongkai", target, ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    relative = [str(Path(m).relative_to("src")) for m in modules()]
    subprocess.run([sys.executable, "-m", "mypyc", *relative], cwd=out, check=True,
                   stdout=sys.stderr, stderr=sys.stderr)
    shutil.rmtree(out / "build", ignore_errors=True)
    return out


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(compile_into(Path(sys.argv[1]).resolve()))


if __name__ == "__main__":
    main()
