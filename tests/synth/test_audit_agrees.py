"""The audit and the generator agree: a balanced report printed and read back draws no error or
warning; each planted defect is caught by the rule made for it (and its kind of severity)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from gongkai import api
from gongkai.model.findings import Severity

from .layouts import LAYOUTS
from .strategies import Case, cases

DEFECT_RULES = {
    "row_total": "arith.requests.row_total",
    "balance": "arith.requests.balance",
    "outcome_total": "arith.requests.outcome_total",
    "appeals_total": "arith.appeals.total",
    "text_sum": "text.sum",
}
AUDIT = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _findings(case: Case) -> list:  # type: ignore[type-arg]
    rendering = LAYOUTS["tabs"](case.build(), case.rng())
    return api.check([api.read(rendering.filename, data=rendering.data)])


@AUDIT
@given(case=cases(balanced=True))
def test_balanced_reports_draw_no_errors_or_warnings(case: Case) -> None:
    loud = [f"{f.rule} {f.where}: {f.message}" for f in _findings(case) if f.severity is not Severity.INFO]
    assert not loud, (case, loud)


@AUDIT
@given(case=cases(balanced=False))
def test_each_planted_defect_is_found(case: Case) -> None:
    rules = {f.rule for f in _findings(case)}
    for defect in case.build().meta["synth"]["defects"]:
        assert DEFECT_RULES[defect] in rules, (case, defect, sorted(rules))
