"""Small bar charts as SVG text, for the HTML report and the dashboard (QtSvg draws the same SVG).

No JavaScript, no external fonts or files: plain SVG 1.1 elements that SVG Tiny (QtSvg) also
knows: rect, line, text, g, title. Every label is escaped; labels come from user data.
"""
from __future__ import annotations

import unicodedata
from html import escape

FONT = "'Noto Sans', 'DejaVu Sans', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif"
FONT_SIZE = 12
BAR = 18  # height of a bar
GAP = 8  # between bars
TEXT_COLOUR = "#212529"
AXIS_COLOUR = "#adb5bd"
LABEL_LIMIT = 180  # widest label in pixels before it is cut short


def text_width(text: str) -> int:
    """A rough width in pixels at FONT_SIZE: wide (CJK) characters take twice the room."""
    return sum(FONT_SIZE if unicodedata.east_asian_width(c) in "WF" else 7 for c in text)


def _cut(text: str, limit: int) -> str:
    while text_width(text) > limit and len(text) > 1:
        text = text[:-2] + "…"
    return text


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="{escape(title)}" font-family="{escape(FONT)}" font-size="{FONT_SIZE}">'
            f'<title>{escape(title)}</title>'
            f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>'
            f'<text x="8" y="18" font-size="14" font-weight="bold" fill="{TEXT_COLOUR}">'
            f'{escape(title)}</text>' + "".join(body) + "</svg>")


def _empty(width: int, title: str, note: str) -> str:
    return _svg(width, 60, title, [f'<text x="8" y="44" fill="#6c757d">{escape(note)}</text>'])


def _number(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


def _legend(series: list[tuple[str, str]], y: int) -> list[str]:
    parts, x = [], 8
    for name, colour in series:
        parts.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{x + 16}" y="{y}" fill="{TEXT_COLOUR}">{escape(name)}</text>')
        x += 16 + text_width(name) + 16
    return parts


def stacked_bars(title: str, rows: list[tuple[str, list[float]]], series: list[tuple[str, str]],
                 *, width: int = 640, empty: str = "nothing to show yet") -> str:
    """Horizontal bars, one per row label, each split into the series' values (same order as
    `series`, which gives each part's name and colour), with the total at the bar's end."""
    rows = [(label, values) for label, values in rows if sum(values) > 0]
    if not rows:
        return _empty(width, title, empty)
    label_width = min(max(text_width(label) for label, _ in rows), LABEL_LIMIT) + 16
    top, most = 52, max(sum(values) for _, values in rows)
    scale = (width - label_width - 48) / most
    body = _legend(series, 40)
    for index, (label, values) in enumerate(rows):
        y = top + index * (BAR + GAP)
        body.append(f'<text x="{label_width - 8}" y="{y + 13}" text-anchor="end" '
                    f'fill="{TEXT_COLOUR}">{escape(_cut(label, LABEL_LIMIT))}</text>')
        x = float(label_width)
        for (name, colour), value in zip(series, values):
            if value <= 0:
                continue
            body.append(f'<rect x="{x:.1f}" y="{y}" width="{value * scale:.1f}" height="{BAR}" '
                        f'fill="{colour}"><title>{escape(label)}: {escape(name)} '
                        f'{_number(value)}</title></rect>')
            x += value * scale
        body.append(f'<text x="{x + 4:.1f}" y="{y + 13}" fill="{TEXT_COLOUR}">'
                    f'{_number(sum(values))}</text>')
    bottom = top + len(rows) * (BAR + GAP)
    body.append(f'<line x1="{label_width}" y1="{top - 4}" x2="{label_width}" y2="{bottom - GAP + 4}" '
                f'stroke="{AXIS_COLOUR}"/>')
    return _svg(width, bottom + 8, title, body)


def columns(title: str, points: list[tuple[str, float]], colour: str, *, width: int = 640,
            height: int = 220, empty: str = "nothing to show yet") -> str:
    """Vertical bars over time (one per label, e.g. a day), the value above each bar."""
    if not points or not any(value for _, value in points):
        return _empty(width, title, empty)
    left, top, bottom = 16, 40, height - 36
    step = (width - left - 16) / len(points)
    bar = max(min(step * 0.7, 48), 2)
    most = max(value for _, value in points)
    body = [f'<line x1="{left}" y1="{bottom}" x2="{width - 16}" y2="{bottom}" stroke="{AXIS_COLOUR}"/>']
    every = max(1, len(points) // 12)  # at most about 12 dates under the axis
    for index, (label, value) in enumerate(points):
        x = left + index * step + (step - bar) / 2
        tall = (bottom - top - 16) * value / most
        body.append(f'<rect x="{x:.1f}" y="{bottom - tall:.1f}" width="{bar:.1f}" '
                    f'height="{tall:.1f}" fill="{colour}"><title>{escape(label)}: '
                    f'{_number(value)}</title></rect>')
        if value:
            body.append(f'<text x="{x + bar / 2:.1f}" y="{bottom - tall - 4:.1f}" '
                        f'text-anchor="middle" fill="{TEXT_COLOUR}">{_number(value)}</text>')
        if index % every == 0:
            body.append(f'<text x="{x + bar / 2:.1f}" y="{bottom + 16}" text-anchor="middle" '
                        f'font-size="10" fill="{TEXT_COLOUR}">{escape(label)}</text>')
    return _svg(width, height, title, body)
