"""Print one rendering and what the reader made of it, to debug a failing round trip.

    .venv/bin/python tests/synth/show.py LAYOUT SEED [TEMPLATE YEAR KIND BALANCED RENDER_SEED]
    .venv/bin/python tests/synth/show.py pdftext "Case(seed=1, template='2021', ...)"   (as a failure prints it)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gongkai import api
from gongkai.model.keys import Template
from synth.check import mismatches
from synth.layouts import LAYOUTS
from synth.strategies import Case


def parse_case(args: list[str]) -> Case:
    text = " ".join(args)
    if text.startswith("Case("):
        f = {k: v.strip("'\"") for k, v in re.findall(r"(\w+)=([^,)]+)", text)}
        return Case(int(f["seed"]), Template(f["template"]), int(f["year"]), f["kind"], f["balanced"] == "True",
                    int(f.get("render_seed", 0)))
    seed = int(args[0])
    template = Template(args[1]) if len(args) > 1 else Template.V2021
    return Case(seed, template, int(args[2]) if len(args) > 2 else 2023,
                args[3] if len(args) > 3 else "township", (args[4] if len(args) > 4 else "True") == "True",
                int(args[5]) if len(args) > 5 else 0)


def main() -> None:
    layout, case = sys.argv[1], parse_case(sys.argv[2:])
    rendering = LAYOUTS[layout](case.build(), case.rng())
    sys.stdout.write(rendering.data.decode("utf-8", errors="replace") if layout != "html"
                     else rendering.data.decode("gb18030", errors="replace"))
    report = api.read(rendering.filename, data=rendering.data)
    print("\n==== differences")
    print("\n".join(mismatches(rendering, report)) or "none")


if __name__ == "__main__":
    main()
