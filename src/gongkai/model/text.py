"""Text hygiene: characters no document format or database should ever receive.

XML 1.0 (DOCX, the PDF route through it, HTML) forbids C0 control characters other than tab,
newline and carriage return, U+FFFE/U+FFFF and unpaired surrogates; PostgreSQL refuses U+0000 in
text. Word's soft line break (U+000B) and a page break (U+000C) pasted into a form are line
breaks in intent, so they become "\\n"; a carriage return is normalised to "\\n" too; the rest is
dropped. Every input (forms, API, Excel import, narrative) is cleaned before it is stored, and every
writer cleans what it renders.
"""

from __future__ import annotations

import re

_BREAKS = re.compile("\r\n?|[\x0b\x0c]")
_FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` with line breaks normalised to "\\n" and forbidden characters removed."""
    if text.isprintable() and "\r" not in text:  # the common case: nothing to do, no regex pass
        return text
    return _FORBIDDEN.sub("", _BREAKS.sub("\n", text))


def has_forbidden(text: str) -> bool:
    """True when ``clean_text`` would change more than line breaks."""
    return _FORBIDDEN.search(text) is not None
