"""The per-report context and the fast paths behind it must answer exactly as the slow ones did.

The audit shares one ``Context`` among the rules of a report and takes shortcuts (a flat cell
index, whole-number sums at C speed, literal prefilters before regexes); these tests pin each
shortcut to the plain computation it replaces, over arbitrary inputs.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from gongkai.audit import Context, Rule, builtin_rules, run
from gongkai.audit.equations import _general, evaluate
from gongkai.audit.rule import cell_index
from gongkai.audit.rules.arith import APPEALS_TOTAL, BALANCE, OUTCOME_TOTAL, ROW_TOTAL
from gongkai.audit.rules.crossyear import CARRY, STOCK
from gongkai.audit.rules.text import CITATIONS, CLAIMS
from gongkai.audit.textscan import chunks, context_chunks, squeeze
from gongkai.model.findings import Severity
from gongkai.model.report import Report, Section, Source
from gongkai.settings import Settings

SETTINGS = Settings(database_url="sqlite://")

# -- the cell index ------------------------------------------------------------------------------

_NAMES = st.sampled_from(["a", "b", "total", "x.y", "received", "natural_person"])
_VALUES = st.one_of(st.none(), st.integers(-3, 3), st.decimals(allow_nan=False, places=1, min_value=-3, max_value=3))
_TABLES = st.dictionaries(
    _NAMES, st.one_of(st.none(), st.dictionaries(_NAMES, st.dictionaries(_NAMES, _VALUES, max_size=3), max_size=3))
)
_KEYS = st.one_of(
    st.builds(lambda *p: ".".join(p), _NAMES, _NAMES, _NAMES),
    st.sampled_from(["a", "a.b", "", "a.b.c.d", "x.y.a.b"]),
)


@given(_TABLES, st.lists(_KEYS, max_size=8))
def test_the_context_reads_cells_as_the_report_does(tables, keys) -> None:
    report = Report(Source("r.txt", "text"), tables=tables)
    ctx = Context(report, SETTINGS)
    assert ctx.cells() == report.cells()
    for key in keys:
        try:
            expected = (report.has_cell(key), report.cell(key))
        except ValueError:
            with pytest.raises(ValueError):
                ctx.has_cell(key)
            with pytest.raises(ValueError):
                ctx.cell(key)
            continue
        assert (ctx.has_cell(key), ctx.cell(key)) == expected
        assert (key in ctx.index()) == expected[0]


def test_cells_under_a_dotted_row_are_not_addressable() -> None:
    report = Report(Source("r.txt", "text"), tables={"requests": {"a.b": {"c": 1}, "a": {"b.c": 2}}})
    assert report.cells() == {"requests.a.b.c": 2}  # the later entry wins the flat key
    assert cell_index(report) == {"requests.a.b.c": 2}
    assert Context(report, SETTINGS).cell("requests.a.b.c") == report.cell("requests.a.b.c") == 2


def test_a_context_computes_each_memo_once() -> None:
    ctx = Context(Report(Source("r.txt", "text")), SETTINGS)
    calls: list[int] = []
    assert ctx.memo("x", lambda: calls.append(1) or 7) == 7
    assert ctx.memo("x", lambda: calls.append(1) or 8) == 7
    assert calls == [1]
    assert ctx == Context(ctx.report, SETTINGS)  # the memo is no part of equality


# -- equations: the whole-number shortcut --------------------------------------------------------

_CELL = st.one_of(  # mostly numbers, so that most equations are evaluated to the end
    st.integers(-2, 5),
    st.integers(0, 2),
    st.sampled_from([Decimal("1"), Decimal("2.5"), Decimal("-0"), 10**30, Decimal("1E+40")]),
    st.sampled_from(["absent", None, True, False, 0, 1]),
)
_EQUATIONS = (*BALANCE, *ROW_TOTAL, *OUTCOME_TOTAL[next(iter(OUTCOME_TOTAL))], *APPEALS_TOTAL)


@hsettings(max_examples=300)
@given(st.sampled_from(_EQUATIONS), st.data())
def test_the_fast_path_agrees_with_the_general_one(eq, data) -> None:
    report = Report(Source("r.txt", "text"), tables={})
    for term in (*eq.left, *eq.right):
        value = data.draw(_CELL)
        if not isinstance(value, str):
            report.set_cell(term.key, value)
    ctx = Context(report, SETTINGS)
    assert evaluate(eq, ctx) == _general(eq, ctx)


@given(st.sampled_from((*CARRY, *STOCK)), st.lists(_CELL, min_size=4, max_size=4))
def test_last_years_cells_take_the_general_path(eq, values) -> None:
    this, last = Report(Source("b.txt", "text")), Report(Source("a.txt", "text"))
    for i, term in enumerate((*eq.left, *eq.right)):
        target = last if term.previous else this
        if not isinstance(values[i], str):
            target.set_cell(term.key, values[i])
    assert eq._fast is None
    ctx = Context(this, SETTINGS, last)
    assert evaluate(eq, ctx) == _general(eq, ctx)


# -- text: squeezing and prefilters --------------------------------------------------------------

_PROSE = st.text(alphabet=st.sampled_from(list("申请信息公开条例》《行政复议诉讼件0123 \t\n\u3000\xa0\u2028\x1c收到未无人民办公室国令号个工作日")))


@given(_PROSE)
def test_squeeze_drops_exactly_what_re_calls_whitespace(text) -> None:
    assert squeeze(text) == re.sub(r"\s+", "", text)


@given(st.one_of(st.none(), _PROSE), st.lists(st.tuples(st.sampled_from([None, 1, 2, 3, 4, 7]), _PROSE), max_size=4))
def test_context_chunks_are_the_reports_chunks(preamble, sections) -> None:
    report = Report(
        Source("r.txt", "text"),
        sections=[Section(n, "标题" if i % 2 else "", text, expected=n) for i, (n, text) in enumerate(sections)],
        meta={"preamble": preamble} if preamble is not None else {},
    )
    ctx = Context(report, SETTINGS)
    assert context_chunks(ctx) == list(chunks(report))
    assert context_chunks(ctx, (1, 2, 3)) == list(chunks(report, sections=(1, 2, 3)))


def test_every_prefilter_is_in_every_match() -> None:
    samples = [
        "《中华人民共和国政府信息公开条例》", "《某某信息公开条例》", "中华人民共和国信息公开条例",
        "国办公开办函〔2019〕60号", "国办公开函[2021]30号", "政府信息公开与政务公开办公室", "15个工作日",
        "十五个工作日", "国务院令第492号", "国令四百九十二号", "某某市人民办公室",
        "收到政府信息公开申请12件", "未收到政府信息公开申请", "无依申请公开", "行政复议3件", "没有行政复议",
        "行政诉讼案件2件", "未发生行政诉讼",
    ]
    patterns = [(c.pattern, c.needs) for c in CITATIONS]
    patterns += [(p, c.needs) for c in CLAIMS for p in (c.count, c.none)]
    matched = 0
    for pattern, needs in patterns:
        for text in samples:
            for m in pattern.finditer(text):
                assert needs in m.group(0), (pattern.pattern, text)
                matched += 1
    assert matched >= len(samples)


# -- rules whose shortcuts must keep their failures ----------------------------------------------


def test_a_cell_under_a_dotted_column_still_breaks_the_domain_rule(make, settings) -> None:
    report = make()
    report.tables["active"]["rules"]["a.b"] = 1  # type: ignore[index]
    (finding,) = run([report], [r for r in builtin_rules() if r.id == "arith.cells.domain"], settings=settings)
    assert finding.severity == Severity.WARNING
    assert finding.message == "本条规则运行出错：ValueError: too many values to unpack (expected 3)"


def test_a_blank_cell_under_a_dotted_column_is_no_failure(make, settings) -> None:
    report = make()
    report.tables["active"]["rules"]["a.b"] = None  # type: ignore[index]
    assert run([report], [r for r in builtin_rules() if r.id == "arith.cells.domain"], settings=settings) == []


def test_negative_counts_and_fractions_are_found_in_cell_order(make, settings) -> None:
    report = make()
    report.set_cell("requests.received.enterprise", -1)
    report.set_cell("active.licensing.decisions", Decimal("2.5"))
    report.set_cell("active.fees.amount", Decimal("-1"))
    found = run([report], [r for r in builtin_rules() if r.id == "arith.cells.domain"], settings=settings)
    assert [f.where for f in found] == [
        "active.licensing.decisions", "active.fees.amount", "requests.received.enterprise",
    ]


def test_a_repeated_problem_is_named_once(make, settings) -> None:
    report = make()
    for _ in range(3):
        report.add_problem("blank_cell", "requests.received.research", "空白")
    report.add_problem("blank_cell", "requests.received.social_org", "空白")
    (finding,) = run([report], [r for r in builtin_rules() if r.id == "structure.cells"], settings=settings)
    assert finding.message.endswith("（共 2 处）")


def test_the_rule_plan_follows_the_rules_given(make, settings) -> None:
    report = make()
    report.set_cell("requests.received.enterprise", -1)
    everything = builtin_rules()
    only: list[Rule] = [r for r in everything if r.id == "arith.cells.domain"]
    assert {f.rule for f in run([report], only, settings=settings)} == {"arith.cells.domain"}
    assert len({f.rule for f in run([report], everything, settings=settings)}) > 1
    assert {f.rule for f in run([report], iter(only), settings=settings)} == {"arith.cells.domain"}


# -- whole-number tables -------------------------------------------------------------------------


def test_a_table_is_counts_only_when_every_cell_is_blank_or_an_int(make, settings) -> None:
    report = make()
    ctx = Context(report, settings)
    assert ctx.counts_only("requests") and ctx.counts_only("appeals") and ctx.counts_only("absent_table")
    report.set_cell("requests.granted.research", Decimal("1"))
    report.set_cell("appeals.review.other", True)
    fresh = Context(report, settings)  # a context answers once: rules must not change the report
    assert not fresh.counts_only("requests") and not fresh.counts_only("appeals")
    assert ctx.counts_only("requests")  # the first context's answer stands


_DOMAIN_VALUE = st.one_of(
    st.none(), st.integers(-2, 3), st.sampled_from([Decimal("2.5"), Decimal("-1"), Decimal("3"), True, False, 10**20])
)


@hsettings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_the_domain_rule_finds_what_the_cell_by_cell_check_finds(make, data) -> None:
    """Tables passed over whole (plain ints, none negative) hide no finding the per-cell check makes."""
    from gongkai.audit.rules.arith import _hits, _signed_or_decimal

    report = make(data.draw(st.sampled_from(["2021", "2019"])))
    keys = list(report.cells())
    for key in data.draw(st.lists(st.sampled_from(keys), max_size=8)):
        report.set_cell(key, data.draw(_DOMAIN_VALUE))
    want = [
        (hit.where, hit.message)
        for key, value in report.cells().items()
        if value is not None
        for hit in _hits(key, value, key.split(".")[0], *_signed_or_decimal(key.split(".")[0], key.split(".")[2]))
    ]
    domain = [r for r in builtin_rules() if r.id == "arith.cells.domain"]
    got = [(f.where, f.message) for f in run([report], domain, settings=SETTINGS)]
    assert sorted(got) == sorted(want)


def test_every_assertion_word_is_in_every_match() -> None:
    """``text.contradiction`` skips a chunk holding none of an assertion's ``needs``."""
    from gongkai.audit.rules.text_contradiction import ASSERTIONS

    samples = [
        "申请均已办结", "全部按时答复", "均予以答复", "尚有2件正在办理", "仍有1件未办结", "另有3件结转",
        "3件申请结转至下一年度", "2件顺延到下年度", "5件因故结转下年度", "未向申请人发出收费通知",
        "没有出具过任何信息处理费收费通知", "无行政事业性收费", "未收取任何行政事业性收费",
    ]
    matched = 0
    for assertion in ASSERTIONS:
        for text in samples:
            for m in assertion.pattern.finditer(text):
                assert any(word in m.group(0) for word in assertion.needs), (assertion.pattern.pattern, text)
                matched += 1
    assert matched >= len(samples)


def test_reports_audited_in_threads_at_once_get_the_findings_of_one_at_a_time(settings) -> None:
    """The audit's module caches (rule plans, equation tables, cell kinds) are shared by the
    threads of a web server checking uploads at the same moment: none may leak between reports."""
    from concurrent.futures import ThreadPoolExecutor
    from pathlib import Path

    from gongkai import api

    seeds = sorted((Path(__file__).parents[1] / "data" / "seeds").glob("*.txt"))
    reports = [api.read(p, settings=settings) for p in seeds]
    alone = [api.check([r], settings=settings) for r in reports]
    assert any(alone)  # the seeds have findings to compare
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(lambda r: api.check([r], settings=settings), reports * 20))
    assert together == alone * 20
