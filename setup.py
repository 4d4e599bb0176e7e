"""Optional native build: ``GONGKAI_MYPYC=1 pip install --no-build-isolation .`` compiles the
text-extraction hot path with mypyc (listed in pyproject.toml under ``[tool.gongkai.mypyc]``).

Everything else about the package lives in pyproject.toml. Without the variable — and always for
editable installs used in development — gongkai is plain Python, so an edited module takes effect
at once; the compiled build is for deployments that read reports by the hundred thousand. mypyc
ships inside mypy, which the ``dev`` extra pins (hence ``--no-build-isolation``).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from setuptools import setup


def _ext_modules() -> list[object]:
    if os.environ.get("GONGKAI_MYPYC") != "1":
        return []
    try:
        from mypyc.build import mypycify
    except ImportError as exc:  # a clear sentence instead of a traceback from deep inside pip
        raise SystemExit("GONGKAI_MYPYC=1 needs mypy (mypyc) in the build environment: pip install mypy==2.4.1, "
                         "then pip install --no-build-isolation .") from exc

    config = tomllib.loads((Path(__file__).parent / "pyproject.toml").read_text(encoding="utf-8"))
    return list(mypycify(config["tool"]["gongkai"]["mypyc"]["modules"], opt_level="3"))


setup(ext_modules=_ext_modules())
