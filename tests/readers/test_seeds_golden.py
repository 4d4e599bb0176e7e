"""Each seed report parsed to a golden JSON checked by hand against the text, every cell.

Regenerate after a deliberate change with ``GONGKAI_REGEN=1 pytest tests/readers/test_seeds_golden.py``
and review the diff; CI refuses to run with the flag on.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from gongkai import api

DATA = Path(__file__).parent.parent / "data"
SEEDS = sorted((DATA / "seeds").glob("*.txt"))
GROUNDTRUTH = DATA / "seeds" / "groundtruth"
REGEN = os.environ.get("GONGKAI_REGEN") == "1"
SCHEMA = json.loads((DATA / "spec" / "report.schema.json").read_text(encoding="utf-8"))


def _golden_view(path: Path) -> dict:
    report = api.read(path)
    data = report.to_json(provenance=False)
    data["source"]["path"] = path.name
    return data


def test_regen_flag_is_off_in_ci() -> None:
    assert not (REGEN and os.environ.get("CI")), "GONGKAI_REGEN must not be set in CI"


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_matches_golden(path: Path) -> None:
    data = _golden_view(path)
    golden = GROUNDTRUTH / (path.stem + ".json")
    if REGEN:
        golden.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert data == expected


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_output_validates_against_contract_schema(path: Path) -> None:
    jsonschema.validate(api.read(path).to_json(), SCHEMA)


# Facts checked by hand against each seed's text, restated here so that a golden file
# regenerated carelessly still cannot hide a regression.
HAND_CHECKED = {
    "000": dict(template="2021", agency="繁峙县平型关镇人民政府", year=2023, period=("2023-01-01", "2023-12-31"),
                published_on=None, numbers=[1, 2, 3, 4, 5, 6]),
    "001": dict(template="2019", agency="白家庄镇人民政府", year=2023, period=("2023-01-01", "2023-12-29"),
                published_on="2023-12-25", numbers=[None, None, 3, 4, 5, 6]),
    "002": dict(template="2021", agency="偃师区缙氏镇人民政府", year=2023, period=None,
                published_on=None, numbers=[1, 2, 3, 4, 5, 6]),
    "003": dict(template="2021", agency="保德县孙家沟镇人民政府", year=2022, period=("2022-01-01", "2022-12-31"),
                published_on="2023-01-13", numbers=[1, 2, 3, 4, 5, 6]),
    "004": dict(template="mixed", agency="宁武县涇山乡人民政府", year=2023, period=None,
                published_on="2024-01-10", numbers=[1, 2, 3, 4, 5, 6]),
}


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_hand_checked_facts(path: Path) -> None:
    facts = HAND_CHECKED[path.name[:3]]
    report = api.read(path)
    assert str(report.template) == facts["template"]
    assert report.agency == facts["agency"]
    assert report.year == facts["year"]
    period = facts["period"]
    if period is None:
        assert report.period is None
    else:
        assert report.period is not None
        assert (str(report.period.start), str(report.period.end)) == period
    assert (str(report.published_on) if report.published_on else None) == facts["published_on"]
    assert [s.number for s in report.sections] == facts["numbers"]
    assert [s.expected for s in report.sections] == [1, 2, 3, 4, 5, 6]


def test_seed_000_appeals_has_14_of_15_cells_and_nothing_is_shifted() -> None:
    report = api.read(DATA / "seeds" / "000_11de511653868c0f.txt")
    appeals = report.tables["appeals"]
    assert appeals is not None
    assert all(v is None for cols in appeals.values() for v in cols.values())
    problems = [p for p in report.problems if p.where == "appeals"]
    assert [(p.code, p.detail["found"], p.detail["expected"]) for p in problems] == [("missing_cell", 14, 15)]
    # Every other cell was read.
    assert all(v == 0 for k, v in report.cells().items() if not k.startswith("appeals."))


def test_seed_001_is_2019_form_with_single_other_row() -> None:
    report = api.read(DATA / "seeds" / "001_9e58b98aa5ba2831.txt")
    requests = report.tables["requests"]
    assert requests is not None
    assert "other" in requests and "other_misc" not in requests
    assert len(requests) == 23
    active = report.tables["active"]
    assert active is not None
    assert set(active) == {"rules", "normative_documents", "licensing", "other_services", "punishment",
                           "coercion", "fees"}
    assert set(active["fees"]) == {"previous", "change"}


def test_seed_002_narrative_total_and_parts() -> None:
    report = api.read(DATA / "seeds" / "002_fdae73c5d0e03e9f.txt")
    [figure] = [n for n in report.narrative if n.value == 137]
    assert figure.unit == "条"
    assert [v for _, v in figure.parts] == [133, 3, 1, 1, 1, 0]


def test_seed_004_mixed_fingerprints() -> None:
    report = api.read(DATA / "seeds" / "004_c64f7a519d6f195b.txt")
    fp = report.meta["fingerprints"]
    assert "规范性文件（行名）" in fp["2019"] and "（六）其他处理（单行）" in fp["2019"]
    assert "本年制发件数" in fp["2021"] and "现行有效件" in fp["2021"]
    requests = report.tables["requests"]
    assert requests is not None and "other" in requests


def test_provenance_points_at_the_printed_cell() -> None:
    path = DATA / "seeds" / "002_fdae73c5d0e03e9f.txt"
    report = api.read(path)
    where = report.provenance["requests.received.total"]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert where.line is not None
    assert lines[where.line - 1].startswith("一、本年新收政府信息公开申请数量")
