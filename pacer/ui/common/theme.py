"""Pacer's two palettes — a warm sand "day" and a deep slate "night" — chosen by the system.

No red anywhere: it reads as warning or failure. Text colours meet WCAG AA on their
backgrounds — 4.5:1 for text, 3:1 for the large phase words — in both palettes
(checked in tests/ui/test_theme.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from pacer.core.preferences import Appearance


@dataclass(frozen=True)
class Theme:
    name: str
    background: QColor
    surface: QColor
    text: QColor
    muted_text: QColor
    body: QColor  # the still parts of the figure
    inhale: QColor  # the belly while breathing in
    exhale: QColor  # the belly while letting go — the emphasised phase
    floor: QColor
    accent: QColor
    exhale_words: QColor  # the out-breath's phase word (large text)
    on_exhale: QColor  # text drawn on an exhale-coloured fill, e.g. a chosen toggle
    dark: bool


DAY = Theme(
    name="day",
    background=QColor("#f6efe4"),
    surface=QColor("#fbf7f0"),
    text=QColor("#2f3437"),
    muted_text=QColor("#5b6166"),
    body=QColor("#d9cbb6"),
    inhale=QColor("#d9a86c"),
    exhale=QColor("#6fa7a0"),
    floor=QColor("#cbbda8"),
    accent=QColor("#37746d"),
    exhale_words=QColor("#37746d"),  # the light teal itself is too faint on sand
    on_exhale=QColor("#2f3437"),
    dark=False,
)

NIGHT = Theme(
    name="night",
    background=QColor("#1c2430"),
    surface=QColor("#232d3b"),
    text=QColor("#e6e9ee"),
    muted_text=QColor("#aab4c0"),
    body=QColor("#3a4657"),
    inhale=QColor("#c9a477"),
    exhale=QColor("#6fb3ab"),
    floor=QColor("#334052"),
    accent=QColor("#7cc4ba"),
    exhale_words=QColor("#6fb3ab"),
    on_exhale=QColor("#1c2430"),
    dark=True,
)


def system_prefers_dark() -> bool:
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    scheme = app.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def theme_for(appearance: Appearance) -> Theme:
    if appearance is Appearance.DARK:
        return NIGHT
    if appearance is Appearance.LIGHT:
        return DAY
    return NIGHT if system_prefers_dark() else DAY


def palette_for(theme: Theme) -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: theme.background,
        QPalette.ColorRole.Base: theme.surface,
        QPalette.ColorRole.AlternateBase: theme.background,
        QPalette.ColorRole.WindowText: theme.text,
        QPalette.ColorRole.Text: theme.text,
        QPalette.ColorRole.ButtonText: theme.text,
        QPalette.ColorRole.Button: theme.surface,
        QPalette.ColorRole.Highlight: theme.accent,
        QPalette.ColorRole.HighlightedText: theme.surface,
        QPalette.ColorRole.PlaceholderText: theme.muted_text,
        QPalette.ColorRole.ToolTipBase: theme.surface,
        QPalette.ColorRole.ToolTipText: theme.text,
        QPalette.ColorRole.Link: theme.accent,
    }
    for role, color in roles.items():
        palette.setColor(role, color)
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, theme.muted_text)
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, theme.muted_text)
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, theme.muted_text)
    return palette


def mix(a: QColor, b: QColor, t: float) -> QColor:
    t = min(max(t, 0.0), 1.0)
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
        a.alphaF() + (b.alphaF() - a.alphaF()) * t,
    )


def stylesheet_for(theme: Theme) -> str:
    """Soft, rounded controls with one accent colour."""
    return f"""
    QPushButton {{
        background: {theme.surface.name()};
        color: {theme.text.name()};
        border: 1px solid {theme.body.name()};
        border-radius: 10px;
        padding: 7px 16px;
    }}
    QPushButton:hover {{ border-color: {theme.accent.name()}; }}
    QPushButton:checked {{ background: {theme.exhale.name()}; color: {theme.on_exhale.name()}; }}
    QPushButton:disabled {{ color: {theme.muted_text.name()}; }}
    QPushButton#primary {{
        background: {theme.accent.name()};
        color: {theme.surface.name()};
        border: none;
        padding: 10px 28px;
    }}
    QPushButton#primary:disabled {{ background: {theme.body.name()}; color: {theme.text.name()}; }}
    QPushButton#practiceCard {{ border-radius: 20px; border: 1px solid {theme.body.name()}; }}
    QPushButton#practiceCard:hover {{ border: 2px solid {theme.accent.name()}; }}
    QPushButton[flat="true"] {{ border: none; background: transparent; color: {theme.accent.name()}; }}
    QFrame#noticeBar {{ background: {theme.surface.name()}; border: 1px solid {theme.body.name()}; }}
    """
