"""A finding's identity across re-uploads: its rule, its place and the values it is about.

This is the one place the fingerprint is computed (the review pages, the stored findings and the
batch review all call ``fingerprint``). A supervisor who dismisses "合计 12 ≠ 5 + 6" on version 1
must not see it again on version 2 if the agency left that table alone; if the agency changed the
numbers the finding is a different one and asks for a fresh look. So the values are the numbers
and quoted fragments of the message (what the rule read), not its wording, which may improve
between gongkai releases; a message with neither keeps its whole text as its values.
"""

from __future__ import annotations

import hashlib
import re

from gongkai.model.findings import Finding

_VALUES = re.compile(r"“[^”]*”|《[^》]*》|\"[^\"]*\"|「[^」]*」|-?\d+(?:\.\d+)?")
_SPACE = re.compile(r"\s+")


def finding_values(message: str) -> tuple[str, ...]:
    """The numbers and quoted fragments of a finding's message, in order."""
    found = tuple(_SPACE.sub("", m) for m in _VALUES.findall(message))
    return found or (_SPACE.sub("", message),)


def fingerprint(rule: str, where: str | None, message: str) -> str:
    """Hex sha256 of (rule, place, values); equal for the same problem in two versions of a report."""
    parts = (rule, where or "", *finding_values(message))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def of_finding(finding: Finding) -> str:
    return fingerprint(finding.rule, finding.where, finding.message)
