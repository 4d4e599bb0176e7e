"""Pure data: the contract's keys, both national templates, the report and its findings.

Nothing here does I/O or imports another gongkai stage; every other stage imports this.
"""

from gongkai.model.findings import Finding, Severity
from gongkai.model.keys import (
    APPEAL_COLUMNS,
    APPEAL_GROUPS,
    REQUEST_COLUMNS,
    Template,
)
from gongkai.model.provenance import Problem, Where
from gongkai.model.report import Period, Report, Section, Source

__all__ = [
    "APPEAL_COLUMNS",
    "APPEAL_GROUPS",
    "REQUEST_COLUMNS",
    "Finding",
    "Period",
    "Problem",
    "Report",
    "Section",
    "Severity",
    "Source",
    "Template",
    "Where",
]
