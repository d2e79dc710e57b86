"""After a session: what was practised, and — only if wanted — how you feel and a note."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pacer.core.practice_log.records import FEELINGS
from pacer.ui.common.announce import speak_on_appearance

FEELING_QUESTION = "If you like, how do you feel now?"
NOTE_HINT = "A note for yourself (optional)"


class FeelingChoice(QObject):
    """At most one feeling, and every feeling its own Tab stop.

    (A ``QButtonGroup`` would leave only one of them in the Tab order, reached by arrow
    keys — a pattern screen readers only announce for radio buttons.)
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._buttons: list[QPushButton] = []

    def addButton(self, button: QPushButton) -> None:
        self._buttons.append(button)
        button.toggled.connect(lambda checked, button=button: self._keep_one(button, checked))

    def button(self, index: int) -> QPushButton:
        return self._buttons[index]

    def buttons(self) -> list[QPushButton]:
        return list(self._buttons)

    def checkedButton(self) -> QPushButton | None:
        return next((b for b in self._buttons if b.isChecked()), None)

    def _keep_one(self, button: QPushButton, checked: bool) -> None:
        if checked:
            for other in self._buttons:
                if other is not button:
                    other.setChecked(False)


class SummaryPanel(QWidget):
    """Emits ``closed(feeling_key_or_None, note)`` when the person is done."""

    closed = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sentence = QLabel(self)
        self.sentence.setWordWrap(True)
        self.sentence.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sentence.setObjectName("summarySentence")
        question = QLabel(FEELING_QUESTION, self)
        question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        question.setWordWrap(True)
        self.question = question
        self.feelings = FeelingChoice(self)
        row = QHBoxLayout()
        row.addStretch(1)
        for feeling in FEELINGS:
            button = QPushButton(feeling.label, self)
            button.setCheckable(True)
            button.setProperty("feeling", feeling.key)
            self.feelings.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(NOTE_HINT)
        self.note.setAccessibleName(NOTE_HINT)  # a placeholder is not a name
        self.note.setMaxLength(2000)
        self.done = QPushButton("Done", self)
        self.done.setDefault(True)
        self.done.clicked.connect(self._finish)
        # Space has nothing to begin or pause while the ending shows, so a focused feeling or
        # Done takes it, as buttons do: the ending works from the keyboard alone.
        for button in (*self.feelings.buttons(), self.done):
            button.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sentence)
        layout.addSpacing(8)
        layout.addWidget(question)
        layout.addLayout(row)
        layout.addWidget(self.note)
        done_row = QHBoxLayout()
        done_row.addStretch(1)
        done_row.addWidget(self.done)
        layout.addLayout(done_row)

    def set_unit(self, unit: float) -> None:
        """Type sized with the practice surface: larger in full screen."""
        for widget, scale in (
            (self.sentence, 1.35),
            (self.question, 1.0),
            (self.note, 1.0),
            (self.done, 1.0),
            *((button, 0.95) for button in self.feelings.buttons()),
        ):
            font = QFont(widget.font())
            font.setPixelSize(max(round(unit * scale), 12))
            widget.setFont(font)

    def present(self, sentence: str) -> None:
        self.sentence.setText(sentence)
        for button in self.feelings.buttons():
            button.setChecked(False)
        self.note.clear()

    def speak(self) -> None:
        """Once shown: take focus, so every screen reader reads the sentence and the question.

        Focus lands on the panel itself (it takes no key but Return, which means Done);
        Tab goes on to the feelings, the note and Done.
        """
        speak_on_appearance(self, self.sentence.text(), FEELING_QUESTION)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.hasFocus():
            self._finish()
        else:
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Space
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            event.accept()
            return True
        return super().eventFilter(watched, event)

    def selected_feeling(self) -> str | None:
        checked = self.feelings.checkedButton()
        return None if checked is None else checked.property("feeling")

    def _finish(self) -> None:
        self.closed.emit(self.selected_feeling(), self.note.text().strip())
