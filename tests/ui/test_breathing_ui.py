"""The breathing page as a person meets it: what it paints, keys, full screen, the ending."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from pacer.core.breathing import BreathingTimeline, BreathPattern, Phase, figure
from pacer.core.breathing.plan import BreathingPlan
from pacer.core.breathing.scene import pacer_scene
from pacer.core.preferences import MotionSetting
from pacer.core.session_clock import SessionState
from pacer.ui.breathing.belly_canvas import BellyCanvas
from pacer.ui.common.theme import DAY


def pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(image.constBits(), dtype=np.uint8)
    return data.reshape(image.height(), image.bytesPerLine() // 4, 4)[:, : image.width(), :3].copy()


def hand_top(canvas: BellyCanvas) -> int:
    """Row of the topmost pixel of the belly hand, in the column through its centre."""
    image = pixels(canvas.grab().toImage())
    g = canvas._geometry
    column = image[:, round(g.point((figure.BELLY_HAND_X, 0.0)).x())]
    hand = DAY.body.darker(112)
    target = np.array([hand.blue(), hand.green(), hand.red()])
    rows = np.where(np.abs(column.astype(int) - target).sum(axis=1) <= 6)[0]
    assert rows.size, "the belly hand was not painted"
    return int(rows.min())


def render(snapshot, reduced: bool) -> BellyCanvas:
    canvas = BellyCanvas()
    canvas.resize(800, 360)
    canvas.set_scene(pacer_scene(snapshot, reduced))
    return canvas


TIMELINE = BreathingTimeline(BreathPattern(inhale=4, exhale=6))
PEAK = TIMELINE.snapshot(4.0)  # top of the in-breath
TROUGH = TIMELINE.snapshot(9.99)  # end of the out-breath


def test_belly_is_painted_higher_at_the_top_of_the_in_breath(qapp):
    peak, trough = render(PEAK, False), render(TROUGH, False)
    assert hand_top(peak) < hand_top(trough) - 20  # screen y grows downwards
    difference = np.abs(pixels(peak.grab().toImage()).astype(int) - pixels(trough.grab().toImage()))
    assert (difference.sum(axis=2) > 30).sum() > 2000


def test_reduced_motion_changes_brightness_not_size(qapp):
    peak, trough = render(PEAK, True), render(TROUGH, True)
    assert hand_top(peak) == hand_top(trough)
    peak_pixels = pixels(peak.grab().toImage()).astype(int)
    trough_pixels = pixels(trough.grab().toImage()).astype(int)
    assert np.abs(peak_pixels - trough_pixels).sum() > 0, "nothing changed at all"


def test_only_the_belly_region_is_repainted_each_frame(qapp, qtbot):
    canvas = BellyCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(800, 360)
    canvas.show()
    qtbot.waitExposed(canvas)
    painted = []
    original = canvas.paintEvent

    def spy(event):
        painted.append(event.rect())
        original(event)

    canvas.paintEvent = spy
    qtbot.waitUntil(lambda: bool(painted))  # the first paint after showing covers everything
    qtbot.wait(50)
    painted.clear()
    for frame in range(1, 6):
        canvas.set_scene(pacer_scene(TIMELINE.snapshot(0.3 * frame), False))
        QApplication.processEvents()
    assert len(painted) == 5
    largest = max(r.width() * r.height() for r in painted)
    assert largest < 0.3 * canvas.width() * canvas.height()


def test_exhale_has_its_own_words_and_colour(window, fake_clock):
    page = window.breathing
    window.show_page("breathing")
    session = page.start_plan(BreathingPlan(BreathPattern(inhale=4, exhale=6), 5))
    fake_clock.advance(1.0)
    session.refresh()
    assert page.surface.title.text() == "Breathe in"
    inhale_style = page.surface.title.styleSheet()
    fake_clock.advance(4.0)
    session.refresh()
    assert page.surface.title.text() == "Slowly out… let go"
    assert "soften" in page.surface.hint.text()
    assert page.surface.title.styleSheet() != inhale_style


def test_space_starts_and_pauses_and_timers_stop_when_idle(window, qtbot, fake_clock):
    window.show_page("breathing")
    page = window.breathing
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert page.session is not None
    assert page.session.state is SessionState.RUNNING
    assert page.session.frame_timer_active
    fake_clock.advance(3)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert page.session.state is SessionState.PAUSED
    assert not page.session.frame_timer_active
    assert page.start_button.text() == "Continue"
    assert "Paused" in page.surface.hint.text()
    fake_clock.advance(60)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert page.session.elapsed() == pytest.approx(3.0)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert page.session.state is SessionState.FINISHED
    running = [t for t in window.findChildren(QTimer) if t.isActive()]
    assert running == [], "a timer keeps running with no session"


def test_a_timed_session_ends_softly_with_a_kind_summary(window, qtbot, fake_clock):
    window.show_page("breathing")
    page = window.breathing
    session = page.start_plan(BreathingPlan(BreathPattern(inhale=4, exhale=6), 0.5))
    fake_clock.advance(31)
    session.refresh()
    assert session.outcome is not None
    assert session.outcome.ended.value == "completed"
    assert page.surface.summary_shown
    assert (
        page.surface.summary.sentence.text()
        == "You breathed slowly for 30 seconds — 3 unhurried breaths."
    )
    given = []
    page.reflection_given.connect(lambda s, feeling, note: given.append((feeling, note)))
    page.surface.summary.feelings.button(3).click()
    page.surface.summary.note.setText("warm feet")
    page.surface.summary.done.click()
    assert given == [("softer", "warm feet")]
    assert not page.surface.summary_shown


def test_f11_lends_the_pacer_to_a_full_screen_window_and_esc_brings_it_back(window, qtbot):
    window.show_page("breathing")
    view = window.breathing.surface
    qtbot.keyClick(window, Qt.Key.Key_F11)
    fullscreen = window.fullscreen.window
    assert fullscreen is not None
    assert view.window() is fullscreen
    assert fullscreen.windowState() & Qt.WindowState.WindowFullScreen
    qtbot.keyClick(fullscreen, Qt.Key.Key_Space)
    assert window.breathing.session.state is SessionState.RUNNING
    qtbot.keyClick(fullscreen, Qt.Key.Key_Escape)
    assert window.fullscreen.window is None
    assert view.window() is window
    assert view.isVisible()


def test_full_screen_hides_the_cursor_when_idle(window, qtbot):
    window.show_page("breathing")
    window.toggle_fullscreen()
    fullscreen = window.fullscreen.window
    fullscreen._idle.setInterval(10)
    fullscreen._wake()
    qtbot.waitUntil(lambda: fullscreen.cursor_hidden)
    assert not fullscreen.targets_shown
    fullscreen._wake()
    assert not fullscreen.cursor_hidden
    window.fullscreen.leave()


def test_reduced_motion_preference_reaches_the_view(window):
    window.context.update_preferences(motion=MotionSetting.REDUCED)
    assert window.breathing.surface._reduced_motion is True
    window.context.update_preferences(motion=MotionSetting.FULL)
    assert window.breathing.surface._reduced_motion is False


def test_countdown_is_off_by_default_and_counts_whole_seconds(window, fake_clock):
    page = window.breathing
    session = page.start_plan(BreathingPlan(BreathPattern(inhale=4, exhale=6), 5))
    fake_clock.advance(0.5)
    session.refresh()
    assert not page.surface.countdown.isVisibleTo(page)
    window.context.update_preferences(countdown=True)
    fake_clock.advance(0.2)
    session.refresh()
    assert page.surface.countdown.text() == "4"
    fake_clock.advance(3.0)
    session.refresh()
    assert page.surface.countdown.text() == "1"


def test_closing_the_window_ends_a_running_session_as_ended_early(window, fake_clock):
    session = window.breathing.start_plan(BreathingPlan(BreathPattern(inhale=4, exhale=6), 5))
    fake_clock.advance(12)
    window.close()
    QApplication.processEvents()
    assert session.outcome.ended.value == "ended_early"
    assert session.outcome.practised_seconds == pytest.approx(12)
    assert session.outcome.last_snapshot.phase is Phase.INHALE


def test_quitting_the_application_is_not_blocked_by_full_screen(window, qtbot):
    window.show_page("breathing")
    window.toggle_fullscreen()
    fullscreen = window.fullscreen.window
    assert fullscreen.close() is True
    assert window.fullscreen.window is None
    assert window.breathing.surface.window() is window


def test_each_phase_change_is_announced_once_to_screen_readers(window, fake_clock, monkeypatch):
    spoken = []
    monkeypatch.setattr(
        "pacer.ui.session.practice_surface.announce", lambda widget, text: spoken.append(text)
    )
    session = window.breathing.start_plan(BreathingPlan(BreathPattern(inhale=4, exhale=6), 5))
    for _ in range(20 * 60):  # 20 s of frames: two whole breaths
        fake_clock.advance(1 / 60)
        session.refresh()
    assert spoken == ["Breathe in, belly rises", "Slowly out, let go"] * 2


def test_announcements_reach_qt_accessibility_politely(qapp, monkeypatch):
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QLabel

    from pacer.ui.common import announce as module

    events = []
    monkeypatch.setattr(module.QAccessible, "isActive", staticmethod(lambda: True))
    monkeypatch.setattr(
        module.QAccessible,
        "updateAccessibility",
        staticmethod(lambda event: events.append((event.message(), event.politeness()))),
    )
    label = QLabel()
    module.announce(label, "Rest")
    assert events == [("Rest", QAccessible.AnnouncementPoliteness.Polite)]


def _full_screen_session(window, fake_clock, page=None):
    page = page or window.breathing
    session = page.start_plan(BreathingPlan(BreathPattern(inhale=4, exhale=6), 5))
    window.enter_fullscreen()
    fullscreen = window.fullscreen.window
    assert fullscreen is not None
    fake_clock.advance(2)
    session.refresh()
    return session, fullscreen


def test_in_full_screen_space_pauses_and_continues_and_no_button_takes_it(
    window, qtbot, fake_clock
):
    session, fullscreen = _full_screen_session(window, fake_clock)
    fullscreen._wake()  # the large targets are showing, as after a mouse movement
    for button in (fullscreen.leave_button, fullscreen.toggle_button):
        assert button.focusPolicy() == Qt.FocusPolicy.NoFocus
    qtbot.keyClick(fullscreen, Qt.Key.Key_Space)
    assert session.state is SessionState.PAUSED
    assert window.fullscreen.active, "Space never leaves full screen"
    assert fullscreen.toggle_button.text().startswith("Continue")
    qtbot.keyClick(fullscreen, Qt.Key.Key_Space)
    assert session.state is SessionState.RUNNING
    assert fullscreen.toggle_button.text().startswith("Pause")
    fullscreen.toggle_button.click()  # the large target does the same as Space
    assert session.state is SessionState.PAUSED
    window.fullscreen.leave()


def test_in_full_screen_m_toggles_sound_and_f11_and_esc_leave(window, qtbot, fake_clock):
    _session, fullscreen = _full_screen_session(window, fake_clock)
    before = window.context.preferences.sound
    qtbot.keyClick(fullscreen, Qt.Key.Key_M)
    assert window.context.preferences.sound is (not before)
    qtbot.keyClick(fullscreen, Qt.Key.Key_M)
    assert window.context.preferences.sound is before
    qtbot.keyClick(fullscreen, Qt.Key.Key_F11)
    assert not window.fullscreen.active
    window.enter_fullscreen()
    qtbot.keyClick(window.fullscreen.window, Qt.Key.Key_Escape)
    assert not window.fullscreen.active


def test_in_full_screen_ctrl_e_ends_the_session_there_calmly(window, qtbot, fake_clock):
    session, fullscreen = _full_screen_session(window, fake_clock)
    qtbot.keyClick(fullscreen, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert session.outcome.ended.value == "ended_early"
    assert window.fullscreen.window is fullscreen, "the ending stays in full screen"
    surface = window.breathing.surface
    assert surface.window() is fullscreen
    assert surface.summary_shown
    assert surface.summary.isVisible()
    assert surface.title.text() == "Gently come back"
    assert not fullscreen.toggle_button.isVisible(), "nothing to begin while reading"
    qtbot.keyClick(fullscreen, Qt.Key.Key_Space)  # Space does not start anew over the summary
    assert window.breathing.session is session
    surface.summary.done.click()
    assert window.fullscreen.active, "it stays until the person leaves"
    window.fullscreen.leave()


def test_in_full_screen_ctrl_q_quits_and_keeps_the_session_as_ended_early(
    window, qtbot, fake_clock
):
    session, fullscreen = _full_screen_session(window, fake_clock)
    qtbot.keyClick(fullscreen, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert session.outcome.ended.value == "ended_early"
    assert not window.isVisible()
    assert window.fullscreen.window is None


def test_the_figure_settles_slowly_at_the_end(window, qtbot, fake_clock):
    page = window.breathing
    session = page.start_plan(BreathingPlan(BreathPattern(inhale=4, exhale=6), 5))
    fake_clock.advance(3.9)  # near the top of an in-breath
    session.refresh()
    risen = page.surface.canvas.scene.rise
    assert risen > 0.9
    page.stop()
    assert page.surface.canvas.settling
    assert page.surface.canvas.scene.rise == pytest.approx(risen)
    qtbot.waitUntil(lambda: not page.surface.canvas.settling, timeout=5000)
    assert page.surface.canvas.scene.rise == 0.0


def test_the_glow_is_dithered_so_its_slope_shows_no_rings(qapp):
    from pacer.ui.breathing.belly_canvas import _glow_mask

    mask = _glow_mask(160)
    size = mask.width()
    centre = (size - 1) / 2
    alpha = np.frombuffer(mask.constBits(), dtype=np.uint8).reshape(size, mask.bytesPerLine())
    alpha = alpha[:, :size].astype(int)
    ys, xs = np.mgrid[0:size, 0:size]
    radius = np.hypot(xs - centre, ys - centre) / centre
    # Each value is the smooth slope rounded up or down at random: the grain that breaks up
    # the rings an 8-bit gradient would show, and never more than one step from the slope.
    inside = radius < 1.0
    smooth = (np.clip(1.0 - radius**2, 0.0, 1.0) ** 2 * 255)[inside]
    grain = alpha[inside] - np.floor(smooth)
    assert set(np.unique(grain).tolist()) <= {0, 1}
    assert 0.3 < grain.mean() < 0.7
    # …and the slope itself falls smoothly from the centre to nothing at the edge.
    profile = [alpha[(radius > r) & (radius < r + 0.05)].mean() for r in np.arange(0, 0.95, 0.05)]
    assert all(a >= b for a, b in itertools.pairwise(profile))
    assert profile[0] > 240
    assert alpha[radius >= 1.0].max() == 0
