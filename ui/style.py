"""Colours and fonts shared by the widgets, for light and dark palettes alike.

Highlights are translucent, so they read on a light or a dark background; the text colour
stays the palette's own.
"""
from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

# Glossary terms by status, check findings by severity, annotations by severity.
TERM_COLOURS = {"preferred": "#2e9d4f", "allowed": "#2e9d4f", "deprecated": "#d08a00",
                "forbidden": "#d93025"}
CODE_COLOUR = "#7a5cc7"  # an inline code of a CAT file (one placeholder character)
SEVERITY_COLOURS = {"error": "#d93025", "warning": "#d08a00", "info": "#5b8def"}
ANNOTATION_COLOURS = {"neutral": "#8a8a8a", "minor": "#5b8def", "major": "#d08a00",
                      "critical": "#d93025"}
STATE_COLOURS = {"pending": "#8a8a8a", "in_review": "#5b8def", "approved": "#2e9d4f",
                 "awaiting_signoff": "#9c27b0", "changes_requested": "#d08a00",
                 "rejected": "#d93025", "exported": "#00897b",
                 "conflict": "#e8590c"}
DIFF_COLOURS = {"insert": "#2e9d4f", "delete": "#d93025", "replace": "#d08a00"}

# Families tried in order: a Latin face first, then faces with CJK glyphs (Debian's
# fonts-wqy-microhei is installed by the set-up script), so mixed text renders everywhere.
FONT_FAMILIES = ["Noto Sans", "DejaVu Sans", "WenQuanYi Micro Hei", "Noto Sans CJK SC",
                 "Microsoft YaHei", "PingFang SC", "Noto Color Emoji", "Segoe UI Emoji",
                 "Apple Color Emoji"]


def highlight(colour: str, alpha: int = 70) -> QColor:
    """A translucent version of `colour` for backgrounds behind text."""
    c = QColor(colour)
    c.setAlpha(alpha)
    return c


def is_dark() -> bool:
    palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def text_font(point_size: int | None = None) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    if point_size:
        font.setPointSize(point_size)
    return font
