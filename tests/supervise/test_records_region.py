"""Region pages' data from the records: totals follow new versions (the caches are keyed by what they sum)."""

from __future__ import annotations

import copy

from sqlalchemy.orm import Session

from gongkai.supervise import region, workflow
from gongkai.supervise.records import SubmissionSource
from tests.supervise.records_db import Region, sample

RECEIVED = "requests.received.total"


def _submit(db: Session, season: Region, agency_id: int, received: int, tag: bytes) -> None:
    data, analysis = sample("002_fdae73c5d0e03e9f.txt")
    report = copy.deepcopy(analysis.report)
    assert report is not None
    report["tables"]["requests"]["received"]["total"] = received
    changed = workflow.Analysis(report=report, findings=analysis.findings, template=analysis.template,
                                agency=analysis.agency, year=analysis.year)
    workflow.submit(session=db, agency_id=agency_id, year=2023, file_name="002.txt", data=data + tag,
                    source=SubmissionSource.BATCH, actor=season.supervisor, analysis=changed)


def test_totals_follow_a_new_version_and_name_the_missing(db: Session, season: Region) -> None:
    _submit(db, season, season.township, 7, b"1")
    first = region.totals(db, season.county, 2023)
    assert first.value(RECEIVED) == 7
    assert first.missing == ("宁武县教育局",) and first.cells[RECEIVED].lacking == ("宁武县教育局",)
    assert region.totals(db, season.county, 2023) is first  # kept: nothing changed
    _submit(db, season, season.township, 12, b"2")
    _submit(db, season, season.department, 30, b"3")
    second = region.totals(db, season.county, 2023)
    assert second.value(RECEIVED) == 42 and second.missing == () and second.cells[RECEIVED].complete
    accepted_only = region.totals(db, season.county, 2023, accepted_only=True)
    assert accepted_only.value(RECEIVED) is None and set(accepted_only.missing) == {"宁武县涔山乡人民政府", "宁武县教育局"}
