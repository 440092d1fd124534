"""Server-rendered SVG charts: pure functions from numbers to markup, no scripts and
no CDN, so the organiser dashboard works offline and under a strict CSP."""

import datetime as dt
from html import escape

WIDTH, HEIGHT, PAD = 640, 220, 40


def sales_chart_svg(*, days: list[dt.date], counts: list[int], title: str) -> str:
    """Cumulative seats sold per day as bars of the daily sales plus a line of the
    running total; `days` and `counts` have the same length."""
    if not days:
        return ""
    total, running = 0, []
    for count in counts:
        total += count
        running.append(total)
    top = max(running) or 1
    step = (WIDTH - 2 * PAD) / max(len(days), 1)
    plot_h = HEIGHT - 2 * PAD

    def y(value: int) -> float:
        return HEIGHT - PAD - plot_h * value / top

    bars, points = [], []
    for i, (day, count) in enumerate(zip(days, counts, strict=True)):
        x = PAD + i * step
        label = escape(f"{day.isoformat()}: {count} (total {running[i]})")
        bars.append(
            f'<rect x="{x + step * 0.15:.1f}" y="{y(count):.1f}" '
            f'width="{step * 0.7:.1f}" height="{HEIGHT - PAD - y(count):.1f}" '
            f'class="bar"><title>{label}</title></rect>'
        )
        points.append(f"{x + step / 2:.1f},{y(running[i]):.1f}")
    first, last = days[0].isoformat(), days[-1].isoformat()
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)}" class="sales-chart">'
        f"<title>{escape(title)}</title>"
        "<style>.bar{fill:#9ec5e8}.line{fill:none;stroke:#1f5f99;stroke-width:2}"
        ".axis{stroke:#555}.label{font:11px sans-serif;fill:#333}</style>"
        f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" '
        f'y2="{HEIGHT - PAD}" class="axis"/>'
        f'<line x1="{PAD}" y1="{PAD}" x2="{PAD}" y2="{HEIGHT - PAD}" class="axis"/>'
        + "".join(bars)
        + f'<polyline points="{" ".join(points)}" class="line"/>'
        f'<text x="{PAD}" y="{HEIGHT - PAD + 16}" class="label">{first}</text>'
        f'<text x="{WIDTH - PAD}" y="{HEIGHT - PAD + 16}" class="label" '
        f'text-anchor="end">{last}</text>'
        f'<text x="{PAD - 6}" y="{PAD + 4}" class="label" text-anchor="end">{top}</text>'
        f'<text x="{PAD - 6}" y="{HEIGHT - PAD}" class="label" text-anchor="end">0</text>'
        "</svg>"
    )
