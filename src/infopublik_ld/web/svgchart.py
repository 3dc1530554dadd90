"""Charts drawn on the server as SVG: no JavaScript, no external files.

Each chart is an ``<svg role="img">`` with a ``<title>`` and ``<desc>`` for screen readers; the
page puts the same numbers in a table below it. Text is escaped here (labels come from data).
"""

from __future__ import annotations

from markupsafe import Markup, escape

from .statsdata import number

WIDTH = 720
BAR = 22


def bars(rows: list[tuple[str, int, str | None]], title: str, desc: str, lang: str,
         ident: str) -> Markup:
    """Horizontal bars: one row per (label, count, link or None), largest first."""
    if not rows:
        return Markup("")
    top = max(n for _, n, _ in rows) or 1
    label_w, num_w = 280, 70
    span = WIDTH - label_w - num_w
    height = BAR * len(rows) + 8
    parts = [f'<svg class="chart bars" role="img" aria-labelledby="{ident}-t {ident}-d" '
             f'viewBox="0 0 {WIDTH} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{ident}-t">{escape(title)}</title>',
             f'<desc id="{ident}-d">{escape(desc)}</desc>']
    for i, (label, n, href) in enumerate(rows):
        y = 4 + i * BAR
        w = max(1, round(span * n / top))
        # names of agencies share long beginnings ("Dinas Komunikasi dan Informatika …"):
        # keep the start and the distinctive end
        short = label if len(label) <= 42 else label[:14].rstrip() + "…" + label[-27:]
        text = (f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(short)}'
                f'</text>')
        if href:
            text = f'<a href="{escape(href)}">{text}</a>'
        parts += [text,
                  f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{BAR - 6}" rx="2">'
                  f'<title>{escape(label)}: {number(n, lang)}</title></rect>',
                  f'<text class="n" x="{label_w + w + 5}" y="{y + 15}">{number(n, lang)}</text>']
    parts.append("</svg>")
    return Markup("".join(parts))


def series(rows: list[tuple[str, int]], title: str, desc: str, lang: str,
           ident: str) -> Markup:
    """A time series of (``YYYY-MM``, count) as columns, months without releases included,
    with the years marked along the bottom."""
    if not rows:
        return Markup("")
    counts = dict(rows)
    first, last = rows[0][0], rows[-1][0]
    months = []
    y, m = int(first[:4]), int(first[5:7])
    while f"{y:04d}-{m:02d}" <= last:
        months.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    top = max(counts.values()) or 1
    height, left, bottom = 220, 50, 24
    plot_h = height - bottom - 10
    step = (WIDTH - left - 10) / len(months)
    parts = [f'<svg class="chart series" role="img" aria-labelledby="{ident}-t {ident}-d" '
             f'viewBox="0 0 {WIDTH} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{ident}-t">{escape(title)}</title>',
             f'<desc id="{ident}-d">{escape(desc)}</desc>',
             f'<text class="axis" x="{left - 6}" y="16" text-anchor="end">'
             f'{number(top, lang)}</text>',
             f'<text class="axis" x="{left - 6}" y="{10 + plot_h}" text-anchor="end">0</text>',
             f'<line class="axis" x1="{left}" y1="{10 + plot_h}" x2="{WIDTH - 10}" '
             f'y2="{10 + plot_h}"/>']
    for i, month in enumerate(months):
        n = counts.get(month, 0)
        x = left + i * step
        h = plot_h * n / top
        if n:
            parts.append(f'<rect x="{x:.1f}" y="{10 + plot_h - h:.1f}" '
                         f'width="{max(step - 1, 1):.1f}" height="{h:.1f}">'
                         f'<title>{month}: {number(n, lang)}</title></rect>')
        if month.endswith("-01") or i == 0:
            parts.append(f'<text class="axis" x="{x:.1f}" y="{height - 6}">{month[:4]}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
