"""The generic equation evaluator behind every arithmetic rule."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from gongkai.audit import Context
from gongkai.audit.equations import Equation, Term, evaluate
from gongkai.audit.rules.arith import BALANCE

NP = BALANCE[0]  # the natural_person column


def test_balanced_column_gives_no_hit(make, settings) -> None:
    assert evaluate(NP, Context(make(), settings)) is None


def test_unbalanced_column_names_cells_and_numbers(make, settings) -> None:
    r = make()
    r.set_cell("requests.received.natural_person", 3)
    r.set_cell("requests.carried_over.natural_person", 0)
    r.set_cell("requests.total.natural_person", 2)
    r.set_cell("requests.carried_forward.natural_person", 0)
    hit = evaluate(NP, Context(r, settings))
    assert hit is not None
    assert hit.where == "requests.total.natural_person"
    assert hit.message == "第三部分“自然人”列：本年新收 3 + 上年结转 0 = 3，但办理结果总计 2 + 结转下年度 0 = 2"
    assert hit.message_en == (
        "section 3, column “natural persons”: received this year 3 + carried over from last year 0 = 3, "
        "but total handled 2 + carried forward 0 = 2"
    )


def test_a_blank_or_absent_term_skips_the_equation(make, settings) -> None:
    r = make()
    r.set_cell("requests.total.natural_person", 999)
    r.set_cell("requests.received.natural_person", None)
    assert evaluate(NP, Context(r, settings)) is None
    del r.tables["requests"]["received"]
    assert evaluate(NP, Context(r, settings)) is None
    r.tables["requests"] = None
    assert evaluate(NP, Context(r, settings)) is None


def test_decimals_and_signs(make, settings) -> None:
    r = make()
    r.set_cell("active.fees.amount", Decimal("12.5"))
    eq = Equation(
        "active.fees.amount", "收费", "fees",
        left=(Term("active.fees.amount", "金额", "amount"),),
        right=(Term("active.rules.in_force", "甲", "a"), Term("active.rules.issued", "乙", "b", sign=-1)),
    )
    hit = evaluate(eq, Context(r, settings))
    assert hit is not None
    assert hit.message == "收费：金额为 12.5，但甲 12 − 乙 1 = 11"
    r.set_cell("active.fees.amount", Decimal("11.0"))
    assert evaluate(eq, Context(r, settings)) is None


def test_long_sides_print_only_non_zero_terms(make, settings) -> None:
    r = make()
    terms = tuple(Term(f"requests.{row}.total", row, row) for row in ("granted", "partial", "withheld_secret",
                                                                     "withheld_law", "withheld_safety",
                                                                     "withheld_internal", "withheld_process",
                                                                     "withheld_query"))
    eq = Equation("requests.total.total", "上下文", "context", terms, (Term("requests.total.total", "总", "t"),))
    hit = evaluate(eq, Context(r, settings))
    assert hit is not None
    assert hit.message == "上下文：granted 47 + partial 11 = 58（其余 6 项为 0），但总为 83"
    assert hit.message_en == "context: granted 47 + partial 11 = 58 (the other 6 are 0), but t is 83"


def test_previous_terms_read_last_years_report(make, settings) -> None:
    this, last = make(year=2023), make(year=2022)
    eq = Equation(
        "requests.carried_over.total", "c", "c",
        left=(Term("requests.carried_over.total", "本年", "now"),),
        right=(Term("requests.carried_over.total", "上年", "then", previous=True),),
    )
    assert evaluate(eq, Context(this, settings)) is None  # no previous report: skipped
    assert evaluate(eq, Context(this, settings, last)) is None
    last.set_cell("requests.carried_over.total", 7)
    hit = evaluate(eq, Context(this, settings, last))
    assert hit is not None and hit.message == "c：本年为 5，但上年为 7"


@hyp_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    version=st.sampled_from(["2021", "2019"]),
    changes=st.lists(
        st.tuples(
            st.sampled_from(["received", "carried_over", "granted", "partial", "total", "carried_forward", "other"]),
            st.sampled_from(["natural_person", "commercial", "legal_services", "total"]),
            st.one_of(st.none(), st.integers(-3, 9), st.just(Decimal("1.5")), st.just("absent")),
        ),
        max_size=6,
    ),
)
def test_a_rules_check_finds_exactly_what_the_equations_one_by_one_find(make, settings, version, changes) -> None:
    """A rule's check (fast path included) gives exactly the hits of evaluating each equation on
    its own, whatever blanks, absent cells, Decimals and imbalances the table holds."""
    from gongkai.audit.equations import equation_check
    from gongkai.audit.rules.arith import OUTCOME_TOTAL, ROW_TOTAL, outcome_rows

    r = make(version)
    for row, column, value in changes:
        cols = r.tables["requests"].setdefault(row, {})
        if value == "absent":
            cols.pop(column, None)
        else:
            cols[column] = value
    for eqs in (BALANCE, ROW_TOTAL, OUTCOME_TOTAL[outcome_rows(r)]):
        one_by_one = [h for eq in eqs if (h := evaluate(eq, Context(r, settings))) is not None]
        assert list(equation_check(eqs)(Context(r, settings))) == one_by_one
