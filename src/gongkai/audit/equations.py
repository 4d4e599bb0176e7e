"""Arithmetic rules as data: an equation is two lists of cell terms that must sum alike.

Rules declare equations (one per column, row or group) and share one evaluator, so the
template's 勾稽关系 read as what they are. An equation with a blank (None) or absent term is
skipped, never treated as 0: blanks and gaps are ``structure.cells``' business.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from gongkai.audit.labels import num
from gongkai.audit.rule import Check, Context, Hit
from gongkai.model.report import Report

Number = int | Decimal

#: Sides longer than this print only their non-zero terms.
_LONG_SIDE = 7
#: (first term?, added?) → the operator printed before a term.
_OPS = {(True, True): "", (True, False): "−", (False, True): " + ", (False, False): " − "}


@dataclass(frozen=True, slots=True)
class Term:
    key: str  # a cell key, e.g. "requests.received.natural_person"
    zh: str  # how the message names it, e.g. "本年新收"
    en: str
    sign: int = 1  # -1 to subtract
    previous: bool = False  # read from last year's report (cross-year rules)


@dataclass(frozen=True, slots=True)
class Equation:
    """``sum(left) == sum(right)``; ``where`` is the cell a finding points at."""

    where: str
    context_zh: str  # e.g. "第三部分“自然人”列"
    context_en: str
    left: tuple[Term, ...]
    right: tuple[Term, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(t.key for t in (*self.left, *self.right))


def _value(term: Term, ctx: Context) -> Number | None:
    report = ctx.previous if term.previous else ctx.report
    if report is None or not report.has_cell(term.key):
        return None
    value = report.cell(term.key)
    if isinstance(value, bool):  # bool is an int subclass; never a cell value
        return None
    return value


def _render(terms: Sequence[tuple[Term, Number]], lang: str) -> str:
    total: Number = sum((t.sign * v for t, v in terms), 0)
    if len(terms) == 1:
        term, value = terms[0]
        label = term.zh if lang == "zh" else term.en
        return f"{label}为 {num(value)}" if lang == "zh" else f"{label} is {num(value)}"
    shown = list(terms)
    hidden = 0
    if len(terms) > _LONG_SIDE:
        shown = [(t, v) for t, v in terms if v != 0]
        hidden = len(terms) - len(shown)
    parts: list[str] = []
    for i, (term, value) in enumerate(shown):
        label = term.zh if lang == "zh" else term.en
        op = _OPS[(i == 0, term.sign > 0)]
        parts.append(f"{op}{label} {num(value)}")
    body = "".join(parts) if parts else ("0" if lang == "en" else "各项均为 0")
    text = f"{body} = {num(total)}"
    if hidden:
        text += f"（其余 {hidden} 项为 0）" if lang == "zh" else f" (the other {hidden} are 0)"
    return text


def evaluate(eq: Equation, ctx: Context) -> Hit | None:
    """A hit when both sides are known and differ; None when they agree or a term is blank."""
    left: list[tuple[Term, Number]] = []
    right: list[tuple[Term, Number]] = []
    for side, terms in ((left, eq.left), (right, eq.right)):
        for term in terms:
            value = _value(term, ctx)
            if value is None:
                return None
            side.append((term, value))
    if sum((t.sign * v for t, v in left), 0) == sum((t.sign * v for t, v in right), 0):
        return None
    return Hit(
        eq.where,
        f"{eq.context_zh}：{_render(left, 'zh')}，但{_render(right, 'zh')}",
        f"{eq.context_en}: {_render(left, 'en')}, but {_render(right, 'en')}",
    )


Equations = Sequence[Equation] | Callable[[Report], Iterable[Equation]]


def equation_check(equations: Equations) -> Check:
    """A rule check that evaluates ``equations`` (a fixed list, or built per report)."""

    def check(ctx: Context) -> Iterator[Hit]:
        eqs = equations(ctx.report) if callable(equations) else equations
        for eq in eqs:
            hit = evaluate(eq, ctx)
            if hit is not None:
                yield hit

    return check


def reads_of(equations: Iterable[Equation]) -> tuple[str, ...]:
    """The distinct cell keys an equation list reads, in first-use order (for the docs)."""
    return tuple(dict.fromkeys(k for eq in equations for k in eq.keys))
