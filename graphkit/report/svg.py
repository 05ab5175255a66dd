"""Charts as inline SVG, drawn by hand (no script, no outside request).

Every label is escaped; colours come from :mod:`graphkit.model`.
"""
from __future__ import annotations

from html import escape
from typing import Callable, Sequence


def _nice_max(v: float) -> float:
    if v <= 0:
        return 1
    import math
    exp = 10 ** math.floor(math.log10(v))
    for m in (1, 2, 2.5, 5, 10):
        if v <= m * exp:
            return m * exp
    return 10 * exp


def bar_chart(categories: Sequence[str],
              series: Sequence[tuple[str, str, Sequence[float]]], *,
              title: str = "", y_label: str = "",
              number: Callable[[float], str] = str,
              width: int = 680, height: int = 300) -> str:
    """A stacked bar chart as an SVG string.

    Parameters
    ----------
    categories : list of str
        One bar each (e.g. years).
    series : list of (label, colour, values)
        Stacked in this order; ``values`` aligned with ``categories``.
    title, y_label : str
        Accessible title and the vertical axis label.
    number : callable
        Formats the axis ticks (e.g. French thousands).

    Examples
    --------
    >>> svg = bar_chart(["2020", "2021"], [("R&D", "#1f77b4", [1, 3])])
    >>> svg.startswith("<svg") and svg.count("<rect class=\\"bar\\"") == 2
    True
    """
    left, right, top, bottom = 56, 12, 16, 56
    legend_h = 18 * ((len(series) + 2) // 3)
    h = height + legend_h
    pw, ph = width - left - right, height - top - bottom
    totals = [sum(s[2][i] for s in series) for i in range(len(categories))]
    ymax = _nice_max(max(totals, default=0))
    n = max(len(categories), 1)
    step = pw / n
    bw = max(step * 0.7, 1)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
           f'viewBox="0 0 {width} {h}" width="100%" '
           f'style="max-width:{width}px" aria-label="{escape(title)}">',
           f"<title>{escape(title)}</title>"]
    for k in range(5):
        v = ymax * k / 4
        y = top + ph - ph * k / 4
        out.append(f'<line x1="{left}" x2="{left + pw}" y1="{y:.1f}" '
                   f'y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" '
                   f'text-anchor="end">{escape(number(v))}</text>')
    out.append(f'<text x="14" y="{top + ph / 2:.1f}" font-size="11" '
               f'text-anchor="middle" transform="rotate(-90 14 '
               f'{top + ph / 2:.1f})">{escape(y_label)}</text>')
    every = max(1, round(n / 16))
    for i, cat in enumerate(categories):
        x = left + i * step + (step - bw) / 2
        base = top + ph
        for label, colour, values in series:
            v = values[i]
            if not v:
                continue
            bh = ph * v / ymax
            base -= bh
            out.append(f'<rect class="bar" x="{x:.1f}" y="{base:.1f}" '
                       f'width="{bw:.1f}" height="{bh:.1f}" '
                       f'fill="{escape(colour)}"><title>{escape(cat)} · '
                       f'{escape(label)}: {escape(number(v))}</title></rect>')
        if i % every == 0:
            cx = left + i * step + step / 2
            out.append(f'<text x="{cx:.1f}" y="{top + ph + 14}" font-size="11" '
                       f'text-anchor="middle">{escape(cat)}</text>')
    ly = top + ph + 34
    for j, (label, colour, _v) in enumerate(series):
        lx = left + (j % 3) * (pw / 3)
        yy = ly + 18 * (j // 3)
        out.append(f'<rect x="{lx:.1f}" y="{yy}" width="11" height="11" '
                   f'fill="{escape(colour)}"/>')
        out.append(f'<text x="{lx + 16:.1f}" y="{yy + 10}" font-size="11">'
                   f'{escape(label)}</text>')
    out.append("</svg>")
    return "".join(out)


def heat_colour(value: float | None, vmin: float, vmax: float) -> str:
    """Background colour of a heat-map cell: white (low) to deep orange."""
    if value is None or vmax <= vmin:
        return "#ffffff"
    f = max(0.0, min(1.0, (value - vmin) / (vmax - vmin)))
    r, g, b = 255, round(255 - f * (255 - 110)), round(255 - f * (255 - 40))
    return f"#{r:02x}{g:02x}{b:02x}"
