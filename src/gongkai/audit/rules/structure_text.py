"""structure.text: a report none of whose text could be read is not audited, and says so once.

A scanned PDF read without the ``ocr`` extra, or a PDF whose fonts carry no Unicode mapping,
gives the reader no text: every other rule would then report the six sections, the dates and the
tables as missing — the agency's errors, for what the reader could not see. The engine runs only
this rule on such a report (``Rule.unread``); its one finding is a reading finding, never an error.
"""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.audit.rule import Context, Hit, Rule
from gongkai.model.findings import FindingKind, Severity
from gongkai.model.provenance import TEXT_UNREAD_CODES


def _unread(ctx: Context) -> Iterator[Hit]:
    for problem in ctx.report.problems:
        if problem.code in TEXT_UNREAD_CODES:
            yield Hit(
                None,
                f"未能读取本文件的正文：{problem.message.rstrip('。')}。各项内容均未审核，请核对原文",
                f"none of the file's text could be read ({problem.message_en or problem.code}); nothing was audited",
                Severity.WARNING,
                FindingKind.READING,
            )
            return


RULES: list[Rule] = [
    Rule(
        "structure.text",
        Severity.WARNING,
        "未能读取报告正文（扫描件未经 OCR、PDF 字体缺少 Unicode 映射）时不作审核，只提示核对原文；读取问题，不计为报告错误。",
        "None of the report's text could be read (a scan without OCR, a PDF whose fonts carry no Unicode "
        "mapping): nothing is audited, one reading finding says so; never a report error.",
        _unread,
        reads=("problems",),
        kind=FindingKind.READING,
        unread=True,
    ),
]
