"""The six narrative sections of an annual report, as edited by the clerk, one JSON file per agency/year.

The ledger API has no narrative table, so the web app keeps the edits in
``<data dir>/narratives/<agency id>-<year>[-summary].json`` (written atomically, UTF-8, Chinese
unescaped); callers also write every save to the ledger's audit log. Only sections that differ
from the ledger's generated text are stored: a section left as generated keeps following the
tables (its figures stay current), and clearing a section restores the generated text.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

MAX_SECTION_CHARS = 20_000
SECTION_NUMBERS = range(1, 7)


def normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()[:MAX_SECTION_CHARS]


def merge(stored: Mapping[int, str], submitted: Mapping[int, str], generated: Mapping[int, str]) -> dict[int, str]:
    """The sections to store after an edit: submitted text that is neither empty nor the generated text."""
    out: dict[int, str] = {}
    for number in SECTION_NUMBERS:
        text = normalise(submitted[number]) if number in submitted else stored.get(number, "")
        if text and text != normalise(generated.get(number, "")):
            out[number] = text
    return out


class NarrativeStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, agency_id: int, year: int, summary: bool) -> Path:
        return self.root / f"{int(agency_id)}-{int(year)}{'-summary' if summary else ''}.json"

    def load(self, agency_id: int, year: int, *, summary: bool = False) -> dict[int, str]:
        """The stored (edited) sections only: number → text."""
        path = self._path(agency_id, year, summary)
        if not path.is_file():
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        sections = data.get("sections") if isinstance(data, dict) else None
        if not isinstance(sections, dict):
            return {}
        return {int(k): str(v) for k, v in sections.items() if str(k).isdigit() and int(k) in SECTION_NUMBERS}

    def save(self, agency_id: int, year: int, sections: Mapping[int, str], *, summary: bool = False) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        data = {
            "agency_id": agency_id,
            "year": year,
            "summary": summary,
            "sections": {str(n): sections[n] for n in SECTION_NUMBERS if n in sections},
        }
        fd, tmp = tempfile.mkstemp(dir=self.root, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, indent=2)
            os.replace(tmp, self._path(agency_id, year, summary))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
