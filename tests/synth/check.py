"""Comparing what a reader returned with what was rendered, cell by cell, with readable failures."""

from __future__ import annotations

from gongkai.model.report import Report
from gongkai.model.template import TEMPLATES

from .layouts.common import Rendering

META_FIELDS: tuple[str, ...] = ("agency", "year", "template", "period", "published_on")


def has_problem(report: Report, key: str) -> bool:
    """A null cell must be explained by a problem naming it (or its row or table)."""
    return any(p.where and (key == p.where or key.startswith(p.where + ".")) for p in report.problems)


def mismatches(rendering: Rendering, got: Report) -> list[str]:
    expected = rendering.expected
    assert expected.template is not None
    out: list[str] = []
    for name in META_FIELDS:
        want, have = getattr(expected, name), getattr(got, name)
        if want != have:
            out.append(f"{name}: expected {want!r}, read {have!r}")
    for key in TEMPLATES[expected.template].cell_keys():
        want, have = expected.cell(key), got.cell(key)
        reason = rendering.lenient.get(key)
        if have is None and not has_problem(got, key):
            out.append(f"{key}: null without a problem entry (expected {want!r})")
            continue
        if have == want and (have is None) == (want is None):
            continue
        if reason in ("ambiguous", "lost") and have is None:
            continue
        if reason == "marker" and (have == 0 or have is None):
            continue
        note = f" [{reason}: may be null]" if reason else ""
        out.append(f"{key}: expected {want!r}, read {have!r}{note}")
    return out


def explain(rendering: Rendering, problems: list[str], case: object) -> str:
    head = "\n  ".join(problems[:25])
    more = f"\n  … and {len(problems) - 25} more" if len(problems) > 25 else ""
    return (f"layout {rendering.layout}: {len(problems)} difference(s) for {case!r}\n  {head}{more}\n"
            f"reproduce: tests/synth/show.py {rendering.layout} {case!r}")
