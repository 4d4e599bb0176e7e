from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.model.report import Report, Source
from gongkai.model.template import TEMPLATE_2021
from gongkai.supervise.aggregate import (
    compare_with_summary,
    jumps,
    region_totals,
    year_over_year,
    zero_columns,
)

KEYS = TEMPLATE_2021.cell_keys()


def _report(cells: dict[str, int | Decimal | None], year: int = 2023) -> Report:
    r = Report(Source("x.txt", "text"), year=year)
    for key, value in cells.items():
        r.set_cell(key, value)
    return r


values = st.one_of(st.none(), st.integers(0, 10_000))
agency_cells = st.dictionaries(st.sampled_from(KEYS[:40] + KEYS[-15:]), values, max_size=30)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), agency_cells), min_size=1, max_size=8))
def test_totals_equal_a_brute_force_sum(per_agency: list[dict[str, int | None] | None]) -> None:
    reports = {f"机关{i}": (None if cells is None else _report(cells)) for i, cells in enumerate(per_agency)}
    totals = region_totals(reports, 2023)
    assert totals.keys == KEYS
    assert totals.missing == tuple(a for a, r in reports.items() if r is None)
    for key in KEYS:
        present = {a: r.cell(key) for a, r in reports.items() if r is not None and r.cell(key) is not None}
        cell = totals.cells[key]
        assert cell.value == (sum(present.values()) if present else None)
        assert set(cell.counted) == set(present)
        assert set(cell.lacking) == set(reports) - set(present)
        assert cell.complete == (len(present) == len(reports))


def test_missing_agency_makes_totals_incomplete() -> None:
    reports = {"甲局": _report({"requests.received.total": 5, "active.fees.amount": Decimal("1.5")}),
               "乙局": _report({"requests.received.total": 7, "active.fees.amount": Decimal("2")}),
               "丙镇": None}
    totals = region_totals(reports, 2023)
    cell = totals.cells["requests.received.total"]
    assert (cell.value, cell.counted, cell.lacking, cell.complete) == (12, ("甲局", "乙局"), ("丙镇",), False)
    assert totals.missing == ("丙镇",) and not totals.complete
    assert totals.to_json()["requests.received.total"] == 12
    assert totals.to_json()["active.fees.amount"] == 3.5
    assert totals.to_json()["requests.granted.total"] is None


def test_summary_report_compared_with_totals() -> None:
    reports = {"甲局": _report({"requests.received.total": 5, "requests.granted.total": 2}),
               "乙局": _report({"requests.received.total": 7, "requests.granted.total": 3})}
    totals = region_totals(reports, 2023)
    summary = _report({"requests.received.total": 12, "requests.granted.total": 4})
    diffs = compare_with_summary(totals, summary)
    assert [(d.key, d.printed, d.total, d.complete) for d in diffs] == [("requests.granted.total", 4, 5, True)]


def test_year_over_year() -> None:
    old = region_totals({"甲局": _report({"requests.received.total": 4}, 2022)}, 2022)
    new = region_totals({"甲局": _report({"requests.received.total": 6})}, 2023)
    change = year_over_year(old, new)["requests.received.total"]
    assert (change.previous, change.current, change.delta, change.ratio) == (4, 6, 2, 1.5)


def test_tenfold_jump_both_ways() -> None:
    by_year = {
        2021: {"甲局": _report({"requests.received.total": 3}, 2021), "乙局": _report({"requests.received.total": 200}, 2021),
               "丙局": _report({"requests.received.total": 0}, 2021)},
        2022: {"甲局": _report({"requests.received.total": 45}, 2022), "乙局": _report({"requests.received.total": 15}, 2022),
               "丙局": _report({"requests.received.total": 3}, 2022)},
    }
    found = jumps(by_year)
    assert [(o.agency, o.years, o.values) for o in found] == [("乙局", (2021, 2022), (200, 15)),
                                                              ("甲局", (2021, 2022), (3, 45))]
    assert found[1].message == "甲局 requests.received.total 由 2021 年的 3 增至 2022 年的 45，变化超过 10 倍，请核实"


def test_zero_column_for_years() -> None:
    def cells(enterprise: int) -> dict[str, int | None]:
        return {"requests.received.natural_person": 5, "requests.received.enterprise": enterprise,
                "requests.granted.enterprise": 0, "requests.received.total": 5 + enterprise}
    stuck = {2021: cells(0), 2022: cells(0), 2023: cells(0)}
    found = zero_columns(stuck, agency="甲局")
    keys = [o.key for o in found]
    assert "requests.*.enterprise" in keys
    assert "requests.*.natural_person" not in keys
    assert all(not k.startswith("appeals") for k in keys)  # an empty table is not suspicious
    enterprise = next(o for o in found if o.key == "requests.*.enterprise")
    assert enterprise.message == "甲局“商业企业”一列 2021–2023 年连续 3 年全为 0，请核实是否漏填"
    assert zero_columns({2021: cells(0), 2022: cells(1), 2023: cells(0)}) == []
    assert zero_columns({2022: cells(0), 2023: cells(0)}) == []  # two years are not "for years"
