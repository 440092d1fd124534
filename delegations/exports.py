"""SVG charts of the outcome dashboard (its CSV and XLSX come from `events.exports`).

Pure functions: no queries. Charts are inline SVG, drawn on the server: no
JavaScript and no CDN, readable without colour (values are written on the bars).
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

COLOURS = ["#0b5cad", "#e36209", "#1a7f37", "#8250df", "#bf3989", "#57606a"]


def grouped_bar_svg(
    groups: list[tuple[str, list[int]]],
    series: list[str],
    *,
    title: str,
    width: int = 720,
    height: int = 260,
) -> SafeString:
    """One group of bars per label (a year), one bar per series (a metric)."""
    left, bottom, top, legend = 10, 40, 20, 18 * len(series)
    peak = max((v for _label, values in groups for v in values), default=0) or 1
    plot = height - bottom - top
    slot = (width - 2 * left) / max(len(groups), 1)
    bar = slot * 0.8 / max(len(series), 1)
    total_height = height + legend
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {total_height}" width="100%" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - left}" '
        f'y2="{height - bottom}" stroke="#57606a"/>',
    ]
    for g, (label, values) in enumerate(groups):
        x0 = left + g * slot + slot * 0.1
        for s, value in enumerate(values):
            h = plot * value / peak
            x, y = x0 + s * bar, height - bottom - h
            colour = COLOURS[s % len(COLOURS)]
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar * 0.9:.1f}" '
                f'height="{h:.1f}" fill="{colour}"><title>{escape(label)} · '
                f"{escape(series[s])}: {value}</title></rect>"
                f'<text x="{x + bar * 0.45:.1f}" y="{y - 3:.1f}" font-size="10" '
                f'text-anchor="middle">{value}</text>'
            )
        out.append(
            f'<text x="{x0 + slot * 0.4:.1f}" y="{height - bottom + 16}" '
            f'font-size="12" text-anchor="middle">{escape(label)}</text>'
        )
    for s, name in enumerate(series):
        y = height + s * 18
        out.append(
            f'<rect x="{left}" y="{y}" width="12" height="12" '
            f'fill="{COLOURS[s % len(COLOURS)]}"/><text x="{left + 18}" '
            f'y="{y + 10}" font-size="12">{escape(name)}</text>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308  (every label is escaped above)
