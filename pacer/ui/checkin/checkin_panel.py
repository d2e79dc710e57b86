"""The before/after check-in: one question, answered with one click or one key, always skippable.

"How tense does your body feel right now?" on a 0–10 scale, 0 completely soft. It sits
inside the practice surface (in the window and in full screen), so it is a plain widget,
never a modal dialog, and it is read from across a room: eleven large, evenly spaced
numbers and large type.

Keys: 0–9 answer at once, T answers 10 (shown on its button), S skips. Space and Esc are
never used here: Space begins or pauses practice and Esc leaves full screen, so both pass
on to the window untouched, even when one of the numbers has keyboard focus.

The panel answers once per question: after an answer or a skip it waits for the next
``ask()``, so a double click or a held key never answers twice.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from pacer.core.practice_log.records import TENSION_RANGE
from pacer.ui.common.theme import DAY, NIGHT, Theme, mix

QUESTION_BEFORE = "How tense does your body feel right now?"
QUESTION_AFTER = "And now? How tense does your body feel?"
SOFT_END = "completely soft"
TENSE_END = "as tense as it gets"
KEY_HINT = "Press a number, T for 10, or S to skip"
TEN_KEY = "T"
SKIP_KEY = "S"
_DIGIT_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(10)}
_BLOCKING_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
HIGHEST = max(TENSION_RANGE)
_FIXED = QSizePolicy.Policy.Fixed

# Sizes in pixels: (largest number button, question type, quiet type) for each reading.
_NEAR = (88, 28, 16)
_DISTANCE = (150, 52, 26)


def _theme_from_palette(widget: QWidget) -> Theme:
    window = widget.palette().color(QPalette.ColorRole.Window)
    return NIGHT if window.lightness() < 128 else DAY


class _KeyButton(QAbstractButton):
    """A large rounded button with its text and, if it has one, its key shown beneath."""

    def __init__(self, text: str, key_hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(text)
        self.key_hint = key_hint
        self.theme: Theme = DAY
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space:
            event.ignore()  # Space belongs to the practice (begin / pause), never an answer
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.isAutoRepeat():
            self.click()
        else:
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space:
            event.ignore()
        else:
            super().keyReleaseEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        theme = self.theme
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        radius = min(rect.width(), rect.height()) * 0.28
        fill = theme.surface
        border, width = mix(theme.body, theme.muted_text, 0.25), 1.5
        if self.isDown():
            fill = mix(theme.surface, theme.accent, 0.35)
        if self.underMouse():
            border, width = theme.accent, 2.0
        if self.hasFocus():
            border, width = theme.accent, 3.0
        painter.setPen(QPen(border, width))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, radius, radius)

        font = QFont(self.font())
        painter.setPen(theme.text)
        painter.setFont(font)
        if not self.key_hint:
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.text())
            painter.end()
            return
        hint_font = QFont(font)
        hint_font.setPixelSize(max(round(font.pixelSize() * 0.42), 10))
        hint_font.setWeight(QFont.Weight.Normal)
        text_rect = QRectF(rect.left(), rect.top(), rect.width(), rect.height() * 0.68)
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignHCenter, self.text()
        )
        painter.setFont(hint_font)
        painter.setPen(theme.muted_text)
        hint_rect = QRectF(rect.left(), text_rect.bottom(), rect.width(), rect.height() * 0.3)
        painter.drawText(
            hint_rect,
            Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter,
            f"key {self.key_hint}",
        )
        painter.end()


class CheckInPanel(QWidget):
    """One question, 0 (completely soft) to 10, answered with one click or key; or skipped.

    ``ask(before)`` sets the wording and makes the panel ready for one answer;
    ``answered(int)`` or ``skipped()`` follows. Keyboard focus moves to the panel when it
    is shown, so the keys work at once (its focus proxy is itself).
    """

    answered = Signal(int)
    skipped = Signal()

    def __init__(self, theme: Theme | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkInPanel")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._theme = theme
        self._distance = False
        self._before = True
        self._waiting = True

        self.question = QLabel(QUESTION_BEFORE, self)
        self.question.setObjectName("checkInQuestion")
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question.setWordWrap(True)

        self.buttons: tuple[_KeyButton, ...] = tuple(
            _KeyButton(str(n), TEN_KEY if n == HIGHEST else "", self) for n in TENSION_RANGE
        )
        self._scale = QWidget(self)
        scale_column = QVBoxLayout(self._scale)
        scale_column.setContentsMargins(0, 0, 0, 0)
        self._row = QHBoxLayout()
        self._row.setContentsMargins(0, 0, 0, 0)
        for value, button in zip(TENSION_RANGE, self.buttons, strict=True):
            button.setAccessibleName(f"Tension {value} of {HIGHEST}")
            if value == 0:
                button.setAccessibleDescription("Completely soft. Key 0.")
            elif value == HIGHEST:
                button.setAccessibleDescription(f"As tense as it gets. Key {TEN_KEY}.")
            else:
                button.setAccessibleDescription(f"Key {value}.")
            button.setToolTip(button.accessibleName())
            button.clicked.connect(lambda _=False, v=value: self._answer(v))
            self._row.addWidget(button)
        ends = QHBoxLayout()
        ends.setContentsMargins(0, 0, 0, 0)
        self.soft_label = QLabel(SOFT_END, self._scale)
        self.tense_label = QLabel(TENSE_END, self._scale)
        self.tense_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        ends.addWidget(self.soft_label)
        ends.addStretch(1)
        ends.addWidget(self.tense_label)
        scale_column.addLayout(self._row)
        scale_column.addLayout(ends)

        self.skip_button = _KeyButton("Skip", SKIP_KEY, self)
        self.skip_button.setAccessibleName("Skip this question")
        self.skip_button.setAccessibleDescription(f"Key {SKIP_KEY}.")
        self.skip_button.setToolTip(f"Skip this question ({SKIP_KEY})")
        self.skip_button.clicked.connect(self._skip)
        self.hint = QLabel(KEY_HINT, self)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addStretch(1)
        layout.addWidget(self.question)
        # The spaces around the numbers grow with them (see _apply_sizes).
        self._spacers = (QSpacerItem(0, 12, _FIXED, _FIXED), QSpacerItem(0, 12, _FIXED, _FIXED))
        layout.addSpacerItem(self._spacers[0])
        layout.addWidget(self._scale, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacerItem(self._spacers[1])
        layout.addWidget(self.skip_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self._layout = layout
        self._update_words()
        self._apply_theme()
        self._apply_sizes()

    # -- what the practice page uses ---------------------------------------------------------

    def ask(self, before: bool) -> None:
        """Ready for one answer: ``before`` practice ("…right now?") or after it ("And now?")."""
        self._before = before
        self._waiting = True
        self._update_words()
        if self.isVisible():
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def before(self) -> bool:
        return self._before

    @property
    def waiting(self) -> bool:
        """True until the question has been answered or skipped."""
        return self._waiting

    def set_distance_reading(self, distance: bool) -> None:
        """Larger type and buttons, for full screen read from across a room."""
        if distance != self._distance:
            self._distance = distance
            self._apply_sizes()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._apply_theme()

    @property
    def theme(self) -> Theme:
        return self._theme or _theme_from_palette(self)

    # -- input ---------------------------------------------------------------------------------

    def _answer(self, value: int) -> None:
        if self._waiting:
            self._waiting = False
            self.answered.emit(value)

    def _skip(self) -> None:
        if self._waiting:
            self._waiting = False
            self.skipped.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if event.modifiers() & _BLOCKING_MODIFIERS:
            event.ignore()  # Ctrl+1 and friends are the window's
            return
        if key in _DIGIT_KEYS:
            if not event.isAutoRepeat():
                self._answer(_DIGIT_KEYS[key])
        elif key == getattr(Qt.Key, f"Key_{TEN_KEY}"):
            if not event.isAutoRepeat():
                self._answer(HIGHEST)
        elif key == getattr(Qt.Key, f"Key_{SKIP_KEY}"):
            if not event.isAutoRepeat():
                self._skip()
        else:
            event.ignore()  # Space, Esc and the rest belong to the window
            return
        event.accept()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # After the show has settled, so a page switch in progress cannot take focus back.
        QTimer.singleShot(0, self, self._take_focus)

    def _take_focus(self) -> None:
        focused = QApplication.focusWidget()
        inside = focused is not None and (focused is self or self.isAncestorOf(focused))
        if self.isVisible() and not inside:
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- look ----------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._theme is None:
            self._apply_theme()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_sizes()

    def _update_words(self) -> None:
        question = QUESTION_BEFORE if self._before else QUESTION_AFTER
        self.question.setText(question)
        self.setAccessibleName(question)
        self.setAccessibleDescription(
            f"0 is completely soft, {HIGHEST} as tense as it gets. Keys 0 to 9, "
            f"{TEN_KEY} for {HIGHEST}, {SKIP_KEY} to skip."
        )

    def _apply_theme(self) -> None:
        theme = self.theme
        for button in (*self.buttons, self.skip_button):
            button.theme = theme
            button.update()
        for label, colour in (
            (self.question, theme.text),
            (self.soft_label, theme.muted_text),
            (self.tense_label, theme.muted_text),
            (self.hint, theme.muted_text),
        ):
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, colour)
            label.setPalette(palette)

    def _apply_sizes(self) -> None:
        largest, question_px, quiet_px = _DISTANCE if self._distance else _NEAR
        margins = self._layout.contentsMargins()
        room = max(self.width() - margins.left() - margins.right(), 200)
        # Eleven buttons with gaps a quarter of a button wide: 11 + 10 × 0.25 = 13.5 widths.
        side = max(min(largest, int(room / 13.5)), 36)
        gap = max(round(side * 0.25), 6)
        self._row.setSpacing(gap)
        for spacer in self._spacers:
            spacer.changeSize(0, round(side * 0.2), _FIXED, _FIXED)
        self._layout.invalidate()
        number = QFont(self.font())
        number.setPixelSize(round(side * 0.44))
        number.setWeight(QFont.Weight.DemiBold)
        for button in self.buttons:
            button.setFixedSize(side, side)
            button.setFont(number)
        self._scale.setFixedWidth(len(self.buttons) * side + (len(self.buttons) - 1) * gap)
        skip_font = QFont(self.font())
        skip_font.setPixelSize(max(round(side * 0.3), 14))
        self.skip_button.setFont(skip_font)
        self.skip_button.setFixedSize(round(side * 2.4), round(side * 0.85))
        fitted_question = min(question_px, max(round(room / 22), 16))
        for label, pixels, weight in (
            (self.question, fitted_question, QFont.Weight.Normal),
            (self.soft_label, quiet_px, QFont.Weight.Normal),
            (self.tense_label, quiet_px, QFont.Weight.Normal),
            (self.hint, max(round(quiet_px * 0.85), 12), QFont.Weight.Normal),
        ):
            font = QFont(self.font())
            font.setPixelSize(pixels)
            font.setWeight(weight)
            if label.font() != font:
                label.setFont(font)
