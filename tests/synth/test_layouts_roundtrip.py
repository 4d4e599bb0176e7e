"""Every layout a report is published in reads back to the numbers it was printed from.

Renderings of realistic synthetic reports (both templates, balanced or not) go through
``gongkai.api.read``; every cell, the agency, year, template, period and signature date must come
back. Crawler-flattened text may leave a cell null (with a problem) only where its digits do not
split uniquely; HTML zero cells printed as "—", "/", "无" may read as 0 or null.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from gongkai import api

from .check import explain, mismatches
from .layouts import LAYOUTS
from .layouts import html as html_layout
from .strategies import Case, cases

ROUNDTRIP = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _roundtrip(layout: str, case: Case, **kwargs: bool) -> None:
    renderer = LAYOUTS[layout] if not kwargs else html_layout.render
    rendering = renderer(case.build(), case.rng(), **kwargs)
    report = api.read(rendering.filename, data=rendering.data)
    problems = mismatches(rendering, report)
    assert not problems, explain(rendering, problems, case)


@pytest.mark.parametrize("layout", list(LAYOUTS))
@ROUNDTRIP
@given(case=cases())
def test_layout_reads_back(layout: str, case: Case) -> None:
    _roundtrip(layout, case)


@ROUNDTRIP
@given(case=cases())
def test_html_zero_markers_read_as_zero_or_null(case: Case) -> None:
    _roundtrip("html", case, markers=True)


def test_crawl_section_four_partly_glued_where_section_three_glues() -> None:
    """Section 四 printed " 10 0 12 3091711 67 0 0 0 0 0" (found by a 400-example run): its runs
    are glued as section 三's are ("00000005"), so they are split by the groups' sums."""
    from gongkai.model.keys import Template

    _roundtrip("crawl", Case(seed=4504, template=Template.V2019, year=2019, kind="city_government", balanced=True,
                             render_seed=1640))
