"""A small, non-modal note shown when sound can't play; the session goes on quietly."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class SoundNotice(QFrame):
    """ "Sound isn't available right now: <reason>" with Retry and a way to dismiss it.

    Emits ``retry_requested`` when Retry is pressed; the owner calls ``AudioPlayer.retry()``
    and either hides the notice or shows the new reason.
    """

    retry_requested = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("soundNotice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Sound notice")
        self._label = QLabel(self)
        self._label.setWordWrap(True)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = QPushButton("Retry", self)
        self.retry_button.setToolTip("Try to start the sound again")
        self.retry_button.clicked.connect(self.retry_requested)
        self.close_button = QPushButton("Hide", self)
        self.close_button.setToolTip("Hide this note; practice carries on quietly")
        self.close_button.clicked.connect(self._dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addWidget(self._label, 1)
        layout.addWidget(self.retry_button)
        layout.addWidget(self.close_button)
        self.hide()

    @staticmethod
    def message_for(reason: str) -> str:
        reason = reason.strip().rstrip(".")
        if not reason:
            return "Sound isn't available right now. Your practice carries on quietly."
        return f"Sound isn't available right now: {reason}. Your practice carries on quietly."

    @property
    def text(self) -> str:
        return self._label.text()

    def show_reason(self, reason: str) -> None:
        self._label.setText(self.message_for(reason))
        self.setAccessibleDescription(self._label.text())
        self.show()

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()
