"""After a session: what was practised, and — only if wanted — how you feel and a note."""

from __future__ import annotations

import itertools

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

    def clear(self) -> None:
        for button in self._buttons:
            button.deleteLater()
        self._buttons.clear()


class SummaryPanel(QWidget):
    """Emits ``closed(choice_key_or_None, note)`` when the person is done.

    The choice answers the page's question: how you feel now (a key of ``FEELINGS``) after
    breathing or relaxation, how the muscles responded after trainer practice.
    """

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
        self._unit: float | None = None
        self.feelings = FeelingChoice(self)
        self._choice_row = QHBoxLayout()
        row = self._choice_row
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(NOTE_HINT)
        self.note.setAccessibleName(NOTE_HINT)  # a placeholder is not a name
        self.note.setMaxLength(2000)
        self.done = QPushButton("Done", self)
        self.done.setDefault(True)
        self.done.clicked.connect(self._finish)
        # Space has nothing to begin or pause while the ending shows, so a focused feeling or
        # Done takes it, as buttons do: the ending works from the keyboard alone.
        self.done.installEventFilter(self)
        self.set_question(FEELING_QUESTION, {f.key: f.label for f in FEELINGS})
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

    def set_question(self, question: str, choices: dict[str, str]) -> None:
        """The optional question after a session, and its answers (stored key → words)."""
        self.question.setText(question)
        self.feelings.clear()
        while self._choice_row.count():
            self._choice_row.takeAt(0)
        self._choice_row.addStretch(1)
        for key, label in choices.items():
            button = QPushButton(label, self)
            button.setCheckable(True)
            button.setProperty("feeling", key)
            button.installEventFilter(self)
            self.feelings.addButton(button)
            self._choice_row.addWidget(button)
        self._choice_row.addStretch(1)
        # Tab follows the screen: the answers left to right, then the note, then Done.
        chain = [*self.feelings.buttons(), self.note, self.done]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        if self._unit is not None:
            self.set_unit(self._unit)

    def set_unit(self, unit: float) -> None:
        """Type sized with the practice surface: larger in full screen."""
        self._unit = unit
        for widget, scale in (
            (self.sentence, 1.15),
            (self.question, 0.95),
            (self.note, 0.9),
            (self.done, 0.9),
            *((button, 0.85) for button in self.feelings.buttons()),
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
        speak_on_appearance(self, self.sentence.text(), self.question.text())

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
