"""Settling section 三's glued rows with the table's arithmetic as a whole.

A crawler row such as "220000022" splits as 22|0|…|22 or 2|20|…|22; alone it is ambiguous, but
the table's identities usually admit one of them: each row's six applicant columns add up to its
总计, the outcome rows add up to the （七）总计 row, and per column 本年新收 + 上年结转 = 办理结果总计
+ 结转下年度. All open rows are settled together, so a row that is ambiguous alone is decided
by the columns it shares with the others.

The arithmetic is trusted only as far as the print shows it holds: when the rows that the digits
alone settle do not add up (a report that prints 总计 0 in every row), no open row is settled
by its row sum; and when no choice of splits satisfies the column identities, none is forced.
What stays open is null with an ``ambiguous`` problem listing the candidate splits.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from gongkai.model import keys
from gongkai.readers.extract.values import RowResult

Option = tuple[int | Decimal | None, ...]

_MAX_COMBINATIONS = 20000
_FRAME = ("received", "carried_over", "total", "carried_forward")


def settle_requests(results: dict[str, RowResult]) -> None:
    """Choose each open row's split; rows settled by their own digits are left as they are."""
    open_rows = [k for k, r in results.items() if r.problem == "ambiguous" and (r.options or r.balanced)]
    if not open_rows:
        return
    trust_rows = _rows_trusted([r.values for k, r in results.items() if k not in open_rows and r.problem is None])
    domains: dict[str, list[Option]] = {}
    for key in open_rows:
        row = results[key]
        if trust_rows and row.balanced is not None:
            domains[key] = list(row.balanced)
        else:
            domains[key] = list(_options(row))
    combinations = 1
    for domain in domains.values():
        combinations *= max(1, len(domain))
    if combinations > _MAX_COMBINATIONS:  # too many to try: narrow them column by column first
        pruned = _prune(results, domains)
        domains = pruned if pruned is not None else domains
    feasible = _joint(results, domains)
    if feasible is not None:
        domains = feasible
    for key in open_rows:
        _settle(results[key], domains[key])


def _options(row: RowResult) -> list[Option]:
    """Every split of the row, listed now if reading left it for later; none if there are too many."""
    if row.options is None and row.source is not None:
        from gongkai.readers.extract.split import split_stretch  # glued runs only: loaded when met

        stretch, n, width = row.source
        found = split_stretch(stretch, n, width)
        row.options = found.options if found.complete and found.problem is None else []
    return row.options or []


def _settle(row: RowResult, domain: list[Option]) -> None:
    span = next((w for w in row.wheres if w is not None), None)
    if len(domain) == 1:
        row.values = list(domain[0])
        row.wheres = [span if v is not None else None for v in row.values]
        row.problem = "blank_cell" if any(v is None for v in row.values) else None
        row.printed = ["" if v is None else str(v) for v in row.values] if row.problem else None
        row.candidates = None
        return
    shown = domain or _options(row)
    if shown:
        row.values = [col[0] if len(set(col)) == 1 else None for col in zip(*shown, strict=True)]
        if span is not None:
            row.wheres = [span if v is not None else None for v in row.values]
    row.candidates = [list(o) for o in shown[:20]]


def _rows_trusted(settled: list[list[int | Decimal | None]]) -> bool:
    """Whether the rows the digits alone settle show that the row sums hold in this print.

    One misprinted row is an agency's slip and leaves the rule standing; two or more failures
    show a table that does not follow it (总计 printed 0 in every row), where choosing splits by
    the rule would invent values. Where the rule is trusted but no split of a row adds up, the
    row stays open: the print's own arithmetic is never forced onto it.
    """
    failures = sum(1 for v in settled if not _row_adds_up(v))
    return failures <= 1


def _row_adds_up(values: list[int | Decimal | None]) -> bool:
    if len(values) != 7 or any(v is None for v in values):
        return True  # a blank cell: nothing to check
    return sum(values[:6]) == values[6]  # type: ignore[arg-type]


_MAX_SUMS = 4000  # reachable partial sums kept per column; more and the column is not used


def _prune(results: dict[str, RowResult], domains: dict[str, list[Option]]) -> dict[str, list[Option]] | None:
    """Drop every split that no choice for the other rows lets a column identity hold.

    Column by column, the sums the outcome rows can reach are tracked before and after each row,
    so a table of many open rows is narrowed without trying every combination. None when the
    identities cannot hold at all as printed: then they decide nothing.
    """
    dom: dict[str, list[Option]] = {k: list(domains[k]) if k in domains else [tuple(r.values)]
                                    for k, r in results.items()}
    outcomes = [k for k in dom if k not in _FRAME]
    for _ in range(4):
        changed = False
        for j in range(len(keys.REQUEST_COLUMNS)):
            allowed = _column_allowed(dom, outcomes, j)
            if allowed is None:
                continue
            for key, values in allowed.items():
                kept = [o for o in dom[key] if o[j] in values]
                if not kept:
                    return None
                if len(kept) < len(dom[key]):
                    dom[key] = kept
                    changed = True
        if not changed:
            break
    return {k: dom[k] for k in domains}


def _column_allowed(
    dom: dict[str, list[Option]], outcomes: list[str], j: int
) -> dict[str, set[int | Decimal | None]] | None:
    """The values of column ``j`` each row may take with 总计 = Σ outcomes; None if unusable."""
    if "total" not in dom or not outcomes:
        return None
    sets = [{o[j] for o in dom[k]} for k in outcomes]
    totals = {o[j] for o in dom["total"]}
    if any(None in s for s in sets) or None in totals:
        return None
    prefix: list[set[int | Decimal]] = [{0}]
    for values in sets:
        nxt = {p + v for p in prefix[-1] for v in values}  # type: ignore[operator]
        if len(nxt) > _MAX_SUMS:
            return None
        prefix.append(nxt)
    suffix: list[set[int | Decimal]] = [{0}]
    for values in reversed(sets):
        suffix.append({q + v for q in suffix[-1] for v in values})  # type: ignore[operator]
        if len(suffix[-1]) > _MAX_SUMS:
            return None
    suffix.reverse()
    out: dict[str, set[int | Decimal | None]] = {"total": {t for t in totals if t in prefix[-1]}}
    for i, key in enumerate(outcomes):
        before, after = prefix[i], suffix[i + 1]
        out[key] = {v for v in sets[i] if any((t - v - q) in before for t in totals for q in after)}  # type: ignore[operator]
    return out


def _joint(results: dict[str, RowResult], domains: dict[str, list[Option]]) -> dict[str, list[Option]] | None:
    """Each open row's splits that some choice for all the others lets the columns hold, or None."""
    open_rows = [k for k, d in domains.items() if len(d) > 1]
    if not open_rows:
        return None
    count = 1
    for key in open_rows:
        count *= len(domains[key])
        if count > _MAX_COMBINATIONS:
            return None
    base: dict[str, list[int | Decimal | None]] = {k: list(r.values) for k, r in results.items()}
    for key, domain in domains.items():
        if len(domain) == 1:
            base[key] = list(domain[0])
    passing: list[tuple[Option, ...]] = []
    for combo in itertools.product(*(domains[k] for k in open_rows)):
        values = dict(base)
        for key, option in zip(open_rows, combo, strict=True):
            values[key] = list(option)
        if _columns_hold(values):
            passing.append(combo)
    if not passing:
        return None
    out = dict(domains)
    for i, key in enumerate(open_rows):
        out[key] = sorted({c[i] for c in passing}, key=lambda o: tuple(-1 if v is None else v for v in o))
    return out


def _columns_hold(values: dict[str, list[int | Decimal | None]]) -> bool:
    outcomes = [k for k in values if k not in _FRAME]
    for j in range(len(keys.REQUEST_COLUMNS)):
        total = values.get("total", [None] * 7)[j]
        parts = [values[k][j] for k in outcomes]
        if total is not None and all(p is not None for p in parts) and sum(parts) != total:  # type: ignore[arg-type]
            return False
        terms = [values.get(k, [None] * 7)[j] for k in _FRAME]
        if all(t is not None for t in terms) and terms[0] + terms[1] != terms[2] + terms[3]:  # type: ignore[operator]
            return False
    return True
