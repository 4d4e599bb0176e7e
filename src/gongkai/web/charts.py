"""Small server-rendered SVG bar charts: no JavaScript, nothing to vendor, and the CSP stays strict.

A chart is years along the bottom and one bar per series in each year; a missing value draws no
bar and prints "—" so an incomplete year never looks like a zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from markupsafe import Markup

PALETTE = ("#1d4e89", "#d4a000", "#1a7f37", "#b42318", "#6f42c1", "#8c959f")
Number = int | float | Decimal


def bar_chart(title: str, years: Sequence[int], series: Sequence[tuple[str, Sequence[Number | None]]],
              *, width: int = 480, height: int = 240) -> Markup:
    """Grouped bars: ``series`` is [(name, one value per year)]."""
    left, right, top, bottom = 44, 10, 30, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [float(v) for _, vs in series for v in vs if v is not None]
    peak = max(values, default=0.0) or 1.0
    scale = _nice(peak)
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
             f'<text x="{left}" y="18" font-size="13" font-weight="600" fill="#1f2328">{escape(title)}</text>']
    for i in range(5):
        value = scale * i / 4
        y = top + plot_h - plot_h * i / 4
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#e5e9ef"/>')
        parts.append(f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="10" text-anchor="end" fill="#5b6470">'
                     f'{_fmt(value)}</text>')
    group = plot_w / max(1, len(years))
    bar = min(28.0, group * 0.8 / max(1, len(series)))
    for yi, year in enumerate(years):
        x0 = left + group * yi + (group - bar * len(series)) / 2
        for si, (_name, vs) in enumerate(series):
            v = vs[yi]
            x = x0 + bar * si
            if v is None:
                parts.append(f'<text x="{x + bar / 2:.1f}" y="{top + plot_h - 3}" font-size="10" text-anchor="middle" '
                             f'fill="#8c959f">—</text>')
                continue
            h = plot_h * float(v) / scale
            parts.append(f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar - 2:.1f}" height="{h:.1f}" '
                         f'fill="{PALETTE[si % len(PALETTE)]}"><title>{year}年 {escape(_name)}：{_fmt(float(v))}</title></rect>')
        parts.append(f'<text x="{left + group * yi + group / 2:.1f}" y="{top + plot_h + 15}" font-size="11" '
                     f'text-anchor="middle" fill="#1f2328">{year}</text>')
    x = left
    for si, (name, _vs) in enumerate(series):
        parts.append(f'<rect x="{x}" y="{height - 16}" width="10" height="10" fill="{PALETTE[si % len(PALETTE)]}"/>')
        parts.append(f'<text x="{x + 14}" y="{height - 7}" font-size="11" fill="#1f2328">{escape(name)}</text>')
        x += 22 + 12 * len(name)
    parts.append("</svg>")
    return Markup("".join(parts))


def _nice(peak: float) -> float:
    """The axis top: 1, 2, 2.5 or 5 times a power of ten, at least ``peak``."""
    magnitude = 10 ** (len(str(int(peak))) - 1) if peak >= 1 else 1
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= peak:
            return step * magnitude
    return 10 * magnitude


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.1f}"
