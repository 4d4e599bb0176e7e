"""The audit stage: declarative rules over a Report, an engine, and the rule catalogue."""

from gongkai.audit.agency import AgencyKind, agency_kind, deadline
from gongkai.audit.catalogue import CatalogueRow, catalogue
from gongkai.audit.engine import pairs, run, run_records
from gongkai.audit.rule import Context, Hit, Rule
from gongkai.audit.rules import builtin_rules
from gongkai.audit.submission import SubmissionRecord

__all__ = [
    "AgencyKind",
    "CatalogueRow",
    "Context",
    "Hit",
    "Rule",
    "SubmissionRecord",
    "agency_kind",
    "builtin_rules",
    "catalogue",
    "deadline",
    "pairs",
    "run",
    "run_records",
]
