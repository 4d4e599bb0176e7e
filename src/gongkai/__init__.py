"""gongkai (公开): read, audit, write and ledger China's government information disclosure annual reports."""

from gongkai.api import ReadResult, check, read, read_many
from gongkai.errors import GongkaiError, InputError
from gongkai.model import Finding, Report, Severity, Template

__all__ = [
    "Finding",
    "GongkaiError",
    "InputError",
    "ReadResult",
    "Report",
    "Severity",
    "Template",
    "check",
    "read",
    "read_many",
]
__version__ = "0.1.0"
