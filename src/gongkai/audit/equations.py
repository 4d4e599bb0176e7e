"""Arithmetic rules as data: an equation is two lists of cell terms that must sum alike.

Rules declare equations (one per column, row or group) and share one evaluator, so the
template's 勾稽关系 read as what they are. An equation with a blank (None) or absent term is
skipped, never treated as 0: blanks and gaps are ``structure.cells``' business.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from operator import itemgetter, mul
from typing import Any

from gongkai.audit.labels import num
from gongkai.audit.rule import Check, Context, Hit
from gongkai.model.keys import split_key
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
    #: For ``evaluate``'s fast path: a getter of every term's value (left, then right) and the
    #: signs that make ``sum(signs · values) == 0`` the equation; None when the path does not apply.
    _fast: tuple[Callable[[Mapping[str, Any]], tuple[Any, ...]], tuple[int, ...]] | None = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        terms = (*self.left, *self.right)
        simple = len(terms) >= 2 and all(  # itemgetter of one key returns the bare value
            not t.previous and type(t.sign) is int and t.key.count(".") >= 2  # a bool is no sign
            for t in terms
        )
        signs = (*(t.sign for t in self.left), *(-t.sign for t in self.right))
        fast = (itemgetter(*(t.key for t in terms)), signs) if simple else None
        object.__setattr__(self, "_fast", fast)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(t.key for t in (*self.left, *self.right))


_ABSENT = object()


def _collect(terms: tuple[Term, ...], ctx: Context, out: list[tuple[Term, Number]]) -> bool:
    """Append each term's value to ``out``; False at the first blank or absent term.

    Reads the context's cell index (one dict lookup per term): the evaluator runs ~1,400 times
    per report, so ``Report.cell``'s key splitting dominated the audit.
    """
    current = ctx.index()
    for term in terms:
        if term.previous:
            index = ctx.previous_index()
            if index is None:
                return False
        else:
            index = current
        value = index.get(term.key, _ABSENT)
        if value is _ABSENT:
            split_key(term.key)  # a malformed key raises, as Report.has_cell does
            return False
        if value is None or isinstance(value, bool):  # bool is an int subclass; never a cell value
            return False
        out.append((term, value))  # type: ignore[arg-type]
    return True


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


def _balanced_ints(eq: Equation, index: Mapping[str, Any]) -> bool:
    """True when ``evaluate`` would surely return None: a term is blank/absent, or whole numbers agree.

    The common case by far, decided with C-level lookups and sums; every other case (a
    mismatch, Decimals, last year's cells, odd keys) takes the exact general path. Whole-number
    sums are exact, so their order does not matter; blank and absent terms give None alike
    because well-formed keys never raise.
    """
    fast = eq._fast
    if fast is None:
        return False
    getter, signs = fast
    try:
        values = getter(index)
    except KeyError:  # an absent term
        return True
    if None in values:  # a blank term
        return True
    types = set(map(type, values))
    if types != _INT:
        return bool in types  # a bool is never a cell value: skipped, as in the general path
    return sum(map(mul, signs, values)) == 0


_INT = {int}


def evaluate(eq: Equation, ctx: Context) -> Hit | None:
    """A hit when both sides are known and differ; None when they agree or a term is blank."""
    if _balanced_ints(eq, ctx.index()):
        return None
    return _general(eq, ctx)


def _general(eq: Equation, ctx: Context) -> Hit | None:
    left: list[tuple[Term, Number]] = []
    right: list[tuple[Term, Number]] = []
    if not (_collect(eq.left, ctx, left) and _collect(eq.right, ctx, right)):
        return None
    if sum((t.sign * v for t, v in left), 0) == sum((t.sign * v for t, v in right), 0):
        return None
    return Hit(
        eq.where,
        f"{eq.context_zh}：{_render(left, 'zh')}，但{_render(right, 'zh')}",
        f"{eq.context_en}: {_render(left, 'en')}, but {_render(right, 'en')}",
    )


Equations = Sequence[Equation] | Callable[[Report], Iterable[Equation]]


#: id of an equation list → (the list, the tables its terms read); the list is kept so its id stays its own.
_TABLES: dict[int, tuple[Sequence[Equation], tuple[str, ...]]] = {}
_TABLES_MAX = 64


def _tables(eqs: Sequence[Equation]) -> tuple[str, ...]:
    """The tables ``eqs``' terms read, once per list (rules pass the same few lists for every report)."""
    known = _TABLES.get(id(eqs))
    if known is not None and known[0] is eqs:
        return known[1]
    tables = tuple(dict.fromkeys(t.key.split(".", 1)[0] for eq in eqs for t in (*eq.left, *eq.right)))
    if len(_TABLES) >= _TABLES_MAX:
        _TABLES.clear()
    _TABLES[id(eqs)] = (eqs, tables)
    return tables


def equation_check(equations: Equations) -> Check:
    """A rule check that evaluates ``equations`` (a fixed list, or built per report)."""

    def check(ctx: Context) -> Iterator[Hit]:
        eqs = equations(ctx.report) if callable(equations) else equations
        index = ctx.index()
        if not all(map(ctx.counts_only, _tables(eqs))):
            for eq in eqs:
                if not _balanced_ints(eq, index):  # i.e. ``evaluate``
                    hit = _general(eq, ctx)
                    if hit is not None:
                        yield hit
            return
        # Every value is an int or blank: ``_balanced_ints`` without its type test.
        for eq in eqs:
            fast = eq._fast
            if fast is not None:
                getter, signs = fast
                try:
                    values = getter(index)
                except KeyError:  # an absent term
                    continue
                if None in values or not sum(map(mul, signs, values)):
                    continue
            hit = _general(eq, ctx)
            if hit is not None:
                yield hit

    return check


def reads_of(equations: Iterable[Equation]) -> tuple[str, ...]:
    """The distinct cell keys an equation list reads, in first-use order (for the docs)."""
    return tuple(dict.fromkeys(k for eq in equations for k in eq.keys))
