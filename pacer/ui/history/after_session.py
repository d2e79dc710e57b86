"""After a session: an optional "how do you feel now?" in a few words, and a note.

Nothing is asked twice and nothing is required: choosing a word or writing a note is
saved to the session's record; leaving it is just as fine. No numbers are shown.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pacer.core.practice_log.records import FEELINGS
from pacer.core.practice_log.store import PracticeLog


class AfterSessionNote(QWidget):
    """Offers the feeling words and a note for one finished session of the log."""

    saved = Signal(str)  # the session id, after something was written
    dismissed = Signal()

    def __init__(self, log: PracticeLog, session_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("afterSessionNote")
        self._log = log
        self.session_id = session_id
        record = log.get(session_id)

        question = QLabel("How do you feel now? Only if you'd like to note it.")
        question.setWordWrap(True)
        self.feelings = QButtonGroup(self)
        self.feelings.setExclusive(True)
        row = QHBoxLayout()
        for index, feeling in enumerate(FEELINGS):
            button = QPushButton(feeling.label)
            button.setCheckable(True)
            button.setObjectName(f"feeling-{feeling.key}")
            button.setChecked(record is not None and record.feeling == feeling.key)
            self.feelings.addButton(button, index)
            row.addWidget(button)

        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("A note for yourself or your physiotherapist (optional)")
        self.note.setAccessibleName("Note about this session")
        self.note.setPlainText("" if record is None else record.note or "")
        self.note.setMaximumHeight(90)

        self.save_button = QPushButton("Keep this")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.skip_button = QPushButton("Not now")
        self.skip_button.clicked.connect(self.dismissed)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addLayout(buttons)

    def chosen_feeling(self) -> str | None:
        index = self.feelings.checkedId()
        return None if index < 0 else FEELINGS[index].key

    def save(self) -> None:
        self._log.set_feeling(self.session_id, self.chosen_feeling())
        self._log.set_note(self.session_id, self.note.toPlainText())
        self.saved.emit(self.session_id)
