"""The real reports in tests/data/corpus read to their hand-checked expected values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai import api

CORPUS = Path(__file__).parent.parent / "data" / "corpus"
CRAWLED = sorted(p.name for p in CORPUS.glob("pt-*.txt"))
CASES = [
    ("huaian-city-2024.txt", "huaian-city-2024.expected.json"),
    ("pingtan-2023.txt", "pingtan-2023.expected.json"),
    ("shanghai-office-2019.html", "shanghai-office-2019.expected.json"),
    *((name, name.replace(".txt", ".expected.json")) for name in CRAWLED),
]

# Rows whose glued digits nothing in the report settles (section 二 has no sum rule; the 2019
# trial template's 上一年项目数量 | 本年增/减 and 采购项目数量 | 采购总金额 neither): the reader must
# leave the cells the splits disagree on null with an "ambiguous" problem whose candidates hold the
# true split, which the expected file took from the page's HTML.
AMBIGUOUS_BY_DESIGN: dict[str, dict[str, tuple[int, ...]]] = {
    # "行政规范性文件77132470": the narrative confirms 77 issued; "132470" splits five ways.
    "pingtan-2023.txt": {"normative_documents": (77, 132, 470)},
    "pt-czj-2019.txt": {"normative_documents": (10, 7, 7), "punishment": (35, 0, 0), "procurement": (2, 832995)},
    "pt-gaj-2019.txt": {"licensing": (45, 0, 0), "punishment": (636, 0, 0), "coercion": (43, 0, 0), "fees": (12, 4)},
    "pt-haitan-2019.txt": {"procurement": (10, 18703)},
    "pt-jinjing-2019.txt": {"procurement": (3, 147230)},
}
def _flatten(tables: dict) -> dict[str, object]:
    return {
        f"{t}.{r}.{c}": v for t, rows in tables.items() for r, cols in rows.items() for c, v in cols.items()
    }


@pytest.mark.parametrize(("source", "expected_file"), CASES, ids=[c[0] for c in CASES])
def test_corpus_values(source: str, expected_file: str) -> None:
    expected = json.loads((CORPUS / expected_file).read_text(encoding="utf-8"))
    report = api.read(CORPUS / source)
    assert report.year == expected["year"]
    assert str(report.template) == expected["template"]
    assert report.agency is not None and expected["agency"].startswith(report.agency)
    got = _flatten(report.to_json()["tables"])
    want = _flatten(expected["tables"])
    ambiguous = AMBIGUOUS_BY_DESIGN.get(source, {})
    open_rows = {f"active.{row}" for row in ambiguous}
    for key, value in want.items():
        if key.rsplit(".", 1)[0] in open_rows and got.get(key) is None:
            continue  # checked below: null with the true split among the candidates
        assert got.get(key, "absent") == value, key
    assert set(got) == set(want)
    problems = {p.where: p for p in report.problems if p.code == "ambiguous"}
    assert set(problems) == open_rows
    for row, split in ambiguous.items():
        assert list(split) in problems[f"active.{row}"].detail["candidates"], row
        assert any(got[k] is None for k in want if k.startswith(f"active.{row}.")), row


@pytest.mark.parametrize("source", CRAWLED)
def test_crawled_reports_raise_no_reading_problem_beyond_the_open_splits(source: str) -> None:
    """All six sections are found, however their headings are worded, and every cell of the
    crawled tables is read or declared open: no row is lost to a missing or extra value, and a
    blank is only where the page had an empty cell."""
    report = api.read(CORPUS / source)
    assert [s.expected for s in report.sections] == [1, 2, 3, 4, 5, 6]
    codes = {(p.code, p.where) for p in report.problems if p.code != "ambiguous"}
    expected = {
        "pt-gaj-2019.txt": {("blank_cell", "requests.received.enterprise")},
        "pt-haitan-2024.txt": {("row_missing", "active.rules")},
    }.get(source, set())
    assert codes == expected


def test_pingtan_ambiguous_cells_are_reported_with_the_true_split_among_candidates() -> None:
    report = api.read(CORPUS / "pingtan-2023.txt")
    [problem] = [p for p in report.problems if p.code == "ambiguous"]
    assert problem.where == "active.normative_documents"
    assert [77, 132, 470] in problem.detail["candidates"]
    assert all(c[0] == 77 for c in problem.detail["candidates"])
    assert report.scope == "summary"


def test_shanghai_blank_cells_are_null_with_problems_and_units_are_kept() -> None:
    report = api.read(CORPUS / "shanghai-office-2019.html")
    assert report.cell("active.procurement.amount") == 251000
    assert report.provenance["active.procurement.amount"].raw == "251000元"
    blank = {p.where for p in report.problems if p.code == "blank_cell"}
    assert "requests.received.research" in blank
    assert "requests.received.natural_person" not in blank


@pytest.mark.parametrize("separator", ["\n", "\t"], ids=["cell-per-line", "tab"])
def test_an_html_page_as_its_text_reads_to_the_same_cells(separator: str, tmp_path: Path) -> None:
    """The Shanghai page as HTML-to-text tools give it (BeautifulSoup's ``get_text(separator)``, the
    same in selectolax): every text node on its own line, or tab-separated. The page leaves zero cells
    empty (``&nbsp;``), so those cells are lines of one no-break space, and a row's empty cells may
    be its last ones (most 总计 cells are empty): all 198 cells still read as printed."""
    from selectolax.lexbor import LexborHTMLParser

    html = (CORPUS / "shanghai-office-2019.html").read_text(encoding="utf-8")
    tree = LexborHTMLParser(html)
    source = tmp_path / "page.txt"
    source.write_text((tree.body or tree.root).text(separator=separator), encoding="utf-8")
    expected = json.loads((CORPUS / "shanghai-office-2019.expected.json").read_text(encoding="utf-8"))
    report = api.read(source)
    assert _flatten(report.to_json()["tables"]) == _flatten(expected["tables"])
    assert {p.code for p in report.problems} <= {"blank_cell"}
