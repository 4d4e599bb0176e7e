"""Arithmetic of the tables (template.md §b B1–B5), declared as equations over cell keys."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from gongkai.audit import labels as L
from gongkai.audit.equations import Equation, Term, equation_check
from gongkai.audit.rule import Context, Hit, Rule, table_values
from gongkai.model import keys, template
from gongkai.model.findings import Severity
from gongkai.model.keys import cell_key
from gongkai.model.report import Report

ALL_REQUEST_ROWS: tuple[str, ...] = tuple(dict.fromkeys((*keys.REQUEST_ROWS_2021, *keys.REQUEST_ROWS_2019)))


def _req(row: str, column: str, label: tuple[str, str]) -> Term:
    return Term(cell_key("requests", row, column), *label)


def _column_context(column: str) -> tuple[str, str]:
    zh, en = L.REQUEST_COLUMNS[column]
    return f"第三部分“{zh}”列", f"section 3, column “{en}”"


#: B1, the note printed on the form: 第一项 + 第二项 = 第三项 + 第四项, for every column.
BALANCE: tuple[Equation, ...] = tuple(
    Equation(
        cell_key("requests", "total", c),
        *_column_context(c),
        left=(_req("received", c, L.REQUEST_ROWS["received"]), _req("carried_over", c, L.REQUEST_ROWS["carried_over"])),
        right=(_req("total", c, L.REQUEST_ROWS["total"]), _req("carried_forward", c, L.REQUEST_ROWS["carried_forward"])),
    )
    for c in keys.REQUEST_COLUMNS
)

#: B3: 总计 column = the six applicant columns, for every row (rows absent are skipped).
ROW_TOTAL: tuple[Equation, ...] = tuple(
    Equation(
        cell_key("requests", row, "total"),
        f"第三部分“{L.REQUEST_ROWS[row][0]}”行",
        f"section 3, row “{L.REQUEST_ROWS[row][1]}”",
        left=tuple(_req(row, c, L.REQUEST_COLUMNS[c]) for c in keys.APPLICANT_COLUMNS),
        right=(_req(row, "total", L.REQUEST_COLUMNS["total"]),),
    )
    for row in ALL_REQUEST_ROWS
)


def outcome_rows(report: Report) -> tuple[str, ...]:
    """The outcome rows （一）…（六） this table has: 2021's three （六） rows or 2019's single one."""
    rows = report.tables.get("requests") or {}
    if any(r in rows for r in keys.OTHER_ROWS_2021):
        return keys.OUTCOME_ROWS_2021
    if any(r in rows for r in keys.OTHER_ROWS_2019):
        return keys.OUTCOME_ROWS_2019
    return keys.OUTCOME_ROWS_2021 if report.template == keys.Template.V2021 else keys.OUTCOME_ROWS_2019


def _outcome_equations(outcomes: tuple[str, ...]) -> tuple[Equation, ...]:
    return tuple(
        Equation(
            cell_key("requests", "total", c),
            *_column_context(c),
            left=tuple(_req(r, c, L.REQUEST_ROWS[r]) for r in outcomes),
            right=(_req("total", c, ("（七）总计", "total (7)")),),
        )
        for c in keys.REQUEST_COLUMNS
    )


#: B2a: （七）总计 = the sum of the outcome rows （一）…（六）.
OUTCOME_TOTAL: dict[tuple[str, ...], tuple[Equation, ...]] = {
    rows: _outcome_equations(rows) for rows in (keys.OUTCOME_ROWS_2021, keys.OUTCOME_ROWS_2019)
}

#: B4: per group of section 4, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
APPEALS_TOTAL: tuple[Equation, ...] = tuple(
    Equation(
        cell_key("appeals", g, "total"),
        f"第四部分“{L.APPEAL_GROUPS[g][0]}”",
        f"section 4, “{L.APPEAL_GROUPS[g][1]}”",
        left=tuple(Term(cell_key("appeals", g, c), *L.APPEAL_COLUMNS[c]) for c in keys.APPEAL_COLUMNS[:4]),
        right=(Term(cell_key("appeals", g, "total"), *L.APPEAL_COLUMNS["total"]),),
    )
    for g in keys.APPEAL_GROUPS
)


def _active_column_kinds() -> dict[str, tuple[bool, bool]]:
    """(signed, decimal) of every section 2 column, the 2021 form's first."""
    kinds: dict[str, tuple[bool, bool]] = {}
    for spec in (template.TEMPLATE_2021, template.TEMPLATE_2019):
        for block in spec.active_blocks:
            for col in block.columns:
                kinds.setdefault(col.key, (col.signed, col.decimal))
    return kinds


_ACTIVE_KINDS = _active_column_kinds()


def _signed_or_decimal(table: str, column: str) -> tuple[bool, bool]:
    if table != "active":
        return False, False
    return _ACTIVE_KINDS.get(column, (False, False))


#: cell key → (table, signed, decimal), for the keys that split in three; _domain visits every
#: cell of every report.
_KEY_KINDS: dict[str, tuple[str, bool, bool]] = {}
_KEY_KINDS_MAX = 4096  # keys come from reports; do not let odd ones grow the cache without bound


def _learn(keys: Iterable[str]) -> None:
    for key in keys:
        parts = key.split(".")
        if len(parts) == 3 and len(_KEY_KINDS) < _KEY_KINDS_MAX:
            _KEY_KINDS[key] = (parts[0], *_signed_or_decimal(parts[0], parts[2]))


def _hits(key: str, value: int | Decimal, table: str, signed: bool, decimal: bool) -> Iterator[Hit]:
    if value < 0 and not signed:
        zh, en = L.cell_label(key)
        yield Hit(key, f"{L.TABLE_ZH.get(table, table)}“{zh}”为负数 {L.num(value)}", f"{en} is negative ({L.num(value)})")
    elif isinstance(value, Decimal) and not decimal and value != value.to_integral_value():
        zh, en = L.cell_label(key)
        yield Hit(
            key,
            f"{L.TABLE_ZH.get(table, table)}“{zh}”应为整数，却为 {L.num(value)}",
            f"{en} must be a whole number, not {L.num(value)}",
        )


def _domain(ctx: Context) -> Iterator[Hit]:
    """B5: counts are whole numbers ≥ 0; amounts ≥ 0; only 2019's 本年增/减 may be negative."""
    cells = ctx.cells()
    known = cells.keys() <= _KEY_KINDS.keys()
    if not known:
        _learn(cells.keys() - _KEY_KINDS.keys())
        known = cells.keys() <= _KEY_KINDS.keys()
    if known:
        # Every key splits in three (so no name has a dot and the tables list the cells in
        # ``cells`` order), and only the value decides; a value neither negative nor a Decimal
        # can give no hit. A table of plain ints none below 0 (``filter`` drops blanks and
        # zeros) is passed over whole, in C; elsewhere such values are skipped before the
        # column is looked up.
        for table, rows in ctx.report.tables.items():
            if not rows:
                continue
            if ctx.counts_only(table) and min(filter(None, table_values(ctx.report, table)), default=0) >= 0:
                continue
            for row, cols in rows.items():
                for column, value in cols.items():
                    if value is None:
                        continue
                    if value < 0 or isinstance(value, Decimal):
                        key = f"{table}.{row}.{column}"
                        yield from _hits(key, value, *_KEY_KINDS[key])
        return
    for key, value in cells.items():
        if value is None:
            continue
        table, _, column = key.split(".")  # a key with a dotted column raises, caught by the engine
        yield from _hits(key, value, table, *_signed_or_decimal(table, column))


#: B2b: subtotal rows some reports print on the group labels （三）…（六）, as the reader keeps them.
SUBTOTAL_GROUPS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "withheld": ("（三）不予公开", "(3) withheld", keys.OUTCOME_ROWS_COMMON[2:10]),
    "unavailable": ("（四）无法提供", "(4) unavailable", keys.OUTCOME_ROWS_COMMON[10:13]),
    "not_handled": ("（五）不予处理", "(5) not handled", keys.OUTCOME_ROWS_COMMON[13:18]),
    "other": ("（六）其他处理", "(6) other", keys.OTHER_ROWS_2021),
}


def _subtotals(ctx: Context) -> Iterator[Hit]:
    printed = ctx.report.meta.get("request_subtotals") or {}
    for group, values in printed.items():
        if group not in SUBTOTAL_GROUPS:
            continue
        zh, en, rows = SUBTOTAL_GROUPS[group]
        for column, value in zip(keys.REQUEST_COLUMNS, values, strict=False):
            parts = [ctx.cell(cell_key("requests", r, column)) for r in rows]
            if value is None or any(p is None for p in parts):
                continue
            total = sum(parts)  # type: ignore[arg-type]
            if total != value:
                col_zh, col_en = L.REQUEST_COLUMNS[column]
                yield Hit(
                    f"requests.{group}.{column}",
                    f"第三部分“{col_zh}”列：小计行“{zh}”为 {L.num(value)}，但其下各项之和为 {L.num(total)}",
                    f"section 3, column “{col_en}”: subtotal row “{en}” is {L.num(value)} but its items add to "
                    f"{L.num(total)}",
                )


RULES: list[Rule] = [
    Rule(
        "arith.requests.balance",
        Severity.ERROR,
        "第三部分每一列：本年新收 + 上年结转 应等于 办理结果总计 + 结转下年度（表中注明的勾稽关系）。",
        "Section 3, every column: received + carried over must equal total handled + carried forward "
        "(the balance printed on the form).",
        equation_check(BALANCE),
        reads=("requests.received.*", "requests.carried_over.*", "requests.total.*", "requests.carried_forward.*"),
    ),
    Rule(
        "arith.requests.row_total",
        Severity.ERROR,
        "第三部分每一行：“总计”列应等于六个申请人列之和。",
        "Section 3, every row: the total column must equal the sum of the six applicant columns.",
        equation_check(ROW_TOTAL),
        reads=("requests.*.*",),
    ),
    Rule(
        "arith.requests.outcome_total",
        Severity.ERROR,
        "第三部分每一列：（七）总计应等于（一）至（六）各办理结果行之和（2021年格式（六）分三行，2019年格式为一行）。",
        "Section 3, every column: (7) total must equal the sum of the outcome rows (1)–(6) "
        "(three (6) rows in the 2021 form, one in the 2019 form).",
        equation_check(lambda report: OUTCOME_TOTAL[outcome_rows(report)]),
        reads=("requests.{granted…other_misc | other}.*", "requests.total.*"),
    ),
    Rule(
        "arith.appeals.total",
        Severity.ERROR,
        "第四部分每一组（行政复议、未经复议直接起诉、复议后起诉）：总计应等于结果维持、结果纠正、其他结果、尚未审结之和。",
        "Section 4, every group (review, lawsuit without review, lawsuit after review): total must equal "
        "upheld + corrected + other + pending.",
        equation_check(APPEALS_TOTAL),
        reads=("appeals.*.*",),
    ),
    Rule(
        "arith.cells.domain",
        Severity.ERROR,
        "表格数值应为非负整数（收费、采购金额可为小数；仅2019年格式的“本年增/减”可为负数）。",
        "Table values must be whole numbers ≥ 0 (fee and procurement amounts may have decimals; only the "
        "2019 form's “change this year” may be negative).",
        _domain,
        reads=("active.*.*", "requests.*.*", "appeals.*.*"),
    ),
    Rule(
        "arith.requests.subtotal",
        Severity.ERROR,
        "第三部分若在（三）至（六）分组行上填写了小计，小计应等于该组各项之和（官方表格没有小计行）。",
        "Section 3: where a report prints subtotals on the group rows (3)–(6), each must equal the sum of "
        "its items (the official form has no subtotal rows).",
        _subtotals,
        reads=("requests.withheld_*.*", "requests.unavailable_*.*", "requests.not_handled_*.*", "requests.other_*.*"),
    ),
]
