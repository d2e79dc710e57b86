"""The before/after check-in panel and its preference."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from pacer.core.preferences import Preferences, from_mapping, to_mapping
from pacer.ui.app_context import AppContext
from pacer.ui.checkin.checkin_panel import QUESTION_AFTER, QUESTION_BEFORE, CheckInPanel
from pacer.ui.common.theme import DAY, NIGHT, palette_for
from pacer.ui.preferences.preferences_dialog import PreferencesDialog

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


class Host(QWidget):
    """A parent that records the keys the panel lets through (as the window would get)."""

    def __init__(self) -> None:
        super().__init__()
        self.passed_on: list[int] = []
        self.panel = CheckInPanel(parent=self)
        QVBoxLayout(self).addWidget(self.panel)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.passed_on.append(event.key())


@pytest.fixture
def host(qtbot):
    widget = Host()
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def panel(host, qtbot):
    host.panel.ask(before=True)
    qtbot.waitUntil(host.panel.hasFocus)
    return host.panel


def pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    raw = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return raw[:, : image.width() * 4].reshape(image.height(), image.width(), 4)[..., [2, 1, 0]]


@pytest.mark.parametrize("value", range(11))
def test_one_click_on_a_number_answers_it(qtbot, panel, value):
    with qtbot.waitSignal(panel.answered) as answer:
        qtbot.mouseClick(panel.buttons[value], Qt.MouseButton.LeftButton)
    assert answer.args == [value]
    assert not panel.waiting


@pytest.mark.parametrize(
    ("key", "value"),
    [*((getattr(Qt.Key, f"Key_{n}"), n) for n in range(10)), (Qt.Key.Key_T, 10)],
)
def test_one_key_answers_at_once(qtbot, panel, key, value):
    with qtbot.waitSignal(panel.answered) as answer:
        qtbot.keyClick(panel, key)
    assert answer.args == [value]


def test_the_number_pad_answers_too(qtbot, panel):
    with qtbot.waitSignal(panel.answered) as answer:
        qtbot.keyClick(panel, Qt.Key.Key_7, Qt.KeyboardModifier.KeypadModifier)
    assert answer.args == [7]


def test_ten_shows_its_key_on_its_button(panel):
    assert panel.buttons[10].text() == "10"
    assert panel.buttons[10].key_hint == "T"


def test_skip_by_click_and_by_key(qtbot, panel):
    assert panel.skip_button.isVisible()
    with qtbot.waitSignal(panel.skipped):
        qtbot.mouseClick(panel.skip_button, Qt.MouseButton.LeftButton)
    panel.ask(before=False)
    with qtbot.waitSignal(panel.skipped), qtbot.assertNotEmitted(panel.answered):
        qtbot.keyClick(panel, Qt.Key.Key_S)


def test_one_answer_per_question(qtbot, panel):
    answers: list[int] = []
    panel.answered.connect(answers.append)
    qtbot.keyClick(panel, Qt.Key.Key_3)
    qtbot.keyClick(panel, Qt.Key.Key_5)
    qtbot.mouseClick(panel.buttons[8], Qt.MouseButton.LeftButton)
    with qtbot.assertNotEmitted(panel.skipped):
        qtbot.keyClick(panel, Qt.Key.Key_S)
    assert answers == [3]
    panel.ask(before=False)
    qtbot.keyClick(panel, Qt.Key.Key_2)
    assert answers == [3, 2]


@pytest.mark.parametrize("key", [Qt.Key.Key_Space, Qt.Key.Key_Escape])
def test_space_and_esc_pass_on_to_the_window_and_answer_nothing(qtbot, host, panel, key):
    with qtbot.assertNotEmitted(panel.answered), qtbot.assertNotEmitted(panel.skipped):
        qtbot.keyClick(panel, key)
        # Even with a number focused (Tab), Space does not press it.
        panel.buttons[4].setFocus()
        qtbot.keyClick(panel.buttons[4], key)
    assert host.passed_on == [key, key]
    assert panel.waiting


def test_ctrl_digits_are_left_to_the_window(qtbot, host, panel):
    with qtbot.assertNotEmitted(panel.answered):
        qtbot.keyClick(panel, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert Qt.Key.Key_1 in host.passed_on


def test_return_on_a_focused_number_answers_it(qtbot, panel):
    panel.buttons[6].setFocus()
    with qtbot.waitSignal(panel.answered) as answer:
        qtbot.keyClick(panel.buttons[6], Qt.Key.Key_Return)
    assert answer.args == [6]


def test_keys_work_as_soon_as_the_panel_is_shown(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    other = QWidget(window)
    other.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    layout.addWidget(other)
    panel = CheckInPanel(parent=window)
    panel.hide()
    layout.addWidget(panel)
    window.show()
    qtbot.waitExposed(window)
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    panel.ask(before=False)
    panel.show()
    qtbot.waitUntil(panel.hasFocus)
    with qtbot.waitSignal(panel.answered) as answer:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_4)
    assert answer.args == [4]


def test_the_wording_before_and_after(panel):
    assert panel.question.text() == QUESTION_BEFORE == "How tense does your body feel right now?"
    assert panel.accessibleName() == QUESTION_BEFORE
    panel.ask(before=False)
    assert panel.question.text() == QUESTION_AFTER
    assert not panel.before
    assert panel.soft_label.text() == "completely soft"
    assert panel.tense_label.text() == "as tense as it gets"


def test_everything_has_an_accessible_name(panel):
    names = [b.accessibleName() for b in panel.buttons]
    assert names == [f"Tension {n} of 10" for n in range(11)]
    assert "completely soft" in panel.buttons[0].accessibleDescription().lower()
    assert "key t" in panel.buttons[10].accessibleDescription().lower()
    assert panel.skip_button.accessibleName() == "Skip this question"
    assert "0 to 9" in panel.accessibleDescription()


def test_eleven_evenly_spaced_buttons_in_one_row(panel):
    lefts = [b.geometry().left() for b in panel.buttons]
    steps = {b - a for a, b in itertools.pairwise(lefts)}
    assert len(steps) == 1
    assert len({b.geometry().top() for b in panel.buttons}) == 1
    assert len({b.size().toTuple() for b in panel.buttons}) == 1
    assert panel.buttons[-1].geometry().right() < panel.width()


@pytest.mark.parametrize("theme", [DAY, NIGHT], ids=["day", "night"])
def test_it_paints_in_both_palettes(qtbot, theme):
    host = QWidget()
    qtbot.addWidget(host)
    host.setPalette(palette_for(theme))
    host.setAutoFillBackground(True)
    panel = CheckInPanel(theme, host)
    QVBoxLayout(host).addWidget(panel)
    host.resize(900, 600)
    host.show()
    qtbot.waitExposed(host)
    rgb = pixels(panel.grab().toImage()).astype(int)

    def count(colour, tolerance=10):
        target = np.array([colour.red(), colour.green(), colour.blue()])
        return int((np.abs(rgb - target).max(axis=2) <= tolerance).sum())

    button = panel.buttons[5].geometry()
    assert count(theme.surface, 2) > 11 * button.width() * button.height() * 0.5  # filled
    assert count(theme.text, 40) > 500  # numbers and the question are drawn
    reddish = (rgb[..., 0] > 150) & (rgb[..., 0] - np.maximum(rgb[..., 1], rgb[..., 2]) > 60)
    assert int(reddish.sum()) == 0


def test_distance_reading_makes_everything_larger(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    panel = CheckInPanel(parent=host)
    QVBoxLayout(host).addWidget(panel)
    host.resize(1920, 1080)
    host.show()
    qtbot.waitExposed(host)
    near_side = panel.buttons[0].width()
    near_type = panel.question.font().pixelSize()
    panel.set_distance_reading(True)
    assert panel.buttons[0].width() > near_side * 1.4
    assert panel.question.font().pixelSize() > near_type * 1.4
    assert panel.buttons[0].font().pixelSize() >= 60


def test_narrow_windows_still_fit_every_number(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    panel = CheckInPanel(parent=host)
    QVBoxLayout(host).addWidget(panel)
    host.resize(560, 480)
    host.show()
    qtbot.waitExposed(host)
    panel.set_distance_reading(True)
    assert panel.buttons[-1].mapTo(host, panel.buttons[-1].rect().topRight()).x() < host.width()


# -- the preference ------------------------------------------------------------------------


def test_the_check_in_is_on_by_default_and_survives_a_round_trip():
    assert Preferences().checkin is True
    stored = to_mapping(Preferences().with_changes(checkin=False))
    assert stored["checkin"] == "false"
    prefs, problems = from_mapping(stored)
    assert prefs.checkin is False
    assert problems == []
    prefs, problems = from_mapping({"checkin": "perhaps"})
    assert prefs.checkin is True
    assert problems


def test_the_preferences_dialog_turns_the_check_in_off_and_it_is_kept(qtbot, data_dir):
    context = AppContext(data_dir)
    dialog = PreferencesDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.checkin.text() == "Ask how tense I feel before and after"
    assert dialog.checkin.isChecked()
    dialog.checkin.setChecked(False)
    dialog.accept()
    assert context.preferences.checkin is False
    context.close()
    again = AppContext(data_dir)
    assert again.preferences.checkin is False
    again.close()
