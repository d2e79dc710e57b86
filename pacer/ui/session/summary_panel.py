"""After a session: what was practised, and — only if wanted — how you feel and a note."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pacer.core.practice_log.records import FEELINGS

FEELING_QUESTION = "If you like, how do you feel now?"


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
        self.feelings = QButtonGroup(self)
        self.feelings.setExclusive(False)
        self._choice_row = QHBoxLayout()
        self.feelings.buttonToggled.connect(self._keep_one)
        self.set_question(FEELING_QUESTION, {f.key: f.label for f in FEELINGS})
        row = self._choice_row
        self.note = QLineEdit(self)
        self.note.setPlaceholderText("A note for yourself (optional)")
        self.note.setMaxLength(2000)
        self.done = QPushButton("Done", self)
        self.done.setDefault(True)
        self.done.clicked.connect(self._finish)
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
        for button in self.feelings.buttons():
            self.feelings.removeButton(button)
            button.deleteLater()
        while self._choice_row.count():
            self._choice_row.takeAt(0)
        self._choice_row.addStretch(1)
        for index, (key, label) in enumerate(choices.items()):
            button = QPushButton(label, self)
            button.setCheckable(True)
            button.setProperty("feeling", key)
            self.feelings.addButton(button, index)
            self._choice_row.addWidget(button)
        self._choice_row.addStretch(1)
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
        self.done.setFocus()

    def selected_feeling(self) -> str | None:
        checked = self.feelings.checkedButton()
        return None if checked is None else checked.property("feeling")

    def _keep_one(self, button: QPushButton, checked: bool) -> None:
        if checked:
            for other in self.feelings.buttons():
                if other is not button:
                    other.setChecked(False)

    def _finish(self) -> None:
        self.closed.emit(self.selected_feeling(), self.note.text().strip())
