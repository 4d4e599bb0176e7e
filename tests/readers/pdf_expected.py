"""The hand-checked values of the four PDFs in tests/data, for tests of the text tools extract."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).parent.parent / "data"
EXPECTED = {
    "huaian-city-2024": DATA / "corpus" / "huaian-city-2024.expected.json",
    "lo-2021": DATA / "pdf" / "lo-2021.expected.json",
    "web-2023": DATA / "pdf" / "web-2023.expected.json",
    "wrapped-2019": DATA / "pdf" / "wrapped-2019.expected.json",
}


def expected(name: str) -> tuple[dict[str, str | None], tuple[object, ...]]:
    """Every cell as text (None: blank), and (agency, year, date as ISO text or None)."""
    data = json.loads(EXPECTED[name].read_text(encoding="utf-8"))
    cells = data.get("cells") or {f"{t}.{r}.{c}": v for t, rows in data["tables"].items() if rows
                                  for r, cols in rows.items() for c, v in cols.items()}
    return ({k: None if v is None else str(v) for k, v in cells.items()},
            (data["agency"], data["year"], data.get("published_on")))
