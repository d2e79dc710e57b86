"""Both palettes meet WCAG AA contrast, computed with WCAG 2's relative-luminance formula.

Body text needs 4.5:1 against what it is drawn on; the large phase words need 3:1.
The formula is written out here, independently of the app, so the test is its own judge.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton

from pacer.ui.common.theme import DAY, NIGHT, Theme, stylesheet_for

BODY_TEXT = 4.5
LARGE_TEXT = 3.0


def channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: QColor) -> float:
    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_formula_matches_wcags_reference_points():
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert contrast(QColor("#595959"), QColor("#ffffff")) == pytest.approx(7.0, abs=0.01)


PALETTES = [pytest.param(DAY, id="day"), pytest.param(NIGHT, id="night")]


def body_text_pairs(theme: Theme) -> dict[str, tuple[QColor, QColor]]:
    """Every pairing of text and ground the palette and its style sheet draw."""
    return {
        "text on the window": (theme.text, theme.background),
        "text on cards, buttons and the notice bar": (theme.text, theme.surface),
        "quiet text (hints, countdown) on the window": (theme.muted_text, theme.background),
        "quiet text on cards and fields": (theme.muted_text, theme.surface),
        "the main button's label": (theme.surface, theme.accent),
        "links and flat buttons on the window": (theme.accent, theme.background),
        "links and flat buttons on cards": (theme.accent, theme.surface),
        "a chosen toggle's label": (theme.on_exhale, theme.exhale),
        "selected text in a list": (theme.surface, theme.accent),
    }


@pytest.mark.parametrize("theme", PALETTES)
def test_body_text_has_at_least_4_5_to_1(theme):
    low = {
        name: round(contrast(fg, bg), 2)
        for name, (fg, bg) in body_text_pairs(theme).items()
        if contrast(fg, bg) < BODY_TEXT
    }
    assert low == {}


@pytest.mark.parametrize("theme", PALETTES)
def test_the_large_phase_words_have_at_least_3_to_1(theme):
    # Breathing in: the title is in the text colour; letting go: in its own calm colour.
    for words in (theme.text, theme.exhale_words):
        assert contrast(words, theme.background) >= LARGE_TEXT


@pytest.mark.parametrize("theme", PALETTES)
def test_no_colour_is_red(theme):
    for name, value in vars(theme).items():
        if isinstance(value, QColor) and value.hsvSaturationF() > 0.25:
            hue = value.hsvHue()
            assert 20 <= hue <= 340, f"{theme.name}.{name} {value.name()} reads as red"


@pytest.mark.parametrize("theme", PALETTES)
def test_a_chosen_toggle_is_drawn_with_its_readable_label_colour(qtbot, theme):
    button = QPushButton("██")  # solid glyphs: their inner pixels are the exact text colour
    button.setCheckable(True)
    button.setChecked(True)
    button.setStyleSheet(stylesheet_for(theme))
    font = button.font()
    font.setPixelSize(40)
    button.setFont(font)
    qtbot.addWidget(button)
    button.resize(160, 80)
    image = button.grab().toImage()
    colours = {
        image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
    }
    assert theme.exhale.name() in colours
    assert theme.on_exhale.name() in colours
