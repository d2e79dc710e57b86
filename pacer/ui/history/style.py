"""The history's colours: the app's one accent plus neutrals, in the day and night palettes.

Everything that is *your practice* (minutes, practised days, feelings, the check-in after
practice) takes the accent; everything that frames it (rest days, empty days, the check-in
before practice, axes) is a neutral mixed from the palette's own text and surface. No red.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from pacer.ui.common.theme import DAY, NIGHT, Theme, mix


@dataclass(frozen=True)
class HistoryColours:
    background: QColor
    text: QColor
    faint_text: QColor
    accent: QColor  # minutes, practised days, feelings, tension after practice
    run_band: QColor  # the accent, faint: days in a row
    neutral: QColor  # tension before practice, the line within one session
    empty_day: QColor
    rest_day: QColor


def colours_for_theme(theme: Theme) -> HistoryColours:
    band = QColor(theme.accent)
    band.setAlphaF(0.16 if theme.dark else 0.14)
    faint = QColor(theme.text)
    faint.setAlphaF(0.55)
    return HistoryColours(
        background=QColor(theme.surface),
        text=QColor(theme.text),
        faint_text=faint,
        accent=QColor(theme.accent),
        run_band=band,
        neutral=mix(theme.muted_text, theme.surface, 0.15),
        empty_day=mix(theme.text, theme.surface, 0.82),
        rest_day=mix(theme.body, theme.muted_text, 0.3),
    )


def current_theme() -> Theme:
    """Pacer's night palette or its day one, whichever the application shows now.

    Read from the application's palette, which changes at once; a widget's own palette
    follows only after the next turn of the event loop."""
    base = QGuiApplication.palette().color(QPalette.ColorRole.Base)
    return NIGHT if base.lightness() < 128 else DAY


def current_colours() -> HistoryColours:
    return colours_for_theme(current_theme())
