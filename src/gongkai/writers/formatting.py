"""How values and dates are printed in every format (GB/T 9704: Arabic numerals, no leading zeros)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gongkai.model.report import Value


def cn_date(d: date) -> str:
    """2024年1月10日."""
    return f"{d.year}年{d.month}月{d.day}日"


def fmt_value(v: Value) -> str:
    """A cell as printed: integers plainly, amounts in positional notation (never 1E+2), blanks empty."""
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return format(v, "f")
    return str(v)
