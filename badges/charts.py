"""Server-side SVG charts: no JavaScript, no CDN, readable without colour."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def bar_chart_svg(
    bars: list[tuple[str, int]], *, title: str, width: int = 640, height: int = 220
) -> SafeString:
    """Vertical bars with their values on top and labels below."""
    left, bottom, top = 8, 36, 22
    peak = max((value for _label, value in bars), default=0) or 1
    slot = min((width - 2 * left) / max(len(bars), 1), 64)
    plot = height - bottom - top
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - left}" '
        f'y2="{height - bottom}" stroke="#57606a"/>',
    ]
    for index, (label, value) in enumerate(bars):
        bar = plot * value / peak
        x = left + index * slot + slot * 0.15
        y = height - bottom - bar
        middle = x + slot * 0.35
        parts += [
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{bar:.1f}" fill="#1f6feb"><title>{escape(label)}: {value}'
            "</title></rect>",
            f'<text x="{middle:.1f}" y="{y - 4:.1f}" text-anchor="middle" '
            f'font-size="11">{value}</text>',
            f'<text x="{middle:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
            f'font-size="11">{escape(label)}</text>',
        ]
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (every label is escaped above)
