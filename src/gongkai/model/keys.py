"""The contract's cell keys (contract.md §2), as the one place the rest of the code spells them.

Keys are plain strings so that a report serialises to the contract JSON without translation;
the tuples fix the printed order, which readers and writers both rely on.
"""

from enum import StrEnum


class Template(StrEnum):
    """Which national template a report's tables follow."""

    V2021 = "2021"
    V2019 = "2019"
    MIXED = "mixed"


class Table(StrEnum):
    ACTIVE = "active"
    REQUESTS = "requests"
    APPEALS = "appeals"


#: Section 三 columns in printed order; ``total`` is the sum of the six before it.
REQUEST_COLUMNS: tuple[str, ...] = (
    "natural_person",
    "enterprise",
    "research",
    "social_org",
    "legal_service",
    "other_org",
    "total",
)
APPLICANT_COLUMNS: tuple[str, ...] = REQUEST_COLUMNS[:6]

#: Section 三 outcome rows that 2019 and 2021 share, in printed order.
OUTCOME_ROWS_COMMON: tuple[str, ...] = (
    "granted",
    "partial",
    "withheld_secret",
    "withheld_law",
    "withheld_safety",
    "withheld_third_party",
    "withheld_internal",
    "withheld_process",
    "withheld_enforcement",
    "withheld_query",
    "unavailable_not_held",
    "unavailable_needs_creation",
    "unavailable_unclear",
    "not_handled_petition",
    "not_handled_repeat",
    "not_handled_publication",
    "not_handled_excessive",
    "not_handled_confirmation",
)
OTHER_ROWS_2021: tuple[str, ...] = ("other_no_correction", "other_no_fee", "other_misc")
OTHER_ROWS_2019: tuple[str, ...] = ("other",)

OUTCOME_ROWS_2021: tuple[str, ...] = OUTCOME_ROWS_COMMON + OTHER_ROWS_2021
OUTCOME_ROWS_2019: tuple[str, ...] = OUTCOME_ROWS_COMMON + OTHER_ROWS_2019

REQUEST_ROWS_2021: tuple[str, ...] = ("received", "carried_over", *OUTCOME_ROWS_2021, "total", "carried_forward")
REQUEST_ROWS_2019: tuple[str, ...] = ("received", "carried_over", *OUTCOME_ROWS_2019, "total", "carried_forward")

APPEAL_GROUPS: tuple[str, ...] = ("review", "suit_direct", "suit_after_review")
APPEAL_COLUMNS: tuple[str, ...] = ("upheld", "corrected", "other", "pending", "total")


def cell_key(table: str, row: str, column: str) -> str:
    """The dotted key of one cell, e.g. ``requests.received.total``."""
    return f"{table}.{row}.{column}"


def split_key(key: str) -> tuple[str, str, str]:
    table, row, column = key.split(".", 2)
    return table, row, column
