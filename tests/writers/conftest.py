"""Shared fixtures: one balanced, non-zero report per template."""

from __future__ import annotations

import pytest

from gongkai.model.keys import Template
from gongkai.model.report import Report

from .samples import sample


@pytest.fixture(params=[Template.V2021, Template.V2019], ids=["2021", "2019"])
def report(request: pytest.FixtureRequest) -> Report:
    return sample(request.param)
