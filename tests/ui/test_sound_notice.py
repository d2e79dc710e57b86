from __future__ import annotations

from PySide6.QtWidgets import QWidget

from pacer.core.audio.player import NO_PORTAUDIO
from pacer.ui.sound.notice import SoundNotice

UNKIND_WORDS = ("fail", "error", "missed", "!")


def make_notice(qtbot) -> tuple[QWidget, SoundNotice]:
    # Inside a window, as in the app; the window is never shown (offscreen Qt warns about
    # showing top-level windows), so visibility is checked with isHidden().
    window = QWidget()
    qtbot.addWidget(window)
    return window, SoundNotice(window)


def test_notice_says_why_calmly_and_offers_retry(qtbot):
    _window, notice = make_notice(qtbot)
    assert notice.isHidden()
    notice.show_reason(NO_PORTAUDIO)
    assert not notice.isHidden()
    assert notice.text.startswith("Sound isn't available right now: the sound library PortAudio")
    assert "carries on quietly" in notice.text
    assert not any(word in notice.text.lower() for word in UNKIND_WORDS)
    with qtbot.waitSignal(notice.retry_requested, timeout=1000):
        notice.retry_button.click()


def test_notice_can_be_hidden_and_is_not_modal(qtbot):
    _window, notice = make_notice(qtbot)
    notice.show_reason("")
    assert not notice.isModal()
    assert notice.text == "Sound isn't available right now. Your practice carries on quietly."
    with qtbot.waitSignal(notice.dismissed, timeout=1000):
        notice.close_button.click()
    assert notice.isHidden()


def test_notice_renders_something(qtbot):
    _window, notice = make_notice(qtbot)
    notice.resize(520, 64)
    notice.show_reason("no sound output was found")
    image = notice.grab().toImage()
    background = image.pixelColor(2, 2)
    differing = sum(
        image.pixelColor(x, y) != background
        for x in range(0, image.width(), 4)
        for y in range(0, image.height(), 4)
    )
    assert differing > 50
