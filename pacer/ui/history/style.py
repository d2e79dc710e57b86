"""Muted colours for the history, one accent, for light and dark surroundings. No red."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class HistoryColours:
    background: QColor
    text: QColor
    faint_text: QColor
    bar: QColor
    run_band: QColor
    empty_day: QColor
    rest_day: QColor
    feeling: QColor


def colours_for(widget: QWidget) -> HistoryColours:
    palette = widget.palette()
    background = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    dark = background.lightness() < 128
    faint = QColor(text)
    faint.setAlphaF(0.55)
    if dark:
        accent, band, empty, rest = "#86b6c8", (134, 182, 200, 46), "#3a4150", "#8a7f6a"
    else:
        accent, band, empty, rest = "#5c93a8", (92, 147, 168, 38), "#e9e4da", "#d6c6a4"
    return HistoryColours(
        background=background,
        text=text,
        faint_text=faint,
        bar=QColor(accent),
        run_band=QColor(*band),
        empty_day=QColor(empty),
        rest_day=QColor(rest),
        feeling=QColor("#9a8fc0" if not dark else "#b7aee0"),
    )
