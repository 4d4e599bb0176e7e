"""The five seed reports, modelled as the reader should deliver them: exactly the expected findings.

The prose is the seeds' own text (cut at the headings); tables, dates and problems are set by hand
as the brief describes them. Only error and warning findings are pinned exhaustively; info
findings are pinned where the brief names them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from gongkai.model.keys import Template
from gongkai.model.provenance import Where
from gongkai.model.report import NarrativeFigure, Period, Report, Source

SEEDS = Path(__file__).parents[1] / "data" / "seeds"


def _seed(name: str) -> str:
    (path,) = SEEDS.glob(f"{name}_*.txt")
    return path.read_text(encoding="utf-8")


def _report(name, split, zeros, *, template, tables, year, agency, period, published, **extra) -> Report:
    preamble, sections = split(_seed(name))
    report = Report(
        source=Source(f"seeds/{name}.txt", "text"),
        template=template,
        agency=agency,
        year=year,
        period=period,
        published_on=published,
        sections=sections,
        tables=zeros(*tables),
        meta={"preamble": preamble},
    )
    for key, value in extra.items():
        setattr(report, key, value) if key != "meta" else report.meta.update(value)
    return report


def _full(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31))


def _summary(findings) -> list[tuple[str, str, str | None]]:
    return [(f.rule, str(f.severity), f.where) for f in findings]


def test_seed_000(audit, split, zeros) -> None:
    r = _report("000", split, zeros, template=Template.V2021, tables=("2021", "2021"), year=2023,
                agency="繁峙县平型关镇人民政府", period=_full(2023), published=None)
    r.tables["appeals"] = {g: dict.fromkeys(cols, None) for g, cols in r.tables["appeals"].items()}
    r.add_problem("missing_cell", "appeals", "第四部分表格只有 14 个数值，应有 15 个")
    assert [s.expected for s in r.sections] == [1, 2, 3, 4, 5, 6]
    assert _summary(audit(r)) == [
        ("structure.cells", "warning", "appeals"),  # the reader cannot tell which cell is blank
        ("dates.published", "warning", "published_on"),
        ("content.fees", "info", "section.6"),
        ("content.required", "warning", "section.1"),  # a township government silent on 考核/评议/追究
    ]


def test_seed_001(audit, split, zeros) -> None:
    r = _report("001", split, zeros, template=Template.V2019, tables=("2019", "2019"), year=2023,
                agency="白家庄镇人民政府", period=Period(date(2023, 1, 1), date(2023, 12, 29)),
                published=date(2023, 12, 25))
    del r.tables["active"]["procurement"]  # the seed omits the （九） block
    assert [(s.number, s.expected) for s in r.sections] == [(None, 1), (None, 2), (3, 3), (4, 4), (5, 5), (6, 6)]
    assert _summary(audit(r)) == [
        ("template.version", "error", "template"),
        ("structure.sections", "warning", "section.1"),
        ("structure.sections", "warning", "section.2"),
        ("dates.period", "error", "period"),
        ("dates.published", "error", "published_on"),
        ("content.fees", "info", "section.6"),
        ("content.required", "warning", "section.1"),  # a township government silent on 考核/评议/追究
    ]


def test_seed_002(audit, split, zeros) -> None:
    figure = NarrativeFigure(
        "公开信息", 137, "条", 1, Where(line=9),
        (("工作动态", 133), ("领导信息", 3), ("公告通告", 1), ("规章制度", 1), ("更新政府信息公开指南", 1), ("其他公告", 0)),
    )
    r = _report("002", split, zeros, template=Template.V2021, tables=("2021", "2021"), year=2023,
                agency="偃师区缙氏镇人民政府", period=None, published=None, narrative=[figure])
    findings = audit(r)
    assert _summary(findings) == [
        ("dates.period", "warning", "period"),
        ("dates.published", "warning", "published_on"),
        ("text.citation", "warning", "section.1"),
        ("text.citation", "warning", "section.1"),
        ("text.sum", "warning", "section.1"),
        ("content.required", "warning", "section.1"),
    ]
    citations = [f.message for f in findings if f.rule == "text.citation"]
    assert "国办公开办函〔2019〕60号" in citations[0] and "国办公开办函〔2021〕30号" in citations[0]
    assert "政府信息公开与政务公开办公室" in citations[1]
    (total,) = [f.message for f in findings if f.rule == "text.sum"]
    assert "公开信息137条" in total and "= 139条" in total


def test_seed_003(audit, split, zeros) -> None:
    r = _report("003", split, zeros, template=Template.V2021, tables=("2021", "2021"), year=2022,
                agency="保德县孙家沟镇人民政府", period=_full(2022), published=date(2023, 1, 13))
    assert r.sections[4].numeral == "5、"
    findings = audit(r)
    assert _summary(findings) == [
        ("structure.sections", "warning", "section.5"),
        ("text.citation", "error", "preamble"),
        ("text.citation", "error", "preamble"),
        ("text.citation", "warning", "preamble"),
        ("content.fees", "info", "section.6"),
        ("content.required", "warning", "section.1"),  # a township government silent on 考核/评议/追究
    ]
    messages = [f.message for f in findings if f.rule == "text.citation"]
    assert "《中华人民共和国信息公开条例》" in messages[0]
    assert "“国办公开函〔2021〕30号”" in messages[1]
    assert "“忻州市人民办公室”" in messages[2]


def test_seed_004(audit, split, zeros) -> None:
    r = _report("004", split, zeros, template=Template.MIXED, tables=("2021", "2019"), year=2023,
                agency="宁武县涇山乡人民政府", period=None, published=date(2024, 1, 10))
    r.tables["active"]["normative_documents"] = {"issued": 0, "repealed": 0, "in_force": 0}
    r.meta["fingerprints"] = {"2019": ["规范性文件", "（六）其他处理"], "2021": ["本年制发件数", "本年收费金额"]}
    r.meta["heading_levels"] = {1: 3, 2: 2, 3: 3, 4: 4, 5: 4, 6: 4}
    findings = audit(r)
    assert _summary(findings) == [
        ("template.mixed", "error", "template"),
        ("structure.sections", "info", "sections"),
        ("dates.period", "warning", "period"),
        ("content.fees", "info", "section.6"),
        ("content.required", "warning", "section.1"),  # a township government silent on 考核/评议/追究
    ]
    assert "“规范性文件”“（六）其他处理”" in findings[0].message


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_seed_texts_do_not_contradict_zero_tables(name, audit, split, zeros) -> None:
    r = _report(name, split, zeros, template=None, tables=("2021", "2021"), year=2023,
                agency="某镇人民政府", period=_full(2023), published=date(2024, 1, 5))
    assert audit(r, "text.table_mismatch") == []
    r.tables["requests"]["received"]["total"] = 4
    r.tables["appeals"]["review"]["total"] = 1
    wheres = [f.where for f in audit(r, "text.table_mismatch")]
    # every seed but 001 says in words that no request was received; 000, 002 and 004 also deny appeals
    expected = {
        "000": ["requests.received.total", "appeals.review.total"],
        "001": [],
        "002": ["requests.received.total", "appeals.review.total"],
        "003": ["requests.received.total"],
        "004": ["appeals.review.total"],
    }[name]
    assert wheres == expected


def test_decimal_fee_cells_are_fine(audit, split, zeros) -> None:
    r = _report("000", split, zeros, template=Template.V2021, tables=("2021", "2021"), year=2023,
                agency="繁峙县平型关镇人民政府", period=_full(2023), published=date(2024, 1, 9))
    r.tables["active"]["fees"]["amount"] = Decimal("0.35")
    # content.required: seed 000 does not state its 考核/评议/追究 results, whatever its fees
    assert [f.rule for f in audit(r) if f.severity != "info"] == ["content.required"]
