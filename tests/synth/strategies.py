"""Hypothesis strategies over synthetic reports.

A case is a handful of small numbers (seed, template, year, kind, balanced) so that a failing
example prints short and reproduces exactly with ``case.build()``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from hypothesis import strategies as st

from gongkai.model.keys import Template
from gongkai.model.report import Report

from .generate import make_report
from .names import KINDS


@dataclass(frozen=True, slots=True)
class Case:
    seed: int
    template: Template
    year: int
    kind: str
    balanced: bool
    render_seed: int = 0

    def __repr__(self) -> str:  # short and pasteable into tests/synth/show.py
        return (f"Case(seed={self.seed}, template='{self.template.value}', year={self.year}, kind='{self.kind}', "
                f"balanced={self.balanced}, render_seed={self.render_seed})")

    def build(self) -> Report:
        return make_report(random.Random(self.seed), template=self.template, year=self.year,
                           balanced=self.balanced, kind=self.kind)

    def rng(self) -> random.Random:
        return random.Random(self.render_seed)


@st.composite
def cases(draw: st.DrawFn, template: Template | None = None, balanced: bool | None = None) -> Case:
    chosen = template or draw(st.sampled_from((Template.V2021, Template.V2019)))
    year = draw(st.integers(2021, 2025) if chosen is Template.V2021 else st.integers(2019, 2020))
    return Case(
        seed=draw(st.integers(0, 2**32 - 1)),
        template=chosen,
        year=year,
        kind=draw(st.sampled_from(KINDS)),
        balanced=draw(st.booleans()) if balanced is None else balanced,
        render_seed=draw(st.integers(0, 2**16)),
    )


def reports(template: Template | None = None, balanced: bool | None = None) -> st.SearchStrategy[Report]:
    """Reports themselves, for properties that do not need a short reproduction."""
    return cases(template, balanced).map(Case.build)
