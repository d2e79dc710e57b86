"""What screen readers are given, in process: the speaking API, focus, keys, roles, names.

The real readers (Orca 43 and a client listening for announcements) are in
tests/test_screen_reader.py; these tests pin the behaviour they rely on, fast.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pacer.core.breathing import BreathingTimeline, BreathPattern, Phase
from pacer.core.breathing.plan import BreathingPlan
from pacer.core.breathing.scene import pacer_scene
from pacer.core.session_clock import SessionState
from pacer.ui.breathing.belly_canvas import BellyCanvas
from pacer.ui.common import accessible_roles, announce
from pacer.ui.session.summary_panel import FEELING_QUESTION

# Offscreen Qt cannot pass a small test window's size hints on; nothing here depends on them.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def reader(monkeypatch):
    """A connected screen reader; ``reader.hears_announcements`` chooses which kind."""

    class Reader:
        def __init__(self) -> None:
            self.hears_announcements = True
            self.posted: list = []

    reader = Reader()
    monkeypatch.setattr(announce.QAccessible, "isActive", staticmethod(lambda: True))
    monkeypatch.setattr(
        announce.reader_events, "announcements_heard", lambda: reader.hears_announcements
    )
    monkeypatch.setattr(announce, "_post", reader.posted.append)
    return reader


@pytest.fixture
def place(qtbot):
    """A window with a speaking place (holding a label) and a button beside it."""
    window = QWidget()
    layout = QVBoxLayout(window)
    speaking = QWidget(window)
    speaking.setMinimumSize(100, 40)
    inner = QLabel("step", speaking)
    button = QPushButton("Pause", window)
    layout.addWidget(speaking)
    layout.addWidget(button)
    announce.make_speaking_place(speaking, "Practice")
    qtbot.addWidget(window)
    window.resize(300, 200)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    speaking.setFocus()
    qtbot.waitUntil(speaking.hasFocus)
    yield speaking, inner, button
    window.close()


def test_readers_that_listen_for_announcements_get_one_and_nothing_else(reader, place, qtbot):
    speaking, inner, button = place
    announce.announce(inner, "Breathe in, belly rises")
    assert len(reader.posted) == 1
    event = reader.posted[0]
    assert isinstance(event, QAccessibleAnnouncementEvent)
    assert event.message() == "Breathe in, belly rises"
    assert event.politeness() == QAccessible.AnnouncementPoliteness.Polite
    # Nothing else changes (such a reader would speak a name change too).
    assert speaking.accessibleName() == "Practice"
    assert speaking.accessibleDescription() == ""
    button.setFocus()
    speaking.setFocus()
    qtbot.waitUntil(speaking.hasFocus)
    assert speaking.accessibleName() == "Practice"


def test_older_readers_hear_each_message_as_the_focused_places_name(reader, place):
    reader.hears_announcements = False
    speaking, inner, _ = place
    announce.announce(inner, "Breathe in, belly rises")
    assert speaking.accessibleName() == "Breathe in, belly rises"
    assert reader.posted == [], "no announcement as well"
    announce.announce(inner, "Slowly out, let go")
    assert speaking.accessibleName() == "Slowly out, let go"
    # The same words again still change the name (a reader ignores an unchanged one).
    announce.announce(inner, "Slowly out, let go")
    assert speaking.accessibleName().strip() == "Slowly out, let go"
    assert speaking.accessibleName() != "Slowly out, let go"
    assert speaking.accessibleDescription() == ""


def test_away_from_focus_the_place_is_silent_and_catches_up_when_focus_returns(
    reader, place, qtbot
):
    reader.hears_announcements = False
    speaking, inner, button = place
    announce.announce(inner, "Breathe in, belly rises")
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    announce.announce(inner, "Slowly out, let go")
    assert speaking.accessibleName() == "Breathe in, belly rises", "unchanged without focus"
    announce.say_when_focused(inner, "Find a comfortable position.")
    assert speaking.accessibleName() == "Breathe in, belly rises"
    speaking.setFocus()
    qtbot.waitUntil(speaking.hasFocus)
    # Set before Qt reports the focus: the reader reads it once, with the focus.
    assert speaking.accessibleName() == "Find a comfortable position."


def test_a_panel_that_appears_takes_focus_with_its_words(qtbot, monkeypatch, tmp_path):
    log = tmp_path / "speech.log"
    monkeypatch.setenv(announce.SPEECH_LOG_ENV, str(log))
    window = QWidget()
    panel = QWidget(window)
    QVBoxLayout(window).addWidget(panel)
    qtbot.addWidget(window)
    window.resize(300, 200)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    announce.speak_on_appearance(panel, "How tense does your body feel?", "0 is soft.")
    qtbot.waitUntil(panel.hasFocus)
    assert panel.accessibleName() == "How tense does your body feel?"
    assert panel.accessibleDescription() == "0 is soft."
    _stamp, how, text = log.read_text().rstrip("\n").split("\t", 2)
    assert (how, text) == ("focus", "How tense does your body feel?\t0 is soft.")


def test_containers_are_silent_and_the_figure_is_an_image(qapp):
    accessible_roles.install()
    stack = QStackedWidget()
    assert QAccessible.queryAccessibleInterface(stack).role() == QAccessible.Role.Client
    canvas = BellyCanvas()
    interface = QAccessible.queryAccessibleInterface(canvas)
    assert interface.role() == QAccessible.Role.Graphic
    assert interface.text(QAccessible.Text.Name) == "Breathing picture: resting"


def test_the_figure_is_renamed_when_what_it_shows_changes_never_per_frame(qapp, monkeypatch):
    canvas = BellyCanvas()
    names = []
    original = canvas.setAccessibleName
    monkeypatch.setattr(
        canvas, "setAccessibleName", lambda name: (names.append(name), original(name))
    )
    timeline = BreathingTimeline(BreathPattern(inhale=4, hold=1, exhale=6, rest=1))
    for frame in range(24 * 60):  # two whole breaths at 60 frames a second
        canvas.set_scene(pacer_scene(timeline.snapshot(frame / 60), False))
    assert (
        names
        == [
            "Breathing picture: belly rising",
            "Breathing picture: resting",
            "Breathing picture: belly falling",
            "Breathing picture: resting",
        ]
        * 2
    )
    assert canvas.accessibleName() == "Breathing picture: resting"


def _shortcut_taken(widget: QWidget, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> bool:
    event = QKeyEvent(QEvent.Type.ShortcutOverride, key, modifiers)
    event.ignore()  # as Qt's shortcut map sends it
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def test_focus_rests_on_the_surface_which_takes_no_key(window, qtbot, fake_clock):
    window.show_page("breathing")
    page = window.breathing
    qtbot.keyClick(window, Qt.Key.Key_Space)
    surface = page.surface
    qtbot.waitUntil(surface.hasFocus)
    assert surface.accessibleName() == "Practice"
    for key, modifiers in (
        (Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_M, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier),
    ):
        assert not _shortcut_taken(surface, key, modifiers), key
    qtbot.keyClick(surface, Qt.Key.Key_Space)
    assert page.session.state is SessionState.PAUSED
    sound = window.context.preferences.sound
    qtbot.keyClick(surface, Qt.Key.Key_M)
    assert window.context.preferences.sound is not sound
    qtbot.keyClick(surface, Qt.Key.Key_F11)
    assert window.fullscreen.active
    assert surface.hasFocus() or surface.window().focusWidget() is surface
    qtbot.keyClick(surface, Qt.Key.Key_Escape)
    assert not window.fullscreen.active
    qtbot.keyClick(surface, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert page.session.state is SessionState.FINISHED


def test_tab_goes_top_to_bottom_through_the_choices_the_practice_and_the_controls(window, qtbot):
    window.show_page("breathing")
    page = window.breathing
    page.picker.pattern.setFocus()
    qtbot.waitUntil(page.picker.pattern.hasFocus)
    order = []
    for _ in range(7):
        order.append(QApplication.focusWidget())
        window.focusNextChild()
    assert order == [
        page.picker.pattern,
        page.picker.minutes,
        page.picker.manage,
        page.surface,
        page.start_button,
        page.fullscreen_button,  # End session is off until a session runs
        page.picker.pattern,
    ]


def test_pauses_are_spoken_and_the_end_is_not_taken_for_going_on(
    window, qtbot, fake_clock, monkeypatch
):
    spoken = []
    monkeypatch.setattr(
        "pacer.ui.session.practice_surface.announce", lambda widget, text: spoken.append(text)
    )
    window.show_page("breathing")
    page = window.breathing
    qtbot.keyClick(window, Qt.Key.Key_Space)
    fake_clock.advance(1)
    page.session.refresh()
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert spoken == [
        "Breathe in, belly rises",
        "Paused. Take all the time you need.",
        "Continuing. Breathe in, belly rises",
        "Paused. Take all the time you need.",
    ]


def test_the_ending_takes_focus_with_its_sentence_and_question(window, qtbot, fake_clock):
    window.show_page("breathing")
    page = window.breathing
    session = page.start_plan(BreathingPlan(BreathPattern(inhale=4, exhale=6), 0.5))
    fake_clock.advance(31)
    session.refresh()
    summary = page.surface.summary
    qtbot.waitUntil(summary.hasFocus)
    assert summary.accessibleName() == summary.sentence.text()
    assert summary.accessibleName().startswith("You breathed slowly for 30 seconds")
    assert summary.accessibleDescription() == FEELING_QUESTION
    assert summary.note.accessibleName() == "A note for yourself (optional)"

    # Every feeling is its own Tab stop, and Space picks it (nothing to begin meanwhile).
    stops = []
    for _ in range(8):
        window.focusNextChild()
        stops.append(QApplication.focusWidget())
    feelings = summary.feelings.buttons()
    assert stops[:8] == [*feelings, summary.note, summary.done, page.fullscreen_button]
    feelings[1].setFocus()
    qtbot.keyClick(feelings[1], Qt.Key.Key_Space)
    assert summary.selected_feeling() == "unsettled"
    assert page.session is session, "Space did not start a new session"

    given = []
    page.reflection_given.connect(lambda s, feeling, note: given.append(feeling))
    summary.setFocus()
    qtbot.keyClick(summary, Qt.Key.Key_Return)  # Return on the ending is Done
    assert given == ["unsettled"]
    assert not page.surface.summary_shown
    qtbot.waitUntil(page.surface.hasFocus)


def test_labels_are_linked_to_their_fields(window):
    window.show_page("breathing")
    picker = window.breathing.picker
    labels = {label.buddy(): label for label in picker.findChildren(QLabel) if label.buddy()}
    assert labels[picker.pattern].accessibleName() == "Breathing pattern"
    assert picker.pattern.accessibleName() == "Breathing pattern"  # Windows and macOS
    assert labels[picker.minutes].accessibleName() == "Session length in minutes"
    window.show_page("relaxation")
    options = window.relaxation.options
    for spin in (options.clench, options.release, options.closing):
        buddies = [label for label in options.findChildren(QLabel) if label.buddy() is spin]
        assert [label.accessibleName() for label in buddies] == [spin.accessibleName()]


def test_phase_words_follow_what_the_picture_shows(qapp):
    canvas = BellyCanvas()
    timeline = BreathingTimeline(BreathPattern(inhale=4, exhale=6))
    canvas.set_scene(pacer_scene(timeline.snapshot(1.0), False))
    assert canvas.scene.phase is Phase.INHALE
    assert canvas.accessibleName() == "Breathing picture: belly rising"
