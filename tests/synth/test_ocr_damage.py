"""OCR damage (digits read as letters, misread label characters) over every text layout: never a
wrong value, every null cell explained by a problem, and no finding about the tables' values
that the undamaged text does not have is counted as the agency's error. (A misread heading may
still look like a missing section: text the reader cannot know to be OCR's is read as printed.)"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai import api
from gongkai.model.template import TEMPLATES

from .check import has_problem
from .layouts import LAYOUTS
from .ocr_damage import DAMAGES, damage
from .strategies import Case, cases

_VALUES = ("arith.", "structure.cells")
_LAYOUTS = ("md_converted", "pipes", "tabs", "cells", "pdftext", "md_spaced", "page_text")


@pytest.mark.parametrize("layout", _LAYOUTS)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(balanced=True), kinds=st.sets(st.sampled_from(DAMAGES), min_size=1))
def test_ocr_damage_never_gives_a_wrong_value_or_an_agency_error(layout: str, case: Case, kinds: set[str]) -> None:
    rendering = LAYOUTS[layout](case.build(), case.rng())
    clean = api.read(rendering.filename, data=rendering.data)
    text = damage(rendering.data.decode("utf-8"), case.rng(), frozenset(kinds), rate=0.08)
    got = api.read(rendering.filename, data=text.encode("utf-8"))
    expected = rendering.expected
    assert expected.template is not None
    for key in TEMPLATES[expected.template].cell_keys():
        have = got.cell(key)
        if have is None:
            assert has_problem(got, key) or expected.cell(key) is None, key
        else:
            assert have == expected.cell(key), (key, expected.cell(key), have)
    before = {(f.rule, f.where) for f in api.check([clean]) if f.is_report_error and f.rule.startswith(_VALUES)}
    after = {(f.rule, f.where) for f in api.check([got]) if f.is_report_error and f.rule.startswith(_VALUES)}
    assert after <= before, sorted(after - before)
