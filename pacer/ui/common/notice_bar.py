"""A quiet, dismissible line of information at the top of the window. Never modal."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class NoticeBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss = QPushButton("OK", self)
        self.dismiss.setAccessibleName("Dismiss this notice")
        self.dismiss.clicked.connect(self._next)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.dismiss)
        self._queue: list[str] = []
        self.hide()

    def post(self, message: str) -> None:
        if message in self._queue:
            return
        self._queue.append(message)
        self._show_first()

    def _show_first(self) -> None:
        if self._queue:
            self.label.setText(self._queue[0])
            self.show()
        else:
            self.hide()

    def _next(self) -> None:
        if self._queue:
            self._queue.pop(0)
        self._show_first()

    @property
    def messages(self) -> list[str]:
        return list(self._queue)
